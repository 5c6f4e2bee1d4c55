#!/usr/bin/env python3
"""Input nested far deeper than stock XML parsers accept (libxml2 and lxml,
hence calibre, stop at 256 levels by default) still gives an EPUB they
read: past a fixed depth, quotes, lists and emphases are written without
their own tags, with one warning, and epubcheck stays clean (issue 18)."""
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, finish, missing_tool  # noqa: E402

PRENSA = os.environ["PRENSA"]
LIMIT = 200  # the depth every chapter must stay under


def deep_quotes(n):
    return "> " * n + "the deepest words\n"


def deep_list(n):
    return "".join("  " * i + "- item %d\n" % i for i in range(n - 1)) + \
        "  " * (n - 1) + "- the deepest words\n"


def deep_mixed(n):
    """Quotes and list items in turn, with a table and raw HTML at the bottom."""
    out, indent = [], ""
    for i in range(n):
        if i % 2:
            out.append(indent + "- level %d" % i)
            indent += "  "
        else:
            indent += "> "
            out.append(indent.rstrip())
    bottom = indent
    out += [bottom + "| a | b |", bottom + "| - | - |", bottom + "| c | the deepest words |", bottom.rstrip(),
            bottom + "<div>" * 300 + "raw words" + "</div>" * 300]
    return "\n".join(out) + "\n"


def deep_emphasis(n):
    opened = "".join("*e%d " % i if i % 2 == 0 else "**s%d " % i for i in range(n))
    closed = "".join(" e*" if i % 2 == 0 else " s**" for i in reversed(range(n)))
    return opened + "the deepest words" + closed + "\n"


def depth(root):
    best, stack = 0, [(root, 1)]
    while stack:
        node, d = stack.pop()
        best = max(best, d)
        stack.extend((child, d + 1) for child in node)
    return best


def main():
    epubcheck = shutil.which("epubcheck") or "/usr/bin/epubcheck"
    if not os.path.exists(epubcheck) or shutil.which("java") is None:
        missing_tool("epubcheck")
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        missing_tool("xmllint")
    try:
        import lxml.etree as lxml_etree
    except ImportError:
        lxml_etree = None
        print("lxml is not installed: libxml2's defaults are checked through xmllint")
    tmp = tempfile.mkdtemp(prefix="prensa-deep-")
    cases = {"quotes": deep_quotes(1000), "list": deep_list(1000),
             "mixed": deep_mixed(600), "emphasis": deep_emphasis(600)}
    for name, body in cases.items():
        source = os.path.join(tmp, name + ".md")
        target = os.path.join(tmp, name + ".epub")
        with open(source, "w", encoding="utf-8") as f:
            f.write("---\ntitle: Deep %s\nlang: en\n---\n\n# Deep\n\n%s" % (name, body))
        r = subprocess.run([PRENSA, source, "-t", "epub", "-o", target], capture_output=True, text=True,
                           env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
        if not check(r.returncode == 0, "%s: converts (%d): %s" % (name, r.returncode, r.stderr)):
            continue
        flat = [line for line in r.stderr.splitlines() if "nested more than" in line]
        check(len(flat) == 1, "%s: one warning about the flattening: %r" % (name, r.stderr))
        with zipfile.ZipFile(target) as z:
            chapters = [n for n in z.namelist() if n.endswith(".xhtml")]
            text = b""
            for part in chapters:
                data = z.read(part)
                text += data
                d = depth(ET.fromstring(data))
                check(d < LIMIT, "%s %s: %d levels deep (want < %d)" % (name, part, d, LIMIT))
                lint = subprocess.run([xmllint, "--noout", "-"], input=data, capture_output=True)
                check(lint.returncode == 0, "%s %s: libxml2 with its default limits reads it: %s"
                      % (name, part, lint.stderr[:200]))
                if lxml_etree is not None:
                    try:
                        lxml_etree.fromstring(data)
                    except lxml_etree.XMLSyntaxError as e:
                        check(False, "%s %s: lxml reads it: %s" % (name, part, e))
        check(b"the deepest words" in text, "%s: the deepest text is kept" % name)
        run = subprocess.run(["java", "-jar", epubcheck, "-q", target], capture_output=True, text=True)
        check(run.returncode == 0 and "ERROR" not in run.stdout + run.stderr
              and "WARNING" not in run.stdout + run.stderr,
              "%s: epubcheck is clean: %s%s" % (name, run.stdout[-600:], run.stderr[-600:]))
    finish()


if __name__ == "__main__":
    main()
