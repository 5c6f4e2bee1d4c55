# test-sdk.py: installs prensa in a scratch prefix and builds plugins against it.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What a plugin author does, step by step, with nothing from the source
# tree but the plugin sources (copied out first) and the sample input:
#   1. meson setup --prefix=SCRATCH && meson install: the command, the
#      library, include/prensa/*.h, prensa.pc and the bundled plugins;
#   2. the installed prensa runs and finds its plugins with no variable;
#   3. samples/plugin builds with dependency('prensa') via PKG_CONFIG_PATH
#      alone, converts samples/interview.md on PRENSA_PLUGIN_PATH, and the
#      JSON is valid and carries the same tree as the xml writer's dump;
#      its own test reads the JSON of the interview and the rota back to
#      the same model, and --list-formats shows json as read and written;
#   4. a plugin built for another PRENSA_PLUGIN_ABI is refused by name;
#   5. the guide's plugin, copied out of plugins/README.md as it stands,
#      builds, passes its own test and converts the sample;
#   6. installed into the plugindir, the json plugin is found with no
#      variable and the installed prensa makes the JSON round trip.
# Set PRENSA_SDK_KEEP=1 to keep the scratch folder for a look.

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SOURCE = os.environ["PRENSA_SOURCE_ROOT"]
SAMPLE = os.path.join(SOURCE, "samples", "interview.md")
HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, env, cwd=None, ok=True):
    print("$", " ".join(cmd), flush=True)
    r = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if ok and r.returncode != 0:
        sys.exit(f"FAIL: {cmd[0]} exited {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


def check(cond, message):
    if not cond:
        sys.exit("FAIL: " + message)


def clean_env():
    # Nothing from the caller may point prensa or the compiler at the tree.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PRENSA", "PKG_CONFIG", "LD_LIBRARY_PATH",
                                "ASAN_", "UBSAN_", "MESON"))}
    env["CI"] = os.environ.get("CI", "")
    return env


def install_prensa(scratch, env):
    build = os.path.join(scratch, "build")
    prefix = os.path.join(scratch, "prefix")
    run(["meson", "setup", build, SOURCE, "--prefix=" + prefix,
         "-Dbuildtype=plain"], env)
    # Only what gets installed: the tree's own tests are not this test's.
    targets = json.loads(run(["meson", "introspect", "--targets", build], env).stdout)
    outputs = [os.path.relpath(f, build) for t in targets if t["installed"]
               for f in t["filename"]]
    run(["ninja", "-C", build, "-j2"] + outputs, env)
    run(["meson", "install", "-C", build, "--no-rebuild", "--quiet"], env)
    return prefix


def check_install(prefix, env):
    for rel in ["bin/prensa", "include/prensa/prensa.h",
                "include/prensa/prensa-plugin.h", "include/prensa/prensa-zip.h",
                "include/prensa/prensa-xml.h",
                "include/prensa/prensa-reader.h", "include/prensa/prensa-builder.h",
                "include/prensa/prensa-filter.h"]:
        check(os.path.isfile(os.path.join(prefix, rel)), f"{rel} not installed")
    pcs = [os.path.join(d, f) for d, _, fs in os.walk(prefix) for f in fs if f == "prensa.pc"]
    check(len(pcs) == 1, f"expected one prensa.pc in the prefix, found {pcs}")
    env["PKG_CONFIG_PATH"] = os.path.dirname(pcs[0])
    env["PATH"] = os.path.join(prefix, "bin") + os.pathsep + env["PATH"]
    cflags = run(["pkg-config", "--cflags", "prensa"], env).stdout
    check(SOURCE not in cflags, f"prensa.pc points into the source tree: {cflags}")
    plugindir = run(["pkg-config", "--variable=plugindir", "prensa"], env).stdout.strip()
    check(plugindir.startswith(prefix), f"plugindir {plugindir} is not in the prefix")
    for fmt in ["txt", "xml", "html", "epub", "docx", "markdown", "commonmark", "gfm"]:
        check(os.path.isfile(os.path.join(plugindir, fmt + ".so")), f"{fmt}.so not installed")

    # No PRENSA_PLUGIN_PATH, no LD_LIBRARY_PATH: the install stands alone.
    listing = run(["prensa", "--list-formats"], env).stdout
    for fmt in ["txt", "xml", "html"]:
        check(re.search(rf"^{fmt} .*\n(\s+reads .*\n)?\s+{re.escape(plugindir)}/{fmt}\.so$", listing, re.M),
              f"--list-formats does not show {fmt} from {plugindir}:\n{listing}")
    out = run(["prensa", SAMPLE, "-t", "txt", "-o", "-"], env).stdout
    check("We Won’t Be Complicit" in out, "the installed prensa's txt output lacks the title")
    return plugindir


