/* html-toc.c: a table of contents, nested ordered lists of links to every
 * heading of the document down to toc-depth (prensa_document_dup_contents).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

static void
write_entry (GString *out, const PrensaContentsEntry *e)
{
  if (e->anchor == NULL)
    {
      g_string_append (out, "<li>");
      prensa_xml_escape (out, e->text, -1, TRUE);
      return;
    }
  g_string_append (out, "<li><a href=\"#");
  prensa_xml_escape (out, e->anchor, -1, TRUE);
  g_string_append (out, "\">");
  prensa_xml_escape (out, e->text, -1, TRUE);
  g_string_append (out, "</a>");
}

/* @levels holds the level of each open <ol>. A deeper entry opens a list
 * inside the current one; a shallower one closes lists down to its level
 * (or to the outermost, when the document skips upwards past where it
 * started). */
static void
add_entry (GString *out, GArray *levels, const PrensaContentsEntry *e)
{
  int level = (int) e->level;

  if (levels->len == 0 || level > g_array_index (levels, int, levels->len - 1))
    {
      g_string_append (out, levels->len == 0 ? "<ol>\n" : "\n<ol>\n");
      g_array_append_val (levels, level);
    }
  else
    {
      g_string_append (out, "</li>\n");
      while (levels->len > 1 && level < g_array_index (levels, int, levels->len - 1))
        {
          g_string_append (out, "</ol>\n</li>\n");
          g_array_set_size (levels, levels->len - 1);
        }
    }
  write_entry (out, e);
}

void
html_write_toc (HtmlWriter *w, guint depth)
{
  g_autoptr (GArray) entries = prensa_document_dup_contents (w->doc, depth);
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GString) list = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    add_entry (list, levels, &g_array_index (entries, PrensaContentsEntry, i));
  if (levels->len == 0)
    return;
  for (guint i = 0; i < levels->len; i++)
    g_string_append (list, "</li>\n</ol>\n");

  /* No id on the title: it could collide with a heading's anchor. */
  const char *word = prensa_word (prensa_document_get_meta_string (w->doc, "lang"),
                                  PRENSA_WORD_CONTENTS);
  g_string_append (w->out, "<nav class=\"toc\" aria-label=\"");
  prensa_xml_escape (w->out, word, -1, TRUE);
  g_string_append (w->out, "\">\n<h2 class=\"toc-title\">");
  prensa_xml_escape (w->out, word, -1, TRUE);
  g_string_append (w->out, "</h2>\n");
  g_string_append_len (w->out, list->str, (gssize) list->len);
  g_string_append (w->out, "</nav>\n");
}
