#!/usr/bin/env python3
# json-filter-upper-labels.py: a prensa JSON filter, as pandoc's JSON
# filters are: the document in prensa-json on standard input (see
# samples/plugin/json.c for the format and its "version"), the changed
# document on standard output. This one writes every speaker's label in
# capitals ("SARAH JAFFE: …"), as some magazines set them:
#
#   prensa interview.md --json-filter samples/json-filter-upper-labels.py -o interview.html
#
# It needs the json plugin (samples/plugin) on prensa's plugin path.
# SPDX-License-Identifier: LGPL-2.1-or-later
import json
import sys

doc = json.load(sys.stdin)
if doc.get("format") != "prensa-json" or doc.get("version", 1) > 2:
    sys.exit("not prensa-json version 1 or 2")
for where in (doc["speakers"], doc["meta"].get("speakers", [])):
    for speaker in where:
        for key in ("id", "name"):
            if isinstance(speaker.get(key), str):
                speaker[key] = speaker[key].upper()
# each turn names its speaker by id
def walk(node):
    if node.get("type") == "turn" and isinstance(node.get("speaker"), str):
        node["speaker"] = node["speaker"].upper()
    for child in node.get("children", []):
        walk(child)
    if isinstance(node.get("meta"), dict):
        for speaker in node["meta"].get("speakers", []):
            for key in ("id", "name"):
                if isinstance(speaker.get(key), str):
                    speaker[key] = speaker[key].upper()
walk(doc["document"])
json.dump(doc, sys.stdout, ensure_ascii=False)
