#!/usr/bin/env python3
"""The man page and bash completion agree with what the command takes.

Every long option --help lists is in prensa.1 and every one prensa.1
describes is in --help; groff reads the page without a warning; the bash
completion offers formats, options and -O keys from the plugins found;
`meson install` puts both where man and bash-completion look."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PRENSA = os.environ["PRENSA"]
ROOT = os.environ["PRENSA_SOURCE_ROOT"]
BUILD = os.environ["PRENSA_BUILD_ROOT"]
CI = os.environ.get("CI") == "true"
MAN = os.path.join(ROOT, "core", "prensa.1")
BASH = os.path.join(ROOT, "core", "prensa.bash")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, finish  # noqa: E402


def complete(*words):
    """COMPREPLY of _prensa for the command line WORDS (the last is being typed)."""
    line = " ".join(words)
    script = ('source %s; COMP_WORDS=(%s); COMP_CWORD=%d; COMP_LINE=%s; COMP_POINT=${#COMP_LINE}; '
              '_prensa; printf "%%s\\n" "${COMPREPLY[@]}"'
              % (BASH, " ".join("'%s'" % w for w in words), len(words) - 1, "'%s'" % line))
    env = dict(os.environ, PATH=os.path.dirname(PRENSA) + os.pathsep + os.environ.get("PATH", ""))
    r = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, env=env)
    return [w for w in r.stdout.split("\n") if w]


def main():
    help_text = subprocess.run([PRENSA, "--help"], capture_output=True, text=True).stdout
    in_help = set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z-]*)", help_text, re.M))
    page = open(MAN, encoding="utf-8").read()
    options = page[page.index(".SH OPTIONS"):page.index(".SH DIAGNOSTICS")]
    in_man = set(re.findall(r"(--[a-z][a-z-]*)", options.replace("\\-", "-")))
    check(in_help - in_man == set(), "every --help option is in prensa.1: missing %s" % sorted(in_help - in_man))
    check(in_man - in_help == set(), "prensa.1 describes no option --help lacks: %s" % sorted(in_man - in_help))
    check(len(in_help) > 30, "%d long options" % len(in_help))

    groff = shutil.which("groff")
    if groff is None and CI:
        sys.exit("groff is missing (groff-base)")
    if groff:
        r = subprocess.run([groff, "-man", "-ww", "-z", MAN], capture_output=True, text=True)
        check(r.returncode == 0 and r.stderr == "", "groff reads prensa.1 without warnings: %r" % r.stderr)

    if shutil.which("bash") is None:
        sys.exit("bash is missing")
    got = complete("prensa", "-t", "ht")
    check(got == ["html"], "-t ht completes to html: %r" % got)
    got = complete("prensa", "-t", "txt,e")
    check("txt,epub" in got, "-t txt,e completes the second format: %r" % got)
    got = complete("prensa", "-f", "tr")
    check(got == ["transcript"], "-f tr completes to transcript: %r" % got)
    got = complete("prensa", "--ver")
    check(sorted(got) == ["--verbose", "--version"], "--ver: %r" % got)
    got = complete("prensa", "-O", "html.t")
    check("html.toc=" in got, "-O html.t offers html.toc=: %r" % got)
    got = complete("prensa", "-O", "pdf.lab")
    check(got == ["pdf.labels="], "-O pdf.lab offers pdf.labels=: %r" % got)

    with tempfile.TemporaryDirectory() as dest:
        r = subprocess.run(["meson", "install", "-C", BUILD, "--destdir", dest, "--quiet", "--no-rebuild"],
                           capture_output=True, text=True)
        found = {os.path.relpath(os.path.join(p, f), dest) for p, _, fs in os.walk(dest) for f in fs}
        check(r.returncode == 0 and any(f.endswith("man1/prensa.1") for f in found)
              and any(f.endswith("bash-completion/completions/prensa") for f in found),
              "meson install puts the man page and the completion in place: %s"
              % (r.stderr.strip() or sorted(f for f in found if "man1" in f or "completion" in f)))
    finish()


if __name__ == "__main__":
    sys.exit(main())
