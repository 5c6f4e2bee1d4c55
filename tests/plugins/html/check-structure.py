#!/usr/bin/env python3
# check-structure.py: the page, interview markup and options of the HTML
# writer, checked on the sample and the corpus.
# SPDX-License-Identifier: LGPL-2.1-or-later
import base64
import os
import re
import tempfile
from collections import Counter

import htmltest
from htmltest import parse

R = htmltest.Results()
check = R.check
EDGE = os.path.join(htmltest.CORPUS, "interview-edge.md")
PLAIN = os.path.join(htmltest.CORPUS, "interview-no-front-matter.md")
COMMONMARK = os.path.join(htmltest.CORPUS, "commonmark.md")


def meta(doc, name):
    return [m.attrs.get("content") for m in doc.find_all("meta")
            if m.attrs.get("name") == name]


def check_head(html, doc):
    check(html.startswith("<!DOCTYPE html>\n<html lang=\"en-US\">\n"),
          "doctype and lang from metadata")
    check(doc.find("meta").attrs.get("charset") == "utf-8",
          "charset is the first meta")
    check(doc.find("title").text() == "We Won’t Be Complicit", "title")
    check(meta(doc, "author") == ["Sarah Jaffe"], "author meta")
    check(meta(doc, "description")[0].startswith("Sarah Jaffe talks to"),
          "description meta")
    check(meta(doc, "keywords") == ["Immigration, Labor, Amazon, Interviews"],
          "keywords from subject")
    check(meta(doc, "dcterms.date") == ["2018-07-17"], "date meta")
    styles = "".join(s.text() for s in doc.find_all("style"))
    check("@page" in styles and "@bottom-center" in styles
          and "orphans" in styles, "print stylesheet embedded")
    check("size: A4" in styles, "papersize sets the page size")


def check_header(article):
    header = article.find("header")
    check(header is not None and header.parent is article, "article header")
    check(header.find("h1", "title").text() == "We Won’t Be Complicit",
          "headline")
    check(header.find("p", "subtitle").text().startswith("Cata Santiago of"),
          "subtitle")
    byline = header.find("p", "byline")
    check(byline.find("span", "interviewer").text() == "Sarah Jaffe"
          and byline.find("span", "interviewee").text() == "Cata Santiago",
          "byline names interviewer and interviewee")
    time = header.find("time")
    check(time.attrs.get("datetime") == "2018-07-17"
          and time.text() == "July 17, 2018", "dateline")


def check_turns(article):
    turns = article.find_all("div", "turn")
    check(len(turns) == 14, f"14 turns (got {len(turns)})")
    speakers = [t.attrs.get("data-speaker") for t in turns]
    check(speakers == ["SJ", "CS"] * 7, "turns alternate SJ, CS")
    check(all(("question" in t.classes) == (t.attrs.get("data-role") == "interviewer")
              for t in turns), "interviewer turns are questions")
    check(all("answer" in t.classes for t in turns[1::2]), "answers")
    labels = [t.elements()[0].elements()[0] for t in turns]
    check(all(b.tag == "b" and "speaker" in b.classes for b in labels),
          "every turn opens with a b.speaker in its first paragraph")
    check(labels[0].text() == "Sarah Jaffe:" and labels[1].text() == "Cata Santiago:",
          "first labels give full names")
    check(labels[2].text() == "SJ:" and labels[2].find("abbr").attrs.get("title")
          == "Sarah Jaffe", "later labels give the id, expanded by abbr")
    first = turns[0].elements()[0].text()
    check(first.startswith("Sarah Jaffe: We are talking because Cosecha"),
          "label then the speaker's words")


