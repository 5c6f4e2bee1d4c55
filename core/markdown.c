/* markdown.c: cmark's tree into the document model.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

static PrensaNodeType
map_type (cmark_node_type t)
{
  switch (t) {
  case CMARK_NODE_BLOCK_QUOTE: return PRENSA_NODE_BLOCK_QUOTE;
  case CMARK_NODE_LIST: return PRENSA_NODE_LIST;
  case CMARK_NODE_ITEM: return PRENSA_NODE_ITEM;
  case CMARK_NODE_CODE_BLOCK: return PRENSA_NODE_CODE_BLOCK;
  case CMARK_NODE_HTML_BLOCK: return PRENSA_NODE_RAW_BLOCK;
  case CMARK_NODE_PARAGRAPH: return PRENSA_NODE_PARAGRAPH;
  case CMARK_NODE_HEADING: return PRENSA_NODE_HEADING;
  case CMARK_NODE_THEMATIC_BREAK: return PRENSA_NODE_THEMATIC_BREAK;
  case CMARK_NODE_TEXT: return PRENSA_NODE_TEXT;
  case CMARK_NODE_SOFTBREAK: return PRENSA_NODE_SOFTBREAK;
  case CMARK_NODE_LINEBREAK: return PRENSA_NODE_LINEBREAK;
  case CMARK_NODE_CODE: return PRENSA_NODE_CODE;
  case CMARK_NODE_HTML_INLINE: return PRENSA_NODE_RAW_INLINE;
  case CMARK_NODE_EMPH: return PRENSA_NODE_EMPH;
  case CMARK_NODE_STRONG: return PRENSA_NODE_STRONG;
  case CMARK_NODE_LINK: return PRENSA_NODE_LINK;
  case CMARK_NODE_IMAGE: return PRENSA_NODE_IMAGE;
  default: return PRENSA_NODE_NONE; /* custom nodes: the parser makes none */
  }
}

static const char *
dup_or_null (PrensaArena *arena, const char *s)
{
  return (s && *s) ? prensa_arena_strdup (arena, s) : NULL;
}

/* cmark splits text at every special character; one TEXT node per run
 * keeps writers (wrapping, searching) simple. Returns the run's last
 * node so the walk can skip the rest of it. */
static cmark_node *
merge_text_run (PrensaArena *arena, PrensaNode *node, cmark_node *first)
{
  cmark_node *last = first;
  gsize total = strlen (cmark_node_get_literal (first));
  for (cmark_node *n = cmark_node_next (first);
       n && cmark_node_get_type (n) == CMARK_NODE_TEXT; n = cmark_node_next (n)) {
    total += strlen (cmark_node_get_literal (n));
    last = n;
  }
  char *text = prensa_arena_alloc (arena, total + 1);
  gsize at = 0;
  for (cmark_node *n = first;; n = cmark_node_next (n)) {
    const char *lit = cmark_node_get_literal (n);
    gsize len = strlen (lit);
    memcpy (text + at, lit, len);
    at += len;
    if (n == last)
      break;
  }
  node->literal = text;
  node->length = total;
  return last;
}

