#!/usr/bin/env python3
# test-model2.py: tables, footnotes, strikethrough and task items through
# `prensa -t txt`: samples/toolkit/rota.md, and tables made here (wide,
# CJK and emoji, 1,000 columns, 100,000 rows).
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test-model2.py ROTA.md   (with $PRENSA set)

import bisect
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata

failures = []


def width(text):
    """Display columns, as prensa_text_width() counts them."""
    cols = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        cols += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return cols


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def convert(source, *options, timeout=120):
    cmd = [os.environ["PRENSA"], source, "-t", "txt", "-o", "-"]
    for opt in options:
        cmd += ["-O", opt]
    run = subprocess.run(cmd, capture_output=True, timeout=timeout,
                         env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
    if run.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {run.returncode}: {run.stderr.decode()}")
    return run.stdout.decode("utf-8")


def convert_text(markdown, *options, timeout=120):
    with tempfile.NamedTemporaryFile("w", suffix=".md", encoding="utf-8", delete=False) as f:
        f.write(markdown)
    try:
        return convert(f.name, *options, timeout=timeout)
    finally:
        os.unlink(f.name)


def columns_of(line):
    """(display column, character) for each character of @line."""
    out, col = [], 0
    for ch in line:
        out.append((col, ch))
        col += width(ch)
    return out


def spans_of(rule):
    """The (start, end) display columns of each run of '-' in a rule."""
    return [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]


def is_rule(line):
    return bool(line) and re.fullmatch(r"-+( {2}-+)*", line) is not None


def find_table(lines, first_word):
    """The lines of the simple table whose header starts with
    @first_word, up to the blank line after it."""
    start = next(i for i, l in enumerate(lines) if l.startswith(first_word))
    end = lines.index("", start)
    return lines[start:end]


def cell_texts(line, spans):
    """The text of @line inside each span, stripped, with the display
    columns where it starts and ends; and whether anything visible lies
    outside the spans. A combining mark goes with the character before it."""
    cells = [[] for _ in spans]
    starts = [a for a, _ in spans]
    outside = False
    last = None
    for col, ch in columns_of(line):
        if width(ch) == 0 and last is not None:
            cells[last].append((col, ch))
            continue
        i = bisect.bisect_right(starts, col) - 1
        last = i if i >= 0 and col + width(ch) <= spans[i][1] else None
        if last is None:
            outside = outside or ch != " "
            continue
        cells[last].append((col, ch))
    out = []
    for c in cells:
        visible = [i for i, (_, ch) in enumerate(c) if ch != " "]
        if not visible:
            out.append(("", None, None))
            continue
        c = c[visible[0]:visible[-1] + 1]
        while c[-1][1] == " ":
            c.pop()
        text = "".join(ch for _, ch in c)
        out.append((text, c[0][0], max(col + width(ch) for col, ch in c)))
    return out, outside


def check_aligned(table, aligns, what):
    """Every line of @table keeps to the columns its rule sets out, and
    each cell sits in its column as @aligns says (l, r, c)."""
    rules = [l for l in table if is_rule(l)]
    if not check(rules, f"{what}: no rule in table:\n" + "\n".join(table)):
        return []
    spans = spans_of(rules[0])
    check(len(spans) == len(aligns), f"{what}: {len(spans)} columns, wanted {len(aligns)}")
    rows = []
    for line in table:
        if line == "" or is_rule(line):
            continue
        cells, outside = cell_texts(line, spans)
        check(not outside, f"{what}: text outside the columns: {line!r} (spans {spans})")
        for (text, a, b), (sa, sb), al in zip(cells, spans, aligns):
            if not text:
                continue
            if al == "l":
                check(a == sa, f"{what}: {text!r} starts at {a}, its column at {sa}: {line!r}")
            elif al == "r":
                check(b == sb, f"{what}: {text!r} ends at {b}, its column at {sb}: {line!r}")
            elif al == "c":
                check(abs((a - sa) - (sb - b)) <= 1,
                      f"{what}: {text!r} not centred in {sa}-{sb}: {line!r}")
        rows.append([t for t, _, _ in cells])
    return rows


def check_rota(rota):
    out = convert(rota)
    lines = out.split("\n")
    for l in lines:
        check(width(l) <= 72, f"rota: line wider than 72: {l!r}")

    table = find_table(lines, "Shift  ")
    rows = check_aligned(table, "llrc", "rota")
    check(len(rows) == 5, f"rota: {len(rows)} rows, wanted 5: {rows}")
    if len(rows) == 5:
        check(rows[0] == ["Shift", "Where", "People", "Lead"], f"rota header: {rows[0]}")
        check(rows[1] == ["8:00–10:00", "Market gate", "3", "Ana"], f"rota row 1: {rows[1]}")
        check(rows[4][3] == "~~Dev~~ Ana", f"rota: strikethrough: {rows[4][3]!r}")
        check(rows[3][3] == "Chloé", f"rota: {rows[3]}")
    check(len(table) > 1 and is_rule(table[1]), "rota: rule not under the header")

    # Task items, the box after the bullet.
    for item in ("- [x] Book the table and two chairs", "- [x] Print 200 leaflets",
                 "- [ ] Ask the library about the steps",
                 "- [ ] Find a second lead for the afternoon"):
        check(item in lines, f"rota: no task line {item!r}")

    # Notes: "[^n]" right after the text; listed after their section,
    # before the next heading, each paragraph of a note hanging under it.
    check("glance.[^1] Print" in out.replace("\n", " "), "rota: no [^1] after 'glance.'")
    check("merge it.[^2]" in out.replace("\n", " "), "rota: no [^2] after 'merge it.'")
    i1 = out.find("\n[^1] The rota is adapted from the one the Leeds group used in 2019.\n")
    ih = out.find("\nShifts\n======\n")
    check(0 <= i1 < ih, "rota: note 1 not listed before the Shifts heading")
    note2 = re.search(r"\n\[\^2\] Two is the least.*?(?=\n\S|\Z)", out, re.S)
    if check(note2, "rota: note 2 not listed"):
        body = note2.group(0).strip("\n").split("\n")
        check(all(l == "" or l.startswith("     ") for l in body[1:]),
              f"rota: note 2 not indented under its marker: {body}")
        check("" in body, f"rota: note 2's two paragraphs not apart: {body}")
        text = " ".join(l.strip() for l in body)
        check("watches the table." in text and "Nobody should stand alone." in text,
              f"rota: note 2 lacks a paragraph: {text}")
        check(note2.start() < out.find("\nStill to do\n"),
              "rota: note 2 not listed before the next section")
    # Listed once each, and not where the definitions sit in the tree.
    for words in ("Leeds group", "Nobody should stand alone"):
        check(out.count(words) == 1, f"rota: {words!r} written {out.count(words)} times, not once")
    check(out.rstrip("\n").endswith("not when someone has said they\nwill do it.")
          or out.rstrip("\n").endswith("will do it."),
          "rota: notes printed at the end of the part again")
    check(out == convert(rota), "rota: two runs differ")


def table_md(header, rows, align=None):
    n = len(header)
    align = align or ["---"] * n
    md = "| " + " | ".join(header) + " |\n|" + "|".join(align) + "|\n"
    for r in rows:
        md += "| " + " | ".join(r) + " |\n"
    return md


WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
         "omicron pi rho sigma tau upsilon phi chi psi omega").split()


