#!/usr/bin/env python3
"""One reading of the papersize metadata reaches every print writer.

For each size, the PDF's page (pdfinfo), the DOCX's w:pgSz (twentieths of
a point) and the HTML print stylesheet's @page size must all say the same
paper; a size prensa cannot read warns once and falls back to A4; the
page-size option takes the same names and refuses what it cannot read."""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

PRENSA = os.environ["PRENSA"]
CI = os.environ.get("CI") == "true"
MM = 72 / 25.4

CASES = [
    # papersize, points (w, h), what the HTML @page says
    ("a5", (148 * MM, 210 * MM), "A5"),
    ("legal", (612, 1008), "Legal"),
    ("Tabloid", (792, 1224), "ledger"),
    ("B5", (176 * MM, 250 * MM), "B5"),
    ("6x9in", (432, 648), "432.00pt 648.00pt"),
    ("150mm x 230mm", (150 * MM, 230 * MM), "425.20pt 651.97pt"),
    ("a4 landscape", (297 * MM, 210 * MM), "A4 landscape"),
]
passed = failed = 0


def check(ok, what):
    global passed, failed
    print(("ok " if ok else "FAIL ") + what)
    if ok:
        passed += 1
    else:
        failed += 1


def convert(d, papersize, fmt, *extra):
    src = os.path.join(d, "paper.md")
    with open(src, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Paper\n" + ("papersize: \"%s\"\n" % papersize if papersize else "")
                + "---\n\nSome text.\n")
    out = os.path.join(d, "paper." + fmt)
    p = subprocess.run([PRENSA, src, "-t", fmt, "-o", out, *extra], capture_output=True, text=True)
    return p, out


def pdf_size(path):
    try:
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        if CI:
            sys.exit("pdfinfo (poppler-utils) is missing")
        return None
    m = re.search(r"Page size:\s*([\d.]+) x ([\d.]+) pts", info)
    return float(m.group(1)), float(m.group(2))


def docx_size(path):
    with zipfile.ZipFile(path) as z:
        doc = z.read("word/document.xml").decode()
    m = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', doc)
    return int(m.group(1)) / 20, int(m.group(2)) / 20


def html_size(path):
    page = open(path, encoding="utf-8").read()
    m = re.search(r"<style>@page \{ size: ([^;]+); \}</style>", page)
    return m.group(1) if m else None


def near(a, b):
    return a is not None and abs(a[0] - b[0]) < 1 and abs(a[1] - b[1]) < 1


def main():
    with tempfile.TemporaryDirectory() as d:
        for papersize, size, css in CASES:
            p, pdf = convert(d, papersize, "pdf")
            got = pdf_size(pdf) if p.returncode == 0 else None
            check(near(got, size), "%s: pdf %s, want %s" % (papersize, got, size))
            p, docx = convert(d, papersize, "docx")
            got = docx_size(docx) if p.returncode == 0 else None
            check(near(got, size), "%s: docx %s, want %s" % (papersize, got, size))
            p, page = convert(d, papersize, "html")
            got = html_size(page) if p.returncode == 0 else None
            check(got == css, "%s: html @page %r, want %r" % (papersize, got, css))
            check(p.stderr == "", "%s: no warning (%r)" % (papersize, p.stderr))
        # Unreadable: one warning naming the sizes, and A4.
        p, pdf = convert(d, "quarto", "pdf")
        check(p.returncode == 0 and near(pdf_size(pdf), (210 * MM, 297 * MM))
              and p.stderr.count("papersize \"quarto\" is not a paper size (A3, A4") == 1,
              "an unknown papersize warns once and gives A4: %r" % p.stderr)
        # No papersize: A4 in print writers, and no @page rule of prensa's in HTML.
        p, page = convert(d, None, "html")
        check(html_size(page) is None, "no papersize, no @page size rule")
        # The option takes the same names, and refuses others.
        p, pdf = convert(d, "a4", "pdf", "-O", "page-size=letter")
        check(near(pdf_size(pdf), (612, 792)), "pdf page-size=letter beats the metadata")
        p, docx = convert(d, None, "docx", "-O", "page-size=A5")
        check(near(docx_size(docx), (148 * MM, 210 * MM)), "docx page-size=A5")
        p, docx = convert(d, None, "docx", "-O", "page-size=huge")
        check(p.returncode != 0 and "not a paper size" in p.stderr and not os.path.exists(docx + ".tmp"),
              "a bad page-size is an error: %r" % p.stderr)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
