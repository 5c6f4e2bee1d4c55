/* number-questions.c: numbers the interviewer's turns, "1. ", "2. ", …
 *
 * The number opens the turn's first paragraph as text, so every writer
 * shows it (after the speaker's label, where a writer prints one) and no
 * writer needs to know about it. Numbering starts again in each part: a
 * book of interviews numbers each interview's questions.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <prensa/prensa-filter.h>

/* A copy of @turn whose first paragraph opens with "@number. ". */
static void
numbered_turn (PrensaBuilder *b, const PrensaNode *turn, guint number)
{
  prensa_builder_open_turn (b, prensa_speaker_get_id (prensa_node_get_speaker (turn)),
                            prensa_node_get_line (turn), prensa_node_get_column (turn));
  gboolean done = FALSE;
  for (const PrensaNode *c = prensa_node_first_child (turn); c; c = prensa_node_next (c)) {
    if (done || prensa_node_get_node_type (c) != PRENSA_NODE_PARAGRAPH) {
      prensa_builder_add_copy (b, c);
      continue;
    }
    guint line = prensa_node_get_line (c), column = prensa_node_get_column (c);
    char mark[24];
    g_snprintf (mark, sizeof mark, "%u. ", number);
    prensa_builder_open (b, PRENSA_NODE_PARAGRAPH, line, column);
    prensa_builder_add (b, PRENSA_NODE_TEXT, mark, -1, NULL, line, column);
    for (const PrensaNode *k = prensa_node_first_child (c); k; k = prensa_node_next (k))
      prensa_builder_add_copy (b, k);
    prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
    done = TRUE;
  }
  prensa_builder_close (b, PRENSA_NODE_TURN);
}

static PrensaDocument *
number_questions (const PrensaDocument *doc, const PrensaOptions *options, GError **error)
{
  PrensaBuilder *b = prensa_filter_builder_new (doc);
  const PrensaNode *root = prensa_document_get_root (doc);
  for (const PrensaNode *part = prensa_node_first_child (root); part; part = prensa_node_next (part)) {
    guint number = 0;
    prensa_builder_open_part (b, part, prensa_node_get_line (part), prensa_node_get_column (part));
    for (const PrensaNode *c = prensa_node_first_child (part); c; c = prensa_node_next (c)) {
      const PrensaSpeaker *sp = prensa_node_get_speaker (c);
      if (sp && prensa_speaker_get_role (sp) == PRENSA_ROLE_INTERVIEWER)
        numbered_turn (b, c, ++number);
      else
        prensa_builder_add_copy (b, c);
    }
    prensa_builder_close (b, PRENSA_NODE_PART);
  }
  return prensa_filter_builder_finish (b, error);
}

PRENSA_FILTER_DEFINE ("number-questions", "Numbers the interviewer's turns: 1. 2. 3. …", NULL,
                      number_questions);
