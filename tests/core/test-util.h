/* test-util.h: helpers shared by the core tests.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <string.h>
#include <prensa/prensa.h>

/* Loads @markdown as one in-memory part; fails the test on error. */
static inline PrensaDocument *
load_string (const char *markdown, PrensaLoadFlags flags)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (flags);
  g_autoptr (GError) error = NULL;
  gboolean ok = prensa_loader_add_data (l, "test.md", NULL, markdown, -1, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return prensa_loader_finish (l);
}

/* A compact dump of the tree under @node: (type attr… children…), text
 * as "…", so expected trees fit on a line. */
static inline char *
dump_tree (const PrensaNode *node)
{
  GString *s = g_string_new (NULL);
  g_autoptr (PrensaIter) it = prensa_iter_new (node);
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    const PrensaNode *n = prensa_iter_get_node (it);
    PrensaNodeType t = prensa_node_get_node_type (n);
    if (ev == PRENSA_EVENT_EXIT) {
      g_string_append_c (s, ')');
      continue;
    }
    if (s->len && s->str[s->len - 1] != '(')
      g_string_append_c (s, ' ');
    gsize len;
    const char *lit = prensa_node_get_literal (n, &len);
    if (t == PRENSA_NODE_TEXT) {
      g_string_append_printf (s, "\"%.*s\"", (int) len, lit);
      continue;
    }
    g_string_append_printf (s, "(%s", prensa_node_type_to_string (t));
    switch (t) {
    case PRENSA_NODE_HEADING:
      g_string_append_printf (s, " %d #%s", prensa_node_get_heading_level (n), prensa_node_get_anchor (n));
      break;
    case PRENSA_NODE_LIST:
      g_string_append_printf (s, " %s", prensa_node_get_list_type (n) == PRENSA_LIST_ORDERED ? "ordered" : "bullet");
      if (prensa_node_get_list_type (n) == PRENSA_LIST_ORDERED)
        g_string_append_printf (s, " start=%d %s", prensa_node_get_list_start (n),
                                prensa_node_get_list_delim (n) == PRENSA_DELIM_PAREN ? "paren" : "period");
      g_string_append (s, prensa_node_get_list_tight (n) ? " tight" : " loose");
      break;
    case PRENSA_NODE_LINK:
    case PRENSA_NODE_IMAGE:
      g_string_append_printf (s, " <%s>", prensa_node_get_url (n));
      if (prensa_node_get_title (n))
        g_string_append_printf (s, " '%s'", prensa_node_get_title (n));
      break;
    case PRENSA_NODE_CODE_BLOCK:
      if (prensa_node_get_info (n))
        g_string_append_printf (s, " [%s]", prensa_node_get_info (n));
      break;
    case PRENSA_NODE_TURN:
      g_string_append_printf (s, " %s", prensa_speaker_get_id (prensa_node_get_speaker (n)));
      break;
    default:
      break;
    }
    if (lit)
      g_string_append_printf (s, " \"%.*s\"", (int) len, lit);
    if (prensa_node_type_is_leaf (t))
      g_string_append_c (s, ')');
  }
  return g_string_free (s, FALSE);
}

/* The dump of the first (only) part's children. */
static inline char *
dump_body (const char *markdown, PrensaLoadFlags flags)
{
  g_autoptr (PrensaDocument) doc = load_string (markdown, flags);
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  GString *s = g_string_new (NULL);
  for (const PrensaNode *n = prensa_node_first_child (part); n; n = prensa_node_next (n)) {
    g_autofree char *d = dump_tree (n);
    g_string_append_printf (s, "%s%s", s->len ? " " : "", d);
  }
  return g_string_free (s, FALSE);
}

#define assert_body(markdown, expected) \
  do { g_autofree char *got_ = dump_body ((markdown), 0); g_assert_cmpstr (got_, ==, (expected)); } while (0)
