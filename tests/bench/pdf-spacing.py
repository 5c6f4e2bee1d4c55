#!/usr/bin/env python3
# pdf-spacing.py: how evenly the PDF writer sets the interview's text.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: pdf-spacing.py [--prensa PATH] [--input FILE] [--keep DIR] [--check]

Converts the sample interview (samples/interview.md) to PDF, reads the
words back with `pdftotext -bbox-layout` and prints, for the body text
(lines set in a size that sets at least five lines, no larger than 1.5
times the most common):

  word space p95/median and max/median: the gaps between the words of
      justified lines (lines that reach the column's right edge, so the
      last line of a paragraph is left out), each divided by its word's
      height so sizes compare, leaving out gaps after a sentence's or a
      label's end (TeX widens those on purpose);
  hyphenated line ends: body lines whose last word ends in a hyphen, and
      the longest run of them on consecutive lines;
  median body line: characters on a full line.

The same figures follow for pandoc through pdflatex when both are
installed. --check exits 1 unless prensa's PDF meets the targets: p95 <=
1.25, max <= 1.40, at least 3 hyphenated ends, never 3 in a row, median
line <= 75 characters."""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NS = "{http://www.w3.org/1999/xhtml}"
TARGETS = {"p95": 1.25, "max": 1.40, "hyphens": 3, "run": 2, "chars": 75}


def read_lines(pdf):
    """Each line of @pdf as (page, [(xmin, xmax, height, word)])."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(out)
    lines = []
    for n, page in enumerate(root.iter(NS + "page")):
        for line in page.iter(NS + "line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")),
                      float(w.get("yMax")) - float(w.get("yMin")), w.text or "")
                     for w in line.iter(NS + "word")]
            if words:
                lines.append((n, words))
    return lines


def figures(pdf):
    lines = read_lines(pdf)
    heights = [round(statistics.median(w[2] for w in ws), 1) for _, ws in lines]
    # Body text: each size that sets at least five lines and is no display
    # size (the standfirst, questions and answers, not the headline).
    body_h = statistics.mode(heights)
    sizes = {h for h in heights if heights.count(h) >= 5 and h <= 1.5 * body_h}
    body = [ws for (_, ws), h in zip(lines, heights) if h in sizes]
    # A column's right edge: where many body lines end.
    ends = {}
    for ws in body:
        ends[round(ws[-1][1])] = ends.get(round(ws[-1][1]), 0) + 1
    edges = [x for x, c in ends.items() if c >= max(3, len(body) // 20)]
    full = [ws for ws in body
            if len(ws) > 1 and any(abs(ws[-1][1] - e) <= 1.0 for e in edges)]
    # A gap after a sentence's or a label's end is left out: TeX widens
    # it on purpose (\nonfrenchspacing), and a label's space is fixed.
    gaps = [(b[0] - a[1]) / ((a[2] + b[2]) / 2)
            for ws in full for a, b in zip(ws, ws[1:])
            if not re.search(r"[.!?:][\u2019\u201d)\]]*$", a[3])]
    med = statistics.median(gaps)
    gaps.sort()
    p95 = gaps[min(len(gaps) - 1, int(round(0.95 * (len(gaps) - 1))))]
    hyph = [bool(re.search(r"\w[-\u2010]$", ws[-1][3])) for ws in body]
    run = best = 0
    for h in hyph:
        run = run + 1 if h else 0
        best = max(best, run)
    chars = statistics.median(len(" ".join(w[3] for w in ws)) for ws in full)
    return {"p95": p95 / med, "max": gaps[-1] / med, "hyphens": sum(hyph), "run": best,
            "chars": chars, "lines": len(body), "full": len(full), "median_gap": med}


def pages_png(pdf, prefix):
    """The first two pages as PNGs beside the PDF, to look at."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", pdf, prefix],
                       check=True)


def show(name, f):
    print(f"{name}: {f['lines']} body lines, {f['full']} justified")
    print(f"  word space p95/median   {f['p95']:5.2f}  (<= {TARGETS['p95']})")
    print(f"  word space max/median   {f['max']:5.2f}  (<= {TARGETS['max']})")
    print(f"  hyphenated line ends    {f['hyphens']:5d}  (>= {TARGETS['hyphens']}), "
          f"longest run {f['run']} (<= {TARGETS['run']})")
    print(f"  median body line        {f['chars']:5.0f}  characters (<= {TARGETS['chars']})")


def meets(f):
    return (f["p95"] <= TARGETS["p95"] and f["max"] <= TARGETS["max"]
            and f["hyphens"] >= TARGETS["hyphens"] and f["run"] <= TARGETS["run"]
            and f["chars"] <= TARGETS["chars"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prensa", default=os.path.join(ROOT, "build", "core", "prensa"))
    ap.add_argument("--input", default=os.path.join(ROOT, "samples", "interview.md"))
    ap.add_argument("--keep", help="a folder to leave the PDFs in, and PNGs of their first "
                    "two pages")
    ap.add_argument("--check", action="store_true", help="exit 1 unless the targets are met")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or tmp
        os.makedirs(out, exist_ok=True)
        pdf = os.path.join(out, "prensa.pdf")
        subprocess.run([args.prensa, args.input, "-t", "pdf", "-o", pdf], check=True)
        ours = figures(pdf)
        show("prensa", ours)
        if args.keep:
            pages_png(pdf, os.path.join(out, "prensa-page"))
        if shutil.which("pandoc") and shutil.which("pdflatex"):
            ref = os.path.join(out, "pdflatex.pdf")
            r = subprocess.run(["pandoc", args.input, "--pdf-engine=pdflatex", "-o", ref],
                               capture_output=True, text=True)
            if r.returncode == 0:
                show("pandoc --pdf-engine=pdflatex", figures(ref))
                if args.keep:
                    pages_png(ref, os.path.join(out, "pdflatex-page"))
            else:
                print("pandoc --pdf-engine=pdflatex failed:", r.stderr.strip()[:200])
        else:
            print("pandoc --pdf-engine=pdflatex: not installed, no reference figures")
    if args.check and not meets(ours):
        print("FAIL: the PDF misses a target")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
