/* docx-read.c: the DOCX reader, Word files as editors receive them.
 *
 * The package is opened in docx-read-package.c, styles and numbering read
 * in docx-read-styles.c, the body walked in docx-read-body.c and the
 * properties in docx-read-meta.c.
 *
 * What it reads:
 *   - paragraphs; headings from the Heading 1–9 styles (by style id or by
 *     the style's name, through basedOn chains) or w:outlineLvl; the first
 *     Title paragraph is the title and the first Subtitle the subtitle, in
 *     the metadata (a later Title is a level-1 heading);
 *   - bold, italic and strikethrough (w:b, w:i, w:strike, w:dstrike, on
 *     the run or its character style; w:val="0"/"false" turns them off);
 *     adjacent runs of one formatting are merged, so a bold "Name:" split
 *     across runs is still one label for the core's interview pass;
 *   - hyperlinks (r:id through the part's relationships, w:anchor);
 *   - lists from numbering.xml (bullet or numbered by numFmt, nesting by
 *     ilvl, start and startOverride, "1)" kept);
 *   - tables: rows, cells (paragraphs joined by line breaks), header rows
 *     (w:tblHeader); a cell spanning columns keeps its text in the first
 *     and leaves the others empty;
 *   - footnotes and endnotes (not the separators), as notes at the end;
 *   - images (DrawingML a:blip and VML v:imagedata) kept with the
 *     document through prensa_builder_add_resource, alt text from
 *     wp:docPr's descr (else title);
 *   - line breaks, tabs, non-breaking and soft hyphens, w:sym outside the
 *     symbol fonts' private range; tracked insertions are kept and
 *     deletions dropped, as Word shows a document with changes accepted;
 *   - prensa's own styles: Source Code paragraphs are a code block,
 *     Verbatim Char runs code, Block Text a quote, Horizontal Rule a
 *     thematic break, Speaker runs a bold label, the first Back Matter
 *     paragraph opens the back matter; in a file prensa wrote, the Byline
 *     and Date paragraphs (they restate the metadata) and a figure's
 *     repeated caption are dropped;
 *   - metadata from docProps/core.xml (see docx-read-meta.c) and the
 *     speakers from the custom property prensa's writer leaves, so that
 *     prensa's DOCX reads back to the same interview. Otherwise the core
 *     finds the interview from the labels, as for any reader.
 * What becomes text, with one warning per kind: equations (m:oMath),
 * text boxes (in the paragraph they are anchored to), fields (the text
 * Word last showed), tables in tables, OLE objects (their picture).
 * Left out, with a warning: charts, SmartArt and shapes with no text,
 * altChunk documents. Comments, headers and footers are not read.
 *
 * Limits, because the file is untrusted: 64 MiB per part and 256 MiB in
 * all, counted as bytes are inflated whatever the zip headers claim; no
 * DTD (a part with a DOCTYPE is refused), no entities, no network; a
 * relationship can only name a part of the package; XML nesting is
 * libxml2's (256) and the walk's own bound (128).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-read-private.h"

static gboolean
read_docx (PrensaBuilder *builder, const char *data, gsize length, GError **error)
{
  DocxPackage pkg;
  GHashTable *rels;
  const DocxRel *main;
  g_autofree char *main_part = NULL;
  gboolean ok, title_set = FALSE;

  if (!docx_package_open (&pkg, prensa_builder_get_name (builder), data, length, error))
    return FALSE;
  rels = docx_package_rels (&pkg, "", error);
  if (!rels)
    {
      docx_package_close (&pkg);
      return FALSE;
    }
  main = docx_rels_find_type (rels, "officeDocument");
  main_part = g_strdup (main ? main->target : "word/document.xml");
  ok = docx_meta_read_custom (builder, &pkg, rels, error)
       && docx_body_read (builder, &pkg, main_part, docx_meta_is_prensa (&pkg, rels),
                          &title_set, error)
       && docx_meta_read_core (builder, &pkg, rels, title_set, error);
  g_hash_table_unref (rels);
  docx_package_close (&pkg);
  return ok;
}

PRENSA_READER_DEFINE ("docx", "Word document (Office Open XML)", "docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      PRENSA_READER_BINARY, NULL, read_docx);
