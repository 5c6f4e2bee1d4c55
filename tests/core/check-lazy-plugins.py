# check-lazy-plugins.py: prensa runs no plugin's code unless a conversion
# uses the plugin (issue 18, point 5).
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# canary.so carries a writer, a reader and a filter named canary (sorted
# before every bundled format, so a host that opens modules in name order
# until one fits opens it first), and its constructor appends to
# $PRENSA_TEST_MARKER. Listing formats and filters and converting to other
# formats (by -t or by the output's extension) must leave no marker;
# writing, reading or filtering with canary, and -t all, must leave one.
# Then modules whose descriptor section is broken (cut short, outside the
# file, garbage, naming another format, disagreeing with what the module
# exports), modules cut short and symbolic links are skipped with one
# warning naming the file, without a
# crash, and the other plugins still work.
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, finish  # noqa: E402

PRENSA = os.environ["PRENSA"]
MODULES = os.environ["BROKEN_PLUGIN_DIR"]
SAMPLE = os.path.join(os.environ["PRENSA_SOURCE_ROOT"], "samples", "interview.md")
SECTION = b".prensa.descriptor"

work = tempfile.mkdtemp(prefix="prensa-lazy-")
plugins = os.path.join(work, "plugins")
os.mkdir(plugins, 0o700)
marker = os.path.join(work, "marker")
ENV = dict(os.environ, PRENSA_PLUGIN_PATH=plugins, PRENSA_TEST_MARKER=marker)


def install(name, data=None, as_name=None):
    path = os.path.join(plugins, (as_name or name) + ".so")
    if data is None:
        with open(os.path.join(MODULES, name + ".so"), "rb") as f:
            data = f.read()
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o755)
    return path


def run(*args):
    if os.path.exists(marker):
        os.unlink(marker)
    p = subprocess.run([PRENSA, *args], capture_output=True, text=True, env=ENV, cwd=work)
    return p, os.path.exists(marker)


def lazy(what, *args, status=0):
    p, loaded = run(*args)
    check(p.returncode == status, f"{what}: exit {p.returncode}, not {status}: {p.stderr}")
    check(not loaded, f"{what}: the canary plugin was loaded, though nothing used it")
    check(not any("warning" in ln and "canary" in ln for ln in p.stderr.splitlines()),
          f"{what}: a warning about canary: {p.stderr}")
    return p


def loads(what, *args):
    p, loaded = run(*args)
    check(p.returncode == 0, f"{what}: exit {p.returncode}: {p.stderr}")
    check(loaded, f"{what}: the canary plugin was not loaded, though it was used")
    return p


install("canary")
out = os.path.join(work, "out")
os.mkdir(out)

p = lazy("--list-formats", "--list-formats")
check("canary" in p.stdout and "Says it was loaded" in p.stdout and ".cnw" in p.stdout
      and "from .cnr" in p.stdout, f"--list-formats does not show canary: {p.stdout}")
p = lazy("--list-filters", "--list-filters")
check("canary" in p.stdout, f"--list-filters does not show canary: {p.stdout}")
lazy("--list-input-formats", "--list-input-formats", "--list-output-formats")
lazy("-o x.txt", SAMPLE, "-o", os.path.join(out, "x.txt"))
lazy("-o x.html", SAMPLE, "-o", os.path.join(out, "x.html"))
lazy("-t html", SAMPLE, "-t", "html", "-o", os.path.join(out, "y.html"))
# a .txt input: the markdown reader does not claim it, so the reader is
# looked up by extension among all of them
transcript = os.path.join(work, "talk.txt")
with open(transcript, "w") as f:
    f.write("A conversation\n\nQ: Why?\n\nA: Because.\n")
lazy("-t html from .txt", transcript, "-t", "html", "-o", os.path.join(out, "talk.html"))
lazy("-t txt,html,epub,docx", SAMPLE, "-t", "txt,html,epub,docx", "-o", out + "/")
lazy("-O canary.x=1 -t txt", SAMPLE, "-O", "canary.x=1", "-t", "txt", "-o", "-")
p = lazy("unknown format", SAMPLE, "-t", "canar", "-o", "-", status=2)
check("did you mean 'canary'" in p.stderr, f"no hint naming canary: {p.stderr}")

loads("-t canary", SAMPLE, "-t", "canary", "-o", "-")
loads("-o x.cnw", SAMPLE, "-o", os.path.join(out, "x.cnw"))
loads("-F canary", SAMPLE, "-F", "canary", "-t", "txt", "-o", "-")
loads("-t all", SAMPLE, "-t", "all", "-o", out + "/")
cnr = os.path.join(work, "in.cnr")
with open(cnr, "w") as f:
    f.write("anything\n")
