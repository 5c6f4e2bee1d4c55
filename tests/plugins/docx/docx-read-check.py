#!/usr/bin/python3
# docx-read-check.py: the DOCX reader (tests/plugins/docx).
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   docx-read-check.py CHECK WORKDIR
#
# CHECK is one of:
#   roundtrip    prensa's own DOCX of samples/interview.md reads back to the
#                same speakers and turns; rota.md keeps its table, notes,
#                strikethrough and tasks; headings, lists, links, code and
#                an image survive the trip
#   python-docx  a file python-docx made: Q:/A: bold labels, a heading, a
#                list, a table, an image
#   libreoffice  a file LibreOffice made from a flat ODT: a bold label
#                split across runs, labelled on the first exchange only
#   word         a file Microsoft Word made (python3-pattern's copy of
#                Through the Looking-Glass): every word pandoc finds in it
#   hostile      zip bombs, XXE and DOCTYPEs, relationship targets that
#                climb out of the package, truncated and garbage files,
#                malformed XML, tables nested 10,000 deep
#
# Exit 77 (skip) when a tool is missing, but 1 when CI=true.
import collections
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from checklib import check, finish, missing_tool  # noqa: E402

PRENSA = os.environ["PRENSA"]
SOURCE = os.environ["PRENSA_SOURCE_ROOT"]
SAMPLE = os.path.join(SOURCE, "samples", "interview.md")
ROTA = os.path.join(SOURCE, "samples", "toolkit", "rota.md")
CORPUS = os.path.join(SOURCE, "tests", "plugins", "docx", "corpus")
# Debian 12's python3-pattern ships this test corpus file; docProps/app.xml
# says Microsoft Office Word made it.
WORD_FILE = "/usr/share/doc/python3-pattern/test/corpora/carroll-lookingglass.docx"
NS = "{urn:prensa:model:1}"
EPOCH = "1531785600"


