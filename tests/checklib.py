# checklib.py: what the test scripts share: collecting failed checks, the
# rule for a missing tool (skip with 77, fail when CI=true), and reading the
# XML a writer made.
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import sys
import xml.parsers.expat
import zipfile

SKIP = 77
failures = []


def check(condition, message):
    """Records a failed check and carries on, so one run reports them all."""
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    return condition


def finish():
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")
    sys.exit(0)


def in_ci():
    return os.environ.get("CI") == "true"


# The parts of a DOCX or EPUB that are XML.
XML_PARTS = (".xml", ".xhtml", ".opf", ".ncx", ".rels")


def well_formed(name, data):
    """None, or why @data is not well-formed XML. expat keeps no C stack
    per element, so outputs 100,000 levels deep are fine."""
    p = xml.parsers.expat.ParserCreate()
    try:
        p.Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        return f"{name}: not well-formed XML: {e}"
    return None


def zip_xml_parts(path):
    """(name, bytes) of each XML part of the zip container at @path."""
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.endswith(XML_PARTS):
                yield n, z.read(n)


def missing_tool(what):
    """A validator is not installed: CI must run it, so fail there; skip
    elsewhere so a developer without it can still run the rest."""
    print(f"{what} is not available")
    sys.exit(1 if in_ci() else SKIP)
