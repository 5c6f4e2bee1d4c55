#!/usr/bin/env python3
# gen-book.py: a book-size Markdown input for the benchmark: chapters,
# sections, interview turns, lists, links, emphasis, code, GFM tables,
# task lists, strikethrough and footnotes, built from
# a seeded random mix of words so no two paragraphs are the same.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: gen-book.py SIZE_IN_BYTES OUTPUT [SEED]"""
import random
import sys

WORDS = """the a of to and in is that for it as was with be by on not he i this are or his from at
which but have an they you were her she there one all we their can has been if more when will would
who so no about up out them some could what into than then only other its time new also any these
two may first work people way even because most through well should much before those how right
union strike boycott workers campaign organizing community immigrant rights wages contract picket
warehouse delivery solidarity movement pressure corporation technology surveillance contracts
county jail detention local national action toolkit support learning coordinated manner families
deportation economic power labor industries country status speaking exploited sustain invitation
""".split()
NAMES = ["Sarah Jaffe", "Cata Santiago", "Ana Ruiz", "Tom Bell"]


def sentence(r, lo=6, hi=22):
    words = [r.choice(WORDS) for _ in range(r.randint(lo, hi))]
    i = r.randrange(len(words))
    kind = r.random()
    if kind < 0.15:
        words[i] = f"*{words[i]}*"
    elif kind < 0.25:
        words[i] = f"**{words[i]}**"
    elif kind < 0.33:
        words[i] = f"[{words[i]}](https://example.org/{r.randrange(10**6)})"
    elif kind < 0.38:
        words[i] = f"`{words[i]}()`"
    elif kind < 0.40:
        words[i] = f"~~{words[i]}~~"
    s = " ".join(words)
    return s[0].upper() + s[1:] + r.choice([".", ".", ".", "?", "!"])


def paragraph(r):
    return " ".join(sentence(r) for _ in range(r.randint(2, 7)))


def table(r):
    cols = r.randint(2, 5)
    head = "| " + " | ".join(sentence(r, 1, 3)[:-1] for _ in range(cols)) + " |"
    rule = "|" + "|".join(r.choice([":--", ":-:", "--:", "---"]) for _ in range(cols)) + "|"
    rows = ["| " + " | ".join(sentence(r, 1, 6)[:-1] for _ in range(cols)) + " |"
            for _ in range(r.randint(3, 12))]
    return "\n".join([head, rule] + rows)


def block(r, speakers, notes):
    k = r.random()
    if k < 0.03:
        return table(r)
    if k < 0.05:
        return "\n".join(f"- [{r.choice(' x')}] {sentence(r, 3, 10)}" for _ in range(r.randint(2, 5)))
    if k < 0.10:
        # a paragraph citing a note, defined right after it
        notes[0] += 1
        label = f"n{notes[0]}"
        return f"{paragraph(r)}[^{label}]\n\n[^{label}]: {paragraph(r)}"
    if k < 0.55:
        return f"{r.choice(speakers)}: {paragraph(r)}"
    if k < 0.75:
        return paragraph(r)
    if k < 0.85:
        start = r.choice([1, 1, 3])
        return "\n".join(f"{start + i}. {sentence(r)}" for i in range(r.randint(2, 6)))
    if k < 0.92:
        return "\n".join(f"- {sentence(r, 3, 10)}" for _ in range(r.randint(2, 5)))
    if k < 0.96:
        return "> " + paragraph(r)
    return "```c\n" + "\n".join(f"int v{i} = {r.randrange(999)};" for i in range(r.randint(2, 8))) + "\n```"


def main():
    size = int(sys.argv[1])
    out = sys.argv[2]
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    head = ["---", "title: A Benchmark Book", "author: prensa", "lang: en-US", "speakers:",
            "  - id: SJ", "    name: Sarah Jaffe", "    role: interviewer",
            "  - id: CS", "    name: Cata Santiago", "    role: interviewee", "---", ""]
    parts = ["\n".join(head)]
    total = len(parts[0])
    chapter = 0
    notes = [0]
    while total < size:
        chapter += 1
        text = f"# Chapter {chapter}: {sentence(r, 2, 5)[:-1]}\n\n{paragraph(r)}\n"
        for s in range(r.randint(3, 6)):
            text += f"\n## {sentence(r, 2, 6)[:-1]}\n"
            for _ in range(r.randint(6, 14)):
                text += "\n" + block(r, ["SJ", "CS"], notes) + "\n"
        parts.append(text)
        total += len(text.encode("utf-8"))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    main()