def run(*args, cwd=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    r = subprocess.run([PRENSA, *args], capture_output=True, env=env, cwd=cwd)
    # In a sanitizer build an error path that leaks still exits non-zero.
    check(b"Sanitizer" not in r.stderr and b"runtime error:" not in r.stderr,
          f"prensa {' '.join(map(str, args))}: {r.stderr.decode(errors='replace')[-2000:]}")
    return r


def model(path, *args):
    r = run(path, "-t", "xml", "-o", "-", *args)
    if not check(r.returncode == 0, f"{os.path.basename(path)}: exit {r.returncode}: "
                 f"{r.stderr.decode(errors='replace')}"):
        return None
    return ET.fromstring(r.stdout)


def to_docx(workdir, source, name, *args):
    out = os.path.join(workdir, name)
    r = run(source, "-t", "docx", "-o", out, *args)
    check(r.returncode == 0, f"{name}: writing failed: {r.stderr.decode(errors='replace')}")
    return out


def inner_text(node):
    """The text inside @node, a break read as a space."""
    if node.tag in (NS + "softbreak", NS + "linebreak"):
        return " "
    return (node.text or "") + "".join(inner_text(c) + (c.tail or "") for c in node)


def flat(node):
    return " ".join(inner_text(node).split())


def interview(doc):
    """Speakers (id, name, role) and turns (speaker, text) of a model."""
    speakers = [(s.get("id"), s.get("name"), s.get("role")) for s in doc.iter(NS + "speaker")]
    turns = [(t.get("speaker"), flat(t)) for t in doc.iter(NS + "turn")]
    return speakers, turns


def meta(doc, key):
    for s in doc.find(NS + "meta"):
        if s.get("key") == key:
            return s.text
    return None


def png(width=4, height=3):
    """A small valid PNG, so python-docx can size it."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\0" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# ------------------------------------------------------------- round trip
def run_roundtrip(workdir):
    want = model(SAMPLE)
    docx = to_docx(workdir, SAMPLE, "interview.docx")
    got = model(docx)
    if want is not None and got is not None:
        ws, wt = interview(want)
        gs, gt = interview(got)
        check(len(ws) == 2 and ws == gs, f"interview: speakers {gs} != {ws}")
        check(len(wt) == 14 and len(gt) == len(wt), f"interview: {len(gt)} turns, want {len(wt)}")
        for i, (a, b) in enumerate(zip(wt, gt)):
            if not check(a == b, f"interview: turn {i + 1}: {b[0]} {b[1][:60]!r} != {a[0]} {a[1][:60]!r}"):
                break
        for part in ("standfirst", "back_matter"):
            check([flat(n) for n in want.iter(NS + part)] == [flat(n) for n in got.iter(NS + part)],
                  f"interview: the {part} differs")
        for key in ("title", "subtitle", "author", "lang", "description"):
            check(meta(got, key) == meta(want, key), f"interview: meta {key} {meta(got, key)!r}")
        check(meta(got, "date") == "2018-07-17", f"interview: date {meta(got, 'date')!r}")
        # No byline or date paragraph crept into the standfirst.
        check("talks to" not in flat(got.find(f".//{NS}standfirst")), "interview: byline dropped")

    # A pull quote (-F pull-quote) comes back as one, between the turns,
    # not as a paragraph of the answer before it.
    want = model(SAMPLE, "-F", "pull-quote")
    got = model(to_docx(workdir, SAMPLE, "pulled.docx", "-F", "pull-quote"))
    if want is not None and got is not None:
        pulled = lambda d: [flat(n) for n in d.iter(NS + "pull_quote")]
        check(len(pulled(want)) == 1 and pulled(got) == pulled(want),
              f"pull quote: {pulled(got)} read back, {pulled(want)} written")
        check(interview(got)[1] == interview(want)[1], "pull quote: the turns differ")
        root = list(got.find(NS + "part")) if got.find(NS + "part") is not None else []
        check(any(n.tag == NS + "pull_quote" for n in root), "pull quote: not between turns")

    want = model(ROTA)
    got = model(to_docx(workdir, ROTA, "rota.docx"))
    if want is not None and got is not None:
        def table(doc):
            return [[(c.tag, flat(c)) for c in row] + [row.get("header")]
                    for row in doc.iter(NS + "table_row")]
        check(table(got) == table(want) and len(table(want)) == 5, "rota: the table differs")
        notes = lambda d: [flat(n) for n in d.iter(NS + "footnote_definition")]
        check(len(notes(want)) == 2 and notes(got) == notes(want), f"rota: notes {notes(got)}")
        refs = lambda d: len(list(d.iter(NS + "footnote_reference")))
        check(refs(got) == refs(want), "rota: note references")
        check([flat(s) for s in got.iter(NS + "strikethrough")] == ["Dev"], "rota: strikethrough")
        tasks = lambda d: [(i.get("task"), flat(i)) for i in d.iter(NS + "item")]
        check(tasks(got) == tasks(want), f"rota: tasks {tasks(got)}")
        check([flat(h) for h in got.iter(NS + "heading")] == [flat(h) for h in want.iter(NS + "heading")],
              "rota: headings")

    for name in ("commonmark.md", "lists.md", "images.md"):
        src = os.path.join(CORPUS, name)
        want = model(src)
        got = model(to_docx(workdir, src, name + ".docx"))
        if want is None or got is None:
            continue
        body = zipfile.ZipFile(os.path.join(workdir, name + ".docx")).read("word/document.xml").decode()
        # Links and images the writer could not write (empty, dangling,
        # remote, SVG) are not in the file to read back.
        written = {"link": body.count("<w:hyperlink "), "image": body.count("<a:blip ")}
        for tag in ("heading", "list", "item", "link", "image", "code", "code_block",
                    "block_quote", "thematic_break", "emph", "strong"):
            a, b = written.get(tag, len(list(want.iter(NS + tag)))), len(list(got.iter(NS + tag)))
            # Nested blocks inside quotes and items are flattened by Word's
            # paragraph model; everything else must come back as it went.
            check(a == b or tag in ("block_quote", "list", "item", "code_block"),
                  f"{name}: {b} {tag} read back, {a} written")
        lists = lambda d: [(l.get("type"), l.get("start")) for l in d.iter(NS + "list")]
        if name == "lists.md":
            check(set(lists(got)) == set(lists(want)), f"lists.md: {lists(got)} != {lists(want)}")
        if name == "images.md":
            check(all(i.get("url") for i in got.iter(NS + "image")), "images.md: image URLs")
            r = run(to_docx(workdir, src, "images2.docx"), "-t", "html", "-o",
                    os.path.join(workdir, "images.html"))
            check(r.returncode == 0, f"images: html: {r.stderr.decode(errors='replace')}")
            html = open(os.path.join(workdir, "images.html"), encoding="utf-8").read()
            check("data:image/png;base64," in html or "<img" in html, "images: embedded into HTML")
    finish()


# ------------------------------------------------------------ python-docx
def run_python_docx(workdir):
    try:
        import docx
        from docx.shared import Inches
    except ImportError:
        missing_tool("python-docx (python3-docx)")
    d = docx.Document()
    d.add_heading("Organising the night shift", level=1)
    d.add_paragraph("An interview about warehouse organising.")
    for label, text in [("Q:", "How did it start?"), ("A:", "With a petition at the gate."),
                        ("Q:", "What came next?"), ("A:", "A strike, and then a contract.")]:
        p = d.add_paragraph()
        p.add_run(label).bold = True
        p.add_run(" " + text)
    d.add_heading("What they asked for", level=2)
    for item in ("Breaks", "Heat rules"):
        d.add_paragraph(item, style="List Bullet")
    d.add_paragraph("First step", style="List Number")
    d.add_paragraph("Second step", style="List Number")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Site", "Workers"
    t.cell(1, 0).text, t.cell(1, 1).text = "North", "120"
    img = os.path.join(workdir, "dot.png")
    with open(img, "wb") as f:
        f.write(png())
    d.add_picture(img, width=Inches(1))
    d.inline_shapes[0]._inline.docPr.set("descr", "A red dot")
    p = d.add_paragraph("Struck ")
    p.add_run("out").font.strike = True
    off = p.add_run(" not bold")
    off.bold = False
    path = os.path.join(workdir, "python-docx.docx")
    d.save(path)

    got = model(path)
    if got is None:
        finish()
    speakers, turns = interview(got)
    check([s[0] for s in speakers] == ["Q", "A"], f"python-docx: speakers {speakers}")
    check([t[0] for t in turns] == ["Q", "A", "Q", "A"], f"python-docx: turns {turns}")
    check(turns and turns[0][1] == "How did it start?", f"python-docx: label stripped {turns[:1]}")
    heads = [(h.get("level"), flat(h)) for h in got.iter(NS + "heading")]
    check(("1", "Organising the night shift") in heads and ("2", "What they asked for") in heads,
          f"python-docx: headings {heads}")
    lists = [(l.get("type"), [flat(i) for i in l.iter(NS + "item")]) for l in got.iter(NS + "list")]
    check(("bullet", ["Breaks", "Heat rules"]) in lists, f"python-docx: bullet list {lists}")
    check(("ordered", ["First step", "Second step"]) in lists, f"python-docx: numbered list {lists}")
    cells = [flat(c) for c in got.iter(NS + "table_cell")]
    check(cells == ["Site", "Workers", "North", "120"], f"python-docx: table {cells}")
    images = list(got.iter(NS + "image"))
    check(len(images) == 1 and flat(images[0]) == "A red dot", "python-docx: image with alt text")
    check(images and images[0].get("url", "").endswith(".png"), "python-docx: image URL")
    check([flat(s) for s in got.iter(NS + "strikethrough")] == ["out"], "python-docx: strike")
    check(not list(got.iter(NS + "strong")), "python-docx: labels stripped, w:b=0 not bold")
    # The image's bytes reach a writer through the resource store.
    out = os.path.join(workdir, "python-docx.epub")
    r = run(path, "-t", "epub", "-o", out)
    check(r.returncode == 0, f"python-docx: epub: {r.stderr.decode(errors='replace')}")
    if r.returncode == 0:
        names = zipfile.ZipFile(out).namelist()
        check(any(n.endswith(".png") for n in names), f"python-docx: the image in the EPUB {names}")
    finish()


# ------------------------------------------------------------ LibreOffice
FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="B1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="B2" style:family="text"><style:text-properties fo:font-weight="bold" fo:color="#000001"/></style:style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:p>Sarah Jaffe talks to Cata Santiago about a campaign.</text:p>
  <text:p><text:span text:style-name="B1">Sarah </text:span><text:span text:style-name="B2">Jaffe:</text:span> Can you tell me about the campaign?</text:p>
  <text:p><text:span text:style-name="B1">Cata Santiago:</text:span> It began at the warehouse gate.</text:p>
  <text:p>Who joined first?</text:p>
  <text:p>The night shift did, then the drivers.</text:p>
  <text:p>What happens next?</text:p>
  <text:p>A week-long strike in July.</text:p>
 </office:text></office:body>
</office:document>
"""


def run_libreoffice(workdir):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        missing_tool("LibreOffice (soffice)")
    src = os.path.join(workdir, "labels.fodt")
    with open(src, "w", encoding="utf-8") as f:
        f.write(FODT)
    profile = os.path.join(workdir, "lo-profile")
    proc = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", "docx:MS Word 2007 XML", "--outdir", workdir, src],
                          capture_output=True, text=True, timeout=300)
    path = os.path.join(workdir, "labels.docx")
    if not check(os.path.exists(path), f"soffice made no DOCX: {proc.stdout} {proc.stderr}"):
        finish()
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode()
    check("LibreOffice" in app, "labels.docx: LibreOffice made it")
    # The label really is split across two bold runs in the file.
    body = zipfile.ZipFile(path).read("word/document.xml").decode()
    check(">Sarah <" in body and ">Jaffe:<" in body, "labels.docx: the label is in two runs")
    got = model(path)
    if got is None:
        finish()
    speakers, turns = interview(got)
    check([s[1] for s in speakers] == ["Sarah Jaffe", "Cata Santiago"], f"LibreOffice: speakers {speakers}")
    names = [t[0] for t in turns]
    check(len(turns) == 6 and names == [speakers[0][0], speakers[1][0]] * 3 if len(speakers) == 2 else False,
          f"LibreOffice: alternating turns {names}")
    check(turns and turns[0][1] == "Can you tell me about the campaign?", f"LibreOffice: first turn {turns[:1]}")
    check(turns and turns[-1][1] == "A week-long strike in July.", "LibreOffice: last turn")
    sf = got.find(f".//{NS}standfirst")
    check(sf is not None and "talks to" in flat(sf), "LibreOffice: standfirst")
    finish()


