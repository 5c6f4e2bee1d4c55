/* test-frontmatter.c: YAML front matter and -M overrides.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "test-util.h"

#include <glib/gstdio.h>
#include <unistd.h>

static PrensaDocument *
load_with_meta (const char *md, const char *const *overrides, GError **error)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (0);
  for (guint i = 0; overrides && overrides[i]; i += 2)
    prensa_loader_set_meta (l, overrides[i], overrides[i + 1]);
  if (!prensa_loader_add_data (l, "fm.md", NULL, md, -1, error))
    return NULL;
  return prensa_loader_finish (l);
}

static void
test_values (void)
{
  g_autoptr (PrensaDocument) doc = load_with_meta (
    "---\ntitle: A Title\nauthor:\n  - Ann\n  - Bob\nextra:\n  nested: [1, two]\n  flag: true\n---\n\nBody\n",
    NULL, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpstr (prensa_document_get_meta_string (doc, "title"), ==, "A Title");
  g_auto (GStrv) authors = prensa_document_dup_meta_strv (doc, "author");
  g_assert_cmpuint (g_strv_length (authors), ==, 2);
  g_assert_cmpstr (authors[1], ==, "Bob");
  const PrensaValue *extra = prensa_value_lookup (prensa_document_get_meta (doc), "extra");
  g_assert_cmpint (prensa_value_get_kind (extra), ==, PRENSA_VALUE_MAP);
  g_assert_cmpstr (prensa_value_get_key (extra, 1), ==, "flag");
  g_assert_cmpstr (prensa_value_lookup_string (extra, "flag"), ==, "true");
  const PrensaValue *nested = prensa_value_lookup (extra, "nested");
  g_assert_cmpint (prensa_value_get_kind (nested), ==, PRENSA_VALUE_LIST);
  g_assert_cmpstr (prensa_value_get_string (prensa_value_get_item (nested, 1)), ==, "two");
  /* the body starts after the block; its lines are file lines */
  const PrensaNode *para = prensa_node_first_child (prensa_node_first_child (prensa_document_get_root (doc)));
  g_assert_cmpuint (prensa_node_get_line (para), ==, 11);
}

static void
test_overrides (void)
{
  const char *const over[] = { "title", "Override", "new-key", "fresh", NULL };
  g_autoptr (PrensaDocument) doc = load_with_meta ("---\ntitle: Old\nlang: fr\n---\nx\n", over, NULL);
  const PrensaValue *meta = prensa_document_get_meta (doc);
  g_assert_cmpstr (prensa_value_lookup_string (meta, "title"), ==, "Override");
  g_assert_cmpstr (prensa_value_lookup_string (meta, "new-key"), ==, "fresh");
  g_assert_cmpstr (prensa_value_lookup_string (meta, "lang"), ==, "fr");
  /* an overridden key appears once when the map is listed */
  guint titles = 0;
  for (guint i = 0; i < prensa_value_get_length (meta); i++)
    titles += g_str_equal (prensa_value_get_key (meta, i), "title");
  g_assert_cmpuint (titles, ==, 1);
}

/* A book of several inputs is its own: its metadata is -M and the
 * metadata file only, each part keeps its own front matter, an untitled
 * book takes part one's title alone, and its identifier is made from the
 * content, never a part's. One input stays the document. */
static PrensaDocument *
load_book (const char *meta_file, const char *const *overrides, guint n, const char *const *parts)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (PRENSA_LOAD_NO_SMART);
  g_autoptr (GError) error = NULL;
  for (guint i = 0; overrides && overrides[i]; i += 2)
    prensa_loader_set_meta (l, overrides[i], overrides[i + 1]);
  if (meta_file)
    g_assert_true (prensa_loader_set_metadata_file (l, meta_file, &error));
  for (guint i = 0; i < n; i++)
    g_assert_true (prensa_loader_add_data (l, "part.md", NULL, parts[i], -1, &error));
  return prensa_loader_finish (l);
}

