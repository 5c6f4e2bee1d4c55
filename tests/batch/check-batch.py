#!/usr/bin/env python3
# check-batch.py: --batch -j 2 against one conversion at a time.
# SPDX-License-Identifier: LGPL-2.1-or-later
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.environ["PRENSA_SOURCE_ROOT"]
PRENSA = os.environ["PRENSA"]


def run_prensa(cmd, env):
    """Runs prensa; once more when LeakSanitizer's own tracer died at exit.

    Under ASan, LeakSanitizer stops every thread at exit to scan memory,
    and its tracer sometimes crashes doing so ("Tracer caught signal 11 …
    LeakSanitizer has encountered a fatal error") with GLib's thread pool
    still holding idle workers: the sanitizer failed, not prensa, and the
    rerun is still checked in full."""
    r = subprocess.run(cmd, capture_output=True, env=env)
    if r.returncode != 0 and b"LeakSanitizer has encountered a fatal error" in r.stderr:
        sys.stderr.write("LeakSanitizer's tracer failed at exit; running once more\n")
        r = subprocess.run(cmd, capture_output=True, env=env)
    return r


def main():
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    sources = [os.path.join(ROOT, "samples", "interview.md")]
    sources += sorted(glob.glob(os.path.join(ROOT, "samples", "toolkit", "*.md")))
    sources += sorted(glob.glob(os.path.join(ROOT, "tests", "plugins", "*", "corpus", "*.md")))
    failures, compared = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        # copies under unique names, beside their images, several times over
        for round_ in range(3):
            for i, src in enumerate(sources):
                folder = os.path.join(tmp, "in", f"{round_}-{i}")
                shutil.copytree(os.path.dirname(src), folder, dirs_exist_ok=True)
                dst = os.path.join(folder, f"doc-{round_}-{i}.md")
                shutil.copy(src, dst)
                inputs.append(dst)
        formats = subprocess.run([PRENSA, "--list-formats"], capture_output=True, text=True,
                                 check=True).stdout
        # every format that can be written: "NAME  -w  .EXT  description"
        names = [line.split()[0] for line in formats.splitlines()
                 if line and not line.startswith(" ") and line.split()[1].endswith("w")]
        batch = os.path.join(tmp, "batch")
        r = run_prensa([PRENSA, "--batch", "-j", "2", "-t", ",".join(names), "-o", batch] + inputs,
                       env)
        if r.returncode != 0:
            print(r.stderr.decode("utf-8", "replace"))
            failures.append(f"batch exited {r.returncode}")
        for src in inputs[: len(sources)]:
            one = os.path.join(tmp, "one")
            r = run_prensa([PRENSA, src, "-t", ",".join(names), "-o", one + "/"], env)
            if r.returncode != 0:
                # what the sanitizer or GLib said, so a rare failure can be read
                sys.stderr.write(r.stderr.decode("utf-8", "replace")[-6000:])
                r.check_returncode()
            for name in os.listdir(one):
                a = open(os.path.join(one, name), "rb").read()
                b_path = os.path.join(batch, name)
                b = open(b_path, "rb").read() if os.path.exists(b_path) else None
                compared += 1
                if a != b:
                    failures.append(f"{name}: batch output differs from a single conversion")
            shutil.rmtree(one)
        # Two PDF writers at once once crashed inside cairo about one run in
        # two; a PDF-only batch keeps both threads in it the whole time.
        if "pdf" in names:
            for attempt in range(2):
                only = os.path.join(tmp, f"pdf-only-{attempt}")
                r = run_prensa([PRENSA, "--batch", "-j", "2", "-t", "pdf", "-o", only] + inputs, env)
                compared += 1
                if r.returncode != 0:
                    print(r.stderr.decode("utf-8", "replace")[-2000:])
                    failures.append(f"PDF-only batch {attempt} exited {r.returncode}")
                    continue
                for name in os.listdir(only):
                    compared += 1
                    if open(os.path.join(only, name), "rb").read() != open(os.path.join(batch, name), "rb").read():
                        failures.append(f"{name}: PDF-only batch differs from the all-format batch")
        expected = len(inputs) * len(names)
        produced = len(os.listdir(batch)) if os.path.isdir(batch) else 0
        if produced != expected:
            failures.append(f"batch wrote {produced} files, expected {expected}")
    for f in failures:
        print("FAIL", f)
    print(f"{compared + 1 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
