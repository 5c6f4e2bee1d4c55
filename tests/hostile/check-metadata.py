#!/usr/bin/env python3
"""check-metadata.py: front matter values no reader can use as they are.

A date no calendar has (2018-02-30, 0000-01-01, 2019-13-01) never reaches
EPUB's dc:date or HTML's dcterms.date, and is reported with file:line; a
real day still does, without a warning. A control character in a title,
raw (BEL) or as a YAML escape ("\\a"), is reported with file:line.

Environment (set by meson): PRENSA.
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from checklib import check, finish  # noqa: E402

PRENSA = os.environ.get('PRENSA', 'prensa')


def run(tmp, title, date, fmt):
    md = os.path.join(tmp, 'meta.md')
    with open(md, 'w', encoding='utf-8') as f:
        f.write(f'---\ntitle: {title}\nlang: en\ndate: {date}\n---\n\nSome text.\n')
    out = os.path.join(tmp, 'out.' + fmt)
    r = subprocess.run([PRENSA, md, '-t', fmt, '-o', out], capture_output=True)
    check(r.returncode == 0, f'{date} to {fmt}: exit {r.returncode}')
    if fmt == 'epub':
        with zipfile.ZipFile(out) as z:
            opf = next(z.read(n) for n in z.namelist() if n.endswith('.opf')).decode()
        found = re.findall(r'<dc:date>([^<]*)</dc:date>', opf)
    else:
        with open(out, encoding='utf-8') as f:
            found = re.findall(r'name="dcterms.date" content="([^"]*)"', f.read())
    return found, r.stderr.decode('utf-8', 'replace')


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ('epub', 'html'):
            for date in ('2018-02-30', '0000-01-01', '2019-13-01', '2019-02-29'):
                found, err = run(tmp, 'Plain', date, fmt)
                check(found == [], f'{fmt}: {date} reached the metadata as {found}')
                check(f'meta.md:4:' in err and date in err,
                      f'{fmt}: {date}: no warning with file:line: {err!r}')
            found, err = run(tmp, 'Plain', '2020-02-29', fmt)
            check(found == ['2020-02-29'], f'{fmt}: a real day was dropped: {found}')
            check(err == '', f'{fmt}: a real day warned: {err!r}')
        for title in ('Bell \x07 raw', '"Bell \\a escaped"'):
            _, err = run(tmp, title, '2020-01-01', 'epub')
            check('meta.md:2:' in err and 'control character' in err,
                  f'{title!r}: no warning with file:line: {err!r}')
    finish()


if __name__ == '__main__':
    main()
