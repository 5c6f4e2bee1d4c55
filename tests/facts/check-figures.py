#!/usr/bin/env python3
"""One rule for figures and tight paragraphs in all five writers.

A paragraph holding one image and nothing else is a figure, captioned by
the image's description (as pandoc's implicit figures are) or else its title; an image with other words, in
a tight list, opening a turn or in a footnote is not. Every writer sets
the same images apart with the same captions, and sets the same list
tight (HTML and EPUB without <p> in its items, txt without blank lines)."""
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib
import zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import check, finish  # noqa: E402
from factlib import text_of  # noqa: E402

PRENSA = os.environ["PRENSA"]
SOURCE = """---
title: Figures
---

Intro paragraph.

![A red square](red.png)

![](red.png "Titled caption")

![Described](red.png "Hover title")

Words and ![an inline image](red.png) together.

- ![an icon](red.png)
- second item

Closing paragraph.[^1]

[^1]: ![a note image](red.png)
"""


def png(path):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xffffffff)
    raw = b"".join(b"\0" + b"\xff\0\0" * 8 for _ in range(8))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    with tempfile.TemporaryDirectory() as d:
        png(os.path.join(d, "red.png"))
        src = os.path.join(d, "figures.md")
        with open(src, "w", encoding="utf-8") as f:
            f.write(SOURCE)
        out = {}
        for fmt in ("txt", "html", "epub", "docx", "pdf"):
            out[fmt] = os.path.join(d, "figures." + fmt)
            p = subprocess.run([PRENSA, src, "-t", fmt, "-o", out[fmt]], capture_output=True, text=True)
            check(p.returncode == 0, f"{fmt}: exit {p.returncode}: {p.stderr}")

        page = open(out["html"], encoding="utf-8").read()
        figs = re.findall(r"<figure class=\"image\">(.*?)</figure>", page, re.S)
        check(len(figs) == 3, f"html: {len(figs)} figures, want 3")
        check(any('<figcaption aria-hidden="true">A red square</figcaption>' in f for f in figs),
              "html: the untitled figure's caption is its description, hidden from screen readers")
        check(any("<figcaption>Titled caption</figcaption>" in f for f in figs),
              "html: the titled figure's caption is its title")
        check("<li><img" in page, "html: the tight list's item has no <p>")

        with zipfile.ZipFile(out["epub"]) as z:
            book = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
        efigs = re.findall(r"<figcaption[^>]*>([^<]*)</figcaption>", book)
        check(efigs == ["A red square", "Titled caption", "Described"], f"epub: captions {efigs}")

        with zipfile.ZipFile(out["docx"]) as z:
            doc = z.read("word/document.xml").decode()
        captions = re.findall(r'<w:pStyle w:val="Caption"/>.*?<w:t[^>]*>([^<]*)</w:t>', doc)
        check(captions == ["A red square", "Titled caption", "Described"], f"docx: captions {captions}")
        figures = doc.count('<w:pStyle w:val="Figure"/>')
        check(figures == 3, f"docx: {figures} Figure paragraphs, want 3")

        txt = open(out["txt"], encoding="utf-8").read()
        tfigs = re.findall(r"\[Figure: ([^\]]*)\]", txt)
        check(tfigs == ["A red square", "Titled caption", "Described"], f"txt: figures {tfigs}")
        check("[Image: an inline image]" in txt, "txt: an inline image stays an image")
        check(re.search(r"\[Image: an icon\][^\n]*\n[^\n]*second item", txt) is not None,
              "txt: no blank line between a tight list's items")

        text = text_of("pdf", out["pdf"])
        if text is not None:
            check("Titled caption" in text, "pdf: the titled figure's caption is its title")
    finish()


if __name__ == "__main__":
    main()
