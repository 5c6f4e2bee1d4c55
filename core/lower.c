/* lower.c: the document as a writer built against an older model can
 * read it.
 *
 * prensa-plugin.h states the mapping; this is its one implementation.
 * The copy shares every string, value and speaker with the original (it
 * only makes nodes), so it must not outlive it: the host frees it right
 * after the write.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"
#include "prensa/prensa-registry.h"

static PrensaNode *
copy_of (PrensaArena *arena, const PrensaNode *n, PrensaNodeType type)
{
  PrensaNode *c = prensa_node_new (arena, type);
  if (type == n->type) {
    *c = *n;
    c->parent = c->first_child = c->last_child = c->next = c->prev = NULL;
  }
  c->line = n->line;
  c->column = n->column;
  return c;
}

static void
add_text (PrensaArena *arena, PrensaNode *parent, const char *text)
{
  PrensaNode *t = prensa_node_new (arena, PRENSA_NODE_TEXT);
  t->length = strlen (text);
  t->literal = prensa_arena_strndup (arena, text, t->length);
  prensa_node_append (parent, t);
}

typedef struct {
  guint model;         /* the writer's: what it knows is kept */
  PrensaArena *arena;
  GPtrArray *open;     /* per open container: its copy, or NULL when it
                        * has none and its content goes to the parent */
  PrensaNode *parent;
  char *prefix;        /* text owed to the next paragraph */
} Lower;

static void
enter (Lower *l, const PrensaNode *n)
{
  PrensaNode *c = NULL;
  gboolean leaf = prensa_node_type_is_leaf (n->type);
  /* model 3's pull quote: a quote of the same paragraphs */
  if (n->type == PRENSA_NODE_PULL_QUOTE) {
    c = copy_of (l->arena, n, l->model >= 3 ? n->type : PRENSA_NODE_BLOCK_QUOTE);
    prensa_node_append (l->parent, c);
    g_ptr_array_add (l->open, c);
    l->parent = c;
    return;
  }
  if (l->model >= 2) {
    c = copy_of (l->arena, n, n->type);
    prensa_node_append (l->parent, c);
    if (!leaf) {
      g_ptr_array_add (l->open, c);
      l->parent = c;
    }
    return;
  }
  switch (n->type) {
  case PRENSA_NODE_TABLE:
  case PRENSA_NODE_STRIKETHROUGH:
    break;
  case PRENSA_NODE_TABLE_ROW:
    c = copy_of (l->arena, n, PRENSA_NODE_PARAGRAPH);
    break;
  case PRENSA_NODE_TABLE_CELL:
    if (n->prev)
      add_text (l->arena, l->parent, " | ");
    if (n->parent->as.row.header)
      c = copy_of (l->arena, n, PRENSA_NODE_STRONG);
    break;
  case PRENSA_NODE_FOOTNOTE_REFERENCE: {
    g_autofree char *mark = g_strdup_printf ("[%u]", n->as.note.number);
    add_text (l->arena, l->parent, mark);
    return;
  }
  case PRENSA_NODE_FOOTNOTE_DEFINITION:
    c = copy_of (l->arena, n, PRENSA_NODE_BLOCK_QUOTE);
    g_free (l->prefix);
    l->prefix = g_strdup_printf ("[%u] ", n->as.note.number);
    break;
  case PRENSA_NODE_ITEM:
    c = copy_of (l->arena, n, n->type);
    c->as.item.task = PRENSA_TASK_NONE;
    if (n->as.item.task != PRENSA_TASK_NONE) {
      g_free (l->prefix);
      l->prefix = g_strdup (n->as.item.task == PRENSA_TASK_DONE ? "☒ " : "☐ ");
    }
    break;
  default:
    c = copy_of (l->arena, n, n->type);
    break;
  }
  if (c)
    prensa_node_append (l->parent, c);
  if (c && c->type == PRENSA_NODE_PARAGRAPH && l->prefix) {
    add_text (l->arena, c, l->prefix);
    g_clear_pointer (&l->prefix, g_free);
  }
  if (leaf)
    return;
  g_ptr_array_add (l->open, c);
  if (c)
    l->parent = c;
}

static void
leave (Lower *l)
{
  PrensaNode *c = g_ptr_array_steal_index (l->open, l->open->len - 1);
  if (c)
    l->parent = c->parent;
}

PrensaDocument *
prensa_document_lower (const PrensaDocument *doc, guint model)
{
  PrensaDocument *low = g_new0 (PrensaDocument, 1);
  low->arena = prensa_arena_new ();
  low->meta = doc->meta;
  low->speakers = g_ptr_array_copy (doc->speakers, NULL, NULL);
  low->n_parts = doc->n_parts;
  low->flags = doc->flags;
  low->resource_paths = g_ptr_array_copy (doc->resource_paths, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (low->resource_paths, g_free);
  low->media = g_ptr_array_ref (doc->media);
  low->title = doc->title;
  low->title_source = doc->title_source;
  low->paper = doc->paper;
  low->paper_given = doc->paper_given;
  low->root = copy_of (low->arena, doc->root, doc->root->type);

  Lower l = { model, low->arena, g_ptr_array_new (), low->root, NULL };
  g_autoptr (PrensaIter) it = prensa_iter_new (doc->root);
  PrensaEventType ev = prensa_iter_next (it); /* the root, copied above */
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    const PrensaNode *n = prensa_iter_get_node (it);
    if (n == doc->root)
      break;
    if (ev == PRENSA_EVENT_ENTER)
      enter (&l, n);
    else
      leave (&l);
  }
  g_ptr_array_unref (l.open);
  g_free (l.prefix);
  prensa_links_index (low, NULL);
  return low;
}

gboolean
prensa_writer_run (const PrensaWriter *writer, const PrensaDocument *document,
                   const PrensaOptions *options, PrensaOutput *output, GError **error)
{
  g_return_val_if_fail (writer != NULL && document != NULL && output != NULL, FALSE);
  if (writer->model >= PRENSA_MODEL)
    return writer->write (document, options, output, error);
  g_autoptr (PrensaDocument) low = prensa_document_lower (document, writer->model);
  return writer->write (low, options, output, error);
}
