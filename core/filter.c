/* filter.c: filters, and the builder they make a new document with.
 *
 * A filter's builder is a reader's PrensaBuilder that starts above the
 * parts: it opens parts itself (prensa_builder_open_part), and closing
 * one runs what add_part() in loader.c runs after a reader. Every node,
 * copied or new, goes through the builder's functions, so the cleaning
 * and the link policy of builder.c apply to a filter's output exactly as
 * to a reader's; the passes over the whole document run in
 * prensa_filter_builder_finish(), as in prensa_loader_finish().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

/* A deep copy of @v in @arena, so the new document outlives the old. */
static const PrensaValue *
value_copy (PrensaArena *arena, const PrensaValue *v)
{
  if (v == NULL)
    return NULL;
  PrensaValue *c = prensa_arena_alloc (arena, sizeof *c);
  *c = *v;
  c->string = v->string ? prensa_arena_strdup (arena, v->string) : NULL;
  if (v->items) {
    c->items = prensa_arena_alloc (arena, sizeof (PrensaValue *) * MAX (v->length, 1));
    for (guint i = 0; i < v->length; i++)
      c->items[i] = value_copy (arena, v->items[i]);
  }
  if (v->keys) {
    c->keys = prensa_arena_alloc (arena, sizeof (char *) * MAX (v->length, 1));
    for (guint i = 0; i < v->length; i++)
      c->keys[i] = prensa_arena_strdup (arena, v->keys[i]);
  }
  return c;
}

PrensaBuilder *
prensa_filter_builder_new (const PrensaDocument *source)
{
  g_return_val_if_fail (source != NULL, NULL);
  PrensaDocument *doc = prensa_document_new (source->flags);
  for (guint i = 0; i < source->resource_paths->len; i++)
    g_ptr_array_add (doc->resource_paths, g_strdup (source->resource_paths->pdata[i]));
  /* The embedded resources' folders are shared: the last document to go
   * deletes them. */
  g_ptr_array_unref (doc->media);
  doc->media = g_ptr_array_ref (source->media);
  for (guint i = 0; i < source->speakers->len; i++) {
    const PrensaSpeaker *sp = source->speakers->pdata[i];
    PrensaSpeaker *c = prensa_arena_alloc (doc->arena, sizeof *c);
    c->id = prensa_arena_strdup (doc->arena, sp->id);
    c->name = prensa_arena_strdup (doc->arena, sp->name);
    c->role = sp->role;
    g_ptr_array_add (doc->speakers, c);
  }
  doc->meta = value_copy (doc->arena, source->meta);

  PrensaBuilder *b = g_new0 (PrensaBuilder, 1);
  prensa_builder_init (b, doc->arena, "<filter>", source->flags, doc->root, doc->meta,
                       doc->speakers, 0);
  b->part = NULL;
  b->filter_doc = doc;
  b->filter_source = source;
  b->filter_names = g_ptr_array_new ();
  return b;
}

void
prensa_filter_builder_free (PrensaBuilder *builder)
{
  if (builder == NULL)
    return;
  g_return_if_fail (builder->filter_doc != NULL);
  prensa_document_free (builder->filter_doc);
  g_ptr_array_unref (builder->filter_names);
  prensa_builder_clear (builder);
  g_free (builder);
}

void
prensa_builder_open_part (PrensaBuilder *builder, const PrensaNode *like, guint line,
                          guint column)
{
  g_return_if_fail (builder != NULL && builder->filter_doc != NULL);
  g_return_if_fail (like == NULL || like->type == PRENSA_NODE_PART);
  PrensaBuilder *b = builder;
  if (b->error)
    return;
  if (b->part != NULL) {
    g_set_error (&b->error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_INVALID,
                 "%s: the filter opened a part inside a part", b->name);
    return;
  }
  PrensaDocument *doc = b->filter_doc;
  PrensaNode *part = prensa_node_new (doc->arena, PRENSA_NODE_PART);
  part->line = line;
  part->column = column;
  doc->meta = b->meta; /* what the filter set outside the part */
  const PrensaValue *meta = doc->meta;
  if (like) {
    const char *src = like->as.part.source;
    part->as.part.source = src ? prensa_arena_strdup (doc->arena, src) : NULL;
    part->as.part.figures = like->as.part.figures;
    part->as.part.media = like->as.part.media ? prensa_arena_strdup (doc->arena, like->as.part.media)
                                              : NULL;
    if (like->as.part.meta != b->filter_source->meta)
      meta = value_copy (doc->arena, like->as.part.meta);
    b->name = src ? part->as.part.source : "-";
  }
  if (meta == NULL)
    meta = prensa_value_new_empty_map (doc->arena);
  b->meta = meta;
  b->made_structure = FALSE;
  b->part = part;
  prensa_builder_push_part (b, part);
}

/* What a part gets after read() (add_part() in loader.c). */
void
prensa_filter_part_end (PrensaBuilder *b)
{
  PrensaDocument *doc = b->filter_doc;
  PrensaNode *part = b->part;
  if (!b->made_structure)
    prensa_interview_build (doc->arena, part, doc->speakers, b->name, 0, b->meta, NULL, NULL);
  prensa_footnotes_resolve (b);
  prensa_turns_mark_first (part);
  part->as.part.meta = b->meta;
  /* resources the filter added (prensa_builder_add_resource) live as
   * long as the documents sharing the list */
  if (b->media_dir)
    g_ptr_array_add (doc->media, g_steal_pointer (&b->media_dir));
  b->n_media = 0;
  b->media_bytes = 0;
  g_ptr_array_set_size (b->defs, 0);
  g_ptr_array_set_size (b->refs, 0);
  g_ptr_array_set_size (b->refs_in_notes, 0);
  g_ptr_array_add (b->filter_names, (gpointer) b->name);
  doc->n_parts++;
  b->meta = doc->meta;
  b->part = NULL;
  b->parent = doc->root;
  b->name = "<filter>";
}

