#!/usr/bin/env python3
# check-footnotes.py: our footnote examples (footnotes.md) through -f gfm.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""For each example of footnotes.md, what prensa makes of it must give the
expected blocks' text, the expected notes in the expected order and the
expected warnings, seen three ways:

- the model (-t xml): always. When the dump gives notes their number,
  label and anchors, those are checked too: a reference's number is its
  note's, it names its note's anchor and the note its first reference's,
  labels match case-insensitively, anchors are unique.
- the HTML fragment: once the writer writes the notes section (a
  <section> holding an <ol> of <li id=…>); until then it is reported as
  pending. Every reference must link to its note and show its number,
  every note link back to each of its references and to nothing else.
- cmark-gfm's own HTML, when cmark-gfm is installed and the example is
  not marked `policy`: the expectations are then cmark-gfm's too, so they
  are not just what prensa happens to do.

Usage: check-footnotes.py [EXAMPLE…]"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import speclib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "plugins", "html"))
import htmltest  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# Until branch w-html (the writer's notes section) is merged, HTML without
# a notes section is "pending". Once it is merged, set this to False, so
# that a writer that stops writing the notes fails here.
ALLOW_PENDING = False
WS = re.compile(r"\s+")
NOTE_SEP = " ¶ "


class Expected:
    def __init__(self, text):
        self.blocks, self.notes, self.warnings = [], [], []
        for line in text.splitlines():
            key, _, value = line.partition(": ")
            if key == "text":
                self.blocks.append(value)
            elif key.startswith("note "):
                self.notes.append((int(key[5:]), value))
            elif key == "warning":
                self.warnings.append(value)
            elif line.strip():
                raise ValueError(f"cannot read expectation line {line!r}")
        numbers = [n for n, _ in self.notes]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"notes must be numbered 1, 2, … in order: {numbers}")


def squash(text):
    return WS.sub(" ", text).strip()


# --- the model --------------------------------------------------------------

MODEL_TEXT_BLOCKS = {"paragraph", "heading", "table_cell"}


def local(e):
    return e.tag.rsplit("}", 1)[-1]


def model_inline(e, refs):
    out = []
    for child in e:
        name = local(child)
        if name in ("text", "code"):
            out.append(child.text or "")
        elif name in ("softbreak", "linebreak"):
            out.append(" ")
        elif name == "footnote_reference":
            refs.append(child)
            out.append(f"[{child.get('number', '?')}]")
        else:
            out.append(model_inline(child, refs))
    return "".join(out)


def model_blocks(e, refs, skip_notes=True):
    """The text of each text block under @e, in order."""
    out = []
    for child in e:
        name = local(child)
        if name == "footnote_definition" and skip_notes:
            continue
        if name in MODEL_TEXT_BLOCKS:
            out.append(squash(model_inline(child, refs)))
        elif name == "code_block":
            out.append(squash(child.text or ""))
        else:
            out += model_blocks(child, refs, skip_notes)
    return out


