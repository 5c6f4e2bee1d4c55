#!/usr/bin/env python3
"""Links between the inputs of a book work in every format, from one rule
in the core (prensa_document_resolve_link).

The README's toolkit (the interview, day-of-action.md, one-on-ones.md):
- HTML: no link is left on a .md file, every "#id" lands on an id of the
  page, and the links between the inputs are there;
- DOCX: no relationship targets a .md file, every w:hyperlink w:anchor
  names a bookmark of word/document.xml, which the OOXML schema accepts;
- PDF: the internal links are link annotations whose /Dest is a named
  destination pdfinfo lists;
- txt: a link into another part names the section and the part;
- EPUB: every chapter link lands on an id of its file.
A link to an input the book leaves out ("missing.md" among .md inputs) or
to an anchor no input has is one warning, given once by the core, and
plain text in every format; epubcheck still passes on such a book."""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, finish, missing_tool  # noqa: E402

PRENSA = os.environ["PRENSA"]
ROOT = os.environ["PRENSA_SOURCE_ROOT"]
TOOLKIT = [os.path.join(ROOT, "samples", "interview.md"),
           os.path.join(ROOT, "samples", "toolkit", "day-of-action.md"),
           os.path.join(ROOT, "samples", "toolkit", "one-on-ones.md")]
TITLE = "title=We Won’t Be Complicit: A Toolkit"
WML = os.path.join(ROOT, "tests", "schemas", "ooxml", "ISO-IEC29500-4_2016", "wml.xsd")
# The toolkit's links between its inputs, as the anchors they land on.
KIT_ANCHORS = {"part-1", "part-2", "part-3", "asking-in-person", "roles"}


def convert(inputs, fmt, out, extra=()):
    proc = subprocess.run([PRENSA, *inputs, "-t", fmt, "-o", out, *extra],
                          capture_output=True, text=True)
    check(proc.returncode == 0, f"{fmt}: prensa exited with {proc.returncode}: {proc.stderr}")
    return proc.stderr


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])


def html_links(path):
    page = Page()
    page.feed(open(path, encoding="utf-8").read())
    return page


def docx_parts(path):
    with zipfile.ZipFile(path) as z:
        return (z.read("word/document.xml").decode(),
                z.read("word/_rels/document.xml.rels").decode())


def pdf_links(path):
    """(internal link destinations, external URIs) of the link annotations
    cairo wrote, and the named destinations pdfinfo lists."""
    data = open(path, "rb").read().decode("latin-1")
    annots = re.findall(r"/Subtype /Link(.*?)endobj", data, re.S)
    dests = [m for a in annots for m in re.findall(r"/Dest \(([^)]*)\)", a)]
    uris = [m for a in annots for m in re.findall(r"/URI \(([^)]*)\)", a)]
    listing = subprocess.run(["pdfinfo", "-dests", path], capture_output=True, text=True,
                             check=True).stdout
    return dests, uris, set(re.findall(r'"([^"]+)"\s*$', listing, re.M))


def epub_links(path):
    """(href, lands) of each link between the book's pages; the nav's too."""
    out = []
    with zipfile.ZipFile(path) as z:
        pages = {n: z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml")}
    ids = {os.path.basename(n): set(re.findall(r'\sid="([^"]+)"', t)) for n, t in pages.items()}
    for name, text in pages.items():
        for href in re.findall(r'<a [^>]*href="([^"]+)"', text):
            if re.match(r"[a-z]+:", href):
                continue
            file, _, frag = href.partition("#")
            file = file or os.path.basename(name)
            out.append((href, file in ids and (not frag or frag in ids[file]),
                        name.startswith("EPUB/chapter-")))
    return out


def toolkit(d):
    page = os.path.join(d, "kit.html")
    convert(TOOLKIT, "html", page, ["-M", TITLE])
    links = html_links(page)
    check(not [h for h in links.hrefs if re.search(r"\.md($|#)", h)],
          f"HTML: links left on .md files: {[h for h in links.hrefs if '.md' in h]}")
    internal = [h[1:] for h in links.hrefs if h.startswith("#")]
    check(KIT_ANCHORS <= set(internal), f"HTML: the toolkit's links are missing: {internal}")
    check(all(i in links.ids for i in internal),
          f"HTML: fragments with no id: {[i for i in internal if i not in links.ids]}")

    doc = os.path.join(d, "kit.docx")
    convert(TOOLKIT, "docx", doc, ["-M", TITLE])
    body, rels = docx_parts(doc)
    check(".md" not in " ".join(re.findall(r'Target="([^"]*)"', rels)),
          "DOCX: a relationship targets a .md file")
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', body))
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', body)
    check({a.replace("-", "_") for a in KIT_ANCHORS} <= set(anchors),
          f"DOCX: the toolkit's internal hyperlinks are missing: {anchors}")
    check(all(a in bookmarks for a in anchors),
          f"DOCX: hyperlinks to no bookmark: {[a for a in anchors if a not in bookmarks]}")
    if shutil.which("xmllint") is None:
        missing_tool("xmllint")
    with tempfile.NamedTemporaryFile("w", suffix=".xml", dir=d, delete=False,
                                     encoding="utf-8") as f:
        f.write(body)
    proc = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", WML, f.name],
                          capture_output=True, text=True)
    check(proc.returncode == 0, f"DOCX: document.xml fails the schema: {proc.stderr[-2000:]}")

    pdf = os.path.join(d, "kit.pdf")
    convert(TOOLKIT, "pdf", pdf, ["-M", TITLE])
    if shutil.which("pdfinfo") is None:
        missing_tool("pdfinfo (poppler-utils)")
    dests, uris, named = pdf_links(pdf)
    check(KIT_ANCHORS <= set(dests), f"PDF: internal link annotations missing: {dests}")
    check(all(x in named for x in dests),
          f"PDF: links to no destination: {[x for x in dests if x not in named]}")
    check(not [u for u in uris if ".md" in u], f"PDF: links to .md files: {uris}")

    txt = os.path.join(d, "kit.txt")
    convert(TOOLKIT, "txt", txt, ["-M", TITLE])
    text = re.sub(r"\s+", " ", open(txt, encoding="utf-8").read())
    check("Asking in person (see part “One-on-One Conversations”)" in text,
          "txt: the link to another part's heading does not name its part")
    check("the day of action (see part “Planning a Local Day of Action”)" in text,
          "txt: the link to another part does not name it")
    check(".md" not in text, "txt: a .md file is named")

    book = os.path.join(d, "kit.epub")
    convert(TOOLKIT, "epub", book, ["-M", TITLE])
    links = epub_links(book)
    check(len([h for h, _, body in links if body and h.endswith("#asking-in-person")]) == 1,
          f"EPUB: the link to Asking in person is missing: {links}")
    check(all(ok for _, ok, _ in links),
          f"EPUB: links that land nowhere: {[h for h, ok, _ in links if not ok]}")


