#!/usr/bin/env python3
# check-pathological.py: inputs nested 100,000 deep, a 10 MB paragraph,
# 100,000 headings and links, a 1 MB line, through one writer.
#
# Each must convert (exit 0) without exhausting the stack, and the output
# must still be valid: XML outputs and the XML parts of a DOCX or EPUB
# well-formed, HTML elements balanced, text UTF-8, and the innermost word
# still there. Each input is also converted at a quarter of its size, and
# the time ratio printed: linear code gives about 4, quadratic 16. The test
# fails only above 10 (and only when the larger run takes over half a
# second, as smaller times are mostly start-up), to catch quadratic
# behaviour without being flaky on a busy machine.
#
#   check-pathological.py FORMAT [--volume-scale S] [--keep-going] [--only CASE…]
# SPDX-License-Identifier: LGPL-2.1-or-later
import argparse
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import well_formed, zip_xml_parts  # noqa: E402

MARK = "innermostword"
N = 100_000


def nested(prefix, suffix=""):
    return lambda n: prefix * n + MARK + suffix * n + "\n"


CASES = {
    # name: (make(n) -> text, n at full size)
    "quotes": (nested("> "), N),
    "bullets": (nested("- "), N),
    "ordered": (nested("1. "), N),
    "mixed-blocks": (lambda n: "> - 1. " * (n // 3) + MARK + "\n", N),
    "emphasis": (nested("*", "*"), N),
    "strong": (nested("__", "__"), N),
    "brackets": (nested("[", "]"), N),
    "links": (nested("[", "](http://example.org/)"), N),
    "images": (nested("![", "](missing.png)"), N),
    "paragraph-10mb": (lambda n: "word " * (n // 5) + MARK + "\n", 10_000_000),
    "headings": (lambda n: "# Heading\n\n" * n + MARK + "\n", N),
    "many-links": (lambda n: "".join(f"[link {i}](http://example.org/{i})\n"
                                     for i in range(n)) + MARK + "\n", N),
    "line-1mb": (lambda n: "a" * n + " " + MARK + "\n", 1_000_000),
    # model 2: notes and tables at volume, and notes that point at themselves
    "notes-10000": (lambda n: " ".join(f"w{i}[^n{i}]" for i in range(n)) + " " + MARK + "\n\n"
                    + "".join(f"[^n{i}]: note {i}\n\n" for i in range(n)), 10_000),
    "self-note": (lambda n: "".join(f"t{i}[^s{i}]\n\n[^s{i}]: again[^s{i}] and [^s{i}]\n\n"
                                    for i in range(n)) + MARK + "\n", 10_000),
    "table-1000-columns": (lambda n: "|" + "|".join(f"c{i}" for i in range(n)) + "|\n|"
                           + "|".join("---" for _ in range(n)) + "|\n|"
                           + "|".join(MARK if i == n - 1 else str(i) for i in range(n)) + "|\n", 1_000),
    "table-100000-rows": (lambda n: "| a | b |\n|---|--:|\n"
                          + "".join(f"| row {r} | {r} |\n" for r in range(n)) + "| " + MARK + " | x |\n",
                          N),
}
# libcmark-gfm 0.29.0.gfm.6 (Debian 12's) parses a table row in time
# quadratic in its length (fixed upstream in later releases): for these
# cases the library alone is timed on the same inputs, and prensa fails
# only if it grows faster than the library does.
LIBRARY_BOUND = {"table-1000-columns": ["cmark-gfm", "-e", "table"]}
# Big rather than deep: what --volume-scale shrinks.
VOLUME = {"paragraph-10mb", "headings", "many-links", "line-1mb", "notes-10000", "self-note",
          "table-1000-columns", "table-100000-rows"}
# Refused at load, quickly: exit 1 with a message, no output.
REFUSED = {
    "front-matter": (lambda n: "---\nx: " + "[" * n + "]" * n + "\n---\n" + MARK + "\n", N),
}

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Balance(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problem = None

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass  # <img ... />: opens and closes at once

    def handle_endtag(self, tag):
        if self.problem is None and (not self.stack or self.stack.pop() != tag):
            self.problem = f"</{tag}> closes nothing open"


def check_html(name, data):
    b = Balance()
    b.feed(data.decode("utf-8"))
    b.close()
    if b.problem or b.stack:
        return f"{name}: unbalanced HTML: {b.problem or 'unclosed ' + ', '.join(b.stack[-3:])}"
    return None


def check_output(path, fmt):
    """Problems with the output (empty list if none)."""
    with open(path, "rb") as f:
        data = f.read()
    texts = []
    problems = []
    if fmt in ("docx", "epub"):
        for n, part in zip_xml_parts(path):
            problems.append(well_formed(f"{fmt}:{n}", part))
            texts.append(part)
    elif fmt == "pdf":
        if not data.startswith(b"%PDF-"):
            problems.append("not a PDF")
        texts = None  # compressed streams: the mark cannot be looked for
    else:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(f"not UTF-8: {e}")
        if fmt == "xml":
            problems.append(well_formed("xml", data))
        elif fmt == "html":
            problems.append(check_html("html", data))
        texts.append(data)
    if texts is not None and not any(MARK.encode() in t for t in texts):
        problems.append(f"the innermost word {MARK!r} is missing")
    return [p for p in problems if p]


def convert(prensa, src, out, fmt, limit):
    start = time.monotonic()
    try:
        r = subprocess.run([prensa, src, "-t", fmt, "-o", out],
                           capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None, f"no result after {limit} s", limit
    elapsed = time.monotonic() - start
    err = r.stderr.decode("utf-8", "replace")
    # Warnings (an image not found, a dropped link) are expected: keep the
    # last lines, which hold a crash's report.
    return r.returncode, "\n".join(err.splitlines()[-40:]), elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("format")
    ap.add_argument("--volume-scale", type=float, default=1.0,
                    help="multiply the sizes of the big (not deep) inputs, for slow builds")
    ap.add_argument("--limit", type=float, default=30, help="seconds per conversion")
    ap.add_argument("--keep-going", action="store_true")
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    prensa = os.environ["PRENSA"]
    fmt = a.format
    failures = []
    cases = {**CASES, **REFUSED}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (make, full) in cases.items():
            if a.only and name not in a.only:
                continue
            n = max(int(full * (a.volume_scale if name in VOLUME else 1)), 4)
            times, library, sources = [], [], []
            for size in (n // 4, n):
                src = os.path.join(tmp, f"{name}-{size}.md")
                out = os.path.join(tmp, f"{name}-{size}.{fmt}")
                with open(src, "w", encoding="utf-8") as f:
                    f.write(make(size))
                rc, err, elapsed = convert(prensa, src, out, fmt, a.limit)
                times.append(elapsed)
                if name in LIBRARY_BOUND and shutil.which(LIBRARY_BOUND[name][0]):
                    start = time.monotonic()
                    subprocess.run(LIBRARY_BOUND[name] + [src], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, timeout=a.limit)
                    library.append(time.monotonic() - start)
                problem = None
                if name in REFUSED:
                    if rc != 1 or os.path.exists(out):
                        problem = f"exit {rc}, expected 1 and no output\n{err}"
                elif rc != 0:
                    problem = f"exit {rc}\n{err}" if rc is not None else err
                else:
                    ps = check_output(out, fmt)
                    if ps:
                        problem = "; ".join(ps)
                if problem is None:
                    sources.append(src)
                for p in (out,):
                    if os.path.exists(p):
                        os.remove(p)
                if problem:
                    break
            if problem:
                print(f"FAIL {fmt} {name} (size {size}): {problem}", flush=True)
                failures.append(name)
                if not a.keep_going:
                    break
                continue
            ratio = times[1] / max(times[0], 1e-3)
            if times[1] > 0.5 and ratio > 10 and len(sources) == 2:
                # A shared machine's busy moment can land on one run: time
                # both sizes once more and keep the faster of each.
                for k, src in enumerate(sources):
                    out = os.path.join(tmp, f"again.{fmt}")
                    times[k] = min(times[k], convert(prensa, src, out, fmt, a.limit)[2])
                    if os.path.exists(out):
                        os.remove(out)
                ratio = times[1] / max(times[0], 1e-3)
            for src in sources:
                os.remove(src)
            verdict = "ok"
            allowed = 10
            if len(library) == 2:
                lib_ratio = library[1] / max(library[0], 1e-3)
                allowed = max(allowed, 1.5 * lib_ratio)
                verdict = f"ok ({LIBRARY_BOUND[name][0]} alone: {lib_ratio:.1f}x)"
            if times[1] > 0.5 and ratio > allowed:
                verdict = "FAIL: worse than linear"
                failures.append(name)
            print(f"{fmt:5} {name:15} n={n:>10}  {times[0]:7.3f} s -> {times[1]:7.3f} s"
                  f"  4x input: {ratio:5.1f}x time  {verdict}", flush=True)
            if failures and not a.keep_going:
                break
    print(f"{fmt}: {len(failures)} of {len(cases)} pathological inputs failed"
          + (f": {', '.join(failures)}" if failures else ""))
    sys.exit(1 if failures else 0)


main()
