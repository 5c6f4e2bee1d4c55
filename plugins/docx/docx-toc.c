/* docx-toc.c: a table of contents (--toc, -O toc=true).
 *
 * In a content control of Word's "Table of Contents" gallery, one
 * paragraph an entry of prensa_document_dup_contents, in styles TOC1 to
 * TOC9: the entry's words linked to its heading's bookmark, a dotted tab,
 * and a PAGEREF field for the heading's page. Both Word (which
 * settings.xml asks to update fields on opening) and LibreOffice (which
 * works out page references as it lays the pages out) fill the pages in.
 * A TOC field would not do for LibreOffice, which shows a TOC field's
 * result as written and does not update it on opening; Word users can
 * still turn the control into one with References > Update Table.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

static void
field_run (GString *out, const char *type)
{
  g_string_append_printf (out, "<w:r><w:fldChar w:fldCharType=\"%s\"/></w:r>", type);
}

static void
instruction (GString *out, const char *text)
{
  g_string_append (out, "<w:r><w:instrText xml:space=\"preserve\"> ");
  prensa_xml_text (out, text);
  g_string_append (out, " </w:instrText></w:r>");
}

static void
text_run (GString *out, const char *text)
{
  g_string_append (out, "<w:r><w:t xml:space=\"preserve\">");
  prensa_xml_text (out, text);
  g_string_append (out, "</w:t></w:r>");
}

/* One entry's paragraph. */
static void
write_entry (GString *out, const DocxStyles *styles, const PrensaContentsEntry *e,
             const char *bookmark, guint tab)
{
  g_autofree char *style = g_strdup_printf ("TOC%u", MIN (e->level, 9));

  g_string_append_printf (out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>"
                          "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"%u\"/></w:tabs>"
                          "</w:pPr>", docx_styles_id (styles, style), tab);
  if (bookmark == NULL)
    {
      text_run (out, e->text);
      g_string_append (out, "</w:p>");
      return;
    }
  g_string_append (out, "<w:hyperlink w:anchor=\"");
  prensa_xml_escape (out, bookmark, -1, TRUE);
  g_string_append (out, "\" w:history=\"1\">");
  text_run (out, e->text);
  g_string_append (out, "<w:r><w:tab/></w:r>");
  {
    g_autofree char *ref = g_strdup_printf ("PAGEREF %s \\h", bookmark);

    field_run (out, "begin");
    instruction (out, ref);
    field_run (out, "separate");
    /* Word and LibreOffice put the page here; until then, none. */
    text_run (out, "");
    field_run (out, "end");
  }
  g_string_append (out, "</w:hyperlink></w:p>");
}

gboolean
docx_toc_write (GString *out, const PrensaDocument *document, const DocxStyles *styles,
                GHashTable *bookmarks, const DocxPage *page, guint depth)
{
  g_autoptr (GArray) entries = prensa_document_dup_contents (document, depth);
  const char *lang = prensa_document_get_meta_string (document, "lang");
  guint tab = page->width - page->left - page->right;

  if (entries->len == 0)
    return FALSE;
  g_string_append (out, "<w:sdt><w:sdtPr><w:docPartObj>"
                   "<w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/>"
                   "</w:docPartObj></w:sdtPr><w:sdtContent>");
  g_string_append_printf (out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>",
                          docx_styles_id (styles, "TOCHeading"));
  text_run (out, prensa_word (lang, PRENSA_WORD_CONTENTS));
  g_string_append (out, "</w:p>");
  for (guint i = 0; i < entries->len; i++)
    {
      const PrensaContentsEntry *e = &g_array_index (entries, PrensaContentsEntry, i);
      const char *bookmark = e->anchor ? g_hash_table_lookup (bookmarks, e->anchor) : NULL;

      write_entry (out, styles, e, bookmark, tab);
    }
  g_string_append (out, "</w:sdtContent></w:sdt>");
  return TRUE;
}
