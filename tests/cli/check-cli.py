#!/usr/bin/env python3
"""pandoc's flags with pandoc's meaning, and diagnostics that help."""
import os
import pty
import select
import subprocess
import sys
import tempfile
import zipfile

PRENSA = os.environ["PRENSA"]
SAMPLE = os.path.join(os.environ["PRENSA_SOURCE_ROOT"], "samples", "interview.md")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, finish, in_ci  # noqa: E402


def run(*args, stdin=None):
    return subprocess.run([PRENSA, *args], capture_output=True, text=True, input=stdin)


def on_terminal(*args, stdin_tty=False):
    """Runs prensa with its standard output (and maybe input) on a pty."""
    master, slave = pty.openpty()
    p = subprocess.Popen([PRENSA, *args], stdout=slave, stderr=subprocess.PIPE,
                         stdin=slave if stdin_tty else subprocess.DEVNULL)
    os.close(slave)
    out = b""
    if stdin_tty:
        os.write(master, b"Hello.\n\x04")
    while True:
        r, _, _ = select.select([master], [], [], 10)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    err = p.stderr.read().decode()
    p.wait(timeout=30)
    os.close(master)
    return p.returncode, out, err


def main():
    d = tempfile.mkdtemp(prefix="prensa-cli-")
    # did you mean: options, formats, input formats, -O keys
    for args, want in ((["--too=html", SAMPLE], "did you mean '--to'?"),
                       (["--tco", SAMPLE, "-t", "html"], "did you mean '--toc'?"),
                       (["--verb", SAMPLE], "did you mean '--verbose'?"),
                       ([SAMPLE, "-t", "htlm"], "did you mean 'html'?"),
                       (["-f", "markdwon", SAMPLE, "-t", "txt"], "did you mean 'markdown'?"),
                       ([SAMPLE, "-t", "html", "-O", "tco=true"], "did you mean 'toc'?"),
                       ([SAMPLE, "-t", "html", "-O", "html.lables=id"], "did you mean 'labels'?")):
        r = run(*args)
        check(r.returncode == 2 and want in r.stderr, "%s: %r" % (" ".join(args[:1] + args[-2:]), r.stderr.strip()))
    # each -O value parsed strictly: a usage error naming the option, no file
    for fmt, opt in (("pdf", "font-size=0x10"), ("pdf", "font-size=inf"), ("txt", "wrap=12abc"),
                     ("html", "toc-depth= 3"), ("txt", "toc-depth=+2"), ("txt", "toc=on"),
                     ("html", "fragment=2"), ("pdf", "margins=0x10mm"), ("pdf", "page-size=0x100mmx200mm")):
        target = os.path.join(d, "strict." + fmt)
        r = run(SAMPLE, "-t", fmt, "-O", opt, "-o", target)
        name = opt.split("=")[0]
        check(r.returncode == 2 and "option '%s'" % name in r.stderr,
              "-O %s: a usage error naming it: %d %r" % (opt, r.returncode, r.stderr.strip()))
        check(not os.path.exists(target), "-O %s: nothing written" % opt)
    r = run(SAMPLE, "-t", "pdf", "-O", "font-size=10.5", "-o", os.path.join(d, "ok.pdf"))
    check(r.returncode == 0, "-O font-size=10.5 is a size: %r" % r.stderr)
    r = run(SAMPLE, "-t", "html", "--frobnicate")
    check(r.returncode == 2 and "did you mean" not in r.stderr, "no suggestion when nothing is close")

    # the lists
    r = run("--list-input-formats")
    check(r.returncode == 0 and {"markdown", "commonmark", "gfm", "transcript"} <= set(r.stdout.split()),
          "--list-input-formats: %r" % r.stdout.split())
    r = run("--list-output-formats")
    check(r.returncode == 0 and {"txt", "html", "epub", "docx", "pdf"} <= set(r.stdout.split())
          and all(" " not in line for line in r.stdout.splitlines()), "--list-output-formats names only")

    # -s is accepted; --css, --reference-doc, --epub-chapter-level, --columns, --wrap reach the writers
    css = os.path.join(d, "house.css")
    with open(css, "w") as f:
        f.write("p.house-rule { color: rgb(1, 2, 3); }\n")
    r = run(SAMPLE, "-s", "--css", css, "-t", "html", "-o", "-")
    check(r.returncode == 0 and 'href="%s"' % css in r.stdout, "--css links the stylesheet, as pandoc")
    r = run(SAMPLE, "--css", css, "--embed-resources", "-t", "html", "-o", "-")
    check(r.returncode == 0 and "rgb(1, 2, 3)" in r.stdout, "--css with --embed-resources copies it in")
    r = run(SAMPLE, "--css", css, "--self-contained", "-t", "html", "-o", "-")
    check(r.returncode == 0 and "rgb(1, 2, 3)" in r.stdout, "--self-contained as --embed-resources")
    out = os.path.join(d, "css.epub")
    r = run(SAMPLE, "--css", css, "-t", "epub", "-o", out)
    with zipfile.ZipFile(out) as z:
        styles = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".css"))
    check(r.returncode == 0 and "rgb(1, 2, 3)" in styles, "--css reaches epub as its stylesheet")
    for key in ("css", "stylesheet"):
        r = run(SAMPLE, "-O", "epub.%s=%s" % (key, css), "-t", "epub", "-o", out)
        with zipfile.ZipFile(out) as z:
            styles = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".css"))
        check(r.returncode == 0 and "rgb(1, 2, 3)" in styles
              and (("now 'css'" in r.stderr) == (key == "stylesheet")),
              "epub.%s sets the stylesheet (the old name with a warning): %r" % (key, r.stderr))
    r = run(SAMPLE, "--reference-doc", os.path.join(d, "absent.docx"), "-t", "docx", "-o", os.path.join(d, "x.docx"))
    check(r.returncode != 0 and "absent.docx" in r.stderr, "--reference-doc reaches docx: %r" % r.stderr.strip())
    book = os.path.join(d, "book.md")
    with open(book, "w") as f:
        f.write("---\ntitle: Book\n---\n\n" + "".join(
            "# Part %d\n\nText.\n\n## Section %d.1\n\nMore.\n\n## Section %d.2\n\nMore.\n\n" % (i, i, i)
            for i in range(3)))
    split = {}
    for level in ("1", "2"):
        out = os.path.join(d, "split%s.epub" % level)
        run(book, "--epub-chapter-level", level, "-t", "epub", "-o", out)
        with zipfile.ZipFile(out) as z:
            split[level] = sum(n.startswith("EPUB/chapter-") for n in z.namelist())
    check(split["2"] > split["1"] > 1, "--epub-chapter-level changes the split: %r" % split)
    r = run(SAMPLE, "--columns", "40", "-t", "txt", "-o", "-")
    widths = [len(line) for line in r.stdout.splitlines()]
    check(r.returncode == 0 and max(widths) <= 40, "--columns 40: longest line %d" % max(widths))
    r = run(SAMPLE, "--wrap=none", "-t", "txt", "-o", "-")
    check(r.returncode == 0 and max(len(line) for line in r.stdout.splitlines()) > 200, "--wrap=none")
    r = run(SAMPLE, "--wrap=nope", "-t", "txt")
    check(r.returncode == 2 and "did you mean 'none'?" in r.stderr, "--wrap=nope: %r" % r.stderr.strip())
    r = run(book, "--toc", "-t", "html", "-o", "-")
    plain = run(book, "-t", "html", "-o", "-")
    check(r.returncode == 0 and r.stdout.count("<nav") > plain.stdout.count("<nav"),
          "--toc gives html a contents nav")
    toc = {}
    for depth in ("1", "2"):
        out = os.path.join(d, "toc%s.epub" % depth)
        run(book, "--toc-depth", depth, "-t", "epub", "-o", out)
        with zipfile.ZipFile(out) as z:
            toc[depth] = z.read("EPUB/nav.xhtml").decode().count("<li")
    check(toc["2"] > toc["1"], "--toc-depth reaches the epub nav: %r" % toc)
    # -O given explicitly beats the pandoc flag
    r = run(SAMPLE, "--columns", "40", "-O", "txt.wrap=60", "-t", "txt", "-o", "-")
    check(max(len(line) for line in r.stdout.splitlines()) > 40, "-O beats --columns")

    # warnings: collapsed, silenced, counted, fatal on request
    js = os.path.join(d, "js.md")
    with open(js, "w") as f:
        f.write("".join("[x%d](javascript:alert(%d)) para %d\n\n" % (i, i, i) for i in range(20)))
    r = run(js, "-t", "html", "-o", os.path.join(d, "js.html"))
    lines = [l for l in r.stderr.splitlines() if "warning" in l]
    check(len(lines) == 6 and "and 15 more like" in lines[-1], "20 like warnings print 5 and a count: %r" % lines[-1:])
    r = run(js, "-t", "html", "-o", os.path.join(d, "js.html"), "--quiet")
    check(r.returncode == 0 and r.stderr == "", "--quiet prints nothing: %r" % r.stderr)
    target = os.path.join(d, "kept.html")
    with open(target, "w") as f:
        f.write("old")
    r = run(js, "-t", "html", "-o", target, "--fail-if-warnings")
    check(r.returncode == 1 and open(target).read() == "old" and "nothing written" in r.stderr,
          "--fail-if-warnings: exit 1 and the old file kept")
    raw = os.path.join(d, "raw.md")
    with open(raw, "w") as f:
        f.write("Text.\n\n<div>raw</div>\n")
    r = run(raw, "-t", "docx", "-o", os.path.join(d, "toc.docx"), "--fail-if-warnings")
    check(r.returncode == 1 and "raw HTML" in r.stderr and not os.path.exists(os.path.join(d, "toc.docx")),
          "--fail-if-warnings: a writer's warning keeps its file back too")
    r = run(SAMPLE, "-t", "html", "-o", os.path.join(d, "fine.html"), "--fail-if-warnings")
    check(r.returncode == 0 and os.path.exists(os.path.join(d, "fine.html")), "--fail-if-warnings with none")
    r = run(SAMPLE, "-t", "txt", "-o", os.path.join(d, "v.txt"), "--verbose")
    check(r.returncode == 0 and "read " in r.stderr and "markdown" in r.stderr and "wrote " in r.stderr
          and " ms" in r.stderr, "--verbose says what it read and wrote: %r" % r.stderr)

    # -d/--defaults: pandoc's defaults file, later options winning
    defaults = os.path.join(d, "print.yaml")
    with open(defaults, "w") as f:
        f.write("to: html\noutput-file: ${.}/from-defaults.html\ninput-files: [%s]\n"
                "toc: true\nmetadata:\n  title: Set by defaults\nhighlight-style: tango\n" % book)
    r = run("-d", os.path.join(d, "print"))
    page = os.path.join(d, "from-defaults.html")
    html_out = open(page).read() if os.path.exists(page) else ""
    check(r.returncode == 0 and "<title>Set by defaults" in html_out
          and html_out.count("<nav") > plain.stdout.count("<nav"),
          "-d FILE (found as FILE.yaml) sets -t, -o, inputs, --toc and -M: %r" % r.stderr)
    check("highlight-style" in r.stderr, "-d names the keys prensa has no option for: %r" % r.stderr)
    r = run("--defaults=" + defaults, "-M", "title=Command line wins", "-o", "-")
    check(r.returncode == 0 and "<title>Command line wins" in r.stdout, "options after -d win over it")
    r = run("-d", defaults, "-t", "txt", "-o", "-", SAMPLE)
    check(r.returncode == 0 and "Cata Santiago" in r.stdout and "<" not in r.stdout[:100],
          "-t after -d wins, and inputs on the command line replace the file's")
    bad = os.path.join(d, "bad.yaml")
    with open(bad, "w") as f:
        f.write("to: html\nmetadata: [1\n")
    r = run("-d", bad)
    check(r.returncode == 2 and "bad.yaml:3:1:" in r.stderr, "a broken defaults file: line and column: %r" % r.stderr)
    r = run("-d", os.path.join(d, "absent.yaml"))
    check(r.returncode == 2 and "absent.yaml" in r.stderr, "a missing defaults file is a usage error")

    # A real book nobody here wrote: the Node.js API docs (Debian's nodejs),
    # 3.5 MB of Markdown whose thousands of dangling links collapse into
    # a few lines of warnings; --quiet prints none.
    api = "/usr/share/doc/nodejs/api"
    if os.path.isdir(api):
        pages = sorted(os.path.join(api, n) for n in os.listdir(api) if n.endswith(".md"))
        book = os.path.join(d, "node.epub")
        r = run(*pages, "-t", "epub", "-M", "title=Node.js API", "-o", book)
        lines = r.stderr.splitlines()
        check(r.returncode == 0 and 0 < len(lines) <= 40 and "more like" in r.stderr,
              "the Node.js API book: %d lines of warnings (at most 40)" % len(lines))
        r = run(*pages, "-t", "epub", "-M", "title=Node.js API", "-o", book, "--quiet")
        check(r.returncode == 0 and r.stderr == "", "the Node.js API book with --quiet: %r" % r.stderr[:200])
    else:
        check(not in_ci(), "the Node.js API docs (Debian's nodejs) are not installed")

    # binary formats stay off a terminal; text formats may go there
    for fmt in ("epub", "docx", "pdf"):
        code, out, err = on_terminal(SAMPLE, "-t", fmt, "-o", "-")
        check(code == 2 and out == b"" and "-o FILE" in err, "%s refused on a terminal: %r" % (fmt, err.strip()))
    code, out, err = on_terminal(SAMPLE, "-t", "txt")
    check(code == 0 and b"Cata Santiago" in out, "txt goes to a terminal")
    r = subprocess.run([PRENSA, SAMPLE, "-t", "epub", "-o", "-"], capture_output=True)
    check(r.returncode == 0 and r.stdout[:2] == b"PK", "epub to a pipe is fine")
    code, out, err = on_terminal("-", "-t", "txt", stdin_tty=True)
    check(code == 0 and "end it with Ctrl-D" in err and b"Hello." in out,
          "standard input on a terminal: prensa says what it waits for")

    finish()


if __name__ == "__main__":
    sys.exit(main())
