#!/usr/bin/env python3
"""check-resources.py CASE: images an attacker controls, through the writers.

  race   pic.png swapped for a symlink to a secret file (outside the
         document's folder) in a loop while DOCX, EPUB and HTML are made
         over and over (25 s at most), every other run with openat2 off
         (PRENSA_NO_OPENAT2): the secret never reaches an output.
  fifo   a FIFO named as an image, or as a stylesheet, styles file or
         reference document, and pic.png swapped with a FIFO while
         converting: every conversion ends promptly, with a warning or
         an error naming it.
  bomb   a 10000 x 10000 PNG of a few KB to PDF stays under 300 MB of RSS
         (refused with a warning); a 5000 x 3000 one is kept at 300 dpi
         over the width it is printed at, not at its own size, and so is
         an SVG claiming 100000 x 50000 pixels.
  chunk  a PNG carrying a 12 MB ancillary chunk goes to every format
         within 3 s each, and is still embedded.
  svg    an SVG with a script, event handlers, a DTD and remote references
         goes into an EPUB cleaned of all of them (epubcheck clean).
  gif    a corrupt GIF (cut short, or whole but with codes that do not
         decode) is left out of EPUB and DOCX with a warning, its
         description kept, the EPUB epubcheck clean; a sound GIF is kept.

Environment (set by meson): PRENSA.
"""
import base64
import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from checklib import check, finish, missing_tool  # noqa: E402

PRENSA = os.environ.get('PRENSA', 'prensa')
SECRET = b'TOP-SECRET-7f3a9c-do-not-embed\n'


def chunk(kind, data):
    return (struct.pack('>I', len(data)) + kind + data
            + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))


def png(width, height, extra=b'', depth=8, colour=2):
    """A PNG of one flat colour; with depth 1 grey a huge one is tiny."""
    row = (width * (3 if colour == 2 else 1) * depth + 7) // 8
    z = zlib.compressobj(9)
    body = bytearray()
    line = b'\0' + b'\x55' * row
    for _ in range(height):
        body += z.compress(line)
    body += z.flush()
    ihdr = struct.pack('>IIBBBBB', width, height, depth, colour, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + extra
            + chunk(b'IDAT', bytes(body)) + chunk(b'IEND', b''))


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)


def document(folder, image='pic.png', alt='a picture'):
    md = os.path.join(folder, 'doc.md')
    with open(md, 'w', encoding='utf-8') as f:
        f.write('---\ntitle: Pictures\nlang: en\n---\n\n'
                f'Some text.\n\n![{alt}]({image})\n\nMore text.\n')
    return md


def convert(md, fmt, out, timeout=60, env=None):
    args = [PRENSA, md, '-t', fmt, '-o', out]
    if fmt == 'html':
        args += ['-O', 'embed-resources=true']
    return subprocess.run(args, capture_output=True, timeout=timeout, env=env)


def output_bytes(path):
    """Everything a reader of @path gets: a zip's members, an HTML page
    with its data: URIs decoded."""
    with open(path, 'rb') as f:
        data = f.read()
    if data.startswith(b'PK'):
        with zipfile.ZipFile(path) as z:
            return b''.join(z.read(n) for n in z.namelist())
    parts = [data]
    for piece in data.split(b';base64,')[1:]:
        encoded = piece.split(b'"', 1)[0]
        try:
            parts.append(base64.b64decode(encoded))
        except ValueError:
            pass
    return b''.join(parts)


def case_race(tmp):
    docs = os.path.join(tmp, 'doc')
    os.mkdir(docs)
    secret = os.path.join(tmp, 'secret.txt')
    write(secret, SECRET * 4)
    md = document(docs)
    good = png(8, 8)
    pic = os.path.join(docs, 'pic.png')
    write(pic, good)
    stop = threading.Event()

    def swap():
        i = 0
        while not stop.is_set():
            i += 1
            staged = os.path.join(docs, f'.stage{i % 2}')
            if i % 2:
                write(staged, good)
            else:
                os.symlink(secret, staged)
            os.replace(staged, pic)

    swapper = threading.Thread(target=swap, daemon=True)
    swapper.start()
    deadline = time.monotonic() + 22
    runs = leaks = 0
    try:
        while time.monotonic() < deadline:
            for fmt in ('docx', 'epub', 'html'):
                out = os.path.join(tmp, 'out.' + fmt)
                # Every other run takes the walk kernels without openat2 get.
                env = dict(os.environ)
                if runs % 2:
                    env['PRENSA_NO_OPENAT2'] = '1'
                r = convert(md, fmt, out, timeout=20, env=env)
                runs += 1
                if r.returncode == 0 and os.path.exists(out):
                    if SECRET.strip() in output_bytes(out):
                        leaks += 1
                        print(f'run {runs}: {fmt} carries the secret')
    finally:
        stop.set()
        swapper.join()
    print(f'{runs} conversions, {leaks} with the secret')
    check(runs >= 30, f'only {runs} conversions ran')
    check(leaks == 0, f'{leaks} of {runs} outputs carry the secret file')


