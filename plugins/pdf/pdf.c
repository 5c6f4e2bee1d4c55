/* pdf.c: the PDF writer, pages typeset with Pango and drawn with cairo,
 * for print, with no TeX and no browser.
 *
 * Settings come from formats/pdf/styles.ini (pdf-style.c), blocks from
 * the walk in pdf-body.c, pages from pdf-pager.c. Tables are ruled in
 * the booktabs manner (pdf-table.c); footnotes go to the foot of the
 * page their reference is on (pdf-note.c, pdf-pager.c), numbered and
 * linked both ways; struck-through text is ruled through; task items
 * show a box (☐, ☒) for a bullet; toc adds a contents page
 * (pdf-contents.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

static const PrensaOptionSpec pdf_options[] = {
  { "page-size", NULL,
    "Paper: A3, A4, A5, B5, Letter, Legal, Tabloid or WIDTHxHEIGHT such as 6x9in "
    "(default: the papersize metadata, else A4)" },
  { "margins", NULL,
    "Page margins as in CSS, one to four lengths: top right bottom left, "
    "e.g. 20mm or \"2cm 2.5cm\" (default 22mm 44mm 24mm: a measure of "
    "about 70 characters)" },
  { "font", NULL,
    "Family for the text, a fontconfig name (default TeX Gyre Pagella)" },
  { "font-size", NULL,
    "Size of the text in points; headings and notes scale with it "
    "(default 10.5)" },
  { "justify", "true", "Justify paragraphs (false: ragged right)" },
  { "hyphenate", "true",
    "Hyphenate body text with the patterns of the document's lang "
    "(libhyphen; none where none are installed)" },
  { "labels", "first",
    "Speaker labels: first (full name on a speaker's first turn in a part, "
    "the id after), name, id or none" },
  { "toc", "false",
    "A contents page after the title block: the headings, each linked, with "
    "its page number" },
  { "toc-depth", "3", "Heading levels listed on the contents page (1-6)" },
  { "text-layer", "prensa",
    "Who writes the text's glyphs into the PDF: cairo, or prensa (faster on a "
    "long document: its own content streams and font subsets, the rest of the "
    "page cairo's)" },
  { "styles", NULL,
    "A styles.ini whose keys override the built-in typography "
    "(see formats/pdf/styles.ini)" },
  { NULL }
};

/* One PDF at a time in a process. Every thread gets its own Pango font
 * map, but cairo 1.16 hands them all the same scaled fonts, and their
 * glyph caches are not safe to use from two threads at once: --batch -j 2
 * crashed in cairo_scaled_font_glyph_extents about one run in two. The
 * other writers still run beside this one. */
static GMutex pdf_lock;

static gboolean
write_pdf (const PrensaDocument *document,
           const PrensaOptions *options,
           PrensaOutput *output,
           GError **error)
{
  gboolean ok;

  g_mutex_lock (&pdf_lock);
  ok = pdf_document_write (document, options, output, error);
  g_mutex_unlock (&pdf_lock);
  return ok;
}

PRENSA_WRITER_DEFINE ("pdf", "PDF for print, typeset with Pango and cairo",
                      "pdf", "application/pdf", pdf_options, write_pdf);