/* The builder call that makes a copy of @n (without its children). */
static void
enter (PrensaBuilder *b, const PrensaNode *n)
{
  guint line = n->line, col = n->column;
  switch (n->type) {
  case PRENSA_NODE_DOCUMENT:
    break;
  case PRENSA_NODE_PART:
    prensa_builder_open_part (b, n, line, col);
    break;
  case PRENSA_NODE_TURN:
    prensa_builder_open_turn (b, n->as.turn.speaker->id, line, col);
    break;
  case PRENSA_NODE_LIST:
    prensa_builder_open_list (b, n->as.list.type, n->as.list.delim, n->as.list.start,
                              n->as.list.tight, line, col);
    break;
  case PRENSA_NODE_ITEM:
    prensa_builder_open_item (b, n->as.item.task, line, col);
    break;
  case PRENSA_NODE_HEADING:
    prensa_builder_open_heading (b, n->as.heading.level, n->as.heading.id, line, col);
    break;
  case PRENSA_NODE_LINK:
  case PRENSA_NODE_IMAGE:
    prensa_builder_open_link (b, n->type, n->as.link.url, n->as.link.title, line, col);
    break;
  case PRENSA_NODE_TABLE:
    prensa_builder_open_table (b, n->as.table.columns, n->as.table.align, line, col);
    break;
  case PRENSA_NODE_TABLE_ROW:
    prensa_builder_open_table_row (b, n->as.row.header, line, col);
    break;
  case PRENSA_NODE_FOOTNOTE_DEFINITION:
    prensa_builder_open_footnote_definition (b, n->as.note.label ? n->as.note.label : "", line, col);
    break;
  case PRENSA_NODE_FOOTNOTE_REFERENCE:
    prensa_builder_add_footnote_reference (b, n->as.note.label ? n->as.note.label : "", line, col);
    break;
  case PRENSA_NODE_TEXT:
  case PRENSA_NODE_CODE:
  case PRENSA_NODE_RAW_INLINE:
  case PRENSA_NODE_RAW_BLOCK:
  case PRENSA_NODE_CODE_BLOCK:
  case PRENSA_NODE_SOFTBREAK:
  case PRENSA_NODE_LINEBREAK:
  case PRENSA_NODE_THEMATIC_BREAK:
    prensa_builder_add (b, n->type, n->literal, n->literal ? (gssize) n->length : 0,
                        n->type == PRENSA_NODE_CODE_BLOCK ? n->as.code.info : NULL, line, col);
    break;
  default: /* BLOCK_QUOTE, PULL_QUOTE, PARAGRAPH, EMPH, STRONG, STRIKETHROUGH, TABLE_CELL,
            * STANDFIRST, BACK_MATTER */
    prensa_builder_open (b, n->type, line, col);
    break;
  }
}

void
prensa_builder_add_copy (PrensaBuilder *builder, const PrensaNode *node)
{
  g_return_if_fail (builder != NULL && node != NULL);
  g_autoptr (PrensaIter) it = prensa_iter_new (node);
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE && builder->error == NULL) {
    const PrensaNode *n = prensa_iter_get_node (it);
    if (ev == PRENSA_EVENT_ENTER)
      enter (builder, n);
    else if (n->type != PRENSA_NODE_DOCUMENT)
      prensa_builder_close (builder, n->type);
  }
}

PrensaDocument *
prensa_filter_builder_finish (PrensaBuilder *builder, GError **error)
{
  g_return_val_if_fail (builder != NULL && builder->filter_doc != NULL, NULL);
  PrensaBuilder *b = builder;
  if (b->error == NULL && b->part != NULL)
    g_set_error (&b->error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_INVALID,
                 "%s: the filter left a part open", b->name);
  if (b->error) {
    g_propagate_error (error, g_steal_pointer (&b->error));
    prensa_filter_builder_free (b);
    return NULL;
  }
  PrensaDocument *doc = g_steal_pointer (&b->filter_doc);
  doc->meta = b->meta;
  /* One part is the document, as one input is (prensa_loader_finish) */
  if (doc->n_parts == 1)
    doc->meta = doc->root->first_child->as.part.meta;
  prensa_anchors_assign (doc->arena, doc->root);
  prensa_links_index (doc, b->filter_names);
  prensa_links_drop_missing (doc, b->filter_names);
  prensa_document_find_title (doc);
  prensa_document_find_paper (doc);
  if (b->dropped_raw)
    prensa_warning ("a filter: --sandbox: %u piece%s of raw HTML dropped", b->dropped_raw,
                    b->dropped_raw == 1 ? "" : "s");
  g_ptr_array_unref (b->filter_names);
  prensa_builder_clear (b);
  g_free (b);
  return doc;
}

PrensaDocument *
prensa_filter_run (const PrensaFilter *filter, const PrensaDocument *document,
                   const PrensaOptions *options, GError **error)
{
  g_return_val_if_fail (filter != NULL && document != NULL, NULL);
  g_autoptr (PrensaOptions) defaults = options ? NULL : prensa_options_new_for_filter (filter);
  GError *err = NULL;
  PrensaDocument *out = filter->filter (document, options ? options : defaults, &err);
  if (out == document) {
    g_clear_error (&err);
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_INVALID,
                 "the %s filter returned the document it was given, not a new one",
                 filter->name);
    return NULL;
  }
  if (out == NULL) {
    if (err == NULL)
      g_set_error (&err, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "the %s filter failed and did not say why", filter->name);
    g_propagate_prefixed_error (error, err, "%s filter: ", filter->name);
    return NULL;
  }
  g_clear_error (&err);
  return out;
}
