#!/usr/bin/python3
# make-reference.py: writes corpus/reference.docx, the reference-docx of the tests.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# python-docx's default template, restyled so the tests can tell its styles
# from prensa's: a sans Normal, a green Heading 1, Letter paper with one-inch
# margins. It has no Question, Answer, Speaker or Standfirst style, so the
# writer must add those. Run it from this folder when it needs remaking.
import docx
from docx.shared import Inches, Pt, RGBColor

d = docx.Document()
normal = d.styles["Normal"]
normal.font.name = "Liberation Sans"
normal.font.size = Pt(12)
d.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x80, 0x40)
section = d.sections[0]
section.page_width = Inches(8.5)
section.page_height = Inches(11)
for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
    setattr(section, side, Inches(1))
d.add_paragraph("Reference document for prensa's tests.")
d.core_properties.title = "prensa reference"
d.save("corpus/reference.docx")
