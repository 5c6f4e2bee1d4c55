#!/usr/bin/env python3
"""Targets and named files that are not plain files, and outputs that are inputs.

A device node or FIFO is written in place (as cp does), never replaced; a
symlink is written through and kept; an output that is one of the inputs
(by any name, in -o FILE, -o DIR and --batch) is a usage error that writes
nothing; a replaced file keeps its owner and group and loses setuid and
setgid. Device nodes are made with mknod in the test's own folder, never
a real one; the cases that need root say so when not run as root."""
import os
import stat
import subprocess
import sys
import tempfile
import threading

PRENSA = os.environ["PRENSA"]
SAMPLE = os.path.join(os.environ["PRENSA_SOURCE_ROOT"], "samples", "interview.md")
CI = os.environ.get("CI") == "true"
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, finish  # noqa: E402


def run(*args, cwd=None):
    return subprocess.run([PRENSA, *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def main():
    d = tempfile.mkdtemp(prefix="prensa-outputs-")
    src = os.path.join(d, "self.md")
    original = open(SAMPLE, encoding="utf-8").read()
    with open(src, "w", encoding="utf-8") as f:
        f.write(original)

    # the output is the input, by its own name, a symlink, a folder, --batch
    os.symlink("self.md", os.path.join(d, "link.html"))
    with open(os.path.join(d, "self.html"), "w", encoding="utf-8") as f:
        f.write(original)
    os.mkdir(os.path.join(d, "batch"))
    batch_txt = os.path.join(d, "batch", "self.txt")
    with open(batch_txt, "w", encoding="utf-8") as f:
        f.write(original)
    for args in (["self.md", "-t", "html", "-o", "self.md"],
                 ["self.md", "-t", "html", "-o", "link.html"],
                 ["self.html", "-f", "markdown", "-t", "html,txt", "-o", "./"],
                 ["--batch", "batch/self.txt", "-f", "markdown", "-t", "txt", "-o", "batch/"]):
        r = run(*args, cwd=d)
        check(r.returncode == 2 and "would overwrite the input" in r.stderr,
              "%s: refused (%s)" % (" ".join(args), r.stderr.strip()))
    check(open(src, encoding="utf-8").read() == original
          and open(batch_txt, encoding="utf-8").read() == original, "the inputs are untouched")
    check(not os.path.exists(os.path.join(d, "self.txt")), "a refused -o DIR writes no other format either")

    # a symlink is written through, the link kept
    target = os.path.join(d, "target.txt")
    with open(target, "w") as f:
        f.write("old")
    link = os.path.join(d, "through.txt")
    os.symlink("target.txt", link)
    r = run(src, "-t", "txt", "-o", link)
    check(r.returncode == 0 and os.path.islink(link) and "Cata Santiago" in open(target).read(),
          "a symlink is written through and kept")
    dangling = os.path.join(d, "dangling.txt")
    os.symlink("made-through.txt", dangling)
    r = run(src, "-t", "txt", "-o", dangling)
    check(r.returncode == 0 and os.path.islink(dangling)
          and os.path.exists(os.path.join(d, "made-through.txt")), "a dangling symlink makes its target")

    # a FIFO gets the bytes, and stays a FIFO
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    r = run(src, "-t", "txt", "-o", fifo)
    reader.join(30)
    check(r.returncode == 0 and got and b"Cata Santiago" in got[0] and stat.S_ISFIFO(os.stat(fifo).st_mode),
          "a FIFO target is written in place")

    # A FIFO named as a stylesheet, styles file or reference document is
    # refused at once, never waited on; a reference DOCX with a DTD too.
    infifo = os.path.join(d, "in-fifo")
    os.mkfifo(infifo)
    for fmt, opt in (("html", ["--css", infifo, "--embed-resources"]), ("epub", ["-O", "css=" + infifo]),
                     ("pdf", ["-O", "styles=" + infifo]), ("docx", ["-O", "reference-docx=" + infifo])):
        out = os.path.join(d, "fifo-in." + fmt)
        try:
            r = run(src, "-t", fmt, "-o", out, *opt)
            ok = r.returncode == 1 and "FIFO" in r.stderr and not os.path.exists(out)
            what = r.stderr.strip()
        except subprocess.TimeoutExpired:
            ok, what = False, "hung"
        check(ok, "%s: a FIFO as %s is refused: %s" % (fmt, opt[-1].split("=")[0], what))
    ref = os.path.join(d, "ref.docx")
    run(src, "-t", "docx", "-o", ref)
    dtd = os.path.join(d, "dtd.docx")
    import zipfile
    with zipfile.ZipFile(ref) as zin, zipfile.ZipFile(dtd, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                text = data.decode()
                at = text.index("?>") + 2
                data = (text[:at] + '<!DOCTYPE w:styles [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                        + text[at:]).encode()
            zout.writestr(item, data)
    out = os.path.join(d, "from-dtd.docx")
    r = run(src, "-t", "docx", "-o", out, "-O", "reference-docx=" + dtd)
    check(r.returncode == 1 and "DOCTYPE" in r.stderr and not os.path.exists(out),
          "a reference DOCX with a DTD is refused: %s" % r.stderr.strip())

    # Plugin folders and modules other users may write are never loaded.
    import shutil
    txt_so = os.path.join(os.environ["PRENSA_BUILD_ROOT"], "plugins", "txt", "txt.so")
    open_dir = os.path.join(d, "open-plugins")
    os.mkdir(open_dir)
    shutil.copy(txt_so, os.path.join(open_dir, "txt.so"))
    os.chmod(open_dir, 0o777)
    r = run("--plugin-path", open_dir, "--list-formats")
    check("any user may write to it" in r.stderr and open_dir not in r.stdout,
          "a world-writable plugin folder is skipped: %s" % r.stderr.strip())
    os.chmod(open_dir, 0o755)
    os.chmod(os.path.join(open_dir, "txt.so"), 0o777)
    r = run("--plugin-path", open_dir, "--list-formats")
    check("any user may write to it" in r.stderr and os.path.join(open_dir, "txt.so") not in r.stdout,
          "a world-writable module is skipped")
    # --plugin-path takes a folder relative to the current one, as every
    # path on the command line does.
    os.chmod(os.path.join(open_dir, "txt.so"), 0o755)
    r = run("--plugin-path", "open-plugins", "--list-formats", cwd=d)
    check(os.path.join(open_dir, "txt.so") in r.stdout + r.stderr and "absolute" not in r.stderr,
          "a relative --plugin-path is found: %s" % r.stderr.strip())

    if os.geteuid() != 0:
        if CI:
            sys.exit("CI runs as root: the device and owner cases must run")
        print("# not root: device node and owner cases not run")
    else:
        node = os.path.join(d, "null-here")
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        r = run(src, "-t", "txt", "-o", node)
        check(r.returncode == 0 and stat.S_ISCHR(os.stat(node).st_mode), "a device node stays a device node")
        suid = os.path.join(d, "suid.txt")
        with open(suid, "w") as f:
            f.write("old")
        import pwd
        nobody = pwd.getpwnam("nobody")
        os.chown(suid, nobody.pw_uid, nobody.pw_gid)
        os.chmod(suid, 0o6777)
        r = run(src, "-t", "txt", "-o", suid)
        st = os.stat(suid)
        check(r.returncode == 0 and st.st_uid == nobody.pw_uid and st.st_gid == nobody.pw_gid,
              "a replaced file keeps its owner and group")
        check(stat.S_IMODE(st.st_mode) == 0o777, "… and loses setuid and setgid: %o" % stat.S_IMODE(st.st_mode))
    finish()


if __name__ == "__main__":
    sys.exit(main())
