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
 * ENTER only. The walk uses no recursion, so any depth is safe.
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

/* Walks @root and its descendants. Returns: (transfer full). */
PRENSA_API PrensaIter *prensa_iter_new (const PrensaNode *root);
PRENSA_API void prensa_iter_free (PrensaIter *iter);

PRENSA_API PrensaEventType prensa_iter_next (PrensaIter *iter);
PRENSA_API const PrensaNode *prensa_iter_get_node (const PrensaIter *iter);
PRENSA_API PrensaEventType prensa_iter_get_event (const PrensaIter *iter);

/* Moves the iterator so the next call to prensa_iter_next() continues
 * after @node/@event: reset to (@container, EXIT) to skip its children. */
PRENSA_API void prensa_iter_reset (PrensaIter *iter,
                                   const PrensaNode *node,
                                   PrensaEventType event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaIter, prensa_iter_free)

G_END_DECLS
