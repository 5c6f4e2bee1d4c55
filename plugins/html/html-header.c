/* html-header.c: an article's <header> (headline, subtitle, byline,
 * date) made from metadata and the speakers of its turns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

#include <string.h>

/* "A", "A and B", "A, B and C", each in a span of @klass. */
static void
write_names (GString *out, const char *const *names, guint n,
             const char *klass, const char *lang)
{
  for (guint i = 0; i < n; i++)
    {
      prensa_names_append_separator (out, lang, i, n);
      g_string_append_printf (out, "<span class=\"%s\">", klass);
      prensa_xml_escape (out, names[i], -1, TRUE);
      g_string_append (out, "</span>");
    }
}

/* "Sarah Jaffe talks to Cata Santiago" for an interview (the authors stand
 * in for missing interviewers), "By …" for anything else, in the words of
 * @lang (prensa_part_byline, prensa_word). */
static void
write_byline (GString *out, const PrensaValue *meta, const PrensaNode *part,
              const char *lang)
{
  g_auto (GStrv) before = NULL;
  g_auto (GStrv) after = NULL;
  PrensaWord word;

  if (!prensa_part_byline (part, meta, &before, &word, &after))
    return;
  g_string_append (out, "<p class=\"byline\">");
  if (before)
    {
      write_names (out, (const char *const *) before, g_strv_length (before),
                   "interviewer", lang);
      g_string_append_printf (out, " %s ", prensa_word (lang, word));
      write_names (out, (const char *const *) after, g_strv_length (after),
                   "interviewee", lang);
    }
  else
    {
      g_string_append_printf (out, "%s ", prensa_word (lang, word));
      write_names (out, (const char *const *) after, g_strv_length (after),
                   "author", lang);
    }
  g_string_append (out, "</p>\n");

  /* Authors who are not in the conversation get a line of their own. */
  g_auto (GStrv) others = prensa_part_dup_other_authors (part, meta);
  if (others[0] == NULL)
    return;
  g_string_append_printf (out, "<p class=\"byline\">%s ", prensa_word (lang, PRENSA_WORD_BY));
  write_names (out, (const char *const *) others, g_strv_length (others), "author", lang);
  g_string_append (out, "</p>\n");
}

/* A date written as YYYY-MM-DD is spelled out in the document's language
 * (prensa_date_spell) and marked up with <time>; any other date is shown
 * as written. */
static void
write_date (GString *out, const char *date, const char *lang)
{
  g_autofree char *spelled = prensa_date_spell (lang, date);

  g_string_append (out, "<p class=\"dateline\">");
  if (spelled == NULL)
    {
      prensa_xml_escape (out, date, -1, TRUE);
      g_string_append (out, "</p>\n");
      return;
    }
  g_string_append_printf (out, "<time datetime=\"%s\">", date);
  prensa_xml_escape (out, spelled, -1, TRUE);
  g_string_append (out, "</time></p>\n");
}

static void
write_line (GString *out, const char *tag, const char *klass, const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  g_string_append_printf (out, "<%s class=\"%s\">", tag, klass);
  prensa_xml_escape (out, text, -1, TRUE);
  g_string_append_printf (out, "</%s>\n", tag);
}

gboolean
html_has_header (const PrensaValue *meta)
{
  const char *title = prensa_value_lookup_string (meta, "title");

  /* A blank title would make an empty headline. */
  while (title != NULL && g_ascii_isspace (*title))
    title++;
  return title != NULL && title[0] != '\0';
}

void
html_write_header (HtmlWriter *w, const PrensaValue *meta,
                   const PrensaNode *part)
{
  const char *date = prensa_value_lookup_string (meta, "date");
  const char *lang = prensa_value_lookup_string (meta, "lang");

  if (!html_has_header (meta))
    return;
  g_string_append (w->out, "<header>\n");
  write_line (w->out, "h1", "title", prensa_value_lookup_string (meta, "title"));
  write_line (w->out, "p", "subtitle",
              prensa_value_lookup_string (meta, "subtitle"));
  write_byline (w->out, meta, part, lang);
  if (date != NULL && date[0] != '\0')
    write_date (w->out, date, lang);
  g_string_append (w->out, "</header>\n");
}