def same_tree(xml_node, json_node, where):
    """The JSON tree must match the xml writer's dump node for node."""
    tag = xml_node.tag.split("}")[-1]
    check(json_node["type"] == tag, f"{where}: {json_node['type']} where xml has {tag}")
    if tag == "turn":
        check(json_node["speaker"] == xml_node.get("speaker"), f"{where}: speaker differs")
    if tag == "heading":
        check(str(json_node["level"]) == xml_node.get("level"), f"{where}: level differs")
        check(json_node["anchor"] == xml_node.get("anchor"), f"{where}: anchor differs")
    if "text" in json_node:
        check(json_node["text"] == (xml_node.text or ""), f"{where}: text differs")
    kids = json_node.get("children", [])
    check(len(kids) == len(xml_node), f"{where}: {len(kids)} children, xml has {len(xml_node)}")
    for i, (x, j) in enumerate(zip(xml_node, kids)):
        same_tree(x, j, f"{where}/{tag}[{i}]")


def check_json_listed(listing, folder):
    """json is read and written, from the one module in @folder."""
    check(re.search(r"^json +rw +\.json +The document model as JSON.*\n"
                    r"\s+reads prensa-json, .*, from \.json\n"
                    rf"\s+{re.escape(folder)}/json\.so$", listing, re.M),
          f"--list-formats does not show json as read and written from {folder}:\n{listing}")


