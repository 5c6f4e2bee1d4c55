/* docx.c: the DOCX writer, Office Open XML for Word and LibreOffice.
 *
 * The package is assembled in docx-package.c, the body walked in
 * docx-body.c, styles loaded (or merged into a reference DOCX) in
 * docx-styles.c; the style parts themselves are formats/docx/.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

#include <libxml/parser.h>

static const PrensaOptionSpec docx_options[] = {
  { "page-size", NULL,
    "Paper, a4 or letter (default: the reference-docx's page, else the "
    "papersize metadata, else a4)" },
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
