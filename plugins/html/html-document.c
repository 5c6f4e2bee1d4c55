/* html-document.c: the page: <head>, then each input part as an
 * <article>, in <main>; or, with the fragment option, the articles alone.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

G_DEFINE_QUARK (prensa-html-error-quark, prensa_html_error)

static gboolean
part_is_interview (const PrensaNode *part)
{
  for (const PrensaNode *n = prensa_node_first_child (part); n != NULL;
       n = prensa_node_next (n))
    if (prensa_node_get_node_type (n) == PRENSA_NODE_TURN)
      return TRUE;
  return FALSE;
}

/* Each part shows the metadata of its opening (prensa_node_get_part_meta:
 * a single input's is the document's, -M included; a book's part has its
 * own). A part with a headline is an <article>; one without is a plain
 * <div>, since an article is expected to carry a heading. */
static void
write_part (HtmlWriter *w, const PrensaNode *part, guint index, guint toc_depth)
{
  const PrensaValue *meta = prensa_node_get_part_meta (part);
  gboolean header = meta != NULL && html_has_header (meta);
  const char *tag = header ? "article" : "div";

  g_string_append_printf (w->out, "<%s class=\"%s\"", tag,
                          part_is_interview (part) ? "interview" : "document");
  /* In a book, the part's anchor is where a link to its input lands
   * (the page's top, "#", in a document of one part). */
  if (prensa_document_get_n_parts (w->doc) > 1)
    g_string_append_printf (w->out, " id=\"%s\"", prensa_node_get_anchor (part));
  g_string_append (w->out, ">\n");
  w->part = part;
  if (header)
    html_write_header (w, meta, part);
  if (toc_depth > 0 && index == 0)
    html_write_toc (w, toc_depth);
  html_write_node (w, part);
  g_string_append_printf (w->out, "</%s>\n", tag);
}

/* A book of several inputs with a title of its own heads the page with
 * it (its subtitle, "By" its authors, its date), above its parts' own
 * openings and the contents. */
static gboolean
write_book_header (HtmlWriter *w, guint toc_depth)
{
  if (prensa_document_get_headline (w->doc) == NULL)
    return FALSE;
  g_string_append (w->out, "<div class=\"book\">\n");
  html_write_header (w, prensa_document_get_meta (w->doc), prensa_document_get_root (w->doc));
  if (toc_depth > 0)
    html_write_toc (w, toc_depth);
  g_string_append (w->out, "</div>\n");
  return TRUE;
}

gboolean
html_write_document (const PrensaDocument *doc,
                     const PrensaOptions *options,
                     PrensaOutput *output,
                     GError **error)
{
  g_autoptr (GString) out = g_string_sized_new (64 * 1024);
  g_autoptr (GHashTable) note_refs = g_hash_table_new_full (
      g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) raw_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  HtmlWriter w = { doc, out, FALSE, PRENSA_LABELS_FIRST, output, note_refs, 0, NULL, FALSE, NULL };
  gboolean fragment = FALSE, toc = FALSE;
  guint index = 0, labels = PRENSA_LABELS_FIRST;
  gint64 toc_depth = 3;

  if (!prensa_options_get_boolean (options, "fragment", &fragment, error) ||
      !prensa_options_get_boolean (options, "toc", &toc, error) ||
      !prensa_options_get_int (options, "toc-depth", 1, 6, &toc_depth, error) ||
      !prensa_options_get_boolean (options, "embed-resources",
                                   &w.embed_resources, error) ||
      !prensa_options_get_choice (options, "labels", prensa_labels_choices (),
                                  &labels, error))
    return FALSE;
  w.labels = (PrensaLabels) labels;
  w.unsafe = (prensa_document_get_load_flags (doc) & PRENSA_LOAD_UNSAFE) != 0;
  w.raw_ids = raw_ids;

  if (!fragment)
    {
      if (!html_write_head (&w, options, error))
        return FALSE;
      g_string_append (out, "<body>\n<main>\n");
    }
  if (write_book_header (&w, toc ? (guint) toc_depth : 0))
    toc = FALSE;
  for (const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
       part != NULL; part = prensa_node_next (part))
    write_part (&w, part, index++, toc ? (guint) toc_depth : 0);
  if (!fragment)
    g_string_append (out, "</main>\n</body>\n</html>\n");

  prensa_output_write (output, out->str, out->len);
  return TRUE;
}
