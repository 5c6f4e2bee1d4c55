/* html-read-walk.c: the article's elements onto the model, in one
 * iterative walk of libxml2's tree (no recursion: a page may nest as deep
 * as the parser lets it).
 *
 * HTML lets blocks sit inside inlines (<a><p>…</p></a>, <b><div>…) and
 * the model does not, so inline elements are not opened when they are
 * met: they go on a stack of active inlines and are opened in the
 * builder only when text arrives, inside whatever paragraph is open then.
 * A block closes the open inlines and its paragraph, and the inlines
 * still active open again around the text after it. Paragraphs open
 * lazily too, so bare text in a <div>, <li> or <blockquote> gets one, and
 * empty ones are never made. Headings and table cells hold only inlines:
 * any block inside one is read as a break in its text.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-read-walk.h"

#include <stdlib.h>
#include <string.h>

PrensaNodeType
walk_top (const Reader *r)
{
  return r->blocks->len == 0 ? PRENSA_NODE_PART
                             : g_array_index (r->blocks, Block, r->blocks->len - 1).type;
}

gboolean
walk_top_implicit (const Reader *r, PrensaNodeType type)
{
  return r->blocks->len > 0 && walk_top (r) == type &&
         g_array_index (r->blocks, Block, r->blocks->len - 1).implicit;
}

gboolean
walk_tabular (const Reader *r)
{
  PrensaNodeType t = walk_top (r);
  return t == PRENSA_NODE_TABLE || t == PRENSA_NODE_TABLE_ROW ||
         t == PRENSA_NODE_TABLE_CELL;
}

void
walk_push_block (Reader *r, PrensaNodeType type, gboolean implicit)
{
  Block blk = { type, implicit };
  g_array_append_val (r->blocks, blk);
  r->added = TRUE;
}

void
walk_pop_block (Reader *r)
{
  prensa_builder_close (r->b, walk_top (r));
  g_array_set_size (r->blocks, r->blocks->len - 1);
}

static void
close_inlines (Reader *r)
{
  while (r->opened > 0)
    {
      Inline *in = &g_array_index (r->inlines, Inline, --r->opened);
      prensa_builder_close (r->b, in->type);
    }
}

/* Ends the open paragraph or heading (or a cell's run of inlines). */
void
walk_flush (Reader *r)
{
  close_inlines (r);
  if (r->para)
    prensa_builder_close (r->b, r->para_type);
  r->para = FALSE;
  r->content = FALSE;
  r->ws = WS_NONE;
}

void
walk_close_to (Reader *r, guint depth)
{
  walk_flush (r);
  while (r->blocks->len > depth)
    walk_pop_block (r);
}

static void
open_implicit_item (Reader *r, guint line)
{
  prensa_builder_open_item (r->b, PRENSA_TASK_NONE, line, 0);
  walk_push_block (r, PRENSA_NODE_ITEM, TRUE);
}

/* Before a block: no paragraph open, and a list gets an item to hold it. */
void
walk_prepare_block (Reader *r, guint line)
{
  walk_flush (r);
  if (walk_top (r) == PRENSA_NODE_LIST)
    open_implicit_item (r, line);
}

static void
open_text_block (Reader *r, guint line)
{
  if (r->heading > 0)
    {
      prensa_builder_open_heading (r->b, r->heading, r->heading_id,
                                   r->heading_line, 0);
      r->para_type = PRENSA_NODE_HEADING;
    }
  else
    {
      prensa_builder_open (r->b, PRENSA_NODE_PARAGRAPH, line, 0);
      r->para_type = PRENSA_NODE_PARAGRAPH;
    }
  r->para = TRUE;
  r->content = FALSE;
}

static void
put_space (Reader *r, guint line)
{
  static const PrensaNodeType leaf[] = { 0, PRENSA_NODE_TEXT, PRENSA_NODE_SOFTBREAK,
                                         PRENSA_NODE_LINEBREAK };
  if (r->ws == WS_NONE || !r->content)
    return;
  prensa_builder_add (r->b, leaf[r->ws], r->ws == WS_SPACE ? " " : NULL,
                      r->ws == WS_SPACE ? 1 : -1, NULL, line, 0);
}

/* Makes the builder ready for an inline: a paragraph (or heading, or a
 * cell) open, the white space before it written, the active inlines
 * open. */
void
walk_ensure_inline (Reader *r, guint line)
{
  PrensaNodeType t = walk_top (r);

  if (t == PRENSA_NODE_TABLE)
    {
      prensa_builder_open_table_row (r->b, FALSE, line, 0);
      walk_push_block (r, t = PRENSA_NODE_TABLE_ROW, TRUE);
    }
  if (t == PRENSA_NODE_TABLE_ROW)
    {
      prensa_builder_open (r->b, PRENSA_NODE_TABLE_CELL, line, 0);
      walk_push_block (r, t = PRENSA_NODE_TABLE_CELL, TRUE);
    }
  if (t == PRENSA_NODE_LIST)
    open_implicit_item (r, line);
  if (t != PRENSA_NODE_TABLE_CELL && !r->para)
    open_text_block (r, line);
  put_space (r, line);
  r->ws = WS_NONE;
  for (; r->opened < r->inlines->len; r->opened++)
    {
      Inline *in = &g_array_index (r->inlines, Inline, r->opened);
      if (in->type == PRENSA_NODE_LINK)
        prensa_builder_open_link (r->b, PRENSA_NODE_LINK, in->url, in->title,
                                  in->line, 0);
      else
        prensa_builder_open (r->b, in->type, in->line, 0);
    }
  r->content = TRUE;
  r->added = TRUE;
}

