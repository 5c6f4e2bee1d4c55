/* html-toc.c: a table of contents, nested ordered lists of links to every
 * heading of the document.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

static void
write_entry (GString *out, const PrensaNode *heading)
{
  g_autofree char *text = prensa_node_dup_text (heading);

  g_string_append (out, "<li><a href=\"#");
  prensa_xml_escape (out, prensa_node_get_anchor (heading), -1, TRUE);
  g_string_append (out, "\">");
  prensa_xml_escape (out, g_strstrip (text), -1, TRUE);
  g_string_append (out, "</a>");
}

/* @levels holds the heading level of each open <ol>. A deeper heading
 * opens a list inside the current entry; a shallower one closes lists down
 * to its level (or to the outermost, when the document skips upwards past
 * where it started). */
static void
add_heading (GString *out, GArray *levels, const PrensaNode *heading)
{
  int level = prensa_node_get_heading_level (heading);

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
  write_entry (out, heading);
}

void
html_write_toc (HtmlWriter *w)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (prensa_document_get_root (w->doc));
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GString) list = g_string_new (NULL);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *n = prensa_iter_get_node (it);

      if (ev == PRENSA_EVENT_ENTER &&
          prensa_node_get_node_type (n) == PRENSA_NODE_HEADING)
        add_heading (list, levels, n);
    }
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