def check_model(dump, expected, say):
    root = ET.fromstring(dump)
    parts = [p for p in root if local(p) == "part"]
    refs = []
    blocks = [b for p in parts for b in model_blocks(p, refs)]
    notes = [n for p in parts for n in p if local(n) == "footnote_definition"]
    note_texts = [NOTE_SEP.join(model_blocks(n, [], False)) for n in notes]
    numbered = all(r.get("number") for r in refs) and all(n.get("number") for n in notes)
    want_blocks = expected.blocks if numbered else [re.sub(r"\[\d+\]", "[?]", b) for b in expected.blocks]
    ok = say(blocks == want_blocks, f"model: blocks {blocks} != {want_blocks}")
    ok &= say(note_texts == [t for _, t in expected.notes],
              f"model: notes {note_texts} != {[t for _, t in expected.notes]}")
    if not numbered:
        return ok, False
    # the dump names notes and references: check that they link up
    anchors = [e.get("anchor") for e in refs + notes]
    ok &= say(len(set(anchors)) == len(anchors) and all(anchors), f"model: anchors not unique: {anchors}")
    by_number = {int(n.get("number")): n for n in notes}
    ok &= say(sorted(by_number) == list(range(1, len(notes) + 1)),
              f"model: note numbers {sorted(by_number)}")
    seen = {}
    for r in refs:
        note = by_number.get(int(r.get("number")))
        if not say(note is not None, f"model: reference {r.attrib} has no note"):
            ok = False
            continue
        seen.setdefault(note.get("number"), []).append(r)
        ok &= say(r.get("note") == note.get("anchor"), f"model: reference {r.attrib} names {note.attrib}")
        ok &= say(r.get("ref") == str(len(seen[note.get("number")])),
                  f"model: reference {r.attrib} is not its note's reference #{len(seen[note.get('number')])}")
        if r.get("label") and note.get("label"):
            ok &= say(r.get("label").casefold() == note.get("label").casefold(),
                      f"model: reference label {r.get('label')!r} on note {note.get('label')!r}")
    for n in notes:
        mine = seen.get(n.get("number"), [])
        ok &= say(bool(mine), f"model: note {n.attrib} has no reference")
        if mine:
            ok &= say(n.get("first_ref") == mine[0].get("anchor"),
                      f"model: note {n.attrib} names {n.get('first_ref')}, not {mine[0].get('anchor')}")
            ok &= say(n.get("refs") == str(len(mine)), f"model: note {n.attrib} counts {len(mine)} references")
    return ok, True


# --- HTML (prensa's or cmark-gfm's) ---------------------------------------

HTML_TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li", "pre"}
HTML_BLOCKS = HTML_TEXT_BLOCKS | {"ul", "ol", "blockquote", "table", "thead", "tbody", "tr",
                                  "section", "div", "hr", "article", "header", "footer"}


def notes_section(root):
    for section in root.find_all("section"):
        for ol in section.find_all("ol"):
            items = [c for c in ol.elements() if c.tag == "li"]
            if items and all(li.attrs.get("id") for li in items):
                return section, items
    return None, []


def html_inline(e, note_ids, ref_ids, refs):
    out = []
    for child in e.children:
        if isinstance(child, str):
            out.append(child)
            continue
        href = child.attrs.get("href") or ""
        if child.tag == "a" and href[1:] in note_ids and href.startswith("#"):
            refs.append(child)
            out.append(f"[{squash(child.text())}]")
        elif child.tag == "a" and href.startswith("#") and href[1:] in ref_ids:
            continue  # a note's link back
        elif child.tag in HTML_BLOCKS:
            continue
        else:
            out.append(html_inline(child, note_ids, ref_ids, refs))
    return "".join(out)


def html_blocks(e, note_ids, ref_ids, refs, skip=None):
    out = []
    for child in e.elements():
        if child is skip:
            continue
        if child.tag in HTML_TEXT_BLOCKS:
            text = squash(html_inline(child, note_ids, ref_ids, refs))
            # a tight item's text is its own; a paragraph that holds only
            # a note's links back is not text of the note
            if text or child.tag not in ("li", "p"):
                out.append(text)
        if child.tag != "pre":
            out += html_blocks(child, note_ids, ref_ids, refs, skip)
    return out