static void
test_book (void)
{
  const char *const parts[] = {
    "---\ntitle: One\nsubtitle: Sub one\nauthor: Ann\nrights: Mine\nidentifier: urn:x:one\n---\n\nBody one.\n",
    "---\ntitle: Two\nauthor: Bob\n---\n\nBody two.\n",
  };
  const char *const titled[] = { "title", "The Book", NULL };
  g_autoptr (PrensaDocument) book = load_book (NULL, titled, 2, parts);
  const PrensaValue *meta = prensa_document_get_meta (book);
  g_assert_cmpstr (prensa_document_get_title (book), ==, "The Book");
  g_assert_cmpstr (prensa_document_get_headline (book), ==, "The Book");
  g_assert_cmpuint (prensa_value_get_length (meta), ==, 1);
  const PrensaNode *one = prensa_node_first_child (prensa_document_get_root (book));
  g_assert_cmpstr (prensa_value_lookup_string (prensa_node_get_part_meta (one), "title"), ==, "One");
  g_assert_cmpstr (prensa_value_lookup_string (prensa_node_get_part_meta (one), "subtitle"), ==, "Sub one");
  g_autofree char *id = prensa_document_dup_identifier (book);
  g_assert_true (g_str_has_prefix (id, "urn:uuid:"));

  /* the same inputs, the same identifier; another text, another */
  g_autoptr (PrensaDocument) again = load_book (NULL, titled, 2, parts);
  g_autofree char *id_again = prensa_document_dup_identifier (again);
  g_assert_cmpstr (id, ==, id_again);
  const char *const changed[] = { parts[0], "---\ntitle: Two\nauthor: Bob\n---\n\nBody 2.\n" };
  g_autoptr (PrensaDocument) other = load_book (NULL, titled, 2, changed);
  g_autofree char *id_other = prensa_document_dup_identifier (other);
  g_assert_cmpstr (id, !=, id_other);

  /* untitled: part one's title and nothing else of it */
  g_autoptr (PrensaDocument) untitled = load_book (NULL, NULL, 2, parts);
  g_assert_cmpstr (prensa_document_get_title (untitled), ==, "One");
  g_assert_cmpint (prensa_document_get_title_source (untitled), ==, PRENSA_TITLE_PART);
  g_assert_null (prensa_document_get_headline (untitled));
  g_assert_null (prensa_document_get_meta_string (untitled, "subtitle"));
  g_assert_null (prensa_document_get_meta_string (untitled, "rights"));

  /* the metadata file is the book's, not the parts' */
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("book-XXXXXX.yaml", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, "subtitle: From the file\nrights: CC0\n", -1, NULL));
  g_autoptr (PrensaDocument) filed = load_book (path, titled, 2, parts);
  g_assert_cmpstr (prensa_document_get_meta_string (filed, "subtitle"), ==, "From the file");
  const PrensaNode *two = prensa_node_next (prensa_node_first_child (prensa_document_get_root (filed)));
  g_assert_null (prensa_value_lookup_string (prensa_node_get_part_meta (two), "subtitle"));
  g_assert_null (prensa_value_lookup_string (prensa_node_get_part_meta (two), "rights"));

  /* one input is the document: its front matter, -M on top, is the book's */
  g_autoptr (PrensaDocument) single = load_book (path, titled, 1, parts);
  g_assert_cmpstr (prensa_document_get_title (single), ==, "The Book");
  g_assert_null (prensa_document_get_headline (single));
  g_assert_cmpstr (prensa_document_get_meta_string (single, "subtitle"), ==, "Sub one");
  g_assert_cmpstr (prensa_document_get_meta_string (single, "rights"), ==, "Mine");
  g_autofree char *single_id = prensa_document_dup_identifier (single);
  g_assert_cmpstr (single_id, ==, "urn:x:one");
  one = prensa_node_first_child (prensa_document_get_root (single));
  g_assert_true (prensa_node_get_part_meta (one) == prensa_document_get_meta (single));
  g_unlink (path);
}

static void
assert_fm_error (const char *md, PrensaLoadError code, const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrensaDocument) doc = load_with_meta (md, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, PRENSA_LOAD_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected '%s…', got '%s'", prefix, error->message);
}

