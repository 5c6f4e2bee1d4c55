/* test-readers.c: reader plugins, the builder's policy, model 2, and the
 * lowered document old writers get.
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

static gboolean
warned (const char *part)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (warnings->pdata[i], part))
      return TRUE;
  return FALSE;
}

/* A registry of the build tree's plugins and of the test modules. */
static PrensaRegistry *
registry_with_tests (void)
{
  PrensaRegistry *r = prensa_registry_new ();
  prensa_registry_add_path (r, g_getenv ("BROKEN_PLUGIN_DIR"));
  prensa_registry_add_default_paths (r, NULL);
  prensa_registry_scan (r);
  return r;
}

static PrensaDocument *
load_with (PrensaRegistry *r, const char *format, const char *name, const char *text,
           GError **error)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  prensa_loader_set_registry (l, r);
  prensa_loader_set_format (l, format);
  if (!prensa_loader_add_data (l, name, NULL, text, -1, error))
    return NULL;
  return prensa_loader_finish (l);
}

static char *
write_with (const PrensaWriter *w, const PrensaDocument *doc)
{
  g_autoptr (PrensaOutput) out = prensa_output_new_memory ();
  g_autoptr (PrensaOptions) options = prensa_options_new (w);
  g_assert_true (prensa_writer_run (w, doc, options, out, NULL));
  g_assert_true (prensa_output_commit (out, NULL));
  g_autoptr (GBytes) bytes = prensa_output_steal_bytes (out);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_reader_and_writer (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  const PrensaReader *rd = prensa_registry_lookup_reader (r, "both");
  g_assert_nonnull (rd);
  g_assert_true (prensa_registry_lookup_reader_extension (r, "LINES") == rd);
  const PrensaWriter *w = prensa_registry_lookup (r, "both");
  g_assert_nonnull (w);
  g_assert_nonnull (prensa_registry_get_reader_path (r, rd));
  /* picked by extension, without -f */
  g_autoptr (PrensaDocument) doc = load_with (r, NULL, "in.lines", "one\ntwo\n", NULL);
  g_assert_nonnull (doc);
  g_autofree char *text = write_with (w, doc);
  g_assert_cmpstr (text, ==, "one\ntwo\n");
}

static void
test_reader_wrong_abi (void)
{
  g_ptr_array_set_size (warnings, 0);
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  g_assert_null (prensa_registry_lookup_reader (r, "badreader"));
  g_assert_nonnull (prensa_registry_lookup (r, "badreader"));
  guint n = 0;
  for (guint i = 0; i < warnings->len; i++)
    n += strstr (warnings->pdata[i], "badreader") != NULL;
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (warned ("reader ABI 8, but this prensa needs ABI 1"));
}

static void
test_reader_errors (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  g_autoptr (GError) error = NULL;
  g_assert_null (load_with (r, "both", "x.lines", "fine\nFAIL\n", &error));
  g_assert_nonnull (strstr (error->message, "x.lines:2: FAIL line"));
  g_clear_error (&error);
  g_assert_null (load_with (r, "both", "x.lines", "fine\nBAD\n", &error));
  g_assert_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "x.lines:2: the reader made text outside a paragraph, heading or cell"));
  g_clear_error (&error);
  g_assert_null (load_with (r, "nosuch", "x.md", "hi", &error));
  g_assert_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT);
}

/* libcmark and libcmark-gfm export the same names; each reader must get
 * its own library, in either order, in one process. */
static void
test_two_cmarks (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  const char *text = "~~gone~~ and [^1]\n\n[^1]: note\n\n| a |\n|---|\n| b |\n";
  for (guint round = 0; round < 2; round++) {
    const char *order[] = { round ? "gfm" : "commonmark", round ? "commonmark" : "gfm" };
    for (guint k = 0; k < 2; k++) {
      g_autoptr (PrensaDocument) doc = load_with (r, order[k], "t.md", text, NULL);
      g_assert_nonnull (doc);
      g_autofree char *tree = dump_tree (prensa_document_get_root (doc));
      gboolean gfm = strcmp (order[k], "gfm") == 0;
      g_assert_cmpint (strstr (tree, "strikethrough") != NULL, ==, gfm);
      g_assert_cmpint (strstr (tree, "(table") != NULL, ==, gfm);
      g_assert_cmpint (strstr (tree, "footnote_reference") != NULL, ==, gfm);
    }
  }
}

