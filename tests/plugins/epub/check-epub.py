#!/usr/bin/env python3
# check-epub.py: runs prensa's EPUB writer and checks what it made.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Tests for the EPUB writer.

  check-epub.py epubcheck NAME [prensa arguments…]
      Builds NAME.epub and requires epubcheck to report 0 fatals, 0 errors,
      0 warnings (and exit 0). Without epubcheck: skipped (77), but failed
      when CI=true, so CI always validates.
  check-epub.py corpus        links, ids, raw HTML and warnings
  check-epub.py structure     container, metadata, markup of the sample
  check-epub.py reproducible  SOURCE_DATE_EPOCH gives identical bytes
  check-epub.py rota          model 2: tables, pop-up footnotes, <del>,
                              task items (rota.md alone and in a toolkit)
  check-epub.py notes         footnote references in odd places (raw
                              HTML, links, headings, cells, other chapters)

Environment (set by meson): PRENSA, PRENSA_SOURCE_ROOT.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
from checklib import SKIP, check, failures  # noqa: E402

ROOT = os.environ.get('PRENSA_SOURCE_ROOT',
                      os.path.join(os.path.dirname(__file__), '..', '..', '..'))
PRENSA = os.environ.get('PRENSA', 'prensa')
SAMPLE = os.path.join(ROOT, 'samples', 'interview.md')
TOOLKIT = [SAMPLE,
           os.path.join(ROOT, 'samples', 'toolkit', 'day-of-action.md'),
           os.path.join(ROOT, 'samples', 'toolkit', 'one-on-ones.md')]
CORPUS_DIR = os.path.join(ROOT, 'tests', 'plugins', 'epub', 'corpus')
CORPUS = [os.path.join(CORPUS_DIR, 'everything.md'),
          os.path.join(CORPUS_DIR, 'second.md'),
          os.path.join(CORPUS_DIR, 'raw-html.md')]
ROTA = os.path.join(ROOT, 'samples', 'toolkit', 'rota.md')
NOTES = [os.path.join(CORPUS_DIR, 'notes.md')]
EPOCH = '1531785600'  # 2018-07-17T00:00:00Z

NS = {
    'opf': 'http://www.idpf.org/2007/opf',
    'dc': 'http://purl.org/dc/elements/1.1/',
    'x': 'http://www.w3.org/1999/xhtml',
    'epub': 'http://www.idpf.org/2007/ops',
    'ncx': 'http://www.daisy.org/z3986/2005/ncx/',
}
def finish():
    if failures:
        print(f'{len(failures)} check(s) failed')
        return 1
    print('ok')
    return 0


def build(out, inputs, *extra, epoch=EPOCH):
    env = dict(os.environ)
    if epoch is None:
        env.pop('SOURCE_DATE_EPOCH', None)
    else:
        env['SOURCE_DATE_EPOCH'] = epoch
    cmd = [PRENSA, *inputs, '-t', 'epub', '-o', out, *extra]
    run = subprocess.run(cmd, env=env, capture_output=True, text=True)
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        print('FAIL:', ' '.join(cmd), 'exited with', run.returncode)
        sys.exit(1)
    return run.stderr


def find_epubcheck():
    jar = shutil.which('epubcheck') or '/usr/bin/epubcheck'
    java = shutil.which('java')
    if java and os.path.exists(jar):
        return [java, '-jar', os.path.realpath(jar)]
    return None


def epubcheck(name, args):
    command = find_epubcheck()
    if command is None:
        if os.environ.get('CI') == 'true':
            print('FAIL: epubcheck (Debian package epubcheck) is missing and CI=true')
            return 1
        print('SKIP: epubcheck is not installed')
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, name + '.epub')
        report = os.path.join(tmp, 'report.json')
        build(book, args)
        run = subprocess.run([*command, book, '--json', report],
                             capture_output=True, text=True)
        print(run.stdout, run.stderr, sep='')
        if not check(os.path.exists(report), 'epubcheck wrote no report'):
            return finish()
        with open(report, encoding='utf-8') as f:
            result = json.load(f)
    counts = result['checker']
    for message in result['messages']:
        print(message['severity'], message['ID'], message['message'],
              [loc.get('path') for loc in message.get('locations', [])])
    print('fatals', counts['nFatal'], 'errors', counts['nError'],
          'warnings', counts['nWarning'])
    check(run.returncode == 0, f'epubcheck exited with {run.returncode}')
    for key in ('nFatal', 'nError', 'nWarning'):
        check(counts[key] == 0, f'epubcheck {key} = {counts[key]}')
    return finish()


