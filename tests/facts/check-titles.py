#!/usr/bin/env python3
"""A document is titled alike in every writer that stores a title.

For each case (a metadata title, a first heading, only a file name, only
standard input in Spanish) the title is read back from what a client sees:
HTML's <title>, EPUB's dc:title, DOCX's docProps/core.xml dc:title and the
PDF's Title (pdfinfo). All four must equal the expected title."""
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import html

PRENSA = os.environ["PRENSA"]
CI = os.environ.get("CI") == "true"

CASES = [
    # (name, file name or None for stdin, text, expected title)
    ("metadata", "talk.md", "---\ntitle: \"  Spaced\n  out  \"\n---\n\n# A heading\n\nBody.\n",
     "Spaced out"),
    ("heading", "talk.md", "Intro text.\n\nThe *first*\n   heading\n----\n\nBody.\n",
     "The first heading"),
    ("file name", "river notes.md", "Only a paragraph.\n", "river notes"),
    ("transcript file", "garden.txt", "No title line here, just one long paragraph that goes on "
     "well past any title length, as an interview's standfirst does.\n", "garden"),
    ("stdin", None, "---\nlang: es\n---\n\nSolo un párrafo.\n", "Sin título"),
]


def run(args, stdin=None, cwd=None):
    p = subprocess.run([PRENSA] + args, input=stdin, capture_output=True, cwd=cwd)
    if p.returncode != 0:
        sys.exit("prensa %s failed: %s" % (" ".join(args), p.stderr.decode()))
    return p


def titles(folder, stem):
    found = {}
    page = open(os.path.join(folder, stem + ".html"), encoding="utf-8").read()
    found["html"] = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    with zipfile.ZipFile(os.path.join(folder, stem + ".epub")) as z:
        opf = [n for n in z.namelist() if n.endswith(".opf")][0]
        m = re.search(r"<dc:title[^>]*>(.*?)</dc:title>", z.read(opf).decode(), re.S)
        found["epub"] = html.unescape(m.group(1))
    with zipfile.ZipFile(os.path.join(folder, stem + ".docx")) as z:
        m = re.search(r"<dc:title>(.*?)</dc:title>", z.read("docProps/core.xml").decode(), re.S)
        found["docx"] = html.unescape(m.group(1)) if m else None
    try:
        info = subprocess.run(["pdfinfo", os.path.join(folder, stem + ".pdf")],
                              capture_output=True, text=True, check=True).stdout
        m = re.search(r"^Title:\s*(.*)$", info, re.M)
        found["pdf"] = m.group(1).strip() if m else None
    except FileNotFoundError:
        if CI:
            sys.exit("pdfinfo (poppler-utils) is missing")
        print("# pdfinfo missing: PDF title not checked")
    return found


def main():
    failures = 0
    for name, filename, text, want in CASES:
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "out")
            os.mkdir(out)
            stem = "doc"
            for fmt in ("html", "epub", "docx", "pdf"):
                target = os.path.join(out, stem + "." + fmt)
                if filename is None:
                    run(["-", "-f", "markdown", "-t", fmt, "-o", target], stdin=text.encode())
                else:
                    src = os.path.join(d, filename)
                    with open(src, "w", encoding="utf-8") as f:
                        f.write(text)
                    run([src, "-t", fmt, "-o", target])
            got = titles(out, stem)
            bad = {k: v for k, v in got.items() if v != want}
            status = "ok" if not bad else "FAIL"
            print("%s %s: want %r, got %r" % (status, name, want, got))
            failures += bool(bad)
    print("%d passed, %d failed" % (len(CASES) - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
