#!/usr/bin/env python3
"""--toc and --toc-depth in every writer, from one list of contents.

A book of two inputs converted with --toc lists the same entries, in the
same order, in HTML's nav, the DOCX contents, the PDF's contents page and
txt's list: each part's
title, then its headings down to --toc-depth. Every DOCX entry links to a
bookmark that exists, the DOCX stays valid against the OOXML schema, and
LibreOffice, printing it, fills in a page number for every entry. EPUB's
nav follows --toc-depth too."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from checklib import check, finish, missing_tool  # noqa: E402

PRENSA = os.environ["PRENSA"]
ROOT = os.environ["PRENSA_SOURCE_ROOT"]
INPUTS = [os.path.join(ROOT, "samples", "toolkit", n) for n in ("day-of-action.md", "one-on-ones.md")]
SCHEMA = os.path.join(ROOT, "tests", "schemas", "ooxml", "ISO-IEC29500-4_2016", "wml.xsd")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def headings(depth):
    """What the contents should list, read from the Markdown itself."""
    want = []
    for path in INPUTS:
        text = open(path, encoding="utf-8").read()
        want.append(re.search(r"(?m)^title:\s*\"?(.*?)\"?\s*$", text).group(1))
        body = text.split("\n---\n", 1)[1]
        body = re.sub(r"(?ms)^```.*?^```", "", body)
        for marks, words in re.findall(r"(?m)^(#{1,6})\s+(.*?)\s*$", body):
            if len(marks) <= depth:
                want.append(words)
    return want


def prensa(*args):
    p = subprocess.run([PRENSA, *INPUTS, "-M", "title=Kit", *args], capture_output=True, text=True)
    check(p.returncode == 0, f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
    check("table of contents" not in p.stderr, f"{' '.join(args)}: no warning: {p.stderr}")
    return p


def main():
    d = tempfile.mkdtemp(prefix="prensa-toc-")
    for depth in (1, 2):
        want = headings(depth)
        check(len(want) > 4, f"depth {depth}: the sample has headings to list: {want}")

        page = prensa("-t", "html", "--toc", "--toc-depth", str(depth), "-o", "-").stdout
        nav = re.search(r'<nav class="toc".*?</nav>', page, re.S)
        got = [re.sub(r"<[^>]+>", "", e).strip()
               for e in re.findall(r"<li>(.*?)(?:</li>|<ol>|\n)", nav.group(0))] if nav else []
        check(got == want, f"html depth {depth}: {got} != {want}")
        for anchor in re.findall(r'href="#([^"]+)"', nav.group(0) if nav else ""):
            check(f'id="{anchor}"' in page, f"html: the contents link #{anchor} lands")

        txt = prensa("-t", "txt", "--toc", "--toc-depth", str(depth), "-o", "-").stdout
        block = txt.split("Contents\n--------\n\n", 1)
        lines = block[1].split("\n\n", 1)[0].splitlines() if len(block) == 2 else []
        check([line.strip() for line in lines] == want, f"txt depth {depth}: {lines} != {want}")

        docx = os.path.join(d, f"kit-{depth}.docx")
        prensa("-t", "docx", "--toc", "--toc-depth", str(depth), "-o", docx)
        with zipfile.ZipFile(docx) as z:
            doc = z.read("word/document.xml").decode()
            settings = z.read("word/settings.xml").decode()
            parts = os.path.join(d, f"parts-{depth}")
            z.extractall(parts)
        toc = re.search(r"<w:sdt>.*?</w:sdt>", doc)
        entries = re.findall(r'<w:pStyle w:val="TOC\d"/>.*?</w:p>', toc.group(0)) if toc else []
        got = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", e)).strip() for e in entries]
        check(got == want, f"docx depth {depth}: {got} != {want}")
        for anchor in re.findall(r'w:anchor="([^"]+)"', toc.group(0) if toc else ""):
            check(f'w:bookmarkStart w:id="' in doc and f'w:name="{anchor}"' in doc,
                  f"docx: the contents link {anchor} has its bookmark")
        check("<w:updateFields" in settings, "docx: Word is asked to update the page numbers")
        if not shutil.which("xmllint"):
            missing_tool("xmllint")
        v = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", SCHEMA,
                            os.path.join(parts, "word", "document.xml"),
                            os.path.join(parts, "word", "settings.xml"),
                            os.path.join(parts, "word", "styles.xml")], capture_output=True, text=True)
        check(v.returncode == 0, f"docx depth {depth}: valid WordprocessingML: {v.stderr[-600:]}")

        epub = os.path.join(d, f"kit-{depth}.epub")
        prensa("-t", "epub", "--toc-depth", str(depth), "-o", epub)
        with zipfile.ZipFile(epub) as z:
            navdoc = next(z.read(n).decode() for n in z.namelist() if n.endswith("nav.xhtml"))
        listed = re.sub(r"<[^>]+>", " ", re.search(r'<nav epub:type="toc".*?</nav>', navdoc, re.S).group(0))
        deepest = [h for h in headings(2) if h not in headings(1)]
        check(all(h in listed for h in deepest) == (depth >= 2),
              f"epub depth {depth}: level-2 headings listed only at depth 2")

        pdf = os.path.join(d, f"kit-{depth}.pdf")
        prensa("-t", "pdf", "--toc", "--toc-depth", str(depth), "-o", pdf)
        if not shutil.which("pdftotext"):
            missing_tool("pdftotext (poppler-utils)")
        printed = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                                 text=True).stdout
        contents = printed.split("\f")[1] if printed.count("\f") > 1 else ""
        got = [re.sub(r"\s+\d+$", "", line.strip()) for line in contents.splitlines()
               if re.search(r"\S\s+\d+$", line)]
        check(got == want, f"pdf depth {depth}: {got} != {want}")

    # LibreOffice prints the contents with their pages.
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        missing_tool("LibreOffice (soffice) and pdftotext")
    with tempfile.TemporaryDirectory() as home:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", d,
                        os.path.join(d, "kit-2.docx")], env=dict(os.environ, HOME=home),
                       capture_output=True, timeout=300)
    pdf = os.path.join(d, "kit-2.pdf")
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"],
                          capture_output=True, text=True).stdout if os.path.exists(pdf) else ""
    want = headings(2)
    numbered = [h for h in want[1:] if h != want[0] and re.search(re.escape(h) + r"\s*\.{3,}\s*\d+\s*$", text, re.M)]
    check(len(numbered) >= len(want) - 2,
          f"libreoffice: the contents entries get page numbers: {numbered} of {want}\n{text[:800]}")
    shutil.rmtree(d, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
