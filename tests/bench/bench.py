#!/usr/bin/env python3
# bench.py: how fast prensa converts a book, against cmark, gzip and pandoc.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: bench.py [--prensa PATH] [--size BYTES] [--runs N] [--quick]
                [--pdf-only] [--no-pdf] [--weasyprint]

Generates a book-size input (gen-book.py), then for each format and for all
four at once prints the median wall time over N runs and the peak RSS,
with the same for `cmark --smart`, `gzip -6` and pandoc when installed,
the ratios the performance targets are stated in, time(4x)/time(1x), the
sample interview to all four formats, and batch throughput for 1000
interview-sized inputs at -j1 and -j2; the PDF of the book against
cairo's own floor (bench-pdf-floor), and with --weasyprint (or
PRENSA_BENCH_WEASYPRINT=1; minutes) against pandoc --pdf-engine=weasyprint
when both are on PATH. It prints figures; it never fails
a build on timing (these machines are shared and noisy)."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FORMATS = ["txt", "html", "epub", "docx"]
TIME = shutil.which("time") or "/usr/bin/time"


def spawn_wall(argv, env=None):
    """Wall seconds of one run of @argv, spawned straight from here."""
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env or os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                           (os.POSIX_SPAWN_DUP2, devnull, 2)])
        _, status, _ = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        sys.exit(f"bench: {' '.join(argv)} failed: {p.stderr.decode('utf-8', 'replace')}")
    return elapsed


