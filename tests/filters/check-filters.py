#!/usr/bin/env python3
# check-filters.py: -F on samples/interview.md. number-questions puts
# "1. ", "2. ", … before each of the interviewer's questions in txt, html,
# epub, docx and pdf; pull-quote sets a sentence of the longest answer
# apart as a pull quote in each (html and epub an <aside>, docx the Pull
# Quote style, pdf larger type, txt indented between rules; a model-2
# writer gets a block quote), or the sentence -F pull-quote:sentence=…
# gives, an unknown filter option being a usage error; an identity filter changes no
# byte of any output; a filter that makes a javascript: link, a file:
# image or control characters still gives clean output (epubcheck too);
# a failing, malformed or lazy filter fails with nothing written; broken
# filter modules are skipped with a warning.
# SPDX-License-Identifier: LGPL-2.1-or-later
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, finish, missing_tool, well_formed, zip_xml_parts  # noqa: E402

PRENSA = os.environ["PRENSA"]
SRC = os.environ["PRENSA_SOURCE_ROOT"]
SAMPLE = os.path.join(SRC, "samples", "interview.md")
PLUGINS = os.environ["TEST_FILTER_DIR"]
FORMATS = ["txt", "html", "epub", "docx", "pdf"]
BUNDLED = "--bundled" in sys.argv


def run(*args, env=None):
    return subprocess.run([PRENSA, "--plugin-path", PLUGINS, *args], capture_output=True,
                          text=True, env=dict(os.environ, **(env or {})))


def convert(out, filters, formats=FORMATS):
    args = [a for f in filters for a in ("-F", f)]
    p = run(SAMPLE, *args, "-t", ",".join(formats), "-o", out + "/")
    check(p.returncode == 0, "prensa %s -t %s: exit %d: %s" % (" ".join(args), ",".join(formats),
                                                               p.returncode, p.stderr[-500:]))
    return {f: os.path.join(out, "interview." + f) for f in formats}


def tags_to_text(markup):
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def text_of(fmt, path):
    """The words a reader of @path sees, white space collapsed."""
    if fmt in ("txt", "xml"):
        text = open(path, encoding="utf-8").read()
    elif fmt == "html":
        text = tags_to_text(open(path, encoding="utf-8").read())
    elif fmt == "epub":
        with zipfile.ZipFile(path) as z:
            text = " ".join(tags_to_text(z.read(n).decode()) for n in sorted(z.namelist())
                            if n.endswith(".xhtml") and not n.endswith("nav.xhtml"))
    elif fmt == "docx":
        try:
            import docx
        except ImportError:
            missing_tool("python-docx")
        text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    elif fmt == "pdf":
        if shutil.which("pdftotext") is None:
            missing_tool("pdftotext (poppler-utils)")
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                              check=True).stdout
        text = re.sub(r"-\n", "", text)  # words hyphenated at a line's end
    return re.sub(r"\s+", " ", text)


