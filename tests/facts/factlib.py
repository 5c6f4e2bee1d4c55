"""Helpers for the facts tests: the text a reader sees of each format."""
import html
import os
import re
import subprocess
import sys
import zipfile

CI = os.environ.get("CI") == "true"


def untag(markup):
    text = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(text))


def text_of(fmt, path):
    if fmt == "txt":
        return re.sub(r"\s+", " ", open(path, encoding="utf-8").read())
    if fmt == "html":
        return untag(open(path, encoding="utf-8").read())
    if fmt in ("epub", "docx"):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith(".xhtml")] if fmt == "epub" \
                else ["word/document.xml"]
            # DOCX runs split text: join runs with nothing between them.
            parts = [z.read(n).decode() for n in names]
        if fmt == "docx":
            return " ".join(re.sub(r"\s+", " ", "".join(
                re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p.replace("</w:p>", "</w:p><w:t> </w:t>"))))
                for p in parts)
        return untag(" ".join(parts))
    try:
        out = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        if CI:
            sys.exit("pdftotext (poppler-utils) is missing")
        return None
    return re.sub(r"\s+", " ", out)
