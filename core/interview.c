/* interview.c: standfirst, turns and back matter out of plain blocks, and
 * heading anchors.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

/* Length of "LABEL:" at the start of @text when LABEL is @speaker's id or
 * name and the colon ends the text or is followed by a space; 0 else. */
static gsize
label_length (const PrensaSpeaker *speaker, const char *text, gsize length)
{
  const char *labels[2] = { speaker->id, speaker->name };
  for (guint i = 0; i < 2; i++) {
    gsize n = strlen (labels[i]);
    if (n == 0 || n + 1 > length || strncmp (text, labels[i], n) != 0 || text[n] != ':')
      continue;
    /* Any Unicode space: pasted interviews often have a no-break space. */
    if (n + 1 == length || g_unichar_isspace (g_utf8_get_char (text + n + 1)))
      return n + 1;
  }
  return 0;
}

static gboolean
is_text (const PrensaNode *n)
{
  return n != NULL && n->type == PRENSA_NODE_TEXT;
}

static gboolean
same_text (const PrensaNode *text, const char *label)
{
  return strlen (label) == text->length && strncmp (text->literal, label, text->length) == 0;
}

static void
skip_spaces (PrensaNode *text)
{
  while (text->length > 0 && g_unichar_isspace (g_utf8_get_char (text->literal))) {
    const char *next = g_utf8_next_char (text->literal);
    text->length -= next - text->literal;
    text->literal = next;
  }
}

/* Finds the speaker whose label begins @para. With @strip, also removes
 * the label (and a break right after it) from the paragraph. */
static const PrensaSpeaker *
match_label (PrensaNode *para, GPtrArray *speakers, gboolean strip)
{
  PrensaNode *first = para->first_child;
  if (first == NULL)
    return NULL;
  for (guint i = 0; i < speakers->len; i++) {
    const PrensaSpeaker *sp = speakers->pdata[i];
    PrensaNode *rest = NULL;
    if (is_text (first)) {
      gsize n = label_length (sp, first->literal, first->length);
      if (n == 0)
        continue;
      if (!strip)
        return sp;
      first->literal += n;
      first->length -= n;
      rest = first;
    } else if ((first->type == PRENSA_NODE_STRONG || first->type == PRENSA_NODE_EMPH)
               && is_text (first->first_child) && first->first_child == first->last_child) {
      /* **Name:** text, or **Name**: text */
      PrensaNode *inner = first->first_child;
      PrensaNode *after = first->next;
      gboolean colon_inside = label_length (sp, inner->literal, inner->length) == inner->length;
      gboolean colon_after = !colon_inside && is_text (after) && after->length > 0
                             && after->literal[0] == ':'
                             && (same_text (inner, sp->id) || same_text (inner, sp->name));
      if (!colon_inside && !colon_after)
        continue;
      if (!strip)
        return sp;
      prensa_node_unlink (first);
      if (colon_after) {
        after->literal++;
        after->length--;
      }
      rest = para->first_child;
    } else {
      return NULL;
    }
    if (is_text (rest)) {
      skip_spaces (rest);
      if (rest->length == 0) {
        prensa_node_unlink (rest);
        rest = para->first_child;
      }
    }
    if (rest && (rest->type == PRENSA_NODE_SOFTBREAK || rest->type == PRENSA_NODE_LINEBREAK))
      prensa_node_unlink (rest);
    return sp;
  }
  return NULL;
}

static const PrensaSpeaker *
block_label (PrensaNode *block, GPtrArray *speakers)
{
  return block->type == PRENSA_NODE_PARAGRAPH ? match_label (block, speakers, FALSE) : NULL;
}

static PrensaNode *
wrap_range (PrensaArena *arena, PrensaNodeType type, PrensaNode **blocks, guint from, guint to)
{
  PrensaNode *box = prensa_node_new (arena, type);
  box->line = blocks[from]->line;
  box->column = blocks[from]->column;
  for (guint i = from; i < to; i++)
    prensa_node_append (box, blocks[i]);
  return box;
}

