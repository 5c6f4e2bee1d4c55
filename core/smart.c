/* smart.c: smart punctuation for text that no reader's parser sees (the
 * metadata), by the rules the readers apply to the body: a straight quote
 * after the start, a space, an opening bracket, a dash or an opening quote
 * opens, any other closes, an apostrophe inside a word is ’ and one before
 * a digit after a space is the ’ of ’90s; "--" is an en dash, "---" an em
 * dash, "..." an ellipsis.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

static gboolean
opens_after (gunichar prev)
{
  if (prev == 0 || g_unichar_isspace (prev))
    return TRUE;
  switch (prev) {
  case '(': case '[': case '{': case '/':
  case 0x2013: case 0x2014: case 0x2018: case 0x201C: case 0x00AB:
    return TRUE;
  default:
    return FALSE;
  }
}

char *
prensa_text_smarten (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  GString *out = g_string_sized_new (strlen (text) + 8);
  gunichar prev = 0;
  for (const char *p = text; *p;) {
    const char *repl = NULL;
    gsize taken = 1;
    if (*p == '-' || *p == '.') {
      while (p[taken] == *p)
        taken++;
      if (*p == '-' && (taken == 2 || taken == 3))
        repl = taken == 2 ? "\u2013" : "\u2014";
      else if (*p == '.' && taken == 3)
        repl = "\u2026";
    } else if (*p == '"') {
      repl = opens_after (prev) ? "\u201C" : "\u201D";
    } else if (*p == '\'') {
      if (g_unichar_isalnum (prev))
        repl = "\u2019";
      else if (opens_after (prev))
        repl = g_ascii_isdigit (p[1]) ? "\u2019" : "\u2018";
      else
        repl = "\u2019";
    }
    if (repl) {
      g_string_append (out, repl);
      /* an apostrophe inside a word leaves the word going on */
      prev = strcmp (repl, "\u2019") == 0 && g_ascii_isalpha (p[1]) ? 'a' : g_utf8_get_char (repl);
      p += taken;
      continue;
    }
    const char *next = g_utf8_find_next_char (p, NULL);
    gsize len = next ? (gsize) (next - p) : strlen (p);
    g_string_append_len (out, p, (gssize) len);
    prev = taken > 1 ? (gunichar) *p : g_utf8_get_char_validated (p, (gssize) len);
    if (prev == (gunichar) -1 || prev == (gunichar) -2)
      prev = 0xFFFD;
    p += taken > 1 ? taken : len;
  }
  return g_string_free (out, FALSE);
}

/* The metadata keys whose values are prose: others (dates, identifiers,
 * languages, file names, URLs, options) stay exactly as written. */
static const char *const prose_keys[] = {
  "title", "subtitle", "author", "description", "abstract", "rights", "publisher",
  "editor", "translator", "contributor", "subject", "keywords", "standfirst", "dedication",
  NULL
};

static const PrensaValue *
smarten_value (PrensaArena *arena, const PrensaValue *v, guint depth)
{
  if (v->kind == PRENSA_VALUE_STRING) {
    if (strpbrk (v->string, "'\"-.") == NULL)
      return v;
    g_autofree char *s = prensa_text_smarten (v->string);
    return strcmp (s, v->string) == 0 ? v : prensa_value_new_string (arena, s);
  }
  if (v->kind != PRENSA_VALUE_LIST || depth > 1)
    return v;
  PrensaValue *copy = prensa_arena_alloc (arena, sizeof *copy);
  *copy = *v;
  copy->items = prensa_arena_alloc (arena, sizeof (PrensaValue *) * MAX (v->length, 1));
  for (guint i = 0; i < v->length; i++)
    copy->items[i] = smarten_value (arena, v->items[i], depth + 1);
  return copy;
}

const PrensaValue *
prensa_meta_smarten (PrensaArena *arena, const PrensaValue *meta)
{
  if (meta == NULL || meta->kind != PRENSA_VALUE_MAP)
    return meta;
  PrensaValue *copy = NULL;
  for (guint i = 0; i < meta->length; i++) {
    gboolean prose = FALSE;
    for (guint k = 0; prose_keys[k] && !prose; k++)
      prose = strcmp (meta->keys[i], prose_keys[k]) == 0;
    if (!prose)
      continue;
    const PrensaValue *item = smarten_value (arena, meta->items[i], 0);
    if (item == meta->items[i])
      continue;
    if (copy == NULL) {
      copy = prensa_arena_alloc (arena, sizeof *copy);
      *copy = *meta;
      copy->items = prensa_arena_alloc (arena, sizeof (PrensaValue *) * meta->length);
      memcpy (copy->items, meta->items, sizeof (PrensaValue *) * meta->length);
    }
    copy->items[i] = item;
  }
  return copy ? copy : meta;
}