static void
fill_node (PrensaArena *arena, PrensaNode *node, cmark_node *c)
{
  switch (node->type) {
  case PRENSA_NODE_HEADING:
    node->as.heading.level = cmark_node_get_heading_level (c);
    break;
  case PRENSA_NODE_LIST:
    node->as.list.type = cmark_node_get_list_type (c) == CMARK_ORDERED_LIST
                           ? PRENSA_LIST_ORDERED : PRENSA_LIST_BULLET;
    node->as.list.delim = cmark_node_get_list_delim (c) == CMARK_PAREN_DELIM
                            ? PRENSA_DELIM_PAREN
                            : node->as.list.type == PRENSA_LIST_ORDERED
                                ? PRENSA_DELIM_PERIOD : PRENSA_DELIM_NONE;
    node->as.list.start = node->as.list.type == PRENSA_LIST_ORDERED
                            ? cmark_node_get_list_start (c) : 0;
    node->as.list.tight = cmark_node_get_list_tight (c);
    break;
  case PRENSA_NODE_LINK:
  case PRENSA_NODE_IMAGE:
    node->as.link.url = prensa_arena_strdup (arena, cmark_node_get_url (c) ? cmark_node_get_url (c) : "");
    node->as.link.title = dup_or_null (arena, cmark_node_get_title (c));
    break;
  case PRENSA_NODE_CODE_BLOCK:
    node->as.code.info = dup_or_null (arena, cmark_node_get_fence_info (c));
    /* fall through */
  case PRENSA_NODE_CODE:
  case PRENSA_NODE_RAW_BLOCK:
  case PRENSA_NODE_RAW_INLINE: {
    const char *lit = cmark_node_get_literal (c);
    node->length = lit ? strlen (lit) : 0;
    node->literal = prensa_arena_strndup (arena, lit ? lit : "", node->length);
    break;
  }
  default:
    break;
  }
}

/* The input was cleaned before parsing, but cmark's character references
 * make what its bytes did not hold: "&#1;" is a control character, and
 * cmark 0.30 writes "&#xFFFE;" and "&#xFFFF;" as the lone bytes 0xFE and
 * 0xFF, which are not UTF-8 at all. Clean every string cmark hands over
 * (invalid bytes become U+FFFD first), so writers can trust literals as
 * prensa-node.h promises. Found by fuzzing
 * (tests/fuzz/regressions/noncharacter-reference.md). */
static const char *
clean_in_arena (PrensaArena *arena, const char *text, gsize *length)
{
  g_autofree char *clean = NULL, *valid = NULL;
  gsize len = length ? *length : (text ? strlen (text) : 0), clean_len;

  if (text == NULL)
    return NULL;
  if (!prensa_text_sanitize ("", text, len, &clean, &clean_len, NULL)) {
    valid = g_utf8_make_valid (text, (gssize) len);
    len = strlen (valid);
    if (!prensa_text_sanitize ("", valid, len, &clean, &clean_len, NULL))
      g_assert_not_reached ();
    if (clean == NULL) {
      clean = g_steal_pointer (&valid);
      clean_len = len;
    }
  }
  if (clean == NULL)
    return text;
  if (length)
    *length = clean_len;
  return prensa_arena_strndup (arena, clean, clean_len);
}

static void
clean_node (PrensaArena *arena, PrensaNode *node)
{
  node->literal = clean_in_arena (arena, node->literal, &node->length);
  if (node->type == PRENSA_NODE_LINK || node->type == PRENSA_NODE_IMAGE) {
    node->as.link.url = clean_in_arena (arena, node->as.link.url, NULL);
    node->as.link.title = clean_in_arena (arena, node->as.link.title, NULL);
  } else if (node->type == PRENSA_NODE_CODE_BLOCK) {
    node->as.code.info = clean_in_arena (arena, node->as.code.info, NULL);
  }
}

/* Links and images whose URL could run script become their content, and
 * in a sandbox raw HTML goes: no writer can then make them live. */
static gboolean
unwrap (cmark_node *c, const char *name, guint line_offset, PrensaLoadFlags flags,
        guint *dropped_raw)
{
  switch (cmark_node_get_type (c)) {
  case CMARK_NODE_LINK:
  case CMARK_NODE_IMAGE: {
    const char *url = cmark_node_get_url (c);
    if (url == NULL || prensa_url_is_safe (url))
      return FALSE;
    prensa_warning ("%s:%u: %s to '%.40s' kept as plain text: its scheme can run code",
                    name, (guint) cmark_node_get_start_line (c) + line_offset,
                    cmark_node_get_type (c) == CMARK_NODE_LINK ? "a link" : "an image", url);
    return TRUE;
  }
  case CMARK_NODE_HTML_BLOCK:
  case CMARK_NODE_HTML_INLINE:
    if (!(flags & PRENSA_LOAD_SANDBOX))
      return FALSE;
    (*dropped_raw)++;
    return TRUE;
  default:
    return FALSE;
  }
}