void
prensa_interview_build (PrensaArena *arena, PrensaNode *part, GPtrArray *speakers)
{
  if (speakers->len == 0)
    return;
  g_autoptr (GPtrArray) list = g_ptr_array_new ();
  for (PrensaNode *n = part->first_child; n; n = n->next)
    g_ptr_array_add (list, n);
  PrensaNode **blocks = (PrensaNode **) list->pdata;
  guint n_blocks = list->len;

  gint first = -1, last = -1;
  for (guint i = 0; i < n_blocks; i++)
    if (block_label (blocks[i], speakers)) {
      if (first < 0)
        first = (gint) i;
      last = (gint) i;
    }
  if (first < 0)
    return;

  guint end = n_blocks; /* where back matter's break stands, if any */
  for (guint i = (guint) last + 1; i < n_blocks; i++)
    if (blocks[i]->type == PRENSA_NODE_THEMATIC_BREAK) {
      end = i;
      break;
    }
  guint standfirst = (guint) first;
  while (standfirst > 0 && blocks[standfirst - 1]->type != PRENSA_NODE_HEADING)
    standfirst--;

  part->first_child = part->last_child = NULL;
  for (guint i = 0; i < standfirst; i++)
    prensa_node_append (part, blocks[i]);
  if (standfirst < (guint) first)
    prensa_node_append (part, wrap_range (arena, PRENSA_NODE_STANDFIRST, blocks, standfirst, first));

  PrensaNode *turn = NULL;
  for (guint i = (guint) first; i < end; i++) {
    PrensaNode *b = blocks[i];
    const PrensaSpeaker *sp = block_label (b, speakers);
    if (sp) {
      match_label (b, speakers, TRUE);
      turn = prensa_node_new (arena, PRENSA_NODE_TURN);
      turn->as.turn.speaker = sp;
      turn->line = b->line;
      turn->column = b->column;
      prensa_node_append (part, turn);
      if (b->first_child)
        prensa_node_append (turn, b);
    } else if (b->type == PRENSA_NODE_HEADING || b->type == PRENSA_NODE_THEMATIC_BREAK) {
      turn = NULL;
      prensa_node_append (part, b);
    } else {
      prensa_node_append (turn ? turn : part, b);
    }
  }
  if (end + 1 < n_blocks)
    prensa_node_append (part, wrap_range (arena, PRENSA_NODE_BACK_MATTER, blocks, end + 1, n_blocks));
  else if (end < n_blocks)
    prensa_node_append (part, blocks[end]);
}

/* pandoc-like identifiers, limited to ASCII so they are valid XML ids and
 * need no escaping in a URL fragment. */
static char *
slug (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p++) {
    char c = g_ascii_tolower (*p);
    if (s->len == 0 && !g_ascii_isalpha (c))
      continue;
    if (g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.')
      g_string_append_c (s, c);
    else if ((c == ' ' || c == '\n') && s->len > 0 && s->str[s->len - 1] != '-')
      g_string_append_c (s, '-');
  }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_assign (s, "section");
  return g_string_free (s, FALSE);
}

/* Notes' ids are fixed by their number (and part after the first), so
 * they are taken before any heading's. */
static void
assign_note_anchors (PrensaArena *arena, PrensaNode *root, GHashTable *taken)
{
  guint part_no = 0;
  for (PrensaNode *part = root->first_child; part; part = part->next) {
    /* "p2-" tells part 2's note 3 (fn-p2-3) from part 1's note 2 cited
     * thrice (fnref-2-3) */
    g_autofree char *prefix = ++part_no > 1 ? g_strdup_printf ("p%u-", part_no) : g_strdup ("");
    g_autoptr (PrensaIter) it = prensa_iter_new (part);
    PrensaEventType ev;
    while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
      PrensaNode *n = (PrensaNode *) prensa_iter_get_node (it);
      if (ev != PRENSA_EVENT_ENTER)
        continue;
      char *id;
      if (n->type == PRENSA_NODE_FOOTNOTE_DEFINITION)
        id = g_strdup_printf ("fn-%s%u", prefix, n->as.note.number);
      else if (n->type == PRENSA_NODE_FOOTNOTE_REFERENCE && n->as.note.refs > 1)
        id = g_strdup_printf ("fnref-%s%u-%u", prefix, n->as.note.number, n->as.note.refs);
      else if (n->type == PRENSA_NODE_FOOTNOTE_REFERENCE)
        id = g_strdup_printf ("fnref-%s%u", prefix, n->as.note.number);
      else
        continue;
      n->as.note.anchor = prensa_arena_strdup (arena, id);
      g_hash_table_add (taken, id);
    }
  }
}

void
prensa_anchors_assign (PrensaArena *arena, PrensaNode *root)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* base → next suffix to try, so many equal headings stay linear */
  g_autoptr (GHashTable) next_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  assign_note_anchors (arena, root, taken);
  g_autoptr (PrensaIter) it = prensa_iter_new (root);
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    PrensaNode *n = (PrensaNode *) prensa_iter_get_node (it);
    if (ev != PRENSA_EVENT_ENTER || n->type != PRENSA_NODE_HEADING)
      continue;
    g_autofree char *text = n->as.heading.id ? NULL : prensa_node_dup_text (n);
    char *base = slug (n->as.heading.id ? n->as.heading.id : text);
    char *id = g_strdup (base);
    guint k = GPOINTER_TO_UINT (g_hash_table_lookup (next_suffix, base));
    for (k = MAX (k, 1); g_hash_table_contains (taken, id); k++) {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, k);
    }
    g_hash_table_insert (next_suffix, base, GUINT_TO_POINTER (k));
    n->as.heading.anchor = prensa_arena_strdup (arena, id);
    g_hash_table_add (taken, id);
    /* Inline content never holds headings. */
    prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
  }
}