def check_html(markup, expected, say, who):
    root = htmltest.parse(markup)
    section, items = notes_section(root)
    if section is None:
        return None
    note_ids = {li.attrs["id"]: i + 1 for i, li in enumerate(items)}
    ref_ids = {e.attrs["id"] for e in root.iter() if e.attrs.get("id")
               and e.attrs["id"] not in note_ids and not inside(e, section)}
    refs = []
    blocks = html_blocks(root, note_ids, ref_ids, refs, skip=section)
    ok = say(blocks == expected.blocks, f"{who}: blocks {blocks} != {expected.blocks}")
    texts = [NOTE_SEP.join(html_blocks(li, note_ids, ref_ids, [])) for li in items]
    ok &= say(texts == [t for _, t in expected.notes],
              f"{who}: notes {texts} != {[t for _, t in expected.notes]}")
    # both ways: each reference to its note with its number, each note
    # back to exactly the references to it
    back = {}
    for r in refs:
        target = r.attrs["href"][1:]
        ok &= say(squash(r.text()) == str(note_ids[target]),
                  f"{who}: reference to #{target} shows {r.text()!r}, not {note_ids[target]}")
        rid = r.attrs.get("id") or (r.parent.attrs.get("id") if r.parent else None)
        ok &= say(rid in ref_ids, f"{who}: reference to #{target} has no id to link back to")
        back.setdefault(target, []).append(rid)
    for li in items:
        links = [a.attrs["href"][1:] for a in li.find_all("a")
                 if (a.attrs.get("href") or "").startswith("#") and a.attrs["href"][1:] in ref_ids]
        ok &= say(links == back.get(li.attrs["id"], []),
                  f"{who}: note #{li.attrs['id']} links back to {links}, not {back.get(li.attrs['id'], [])}")
    ids = [e.attrs["id"] for e in root.iter() if e.attrs.get("id")]
    ok &= say(len(ids) == len(set(ids)), f"{who}: ids not unique: {ids}")
    return ok


def inside(e, ancestor):
    while e is not None:
        if e is ancestor:
            return True
        e = e.parent
    return False


def cmark_gfm(markdown):
    exe = shutil.which("cmark-gfm")
    if not exe:
        return None
    args = [exe, "-e", "footnotes", "-e", "table", "-e", "strikethrough", "-e", "autolink",
            "-e", "tasklist"]
    return subprocess.run(args, input=markdown, capture_output=True, text=True, check=True).stdout


def check_warnings(stderr, expected, say):
    lines = [l for l in stderr.splitlines() if "warning:" in l]
    ok = True
    for want in expected.warnings:
        ok &= say(any(want in l for l in lines), f"no warning says {want!r}: {lines}")
    for line in lines:
        ok &= say(any(want in line for want in expected.warnings), f"unexpected {line!r}")
    return ok


def main(argv):
    examples = speclib.read_examples(os.path.join(HERE, "footnotes.md"))
    wanted = {int(a) for a in argv}
    passed = failed = 0
    pending, unverified = [], []
    for ex in examples:
        if wanted and ex["example"] not in wanted:
            continue
        expected = Expected(ex["html"])
        problems = []

        def say(condition, message):
            if not condition:
                problems.append(message)
            return condition

        status, dump, err = speclib.convert(ex["markdown"], "gfm", to="xml", options=())
        if say(status == 0, f"-t xml exited {status}: {err.strip()}"):
            check_model(dump, expected, say)
            check_warnings(err, expected, say)
        status, out, err = speclib.convert(ex["markdown"], "gfm")
        if say(status == 0, f"-t html exited {status}: {err.strip()}"):
            if check_html(speclib.body(out), expected, say, "html") is None and expected.notes:
                if ALLOW_PENDING:
                    pending.append(ex["example"])
                else:
                    say(False, "html: no notes section")
        if ex["info"] != "policy":
            ref = cmark_gfm(ex["markdown"])
            if ref is None:
                unverified.append(ex["example"])
            elif check_html(ref, expected, say, "cmark-gfm") is None and expected.notes:
                say(False, "cmark-gfm wrote no notes section")
        if problems:
            failed += 1
            print(f"FAIL: example {ex['example']} ({ex['section']}, footnotes.md line {ex['line']})")
            for p in problems:
                print("  " + p)
        else:
            passed += 1
    print(f"{passed}/{passed + failed} footnote examples passed")
    if pending:
        print("HTML check pending (the writer writes no notes section yet) for: "
              + ", ".join(map(str, pending)))
    if unverified:
        print("cmark-gfm is not installed: expectations not checked against it")
        if speclib.checklib.in_ci():
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
