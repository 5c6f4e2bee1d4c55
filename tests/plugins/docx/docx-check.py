#!/usr/bin/python3
# docx-check.py: checks the DOCX writer's output (tests/plugins/docx).
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   docx-check.py CHECK WORKDIR [SCHEMAS] [DOCX-TEXT]
#
# CHECK is one of:
#   structure   package parts, relationships, styles, numbering, links,
#               image sizes, page setup, warnings, reproducibility; tables,
#               footnotes, strikethrough and task items (rota, notes)
#   schemas     every XML part against the ISO/IEC 29500 transitional and
#               OPC schemas with xmllint
#   python-docx style names and core properties as python-docx reads them
#   libreoffice LibreOffice's text of each DOCX equals the document's text;
#               the sample as PDF and a PNG of its first page in WORKDIR;
#               LibreOffice reads rota.docx's 2 footnotes and 1 table (as
#               ODF: text:note, table:table), prints the notes at the foot
#               of the page, and leaves docx-rota-page1.png in WORKDIR
#
# Exit 77 (skip) when a tool is missing, but 1 when CI=true: CI must run
# the real validators.
import difflib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from checklib import check, finish, missing_tool  # noqa: E402
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_R = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EPOCH = "1531785600"  # 2018-07-17T00:00:00Z

