#!/usr/bin/python3
# docx-check.py: checks the DOCX writer's output (tests/plugins/docx).
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   docx-check.py CHECK WORKDIR [SCHEMAS] [DOCX-TEXT]
#
# CHECK is one of:
#   structure   package parts, relationships, styles, numbering, links,
#               image sizes, page setup, warnings, reproducibility
#   schemas     every XML part against the ISO/IEC 29500 transitional and
#               OPC schemas with xmllint
#   python-docx style names and core properties as python-docx reads them
#   libreoffice LibreOffice's text of each DOCX equals the document's text;
#               the sample as PDF and a PNG of its first page in WORKDIR
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
        check(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", b) is not None,
              f"{name}: bookmark name {b} is one Word accepts")
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
    check(page_width(z) == 11906, "interview: papersize a4 gives an A4 page")
    check(doc_lang(z) == "en-US", "interview: lang en-US in the style defaults")
    core = z.read("docProps/core.xml").decode()
    check("2018-07-17T00:00:00Z</dcterms:created>" in core, "interview: created from SOURCE_DATE_EPOCH")
    check("<dc:language>en-US</dc:language>" in core, "interview: language in core properties")


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
            (["-O", "page-size=a5"], (1, 2), "page-size")]:
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
    check(page_width(zips["a4-option"]) == 11906, "page-size=a4 beats papersize: letter")
    # the same input and SOURCE_DATE_EPOCH give the same bytes
    for name in ("interview", "images"):
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
    finish()


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
    if not shutil.which("pdftoppm"):
        missing_tool("pdftoppm (poppler-utils)")
    built = build_all(workdir)
    outdir = os.path.join(workdir, "libreoffice")
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home)
        files = [path for path, _ in built.values()]
        subprocess.run([soffice, "--headless", "--convert-to", "txt:Text", "--outdir", outdir, *files],
                       env=env, capture_output=True, timeout=600)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", outdir, built["interview"][0]],
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
        png = os.path.join(workdir, "docx-interview-page1")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, png], check=True)
        check(os.path.getsize(png + ".png") > 10000, "libreoffice: first page rendered to PNG")
        print("artifact:", png + ".png")
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
            check(pages >= 2, f"libreoffice: the sample runs to {pages} pages")
            check(abs(float(size.group(1)) - 595.3) < 1, f"libreoffice: A4 pages ({size.group(0)})")
    finish()


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
