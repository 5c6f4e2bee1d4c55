# check-json.py: checks the json plugin's writer and reader with the prensa on PATH.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   check-json.py PRENSA TEST_MD [MARKDOWN…]
#
# Converts TEST_MD and checks the JSON; then, for TEST_MD and every other
# MARKDOWN, that the JSON reads back to the same model (the round trip);
# then that the reader refuses bad JSON and trees the model forbids, with
# the file, line and column, and writes nothing.
import json
import os
import re
import subprocess
import sys
import tempfile

prensa, source, round_trips = sys.argv[1], sys.argv[2], sys.argv[3:]
tmp = tempfile.mkdtemp(prefix="check-json-")


def run(*args, ok=True, stdin=None):
    r = subprocess.run([prensa, *args], capture_output=True, text=True, input=stdin)
    if ok:
        assert r.returncode == 0, f"prensa {' '.join(args)} exited {r.returncode}: {r.stderr}"
    return r


def tmp_file(name, text=None):
    path = os.path.join(tmp, name)
    if text is not None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return path


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def check_writer():
    # --no-smart: the title's straight quote must reach the JSON, escaped.
    out = run(source, "--no-smart", "-t", "json", "-o", "-").stdout
    assert "\u2028" not in out, "U+2028 must be escaped for JavaScript"
    model = json.loads(out)

    meta = model["meta"]
    assert meta["title"] == 'Quotes " and back\\slashes, a tab\there, a line\u2028separator', meta
    assert meta["keywords"] == ["json", "plugins"] and meta["venue"]["rooms"] == ["A", "B"], meta
    assert [s["role"] for s in model["speakers"]] == ["interviewer", "interviewee"]

    part = model["document"]["children"][0]["children"]
    assert [n["type"] for n in part] == ["standfirst", "turn", "turn"], part
    link = part[0]["children"][0]["children"][5]
    assert link["type"] == "link" and link["url"] == "https://example.org", link
    assert link["title"] == "Title", link
    answer = part[2]["children"]
    assert answer[1]["list_type"] == "ordered" and answer[1]["delimiter"] == "paren", answer[1]
    assert answer[2] == {"type": "code_block", "info": "c",
                         "text": 'puts ("\\"quoted\\"\\n");\n'}, answer[2]


def walk(node):
    yield node
    for child in node.get("children", []):
        yield from walk(child)


# What each sample must hold, so its round trip tests what it is here for.
COVERS = {
    "interview.md": {"standfirst", "turn", "back_matter"},
    "rota.md": {"table", "table_row", "table_cell", "strikethrough",
                "footnote_reference", "footnote_definition"},
}


def check_covers(md, model):
    nodes = list(walk(model["document"]))
    types = {n["type"] for n in nodes}
    missing = COVERS.get(os.path.basename(md), set()) - types
    assert not missing, f"{md}: the JSON has no {missing}"
    if os.path.basename(md) == "rota.md":
        table = next(n for n in nodes if n["type"] == "table")
        assert table["align"] == ["left", "left", "right", "center"], table["align"]
        assert [r["header"] for r in table["children"]] == [True] + [False] * 4
        assert [n["task"] for n in nodes if "task" in n] == ["done", "done", "open", "open"]
        notes = [(n["number"], n["label"]) for n in nodes if n["type"] == "footnote_definition"]
        assert notes == [(1, "rota"), (2, "two")], notes


def without_positions(xml):
    """The xml dump names the file and line each block came from, which a
    round trip changes by design: the JSON is the file read."""
    return re.sub(r' (line|source)="[^"]*"', "", xml)


