#!/usr/bin/env python3
# check-regressions.py: every input a fuzzer once crashed on, converted to
# FORMAT with the prensa command: it must finish in time with exit 0 or 1
# (never a signal or a sanitizer report), and what it wrote must be valid:
# XML outputs and the XML parts of a DOCX or EPUB well-formed, text UTF-8.
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import well_formed, zip_xml_parts  # noqa: E402


def check_output(path, fmt):
    with open(path, "rb") as f:
        data = f.read()
    if fmt == "xml":
        return [well_formed(path, data)]
    if fmt == "txt":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            return [f"{path}: not UTF-8: {e}"]
        return []
    if fmt in ("docx", "epub"):
        return [well_formed(f"{path}:{n}", part) for n, part in zip_xml_parts(path)]
    return []


def main():
    folder, fmt = sys.argv[1], sys.argv[2]
    prensa = os.environ["PRENSA"]
    inputs = sorted(os.listdir(folder))
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in inputs:
            src = os.path.join(folder, name)
            out = os.path.join(tmp, name + "." + fmt)
            try:
                r = subprocess.run([prensa, src, "-t", fmt, "-o", out],
                                   capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                failures.append(f"{name}: no result after 60 s")
                continue
            if r.returncode not in (0, 1):
                err = r.stderr.decode("utf-8", "replace")[-3000:]
                failures.append(f"{name}: exit {r.returncode}\n{err}")
                continue
            if r.returncode == 0:
                failures += [p for p in check_output(out, fmt) if p]
    for f in failures:
        print("FAIL", f)
    print(f"{len(inputs) - len(failures)} of {len(inputs)} inputs converted to {fmt} cleanly")
    sys.exit(1 if failures else 0)


main()
