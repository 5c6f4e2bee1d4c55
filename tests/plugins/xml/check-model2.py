#!/usr/bin/env python3
# check-model2.py: the xml writer's dump of samples/toolkit/rota.md shows
# each model-2 node with its data: the table's columns and alignments,
# rows and cells, strikethrough, task items, and footnotes both ways.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: check-model2.py ROTA.md (with $PRENSA set)."""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{urn:prensa:model:1}"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def convert(path):
    return subprocess.run([os.environ["PRENSA"], path, "-t", "xml", "-o", "-"],
                          check=True, capture_output=True).stdout


def text_of(element):
    return "".join(element.itertext())


def check_table(part):
    tables = part.findall(f".//{NS}table")
    if not check(len(tables) == 1, f"{len(tables)} tables, wanted 1"):
        return
    table = tables[0]
    check(table.get("columns") == "4", f"table columns={table.get('columns')!r}")
    check(table.get("align") == "left left right center", f"table align={table.get('align')!r}")
    rows = table.findall(f"{NS}table_row")
    check(len(rows) == 5 and len(table) == 5, f"{len(rows)} rows of {len(table)} children")
    check([r.get("header") for r in rows] == ["true"] + ["false"] * 4,
          f"row headers {[r.get('header') for r in rows]}")
    for i, row in enumerate(rows):
        cells = row.findall(f"{NS}table_cell")
        check(len(cells) == 4 == len(row), f"row {i}: {len(cells)} cells")
        check([c.get("column") for c in cells] == ["0", "1", "2", "3"],
              f"row {i}: columns {[c.get('column') for c in cells]}")
        check([c.get("align") for c in cells] == ["left", "left", "right", "center"],
              f"row {i}: aligns {[c.get('align') for c in cells]}")
    header = [text_of(c) for c in rows[0]] if rows else []
    check(header == ["Shift", "Where", "People", "Lead"], f"header cells {header}")
    strike = rows[4].findall(f".//{NS}strikethrough")
    check(len(strike) == 1 and text_of(strike[0]) == "Dev",
          f"strikethrough in the last row: {[text_of(s) for s in strike]}")


def check_tasks(part):
    items = part.findall(f".//{NS}item")
    check([i.get("task") for i in items] == ["done", "done", "open", "open"],
          f"item tasks {[i.get('task') for i in items]}")


def check_notes(part):
    refs = part.findall(f".//{NS}footnote_reference")
    notes = part.findall(f"{NS}footnote_definition")
    check(len(refs) == 2, f"{len(refs)} footnote references")
    check(len(notes) == 2 and list(part)[-2:] == notes,
          "footnote definitions are not the part's last children")
    want_refs = [("1", "rota", "fnref-1", "1", "fn-1"), ("2", "two", "fnref-2", "1", "fn-2")]
    got = [(r.get("number"), r.get("label"), r.get("anchor"), r.get("ref"), r.get("note"))
           for r in refs]
    check(got == want_refs, f"references {got}")
    want_notes = [("1", "rota", "fn-1", "1", "fnref-1"), ("2", "two", "fn-2", "1", "fnref-2")]
    got = [(n.get("number"), n.get("label"), n.get("anchor"), n.get("refs"), n.get("first_ref"))
           for n in notes]
    check(got == want_notes, f"notes {got}")
    check(all(len(r) == 0 and not r.text for r in refs), "a reference has content")
    if len(notes) == 2:
        paras = notes[1].findall(f"{NS}paragraph")
        check(len(paras) == 2, f"note 2 has {len(paras)} paragraphs")
        check(notes[1].get("line") is not None, "note 2 has no line")


def main():
    out = convert(sys.argv[1])
    root = ET.fromstring(out)  # raises when malformed
    check(convert(sys.argv[1]) == out, "two runs gave different output")
    part = root.find(f"{NS}part")
    check_table(part)
    check_tasks(part)
    check_notes(part)
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