void
walk_raise_space (Reader *r, Space ws)
{
  if (r->content && ws > r->ws)
    r->ws = ws;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* HTML's white space: a run is one space, or a soft break when it holds
 * a newline (as pandoc reads it); none at the start or end of a block. */
void
walk_add_text (Reader *r, const char *p, guint line)
{
  while (*p != '\0')
    {
      if (is_space (*p))
        {
          gboolean nl = FALSE;
          for (; is_space (*p); p++)
            nl |= *p == '\n';
          walk_raise_space (r, nl ? WS_SOFT : WS_SPACE);
          continue;
        }
      g_string_truncate (r->buf, 0);
      while (*p != '\0')
        {
          const char *q = p;
          gboolean nl = FALSE;
          for (; is_space (*q); q++)
            nl |= *q == '\n';
          if (q != p)
            {
              if (nl || *q == '\0')
                break;
              g_string_append_c (r->buf, ' ');
              p = q;
            }
          for (q = p; *q != '\0' && !is_space (*q); q++)
            ;
          g_string_append_len (r->buf, p, q - p);
          p = q;
        }
      walk_ensure_inline (r, line);
      prensa_builder_add (r->b, PRENSA_NODE_TEXT, r->buf->str,
                          (gssize) r->buf->len, NULL, line, 0);
    }
}

void
walk_push_inline (Reader *r, Frame *f, PrensaNodeType type, const char *url,
             const char *title, guint line)
{
  Inline in = { type, NULL, NULL, line };

  if (r->inlines->len >= HTML_READ_MAX_INLINES)
    return;
  if (url != NULL)
    in.url = g_strstrip (g_strdup (url));
  if (title != NULL && title[0] != '\0')
    in.title = g_strdup (title);
  g_array_append_val (r->inlines, in);
  f->pushed = TRUE;
}

void
walk_pop_inline (Reader *r)
{
  guint last = r->inlines->len - 1;
  Inline *in = &g_array_index (r->inlines, Inline, last);

  if (r->opened > last)
    {
      prensa_builder_close (r->b, in->type);
      r->opened = last;
    }
  g_free (in->url);
  g_free (in->title);
  g_array_set_size (r->inlines, last);
}


static void
leave (Reader *r, Frame *f)
{
  if (f->flat)
    walk_raise_space (r, walk_top (r) == PRENSA_NODE_TABLE_CELL ? WS_BREAK : WS_SPACE);
  if (f->pushed)
    walk_pop_inline (r);
  if (f->block)
    walk_close_to (r, f->depth);
  if (f->heading)
    r->heading = 0;
  r->text_block -= f->text_block;
  r->notes -= f->notes;
  r->thead -= f->thead;
  r->turn -= f->turn;
}

static void
walk (Reader *r, xmlNode *root)
{
  g_autoptr (GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  xmlNode *n = root->children;

  while (n != NULL && r->error == NULL)
    {
      Frame f = { r->blocks->len, 0 };

      if (html_enter (r, n, &f))
        {
          if (n->children != NULL)
            {
              g_array_append_val (frames, f);
              n = n->children;
              continue;
            }
          leave (r, &f);
        }
      while (n->next == NULL)
        {
          n = n->parent;
          if (n == root || frames->len == 0)
            return;
          leave (r, &g_array_index (frames, Frame, frames->len - 1));
          g_array_set_size (frames, frames->len - 1);
        }
      n = n->next;
    }
}

gboolean
html_read_body (PrensaBuilder *b, const HtmlPage *page, GError **error)
{
  Reader r = { b, page, g_array_new (FALSE, FALSE, sizeof (Block)),
               g_array_new (FALSE, FALSE, sizeof (Inline)), 0 };

  r.buf = g_string_new (NULL);
  /* A title is written as the page's h1. */
  r.last_level = prensa_value_lookup_string (prensa_builder_get_meta (b), "title") ? 1 : 0;
  if (page->root != NULL)
    walk (&r, page->root);
  while (r.inlines->len > 0)
    walk_pop_inline (&r);
  walk_close_to (&r, 0);
  if (r.dropped > 0)
    prensa_builder_warning (b, 0, "%u svg or math element%s left out", r.dropped,
                            r.dropped == 1 ? "" : "s");
  if (!r.added && r.error == NULL)
    prensa_builder_warning (b, 0, "the page has no text to read");
  g_array_unref (r.blocks);
  g_array_unref (r.inlines);
  g_string_free (r.buf, TRUE);
  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return FALSE;
    }
  return TRUE;
}
