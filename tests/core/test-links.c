/* test-links.c: where a link leads in a book, one answer for every
 * writer (prensa_document_resolve_link), and links that lead nowhere
 * made text once, at load.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "test-util.h"

static const char part_a[] =
  "---\ntitle: A\n---\n\n# Start\n\nSee [b](sub/b.md#start), [b's top](sub/b.md),"
  " [escaped](%73ub/b.md) and a note.[^1]\n\n[^1]: The note.\n";
static const char part_b[] =
  "---\ntitle: B\n---\n\n# Start\n\nBack to [a](../a.md#start), [here](#start),"
  " [my note](#fn-1) and [raw](#box).[^1]\n\n"
  "<div class=\"x\" id=\"box\">boxed</div>\n\n[^1]: B's note.\n";

/* Two parts, as if read from /book/a.md and /book/sub/b.md (the loader
 * compares paths: the files need not exist). */
static PrensaDocument *
load_book (void)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (0);
  g_autoptr (GError) error = NULL;
  g_assert_true (prensa_loader_add_data (l, "a.md", "/book/a.md", part_a, -1, &error));
  g_assert_true (prensa_loader_add_data (l, "b.md", "/book/sub/b.md", part_b, -1, &error));
  g_assert_no_error (error);
  return prensa_loader_finish (l);
}

static const PrensaNode *
part_at (PrensaDocument *doc, guint index)
{
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  while (index-- > 0)
    part = prensa_node_next (part);
  return part;
}

static void
assert_leads (PrensaDocument *doc, guint from, const char *href, guint to,
              PrensaNodeType type, const char *anchor)
{
  const PrensaNode *to_part = NULL, *target = NULL;
  const char *id = NULL;
  g_assert_cmpint (prensa_document_resolve_link (doc, part_at (doc, from), href,
                                                 &to_part, &target, &id),
                   ==, PRENSA_LINK_INTERNAL);
  g_assert_true (to_part == part_at (doc, to));
  g_assert_cmpint (prensa_node_get_node_type (target), ==, type);
  g_assert_cmpstr (id, ==, anchor);
  g_assert_cmpstr (prensa_node_get_anchor (target), ==, anchor);
}

static void
assert_kind (PrensaDocument *doc, const char *href, PrensaLinkKind kind)
{
  const char *id = "unset";
  g_assert_cmpint (prensa_document_resolve_link (doc, part_at (doc, 0), href, NULL, NULL, &id),
                   ==, kind);
  g_assert_null (id);
}

static void
test_between_parts (void)
{
  g_autoptr (PrensaDocument) doc = load_book ();
  assert_leads (doc, 0, "sub/b.md#start", 1, PRENSA_NODE_HEADING, "start-1");
  assert_leads (doc, 0, "sub/b.md", 1, PRENSA_NODE_PART, "part-2");
  assert_leads (doc, 0, "%73ub/b.md", 1, PRENSA_NODE_PART, "part-2");
  assert_leads (doc, 0, "a.md", 0, PRENSA_NODE_PART, "part-1");
  assert_leads (doc, 1, "../a.md#start", 0, PRENSA_NODE_HEADING, "start");
  /* what b's author wrote, b being alone: its own Start, its own note */
  assert_leads (doc, 1, "#start", 1, PRENSA_NODE_HEADING, "start-1");
  assert_leads (doc, 1, "#fn-1", 1, PRENSA_NODE_FOOTNOTE_DEFINITION, "fn-p2-1");
  /* the book's own name for an anchor, and a bare fragment anywhere */
  assert_leads (doc, 0, "sub/b.md#start-1", 1, PRENSA_NODE_HEADING, "start-1");
  assert_leads (doc, 1, "#part-1", 0, PRENSA_NODE_PART, "part-1");
}