SOURCE = os.environ.get("PRENSA_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CORPUS = os.path.join(SOURCE, "tests", "plugins", "docx", "corpus")
SAMPLE = os.path.join(SOURCE, "samples", "interview.md")
ROTA = os.path.join(SOURCE, "samples", "toolkit", "rota.md")
REFERENCE = os.path.join(CORPUS, "reference.docx")

# name: (inputs, extra prensa arguments)
CASES = {
    "interview": ([SAMPLE], []),
    "commonmark": ([os.path.join(CORPUS, "commonmark.md")], []),
    "lists": ([os.path.join(CORPUS, "lists.md")], []),
    "images": ([os.path.join(CORPUS, "images.md")], []),
    "two-parts": ([SAMPLE, os.path.join(CORPUS, "second-part.md")], []),
    "reference": ([SAMPLE], ["-O", "reference-docx=" + REFERENCE]),
    "a4-option": ([os.path.join(CORPUS, "commonmark.md")], ["-O", "page-size=a4"]),
    "rota": ([ROTA], []),
    "notes": ([os.path.join(CORPUS, "notes.md")], []),
    "rota-reference": ([ROTA], ["-O", "reference-docx=" + REFERENCE]),
    "emphasis": ([os.path.join(CORPUS, "emphasis.md")], []),
}

def build(workdir, name, epoch=EPOCH, suffix=""):
    inputs, extra = CASES[name]
    out = os.path.join(workdir, name + suffix + ".docx")
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    proc = subprocess.run([os.environ["PRENSA"], *inputs, "-t", "docx", "-o", out, *extra],
                          env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr)
        sys.exit(f"prensa failed on {name} with {proc.returncode}")
    return out, proc.stderr


def build_all(workdir):
    return {name: build(workdir, name) for name in CASES}


def parse(z, part):
    return ET.fromstring(z.read(part))


def style_ids(z):
    return {s.get(W + "styleId"): s for s in parse(z, "word/styles.xml").iter(W + "style")}


def paragraphs(z):
    return list(parse(z, "word/document.xml").iter(W + "p"))


def ptext(p):
    out = []
    for el in p.iter():
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag in (W + "br", W + "tab"):
            out.append(" ")
    return "".join(out)


def pstyle(p):
    s = p.find(f"{W}pPr/{W}pStyle")
    return s.get(W + "val") if s is not None else None


# ---------------------------------------------------------------- images
def image_size(path):
    """Pixel size read from the file's own header (PNG IHDR, JPEG SOFn)."""
    data = open(path, "rb").read()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        i = 2
        while i < len(data):
            marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                h, w = struct.unpack(">HH", data[i + 5:i + 9])
                return w, h
            i += 2 + length
    raise ValueError(path)


# ------------------------------------------------------------- structure
def check_package(name, path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    check(names[0] == "[Content_Types].xml", f"{name}: [Content_Types].xml comes first")
    for part in ["_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                 "word/styles.xml", "word/numbering.xml", "word/settings.xml",
                 "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"]:
        check(part in names, f"{name}: has {part}")
    types = parse(z, "[Content_Types].xml")
    defaults = {d.get("Extension") for d in types.iter(CT + "Default")}
    overrides = {o.get("PartName") for o in types.iter(CT + "Override")}
    for part in names:
        if not part.endswith("/"):
            check("/" + part in overrides or part.rsplit(".", 1)[-1] in defaults,
                  f"{name}: {part} has a content type")
    for rels in [n for n in names if n.endswith(".rels")]:
        base = rels.replace("_rels/", "").rsplit(".rels", 1)[0]
        folder = os.path.dirname(base)
        for rel in parse(z, rels).iter(PKG_R + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = os.path.normpath(os.path.join(folder, rel.get("Target"))).lstrip("/")
            check(target in names, f"{name}: {rels} target {target} exists")
    # every style the document uses is defined
    ids = style_ids(z)
    doc = parse(z, "word/document.xml")
    used = {e.get(W + "val") for e in doc.iter() if e.tag in (W + "pStyle", W + "rStyle")}
    for u in used:
        check(u in ids, f"{name}: style {u} is defined in styles.xml")
    # every numId is defined
    nums = {n.get(W + "numId") for n in parse(z, "word/numbering.xml").iter(W + "num")}
    for n in doc.iter(W + "numId"):
        check(n.get(W + "val") in nums, f"{name}: numId {n.get(W + 'val')} is defined")
    # footer page number
    footer = z.read("word/footer1.xml").decode()
    check("PAGE" in footer, f"{name}: the footer has a PAGE field")
    # relationship ids of the body exist
    rel_ids = {r.get("Id"): r for r in parse(z, "word/_rels/document.xml.rels").iter(PKG_R + "Relationship")}
    for e in doc.iter():
        for attr in (R + "id", R + "embed"):
            if e.get(attr):
                check(e.get(attr) in rel_ids, f"{name}: relationship {e.get(attr)} exists")
    bookmarks = {b.get(W + "name") for b in doc.iter(W + "bookmarkStart")}
    for h in doc.iter(W + "hyperlink"):
        if h.get(W + "anchor"):
            check(h.get(W + "anchor") in bookmarks, f"{name}: bookmark {h.get(W + 'anchor')} exists")
    for b in bookmarks:
        # a letter first, or "_" for the hidden ones cross-references use
        check(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,39}", b) is not None,
              f"{name}: bookmark name {b} is one Word accepts")
    ids = [b.get(W + "id") for b in doc.iter(W + "bookmarkStart")]
    check(len(ids) == len(set(ids)), f"{name}: bookmark ids are unique")
    check(sorted(ids) == sorted(b.get(W + "id") for b in doc.iter(W + "bookmarkEnd")),
          f"{name}: every bookmark is closed with its own id")
    return z


def page_width(z):
    return int(parse(z, "word/document.xml").find(f"{W}body/{W}sectPr/{W}pgSz").get(W + "w"))


def doc_lang(z):
    lang = parse(z, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    return lang.get(W + "val") if lang is not None else None


def check_interview(z):
    ps = paragraphs(z)
    styles = [pstyle(p) for p in ps]
    texts = [ptext(p) for p in ps]
    check(styles[:4] == ["Title", "Subtitle", "Byline", "Date"], f"interview: title block styles {styles[:4]}")
    check(ps[2].find(f"{W}pPr/{W}spacing") is None, "interview: a byline before a date has its style's spacing")
    check(texts[0] == "We Won’t Be Complicit", "interview: title text")
    check(texts[2] == "Sarah Jaffe talks to Cata Santiago", f"interview: the byline ({texts[2]!r})")
    check(texts[3] == "July 17, 2018", f"interview: the date spelled out for en-US ({texts[3]!r})")
    check(styles[4] == "Standfirst" and texts[4].startswith("In this week’s episode"), "interview: standfirst")
    q = [t for t, s in zip(texts, styles) if s == "Question"]
    a = [t for t, s in zip(texts, styles) if s == "Answer"]
    check(len(q) == 7 and len(a) == 7, f"interview: 7 questions and 7 answers ({len(q)}, {len(a)})")
    check(q[0].startswith("Sarah Jaffe: We are talking") and q[1].startswith("SJ: During"),
          "interview: labels name the speaker in full first, then by id")
    check(a[0].startswith("Cata Santiago: Yes.") and a[1].startswith("CS: We are"), "interview: answer labels")
    for p in ps:
        if pstyle(p) in ("Question", "Answer"):
            first = p.find(f"{W}r/{W}rPr/{W}rStyle")
            check(first is not None and first.get(W + "val") == "Speaker",
                  "interview: each turn opens with a Speaker run")
    check(styles[-1] == "BackMatter" and texts[-1].startswith("This interview has been"), "interview: back matter")
    ids = style_ids(z)
    for sid in ("Question", "Heading1", "Title"):
        check(ids[sid].find(f"{W}pPr/{W}keepNext") is not None, f"styles: {sid} keeps with next")
    check(ids["Normal"].find(f"{W}pPr/{W}widowControl") is not None, "styles: widow/orphan control")
    check_print_styles(z, ids)
    check(page_width(z) == 11906, "interview: papersize a4 gives an A4 page")
    check(doc_lang(z) == "en-US", "interview: lang en-US in the style defaults")
    core = z.read("docProps/core.xml").decode()
    check("2018-07-17T00:00:00Z</dcterms:created>" in core, "interview: created from SOURCE_DATE_EPOCH")
    check("<dc:language>en-US</dc:language>" in core, "interview: language in core properties")


DISPLAY = ("Title", "Subtitle", "Byline", "Date", "Standfirst", "Question",
           "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6")


def check_print_styles(z, ids):
    """Hyphenation only in the body, no more than two hyphens in a row,
    questions ragged, a running head on every page but the first."""
    for sid in DISPLAY:
        check(ids[sid].find(f"{W}pPr/{W}suppressAutoHyphens") is not None,
              f"styles: {sid} is never hyphenated")
    jc = ids["Question"].find(f"{W}pPr/{W}jc")
    check(jc is not None and jc.get(W + "val") == "left", "styles: questions are not justified")
    check(ids["Question"].find(f"{W}pPr/{W}keepLines") is not None,
          "styles: a question is not split between pages")
    check(ids["Answer"].find(f"{W}pPr/{W}jc") is None
          and ids["BodyText"].find(f"{W}pPr/{W}jc").get(W + "val") == "both",
          "styles: answers justified, from Body Text")
    settings = parse(z, "word/settings.xml")
    check(settings.find(f"{W}autoHyphenation") is not None, "settings: automatic hyphenation")
    limit = settings.find(f"{W}consecutiveHyphenLimit")
    check(limit is not None and limit.get(W + "val") == "2",
          "settings: no more than two hyphenated lines in a row")
    sect = parse(z, "word/document.xml").find(f"{W}body/{W}sectPr")
    rels = {r.get("Id"): r.get("Target") for r in
            parse(z, "word/_rels/document.xml.rels").iter(PKG_R + "Relationship")}
    heads = {h.get(W + "type"): rels.get(h.get(R + "id"))
             for h in sect.findall(f"{W}headerReference")}
    check(heads == {"default": "header1.xml", "first": "header2.xml"},
          f"interview: a running head and an empty first-page header ({heads})")
    check(sect.find(f"{W}titlePg") is not None, "interview: the first page has its own header")
    feet = {f.get(W + "type") for f in sect.findall(f"{W}footerReference")}
    check(feet == {"default", "first"}, f"interview: a page number on the first page too ({feet})")
    head = parse(z, "word/header1.xml")
    check("".join(t.text or "" for t in head.iter(W + "t")) == "We Won’t Be Complicit",
          "interview: the running head is the title")
    check(head.find(f"{W}p/{W}pPr/{W}pStyle").get(W + "val") == "Header",
          "interview: the running head in the Header style")
    first = parse(z, "word/header2.xml")
    check(not "".join(t.text or "" for t in first.iter(W + "t")), "interview: the first page's header is empty")


def check_emphasis(z):
    """Emphasis in an italic style is set roman (w:i off: a run's w:i
    does not toggle its style's), emphasis inside that italic again, and
    emphasis elsewhere italic."""
    runs = {}
    for p in paragraphs(z):
        for r in p.iter(W + "r"):
            text = "".join(t.text or "" for t in r.iter(W + "t"))
            i = r.find(f"{W}rPr/{W}i")
            runs[(pstyle(p), text.strip())] = None if i is None else i.get(W + "val", "1")
    want = {
        ("FirstParagraph", "emphasis"): "1",
        ("BlockText", "The Nation"): "0",
        ("BlockText", "Roman"): "1",
        ("BlockText", "a book called"): "0",
        ("BlockText", "A quotation, set in italic, that names"): None,
        ("BlockText", "A paragraph of the quotation that is all emphasis, and stays italic."): None,
    }
    for key, val in want.items():
        check(runs.get(key, "missing") == val, f"emphasis: {key} has w:i {runs.get(key, 'missing')}, not {val}")


def check_commonmark(z, stderr):
    doc = z.read("word/document.xml").decode()
    ps = paragraphs(z)
    styles = [pstyle(p) for p in ps]
    for n in range(1, 7):
        check(f"Heading{n}" in styles, f"commonmark: Heading{n} used")
    for s in ("BlockText", "SourceCode", "ListParagraph", "FirstParagraph", "BodyText", "HorizontalRule", "Figure", "Caption"):
        check(s in styles, f"commonmark: {s} used")
    check("<w:tab/>" in doc and 'return &quot;tab-indented&quot;   # trailing spaces kept' in doc.replace('"', "&quot;").replace("&amp;quot;", "&quot;")
          or 'return "tab-indented"   # trailing spaces kept' in doc, "commonmark: code keeps tabs and spaces")
    check("    # four spaces" in doc, "commonmark: code keeps leading spaces")
    check(doc.count("<w:br/>") >= 4, "commonmark: line breaks")
    check("Raw HTML block" not in doc and "span" not in doc, "commonmark: raw HTML is left out")
    check("raw HTML" in stderr and "warning" in stderr, "commonmark: raw HTML dropped with a warning")
    check("no-such-heading" in stderr, "commonmark: a dangling internal link is reported")
    rels = z.read("word/_rels/document.xml.rels").decode()
    check('Target="https://example.com/a?b=1&amp;c=2"' in rels, "commonmark: external link target")
    check('Target="https://example.com/a%20b/%C3%B1"' in rels, "commonmark: link target percent-encoded")
    check('TargetMode="External"' in rels, "commonmark: external links are external relationships")
    check('w:anchor="heading_two"' in doc, "commonmark: internal link to a bookmark")
    check('w:tooltip="With a title"' in doc, "commonmark: link title as tooltip")
    check(page_width(z) == 12240, "commonmark: papersize letter gives a Letter page")
    check(doc_lang(z) == "en-GB", "commonmark: lang en-GB")
    nums = parse(z, "word/numbering.xml")
    starts = [o.get(W + "val") for o in nums.iter(W + "startOverride")]
    check("3" in starts, f"commonmark: an ordered list starts at 3 ({starts})")
    abstract = {n.get(W + "numId"): n.find(W + "abstractNumId").get(W + "val") for n in nums.iter(W + "num")}
    check("2" in abstract.values(), "commonmark: 1) lists use the paren numbering")
    core = z.read("docProps/core.xml").decode()
    check("<dc:creator>Ada Example; Bo Sample</dc:creator>" in core, "commonmark: creators")


def check_lists(z):
    nums = parse(z, "word/numbering.xml")
    starts = [o.get(W + "val") for o in nums.iter(W + "startOverride")]
    check(starts == ["1", "1", "1", "7", "10", "1"], f"lists: start numbers {starts}")
    for p in paragraphs(z):
        if ptext(p).startswith("deep ordered from one"):
            check(p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(W + "val") == "3", "lists: fourth level is ilvl 3")
        if ptext(p).startswith("after the nested list"):
            check(p.find(f"{W}pPr/{W}numPr") is None and p.find(f"{W}pPr/{W}ind") is not None,
                  "lists: a continuation paragraph is indented, not numbered")


def check_images(z, stderr):
    names = z.namelist()
    media = sorted(n for n in names if n.startswith("word/media/"))
    check(media == ["word/media/image1.png", "word/media/image2.jpeg", "word/media/image3.png"],
          f"images: three media parts, the repeated photo once ({media})")
    check(z.read("word/media/image1.png") == open(os.path.join(CORPUS, "images/photo.png"), "rb").read(),
          "images: the photo is embedded as it is")
    doc = parse(z, "word/document.xml")
    extents = [(int(e.get("cx")), int(e.get("cy"))) for e in doc.iter(WP + "extent")]
    pw, ph = image_size(os.path.join(CORPUS, "images/photo.png"))
    jw, jh = image_size(os.path.join(CORPUS, "images/tiny.jpg"))
    ww, wh = image_size(os.path.join(CORPUS, "images/wide.png"))
    check(extents[0] == (pw * 9525, ph * 9525), f"images: photo at 96 dpi {extents[0]}")
    check(extents[1] == (jw * 9525, jh * 9525), f"images: JPEG at 96 dpi {extents[1]}")
    text_width = (11906 - 2 * 1701) * 635
    check(extents[2][0] == text_width and abs(extents[2][1] - text_width * wh // ww) <= 1,
          f"images: a wide image shrinks to the text width {extents[2]}")
    check(len(extents) == 4, "images: four drawings (svg, missing and remote are not)")
    for what in ("diagram.svg", "missing.png", "remote.png"):
        check(what in stderr, f"images: {what} reported")
    check(doc_lang(z) == "de-DE", "images: lang de-DE")


def check_two_parts(z):
    doc = z.read("word/document.xml").decode()
    check('<w:br w:type="page"/>' in doc, "two-parts: the second part starts a page")
    styles = [pstyle(p) for p in paragraphs(z)]
    check(styles.count("Title") == 2, "two-parts: each part has its title")
    texts = [ptext(p) for p in paragraphs(z)]
    check("DG: " in texts, "two-parts: a label before a list stands alone")
    check("Cy Writer: Does the second part start on its own page?" in texts,
          "two-parts: speakers are named in full again in the second part")


def check_reference(z):
    ids = style_ids(z)
    h1 = ids["Heading1"].find(f"{W}rPr/{W}color")
    check(h1 is not None and h1.get(W + "val") == "008040", "reference: Heading 1 is the reference's")
    for sid in ("Question", "Answer", "Speaker", "Standfirst", "BackMatter"):
        check(sid in ids, f"reference: {sid} added from prensa's styles")
    check(page_width(z) == 12240, "reference: the reference's Letter page")
    margins = parse(z, "word/document.xml").find(f"{W}body/{W}sectPr/{W}pgMar")
    check(margins.get(W + "left") == "1440", "reference: the reference's margins")
    check("word/theme/theme1.xml" in z.namelist(), "reference: the reference's theme")


A4_TEXT = 11906 - 2 * 1701
LETTER_TEXT = 12240 - 2 * 1728


def rstyle(r):
    s = r.find(f"{W}rPr/{W}rStyle")
    return s.get(W + "val") if s is not None else None


def footnotes(z):
    """The notes of word/footnotes.xml by w:id, separators left out."""
    notes = parse(z, "word/footnotes.xml")
    return {int(n.get(W + "id")): n for n in notes.iter(W + "footnote")}


def check_note_part(name, z):
    """What every DOCX with notes has: the part, its content type and
    relationship, the separators, and a mark opening each note."""
    names = z.namelist()
    if not check("word/footnotes.xml" in names, f"{name}: has word/footnotes.xml"):
        return {}
    types = parse(z, "[Content_Types].xml")
    check(any(o.get("PartName") == "/word/footnotes.xml" and o.get("ContentType").endswith("footnotes+xml")
              for o in types.iter(CT + "Override")), f"{name}: footnotes.xml content type")
    rels = parse(z, "word/_rels/document.xml.rels")
    check(any(r.get("Type").endswith("/footnotes") and r.get("Target") == "footnotes.xml"
              for r in rels.iter(PKG_R + "Relationship")), f"{name}: relationship to footnotes.xml")
    notes = footnotes(z)
    check(notes.get(-1) is not None and notes[-1].get(W + "type") == "separator"
          and notes[-1].find(f".//{W}separator") is not None, f"{name}: separator footnote -1")
    check(notes.get(0) is not None and notes[0].get(W + "type") == "continuationSeparator"
          and notes[0].find(f".//{W}continuationSeparator") is not None,
          f"{name}: continuation separator footnote 0")
    real = {i: n for i, n in notes.items() if i > 0}
    check(sorted(real) == list(range(1, len(real) + 1)), f"{name}: notes numbered from 1 ({sorted(real)})")
    for i, n in real.items():
        first = n.find(W + "p")
        run = first.find(W + "r") if first is not None else None
        check(run is not None and run.find(W + "footnoteRef") is not None
              and rstyle(run) == "FootnoteReference",
              f"{name}: note {i} opens with a footnoteRef in the Footnote Reference style")
    settings = parse(z, "word/settings.xml")
    seps = [f.get(W + "id") for f in settings.findall(f"{W}footnotePr/{W}footnote")]
    check(seps == ["-1", "0"], f"{name}: settings name the separators ({seps})")
    doc = parse(z, "word/document.xml")
    refs = [r for r in doc.iter(W + "r") if r.find(W + "footnoteReference") is not None]
    check(sorted(int(r.find(W + "footnoteReference").get(W + "id")) for r in refs) == sorted(real),
          f"{name}: one footnoteReference per note")
    for r in refs:
        check(rstyle(r) == "FootnoteReference", f"{name}: reference runs in the Footnote Reference style")
    ids = style_ids(z)
    check(ids.get("FootnoteText") is not None and ids["FootnoteText"].get(W + "type") == "paragraph",
          f"{name}: a Footnote Text paragraph style")
    ref = ids.get("FootnoteReference")
    check(ref is not None and ref.get(W + "type") == "character"
          and ref.find(f"{W}rPr/{W}vertAlign").get(W + "val") == "superscript",
          f"{name}: a superscript Footnote Reference character style")
    used = {e.get(W + "val") for n in real.values() for e in n.iter() if e.tag in (W + "pStyle", W + "rStyle")}
    for u in used:
        check(u in ids, f"{name}: style {u} of a note is defined")
    if "word/_rels/footnotes.xml.rels" in names:
        rel_ids = {r.get("Id") for r in parse(z, "word/_rels/footnotes.xml.rels").iter(PKG_R + "Relationship")}
        for n in real.values():
            for e in n.iter():
                for attr in (R + "id", R + "embed"):
                    if e.get(attr):
                        check(e.get(attr) in rel_ids, f"{name}: note relationship {e.get(attr)} exists")
    return real


def tables(z):
    return list(parse(z, "word/document.xml").iter(W + "tbl"))


def check_table_frame(name, tbl, width, columns):
    """Style, width, grid and rows of one w:tbl."""
    pr = tbl.find(W + "tblPr")
    check(pr.find(W + "tblStyle").get(W + "val") == "PrensaTable", f"{name}: table in the Prensa Table style")
    grid = [int(g.get(W + "w")) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    check(len(grid) == columns and sum(grid) == width,
          f"{name}: {columns} grid columns filling {width} twips ({grid})")
    rows = tbl.findall(W + "tr")
    for i, tr in enumerate(rows):
        check(tr.find(f"{W}trPr/{W}cantSplit") is not None, f"{name}: row {i} cannot split")
        cells = tr.findall(W + "tc")
        check(len(cells) == columns, f"{name}: row {i} has {columns} cells")
        for c, tc in enumerate(cells):
            ps = tc.findall(W + "p")
            check(len(ps) == 1 and pstyle(ps[0]) in ("TableText", "TableHeading"),
                  f"{name}: cell {i},{c} is one table-text paragraph")
            tcw = tc.find(f"{W}tcPr/{W}tcW")
            check(tcw is not None and int(tcw.get(W + "w")) == grid[c], f"{name}: cell {i},{c} as wide as its column")
    return pr, grid, rows


def check_rota(z):
    real = check_note_part("rota", z)
    check(sorted(real) == [1, 2], f"rota: two footnotes ({sorted(real)})")
    if len(real) == 2:
        first = [ptext(p) for p in real[1].findall(W + "p")]
        second = [ptext(p) for p in real[2].findall(W + "p")]
        check(len(first) == 1 and first[0].strip() == "The rota is adapted from the one the Leeds group used in 2019.",
              f"rota: note 1's text ({first})")
        check(len(second) == 2 and second[0].strip().startswith("Two is the least")
              and second[1].startswith("If only one person turns up"),
              f"rota: note 2 keeps its two paragraphs ({second})")
        for n in real.values():
            for p in n.findall(W + "p"):
                check(pstyle(p) == "FootnoteText", "rota: note paragraphs in Footnote Text")
    doc = z.read("word/document.xml").decode()
    check("Leeds group" not in doc and "pack the table away" not in doc,
          "rota: the notes' text is not in the body's flow")
    ps = paragraphs(z)
    byline = next(p for p in ps if pstyle(p) == "Byline")
    space = byline.find(f"{W}pPr/{W}spacing")
    check(space is not None and space.get(W + "after") == "360",
          "rota: with no date, the byline ends the title block with the date's room")
    intro = next(p for p in ps if ptext(p).startswith("The day runs on a rota"))
    marks = [e for e in intro.iter() if e.tag == W + "footnoteReference"]
    check(len(marks) == 1 and marks[0].get(W + "id") == "1", "rota: note 1 is referenced from the first paragraph")
    # the table
    tbls = tables(z)
    if not check(len(tbls) == 1, f"rota: one table ({len(tbls)})"):
        return
    pr, grid, rows = check_table_frame("rota", tbls[0], A4_TEXT, 4)
    w = pr.find(W + "tblW")
    check(w.get(W + "type") == "pct" and w.get(W + "w") == "5000", "rota: the table is as wide as the text")
    check(pr.find(W + "tblLook").get(W + "firstRow") == "1", "rota: the header look is on")
    check(grid[2] < grid[1], f"rota: the People column is narrower than Where ({grid})")
    check(len(rows) == 5, f"rota: 5 rows ({len(rows)})")
    check([tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows] == [True] + [False] * 4,
          "rota: the first row, and only it, repeats as a header")
    texts = [[ptext(tc.find(W + "p")) for tc in tr.findall(W + "tc")] for tr in rows]
    check(texts[0] == ["Shift", "Where", "People", "Lead"], f"rota: header cells {texts[0]}")
    check(texts[4] == ["14:00–16:00", "Market gate", "3", "Dev Ana"], f"rota: last row {texts[4]}")
    for tr in rows:
        jcs = []
        for tc in tr.findall(W + "tc"):
            jc = tc.find(f"{W}p/{W}pPr/{W}jc")
            jcs.append(jc.get(W + "val") if jc is not None else None)
        check(jcs == ["left", "left", "right", "center"], f"rota: column alignment {jcs}")
    check([pstyle(tc.find(W + "p")) for tc in rows[0].findall(W + "tc")] == ["TableHeading"] * 4
          and pstyle(rows[1].find(f"{W}tc/{W}p")) == "TableText", "rota: header and body cell styles")
    # strikethrough
    runs = [r for r in tbls[0].iter(W + "r") if ptext(r).strip() in ("Dev", "Ana")]
    struck = {ptext(r).strip(): r.find(f"{W}rPr/{W}strike") is not None for r in runs[-2:]}
    check(struck == {"Dev": True, "Ana": False}, f"rota: ~~Dev~~ is struck through, Ana is not ({struck})")
    # the table style
    ids = style_ids(z)
    ts = ids.get("PrensaTable")
    check(ts is not None and ts.get(W + "type") == "table" and ts.find(f"{W}name").get(W + "val") == "Prensa Table",
          "rota: the Prensa Table style is defined")
    if ts is not None:
        borders = ts.find(f"{W}tblPr/{W}tblBorders")
        check(borders is not None and borders.find(W + "top") is not None and borders.find(W + "bottom") is not None,
              "rota: the table style rules the top and bottom")
        check(ts.find(f"{W}tblStylePr[@{W}type='firstRow']") is not None, "rota: the table style has a header row look")
    # task items
    tasks = [ptext(p) for p in ps if ptext(p)[:1] in ("☐", "☒")]
    check([t[:1] for t in tasks] == ["☒", "☒", "☐", "☐"], f"rota: task boxes {tasks}")
    check(tasks[:1] == ["☒ Book the table and two chairs"], f"rota: a box and a tab open the item ({tasks[:1]})")
    task_p = next(p for p in ps if ptext(p).startswith("☒"))
    num = task_p.find(f"{W}pPr/{W}numPr/{W}numId").get(W + "val")
    nums = parse(z, "word/numbering.xml")
    abstract = {n.get(W + "numId"): n.find(W + "abstractNumId").get(W + "val") for n in nums.iter(W + "num")}
    check(abstract.get(num) == "3", "rota: a list of tasks uses the task numbering, the box for a bullet")


def check_notes(z):
    real = check_note_part("notes", z)
    check(sorted(real) == [1, 2, 3], f"notes: one footnote per note, not per reference ({sorted(real)})")
    doc = parse(z, "word/document.xml")
    fields = [f for f in doc.iter(W + "fldSimple") if "NOTEREF" in f.get(W + "instr")]
    check(len(fields) == 2, f"notes: the later references to a note are NOTEREF fields ({len(fields)})")
    marks = {b.get(W + "name") for b in doc.iter(W + "bookmarkStart")}
    for f in fields:
        target = f.get(W + "instr").split()[1]
        check(target in marks and target.startswith("_Ref"), f"notes: NOTEREF {target} has its hidden bookmark")
        run = f.find(W + "r")
        check(run is not None and rstyle(run) == "FootnoteReference" and ptext(run) == "1",
              "notes: a NOTEREF shows the note's number in the Footnote Reference style")
    heading = next(p for p in paragraphs(z) if pstyle(p) == "Heading1")
    check(heading.find(f".//{W}footnoteReference") is not None, "notes: a note referenced from a heading")
    if len(real) == 3:
        first = real[2].findall(W + "p")
        check(len(first) == 3 and ptext(first[0]).strip() == "" and pstyle(first[0]) == "FootnoteText"
              and first[1].find(f"{W}pPr/{W}numPr") is not None,
              "notes: a note opening with a list has its mark in a paragraph of its own")
        check([pstyle(p) for p in first] == ["FootnoteText"] * 3,
              "notes: a list in a note keeps the note's style")
        extents = [int(e.get("cy")) for e in real[3].iter(WP + "extent")]
        check(len(extents) == 1 and extents[0] <= 720 * 635,
              f"notes: an image in a note is at most half an inch tall ({extents})")
        check(real[3].find(f".//{W}hyperlink") is not None and real[3].find(f".//{A}blip") is not None,
              "notes: a note holds a link and an image")
    rels = z.read("word/_rels/footnotes.xml.rels").decode() if "word/_rels/footnotes.xml.rels" in z.namelist() else ""
    check('Target="https://example.com/note"' in rels and 'Target="media/image1.png"' in rels,
          "notes: footnotes.xml has its own relationships for the link and the image")
    body_rels = z.read("word/_rels/document.xml.rels").decode()
    check("example.com/note" not in body_rels, "notes: the note's link is not the body's relationship")
    texts = [ptext(p) for p in paragraphs(z)]
    check("☒ done, in a list that mixes tasks" in texts and "☐ open" in texts,
          f"notes: boxes and a space in a list that mixes tasks")
    check("☐ an ordered task keeps its number" in texts, "notes: an ordered task")
    tbls = tables(z)
    if not check(len(tbls) == 3, f"notes: three tables ({len(tbls)})"):
        return
    pr, grid, _ = check_table_frame("notes (in a list)", tbls[0], LETTER_TEXT - 360, 2)
    check(pr.find(W + "tblInd") is not None and pr.find(W + "tblInd").get(W + "w") == "360"
          and pr.find(W + "tblW").get(W + "type") == "dxa", "notes: a table in a list is indented with it")
    check_table_frame("notes (second)", tbls[1], LETTER_TEXT, 2)
    _, grid, _ = check_table_frame("notes (third)", tbls[2], LETTER_TEXT, 3)
    check(grid[0] > grid[1] + grid[2], f"notes: the long column gets the most room ({grid})")
    kids = [k.tag for k in parse(z, "word/document.xml").find(W + "body")]
    check(W + "tbl" + W + "tbl" not in "".join(kids), "notes: a paragraph keeps two tables from merging")


def check_rota_reference(z):
    """A reference without prensa's table and note styles gets them, linked
    to what it has."""
    ids = style_ids(z)
    for sid in ("PrensaTable", "TableText", "TableHeading", "FootnoteText", "FootnoteReference"):
        check(sid in ids, f"rota-reference: {sid} added from prensa's styles")
    for s in ids.values():
        based = s.find(W + "basedOn")
        if based is not None:
            check(based.get(W + "val") in ids, f"rota-reference: {s.get(W + 'styleId')} is based on a defined style")
    tbl = tables(z)
    if check(len(tbl) == 1, "rota-reference: one table"):
        check_table_frame("rota-reference", tbl[0], 12240 - 2 * 1440, 4)
    check(len(check_note_part("rota-reference", z)) == 2, "rota-reference: two notes")


def check_failures(workdir):
    """Bad options fail cleanly: exit 1 (2 for usage), a message, no file."""
    not_zip = os.path.join(CORPUS, "lists.md")
    no_styles = os.path.join(workdir, "no-styles.docx")
    with zipfile.ZipFile(no_styles, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    for extra, status, words in [
            (["-O", "reference-docx=" + not_zip], 1, "zip"),
            (["-O", "reference-docx=" + os.path.join(workdir, "absent.docx")], 1, "absent.docx"),
            (["-O", "reference-docx=" + no_styles], 1, "styles.xml"),
            (["-O", "page-size=quarto"], (1, 2), "page-size")]:
        out = os.path.join(workdir, "failed.docx")
        proc = subprocess.run([os.environ["PRENSA"], SAMPLE, "-t", "docx", "-o", out, *extra],
                              capture_output=True, text=True)
        statuses = status if isinstance(status, tuple) else (status,)
        check(proc.returncode in statuses and words in proc.stderr and not os.path.exists(out),
              f"{extra[1]}: fails with {statuses}, says {words!r}, leaves no file "
              f"(got {proc.returncode}: {proc.stderr.strip()})")


def run_structure(workdir):
    check_failures(workdir)
    built = build_all(workdir)
    zips = {name: check_package(name, path) for name, (path, _) in built.items()}
    check_interview(zips["interview"])
    check_commonmark(zips["commonmark"], built["commonmark"][1])
    check_lists(zips["lists"])
    check_images(zips["images"], built["images"][1])
    check_two_parts(zips["two-parts"])
    check_reference(zips["reference"])
    check_rota(zips["rota"])
    check_notes(zips["notes"])
    check_rota_reference(zips["rota-reference"])
    check_emphasis(zips["emphasis"])
    for name in ("interview", "commonmark", "lists"):
        check("word/footnotes.xml" not in zips[name].namelist()
              and b"footnotePr" not in zips[name].read("word/settings.xml"),
              f"{name}: no footnotes part without notes")
    check(page_width(zips["a4-option"]) == 11906, "page-size=a4 beats papersize: letter")
    # the same input and SOURCE_DATE_EPOCH give the same bytes
    for name in ("interview", "images", "rota"):
        again, _ = build(workdir, name, suffix="-again")
        check(open(again, "rb").read() == open(built[name][0], "rb").read(),
              f"{name}: byte-identical with SOURCE_DATE_EPOCH")
    later, _ = build(workdir, "interview", epoch="1700000000", suffix="-later")
    core = zipfile.ZipFile(later).read("docProps/core.xml").decode()
    check("2023-11-14T22:13:20Z" in core, "a later SOURCE_DATE_EPOCH gives later dates")
    finish()


# --------------------------------------------------------------- schemas
def run_schemas(workdir, schemas):
    if not shutil.which("xmllint"):
        missing_tool("xmllint")
    wml = os.path.join(schemas, "ISO-IEC29500-4_2016", "wml.xsd")
    ext = os.path.join(schemas, "ISO-IEC29500-4_2016", "shared-documentPropertiesExtended.xsd")
    custom = os.path.join(schemas, "ISO-IEC29500-4_2016", "shared-documentPropertiesCustom.xsd")
    dml = os.path.join(schemas, "ISO-IEC29500-4_2016", "dml-main.xsd")
    ctypes = os.path.join(schemas, "ecma", "fouth-edition", "opc-contentTypes.xsd")
    rels = os.path.join(schemas, "ecma", "fouth-edition", "opc-relationships.xsd")
    groups = {}
    for name, (path, _) in build_all(workdir).items():
        dest = os.path.join(workdir, name + "-parts")
        shutil.rmtree(dest, ignore_errors=True)
        z = zipfile.ZipFile(path)
        z.extractall(dest)
        for part in z.namelist():
            file = os.path.join(dest, part)
            if part.startswith("word/media/"):
                continue
            if part == "[Content_Types].xml":
                schema = ctypes
            elif part.endswith(".rels"):
                schema = rels
            elif part == "docProps/app.xml":
                schema = ext
            elif part == "docProps/custom.xml":
                schema = custom
            elif part == "word/theme/theme1.xml":
                schema = dml
            elif part == "docProps/core.xml":
                # opc-coreProperties.xsd imports Dublin Core over the network
                # (see tests/schemas/ooxml/SOURCE.md): well-formed here, read
                # back by python-docx in the python-docx check.
                schema = None
            elif part.startswith("word/") and part.endswith(".xml"):
                schema = wml
            else:
                check(False, f"{name}: unexpected part {part}")
                continue
            groups.setdefault(schema, []).append(file)
    for schema, files in groups.items():
        cmd = ["xmllint", "--noout", "--nonet"] + (["--schema", schema] if schema else []) + files
        proc = subprocess.run(cmd, capture_output=True, text=True)
        print(proc.stderr.strip())
        check(proc.returncode == 0, f"xmllint {os.path.basename(schema or 'well-formedness')}: {len(files)} parts")
    finish()


# ----------------------------------------------------------- python-docx
def run_python_docx(workdir):
    try:
        import docx
    except ImportError:
        missing_tool("python-docx (python3-docx)")
    built = build_all(workdir)
    d = docx.Document(built["interview"][0])
    by_start = lambda prefix: next(p for p in d.paragraphs if p.text.startswith(prefix))
    check(by_start("In this week’s episode").style.name == "Standfirst", "python-docx: Standfirst")
    check(by_start("Sarah Jaffe: We are talking").style.name == "Question", "python-docx: Question")
    check(by_start("SJ: Some people").style.name == "Question", "python-docx: later Question")
    check(by_start("Cata Santiago: Yes.").style.name == "Answer", "python-docx: Answer")
    check(by_start("CS: It is their technology").style.name == "Answer", "python-docx: later Answer")
    check(by_start("This interview has been").style.name == "Back Matter", "python-docx: Back Matter")
    check(by_start("We Won’t").style.name == "Title", "python-docx: Title")
    check(by_start("Sarah Jaffe: We").runs[0].style.name == "Speaker", "python-docx: Speaker run")
    cp = d.core_properties
    check(cp.title == "We Won’t Be Complicit", f"python-docx: core title {cp.title!r}")
    check(cp.author == "Sarah Jaffe", f"python-docx: core author {cp.author!r}")
    check(cp.language == "en-US", f"python-docx: core language {cp.language!r}")
    check(cp.subject == "Immigration; Labor; Amazon; Interviews", f"python-docx: subject {cp.subject!r}")
    check(cp.created is not None and cp.created.isoformat().startswith("2018-07-17T00:00:00"),
          f"python-docx: created {cp.created}")
    section = d.sections[0]
    check(section.page_width == 11906 * 635, "python-docx: A4 width")
    c = docx.Document(built["commonmark"][0])
    names = {p.style.name for p in c.paragraphs}
    for n in range(1, 7):
        check(f"Heading {n}" in names, f"python-docx: Heading {n}")
    for s in ("Body Text", "First Paragraph", "Block Text", "Source Code", "List Paragraph", "Caption"):
        check(s in names, f"python-docx: {s}")
    check(c.sections[0].page_width == 12240 * 635, "python-docx: Letter width")
    r = docx.Document(built["reference"][0])
    check(r.styles["Normal"].font.name == "Liberation Sans", "python-docx: the reference's Normal")
    check(by_start.__class__ and r.styles["Question"] is not None, "python-docx: Question in the reference")
    check_python_docx_rota(docx, built["rota"][0])
    finish()


def check_python_docx_rota(docx, path):
    from docx.enum.text import WD_ALIGN_PARAGRAPH as J
    d = docx.Document(path)
    if not check(len(d.tables) == 1, f"python-docx: rota has 1 table ({len(d.tables)})"):
        return
    t = d.tables[0]
    check(t.style is not None and t.style.name == "Prensa Table", "python-docx: the table's style")
    check(len(t.rows) == 5 and len(t.columns) == 4, f"python-docx: 5 rows, 4 columns ({len(t.rows)}, {len(t.columns)})")
    cells = [[c.text for c in row.cells] for row in t.rows]
    check(cells[0] == ["Shift", "Where", "People", "Lead"], f"python-docx: header row {cells[0]}")
    check(cells[1] == ["8:00–10:00", "Market gate", "3", "Ana"], f"python-docx: first body row {cells[1]}")
    check(cells[4] == ["14:00–16:00", "Market gate", "3", "Dev Ana"], f"python-docx: last row {cells[4]}")
    check(all(len(row.cells) == 4 for row in t.rows), "python-docx: every row has 4 cells")
    align = [p.paragraph_format.alignment or p.alignment for p in (t.cell(2, c).paragraphs[0] for c in range(4))]
    check(align == [J.LEFT, J.LEFT, J.RIGHT, J.CENTER], f"python-docx: column alignment {align}")
    check(t.cell(0, 0).paragraphs[0].style.name == "Table Heading"
          and t.cell(1, 0).paragraphs[0].style.name == "Table Text", "python-docx: table paragraph styles")
    dev = [r for r in t.cell(4, 3).paragraphs[0].runs if r.text.strip()]
    check([(r.text.strip(), bool(r.font.strike)) for r in dev] == [("Dev", True), ("Ana", False)],
          "python-docx: ~~Dev~~ struck through")
    tasks = [p.text for p in d.paragraphs if p.text[:1] in ("\u2610", "\u2612")]
    check(tasks == ["\u2612\tBook the table and two chairs", "\u2612\tPrint 200 leaflets",
                    "\u2610\tAsk the library about the steps", "\u2610\tFind a second lead for the afternoon"],
          f"python-docx: task items {tasks}")
    notes = [rel.target_part for rel in d.part.rels.values() if rel.reltype.endswith("/footnotes")]
    check(len(notes) == 1, "python-docx: the document part relates to one footnotes part")
    if notes:
        root = ET.fromstring(notes[0].blob)
        ids = [n.get(W + "id") for n in root.iter(W + "footnote")]
        check(ids == ["-1", "0", "1", "2"], f"python-docx: footnotes part holds {ids}")
    from docx.enum.style import WD_STYLE_TYPE
    kinds = {s.name.lower(): s.type for s in d.styles}
    check(kinds.get("footnote text") == WD_STYLE_TYPE.PARAGRAPH
          and kinds.get("footnote reference") == WD_STYLE_TYPE.CHARACTER,
          "python-docx: Footnote Text and Footnote Reference styles")


# ----------------------------------------------------------- libreoffice
def normalise(text):
    text = text.replace("\ufeff", "")
    # LibreOffice writes list labels; the document text has none.
    text = re.sub(r"(?m)^(?: {4})+(?:[•◦▪–\u2013]|\d+[.)])[ \t]?", "", text)
    return " ".join(text.split())


def run_libreoffice(workdir, docx_text):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        missing_tool("LibreOffice (soffice)")
    for tool in ("pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            missing_tool(f"{tool} (poppler-utils)")
    built = build_all(workdir)
    outdir = os.path.join(workdir, "libreoffice")
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home)
        files = [path for path, _ in built.values()]
        subprocess.run([soffice, "--headless", "--convert-to", "txt:Text", "--outdir", outdir, *files],
                       env=env, capture_output=True, timeout=600)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", outdir,
                        built["interview"][0], built["rota"][0]],
                       env=env, capture_output=True, timeout=600)
        # Flat ODF: how LibreOffice's own model holds what it read.
        subprocess.run([soffice, "--headless", "--convert-to", "fodt", "--outdir", outdir,
                        built["rota"][0], built["notes"][0]],
                       env=env, capture_output=True, timeout=600)
    for name, (path, _) in built.items():
        txt = os.path.join(outdir, name + ".txt")
        if not check(os.path.exists(txt), f"libreoffice: opened {name}.docx"):
            continue
        got = normalise(open(txt, encoding="utf-8-sig").read())
        want = normalise(subprocess.run([docx_text, *CASES[name][0]], capture_output=True,
                                        text=True, check=True).stdout)
        if not check(got == want, f"libreoffice: text of {name}.docx equals the document's text"):
            for line in difflib.unified_diff(want.split(" "), got.split(" "), "expected", "libreoffice", n=3, lineterm=""):
                print("   ", line)
    pdf = os.path.join(outdir, "interview.pdf")
    if check(os.path.exists(pdf), "libreoffice: the sample converts to PDF"):
        for page in (1, 2):
            png = os.path.join(workdir, f"docx-interview-page{page}")
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                            "-singlefile", pdf, png], check=True)
            check(os.path.getsize(png + ".png") > 10000, f"libreoffice: page {page} rendered to PNG")
            print("artifact:", png + ".png")
        check_libreoffice_print(pdf)
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
            check(pages >= 2, f"libreoffice: the sample runs to {pages} pages")
            check(abs(float(size.group(1)) - 595.3) < 1, f"libreoffice: A4 pages ({size.group(0)})")
    check_libreoffice_rota(outdir, workdir)
    check_libreoffice_notes(outdir)
    finish()


def check_libreoffice_print(pdf):
    """LibreOffice's pages: the running head atop page 2 and not page 1;
    hyphens that LibreOffice added only in the answers, never three in a
    row."""
    pages = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")
    firsts = [next((" ".join(l.split()) for l in page.splitlines() if l.strip()), "")
              for page in pages[:2]]
    check(firsts[0] == "We Won’t Be Complicit", f"libreoffice: page 1 opens on the headline ({firsts[0]!r})")
    check(firsts[1] == "WE WON’T BE COMPLICIT", f"libreoffice: page 2 opens on the running head ({firsts[1]!r})")
    with open(SAMPLE, encoding="utf-8") as f:
        source = f.read().split("\n---\n", 1)[1]
    paragraphs = [p.strip() for p in source.split("\n\n") if p.strip()]
    meta = open(SAMPLE, encoding="utf-8").read().split("\n---\n", 1)[0]
    display = [p for p in paragraphs if p.startswith(("Sarah Jaffe:", "SJ:"))]
    display += [paragraphs[0], "We Won’t Be Complicit",
                re.search(r"^subtitle: (.*)$", meta, re.M).group(1)]
    added, run, longest = [], 0, 0
    lines = [l.strip() for page in pages for l in page.splitlines() if l.strip()]
    for line, after in zip(lines, lines[1:] + [""]):
        m = re.search(r"(\w+)-$", line)
        n = re.match(r"(\w+)", after)
        # a hyphen LibreOffice added: the two halves make one word of the text
        word = m and n and m.group(1) + n.group(1)
        if word and re.search(r"\b%s\b" % word, source):
            added.append(word)
            run += 1
            longest = max(longest, run)
            for p in display:
                check(not re.search(r"\b%s\b" % word, p.replace("’", "'")) or
                      re.search(r"\b%s\b" % word, "".join(a for a in paragraphs if a not in display)),
                      f"libreoffice: no hyphen in display text ({word})")
        else:
            run = 0
    print(f"libreoffice: {len(added)} hyphenated line ends {added}, at most {longest} in a row")
    check(added, "libreoffice: the answers are hyphenated")
    check(longest <= 2, f"libreoffice: no three hyphenated lines in a row ({longest})")


TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def odf_text(el):
    """The text of an ODF element, without the indentation of the
    pretty-printed flat file."""
    return " ".join("".join(el.itertext()).split())


def read_fodt(outdir, name):
    fodt = os.path.join(outdir, name + ".fodt")
    if not check(os.path.exists(fodt), f"libreoffice: {name}.docx converts to ODF"):
        return None
    return ET.parse(fodt).getroot()


def check_libreoffice_rota(outdir, workdir):
    """The issue's acceptance check: LibreOffice reads 2 footnotes and 1
    table out of rota.docx, and prints the notes at the page's foot."""
    odf = read_fodt(outdir, "rota")
    if odf is not None:
        notes = [n for n in odf.iter(TEXT + "note") if n.get(TEXT + "note-class") == "footnote"]
        check(len(notes) == 2, f"libreoffice: rota has 2 footnotes ({len(notes)})")
        check([odf_text(n.find(TEXT + "note-citation")) for n in notes] == ["1", "2"],
              "libreoffice: footnotes numbered 1 and 2")
        bodies = [n.find(TEXT + "note-body").findall(TEXT + "p") for n in notes]
        check([len(b) for b in bodies] == [1, 2], f"libreoffice: paragraphs per note {[len(b) for b in bodies]}")
        if len(bodies) == 2 and len(bodies[1]) == 2:
            check(odf_text(bodies[1][1]).startswith("If only one person turns up"),
                  "libreoffice: note 2's second paragraph")
        tables = list(odf.iter(TABLE + "table"))
        check(len(tables) == 1, f"libreoffice: rota has 1 table ({len(tables)})")
        if tables:
            header = tables[0].findall(f"{TABLE}table-header-rows/{TABLE}table-row")
            body = tables[0].findall(TABLE + "table-row")
            check(len(header) == 1 and len(body) == 4,
                  f"libreoffice: 1 repeated header row and 4 body rows ({len(header)}, {len(body)})")
            cells = [[odf_text(c) for c in row.findall(TABLE + "table-cell")] for row in header + body]
            check(cells[:1] == [["Shift", "Where", "People", "Lead"]] and cells[-1][-1] == "Dev Ana",
                  f"libreoffice: table cells {cells[:1]} … {cells[-1:]}")
        text = odf_text(odf.find(f".//{{urn:oasis:names:tc:opendocument:xmlns:office:1.0}}text"))
        check(text.count("\u2612") == 2 and text.count("\u2610") == 2, "libreoffice: the task boxes")
    pdf = os.path.join(outdir, "rota.pdf")
    if not check(os.path.exists(pdf), "libreoffice: rota converts to PDF"):
        return
    png = os.path.join(workdir, "docx-rota-page1")
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, png], check=True)
    check(os.path.getsize(png + ".png") > 10000, "libreoffice: rota's first page rendered to PNG")
    print("artifact:", png + ".png")
    page = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"],
                          capture_output=True, text=True).stdout
    last_body = page.find("Cross a task out only")
    check(0 < last_body < page.find("Leeds group used in 2019") and last_body < page.find("pack the table away"),
          "libreoffice: both notes print at the foot of page 1, below the text")