def xml_entries(z):
    """Every XML entry parsed: each must be well-formed."""
    trees = {}
    for name in z.namelist():
        if name.endswith(('.xhtml', '.opf', '.ncx', '.xml')):
            try:
                trees[name] = ET.fromstring(z.read(name))
            except ET.ParseError as e:
                check(False, f'{name} is not well-formed: {e}')
    return trees


def check_links(z, trees):
    """Every href in a content document reaches a file and id in the book."""
    ids = {}
    for name, tree in trees.items():
        if name.endswith('.xhtml'):
            found = [e.get('id') for e in tree.iter() if e.get('id')]
            check(len(found) == len(set(found)), f'{name} repeats an id')
            ids[os.path.basename(name)] = set(found)
    names = set(z.namelist())
    count = 0
    for name, tree in trees.items():
        if not name.endswith('.xhtml'):
            continue
        for e in tree.iter():
            for attr in ('href', 'src'):
                value = e.get(attr)
                if value is None or re.match(r'^[a-z]+:', value):
                    continue
                count += 1
                path, _, frag = value.partition('#')
                target = os.path.basename(path) if path else os.path.basename(name)
                full = 'EPUB/' + path if path else name
                check(full in names, f'{name}: {attr}={value} names no file')
                if frag:
                    check(frag in ids.get(target, ()),
                          f'{name}: {attr}={value} names no id')
    return count


def chapter_text(z, trees):
    return '\n'.join(z.read(n).decode('utf-8') for n in sorted(trees)
                     if os.path.basename(n).startswith('chapter-'))


def corpus():
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, 'corpus.epub')
        # A book's cover is its own (-M), not its first input's.
        warnings = build(book, CORPUS, '-M', 'cover-image=images/cover.jpg')
        z = zipfile.ZipFile(book)
        trees = xml_entries(z)
        links = check_links(z, trees)
        check(links > 20, f'only {links} internal references checked')
        text = chapter_text(z, trees)
        names = z.namelist()
    # Dangling links: plain text and a warning each, never a broken href.
    for url in ('#no-such-heading', 'missing.md', 'second.md#no-such-place',
                'notes.pdf', 'javascript:void(0)', 'javascript:alert(1)'):
        # (the loader itself may turn away javascript: links, in its words)
        check(url in warnings, f'no warning for the link to {url}')
    check('A link to nowhere, to a missing file' in text,
          'dangling links did not become plain text')
    check('images/missing.png' in warnings and 'remote.png' in warnings,
          'missing and remote images were not reported')
    # Raw HTML: kept where valid, dropped with a warning where not.
    for dropped in ('<script>', '<iframe>', 'onclick', 'style attribute',
                    '<blink>', 'id “note-box”, used before'):
        check(dropped in warnings, f'no warning about {dropped}')
    for absent in ('<script', '<iframe', 'onclick', 'style=', 'javascript:',
                   '<font', '<blink'):
        check(absent not in text, f'{absent} reached the book')
    for kept in ('<abbr title="identifier">id</abbr>', '<kbd>Ctrl</kbd>',
                 'H<sub>2</sub>O', '<th scope="col">Tool</th>',
                 '<span id="inline-anchor">', 'class="note" id="note-box"'):
        check(kept in text, f'valid raw HTML lost: {kept}')
    # Links across chapters and inputs, and the alias for a later input's
    # own heading whose anchor got a suffix.
    check(re.search(r'href="chapter-\d+\.xhtml#lists"', text) is not None,
          'no link rewritten to the Lists chapter')
    check(re.search(r'href="chapter-\d+\.xhtml#lists-1">this link', text),
          "the second input's #lists did not reach its own heading")
    check(re.search(r'href="chapter-\d+\.xhtml#arrival">a heading there', text),
          'cross-document link second.md#arrival not rewritten')
    # Images: each file once, the cover marked, media types by content.
    check('EPUB/images/cover.jpg' in names, 'no cover image')
    check(sum(n.endswith('.png') for n in names) == 1, 'the PNG is not stored once')
    # Mended raw HTML: dl groups made whole, one caption per figure.
    check('<dl><dt></dt><dd>a description without a term</dd>'
          '<dt>a term without a description</dt><dd></dd></dl>' in text,
          'description list groups not mended')
    check('<figcaption>last caption</figcaption></figure>' in text and
          '<figcaption>second caption' not in text, 'figure captions')
    check('<figure class="image"><img src="images/' in text and
          '<figcaption aria-hidden="true">A green hill under a sun</figcaption>' in text,
          'an image alone in its paragraph did not become a figure captioned by its description')
    return finish()