MISSING = """---
title: Links Out
---

# Start

See [the gone guide](missing.md), [the lost place](other.md#nowhere),
[no such heading](#nowhere) and [the notes](notes.pdf); [the other part](other.md).
"""

OTHER = """---
title: The Other Part
---

# Start

Back to [the first part](links.md#start).
"""


def epubcheck(book):
    jar = shutil.which("epubcheck") or "/usr/bin/epubcheck"
    if shutil.which("java") is None or not os.path.exists(jar):
        missing_tool("epubcheck")
    report = book + ".json"
    subprocess.run(["java", "-jar", os.path.realpath(jar), book, "--json", report],
                   capture_output=True, text=True)
    counts = json.load(open(report, encoding="utf-8"))["checker"]
    check(counts["nFatal"] == counts["nError"] == counts["nWarning"] == 0,
          f"EPUB: epubcheck reports {counts['nFatal']} fatal, {counts['nError']} errors, "
          f"{counts['nWarning']} warnings")


def missing(d):
    first = os.path.join(d, "links.md")
    other = os.path.join(d, "other.md")
    open(first, "w", encoding="utf-8").write(MISSING)
    open(other, "w", encoding="utf-8").write(OTHER)
    dead = ("missing.md", "other.md#nowhere", "#nowhere")
    for fmt in ("html", "docx", "pdf", "txt", "epub"):
        out = os.path.join(d, "links." + fmt)
        warnings = convert([first, other], fmt, out)
        for url in dead:
            said = warnings.count(f"link to “{url}”")
            check(said == 1, f"{fmt}: {said} warnings for the link to {url}, not one")
        check("links.md:8:" in warnings, f"{fmt}: the warning does not say file and line: {warnings}")
        if fmt == "html":
            page = html_links(out)
            check(not [h for h in page.hrefs if "missing" in h or "nowhere" in h],
                  f"HTML: dead links kept: {page.hrefs}")
            check("notes.pdf" in page.hrefs, "HTML: the link to a file beside the page is lost")
            check("#start" in page.hrefs and "#part-2" in page.hrefs and "start-1" in page.ids,
                  f"HTML: links between the parts: {page.hrefs}")
            text = open(out, encoding="utf-8").read()
        elif fmt == "docx":
            body, rels = docx_parts(out)
            check("missing" not in rels and "nowhere" not in body, "DOCX: dead links kept")
            text = body
        elif fmt == "pdf":
            dests, uris, _ = pdf_links(out)
            check(not [u for u in uris if "missing" in u or "nowhere" in u] and "nowhere" not in dests,
                  f"PDF: dead links kept: {uris} {dests}")
            text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
        elif fmt == "txt":
            text = open(out, encoding="utf-8").read()
            check("missing.md" not in text and "nowhere" not in text, "txt: dead links listed")
            check("the first part (see “Start”, in part “Links Out”)" in re.sub(r"\s+", " ", text),
                  "txt: the link back to the first part does not name it")
        else:
            check(all(ok for _, ok, _ in epub_links(out)), "EPUB: links that land nowhere")
            with zipfile.ZipFile(out) as z:
                text = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
            check("missing.md" not in text and "nowhere" not in text, "EPUB: dead links kept")
            epubcheck(out)
        flat = re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", text))
        check("the gone guide" in flat and "no such heading" in flat,
              f"{fmt}: the dead links' text is lost")


def untitled_part(d):
    """(Beside the links, the other half of a part's print identity, next
    to check-parts.py:) a part with no title runs no head, rather than the
    part before it's."""
    second = os.path.join(d, "untitled.md")
    text = open(TOOLKIT[0], encoding="utf-8").read()
    with open(second, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^(title|subtitle): .*\n", "", text, count=2))
    out = os.path.join(d, "untitled.pdf")
    convert([TOOLKIT[0], second], "pdf", out)
    pages = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    opening = next(i for i, p in enumerate(pages) if i > 0 and "Sarah Jaffe talks to" in p)
    later = [p for p in pages[opening + 1:] if p.strip()]
    check(later and all("We Won" not in p.splitlines()[0] for p in later),
          "PDF: an untitled second part runs the first part's title")


def main():
    with tempfile.TemporaryDirectory() as d:
        toolkit(d)
        missing(d)
        untitled_part(d)
    finish()


if __name__ == "__main__":
    main()
