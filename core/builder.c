/* builder.c: the one way into a document. Readers call it in document
 * order; it cleans what they hand over, enforces the model's shape, and
 * keeps the policy every format needs (safe links, no nested links,
 * --sandbox) in one place, whatever the reader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

typedef struct {
  PrensaNode *node;       /* NULL: dropped (an unsafe or nested link), its
                           * content goes to the parent */
  PrensaNodeType type;
  PrensaNode *parent;     /* where nodes went before this was opened */
} Frame;

void
prensa_builder_init (PrensaBuilder *b, PrensaArena *arena, const char *name,
                     PrensaLoadFlags flags, PrensaNode *part, const PrensaValue *meta,
                     GPtrArray *speakers, guint line_offset)
{
  memset (b, 0, sizeof *b);
  b->arena = arena;
  b->name = name;
  b->flags = flags;
  b->part = b->parent = part;
  b->meta = meta;
  b->speakers = speakers;
  b->line_offset = line_offset;
  b->stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  b->text = g_string_new (NULL);
  b->defs = g_ptr_array_new ();
  b->refs = g_ptr_array_new ();
  b->refs_in_notes = g_ptr_array_new ();
}

void
prensa_builder_clear (PrensaBuilder *b)
{
  g_clear_pointer (&b->stack, g_array_unref);
  if (b->text)
    g_string_free (b->text, TRUE);
  b->text = NULL;
  g_clear_pointer (&b->defs, g_ptr_array_unref);
  g_clear_pointer (&b->refs, g_ptr_array_unref);
  g_clear_pointer (&b->refs_in_notes, g_ptr_array_unref);
  g_clear_error (&b->error);
  prensa_media_dir_remove (g_steal_pointer (&b->media_dir));
}

const char *
prensa_builder_get_name (const PrensaBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, NULL);
  return builder->name;
}

PrensaLoadFlags
prensa_builder_get_flags (const PrensaBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, 0);
  return builder->flags;
}

const PrensaValue *
prensa_builder_get_meta (const PrensaBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, NULL);
  return builder->meta;
}

static guint
file_line (const PrensaBuilder *b, guint line)
{
  return line > 0 ? line + b->line_offset : 0;
}

void
prensa_builder_warning (const PrensaBuilder *builder, guint line, const char *format, ...)
{
  g_return_if_fail (builder != NULL && format != NULL);
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (line > 0)
    prensa_warning ("%s:%u: %s", builder->name, file_line (builder, line), msg);
  else
    prensa_warning ("%s: %s", builder->name, msg);
}

static void
fail (PrensaBuilder *b, guint line, const char *what)
{
  if (b->error == NULL)
    g_set_error (&b->error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_INVALID,
                 "%s:%u: the %s made %s, which the document model does not allow",
                 b->name, file_line (b, line), b->filter_doc ? "filter" : "reader", what);
}

/* Text as the model promises it: valid UTF-8 with nothing XML cannot
 * carry. Readers' strings come from parsers that make what their input
 * bytes did not hold (cmark writes "&#xFFFE;" as the lone byte 0xFE, and
 * "&#1;" as a control character; see
 * tests/fuzz/regressions/noncharacter-reference.md). */
static const char *
clean_copy (PrensaBuilder *b, const char *text, gssize length, gsize *out_length)
{
  if (text == NULL)
    return NULL;
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  g_autofree char *clean = NULL, *valid = NULL;
  gsize clean_len = 0;
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
  if (clean == NULL) {
    if (out_length)
      *out_length = len;
    return prensa_arena_strndup (b->arena, text, len);
  }
  if (out_length)
    *out_length = clean_len;
  return prensa_arena_strndup (b->arena, clean, clean_len);
}

static void
flush_text (PrensaBuilder *b)
{
  if (!b->text_pending)
    return;
  b->text_pending = FALSE;
  PrensaNode *n = prensa_node_new (b->arena, PRENSA_NODE_TEXT);
  n->line = b->text_line;
  n->column = b->text_column;
  n->literal = clean_copy (b, b->text->str, (gssize) b->text->len, &n->length);
  g_string_truncate (b->text, 0);
  prensa_node_append (b->parent, n);
}

