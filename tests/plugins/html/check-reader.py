#!/usr/bin/env python3
# check-reader.py: the HTML reader, through the prensa command.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: check-reader.py CHECK [OUTDIR]

  roundtrip  samples/interview.md and samples/toolkit/rota.md written as
             HTML and read back: the same interview (speakers, turns and
             their text, standfirst, back matter, metadata) and the same
             tables, notes, strikethrough and task items, in the xml dump
  web        a web page with page furniture and an interview labelled in
             bold on its first exchange: speakers, alternating turns, no
             nav, script or CSS text, a javascript: link made text
  debian     HTML manuals every Debian 12 machine with prensa's build
             dependencies has (base-passwd is Essential, libffi-dev comes
             with libglib2.0-dev, zlib1g-dev with libxml2-dev): every word
             of the article's visible text is in the txt output, the html
             output passes the Nu checker and the epub passes epubcheck
             (OUTDIR, by default tests/plugins/html/read-debian in the
             build, keeps the outputs for review)
  hostile    100,000-deep nesting, garbage, an empty file, a page without
             text, a 20 MB page, <script> and javascript: links, in bounded
             time and memory
  markup     the mapping of tag soup: blocks inside inlines, tables, lists,
             code, images (data: ones kept), charsets, the title rule

Environment (set by meson): PRENSA, PRENSA_SOURCE_ROOT.
"""
import base64
import json
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
import zlib
from html.parser import HTMLParser

import htmltest

NS = "{urn:prensa:model:1}"
R = htmltest.Results()
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")


def run(args, timeout=120):
    """Runs prensa; returns (exit status, stderr, seconds, peak RSS in KiB
    of the children so far)."""
    start = time.monotonic()
    p = subprocess.run([os.environ["PRENSA"], *args], capture_output=True,
                       text=True, env=ENV, timeout=timeout)
    took = time.monotonic() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return p.returncode, p.stderr, took, rss


def convert(source, fmt, target, *extra):
    status, err, _, _ = run([source, "-t", fmt, "-o", target, *extra])
    if status != 0:
        raise AssertionError(f"prensa {source} -t {fmt} exited {status}:\n{err}")
    return err


def dump(source, tmp, *extra):
    """The xml dump of source, parsed."""
    target = os.path.join(tmp, os.path.basename(source) + ".xml")
    convert(source, "xml", target, *extra)
    return ET.parse(target).getroot()


def text_of(node):
    """The text inside node, without the dump's indentation (text nodes
    never hold a newline: that is a softbreak element)."""
    return re.sub(r"\n\s*", "", "".join(node.itertext()))


def interview(root):
    """What must survive the trip: speakers, turns, standfirst, back
    matter, as plain data."""
    part = root.find(NS + "part")
    speakers = [dict(s.attrib) for s in root.iter(NS + "speaker")]
    turns = [(t.get("speaker"), t.get("role"), text_of(t))
             for t in part.iter(NS + "turn")]
    standfirst = [text_of(s) for s in part.iter(NS + "standfirst")]
    back = [text_of(s) for s in part.iter(NS + "back_matter")]
    return speakers, turns, standfirst, back


def meta(root):
    out = {}
    m = root.find(NS + "meta")
    for child in (m if m is not None else []):
        if child.tag == NS + "string":
            out[child.get("key")] = child.text
        elif child.tag == NS + "list" and child.get("key") != "speakers":
            out[child.get("key")] = [c.text for c in child]
    return out


def strip_lines(root):
    """The dump without positions and footnote labels (the HTML keeps the
    notes' anchors, not the Markdown labels they came from)."""
    for e in root.iter():
        for a in ("line", "source", "label"):
            e.attrib.pop(a, None)
    return ET.tostring(root.find(NS + "part"), encoding="unicode")


def check_roundtrip():
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "interview.html")
        convert(htmltest.SAMPLE, "html", page)
        want, got = dump(htmltest.SAMPLE, tmp), dump(page, tmp)
        ws, wt, wf, wb = interview(want)
        gs, gt, gf, gb = interview(got)
        R.check(len(ws) == 2 and gs == ws, f"speakers: {gs} != {ws}")
        R.check(len(wt) > 10 and len(gt) == len(wt), f"{len(gt)} turns, not {len(wt)}")
        for i, (a, b) in enumerate(zip(wt, gt)):
            R.check(a == b, f"turn {i + 1}: {b!r} != {a!r}")
        R.check(wf and gf == wf, f"standfirst: {gf!r} != {wf!r}")
        R.check(wb and gb == wb, f"back matter: {gb!r} != {wb!r}")
        wm, gm = meta(want), meta(got)
        for key in ("title", "subtitle", "author", "date", "lang", "description",
                    "subject", "publisher", "rights", "identifier"):
            R.check(gm.get(key) == wm.get(key),
                    f"metadata {key}: {gm.get(key)!r} != {wm.get(key)!r}")
        # The header (title, subtitle, byline, date) is metadata, not text.
        body = text_of(got.find(NS + "part"))
        R.check(wm["subtitle"] not in body, "the subtitle came back as body text")
        R.check("talks to" not in body, "the byline came back as body text")
        # The same with labels=none: the turns' data- attributes suffice.
        page2 = os.path.join(tmp, "interview-nolabels.html")
        convert(htmltest.SAMPLE, "html", page2, "-O", "labels=none")
        ns, nt, _, _ = interview(dump(page2, tmp))
        R.check([s["id"] for s in ns] == [s["id"] for s in ws], f"labels=none speakers {ns}")
        R.check(nt == wt, "labels=none: the turns differ")

        # A pull quote (-F pull-quote) comes back as one, between turns;
        # a web page's other asides stay page furniture.
        page3 = os.path.join(tmp, "interview-pulled.html")
        convert(htmltest.SAMPLE, "html", page3, "-F", "pull-quote")
        want = dump(htmltest.SAMPLE, tmp, "-F", "pull-quote")
        got = dump(page3, tmp)
        pulled = lambda d: [text_of(n) for n in d.iter(NS + "pull_quote")]
        R.check(len(pulled(want)) == 1 and pulled(got) == pulled(want),
                f"pull quote: {pulled(got)} read back, {pulled(want)} written")
        R.check(interview(got)[1] == interview(want)[1], "pull quote: the turns differ")
        R.check(any(n.tag == NS + "pull_quote" for n in got.find(NS + "part")),
                "pull quote: not between turns")

        rota = os.path.join(tmp, "rota.html")
        convert(htmltest.ROTA, "html", rota)
        want, got = dump(htmltest.ROTA, tmp), dump(rota, tmp)
        for tag in ("table", "table_row", "table_cell", "footnote_definition",
                    "footnote_reference", "strikethrough", "item", "heading"):
            w, g = len(list(want.iter(NS + tag))), len(list(got.iter(NS + tag)))
            R.check(w > 0 and w == g, f"rota: {g} {tag}, not {w}")
        R.check(strip_lines(want) == strip_lines(got),
                "rota: the part differs after the round trip")