def opf_metadata(trees):
    opf = trees['EPUB/package.opf']
    return opf, opf.find('opf:metadata', NS)


def roles(metadata):
    """{name: [roles]} from dc:creator/dc:contributor and their refinements."""
    by_id = {}
    for tag in ('dc:creator', 'dc:contributor'):
        for e in metadata.findall(tag, NS):
            by_id['#' + e.get('id')] = (e.text, [])
    for meta in metadata.findall('opf:meta', NS):
        if meta.get('property') == 'role' and meta.get('refines') in by_id:
            check(meta.get('scheme') == 'marc:relators', 'role without marc scheme')
            by_id[meta.get('refines')][1].append(meta.text)
    return {name: r for name, r in by_id.values()}


def check_container(path):
    z = zipfile.ZipFile(path)
    first = z.infolist()[0]
    check(first.filename == 'mimetype', f'first entry is {first.filename}')
    check(first.compress_type == zipfile.ZIP_STORED, 'mimetype is compressed')
    check(first.extra == b'', 'mimetype has an extra field')
    check(z.read('mimetype') == b'application/epub+zip', 'wrong mimetype')
    if shutil.which('unzip'):
        listing = subprocess.run(['unzip', '-l', path], capture_output=True,
                                 text=True).stdout.splitlines()
        entries = [line.split()[-1] for line in listing
                   if re.match(r'^\s*\d+\s+\d{4}-\d\d-\d\d', line)]
        check(entries and entries[0] == 'mimetype', 'unzip -l: mimetype not first')
        verbose = subprocess.run(['unzip', '-v', path], capture_output=True,
                                 text=True).stdout
        check(re.search(r'^\s*20\s+Stored\s+20\s.*\smimetype$', verbose, re.M),
              'unzip -v: mimetype not stored')
    return z


