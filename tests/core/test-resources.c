/* test-resources.c: what a document may make a writer read, and which
 * URLs may become links.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-util.h"

static char *base;    /* a temp folder: doc/ with the input, secret/ beside it */
static char *docdir;
static char *shared;  /* a --resource-path folder */

static void
write_file (const char *dir, const char *name, const char *text)
{
  g_autofree char *p = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (p, text, -1, NULL));
}

static PrensaDocument *
load_doc (PrensaLoadFlags flags, gboolean with_shared)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (flags);
  if (with_shared)
    prensa_loader_add_resource_path (l, shared);
  g_autofree char *input = g_build_filename (docdir, "in.md", NULL);
  g_assert_true (prensa_loader_add_file (l, input, NULL));
  return prensa_loader_finish (l);
}

static void
assert_resolves (PrensaDocument *doc, const char *url, const char *expected_suffix)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = prensa_document_resolve_resource (doc, NULL, url, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, expected_suffix));
}

static void
assert_refused (PrensaDocument *doc, const char *url, int code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = prensa_document_resolve_resource (doc, NULL, url, &error);
  g_assert_null (path);
  g_assert_error (error, PRENSA_LOAD_ERROR, code);
}

static void
test_resolve (void)
{
  g_autoptr (PrensaDocument) doc = load_doc (0, FALSE);
  assert_resolves (doc, "pic.png", "/doc/pic.png");
  assert_resolves (doc, "sub/deep%20name.png", "/doc/sub/deep name.png");
  assert_resolves (doc, "./pic.png?v=2#frag", "/doc/pic.png");
  assert_refused (doc, "missing.png", PRENSA_LOAD_ERROR_IO);
  assert_refused (doc, "/etc/passwd", PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_refused (doc, "../secret/key.txt", PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_refused (doc, "sub/../../secret/key.txt", PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_refused (doc, "%2E%2E/secret/key.txt", PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_refused (doc, "escape.png", PRENSA_LOAD_ERROR_FORBIDDEN); /* symlink out */
  assert_refused (doc, "file:///etc/passwd", PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_refused (doc, "https://example.org/a.png", PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_refused (doc, "shared.png", PRENSA_LOAD_ERROR_IO); /* not without --resource-path */
  assert_resolves (doc, "inside-link.png", "/doc/pic.png");   /* a symlink that stays */
}

static void
assert_loads (PrensaDocument *doc, const char *url, const char *bytes)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) data = prensa_document_load_resource (doc, NULL, url, 1024, &path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_cmpmem (g_bytes_get_data (data, NULL), g_bytes_get_size (data), bytes, strlen (bytes));
}

static void
assert_not_loaded (PrensaDocument *doc, const char *url, GQuark domain, int code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) data = prensa_document_load_resource (doc, NULL, url, 1024, &path, &error);
  g_assert_null (data);
  g_assert_null (path);
  g_assert_error (error, domain, code);
}

/* The same rules as resolving, read through one descriptor; with
 * @walk, as on kernels without openat2, where no symlink is followed. */
static void
check_load (gboolean walk)
{
  g_autoptr (PrensaDocument) doc = load_doc (0, FALSE);
  if (walk)
    g_setenv ("PRENSA_NO_OPENAT2", "1", TRUE);
  assert_loads (doc, "pic.png", "not really a png");
  assert_loads (doc, "sub/deep%20name.png", "x");
  assert_loads (doc, "./pic.png?v=2#frag", "not really a png");
  assert_not_loaded (doc, "missing.png", PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO);
  assert_not_loaded (doc, "/etc/passwd", PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_not_loaded (doc, "../secret/key.txt", PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_not_loaded (doc, "escape.png", PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_not_loaded (doc, "escape-dir/key.txt", PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORBIDDEN);
  assert_not_loaded (doc, "fifo.png", G_FILE_ERROR, G_FILE_ERROR_INVAL);
  assert_not_loaded (doc, "sub", G_FILE_ERROR, G_FILE_ERROR_INVAL);
  assert_not_loaded (doc, "big.png", G_FILE_ERROR, G_FILE_ERROR_INVAL); /* over max */
  if (walk)
    assert_not_loaded (doc, "inside-link.png", PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORBIDDEN);
  else
    assert_loads (doc, "inside-link.png", "not really a png");
  g_unsetenv ("PRENSA_NO_OPENAT2");
}

static void
test_load (void)
{
  check_load (FALSE);
}

static void
test_load_walk (void)
{
  check_load (TRUE);
}

static void
test_resource_path (void)
{
  g_autoptr (PrensaDocument) doc = load_doc (0, TRUE);
  assert_resolves (doc, "shared.png", "/shared/shared.png");
  assert_resolves (doc, "pic.png", "/doc/pic.png"); /* the input's folder comes first */
  assert_refused (doc, "../secret/key.txt", PRENSA_LOAD_ERROR_FORBIDDEN);
}

static void
test_sandbox (void)
{
  g_autoptr (PrensaDocument) doc = load_doc (PRENSA_LOAD_SANDBOX, TRUE);
  assert_refused (doc, "pic.png", PRENSA_LOAD_ERROR_FORBIDDEN);
  g_autofree char *body = dump_body ("a <b>raw</b> c\n\n<div>block</div>\n", PRENSA_LOAD_SANDBOX);
  g_assert_cmpstr (body, ==, "(paragraph \"a raw c\")");
}

static void
test_unsafe_urls (void)
{
  assert_body ("[click](javascript:alert(1)) [ok](https://x.org) [v](VBScript:x) "
               "[f](file:///etc/passwd) [d](data:text/html;base64,PHN2Zz4=) "
               "[t](java%0ascript:x)\n",
               "(paragraph \"click \" (link <https://x.org> \"ok\") \" v f d \" "
               "(link <java%0ascript:x> \"t\"))");
  assert_body ("![pic](data:image/png;base64,iVBOR) ![bad *alt*](javascript:x)\n",
               "(paragraph (image <data:image/png;base64,iVBOR> \"pic\") \" bad \" (emph \"alt\"))");
}

static void
test_url_is_safe (void)
{
  g_assert_true (prensa_url_is_safe ("https://example.org/"));
  g_assert_true (prensa_url_is_safe ("#anchor"));
  g_assert_true (prensa_url_is_safe ("chapter.html#x"));
  g_assert_true (prensa_url_is_safe ("a/b:c"));
  g_assert_true (prensa_url_is_safe ("mailto:a@b.org"));
  g_assert_true (prensa_url_is_safe ("data:image/webp;base64,xx"));
  g_assert_false (prensa_url_is_safe ("javascript:alert(1)"));
  g_assert_false (prensa_url_is_safe (" JavaScript:alert(1)"));
  g_assert_false (prensa_url_is_safe ("java\tscript:alert(1)"));
  g_assert_false (prensa_url_is_safe ("java\nscript:x"));
  g_assert_false (prensa_url_is_safe ("vbscript:x"));
  g_assert_false (prensa_url_is_safe ("FILE:///etc/passwd"));
  g_assert_false (prensa_url_is_safe ("data:text/html,<script>"));
}

static void
remove_tree (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_cmpint (system (cmd), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  base = g_dir_make_tmp ("prensa-res-XXXXXX", NULL);
  docdir = g_build_filename (base, "doc", NULL);
  shared = g_build_filename (base, "shared", NULL);
  g_autofree char *secret = g_build_filename (base, "secret", NULL);
  g_autofree char *sub = g_build_filename (docdir, "sub", NULL);
  g_mkdir_with_parents (sub, 0755);
  g_mkdir (secret, 0755);
  g_mkdir (shared, 0755);
  write_file (docdir, "in.md", "# Doc\n\n![p](pic.png)\n");
  write_file (docdir, "pic.png", "not really a png");
  write_file (sub, "deep name.png", "x");
  write_file (secret, "key.txt", "secret");
  write_file (shared, "shared.png", "x");
  g_autofree char *escape = g_build_filename (docdir, "escape.png", NULL);
  g_autofree char *inside = g_build_filename (docdir, "inside-link.png", NULL);
  g_assert_cmpint (symlink ("../secret/key.txt", escape), ==, 0);
  g_assert_cmpint (symlink ("pic.png", inside), ==, 0);
  g_autofree char *escape_dir = g_build_filename (docdir, "escape-dir", NULL);
  g_autofree char *fifo = g_build_filename (docdir, "fifo.png", NULL);
  g_assert_cmpint (symlink ("../secret", escape_dir), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_autofree char *big = g_strnfill (2048, 'b');
  write_file (docdir, "big.png", big);

  g_test_add_func ("/resources/resolve", test_resolve);
  g_test_add_func ("/resources/load", test_load);
  g_test_add_func ("/resources/load-walk", test_load_walk);
  g_test_add_func ("/resources/resource-path", test_resource_path);
  g_test_add_func ("/resources/sandbox", test_sandbox);
  g_test_add_func ("/resources/unsafe-urls", test_unsafe_urls);
  g_test_add_func ("/resources/url-is-safe", test_url_is_safe);
  int r = g_test_run ();
  remove_tree (base);
  g_free (base);
  g_free (docdir);
  g_free (shared);
  return r;
}
