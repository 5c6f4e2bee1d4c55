#!/usr/bin/env python3
"""One byline rule, one date and smart metadata in all five writers.

An interview whose authors are not its speakers must name both the
conversation ("Quinn Asker talks to Ana Replies") and the authors ("By Ann
Editor and Bob Writer"), curl the title's apostrophe and spell the date, in
the text a reader sees of each format: txt as written, HTML and EPUB as
text without tags, DOCX's document.xml text, the PDF through pdftotext."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from factlib import text_of  # noqa: E402

PRENSA = os.environ["PRENSA"]
SOURCE = """---
title: "A tenants' garden"
author: [Ann Editor, Bob Writer]
date: 2021-05-04
speakers:
  - {id: Q, name: Quinn Asker, role: interviewer}
  - {id: A, name: Ana Replies, role: interviewee}
---

Q: Why a garden?

A: Because the lot was empty.
"""
WANT = ["Quinn Asker talks to Ana Replies", "By Ann Editor and Bob Writer",
        "A tenants\u2019 garden", "May 4, 2021"]


def main():
    failed = passed = 0
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "garden.md")
        with open(src, "w", encoding="utf-8") as f:
            f.write(SOURCE)
        for fmt in ("txt", "html", "epub", "docx", "pdf"):
            out = os.path.join(d, "garden." + fmt)
            p = subprocess.run([PRENSA, src, "-t", fmt, "-o", out], capture_output=True, text=True)
            text = text_of(fmt, out) if p.returncode == 0 else ""
            if text is None:
                print("# %s not checked" % fmt)
                continue
            missing = [w for w in WANT if w not in text]
            # PDF bylines set names in bold runs: pdftotext keeps the words.
            print(("ok " if not missing else "FAIL ") + "%s: missing %r" % (fmt, missing))
            if missing:
                failed += 1
                print("#   " + text[:400])
            else:
                passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
