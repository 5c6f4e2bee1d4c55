#!/usr/bin/env python3
"""A book of several inputs has its own identity (README, "EPUB, and
toolkits built from several documents").

The README's toolkit command gives an EPUB whose identifier, title,
creators and rights are the book's, not the interview's (the first
input's), byte-identical across two runs with one SOURCE_DATE_EPOCH,
epubcheck-clean, and listed by calibre (ebook-meta) under the -M title
alone. Without -M title the book takes its first part's title and nothing
else of it; the identifier made from the content changes when an input
does; DOCX core properties and the PDF's metadata carry the book's title;
every part still opens (HTML, txt, PDF) with its own title, subtitle and
byline. A single input keeps its front matter as the book's."""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, finish, in_ci, missing_tool  # noqa: E402

PRENSA = os.environ["PRENSA"]
ROOT = os.environ["PRENSA_SOURCE_ROOT"]
EPOCH = "1700000000"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
BOOK_TITLE = "We Won’t Be Complicit: A Toolkit"
PART_ONE = "We Won’t Be Complicit"
SUBTITLE = "Cata Santiago of Movimiento Cosecha on the campaign to make Amazon stop working with ICE"
PARTS = [
    # (title, subtitle, byline) each part's own front matter gives
    (PART_ONE, SUBTITLE, "Sarah Jaffe talks to Cata Santiago"),
    ("Planning a Local Day of Action", "A checklist for small groups with a few weeks’ notice",
     "By Prensa Samples Collective"),
    ("One-on-One Conversations", "How organizers turn a contact into a relationship",
     "By Prensa Samples Collective"),
]


def front_matter(path, key):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"(?m)^%s: (.*)$" % key, text.split("\n---", 1)[0])
    return m.group(1).strip() if m else None


def readme_command():
    """The toolkit command as the README gives it, as an argument list."""
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    section = readme.split("### EPUB, and toolkits built from several documents", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    args = shlex.split(block.replace("\\\n", " "))
    check(args[0] == "build/core/prensa", "the README's toolkit command runs prensa: %r" % args[:1])
    return args[1:]


def run(args, out, cwd=ROOT, env_extra=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, **(env_extra or {}))
    p = subprocess.run([PRENSA] + args + ["-o", out], cwd=cwd, env=env, capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit("prensa %s failed: %s" % (" ".join(args), p.stderr))
    return out


def opf(path):
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".opf"))
        meta = ET.fromstring(z.read(name)).find("opf:metadata", NS)
        title_page = z.read("EPUB/title.xhtml").decode() if "EPUB/title.xhtml" in z.namelist() else ""

    def texts(tag):
        return [e.text for e in meta.findall("dc:" + tag, NS)]
    return {k: texts(k) for k in ("identifier", "title", "creator", "contributor", "rights",
                                  "subject", "description", "date", "publisher")}, title_page


def epubcheck(path):
    jar = shutil.which("epubcheck") or "/usr/bin/epubcheck"
    if shutil.which("java") is None or not os.path.exists(jar):
        missing_tool("epubcheck (Debian package epubcheck)")
    p = subprocess.run(["java", "-jar", os.path.realpath(jar), path], capture_output=True, text=True)
    summary = re.search(r"Messages: (\d+) fatals / (\d+) errors / (\d+) warnings", p.stdout + p.stderr)
    check(p.returncode == 0 and summary is not None and summary.groups() == ("0", "0", "0"),
          "epubcheck: %s" % (summary.group(0) if summary else (p.stdout + p.stderr)[-400:]))


def ebook_meta(path):
    if shutil.which("ebook-meta") is None:
        missing_tool("ebook-meta (Debian package calibre)")
    # offscreen: calibre renders the title page for a cover thumbnail.
    p = subprocess.run(["ebook-meta", path], capture_output=True, text=True,
                       env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    fields = {}
    for line in p.stdout.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip()
    return fields


def pdfinfo(path):
    if shutil.which("pdfinfo") is None:
        missing_tool("pdfinfo (poppler-utils)")
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", path], capture_output=True, text=True,
                         check=True).stdout
    return dict((k.strip(), v.strip()) for k, v in
                (line.split(":", 1) for line in out.splitlines() if ":" in line))


def pdf_pages(path):
    out = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", p) for p in out.split("\f")]


def docx_core(path):
    with zipfile.ZipFile(path) as z:
        core = ET.fromstring(z.read("docProps/core.xml"))
    return {e.tag.split("}")[1]: (e.text or "") for e in core}


