#!/usr/bin/env python3
# check-gfm.py: model 2 in HTML: tables, footnotes, strikethrough and task
# items, from samples/toolkit/rota.md and gfm/edge.md.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Tables have a thead and a tbody, th scope=col, alignment as a style and
no obsolete align attribute; every note reference links to its note and
every note back to each of its references; ids are unique; strikethrough
is <del>; task items open with a disabled checkbox, checked when done; a
fragment keeps its notes inside its article."""
import os
import re

import htmltest
from htmltest import parse

R = htmltest.Results()
check = R.check
ROTA = htmltest.ROTA
EDGE = htmltest.GFM_EDGE
ALIGN = re.compile(r"text-align:\s*(left|center|right)")


def ids_of(doc):
    return [e.attrs["id"] for e in doc.iter() if "id" in e.attrs]


def check_ids(doc, what):
    ids = ids_of(doc)
    dup = sorted({i for i in ids if ids.count(i) > 1})
    check(not dup, f"{what}: ids unique (repeated: {dup})")


def no_align(html, doc, what):
    check(not [e for e in doc.iter() if "align" in e.attrs]
          and not re.search(r"<t[hdr][^>]*\salign=", html),
          f"{what}: no obsolete align attribute")


def alignment(cell):
    m = ALIGN.search(cell.attrs.get("style") or "")
    return m.group(1) if m else None


def sections(table):
    return [e.tag for e in table.elements()]


def check_table(table, heads, aligns, n_body):
    check(table.parent.tag == "div" and "table-wrap" in table.parent.classes,
          "a table sits in div.table-wrap")
    check(sections(table) == ["thead", "tbody"], f"thead then tbody: {sections(table)}")
    head = table.find("thead")
    ths = head.find_all("th") if head else []
    check([th.text() for th in ths] == heads, f"header cells: {[t.text() for t in ths]}")
    check(all(th.attrs.get("scope") == "col" for th in ths), "th scope=col")
    check(not head.find_all("td"), "no td in the header")
    rows = table.find("tbody").find_all("tr")
    check(len(rows) == n_body, f"{n_body} body rows (got {len(rows)})")
    check(all(len(r.find_all("td")) == len(heads) and not r.find_all("th") for r in rows),
          "every body row has one td per column")
    check([alignment(th) for th in ths] == aligns,
          f"header alignment {[alignment(th) for th in ths]}")
    check(all([alignment(td) for td in r.find_all("td")] == aligns for r in rows),
          "every body cell carries its column's alignment")


def notes_of(article):
    found = [s for s in article.find_all("section")
             if s.attrs.get("role") == "doc-endnotes"]
    check(len(found) == 1, f"one doc-endnotes section per part (got {len(found)})")
    return found[0] if found else None


def check_links_both_ways(doc, article, n_notes, what):
    """Every noteref points at a note of @article's endnotes, and each note
    links back to exactly the references that point at it, in order."""
    section = notes_of(article)
    if section is None:
        return
    check(section.find("hr") is not None and section.attrs.get("aria-label"),
          f"{what}: the endnotes are ruled off and named")
    notes = section.find("ol").find_all("li")
    check(len(notes) == n_notes, f"{what}: {n_notes} notes (got {len(notes)})")
    by_id = {e.attrs["id"]: e for e in doc.iter() if "id" in e.attrs}
    refs = [e for e in article.iter() if "id" in e.attrs
            and (e.attrs.get("role") == "doc-noteref" or "footnote-ref" in e.classes)]
    pointing = {}
    for ref in refs:
        if ref.tag == "a":
            target = ref.attrs.get("href", "")[1:]
            check(target in by_id and by_id[target] in notes,
                  f"{what}: reference {ref.attrs['id']} links to a note")
            check(ref.find("sup") is not None, f"{what}: the number is a <sup>")
        else:  # inside a link: a bare target
            target = None
            for note in notes:
                if any(b.attrs.get("href") == "#" + ref.attrs["id"]
                       for b in note.find_all("a")):
                    target = note.attrs["id"]
        pointing.setdefault(target, []).append(ref.attrs["id"])
        check(ref.text() == str(notes.index(by_id[target]) + 1) if target in by_id
              else False, f"{what}: reference {ref.attrs['id']} shows its note's number")
    for note in notes:
        back = [a for a in note.find_all("a") if a.attrs.get("role") == "doc-backlink"]
        check([a.attrs.get("href") for a in back]
              == ["#" + r for r in pointing.get(note.attrs.get("id"), [])] and back,
              f"{what}: note {note.attrs.get('id')} links back to each reference")
        last = note.elements()[-1]
        check(all(a.parent is last for a in back) and last.tag == "p",
              f"{what}: back-links close the note's last paragraph")


def check_tasks(doc, source):
    with open(source, encoding="utf-8") as f:
        marks = re.findall(r"^\s*(?:[-*+]|\d+[.)]) \[([ xX])\]", f.read(), re.M)
    boxes = doc.find_all("input")
    check(len(boxes) == len(marks) and len(marks) >= 2,
          f"one checkbox per task item ({len(boxes)} for {len(marks)})")
    check(all(b.attrs.get("type") == "checkbox" and "disabled" in b.attrs
              for b in boxes), "checkboxes are disabled")
    check(["checked" in b.attrs for b in boxes] == [m != " " for m in marks],
          "checked exactly for done tasks")
    for box in boxes:
        item = box.parent if box.parent.tag == "li" else box.parent.parent
        check(item.tag == "li" and "task" in item.classes
              and "task-list" in item.parent.classes,
              "a checkbox opens a li.task of a .task-list")
        check(box.parent.children[0] is box, "the checkbox comes first")
    check("[x]" not in doc.text() and "[ ]" not in doc.text(),
          "no task markers left as text")


def check_rota():
    html = htmltest.prensa(ROTA)
    doc = parse(html)
    article = doc.find("main").find("article")
    tables = article.find_all("table")
    check(len(tables) == 1, "rota: one table")
    if tables:
        check_table(tables[0], ["Shift", "Where", "People", "Lead"],
                    ["left", "left", "right", "center"], 4)
    no_align(html, doc, "rota")
    dels = doc.find_all("del")
    check([d.text() for d in dels] == ["Dev"] and dels[0].parent.tag == "td",
          "rota: ~~Dev~~ is a <del> in its cell")
    check_tasks(doc, ROTA)
    check_links_both_ways(doc, article, 2, "rota")
    section = notes_of(article)
    check(section is not None and article.elements()[-1] is section,
          "rota: the notes end the article")
    if section is not None:
        second = section.find_all("li")[1]
        check(len(second.find_all("p")) == 2, "rota: the second note keeps two paragraphs")
    check("[^" not in html, "rota: every reference and note recognised")
    check_ids(doc, "rota")


def check_fragment():
    html = htmltest.prensa(ROTA, "fragment")
    doc = parse(html)
    top = doc.elements()
    check(len(top) == 1 and top[0].tag == "article", "fragment: one article")
    check(not re.search(r"<(html|head|body|main|style)\b", html), "fragment: no page")
    if top:
        check_links_both_ways(doc, top[0], 2, "fragment")
    check_ids(doc, "fragment")


def check_edge():
    html = htmltest.prensa(EDGE)
    doc = parse(html)
    article = doc.find("article")
    no_align(html, doc, "edge")
    tables = article.find_all("table")
    check(len(tables) == 2, f"edge: two tables (got {len(tables)})")
    if len(tables) == 2:
        check_table(tables[0], ["left", "none", "right"], ["left", None, "right"], 2)
        padded = tables[0].find("tbody").find("tr").find_all("td")
        check([td.text() for td in padded] == ["only one cell", "", ""],
              "edge: a short row is padded")
        check(sections(tables[1]) == ["thead"], "edge: a header-only table has no tbody")
    check_tasks(doc, EDGE)
    loose = [b for b in doc.find_all("input") if b.parent.tag == "p"]
    check(len(loose) == 2, "edge: a loose task's checkbox is in its paragraph")
    mixed = [ul for ul in doc.find_all("ul") if "task-list" in ul.classes]
    check(any(len(ul.find_all("li")) == 2 and not ul.find_all("li")[0].classes
              for ul in mixed), "edge: a plain item of a task list keeps its bullet")
    check(doc.find("ol", "task-list") is not None, "edge: ordered task list")
    check(not [a for a in doc.find_all("a") if a.find("a")], "edge: no link inside a link")
    check_links_both_ways(doc, article, 3, "edge")
    section = notes_of(article)
    if section is not None:
        check(section.attrs.get("aria-label") == "Notas", "edge: notes named in Spanish")
        twice = section.find_all("li")[0].find_all("a")
        check([a.text() for a in twice] == ["\u21a9\ufe0e", "\u21a9\ufe0e2"],
              "edge: ↩︎ then ↩︎² for a note's second reference")
    check_ids(doc, "edge")


def check_collection():
    doc = parse(htmltest.prensa([ROTA, EDGE]))
    parts = doc.find("main").elements()
    check(len(parts) == 2, "collection: two articles")
    for i, (part, n) in enumerate(zip(parts, (2, 3))):
        check_links_both_ways(doc, part, n, f"collection part {i + 1}")
    check_ids(doc, "collection")


for test in (check_rota, check_fragment, check_edge, check_collection):
    try:
        test()
    except Exception as e:  # a crash in one group should not hide the others
        R.check(False, f"{test.__name__} raised {type(e).__name__}: {e}")
R.finish()
