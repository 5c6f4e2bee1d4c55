/* html-raw.c: raw HTML in the page. By default it goes through the
 * core's sanitiser (core/sanitize.h), the rules EPUB uses: no script,
 * event handler, javascript: address, <base>, <meta>, form, frame or
 * embedded object, no style attribute, only well-formed markup that may
 * stand where it is. With --unsafe (the author is trusted, as cmark
 * --unsafe trusts them) it is written byte for byte as it came.
 *
 * Raw inlines are tags cut out of their paragraph: "<span onclick=…>",
 * text, "</span>" are three nodes. They are cleaned together, as one
 * fragment of the paragraph's (heading's, cell's) inline content, so an
 * element keeps its content and closes where the author closed it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

#include "sanitize.h"

typedef struct {
  HtmlWriter *w;
  const PrensaNode *owner;
} Raw;

/* A link resolved as a Markdown one is (html-body.c write_link): one page
 * holds every part. */
static char *
link_href (gpointer data, const char *href)
{
  Raw *raw = data;
  const PrensaNode *target = NULL;
  const char *anchor = NULL;

  if (!prensa_url_is_safe (href))
    return NULL;
  if (prensa_document_resolve_link (raw->w->doc, raw->w->part, href, NULL,
                                    &target, &anchor) == PRENSA_LINK_INTERNAL)
    {
      if (prensa_node_get_node_type (target) != PRENSA_NODE_PART
          || prensa_document_get_n_parts (raw->w->doc) > 1)
        return g_strconcat ("#", anchor, NULL);
      return g_strdup ("#");
    }
  return g_strdup (href);
}

static char *
image_src (gpointer data, const char *src, const char *alt)
{
  Raw *raw = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *uri;

  (void) alt;
  if (!prensa_url_is_safe (src))
    return NULL;
  if (!raw->w->embed_resources || g_uri_peek_scheme (src) != NULL || src[0] == '\0')
    return g_strdup (src);
  bytes = prensa_document_load_resource (raw->w->doc, raw->owner, src, (gsize) 256 << 20,
                                         &path, &error);
  uri = bytes != NULL ? html_dup_data_uri (path, bytes, &error) : NULL;
  if (uri != NULL)
    return uri;
  prensa_warning_at (raw->owner, "html: image %s not embedded: %s", src, error->message);
  return g_strdup (src);
}

/* Once per page, and never an anchor the writer gives a heading, note or
 * part of its own. */
static gboolean
claim_id (gpointer data, const char *id)
{
  Raw *raw = data;
  g_autofree char *href = g_strconcat ("#", id, NULL);
  const PrensaNode *target = NULL;
  const char *anchor = NULL;

  if (g_hash_table_contains (raw->w->raw_ids, id))
    return FALSE;
  if (prensa_document_resolve_link (raw->w->doc, raw->w->part, href, NULL,
                                    &target, &anchor) == PRENSA_LINK_INTERNAL
      && target != NULL && g_strcmp0 (prensa_node_get_anchor (target), id) == 0)
    return FALSE;
  g_hash_table_add (raw->w->raw_ids, g_strdup (id));
  return TRUE;
}

static const PrensaNode *
nth_reference (const PrensaNode *block, guint index)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (block);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *n = prensa_iter_get_node (it);

      if (prensa_node_get_node_type (n) == PRENSA_NODE_FOOTNOTE_REFERENCE && index-- == 0)
        return n;
    }
  return NULL;
}

static void
note_ref (gpointer data, guint index, gboolean linked, GString *out)
{
  Raw *raw = data;
  const PrensaNode *ref = nth_reference (raw->owner, index);

  g_assert (out == raw->w->out);
  if (ref == NULL)
    return;
  raw->w->in_link += linked ? 0 : 1;
  html_write_note_ref (raw->w, ref);
  raw->w->in_link -= linked ? 0 : 1;
}

static void
write_fragment (HtmlWriter *w, const PrensaNode *owner, const char *html,
                gsize length, gboolean phrasing)
{
  g_autoptr (PrensaFragment) fragment = prensa_fragment_parse (html, length, phrasing);
  Raw raw = { w, owner };
  PrensaSanitizeHooks hooks = { link_href, image_src, claim_id, note_ref, &raw };
  g_autofree char *dropped = prensa_fragment_write (fragment, &hooks, w->out);

  if (dropped != NULL)
    prensa_warning_at (owner, "html: raw HTML: left out %s (--unsafe keeps it)", dropped);
}

void
html_write_raw_block (HtmlWriter *w, const PrensaNode *block)
{
  gsize length = 0;
  const char *literal = prensa_node_get_literal (block, &length);

  html_cr (w->out);
  if (w->unsafe)
    g_string_append_len (w->out, literal, (gssize) length);
  else
    write_fragment (w, block, literal, length, FALSE);
  html_cr (w->out);
}

gboolean
html_write_raw_inlines (HtmlWriter *w, const PrensaNode *block)
{
  g_autoptr (GString) html = NULL;

  if (w->unsafe || !prensa_sanitize_has_raw_inline (block))
    return FALSE;
  html = prensa_sanitize_inlines (block);
  write_fragment (w, block, html->str, html->len, TRUE);
  return TRUE;
}