def untag(text):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def check_epub(tmp, args):
    interview = os.path.join(ROOT, "samples", "interview.md")
    own_id = front_matter(interview, "identifier")
    own_rights = front_matter(interview, "rights")
    a, b = run(args, os.path.join(tmp, "a.epub")), run(args, os.path.join(tmp, "b.epub"))
    check(open(a, "rb").read() == open(b, "rb").read(),
          "two runs with one SOURCE_DATE_EPOCH give the same EPUB bytes")
    meta, title_page = opf(a)
    print("OPF:", meta)
    ident = meta["identifier"]
    check(len(ident) == 1 and re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-"
                                           r"[89ab][0-9a-f]{3}-[0-9a-f]{12}", ident[0] or ""),
          "the book has one content-made urn:uuid identifier: %r" % ident)
    check(own_id not in ident, "the book's identifier is not the interview's own (%s)" % own_id)
    check(meta["title"] == [BOOK_TITLE], "dc:title is the book's title alone: %r" % meta["title"])
    check(meta["creator"] == [], "the book names no creator it was not given: %r" % meta["creator"])
    check("Sarah Jaffe" in meta["contributor"], "the interview's author contributed to the book")
    check(meta["rights"] == [] and own_rights not in title_page,
          "the interview's rights are not the book's: %r" % meta["rights"])
    for key in ("subject", "description", "date", "publisher"):
        check(meta[key] == [], "dc:%s is the book's (none given), not the interview's: %r"
              % (key, meta[key]))
    check(SUBTITLE not in title_page and "Sarah Jaffe" not in title_page,
          "the title page shows none of part one's subtitle or byline")
    epubcheck(a)
    fields = ebook_meta(a)
    print("ebook-meta:", fields)
    check(fields.get("Title") == BOOK_TITLE, "calibre lists the book's title alone: %r"
          % fields.get("Title"))
    check(fields.get("Author(s)", "Unknown").startswith("Unknown"),
          "calibre credits the book to nobody it was not given: %r" % fields.get("Author(s)"))
    return ident[0]


def check_given(tmp, args):
    """-M and --metadata-file are the book's metadata, and no part's."""
    meta_file = os.path.join(tmp, "book.yaml")
    with open(meta_file, "w", encoding="utf-8") as f:
        f.write("subtitle: Three guides\nrights: CC BY 4.0\nidentifier: urn:isbn:9780000000002\n"
                "author: [Ed Itor]\n")
    out = run(args + ["--metadata-file", meta_file, "-M", "author=Ann Editor"],
              os.path.join(tmp, "given.epub"))
    meta, title_page = opf(out)
    check(meta["identifier"] == ["urn:isbn:9780000000002"], "a given identifier is the book's")
    check(meta["title"] == [BOOK_TITLE, "Three guides"], "the book's own subtitle: %r" % meta["title"])
    check(meta["creator"] == ["Ann Editor"], "-M author is the book's creator: %r" % meta["creator"])
    check(meta["rights"] == ["CC BY 4.0"], "the metadata file's rights: %r" % meta["rights"])
    check("Three guides" in title_page and "By Ann Editor" in title_page,
          "the title page shows the book's subtitle and authors")
    html = run(args + ["--metadata-file", meta_file, "-t", "html"], os.path.join(tmp, "given.html"))
    text = open(html, encoding="utf-8").read()
    check(text.count("Three guides") == 1, "the book's subtitle heads the book, not each part")


def check_untitled(tmp, args):
    """Without -M title the book takes part one's title, and nothing else."""
    untitled = []
    for a in args:
        if a.startswith("title=") and untitled[-1:] == ["-M"]:
            untitled.pop()
        else:
            untitled.append(a)
    check(untitled != args, "the README's command has a -M title to leave out")
    out = run(untitled, os.path.join(tmp, "untitled.epub"))
    meta, title_page = opf(out)
    check(meta["title"] == [PART_ONE], "the untitled book takes part one's title alone: %r"
          % meta["title"])
    check(meta["creator"] == [] and meta["rights"] == [], "and not its author or rights")
    check(SUBTITLE not in title_page, "nor its subtitle on the title page")
    fields = ebook_meta(out)
    check(fields.get("Title") == PART_ONE, "calibre lists part one's title alone: %r"
          % fields.get("Title"))
    inputs = [a for a in untitled if a.endswith(".md")]
    for fmt in ("docx", "pdf"):
        path = run(inputs + ["-t", fmt], os.path.join(tmp, "untitled." + fmt))
        if fmt == "docx":
            core = docx_core(path)
            check(core.get("title") == PART_ONE, "DOCX dc:title is part one's title: %r"
                  % core.get("title"))
            check(core.get("creator", "") == "", "DOCX names no creator: %r" % core.get("creator"))
        else:
            info = pdfinfo(path)
            check(info.get("Title") == PART_ONE, "PDF Title is part one's: %r" % info.get("Title"))
            check(SUBTITLE not in info.get("Subject", "") and "Author" not in info,
                  "the PDF's subject and author are not part one's: %r" % info)
    return untitled


