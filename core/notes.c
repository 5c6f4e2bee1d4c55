/* notes.c: what a part's tables and footnotes need once it is read.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

/* Every row gets as many cells as the widest, so writers can lay out a
 * grid without checking; the alignments grow with it. */
void
prensa_table_finish (PrensaArena *arena, PrensaNode *table)
{
  guint widest = 0;
  for (PrensaNode *row = table->first_child; row; row = row->next)
    if (row->last_child)
      widest = MAX (widest, row->last_child->as.cell.column + 1);
  widest = MAX (widest, 1);
  if (widest > table->as.table.columns) {
    PrensaAlign *align = prensa_arena_alloc (arena, widest * sizeof *align);
    for (guint i = 0; i < widest; i++)
      align[i] = i < table->as.table.columns && table->as.table.align
                   ? table->as.table.align[i] : PRENSA_ALIGN_NONE;
    table->as.table.align = align;
    table->as.table.columns = widest;
  }
  for (PrensaNode *row = table->first_child; row; row = row->next) {
    guint have = row->last_child ? row->last_child->as.cell.column + 1 : 0;
    for (guint i = have; i < widest; i++) {
      PrensaNode *cell = prensa_node_new (arena, PRENSA_NODE_TABLE_CELL);
      cell->as.cell.column = i;
      cell->line = row->line;
      prensa_node_append (row, cell);
    }
  }
}

/* Labels match as link labels do: case and runs of white space aside. */
static char *
normal_label (const char *label)
{
  g_autofree char *folded = g_utf8_casefold (label, -1);
  GString *s = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (g_unichar_isspace (c)) {
      if (s->len && s->str[s->len - 1] != ' ')
        g_string_append_c (s, ' ');
    } else {
      g_string_append_unichar (s, c);
    }
  }
  if (s->len && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* @a's text followed by @b's, in @a; @b goes. */
static void
merge_into (PrensaArena *arena, PrensaNode *a, PrensaNode *b)
{
  char *joined = prensa_arena_alloc (arena, a->length + b->length + 1);
  memcpy (joined, a->literal, a->length);
  memcpy (joined + a->length, b->literal, b->length);
  joined[a->length + b->length] = '\0';
  a->literal = joined;
  a->length += b->length;
  prensa_node_unlink (b);
}

/* A reference that leads nowhere is kept as what the author typed, in
 * one run with the text around it, as the builder keeps text. */
static void
to_text (PrensaArena *arena, PrensaNode *ref)
{
  char *text = g_strdup_printf ("[^%s]", ref->as.note.label);
  ref->type = PRENSA_NODE_TEXT;
  ref->length = strlen (text);
  ref->literal = prensa_arena_strndup (arena, text, ref->length);
  g_free (text);
  memset (&ref->as, 0, sizeof ref->as);
  if (ref->prev && ref->prev->type == PRENSA_NODE_TEXT) {
    PrensaNode *prev = ref->prev;
    merge_into (arena, prev, ref);
    ref = prev;
  }
  if (ref->next && ref->next->type == PRENSA_NODE_TEXT)
    merge_into (arena, ref, ref->next);
}

void
prensa_footnotes_resolve (PrensaBuilder *b)
{
  if (b->defs->len == 0 && b->refs->len == 0 && b->refs_in_notes->len == 0)
    return;
  g_autoptr (GHashTable) by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < b->defs->len; i++) {
    PrensaNode *def = b->defs->pdata[i];
    char *key = normal_label (def->as.note.label);
    if (g_hash_table_contains (by_label, key)) {
      prensa_warning ("%s:%u: a second note labelled '%s' is left out; the first one counts",
                      b->name, def->line, def->as.note.label);
      g_free (key);
      def->as.note.refs = G_MAXUINT; /* not to be numbered */
      continue;
    }
    g_hash_table_insert (by_label, key, def);
  }
  /* A note in a note has nowhere to go in Word, an EPUB pop-up or a page
   * foot; pandoc has none either. */
  for (guint i = 0; i < b->refs_in_notes->len; i++) {
    PrensaNode *ref = b->refs_in_notes->pdata[i];
    prensa_warning ("%s:%u: [^%s] is inside a note, where notes cannot go; kept as text",
                    b->name, ref->line, ref->as.note.label);
    to_text (b->arena, ref);
  }
  g_autoptr (GPtrArray) numbered = g_ptr_array_new ();
  for (guint i = 0; i < b->refs->len; i++) {
    PrensaNode *ref = b->refs->pdata[i];
    g_autofree char *key = normal_label (ref->as.note.label);
    PrensaNode *def = g_hash_table_lookup (by_label, key);
    if (def == NULL) {
      prensa_warning ("%s:%u: [^%s] refers to no note; kept as text", b->name, ref->line,
                      ref->as.note.label);
      to_text (b->arena, ref);
      continue;
    }
    if (def->as.note.number == 0) {
      g_ptr_array_add (numbered, def);
      def->as.note.number = numbered->len;
      def->as.note.note = ref;
    }
    ref->as.note.number = def->as.note.number;
    ref->as.note.note = def;
    ref->as.note.refs = ++def->as.note.refs;
  }
  for (guint i = 0; i < b->defs->len; i++) {
    PrensaNode *def = b->defs->pdata[i];
    if (def->as.note.number == 0 && def->as.note.refs != G_MAXUINT)
      prensa_warning ("%s:%u: note [^%s] is left out: nothing outside a note refers to it",
                      b->name, def->line,
                      def->as.note.label);
  }
  for (guint i = 0; i < numbered->len; i++)
    prensa_node_append (b->part, numbered->pdata[i]);
}
