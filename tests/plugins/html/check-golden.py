#!/usr/bin/env python3
# check-golden.py: the sample's HTML equals the reviewed golden file.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: check-golden.py GOLDEN. With PRENSA_UPDATE_GOLDEN=1 in the
environment it rewrites GOLDEN instead (review the diff before committing)."""
import difflib
import os
import sys

import htmltest


def main():
    golden = sys.argv[1]
    html = htmltest.prensa(htmltest.SAMPLE)
    again = htmltest.prensa(htmltest.SAMPLE)
    if os.environ.get("PRENSA_UPDATE_GOLDEN") == "1":
        with open(golden, "w", encoding="utf-8") as f:
            f.write(html)
        print(f"updated {golden}")
        return
    with open(golden, encoding="utf-8") as f:
        want = f.read()
    results = htmltest.Results()
    results.check(html == again, "two runs gave different output")
    if html != want:
        sys.stderr.writelines(difflib.unified_diff(
            want.splitlines(True), html.splitlines(True), "golden", "now"))
    results.check(html == want, "sample HTML differs from the golden file")
    results.finish()


if __name__ == "__main__":
    main()