def check_json_plugin(scratch, env):
    # The samples folder whole: the plugin's test reads its neighbours.
    samples = os.path.join(scratch, "samples")
    src = os.path.join(samples, "plugin")
    build = os.path.join(scratch, "json-build")
    shutil.copytree(os.path.join(SOURCE, "samples"), samples)
    run(["meson", "setup", build, src, "-Dwerror=true"], env)
    run(["ninja", "-C", build], env)
    run(["meson", "test", "-C", build, "--print-errorlogs"], env)  # its own check-json.py
    log = open(os.path.join(build, "meson-logs", "testlog.txt"), encoding="utf-8").read()
    for sample in ["test.md", "interview.md", "rota.md", "refusals"]:
        check(f"{sample}: ok" in log, f"check-json.py did not check {sample}:\n{log}")
    penv = dict(env, PRENSA_PLUGIN_PATH=build)
    # The installed header's DEFINE macros gave it a descriptor section
    # (a record for the writer and one for the reader), which prensa lists
    # it from without loading it.
    with open(os.path.join(build, "json.so"), "rb") as f:
        module = f.read()
    check(b".prensa.descriptor\0" in module
          and module.count(b"prensa-descriptor\0" b"1\0") == 2,
          "json.so has no descriptor section with its writer and reader")

    check_json_listed(run(["prensa", "--list-formats"], penv).stdout, build)
    helptext = run(["prensa", "--help-format", "json"], penv).stdout
    for opt, default in [("indent", "2"), ("inlines", "tree"), ("positions", "false")]:
        check(re.search(rf"^  {opt} .*\(default: {default}\)$", helptext, re.M),
              f"--help-format json does not list {opt} with default {default}:\n{helptext}")

    out = os.path.join(scratch, "interview.json")
    run(["prensa", SAMPLE, "-t", "json", "-o", out], penv)
    run([sys.executable, "-m", "json.tool", out], penv)
    model = json.load(open(out, encoding="utf-8"))
    check(model["format"] == "prensa-json" and model["version"] == 2, "format/version keys")
    check(model["meta"]["title"] == "We Won’t Be Complicit", "meta.title")
    check(model["meta"]["subject"][:2] == ["Immigration", "Labor"], "meta.subject is no list")
    check([(s["id"], s["role"]) for s in model["speakers"]]
          == [("SJ", "interviewer"), ("CS", "interviewee")], "speakers")
    xml = run(["prensa", SAMPLE, "-t", "xml", "-o", "-"], penv).stdout
    root = ET.fromstring(xml.encode())
    parts = [e for e in root if e.tag.split("}")[-1] == "part"]
    doc = model["document"]
    check(doc["type"] == "document" and len(doc["children"]) == len(parts) == 1, "one part")
    same_tree(parts[0], doc["children"][0], "document")
    part = doc["children"][0]["children"]
    check(part[0]["type"] == "standfirst" and part[-1]["type"] == "back_matter",
          "the part does not run standfirst … back_matter")
    turns = [n for n in part if n["type"] == "turn"]
    check(len(turns) > 10 and all(t["speaker"] in ("SJ", "CS") for t in turns), "turns")

    # Options: plain text inlines, one line, positions; bad values fail.
    r = run(["prensa", SAMPLE, "-t", "json", "-O", "inlines=text", "-O", "indent=0",
             "-O", "json.positions", "-o", "-"], penv).stdout
    check(r.count("\n") == 1, "indent=0 should write one line")
    flat = json.loads(r)["document"]["children"][0]["children"]
    check(flat[1]["children"][0]["text"].startswith("We are talking because Cosecha"),
          "inlines=text should give a paragraph its text")
    check(flat[1]["line"] == flat[1]["children"][0]["line"] > 1, "positions should give lines")
    r = run(["prensa", SAMPLE, "-t", "json", "-O", "indent=9", "-o", "-"], penv, ok=False)
    check(r.returncode == 2 and "indent" in r.stderr, f"indent=9 should be a usage error: {r.stderr}")
    r = run(["prensa", SAMPLE, "-t", "json", "-O", "json.width=9", "-o", "-"], penv, ok=False)
    check(r.returncode == 2 and "indent, inlines, positions" in r.stderr,
          f"an undeclared option should be a usage error naming the valid ones: {r.stderr}")
    return build


def check_installed_plugin(scratch, json_build, plugindir, env):
    # Installed into the prefix's plugindir, it is found with no variable.
    run(["meson", "install", "-C", json_build, "--quiet"], env)
    check(os.path.isfile(os.path.join(plugindir, "json.so")), "json.so not in plugindir")
    check_json_listed(run(["prensa", "--list-formats"], env).stdout, plugindir)

    # The round trip: the JSON reads back to the JSON, but for the part's
    # "source" (the file each was read from), and to the same xml dump,
    # but for the files and lines the blocks came from.
    a, b = os.path.join(scratch, "round-a.json"), os.path.join(scratch, "round-b.json")
    run(["prensa", SAMPLE, "-t", "json", "-o", a], env)
    run(["prensa", a, "-f", "json", "-t", "json", "-o", b], env)
    model_a, model_b = json.load(open(a, encoding="utf-8")), json.load(open(b, encoding="utf-8"))
    parts_a, parts_b = model_a["document"]["children"], model_b["document"]["children"]
    check(parts_a[0]["source"] == SAMPLE and parts_b[0]["source"] == a, "the parts' sources")
    parts_a[0]["source"] = parts_b[0]["source"] = None
    check(model_a == model_b, f"{a} does not read back to itself")
    unplaced = lambda xml: re.sub(r' (line|source)="[^"]*"', "", xml)
    xml_md = run(["prensa", SAMPLE, "-t", "xml", "-o", "-"], env).stdout
    xml_json = run(["prensa", a, "-t", "xml", "-o", "-"], env).stdout
    check(unplaced(xml_md) == unplaced(xml_json), "the JSON reads back to another model")