def case_fifo(tmp):
    md = document(tmp)
    pic = os.path.join(tmp, 'pic.png')
    os.mkfifo(pic)
    for fmt in ('docx', 'epub', 'html', 'pdf'):
        out = os.path.join(tmp, 'out.' + fmt)
        try:
            r = convert(md, fmt, out, timeout=20)
        except subprocess.TimeoutExpired:
            check(False, f'{fmt}: hangs on a FIFO named as an image')
            continue
        err = r.stderr.decode('utf-8', 'replace')
        check(r.returncode == 0, f'{fmt}: exit {r.returncode}: {err}')
        check('pic.png' in err, f'{fmt}: no warning names the FIFO: {err!r}')
    # Files named in options: an error that names them, never a hang.
    for fmt, option in (('epub', 'stylesheet'), ('pdf', 'styles'), ('docx', 'reference-docx'),
                        ('html', 'css')):
        args = [PRENSA, md, '-t', fmt, '-o', os.path.join(tmp, 'opt.' + fmt),
                '-O', f'{option}={pic}']
        if fmt == 'html':
            args += ['-O', 'embed-resources=true']
        try:
            r = subprocess.run(args, capture_output=True, timeout=20)
        except subprocess.TimeoutExpired:
            check(False, f'{fmt}: hangs on a FIFO as {option}=')
            continue
        check(r.returncode == 1 and b'FIFO' in r.stderr,
              f'{fmt}: {option}= a FIFO: exit {r.returncode}, {r.stderr!r}')
    # A regular file at the check, a FIFO at the read.
    os.unlink(pic)
    good = png(8, 8)
    stop = threading.Event()

    def swap():
        i = 0
        while not stop.is_set():
            i += 1
            staged = os.path.join(tmp, f'.stage{i % 2}')
            if i % 2:
                write(staged, good)
            else:
                os.mkfifo(staged)
            os.replace(staged, pic)

    swapper = threading.Thread(target=swap, daemon=True)
    swapper.start()
    deadline = time.monotonic() + 15
    hung = runs = 0
    try:
        while time.monotonic() < deadline and hung == 0:
            for fmt in ('docx', 'pdf', 'epub', 'html'):
                runs += 1
                try:
                    convert(md, fmt, os.path.join(tmp, 'swap.' + fmt), timeout=5)
                except subprocess.TimeoutExpired:
                    hung += 1
                    print(f'{fmt}: hung on a FIFO swapped in')
    finally:
        stop.set()
        swapper.join()
    print(f'{runs} conversions with a FIFO swapped in, {hung} hung')
    check(hung == 0, f'{hung} conversions hung on a FIFO swapped in for the image')