typedef struct {
  PrensaArena *arena;
  const char *name;
  guint line_offset;
  PrensaLoadFlags flags;
  guint dropped_raw;
  GPtrArray *unwrapped; /* unwrapped containers: their EXIT stays level */
  guint open_links;     /* LINK nodes kept and not yet exited */
} Build;

/* Converts the top-level block @top and everything in it. */
static void
build_block (Build *b, PrensaNode *part, cmark_node *top)
{
  cmark_iter *it = cmark_iter_new (top);
  PrensaNode *parent = part;
  cmark_node *skip_to = NULL;
  cmark_event_type ev;

  while ((ev = cmark_iter_next (it)) != CMARK_EVENT_DONE) {
    cmark_node *c = cmark_iter_get_node (it);
    if (skip_to != NULL) {
      if (c == skip_to)
        skip_to = NULL;
      continue;
    }
    PrensaNodeType type = map_type (cmark_node_get_type (c));
    if (type == PRENSA_NODE_NONE)
      continue;
    if (ev == CMARK_EVENT_EXIT) {
      if (b->unwrapped->len && g_ptr_array_index (b->unwrapped, b->unwrapped->len - 1) == c)
        g_ptr_array_set_size (b->unwrapped, b->unwrapped->len - 1);
      else {
        parent = parent->parent;
        if (type == PRENSA_NODE_LINK)
          b->open_links--;
      }
      continue;
    }
    /* cmark puts an autolink inside a link's text ("[<a:b>](c)"), which no
     * format can express (HTML forbids <a> in <a>, DOCX cannot nest
     * w:hyperlink): the outer link wins and the inner one becomes its
     * text. Found by fuzzing (tests/fuzz/regressions/nested-autolink.md). */
    if ((type == PRENSA_NODE_LINK && b->open_links > 0)
        || unwrap (c, b->name, b->line_offset, b->flags, &b->dropped_raw)) {
      if (!prensa_node_type_is_leaf (type))
        g_ptr_array_add (b->unwrapped, c);
      continue;
    }
    PrensaNode *node = prensa_node_new (b->arena, type);
    int line = cmark_node_get_start_line (c);
    node->line = line > 0 ? (guint32) line + b->line_offset : 0;
    node->column = (guint32) MAX (cmark_node_get_start_column (c), 0);
    if (type == PRENSA_NODE_TEXT) {
      cmark_node *last = merge_text_run (b->arena, node, c);
      if (last != c)
        skip_to = last;
    } else {
      fill_node (b->arena, node, c);
    }
    clean_node (b->arena, node);
    prensa_node_append (parent, node);
    if (!prensa_node_type_is_leaf (type))
      parent = node;
    if (type == PRENSA_NODE_LINK)
      b->open_links++;
  }
  cmark_iter_free (it);
}

void
prensa_markdown_build (PrensaArena *arena,
                       const char *name,
                       PrensaNode *part,
                       cmark_node *root,
                       guint line_offset,
                       PrensaLoadFlags flags)
{
  Build b = { arena, name, line_offset, flags, 0, g_ptr_array_new () };
  /* Each top-level block is freed as soon as it is converted, so cmark's
   * tree shrinks while ours grows: the peak is not the sum of both. */
  cmark_node *top;
  while ((top = cmark_node_first_child (root)) != NULL) {
    build_block (&b, part, top);
    cmark_node_free (top);
  }
  g_ptr_array_unref (b.unwrapped);
  if (b.dropped_raw)
    prensa_warning ("%s: --sandbox: %u piece%s of raw HTML dropped", name, b.dropped_raw,
                    b.dropped_raw == 1 ? "" : "s");
}
