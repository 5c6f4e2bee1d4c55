/* contents.c: what a table of contents lists, worked out once for every
 * writer that makes one (HTML's nav, the DOCX contents field, the PDF
 * contents page, txt's list).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "prensa/prensa.h"

static void
entry_clear (gpointer data)
{
  PrensaContentsEntry *e = data;
  g_free (e->text);
}

static void
add (GArray *entries, const PrensaNode *node, guint level, char *text)
{
  PrensaContentsEntry e = { node, level, text, prensa_node_get_anchor (node) };

  g_strstrip (e.text);
  if (*e.text == '\0')
    {
      g_free (e.text);
      return;
    }
  g_array_append_val (entries, e);
}

GArray *
prensa_document_dup_contents (const PrensaDocument *document, guint depth)
{
  g_autoptr (PrensaIter) it = NULL;
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (PrensaContentsEntry));
  gboolean parts;
  PrensaEventType ev;

  g_return_val_if_fail (document != NULL, entries);
  g_array_set_clear_func (entries, entry_clear);
  parts = prensa_document_get_n_parts (document) > 1;
  it = prensa_iter_new (prensa_document_get_root (document));
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *n = prensa_iter_get_node (it);
      PrensaNodeType type = prensa_node_get_node_type (n);

      if (ev != PRENSA_EVENT_ENTER)
        continue;
      if (type == PRENSA_NODE_PART && parts)
        {
          const char *title = prensa_value_lookup_string (prensa_node_get_part_meta (n), "title");

          if (title != NULL)
            add (entries, n, 1, g_strdup (title));
        }
      else if (type == PRENSA_NODE_HEADING
               && (guint) prensa_node_get_heading_level (n) <= depth)
        add (entries, n, (guint) prensa_node_get_heading_level (n) + (parts ? 1 : 0),
             prensa_node_dup_text (n));
      else if (type == PRENSA_NODE_FOOTNOTE_DEFINITION)
        /* A heading inside a note is the note's, not the document's. */
        prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
    }
  return entries;
}