def child_peak_mb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def case_bomb(tmp):
    write(os.path.join(tmp, 'pic.png'), png(10000, 10000, depth=1, colour=0))
    print('bomb:', os.path.getsize(os.path.join(tmp, 'pic.png')), 'bytes')
    md = document(tmp)
    out = os.path.join(tmp, 'bomb.pdf')
    start = time.monotonic()
    r = convert(md, 'pdf', out, timeout=120)
    peak = child_peak_mb()
    err = r.stderr.decode('utf-8', 'replace')
    print(f'bomb to PDF: {time.monotonic() - start:.2f} s, peak RSS {peak:.0f} MB; {err}')
    check(r.returncode == 0, f'bomb: exit {r.returncode}')
    check(peak < 300, f'a 10000 x 10000 PNG took {peak:.0f} MB to PDF (limit 300)')
    check('pic.png' in err, 'bomb: no warning names the image')
    # Large but sensible: printed at 300 dpi, not at its own 5000 pixels.
    big = os.path.join(tmp, 'big')
    os.mkdir(big)
    write(os.path.join(big, 'pic.png'), png(5000, 3000, depth=1, colour=0))
    out = os.path.join(tmp, 'big.pdf')
    r = convert(document(big), 'pdf', out, timeout=120)
    check(r.returncode == 0, f'big: exit {r.returncode}')
    pdfimages = shutil.which('pdfimages')
    if pdfimages is None:
        missing_tool('pdfimages (poppler-utils)')
    listing = subprocess.run([pdfimages, '-list', out], capture_output=True, text=True).stdout
    print(listing)
    rows = [line.split() for line in listing.splitlines()[2:] if line.split()]
    check(len(rows) == 1, f'big: {len(rows)} images in the PDF')
    # x-ppi: the pixels kept over the width printed.
    ppi = [int(row[12]) for row in rows]
    check(all(250 <= p <= 305 for p in ppi), f'big: printed at {ppi} ppi, not at 300')
    check(child_peak_mb() < 300, f'big: peak RSS {child_peak_mb():.0f} MB')
    # An SVG claiming 100000 x 50000 pixels is drawn at the size printed.
    svg = os.path.join(tmp, 'svg')
    os.mkdir(svg)
    write(os.path.join(svg, 'pic.svg'),
          b'<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="50000">'
          b'<rect width="100000" height="50000" fill="red"/></svg>')
    out = os.path.join(tmp, 'svg.pdf')
    r = convert(document(svg, image='pic.svg'), 'pdf', out, timeout=120)
    check(r.returncode == 0, f'svg: exit {r.returncode}')
    listing = subprocess.run([pdfimages, '-list', out], capture_output=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.split()]
    check(rows and all(250 <= int(row[12]) <= 305 for row in rows),
          f'svg: not drawn at 300 ppi: {listing}')
    check(child_peak_mb() < 300, f'svg: peak RSS {child_peak_mb():.0f} MB')


def case_chunk(tmp):
    private = chunk(b'prVt', os.urandom(12 << 20))
    write(os.path.join(tmp, 'pic.png'), png(64, 48, extra=private))
    md = document(tmp)
    for fmt in ('docx', 'epub', 'html', 'pdf', 'txt', 'xml'):
        out = os.path.join(tmp, 'out.' + fmt)
        start = time.monotonic()
        r = convert(md, fmt, out, timeout=120)
        took = time.monotonic() - start
        print(f'{fmt}: {took:.2f} s')
        check(r.returncode == 0, f'{fmt}: exit {r.returncode}: {r.stderr!r}')
        check(took < 3, f'{fmt}: {took:.1f} s for a PNG with a 12 MB chunk (limit 3)')
        if fmt in ('docx', 'epub'):
            with zipfile.ZipFile(out) as z:
                check(any(n.endswith('.png') for n in z.namelist()), f'{fmt}: image left out')


def epubcheck(book):
    jar = shutil.which('epubcheck') or '/usr/bin/epubcheck'
    java = shutil.which('java')
    if not java or not os.path.exists(jar):
        missing_tool('epubcheck')
    report = book + '.json'
    run = subprocess.run([java, '-jar', os.path.realpath(jar), book, '--json', report],
                         capture_output=True, text=True)
    with open(report, encoding='utf-8') as f:
        result = json.load(f)
    for message in result['messages']:
        print(message['severity'], message['ID'], message['message'])
    counts = result['checker']
    check(run.returncode == 0 and counts['nError'] == 0 and counts['nFatal'] == 0
          and counts['nWarning'] == 0,
          f'epubcheck: {counts["nFatal"]} fatals, {counts["nError"]} errors, '
          f'{counts["nWarning"]} warnings')


HOSTILE_SVG = b'''<?xml version="1.0"?>
<?xml-stylesheet href="http://evil.example/x.css"?>
<!DOCTYPE svg [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="100" height="100" viewBox="0 0 100 100" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <script xlink:href="http://evil.example/x.js"/>
  <style>@import url(http://evil.example/y.css); rect { fill: url(http://evil.example/p) }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>
    <circle id="c" r="5"/></defs>
  <rect width="100" height="100" fill="url(#g)" onclick="steal()"/>
  <image href="http://evil.example/track.png" width="10" height="10"/>
  <image xlink:href="file:///etc/passwd" width="10" height="10"/>
  <use xlink:href="#c"/>
  <a xlink:href="javascript:alert(1)"><circle cx="50" cy="50" r="20"/></a>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"
    onmouseover="x()">hi</div></foreignObject>
  <text x="10" y="90">&e;</text>
</svg>
'''


