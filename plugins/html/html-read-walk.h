/* html-read-walk.h: the state of the HTML reader's walk, shared by
 * html-read-walk.c (the builder side) and html-read-elements.c (what
 * each element does).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "html-read-private.h"

G_BEGIN_DECLS

typedef struct {
  PrensaNodeType type;
  gboolean implicit;   /* opened for stray content, not by an element */
} Block;

typedef struct {
  PrensaNodeType type; /* EMPH, STRONG, STRIKETHROUGH or LINK */
  char *url;
  char *title;
  guint line;
} Inline;

/* White space pending between two pieces of text, strongest last. */
typedef enum { WS_NONE, WS_SPACE, WS_SOFT, WS_BREAK } Space;

typedef struct {
  guint depth;         /* blocks->len when the element was entered */
  guint8 block;        /* flush and close what it opened at its end */
  guint8 pushed;       /* it pushed an active inline */
  guint8 flat;         /* a block read as a break in a heading or cell */
  guint8 text_block;   /* a heading or cell */
  guint8 heading;
  guint8 notes;
  guint8 thead;
  guint8 turn;
} Frame;

typedef struct {
  PrensaBuilder *b;
  const HtmlPage *page;
  GArray *blocks;      /* Block, innermost last; empty: the part */
  GArray *inlines;     /* Inline, innermost last */
  guint opened;        /* inlines[0, opened) are open in the builder */
  gboolean para;       /* a paragraph or heading is open */
  PrensaNodeType para_type;
  int heading;         /* >0: the text block to open is a heading */
  int last_level;      /* of the heading before */
  const char *heading_id;
  guint heading_line;
  gboolean content;    /* the open paragraph, heading or cell has text */
  Space ws;
  guint text_block, notes, thead, turn;
  guint dropped;       /* svg and math elements */
  gboolean added;      /* anything at all */
  GString *buf;
  GError *error;
} Reader;

PrensaNodeType walk_top (const Reader *r);
gboolean walk_top_implicit (const Reader *r, PrensaNodeType type);
/* The top is a table, a row or a cell: only rows and cells may open. */
gboolean walk_tabular (const Reader *r);
void walk_push_block (Reader *r, PrensaNodeType type, gboolean implicit);
void walk_pop_block (Reader *r);
void walk_flush (Reader *r);
void walk_close_to (Reader *r, guint depth);
void walk_prepare_block (Reader *r, guint line);
void walk_ensure_inline (Reader *r, guint line);
void walk_raise_space (Reader *r, Space ws);
void walk_add_text (Reader *r, const char *p, guint line);
void walk_push_inline (Reader *r, Frame *f, PrensaNodeType type, const char *url,
                       const char *title, guint line);
void walk_pop_inline (Reader *r);

/* html-read-elements.c: does what @n asks on meeting it; TRUE: walk its
 * children (and call the frame's end after them). */
gboolean html_enter (Reader *r, xmlNode *n, Frame *f);

G_END_DECLS
