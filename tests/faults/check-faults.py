#!/usr/bin/env python3
# check-faults.py: prensa under write errors and signals.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Usage: check-faults.py SAMPLE.md

Each case runs the real command and checks: exit status 1 (or death by
the signal), one clear line on stderr, no temporary file left beside the
target, and the previous target byte for byte as it was."""
import ctypes
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PRENSA = os.environ["PRENSA"]
SAMPLE = os.path.abspath(sys.argv[1])
PREVIOUS = b"the previous version, which must survive\n"
results = []


def check(ok, what):
    results.append((bool(ok), what))
    print(("ok   " if ok else "FAIL ") + what)


def temps(folder):
    return [n for n in os.listdir(folder) if n.startswith(".")]


def writing(pid, folder):
    """Whether process @pid is writing into @folder: a named temporary file
    there, or an unnamed one (O_TMPFILE, "FOLDER/#INODE (deleted)") open."""
    if temps(folder):
        return True
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(folder + "/"):
                return True
        except OSError:
            pass
    return False


def no_core():
    # SIGQUIT and SIGXCPU dump core by default: not into the test's folder.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(args, **kw):
    return subprocess.run([PRENSA] + args, capture_output=True, **kw)


def expect_failure(name, r, folder, target, message):
    err = r.stderr.decode("utf-8", "replace")
    check(r.returncode == 1, f"{name}: exit 1 (got {r.returncode})")
    check(err.count("\n") == 1 and message in err, f"{name}: one line saying '{message}' (got {err!r})")
    if folder:
        check(not temps(folder), f"{name}: no temporary file left ({temps(folder)})")
    if target:
        with open(target, "rb") as f:
            check(f.read() == PREVIOUS, f"{name}: previous target untouched")


def fresh(tmp, name):
    folder = os.path.join(tmp, name)
    os.mkdir(folder)
    target = os.path.join(folder, "interview.html")
    with open(target, "wb") as f:
        f.write(PREVIOUS)
    return folder, target


def case_efbig(tmp):
    folder, target = fresh(tmp, "efbig")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    r = run([SAMPLE, "-t", "html", "-o", target], preexec_fn=limit)
    expect_failure("EFBIG", r, folder, target, "File too large")


def case_enospc():
    with open("/dev/full", "wb") as full:
        r = subprocess.run([PRENSA, SAMPLE, "-t", "txt", "-o", "-"], stdout=full, stderr=subprocess.PIPE)
    expect_failure("ENOSPC on stdout", r, None, None, "No space left on device")


def case_stdout_closed():
    r = subprocess.run([PRENSA, SAMPLE, "-t", "txt", "-o", "-"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    expect_failure("stdout closed", r, None, None, "standard output: write failed")


def drop_dac_override():
    """Runs in the child before exec: root without CAP_DAC_OVERRIDE (and
    its relatives) is held to file modes like anyone else. Dropping to
    nobody instead needed the checkout to be open to nobody, and a fresh
    clone in a 0700 folder is not."""
    libc = ctypes.CDLL(None, use_errno=True)
    PR_CAPBSET_DROP = 24
    for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            os._exit(126)


def case_eacces(tmp):
    folder, target = fresh(tmp, "eacces")
    os.chmod(folder, 0o555)
    r = run([SAMPLE, "-t", "html", "-o", target],
            preexec_fn=drop_dac_override if os.getuid() == 0 else None)
    os.chmod(folder, 0o755)
    expect_failure("EACCES", r, folder, target, "Permission denied")


def case_target_is_directory(tmp):
    folder = os.path.join(tmp, "isdir")
    os.makedirs(os.path.join(folder, "interview.html"))
    r = run([SAMPLE, "-t", "html", "-o", folder + "/"])
    expect_failure("target is a directory", r, folder, None, "is a directory")


def big_input(tmp):
    with open(SAMPLE, encoding="utf-8") as f:
        text = f.read()
    head, body = text.split("\n---\n", 1)
    path = os.path.join(tmp, "big.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "\n---\n")
        for i in range(1500):
            f.write(f"\n## Section {i}\n\n" + body.replace("* * *", ""))
    return path


def case_signal(tmp, sig, source, named=False):
    """@named: temporary files named from the start (PRENSA_NAMED_TEMPORARIES),
    as where the filesystem has no O_TMPFILE: the signal handlers must then
    remove them."""
    name = signal.Signals(sig).name + (" (named temporaries)" if named else "")
    folder = os.path.join(tmp, "sig-" + name.replace(" ", "_"))
    env = dict(os.environ, PRENSA_NAMED_TEMPORARIES="1") if named else None
    os.mkdir(folder)
    targets = [os.path.join(folder, "big." + ext) for ext in ("txt", "html", "epub", "docx")]
    for t in targets:
        with open(t, "wb") as f:
            f.write(PREVIOUS)
    for attempt in range(20):
        p = subprocess.Popen([PRENSA, source, "-t", "txt,html,epub,docx", "-o", folder],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=no_core, env=env)
        caught = False
        deadline = time.monotonic() + 60
        while p.poll() is None and time.monotonic() < deadline:
            if writing(p.pid, folder):
                p.send_signal(sig)
                caught = True
                break
            time.sleep(0.0005)
        status = p.wait()
        if caught:
            check(status == -sig, f"{name}: died of the signal (status {status})")
            check(not [n for n in os.listdir(folder) if n.startswith("core")], f"{name}: no core file")
            check(not temps(folder), f"{name}: no temporary file left ({temps(folder)})")
            for t in targets:
                with open(t, "rb") as f:
                    data = f.read()
                # a target finished before the signal is whole; the rest untouched
                check(data == PREVIOUS or len(data) > 1000, f"{name}: {os.path.basename(t)} whole or untouched")
            return
        for t in targets:
            with open(t, "wb") as f:
                f.write(PREVIOUS)
    check(False, f"{name}: never caught a conversion in progress")


def case_signal_at_random(tmp, sig, source, runs=40):
    """The writers of one invocation run on several threads, and a signal
    is handled on whichever one it lands: a writer on another thread may
    be making its temporary file just then. Signals at random moments
    must never leave one behind (one run in 150 did)."""
    name = signal.Signals(sig).name
    rng = random.Random(sig)
    left = []
    for i in range(runs):
        folder = os.path.join(tmp, f"random-{name}-{i}")
        os.mkdir(folder)
        # Every other run with named temporaries, the path that has a window.
        env = dict(os.environ, PRENSA_NAMED_TEMPORARIES="1") if i % 2 else None
        p = subprocess.Popen([PRENSA, source, "-t", "txt,html,epub,docx", "-o", folder],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.002, 0.15))
        p.send_signal(sig)
        p.wait()
        if temps(folder):
            left.append(temps(folder))
    check(not left, f"{name} at {runs} random moments: no temporary file left ({left})")


def sanitized():
    """AddressSanitizer reserves terabytes of address space: ulimit -v
    means nothing to it."""
    with open(PRENSA, "rb") as f:
        return b"__asan_init" in f.read()


def limited(folder, source, limit, value, formats="txt,html,epub,docx", named=False):
    def preexec():
        no_core()
        resource.setrlimit(limit, value)
    env = dict(os.environ, PRENSA_NAMED_TEMPORARIES="1") if named else None
    return subprocess.run([PRENSA, source, "-t", formats, "-o", folder], capture_output=True,
                          text=True, preexec_fn=preexec, env=env, timeout=300)


def case_limits(tmp, source):
    """The limits the README recommends for untrusted input: out of memory
    (ulimit -v) is one line "out of memory", exit 1, nothing left behind;
    out of CPU time (ulimit -t) ends the process by SIGXCPU, also leaving
    nothing behind."""
    for named in (False, True):
        tag = " (named temporaries)" if named else ""
        folder = os.path.join(tmp, "cpu" + tag.replace(" ", "_"))
        os.mkdir(folder)
        r = limited(folder, source + ".huge", resource.RLIMIT_CPU, (1, 4), named=named)
        check(r.returncode == -signal.SIGXCPU, f"ulimit -t 1{tag}: ended by SIGXCPU (status {r.returncode})")
        check(os.listdir(folder) == [] or not temps(folder), f"ulimit -t 1{tag}: no temporary file left ({temps(folder)})")
    if sanitized():
        print("# ulimit -v: not under AddressSanitizer")
        return
    small = os.path.join(tmp, "small-ok")
    os.mkdir(small)
    # The least address space a small conversion needs, then the big one
    # under it: the big one must run out.
    for mb in range(200, 2001, 100):
        limit = (mb << 20, mb << 20)
        if limited(small, SAMPLE, resource.RLIMIT_AS, limit).returncode == 0:
            break
    else:
        check(False, "ulimit -v: no limit up to 2000 MB lets the sample convert")
        return
    for named in (False, True):
        tag = " (named temporaries)" if named else ""
        folder = os.path.join(tmp, "oom" + tag.replace(" ", "_"))
        os.mkdir(folder)
        target = os.path.join(folder, "big.txt")
        with open(target, "wb") as f:
            f.write(PREVIOUS)
        r = limited(folder, source + ".huge", resource.RLIMIT_AS, limit, named=named)
        lines = r.stderr.strip().splitlines()
        check(r.returncode == 1 and lines[-1:] == ["prensa: out of memory"],
              f"ulimit -v {mb} MB{tag}: exit 1 and 'prensa: out of memory' (status {r.returncode}, {lines[-3:]})")
        check(not temps(folder), f"ulimit -v{tag}: no temporary file left ({temps(folder)})")
        with open(target, "rb") as f:
            check(f.read() == PREVIOUS, f"ulimit -v{tag}: the old big.txt is untouched")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        case_efbig(tmp)
        case_enospc()
        case_stdout_closed()
        case_eacces(tmp)
        case_target_is_directory(tmp)
        source = big_input(tmp)
        case_signal(tmp, signal.SIGTERM, source)
        case_signal(tmp, signal.SIGINT, source)
        for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGXCPU, signal.SIGABRT):
            case_signal(tmp, sig, source, named=True)
        for sig in (signal.SIGQUIT, signal.SIGXCPU):
            case_signal(tmp, sig, source)
        case_signal_at_random(tmp, signal.SIGTERM, source)
        with open(source, encoding="utf-8") as f, open(source + ".huge", "w", encoding="utf-8") as g:
            text = f.read()
            g.write(text)
            body = text.split("\n---\n", 1)[1]
            for _ in range(12):
                g.write(body)
        case_limits(tmp, source)
    passed = sum(ok for ok, _ in results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
