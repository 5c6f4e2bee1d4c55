/* test-output.c: sinks put a file in place on success only.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <glib/gstdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-util.h"

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (g_dir_read_name (d))
    n++;
  return n;
}

static void
test_commit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prensa-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autoptr (GError) error = NULL;
  PrensaOutput *out = prensa_output_new_file (path, &error);
  g_assert_no_error (error);
  /* more than one flush worth of data */
  for (guint i = 0; i < 100000; i++)
    prensa_output_printf (out, "line %u\n", i);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (prensa_output_commit (out, &error));
  prensa_output_free (out);
  g_autofree char *contents = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_str_has_suffix (contents, "line 99999\n"));
  g_assert_cmpuint (count_entries (dir), ==, 1); /* no temp file left */
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_abandoned_keeps_target (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prensa-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "keep.txt", NULL);
  g_assert_true (g_file_set_contents (path, "precious\n", -1, NULL));
  PrensaOutput *out = prensa_output_new_file (path, NULL);
  prensa_output_puts (out, "half-written");
  /* The temporary file is unnamed where the filesystem allows it. */
  int probe = open (dir, O_TMPFILE | O_WRONLY, 0600);
  g_assert_cmpuint (count_entries (dir), ==, probe >= 0 ? 1 : 2);
  if (probe >= 0)
    close (probe);
  prensa_output_free (out); /* never committed: the writer failed */
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious\n");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* Temporary files named from the start (as where the filesystem has no
 * O_TMPFILE): a target name of any length up to NAME_MAX still works,
 * and an abandoned one is removed through the folder's descriptor even
 * when the folder was renamed meanwhile. */
static void
test_named_temporaries (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prensa-XXXXXX", NULL);
  g_autofree char *moved = g_strconcat (dir, "-moved", NULL);
  for (guint len = 248; len <= 255; len++) {
    g_autofree char *name = g_strnfill (len - 4, 'n');
    g_autofree char *base = g_strconcat (name, ".txt", NULL);
    g_autofree char *path = g_build_filename (dir, base, NULL);
    g_autoptr (GError) error = NULL;
    g_setenv ("PRENSA_NAMED_TEMPORARIES", "1", TRUE);
    PrensaOutput *out = prensa_output_new_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_entries (dir), ==, 1); /* the named temporary */
    prensa_output_puts (out, "long name\n");
    g_assert_true (prensa_output_commit (out, &error));
    g_assert_no_error (error);
    prensa_output_free (out);
    g_unsetenv ("PRENSA_NAMED_TEMPORARIES");
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_unlink (path);
  }
  for (guint named = 0; named < 2; named++) {
    g_autofree char *path = g_build_filename (dir, "abandoned.txt", NULL);
    if (named)
      g_setenv ("PRENSA_NAMED_TEMPORARIES", "1", TRUE);
    PrensaOutput *out = prensa_output_new_file (path, NULL);
    g_unsetenv ("PRENSA_NAMED_TEMPORARIES");
    prensa_output_puts (out, "half-written");
    g_assert_cmpint (g_rename (dir, moved), ==, 0);
    prensa_output_free (out);
    g_assert_cmpuint (count_entries (moved), ==, 0);
    g_assert_cmpint (g_rename (moved, dir), ==, 0);
  }
  g_rmdir (dir);
}

static void
test_failure_recorded (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prensa-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "f.txt", NULL);
  PrensaOutput *out = prensa_output_new_file (path, NULL);
  prensa_output_fail (out, g_error_new (G_FILE_ERROR, G_FILE_ERROR_FAILED, "image missing"));
  g_assert_true (prensa_output_failed (out));
  g_autoptr (GError) error = NULL;
  g_assert_false (prensa_output_commit (out, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  prensa_output_free (out);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_rmdir (dir);
}

static void
test_bad_targets (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prensa-XXXXXX", NULL);
  g_assert_null (prensa_output_new_file (dir, &error));
  g_assert_nonnull (strstr (error->message, "is a directory"));
  g_clear_error (&error);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "x.txt", NULL);
  g_assert_null (prensa_output_new_file (nowhere, &error));
  g_assert_nonnull (strstr (error->message, "cannot write"));
  g_rmdir (dir);
}

static void
test_full_device (void)
{
  /* /dev/full fails every write with ENOSPC: the error must surface at
   * commit, never be lost. */
  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS)) {
    g_test_skip ("no /dev/full");
    return;
  }
  int saved = dup (STDOUT_FILENO);
  int full = g_open ("/dev/full", O_WRONLY, 0);
  dup2 (full, STDOUT_FILENO);
  PrensaOutput *out = prensa_output_new_stdout ();
  prensa_output_puts (out, "nowhere to go\n");
  g_autoptr (GError) error = NULL;
  gboolean ok = prensa_output_commit (out, &error);
  dup2 (saved, STDOUT_FILENO);
  close (full);
  close (saved);
  prensa_output_free (out);
  g_assert_false (ok);
  g_assert_nonnull (strstr (error->message, "standard output"));
}

static void
test_memory (void)
{
  PrensaOutput *out = prensa_output_new_memory ();
  prensa_output_printf (out, "%s-%d", "a", 1);
  g_assert_true (prensa_output_commit (out, NULL));
  g_autoptr (GBytes) bytes = prensa_output_steal_bytes (out);
  prensa_output_free (out);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "a-1", 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/output/commit", test_commit);
  g_test_add_func ("/output/abandoned-keeps-target", test_abandoned_keeps_target);
  g_test_add_func ("/output/named-temporaries", test_named_temporaries);
  g_test_add_func ("/output/failure-recorded", test_failure_recorded);
  g_test_add_func ("/output/bad-targets", test_bad_targets);
  g_test_add_func ("/output/full-device", test_full_device);
  g_test_add_func ("/output/memory", test_memory);
  return g_test_run ();
}
