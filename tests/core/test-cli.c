/* test-cli.c: the prensa command's exit codes, streams and files.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-util.h"

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs prensa with @args (NULL-terminated), feeding @input on stdin. */
static void
run_prensa (Run *r, const char *input, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) g_getenv ("PRENSA"));
  va_list ap;
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_autoptr (GSubprocessLauncher) l = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) p = g_subprocess_launcher_spawnv (l, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, input, NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (p);
}

static guint
count_lines (const char *s)
{
  guint n = 0;
  for (; s && *s; s++)
    n += *s == '\n';
  return n;
}

static void
test_version_and_list (void)
{
  g_auto (Run) v = { 0 };
  run_prensa (&v, NULL, "--version", NULL);
  g_assert_cmpint (v.status, ==, 0);
  g_assert_true (g_str_has_prefix (v.out, "prensa " PRENSA_VERSION_STRING));
  g_auto (Run) l = { 0 };
  run_prensa (&l, NULL, "--list-formats", NULL);
  g_assert_cmpint (l.status, ==, 0);
  /* name, direction (r: read, w: write), extension, description */
  g_assert_nonnull (strstr (l.out, "xml        -w .xml  The document model as XML"));
  g_assert_nonnull (strstr (l.out, "txt        -w .txt"));
  g_assert_nonnull (strstr (l.out, "markdown   r-       Markdown"));
  g_assert_nonnull (strstr (l.out, "reads from .md .markdown"));
  g_assert_nonnull (strstr (l.out, "plugins/markdown/gfm.so"));
  g_assert_nonnull (strstr (l.out, "plugins/xml/xml.so"));
}

static void
test_help_format (void)
{
  g_auto (Run) r = { 0 };
  run_prensa (&r, NULL, "--help-format", "txt", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "wrap"));
  g_assert_nonnull (strstr (r.out, "default: 72"));
  g_auto (Run) bad = { 0 };
  run_prensa (&bad, NULL, "--help-format", "nope", NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

static void
test_usage_errors (void)
{
  g_auto (Run) a = { 0 };
  run_prensa (&a, NULL, "-t", "xml", NULL);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_true (g_str_has_prefix (a.err, "prensa: no input file"));
  g_auto (Run) b = { 0 };
  run_prensa (&b, NULL, SAMPLES_DIR "/interview.md", "-t", "docbook", NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_true (g_str_has_prefix (b.err, "prensa: unknown format 'docbook'"));
  g_assert_cmpuint (count_lines (b.err), ==, 1);
  g_auto (Run) c = { 0 };
  run_prensa (&c, NULL, SAMPLES_DIR "/interview.md", "-t", "txt", "-O", "warp=3", NULL);
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, "has no option 'warp' (valid: wrap"));
  g_auto (Run) d = { 0 };
  run_prensa (&d, NULL, SAMPLES_DIR "/interview.md", "-o", "x.unknownext", NULL);
  g_assert_cmpint (d.status, ==, 2);
  g_auto (Run) e = { 0 };
  run_prensa (&e, NULL, "--frobnicate", NULL);
  g_assert_cmpint (e.status, ==, 2);
}

static void
test_load_errors (void)
{
  g_auto (Run) a = { 0 };
  run_prensa (&a, "ok\n\xff\n", "-", "-t", "xml", "-o", "-", NULL);
  g_assert_cmpint (a.status, ==, 1);
  g_assert_cmpstr (a.err, ==, "prensa: <stdin>:2:1: invalid UTF-8 (byte 0xff); convert the file to UTF-8\n");
  g_assert_cmpstr (a.out, ==, "");
  g_auto (Run) b = { 0 };
  run_prensa (&b, "---\ntitle: [x\n---\n", "-", "-t", "xml", "-o", "-", NULL);
  g_assert_cmpint (b.status, ==, 1);
  g_assert_true (g_str_has_prefix (b.err, "prensa: <stdin>:3:"));
  g_assert_cmpuint (count_lines (b.err), ==, 1);
  g_auto (Run) c = { 0 };
  run_prensa (&c, NULL, "/nonexistent/in.md", "-t", "xml", "-o", "-", NULL);
  g_assert_cmpint (c.status, ==, 1);
  g_assert_cmpstr (c.err, ==, "prensa: /nonexistent/in.md: cannot open: No such file or directory\n");
}

