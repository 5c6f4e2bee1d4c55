#!/usr/bin/env python3
# check-golden.py: the xml writer's dump of the sample equals the golden
# file, is well-formed, and is the same on a second run.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: check-golden.py INPUT GOLDEN. PRENSA_UPDATE_GOLDEN=1 rewrites
GOLDEN instead (review the diff before committing)."""
import difflib
import os
import subprocess
import sys
import xml.dom.minidom


def convert(path):
    return subprocess.run([os.environ["PRENSA"], path, "-t", "xml", "-o", "-"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def main():
    source, golden = sys.argv[1:3]
    out = convert(source)
    if os.environ.get("PRENSA_UPDATE_GOLDEN") == "1":
        with open(golden, "w", encoding="utf-8") as f:
            f.write(out)
        print(f"updated {golden}")
        return 0
    xml.dom.minidom.parseString(out.encode("utf-8"))  # raises when malformed
    if convert(source) != out:
        print("two runs gave different output")
        return 1
    with open(golden, encoding="utf-8") as f:
        want = f.read()
    if out != want:
        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), out.splitlines(True),
                                                   "golden", "now"))
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