/* Whether @child may go into @parent. */
static gboolean
allowed (PrensaNodeType parent, PrensaNodeType child)
{
  if (prensa_node_type_holds_inlines (parent))
    return prensa_node_type_is_inline (child);
  switch (parent) {
  case PRENSA_NODE_LIST:
    return child == PRENSA_NODE_ITEM;
  case PRENSA_NODE_TABLE:
    return child == PRENSA_NODE_TABLE_ROW;
  case PRENSA_NODE_TABLE_ROW:
    return child == PRENSA_NODE_TABLE_CELL;
  case PRENSA_NODE_PULL_QUOTE: /* a sentence or two, as every writer sets them */
    return child == PRENSA_NODE_PARAGRAPH;
  case PRENSA_NODE_PART:
  case PRENSA_NODE_STANDFIRST:
  case PRENSA_NODE_TURN:
  case PRENSA_NODE_BACK_MATTER:
  case PRENSA_NODE_BLOCK_QUOTE:
  case PRENSA_NODE_ITEM:
  case PRENSA_NODE_FOOTNOTE_DEFINITION:
    if (child == PRENSA_NODE_STANDFIRST || child == PRENSA_NODE_TURN
        || child == PRENSA_NODE_BACK_MATTER)
      return parent == PRENSA_NODE_PART;
    return prensa_node_type_is_block (child) && child != PRENSA_NODE_ITEM
           && child != PRENSA_NODE_TABLE_ROW && child != PRENSA_NODE_TABLE_CELL
           && child != PRENSA_NODE_DOCUMENT && child != PRENSA_NODE_PART;
  default:
    return FALSE;
  }
}

/* Starts a node of @type at the current place, or returns NULL (and
 * records why) when it may not go there. */
static PrensaNode *
make (PrensaBuilder *b, PrensaNodeType type, guint line, guint column)
{
  if (b->error)
    return NULL;
  flush_text (b);
  if (!allowed (b->parent->type, type)) {
    g_autofree char *what = g_strdup_printf ("a %s inside a %s", prensa_node_type_to_string (type),
                                             prensa_node_type_to_string (b->parent->type));
    fail (b, line, what);
    return NULL;
  }
  PrensaNode *n = prensa_node_new (b->arena, type);
  n->line = file_line (b, line);
  n->column = column;
  return n;
}

static void
push (PrensaBuilder *b, PrensaNode *node, PrensaNodeType type)
{
  Frame f = { node, type, b->parent };
  g_array_append_val (b->stack, f);
  if (node) {
    if (type != PRENSA_NODE_FOOTNOTE_DEFINITION)
      prensa_node_append (b->parent, node);
    b->parent = node;
  }
}

void
prensa_builder_push_part (PrensaBuilder *b, PrensaNode *part)
{
  g_array_set_size (b->stack, 0);
  b->parent = b->filter_doc->root;
  push (b, part, PRENSA_NODE_PART);
}

static void
open_node (PrensaBuilder *b, PrensaNode *n)
{
  if (n)
    push (b, n, n->type);
}

void
prensa_builder_open (PrensaBuilder *builder, PrensaNodeType type, guint line, guint column)
{
  g_return_if_fail (builder != NULL);
  switch (type) {
  case PRENSA_NODE_BLOCK_QUOTE:
  case PRENSA_NODE_PULL_QUOTE:
  case PRENSA_NODE_PARAGRAPH:
  case PRENSA_NODE_ITEM:
  case PRENSA_NODE_EMPH:
  case PRENSA_NODE_STRONG:
  case PRENSA_NODE_STRIKETHROUGH:
  case PRENSA_NODE_STANDFIRST:
  case PRENSA_NODE_BACK_MATTER:
    break;
  case PRENSA_NODE_TABLE_CELL: {
    PrensaNode *n = make (builder, type, line, column);
    if (n) {
      PrensaNode *prev = builder->parent->last_child;
      n->as.cell.column = prev ? prev->as.cell.column + 1 : 0;
    }
    open_node (builder, n);
    return;
  }
  default:
    g_return_if_reached ();
  }
  if (type == PRENSA_NODE_STANDFIRST || type == PRENSA_NODE_BACK_MATTER)
    builder->made_structure = TRUE;
  open_node (builder, make (builder, type, line, column));
}

