/* test-registry.c: the plugin host accepts good modules and skips broken
 * ones with exactly one warning each.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <glib/gstdio.h>
#include <prensa/prensa-registry.h>

#include "test-util.h"

static GPtrArray *warnings;

static void
collect (const char *message, gpointer data)
{
  g_ptr_array_add (warnings, g_strdup (message));
}

/* A fresh folder holding copies of the named test modules. */
static char *
plugin_dir (const char *const *names)
{
  char *dir = g_dir_make_tmp ("prensa-plugins-XXXXXX", NULL);
  for (guint i = 0; names[i]; i++) {
    g_autofree char *file = g_strdup_printf ("%s.%s", names[i], G_MODULE_SUFFIX);
    g_autofree char *from = g_build_filename (g_getenv ("BROKEN_PLUGIN_DIR"), file, NULL);
    g_autofree char *to = g_build_filename (dir, file, NULL);
    g_autofree char *data = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (from, &data, &len, NULL));
    g_assert_true (g_file_set_contents (to, data, (gssize) len, NULL));
  }
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (d))) {
    g_autofree char *p = g_build_filename (dir, name, NULL);
    g_unlink (p);
  }
  g_rmdir (dir);
}

static PrensaRegistry *
scan (const char *const *dirs)
{
  PrensaRegistry *r = prensa_registry_new ();
  for (guint i = 0; dirs[i]; i++)
    prensa_registry_add_path (r, dirs[i]);
  g_ptr_array_set_size (warnings, 0);
  prensa_registry_scan (r);
  return r;
}

static void
assert_refused (const char *name, const char *reason)
{
  const char *names[] = { "good", name, NULL };
  g_autofree char *dir = plugin_dir (names);
  const char *dirs[] = { dir, NULL };
  g_autoptr (PrensaRegistry) r = scan (dirs);
  g_assert_cmpuint (prensa_registry_get_n_writers (r), ==, 1);
  g_assert_nonnull (prensa_registry_lookup (r, "good"));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_autofree char *file = g_strdup_printf ("%s/%s.%s", dir, name, G_MODULE_SUFFIX);
  const char *w = warnings->pdata[0];
  if (!g_str_has_prefix (w, file) || strstr (w, reason) == NULL)
    g_error ("warning '%s' should name %s and say '%s'", w, file, reason);
  remove_dir (dir);
}

static void
test_good (void)
{
  const char *names[] = { "good", NULL };
  g_autofree char *dir = plugin_dir (names);
  const char *dirs[] = { dir, NULL };
  g_autoptr (PrensaRegistry) r = scan (dirs);
  g_assert_cmpuint (warnings->len, ==, 0);
  const PrensaWriter *w = prensa_registry_lookup_extension (r, "GOOD");
  g_assert_nonnull (w);
  g_assert_cmpstr (w->description, ==, "A test writer");
  g_assert_true (g_str_has_prefix (prensa_registry_get_writer_path (r, w), dir));
  g_autoptr (PrensaOutput) out = prensa_output_new_memory ();
  g_assert_true (w->write (NULL, NULL, out, NULL));
  remove_dir (dir);
}

static void
test_no_symbol (void)
{
  assert_refused ("nosymbol", "no 'prensa_writer', 'prensa_reader' or 'prensa_filter' symbol");
}

static void
test_wrong_abi (void)
{
  g_autofree char *reason = g_strdup_printf ("plugin ABI %d, but this prensa needs ABI %d",
                                             PRENSA_PLUGIN_ABI + 41, PRENSA_PLUGIN_ABI);
  assert_refused ("wrongabi", reason);
}

static void
test_missing_field (void)
{
  assert_refused ("nowrite", "has no write");
}

static void
test_misnamed (void)
{
  assert_refused ("misnamed", "names its format 'somethingelse'");
}

static void
test_duplicate (void)
{
  /* Two modules named txt: the first folder on the path wins. */
  const char *names[] = { "txt", NULL };
  g_autofree char *a = plugin_dir (names);
  g_autofree char *b = plugin_dir (names);
  const char *dirs[] = { a, b, NULL };
  g_autoptr (PrensaRegistry) r = scan (dirs);
  g_assert_cmpuint (prensa_registry_get_n_writers (r), ==, 1);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_autofree char *second = g_build_filename (b, "txt." G_MODULE_SUFFIX, NULL);
  g_assert_true (g_str_has_prefix (warnings->pdata[0], second));
  g_assert_nonnull (strstr (warnings->pdata[0], "already provided by"));
  g_assert_true (g_str_has_prefix (prensa_registry_get_writer_path (r, prensa_registry_lookup (r, "txt")), a));
  remove_dir (a);
  remove_dir (b);
}

static void
test_never_current_directory (void)
{
  /* A plugin in the current directory is never loaded by default. */
  const char *names[] = { "good", NULL };
  g_autofree char *dir = plugin_dir (names);
  g_autofree char *cwd = g_get_current_dir ();
  g_assert_cmpint (g_chdir (dir), ==, 0);
  g_unsetenv ("PRENSA_PLUGIN_PATH");
  g_autoptr (PrensaRegistry) r = prensa_registry_new ();
  prensa_registry_add_default_paths (r, "");
  prensa_registry_add_path (r, "relative/dir");
  prensa_registry_scan (r);
  g_assert_null (prensa_registry_lookup (r, "good"));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  remove_dir (dir);
}