# ------------------------------------------------------------------- Word
def words(text):
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    # Apostrophes inside words stay; every other mark splits.
    return collections.Counter(w.strip("'") for w in re.findall(r"[\w']+", text) if w.strip("'"))


def run_word(workdir):
    if not shutil.which("pandoc"):
        missing_tool("pandoc")
    if not os.path.exists(WORD_FILE):
        missing_tool(f"{WORD_FILE} (Debian package python3-pattern)")
    app = zipfile.ZipFile(WORD_FILE).read("docProps/app.xml").decode()
    check("Microsoft Office Word" in app, "the Word file says Microsoft Office Word made it")
    p = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", WORD_FILE], capture_output=True)
    check(p.returncode == 0, f"pandoc: {p.stderr.decode(errors='replace')}")
    r = run(WORD_FILE, "-t", "txt", "-o", "-")
    check(r.returncode == 0, f"prensa: {r.stderr.decode(errors='replace')}")
    want = words(p.stdout.decode())
    got = words(r.stdout.decode())
    missing = want - got
    total = sum(want.values())
    print(f"pandoc: {total} words ({len(want)} distinct); prensa: {sum(got.values())};"
          f" missing: {sum(missing.values())}")
    check(total > 1000, f"pandoc found only {total} words")
    check(not missing, f"words pandoc finds and prensa does not: {dict(list(missing.items())[:20])}")
    finish()