def structure():
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, 'interview.epub')
        build(book, [SAMPLE])
        z = check_container(book)
        trees = xml_entries(z)
        check_links(z, trees)
        opf, metadata = opf_metadata(trees)
        text = chapter_text(z, trees)
        nav = trees['EPUB/nav.xhtml']
        ncx = trees['EPUB/toc.ncx']
        split0 = os.path.join(tmp, 'split0.epub')
        build(split0, CORPUS, '-O', 'split-level=0')
        n_split0 = sum(n.startswith('EPUB/chapter-') for n in zipfile.ZipFile(split0).namelist())
        split2 = os.path.join(tmp, 'split2.epub')
        build(split2, CORPUS, '-O', 'split-level=2', '-O', 'title-page=false')
        names2 = zipfile.ZipFile(split2).namelist()
        french = os.path.join(tmp, 'french.epub')
        build(french, [SAMPLE], '-M', 'lang=fr')
        zf = zipfile.ZipFile(french)
        fr_nav = zf.read('EPUB/nav.xhtml').decode('utf-8')
        fr_title = zf.read('EPUB/title.xhtml').decode('utf-8')
        en_title = z.read('EPUB/title.xhtml').decode('utf-8')
        chapter = z.read('EPUB/chapter-001.xhtml').decode('utf-8')
        css = z.read('EPUB/css/epub.css').decode('utf-8')
        # Emphasis in the italic standfirst and back matter.
        with open(SAMPLE, encoding='utf-8') as f:
            source = f.read()
        source = source.replace('Movimiento Cosecha, an immigrant',
                                '*Movimiento Cosecha*, an immigrant')
        source = source.replace('This interview has been lightly edited for clarity.',
                                'This interview first ran on *Belabored*.\n\n'
                                '*It has been lightly edited for clarity.*')
        emph_md = os.path.join(tmp, 'emph.md')
        with open(emph_md, 'w', encoding='utf-8') as f:
            f.write(source)
        emph = os.path.join(tmp, 'emph.epub')
        build(emph, [emph_md])
        emph_text = zipfile.ZipFile(emph).read('EPUB/chapter-001.xhtml').decode('utf-8')
    dc = lambda tag: [e.text for e in metadata.findall(tag, NS)]
    props = {}
    for meta in metadata.findall('opf:meta', NS):
        if meta.get('property') and not meta.get('refines'):
            props.setdefault(meta.get('property'), []).append(meta.text)
    check(opf.get('version') == '3.0', 'not EPUB 3')
    check(dc('dc:identifier') == ['urn:uuid:6f1c2a52-8e0b-4d55-9a3e-2f6c5b1d7e90'],
          'identifier not taken from the metadata')
    check(dc('dc:title') == ['We Won’t Be Complicit', 'Cata Santiago of Movimiento '
                             'Cosecha on the campaign to make Amazon stop working with ICE'],
          f'titles: {dc("dc:title")}')
    check(dc('dc:language') == ['en-US'], 'language')
    check(dc('dc:subject') == ['Immigration', 'Labor', 'Amazon', 'Interviews'], 'subjects')
    check(dc('dc:publisher') == ['prensa samples'], 'publisher')
    check(len(dc('dc:rights')) == 1 and len(dc('dc:description')) == 1, 'rights, description')
    check(roles(metadata) == {'Sarah Jaffe': ['aut', 'ivr'], 'Cata Santiago': ['ive']},
          f'creator roles: {roles(metadata)}')
    check(props.get('dcterms:modified') == ['2018-07-17T00:00:00Z'],
          f'dcterms:modified: {props.get("dcterms:modified")}')
    for key in ('schema:accessMode', 'schema:accessModeSufficient',
                'schema:accessibilityFeature', 'schema:accessibilityHazard',
                'schema:accessibilitySummary'):
        check(key in props, f'no {key}')
    # Navigation: toc and landmarks in the nav, the same uid in the NCX.
    types = [e.get('{%s}type' % NS['epub']) for e in nav.iter('{%s}nav' % NS['x'])]
    check(types == ['toc', 'landmarks'], f'nav types {types}')
    uid = [m.get('content') for m in ncx.iter('{%s}meta' % NS['ncx'])
           if m.get('name') == 'dtb:uid']
    check(uid == dc('dc:identifier'), 'NCX uid differs from the identifier')
    # Interview markup.
    check(text.count('<div class="turn question">') == 7, 'question turns')
    check(text.count('<div class="turn answer">') == 7, 'answer turns')
    check('<div class="standfirst">' in text and '<div class="back-matter">' in text,
          'standfirst or back matter missing')
    check('<b class="speaker">Sarah Jaffe:</b>' in text and
          '<b class="speaker">SJ:</b>' in text, 'speaker labels')
    check('* * *' not in text, 'the break before the back matter was kept')
    # The chapter opens as the other formats open the piece: headline,
    # dek, byline and date, then the standfirst.
    opener = re.search(r'<section class="chapter"[^>]*>\n<header class="opener">\n'
                       r'<h1 class="title">(.*?)</h1>\n<p class="subtitle">(.*?)</p>\n'
                       r'<p class="byline">(.*?)</p>\n<p class="dateline">(.*?)</p>\n'
                       r'</header>\n<div class="standfirst">', chapter)
    check(opener is not None and opener.groups() == (
        'We Won’t Be Complicit', 'Cata Santiago of Movimiento Cosecha on the campaign '
        'to make Amazon stop working with ICE', 'Sarah Jaffe talks to Cata Santiago',
        'July 17, 2018'), f'chapter opener: {opener and opener.groups()}')
    # Emphasis in an italic block is roman, but a whole paragraph's is the
    # block's own italic.
    check('<em>Movimiento Cosecha</em>' in emph_text and '<em>Belabored</em>' in emph_text
          and '<em class="whole">It has been lightly edited for clarity.</em>' in emph_text,
          'emphasis in the standfirst and back matter')
    rules = re.sub(r'/\*.*?\*/', '', css, flags=re.S)
    for block in ('.standfirst', '.back-matter', 'blockquote'):
        check(re.search(r'%s em,?[^{]*\{\s*font-style: normal;' % re.escape(block), rules),
              f'epub.css: emphasis in {block} is roman')
        check(re.search(r'%s em.whole[^{]*\{\s*font-style: italic;' % re.escape(block), rules),
              f'epub.css: a whole paragraph of emphasis in {block} stays italic')
    # One family for headlines: the serif the HTML and PDF set them in.
    check(re.search(r'\.opener \.title,[^{]*\{\s*font-family: "TeX Gyre Pagella"', rules)
          is not None or re.search(r'\.title-block \.title,\s*\.opener \.title,[^{]*\{\s*'
                                   r'font-family: "TeX Gyre Pagella"', rules) is not None,
          'epub.css: the headline in the HTML\'s serif')
    # split-level: 0 gives one file per input; 2 splits more than 1 does.
    check(n_split0 == 3, f'split-level=0 made {n_split0} chapters')
    n_split2 = sum(n.startswith('EPUB/chapter-') for n in names2)
    check(n_split2 > 12, f'split-level=2 made {n_split2} chapters')
    check('EPUB/title.xhtml' not in names2, 'title-page=false kept the title page')
    # The words the writer adds are in the book's language (prensa_word).
    check('<h1>Table des matières</h1>' in fr_nav and '>Page de titre</a>' in fr_nav
          and '>Début du contenu</a>' in fr_nav, 'lang=fr: nav words not French')
    # The byline as every writer words it: the conversation, in French.
    check('Sarah Jaffe s’entretient avec Cata Santiago' in fr_title
          and '17 juillet 2018' in fr_title,
          'lang=fr: title page byline or date not French')
    check('Sarah Jaffe talks to Cata Santiago' in en_title and 'July 17, 2018' in en_title,
          'en-US: title page byline or date')
    return finish()


