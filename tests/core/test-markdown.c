/* test-markdown.c: every CommonMark construct survives the trip into the
 * model, and bad input is turned away with its position.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <glib/gstdio.h>

#include "test-util.h"

static void
test_headings (void)
{
  assert_body ("# One\n\n## Two *x*\n\nSetext\n======\n\nSub\n---\n\n###### Six\n",
               "(heading 1 #one \"One\") (heading 2 #two-x \"Two \" (emph \"x\")) "
               "(heading 1 #setext \"Setext\") (heading 2 #sub \"Sub\") (heading 6 #six \"Six\")");
}

static void
test_anchors_unique (void)
{
  assert_body ("# Intro\n\n# Intro\n\n# 1. Intro!\n\n# ???\n\n# ???\n",
               "(heading 1 #intro \"Intro\") (heading 1 #intro-1 \"Intro\") "
               "(heading 1 #intro-2 \"1. Intro!\") (heading 1 #section \"???\") "
               "(heading 1 #section-1 \"???\")");
}

static void
test_paragraph_breaks (void)
{
  assert_body ("one\ntwo  \nthree\\\nfour\n",
               "(paragraph \"one\" (softbreak) \"two\" (linebreak) \"three\" (linebreak) \"four\")");
}

static void
test_block_quote (void)
{
  assert_body ("> quoted\n> > nested\n",
               "(block_quote (paragraph \"quoted\") (block_quote (paragraph \"nested\")))");
}

static void
test_lists (void)
{
  assert_body ("- a\n- b\n  - c\n\n3) x\n4) y\n\n1. p\n\n   q\n2. r\n",
               "(list bullet tight (item (paragraph \"a\")) (item (paragraph \"b\") "
               "(list bullet tight (item (paragraph \"c\"))))) "
               "(list ordered start=3 paren tight (item (paragraph \"x\")) (item (paragraph \"y\"))) "
               "(list ordered start=1 period loose (item (paragraph \"p\") (paragraph \"q\")) "
               "(item (paragraph \"r\")))");
}

static void
test_code (void)
{
  assert_body ("```python extra\nprint(1)\n```\n\n    indented\n\nuse `a  b` here\n",
               "(code_block [python extra] \"print(1)\n\") (code_block \"indented\n\") "
               "(paragraph \"use \" (code \"a  b\") \" here\")");
}

static void
test_raw_html (void)
{
  assert_body ("<div class=\"x\">\nblock\n</div>\n\ninline <span>x</span>\n",
               "(raw_block \"<div class=\"x\">\nblock\n</div>\n\") "
               "(paragraph \"inline \" (raw_inline \"<span>\") \"x\" (raw_inline \"</span>\"))");
}

static void
test_thematic_break (void)
{
  assert_body ("a\n\n***\n\nb\n", "(paragraph \"a\") (thematic_break) (paragraph \"b\")");
}

static void
test_emphasis_links_images (void)
{
  assert_body ("*e* **s** [l](http://x.org \"T\") ![alt *y*](i.png) <http://auto.org>\n",
               "(paragraph (emph \"e\") \" \" (strong \"s\") \" \" (link <http://x.org> 'T' \"l\") \" \" "
               "(image <i.png> \"alt \" (emph \"y\")) \" \" (link <http://auto.org> \"http://auto.org\"))");
}

static void
test_reference_links_entities_escapes (void)
{
  assert_body ("[ref][r] &amp; &copy; \\*not\\*\n\n[r]: /u \"t\"\n",
               "(paragraph (link </u> 't' \"ref\") \" & © *not*\")");
}

static void
test_smart_punctuation (void)
{
  const char *md = "\"Quote\" -- it's... --- done\n";
  g_autofree char *smart = dump_body (md, PRENSA_LOAD_DEFAULT);
  g_assert_cmpstr (smart, ==, "(paragraph \"“Quote” – it’s… — done\")");
  g_autofree char *plain = dump_body (md, PRENSA_LOAD_NO_SMART);
  g_assert_cmpstr (plain, ==, "(paragraph \"\"Quote\" -- it's... --- done\")");
}

static void
test_control_characters (void)
{
  /* NUL, C0/C1 controls and noncharacters cannot go into XML: the loader
   * turns each into U+FFFD; tab survives. */
  static const char md[] = "a\x01" "b\tc\xC2\x85" "d\xEF\xBF\xBE" "e\0f\n";
  g_autoptr (PrensaLoader) l = prensa_loader_new (0);
  g_autoptr (GError) error = NULL;
  g_assert_true (prensa_loader_add_data (l, "t.md", NULL, md, sizeof md - 1, &error));
  g_autoptr (PrensaDocument) doc = prensa_loader_finish (l);
  const PrensaNode *text = prensa_node_first_child (
    prensa_node_first_child (prensa_node_first_child (prensa_document_get_root (doc))));
  g_assert_cmpstr (prensa_node_get_literal (text, NULL), ==,
                   "a\xEF\xBF\xBD" "b\tc\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e\xEF\xBF\xBD" "f");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (0);
  g_autoptr (GError) error = NULL;
  g_assert_false (prensa_loader_add_data (l, "bad.md", NULL, "fine\nab\xC3\x28x\n", -1, &error));
  g_assert_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "bad.md:2:3: invalid UTF-8"));
  /* nothing was added */
  g_autoptr (PrensaDocument) doc = prensa_loader_finish (l);
  g_assert_cmpuint (prensa_document_get_n_parts (doc), ==, 0);
}

