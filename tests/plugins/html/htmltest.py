# htmltest.py: helpers shared by the HTML writer's test scripts.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Run prensa, find the validators, and skip or fail when one is missing.

Meson runs the scripts with PRENSA (the executable), PRENSA_SOURCE_ROOT and
PRENSA_BUILD_ROOT in the environment (tests/meson.build sets them).
"""
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
SOURCE_ROOT = os.environ.get("PRENSA_SOURCE_ROOT",
                             os.path.join(os.path.dirname(__file__), "..", "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
SAMPLE = os.path.join(SOURCE_ROOT, "samples", "interview.md")
# Model 2 (tables, notes, strikethrough, tasks): kept out of CORPUS, whose
# files the cmark parity check compares with plain CommonMark.
ROTA = os.path.join(SOURCE_ROOT, "samples", "toolkit", "rota.md")
GFM_EDGE = os.path.join(HERE, "gfm", "edge.md")


def in_ci():
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def missing(what):
    """A validator is not installed: fail in CI, where it must run; skip
    elsewhere, so a developer without it can still run the rest."""
    if in_ci():
        print(f"FAIL: {what} is needed and CI=true", file=sys.stderr)
        sys.exit(1)
    print(f"SKIP: {what} not available", file=sys.stderr)
    sys.exit(SKIP)


def prensa(source, *options, output=None, extra=()):
    """Converts source to HTML with -O options; returns the HTML text."""
    exe = os.environ.get("PRENSA")
    if not exe:
        print("PRENSA is not set: run the tests through meson", file=sys.stderr)
        sys.exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        target = output or os.path.join(tmp, "out.html")
        args = [exe]
        args += source if isinstance(source, (list, tuple)) else [source]
        args += ["-t", "html", "-o", target, *extra]
        for option in options:
            args += ["-O", option]
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        run = subprocess.run(args, capture_output=True, text=True, env=env)
        if run.returncode != 0:
            raise AssertionError(f"{' '.join(args)} exited {run.returncode}:\n"
                                 f"{run.stderr}")
        with open(target, encoding="utf-8") as f:
            return f.read()


def corpus_files():
    return sorted(os.path.join(CORPUS, name) for name in os.listdir(CORPUS)
                  if name.endswith(".md"))


def find_vnu():
    jar = os.environ.get("VNU_JAR") or os.path.join(
        SOURCE_ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
    java = shutil.which("java")
    if not java:
        missing("java (for the Nu HTML Checker)")
    if not os.path.exists(jar):
        missing(f"vnu.jar (npm ci at the top of the tree; looked in {jar})")
    return [java, "-jar", jar]


class Results:
    """Counts checks; prints 'N passed, N failed' at the end."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, message):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {message}", file=sys.stderr)

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


# A small element tree, enough to check the writer's structure.
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []  # Elements and strings

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text()
                       for c in self.children)

    def elements(self):
        return [c for c in self.children if isinstance(c, Element)]

    def iter(self):
        yield self
        for child in self.elements():
            yield from child.iter()

    def find_all(self, tag=None, cls=None):
        return [e for e in self.iter() if e is not self
                and (tag is None or e.tag == tag)
                and (cls is None or cls in e.classes)]

    def find(self, tag=None, cls=None):
        found = self.find_all(tag, cls)
        return found[0] if found else None


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