def reproducible():
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, f'{i}.epub') for i in range(4)]
        build(paths[0], TOOLKIT)
        build(paths[1], TOOLKIT)
        build(paths[2], TOOLKIT, epoch='1700000000')
        build(paths[3], CORPUS)
        data = [open(p, 'rb').read() for p in paths]
        z = zipfile.ZipFile(paths[3])
        ident = ET.fromstring(z.read('EPUB/package.opf')).find(
            'opf:metadata/dc:identifier', NS).text
        build(paths[3], CORPUS, epoch='1600000000')
        z = zipfile.ZipFile(paths[3])
        ident2 = ET.fromstring(z.read('EPUB/package.opf')).find(
            'opf:metadata/dc:identifier', NS).text
    check(data[0] == data[1], 'same SOURCE_DATE_EPOCH, different bytes')
    check(data[0] != data[2], 'SOURCE_DATE_EPOCH had no effect')
    check(re.match(r'^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-'
                   r'[0-9a-f]{12}$', ident or ''), f'identifier {ident}')
    check(ident == ident2, 'the content-derived identifier changed with the date')
    return finish()


X = '{%s}' % NS['x']
EPUB_TYPE = '{%s}type' % NS['epub']


def pages_of(trees):
    """{file name: tree} of the chapter files."""
    return {os.path.basename(n): t for n, t in trees.items()
            if os.path.basename(n).startswith('chapter-')}


def resolve(pages, page, href):
    """(file, element) an internal href leads to from @page, else (None, None)."""
    path, _, frag = href.partition('#')
    target = os.path.basename(path) if path else page
    for e in pages.get(target, ET.Element('none')).iter():
        if e.get('id') == frag:
            return target, e
    return None, None


def text_of(e):
    return ''.join(e.itertext())


