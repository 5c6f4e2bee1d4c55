# check-json.py: converts test.md with the json plugin and checks the result.
# SPDX-License-Identifier: LGPL-2.1-or-later
import json
import subprocess
import sys

prensa, source = sys.argv[1], sys.argv[2]
run = subprocess.run([prensa, source, "-t", "json", "-o", "-"],
                     capture_output=True, text=True)
assert run.returncode == 0, run.stderr
assert "\u2028" not in run.stdout, "U+2028 must be escaped for JavaScript"
model = json.loads(run.stdout)

meta = model["meta"]
assert meta["title"] == 'Quotes " and back\\slashes, a tab\there, a line\u2028separator', meta
assert meta["keywords"] == ["json", "plugins"] and meta["venue"]["rooms"] == ["A", "B"], meta
assert [s["role"] for s in model["speakers"]] == ["interviewer", "interviewee"]

part = model["document"]["children"][0]["children"]
assert [n["type"] for n in part] == ["standfirst", "turn", "turn"], part
link = part[0]["children"][0]["children"][5]
assert link["type"] == "link" and link["url"] == "https://example.org", link
assert link["title"] == "Title", link
answer = part[2]["children"]
assert answer[1]["list_type"] == "ordered" and answer[1]["delimiter"] == "paren", answer[1]
assert answer[2] == {"type": "code_block", "info": "c",
                     "text": 'puts ("\\"quoted\\"\\n");\n'}, answer[2]
print("ok")
