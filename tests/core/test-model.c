/* test-model.c: the tree, the iterator and freeing.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "test-util.h"

static void
test_iter_events (void)
{
  g_autoptr (PrensaDocument) doc = load_string ("# A\n\npara *em*\n", 0);
  g_autoptr (PrensaIter) it = prensa_iter_new (prensa_document_get_root (doc));
  GString *s = g_string_new (NULL);
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    g_string_append_printf (s, "%s%s ", ev == PRENSA_EVENT_ENTER ? "+" : "-",
                            prensa_node_type_to_string (prensa_node_get_node_type (prensa_iter_get_node (it))));
  g_assert_cmpstr (s->str, ==,
                   "+document +part +heading +text -heading +paragraph +text +emph +text -emph "
                   "-paragraph -part -document ");
  g_assert_cmpint (prensa_iter_next (it), ==, PRENSA_EVENT_DONE);
  g_string_free (s, TRUE);
}

static void
test_iter_subtree_and_reset (void)
{
  g_autoptr (PrensaDocument) doc = load_string ("one *two* three\n\nnext\n", 0);
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  const PrensaNode *para = prensa_node_first_child (part);
  /* A walk of a subtree stops at its root. */
  g_autoptr (PrensaIter) it = prensa_iter_new (para);
  guint n = 0;
  while (prensa_iter_next (it) != PRENSA_EVENT_DONE)
    n++;
  g_assert_cmpuint (n, ==, 7); /* +p +t +em +t -em +t -p */

  /* Resetting to (container, EXIT) skips its children. */
  g_autoptr (PrensaIter) it2 = prensa_iter_new (part);
  guint entered_text = 0;
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it2)) != PRENSA_EVENT_DONE) {
    const PrensaNode *node = prensa_iter_get_node (it2);
    if (ev == PRENSA_EVENT_ENTER && prensa_node_get_node_type (node) == PRENSA_NODE_PARAGRAPH)
      prensa_iter_reset (it2, node, PRENSA_EVENT_EXIT);
    else if (prensa_node_get_node_type (node) == PRENSA_NODE_TEXT)
      entered_text++;
  }
  g_assert_cmpuint (entered_text, ==, 0);
}

static void
test_leaf_root (void)
{
  g_autoptr (PrensaDocument) doc = load_string ("`x`\n", 0);
  const PrensaNode *code = prensa_node_first_child (
    prensa_node_first_child (prensa_node_first_child (prensa_document_get_root (doc))));
  g_assert_cmpint (prensa_node_get_node_type (code), ==, PRENSA_NODE_CODE);
  g_autoptr (PrensaIter) it = prensa_iter_new (code);
  g_assert_cmpint (prensa_iter_next (it), ==, PRENSA_EVENT_ENTER);
  g_assert_cmpint (prensa_iter_next (it), ==, PRENSA_EVENT_DONE);
}

static void
test_links_between_nodes (void)
{
  g_autoptr (PrensaDocument) doc = load_string ("a\n\nb\n\nc\n", 0);
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  const PrensaNode *a = prensa_node_first_child (part), *c = prensa_node_last_child (part);
  g_assert_true (prensa_node_previous (prensa_node_next (a)) == a);
  g_assert_true (prensa_node_next (prensa_node_next (a)) == c);
  g_assert_null (prensa_node_next (c));
  g_assert_true (prensa_node_parent (c) == part);
  g_assert_true (prensa_node_get_part (prensa_node_first_child (c)) == part);
  g_assert_cmpuint (prensa_node_get_line (c), ==, 5);
  g_assert_cmpuint (prensa_document_get_n_parts (doc), ==, 1);
}

static void
test_deep_nesting (void)
{
  /* 20,000 nested block quotes: loading, walking and freeing use no
   * recursion, so none of them may overflow the stack. */
  const guint depth = 20000;
  GString *md = g_string_new (NULL);
  for (guint i = 0; i < depth; i++)
    g_string_append (md, "> ");
  g_string_append (md, "deep\n");
  g_autoptr (PrensaDocument) doc = load_string (md->str, 0);
  g_string_free (md, TRUE);
  g_autoptr (PrensaIter) it = prensa_iter_new (prensa_document_get_root (doc));
  guint quotes = 0, max = 0, cur = 0;
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    if (prensa_node_get_node_type (prensa_iter_get_node (it)) != PRENSA_NODE_BLOCK_QUOTE)
      continue;
    if (ev == PRENSA_EVENT_ENTER) {
      quotes++;
      cur++;
      max = MAX (max, cur);
    } else {
      cur--;
    }
  }
  g_assert_cmpuint (quotes, ==, depth);
  g_assert_cmpuint (max, ==, depth);
  g_assert_cmpuint (cur, ==, 0);
}

static void
test_dup_text (void)
{
  g_autoptr (PrensaDocument) doc = load_string ("Hello *big*\n`world`  \nagain <b>x</b>\n", 0);
  const PrensaNode *para = prensa_node_first_child (prensa_node_first_child (prensa_document_get_root (doc)));
  g_autofree char *text = prensa_node_dup_text (para);
  g_assert_cmpstr (text, ==, "Hello big world\nagain x");
}

static void
test_xml_escape (void)
{
  GString *s = g_string_new (NULL);
  /* markup, a control, DEL, a C1 control, a noncharacter, bad bytes */
  static const char in[] = "a&b<c>\"d\x01" "e\x7f" "f\xC2\x85g\xEF\xBF\xBEh\xFFi\xE2\x82j\xC3\xA9";
  prensa_xml_escape (s, in, sizeof in - 1, FALSE);
  g_assert_cmpstr (s->str, ==, "a&amp;b&lt;c&gt;\"d\xEF\xBF\xBD" "e\xEF\xBF\xBD" "f\xEF\xBF\xBD"
                               "g\xEF\xBF\xBD" "h\xEF\xBF\xBD" "i\xEF\xBF\xBD\xEF\xBF\xBD" "j\xC3\xA9");
  g_string_truncate (s, 0);
  prensa_xml_escape (s, "say \"hi\" & go", -1, TRUE);
  g_assert_cmpstr (s->str, ==, "say &quot;hi&quot; &amp; go");
  g_string_free (s, TRUE);
  g_assert_cmpuint (prensa_text_width ("abc", -1), ==, 3);
  g_assert_cmpuint (prensa_text_width ("\xE4\xB8\xAD\xE6\x96\x87", -1), ==, 4); /* two wide */
  g_assert_cmpuint (prensa_text_width ("e\xCC\x81", -1), ==, 1);                 /* combining */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/iter/events", test_iter_events);
  g_test_add_func ("/model/iter/subtree-and-reset", test_iter_subtree_and_reset);
  g_test_add_func ("/model/iter/leaf-root", test_leaf_root);
  g_test_add_func ("/model/links", test_links_between_nodes);
  g_test_add_func ("/model/deep-nesting", test_deep_nesting);
  g_test_add_func ("/model/dup-text", test_dup_text);
  g_test_add_func ("/model/xml-escape", test_xml_escape);
  return g_test_run ();
}
