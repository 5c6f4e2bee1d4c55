#!/usr/bin/env python3
"""Each part of a book made of several inputs is a part in every print
format: a PDF part runs its own title as its running head, with none on
its opening page (pdftotext -layout: a page's first line); a DOCX part
title carries outline level 0, so Word's navigation pane lists it."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PRENSA = os.environ["PRENSA"]
SAMPLE = os.path.join(os.environ["PRENSA_SOURCE_ROOT"], "samples", "interview.md")
CI = os.environ.get("CI") == "true"


def main():
    if shutil.which("pdftotext") is None:
        if CI:
            sys.exit("pdftotext (poppler-utils) is missing")
        print("# pdftotext missing: not run")
        return 0
    failed = passed = 0
    with tempfile.TemporaryDirectory() as d:
        second = os.path.join(d, "second.md")
        text = open(SAMPLE, encoding="utf-8").read()
        with open(second, "w", encoding="utf-8") as f:
            f.write(re.sub(r"(?m)^title: .*$", "title: Second Part Title", text, count=1))
        out = os.path.join(d, "two.pdf")
        subprocess.run([PRENSA, SAMPLE, second, "-t", "pdf", "-o", out], check=True, capture_output=True)
        pages = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        first_lines = [next((l.strip() for l in p.splitlines() if l.strip()), "") for p in pages]
        opening = next(i for i, p in enumerate(pages) if i > 0 and "Second Part Title" in p)
        checks = [
            (first_lines[1].startswith("We Won"), "part one's later pages run its title: %r" % first_lines[1]),
            ("We Won" not in pages[opening], "part two's opening page runs no head (page %d)" % (opening + 1)),
            (first_lines[opening + 1] == "Second Part Title",
             "part two's later pages run its own title: %r" % first_lines[opening + 1]),
        ]
        docx = os.path.join(d, "two.docx")
        subprocess.run([PRENSA, SAMPLE, second, "-t", "docx", "-o", docx], check=True, capture_output=True)
        import zipfile
        with zipfile.ZipFile(docx) as z:
            body = z.read("word/document.xml").decode()
        titles = re.findall(r'<w:pPr><w:pStyle w:val="Title"/>(<w:outlineLvl w:val="0"/>)?</w:pPr>', body)
        checks.append((titles == ['<w:outlineLvl w:val="0"/>'] * 2,
                       "both DOCX part titles have outline level 0: %r" % titles))
        one = os.path.join(d, "one.docx")
        subprocess.run([PRENSA, SAMPLE, "-t", "docx", "-o", one], check=True, capture_output=True)
        with zipfile.ZipFile(one) as z:
            checks.append(("outlineLvl" not in z.read("word/document.xml").decode(),
                           "a single document's title is no outline entry"))
        for ok, what in checks:
            print(("ok " if ok else "FAIL ") + what)
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