def check_notes(trees):
    """Every noteref reaches a footnote aside (the first reference one in
    its own file), every aside starts with a back-link to its first
    reference, no link nests, and note ids are unique in the whole book.
    Returns [(file, aside)] in book order and the number of references."""
    pages = pages_of(trees)
    asides, ids, n_refs = [], [], 0
    for page in sorted(pages):
        tree = pages[page]
        check('\ufdd0' not in text_of(tree) and '\ufdd1' not in text_of(tree),
              f'{page}: a note mark reached the book')
        for a in tree.iter(X + 'a'):
            check(all(d is a for d in a.iter(X + 'a')), f'{page}: a link inside a link')
        order = {e: i for i, e in enumerate(tree.iter())}
        for aside in tree.iter(X + 'aside'):
            if aside.get(EPUB_TYPE) != 'footnote':
                continue
            asides.append((page, aside))
            ids.append(aside.get('id'))
            check(aside.get('role') == 'doc-footnote', f'{page}: aside without role doc-footnote')
            links = list(aside.iter(X + 'a'))
            if not check(links and links[0].get('role') == 'doc-backlink',
                         f'{page}: note {aside.get("id")} does not start with a back-link'):
                continue
            back = links[0]
            check(text_of(aside).strip().startswith(text_of(back)),
                  f'{page}: text before the back-link of {aside.get("id")}')
            where, ref = resolve(pages, page, back.get('href'))
            check(where == page and ref is not None and ref.get(EPUB_TYPE) == 'noteref',
                  f'{page}: back-link {back.get("href")} does not reach a reference in its file')
            if where == page and ref is not None:
                check(text_of(ref) == text_of(back), f'{page}: reference and note numbered apart')
                check(order[ref] < order[aside], f'{page}: note {aside.get("id")} before its reference')
                check(resolve(pages, page, ref.get('href'))[1] is aside,
                      f'{page}: the first reference to {aside.get("id")} leads elsewhere')
        for a in tree.iter(X + 'a'):
            if a.get(EPUB_TYPE) != 'noteref':
                continue
            n_refs += 1
            ids.append(a.get('id'))
            check(a.get('role') == 'doc-noteref', f'{page}: noteref without role doc-noteref')
            check(a.get('id') is not None, f'{page}: noteref without an id')
            _, note = resolve(pages, page, a.get('href') or '')
            check(note is not None and note.tag == X + 'aside'
                  and note.get(EPUB_TYPE) == 'footnote',
                  f'{page}: noteref {a.get("href")} reaches no footnote')
    check(None not in ids and len(ids) == len(set(ids)), f'note ids not unique: {ids}')
    for name in ('EPUB/nav.xhtml', 'EPUB/toc.ncx'):
        text = ET.tostring(trees[name], encoding='unicode')
        check('#fn' not in text and 'footnote' not in text, f'{name} lists a note')
    return asides, n_refs


def check_rota_table(trees):
    tables = [t for tree in pages_of(trees).values() for t in tree.iter(X + 'table')]
    if not check(len(tables) == 1, f'{len(tables)} tables, not one'):
        return
    table = tables[0]
    check([c.tag for c in table] == [X + 'thead', X + 'tbody'], 'table is not thead then tbody')
    head = table.findall('x:thead/x:tr', NS)
    body = table.findall('x:tbody/x:tr', NS)
    check(len(head) == 1 and len(body) == 4, f'{len(head)} header rows, {len(body)} body rows')
    aligns = ['align-left', 'align-left', 'align-right', 'align-center']
    for row in head:
        cells = list(row)
        check([c.tag for c in cells] == [X + 'th'] * 4, 'header row is not four th')
        check([c.get('scope') for c in cells] == ['col'] * 4, 'th without scope="col"')
        check([text_of(c) for c in cells] == ['Shift', 'Where', 'People', 'Lead'], 'header text')
        check([c.get('class') for c in cells] == aligns, 'header alignment')
    for row in body:
        check([c.tag for c in row] == [X + 'td'] * 4, 'body row is not four td')
        check([c.get('class') for c in row] == aligns,
              f'body alignment {[c.get("class") for c in row]}')
    check(all(e.get('align') is None for e in table.iter()), 'obsolete align attribute')
    dels = [text_of(e) for e in table.iter(X + 'del')]
    check(dels == ['Dev'], f'<del> in the table: {dels}')