static void
test_stdout_and_inference (void)
{
  g_auto (Run) a = { 0 };
  run_prensa (&a, "# Hi\n", "-", "-t", "xml", "-o", "-", "-M", "title=From M", NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_true (g_str_has_prefix (a.out, "<?xml"));
  g_assert_nonnull (strstr (a.out, "<string key=\"title\">From M</string>"));
  g_assert_nonnull (strstr (a.out, "anchor=\"hi\""));

  g_autofree char *dir = g_dir_make_tmp ("prensa-cli-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "doc.xml", NULL);
  g_auto (Run) b = { 0 };
  run_prensa (&b, "text\n", "-", "-o", target, NULL); /* format from .xml */
  g_assert_cmpint (b.status, ==, 0);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_unlink (target);

  /* several formats into a folder, named after the first input */
  g_autofree char *outdir = g_build_filename (dir, "out", NULL);
  g_auto (Run) c = { 0 };
  run_prensa (&c, NULL, SAMPLES_DIR "/interview.md", "-t", "xml,txt", "-o", outdir, NULL);
  g_assert_cmpint (c.status, ==, 0);
  g_autofree char *x = g_build_filename (outdir, "interview.xml", NULL);
  g_autofree char *t = g_build_filename (outdir, "interview.txt", NULL);
  g_assert_true (g_file_test (x, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (t, G_FILE_TEST_IS_REGULAR));
  g_unlink (x);
  g_unlink (t);
  g_rmdir (outdir);
  g_rmdir (dir);
}

static void
test_several_inputs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prensa-cli-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.md", NULL);
  g_autofree char *b = g_build_filename (dir, "b.md", NULL);
  g_file_set_contents (a, "---\ntitle: First\n---\nalpha\n", -1, NULL);
  g_file_set_contents (b, "---\ntitle: Second\n---\nbeta\n", -1, NULL);
  g_auto (Run) r = { 0 };
  run_prensa (&r, NULL, a, b, "-t", "xml", "-o", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  const char *pa = strstr (r.out, "<part source=\"a.md\"");
  const char *pb = strstr (r.out, "<part source=\"b.md\"");
  g_assert_true (pa && pb && pa < pb);
  g_assert_true (strstr (r.out, "alpha") < strstr (r.out, "beta"));
  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
}

static char *
copy_plugin (const char *dir, const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.%s", name, G_MODULE_SUFFIX);
  g_autofree char *from = g_build_filename (g_getenv ("BROKEN_PLUGIN_DIR"), file, NULL);
  char *to = g_build_filename (dir, file, NULL);
  g_autofree char *data = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  g_assert_true (g_file_set_contents (to, data, (gssize) len, NULL));
  return to;
}

static void
test_failed_write_keeps_target (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prensa-cli-XXXXXX", NULL);
  g_autofree char *plugins = g_build_filename (dir, "plugins", NULL);
  g_mkdir (plugins, 0755);
  g_autofree char *so = copy_plugin (plugins, "failing");
  g_autofree char *target = g_build_filename (dir, "kept.fail", NULL);
  g_file_set_contents (target, "previous version\n", -1, NULL);

  g_auto (Run) r = { 0 };
  run_prensa (&r, NULL, SAMPLES_DIR "/interview.md", "--plugin-path", plugins, "-t", "failing",
              "-o", target, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "prensa: failing: failing on purpose\n");
  g_autofree char *contents = NULL;
  g_file_get_contents (target, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "previous version\n");

  /* and a fresh target is never created */
  g_autofree char *fresh = g_build_filename (dir, "fresh.fail", NULL);
  g_auto (Run) r2 = { 0 };
  run_prensa (&r2, NULL, SAMPLES_DIR "/interview.md", "--plugin-path", plugins, "-o", fresh, NULL);
  g_assert_cmpint (r2.status, ==, 1);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

  /* no temporary file is left anywhere in the folder */
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;
  while ((name = g_dir_read_name (d)))
    n++;
  g_assert_cmpuint (n, ==, 2); /* plugins/ and kept.fail */
  g_unlink (target);
  g_unlink (so);
  g_rmdir (plugins);
  g_rmdir (dir);
}

static void
test_unwritable_target (void)
{
  g_auto (Run) r = { 0 };
  run_prensa (&r, NULL, SAMPLES_DIR "/interview.md", "-t", "xml", "-o", "/nonexistent-dir/x.xml", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "prensa: xml: /nonexistent-dir/x.xml: cannot write: No such file or directory\n");
}

static void
test_broken_plugin_does_not_stop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prensa-cli-XXXXXX", NULL);
  g_autofree char *so = copy_plugin (dir, "wrongabi");
  g_auto (Run) r = { 0 };
  run_prensa (&r, "# Title\n", "-", "--plugin-path", dir, "-t", "xml", "-o", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "<?xml"));
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "wrongabi"));
  g_assert_nonnull (strstr (r.err, "plugin ABI"));
  g_unlink (so);
  g_rmdir (dir);
}