void
prensa_builder_close (PrensaBuilder *builder, PrensaNodeType type)
{
  g_return_if_fail (builder != NULL);
  if (builder->error)
    return;
  if (builder->stack->len == 0
      || g_array_index (builder->stack, Frame, builder->stack->len - 1).type != type) {
    g_autofree char *what = g_strdup_printf ("a close of a %s that is not open",
                                             prensa_node_type_to_string (type));
    fail (builder, 0, what);
    return;
  }
  Frame f = g_array_index (builder->stack, Frame, builder->stack->len - 1);
  /* A dropped link leaves the parent as it was: the text before, in and
   * after it stays one run. */
  if (f.node == NULL) {
    g_array_set_size (builder->stack, builder->stack->len - 1);
    return;
  }
  flush_text (builder);
  g_array_set_size (builder->stack, builder->stack->len - 1);
  builder->parent = f.parent;
  switch (type) {
  case PRENSA_NODE_LINK:
    builder->open_links--;
    break;
  case PRENSA_NODE_IMAGE:
    builder->in_image--;
    break;
  case PRENSA_NODE_FOOTNOTE_DEFINITION:
    builder->in_note--;
    break;
  case PRENSA_NODE_PART: /* only a filter's builder opens one */
    prensa_filter_part_end (builder);
    break;
  case PRENSA_NODE_TABLE:
    prensa_table_finish (builder->arena, f.node);
    if (f.node->first_child == NULL)
      prensa_node_unlink (f.node); /* a table of no rows says nothing */
    break;
  default:
    break;
  }
}

void
prensa_builder_open_heading (PrensaBuilder *builder, int level, const char *id,
                             guint line, guint column)
{
  g_return_if_fail (builder != NULL);
  PrensaNode *n = make (builder, PRENSA_NODE_HEADING, line, column);
  if (n) {
    n->as.heading.level = CLAMP (level, 1, 6);
    n->as.heading.id = id && *id ? clean_copy (builder, id, -1, NULL) : NULL;
  }
  open_node (builder, n);
}

void
prensa_builder_open_list (PrensaBuilder *builder, PrensaListType type, PrensaListDelim delim,
                          int start, gboolean tight, guint line, guint column)
{
  g_return_if_fail (builder != NULL);
  PrensaNode *n = make (builder, PRENSA_NODE_LIST, line, column);
  if (n) {
    n->as.list.type = type == PRENSA_LIST_ORDERED ? PRENSA_LIST_ORDERED : PRENSA_LIST_BULLET;
    n->as.list.delim = n->as.list.type == PRENSA_LIST_BULLET ? PRENSA_DELIM_NONE
                       : delim == PRENSA_DELIM_PAREN ? PRENSA_DELIM_PAREN : PRENSA_DELIM_PERIOD;
    n->as.list.start = n->as.list.type == PRENSA_LIST_ORDERED ? start : 0;
    n->as.list.tight = tight;
  }
  open_node (builder, n);
}

void
prensa_builder_open_item (PrensaBuilder *builder, PrensaTask task, guint line, guint column)
{
  g_return_if_fail (builder != NULL);
  PrensaNode *n = make (builder, PRENSA_NODE_ITEM, line, column);
  if (n)
    n->as.item.task = task == PRENSA_TASK_OPEN || task == PRENSA_TASK_DONE ? task : PRENSA_TASK_NONE;
  open_node (builder, n);
}

void
prensa_builder_open_link (PrensaBuilder *builder, PrensaNodeType type, const char *url,
                          const char *title, guint line, guint column)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (type == PRENSA_NODE_LINK || type == PRENSA_NODE_IMAGE);
  if (builder->error)
    return;
  if (url == NULL)
    url = "";
  const char *clean_url = clean_copy (builder, url, -1, NULL);
  gboolean unsafe = !prensa_url_is_safe (clean_url);
  if (unsafe)
    prensa_warning ("%s:%u: %s to '%.40s' kept as plain text: its scheme can run code",
                    builder->name, file_line (builder, line),
                    type == PRENSA_NODE_LINK ? "a link" : "an image", clean_url);
  /* No format can express a link in a link's text (HTML forbids <a> in
   * <a>, DOCX cannot nest w:hyperlink): the outer one wins and the inner
   * becomes its text. Found by fuzzing cmark's "[<a:b>](c)"
   * (tests/fuzz/regressions/nested-autolink.md). */
  if (unsafe || (type == PRENSA_NODE_LINK && builder->open_links > 0)) {
    if (!allowed (builder->parent->type, type)) {
      fail (builder, line, "a link outside inline content");
      return;
    }
    push (builder, NULL, type);
    return;
  }
  PrensaNode *n = make (builder, type, line, column);
  if (n == NULL)
    return;
  n->as.link.url = clean_url;
  n->as.link.title = title && *title ? clean_copy (builder, title, -1, NULL) : NULL;
  if (type == PRENSA_NODE_LINK)
    builder->open_links++;
  else
    builder->in_image++;
  open_node (builder, n);
}