static void
test_footnotes (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  g_ptr_array_set_size (warnings, 0);
  const char *text = "A[^b] B[^a] C[^B] D[^none].\n\n"
                     "[^a]: First a.\n\n"
                     "    Second paragraph of a.\n\n"
                     "[^b]: Note b.\n\n"
                     "[^unused]: Nobody cites me.\n";
  g_autoptr (PrensaDocument) doc = load_with (r, "markdown", "n.md", text, NULL);
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  const PrensaNode *para = prensa_node_first_child (part);
  const PrensaNode *refs[3];
  guint n = 0;
  for (const PrensaNode *c = prensa_node_first_child (para); c; c = prensa_node_next (c))
    if (prensa_node_get_node_type (c) == PRENSA_NODE_FOOTNOTE_REFERENCE)
      refs[n++] = c;
  g_assert_cmpuint (n, ==, 3);
  /* numbered in order of first reference; labels match in any case */
  g_assert_cmpuint (prensa_node_get_footnote_number (refs[0]), ==, 1);
  g_assert_cmpuint (prensa_node_get_footnote_number (refs[1]), ==, 2);
  g_assert_cmpuint (prensa_node_get_footnote_number (refs[2]), ==, 1);
  g_assert_cmpuint (prensa_node_get_footnote_ref_count (refs[2]), ==, 2);
  g_assert_cmpstr (prensa_node_get_anchor (refs[0]), ==, "fnref-1");
  g_assert_cmpstr (prensa_node_get_anchor (refs[2]), ==, "fnref-1-2");
  const PrensaNode *b = prensa_node_get_footnote (refs[0]);
  g_assert_cmpstr (prensa_node_get_anchor (b), ==, "fn-1");
  g_assert_cmpuint (prensa_node_get_footnote_ref_count (b), ==, 2);
  g_assert_true (prensa_node_get_footnote (b) == refs[0]);
  /* the notes end the part, in number order; the two paragraphs kept */
  const PrensaNode *last = prensa_node_last_child (part);
  g_assert_cmpint (prensa_node_get_node_type (last), ==, PRENSA_NODE_FOOTNOTE_DEFINITION);
  g_assert_cmpuint (prensa_node_get_footnote_number (last), ==, 2);
  g_assert_cmpuint (prensa_node_get_footnote_number (prensa_node_previous (last)), ==, 1);
  g_assert_nonnull (prensa_node_next (prensa_node_first_child (last)));
  g_autofree char *para_text = prensa_node_dup_text (para);
  g_assert_nonnull (strstr (para_text, "D[^none]."));
  /* kept as text in one run with its neighbours, as the builder keeps text */
  g_assert_cmpint (prensa_node_get_node_type (prensa_node_last_child (para)), ==, PRENSA_NODE_TEXT);
  g_assert_cmpstr (prensa_node_get_literal (prensa_node_last_child (para), NULL), ==, " D[^none].");
  g_assert_true (warned ("n.md:1: [^none] refers to no note"));
  /* in an image's description a reference has nowhere to link from */
  g_autoptr (PrensaDocument) img = load_with (r, "markdown", "i.md",
                                              "![a picture[^p]](x.png)[^p]\n\n[^p]: P.\n", NULL);
  g_autofree char *tree = dump_tree (prensa_document_get_root (img));
  g_assert_nonnull (strstr (tree, "\"a picture[^p]\""));
  g_assert_true (warned ("i.md:1: [^p] is in an image's description"));
  g_assert_true (warned ("n.md:9: note [^unused] is left out"));
}

/* Which dropped notes the markdown reader reports: those cmark-gfm took
 * away, not lines that only look like a definition. */
