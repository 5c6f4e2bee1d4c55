#!/usr/bin/env python3
"""One byline rule, one date and smart metadata in all five writers.

An interview whose authors are not its speakers must name both the
conversation ("Quinn Asker talks to Ana Replies") and the authors ("By Ann
Editor and Bob Writer"), curl the title's apostrophe and spell the date, in
the text a reader sees of each format: txt as written, HTML and EPUB as
text without tags, DOCX's document.xml text, the PDF through pdftotext."""
import html
import os
import re
import subprocess
import sys
import tempfile
import zipfile

PRENSA = os.environ["PRENSA"]
CI = os.environ.get("CI") == "true"
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


def untag(markup):
    text = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(text))


def text_of(fmt, path):
    if fmt == "txt":
        return re.sub(r"\s+", " ", open(path, encoding="utf-8").read())
    if fmt == "html":
        return untag(open(path, encoding="utf-8").read())
    if fmt in ("epub", "docx"):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith(".xhtml")] if fmt == "epub" \
                else ["word/document.xml"]
            # DOCX runs split text: join runs with nothing between them.
            parts = [z.read(n).decode() for n in names]
        if fmt == "docx":
            return " ".join(re.sub(r"\s+", " ", "".join(
                re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p.replace("</w:p>", "</w:p><w:t> </w:t>"))))
                for p in parts)
        return untag(" ".join(parts))
    try:
        out = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        if CI:
            sys.exit("pdftotext (poppler-utils) is missing")
        return None
    return re.sub(r"\s+", " ", out)


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