def rota():
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, 'rota.epub')
        warnings = build(book, [ROTA])
        trees = xml_entries(zipfile.ZipFile(book))
        # the same text with one task unticked is another book
        unticked = os.path.join(tmp, 'unticked.md')
        with open(ROTA, encoding='utf-8') as f, open(unticked, 'w', encoding='utf-8') as out:
            out.write(f.read().replace('- [x] Print', '- [ ] Print'))
        build(os.path.join(tmp, 'unticked.epub'), [unticked])
        identifiers = [ET.fromstring(zipfile.ZipFile(os.path.join(tmp, name)).read(
            'EPUB/package.opf')).find('opf:metadata/dc:identifier', NS).text
            for name in ('rota.epub', 'unticked.epub')]
        kit = os.path.join(tmp, 'toolkit.epub')
        build(kit, TOOLKIT + [ROTA])
        kit_trees = xml_entries(zipfile.ZipFile(kit))
        twice = os.path.join(tmp, 'twice.epub')
        build(twice, [ROTA, ROTA])
        twice_trees = xml_entries(zipfile.ZipFile(twice))
        check_links(zipfile.ZipFile(book), trees)
        check_links(zipfile.ZipFile(kit), kit_trees)
    check(warnings == '', f'warnings: {warnings}')
    check(identifiers[0] != identifiers[1], 'ticking a task left the identifier as it was')
    check_rota_table(trees)
    tasks = [li for tree in pages_of(trees).values() for li in tree.iter(X + 'li')
             if li.get('class') == 'task']
    boxes = [text_of(li).strip()[:1] for li in tasks]
    check(boxes == ['\u2611', '\u2611', '\u2610', '\u2610'], f'task boxes {boxes}')
    check(all(e.tag != X + 'input' for tree in pages_of(trees).values() for e in tree.iter()),
          'a form control in the book')
    for what, t in (('alone', trees), ('in a toolkit', kit_trees)):
        asides, n_refs = check_notes(t)
        check(len(asides) == 2 and n_refs == 2,
              f'{what}: {len(asides)} notes and {n_refs} references, not 2 and 2')
        if len(asides) == 2:
            check(text_of(asides[0][1]).strip().startswith('1 The rota is adapted'),
                  f'{what}: note 1 text: {text_of(asides[0][1])!r}')
            check(len(asides[1][1].findall('x:p', NS)) == 2,
                  f'{what}: the second note does not hold two paragraphs')
            check(asides[0][0] != asides[1][0],
                  f'{what}: both notes in one file, though their references are in two')
    # Two parts with notes numbered alike: ids stay unique (check_notes)
    # and each part's notes stay in that part's chapters.
    asides, n_refs = check_notes(twice_trees)
    check(len(asides) == 4 and n_refs == 4, f'rota twice: {len(asides)} notes, {n_refs} references')
    check(len({page for page, _ in asides}) == 4, 'rota twice: notes not beside their references')
    return finish()


def notes():
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, 'notes.epub')
        warnings = build(book, NOTES)
        z = zipfile.ZipFile(book)
        trees = xml_entries(z)
        check_links(z, trees)
        text = chapter_text(z, trees)
    asides, n_refs = check_notes(trees)
    check(len(asides) == 6 and n_refs == 8,
          f'{len(asides)} notes and {n_refs} references, not 6 and 8')
    by_id = {a.get('id'): (page, a) for page, a in asides}
    # A note first referred to in the second chapter is written there; a
    # later reference from another chapter still reaches the first note.
    check(len({page for page, _ in asides}) == 2, 'notes not in the two chapters that refer to them')
    check(re.search(r'href="chapter-\d+\.xhtml#fn-1"', text), 'no cross-chapter reference to fn-1')
    check(re.search(r'<a href="chapter-\d+\.xhtml#fn-1">link to the first note</a>', text),
          'an explicit link to a note was not resolved')
    check('id “fn-1”, used before' in warnings, 'raw HTML took the id of a note')
    check('<abbr title="raw HTML">raw</abbr>' in text and '<del>struck</del>' in text,
          'raw HTML or strikethrough lost next to a note')
    check(re.search(r'<kbd>Ctrl</kbd><sup class="noteref"><a epub:type="noteref"', text),
          'the note in a cell with raw HTML was not linked')
    check(re.search(r'<a href="(chapter-\d+\.xhtml#later)">link with a note</a><sup class="noteref">'
                    r'<a epub:type="noteref"[^>]*>\d+</a></sup><a href="\1"> inside</a>',
                    text), 'a note inside a link is not written between two halves of it')
    first_list = [a for a in by_id.values() if a[1].find('x:ul', NS) is not None]
    check(len(first_list) == 1 and first_list[0][1][0].get('class') == 'footnote-label',
          'a note that opens with a list has no number of its own first')
    loose = [li for tree in pages_of(trees).values() for li in tree.iter(X + 'li')
             if li.get('class') == 'task' and li.find('x:p', NS) is not None]
    check(len(loose) == 2 and all(text_of(li.find('x:p', NS)).strip()[:1] in '\u2610\u2611'
                                  for li in loose), 'loose task items lost their boxes')
    return finish()


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    if argv[1] == 'epubcheck':
        return epubcheck(argv[2], argv[3:])
    return {'corpus': corpus, 'structure': structure,
            'reproducible': reproducible, 'rota': rota,
            'notes': notes}[argv[1]]()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
