/* epub-render.c: what the chapter renderer (epub-xhtml.c) and raw HTML
 * (epub-html.c) both write inside a content document: plain inlines, note
 * references, and ids, each of which a file may carry once and only where
 * the plan placed it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

gboolean
epub_render_claim_id (EpubRender *render, const char *id,
                      const PrensaNode *owner)
{
  EpubTarget *target = g_hash_table_lookup (render->book->targets, id);

  if (target == NULL || target->owner != owner
      || target->chapter != render->chapter->index
      || g_hash_table_contains (render->emitted_ids, id))
    return FALSE;
  g_hash_table_add (render->emitted_ids, g_strdup (id));
  return TRUE;
}

void
epub_render_noteref (EpubRender *render, const PrensaNode *ref, gboolean linked,
                     GString *out)
{
  const PrensaNode *note = prensa_node_get_footnote (ref);
  const char *id = prensa_node_get_anchor (ref);
  g_autofree char *number = g_strdup_printf ("%u", prensa_node_get_footnote_number (ref));
  g_autofree char *href = NULL;

  if (linked && note != NULL)
    href = epub_book_id_href (render->book, render->chapter->index,
                              prensa_node_get_anchor (note));
  g_string_append (out, "<sup class=\"noteref\">");
  if (href == NULL)
    prensa_xml_text (out, number);
  else
    {
      if (id != NULL && !epub_render_claim_id (render, id, ref))
        id = NULL;
      prensa_xml_element (out, "a", number, "epub:type", "noteref",
                          "role", "doc-noteref", "href", href, "id", id, NULL);
    }
  g_string_append (out, "</sup>");
}

void
epub_render_noteref_at (EpubRender *render, const PrensaNode *block,
                        guint index, gboolean linked, GString *out)
{
  g_autoptr(PrensaIter) iter = prensa_iter_new (block);
  PrensaEventType event;

  while ((event = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *node = prensa_iter_get_node (iter);
      PrensaNodeType type = prensa_node_get_node_type (node);

      /* an image's content is its alt text, where
       * the inline HTML of raw HTML (epub-html.c) holds no mark */
      if (type == PRENSA_NODE_IMAGE && event == PRENSA_EVENT_ENTER)
        prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
      if (type != PRENSA_NODE_FOOTNOTE_REFERENCE)
        continue;
      if (index-- == 0)
        {
          epub_render_noteref (render, node, linked, out);
          return;
        }
    }
}