def check_wide():
    header = ["Name", "Description", "Notes", "Count"]
    rows = []
    for i in range(6):
        rows.append([f"row{i}", " ".join(WORDS[i:i + 12]), " ".join(WORDS[i + 3:i + 9]), str(10 ** i)])
    md = "Before.\n\n" + table_md(header, rows, [":--", ":--", ":-:", "--:"]) + "\nAfter.\n"
    for wrap in (72, 40):
        out = convert_text(md, f"wrap={wrap}")
        lines = out.split("\n")
        for l in lines:
            check(width(l) <= wrap, f"wide table, wrap={wrap}: line too wide: {l!r}")
        table = lines[lines.index("Before.") + 2:lines.index("After.") - 1]
        check_aligned(table, "llcr", f"wide table, wrap={wrap}")
        # Multiline rows are set apart by blank lines and a closing rule.
        check(is_rule(table[-1]), f"wide table, wrap={wrap}: no closing rule")
        check(table.count("") == len(rows) - 1,
              f"wide table, wrap={wrap}: {table.count('')} blank lines between 6 rows")
        words = " ".join(table).split()
        for r in rows:
            for w in " ".join(r).split():
                check(w in words, f"wide table, wrap={wrap}: lost {w!r}")
        # The numbers column keeps its width: the widest give way first.
        check(any(l.rstrip().endswith("100000") for l in table),
              f"wide table, wrap={wrap}: the narrow column was cut")
    out = convert_text(md, "wrap=0")
    lines = out.split("\n")
    table = lines[lines.index("Before.") + 2:lines.index("After.") - 1]
    check(len(table) == 2 + len(rows), f"wide table, wrap=0: {len(table)} lines: {table}")
    check_aligned(table, "llcr", "wide table, wrap=0")


