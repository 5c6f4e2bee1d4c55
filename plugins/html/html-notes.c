/* html-notes.c: footnotes as endnotes, the way pandoc writes them.
 *
 * A reference is a superscript number linking to its note; the notes,
 * which the core puts last in their part, become one
 * <section role="doc-endnotes"> at the end of that part's article (so a
 * fragment keeps them too), an <ol> whose items carry the notes' anchors.
 * Each note ends with a back-link to every reference to it, inside its
 * last paragraph when it ends with one. The ids are the core's anchors
 * (prensa_node_get_anchor), unique in the document.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

/* The language a part is written in: the document's metadata speaks for
 * the first part (as its header does), a later part's own front matter
 * for it, falling back on the document's. */
static const char *
part_lang (HtmlWriter *w, const PrensaNode *part)
{
  const PrensaNode *root = prensa_document_get_root (w->doc);
  const char *lang = NULL;

  if (part != NULL && prensa_node_first_child (root) != part)
    lang = prensa_value_lookup_string (prensa_node_get_part_meta (part), "lang");
  if (lang == NULL || lang[0] == '\0')
    lang = prensa_document_get_meta_string (w->doc, "lang");
  return lang;
}

static void
remember_ref (HtmlWriter *w, const PrensaNode *note, const PrensaNode *ref)
{
  GPtrArray *refs = g_hash_table_lookup (w->note_refs, note);

  if (refs == NULL)
    {
      refs = g_ptr_array_new ();
      g_hash_table_insert (w->note_refs, (gpointer) note, refs);
    }
  g_ptr_array_add (refs, (gpointer) ref);
}

void
html_write_note_ref (HtmlWriter *w, const PrensaNode *ref)
{
  const PrensaNode *note = prensa_node_get_footnote (ref);
  const char *id = prensa_node_get_anchor (ref);
  const char *target = note ? prensa_node_get_anchor (note) : NULL;
  guint number = prensa_node_get_footnote_number (ref);

  if (note == NULL || id == NULL || target == NULL)
    {
      html_put (w->out, "<sup>");
      prensa_string_append_int (w->out, number);
      html_put (w->out, "</sup>");
      return;
    }
  remember_ref (w, note, ref);
  /* A link cannot hold another: inside one, the number is only a target
   * for the note's back-link. */
  if (w->in_link > 0)
    {
      html_put (w->out, "<sup class=\"footnote-ref\" id=\"");
      prensa_xml_escape (w->out, id, -1, TRUE);
      html_put (w->out, "\">");
      prensa_string_append_int (w->out, number);
      html_put (w->out, "</sup>");
      return;
    }
  html_put (w->out, "<a href=\"#");
  prensa_xml_escape (w->out, target, -1, TRUE);
  html_put (w->out, "\" class=\"footnote-ref\" id=\"");
  prensa_xml_escape (w->out, id, -1, TRUE);
  html_put (w->out, "\" role=\"doc-noteref\"><sup>");
  prensa_string_append_int (w->out, number);
  html_put (w->out, "</sup></a>");
}

gboolean
html_ends_note (const PrensaNode *para)
{
  const PrensaNode *parent = prensa_node_parent (para);

  return parent != NULL &&
         prensa_node_get_node_type (parent) == PRENSA_NODE_FOOTNOTE_DEFINITION &&
         prensa_node_last_child (parent) == para;
}

/* "↩︎" back to the first reference, "↩︎²" to the second, and so on
 * (U+FE0E keeps the arrow text, not an emoji); @after_text: a space
 * separates them from the note's words. */
void
html_write_backlinks (HtmlWriter *w, const PrensaNode *note, gboolean after_text)
{
  GPtrArray *refs = g_hash_table_lookup (w->note_refs, note);

  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      if (i > 0 || after_text)
        g_string_append_c (w->out, ' ');
      html_put (w->out, "<a href=\"#");
      prensa_xml_escape (w->out, prensa_node_get_anchor (refs->pdata[i]), -1,
                         TRUE);
      html_put (w->out, "\" class=\"footnote-back\" role=\"doc-backlink\">"
                       "\xe2\x86\xa9\xef\xb8\x8e");
      if (i > 0)
        g_string_append_printf (w->out, "<sup>%u</sup>", i + 1);
      html_put (w->out, "</a>");
    }
}

static gboolean
is_note (const PrensaNode *node)
{
  return node != NULL &&
         prensa_node_get_node_type (node) == PRENSA_NODE_FOOTNOTE_DEFINITION;
}

static void
open_note (HtmlWriter *w, const PrensaNode *note)
{
  if (!is_note (prensa_node_previous (note)))
    {
      const char *notes = prensa_word (part_lang (w, prensa_node_get_part (note)),
                                       PRENSA_WORD_NOTES);

      html_cr (w->out);
      html_put (w->out, "<section class=\"footnotes\" role=\"doc-endnotes\" "
                       "aria-label=\"");
      prensa_xml_escape (w->out, notes, -1, TRUE);
      html_put (w->out, "\">\n<hr />\n<ol>\n");
    }
  html_put (w->out, "<li id=\"");
  prensa_xml_escape (w->out, prensa_node_get_anchor (note), -1, TRUE);
  html_put (w->out, "\">\n");
}

static void
close_note (HtmlWriter *w, const PrensaNode *note)
{
  const PrensaNode *last = prensa_node_last_child (note);
  GPtrArray *refs = g_hash_table_lookup (w->note_refs, note);

  /* A note that does not end with a paragraph gets one for its links. */
  if ((last == NULL || prensa_node_get_node_type (last) != PRENSA_NODE_PARAGRAPH) &&
      refs != NULL && refs->len > 0)
    {
      html_cr (w->out);
      html_put (w->out, "<p>");
      html_write_backlinks (w, note, FALSE);
      html_put (w->out, "</p>\n");
    }
  html_cr (w->out);
  html_put (w->out, "</li>\n");
  if (!is_note (prensa_node_next (note)))
    html_put (w->out, "</ol>\n</section>\n");
}

void
html_write_note (HtmlWriter *w, const PrensaNode *note, gboolean entering)
{
  if (entering)
    open_note (w, note);
  else
    close_note (w, note);
}