void
prensa_builder_open_table (PrensaBuilder *builder, guint n_columns, const PrensaAlign *align,
                           guint line, guint column)
{
  g_return_if_fail (builder != NULL);
  PrensaNode *n = make (builder, PRENSA_NODE_TABLE, line, column);
  if (n) {
    n->as.table.columns = n_columns;
    if (n_columns > 0) {
      n->as.table.align = prensa_arena_alloc (builder->arena, n_columns * sizeof (PrensaAlign));
      for (guint i = 0; i < n_columns; i++)
        n->as.table.align[i] = align && align[i] <= PRENSA_ALIGN_RIGHT ? align[i] : PRENSA_ALIGN_NONE;
    }
  }
  open_node (builder, n);
}

void
prensa_builder_open_table_row (PrensaBuilder *builder, gboolean header, guint line, guint column)
{
  g_return_if_fail (builder != NULL);
  PrensaNode *n = make (builder, PRENSA_NODE_TABLE_ROW, line, column);
  if (n) {
    PrensaNode *prev = builder->parent->last_child;
    /* header rows come first, so a writer can put them in one <thead> */
    n->as.row.header = header && (prev == NULL || prev->as.row.header);
  }
  open_node (builder, n);
}

void
prensa_builder_open_footnote_definition (PrensaBuilder *builder, const char *label,
                                         guint line, guint column)
{
  g_return_if_fail (builder != NULL && label != NULL);
  PrensaNode *n = make (builder, PRENSA_NODE_FOOTNOTE_DEFINITION, line, column);
  if (n == NULL)
    return;
  n->as.note.label = clean_copy (builder, label, -1, NULL);
  g_ptr_array_add (builder->defs, n);
  builder->in_note++;
  open_node (builder, n);
}

static const PrensaSpeaker *
find_speaker (GPtrArray *speakers, const char *name)
{
  for (guint i = 0; speakers && i < speakers->len; i++) {
    const PrensaSpeaker *sp = speakers->pdata[i];
    if (strcmp (sp->id, name) == 0 || strcmp (sp->name, name) == 0)
      return sp;
  }
  return NULL;
}

void
prensa_builder_open_turn (PrensaBuilder *builder, const char *speaker, guint line, guint column)
{
  g_return_if_fail (builder != NULL && speaker != NULL);
  const PrensaSpeaker *sp = find_speaker (builder->speakers, speaker);
  if (sp == NULL && builder->error == NULL) {
    g_autofree char *what = g_strdup_printf ("a turn of '%s', a speaker the metadata does not declare",
                                             speaker);
    fail (builder, line, what);
    return;
  }
  PrensaNode *n = make (builder, PRENSA_NODE_TURN, line, column);
  if (n) {
    n->as.turn.speaker = sp;
    builder->made_structure = TRUE;
  }
  open_node (builder, n);
}

void
prensa_builder_add (PrensaBuilder *builder, PrensaNodeType type, const char *text,
                    gssize length, const char *info, guint line, guint column)
{
  g_return_if_fail (builder != NULL);
  if (builder->error)
    return;
  switch (type) {
  case PRENSA_NODE_TEXT:
    if (!allowed (builder->parent->type, type)) {
      fail (builder, line, "text outside a paragraph, heading or cell");
      return;
    }
    if (!builder->text_pending) {
      builder->text_pending = TRUE;
      builder->text_line = file_line (builder, line);
      builder->text_column = column;
    }
    if (text)
      g_string_append_len (builder->text, text, length < 0 ? (gssize) strlen (text) : length);
    return;
  case PRENSA_NODE_RAW_BLOCK:
  case PRENSA_NODE_RAW_INLINE:
    if (builder->flags & PRENSA_LOAD_SANDBOX) {
      builder->dropped_raw++; /* and the text around it stays one run */
      return;
    }
    /* fall through */
  case PRENSA_NODE_CODE:
  case PRENSA_NODE_CODE_BLOCK:
  case PRENSA_NODE_SOFTBREAK:
  case PRENSA_NODE_LINEBREAK:
  case PRENSA_NODE_THEMATIC_BREAK:
    break;
  default:
    g_return_if_reached ();
  }
  PrensaNode *n = make (builder, type, line, column);
  if (n == NULL)
    return;
  if (type != PRENSA_NODE_SOFTBREAK && type != PRENSA_NODE_LINEBREAK
      && type != PRENSA_NODE_THEMATIC_BREAK)
    n->literal = clean_copy (builder, text ? text : "", text ? length : 0, &n->length);
  if (type == PRENSA_NODE_CODE_BLOCK)
    n->as.code.info = info && *info ? clean_copy (builder, info, -1, NULL) : NULL;
  prensa_node_append (builder->parent, n);
}