def check_sample():
    html = htmltest.prensa(htmltest.SAMPLE)
    doc = parse(html)
    check_head(html, doc)
    main = doc.find("main")
    article = main.find("article", "interview")
    check(article is not None and article.parent is main, "main > article.interview")
    check_header(article)
    standfirst = article.find("div", "standfirst")
    check(standfirst is not None and standfirst.text().strip().startswith(
        "In this week’s episode"), "standfirst")
    check_turns(article)
    back = article.find("footer", "back-matter")
    check(back is not None and back.text().strip()
          == "This interview has been lightly edited for clarity.",
          "back matter in a footer")
    check(article.elements()[-1] is back, "back matter comes last")
    check("<hr" not in html.split("</style>")[-1], "break before back matter dropped")
    check(html.endswith("</main>\n</body>\n</html>\n"), "page closes")


def check_labels():
    for choice, first, later in (("name", "Sarah Jaffe:", "Sarah Jaffe:"),
                                 ("id", "SJ:", "SJ:"), ("first", "Sarah Jaffe:", "SJ:")):
        doc = parse(htmltest.prensa(htmltest.SAMPLE, "labels=" + choice, "fragment"))
        labels = [b.text() for b in doc.find_all("b", "speaker")]
        check(labels[0] == first and labels[2] == later, f"labels={choice}")
    doc = parse(htmltest.prensa(htmltest.SAMPLE, "labels=none", "fragment"))
    check(not doc.find_all("b", "speaker") and len(doc.find_all("div", "turn")) == 14,
          "labels=none keeps turns, drops labels")


def check_fragment():
    html = htmltest.prensa(htmltest.SAMPLE, "fragment")
    check(html.startswith("<article class=\"interview\">\n<header>"),
          "fragment starts with the article")
    check(not re.search(r"<(html|head|body|main|style|title)\b", html),
          "fragment has no page wrapper")


def check_edge():
    html = htmltest.prensa(EDGE)
    doc = parse(html)
    check("<title>Edge cases: turns &amp; labels</title>" in html, "title escaped")
    check("<html lang=\"en-GB\">" in html, "lang en-GB")
    check(doc.find("time").text() == "5 November 2021", "British date")
    byline = doc.find("p", "byline").text()
    check(byline == "Maria Writer talks to Tomás Printer", f"byline: {byline}")
    turns = doc.find_all("div", "turn")
    roles = Counter(t.attrs.get("data-role") for t in turns)
    check(roles["other"] >= 1 and all("remark" in t.classes for t in turns
                                      if t.attrs.get("data-role") == "other"),
          "other speakers' turns are remarks")
    check("<em>raw inline HTML</em>" in html, "raw inline HTML passes through")
    check(doc.find("div", "standfirst") is not None
          and len(doc.find("div", "standfirst").find_all("p")) == 2,
          "two-paragraph standfirst")
    line = doc.find("p", "speaker-line")
    check(line is not None and line.text() == "AUD:"
          and line.parent.elements()[1].tag == "ul",
          "a turn opening with a list gets its label on a line of its own")
    check(doc.find("footer", "back-matter").find("img") is not None,
          "image in back matter")
    for turn in turns:
        first = turn.elements()[0]
        check(first.tag == "p" and first.find("b", "speaker") is not None,
              "every turn shows its label first")


def check_plain():
    # No front matter: the speakers come from the Q:/A: labels.
    html = htmltest.prensa(PLAIN)
    doc = parse(html)
    check("<html lang=\"en\">" in html, "default lang")
    check(doc.find("title").text() == "Talking shop", "title from first heading")
    check(len(doc.find_all("div", "turn")) == 4, "Q:/A: labels make four turns")
    check(doc.find("footer", "back-matter") is not None, "the note after * * * is back matter")
    # -M turns=labelled: no inference, an ordinary document as written.
    html = htmltest.prensa(PLAIN, extra=("-M", "turns=labelled"))
    doc = parse(html)
    check(doc.find("div", "document") is not None and not doc.find_all("div", "turn"),
          "turns=labelled: an ordinary document")
    check(doc.find("article") is None, "no article without a headline")


