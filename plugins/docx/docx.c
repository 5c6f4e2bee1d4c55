/* docx.c: the DOCX writer, Office Open XML for Word and LibreOffice.
 *
 * The package is assembled in docx-package.c, the body walked in
 * docx-body.c, styles loaded (or merged into a reference DOCX) in
 * docx-styles.c, table frames in docx-table.c; the style parts
 * themselves are formats/docx/.
 *
 * GFM's additions are written as Word's own: a table is a w:tbl in the
 * "Prensa Table" style, its header rows repeated on each page; a footnote
 * is a Word footnote in word/footnotes.xml. Word numbers footnotes itself,
 * through the whole document, so the notes of a second input go on from
 * the first's (LibreOffice 7.4 cannot restart them per section); and it
 * has one footnote per mark, so a second reference to a note is a NOTEREF
 * cross-reference showing the note's number, not a copy of the note.
 * Struck-through text is w:strike; a task item opens with ☐ or ☒.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

#include <libxml/parser.h>

static const PrensaOptionSpec docx_options[] = {
  { "page-size", NULL,
    "Paper: A3, A4, A5, B5, Letter, Legal, Tabloid or WIDTHxHEIGHT such as 6x9in "
    "(default: the reference-docx's page, else the papersize metadata, else A4)" },
  { "labels", "first",
    "Speaker labels: first (full name on a speaker's first turn in a part, "
    "the id after), name, id or none" },
  { "toc", "false",
    "A table of contents: the headings linked, with page numbers that Word and "
    "LibreOffice fill in" },
  { "toc-depth", "3", "Heading levels listed in the table of contents (1-9)" },
  { "reference-docx", NULL,
    "Take styles and page setup from this DOCX, as pandoc's --reference-doc; "
    "styles it lacks are added from prensa's own" },
  { NULL }
};

static gboolean
write_docx (const PrensaDocument *document,
            const PrensaOptions *options,
            PrensaOutput *output,
            GError **error)
{
  return docx_package_write (document, options, output, error);
}

/* libxml2 sets up its globals on first use, which is not safe when two
 * --batch threads get there at once: do it when the module is loaded,
 * which the host does on one thread before any conversion. */
__attribute__((constructor)) static void
docx_init_libxml (void)
{
  xmlInitParser ();
}

PRENSA_WRITER_DEFINE ("docx", "Word document (Office Open XML), for print",
                      "docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      docx_options, write_docx);