def case_svg(tmp):
    write(os.path.join(tmp, 'pic.svg'), HOSTILE_SVG)
    md = document(tmp, image='pic.svg')
    book = os.path.join(tmp, 'svg.epub')
    r = convert(md, 'epub', book)
    err = r.stderr.decode('utf-8', 'replace')
    print(err)
    check(r.returncode == 0, f'epub: exit {r.returncode}')
    check('pic.svg' in err, 'no warning about what was taken out of the SVG')
    with zipfile.ZipFile(book) as z:
        svgs = [z.read(n) for n in z.namelist() if n.endswith('.svg')]
    check(len(svgs) == 1, f'{len(svgs)} SVGs in the book')
    for svg in svgs:
        for bad in (b'script', b'onload', b'onclick', b'onmouseover', b'evil.example',
                    b'javascript:', b'file:', b'DOCTYPE', b'ENTITY', b'foreignObject',
                    b'xml-stylesheet', b'@import'):
            check(bad not in svg, f'the packed SVG still has {bad.decode()}')
        check(b'<rect' in svg and b'url(#g)' in svg and b'#g' in svg,
              'the drawing itself went too')
    epubcheck(book)


GIF_SCREEN = b'GIF89a' + struct.pack('<HHBBB', 16, 16, 0x80, 0, 0) + b'\0\0\0\xff\xff\xff'
GIF_IMAGE = b',' + struct.pack('<HHHHB', 0, 0, 16, 16, 0)
# The classic 1 x 1 GIF: every block whole, its codes clear, 0, end.
GOOD_GIF = (b'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00'
            b'!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00'
            b'\x02\x02D\x01\x00;')
BROKEN_GIFS = {
    # an image whose data runs past the end
    'cut': GIF_SCREEN + GIF_IMAGE + b'\x02\x40' + b'\x01' * 30,
    # every block whole, but its first code names no string
    'codes': GIF_SCREEN + GIF_IMAGE + b'\x02\x02\xff\xff\x00;',
}


def case_gif(tmp):
    write(os.path.join(tmp, 'good.gif'), GOOD_GIF)
    r = convert(document(tmp, image='good.gif'), 'epub', os.path.join(tmp, 'good.epub'))
    check(r.returncode == 0 and b'good.gif' not in r.stderr, f'a sound GIF warned: {r.stderr!r}')
    with zipfile.ZipFile(os.path.join(tmp, 'good.epub')) as z:
        check(any(n.endswith('.gif') for n in z.namelist()), 'a sound GIF was left out')
    for kind, broken in BROKEN_GIFS.items():
        folder = os.path.join(tmp, kind)
        os.mkdir(folder)
        write(os.path.join(folder, 'pic.gif'), broken)
        print('--', kind)
        broken_gif(folder)


def broken_gif(tmp):
    md = document(tmp, image='pic.gif', alt='the broken picture')
    book = os.path.join(tmp, 'gif.epub')
    r = convert(md, 'epub', book)
    err = r.stderr.decode('utf-8', 'replace')
    print(err)
    check(r.returncode == 0, f'epub: exit {r.returncode}')
    check('pic.gif' in err and 'doc.md' in err, f'no warning naming the GIF and where: {err!r}')
    with zipfile.ZipFile(book) as z:
        names = z.namelist()
        text = b''.join(z.read(n) for n in names if n.endswith('.xhtml'))
    check(not any(n.endswith('.gif') for n in names), 'the broken GIF was packed')
    check(b'the broken picture' in text, 'the description was not kept')
    epubcheck(book)
    docx = os.path.join(tmp, 'gif.docx')
    r = convert(md, 'docx', docx)
    check(r.returncode == 0, f'docx: exit {r.returncode}')
    with zipfile.ZipFile(docx) as z:
        check(not any(n.startswith('word/media/') for n in z.namelist()),
              'the broken GIF went into the DOCX')


CASES = {'race': case_race, 'fifo': case_fifo, 'bomb': case_bomb, 'chunk': case_chunk,
         'svg': case_svg, 'gif': case_gif}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in CASES:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        CASES[sys.argv[1]](tmp)
    finish()


if __name__ == '__main__':
    main()