void
prensa_builder_add_footnote_reference (PrensaBuilder *builder, const char *label,
                                       guint line, guint column)
{
  g_return_if_fail (builder != NULL && label != NULL);
  if (builder->in_image > 0 && builder->error == NULL) {
    /* an image's description is plain text in every format: no mark to
     * link from, so the note would have no way back */
    prensa_builder_warning (builder, line, "[^%s] is in an image's description, where notes "
                            "cannot go; kept as text", label);
    g_autofree char *text = g_strdup_printf ("[^%s]", label);
    prensa_builder_add (builder, PRENSA_NODE_TEXT, text, -1, NULL, line, column);
    return;
  }
  PrensaNode *n = make (builder, PRENSA_NODE_FOOTNOTE_REFERENCE, line, column);
  if (n == NULL)
    return;
  n->as.note.label = clean_copy (builder, label, -1, NULL);
  prensa_node_append (builder->parent, n);
  g_ptr_array_add (builder->in_note ? builder->refs_in_notes : builder->refs, n);
}

void
prensa_builder_set_meta_string (PrensaBuilder *builder, const char *key, const char *value)
{
  g_return_if_fail (builder != NULL && key != NULL && value != NULL);
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  g_ptr_array_add (keys, (gpointer) clean_copy (builder, key, -1, NULL));
  g_ptr_array_add (values, (gpointer) clean_copy (builder, value, -1, NULL));
  builder->meta = prensa_value_merge (builder->arena, builder->meta, keys, values);
}

gboolean
prensa_builder_set_meta_yaml (PrensaBuilder *builder, const char *yaml, gssize length,
                              guint first_line, GError **error)
{
  g_return_val_if_fail (builder != NULL && yaml != NULL, FALSE);
  gsize len = length < 0 ? strlen (yaml) : (gsize) length;
  const PrensaValue *meta = prensa_front_matter_parse (builder->arena, builder->name, yaml, len,
                                                       file_line (builder, first_line), error);
  if (meta == NULL)
    return FALSE;
  g_autoptr (GPtrArray) speakers = g_ptr_array_new ();
  if (!prensa_front_matter_speakers (builder->arena, builder->name, meta, speakers, error))
    return FALSE;
  builder->meta = meta;
  g_ptr_array_set_size (builder->speakers, 0);
  g_ptr_array_extend (builder->speakers, speakers, NULL, NULL);
  return TRUE;
}

void
prensa_builder_release_input (PrensaBuilder *builder)
{
  g_return_if_fail (builder != NULL);
  if (builder->owned_input)
    g_clear_pointer (builder->owned_input, g_free);
}

/* What read() left: FALSE with @error when the tree is unusable. */
gboolean
prensa_builder_end (PrensaBuilder *b, GError **error)
{
  flush_text (b);
  if (b->error == NULL && b->stack->len > 0) {
    Frame f = g_array_index (b->stack, Frame, b->stack->len - 1);
    g_autofree char *what = g_strdup_printf ("a %s that is never closed",
                                             prensa_node_type_to_string (f.type));
    fail (b, 0, what);
  }
  if (b->error) {
    g_propagate_error (error, g_steal_pointer (&b->error));
    return FALSE;
  }
  if (b->dropped_raw)
    prensa_warning ("%s: --sandbox: %u piece%s of raw HTML dropped", b->name, b->dropped_raw,
                    b->dropped_raw == 1 ? "" : "s");
  return TRUE;
}
