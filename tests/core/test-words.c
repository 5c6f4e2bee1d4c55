/* test-words.c: prensa_word() and prensa_date_spell().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <prensa/prensa.h>

static void
test_words_languages (void)
{
  g_assert_cmpstr (prensa_word ("en", PRENSA_WORD_TALKS_TO), ==, "talks to");
  g_assert_cmpstr (prensa_word ("es", PRENSA_WORD_TALKS_TO), ==, "conversa con");
  g_assert_cmpstr (prensa_word ("fr", PRENSA_WORD_CONTENTS), ==, "Table des matières");
  g_assert_cmpstr (prensa_word ("de", PRENSA_WORD_BY), ==, "Von");
  g_assert_cmpstr (prensa_word ("it", PRENSA_WORD_AND), ==, "e");
  g_assert_cmpstr (prensa_word ("pt", PRENSA_WORD_UNTITLED), ==, "Sem título");
  /* Regions, underscores and case do not matter; the first subtag does. */
  g_assert_cmpstr (prensa_word ("es-MX", PRENSA_WORD_BY), ==, "Por");
  g_assert_cmpstr (prensa_word ("PT_br", PRENSA_WORD_TALK_TO), ==, "conversam com");
  /* No language, or one without words here, is English. */
  g_assert_cmpstr (prensa_word (NULL, PRENSA_WORD_COVER), ==, "Cover");
  g_assert_cmpstr (prensa_word ("", PRENSA_WORD_START), ==, "Start of content");
  g_assert_cmpstr (prensa_word ("sw", PRENSA_WORD_TITLE_PAGE), ==, "Title page");
  g_assert_cmpstr (prensa_word ("esp", PRENSA_WORD_SECTION), ==, "Section");
  /* Every word has every language. */
  for (int w = 0; w < PRENSA_N_WORDS; w++)
    for (const char *const *l = (const char *const[]) { "en", "es", "fr", "de", "it", "pt", NULL }; *l; l++)
      g_assert_cmpuint (strlen (prensa_word (*l, (PrensaWord) w)), >, 0);
}

static void
check_date (const char *lang, const char *date, const char *expected)
{
  g_autofree char *spelled = prensa_date_spell (lang, date);

  g_assert_cmpstr (spelled, ==, expected);
}

static void
test_words_dates (void)
{
  check_date (NULL, "2018-07-17", "July 17, 2018");
  check_date ("en-US", "2018-07-17", "July 17, 2018");
  check_date ("en-GB", "2018-07-17", "17 July 2018");
  check_date ("en", "2018-07-17", "17 July 2018");
  check_date ("es", "2018-07-17", "17 de julio de 2018");
  check_date ("pt-BR", "2024-03-05", "5 de março de 2024");
  check_date ("fr", "2018-07-17", "17 juillet 2018");
  check_date ("fr", "2019-05-01", "1er mai 2019");
  check_date ("de", "2018-07-17", "17. Juli 2018");
  check_date ("it", "2018-02-28", "28 febbraio 2018");
  /* A language without month names here keeps the date as written. */
  check_date ("sw", "2018-07-17", "2018-07-17");
  /* Not a real YYYY-MM-DD date: NULL, for the writer to show as written. */
  check_date ("en", "2018-02-30", NULL);
  check_date ("en", "2018-7-17", NULL);
  check_date ("en", "17 July 2018", NULL);
  check_date ("en", "2018-07-17x", NULL);
  check_date ("en", "+018-07-17", NULL);
  check_date ("en", "", NULL);
}

static void
test_paper (void)
{
  PrensaPaper p;
  g_assert_true (prensa_paper_parse ("a5", &p));
  g_assert_cmpstr (p.name, ==, "A5");
  g_assert_cmpfloat_with_epsilon (p.width, 148 * 72 / 25.4, 0.01);
  g_assert_true (prensa_paper_parse (" US-Letter ", &p) && p.us && p.height == 792);
  g_assert_true (prensa_paper_parse ("ledger", &p) && strcmp (p.name, "Tabloid") == 0);
  g_assert_true (prensa_paper_parse ("Legal landscape", &p) && p.landscape && p.width == 1008);
  g_assert_true (prensa_paper_parse ("6x9in", &p) && p.name == NULL && p.width == 432 && p.us);
  g_assert_true (prensa_paper_parse ("15cm x 22cm", &p) && !p.us);
  g_assert_true (prensa_paper_parse ("400ptx600pt", &p) && p.width == 400 && p.height == 600);
  g_assert_true (prensa_paper_parse ("5.5inx8.5in", &p) && p.width == 396);
  const char *bad[] = { "", "quarto", "A6", "6x", "x9in", "6x9", "0x9in", "1x1mm", "200x200in",
                        "6x9 furlongs", "a4 sideways", "6x9in landscape extra" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (prensa_paper_parse (bad[i], &p));
  g_assert_false (prensa_paper_parse (NULL, &p));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/words/languages", test_words_languages);
  g_test_add_func ("/words/dates", test_words_dates);
  g_test_add_func ("/words/paper", test_paper);
  return g_test_run ();
}