def pdf_word_heights(path, words):
    """The heights of each run of @words (a list) in @path's page words,
    in order of the page, from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True,
                         check=True).stdout
    boxes = [(html.unescape(m.group(5)), float(m.group(4)) - float(m.group(2)))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                  r'yMax="([\d.]+)">([^<]*)</word>', out)]
    runs = []
    for i in range(len(boxes) - len(words) + 1):
        if [b[0] for b in boxes[i:i + len(words)]] == words:
            runs.append(max(b[1] for b in boxes[i:i + len(words)]))
    return runs


def check_pull_quote_set_apart(pulled, quote):
    """The pull quote is not a block quote but set apart in each format."""
    page = open(pulled["html"], encoding="utf-8").read()
    m = re.search(r'<aside class="pull-quote" aria-hidden="true">\s*<p>([^<]*)</p>\s*</aside>', page)
    check(m is not None and m.group(1).startswith(quote),
          "html: the pull quote is not an <aside class=\"pull-quote\" aria-hidden>")
    check(re.search(r"<blockquote[^>]*>\s*<p[^>]*>" + re.escape(quote), page) is None,
          "html: the pull quote is still a <blockquote>")
    # the stylesheet sets it large, between rules, also in print
    css = page[page.index("<style"):page.index("</style>")]
    rule = re.search(r"\n\.pull-quote \{([^}]*)\}", css)
    check(rule is not None and "border-top" in rule.group(1) and "border-bottom" in rule.group(1)
          and "font-size" in rule.group(1), "html: no large ruled style for .pull-quote")
    printed = css[css.index("@media print"):]
    check(re.search(r"\.pull-quote \{[^}]*break-inside: avoid", printed) is not None,
          "html print: the pull quote may break")

    # and the Nu HTML Checker finds the page and its CSS clean
    jar = os.environ.get("VNU_JAR") or os.path.join(SRC, "node_modules", "vnu-jar", "build",
                                                    "dist", "vnu.jar")
    if shutil.which("java") is None or not os.path.exists(jar):
        missing_tool("vnu.jar (npm ci at the top of the tree)")
    p = subprocess.run(["java", "-jar", jar, "--format", "json", "--also-check-css", "--stdout",
                        pulled["html"]], capture_output=True, text=True)
    import json
    bad = [m for m in json.loads(p.stdout)["messages"]
           if m.get("type") in ("error", "non-document-error") or m.get("subType") == "warning"]
    check(not bad, "html: vnu: %s" % [m.get("message") for m in bad][:3])

    with zipfile.ZipFile(pulled["epub"]) as z:
        xhtml = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    m = re.search(r'<aside class="pull-quote" epub:type="pullquote" aria-hidden="true">\s*<p>([^<]*)',
                  xhtml)
    check(m is not None and m.group(1).startswith(quote), "epub: no <aside epub:type=\"pullquote\">")

    try:
        import docx
    except ImportError:
        missing_tool("python-docx")
    document = docx.Document(pulled["docx"])
    styled = [p.text for p in document.paragraphs if p.style.name == "Pull Quote"]
    check(len(styled) == 1 and styled[0].startswith(quote),
          "docx: the paragraphs of style Pull Quote are %r" % styled)
    style = document.styles["Pull Quote"]
    check(style.font.italic and style.font.size is not None and style.font.size.pt >= 14,
          "docx: the Pull Quote style is not large italic")
    with zipfile.ZipFile(pulled["docx"]) as z:
        styles = z.read("word/styles.xml").decode()
    pq = styles[styles.index('w:styleId="PullQuote"'):]
    pq = pq[:pq.index("</w:style>")]
    check("<w:top " in pq and "<w:bottom " in pq and "<w:suppressAutoHyphens/>" in pq,
          "docx: the Pull Quote style has no rules above and below")

    # PDF: the sentence twice, in its answer and in larger type
    words = quote.split()[:6]
    heights = pdf_word_heights(pulled["pdf"], words)
    check(len(heights) == 2 and max(heights) >= 1.3 * min(heights),
          "pdf: the pull quote is not set larger than its answer: word heights %r" % heights)

    text = open(pulled["txt"], encoding="utf-8").read()
    m = re.search(r"\n\n    (-{20,})\n    Yes, we went in New York City[^\n]*\n(    [^\n]+\n)+    (-{20,})\n\n",
                  text)
    check(m is not None and m.group(1) == m.group(3), "txt: the pull quote is not indented between rules")

    # a writer built for model 2 gets it as a block quote
    p = run(SAMPLE, "-F", "pull-quote", "-t", "model2", "-o", "-")
    check(p.returncode == 0 and "block_quote\nparagraph\n" in p.stdout and "UNKNOWN" not in p.stdout,
          "model-2 writer: the pull quote was not lowered: %s" % p.stderr[-300:])


def check_pull_quote_option(tmp):
    """-F pull-quote:sentence=… wins over the metadata; unknown options are refused."""
    said = "Say it: with a colon, an = sign, and all."
    p = run(SAMPLE, "-F", "pull-quote:sentence=" + said, "-M", "pull-quote=Marked by the editor.",
            "-t", "html", "-o", "-")
    check(p.returncode == 0 and re.search(r'<aside class="pull-quote"[^>]*>\s*<p>' + re.escape(html.escape(said, False)),
                                          p.stdout) is not None and "Marked by the editor." not in p.stdout,
          "-F pull-quote:sentence=: exit %d, the option is not the quote: %s" % (p.returncode, p.stderr[-300:]))
    # each -F has its own options
    p = run(SAMPLE, "-F", "pull-quote:sentence=First.", "-F", "pull-quote:sentence=Second.",
            "-t", "txt", "-o", "-")
    check(p.returncode == 0 and "    First.\n" in p.stdout and "    Second.\n" in p.stdout,
          "two -F pull-quote with their own sentences: %s" % p.stderr[-300:])
    for spec, names in (("pull-quote:sentense=x", "has no option 'sentense' (valid: sentence)"),
                        ("pull-quote:sentence=x:colour=red", None),
                        ("number-questions:start=3", "filter 'number-questions' has no option 'start'")):
        out = os.path.join(tmp, "refused-%s.html" % spec.split(":")[0])
        if os.path.exists(out):
            os.unlink(out)
        p = run(SAMPLE, "-F", spec, "-o", out)
        if names is None:  # ":colour=red" is part of the sentence, colour not being an option
            check(p.returncode == 0, "-F %s: exit %d: %s" % (spec, p.returncode, p.stderr[-300:]))
            continue
        check(p.returncode == 2 and ("-F " + spec) in p.stderr and names in p.stderr
              and "filter '" in p.stderr, "-F %s: exit %d: %s" % (spec, p.returncode, p.stderr))
        check(not os.path.exists(out), "-F %s: it wrote %s" % (spec, out))
    p = run("--help-format", "pull-quote")
    check(p.returncode == 0 and "-F pull-quote:NAME=VALUE" in p.stdout
          and re.search(r"\n +sentence +The text to pull", p.stdout) is not None,
          "--help-format pull-quote does not show the sentence option: %s" % p.stdout)


def check_bundled(tmp, plain):
    """number-questions and pull-quote, in every format."""
    # number-questions: every question numbered, in order, in every format.
    numbered = convert(os.path.join(tmp, "numbered"), ["number-questions"])
    for fmt, path in numbered.items():
        text = text_of(fmt, path)
        for n, q in enumerate(questions, 1):
            check("%d. %s" % (n, q) in text, "%s: no '%d. %s'" % (fmt, n, q))
        check("%d. " % (len(questions) + 1) + questions[0] not in text, "%s: numbered too far" % fmt)
        before = text_of(fmt, plain[fmt])
        check("1. " + questions[0] not in before, "%s: numbered without the filter" % fmt)

    # pull-quote: the first sentence of the longest answer, set apart.
    quote = "Yes, we went in New York City where we shut down Amazon"
    pulled = convert(os.path.join(tmp, "pulled"), ["pull-quote"])
    for fmt, path in pulled.items():
        text, before = text_of(fmt, path), text_of(fmt, plain[fmt])
        check(text.count(quote) == before.count(quote) + 1,
              "%s: the pull quote is there %d times, %d before" % (fmt, text.count(quote),
                                                                    before.count(quote)))
    check_pull_quote_set_apart(pulled, quote)
    # marked in the metadata, it wins
    p = run(SAMPLE, "-F", "pull-quote", "-M", "pull-quote=Marked by the editor.", "-t", "txt", "-o", "-")
    check(p.returncode == 0 and "\n    Marked by the editor.\n" in p.stdout and quote not in
          p.stdout.split("    Marked")[0][-200:], "txt: the metadata's pull-quote is not the quote")

    # both, in order, and the filtered EPUB is still clean
    both = convert(os.path.join(tmp, "both"), ["pull-quote", "number-questions"], ["epub", "txt"])
    text = text_of("txt", both["txt"])
    check("1. " + questions[0] in text and quote in text, "txt: two filters did not both apply")
    check_pull_quote_option(tmp)
    bundled_epubs.extend([numbered["epub"], pulled["epub"], both["epub"]])
    bundled_docx.extend([numbered["docx"], pulled["docx"]])

    # PNGs for review, left in the test's build folder: page 1 of prensa's
    # PDF and of Chromium's print of the HTML, both filters applied; the
    # print must show the numbers and the quote too.
    keep = os.environ.get("FILTER_PNG_DIR", tmp)
    both = convert(os.path.join(tmp, "both-print"), ["pull-quote", "number-questions"], ["pdf", "html"])
    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            missing_tool(tool + " (poppler-utils)")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        missing_tool("chromium")
    printed = os.path.join(tmp, "html-print.pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--user-data-dir=" + profile, "--no-pdf-header-footer",
                        "--print-to-pdf=" + printed, "file://" + both["html"]],
                       capture_output=True, timeout=180, check=False)
    check(os.path.exists(printed), "chromium made no PDF of the filtered html")
    for stem, pdf in (("filters-pdf", both["pdf"]), ("filters-html-print", printed)):
        if not os.path.exists(pdf):
            continue
        text = text_of("pdf", pdf)
        check("1. " + questions[0] in text and quote in text,
              "%s: the numbers or the quote are not printed" % stem)
        png = os.path.join(keep, stem + "-page1")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        pdf, png], check=True)
        check(os.path.getsize(png + ".png") > 10000, "%s: page 1 saved as PNG" % stem)



# The interviewer's questions, as the sample has them: the first two words
# after the label.
questions = []
for line in open(SAMPLE, encoding="utf-8"):
    m = re.match(r"(?:Sarah Jaffe|SJ): (\S+ \S+)", line)
    if m:
        questions.append(m.group(1))
check(len(questions) >= 5, "the sample has %d questions" % len(questions))

bundled_epubs = []
bundled_docx = []
with tempfile.TemporaryDirectory() as tmp:
    plain = convert(os.path.join(tmp, "plain"), [], FORMATS + ["xml"])

    if BUNDLED:
        check_bundled(tmp, plain)

    # identity: not a byte changes
    same = convert(os.path.join(tmp, "same"), ["identity"], ["txt", "html", "xml"])
    for fmt, path in same.items():
        check(open(path, "rb").read() == open(plain[fmt], "rb").read(),
              "%s: the identity filter changed the output" % fmt)

    # a hostile filter: its output is still safe and valid
    hostile = convert(os.path.join(tmp, "hostile"), ["hostile"], FORMATS + ["xml"])
    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe]")
    for fmt, path in hostile.items():
        if fmt in ("txt", "html", "xml"):
            parts = [(fmt, open(path, "rb").read())]
        elif fmt in ("epub", "docx"):
            parts = list(zip_xml_parts(path))
        else:
            parts = [("text", text_of("pdf", path).encode())]
        for name, data in parts:
            s = data.decode("utf-8")
            check(not re.search(r"javascript:", s, re.I), "%s %s: a javascript: URL" % (fmt, name))
            check("/etc/passwd" not in s, "%s %s: the file: image" % (fmt, name))
            check(not control.search(s), "%s %s: a control character" % (fmt, name))
            if name.endswith((".xml", ".xhtml", ".opf", ".rels")) or fmt == "xml":
                problem = well_formed(name, data)
                check(problem is None, "%s: %s" % (fmt, problem))
        check("click me" in text_of(fmt, path), "%s: the dropped link's text is gone" % fmt)
    # --json-filter: the sample Python filter's capitals in every format
    upper = "python3 " + os.path.join(SRC, "samples", "json-filter-upper-labels.py")
    p = run(SAMPLE, "--json-filter", upper, "-t", ",".join(FORMATS), "-o", os.path.join(tmp, "upper") + "/")
    check(p.returncode == 0, "--json-filter: exit %d: %s" % (p.returncode, p.stderr[-500:]))
    for fmt in FORMATS:
        path = os.path.join(tmp, "upper", "interview." + fmt)
        text = text_of(fmt, path) if os.path.exists(path) else ""
        check("SARAH JAFFE" in text and "CATA SANTIAGO" in text, "%s: no capital labels" % fmt)
        check(re.search(r"SARAH JAFFE\s*:\s*We are", text) is not None
              and re.search(r"Sarah Jaffe\s*:\s*We are", text) is None, "%s: a label is not in capitals" % fmt)
        check("1. " + questions[0] not in text and "We are talking" in text, "%s: the text changed" % fmt)
    bundled_epubs.append(os.path.join(tmp, "upper", "interview.epub"))
    bundled_docx.append(os.path.join(tmp, "upper", "interview.docx"))
    # cat is the identity: the same txt and html
    same = run(SAMPLE, "--json-filter", "cat", "-t", "txt,html", "-o", os.path.join(tmp, "cat") + "/")
    for fmt in ("txt", "html"):
        path = os.path.join(tmp, "cat", "interview." + fmt)
        check(same.returncode == 0 and open(path, "rb").read() == open(plain[fmt], "rb").read(),
              "--json-filter cat changed the %s: %s" % (fmt, same.stderr[-300:]))
    # a JSON filter that adds a javascript: link and control characters
    evil = os.path.join(tmp, "evil.py")
    with open(evil, "w") as f:
        f.write("import json, sys\n"
                "d = json.load(sys.stdin)\n"
                "part = d['document']['children'][0]\n"
                "part['children'].insert(0, {'type': 'paragraph', 'children': [\n"
                "  {'type': 'text', 'text': 'EVIL\\u0007bell\\u0000nul '},\n"
                "  {'type': 'link', 'url': 'javascript:alert(1)', 'children': [{'type': 'text', 'text': 'click me'}]}]})\n"
                "json.dump(d, sys.stdout)\n")
    p = run(SAMPLE, "--json-filter", "python3 " + evil, "-t", "html,epub,txt", "-o", os.path.join(tmp, "evil") + "/")
    check(p.returncode == 0, "--json-filter evil: exit %d: %s" % (p.returncode, p.stderr[-300:]))
    for fmt in ("html", "txt"):
        path = os.path.join(tmp, "evil", "interview." + fmt)
        s = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        check("click me" in s and "EVIL" in s, "%s: the evil paragraph is missing" % fmt)
        check(not re.search(r"javascript:", s, re.I) and not control.search(s),
              "--json-filter evil: unsafe %s" % fmt)
    bundled_epubs.append(os.path.join(tmp, "evil", "interview.epub"))
    # and JSON filters that fail, with their standard error quoted
    for cmd, says in (("echo oops >&2; exit 3", "exited with status 3: oops"),
                      ("cat >/dev/null; echo '{nope'", "--json-filter"),
                      ("cat >/dev/null; echo '{}'", "--json-filter"),
                      ("sleep 30", "took longer than 1 s")):
        out = os.path.join(tmp, "json-failed.html")
        p = run(SAMPLE, "--json-filter", cmd, "--json-filter-timeout", "1", "-o", out)
        check(p.returncode == 1 and says in p.stderr, "--json-filter %r: exit %d: %s"
              % (cmd, p.returncode, p.stderr[-300:]))
        check(not os.path.exists(out), "--json-filter %r: it wrote %s" % (cmd, out))

    # filters that fail: exit 1, a message, nothing written
    for env, says in (({}, "fails on purpose"),
                      ({"FAILING_FILTER_MALFORMED": "1"}, "the filter made a paragraph inside a document"),
                      ({"FAILING_FILTER_SAME": "1"}, "returned the document it was given")):
        out = os.path.join(tmp, "failed.html")
        p = run(SAMPLE, "-F", "failing", "-o", out, env=env)
        check(p.returncode == 1 and says in p.stderr and "failing filter" in p.stderr,
              "failing filter %s: exit %d: %s" % (env, p.returncode, p.stderr[-300:]))
        check(not os.path.exists(out), "failing filter %s: it wrote %s" % (env, out))
    p = run(SAMPLE, "-F", "no-such-filter", "-t", "txt", "-o", "-")
    check(p.returncode == 2 and "unknown filter 'no-such-filter'" in p.stderr and p.stdout == "",
          "unknown filter: exit %d: %s" % (p.returncode, p.stderr))

    # every DOCX's document.xml valid against the ISO/IEC 29500 WordprocessingML schema
    if shutil.which("xmllint") is None:
        missing_tool("xmllint")
    wml = os.path.join(os.environ["OOXML_SCHEMAS"], "ISO-IEC29500-4_2016", "wml.xsd")
    docs = []
    for i, path in enumerate([hostile["docx"]] + bundled_docx):
        dest = os.path.join(tmp, "docx-%d-document.xml" % i)
        with zipfile.ZipFile(path) as z, open(dest, "wb") as f:
            f.write(z.read("word/document.xml"))
        docs.append(dest)
        # and the styles part, which holds the Pull Quote style
        dest = os.path.join(tmp, "docx-%d-styles.xml" % i)
        with zipfile.ZipFile(path) as z, open(dest, "wb") as f:
            f.write(z.read("word/styles.xml"))
        docs.append(dest)
    p = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", wml] + docs,
                       capture_output=True, text=True)
    check(p.returncode == 0, "docx: not valid WordprocessingML: %s" % p.stderr[-600:])
    # every EPUB made above, epubcheck-clean
    jar = shutil.which("epubcheck") or "/usr/bin/epubcheck"
    if shutil.which("java") is None or not os.path.exists(jar):
        missing_tool("epubcheck")
    for path in [hostile["epub"]] + bundled_epubs:
        p = subprocess.run(["java", "-jar", os.path.realpath(jar), path], capture_output=True, text=True)
        summary = re.search(r"Messages: (\d+) fatals / (\d+) errors / (\d+) warnings", p.stdout + p.stderr)
        check(p.returncode == 0 and summary is not None and summary.groups() == ("0", "0", "0"),
              "epubcheck %s: %s" % (os.path.basename(os.path.dirname(path)),
                                    summary.group(0) if summary else (p.stdout + p.stderr)[-400:]))

    # --list-filters: the bundled and test ones, from their files' descriptor
    # sections; one with another ABI skipped with a warning. A missing
    # function shows only once the module is loaded, by -F.
    p = run("--list-filters")
    names = [line.split()[0] for line in p.stdout.splitlines() if line and not line.startswith(" ")]
    for name in ("identity", "hostile") + (("number-questions", "pull-quote") if BUNDLED else ()):
        check(name in names, "--list-filters has no %s: %s" % (name, names))
    check("filterabi" not in names, "--list-filters lists the broken filterabi")
    check(re.search(r"filterabi\.so: filter ABI \d+, but this prensa needs ABI \d+", p.stderr) is not None,
          "no warning for the wrong-ABI filter: %s" % p.stderr)
    p = run(SAMPLE, "-F", "nofilter", "-t", "txt", "-o", "-")
    check(p.returncode == 2 and p.stdout == "", "-F nofilter should be refused: %d" % p.returncode)
    check(re.search(r"nofilter\.so: its PrensaFilter has no filter; skipped", p.stderr) is not None,
          "no warning for the filter without a function: %s" % p.stderr)

finish()
