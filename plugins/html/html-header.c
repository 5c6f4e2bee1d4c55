/* html-header.c: an article's <header> (headline, subtitle, byline,
 * date) made from metadata and the speakers of its turns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

#include <string.h>

/* Speakers with @role who have a turn in @part, in order of first turn. */
static GPtrArray *
part_speakers (const PrensaNode *part, PrensaRole role)
{
  GPtrArray *found = g_ptr_array_new ();

  for (const PrensaNode *n = prensa_node_first_child (part); n != NULL;
       n = prensa_node_next (n))
    {
      const PrensaSpeaker *s = prensa_node_get_speaker (n);

      if (prensa_node_get_node_type (n) == PRENSA_NODE_TURN &&
          prensa_speaker_get_role (s) == role &&
          !g_ptr_array_find (found, s, NULL))
        g_ptr_array_add (found, (gpointer) s);
    }
  return found;
}

/* "A", "A and B", "A, B and C", each in a span of @klass. */
static void
write_names (GString *out, const char *const *names, guint n,
             const char *klass, const char *lang)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && i + 1 == n)
        g_string_append_printf (out, " %s ", prensa_word (lang, PRENSA_WORD_AND));
      else if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "<span class=\"%s\">", klass);
      html_escape (out, names[i], -1);
      g_string_append (out, "</span>");
    }
}

static const char **
speaker_names (GPtrArray *speakers)
{
  const char **names = g_new0 (const char *, speakers->len + 1);

  for (guint i = 0; i < speakers->len; i++)
    {
      const PrensaSpeaker *s = g_ptr_array_index (speakers, i);
      const char *name = prensa_speaker_get_name (s);
      names[i] = name != NULL ? name : prensa_speaker_get_id (s);
    }
  return names;
}

/* "Sarah Jaffe talks to Cata Santiago" for an interview (the authors stand
 * in for missing interviewers), "By …" for anything else, in the words of
 * @lang (prensa_word). */
static void
write_byline (GString *out, const PrensaValue *meta, const PrensaNode *part,
              const char *lang)
{
  g_autoptr (GPtrArray) askers = part_speakers (part, PRENSA_ROLE_INTERVIEWER);
  g_autoptr (GPtrArray) guests = part_speakers (part, PRENSA_ROLE_INTERVIEWEE);
  g_auto (GStrv) authors = meta ? prensa_value_dup_strv (meta)
                                : g_new0 (char *, 1);
  g_autofree const char **asker_names = speaker_names (askers);
  g_autofree const char **guest_names = speaker_names (guests);
  guint n_authors = g_strv_length (authors);

  if (guests->len > 0 && (askers->len > 0 || n_authors > 0))
    {
      g_string_append (out, "<p class=\"byline\">");
      if (askers->len > 0)
        write_names (out, asker_names, askers->len, "interviewer", lang);
      else
        write_names (out, (const char *const *) authors, n_authors, "interviewer", lang);
      g_string_append_printf (out, " %s ",
                              prensa_word (lang, askers->len > 1 || (askers->len == 0 && n_authors > 1)
                                                 ? PRENSA_WORD_TALK_TO : PRENSA_WORD_TALKS_TO));
      write_names (out, guest_names, guests->len, "interviewee", lang);
      g_string_append (out, "</p>\n");
    }
  else if (n_authors > 0)
    {
      g_string_append_printf (out, "<p class=\"byline\">%s ", prensa_word (lang, PRENSA_WORD_BY));
      write_names (out, (const char *const *) authors, n_authors, "author", lang);
      g_string_append (out, "</p>\n");
    }
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
      html_escape (out, date, -1);
      g_string_append (out, "</p>\n");
      return;
    }
  g_string_append_printf (out, "<time datetime=\"%s\">", date);
  html_escape (out, spelled, -1);
  g_string_append (out, "</time></p>\n");
}

static void
write_line (GString *out, const char *tag, const char *klass, const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  g_string_append_printf (out, "<%s class=\"%s\">", tag, klass);
  html_escape (out, text, -1);
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
  write_byline (w->out, prensa_value_lookup (meta, "author"), part, lang);
  if (date != NULL && date[0] != '\0')
    write_date (w->out, date, lang);
  g_string_append (w->out, "</header>\n");
}
