#!/usr/bin/env python3
# check-raw.py: raw HTML in the HTML page is cleaned by default with the
# rules EPUB uses (issue 18): each dangerous construct below, in Markdown,
# leaves nothing of itself in the page (read back with html.parser), the
# page stays clean for the Nu HTML Checker, harmless markup stays, and
# --unsafe writes it all verbatim, while --sandbox drops it.
# SPDX-License-Identifier: LGPL-2.1-or-later
import html.parser
import os
import subprocess
import sys
import tempfile

import htmltest

# (what, Markdown holding it)
DANGEROUS = [
    ("script block", "<script>alert('block')</script>"),
    ("script inline", "A <script>alert(0)</script> word."),
    ("onclick", '<div onclick="alert(1)">clicked</div>'),
    ("onerror", '<img src="x.png" onerror="alert(2)" alt="pic">'),
    ("onmouseover inline", 'Text <span onmouseover="alert(3)">hover</span> end.'),
    ("ONLOAD upper", '<div ONLOAD="alert(4)">loud</div>'),
    ("svg onload", '<svg onload="alert(5)"><circle r="1"/></svg>'),
    ("javascript: href", '<a href="javascript:alert(6)">plain</a>'),
    ("&#106;avascript:", '<a href="&#106;avascript:alert(7)">decimal</a>'),
    ("&#x6A;avascript:", '<a href="&#x6A;avascript:alert(8)">hex</a>'),
    ("padded &#0000106", '<a href="&#0000106avascript:alert(9)">padded</a>'),
    ("tab entity", '<a href="java&#x09;script:alert(10)">tab</a>'),
    ("newline entity", '<a href="jav&#x0A;ascript:alert(11)">newline</a>'),
    ("case and space", '<a href="  JaVaScRiPt:alert(12)">case</a>'),
    ("inline link javascript", 'See <a href="JAVASCRIPT:alert(13)">this</a> now.'),
    ("vbscript", '<a href="vbscript:msgbox(14)">vb</a>'),
    ("javascript img src", '<img src="javascript:alert(15)" alt="js">'),
    ("data:text/html", '<a href="data:text/html,&lt;script&gt;alert(16)&lt;/script&gt;">data</a>'),
    ("base", '<base href="https://evil.example/">'),
    ("meta refresh", '<meta http-equiv="refresh" content="0; url=https://evil.example/">'),
    ("form", '<form action="https://evil.example/"><input name="q"><button>go</button></form>'),
    ("iframe", '<iframe src="https://evil.example/"></iframe>'),
    ("object", '<object data="evil.swf"></object>'),
    ("embed", '<embed src="evil.swf">'),
    ("style expression", '<p style="width: expression(alert(17))">expr</p>'),
    ("style url(javascript:)", '<p style="background: url(javascript:alert(18))">styled</p>'),
    ("style element", "<style>body { background: url(javascript:alert(19)) }</style>"),
    ("link stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">'),
]

HARMLESS = """<div class="box" id="keep-me">A <b>bold</b> <i>word</i> and <span class="x">span</span>.</div>

<table><tr><td>cell</td></tr></table>

<img src="https://example.org/pic.png" alt="remote"> <img src="pic.png" alt="relative">

Go <a href="https://example.org/ok" class="out">there</a> or <a href="#keep-me">here</a>.

Ids once: <span id="raw">the heading's</span> <span id="twice">one</span> <span id="twice">two</span>.
"""

BAD_TAGS = {"script", "base", "meta", "form", "input", "button", "iframe", "object",
            "embed", "svg", "style", "link", "frame", "frameset", "applet"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}


class Collect(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def problems(markup):
    """What in @markup (the page's body) could run, fetch or redirect."""
    found = []
    c = Collect()
    c.feed(markup)
    for tag, attrs in c.tags:
        if tag in BAD_TAGS:
            found.append("<%s>" % tag)
        for name, value in attrs.items():
            value = value or ""
            squeezed = "".join(ch for ch in value if ord(ch) > 32).lower()
            if name.startswith("on"):
                found.append("%s=" % name)
            if name in URL_ATTRS and squeezed.startswith(("javascript:", "vbscript:", "data:text")):
                found.append("%s=%r" % (name, value))
            if name == "style" and ("expression(" in squeezed or "javascript:" in squeezed):
                found.append("style=%r" % value)
    return found, c.tags


def convert(tmp, name, markdown, *extra):
    source = os.path.join(tmp, name + ".md")
    target = os.path.join(tmp, name + ".html")
    with open(source, "w", encoding="utf-8") as f:
        f.write("# Raw\n\n" + markdown + "\n")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    run = subprocess.run([os.environ["PRENSA"], source, "-t", "html", "-o", target, *extra],
                         capture_output=True, text=True, env=env)
    if run.returncode != 0:
        raise AssertionError("%s %s: exit %d: %s" % (name, extra, run.returncode, run.stderr))
    with open(target, encoding="utf-8") as f:
        page = f.read()
    return target, page, run.stderr


def body(page):
    return page[page.index("<body>"):]


def main():
    results = htmltest.Results()
    check = results.check
    tmp = tempfile.mkdtemp(prefix="prensa-raw-")
    pages = []
    for i, (what, markdown) in enumerate(DANGEROUS):
        target, page, err = convert(tmp, "danger-%d" % i, markdown)
        pages.append(target)
        found, _ = problems(body(page))
        check(not found, "%s: the page still holds %s" % (what, found))
        check("raw HTML: left out" in err or "href" in markdown or "src=\"javascript" in markdown,
              "%s: a warning says what was left out: %r" % (what, err))
        _, unsafe, _ = convert(tmp, "unsafe-%d" % i, markdown, "--unsafe")
        check(markdown in unsafe, "%s: --unsafe keeps it verbatim" % what)
        found, _ = problems(body(unsafe))
        check(found, "%s: the check itself sees the danger in the --unsafe page" % what)

    everything = "\n\n".join(m for _, m in DANGEROUS) + "\n\n" + HARMLESS
    target, page, _ = convert(tmp, "everything", everything)
    pages.append(target)
    found, tags = problems(body(page))
    check(not found, "all at once: the page still holds %s" % found)
    kept = {(t, a.get("class"), a.get("id"), a.get("src"), a.get("href")) for t, a in tags}
    for want in [("div", "box", "keep-me", None, None), ("span", "x", None, None, None),
                 ("b", None, None, None, None), ("i", None, None, None, None),
                 ("td", None, None, None, None),
                 ("img", None, None, "https://example.org/pic.png", None),
                 ("img", None, None, "pic.png", None),
                 ("a", "out", None, None, "https://example.org/ok"),
                 ("a", None, None, None, "#keep-me")]:
        check(want in kept, "harmless markup kept: %r" % (want,))
    ids = [a["id"] for t, a in tags if a.get("id")]
    check(len(ids) == len(set(ids)) and "twice" in ids and "raw" in ids,
          "each id once on the page (the heading keeps its own): %r" % ids)
    for text in ("clicked", "hover", "loud", "decimal", "expr", "styled"):
        check(text in body(page), "the text of a cleaned element stays: %s" % text)

    _, unsafe, _ = convert(tmp, "everything-unsafe", everything, "--unsafe")
    for what, markdown in DANGEROUS:
        check(markdown in unsafe, "all at once, --unsafe: %s verbatim" % what)
    _, sandboxed, err = convert(tmp, "everything-sandbox", everything, "--sandbox")
    found, tags = problems(body(sandboxed))
    check(not found and "keep-me" not in sandboxed and not any(t in ("span", "table", "b") for t, _ in tags),
          "--sandbox: no raw HTML at all (%s)" % found)
    check("--sandbox" in err, "--sandbox says it dropped raw HTML: %r" % err)
    r = subprocess.run([os.environ["PRENSA"], target.replace(".html", ".md"), "-t", "html",
                        "--unsafe", "--sandbox", "-o", os.path.join(tmp, "both.html")],
                       capture_output=True, text=True)
    check(r.returncode == 2 and not os.path.exists(os.path.join(tmp, "both.html")),
          "--unsafe with --sandbox is a usage error: %r" % r.stderr)

    # the cleaned pages stay valid HTML
    vnu = htmltest.find_vnu()
    run = subprocess.run(vnu + ["--errors-only", "--format", "gnu", *pages],
                         capture_output=True, text=True)
    check(run.returncode == 0 and not run.stderr.strip() and not run.stdout.strip(),
          "vnu finds the cleaned pages valid:\n%s%s" % (run.stdout, run.stderr))
    results.finish()


if __name__ == "__main__":
    main()
