/* words.c: the few words writers put on the page themselves, and dates
 * spelled out, in the document's language.
 *
 * English, Spanish, French, German, Italian and Portuguese; any other
 * language gets English words and dates as written (YYYY-MM-DD), which
 * every reader can parse, rather than month names in the wrong language.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "prensa/prensa-node.h"
#include "prensa/prensa-util.h"

typedef enum { LANG_EN, LANG_ES, LANG_FR, LANG_DE, LANG_IT, LANG_PT, N_LANGS, LANG_OTHER } Lang;

static const char *const codes[N_LANGS] = { "en", "es", "fr", "de", "it", "pt" };

static const char *const words[PRENSA_N_WORDS][N_LANGS] = {
  [PRENSA_WORD_BY] = { "By", "Por", "Par", "Von", "Di", "Por" },
  [PRENSA_WORD_AND] = { "and", "y", "et", "und", "e", "e" },
  [PRENSA_WORD_TALKS_TO] = { "talks to", "conversa con", "s’entretient avec",
                             "spricht mit", "parla con", "conversa com" },
  [PRENSA_WORD_TALK_TO] = { "talk to", "conversan con", "s’entretiennent avec",
                            "sprechen mit", "parlano con", "conversam com" },
  [PRENSA_WORD_CONTENTS] = { "Contents", "Índice", "Table des matières",
                             "Inhalt", "Indice", "Sumário" },
  [PRENSA_WORD_COVER] = { "Cover", "Cubierta", "Couverture", "Umschlag",
                          "Copertina", "Capa" },
  [PRENSA_WORD_TITLE_PAGE] = { "Title page", "Portada", "Page de titre",
                               "Titelseite", "Frontespizio", "Folha de rosto" },
  [PRENSA_WORD_START] = { "Start of content", "Inicio del contenido",
                          "Début du contenu", "Beginn des Inhalts",
                          "Inizio del contenuto", "Início do conteúdo" },
  [PRENSA_WORD_SECTION] = { "Section", "Sección", "Section", "Abschnitt",
                            "Sezione", "Seção" },
  [PRENSA_WORD_UNTITLED] = { "Untitled", "Sin título", "Sans titre",
                             "Ohne Titel", "Senza titolo", "Sem título" },
  [PRENSA_WORD_NOTES] = { "Notes", "Notas", "Notes", "Anmerkungen", "Note", "Notas" },
  [PRENSA_WORD_TABLE] = { "Table", "Tabla", "Tableau", "Tabelle", "Tabella", "Tabela" },
  [PRENSA_WORD_BACK_TO_TEXT] = { "Back to text", "Volver al texto", "Retour au texte",
                                 "Zurück zum Text", "Torna al testo", "Voltar ao texto" },
  [PRENSA_WORD_SEE] = { "see", "véase", "voir", "siehe", "vedi", "ver" },
  [PRENSA_WORD_PART] = { "part", "la parte", "la partie", "Teil", "la parte", "a parte" },
  [PRENSA_WORD_IN_PART] = { "in part", "en la parte", "dans la partie", "im Teil",
                            "nella parte", "na parte" },
};

static const char *const months[N_LANGS][12] = {
  { "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December" },
  { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
  { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre" },
  { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
    "August", "September", "Oktober", "November", "Dezember" },
  { "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
    "agosto", "settembre", "ottobre", "novembre", "dicembre" },
  { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
    "agosto", "setembro", "outubro", "novembro", "dezembro" },
};

/* The language of a BCP 47 tag ("es", "es-MX", "pt_BR"), by its first
 * subtag; NULL and "" are English. */
