#!/usr/bin/env python3
# test-interview.py: the sample interview through `prensa -t txt`.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test-interview.py INTERVIEW.md GOLDEN.txt   (with $PRENSA set)
# Set PRENSA_UPDATE_GOLDEN=1 to rewrite GOLDEN.txt after reading the diff.

import collections
import os
import re
import subprocess
import sys
import unicodedata

WORD = re.compile(r"\w+")


def width(line):
    """Display columns, as prensa_text_width() counts them."""
    cols = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        cols += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return cols


def convert(source, *options):
    cmd = [os.environ["PRENSA"], source, "-t", "txt", "-o", "-"]
    for opt in options:
        cmd += ["-O", opt]
    run = subprocess.run(cmd, capture_output=True, env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
    if run.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {run.returncode}: {run.stderr.decode()}")
    if run.stderr:
        sys.exit(f"FAIL: unexpected warnings: {run.stderr.decode()}")
    return run.stdout.decode("utf-8")


def body_of(markdown):
    """The Markdown after its YAML front matter, and the front matter."""
    match = re.match(r"---\n(.*?\n)---\n", markdown, re.S)
    assert match, "sample has no front matter"
    return markdown[match.end():], match.group(1)


def check(condition, message):
    if not condition:
        sys.exit("FAIL: " + message)


def main():
    source, golden = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        body, front = body_of(f.read())
    out = convert(source)

    check(out.endswith("\n") and not out.endswith("\n\n"), "output must end with exactly one newline")
    for n, line in enumerate(out.split("\n"), 1):
        check(width(line) <= 72 or " " not in line.strip(), f"line {n} is {width(line)} columns: {line!r}")
        check(line == line.rstrip(), f"line {n} has trailing spaces")

    # Every word of the source text, as often as it occurs there.
    have = collections.Counter(WORD.findall(out))
    missing = collections.Counter(WORD.findall(body)) - have
    check(not missing, f"words missing from the output: {dict(missing)}")
    for key in ("title", "subtitle", "author"):
        value = re.search(rf"^{key}: (.*)$", front, re.M).group(1)
        for word in WORD.findall(value):
            check(have[word] > 0, f"{key} word {word!r} missing")

    # Every paragraph on one line when wrapping is off.
    flat = convert(source, "wrap=0")
    paragraphs = [p for p in body.split("\n\n") if p.strip() and p.strip() != "* * *"]
    flat_lines = flat.split("\n")
    for p in paragraphs:
        tail = re.split(r":\s", p.strip(), maxsplit=1)[-1]
        check(any(line.endswith(tail) for line in flat_lines), f"wrap=0 split a paragraph: {tail[:40]!r}")

    check(convert(source) == out, "two runs differ")

    if os.environ.get("PRENSA_UPDATE_GOLDEN"):
        with open(golden, "w", encoding="utf-8") as f:
            f.write(out)
        print(f"rewrote {golden}")
    with open(golden, encoding="utf-8") as f:
        expected = f.read()
    if out != expected:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(
            expected.splitlines(True), out.splitlines(True), "golden", "output"))
        sys.exit("FAIL: output differs from the golden file")
    print("ok")


if __name__ == "__main__":
    main()
