#!/usr/bin/env python3
# check-parallel.py: one invocation writing several formats runs its
# writers on several threads. Races there are rare (two kinds were each
# seen about once in 300 runs: a GResource looked up while GLib was still
# registering it, and errno left over from a g_once wait), so this converts
# the sample to four formats many times and wants, every time, exit 0, a
# quiet stderr and the bytes each format gives when written on its own.
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import subprocess
import sys
import tempfile

ROOT = os.environ["PRENSA_SOURCE_ROOT"]
PRENSA = os.environ["PRENSA"]
FORMATS = ["txt", "html", "epub", "docx"]
RUNS = int(os.environ.get("PARALLEL_RUNS", "200"))


def main():
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    sample = os.path.join(ROOT, "samples", "interview.md")
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        alone = {}
        for f in FORMATS:
            target = os.path.join(tmp, "alone." + f)
            subprocess.run([PRENSA, sample, "-t", f, "-o", target], env=env, check=True,
                           capture_output=True)
            alone[f] = open(target, "rb").read()
        out = os.path.join(tmp, "out")
        for i in range(RUNS):
            r = subprocess.run([PRENSA, sample, "-t", ",".join(FORMATS), "-o", out],
                               env=env, capture_output=True)
            if r.returncode != 0 or r.stderr:
                failures.append(f"run {i}: exit {r.returncode}: {r.stderr.decode('utf-8', 'replace').strip()}")
                continue
            for f in FORMATS:
                if open(os.path.join(out, "interview." + f), "rb").read() != alone[f]:
                    failures.append(f"run {i}: {f} differs from the format written alone")
            if len(failures) > 5:
                break
    for f in failures:
        print("FAIL", f)
    print(f"{RUNS} runs of -t {','.join(FORMATS)}: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