def check_wrong_abi(scratch, env):
    folder = os.path.join(scratch, "abi")
    os.mkdir(folder)
    cc = os.environ.get("CC", "cc").split()
    cflags = run(["pkg-config", "--cflags", "prensa"], env).stdout.split()
    libs = run(["pkg-config", "--libs", "prensa"], env).stdout.split()
    # The ABI the installed headers describe, read by the preprocessor.
    r = subprocess.run(cc + cflags + ["-E", "-P", "-x", "c", "-"], env=env, text=True,
                       input="#include <prensa/prensa-plugin.h>\nprensa_abi = PRENSA_PLUGIN_ABI\n",
                       capture_output=True, check=True)
    abi = int(re.search(r"prensa_abi = (\d+)", r.stdout).group(1))
    module = os.path.join(folder, "future.so")
    run(cc + ["-shared", "-fPIC", "-fvisibility=hidden", "-o", module,
              os.path.join(HERE, "wrong-abi.c")] + cflags + libs, env)

    penv = dict(env, PRENSA_PLUGIN_PATH=folder)
    r = run(["prensa", "--list-formats"], penv)
    expected = f"{module}: plugin ABI {abi + 1}, but this prensa needs ABI {abi}; rebuild the plugin; skipped"
    check(expected in r.stderr, f"expected the warning\n  {expected}\ngot\n{r.stderr}")
    check("future" not in r.stdout and re.search(r"^txt ", r.stdout, re.M),
          f"prensa should skip the module and carry on:\n{r.stdout}")
    r = run(["prensa", SAMPLE, "-t", "future", "-o", "-"], penv, ok=False)
    check(r.returncode == 2, f"a refused format should be unknown (exit 2), got {r.returncode}")


def extract_guide(folder):
    """Writes every **name** + fenced block of plugins/README.md's plugin."""
    text = open(os.path.join(SOURCE, "plugins", "README.md"), encoding="utf-8").read()
    files = re.findall(r"^\*\*([\w.-]+)\*\*\n\n```[\w-]*\n(.*?)^```$", text, re.M | re.S)
    names = [n for n, _ in files]
    check(names == ["turns.c", "meson.build", "test.md", "test-turns.py"],
          f"the guide's files changed: {names}")
    os.mkdir(folder)
    for name, body in files:
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(body)


def check_guide_plugin(scratch, env):
    src = os.path.join(scratch, "turns")
    build = os.path.join(src, "build")
    extract_guide(src)
    run(["meson", "setup", "build", "-Dwerror=true"], env, cwd=src)
    run(["meson", "compile", "-C", "build"], env, cwd=src)
    run(["meson", "test", "-C", "build", "--print-errorlogs"], env, cwd=src)

    penv = dict(env, PRENSA_PLUGIN_PATH=build)
    helptext = run(["prensa", "--help-format", "turns"], penv).stdout
    check("(default: comma)" in helptext and "(default: true)" in helptext,
          f"--help-format turns lacks its defaults:\n{helptext}")
    out = os.path.join(scratch, "interview.csv")
    run(["prensa", SAMPLE, "-o", out], penv)  # the format from the extension
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    xml = run(["prensa", SAMPLE, "-t", "xml", "-o", "-"], penv).stdout
    n_turns = len(re.findall(r"<turn ", xml))
    check(rows[0] == ["speaker", "name", "role", "words", "text"], f"header {rows[0]}")
    check(len(rows) == n_turns + 1, f"{len(rows) - 1} rows for {n_turns} turns")
    check(rows[1][:3] == ["SJ", "Sarah Jaffe", "interviewer"], f"first row {rows[1]}")
    check(all(int(r[3]) == len(r[4].split()) for r in rows[1:]), "word counts")

    plain = os.path.join(scratch, "plain.md")
    with open(plain, "w") as f:
        f.write("# No speakers\n\nJust text.\n")
    target = os.path.join(scratch, "plain.csv")
    r = run(["prensa", plain, "-t", "turns", "-o", target], penv, ok=False)
    check(r.returncode == 1 and "no turns" in r.stderr and not os.path.exists(target),
          f"a document without turns should fail and leave no file: {r.returncode} {r.stderr}")


