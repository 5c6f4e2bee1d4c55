#!/usr/bin/python3
# pdf-check.py: checks the PDF writer's output (tests/plugins/pdf).
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   pdf-check.py CHECK WORKDIR
#
# CHECK is one of:
#   text        pdftotext of the sample holds every word of the interview,
#               in order, inside the text block; the title block first
#   info        pdfinfo: title, author, subject, dates from
#               SOURCE_DATE_EPOCH, page size for a4, letter, papersize
#   structure   reproducible bytes, live links, named destinations and an
#               outline from the headings, warnings, bad options refused
#   margins     every page of several documents rendered with pdftoppm:
#               nothing inked outside the text block but the running head
#               and the folio in their bands; PNGs of the sample's first
#               two pages are left in WORKDIR for review
#   pagination  a long generated interview: no widows or orphans, no
#               heading or question ends a page
#   justify     the sample's full lines end at the right margin, none
#               beyond; with justify=false they end where their words do
#   long        a paragraph over the writer's 32 KB piece size with 2,000
#               links and a 10,000-letter word: every word in order, the
#               long word whole, every link live, nothing off the page
#   rota        samples/toolkit/rota.md (a table, strikethrough, tasks,
#               two notes): the notes under the text on their reference's
#               page, in smaller type, live links to them; the table's
#               columns aligned as the delimiter row says, its header
#               bold; "Dev" struck through and "Ana" not (pixels); the
#               task boxes. Leaves pdf-rota-1.png in WORKDIR for review
#   table       a 200-row table over pages: the header row on top of each
#               page it goes on to, no row split between pages, every row
#               in order, a note from the header set once, amounts
#               right-aligned, nothing off the page; a row taller than a
#               page goes on over pages, each under the header
#   notes       notes near the page foot, one that must go on to the next
#               page, a note referred to twice: each note on its
#               reference's page below all its text, the long one going on
#               at the next page's foot above that page's own notes, the second
#               reference shows the same number and the note is set once
#   huge        a 1,000-column table, 100,000 rows, 20,000 notes: no
#               crash, and time that grows in proportion to the input (ten
#               times the input in under 30 times the time, which leaves
#               room for a busy machine; quadratic would be 100 times)
#   toc         --toc on samples/toolkit/day-of-action.md and on the
#               README's toolkit (three inputs, -M title): "Contents" after
#               the title block (the book's: after its title page), every
#               heading down to --toc-depth listed with a page number that
#               is where pdftotext finds the heading and where its named
#               destination is; each entry a link annotation to that
#               destination; the pages after the contents as without it;
#               without --toc (or with toc=false, or only --toc-depth) the
#               same bytes; the numbers flush right, dot leaders before
#               them (pixels), the title in the document's language.
#               Leaves toc-1.png, toc-2.png and book-2.png in WORKDIR for
#               review
#
# Exit 77 (skip) when poppler-utils is missing, but 1 when CI=true: CI
# must run the real tools.
import collections
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from checklib import check, finish, in_ci, missing_tool, pdf_words  # noqa: E402