def check_squeezed():
    """Six columns of long words cannot fit 40 columns whole: the long
    words are cut, the table stays within the line, and each cell's
    characters all come out, in order, in its column."""
    long = ["internationalization", "counterrevolutionary", "uncharacteristically",
            "indistinguishable", "incomprehensibilities", "electroencephalograph"]
    header = ["One", "Two", "Three", "Four", "Five", "Six"]
    rows = [[long[(i + j) % 6] + f" {i}{j}" for j in range(6)] for i in range(3)]
    md = "Before.\n\n" + table_md(header, rows) + "\nAfter.\n"
    out = convert_text(md, "wrap=40")
    lines = out.split("\n")
    for l in lines:
        check(width(l) <= 40, f"squeezed table: line too wide: {l!r}")
    table = lines[lines.index("Before.") + 2:lines.index("After.") - 1]
    rules = [i for i, l in enumerate(table) if is_rule(l)]
    if not check(len(rules) == 2, f"squeezed table: rules at {rules}"):
        return
    spans = spans_of(table[rules[0]])
    body, got = table[rules[0] + 1:rules[1]], [[]]
    for l in body:
        if l == "":
            got.append([])
        else:
            got[-1].append(cell_texts(l, spans)[0])
    for r, (row, want) in enumerate(zip(got, rows)):
        for c in range(6):
            text = "".join(line[c][0] for line in row).replace(" ", "")
            check(text == want[c].replace(" ", ""),
                  f"squeezed table: row {r} column {c}: {text!r} for {want[c]!r}")


def check_cjk():
    header = ["名前", "Emoji", "Note"]
    rows = [["東京", "🎉🎉", "x"], ["a", "b", "中文字符"], ["ＡＢＣ", "🙂", "e\u0301"]]
    out = convert_text(table_md(header, rows, ["---", ":-:", "--:"]))
    lines = out.rstrip("\n").split("\n")
    rows_seen = check_aligned(lines, "lcr", "cjk table")
    check(rows_seen[1:] == rows, f"cjk table: rows {rows_seen}")
    spans = spans_of(lines[1])
    check(spans[0] == (0, 6), f"cjk table: first column {spans[0]}, wanted 6 wide")


def check_big():
    n = 1000
    md = table_md([f"h{i}" for i in range(n)], [[str(i) for i in range(n)]] * 3)
    t = time.monotonic()
    out = convert_text(md)
    lines = out.rstrip("\n").split("\n")
    check(len(lines) == 5, f"1,000 columns: {len(lines)} lines")
    check(all(len(l.split()) == n for l in lines), "1,000 columns: lost cells")
    check_aligned(lines, "l" * n, "1,000 columns")
    small = time.monotonic() - t

    def rows_md(count):
        return table_md(["n", "square", "word"],
                        [[str(i), str(i * i), WORDS[i % len(WORDS)]] for i in range(count)],
                        ["--:", "--:", ":--"])

    t = time.monotonic()
    out = convert_text(rows_md(10000))
    t10k = time.monotonic() - t
    t = time.monotonic()
    out = convert_text(rows_md(100000))
    t100k = time.monotonic() - t
    lines = out.rstrip("\n").split("\n")
    check(len(lines) == 100002, f"100,000 rows: {len(lines)} lines")
    check(lines[-1].split() == ["99999", "9999800001", WORDS[99999 % len(WORDS)]],
          f"100,000 rows: last line {lines[-1]!r}")
    check_aligned(lines[:50] + lines[-50:], "rrl", "100,000 rows")
    # Linear: ten times the rows may cost ten times the time, with room for
    # start-up and noise, not a hundred times.
    check(t100k < 30 * max(t10k, 0.05), f"100,000 rows took {t100k:.2f}s, 10,000 {t10k:.2f}s")
    print(f"# 1,000 columns {small:.2f}s, 10,000 rows {t10k:.2f}s, 100,000 rows {t100k:.2f}s")


def main():
    check_rota(sys.argv[1])
    check_wide()
    check_squeezed()
    check_cjk()
    check_big()
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
