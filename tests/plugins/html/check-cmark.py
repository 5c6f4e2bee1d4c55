#!/usr/bin/env python3
# check-cmark.py: the body of an ordinary document matches cmark --unsafe.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""For every corpus file without speakers, compares prensa's fragment
output, less the header made from front matter, the part's wrapper and the
heading ids, with the CommonMark reference renderer's output."""
import difflib
import re
import shutil
import subprocess
import sys

import htmltest

FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)


def reference(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    body = FRONT_MATTER.sub("", text, count=1)
    # prensa turns on smart punctuation by default, as cmark --smart does.
    run = subprocess.run(["cmark", "--unsafe", "--smart"], input=body,
                         capture_output=True, text=True, check=True)
    return run.stdout


def ours(path):
    html = htmltest.prensa(path, "fragment")
    html = re.sub(r"\A<(article|div) class=\"document\">\n", "", html)
    html = re.sub(r"</(article|div)>\n\Z", "", html)
    html = re.sub(r"\A<header>\n.*?</header>\n", "", html, flags=re.S)
    return re.sub(r"<(h[1-6]) id=\"[^\"]*\">", r"<\1>", html)


def main():
    if not shutil.which("cmark"):
        htmltest.missing("cmark (the CommonMark reference renderer)")
    results = htmltest.Results()
    for path in htmltest.corpus_files():
        with open(path, encoding="utf-8") as f:
            if "\nspeakers:" in f.read():
                continue
        want, got = reference(path), ours(path)
        if want != got:
            sys.stderr.writelines(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), "cmark", "prensa"))
        results.check(want == got, f"{path}: body differs from cmark --unsafe")
        results.check(len(want) > 200, f"{path}: cmark output suspiciously short")
    results.finish()


if __name__ == "__main__":
    main()
