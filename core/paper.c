/* paper.c: one reading of a paper size for every print writer (the
 * "papersize" metadata, the writers' page-size option).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "prensa-private.h"

#define MM (72.0 / 25.4)

static const struct {
  const char *name;
  const char *aliases;  /* other spellings, space-separated */
  double width, height;
  gboolean us;
} sizes[] = {
  { "A3", "", 297 * MM, 420 * MM, FALSE },
  { "A4", "", 210 * MM, 297 * MM, FALSE },
  { "A5", "", 148 * MM, 210 * MM, FALSE },
  { "B4", "", 250 * MM, 353 * MM, FALSE },
  { "B5", "", 176 * MM, 250 * MM, FALSE },
  { "Letter", "us-letter usletter", 8.5 * 72, 11 * 72, TRUE },
  { "Legal", "us-legal", 8.5 * 72, 14 * 72, TRUE },
  { "Tabloid", "ledger", 11 * 72, 17 * 72, TRUE },
};

/* A length such as "148mm", "6in", "2.5cm", "54pt" at @p (a bare number
 * takes @unit, the other length's, or fails when none): points, or -1. */
static double
length_at (const char **p, const char *unit)
{
  char *end = NULL;
  /* plain decimals only: strtod would take a sign, space, "0x" or "inf" */
  gsize digits = strspn (*p, "0123456789.");
  const char *point = memchr (*p, '.', digits);
  if (digits == 0 || (point && memchr (point + 1, '.', digits - (gsize) (point + 1 - *p))))
    return -1;
  double v = g_ascii_strtod (*p, &end);
  if (end != *p + digits || !(v > 0) || v > 1e5)
    return -1;
  const char *u = end;
  gsize ul = 0;
  static const char *const units[] = { "mm", "cm", "in", "pt" };
  for (guint i = 0; i < G_N_ELEMENTS (units) && ul == 0; i++)
    if (g_ascii_strncasecmp (end, units[i], 2) == 0)
      ul = 2;
  end += ul;
  if (ul == 0 && unit)
    u = unit, ul = strlen (unit);
  *p = end;
  if (ul == 2 && g_ascii_strncasecmp (u, "mm", 2) == 0)
    return v * MM;
  if (ul == 2 && g_ascii_strncasecmp (u, "cm", 2) == 0)
    return v * 10 * MM;
  if (ul == 2 && g_ascii_strncasecmp (u, "in", 2) == 0)
    return v * 72;
  if (ul == 2 && g_ascii_strncasecmp (u, "pt", 2) == 0)
    return v;
  return -1;
}

/* The unit written after the last number of @s, or NULL. */
static const char *
last_unit (const char *s, char *buf)
{
  gsize n = strlen (s);
  if (n >= 2 && g_ascii_isalpha (s[n - 1]) && g_ascii_isalpha (s[n - 2])) {
    buf[0] = s[n - 2], buf[1] = s[n - 1], buf[2] = '\0';
    return buf;
  }
  return NULL;
}

static gboolean
parse_dimensions (const char *s, PrensaPaper *paper)
{
  char unit[3];
  const char *u = last_unit (s, unit);
  const char *p = s;
  double w = length_at (&p, u);
  while (*p == ' ')
    p++;
  if (w < 0 || (*p != 'x' && *p != 'X' && strncmp (p, "\xC3\x97", 2) != 0))
    return FALSE;
  p += *p == 'x' || *p == 'X' ? 1 : 2;
  while (*p == ' ')
    p++;
  double h = length_at (&p, u);
  if (h < 0 || *p != '\0' || w < 72 || h < 72 || w > 100 * 72 || h > 100 * 72)
    return FALSE;
  paper->name = NULL;
  paper->width = w;
  paper->height = h;
  paper->us = u && g_ascii_strcasecmp (u, "in") == 0;
  return TRUE;
}

static gboolean
named (const char *word, gsize len, const char *name, const char *aliases)
{
  if (strlen (name) == len && g_ascii_strncasecmp (word, name, len) == 0)
    return TRUE;
  g_auto (GStrv) list = g_strsplit (aliases, " ", -1);
  for (guint i = 0; list[i]; i++)
    if (*list[i] && strlen (list[i]) == len && g_ascii_strncasecmp (word, list[i], len) == 0)
      return TRUE;
  return FALSE;
}

gboolean
prensa_paper_parse (const char *text, PrensaPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  g_autofree char *s = g_strstrip (g_strdup (text));
  gboolean landscape = FALSE;
  gsize n = strlen (s);
  static const char *const turns[] = { " landscape", " portrait" };
  for (guint t = 0; t < 2; t++) {
    gsize k = strlen (turns[t]);
    if (n > k && g_ascii_strcasecmp (s + n - k, turns[t]) == 0) {
      landscape = t == 0;
      s[n - k] = '\0';
      g_strchomp (s);
      n = strlen (s);
      break;
    }
  }
  gboolean ok = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sizes) && !ok; i++)
    if (named (s, n, sizes[i].name, sizes[i].aliases)) {
      paper->name = sizes[i].name;
      paper->width = sizes[i].width;
      paper->height = sizes[i].height;
      paper->us = sizes[i].us;
      ok = TRUE;
    }
  if (!ok && !parse_dimensions (s, paper))
    return FALSE;
  if (landscape && paper->width < paper->height) {
    double w = paper->width;
    paper->width = paper->height;
    paper->height = w;
  }
  paper->landscape = paper->width > paper->height;
  return TRUE;
}

void
prensa_document_find_paper (PrensaDocument *doc)
{
  const char *text = prensa_value_lookup_string (doc->meta, "papersize");
  doc->paper_given = FALSE;
  if (text && *text && prensa_paper_parse (text, &doc->paper)) {
    doc->paper_given = TRUE;
    return;
  }
  if (text && *text)
    prensa_warning ("papersize \"%s\" is not a paper size (%s); using A4", text,
                    PRENSA_PAPER_SIZES);
  prensa_paper_parse ("A4", &doc->paper);
}

const PrensaPaper *
prensa_document_get_paper (const PrensaDocument *document, gboolean *given)
{
  g_return_val_if_fail (document != NULL, NULL);
  if (given)
    *given = document->paper_given;
  return &document->paper;
}
