# checklib.py: what the test scripts share: collecting failed checks, the
# rule for a missing tool (skip with 77, fail when CI=true), reading the
# XML a writer made, and the words of a PDF with their boxes.
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import re
import subprocess
import sys
import xml.parsers.expat
import zipfile

SKIP = 77
failures = []


def check(condition, message):
    """Records a failed check and carries on, so one run reports them all."""
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    return condition


def finish():
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")
    sys.exit(0)


def in_ci():
    return os.environ.get("CI") == "true"


# The parts of a DOCX or EPUB that are XML.
XML_PARTS = (".xml", ".xhtml", ".opf", ".ncx", ".rels")


def well_formed(name, data):
    """None, or why @data is not well-formed XML. expat keeps no C stack
    per element, so outputs 100,000 levels deep are fine."""
    p = xml.parsers.expat.ParserCreate()
    try:
        p.Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        return f"{name}: not well-formed XML: {e}"
    return None


def zip_xml_parts(path):
    """(name, bytes) of each XML part of the zip container at @path."""
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.endswith(XML_PARTS):
                yield n, z.read(n)


def missing_tool(what):
    """A validator is not installed: CI must run it, so fail there; skip
    elsewhere so a developer without it can still run the rest."""
    print(f"{what} is not available")
    sys.exit(1 if in_ci() else SKIP)


class Word:
    """A word of a PDF, as pdftotext finds it: its page (from 1), its box
    in points from the page's top left, and its text."""
    def __init__(self, page, x0, y0, x1, y1, text):
        self.page, self.x0, self.y0, self.x1, self.y1, self.text = page, x0, y0, x1, y1, text

    @property
    def height(self):
        return self.y1 - self.y0

    def __repr__(self):
        return f"{self.text!r}@p{self.page}({self.x0:.1f},{self.y0:.1f})"


def pdf_words(path):
    """Every word pdftotext finds in the PDF at @path, as a Word."""
    data = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], check=True,
                          capture_output=True, text=True).stdout
    out = []
    for n, page in enumerate(re.split(r"<page ", data)[1:], start=1):
        for m in re.finditer(r'<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" '
                             r'yMax="([^"]+)">([^<]*)</word>', page):
            text = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            out.append(Word(n, *map(float, m.group(1, 2, 3, 4)), text))
    return out
