/* cli.c: the prensa command's helpers: "did you mean", and warnings that
 * say each thing once or a few times, not 3,000 times.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "prensa/prensa.h"
#include "cli.h"

static guint
distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  if (la > 64 || lb > 64)
    return G_MAXUINT;
  guint row[65];
  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++) {
    guint diag = row[0];
    row[0] = (guint) i;
    for (gsize j = 1; j <= lb; j++) {
      guint up = row[j];
      guint cost = g_ascii_tolower (a[i - 1]) != g_ascii_tolower (b[j - 1]);
      row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
      /* a swap of two letters ("tco") is one slip, not two */
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = MIN (row[j], diag);
      diag = up;
    }
  }
  return row[lb];
}

const char *
cli_suggest (const char *word, const char *const *candidates)
{
  if (word == NULL || *word == '\0')
    return NULL;
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  gsize n = strlen (word);
  guint limit = n <= 3 ? 1 : n <= 6 ? 2 : 3;
  for (guint i = 0; candidates && candidates[i]; i++) {
    guint d = distance (word, candidates[i]);
    if (n >= 3 && g_ascii_strncasecmp (candidates[i], word, n) == 0)
      d = MIN (d, 1);   /* "--verb" for "--verbose" */
    /* between equals, one that the word starts with ("--too=html" is
     * "--to"), then one of the same length ("--tco" is "--toc") */
    gsize m = strlen (candidates[i]);
    gboolean prefix = g_ascii_strncasecmp (word, candidates[i], MIN (n, m)) == 0;
    guint score = d * 4 + (!prefix) * 2 + (m != n);
    if (d <= limit && score < best_d) {
      best = candidates[i];
      best_d = score;
    }
  }
  return best;
}

char *
cli_did_you_mean (const char *word, const char *const *candidates)
{
  const char *s = cli_suggest (word, candidates);
  return s ? g_strdup_printf (" (did you mean '%s'?)", s) : g_strdup ("");
}

typedef struct {
  CliWarnMode mode;
  guint total;
  GHashTable *kinds;    /* kind → count */
  GPtrArray *order;     /* kinds in the order first seen */
  GHashTable *examples; /* kind → first message */
} Warnings;

static Warnings warnings;

/* A warning's kind: the message without its "FILE:LINE[:COL]: " opening,
 * its numbers and what it quotes, so "a.md:3: link to 'x' left out" and
 * "a.md:9: link to 'y' left out" are one kind. */
static char *
kind_of (const char *message)
{
  const char *p = message;
  const char *colon = strstr (p, ": ");
  if (colon && colon - p < 200 && memchr (p, ' ', (gsize) (colon - p)) == NULL)
    p = colon + 2;
  GString *k = g_string_new (NULL);
  char quote = 0;
  for (; *p; p++) {
    if (quote == 'u') {
      /* “…”: U+201D closes */
      if (strncmp (p, "\u201D", strlen ("\u201D")) == 0) {
        p += strlen ("\u201D") - 1;
        quote = 0;
      }
      continue;
    }
    if (quote) {
      if (*p == quote)
        quote = 0;
      continue;
    }
    if (strncmp (p, "\u201C", strlen ("\u201C")) == 0) {
      p += strlen ("\u201C") - 1;
      quote = 'u';
      g_string_append (k, "…");
    } else if (*p == '\'' || *p == '"') {
      quote = *p;
      g_string_append (k, "…");
    } else if (g_ascii_isdigit (*p)) {
      if (k->len == 0 || k->str[k->len - 1] != '#')
        g_string_append_c (k, '#');
    } else {
      g_string_append_c (k, *p);
    }
  }
  return g_string_free (k, FALSE);
}

static void
on_warning (const char *message, gpointer data)
{
  (void) data;
  warnings.total++;
  char *kind = kind_of (message);
  guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (warnings.kinds, kind));
  if (seen == 0) {
    g_ptr_array_add (warnings.order, g_strdup (kind));
    g_hash_table_insert (warnings.examples, g_strdup (kind), g_strdup (message));
  }
  g_hash_table_insert (warnings.kinds, kind, GUINT_TO_POINTER (seen + 1));
  if (warnings.mode != CLI_WARN_QUIET && seen < CLI_WARN_REPEATS) {
    g_autofree char *line = prensa_warning_dup_line (message);
    fprintf (stderr, "%s\n", line);
  }
}

void
cli_warnings_start (CliWarnMode mode)
{
  warnings.mode = mode;
  warnings.kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  warnings.examples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  warnings.order = g_ptr_array_new_with_free_func (g_free);
  prensa_set_warning_func (on_warning, NULL);
}

guint
cli_warnings_count (void)
{
  return warnings.total;
}

/* 12345 as "12,345", as people count. */
static char *
grouped (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);
  for (gsize i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0)
      g_string_append_c (s, ',');
    g_string_append_c (s, digits[i]);
  }
  return g_string_free (s, FALSE);
}

void
cli_warnings_finish (void)
{
  if (warnings.kinds == NULL)
    return;
  prensa_set_warning_func (NULL, NULL);
  for (guint i = 0; warnings.mode != CLI_WARN_QUIET && i < warnings.order->len; i++) {
    const char *kind = warnings.order->pdata[i];
    guint n = GPOINTER_TO_UINT (g_hash_table_lookup (warnings.kinds, kind));
    if (n <= CLI_WARN_REPEATS)
      continue;
    g_autofree char *more = grouped (n - CLI_WARN_REPEATS);
    fprintf (stderr, "prensa: warning: … and %s more like “%s”\n", more,
             (const char *) g_hash_table_lookup (warnings.examples, kind));
  }
  g_clear_pointer (&warnings.kinds, g_hash_table_unref);
  g_clear_pointer (&warnings.examples, g_hash_table_unref);
  g_clear_pointer (&warnings.order, g_ptr_array_unref);
}
