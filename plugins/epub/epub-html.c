/* epub-html.c: raw HTML from the Markdown, made into XHTML that EPUB
 * reading systems (and epubcheck) accept.
 *
 * The core's sanitiser (core/sanitize.h) parses each fragment and keeps
 * what XHTML content documents allow; this file gives it the book's
 * decisions: links and images resolved like Markdown ones, ids kept only
 * where the plan placed them (so no id is written twice and no link
 * dangles), footnote references written as noterefs in their place.
 *
 * Each fragment is parsed once, when the plan meets it (epub_html_parse),
 * which lists the ids it keeps; the parsed tree waits in the book until
 * the chapter renderer writes it (epub_html_to_xhtml) and lets it go.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

typedef struct {
  EpubRender *render;
  const PrensaNode *owner;
} Hooks;

static char *
link_href (gpointer data, const char *href)
{
  Hooks *hooks = data;

  return epub_book_link_href (hooks->render->book, hooks->owner, href);
}

static char *
image_src (gpointer data, const char *src, const char *alt)
{
  Hooks *hooks = data;
  EpubImage *image = epub_book_use_image (hooks->render->book, hooks->owner, src);

  if (image == NULL)
    return NULL;
  if (alt == NULL)
    hooks->render->book->image_without_alt = TRUE;
  return g_strdup (image->file);
}

static gboolean
claim_id (gpointer data, const char *id)
{
  Hooks *hooks = data;

  return epub_render_claim_id (hooks->render, id, hooks->owner);
}

static void
note_ref (gpointer data, guint index, gboolean linked, GString *out)
{
  Hooks *hooks = data;

  epub_render_noteref_at (hooks->render, hooks->owner, index, linked, out);
}

void
epub_fragment_free (gpointer data)
{
  prensa_fragment_free (data);
}

const EpubFragment *
epub_html_parse (EpubBook *book, const PrensaNode *owner)
{
  PrensaNodeType type = prensa_node_get_node_type (owner);
  EpubFragment *fragment = g_hash_table_lookup (book->fragments, owner);

  if (fragment != NULL)
    return fragment;
  if (type == PRENSA_NODE_RAW_BLOCK)
    {
      gsize length = 0;
      const char *literal = prensa_node_get_literal (owner, &length);

      fragment = prensa_fragment_parse (literal, length, FALSE);
    }
  else if (prensa_sanitize_has_raw_inline (owner))
    {
      g_autoptr(GString) html = prensa_sanitize_inlines (owner);

      fragment = prensa_fragment_parse (html->str, html->len, TRUE);
    }
  else
    return NULL;
  g_hash_table_insert (book->fragments, (gpointer) owner, fragment);
  return fragment;
}

gboolean
epub_html_to_xhtml (EpubRender *render, const PrensaNode *owner, GString *out)
{
  g_autoptr(PrensaFragment) fragment = NULL;
  g_autofree char *dropped = NULL;
  Hooks data = { render, owner };
  PrensaSanitizeHooks hooks = { link_href, image_src, claim_id, note_ref, &data };

  /* Each block is written once: its parsed tree goes as it is used. */
  if (!g_hash_table_steal_extended (render->book->fragments, owner, NULL,
                                    (gpointer *) &fragment))
    return FALSE;
  dropped = prensa_fragment_write (fragment, &hooks, out);
  if (dropped != NULL)
    {
      g_autofree char *place = epub_book_describe (render->book, owner);

      prensa_warning ("%s: raw HTML: left out %s", place, dropped);
    }
  return TRUE;
}