WEB_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Bread and Roses | The Weekly Site</title>
<meta name="author" content="Ana Ruiz">
<meta name="description" content="A talk with a baker about the strike.">
<style>body { font-family: SecretCssFont; } .x::before { content: "CssContentText"; }</style>
<script>var trackingCode = "ScriptHeadText"; document.write("<p>JsWriteText</p>");</script>
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">NavNewsLink</a></li></ul></nav>
<header class="site"><p>SiteBannerText</p></header>
<article>
<h1>Bread and Roses</h1>
<p>The bakers of Leith walked out on Monday. We asked one of them why.</p>
<p><strong>Ana Ruiz:</strong> When did the strike begin?</p>
<p><strong>Tom Baker:</strong> On Monday at six, before the first loaves went in.</p>
<p>What made you walk out?</p>
<p>The new rota. Twelve-hour shifts with no <em>notice</em> at all.</p>
<p>Will you go back?</p>
<p>Not until the rota is gone. <a href="javascript:alert('x')">Sign the petition</a>.</p>
<script>alert("ScriptBodyText")</script>
<noscript>NoscriptText</noscript>
<aside>AsideRelatedText</aside>
<form><input value="FormValueText"><button>ButtonText</button></form>
</article>
<footer><p>FooterCopyrightText 2024</p></footer>
</body>
</html>
"""
FURNITURE = ["SecretCssFont", "CssContentText", "ScriptHeadText", "JsWriteText",
             "NavNewsLink", "SiteBannerText", "ScriptBodyText", "NoscriptText",
             "AsideRelatedText", "FormValueText", "ButtonText", "FooterCopyrightText",
             "trackingCode", "alert"]


def check_web():
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "web.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(WEB_PAGE)
        root = dump(page, tmp)
        speakers, turns, standfirst, _ = interview(root)
        names = [s["name"] for s in speakers]
        R.check(names == ["Ana Ruiz", "Tom Baker"], f"speakers {names}")
        R.check([s["role"] for s in speakers] == ["interviewer", "interviewee"],
                f"roles {speakers}")
        who = [t[0] for t in turns]
        R.check(len(turns) == 6 and who == ["Ana Ruiz", "Tom Baker"] * 3,
                f"turns alternate: {who}")
        R.check(turns and turns[3][2] == "The new rota. Twelve-hour shifts with no notice at all.",
                f"turn 4 text: {turns[3][2] if len(turns) > 3 else None!r}")
        R.check(turns and not turns[0][2].startswith("Ana"), "a label left in the turn's text")
        R.check(standfirst == ["The bakers of Leith walked out on Monday. We asked one of them why."],
                f"standfirst {standfirst}")
        m = meta(root)
        R.check(m.get("title") == "Bread and Roses", f"title {m.get('title')!r}")
        R.check(m.get("lang") == "en-GB" and m.get("author") == "Ana Ruiz", f"metadata {m}")
        R.check(not list(root.iter(NS + "heading")), "the title h1 repeated as a heading")
        everything = ET.tostring(root, encoding="unicode")
        for word in FURNITURE:
            R.check(word not in everything, f"{word} reached the model")
        R.check(not list(root.iter(NS + "link")), "the javascript: link survived")
        # End to end: the HTML written from it has no such link either.
        out = os.path.join(tmp, "out.html")
        convert(page, "html", out)
        with open(out, encoding="utf-8") as f:
            html = f.read()
        R.check("javascript:" not in html.lower(), "javascript: reached the HTML output")
        R.check("Sign the petition" in html, "the link's text was lost")
        for word in FURNITURE:
            R.check(word not in html, f"{word} reached the HTML output")


class Visible(HTMLParser):
    """The text a reader of the page sees in its article: not the head,
    navigation, scripts, styles or form controls; an image's alt."""
    HIDDEN = {"script", "style", "noscript", "template", "head", "nav", "svg",
              "math", "button", "select", "textarea", "option", "aside"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.hidden, self.text = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in htmltest.VOID or tag in ("param", "col"):
            alt = dict(attrs).get("alt")
            if tag == "img" and alt and not self.hidden:
                self.text.append(f" {alt} ")
            return
        self.stack.append(tag)
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack:
                t = self.stack.pop()
                self.hidden -= t in self.HIDDEN
                if t == tag:
                    break

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(" " + data + " ")


def words(text):
    return {w.casefold() for w in re.findall(r"[^\W_]+", text)}


def visible_words(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    parser = Visible()
    parser.feed(text)
    parser.close()
    return words("".join(parser.text))


DEBIAN_PAGES = [
    "/usr/share/doc/base-passwd/users-and-groups.html",
    "/usr/share/doc/libffi8/html/index.html",
    "/usr/share/doc/libffi8/html/The-Basics.html",
    "/usr/share/doc/libffi8/html/The-Closure-API.html",
    "/usr/share/doc/libffi8/html/Primitive-Types.html",
    "/usr/share/doc/libffi8/html/Index.html",
    "/usr/share/doc/zlib1g-dev/examples/zlib_how.html",
]


def epubcheck_clean(book):
    jar = shutil.which("epubcheck") or "/usr/bin/epubcheck"
    java = shutil.which("java")
    if not java or not os.path.exists(jar):
        htmltest.missing("epubcheck (Debian package epubcheck)")
    report = book + ".json"
    subprocess.run([java, "-jar", os.path.realpath(jar), book, "--json", report],
                   capture_output=True, text=True)
    if not os.path.exists(report):
        return ["epubcheck wrote no report"]
    with open(report, encoding="utf-8") as f:
        result = json.load(f)
    return [f"{m['severity']} {m['ID']} {m['message']}" for m in result["messages"]
            if m["severity"] in ("FATAL", "ERROR", "WARNING")]


def vnu_problems(pages):
    vnu = htmltest.find_vnu()
    p = subprocess.run(vnu + ["--format", "json", "--also-check-css", "--stdout", *pages],
                       capture_output=True, text=True)
    messages = json.loads(p.stdout)["messages"]
    return [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages
            if m["type"] in ("error", "non-document-error")
            or (m["type"] == "info" and m.get("subType") == "warning")]


def check_debian(outdir):
    os.makedirs(outdir, exist_ok=True)
    pages = [p for p in DEBIAN_PAGES if os.path.exists(p)]
    missing = sorted(set(DEBIAN_PAGES) - set(pages))
    # base-passwd is Essential: without it this is not a Debian machine.
    R.check("/usr/share/doc/base-passwd/users-and-groups.html" in pages,
            "base-passwd's manual is missing")
    if missing:
        print(f"note: not installed here: {missing}", file=sys.stderr)
    written = []
    for page in pages:
        name = os.path.splitext(os.path.basename(page))[0]
        txt = os.path.join(outdir, name + ".txt")
        html = os.path.join(outdir, name + ".html")
        epub = os.path.join(outdir, name + ".epub")
        convert(page, "txt", txt)
        convert(page, "html", html)
        convert(page, "epub", epub)
        want = visible_words(page)
        with open(txt, encoding="utf-8") as f:
            got = words(f.read())
        lost = sorted(want - got)
        print(f"{name}: {len(want)} words, {len(want) - len(lost)} in the txt output")
        R.check(len(want) > 20, f"{page}: the checker found only {len(want)} words")
        R.check(not lost, f"{page}: words missing from the txt output: {lost[:20]}")
        for problem in epubcheck_clean(epub):
            R.check(False, f"{epub}: {problem}")
        written.append(html)
    for problem in vnu_problems(written):
        R.check(False, problem)
    R.check(len(written) >= 3, f"only {len(written)} Debian pages checked")


def write(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def check_hostile():
    depth = 100_000
    with tempfile.TemporaryDirectory() as tmp:
        for tag in ("div", "b", "blockquote", "span", "li", "a href=x", "table><tr><td",
                    "h2", "em><p"):
            name = re.sub(r"\W+", "-", tag)
            close = "".join(f"</{t.split()[0]}>" for t in reversed(tag.split("><")))
            page = os.path.join(tmp, f"deep-{name}.html")
            write(page, "<p>before</p>" + f"<{tag}>" * depth + "inside" +
                  close * depth + "<p>after</p>")
            for fmt in ("txt", "html", "xml"):
                out = os.path.join(tmp, f"deep-{name}-out.{fmt}")
                status, err, took, rss = run([page, "-t", fmt, "-o", out])
                R.check(status == 0, f"deep {tag} -> {fmt}: exit {status}: {err[-500:]}")
                R.check(took < 20, f"deep {tag} -> {fmt}: {took:.1f} s")
                if status == 0:
                    with open(out, encoding="utf-8") as f:
                        R.check("before" in f.read(), f"deep {tag} -> {fmt}: text lost")
            print(f"{depth} deep <{tag}>: {took:.2f} s")
        R.check(rss < 512 * 1024, f"peak RSS {rss} KiB for the deep pages")
        print(f"peak RSS of any run so far: {rss // 1024} MiB")

        cases = {
            "empty.html": b"",
            "blank.html": b"  \n\t\n",
            "garbage.html": bytes(range(1, 256)) * 64 + b"\x00\xff\xfe" * 100,
            "nul.html": b"<p>one\x00two</p>",
            "notext.html": b"<html><head><title>T</title><script>x()</script></head>"
                           b"<body><nav>menu</nav><aside>side</aside></body></html>",
            "binary.html": bytes((i * 131 + 7) % 256 for i in range(50000)),
            "bad-charset.html": b'<meta charset="no-such-charset"><p>caf\xe9</p>',
        }
        for name, data in cases.items():
            page = os.path.join(tmp, name)
            write(page, data)
            for fmt in ("txt", "html", "epub"):
                status, err, took, _ = run([page, "-t", fmt, "-o", page + "." + fmt])
                R.check(status == 0, f"{name} -> {fmt}: exit {status}: {err[-500:]}")
                R.check("Sanitizer" not in err and took < 20, f"{name} -> {fmt}: {err[-500:]}")
        status, err, _, _ = run([os.path.join(tmp, "empty.html"), "-t", "txt", "-o",
                                 os.path.join(tmp, "e.txt")])
        R.check("empty" in err, f"no warning for an empty page: {err!r}")
        status, err, _, _ = run([os.path.join(tmp, "notext.html"), "-t", "txt", "-o",
                                 os.path.join(tmp, "n.txt")])
        R.check("no text" in err, f"no warning for a page without text: {err!r}")
        R.check(run([os.path.join(tmp, "missing.html"), "-t", "txt", "-o",
                     os.path.join(tmp, "m.txt")])[0] != 0, "a missing file gave exit 0")

        # Script text and javascript: links, end to end.
        page = os.path.join(tmp, "js.html")
        write(page, '<p><a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:x()">two</a>'
                    ' <a href="vbscript:y">three</a> <img src="javascript:z()" alt="pic">'
                    '<script>var SecretScript = 1;</script><style>.SecretStyle{}</style></p>'
                    '<script>document.write("SecretWrite")</script>')
        for fmt in ("html", "txt", "xml"):
            out = os.path.join(tmp, "js-out." + fmt)
            convert(page, fmt, out)
            with open(out, encoding="utf-8") as f:
                text = f.read()
            for bad in ("javascript:", "vbscript:", "SecretScript", "SecretStyle",
                        "SecretWrite"):
                R.check(bad not in text.lower() if bad.islower() else bad not in text,
                        f"{bad} reached the {fmt} output")
            R.check("one" in text and "three" in text, f"link text lost in {fmt}")

        # A 20 MB page, in reasonable time.
        big = os.path.join(tmp, "big.html")
        chunk = ("<p>Workers at the depot <b>voted</b> to strike on <em>Monday</em>, "
                 "<a href=\"https://example.org/n\">the union said</a>; talks resume "
                 "next week.</p>\n")
        table = "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>\n"
        n = 20 * 1024 * 1024 // (len(chunk) * 20 + len(table)) + 1
        write(big, "<!DOCTYPE html><html><head><meta charset=utf-8><title>Big</title>"
                   "</head><body><article>" + (chunk * 20 + table) * n +
                   "<p>the last paragraph</p></article></body></html>")
        size = os.path.getsize(big)
        for fmt in ("txt", "html"):
            out = os.path.join(tmp, "big-out." + fmt)
            status, err, took, rss = run([big, "-t", fmt, "-o", out], timeout=300)
            R.check(status == 0, f"20 MB page -> {fmt}: exit {status}: {err[-300:]}")
            # Generous for an ASan build on a busy machine; ~1.5 s optimised.
            R.check(took < 120, f"20 MB page -> {fmt}: {took:.1f} s")
            with open(out, encoding="utf-8") as f:
                R.check("the last paragraph" in f.read(), f"20 MB page -> {fmt}: text lost")
            print(f"{size / 1e6:.1f} MB page -> {fmt}: {took:.2f} s")


def read_xml(tmp, name, html, *extra):
    page = os.path.join(tmp, name)
    write(page, html)
    return dump(page, tmp, *extra)


def kinds(root):
    return [e.tag.replace(NS, "") for e in root.find(NS + "part").iter()][1:]


def check_markup():
    with tempfile.TemporaryDirectory() as tmp:
        # Blocks inside inlines: the inline goes round each paragraph.
        root = read_xml(tmp, "soup.html", "<a href='https://e.org/'><p>one</p><p>two</p></a>"
                        "<span>bare <div>in div</div> after</span><b><blockquote>q</blockquote></b>")
        part = root.find(NS + "part")
        paras = [text_of(p) for p in part.iter(NS + "paragraph")]
        R.check(paras == ["one", "two", "bare", "in div", "after", "q"], f"soup: {paras}")
        R.check(len(list(part.iter(NS + "link"))) == 2, "soup: the link not reopened")
        R.check(part.find(NS + "block_quote/" + NS + "paragraph/" + NS + "strong") is not None,
                "soup: bold lost around the quote")

        root = read_xml(tmp, "blocks.html", """<h3>Head <div>line</div></h3>
<ol start="3"><li>three<ul><li>nested</li></ul></li><li><p>loose</p></li></ol>
<ul><li class="task"><input type="checkbox" checked disabled> done</li></ul>
<pre class="language-c"><code>int x;
  return 0;</code></pre>
<p>a<br>b <code> x  y </code> <del>gone</del> <kbd>K</kbd></p><hr>
<table><thead><tr><th align="right">n</th><th style="text-align: center">w</th></tr></thead>
<tbody><tr><td><p>1</p><p>2</p></td><td>x<table><tr><td>inner</td></tr></table></td></tr></tbody></table>
<dl><dt>Term</dt><dd>Definition</dd></dl>
<figure><img src="pic.png" alt="A picture" title="T"><figcaption>Caption</figcaption></figure>""")
        part = root.find(NS + "part")
        h = part.find(NS + "heading")
        R.check(h is not None and h.get("level") == "1" and text_of(h) == "Head line",
                "heading: level made 1 (none before), its div a space")
        lists = list(part.iter(NS + "list"))
        R.check(len(lists) == 3 and lists[0].get("start") == "3", "lists: ol start=3 and nesting")
        R.check(lists[0].get("tight") == "false", "a list with a <p> is loose")
        items = [i for i in part.iter(NS + "item") if i.get("task")]
        R.check(items and items[0].get("task") == "done", f"task item: {[i.attrib for i in items]}")
        code = part.find(NS + "code_block")
        R.check(code is not None and code.get("info") == "c" and
                code.text == "int x;\n  return 0;\n", f"code block {code.attrib if code is not None else None}")
        p = [x for x in part.iter(NS + "paragraph") if x.find(NS + "linebreak") is not None]
        R.check(p and [c.text for c in p[0].iter(NS + "code")] == ["x y", "K"], "inline code")
        R.check(part.find(".//" + NS + "strikethrough") is not None, "del")
        R.check(part.find(NS + "thematic_break") is not None, "hr")
        table = part.find(NS + "table")
        cells = [text_of(c) for c in table.iter(NS + "table_cell")] if table is not None else []
        R.check(cells == ["n", "w", "12", "xinner"], f"table cells {cells}")
        R.check(table is not None and len(list(table.iter(NS + "table"))) == 1,
                "a table in a cell is flattened")
        aligns = [c.get("align") for c in table.iter(NS + "table_cell")][:2] \
            if table is not None else []
        R.check(aligns == ["right", "center"], f"alignment {aligns}")
        img = part.find(".//" + NS + "image")
        R.check(img is not None and img.get("url") == "pic.png" and img.get("title") == "T"
                and text_of(img) == "A picture", "image")
        R.check("Caption" in [text_of(x) for x in part.iter(NS + "paragraph")], "figcaption")
        R.check(any(x.find(NS + "strong") is not None and text_of(x) == "Term"
                    for x in part.iter(NS + "paragraph")), "dt in bold")

        # A data: image (as the writer's embed-resources makes) is kept.
        def chunk(kind, data):
            return (struct.pack(">I", len(data)) + kind + data
                    + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n"
                               + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
                               + chunk(b"IDAT", zlib.compress(b"\0\0\0\0\0"))
                               + chunk(b"IEND", b"")).decode()
        page = os.path.join(tmp, "data.html")
        write(page, f'<p><img src="data:image/png;base64,{png}" alt="dot"></p>')
        root = dump(page, tmp)
        img = root.find(".//" + NS + "image")
        R.check(img is not None and not img.get("url", "").startswith("data:"),
                f"data: image not kept as a resource: {img.attrib if img is not None else None}")
        out = os.path.join(tmp, "data.epub")
        convert(page, "epub", out)
        with zipfile.ZipFile(out) as z:
            R.check(any(n.endswith(".png") for n in z.namelist()),
                    f"the data: image is not in the EPUB: {z.namelist()}")

        # Charsets: declared Latin-1, undeclared Windows-1252, undeclared UTF-8.
        for name, data in (("latin1.html", '<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1")),
                           ("cp1252.html", "<p>“café”</p>".encode("cp1252")),
                           ("utf8.html", "<p>café</p>".encode("utf-8")),
                           ("http-equiv.html", ('<meta http-equiv="Content-Type" content="text/html; '
                                                'charset=windows-1252"><p>café</p>').encode("cp1252"))):
            root = read_xml(tmp, name, data)
            got = text_of(root.find(NS + "part"))
            R.check("café" in got, f"{name}: {got!r}")
        # Bytes the charset cannot map are U+FFFD, not a failed read (and
        # not libxml2 printing to stderr).
        for name, data in (("undefined-1252.html", b"<p>caf\xe9 \x81\x8d\x9d end</p>"),
                           ("bad-sjis.html", b'<meta charset="shift_jis"><p>ok \xff\xfe\x80 end</p>'),
                           ("bad-utf8.html", b'<meta charset="utf-8"><p>ok \xc3\x28 \x00 end</p>'),
                           ("utf16.html", "\ufeff<p>utf sixteen end</p>".encode("utf-16-le"))):
            page = os.path.join(tmp, name)
            write(page, data)
            status, err, _, _ = run([page, "-t", "xml", "-o", page + ".xml"])
            R.check(status == 0 and "encoding error" not in err, f"{name}: exit {status}: {err}")
            if status == 0:
                got = text_of(ET.parse(page + ".xml").getroot().find(NS + "part"))
                R.check(got.endswith("end"), f"{name}: {got!r}")
        # A turn whose speaker id the core would clean is a plain division,
        # not a failed read.
        root = read_xml(tmp, "odd-turn.html",
                        '<main><div class="turn" data-speaker="A\nB" data-role="interviewer">'
                        '<p>one</p></div><div class="turn" data-speaker="C" data-role="interviewee">'
                        '<p><b class="speaker">Cy:</b> two</p></div></main>')
        turns = [t.get("speaker") for t in root.iter(NS + "turn")]
        R.check(turns == ["C"], f"odd turn ids: {turns}")

        # The title rule: the only h1 matching <title> is the title.
        root = read_xml(tmp, "t1.html", "<title>Strike! | Site</title><h1>Strike!</h1><p>x</p>")
        R.check(meta(root).get("title") == "Strike!" and root.find(".//" + NS + "heading") is None,
                "the h1 matching <title> is the title")
        root = read_xml(tmp, "t2.html", "<title>Site</title><h1>Other</h1><p>x</p>")
        R.check(meta(root).get("title") == "Site" and root.find(".//" + NS + "heading") is not None,
                "an h1 unlike <title> stays a heading")
        # Several <article>s: the one with most text.
        root = read_xml(tmp, "two.html", "<article><p>short teaser</p></article>"
                        "<article><p>the long article has many more words than that</p></article>")
        R.check(text_of(root.find(NS + "part")) == "the long article has many more words than that",
                "the article with most text")


def main():
    check = sys.argv[1]
    if check == "roundtrip":
        check_roundtrip()
    elif check == "web":
        check_web()
    elif check == "debian":
        build = os.environ.get("PRENSA_BUILD_ROOT", tempfile.gettempdir())
        check_debian(sys.argv[2] if len(sys.argv) > 2 else
                     os.path.join(build, "tests", "plugins", "html", "read-debian"))
    elif check == "hostile":
        check_hostile()
    elif check == "markup":
        check_markup()
    else:
        print(f"unknown check {check}", file=sys.stderr)
        sys.exit(2)
    R.finish()


if __name__ == "__main__":
    main()