static void
test_file_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prensa-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.md", NULL);
  g_assert_null (prensa_document_load (missing, 0, &error));
  g_assert_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.md: cannot open"));
  g_clear_error (&error);
  g_assert_null (prensa_document_load (dir, 0, &error));
  g_assert_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "is a directory"));
  g_rmdir (dir);
}

static void
test_sample_loads (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrensaDocument) doc = prensa_document_load (SAMPLES_DIR "/interview.md", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prensa_document_get_meta_string (doc, "lang"), ==, "en-US");
  g_assert_cmpuint (prensa_document_get_n_speakers (doc), ==, 2);
}

static void
test_several_parts (void)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (0);
  g_assert_true (prensa_loader_add_data (l, "a.md", "/x/a.md", "---\ntitle: A\n---\none\n", -1, NULL));
  g_assert_true (prensa_loader_add_data (l, "b.md", "/x/b.md", "---\ntitle: B\n---\ntwo\n", -1, NULL));
  g_autoptr (PrensaDocument) doc = prensa_loader_finish (l);
  const PrensaNode *a = prensa_node_first_child (prensa_document_get_root (doc));
  const PrensaNode *b = prensa_node_next (a);
  g_assert_cmpuint (prensa_document_get_n_parts (doc), ==, 2);
  g_assert_cmpstr (prensa_value_lookup_string (prensa_node_get_part_meta (a), "title"), ==, "A");
  g_assert_cmpstr (prensa_value_lookup_string (prensa_node_get_part_meta (b), "title"), ==, "B");
  g_assert_cmpstr (prensa_node_get_part_source (b), ==, "/x/b.md");
  /* a book's metadata is its own (-M, --metadata-file): without a title
   * it takes the first part's, and nothing else of it */
  g_assert_null (prensa_document_get_meta_string (doc, "title"));
  g_assert_cmpstr (prensa_document_get_title (doc), ==, "A");
  g_assert_cmpint (prensa_document_get_title_source (doc), ==, PRENSA_TITLE_PART);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/markdown/headings", test_headings);
  g_test_add_func ("/markdown/anchors-unique", test_anchors_unique);
  g_test_add_func ("/markdown/paragraph-breaks", test_paragraph_breaks);
  g_test_add_func ("/markdown/block-quote", test_block_quote);
  g_test_add_func ("/markdown/lists", test_lists);
  g_test_add_func ("/markdown/code", test_code);
  g_test_add_func ("/markdown/raw-html", test_raw_html);
  g_test_add_func ("/markdown/thematic-break", test_thematic_break);
  g_test_add_func ("/markdown/emphasis-links-images", test_emphasis_links_images);
  g_test_add_func ("/markdown/references-entities-escapes", test_reference_links_entities_escapes);
  g_test_add_func ("/markdown/smart-punctuation", test_smart_punctuation);
  g_test_add_func ("/markdown/control-characters", test_control_characters);
  g_test_add_func ("/markdown/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/markdown/file-errors", test_file_errors);
  g_test_add_func ("/markdown/sample-loads", test_sample_loads);
  g_test_add_func ("/markdown/several-parts", test_several_parts);
  return g_test_run ();
}