static void
test_warning_to_stderr (void)
{
  /* Without a handler, a skipped module gives one line on stderr. */
  if (g_test_subprocess ()) {
    prensa_set_warning_func (NULL, NULL);
    const char *names[] = { "wrongabi", NULL };
    g_autofree char *dir = plugin_dir (names);
    g_autoptr (PrensaRegistry) r = prensa_registry_new ();
    prensa_registry_add_path (r, dir);
    prensa_registry_scan (r);
    remove_dir (dir);
    return;
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_autofree char *pattern = g_strdup_printf (
    "prensa: warning: */wrongabi.%s: plugin ABI %d, but this prensa needs ABI %d; rebuild the plugin; skipped\n",
    G_MODULE_SUFFIX, PRENSA_PLUGIN_ABI + 41, PRENSA_PLUGIN_ABI);
  g_test_trap_assert_stderr (pattern);
}

static void
test_infos (void)
{
  /* Listed from the files' descriptor sections, without loading: canary's
   * constructor leaves a marker. model1 fills its descriptor by hand (no
   * section), so it is loaded to be listed. */
  const char *names[] = { "good", "canary", "model1", NULL };
  g_autofree char *dir = plugin_dir (names);
  g_autofree char *marker = g_build_filename (dir, "marker", NULL);
  g_setenv ("PRENSA_TEST_MARKER", marker, TRUE);
  const char *dirs[] = { dir, NULL };
  g_autoptr (PrensaRegistry) r = scan (dirs);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpuint (prensa_registry_get_n_infos (r, PRENSA_PLUGIN_KIND_WRITER), ==, 3);
  g_assert_cmpuint (prensa_registry_get_n_infos (r, PRENSA_PLUGIN_KIND_READER), ==, 1);
  g_assert_cmpuint (prensa_registry_get_n_infos (r, PRENSA_PLUGIN_KIND_FILTER), ==, 1);
  const PrensaPluginInfo *w = prensa_registry_get_info (r, PRENSA_PLUGIN_KIND_WRITER, 0);
  g_assert_cmpstr (w->name, ==, "canary");
  g_assert_cmpstr (w->description, ==, "Says it was loaded (a test)");
  g_assert_cmpstr (w->extensions, ==, "cnw");
  g_assert_cmpstr (w->mime_type, ==, "text/x-canary");
  g_assert_cmpuint (w->abi, ==, PRENSA_PLUGIN_ABI);
  g_assert_cmpuint (w->model, ==, PRENSA_MODEL);
  g_assert_true (g_str_has_prefix (w->path, dir));
  const PrensaPluginInfo *m = prensa_registry_get_info (r, PRENSA_PLUGIN_KIND_WRITER, 2);
  g_assert_cmpstr (m->name, ==, "model1");
  g_assert_cmpstr (m->extensions, ==, "m1");
  g_assert_cmpuint (m->model, ==, 0);
  const PrensaPluginInfo *rd = prensa_registry_lookup_info (r, PRENSA_PLUGIN_KIND_READER, "canary");
  g_assert_cmpstr (rd->extensions, ==, "cnr");
  const PrensaPluginInfo *f = prensa_registry_lookup_info (r, PRENSA_PLUGIN_KIND_FILTER, "canary");
  g_assert_null (f->extensions);
  g_assert_null (f->mime_type);
  g_assert_null (prensa_registry_lookup_info (r, PRENSA_PLUGIN_KIND_READER, "good"));
  g_assert_null (prensa_registry_lookup_info (r, PRENSA_PLUGIN_KIND_WRITER, "none"));
  /* by extension, only the module that takes it is loaded */
  const PrensaWriter *good = prensa_registry_lookup_extension (r, "good");
  g_assert_nonnull (good);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  /* the lookup loads it, and what it exports is what its file said */
  const PrensaWriter *cw = prensa_registry_lookup (r, "canary");
  g_assert_nonnull (cw);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (cw->description, ==, w->description);
  g_assert_cmpstr (prensa_registry_get_writer_path (r, cw), ==, w->path);
  g_assert_true (prensa_registry_lookup_reader_extension (r, "CNR")
                 == prensa_registry_lookup_reader (r, "canary"));
  g_assert_cmpuint (warnings->len, ==, 0);
  g_unsetenv ("PRENSA_TEST_MARKER");
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  warnings = g_ptr_array_new_with_free_func (g_free);
  prensa_set_warning_func (collect, NULL);
  g_test_add_func ("/registry/good", test_good);
  g_test_add_func ("/registry/no-symbol", test_no_symbol);
  g_test_add_func ("/registry/wrong-abi", test_wrong_abi);
  g_test_add_func ("/registry/missing-field", test_missing_field);
  g_test_add_func ("/registry/misnamed", test_misnamed);
  g_test_add_func ("/registry/duplicate", test_duplicate);
  g_test_add_func ("/registry/never-current-directory", test_never_current_directory);
  g_test_add_func ("/registry/warning-to-stderr", test_warning_to_stderr);
  g_test_add_func ("/registry/infos", test_infos);
  int r = g_test_run ();
  g_ptr_array_unref (warnings);
  return r;
}
