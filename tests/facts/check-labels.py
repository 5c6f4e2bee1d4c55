#!/usr/bin/env python3
"""One rule for the label each turn shows, and one option, in every writer.

-O labels=first (the default: full name on a speaker's first turn in a
part, the id after), name, id and none must give the same labels in the
text of txt, html, epub, docx and pdf; with two parts, the full name comes
back at the first turn of the second part."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from factlib import text_of  # noqa: E402

PRENSA = os.environ["PRENSA"]
ROOT = os.environ["PRENSA_SOURCE_ROOT"]
SAMPLE = os.path.join(ROOT, "samples", "interview.md")


def labels_of(fmt, path):
    """The text to count labels in: HTML's speaker labels as shown, the
    others' visible text."""
    if fmt != "html":
        return text_of(fmt, path)
    page = open(path, encoding="utf-8").read()
    return " ".join(re.sub(r"<[^>]+>", "", m) for m in re.findall(r'<b class="speaker">(.*?)</b>', page))


def count(text, label):
    return len(re.findall(r"(?<![\w])" + re.escape(label) + r":", text))


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as d:
        second = os.path.join(d, "second.md")
        with open(second, "w", encoding="utf-8") as f:
            f.write(open(SAMPLE, encoding="utf-8").read())
        for fmt in ("txt", "html", "epub", "docx", "pdf"):
            seen = {}
            for labels in ("first", "name", "id", "none"):
                out = os.path.join(d, "%s-%s.%s" % (fmt, labels, fmt))
                p = subprocess.run([PRENSA, SAMPLE, "-t", fmt, "-o", out, "-O", "labels=" + labels],
                                   capture_output=True, text=True)
                text = labels_of(fmt, out) if p.returncode == 0 else ""
                if text is None:
                    continue
                if fmt == "pdf":
                    text = text.replace("SARAH JAFFE", "Sarah Jaffe").replace("CATA SANTIAGO", "Cata Santiago")
                seen[labels] = (count(text, "Sarah Jaffe"), count(text, "SJ"),
                                count(text, "Cata Santiago"), count(text, "CS"))
            want = {"first": (1, 6, 1, 6), "name": (7, 0, 7, 0), "id": (0, 7, 0, 7), "none": (0, 0, 0, 0)}
            ok = seen == want
            print(("ok " if ok else "FAIL ") + "%s labels (Sarah Jaffe, SJ, Cata Santiago, CS): %r" % (fmt, seen))
            passed += ok
            failed += not ok
            # two parts: each part names its speakers in full once
            out = os.path.join(d, "two.%s" % fmt)
            p = subprocess.run([PRENSA, SAMPLE, second, "-t", fmt, "-o", out], capture_output=True, text=True)
            text = labels_of(fmt, out) if p.returncode == 0 else ""
            if fmt == "pdf" and text:
                text = text.replace("SARAH JAFFE", "Sarah Jaffe")
            ok = text is not None and count(text, "Sarah Jaffe") == 2
            print(("ok " if ok else "FAIL ") + "%s: two parts, the full name once in each" % fmt)
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