def peak_rss(argv):
    """Peak RSS (MB) of one run of @argv, from GNU time: a child forked from
    this Python process would count Python's own pages in its high-water mark."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        subprocess.run([TIME, "-f", "%M", "-o", rss_file.name] + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return int(rss_file.read().split()[-1]) / 1024


def measure(argv, runs):
    """Median wall seconds over @runs runs, and peak RSS (MB).

    The timed runs are spawned directly, with no /usr/bin/time between:
    on an interview-sized input its own start-up would be a tenth of the
    figure. Peak RSS comes from one more run under GNU time. A single run
    (pandoc, the batches: seconds long) is timed under GNU time itself."""
    if runs == 1:
        start = time.perf_counter()
        rss = peak_rss(argv)
        return time.perf_counter() - start, rss
    times = [spawn_wall(argv) for _ in range(runs)]
    return statistics.median(times), peak_rss(argv)


def gen(size, path, seed=42):
    subprocess.run([sys.executable, os.path.join(HERE, "gen-book.py"), str(size), path, str(seed)], check=True)


def row(name, t, rss, note=""):
    print(f"  {name:<28} {t * 1000:9.1f} ms {rss:8.1f} MB  {note}")


def verdict(ok):
    return "meets target" if ok else "MISSES target"


def fonts_used(pdf):
    """How many font faces @pdf embeds, as pdffonts lists them."""
    pdffonts = shutil.which("pdffonts")
    if not pdffonts:
        return "several"
    lines = subprocess.run([pdffonts, pdf], capture_output=True, text=True).stdout.splitlines()[2:]
    return str(len({l.split()[0].split("+")[-1] for l in lines if l.strip()}))


def emit_section(args, bare_argv, bare_env, out, bt, ft):
    """The same glyphs set into content streams with no cairo
    (bench-pdf-floor --emit): what a writer of its own content streams
    would spend on the text, and where that would put prensa."""
    record = os.path.join(out, "glyphs.bin")
    runs = []
    try:
        subprocess.run(bare_argv, env=dict(bare_env, PRENSA_BENCH_GLYPHS=record),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        for _ in range(3):
            line = subprocess.run([args.pdf_floor, "--emit", record], capture_output=True,
                                  text=True, check=True).stdout.split()
            runs.append(dict(zip(line[::2], line[1::2])))
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"  (content streams without cairo not measured: {e})")
        return
    finally:
        if os.path.exists(record):
            os.unlink(record)
    med = {k: statistics.median(float(r[k]) for r in runs) for k in runs[0]}
    own6 = (med["format_ms"] + med["deflate6_ms"]) / 1000
    own1 = (med["format_ms"] + med["deflate1_ms"]) / 1000
    print(f"  the same glyphs set into content streams without cairo (pdf-floor --emit):\n"
          f"  {med['content'] / 1e6:.1f} MB formatted in {med['format_ms']:.0f} ms, deflated in "
          f"{med['deflate6_ms']:.0f} ms at level 6 ({med['packed6'] / 1e6:.1f} MB),\n"
          f"  {med['deflate1_ms']:.0f} ms at level 1 ({med['packed1'] / 1e6:.1f} MB); "
          f"prensa writing its own, font subsets not counted:\n"
          f"  ~{(bt + own6) * 1000:.0f} ms = {(bt + own6) / ft:.2f}x the floor at level 6, "
          f"~{(bt + own1) * 1000:.0f} ms = {(bt + own1) / ft:.2f}x at level 1")


def pdf_section(args, prensa, book, out, docx_t):
    """The PDF writer against cairo's floor on the same book, and against
    pandoc with WeasyPrint (--weasyprint: it takes minutes)."""
    target = os.path.join(out, "book.pdf")
    argv = [prensa, book, "-t", "pdf", "-o", target]
    runs = max(3, args.runs // 2)
    rss = peak_rss(argv)
    pdfinfo, pdftotext = shutil.which("pdfinfo"), shutil.which("pdftotext")
    floor = pdfinfo and pdftotext and os.access(args.pdf_floor, os.X_OK)
    floor_argv = None
    if floor:
        info = subprocess.run([pdfinfo, target], capture_output=True, text=True, check=True).stdout
        pages = int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))
        text = subprocess.run([pdftotext, target, "-"], capture_output=True, text=True, check=True).stdout
        glyphs = sum(len(line) for line in text.splitlines())
        floor_argv = [args.pdf_floor, os.path.join(out, "floor.pdf"), str(pages), str(glyphs)]
    # The same conversion with cairo's glyph calls doing nothing
    # (no-glyphs.c): what prensa costs without cairo's work on its text.
    bare_env = None
    if os.path.exists(args.no_glyphs):
        bare_env = dict(os.environ, LD_PRELOAD=os.path.abspath(args.no_glyphs))
    bare_argv = [prensa, book, "-t", "pdf", "-O", "text-layer=cairo",
                 "-o", os.path.join(out, "bare.pdf")]
    # The text's glyphs drawn by cairo, as before the text layer
    # (plugins/pdf/pdf-own.c) took them.
    cairo_argv = [prensa, book, "-t", "pdf", "-O", "text-layer=cairo",
                  "-o", os.path.join(out, "cairo.pdf")]
    # prensa's runs and the floor's in turn, so that a slow stretch of a
    # shared machine falls on all; the medians of each.
    pt_runs, ft_runs, bt_runs, ct_runs = [], [], [], []
    for _ in range(runs):
        pt_runs.append(spawn_wall(argv))
        ct_runs.append(spawn_wall(cairo_argv))
        if floor_argv:
            ft_runs.append(spawn_wall(floor_argv))
        if bare_env:
            bt_runs.append(spawn_wall(bare_argv, bare_env))
    t = statistics.median(pt_runs)
    print(f"\npdf of the same book (median of {runs})")
    row("prensa -t pdf", t, rss)
    print(f"  pdf/docx              = {t / docx_t:5.2f}")
    if not floor:
        print("  (pdfinfo, pdftotext or bench-pdf-floor missing: no cairo floor)")
    else:
        ft = statistics.median(ft_runs)
        r = t / ft
        print(f"  floor: cairo alone drawing {pages} pages and {glyphs} glyphs, no layout:\n"
              f"  {ft * 1000:.1f} ms; prensa spends {max(t - ft, 0) * 1000:.0f} ms above it")
        print(f"  pdf/floor             = {r:5.2f}  (<= 2)   {verdict(r <= 2)}")
        ct = statistics.median(ct_runs)
        print(f"  with the text's glyphs drawn by cairo (-O text-layer=cairo): {ct * 1000:.1f} ms,\n"
              f"  {ct / ft:.2f}x the floor; the runs below are that way")
        if bt_runs:
            bt = statistics.median(bt_runs)
            print(f"  prensa with cairo's glyph calls made no-ops (no-glyphs.c): {bt * 1000:.1f} ms,\n"
                  f"  {bt / ft:.2f}x the floor: reading, shaping, breaking, pages, links, rules;\n"
                  f"  cairo's work on prensa's text is the rest, {max(ct - bt, 0) * 1000:.0f} ms = "
                  f"{max(ct - bt, 0) / ft:.2f}x the floor's\n"
                  f"  whole run (its glyphs are kerned, in {fonts_used(target)} faces, between links)")
            emit_section(args, bare_argv, bare_env, out, bt, ft)
        # The text prensa set, as pdftotext gives it back: the same characters.
        set_text = os.path.join(out, "book-pdf.txt")
        with open(set_text, "w", encoding="utf-8") as f:
            f.write(text)
        st, _ = measure([args.pdf_floor, "--pango", set_text], runs)
        print(f"  for scale: PangoLayout shaping every character once, no line breaking:\n"
              f"  {st * 1000:.1f} ms (prensa shapes each distinct word once instead,\n"
              f"  in plugins/pdf/pdf-text.c)")
    weasyprint = shutil.which("weasyprint")
    pandoc = shutil.which("pandoc")
    if not args.weasyprint:
        print("  (pandoc --pdf-engine=weasyprint not measured: --weasyprint or\n"
              "  PRENSA_BENCH_WEASYPRINT=1; it takes minutes)")
    elif not (weasyprint and pandoc):
        print("  (weasyprint or pandoc is not on PATH: weasyprint/prensa not measured)")
    else:
        wt, wrss = measure([pandoc, book, "--pdf-engine=weasyprint",
                            "-o", os.path.join(out, "weasyprint.pdf")], 1)
        row("pandoc --pdf-engine=weasyprint", wt, wrss)
        r = wt / t
        print(f"  weasyprint/prensa     = {r:5.1f}  (>= 50)  {verdict(r >= 50)}")
    images_section(prensa, target, out)


def images_section(prensa, pdf, out):
    """Memory on a PDF of photographs: 20 of the book's pages as 200 dpi
    JPEGs, each shown twice, with either text layer. The layer keeps what
    it reads of cairo's file, not its images; a repeated image is decoded
    for its page and embedded once."""
    pdftoppm, pdfimages = shutil.which("pdftoppm"), shutil.which("pdfimages")
    if not (pdftoppm and pdfimages):
        print("\n(pdftoppm or pdfimages missing: no PDF of images measured)")
        return
    folder = os.path.join(out, "scans")
    os.makedirs(folder, exist_ok=True)
    subprocess.run([pdftoppm, "-jpeg", "-r", "200", "-f", "1", "-l", "20", pdf,
                    os.path.join(folder, "page")], check=True)
    scans = sorted(n for n in os.listdir(folder) if n.endswith(".jpg"))
    source = os.path.join(folder, "scans.md")
    with open(source, "w", encoding="utf-8") as f:
        f.write("# Scans\n\n" + "".join(f"Page {i % len(scans) + 1}.\n\n![A page]({scans[i % len(scans)]})\n\n"
                                         for i in range(2 * len(scans))))
    size = sum(os.path.getsize(os.path.join(folder, n)) for n in scans)
    print(f"\npdf of {len(scans)} JPEG scans ({size / 1e6:.1f} MB), each shown twice")
    for name, extra in (("prensa -t pdf", []), ("-O text-layer=cairo", ["-O", "text-layer=cairo"])):
        target = os.path.join(folder, "scans-cairo.pdf" if extra else "scans.pdf")
        argv = [prensa, source, "-t", "pdf", *extra, "-o", target]
        t, rss = measure(argv, 1)
        listed = subprocess.run([pdfimages, "-list", target], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        objects = len({l.split()[10] for l in listed})
        row(name, t, rss, f"{os.path.getsize(target) / 1e6:.1f} MB, {objects} images "
                          f"for {len(listed)} placements")


def filters_section(args, prensa, book, out, pandoc):
    """What a filter costs: an identity C filter (-F) and `cat` as a JSON
    filter against the same conversion without one, and pandoc's JSON
    filter round trip on the same book."""
    plugins = args.filter_plugins
    if not os.path.exists(os.path.join(plugins, "identity.so")):
        print(f"\n(no test filters in {plugins}: filter figures not measured)")
        return
    # A conversion of a fraction of a second: twice the runs, with and
    # without the filter in turn, so that a slow stretch of a shared
    # machine falls on both (run one batch after the other, the filter
    # once measured 52% dearer where in turn it was 11%).
    runs = max(5, args.runs * 2)
    target = os.path.join(out, "filtered.html")
    base = [prensa, "--plugin-path", plugins, "--quiet", book, "-t", "html", "-o", target]
    print(f"\nfilters on the same book, to html (median of {runs}, in turn)")
    plain, filtered = [], []
    for _ in range(runs):
        plain.append(spawn_wall(base))
        filtered.append(spawn_wall(base + ["-F", "identity"]))
    t0, t1 = statistics.median(plain), statistics.median(filtered)
    row("no filter", t0, peak_rss(base))
    row("-F identity", t1, peak_rss(base + ["-F", "identity"]))
    r = (t1 - t0) / t0
    print(f"  identity C filter adds     = {r * 100:5.1f}%  (<= 20%)  {verdict(r <= 0.20)}")
    if not os.path.exists(os.path.join(plugins, "json.so")):
        print("  (no json plugin: --json-filter not measured)")
        return
    t2, rss2 = measure(base + ["--json-filter", "cat"], max(3, args.runs // 2))
    row("--json-filter cat", t2, rss2)
    if pandoc:
        pd = os.path.join(out, "pandoc-json.html")
        cmd = f"{pandoc} -f markdown -t json {book} | cat | {pandoc} -f json -t html -o {pd}"
        tp, rssp = measure(["/bin/sh", "-c", cmd], 1)
        row("pandoc -t json|cat|-f json", tp, rssp)
        r = tp / t2
        print(f"  pandoc/prensa JSON filter  = {r:5.1f}  (>= 10)  {verdict(r >= 10)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prensa", default=os.environ.get("PRENSA", os.path.join(ROOT, "build", "core", "prensa")))
    ap.add_argument("--floor", default=os.path.join(ROOT, "build", "tests", "bench", "bench-floor"),
                    help="a program that only loads the writers' libraries (tests/bench/floor.c)")
    ap.add_argument("--pdf-floor", default=os.path.join(ROOT, "build", "tests", "bench", "bench-pdf-floor"),
                    help="a program that only draws glyphs with cairo (tests/bench/pdf-floor.c)")
    ap.add_argument("--no-glyphs", default=os.path.join(ROOT, "build", "tests", "bench", "bench-no-glyphs.so"),
                    help="a preload that makes cairo's glyph calls no-ops (tests/bench/no-glyphs.c)")
    ap.add_argument("--no-pdf", action="store_true", help="leave out the PDF figures")
    ap.add_argument("--weasyprint", action="store_true",
                    default=bool(os.environ.get("PRENSA_BENCH_WEASYPRINT")),
                    help="also time pandoc --pdf-engine=weasyprint on the book (minutes)")
    ap.add_argument("--pdf-only", action="store_true",
                    help="only the DOCX and PDF figures of the book (and the PDF targets)")
    ap.add_argument("--filter-plugins", default=os.path.join(ROOT, "build", "tests", "filters"),
                    help="the folder of tests/filters' identity filter and json plugin")
    ap.add_argument("--size", type=int, default=3_500_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="smaller input, fewer runs, 200 batch inputs")
    args = ap.parse_args()
    if args.quick:
        args.size, args.runs = 500_000, 3
    prensa = args.prensa
    cmark, gzip, pandoc = shutil.which("cmark"), shutil.which("gzip"), shutil.which("pandoc")

    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, "book.md")
        gen(args.size, book)
        size_mb = os.path.getsize(book) / 1e6
        print(f"prensa benchmark: {size_mb:.2f} MB book, median of {args.runs} runs, {os.cpu_count()} cores")
        print(f"  {'command':<28} {'wall':>12} {'peak RSS':>11}")

        base = {}
        if cmark:
            base["cmark"] = measure([cmark, "--smart", book], args.runs)
            row("cmark --smart (html)", *base["cmark"])
        if gzip:
            base["gzip"] = measure([gzip, "-6", "-c", book], args.runs)
            row("gzip -6", *base["gzip"])

        results = {}
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        if args.pdf_only:
            docx = measure([prensa, book, "-t", "docx", "-o", os.path.join(out, "book.docx")], args.runs)
            row("prensa -t docx", *docx)
            pdf_section(args, prensa, book, out, docx[0])
            return
        for f in FORMATS:
            results[f] = measure([prensa, book, "-t", f, "-o", os.path.join(out, "book." + f)], args.runs)
            row(f"prensa -t {f}", *results[f])
        results["all"] = measure([prensa, book, "-t", ",".join(FORMATS), "-o", out], args.runs)
        row("prensa -t txt,html,epub,docx", *results["all"])
        pandoc_t = {}
        if pandoc:
            for f in ["html", "epub", "docx"]:
                pandoc_t[f] = measure([pandoc, book, "-s", "-o", os.path.join(tmp, "pandoc." + f)], 1)
                row(f"pandoc -> {f}", *pandoc_t[f])

        print("\ntargets")
        for f in FORMATS:
            t, rss = results[f]
            if cmark and f in ("txt", "html"):
                r = t / base["cmark"][0]
                print(f"  {f:<5} prensa/cmark          = {r:5.2f}  (<= 2)   {verdict(r <= 2)}")
            if cmark and gzip and f in ("epub", "docx"):
                r = t / (base["cmark"][0] + base["gzip"][0])
                print(f"  {f:<5} prensa/(cmark+gzip)   = {r:5.2f}  (<= 2)   {verdict(r <= 2)}")
            if f in pandoc_t:
                r = pandoc_t[f][0] / t
                print(f"  {f:<5} pandoc/prensa         = {r:5.1f}  (>= 40)  {verdict(r >= 40)}")
            print(f"  {f:<5} peak RSS              = {rss:5.1f} MB (<= 64) {verdict(rss <= 64)}")
        if not pandoc:
            print("  (pandoc is not installed: pandoc/prensa not measured)")

        if not args.no_pdf:
            pdf_section(args, prensa, book, out, results["docx"][0])
        filters_section(args, prensa, book, out, pandoc)

        print("\nscaling: time(4x input) / time(input)")
        book4 = os.path.join(tmp, "book4.md")
        gen(args.size * 4, book4, seed=7)
        print("  (the two sizes run in turn, so a slow stretch of a shared machine\n"
              "  falls on both; medians of the runs of each)")
        for f in FORMATS:
            t1, t4 = [], []
            for _ in range(args.runs):
                t1.append(spawn_wall([prensa, book, "-t", f, "-o", os.path.join(out, "book." + f)]))
                t4.append(spawn_wall([prensa, book4, "-t", f, "-o", os.path.join(out, "book4." + f)]))
            r = statistics.median(t4) / statistics.median(t1)
            print(f"  {f:<5} {r:5.2f}  (<= 4.5) {verdict(r <= 4.5)}")

        print("\nthe sample interview to all four formats in one invocation")
        sample = os.path.join(ROOT, "samples", "interview.md")
        runs = max(args.runs, 30)
        t, rss = measure([prensa, sample, "-t", ",".join(FORMATS), "-o", out], runs)
        print(f"  {t * 1000:.1f} ms (<= 10) {verdict(t <= 0.010)}, {rss:.1f} MB (<= 12) {verdict(rss <= 12)}"
              f"  (median of {runs})")
        if os.access(args.floor, os.X_OK):
            ft, frss = measure([args.floor], runs)
            print(f"  floor: a program that converts nothing but loads the libraries the design gives\n"
                  f"  these four writers (GLib, GIO, cmark, libyaml, libzip, libxml2, gdk-pixbuf):\n"
                  f"  {ft * 1000:.1f} ms, {frss:.1f} MB; prensa spends {max(t - ft, 0) * 1000:.1f} ms above it")

        n = 200 if args.quick else 1000
        batch = os.path.join(tmp, "batch")
        os.mkdir(batch)
        with open(sample, encoding="utf-8") as f:
            text = f.read()
        inputs = []
        for i in range(n):
            p = os.path.join(batch, f"interview{i:04d}.md")
            with open(p, "w", encoding="utf-8") as f:
                f.write(text.replace("We Won’t Be Complicit", f"We Won’t Be Complicit, No. {i}"))
            inputs.append(p)
        print(f"\nbatch: {n} interview-sized inputs to all four formats")
        for j in (1, 2):
            bout = os.path.join(tmp, f"bout{j}")
            t, rss = measure([prensa, "--batch", "-j", str(j), "-t", ",".join(FORMATS), "-o", bout] + inputs, 1)
            print(f"  -j{j}: {t:6.2f} s, {n / t:7.1f} inputs/s, peak {rss:.1f} MB")


if __name__ == "__main__":
    main()