def check_commonmark():
    html = htmltest.prensa(COMMONMARK)
    doc = parse(html)
    ids = [e.attrs["id"] for e in doc.iter() if "id" in e.attrs]
    check(len(ids) == len(set(ids)), f"ids unique: {ids}")
    headings = [e for e in doc.iter() if re.fullmatch(r"h[1-6]", e.tag)
                and e.parent.tag != "header"]
    check(all("id" in h.attrs for h in headings), "every heading has an id")
    check(parse(htmltest.prensa(COMMONMARK)).find("h2").attrs == doc.find("h2").attrs,
          "ids are stable")
    check("<div class=\"raw-block\">\n<p>A raw HTML block passes through "
          "<em>as it is</em>.</p>\n</div>" in html, "raw block passes through")
    check("<kbd>Ctrl</kbd>" in html, "raw inline passes through")
    check("&lt;not a tag&gt;" in html and "5 &lt; 6 &gt; 4 &amp;" in html,
          "text escaped")
    check(doc.find("p", "byline").text() == "By Ada Example and Grace Sample",
          "byline of authors")
    imgs = doc.find_all("img")
    check(imgs and all(i.attrs["src"] == "checker.png" for i in imgs),
          "images keep their address by default")


def check_toc():
    doc = parse(htmltest.prensa(COMMONMARK, "toc", "toc-depth=6"))
    nav = doc.find("nav", "toc")
    check(nav is not None, "toc option adds a nav")
    links = [a.attrs["href"][1:] for a in nav.find_all("a")]
    ids = {e.attrs.get("id") for e in doc.iter()}
    check(len(links) == 10 and all(i in ids for i in links),
          f"toc with toc-depth=6 links every heading ({len(links)})")
    shallow = parse(htmltest.prensa(COMMONMARK, "toc")).find("nav", "toc")
    check(shallow is not None and len(shallow.find_all("a")) < len(links),
          "toc-depth is 3 by default, as in pandoc")
    check(nav.find("ol").find("ol") is not None, "toc nests by level")
    check(parse(htmltest.prensa(htmltest.SAMPLE, "toc")).find("nav") is None,
          "no toc without headings")


def check_resources():
    with open(os.path.join(htmltest.CORPUS, "checker.png"), "rb") as f:
        png = f.read()
    doc = parse(htmltest.prensa(COMMONMARK, "embed-resources"))
    srcs = [i.attrs["src"] for i in doc.find_all("img")]
    prefix = "data:image/png;base64,"
    check(srcs and all(s.startswith(prefix) for s in srcs), "images inlined")
    check(base64.b64decode(srcs[0][len(prefix):]) == png, "inlined bytes")
    with tempfile.TemporaryDirectory() as tmp:
        css = os.path.join(tmp, "house.css")
        with open(css, "w", encoding="utf-8") as f:
            f.write(".speaker { color: teal; }\n")
        linked = parse(htmltest.prensa(htmltest.SAMPLE, "css=" + css))
        hrefs = [l.attrs.get("href") for l in linked.find_all("link")]
        check(hrefs == [css], "css=FILE is linked")
        embedded = htmltest.prensa(htmltest.SAMPLE, "css=" + css, "embed-resources")
        check("<style>\n.speaker { color: teal; }\n</style>" in embedded
              and "<link" not in embedded, "css=FILE embedded")
        only = htmltest.prensa(htmltest.SAMPLE, "css=" + css, "default-css=false")
        check("@bottom-center" not in only and "house.css" in only,
              "default-css=false leaves the built-in stylesheet out")


def check_parts():
    html = htmltest.prensa([htmltest.SAMPLE, EDGE])
    doc = parse(html)
    articles = doc.find_all("article")
    check(len(articles) == 2, "one article per input")
    check(articles[1].find("h1", "title").text() == "Edge cases: turns & labels",
          "later parts show their own front matter")


for test in (check_sample, check_labels, check_fragment, check_edge,
             check_plain, check_commonmark, check_toc, check_resources,
             check_parts):
    try:
        test()
    except Exception as e:  # a crash in one group should not hide the others
        R.check(False, f"{test.__name__} raised {type(e).__name__}: {e}")
R.finish()
