#!/usr/bin/env python3
# check-cmark.py: the body of an ordinary document matches cmark --unsafe.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""For every corpus file without speakers, compares prensa's fragment
output, less the header made from front matter, the part's wrapper and the
heading ids, with the CommonMark reference renderer's output."""
import difflib
import re
import shutil
import os
import subprocess
import tempfile
import sys

import htmltest

FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)


def body_of(path):
    with open(path, encoding="utf-8") as f:
        return FRONT_MATTER.sub("", f.read(), count=1)


def reference(path, smart):
    # The markdown reader turns on smart punctuation, as cmark --smart does;
    # the commonmark reader is strict CommonMark.
    run = subprocess.run(["cmark", "--unsafe"] + (["--smart"] if smart else []), input=body_of(path),
                         capture_output=True, text=True, check=True)
    return run.stdout


def ours(path, *reader):
    # An ordinary document is what cmark renders: no turns found from
    # "Q:" labels (the interview pass would make them an interview).
    # parity with cmark --unsafe: raw HTML kept as it is
    html = htmltest.prensa(path, "fragment", extra=(*reader, "-M", "turns=labelled", "--unsafe"))
    html = re.sub(r"\A<(article|div) class=\"document\">\n", "", html)
    html = re.sub(r"</(article|div)>\n\Z", "", html)
    html = re.sub(r"\A<header>\n.*?</header>\n", "", html, flags=re.S)
    # The address a link prints on paper is ours, not cmark's.
    html = re.sub(r" data-print-href=\"[^\"]*\"", "", html)
    return re.sub(r"<(h[1-6]) id=\"[^\"]*\">", r"<\1>", html)


def main():
    if not shutil.which("cmark"):
        htmltest.missing("cmark (the CommonMark reference renderer)")
    results = htmltest.Results()
    for path in htmltest.corpus_files():
        with open(path, encoding="utf-8") as f:
            if "\nspeakers:" in f.read():
                continue
        with tempfile.TemporaryDirectory() as tmp:
            # -f commonmark reads no front matter: give it the body alone.
            strict = os.path.join(tmp, "body.md")
            with open(strict, "w", encoding="utf-8") as f:
                f.write(body_of(path))
            runs = [("cmark --unsafe", reference(path, False), ours(strict, "-f", "commonmark"))]
        # commonmark.md probes what CommonMark leaves as text and GFM does
        # not ("- [ ] x" is a task in the markdown reader), so only the
        # strict reader must match cmark on it.
        if not path.endswith("commonmark.md"):
            runs.append(("cmark --unsafe --smart", reference(path, True), ours(path)))
        for name, want, got in runs:
            if want != got:
                sys.stderr.writelines(difflib.unified_diff(
                    want.splitlines(True), got.splitlines(True), name, "prensa"))
            results.check(want == got, f"{path}: body differs from {name}")
            results.check(len(want) > 200, f"{path}: {name} output suspiciously short")
    results.finish()


if __name__ == "__main__":
    main()