static void
test_batch (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prensa-batch-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 6; i++) {
    char *p = g_strdup_printf ("%s/doc%u.md", dir, i);
    g_autofree char *text = g_strdup_printf ("# Doc %u\n\nBody %u.\n", i, i);
    g_file_set_contents (p, i == 3 ? "bad \xff\n" : text, -1, NULL);
    g_ptr_array_add (inputs, p);
  }
  g_auto (Run) r = { 0 };
  run_prensa (&r, NULL, "--batch", "-j", "2", "-t", "xml,txt", "-o", out,
              inputs->pdata[0], inputs->pdata[1], inputs->pdata[2], inputs->pdata[3],
              inputs->pdata[4], inputs->pdata[5], NULL);
  g_assert_cmpint (r.status, ==, 1); /* doc3 is not UTF-8 */
  g_assert_nonnull (strstr (r.err, "doc3.md:1:5: invalid UTF-8"));
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  for (guint i = 0; i < 6; i++) {
    g_autofree char *x = g_strdup_printf ("%s/doc%u.xml", out, i);
    g_autofree char *t = g_strdup_printf ("%s/doc%u.txt", out, i);
    g_assert_cmpint (g_file_test (x, G_FILE_TEST_EXISTS), ==, i != 3);
    g_assert_cmpint (g_file_test (t, G_FILE_TEST_EXISTS), ==, i != 3);
    if (i != 3) {
      /* each input is its own document */
      g_autofree char *xml = NULL;
      g_file_get_contents (x, &xml, NULL, NULL);
      g_autofree char *mine = g_strdup_printf ("Body %u.", i);
      g_assert_nonnull (strstr (xml, mine));
      g_assert_cmpint (count_lines (strstr (xml, "<part")) > 0, ==, TRUE);
      g_assert_null (strstr (strstr (xml, "<part") + 5, "<part"));
    }
  }
  g_auto (Run) dup = { 0 };
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_mkdir (sub, 0755);
  g_autofree char *again = g_build_filename (sub, "doc0.md", NULL);
  g_file_set_contents (again, "x\n", -1, NULL);
  run_prensa (&dup, NULL, "--batch", "-t", "xml", "-o", out, inputs->pdata[0], again, NULL);
  g_assert_cmpint (dup.status, ==, 2);
  g_assert_nonnull (strstr (dup.err, "two inputs are named 'doc0'"));
  g_auto (Run) nodir = { 0 };
  run_prensa (&nodir, NULL, "--batch", "-t", "xml", inputs->pdata[0], NULL);
  g_assert_cmpint (nodir.status, ==, 2);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_cmpint (system (cmd), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/version-and-list", test_version_and_list);
  g_test_add_func ("/cli/help-format", test_help_format);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/load-errors", test_load_errors);
  g_test_add_func ("/cli/stdout-and-inference", test_stdout_and_inference);
  g_test_add_func ("/cli/several-inputs", test_several_inputs);
  g_test_add_func ("/cli/failed-write-keeps-target", test_failed_write_keeps_target);
  g_test_add_func ("/cli/unwritable-target", test_unwritable_target);
  g_test_add_func ("/cli/broken-plugin-does-not-stop", test_broken_plugin_does_not_stop);
  g_test_add_func ("/cli/batch", test_batch);
  return g_test_run ();
}