def check_round_trip(md):
    name = os.path.splitext(os.path.basename(md))[0]
    a, b = tmp_file(name + ".a.json"), tmp_file(name + ".b.json")
    run(md, "-t", "json", "-o", a)
    run(a, "-f", "json", "-t", "json", "-o", b)
    text_a, text_b = read(a), read(b)
    model_a, model_b = json.loads(text_a), json.loads(text_b)
    check_covers(md, model_a)
    # Everything but the part's "source", which names the file read.
    part_a, part_b = model_a["document"]["children"][0], model_b["document"]["children"][0]
    assert part_a["source"] == md and part_b["source"] == a, (part_a["source"], part_b["source"])
    part_a["source"] = part_b["source"] = None
    assert model_a == model_b, f"{md}: the JSON read back is not the JSON written"
    differ = [(x, y) for x, y in zip(text_a.splitlines(), text_b.splitlines()) if x != y]
    assert len(differ) == 1 and '"source"' in differ[0][0], differ
    # Through standard input there is no file name to differ: byte for byte.
    first = run("-", "-f", "markdown", "-t", "json", "-o", "-", stdin=read(md)).stdout
    again = run("-", "-f", "json", "-t", "json", "-o", "-", stdin=first).stdout
    assert first == again, f"{md}: JSON through standard input is not read back byte for byte"
    # The model as the xml writer dumps it; the reader is picked by extension.
    xml_md = run(md, "-t", "xml", "-o", "-").stdout
    xml_json = run(a, "-t", "xml", "-o", "-").stdout
    assert without_positions(xml_md) == without_positions(xml_json), f"{md}: xml dumps differ"
    # One line of JSON reads back the same.
    compact = run(md, "-t", "json", "-O", "indent=0", "-o", "-").stdout
    c = tmp_file(name + ".compact.json", compact)
    assert json.loads(run(c, "-t", "json", "-o", "-").stdout)["document"]["children"][0]["children"] \
        == part_a["children"], f"{md}: compact JSON reads back differently"
    print(f"round trip: {os.path.basename(md)}: ok")


def refused(name, text, pattern):
    """prensa must fail on @text, saying @pattern, and write nothing."""
    path = tmp_file(name, text)
    target = tmp_file(name + ".txt", "untouched\n")
    r = run(path, "-t", "txt", "-o", target, ok=False)
    assert r.returncode == 1, f"{name}: exit {r.returncode}, expected 1: {r.stderr}"
    assert re.search(pattern.replace("FILE", re.escape(path)), r.stderr), \
        f"{name}: expected /{pattern}/ in: {r.stderr}"
    assert read(target) == "untouched\n", f"{name}: a failed read replaced the output"


def doc(*blocks):
    return json.dumps({"format": "prensa-json", "version": 1, "meta": {},
                       "document": {"type": "document", "children": [
                           {"type": "part", "children": list(blocks)}]}}, indent=2)


def check_refusals():
    # Not JSON: the file, line and column of the mistake.
    good = read(tmp_file("test.a.json"))
    lines = good.splitlines()
    lines[2] = lines[2] + ","  # '"version": 1,,'
    refused("comma.json", "\n".join(lines), r"^prensa: FILE:3:16: JSON: expected a key in double quotes")
    refused("cut.json", good[: len(good) // 2], r"FILE:\d+:\d+: JSON: the input ends inside")
    refused("trailing.json", '{"a": [1, 2,]}', r"FILE:1:13: JSON: a ',' before '\]'")
    refused("twice.json", '{"a": 1,\n "a": 2}', r'FILE:2:2: JSON: the key "a" comes twice')
    refused("word.json", "{'a': 1}", r"FILE:1:2: JSON: expected a key in double quotes, found '''")
    refused("empty.json", "", r"FILE:1:1: JSON: the input holds no JSON value")
    # JSON, but not prensa's.
    refused("other.json", '{"name": "prensa"}', r"FILE:1:1: not prensa's JSON")
    refused("type.json", doc({"type": "para"}), r'FILE:\d+:\d+: no node is of type "para"')
    refused("level.json", doc({"type": "heading", "level": "2", "children": []}),
            r'FILE:\d+:\d+: "level" must be a whole number from 1 to 6')
    # Trees the document model forbids: the builder refuses them, as it
    # does for every reader; children of a leaf cannot reach it.
    text = {"type": "text", "text": "a", "children": [{"type": "paragraph", "children": []}]}
    refused("in-text.json", doc({"type": "paragraph", "children": [text]}),
            r"FILE:\d+:\d+: a text with children, which the document model does not allow")
    cell = doc({"type": "table_cell", "children": []})
    line = cell[: cell.index('"table_cell"')].rindex("{")  # where the node opens
    refused("cell.json", cell, rf"FILE:{cell[:line].count(chr(10)) + 1}: the reader made a "
                               "table_cell inside a part, which the document model does not allow")
    refused("nested.json", doc({"type": "paragraph", "children": [{"type": "paragraph"}]}),
            r"FILE:\d+: the reader made a paragraph inside a paragraph")
    refused("speaker.json", doc({"type": "turn", "speaker": "NN", "children": []}),
            r"FILE:\d+: the reader made a turn of 'NN', a speaker the metadata does not declare")
    # One JSON file is one part.
    two = run(source, source, "-t", "json", "-o", "-").stdout
    refused("two.json", two, r"FILE:\d+:\d+: the JSON holds 2 parts, and a JSON file is read as one")
    print("refusals: ok")


try:
    check_writer()
    for md in [source] + round_trips:
        check_round_trip(md)
    check_refusals()
finally:
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)
print("ok")