def check_identifier_moves(tmp, args, first_id):
    """The identifier comes from the inputs' content: change one, a new one."""
    copies = []
    for a in args:
        if a.endswith(".md"):
            target = os.path.join(tmp, "copy", os.path.relpath(a, "samples"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy(os.path.join(ROOT, a), target)
            copies.append(target)
        else:
            copies.append(a)
    same = opf(run(copies, os.path.join(tmp, "same.epub")))[0]["identifier"]
    check(same == [first_id], "the same inputs elsewhere give the same identifier: %r" % same)
    last = [c for c in copies if c.endswith(".md")][-1]
    text = open(last, encoding="utf-8").read()
    with open(last, "w", encoding="utf-8") as f:
        f.write(text.replace("half an hour", "forty minutes", 1))
    moved = opf(run(copies, os.path.join(tmp, "moved.epub")))[0]["identifier"]
    check(moved != [first_id], "changing one input's text changes the identifier")
    with open(last, "w", encoding="utf-8") as f:
        f.write(text.replace("title: One-on-One Conversations", "title: One-to-One Conversations"))
    retitled = opf(run(copies, os.path.join(tmp, "retitled.epub")))[0]["identifier"]
    check(retitled not in ([first_id], moved), "changing a part's front matter changes it too")


def check_print(tmp, args):
    """DOCX, PDF, HTML and txt: the book's title in the properties and at
    the head; every part's own title, subtitle and byline at its opening."""
    inputs = [a for a in args if a.endswith(".md")]
    given = ["-M", "title=" + BOOK_TITLE]
    core = docx_core(run(inputs + given + ["-t", "docx"], os.path.join(tmp, "book.docx")))
    check(core.get("title") == BOOK_TITLE, "DOCX dc:title is the book's: %r" % core.get("title"))
    check(SUBTITLE not in core.get("description", "") and core.get("creator", "") == ""
          and core.get("identifier", "") == "",
          "DOCX core properties take nothing of part one: %r" % core)
    pdf = run(inputs + given + ["-t", "pdf"], os.path.join(tmp, "book.pdf"))
    info = pdfinfo(pdf)
    check(info.get("Title") == BOOK_TITLE, "PDF Title is the book's: %r" % info.get("Title"))
    check(SUBTITLE not in info.get("Subject", "") and "Author" not in info,
          "the PDF's subject and author are not part one's: %r" % info)
    pages = pdf_pages(pdf)
    check(BOOK_TITLE.split(":")[0] in pages[0] and SUBTITLE.split(" on ")[0] not in pages[0],
          "the PDF opens with the book's headline, without part one's subtitle: %r" % pages[0][:200])
    for title, subtitle, byline in PARTS:
        opening = next((p for p in pages[1:] if title in p and subtitle in p), None)
        check(opening is not None and byline in opening,
              "a PDF page opens %r with its subtitle and byline" % title)

    html = open(run(inputs + given + ["-t", "html"], os.path.join(tmp, "book.html")),
                encoding="utf-8").read()
    headers = [untag(h) for h in re.findall(r"<header>(.*?)</header>", html, re.S)]
    check(headers[:1] == [BOOK_TITLE], "the HTML page opens with the book's title alone: %r"
          % headers[:1])
    for title, subtitle, byline in PARTS:
        check(any(h == " ".join((title, subtitle, byline)) or
                  h.startswith(" ".join((title, subtitle, byline))) for h in headers[1:]),
              "an HTML part opens with its own %r, subtitle and byline" % title)
    check(re.search(r"<title>([^<]*)</title>", html).group(1) == BOOK_TITLE,
          "the HTML <title> is the book's")

    txt = open(run(inputs + given + ["-t", "txt", "-O", "wrap=0"], os.path.join(tmp, "book.txt")),
               encoding="utf-8").read()
    check(txt.startswith("=" * len(BOOK_TITLE) + "\n" + BOOK_TITLE + "\n"),
          "the txt opens with the book's title: %r" % txt[:80])
    for title, subtitle, byline in PARTS:
        block = "%s\n%s\n%s\n\n%s\n\n%s" % ("=" * len(title), title, "=" * len(title), subtitle,
                                             byline)
        check(block in txt, "the txt opens %r with its subtitle and byline" % title)


def check_single(tmp):
    """One input: its front matter is the book's, as before."""
    interview = os.path.join("samples", "interview.md")
    meta, _ = opf(run([interview, "-t", "epub"], os.path.join(tmp, "one.epub")))
    check(meta["identifier"] == [front_matter(os.path.join(ROOT, interview), "identifier")],
          "a single input keeps its own identifier")
    check(meta["title"] == [PART_ONE, SUBTITLE], "and its title and subtitle: %r" % meta["title"])
    check(meta["creator"] == ["Sarah Jaffe"], "and its author: %r" % meta["creator"])
    meta, _ = opf(run([interview, "-t", "epub", "-M", "title=Retitled"],
                      os.path.join(tmp, "one-m.epub")))
    check(meta["title"] == ["Retitled", SUBTITLE], "-M title replaces a single input's title only")


def main():
    args = readme_command()
    with tempfile.TemporaryDirectory() as tmp:
        args = [a for i, a in enumerate(args) if a != "-o" and (i == 0 or args[i - 1] != "-o")]
        check(BOOK_TITLE in " ".join(args), "the README's command titles the book %r" % BOOK_TITLE)
        first_id = check_epub(tmp, args)
        check_given(tmp, args)
        check_untitled(tmp, args)
        check_identifier_moves(tmp, args, first_id)
        check_print(tmp, args)
        check_single(tmp)
    finish()


if __name__ == "__main__":
    main()