static void
test_dropped_notes (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  static const struct { const char *text; const char *warning; } cases[] = {
    { "a[^b]\n\n[^b]: B.\n[^x y]: XY.\n", NULL },            /* kept as text */
    { "````\n```\n[^x]: not a note\n```\n````\n", NULL },   /* in code */
    { "<div>\n[^x]: in html\n</div>\n", NULL },               /* in raw HTML */
    { "~~~\n```\n~~~\n[^z]: after fence\n", "d.md:4: note [^z] is left out" },
    { "A[^1]\n\n[^1]: first\n\n[^1]: second\n", "d.md:5: note [^1] is left out" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_ptr_array_set_size (warnings, 0);
    g_autoptr (PrensaDocument) doc = load_with (r, "markdown", "d.md", cases[i].text, NULL);
    g_assert_nonnull (doc);
    if (cases[i].warning)
      g_assert_true (warned (cases[i].warning));
    else
      g_assert_false (warned ("left out"));
  }
}

static void
test_tables_and_tasks (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  const char *text = "| a | b | c |\n|:--|:-:|--:|\n| 1 |\n| 1 | 2 | 3 | 4 |\n\n- [x] done\n- [ ] open\n- plain\n";
  g_autoptr (PrensaDocument) doc = load_with (r, "gfm", "t.md", text, NULL);
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  const PrensaNode *table = prensa_node_first_child (part);
  g_assert_cmpint (prensa_node_get_node_type (table), ==, PRENSA_NODE_TABLE);
  g_assert_cmpuint (prensa_node_get_table_columns (table), ==, 3);
  g_assert_cmpint (prensa_node_get_table_align (table, 0), ==, PRENSA_ALIGN_LEFT);
  g_assert_cmpint (prensa_node_get_table_align (table, 1), ==, PRENSA_ALIGN_CENTER);
  g_assert_cmpint (prensa_node_get_table_align (table, 2), ==, PRENSA_ALIGN_RIGHT);
  const PrensaNode *head = prensa_node_first_child (table);
  g_assert_true (prensa_node_get_table_header (head));
  /* every row as wide as the table: GFM pads the short one */
  for (const PrensaNode *row = head; row; row = prensa_node_next (row)) {
    guint cells = 0;
    for (const PrensaNode *c = prensa_node_first_child (row); c; c = prensa_node_next (c))
      g_assert_cmpuint (prensa_node_get_table_column (c), ==, cells++);
    g_assert_cmpuint (cells, ==, 3);
  }
  const PrensaNode *cell = prensa_node_last_child (prensa_node_next (head));
  g_assert_cmpint (prensa_node_get_table_align (cell, 99), ==, PRENSA_ALIGN_RIGHT);
  g_assert_false (prensa_node_get_table_header (cell));
  const PrensaNode *item = prensa_node_first_child (prensa_node_next (table));
  g_assert_cmpint (prensa_node_get_item_task (item), ==, PRENSA_TASK_DONE);
  g_assert_cmpint (prensa_node_get_item_task (prensa_node_next (item)), ==, PRENSA_TASK_OPEN);
  g_assert_cmpint (prensa_node_get_item_task (prensa_node_last_child (prensa_node_next (table))), ==,
                   PRENSA_TASK_NONE);
}

static void
test_heading_ids (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  const char *text = "# Title {#my-id}\n\n# Other {#my-id}\n\n# Kept {not an id}\n";
  g_autoptr (PrensaDocument) doc = load_with (r, "markdown", "h.md", text, NULL);
  const PrensaNode *h = prensa_node_first_child (prensa_node_first_child (prensa_document_get_root (doc)));
  g_autofree char *t1 = prensa_node_dup_text (h);
  g_assert_cmpstr (t1, ==, "Title");
  g_assert_cmpstr (prensa_node_get_anchor (h), ==, "my-id");
  g_assert_cmpstr (prensa_node_get_anchor (prensa_node_next (h)), ==, "my-id-1");
  g_autofree char *t3 = prensa_node_dup_text (prensa_node_last_child (prensa_node_parent (h)));
  g_assert_cmpstr (t3, ==, "Kept {not an id}");
  /* strict CommonMark keeps the braces as text */
  g_autoptr (PrensaDocument) strict = load_with (r, "commonmark", "h.md", text, NULL);
  g_autofree char *t4 = prensa_node_dup_text (
    prensa_node_first_child (prensa_node_first_child (prensa_document_get_root (strict))));
  g_assert_cmpstr (t4, ==, "Title {#my-id}");
}

/* The same policy whatever reader made the tree: here the gfm one. */
static void
test_policy_in_every_reader (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  g_ptr_array_set_size (warnings, 0);
  const char *text = "[x](javascript:alert(1)) ~~a\x01~~ [outer <http://in.example>](http://out.example)\n";
  g_autoptr (PrensaDocument) doc = load_with (r, "gfm", "p.md", text, NULL);
  g_autofree char *tree = dump_tree (prensa_document_get_root (doc));
  g_assert_null (strstr (tree, "javascript"));
  g_assert_nonnull (strstr (tree, "a\xEF\xBF\xBD"));
  g_assert_true (warned ("p.md:1: a link to 'javascript:alert(1)' kept as plain text"));
  const char *first = strstr (tree, "(link");
  g_assert_nonnull (first);
  g_assert_null (strstr (first + 1, "(link"));
  /* the dropped link's text is one run with what surrounds it */
  g_assert_nonnull (strstr (tree, "(paragraph \"x \" (strikethrough"));
}

static void
test_old_writer_lowered (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  const PrensaWriter *w = prensa_registry_lookup (r, "model1");
  g_assert_nonnull (w);
  g_assert_cmpuint (w->model, ==, 0);
  g_autofree char *path = g_build_filename (SAMPLES_DIR, "toolkit", "rota.md", NULL);
  g_autoptr (PrensaLoader) l = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  prensa_loader_set_registry (l, r);
  g_assert_true (prensa_loader_add_file (l, path, NULL));
  g_autoptr (PrensaDocument) doc = prensa_loader_finish (l);
  g_autofree char *out = write_with (w, doc);
  g_assert_null (strstr (out, "UNKNOWN"));
  g_assert_nonnull (strstr (out, "\ntext [1]\n"));          /* a reference */
  g_assert_nonnull (strstr (out, "\nblock_quote\nparagraph\ntext [2] \n")); /* a note */
  g_assert_nonnull (strstr (out, "\ntext  | \n"));          /* cells of a row */
  g_assert_nonnull (strstr (out, "\nstrong\ntext Shift\n")); /* a header cell */
  g_assert_nonnull (strstr (out, "text ☒ \n"));
  g_assert_nonnull (strstr (out, "text ☐ \n"));
  /* a writer of this model sees the real nodes */
  g_autofree char *tree = dump_tree (prensa_document_get_root (doc));
  g_assert_nonnull (strstr (tree, "(table"));
}

/* prensa_loader_set_metadata_file(): the file under each part's front
 * matter and under -M, its speakers reaching a part that has none, and a
 * bad file leaving the loader as it was. */
static void
test_metadata_file (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  g_autofree char *dir = g_dir_make_tmp ("prensa-metafile-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "meta.yaml", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.yaml", NULL);
  g_assert_true (g_file_set_contents (good,
    "title: File\nauthor: File Author\nspeakers:\n"
    "  - {id: SJ, name: Sarah Jaffe, role: interviewer}\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "title: ok\nlist: [\n", -1, NULL));

  g_autoptr (PrensaLoader) l = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  prensa_loader_set_registry (l, r);
  g_autoptr (GError) error = NULL;
  g_assert_true (prensa_loader_set_metadata_file (l, good, &error));
  g_assert_no_error (error);
  g_assert_false (prensa_loader_set_metadata_file (l, bad, &error));
  g_assert_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FRONT_MATTER);
  g_autofree char *want = g_strdup_printf ("%s:3", bad);
  g_assert_nonnull (strstr (error->message, want));
  g_clear_error (&error);
  g_autofree char *missing = g_build_filename (dir, "missing.yaml", NULL);
  g_assert_false (prensa_loader_set_metadata_file (l, missing, &error));
  g_assert_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO);
  g_clear_error (&error);

  /* The good file is still the one in use. */
  prensa_loader_set_meta (l, "author", "From M");
  g_assert_true (prensa_loader_add_data (l, "a.md", NULL,
                                         "---\ntitle: Front\n---\n\nSarah Jaffe: Hello.\n", -1,
                                         &error));
  g_assert_no_error (error);
  g_autoptr (PrensaDocument) doc = prensa_loader_finish (l);
  g_assert_cmpstr (prensa_document_get_meta_string (doc, "title"), ==, "Front");
  g_assert_cmpstr (prensa_document_get_meta_string (doc, "author"), ==, "From M");
  g_assert_cmpuint (prensa_document_get_n_speakers (doc), ==, 1);

  /* A second document from the same loader gets the file again. */
  g_assert_true (prensa_loader_add_data (l, "b.md", NULL, "Sarah Jaffe: Again.\n", -1, &error));
  g_autoptr (PrensaDocument) second = prensa_loader_finish (l);
  g_assert_cmpstr (prensa_document_get_meta_string (second, "title"), ==, "File");
  g_assert_cmpuint (prensa_document_get_n_speakers (second), ==, 1);
  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (d && g_dir_read_name (d))
    n++;
  return n;
}

/* What an input carries inside itself is kept under names the core makes,
 * found by the resolver before any folder, and deleted with the document
 * or when the read fails. */
static void
test_embedded_resources (void)
{
  g_autoptr (PrensaRegistry) r = registry_with_tests ();
  g_autoptr (GError) error = NULL;
  const char *tmp = g_get_tmp_dir ();
  g_autoptr (PrensaDocument) doc
    = load_with (r, "both", "x.lines",
                 "IMG ../../etc/passwd first\nIMG media/a.png second\nIMG a.png third\n"
                 "IMG .hidden fourth\n", &error);
  g_assert_no_error (error);
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  const char *want_url[] = { "passwd", "a.png", "a-2.png", "_hidden" };
  const char *want_bytes[] = { "first", "second", "third", "fourth" };
  guint i = 0;
  g_autofree char *dir = NULL;
  for (const PrensaNode *p = prensa_node_first_child (part); p; p = prensa_node_next (p), i++) {
    const PrensaNode *img = prensa_node_first_child (p);
    g_assert_cmpstr (prensa_node_get_url (img), ==, want_url[i]);
    g_autofree char *path = prensa_document_resolve_resource (doc, img, prensa_node_get_url (img), &error);
    g_assert_no_error (error);
    g_autofree char *bytes = NULL;
    g_assert_true (g_file_get_contents (path, &bytes, NULL, NULL));
    g_assert_cmpstr (bytes, ==, want_bytes[i]);
    g_free (dir);
    dir = g_path_get_dirname (path);
  }
  g_assert_cmpuint (i, ==, 4);
  GStatBuf st;
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_str_has_prefix (dir, tmp));
  /* the lowered copy old writers get shares the files */
  g_autofree char *lowered = write_with (prensa_registry_lookup (r, "model1"), doc);
  g_assert_nonnull (strstr (lowered, "image"));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&doc, prensa_document_free);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  guint before = count_entries (tmp);
  g_assert_null (load_with (r, "both", "y.lines", "IMG b.png kept\nFAIL\n", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count_entries (tmp), ==, before);
}

int
main (int argc, char **argv)
{
  /* a folder of the test's own, so counting what is left in it is exact */
  g_autofree char *tmp = g_dir_make_tmp ("test-readers-XXXXXX", NULL);
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);
  warnings = g_ptr_array_new_with_free_func (g_free);
  prensa_set_warning_func (collect, NULL);
  g_test_add_func ("/readers/reader-and-writer", test_reader_and_writer);
  g_test_add_func ("/readers/embedded-resources", test_embedded_resources);
  g_test_add_func ("/readers/wrong-abi", test_reader_wrong_abi);
  g_test_add_func ("/readers/errors", test_reader_errors);
  g_test_add_func ("/readers/two-cmarks", test_two_cmarks);
  g_test_add_func ("/readers/footnotes", test_footnotes);
  g_test_add_func ("/readers/dropped-notes", test_dropped_notes);
  g_test_add_func ("/readers/tables-and-tasks", test_tables_and_tasks);
  g_test_add_func ("/readers/heading-ids", test_heading_ids);
  g_test_add_func ("/readers/policy", test_policy_in_every_reader);
  g_test_add_func ("/readers/old-writer-lowered", test_old_writer_lowered);
  g_test_add_func ("/readers/metadata-file", test_metadata_file);
  int status = g_test_run ();
  g_ptr_array_unref (warnings);
  g_rmdir (tmp);
  return status;
}