static void
test_malformed (void)
{
  assert_fm_error ("---\ntitle: ok\nbad: [unclosed\nmore: x\n---\nbody\n",
                   PRENSA_LOAD_ERROR_FRONT_MATTER, "fm.md:4:"); /* at "more: x" */
  assert_fm_error ("---\ntitle: a\n  indented: wrong\n---\n", PRENSA_LOAD_ERROR_FRONT_MATTER, "fm.md:3:");
  assert_fm_error ("---\n- a list\n---\n", PRENSA_LOAD_ERROR_FRONT_MATTER, "fm.md:2:");
  assert_fm_error ("---\na: &x 1\nb: *x\n---\n", PRENSA_LOAD_ERROR_FRONT_MATTER, "fm.md:3:");
  assert_fm_error ("---\ntitle: never closed\n\nbody\n", PRENSA_LOAD_ERROR_FRONT_MATTER, "fm.md:1:");
  assert_fm_error ("---\nspeakers: nobody\n---\n", PRENSA_LOAD_ERROR_METADATA, "fm.md: front matter: 'speakers'");
  assert_fm_error ("---\nspeakers:\n  - id: X\n    name: Y\n    role: boss\n---\n",
                   PRENSA_LOAD_ERROR_METADATA, "fm.md: front matter: speaker 1 has role 'boss'");
}

static void
test_not_front_matter (void)
{
  /* "---" then a blank line is a thematic break, not metadata. */
  assert_body ("---\n\ntext\n", "(thematic_break) (paragraph \"text\")");
  /* an empty block is empty metadata */
  g_autoptr (PrensaDocument) doc = load_with_meta ("---\n---\nbody\n", NULL, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpuint (prensa_value_get_length (prensa_document_get_meta (doc)), ==, 0);
  /* a byte order mark does not hide the block */
  g_autoptr (PrensaDocument) bom = load_with_meta ("\xEF\xBB\xBF---\ntitle: T\n---\n", NULL, NULL);
  g_assert_cmpstr (prensa_document_get_meta_string (bom, "title"), ==, "T");
}

/* Metadata prose gets the body's smart punctuation; dates, identifiers and
 * the like stay as typed, and --no-smart keeps everything straight. */
static void
test_smart (void)
{
  const char *md = "---\ntitle: \"A tenants' garden -- \\\"the 'plot'\\\"...\"\n"
                   "author: [Dan O'Brien, \"'90s kid\"]\nidentifier: urn:x--y...\n---\n\nBody\n";
  const char *const over[] = { "subtitle", "Rock 'n' roll", NULL };
  g_autoptr (PrensaDocument) doc = load_with_meta (md, over, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpstr (prensa_document_get_meta_string (doc, "title"), ==,
                   "A tenants\u2019 garden \u2013 \u201Cthe \u2018plot\u2019\u201D\u2026");
  g_assert_cmpstr (prensa_document_get_meta_string (doc, "subtitle"), ==, "Rock \u2018n\u2019 roll");
  g_auto (GStrv) authors = prensa_document_dup_meta_strv (doc, "author");
  g_assert_cmpstr (authors[0], ==, "Dan O\u2019Brien");
  g_assert_cmpstr (authors[1], ==, "\u201990s kid");
  g_assert_cmpstr (prensa_document_get_meta_string (doc, "identifier"), ==, "urn:x--y...");
  g_assert_cmpstr (prensa_document_get_title (doc), ==,
                   "A tenants\u2019 garden \u2013 \u201Cthe \u2018plot\u2019\u201D\u2026");

  g_autoptr (PrensaLoader) l = prensa_loader_new (PRENSA_LOAD_NO_SMART);
  g_assert_true (prensa_loader_add_data (l, "fm.md", NULL, md, -1, NULL));
  g_autoptr (PrensaDocument) plain = prensa_loader_finish (l);
  g_assert_cmpstr (prensa_document_get_meta_string (plain, "title"), ==,
                   "A tenants' garden -- \"the 'plot'\"...");
  g_autofree char *em = prensa_text_smarten ("a---b 'x' \"y\" ...");
  g_assert_cmpstr (em, ==, "a\u2014b \u2018x\u2019 \u201Cy\u201D \u2026");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/frontmatter/values", test_values);
  g_test_add_func ("/frontmatter/smart", test_smart);
  g_test_add_func ("/frontmatter/overrides", test_overrides);
  g_test_add_func ("/frontmatter/book", test_book);
  g_test_add_func ("/frontmatter/malformed", test_malformed);
  g_test_add_func ("/frontmatter/not-front-matter", test_not_front_matter);
  return g_test_run ();
}
