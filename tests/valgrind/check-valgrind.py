#!/usr/bin/env python3
# check-valgrind.py: converts an input to one format with the prensa
# command under valgrind memcheck and fails on any memory error or any
# byte definitely lost. Skips (77) when valgrind is missing, except in CI.
#   check-valgrind.py INPUT FORMAT SUPPRESSIONS
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import re
import shutil
import subprocess
import sys
import tempfile


def main():
    src, fmt, supp = sys.argv[1:4]
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed")
        sys.exit(1 if os.environ.get("CI") == "true" else 77)
    env = dict(os.environ)
    # GLib's slice allocator would hide leaks and errors inside its magazines.
    env["G_SLICE"] = "always-malloc"
    env["G_DEBUG"] = "gc-friendly"
    env.pop("LD_PRELOAD", None)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out." + fmt)
        log = os.path.join(tmp, "valgrind.log")
        cmd = [valgrind, "--tool=memcheck", "--error-exitcode=1",
               "--leak-check=full", "--errors-for-leak-kinds=definite",
               "--show-leak-kinds=definite", "--num-callers=30",
               f"--suppressions={supp}", f"--log-file={log}",
               os.environ["PRENSA"], src, "-t", fmt, "-o", out]
        r = subprocess.run(cmd, env=env, capture_output=True, timeout=900)
        with open(log, encoding="utf-8", errors="replace") as f:
            report = f.read()
        produced = os.path.exists(out) and os.path.getsize(out) > 0
    errors = re.search(r"ERROR SUMMARY: (\d+) errors", report)
    lost = re.search(r"definitely lost: ([\d,]+) bytes", report)
    lost_bytes = int(lost.group(1).replace(",", "")) if lost else 0
    summary = (f"{fmt}: {errors.group(1) if errors else '?'} errors, "
               f"{lost_bytes} bytes definitely lost, exit {r.returncode}")
    if r.returncode != 0 or not errors or errors.group(1) != "0" or lost_bytes or not produced:
        print(report[-20000:])
        print(r.stderr.decode("utf-8", "replace")[-2000:])
        print("FAIL", summary, "" if produced else "(no output)")
        sys.exit(1)
    print("ok", summary)


main()
