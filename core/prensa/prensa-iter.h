/* prensa-iter.h: walking a tree with ENTER/EXIT events, as cmark_iter does.
 *
 *   PrensaIter *it = prensa_iter_new (prensa_document_get_root (doc));
 *   PrensaEventType ev;
 *   while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
 *     const PrensaNode *n = prensa_iter_get_node (it);
 *     switch (prensa_node_get_node_type (n)) { … }
 *   }
 *   prensa_iter_free (it);
 *
 * Containers get ENTER then EXIT; leaves (prensa_node_type_is_leaf()) get
 * ENTER only. The walk uses no recursion, so any depth is safe: prefer it
 * to recursive helpers over prensa_node_first_child()/_next(), since a
 * document can nest as deep as its Markdown does. The root itself is the
 * first ENTER and the last EXIT; any node can be a root (a TURN, a
 * PARAGRAPH), which walks just that subtree. An iterator holds no
 * reference: the document must outlive it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-version.h>
#include <prensa/prensa-node.h>

G_BEGIN_DECLS

typedef struct _PrensaIter PrensaIter;

typedef enum {
  PRENSA_EVENT_NONE,
  PRENSA_EVENT_DONE,
  PRENSA_EVENT_ENTER,
  PRENSA_EVENT_EXIT,
} PrensaEventType;

/* Walks @root and its descendants. Returns: (transfer full): free with
 * prensa_iter_free() or g_autoptr(PrensaIter). */
PRENSA_API PrensaIter *prensa_iter_new (const PrensaNode *root);
/* NULL is ok. */
PRENSA_API void prensa_iter_free (PrensaIter *iter);

/* Advances and returns the new event: ENTER or EXIT, then DONE once the
 * root has been left (and DONE on every later call). */
PRENSA_API PrensaEventType prensa_iter_next (PrensaIter *iter);
/* The node of the current event. Returns: (transfer none): lives as long
 * as the document. */
PRENSA_API const PrensaNode *prensa_iter_get_node (const PrensaIter *iter);
/* The current event, as prensa_iter_next() last returned it (NONE before
 * the first call). */
PRENSA_API PrensaEventType prensa_iter_get_event (const PrensaIter *iter);

/* Moves the iterator so the next call to prensa_iter_next() continues
 * after @node/@event: reset to (@container, EXIT) on its ENTER to skip its
 * children (the EXIT itself is then not reported). @node must lie inside
 * the iterator's root. */
PRENSA_API void prensa_iter_reset (PrensaIter *iter,
                                   const PrensaNode *node,
                                   PrensaEventType event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaIter, prensa_iter_free)

G_END_DECLS
