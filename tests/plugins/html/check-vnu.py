#!/usr/bin/env python3
# check-vnu.py: the Nu HTML Checker finds no error and no warning in the
# pages made from the sample and the corpus.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: check-vnu.py OUTDIR. Writes the pages to OUTDIR (kept for
review), checks them in one run of vnu.jar (with their CSS), and counts
errors (type error or non-document-error) and warnings (info/warning).
Informational messages, such as the one about the trailing slash that
cmark's <br /> carries, are neither and do not count."""
import json
import os
import subprocess
import sys

import htmltest


def pages(outdir):
    c = htmltest.CORPUS
    css = os.path.join(outdir, "house.css")
    with open(css, "w", encoding="utf-8") as f:
        f.write("article .speaker { color: teal; }\n")
    jobs = {
        "interview.html": (htmltest.SAMPLE, []),
        "interview-toc-embed.html": (htmltest.SAMPLE, ["toc", "embed-resources",
                                                       "css=" + css]),
        "interview-labels-none.html": (htmltest.SAMPLE, ["labels=none"]),
        "commonmark-toc-embed.html": (os.path.join(c, "commonmark.md"),
                                      ["toc", "embed-resources"]),
        "collection.html": ([htmltest.SAMPLE, os.path.join(c, "interview-edge.md"),
                             os.path.join(c, "commonmark.md")], ["toc"]),
        # model 2: tables, notes, strikethrough, task items
        "rota.html": (htmltest.ROTA, []),
        "gfm-edge.html": (htmltest.GFM_EDGE, []),
        "toolkit-toc-embed.html": ([htmltest.ROTA, htmltest.GFM_EDGE, htmltest.SAMPLE],
                                   ["toc", "embed-resources"]),
    }
    for path in htmltest.corpus_files():
        name = os.path.splitext(os.path.basename(path))[0] + ".html"
        jobs[name] = (path, [])
    written = []
    for name, (source, options) in sorted(jobs.items()):
        target = os.path.join(outdir, name)
        htmltest.prensa(source, *options, output=target)
        written.append(target)
    return written


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    vnu = htmltest.find_vnu()
    files = pages(outdir)
    run = subprocess.run(vnu + ["--format", "json", "--also-check-css",
                                "--stdout", *files],
                         capture_output=True, text=True)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        print(run.stdout, run.stderr, file=sys.stderr)
        sys.exit(1)
    results = htmltest.Results()
    counted = {f: [0, 0] for f in files}
    for m in messages:
        path = m.get("url", "").removeprefix("file:")
        is_error = m["type"] in ("error", "non-document-error")
        is_warning = m["type"] == "info" and m.get("subType") == "warning"
        if is_error or is_warning:
            print(f"{path}:{m.get('lastLine', '?')}: "
                  f"{'error' if is_error else 'warning'}: {m['message']}"
                  f"\n    {m.get('extract', '')!r}", file=sys.stderr)
            slot = counted.setdefault(path, [0, 0])
            slot[0 if is_error else 1] += 1
    for path, (errors, warnings) in sorted(counted.items()):
        print(f"{os.path.basename(path)}: {errors} errors, {warnings} warnings")
        results.check(errors == 0 and warnings == 0, f"{path} is not clean")
    results.check(len(files) >= 11, "checked the sample and every corpus file")
    results.finish()


if __name__ == "__main__":
    main()
