/* test-options.c: writer options and their typed getters.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

#include "test-util.h"

static const PrensaOptionSpec specs[] = {
  { "wrap", "72", "Columns" },
  { "toc", "false", "Table of contents" },
  { "size", "a4", "Page size" },
  { "css", NULL, "Stylesheet" },
  { NULL }
};

static const PrensaWriter writer = { PRENSA_PLUGIN_ABI, "demo", "Demo", "d", "text/plain", specs, NULL, PRENSA_MODEL, { NULL } };

static void
test_defaults_and_set (void)
{
  g_autoptr (PrensaOptions) o = prensa_options_new (&writer);
  g_assert_cmpstr (prensa_options_get (o, "wrap"), ==, "72");
  g_assert_null (prensa_options_get (o, "css"));
  g_assert_true (prensa_options_set (o, "css", "x.css", NULL));
  g_assert_cmpstr (prensa_options_get (o, "css"), ==, "x.css");
  g_assert_true (prensa_options_set (o, "toc", NULL, NULL)); /* bare -O toc */
  gboolean toc = FALSE;
  g_assert_true (prensa_options_get_boolean (o, "toc", &toc, NULL));
  g_assert_true (toc);
}

static void
test_unknown (void)
{
  g_autoptr (PrensaOptions) o = prensa_options_new (&writer);
  g_autoptr (GError) error = NULL;
  g_assert_false (prensa_options_set (o, "warp", "1", &error));
  g_assert_error (error, PRENSA_OPTION_ERROR, PRENSA_OPTION_ERROR_UNKNOWN);
  g_assert_cmpstr (error->message, ==, "format 'demo' has no option 'warp' (valid: wrap, toc, size, css)");
}

static void
test_typed (void)
{
  g_autoptr (PrensaOptions) o = prensa_options_new (&writer);
  g_autoptr (GError) error = NULL;
  gint64 n = 0;
  g_assert_true (prensa_options_get_int (o, "wrap", 0, 1000, &n, NULL));
  g_assert_cmpint (n, ==, 72);
  prensa_options_set (o, "wrap", "-3", NULL);
  g_assert_false (prensa_options_get_int (o, "wrap", 0, 1000, &n, &error));
  g_assert_error (error, PRENSA_OPTION_ERROR, PRENSA_OPTION_ERROR_INVALID);
  g_clear_error (&error);
  prensa_options_set (o, "wrap", "12abc", NULL);
  g_assert_false (prensa_options_get_int (o, "wrap", 0, 1000, &n, NULL));

  gboolean b = TRUE;
  prensa_options_set (o, "toc", "No", NULL);
  g_assert_true (prensa_options_get_boolean (o, "toc", &b, NULL));
  g_assert_false (b);
  prensa_options_set (o, "toc", "maybe", NULL);
  g_assert_false (prensa_options_get_boolean (o, "toc", &b, &error));
  g_assert_nonnull (strstr (error->message, "'maybe' is not a boolean"));
  g_clear_error (&error);

  /* strictly decimal: what strtoll or strtod would also have taken */
  static const char *const bad_ints[] = { "0x10", " 3", "3 ", "+3", "", "1e2", "12abc", "٣", NULL };
  for (guint i = 0; bad_ints[i]; i++) {
    prensa_options_set (o, "wrap", bad_ints[i], NULL);
    g_assert_false (prensa_options_get_int (o, "wrap", -1000, 1000, &n, &error));
    g_assert_nonnull (strstr (error->message, "option 'wrap'"));
    g_clear_error (&error);
  }
  prensa_options_set (o, "wrap", "-12", NULL);
  g_assert_true (prensa_options_get_int (o, "wrap", -1000, 1000, &n, NULL));
  g_assert_cmpint (n, ==, -12);
  static const char *const bad_bools[] = { "on", "off", "2", "tru", " true", "", NULL };
  for (guint i = 0; bad_bools[i]; i++) {
    prensa_options_set (o, "toc", bad_bools[i], NULL);
    g_assert_false (prensa_options_get_boolean (o, "toc", &b, &error));
    g_assert_nonnull (strstr (error->message, "option 'toc'"));
    g_clear_error (&error);
  }
  double x = 0;
  static const char *const bad_numbers[] = { "0x10", " 11", "11 ", "+11", "1e1", "inf", "nan",
                                             "11.", "1.2.3", "-5", "", ".", NULL };
  for (guint i = 0; bad_numbers[i]; i++) {
    prensa_options_set (o, "wrap", bad_numbers[i], NULL);
    g_assert_false (prensa_options_get_number (o, "wrap", 4, 72, &x, &error));
    g_assert_nonnull (strstr (error->message, "option 'wrap'"));
    g_clear_error (&error);
  }
  prensa_options_set (o, "wrap", "10.5", NULL);
  g_assert_true (prensa_options_get_number (o, "wrap", 4, 72, &x, NULL));
  g_assert_cmpfloat (x, ==, 10.5);
  prensa_options_set (o, "wrap", "80", NULL);
  g_assert_false (prensa_options_get_number (o, "wrap", 4, 72, &x, NULL));

  static const char *const sizes[] = { "a4", "letter", NULL };
  guint idx = 9;
  g_assert_true (prensa_options_get_choice (o, "size", sizes, &idx, NULL));
  g_assert_cmpuint (idx, ==, 0);
  prensa_options_set (o, "size", "LETTER", NULL);
  g_assert_true (prensa_options_get_choice (o, "size", sizes, &idx, NULL));
  g_assert_cmpuint (idx, ==, 1);
  prensa_options_set (o, "size", "a5", NULL);
  g_assert_false (prensa_options_get_choice (o, "size", sizes, &idx, &error));
  g_assert_nonnull (strstr (error->message, "one of a4, letter"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/options/defaults-and-set", test_defaults_and_set);
  g_test_add_func ("/options/unknown", test_unknown);
  g_test_add_func ("/options/typed", test_typed);
  return g_test_run ();
}
