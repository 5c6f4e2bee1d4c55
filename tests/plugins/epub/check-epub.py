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
        warnings = build(book, CORPUS)
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
          '<figcaption>Figure: a landscape</figcaption>' in text,
          'a titled image did not become a figure')
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
    # split-level: 0 gives one file per input; 2 splits more than 1 does.
    check(n_split0 == 3, f'split-level=0 made {n_split0} chapters')
    n_split2 = sum(n.startswith('EPUB/chapter-') for n in names2)
    check(n_split2 > 12, f'split-level=2 made {n_split2} chapters')
    check('EPUB/title.xhtml' not in names2, 'title-page=false kept the title page')
    # The words the writer adds are in the book's language (prensa_word).
    check('<h1>Table des matières</h1>' in fr_nav and '>Page de titre</a>' in fr_nav
          and '>Début du contenu</a>' in fr_nav, 'lang=fr: nav words not French')
    check('Par Sarah Jaffe' in fr_title and '17 juillet 2018' in fr_title,
          'lang=fr: title page byline or date not French')
    check('By Sarah Jaffe' in en_title and 'July 17, 2018' in en_title,
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


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    if argv[1] == 'epubcheck':
        return epubcheck(argv[2], argv[3:])
    return {'corpus': corpus, 'structure': structure,
            'reproducible': reproducible}[argv[1]]()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
