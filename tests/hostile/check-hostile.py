#!/usr/bin/env python3
# check-hostile.py: control characters, NUL, noncharacters, "]]>", "--",
# quotes in URLs and titles and very long words go through every writer
# prensa has; every XML output (and every XML part of a zip) stays
# well-formed and every text output stays clean UTF-8.
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import re
import subprocess
import sys
import tempfile
import xml.dom.minidom
import zipfile

HOSTILE = (
    "---\n"
    "title: \"Ctl \\x01 & <T> ]]> -- \\uFFFE end\"\n"
    "author: 'A \"quoted\" & <odd> name'\n"
    "lang: en\n"
    "speakers:\n"
    "  - id: Q&A\n"
    "    name: \"Ann <b>&amp;</b> Co\"\n"
    "    role: interviewer\n"
    "  - id: R\n"
    "    name: Bob -- ]]>\n"
    "    role: interviewee\n"
    "---\n\n"
    "Standfirst with NUL \x00 here, bell \x07, vertical tab \x0b, DEL \x7f, NEL \u0085, "
    "noncharacters \ufffe \uffff \ufdd0, and a CDATA end ]]> and -- dashes.\n\n"
    "Q&A: A question with [a \"quoted\" link](http://example.org/a?b=\"c\"&d='e'<f> \"ti\\\"tle & <x>\") "
    "and ![img \x01 alt](missing.png \"an 'image' title\").\n\n"
    "R: " + "Supercalifragilistic" * 500 + " word.\n\n"
    "# Heading ]]> -- \x1b[31m\n\n"
    "<!-- a -- comment -->\n\n"
    "<div><p>unclosed <b>raw html\n\n"
    "Inline <span title=\"x\x02y\">raw</span> and `code \x03 ]]>`.\n\n"
    "```\ncode block \x04 ]]> <!-- -->\n```\n\n"
    "* * *\n\nBack matter \x05.\n"
)

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def check_xml(name, data, failures):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        failures.append(f"{name}: not UTF-8 ({e})")
        return
    if FORBIDDEN.search(text):
        failures.append(f"{name}: forbidden character {FORBIDDEN.search(text).group()!r}")
    try:
        xml.dom.minidom.parseString(data)
    except Exception as e:  # the parser's own message names line and column
        failures.append(f"{name}: not well-formed: {e}")


def check_text(name, data, failures):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        failures.append(f"{name}: not UTF-8 ({e})")
        return
    if FORBIDDEN.search(text):
        failures.append(f"{name}: forbidden character {FORBIDDEN.search(text).group()!r}")


def main():
    prensa = os.environ["PRENSA"]
    failures = []
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "hostile.md")
        with open(src, "wb") as f:
            f.write(HOSTILE.encode("utf-8"))
        out = os.path.join(tmp, "out")
        r = subprocess.run([prensa, src, "-t", "all", "-o", out], capture_output=True)
        if r.returncode != 0:
            print(r.stderr.decode("utf-8", "replace"))
            print("0 passed, 1 failed")
            return 1
        for name in sorted(os.listdir(out)):
            path = os.path.join(out, name)
            data = open(path, "rb").read()
            ext = name.rsplit(".", 1)[-1]
            if ext in ("epub", "docx"):
                with zipfile.ZipFile(path) as z:
                    for member in z.namelist():
                        if re.search(r"\.(xml|xhtml|opf|ncx|rels)$", member):
                            check_xml(f"{name}:{member}", z.read(member), failures)
                            checked += 1
            elif ext == "xml":
                check_xml(name, data, failures)
                checked += 1
            elif ext in ("txt", "html"):
                check_text(name, data, failures)
                checked += 1
    for f in failures:
        print("FAIL", f)
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