p = loads("reading .cnr", cnr, "-t", "txt", "-o", "-")
check("canary" in p.stdout, f"the canary reader did not read in.cnr: {p.stdout}")
loads("--help-format canary", "--help-format", "canary")


def sections(data):
    """{name: (header offset, file offset, size)} of an ELF64 little-endian file."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    def header(i):
        return struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
    names = header(shstrndx)
    found = {}
    for i in range(shnum):
        name, _, _, _, off, size = header(i)
        start = names[4] + name
        found[data[start:data.index(b"\0", start)]] = (shoff + i * shentsize, off, size)
    return found


def refused(what, path, reason, status=0, count=1):
    """--list-formats and a txt conversion warn @count times (once a kind)
    about @path, and work."""
    for args in (["--list-formats"], [SAMPLE, "-t", "txt", "-o", "-"]):
        p, loaded = run(*args)
        check(p.returncode == status and p.returncode < 128,
              f"{what}: {args[0]} exit {p.returncode}: {p.stderr}")
        lines = [ln for ln in p.stderr.splitlines() if path in ln]
        check(len(lines) == count and all(reason in ln and "skipped" in ln for ln in lines),
              f"{what}: {args[0]}: expected one warning naming {path} and saying '{reason}': "
              f"{p.stderr}")
        check(not loaded, f"{what}: {args[0]} loaded the module")
    check("txt" in run("--list-formats")[0].stdout, f"{what}: the other plugins are gone")


with open(os.path.join(MODULES, "canary.so"), "rb") as f:
    good = f.read()
if good[:6] != b"\x7fELF\x02\x01":
    print("not an ELF64 little-endian build: the patched-module cases are skipped")
else:
    os.unlink(os.path.join(plugins, "canary.so"))
    at, off, size = sections(good)[SECTION]
    desc = good[off:off + size]

    # the section's last record cut short: its last field loses its NUL
    cut = bytearray(good)
    cut[off + size - 1] = ord("x")
    path = install("canary", bytes(cut))
    refused("record cut short", path, "descriptor section is cut short")
    # the section said to be larger than the file
    big = bytearray(good)
    struct.pack_into("<Q", big, at + 0x20, len(good))
    path = install("canary", bytes(big))
    refused("section outside the file", path, "descriptor section is too large or lies outside")
    # garbage where the records are
    junk = bytearray(good)
    junk[off:off + size] = bytes((i * 37 + 11) % 256 for i in range(size))
    path = install("canary", bytes(junk))
    refused("garbage section", path, "descriptor section")
    # a control character in a description (it would reach the terminal)
    esc = bytearray(good)
    i = good.index(b"Says it was loaded", off)
    esc[i] = 0x1B
    path = install("canary", bytes(esc))
    refused("escape in a description", path, "has a bad description")
    # the section names another format than the file
    os.unlink(path)
    named = bytearray(good)
    named[off:off + size] = desc.replace(b"\0canary\0Says", b"\0canarx\0Says")
    path = install("canary", bytes(named))
    refused("misnamed section", path, "'canarx' but the file is 'canary'", count=3)
    # the section says another description than the module exports: listed
    # from the file, refused once loaded
    other = bytearray(good)
    other[off:off + size] = desc.replace(b"Says it was", b"Says it WAS")
    path = install("canary", bytes(other))
    p, loaded = run("--list-formats")
    check(not loaded and "Says it WAS" in p.stdout, f"the section's description is not listed: {p.stdout}")
    p, loaded = run(SAMPLE, "-t", "canary", "-o", "-")
    check(p.returncode == 2 and "is not the one its descriptor section gives; skipped" in p.stderr
          and path in p.stderr, f"a module unlike its section is not refused: {p.returncode} {p.stderr}")
    os.unlink(path)

    # a module cut short, at several lengths, and a section table outside the file
    for n in (0, 3, 16, 63, 64, 4096, len(good) // 2, len(good) - 1):
        path = install("canary", good[:n], "cut%d" % n)
        refused(f"module cut to {n} bytes", path,
                "not a shared module" if n < 64 else "section table is missing, too large or cut short")
        os.unlink(path)
    far = bytearray(good)
    struct.pack_into("<Q", far, 0x28, 2**63)
    path = install("canary", bytes(far), "far")
    refused("section table far away", path, "section table")
    os.unlink(path)

# a descriptor record cut short by its source (broken-descriptor.c)
path = install("baddescriptor")
refused("record missing fields", path, "descriptor section is cut short")
os.unlink(path)

# a symbolic link to a module is not followed
os.symlink(os.path.join(MODULES, "canary.so"), os.path.join(plugins, "linked.so"))
refused("symbolic link", os.path.join(plugins, "linked.so"), "symbolic link")
os.unlink(os.path.join(plugins, "linked.so"))

shutil.rmtree(work)
finish()