EPOCH = "1531785600"  # 2018-07-17T00:00:00Z
MM = 72 / 25.4
SOURCE = os.environ.get("PRENSA_SOURCE_ROOT",
                        os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLE = os.path.join(SOURCE, "samples", "interview.md")
CORPUS = [os.path.join(SOURCE, "tests", "plugins", p) for p in (
    "docx/corpus/commonmark.md", "docx/corpus/lists.md", "docx/corpus/images.md",
    "html/corpus/interview-edge.md")]

# The defaults of formats/pdf/styles.ini: margins top right bottom left,
# and the running head's and folio's baselines from the text block.
DEFAULT_MARGINS = (22 * MM, 44 * MM, 24 * MM, 44 * MM)
HEAD_GAP, FOOT_GAP = 9 * MM, 11 * MM
PAPER = {"a4": (595.276, 841.89), "letter": (612.0, 792.0)}

def need(*tools):
    for tool in tools:
        if shutil.which(tool) is None:
            missing_tool(f"{tool} (Debian: poppler-utils)")


def convert(workdir, name, inputs, *extra, epoch=EPOCH, expect_ok=True, env_extra=None):
    out = os.path.join(workdir, name + ".pdf")
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, **(env_extra or {}))
    argv = [os.environ["PRENSA"], *inputs, "-t", "pdf", "-o", out, *extra]
    proc = subprocess.run(argv, env=env, capture_output=True, text=True)
    # LeakSanitizer's own tracer crashing at exit (google/sanitizers#1353,
    # a thread of Pango's still on its way out) is no finding about
    # prensa: run once more, and that run must pass its leak check.
    if proc.returncode != 0 and "Tracer caught signal" in proc.stderr \
            and "LeakSanitizer has encountered a fatal error" in proc.stderr:
        print(f"{name}: LeakSanitizer's tracer crashed at exit; converting again")
        proc = subprocess.run(argv, env=env, capture_output=True, text=True)
    if expect_ok and proc.returncode != 0:
        print(proc.stderr)
        sys.exit(f"prensa failed on {name} with {proc.returncode}")
    return out, proc


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def words(text):
    """Lower-case words: letters and digits, apostrophes inside kept."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    return re.findall(r"\w+(?:'\w+)*", text.lower())


def dehyphenate(text, known):
    """@text with the writer's hyphens at line ends taken out where the
    word joined again is one of @known (a compound's hyphen stays)."""
    def join(m):
        whole = m.group(1) + m.group(2)
        return whole if whole.lower().replace("\u2019", "'") in known else m.group(1) + "-" + m.group(2)
    return re.sub(r"(\w+)-\s*\n\s*(\w+)", join, text)


def pdfinfo(path):
    info = {}
    for line in run("pdfinfo", path).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def body_text(path, margins=DEFAULT_MARGINS, paper="a4", layout=False):
    """The text inside the text block of every page (no running head,
    no folio), from pdftotext's cropping in points; @layout keeps the
    lines as set (pdftotext otherwise joins a hyphenated line end to the
    next line)."""
    top, right, bottom, left = margins
    width, height = PAPER[paper]
    pages = int(pdfinfo(path)["Pages"])
    text = []
    for page in range(1, pages + 1):
        text.append(run("pdftotext", *(["-layout"] if layout else []),
                        "-f", str(page), "-l", str(page),
                        "-x", str(int(left) - 1), "-y", str(int(top) - 1),
                        "-W", str(int(width - left - right) + 2),
                        "-H", str(int(height - top - bottom) + 2), path, "-"))
    return text


# ------------------------------------------------------------------ text
def sample_words():
    source = open(SAMPLE, encoding="utf-8").read()
    body = source.split("\n---\n", 1)[1]
    body = re.sub(r"^\s*\* \* \*\s*$", "", body, flags=re.M)
    return words(body)


def check_text(workdir):
    path, _ = convert(workdir, "interview", [SAMPLE])
    want = sample_words()
    # Hyphenated line ends read as the words they split; pdftotext joins
    # some itself, so the words are compared as one stream of letters.
    got = words(dehyphenate("\n".join(body_text(path)), set(want)))
    check(len(want) > 900, f"the sample has its words ({len(want)})")
    stream, wanted = "".join(got), "".join(want)
    # The title block comes first, then exactly the interview.
    check(stream.endswith(wanted), "every word of the interview, in order, "
          "inside the text block")
    if not stream.endswith(wanted):
        tail = stream[-len(wanted):]
        for i, (a, b) in enumerate(zip(tail, wanted)):
            if a != b:
                print("  first difference at letter", i, ":", tail[i:i + 40],
                      "expected", wanted[i:i + 40])
                break
    head = stream[:len(stream) - len(wanted)]
    check(head.startswith("wewon'tbecomplicit"), f"headline first: {head[:30]}")
    byline = "".join(words("Sarah Jaffe talks to Cata Santiago July 17, 2018"))
    check(head.endswith(byline), f"byline and dateline: {head[-len(byline):]}")
    # The first label names the speaker, later ones use the short id.
    full = run("pdftotext", path, "-")
    check(full.count("Sarah Jaffe:") == 1 and "SJ:" in full,
          "labels: full name once, then the id")
    # The running head repeats the title on later pages, the folio counts.
    page2 = run("pdftotext", "-f", "2", "-l", "2", path, "-")
    check(page2.lstrip().startswith("We Won’t Be Complicit"), "running head on page 2")
    check(page2.rstrip().endswith("2"), "folio on page 2")
    # The labels, byline and running head are uppercased, read as written
    # (above): their capitals must not take the places of lowercase
    # letters in the sans's 8-bit subsets, which would send the sans's
    # later lowercase letters to a second, 16-bit subset (a font change
    # in the PDF on both sides of each; see show_glyphs in pdf-text.c).
    # The sample with a table after it: its cells are the sans, lowercase.
    tabled = os.path.join(workdir, "tabled.md")
    with open(SAMPLE, encoding="utf-8") as f, open(tabled, "w", encoding="utf-8") as out:
        out.write(f.read() + "\n\n| talks | stock |\n| --- | --- |\n| also to | a lost look |\n")
    tabled_pdf, _ = convert(workdir, "tabled", [tabled])
    sans = [l.split()[0].split("+")[-1] for l in run("pdffonts", tabled_pdf).splitlines()[2:]
            if "Inter" in l]
    check(sans and len(sans) == len(set(sans)),
          f"each face of the sans in one subset: {' '.join(sans)}")
    check("a lost look" in run("pdftotext", tabled_pdf, "-"), "the table's text reads")
    # In Spanish, the byline's words and the date are Spanish.
    spanish, _ = convert(workdir, "spanish", [SAMPLE], "-M", "lang=es")
    head = run("pdftotext", "-l", "1", spanish, "-")
    check("Sarah Jaffe conversa con Cata Santiago" in head and "17 de julio de 2018" in head,
          "lang=es: byline and date in Spanish")


# ------------------------------------------------------------------ info
def check_info(workdir):
    path, _ = convert(workdir, "info", [SAMPLE])
    info = pdfinfo(path)
    check(info.get("Title") == "We Won’t Be Complicit", f"title: {info.get('Title')}")
    check(info.get("Author") == "Sarah Jaffe", f"author: {info.get('Author')}")
    check(info.get("Subject", "").startswith("Sarah Jaffe talks to Cata Santiago"),
          f"subject from the description: {info.get('Subject')}")
    check(info.get("Keywords") == "Immigration, Labor, Amazon, Interviews",
          f"keywords: {info.get('Keywords')}")
    for key in ("CreationDate", "ModDate"):
        check(info.get(key, "").startswith("Tue Jul 17 00:00:00 2018"),
              f"{key} from SOURCE_DATE_EPOCH: {info.get(key)}")
    check(info.get("Page size", "").startswith("595.276 x 841.89"),
          f"papersize a4 from the metadata: {info.get('Page size')}")
    check(int(info.get("Pages", 0)) >= 2, "the sample takes more than a page")

    path, _ = convert(workdir, "letter", [SAMPLE], "-O", "page-size=letter")
    check(pdfinfo(path).get("Page size", "").startswith("612 x 792"),
          "page-size=letter gives a Letter page")
    path, _ = convert(workdir, "meta-letter", [SAMPLE], "-M", "papersize=letter")
    check(pdfinfo(path).get("Page size", "").startswith("612 x 792"),
          "papersize: letter in the metadata gives a Letter page")


# ------------------------------------------------------------- structure
def check_structure(workdir):
    a, _ = convert(workdir, "repro-a", [SAMPLE])
    b, _ = convert(workdir, "repro-b", [SAMPLE])
    check(open(a, "rb").read() == open(b, "rb").read(),
          "same input and SOURCE_DATE_EPOCH give the same bytes")
    c, _ = convert(workdir, "repro-c", [SAMPLE], epoch="1600000000")
    check(open(a, "rb").read() != open(c, "rb").read(), "the date is in the file")

    path, proc = convert(workdir, "commonmark", [CORPUS[0]])
    data = open(path, "rb").read()
    check(b"/URI (https://example.org/autolink)" in data, "an external link is live")
    check(b"/S /URI" in data and b"/Subtype /Link" in data, "link annotations")
    dests = run("pdfinfo", "-dests", path)
    for anchor in ("heading-one", "setext-heading-one", "heading-six"):
        check(re.search(r'"%s"' % anchor, dests) is not None,
              f"named destination {anchor}")
    check(b"/Outlines" in data and data.count(b"/Dest ") >= 8,
          "an outline with an entry per heading")
    check("link to “#no-such-heading” names no heading or id in the document" in proc.stderr,
          "a dangling internal link is reported (once, by the core)")
    check("raw HTML block" in proc.stderr, "dropped raw HTML is reported")

    _, proc = convert(workdir, "images", [CORPUS[2]])
    check("missing.png left out" in proc.stderr, "a missing image is reported")
    text = run("pdftotext", os.path.join(workdir, "images.pdf"), "-")
    check("A missing file" in text, "a missing image leaves its description")
    check("A photo, 240 by 160 pixels" in text, "a figure has its caption")

    _, two = convert(workdir, "two-parts",
                     [SAMPLE, os.path.join(SOURCE, "tests/plugins/docx/corpus/second-part.md")])
    pages = [p for p in run("pdftotext", os.path.join(workdir, "two-parts.pdf"), "-").split("\f") if p.strip()]
    check(len(pages) >= 3, "a second input starts on a page of its own")

    for bad in (["-O", "margins=2 furlongs"], ["-O", "page-size=quarto"],
                ["-O", "font-size=900"], ["-O", "styles=/nonexistent.ini"],
                ["-O", "justify=perhaps"]):
        out, proc = convert(workdir, "bad", [SAMPLE], *bad, expect_ok=False)
        check(proc.returncode != 0 and not os.path.exists(out),
              f"{' '.join(bad)} is refused and leaves no file")
    styles = os.path.join(workdir, "bad-styles.ini")
    with open(styles, "w") as f:
        f.write("[question]\ncolor=red\n")
    _, proc = convert(workdir, "bad", [SAMPLE], "-O", "styles=" + styles, expect_ok=False)
    check(proc.returncode == 1 and "[question] color=red" in proc.stderr,
          f"a bad styles value is named: {proc.stderr.strip()}")
    with open(styles, "w") as f:
        f.write("[fonts]\nserif=DejaVu Serif\n[body]\nsize=12\n")
    out, proc = convert(workdir, "user-styles", [SAMPLE], "-O", "styles=" + styles)
    fonts = run("pdffonts", out)
    check("DejaVuSerif" in fonts, "a styles file changes the font")
    out, _ = convert(workdir, "font-option", [SAMPLE], "-O", "font=DejaVu Serif",
                     "-O", "justify=false")
    check("DejaVuSerif" in run("pdffonts", out), "the font option changes the text face")
    out, _ = convert(workdir, "default-font", [SAMPLE])
    check("TeXGyrePagella" in run("pdffonts", out),
          "the default face is TeX Gyre Pagella (Debian: fonts-texgyre)")


# --------------------------------------------------------------- margins
def read_netpbm(path, magic=b"P5", channels=1):
    """Width, height and bytes of a binary greymap (P5) or, with
    magic=b"P6" and channels=3, pixmap; maxval 255."""
    data = open(path, "rb").read()
    fields, pos = [], 0
    token = re.compile(rb"(?:\s|#[^\n]*\n)*(\S+)")
    while len(fields) < 4:
        m = token.match(data, pos)
        fields.append(m.group(1))
        pos = m.end()
    assert fields[0] == magic and fields[3] == b"255", path
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:pos + 1 + channels * width * height]


def read_pgm(path):
    return read_netpbm(path)


def inked_outside(pgm, paper, margins, dpi):
    """Rows and columns of dark pixels outside the text block, the running
    head's band and the folio's band."""
    width, height, pixels = read_pgm(pgm)
    s = dpi / 72
    top, right, bottom, left = margins
    pw, ph = PAPER[paper]
    # The text block, rounded outwards by a pixel for anti-aliasing.
    x0, x1 = int(left * s) - 1, int((pw - right) * s) + 1
    y0, y1 = int(top * s) - 1, int((ph - bottom) * s) + 1
    head = (int((top - HEAD_GAP - 9) * s), int((top - HEAD_GAP + 3) * s) + 1)
    foot = (int((ph - bottom + FOOT_GAP - 9) * s), int((ph - bottom + FOOT_GAP + 3) * s) + 1)
    bad = []
    for y in range(height):
        row = pixels[y * width:(y + 1) * width]
        in_band = head[0] <= y <= head[1] or foot[0] <= y <= foot[1]
        for x in range(width):
            if row[x] > 200:
                continue
            inside = x0 <= x <= x1 and (y0 <= y <= y1 or in_band)
            if not inside:
                bad.append((x, y))
    return bad


def check_margins(workdir):
    dpi = 50
    make_interview(os.path.join(workdir, "long.md"))
    cases = [
        ("m-interview", [SAMPLE], [], "a4", DEFAULT_MARGINS),
        ("m-long", [os.path.join(workdir, "long.md")], [], "a4", DEFAULT_MARGINS),
        ("m-letter", [SAMPLE], ["-O", "page-size=letter", "-O", "margins=15mm"],
         "letter", (15 * MM,) * 4),
        ("m-wide", [SAMPLE], ["-O", "margins=30mm 40mm 35mm 25mm", "-O", "font-size=12"],
         "a4", (30 * MM, 40 * MM, 35 * MM, 25 * MM)),
    ] + [("m-" + os.path.basename(p)[:-3], [p], [], "a4", DEFAULT_MARGINS) for p in CORPUS]
    for name, inputs, extra, paper, margins in cases:
        path, _ = convert(workdir, name, inputs, *extra)
        # The corpus says papersize: letter in places; take the page's.
        size = pdfinfo(path)["Page size"]
        paper = "letter" if size.startswith("612 x 792") else paper
        prefix = os.path.join(workdir, name)
        for old in os.listdir(workdir):
            if old.startswith(name + "-") and old.endswith(".pgm"):
                os.remove(os.path.join(workdir, old))
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", path, prefix], check=True)
        pages = sorted(f for f in os.listdir(workdir)
                       if f.startswith(name + "-") and f.endswith(".pgm"))
        check(len(pages) == int(pdfinfo(path)["Pages"]), f"{name}: every page rendered")
        for page in pages:
            bad = inked_outside(os.path.join(workdir, page), paper, margins, dpi)
            check(not bad, f"{name} {page}: nothing outside the margins"
                  + (f" (first at pixel {bad[0]}, {len(bad)} in all)" if bad else ""))
    # For review (a CI artifact): the sample's first two pages.
    path = os.path.join(workdir, "m-interview.pdf")
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", path,
                    os.path.join(workdir, "pdf-interview-page")], check=True)
    for n in (1, 2):
        png = os.path.join(workdir, f"pdf-interview-page-{n}.png")
        check(os.path.getsize(png) > 10000, f"{png} is there for review")