def check_guide_filter(scratch, env):
    """The filter of the guide's "Writing a filter", built out of tree: -F
    drop-code leaves out the code block and keeps the rest."""
    text = open(os.path.join(SOURCE, "plugins", "README.md"), encoding="utf-8").read()
    section = text.split("## Writing a filter", 1)[1]
    code = re.search(r"```c\n(.*?)```", section, re.S).group(1)
    folder = os.path.join(scratch, "drop-code")
    os.mkdir(folder)
    src = os.path.join(folder, "drop-code.c")
    with open(src, "w", encoding="utf-8") as f:
        f.write(code)
    cc = os.environ.get("CC", "cc").split()
    cflags = run(["pkg-config", "--cflags", "prensa"], env).stdout.split()
    libs = run(["pkg-config", "--libs", "prensa"], env).stdout.split()
    run(cc + ["-shared", "-fPIC", "-fvisibility=hidden", "-Wall", "-Werror", "-o",
              os.path.join(folder, "drop-code.so"), src] + cflags + libs, env)
    doc = os.path.join(folder, "code.md")
    with open(doc, "w", encoding="utf-8") as f:
        f.write("Before.\n\n```\nsecret code\n```\n\nAfter.\n")
    penv = dict(env, PRENSA_PLUGIN_PATH=folder)
    listing = run(["prensa", "--list-filters"], penv).stdout
    check(re.search(r"^drop-code +Drops every code block", listing, re.M),
          f"the guide's filter is not listed:\n{listing}")
    out = run(["prensa", doc, "-F", "drop-code", "-t", "txt", "-o", "-"], penv).stdout
    check("Before." in out and "After." in out and "secret code" not in out,
          f"the guide's filter made:\n{out}")


def check_guide_reader(scratch, env):
    """The reader of the guide's "Writing a reader", built out of tree."""
    text = open(os.path.join(SOURCE, "plugins", "README.md"), encoding="utf-8").read()
    section = text.split("## Writing a reader", 1)[1]
    code = re.search(r"```c\n(.*?)```", section, re.S).group(1)
    folder = os.path.join(scratch, "lines")
    os.mkdir(folder)
    src = os.path.join(folder, "lines.c")
    with open(src, "w", encoding="utf-8") as f:
        f.write("#include <string.h>\n" + code)
    cc = os.environ.get("CC", "cc").split()
    cflags = run(["pkg-config", "--cflags", "prensa"], env).stdout.split()
    libs = run(["pkg-config", "--libs", "prensa"], env).stdout.split()
    run(cc + ["-shared", "-fPIC", "-fvisibility=hidden", "-Wall", "-Werror", "-o",
              os.path.join(folder, "lines.so"), src] + cflags + libs, env)
    doc = os.path.join(folder, "list.lst")
    with open(doc, "w", encoding="utf-8") as f:
        f.write("first line\n\nsecond [line](javascript:x)\n")
    penv = dict(env, PRENSA_PLUGIN_PATH=folder)
    listing = run(["prensa", "--list-formats"], penv).stdout
    check(re.search(r"^lines +r- ", listing, re.M), f"the guide's reader is not listed:\n{listing}")
    out = run(["prensa", doc, "-t", "xml", "-o", "-"], penv).stdout
    paras = re.findall(r"<paragraph[^>]*><text>([^<]*)</text></paragraph>", out)
    check(paras == ["first line", "second [line](javascript:x)"],
          f"the guide's reader made {paras} from {doc}:\n{out}")


def main():
    scratch = tempfile.mkdtemp(prefix="prensa-sdk-")
    try:
        env = clean_env()
        prefix = install_prensa(scratch, env)
        plugindir = check_install(prefix, env)
        json_build = check_json_plugin(scratch, env)
        check_wrong_abi(scratch, env)
        check_guide_plugin(scratch, env)
        check_guide_reader(scratch, env)
        check_guide_filter(scratch, env)
        check_installed_plugin(scratch, json_build, plugindir, env)
    finally:
        if os.environ.get("PRENSA_SDK_KEEP"):
            print("kept", scratch)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