# ---------------------------------------------------------------- hostile
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def doc_xml(body, prolog=""):
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {W}><w:body>{body}</w:body></w:document>'


def package(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def bomb(path):
    """A document.xml that inflates to 1 GiB of spaces from about 1 MiB,
    streamed so the test holds one MiB at a time."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=False) as f:
            f.write(doc_xml("")[:-len("</w:body></w:document>")].encode())
            for _ in range(1024):
                f.write(chunk)
    return path


def lie_about_size(src, dst, name=b"word/document.xml", size=1000):
    """The same zip with @name's uncompressed size claimed to be @size in
    its local and central headers."""
    data = bytearray(open(src, "rb").read())
    for sig, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = 0
        while (at := data.find(sig, at)) >= 0:
            n = struct.unpack_from("<H", data, at + (26 if sig == b"PK\x03\x04" else 28))[0]
            if bytes(data[at + name_at:at + name_at + n]) == name:
                struct.pack_into("<I", data, at + offset, size)
            at += 4
    with open(dst, "wb") as f:
        f.write(data)
    return dst


def refused(workdir, path, what, expect=None):
    """prensa refuses @path: an error naming the input, a non-zero exit
    (not a signal), and the existing output file untouched."""
    out = os.path.join(workdir, "existing.txt")
    with open(out, "w") as f:
        f.write("keep me\n")
    start = time.monotonic()
    r = run(path, "-t", "txt", "-o", out)
    took = time.monotonic() - start
    err = r.stderr.decode(errors="replace")
    check(r.returncode > 0, f"{what}: exit {r.returncode}, want an error: {err}")
    check(os.path.basename(path) in err, f"{what}: the error names the input: {err!r}")
    if expect:
        check(re.search(expect, err) is not None, f"{what}: error {err!r} lacks {expect!r}")
    check(open(out).read() == "keep me\n", f"{what}: the existing output was touched")
    check(b"root:" not in r.stdout and "root:x:" not in err, f"{what}: /etc/passwd leaked")
    check(len([f for f in os.listdir(workdir) if f.startswith("existing.txt") and f != "existing.txt"]) == 0,
          f"{what}: a temporary file was left")
    print(f"{what}: refused in {took:.2f} s: {err.strip()}")
    return took


def run_hostile(workdir):
    os.makedirs(workdir, exist_ok=True)
    start = time.monotonic()
    big = bomb(os.path.join(workdir, "bomb.docx"))
    print(f"bomb.docx: {os.path.getsize(big)} bytes, made in {time.monotonic() - start:.1f} s")
    check(os.path.getsize(big) < 8 << 20, "the bomb is small")
    took = refused(workdir, big, "bomb (1 GiB in the header)", r"word/document\.xml.*more than 64 MiB")
    check(took < 5, f"the bomb took {took:.1f} s to refuse")
    liar = lie_about_size(big, os.path.join(workdir, "bomb-liar.docx"))
    took = refused(workdir, liar, "bomb (header says 1000 bytes)", r"word/document\.xml")
    check(took < 10, f"the lying bomb took {took:.1f} s to refuse")

    xxe = doc_xml("<w:p><w:r><w:t>&e;</w:t></w:r></w:p>",
                  '<!DOCTYPE w:document [<!ENTITY e SYSTEM "file:///etc/passwd">]>')
    refused(workdir, package(os.path.join(workdir, "xxe.docx"), {"word/document.xml": xxe}),
            "XXE", r"word/document\.xml has a DOCTYPE")
    laughs = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
              + "]>")
    refused(workdir, package(os.path.join(workdir, "laughs.docx"),
                             {"word/document.xml": doc_xml("<w:p><w:r><w:t>&j;</w:t></w:r></w:p>", laughs)}),
            "billion laughs", "DOCTYPE")
    ext_dtd = '<!DOCTYPE w:document SYSTEM "file:///etc/passwd">'
    refused(workdir, package(os.path.join(workdir, "dtd-styles.docx"), {
        "word/document.xml": doc_xml("<w:p><w:r><w:t>hi</w:t></w:r></w:p>"),
        "word/_rels/document.xml.rels": RELS.replace("officeDocument\" Target=\"word/document.xml",
                                                     "styles\" Target=\"styles.xml"),
        "word/styles.xml": f'<?xml version="1.0"?>{ext_dtd}<w:styles {W}/>'}),
        "DOCTYPE in styles.xml", r"word/styles\.xml has a DOCTYPE")

    # Relationship targets that climb out of the package, or are absolute.
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="i1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../etc/passwd"/>'
            '<Relationship Id="i2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="/etc/passwd"/>'
            '<Relationship Id="i3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/../../../../../../etc/passwd"/>'
            '<Relationship Id="i4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="%2e%2e/%2e%2e/etc/passwd"/>'
            '<Relationship Id="s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../../../etc/passwd"/>'
            '<Relationship Id="f" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="/etc/passwd"/>'
            '</Relationships>')
    blip = ('<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            '<wp:docPr id="1" name="x"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData><a:blip r:embed="{}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    body = "<w:p><w:r><w:t>escape</w:t></w:r>" + "".join(blip.format(i) for i in ("i1", "i2", "i3", "i4")) + "</w:p>"
    esc = package(os.path.join(workdir, "escape.docx"), {
        "word/document.xml": doc_xml(body), "word/_rels/document.xml.rels": rels})
    for fmt in ("xml", "html"):
        r = run(esc, "-t", fmt, "-o", "-")
        out = r.stdout.decode(errors="replace")
        check(r.returncode == 0, f"escape: -t {fmt}: {r.stderr.decode(errors='replace')}")
        check("root:" not in out and "escape" in out, f"escape: -t {fmt}: /etc/passwd read")
        check("<image" not in out and "<img" not in out, f"escape: -t {fmt}: an image from outside")

    good = os.path.join(workdir, "good.docx")
    r = run(SAMPLE, "-t", "docx", "-o", good)
    data = open(good, "rb").read()
    trunc = os.path.join(workdir, "truncated.docx")
    with open(trunc, "wb") as f:
        f.write(data[:len(data) // 2])
    refused(workdir, trunc, "truncated zip", "not a DOCX file")
    trunc_tail = os.path.join(workdir, "truncated-tail.docx")
    with open(trunc_tail, "wb") as f:
        f.write(data[:-10])
    refused(workdir, trunc_tail, "zip cut in its directory")
    garbage = os.path.join(workdir, "garbage.docx")
    with open(garbage, "wb") as f:
        f.write(bytes((i * 7919 + 13) % 256 for i in range(5000)))
    refused(workdir, garbage, "garbage", "not a DOCX file")
    empty = os.path.join(workdir, "empty.docx")
    open(empty, "wb").close()
    refused(workdir, empty, "empty file", "not a DOCX file")
    refused(workdir, package(os.path.join(workdir, "no-document.docx"), {"word/other.xml": "<x/>"}),
            "no word/document.xml", r"no word/document\.xml")
    refused(workdir, package(os.path.join(workdir, "malformed.docx"),
                             {"word/document.xml": '<?xml version="1.0"?>\n<w:document ' + W
                              + '>\n<w:body>\n<w:p>\n</w:body>'}),
            "malformed XML", r"word/document\.xml:\d+: malformed XML")
    refused(workdir, package(os.path.join(workdir, "not-wml.docx"), {"word/document.xml": "<html/>"}),
            "not WordprocessingML", "not a WordprocessingML document")

    # Tables in tables 10,000 deep: refused or read, never a crash.
    deep = "<w:tbl><w:tr><w:tc>" * 10000 + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * 10000
    r = run(package(os.path.join(workdir, "deep.docx"), {"word/document.xml": doc_xml(deep)}), "-t", "txt", "-o", "-")
    check(r.returncode in (0, 1), f"deep tables: exit {r.returncode}")
    print("deep tables:", r.returncode, r.stderr.decode(errors="replace").strip()[:200])
    # 100 deep is within libxml2's limit and the walk's: read as text.
    deep = "<w:tbl><w:tr><w:tc>" * 40 + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * 40
    r = run(package(os.path.join(workdir, "deep40.docx"), {"word/document.xml": doc_xml(deep)}), "-t", "txt", "-o", "-")
    check(r.returncode == 0 and b"deep" in r.stdout, f"40 deep tables: {r.returncode} {r.stderr[:200]}")
    # Huge spans and many notes stay bounded.
    span = '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
    r = run(package(os.path.join(workdir, "span.docx"), {"word/document.xml": doc_xml(span)}), "-t", "xml", "-o", "-")
    check(r.returncode == 0 and r.stdout.count(b"<table_cell") <= 1000, "gridSpan is bounded")
    finish()


CHECKS = {
    "roundtrip": run_roundtrip,
    "python-docx": run_python_docx,
    "libreoffice": run_libreoffice,
    "word": run_word,
    "hostile": run_hostile,
}

if __name__ == "__main__":
    name, workdir = sys.argv[1], sys.argv[2]
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    CHECKS[name](workdir)
