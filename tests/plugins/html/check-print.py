#!/usr/bin/env python3
# check-print.py: headless Chromium prints the sample; the PDF holds every
# word of the interview, page numbers, a running head, no question split
# between pages, and printed link addresses, decoded.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: check-print.py OUTDIR. Leaves interview.html, interview.pdf,
interview-page1.png (the first page) and interview-print-page1.png and
-page2.png (60 dpi, for review) in OUTDIR, and the same
for the corpus's commonmark.md and for samples/toolkit/rota.md (a table,
notes and a task list)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

import htmltest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from checklib import pdf_words  # noqa: E402

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    htmltest.missing("chromium (Debian package chromium)")


def print_pdf(browser, html_path, pdf_path):
    with tempfile.TemporaryDirectory() as profile:
        args = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile,
                "--no-pdf-header-footer", "--print-to-pdf=" + pdf_path,
                "file://" + os.path.abspath(html_path)]
        subprocess.run(args, capture_output=True, timeout=180, check=False)
    if not os.path.exists(pdf_path) or os.path.getsize(pdf_path) == 0:
        raise SystemExit(f"FAIL: chromium made no PDF of {html_path}")


def pdf_pages(pdf_path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf_path, "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] or [text]


def page_size(pdf_path):
    """The first page's width and height, in points."""
    info = subprocess.run(["pdfinfo", pdf_path], capture_output=True,
                          text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    return float(size.group(1)), float(size.group(2))


def page_columns(pdf_path, pages):
    """Each page's text read column by column: its left half, then its
    right half (the conversation is in two columns)."""
    width, height = (int(w) + 1 for w in page_size(pdf_path))
    out = []
    for number in range(1, pages + 1):
        halves = []
        for x in (0, width // 2):
            halves.append(subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l",
                 str(number), "-x", str(x), "-y", "0", "-W",
                 str(width // 2 + 1), "-H", str(height), pdf_path, "-"],
                capture_output=True, text=True, check=True).stdout)
        out.append("\n".join(halves))
    return out


def one_word_last_lines(pdf_path):
    """Paragraphs (poppler's blocks) of two lines or more whose last line
    is a single word: what text-wrap: pretty avoids."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", pdf_path, "-"],
                            capture_output=True, text=True, check=True).stdout
    found = []
    for block in re.findall(r"<block[^>]*>(.*?)</block>", layout, re.S):
        lines = [re.findall(r"<word[^>]*>(.*?)</word>", line)
                 for line in re.findall(r"<line[^>]*>(.*?)</line>", block, re.S)]
        if len(lines) >= 2 and len(lines[-1]) == 1:
            found.append(" ".join(lines[-2][-3:] + lines[-1]))
    return found


def column_ends(pdf_path, number, below):
    """Where the left and right columns of page NUMBER end (the lowest
    word's foot, in points), counting only words above the first line
    that holds the word BELOW (what spans the page under the columns)."""
    width = page_size(pdf_path)[0]
    found = [w for w in pdf_words(pdf_path) if w.page == number]
    cut = min(w.y0 for w in found if w.text == below)
    above = [w for w in found if w.y1 < cut]
    left = max(w.y1 for w in above if w.x1 < width / 2)
    right = max(w.y1 for w in above if w.x0 > width / 2)
    return left, right


def words(text):
    # Hyphens that a line break added, or that chromium put at a line end,
    # join their halves again.
    text = re.sub(r"[-\u2010\u00ad]\n(?=\w)", "", text)
    return Counter(w.casefold() for w in re.findall(r"\w+", text))


def flat(text):
    """Text as one line: line-end hyphens joined, white space single."""
    text = re.sub(r"[-\u2010\u00ad]\n(?=\w)", "", text)
    return " ".join(text.split())


def questions(path):
    """The interviewer's turns of the sample, without their labels."""
    with open(path, encoding="utf-8") as f:
        body = FRONT_MATTER.sub("", f.read(), count=1)
    return [m.group(1) for m in
            re.finditer(r"^(?:Sarah Jaffe|SJ): (.+)$", body, flags=re.M)]


def smart(text):
    return (text.replace("'", "\u2019").replace("...", "\u2026"))


def source_words(path):
    with open(path, encoding="utf-8") as f:
        body = FRONT_MATTER.sub("", f.read(), count=1)
    body = re.sub(r"^\* \* \*$", "", body, flags=re.M)
    # note labels and task markers are markup, not words
    body = re.sub(r"\[\^[^\]]+\]:?|\[[ xX]\]", " ", body)
    return words(body)


def render(browser, source, outdir, stem, *options):
    html = os.path.join(outdir, stem + ".html")
    pdf = os.path.join(outdir, stem + ".pdf")
    htmltest.prensa(source, *options, output=html)
    print_pdf(browser, html, pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1",
                    "-singlefile", pdf, os.path.join(outdir, stem + "-page1")],
                   check=True)
    return pdf


def save_pages(pdf, outdir, stem):
    """The first two pages at 60 dpi, for review beside the PDF and DOCX
    writers' (test artifacts)."""
    for page in (1, 2):
        png = os.path.join(outdir, f"{stem}-print-page{page}")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l",
                        str(page), "-singlefile", pdf, png], check=True)
        print("artifact:", png + ".png")


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    browser = chromium()
    for tool in ("pdftotext", "pdftoppm"):
        if not shutil.which(tool):
            htmltest.missing(f"{tool} (Debian package poppler-utils)")
    results = htmltest.Results()
    check = results.check

    pdf = render(browser, htmltest.SAMPLE, outdir, "interview")
    save_pages(pdf, outdir, "interview")
    pages = pdf_pages(pdf)
    printed = words("\n".join(pages))
    wanted = source_words(htmltest.SAMPLE)
    lost = sorted(w for w, n in wanted.items() if printed[w] < n)
    check(not lost, f"words of the interview missing from the PDF: {lost[:20]}")
    check(sum(wanted.values()) > 900, "the sample has its words")
    check(len(pages) >= 2, f"the interview fills more than a page ({len(pages)})")
    for number, page in enumerate(pages, 1):
        lines = [l.strip() for l in page.splitlines() if l.strip()]
        check(str(number) in lines, f"page {number} shows its number")
    check(os.path.getsize(os.path.join(outdir, "interview-page1.png")) > 10000,
          "first page saved as PNG")
    # A question is never split: each one's whole text is on one page.
    asked = questions(htmltest.SAMPLE)
    check(len(asked) == 7, f"the sample's seven questions ({len(asked)})")
    flat_pages = [flat(page) for page in page_columns(pdf, len(pages))]
    for question in asked:
        where = [n for n, page in enumerate(flat_pages, 1)
                 if smart(question) in page]
        check(len(where) == 1,
              f"question on one page (pages {where}): {question[:50]}…")
    # Balanced columns: on the last page the conversation's two columns
    # end level, within a line (10.5 pt type on 1.45 leading), above the
    # editor's note, which runs across the page.
    left, right = column_ends(pdf, len(pages), "lightly")
    check(abs(left - right) < 10.5 * 1.45,
          f"the last page's columns end level: left {left:.1f} pt, "
          f"right {right:.1f} pt")
    # No paragraph ends on a line of one word (the sample had three).
    widows = one_word_last_lines(pdf)
    check(not widows, f"no one-word last lines: {widows}")
    # The running head: the title atop every page but the first, which
    # has the headline itself.
    head = "We Won\u2019t Be Complicit".upper()
    firsts = [next((l.strip() for l in page.splitlines() if l.strip()), "")
              for page in pages]
    check(head not in pages[0], "no running head on the first page")
    for number, first in enumerate(firsts[1:], 2):
        check(first == head, f"page {number} opens on the running head: {first!r}")

    pdf = render(browser, os.path.join(htmltest.CORPUS, "commonmark.md"),
                 outdir, "commonmark", "embed-resources")
    text = "\n".join(pdf_pages(pdf))
    check("(example.org/ref)" in text, "links print their address")

    # Addresses print decoded, as the PDF prints them; an autolink's
    # address is its text, printed once.
    links = os.path.join(outdir, "links.md")
    with open(links, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Links\n---\n\n"
                "See [the menu](https://example.org/caf%C3%A9/"
                "men%C3%BA%20del%20d%C3%ADa/), <https://example.org/plain> "
                "and [mail](mailto:ana%40example.org).\n")
    text = flat("\n".join(pdf_pages(render(browser, links, outdir, "links"))))
    check("(example.org/café/menú%20del%20día)" in text,
          f"the address prints decoded: {text[:200]!r}")
    check("%C3" not in text, "no percent-encoded UTF-8 on paper")
    check("(ana@example.org)" in text, "a mail address prints decoded")
    check(text.count("example.org/plain") == 1, "an autolink prints once")

    # Emphasis in an italic block (a quotation, the back matter) prints
    # roman, as in the PDF and DOCX; a paragraph all in emphasis stays
    # italic.
    emphasis = os.path.join(htmltest.SOURCE_ROOT, "tests", "plugins", "docx",
                            "corpus", "emphasis.md")
    html = htmltest.prensa(emphasis)
    check("<em class=\"whole\">A paragraph of the quotation" in html
          and "<em>The Nation</em>" in html, "whole-paragraph emphasis marked")
    rules = re.sub(r"/\*.*?\*/", "", html, flags=re.S)
    check(re.search(r"blockquote em,\s*\.back-matter em\s*\{\s*font-style: normal;", rules)
          and re.search(r"blockquote em\.whole,\s*\.back-matter em\.whole\s*\{\s*"
                        r"font-style: italic;", rules),
          "emphasis in italic blocks set roman, a whole paragraph's italic")

    pdf = render(browser, htmltest.ROTA, outdir, "rota")
    pages = pdf_pages(pdf)
    printed = words("\n".join(pages))
    wanted = source_words(htmltest.ROTA)
    lost = sorted(w for w, n in wanted.items() if printed[w] < n)
    check(not lost, f"words of rota.md missing from the PDF: {lost[:20]}")
    check("\u21a9" not in "".join(pages), "no note back-links on paper")
    check(len(pages) == 1, f"the rota prints on one page ({len(pages)})")
    results.finish()


if __name__ == "__main__":
    main()