# ------------------------------------------------------------ pagination
def make_interview(path, seed=7, turns=160):
    """Turns of many lengths under headings; each paragraph is marked
    pbeg<N> … pend<N>, each question ends in qend, each heading says
    hdg, so a page's first and last lines can be told apart."""
    r = random.Random(seed)
    vocab = sample_words()
    out = ["---", "title: A long conversation", "author: Test Writer",
           "speakers:", "  - id: Q", "    name: Quinn Asker", "    role: interviewer",
           "  - id: A", "    name: Ada Answer", "    role: interviewee", "---", ""]
    n = 0
    for t in range(turns):
        if t % 9 == 0:
            out += [f"## hdg section {t // 9} hdg", ""]
        q = " ".join(r.choice(vocab) for _ in range(r.choice([6, 14, 30, 60, 90])))
        out += [f"Q: {q} qend", ""]
        for _ in range(r.randint(1, 3)):
            n += 1
            body = " ".join(r.choice(vocab) for _ in range(r.choice([8, 40, 90, 150, 260])))
            out += [f"A: pbeg{n} {body} pend{n}" if _ == 0 else f"pbeg{n} {body} pend{n}", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def page_lines(path, page, margins=DEFAULT_MARGINS):
    text = body_text(path, margins)[page - 1]
    return [l for l in text.splitlines() if l.strip()]


def check_pagination(workdir):
    src = os.path.join(workdir, "long.md")
    make_interview(src)
    path, _ = convert(workdir, "long", [src])
    pages = body_text(path, layout=True)
    check(len(pages) >= 10, f"the long interview runs to pages ({len(pages)})")
    # The writer sets a paragraph again rather than end a page on a hyphen
    # (this interview's paragraphs all start where they can be reset).
    feet = [i for i, text in enumerate(pages[:-1], start=1)
            if [l for l in text.splitlines() if l.strip()]
            and re.search(r"[a-z]-$", [l for l in text.splitlines() if l.strip()][-1].rstrip())]
    check(not feet, f"no page ends on a hyphen ({feet})")
    for i, text in enumerate(pages[:-1], start=1):
        lines = [l for l in text.splitlines() if l.strip()]
        nxt = [l for l in pages[i].splitlines() if l.strip()]
        if not lines or not nxt:
            check(False, f"page {i} or {i + 1} is empty")
            continue
        last = lines[-1]
        check("qend" not in last and "hdg" not in last,
              f"page {i} does not end with a question or a heading: {last[-40:]!r}")
        # A paragraph running over the break leaves two lines on each side.
        if not re.search(r"pend\d+\s*$", last) and "qend" not in last:
            tail = 0
            for l in reversed(lines):
                tail += 1
                if re.search(r"pbeg\d+", l):
                    break
            check(tail >= 2, f"page {i}: no orphan (a paragraph's first line alone at the foot)")
            head = 0
            for l in nxt:
                head += 1
                if re.search(r"pend\d+|qend", l):
                    break
            check(head >= 2, f"page {i + 1}: no widow (a paragraph's last line alone at the top)")
        check(not re.match(r"^\s*[QA]:\s*$|^(Quinn Asker|Ada Answer):\s*$", last),
              f"page {i}: a speaker label is not alone at the foot")


# ------------------------------------------------------------------ long
def check_long(workdir):
    n = 2000
    word = "".join(chr(ord("a") + i % 26) for i in range(10_000))
    src = os.path.join(workdir, "long.md")
    with open(src, "w", encoding="utf-8") as f:
        f.write("# Long\n\n")
        f.write("".join(f"word{i} [link{i} text](http://example.org/{i}) filler "
                        "and more filler to make it long\n" for i in range(n)))
        f.write(f"\n{word} tail\n")
    path, _ = convert(workdir, "long", [src])
    text = "\n".join(body_text(path))
    got = [w for w in words(text) if re.fullmatch(r"(word|link)\d+", w)]
    want = [w for i in range(n) for w in (f"word{i}", f"link{i}")]
    check(got == want, "every word of a paragraph cut in pieces, in order")
    check(word in re.sub(r"\s+", "", text), "a word wider than the page, whole")
    data = open(path, "rb").read()
    live = set(re.findall(rb"/URI \(http://example.org/(\d+)\)", data))
    check(len(live) == n, f"every link of a long paragraph is live ({len(live)} of {n})")
    pages = int(pdfinfo(path)["Pages"])
    inked = []
    # The first pages and the last (the long word): rendering all is slow.
    for page in sorted({1, 2, 3, pages - 1, pages} & set(range(1, pages + 1))):
        prefix = os.path.join(workdir, f"long-{page}")
        run("pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page),
            "-singlefile", path, prefix)
        inked += [f"page {page}: {w}" for w in inked_outside(prefix + ".pgm", "a4",
                                                             DEFAULT_MARGINS, 50)]
    check(not inked, f"a long paragraph stays in the text block: {inked[:3]}")


def line_ends(path):
    """The right end (points) of every line pdftotext finds in @path."""
    layout = os.path.join(os.path.dirname(path), os.path.basename(path) + ".bbox.html")
    run("pdftotext", "-bbox-layout", path, layout)
    with open(layout, encoding="utf-8") as f:
        return [float(m.group(1)) for m in
                re.finditer(r'<line xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)"', f.read())]


def check_justify(workdir):
    edge = PAPER["a4"][0] - DEFAULT_MARGINS[1]
    justified, _ = convert(workdir, "justified", [SAMPLE])
    ragged, _ = convert(workdir, "ragged", [SAMPLE], "-O", "justify=false")
    ends = line_ends(justified)
    at_edge = sum(1 for x in ends if abs(x - edge) < 0.6)
    # The running head and folio are centred: nothing else may pass the edge.
    over = [x for x in ends if edge + 0.6 < x < PAPER["a4"][0] - DEFAULT_MARGINS[1] / 2]
    check(len(ends) > 40, f"pdftotext finds the sample's lines ({len(ends)})")
    check(at_edge >= 0.4 * len(ends),
          f"justified: the full lines end at the right margin ({at_edge} of {len(ends)})")
    check(not over, f"justified: no line runs past the right margin ({over[:3]})")
    ends = line_ends(ragged)
    at_edge = sum(1 for x in ends if abs(x - edge) < 0.6)
    check(at_edge <= 0.1 * len(ends),
          f"justify=false: lines end where their words do ({at_edge} of {len(ends)} at the margin)")


# ------------------------------------------------------- model 2: words
def in_text_block(w, margins=DEFAULT_MARGINS, paper="a4"):
    top, right, bottom, left = margins
    return top - 1 <= w.y0 and w.y1 <= PAPER[paper][1] - bottom + 1


def find(words, pattern):
    return [w for w in words if re.fullmatch(pattern, w.text)]


def note_refs(words, pattern):
    """(word, number, mark) for each word matching @pattern with a raised
    number set right after it: a footnote reference."""
    out = []
    for i, w in enumerate(words):
        # A word hyphenated at a line end matches as a whole.
        joined = words[i - 1].text[:-1] + w.text if i > 0 and words[i - 1].text.endswith("-") else None
        if not re.fullmatch(pattern, w.text) and not (joined and re.fullmatch(pattern, joined)):
            continue
        for d in words[i + 1:i + 3]:
            if (d.page == w.page and d.text.isdigit() and abs(d.x0 - w.x1) < 1.5
                    and d.y0 < w.y0 - 0.5 and d.height < 0.85 * w.height):
                out.append((w, int(d.text), d))
                break
    return out


def gray_page(path, page, dpi, workdir, name):
    prefix = os.path.join(workdir, name)
    run("pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page),
        "-singlefile", path, prefix)
    return read_pgm(prefix + ".pgm")


def struck(pgm, w, dpi):
    """Whether a rule runs through word @w: a row of its box, in its
    lower half to x-height, inked across nearly all its width."""
    width, height, pixels = pgm
    s = dpi / 72
    x0, x1 = int(w.x0 * s) + 1, int(w.x1 * s) - 1
    best = 0.0
    for y in range(int(w.y0 * s), int(w.y1 * s) + 1):
        row = pixels[y * width + x0:y * width + x1]
        if row:
            best = max(best, sum(1 for v in row if v < 128) / len(row))
    return best > 0.9


# ------------------------------------------------------------------ rota
ROTA = os.path.join(SOURCE, "samples", "toolkit", "rota.md")


def check_rota(workdir):
    path, proc = convert(workdir, "rota", [ROTA])
    check("warning" not in proc.stderr, f"rota: no warnings: {proc.stderr.strip()}")
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", path,
                    os.path.join(workdir, "pdf-rota")], check=True)
    png = os.path.join(workdir, "pdf-rota-1.png")
    check(os.path.exists(png) and os.path.getsize(png) > 10000, f"{png} is there for review")
    words = pdf_words(path)
    text = run("pdftotext", path, "-")
    check("[^" not in text and "|" not in text and "~~" not in text,
          "no Markdown syntax is left on the page")

    # The notes: on the page of their reference, under all of the text,
    # smaller, each number once at the foot.
    body_end = max(w.y1 for w in words if w.text.startswith("will") or w.text == "it.")
    for first, ref_word, number in (("rota", r"glance\.", 1), ("Two", r"it\.", 2)):
        refs = [r for r in note_refs(words, ref_word) if r[1] == number]
        note = [w for w in words if w.text == first and w.y0 > body_end]
        check(len(refs) == 1, f"rota: the reference {number} is raised after '{ref_word}'")
        check(note and refs and note[0].page == refs[0][0].page,
              f"rota: note '{first}…' on its reference's page: {note} {refs}")
        marks = [w for w in words if w.text == str(number) and note
                 and abs(w.y0 - note[0].y0) < 2 and w.x1 <= note[0].x0]
        check(len(marks) == 1, f"rota: note {number} numbered at the foot ({marks})")
    note_words = [w for w in words if w.y0 > body_end and in_text_block(w)]
    body_words = [w for w in words if w.y1 <= body_end and in_text_block(w)]
    check(len(note_words) >= 40, f"rota: the notes' words at the foot ({len(note_words)})")
    if note_words and body_words:
        body_h = sorted(w.height for w in body_words)[len(body_words) // 2]
        note_h = sorted(w.height for w in note_words)[len(note_words) // 2]
        check(note_h < 0.9 * body_h, f"rota: notes in smaller type ({note_h:.1f} < {body_h:.1f})")
    both = " ".join(w.text for w in note_words)
    check("Leeds" in both and "leaflets" in both and "Nobody should stand alone." in both,
          "rota: both notes, all three paragraphs, at the foot")
    # Its second paragraph starts a line of its own, though "table." has
    # room after it.
    pars = [w for w in note_words if w.text in ("Two", "If")]
    ends = [w for w in note_words if w.text == "table."]
    check(len(pars) == 2 and ends and abs(pars[1].x0 - pars[0].x0) < 0.6
          and pars[1].y0 > ends[-1].y1 and pars[1].y0 - ends[-1].y0 > 1.1 * (ends[-1].y1 - ends[-1].y0),
          f"rota: the second note keeps its two paragraphs ({pars} {ends})")
    data = open(path, "rb").read()
    dests = run("pdfinfo", "-dests", path)
    check('"fn-1"' in dests and '"fn-2"' in dests, "rota: the notes are named destinations")
    for n in (1, 2):
        # A live link from the reference, in the text, to the note's
        # destination at the foot (PDF's y runs upwards).
        link = re.search(rb"/Rect \[ [\d.]+ ([\d.]+) [\d.]+ [\d.]+ \]\s*/Dest \(fn-%d\)" % n, data)
        dest = re.search(rb"\(fn-%d\) \[\d+ 0 R /XYZ [\d.]+ ([\d.]+)" % n, data)
        check(link and dest and float(dest.group(1)) < float(link.group(1)),
              f"rota: reference {n} links down to its note")
        # And the note's number back up to its reference.
        back = re.search(rb"/Rect \[ [\d.]+ ([\d.]+) [\d.]+ [\d.]+ \]\s*/Dest \(fnref-%d\)" % n, data)
        ref = re.search(rb"\(fnref-%d\) \[\d+ 0 R /XYZ [\d.]+ ([\d.]+)" % n, data)
        check(back and ref and dest and abs(float(back.group(1)) - float(dest.group(1))) < 12
              and float(ref.group(1)) > float(back.group(1)),
              f"rota: note {n}'s number links back up to its reference")
    again, _ = convert(workdir, "rota-again", [ROTA])
    check(open(again, "rb").read() == data, "rota: the same bytes from the same input")

    # The table: header bold, columns aligned by the delimiter row.
    fonts = run("pdffonts", path)
    check(re.search(r"Bold", fonts) is not None, "rota: a bold face for the header row")
    head = find(words, "People")
    people = [w for w in find(words, r"People|\d") if head and abs(w.x1 - head[0].x1) < 20
              and w.height > 0.85 * head[0].height and w.y1 < body_end]
    rights = [w.x1 for w in people]
    check(len(people) == 5 and max(rights) - min(rights) < 0.6,
          f"rota: the People column is right-aligned ({people})")
    lead = [w for w in words if w.text in ("Lead", "Bilal", "Chloé")]
    centres = [(w.x0 + w.x1) / 2 for w in lead]
    check(len(lead) == 3 and max(centres) - min(centres) < 0.6,
          f"rota: the Lead column is centred ({lead})")
    shift = [w for w in words if re.fullmatch(r"Shift|\d+:00–\d+:00", w.text)]
    lefts = [w.x0 for w in shift]
    check(len(shift) == 5 and max(lefts) - min(lefts) < 0.6,
          f"rota: the Shift column is left-aligned ({shift})")

    # Strikethrough: a rule through "Dev", none through "Ana" beside it.
    dev = find(words, r"Dev")
    ana = [w for w in find(words, r"Ana") if dev and abs(w.y0 - dev[0].y0) < 1]
    check(dev and ana, f"rota: Dev and Ana in the last row ({dev} {ana})")
    if dev and ana:
        pgm = gray_page(path, dev[0].page, 300, workdir, "rota-300")
        check(struck(pgm, dev[0], 300), "rota: Dev is struck through")
        check(not struck(pgm, ana[0], 300), "rota: Ana is not")

    # Tasks: boxes in the bullets' place.
    check(text.count("\u2612") == 2 and text.count("\u2610") == 2,
          "rota: two ticked boxes and two open ones")
    check("\u2022" not in text, "rota: no bullet beside a task")


# ----------------------------------------------------------------- table
def make_table(path, rows=200, seed=3):
    r = random.Random(seed)
    vocab = sample_words()
    out = ["# A long table", "", "Some text before the table.", "",
           "| Colhead | Middle[^head] | Amount |", "|:--|:--|--:|"]
    for i in range(rows):
        # Some rows wrap to several lines in the middle column.
        n = r.choice([1, 3, 6, 30])
        mid = " ".join(r.choice(vocab) for _ in range(n))
        out.append(f"| r{i:03d}a | r{i:03d}b {mid} r{i:03d}y | {i * 7}.{i % 10}0 |")
    out += ["", "Some text after the table.", "", "[^head]: headnote once.", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def check_table(workdir):
    src = os.path.join(workdir, "table.md")
    make_table(src)
    path, _ = convert(workdir, "table", [src])
    words = [w for w in pdf_words(path) if in_text_block(w)]
    pages = int(pdfinfo(path)["Pages"])
    check(pages >= 4, f"the table runs over pages ({pages})")
    seen = []
    for i in range(200):
        cells = find(words, rf"r{i:03d}[aby]")
        where = {w.page for w in cells}
        check(len(cells) == 3 and len(where) == 1,
              f"row {i}: its cells on one page ({cells})")
        if cells:
            seen.append((cells[0].page, cells[0].y0, i))
    check([i for _, _, i in sorted(seen)] == list(range(200)), "every row, in order")
    first_page = min(p for p, _, _ in seen)
    for page in range(first_page, max(p for p, _, _ in seen) + 1):
        heads = [w for w in words if w.page == page and w.text == "Colhead"]
        rows = [w for w in words if w.page == page and re.fullmatch(r"r\d{3}a", w.text)]
        check(len(heads) == 1, f"page {page}: the header row once ({heads})")
        if heads and rows:
            check(heads[0].y1 < min(w.y0 for w in rows),
                  f"page {page}: the header above the rows")
            if page > first_page:
                above = [w for w in words if w.page == page and w.y1 < heads[0].y0 - 1]
                check(not above, f"page {page}: the header at the top ({above[:3]})")
    notes = find(words, "headnote")
    check(len(notes) == 1 and notes[0].page == first_page,
          f"a note from the header is set once, on the table's first page ({notes})")
    # Right-aligned amounts: their right edges line up on every page.
    amounts = [w for w in words if re.fullmatch(r"\d+\.\d0|Amount", w.text)]
    rights = [w.x1 for w in amounts]
    check(len(amounts) >= 200 and max(rights) - min(rights) < 0.6,
          f"the Amount column is right-aligned ({min(rights):.2f}..{max(rights):.2f})")
    edge = PAPER["a4"][0] - DEFAULT_MARGINS[1]
    check(max(w.x1 for w in words) <= edge + 0.6, "the table stays in the measure")
    # A row taller than a page goes on over pages, under the header, and
    # stays inside the text block.
    tall = os.path.join(workdir, "tall.md")
    r = random.Random(5)
    with open(tall, "w", encoding="utf-8") as f:
        f.write("| Colhead | B | C |\n|---|---|--:|\n| tallbeg | "
                + " ".join(r.choice(BODY_VOCAB) for _ in range(4000))
                + " tallend | 3 |\n| after | short | 4 |\n")
    tpath, _ = convert(workdir, "tall", [tall])
    twords = [w for w in pdf_words(tpath) if in_text_block(w)]
    beg, end = find(twords, "tallbeg"), find(twords, "tallend")
    check(beg and end and end[0].page > beg[0].page, f"a row taller than a page goes on ({beg} {end})")
    if beg and end:
        for page in range(beg[0].page, end[0].page + 1):
            check(len([w for w in twords if w.page == page and w.text == "Colhead"]) == 1,
                  f"the tall row's page {page} has the header")
            pgm = os.path.join(workdir, f"tall-{page}")
            run("pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page),
                "-singlefile", tpath, pgm)
            bad = inked_outside(pgm + ".pgm", "a4", DEFAULT_MARGINS, 50)
            check(not bad, f"tall row page {page}: nothing outside the margins ({bad[:3]})")
    for page in (1, 2, pages):
        pgm = os.path.join(workdir, f"table-{page}")
        run("pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page),
            "-singlefile", path, pgm)
        bad = inked_outside(pgm + ".pgm", "a4", DEFAULT_MARGINS, 50)
        check(not bad, f"table page {page}: nothing outside the margins ({bad[:3]})")


# ----------------------------------------------------------------- notes
BODY_VOCAB = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
NOTE_VOCAB = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho"]


def make_notes(path, seed=11):
    """Paragraphs of body words with references 'refmark' + note; each
    note's words are from another vocabulary, marked nbeg<L> … nend<L>.
    Note n1, near the top of the first page, runs to some 46 lines, more
    than the half of a page a foot may take but less than two halves; note 'twice' is referred
    to twice. Returns the labels in order of first reference (note N is
    labels[N - 1]) and the label of each reference in order."""
    r = random.Random(seed)
    out, defs, labels, order = ["# Notes", ""], [], [], []
    label = 0
    for p in range(60):
        words = [r.choice(BODY_VOCAB) for _ in range(r.choice([20, 60, 110]))]
        if p % 3 == 1:
            label += 1
            words.insert(r.randrange(len(words)), f"refmark[^n{label}]")
            labels.append(str(label))
            order.append(str(label))
            size = r.choice([6, 20, 45])
            if label == 1:
                size = 1000
            body = " ".join(r.choice(NOTE_VOCAB) for _ in range(size))
            defs.append(f"[^n{label}]: nbeg{label} {body} nend{label}")
        if p in (41, 50):
            words.insert(0, "refmark[^twice]")
            order.append("twice")
            if "twice" not in labels:
                labels.append("twice")
        out += [" ".join(words), ""]
    defs.append("[^twice]: nbegtwice uno dos tres\n\n    cuatro second paragraph nendtwice")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out + [""] + defs) + "\n")
    return labels, order


def check_notes(workdir):
    src = os.path.join(workdir, "notes.md")
    labels, order = make_notes(src)
    path, proc = convert(workdir, "notes", [src])
    check("warning" not in proc.stderr, f"notes: no warnings: {proc.stderr.strip()}")
    words = [w for w in pdf_words(path) if in_text_block(w)]
    body = [w for w in words if w.text.rstrip(".,") in BODY_VOCAB or w.text.startswith("refmark")]
    notes = [w for w in words if w.text.rstrip(".,") in NOTE_VOCAB or w.text.startswith("nbeg")
             or w.text.startswith("nend")]
    marked = note_refs(words, r"refmark")
    numbers = [n for _, n, _ in marked]
    want = [labels.index(label) + 1 for label in order]
    check(numbers == want, f"notes: references numbered in order, the second to a note "
          f"the same ({numbers})")
    for page in sorted({w.page for w in words}):
        b = [w.y1 for w in body if w.page == page]
        t = [w.y0 for w in notes if w.page == page]
        if b and t:
            check(min(t) > max(b), f"notes: page {page}: the notes under all the text")
    body_h = sorted(w.height for w in body)[len(body) // 2]
    note_h = sorted(w.height for w in notes)[len(notes) // 2]
    check(note_h < 0.9 * body_h, f"notes: in smaller type ({note_h:.1f} < {body_h:.1f})")
    done = set()
    for ref, number, _ in marked:
        if number in done:
            continue
        done.add(number)
        key = labels[number - 1]
        beg = find(words, rf"nbeg{key}")
        end = find(words, rf"nend{key}\.?")
        check(len(beg) == 1 and len(end) == 1, f"note {key} is set once ({beg}, {end})")
        if not beg or not end:
            continue
        check(beg[0].page == ref.page, f"note {key} starts on its reference's page "
              f"({beg[0].page}, {ref.page})")
        if key == "1":
            check(end[0].page == ref.page + 1, f"the long note goes on to the next page "
                  f"({ref.page} to {end[0].page})")
            # There it comes first, above the page's own notes.
            others = [w for w in find(words, r"nbeg\d+") if w.page == ref.page + 1]
            rest = [w for w in notes if w.page == ref.page + 1]
            check(rest and all(w.y0 > min(x.y0 for x in rest) for w in others),
                  f"the long note's rest is first at the next page's foot ({others})")
        else:
            check(end[0].page == ref.page, f"note {key} ends on its page")
    twice = find(words, r"cuatro")
    check(find(words, "nbegtwice") and twice and any(
        w.y0 - find(words, "nbegtwice")[0].y1 > 4 for w in twice
        if w.page == find(words, "nbegtwice")[0].page),
          "a note's second paragraph is a paragraph of its own")
    pages = int(pdfinfo(path)["Pages"])
    for page in range(1, pages + 1):
        pgm = os.path.join(workdir, f"notes-{page}")
        run("pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page),
            "-singlefile", path, pgm)
        bad = inked_outside(pgm + ".pgm", "a4", DEFAULT_MARGINS, 50)
        check(not bad, f"notes page {page}: nothing outside the margins ({bad[:3]})")


# ------------------------------------------------------------------ huge
def timed(workdir, name, text):
    import time
    src = os.path.join(workdir, name + ".md")
    with open(src, "w", encoding="utf-8") as f:
        f.write(text)
    start = time.monotonic()
    path, proc = convert(workdir, name, [src], expect_ok=False)
    took = time.monotonic() - start
    print(f"{name}: {took:.2f}s")
    check(proc.returncode == 0, f"{name}: converted ({proc.returncode}: {proc.stderr[-300:]})")
    return took, path


def rows_table(n):
    return "| a | b |\n|--:|:-:|\n" + "".join(f"| {i} | x{i} |\n" for i in range(n))


def notes_doc(n):
    return ("".join(f"Text with a note.[^{i}]\n\n" for i in range(n))
            + "".join(f"[^{i}]: Note {i}.\n" for i in range(n)))


def check_huge(workdir):
    cols = 1000
    took, path = timed(workdir, "wide", "| " + " | ".join(f"h{i}" for i in range(cols))
                       + " |\n|" + "---|" * cols + "\n| "
                       + " | ".join(f"c{i}" for i in range(cols)) + " |\n")
    check(took < 120, f"a {cols}-column table in {took:.1f}s")
    small, _ = timed(workdir, "rows-10k", rows_table(10_000))
    big, path = timed(workdir, "rows-100k", rows_table(100_000))
    check(big < 30 * max(small, 0.2), f"100,000 rows in {big:.1f}s, 10,000 in {small:.1f}s: linear")
    text = run("pdftotext", "-f", str(int(pdfinfo(path)["Pages"])), path, "-")
    check("x99999" in text, "the last of 100,000 rows is set")
    small, _ = timed(workdir, "notes-2k", notes_doc(2_000))
    big, path = timed(workdir, "notes-20k", notes_doc(20_000))
    check(big < 30 * max(small, 0.2), f"20,000 notes in {big:.1f}s, 2,000 in {small:.1f}s: linear")
    text = run("pdftotext", "-f", str(int(pdfinfo(path)["Pages"])), path, "-")
    check("Note 19999." in text, "the last of 20,000 notes is set")

# ----------------------------------------------------------------- print
def write_png(path, width, height, rgb):
    """A plain PNG of one colour (zlib only: no imaging library)."""
    import struct
    import zlib
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def line_ends_hyphenated(text):
    return [l for l in text.splitlines() if re.search(r"[a-z]-$", l.rstrip())]


def read_ppm(path):
    return read_netpbm(path, b"P6", 3)


def ink_of(ppm, w, dpi):
    """The darkest colour inside word @w's box, the commonest of those
    (a stroke's fully covered pixels are its colour; antialiased edges
    are lighter)."""
    width, height, px = ppm
    counts = collections.Counter()
    for y in range(int(w.y0 * dpi / 72), min(height, int(w.y1 * dpi / 72) + 1)):
        for x in range(int(w.x0 * dpi / 72), min(width, int(w.x1 * dpi / 72) + 1)):
            rgb = px[3 * (y * width + x):3 * (y * width + x) + 3]
            if sum(rgb) < 400:
                counts[tuple(rgb)] += 1
    if not counts:
        return None
    darkest = min(sum(rgb) for rgb in counts)
    return max((n, rgb) for rgb, n in counts.items() if sum(rgb) <= darkest + 12)[1]


def check_colors(workdir):
    """Each block is set in its style's colour (styles.ini): the subtitle
    and the back matter muted, a pull quote in the accent, the text in
    the body's ink."""
    path, _ = convert(workdir, "colors", [SAMPLE], "-F", "pull-quote")
    dpi = 150
    words = pdf_words(path)
    want = {"Movimiento": (0x6b, 0x64, 0x5c), "York": (0xa3, 0x20, 0x1c),
            "immigrant": (0x1d, 0x1b, 0x19), "lightly": (0x6b, 0x64, 0x5c)}
    pages = {}
    for text, rgb in want.items():
        found = find(words, re.escape(text))
        if not check(found, f"colours: no word {text!r}"):
            continue
        w = found[0]
        if w.page not in pages:
            prefix = os.path.join(workdir, f"colors-{w.page}")
            run("pdftoppm", "-r", str(dpi), "-f", str(w.page), "-l", str(w.page),
                "-singlefile", path, prefix)
            pages[w.page] = read_ppm(prefix + ".ppm")
        ink = ink_of(pages[w.page], w, dpi)
        check(ink is not None and all(abs(a - b) <= 6 for a, b in zip(ink, rgb)),
              f"colours: {text!r} (page {w.page}) set in {ink}, its style says {rgb}")


def check_print(workdir):
    """What paper needs: printed link addresses, a cover page, a missing
    image's frame, hyphenation by the document's language only."""
    check_colors(workdir)
    write_png(os.path.join(workdir, "cover.png"), 60, 80, (163, 32, 28))
    src = os.path.join(workdir, "print.md")
    body = ("Read [the toolkit](https://www.example.org/caf%C3%A9/menu%20a?x=1) "
            "or <https://example.org/plain>, or [write](mailto:ed@example.org).\n\n"
            "![A crowd outside a store](missing-photo.jpg)\n\nThe end.\n")
    with open(src, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Paper\ncover-image: cover.png\n---\n\n" + body)
    bare = os.path.join(workdir, "bare.md")
    with open(bare, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Paper\n---\n\n" + body)
    path, proc = convert(workdir, "print", [src])
    plain, _ = convert(workdir, "bare", [bare])
    pages, plain_pages = int(pdfinfo(path)["Pages"]), int(pdfinfo(plain)["Pages"])
    check(pages == plain_pages + 1, f"cover-image: a page of its own ({pages} against {plain_pages})")
    check(run("pdftotext", "-f", "1", "-l", "1", path, "-").strip() == "",
          "cover-image: the cover page has no text (no running head, no folio)")
    text = run("pdftotext", "-f", "2", path, "-")
    flat = re.sub(r"\s+", " ", text)
    check("(www.example.org/café/menu%20a?x=1)" in flat,
          f"links: the address printed after the text, decoded: {flat[:160]!r}")
    check("%C3%A9" not in flat and "(https://" not in flat, "links: no percent-escapes, no scheme")
    check(flat.count("example.org/plain") == 1, "links: an autolink's address is not repeated")
    check("(ed@example.org)" in flat, "links: a mail address printed without mailto:")
    lines = [l.strip() for l in text.splitlines()]
    check("A crowd outside a store" in lines,
          "missing image: its description on a line of its own (the frame)")
    check("frame" in proc.stderr, f"missing image: the warning says what stands in: {proc.stderr.strip()}")
    # Pixels: the frame's shade is drawn round the description.
    pgm = gray_page(path, 2, 50, workdir, "print-page")
    _, _, pixels = pgm
    shade = sum(1 for v in pixels if 230 <= v <= 245)
    check(shade > 7000, f"missing image: a shaded frame ({shade} shade pixels)")
    # Hyphenation: by the document's patterns; a language with none installed
    # gets none, without an error; the headline never.
    default, _ = convert(workdir, "hyph-en", [SAMPLE])
    none, proc = convert(workdir, "hyph-none", [SAMPLE], "-M", "lang=qaa")
    # -layout: every printed line as printed (without it, pdftotext joins
    # the halves of a hyphenated word where it reads two lines as one
    # paragraph, which depends on the order the text was drawn in).
    check(len(line_ends_hyphenated(run("pdftotext", "-layout", default, "-"))) >= 3,
          "hyphenation: the sample (en-US) has hyphenated line ends")
    check(not line_ends_hyphenated(run("pdftotext", "-layout", none, "-")) and "warning" not in proc.stderr,
          "hyphenation: a language without patterns gets none, and no warning")
    off, _ = convert(workdir, "hyph-off", [SAMPLE], "-O", "hyphenate=false")
    check(not line_ends_hyphenated(run("pdftotext", "-layout", off, "-")),
          "hyphenate=false: no hyphens")
    title = os.path.join(workdir, "title.md")
    with open(title, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Internationalization Notwithstanding Extraordinarily "
                "Uncharacteristically Incomprehensible Responsibilities\n---\n\nText.\n")
    # A note typed all in emphasis keeps the italic of its italic block.
    note = os.path.join(workdir, "note.md")
    with open(note, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Note\nspeakers:\n  - id: A\n    name: Ann\n    role: interviewer\n"
                "  - id: B\n    name: Bob\n    role: interviewee\n---\n\nA: Question?\n\n"
                "B: Answer.\n\n* * *\n\n*This interview has been edited.*\n")
    noted, _ = convert(workdir, "note", [note])
    check("Italic" in run("pdffonts", noted), "an all-italic note stays italic")
    head, _ = convert(workdir, "title", [title])
    first = run("pdftotext", "-layout", "-l", "1", head, "-").split("Text.")[0]
    check(len([l for l in first.splitlines() if l.strip()]) >= 2 and not line_ends_hyphenated(first),
          f"hyphenation: never in a headline: {first.strip()!r}")


# ------------------------------------------------------------------- toc
TOOLKIT = [os.path.join(SOURCE, "samples", p) for p in (
    "interview.md", "toolkit/day-of-action.md", "toolkit/one-on-ones.md")]
BOOK_TITLE = "We Won\u2019t Be Complicit: A Toolkit"


def md_headings(path, depth):
    """The ATX headings of a Markdown file down to @depth, outside code."""
    found, fence = [], False
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            fence = not fence
        m = re.match(r"(#{1,6}) +(.*?) *#* *$", line)
        if m and not fence and len(m.group(1)) <= depth:
            found.append((len(m.group(1)), m.group(2)))
    return found


def front_title(path):
    m = re.search(r"^title: *(.*)$", open(path, encoding="utf-8").read(), re.M)
    return m.group(1).strip().strip("\"'") if m else None


def pdf_object(data, number):
    m = re.search(rb"(?:^|\n)%d 0 obj\s*(.*?)endobj" % number, data, re.S)
    return m.group(1) if m else b""


def page_links(path):
    """Per page (in order), its internal links top to bottom as (top,
    destination name), read from cairo's uncompressed objects."""
    data = open(path, "rb").read()
    root = re.search(rb"/Type /Pages\s*/Kids \[([^\]]*)\]", data)
    pages = [int(n) for n in re.findall(rb"(\d+) 0 R", root.group(1))]
    links = []
    for page in pages:
        obj = pdf_object(data, page)
        annots = re.search(rb"/Annots \[([^\]]*)\]", obj)
        found = []
        for n in re.findall(rb"(\d+) 0 R", annots.group(1) if annots else b""):
            a = pdf_object(data, int(n))
            dest = re.search(rb"/Dest \((.*?)\)", a)
            rect = re.search(rb"/Rect \[ *([-\d.]+) +([-\d.]+) +([-\d.]+) +([-\d.]+)", a)
            if dest and rect:
                found.append((-float(rect.group(4)), dest.group(1).decode()))
        links.append(sorted(found))
    return links


def named_dests(path):
    """Destination name -> page, from pdfinfo -dests."""
    return {m.group(2): int(m.group(1))
            for m in re.finditer(r'^\s*(\d+) \[.*\] "(.*)"$', run("pdfinfo", "-dests", path), re.M)}


def pages_text(path):
    return run("pdftotext", path, "-").split("\f")


def contents_entries(path, page):
    """(title, number) per entry line of the contents on @page."""
    text = run("pdftotext", "-layout", "-f", str(page), "-l", str(page), path, "-")
    return [(m.group(1).strip(), int(m.group(2)))
            for m in re.finditer(r"^ *(\S.*?) {2,}(\d+) *$", text, re.M)
            if not m.group(1).strip().isdigit()]


def norm(text):
    return " ".join(text.replace("\u2019", "'").split())


def check_contents(path, name, want, contents_page):
    """The contents on @contents_page list @want (titles, in order), each
    with the page where pdftotext finds it and its link's destination is;
    every entry links to a destination that exists."""
    pages = pages_text(path)
    check("Contents" in pages[contents_page - 1], f"{name}: \"Contents\" on page {contents_page}")
    got = contents_entries(path, contents_page)
    check([norm(t) for t, _ in got] == [norm(t) for t in want],
          f"{name}: every entry, in order: {got} (want {want})")
    dests = named_dests(path)
    links = []
    for _, dest in page_links(path)[contents_page - 1]:
        if not links or links[-1] != dest:
            links.append(dest)
    check(len(links) == len(got), f"{name}: a link per entry ({len(links)} for {len(got)})")
    for (title, number), dest in zip(got, links):
        check(dest in dests, f"{name}: “{title}” links to an existing destination ({dest})")
        check(dests.get(dest) == number,
              f"{name}: “{title}” says page {number}, its destination is on {dests.get(dest)}")
        body = pages[number - 1] if 0 < number <= len(pages) else ""
        check(number > contents_page and norm(title).lower() in norm(body).lower(),
              f"{name}: “{title}” is on page {number}, as listed")
    return got


def check_leaders(path, workdir):
    """On the contents page: each entry's number flush with the text
    block's right edge, dots between the entry and its number, nothing
    outside the margins."""
    right = PAPER["a4"][0] - DEFAULT_MARGINS[1]
    page = [w for w in pdf_words(path) if w.page == 1]
    dpi = 150
    width, _, pixels = gray_page(path, 1, dpi, workdir, "toc-gray")
    s = dpi / 72
    for title in ("Three weeks out", "Roles", "One week out", "On the day"):
        last = [w for w in page if w.text == title.split()[-1]]
        number = [w for w in page if last and w.text.isdigit()
                  and abs(w.y1 - last[0].y1) < 1 and w.x0 > last[0].x1]
        if not check(last and number, f"contents: “{title}” and its number on one line"):
            continue
        last, number = last[0], number[0]
        check(abs(number.x1 - right) < 1, f"contents: “{title}”'s number at the right edge "
              f"({number.x1:.1f}, the edge {right:.1f})")
        # The dots sit on the baseline: look in the lower half of the line.
        rows = range(int((last.y0 + last.y1) / 2 * s), int(last.y1 * s) + 1)
        inked = {x for x in range(int((last.x1 + 2) * s), int((number.x0 - 2) * s))
                 for y in rows if pixels[y * width + x] < 200}
        gap = (number.x0 - last.x1) * s
        dots = len([x for x in inked if x - 1 not in inked])
        check(dots >= gap / (4.6 * s) - 3, f"contents: dot leaders after “{title}” "
              f"({dots} dots in {gap / s:.0f} pt)")
    run("pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1", "-singlefile", path,
        os.path.join(workdir, "toc-margins"))
    bad = inked_outside(os.path.join(workdir, "toc-margins.pgm"), "a4", DEFAULT_MARGINS, 50)
    check(not bad, f"contents: nothing outside the margins ({bad[:3]})")


def check_toc(workdir):
    day = TOOLKIT[1]
    plain, _ = convert(workdir, "plain", [day])
    same = [convert(workdir, n, [day], *extra)[0] for n, extra in (
        ("toc-false", ["-O", "toc=false"]), ("depth-only", ["--toc-depth", "2"]))]
    for other in same:
        check(open(plain, "rb").read() == open(other, "rb").read(),
              f"without --toc the same bytes ({os.path.basename(other)})")

    path, proc = convert(workdir, "toc", [day], "--toc")
    again, _ = convert(workdir, "toc-again", [day], "--toc")
    check(open(path, "rb").read() == open(again, "rb").read(), "--toc twice: the same bytes")
    check("table of contents" not in proc.stderr, f"--toc is taken by the pdf writer: {proc.stderr}")
    check(proc.stderr.count("warning") == convert(workdir, "plain", [day])[1].stderr.count("warning"),
          "the rehearsal warns nothing more")
    first = pages_text(path)[0]
    check(first.find(front_title(day)[:20]) < first.find("Contents"),
          "the contents under the title block")
    check_contents(path, "day-of-action", [t for _, t in md_headings(day, 3)], 1)
    # The text after the contents page reads as without it.
    opening = "".join(words("A day of action works"))
    streams = ["".join(words(" ".join(body_text(p)))) for p in (path, plain)]
    check(opening in streams[1] and streams[0].split(opening, 1)[-1] == streams[1].split(opening, 1)[-1]
          and streams[0].count(opening) == 1,
          "the text after the contents page is the text without it")
    two, _ = convert(workdir, "depth1", [day], "--toc", "--toc-depth", "1")
    check([t for t, _ in contents_entries(two, 1)] == [t for l, t in md_headings(day, 1)],
          "--toc-depth 1 lists the level-1 headings only")
    check_leaders(path, workdir)
    spanish, _ = convert(workdir, "toc-es", [day], "--toc", "-M", "lang=es")
    check("Índice" in pages_text(spanish)[0], "lang=es: the contents are an “Índice”")
    run("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", path, os.path.join(workdir, "toc"))

    book, _ = convert(workdir, "book", TOOLKIT, "--toc", "-M", "title=" + BOOK_TITLE)
    want = []
    for part in TOOLKIT:
        want.append(front_title(part))
        want += [t for _, t in md_headings(part, 3)]
    check(BOOK_TITLE.split(":")[0] in pages_text(book)[0] and "Contents" not in pages_text(book)[0],
          "the book's title page first")
    check_contents(book, "toolkit", want, 2)
    plain_book, _ = convert(workdir, "plain-book", TOOLKIT, "-M", "title=" + BOOK_TITLE)
    a, b = pages_text(book), pages_text(plain_book)
    check(len(a) == len(b) + 1 and all(norm(x).rsplit(" ", 1)[0] == norm(y).rsplit(" ", 1)[0]
                                       for x, y in zip(a[2:], b[1:]) if x.strip()),
          "the book's pages after its contents are as without it, a folio on")
    run("pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2", book, os.path.join(workdir, "book"))

    out, proc = convert(workdir, "bad-depth", [day], "-O", "toc=true", "-O", "toc-depth=9",
                        expect_ok=False)
    check(proc.returncode != 0 and not os.path.exists(out), "toc-depth=9 is refused, no file")


# ----------------------------------------------------------------- layer
def qpdf_check(path):
    """qpdf --check's findings on @path: empty when it finds the file's
    structure sound (its cross-reference table, every object where the
    table says, every stream decoding)."""
    proc = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    if proc.returncode == 0 and "No syntax or stream encoding errors" in proc.stdout:
        return ""
    return (proc.stdout + proc.stderr).strip()


def places(words):
    """(page, word) -> the word's top left corners there, in order."""
    out = collections.defaultdict(list)
    for w in words:
        out[(w.page, w.text)].append((round(w.y0, 1), w.x0))
    return {k: sorted(v) for k, v in out.items()}


def check_layer(workdir):
    """The text layer (pdf-own.c, the default) against cairo drawing the
    text (text-layer=cairo): the same text where the same words are, the
    same pages to the eye, fonts of its own, a sound file."""
    if shutil.which("qpdf") is None:
        missing_tool("qpdf (Debian: qpdf)")
    own, _ = convert(workdir, "own", [SAMPLE])
    drawn, _ = convert(workdir, "cairo", [SAMPLE], "-O", "text-layer=cairo")
    # (the comparisons below mean something only if the option is obeyed)
    check(open(drawn, "rb").read().count(b"%%EOF") == 1
          and open(own, "rb").read().count(b"%%EOF") == 2,
          "text-layer=cairo writes cairo's file alone; the default adds the update")
    bad, proc = convert(workdir, "bad-layer", [SAMPLE], "-O", "text-layer=pango", expect_ok=False)
    check(proc.returncode != 0 and not os.path.exists(bad) and "cairo, prensa" in proc.stderr,
          f"text-layer=pango is refused, naming the choices, no file: {proc.stderr.strip()}")
    for mode in ("-layout", "-raw"):
        a, b = run("pdftotext", mode, own, "-"), run("pdftotext", mode, drawn, "-")
        check(a == b and len(a) > 5000, f"pdftotext {mode}: the same text either way")
    fonts = run("pdffonts", own).splitlines()[2:]
    ours = [l.split()[0].split("+")[-1] for l in fonts if "Identity-H" in l]
    check({"TeXGyrePagella-Regular", "TeXGyrePagella-Italic", "Inter-Bold"} <= set(ours),
          f"the body's faces are the layer's Type 0 fonts: {ours}")
    check(len(ours) == len(set(ours)), f"each face once in the layer: {ours}")
    check(all(l.split()[-5:-2] == ["yes", "yes", "yes"] for l in fonts if "Identity-H" in l),
          "each embedded, subset, with a ToUnicode map")
    check("text-layer=cairo" not in run("pdfinfo", own) and
          "Pages:           3" in run("pdfinfo", own), "pdfinfo reads the updated file: 3 pages")
    # To the eye: the pages at 50 dpi, pixel by pixel (glyphs rasterized
    # from another font program differ at their edges only).
    for page in (1, 2):
        _, _, pa = gray_page(own, page, 50, workdir, f"own-{page}")
        _, _, pb = gray_page(drawn, page, 50, workdir, f"cairo-{page}")
        far = sum(1 for x, y in zip(pa, pb) if abs(x - y) > 96)
        inked = sum(1 for y in pb if y < 128)
        check(len(pa) == len(pb) and inked > 5000 and far < inked // 50,
              f"page {page}: the same to the eye ({far} pixels far apart of {inked} inked)")
    # A sound file, also where cairo's own is not: 2000 links make cairo
    # 1.16 list structure elements it never wrote at other objects'
    # offsets, which the update's table frees.
    check(qpdf_check(own) == "", f"qpdf --check: the sample sound: {qpdf_check(own)}")
    src = os.path.join(workdir, "links.md")
    with open(src, "w", encoding="utf-8") as f:
        f.write("# Links\n\n" + "".join(f"word{i} [link{i}](http://example.org/{i}) and more\n"
                                         for i in range(2000)))
    linked, _ = convert(workdir, "links", [src])
    check(qpdf_check(linked) == "", f"qpdf --check: 2000 links sound: {qpdf_check(linked)[:300]}")
    data = open(linked, "rb").read()
    check(len(set(re.findall(rb"/URI \(http://example.org/(\d+)\)", data))) == 2000,
          "every link live with the text drawn by the layer")
    check(data.count(b"%%EOF") == 2 and b"/Prev " in data,
          "the text is cairo's file and one incremental update")
    # All the text is the layer's: notes' numbers and a contents page's
    # folios too, so no face is embedded twice (once by cairo).
    rota = os.path.join(SOURCE, "samples", "toolkit", "rota.md")
    noted, _ = convert(workdir, "noted", [rota], "-O", "toc=true")
    fonts = run("pdffonts", noted).splitlines()[2:]
    check(fonts and all("Identity-H" in l for l in fonts),
          f"notes and contents: every font the layer's: {[l.split()[0] for l in fonts]}")
    # Images: the update reads cairo's file without the bodies of its
    # streams (pdf-own.c keeps only their lengths), so a file of JPEG and
    # PNG images, the streams most of it, must come out as sound, with
    # every image, as cairo's.
    corpus = os.path.join(SOURCE, "tests", "plugins", "epub", "corpus", "images")
    pictures = os.path.join(workdir, "pictures.md")
    with open(pictures, "w", encoding="utf-8") as f:
        f.write("# Pictures\n\n" + "".join(
            f"Before picture {i}.\n\n![Picture {i}]({name})\n\n"
            for i, name in enumerate(["cover.jpg", "landscape.jpg", "chart.png"] * 3)))
    pa, _ = convert(workdir, "pictures", [pictures], "--resource-path", corpus)
    pb, _ = convert(workdir, "pictures-cairo", [pictures], "--resource-path", corpus,
                    "-O", "text-layer=cairo")
    # (each row but its object number, which differs: cairo numbers its
    # fonts' objects among the images')
    listed = [run("pdfimages", "-list", path).splitlines()[2:] for path in (pa, pb)]
    images = [[row.split()[:10] + row.split()[12:] for row in rows] for rows in listed]
    check(len(images[0]) >= 9 and images[0] == images[1],
          f"every image in the updated file as in cairo's: {len(images[0])} and {len(images[1])}")
    # Each file shown three times at one size is decoded once and
    # embedded once: three image objects for the nine placements.
    objects = {row.split()[10] for row in listed[0]}
    check(len(objects) == 3, f"each picture embedded once: objects {sorted(objects)}")
    check(qpdf_check(pa) == "", f"qpdf --check: images sound: {qpdf_check(pa)[:300]}")
    check(run("pdftotext", "-layout", pa, "-") == run("pdftotext", "-layout", pb, "-")
          and "Before picture 8." in run("pdftotext", pa, "-"),
          "the pictures' text the same either way")
    # Scripts and fonts of other kinds: CID-keyed CFF (Noto CJK, whose
    # CIDs are its glyph numbers), TrueType fallbacks (DejaVu), ligatures.
    scripts = os.path.join(workdir, "scripts.md")
    with open(scripts, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Scripts\nlang: en\n---\n\n"
                "Ligatures: office, final, affluent, \u201cquotes\u201d \u2014 dashes.\n\n"
                "\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059\u3002"
                "\u4e2d\u6587\uff1a\u6211\u4eec\u4e0d\u4f1a\u540c\u6d41\u5408\u6c61\u3002"
                "\ud55c\uad6d\uc5b4 \ubb38\uc7a5\uc785\ub2c8\ub2e4.\n\n"
                "Greek: \u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1. "
                "Cyrillic: \u041f\u0440\u0438\u0432\u0435\u0442. "
                "Vietnamese: Ti\u1ebfng Vi\u1ec7t. Boxes: \u2610 \u2612.\n")
    sa, _ = convert(workdir, "scripts", [scripts])
    # (cairo 1.16's own subsetting of a CID-keyed CFF font leaks 768 bytes
    # a face, a leak LeakSanitizer finds in this run and in no run of the
    # layer's: its leak check is off for this one conversion alone)
    no_leak_check = {"ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0"}
    sb, _ = convert(workdir, "scripts-cairo", [scripts], "-O", "text-layer=cairo",
                    env_extra=no_leak_check)
    text = run("pdftotext", "-layout", sa, "-")
    check(text == run("pdftotext", "-layout", sb, "-") and "\u6211\u4eec" in text
          and "Ti\u1ebfng" in text and "office" in text,
          f"scripts: the same text either way: {text.strip()[:200]!r}")
    cjk = [l for l in run("pdffonts", sa).splitlines() if "CJK" in l]
    check(cjk and all("(OT)" in l for l in cjk),
          f"scripts: the CJK faces (CID-keyed CFF) in the layer: {cjk}")
    _, _, pa = gray_page(sa, 1, 50, workdir, "scripts-own")
    _, _, pb = gray_page(sb, 1, 50, workdir, "scripts-cairo")
    far = sum(1 for x, y in zip(pa, pb) if abs(x - y) > 96)
    inked = sum(1 for y in pb if y < 128)
    check(inked > 500 and far < inked // 50,
          f"scripts: the same to the eye ({far} pixels far apart of {inked} inked)")
    # Files nobody here wrote: Node.js's API docs (Debian's nodejs), each
    # the same words in the same places either way, and sound.
    api = "/usr/share/doc/nodejs/api"
    docs = [os.path.join(api, n + ".md") for n in ("process", "n-api", "stream")]
    docs = [d for d in docs if os.path.exists(d)]
    check(docs or not in_ci(), "the Node.js API docs (Debian's nodejs) are installed")
    for doc in docs:
        name = os.path.basename(doc)[:-3]
        a, _ = convert(workdir, name, [doc])
        b, _ = convert(workdir, name + "-cairo", [doc], "-O", "text-layer=cairo")
        # (each word's places in order: pdftotext reads words in an order
        # of its own making. The same place is within half a point across:
        # cairo gives its subsets' widths in whole thousandths of an em and
        # keeps its own count of where a glyph falls from the unrounded
        # advances, so its text drifts along a line, 0.37 pt at the end of
        # a heading in n-api.md; the layer writes a number wherever a
        # glyph would fall half a thousandth of an em or more from its
        # place.)
        wa, wb = places(pdf_words(a)), places(pdf_words(b))
        moved = [k for k in wb if len(wa.get(k, [])) != len(wb[k])
                 or any(abs(p[0] - q[0]) > 0.15 or abs(p[1] - q[1]) > 0.5
                        for p, q in zip(wa[k], wb[k]))]
        count = sum(map(len, wb.values()))
        check(wa.keys() == wb.keys() and not moved and count > 10000,
              f"{name}.md: the same {count} words in the same places either way "
              f"(moved: {moved[:5]})")
        check(qpdf_check(a) == "", f"qpdf --check: {name}.md sound: {qpdf_check(a)[:300]}")


CHECKS = {
    "toc": check_toc,
    "print": check_print,
    "rota": check_rota,
    "table": check_table,
    "notes": check_notes,
    "huge": check_huge,
    "justify": check_justify,
    "text": check_text,
    "info": check_info,
    "structure": check_structure,
    "margins": check_margins,
    "pagination": check_pagination,
    "long": check_long,
    "layer": check_layer,
}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in CHECKS:
        sys.exit(__doc__ or "usage: pdf-check.py CHECK WORKDIR")
    need("pdftotext", "pdfinfo", "pdftoppm", "pdffonts")
    os.makedirs(sys.argv[2], exist_ok=True)
    CHECKS[sys.argv[1]](sys.argv[2])
    finish()