def check_libreoffice_notes(outdir):
    odf = read_fodt(outdir, "notes")
    if odf is None:
        return
    notes = [n for n in odf.iter(TEXT + "note") if n.get(TEXT + "note-class") == "footnote"]
    check(len(notes) == 3, f"libreoffice: notes.docx has 3 footnotes, one per note ({len(notes)})")
    # LibreOffice 7.4 keeps a NOTEREF as a field it round-trips, showing
    # Word's result; a later one may make it a note reference of its own.
    field = "{urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0}"
    refs = [odf_text(r) for r in odf.iter(TEXT + "note-ref")]
    kept = [m for m in odf.iter(field + "fieldmark-start")
            if any("NOTEREF _RefNote1" in (p.get(field + "value") or "") for p in m.iter(field + "param"))]
    check(len(refs) + len(kept) == 2 and set(refs) <= {"1"},
          f"libreoffice: the later references refer to note 1 ({refs}, {len(kept)} fields)")
    check(len(list(odf.iter(TABLE + "table"))) == 3, "libreoffice: notes.docx has 3 separate tables")


def main():
    check_name, workdir = sys.argv[1], sys.argv[2]
    os.makedirs(workdir, exist_ok=True)
    if check_name == "structure":
        run_structure(workdir)
    elif check_name == "schemas":
        run_schemas(workdir, sys.argv[3])
    elif check_name == "python-docx":
        run_python_docx(workdir)
    elif check_name == "libreoffice":
        run_libreoffice(workdir, sys.argv[3])
    sys.exit(f"unknown check {check_name}")


if __name__ == "__main__":
    main()