static void
test_raw_id (void)
{
  g_autoptr (PrensaDocument) doc = load_book ();
  const PrensaNode *target = NULL;
  const char *id = NULL;
  g_assert_cmpint (prensa_document_resolve_link (doc, part_at (doc, 1), "#box", NULL, &target, &id),
                   ==, PRENSA_LINK_INTERNAL);
  g_assert_cmpint (prensa_node_get_node_type (target), ==, PRENSA_NODE_RAW_BLOCK);
  g_assert_cmpstr (id, ==, "box");
  g_assert_cmpint (prensa_document_resolve_link (doc, part_at (doc, 0), "sub/b.md#box",
                                                 NULL, NULL, NULL), ==, PRENSA_LINK_INTERNAL);
}

static void
test_kinds (void)
{
  g_autoptr (PrensaDocument) doc = load_book ();
  assert_kind (doc, "https://example.org/a.md", PRENSA_LINK_EXTERNAL);
  assert_kind (doc, "mailto:someone@example.org", PRENSA_LINK_EXTERNAL);
  assert_kind (doc, "//example.org/x", PRENSA_LINK_EXTERNAL);
  assert_kind (doc, "notes.pdf", PRENSA_LINK_LOCAL);
  assert_kind (doc, "sub/b.md?x=1", PRENSA_LINK_MISSING);
  assert_kind (doc, "page.html?x=1", PRENSA_LINK_LOCAL);
  assert_kind (doc, "missing.md", PRENSA_LINK_MISSING);
  assert_kind (doc, "MISSING.MD#x", PRENSA_LINK_MISSING);
  assert_kind (doc, "sub/b.md#nowhere", PRENSA_LINK_MISSING);
  assert_kind (doc, "#nowhere", PRENSA_LINK_MISSING);
  assert_kind (doc, "#", PRENSA_LINK_MISSING);
  assert_kind (doc, "", PRENSA_LINK_MISSING);
  assert_kind (doc, "c:/book/a.md", PRENSA_LINK_MISSING);
}

/* Loaded in a child, whose standard error says how often it warned. */
static void
test_dropped (void)
{
  if (g_test_subprocess ()) {
    g_autoptr (PrensaDocument) doc = load_string (
        "# Top\n\nSee [gone](gone.md#x) and [nowhere](#nowhere), [top](#top).\n", 0);
    g_autofree char *tree = dump_tree (prensa_document_get_root (doc));
    g_print ("%s\n", tree);
    return;
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* A single document keeps a link to a fragment it does not hold (an
   * HTML fragment may be set in a page that does), as cmark does. */
  g_test_trap_assert_stdout ("*\"See \" \"gone\" \" and \"*(link*\"nowhere\"*(link*\"top\")*");
  g_test_trap_assert_stderr ("*test.md:3: warning: link to “gone.md#x” names a file that is not in the book*");
  g_test_trap_assert_stderr ("*link to “#nowhere” names no heading or id in the document; only HTML keeps it*");
  g_test_trap_assert_stderr_unmatched ("*test.md:3*test.md:3*test.md:3*");
}

/* A heading "Part 1" gives way to the part's anchor, taken first, in a
 * part alone as in a book. */
static void
test_part_anchor_first (void)
{
  g_autoptr (PrensaDocument) doc = load_string ("# Part 1\n\n[it](#part-1)\n", 0);
  const PrensaNode *part = part_at (doc, 0);
  const PrensaNode *heading = prensa_node_first_child (part);
  g_assert_cmpstr (prensa_node_get_anchor (part), ==, "part-1");
  g_assert_cmpstr (prensa_node_get_anchor (heading), ==, "part-1-1");
  assert_leads (doc, 0, "#part-1", 0, PRENSA_NODE_PART, "part-1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/links/between-parts", test_between_parts);
  g_test_add_func ("/links/raw-id", test_raw_id);
  g_test_add_func ("/links/kinds", test_kinds);
  g_test_add_func ("/links/dropped", test_dropped);
  g_test_add_func ("/links/part-anchor-first", test_part_anchor_first);
  return g_test_run ();
}