static Lang
lang_of (const char *tag)
{
  gsize n = 0;

  if (tag == NULL || *tag == '\0')
    return LANG_EN;
  while (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_')
    n++;
  for (guint i = 0; i < N_LANGS; i++)
    if (n == 2 && g_ascii_strncasecmp (tag, codes[i], 2) == 0)
      return (Lang) i;
  return LANG_OTHER;
}

const char *
prensa_word (const char *lang, PrensaWord word)
{
  Lang l = lang_of (lang);

  g_return_val_if_fail (word < PRENSA_N_WORDS, "");
  return words[word][l == LANG_OTHER ? LANG_EN : l];
}

char *
prensa_date_spell (const char *lang, const char *date)
{
  int n[3] = { 0, 0, 0 }, y, m, d;
  Lang l = lang_of (lang);

  g_return_val_if_fail (date != NULL, NULL);
  /* Exactly dddd-dd-dd, read as it is checked. */
  for (guint i = 0, field = 0; i < 11; i++)
    {
      if (i == 10)
        {
          if (date[i] != '\0')
            return NULL;
        }
      else if (i == 4 || i == 7)
        {
          if (date[i] != '-')
            return NULL;
          field++;
        }
      else if (g_ascii_isdigit (date[i]))
        n[field] = n[field] * 10 + (date[i] - '0');
      else
        return NULL;
    }
  y = n[0], m = n[1], d = n[2];
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  switch (l)
    {
    case LANG_EN:
      /* US English (and no language at all) puts the month first. */
      if (lang == NULL || *lang == '\0' || g_ascii_strcasecmp (lang, "en-US") == 0)
        return g_strdup_printf ("%s %d, %d", months[l][m - 1], d, y);
      return g_strdup_printf ("%d %s %d", d, months[l][m - 1], y);
    case LANG_ES:
    case LANG_PT:
      return g_strdup_printf ("%d de %s de %d", d, months[l][m - 1], y);
    case LANG_FR:
      return g_strdup_printf (d == 1 ? "%der %s %d" : "%d %s %d", d, months[l][m - 1], y);
    case LANG_DE:
      return g_strdup_printf ("%d. %s %d", d, months[l][m - 1], y);
    case LANG_IT:
      return g_strdup_printf ("%d %s %d", d, months[l][m - 1], y);
    case N_LANGS:
    case LANG_OTHER:
    default:
      return g_strdup (date);
    }
}

void
prensa_names_append_separator (GString *out, const char *lang, guint i, guint n)
{
  if (i == 0 || i >= n)
    return;
  if (i + 1 < n)
    g_string_append (out, ", ");
  else
    g_string_append_printf (out, " %s ", prensa_word (lang, PRENSA_WORD_AND));
}

char *
prensa_names_join (const char *lang, const char *const *names)
{
  GString *out = g_string_new (NULL);
  guint n = names ? g_strv_length ((char **) names) : 0;

  for (guint i = 0; i < n; i++)
    {
      prensa_names_append_separator (out, lang, i, n);
      g_string_append (out, names[i]);
    }
  return g_string_free (out, FALSE);
}

/* The names of the speakers with @role who have a turn in @part, in order
 * of first turn. */
static char **
turn_speakers (const PrensaNode *part, PrensaRole role)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GPtrArray *names = g_ptr_array_new ();

  for (const PrensaNode *n = prensa_node_first_child (part); n; n = prensa_node_next (n))
    {
      const PrensaSpeaker *s = prensa_node_get_speaker (n);
      const char *name;

      if (prensa_node_get_node_type (n) != PRENSA_NODE_TURN
          || prensa_speaker_get_role (s) != role || g_ptr_array_find (seen, s, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) s);
      name = prensa_speaker_get_name (s);
      g_ptr_array_add (names, g_strdup (name && *name ? name : prensa_speaker_get_id (s)));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

gboolean
prensa_part_byline (const PrensaNode *part, const PrensaValue *meta,
                    char ***before, PrensaWord *word, char ***after)
{
  const PrensaValue *author = meta ? prensa_value_lookup (meta, "author") : NULL;
  g_auto(GStrv) authors = author ? prensa_value_dup_strv (author) : g_new0 (char *, 1);
  g_auto(GStrv) askers = NULL;
  g_auto(GStrv) guests = NULL;
  guint n_askers, n_authors = g_strv_length (authors);

  g_return_val_if_fail (part != NULL && before != NULL && word != NULL && after != NULL, FALSE);
  askers = turn_speakers (part, PRENSA_ROLE_INTERVIEWER);
  guests = turn_speakers (part, PRENSA_ROLE_INTERVIEWEE);
  n_askers = g_strv_length (askers);
  if (guests[0] && (n_askers > 0 || n_authors > 0))
    {
      gboolean plural = n_askers > 1 || (n_askers == 0 && n_authors > 1);

      *before = n_askers > 0 ? g_steal_pointer (&askers) : g_steal_pointer (&authors);
      *word = plural ? PRENSA_WORD_TALK_TO : PRENSA_WORD_TALKS_TO;
      *after = g_steal_pointer (&guests);
      return TRUE;
    }
  if (n_authors == 0)
    return FALSE;
  *before = NULL;
  *word = PRENSA_WORD_BY;
  *after = g_steal_pointer (&authors);
  return TRUE;
}

char *
prensa_part_dup_byline (const PrensaNode *part, const PrensaValue *meta, const char *lang)
{
  g_auto (GStrv) before = NULL;
  g_auto (GStrv) after = NULL;
  PrensaWord word;

  g_return_val_if_fail (part != NULL, NULL);
  if (!prensa_part_byline (part, meta, &before, &word, &after))
    return NULL;
  g_autofree char *last = prensa_names_join (lang, (const char *const *) after);
  if (!before)
    return g_strconcat (prensa_word (lang, word), " ", last, NULL);
  g_autofree char *first = prensa_names_join (lang, (const char *const *) before);
  return g_strconcat (first, " ", prensa_word (lang, word), " ", last, NULL);
}

char **
prensa_part_dup_other_authors (const PrensaNode *part, const PrensaValue *meta)
{
  g_auto (GStrv) before = NULL;
  g_auto (GStrv) after = NULL;
  PrensaWord word;
  GPtrArray *others = g_ptr_array_new ();

  g_return_val_if_fail (part != NULL, NULL);
  const PrensaValue *author = meta ? prensa_value_lookup (meta, "author") : NULL;
  g_auto (GStrv) authors = author ? prensa_value_dup_strv (author) : NULL;
  if (authors && prensa_part_byline (part, meta, &before, &word, &after) && word != PRENSA_WORD_BY)
    for (guint i = 0; authors[i]; i++) {
      g_autofree char *a = g_utf8_casefold (authors[i], -1);
      gboolean named = FALSE;
      char **lists[] = { before, after };
      for (guint l = 0; l < 2 && !named; l++)
        for (guint k = 0; lists[l] && lists[l][k] && !named; k++) {
          g_autofree char *n = g_utf8_casefold (lists[l][k], -1);
          named = strcmp (a, n) == 0;
        }
      if (!named && *g_strstrip (a) != '\0')
        g_ptr_array_add (others, g_strdup (authors[i]));
    }
  g_ptr_array_add (others, NULL);
  return (char **) g_ptr_array_free (others, FALSE);
}

char *
prensa_part_dup_other_byline (const PrensaNode *part, const PrensaValue *meta, const char *lang)
{
  g_return_val_if_fail (part != NULL, NULL);
  g_auto (GStrv) others = prensa_part_dup_other_authors (part, meta);
  if (others[0] == NULL)
    return NULL;
  g_autofree char *names = prensa_names_join (lang, (const char *const *) others);
  return g_strconcat (prensa_word (lang, PRENSA_WORD_BY), " ", names, NULL);
}
