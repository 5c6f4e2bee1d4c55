/* pull-quote.c: lifts one sentence of the interview into a pull quote.
 *
 * The sentence is the "sentence" option when given (-F
 * pull-quote:sentence="…", for every part), else the part's "pull-quote"
 * metadata when it has one (the way to mark it in any input format:
 * front matter, --metadata-file or -M pull-quote="…"), else the first
 * sentence of the longest answer (the interviewee turn with the most
 * text). It goes into a PULL_QUOTE after the first answer, which HTML,
 * EPUB, DOCX and PDF set in large type between rules, as magazines do,
 * and txt between rules. A part with no interviewee turn is left as it
 * is.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <prensa/prensa-filter.h>

static gboolean
is_answer (const PrensaNode *n)
{
  const PrensaSpeaker *sp = prensa_node_get_speaker (n);
  return sp && prensa_speaker_get_role (sp) == PRENSA_ROLE_INTERVIEWEE;
}

/* The text of @turn's paragraphs, each followed by a newline. */
static char *
turn_text (const PrensaNode *turn)
{
  GString *s = g_string_new (NULL);
  for (const PrensaNode *c = prensa_node_first_child (turn); c; c = prensa_node_next (c))
    if (prensa_node_get_node_type (c) == PRENSA_NODE_PARAGRAPH) {
      g_autofree char *t = prensa_node_dup_text (c);
      g_string_append (s, t);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* The first sentence of @text: up to the first '.', '?' or '!' (with any
 * closing quote or bracket) followed by white space, or its first line. */
static char *
first_sentence (const char *text)
{
  const char *end = text;
  while (*end && *end != '\n') {
    if (strchr (".?!", *end)) {
      const char *after = end + 1;
      while (g_str_has_prefix (after, "\xE2\x80\x9D") || g_str_has_prefix (after, "\xE2\x80\x99"))
        after += 3;
      while (*after == '"' || *after == '\'' || *after == ')')
        after++;
      if (*after == ' ' || *after == '\n' || *after == '\0') {
        end = after;
        break;
      }
    }
    end++;
  }
  return g_strstrip (g_strndup (text, end - text));
}

static char *
pick_sentence (const PrensaNode *part, const PrensaValue *meta, const char *given)
{
  if (given && *given)
    return g_strdup (given);
  const PrensaValue *marked = meta ? prensa_value_lookup (meta, "pull-quote") : NULL;
  if (marked && prensa_value_get_string (marked) && *prensa_value_get_string (marked))
    return g_strdup (prensa_value_get_string (marked));
  g_autofree char *longest = NULL;
  gsize most = 0;
  for (const PrensaNode *c = prensa_node_first_child (part); c; c = prensa_node_next (c)) {
    if (!is_answer (c))
      continue;
    char *t = turn_text (c);
    if (strlen (t) > most) {
      most = strlen (t);
      g_free (longest);
      longest = t;
    } else {
      g_free (t);
    }
  }
  return longest ? first_sentence (longest) : NULL;
}

static PrensaDocument *
pull_quote (const PrensaDocument *doc, const PrensaOptions *options, GError **error)
{
  const char *given = prensa_options_get (options, "sentence");
  PrensaBuilder *b = prensa_filter_builder_new (doc);
  const PrensaNode *root = prensa_document_get_root (doc);
  for (const PrensaNode *part = prensa_node_first_child (root); part; part = prensa_node_next (part)) {
    const PrensaValue *meta = prensa_node_get_part_meta (part);
    g_autofree char *sentence = pick_sentence (part, meta, given);
    prensa_builder_open_part (b, part, prensa_node_get_line (part), prensa_node_get_column (part));
    for (const PrensaNode *c = prensa_node_first_child (part); c; c = prensa_node_next (c)) {
      prensa_builder_add_copy (b, c);
      if (sentence && *sentence && is_answer (c)) {
        prensa_builder_open (b, PRENSA_NODE_PULL_QUOTE, 0, 0);
        prensa_builder_open (b, PRENSA_NODE_PARAGRAPH, 0, 0);
        prensa_builder_add (b, PRENSA_NODE_TEXT, sentence, -1, NULL, 0, 0);
        prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
        prensa_builder_close (b, PRENSA_NODE_PULL_QUOTE);
        g_clear_pointer (&sentence, g_free);
      }
    }
    prensa_builder_close (b, PRENSA_NODE_PART);
  }
  return prensa_filter_builder_finish (b, error);
}

static const PrensaOptionSpec pull_quote_options[] = {
  { "sentence", NULL,
    "The text to pull (else the part's pull-quote metadata, else the first "
    "sentence of the longest answer)" },
  { NULL }
};

PRENSA_FILTER_DEFINE ("pull-quote",
                      "Lifts the part's pull-quote metadata, or the first sentence of the "
                      "longest answer, into a pull quote after the first answer",
                      pull_quote_options, pull_quote);
