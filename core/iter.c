/* iter.c: ENTER/EXIT walks without recursion.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "prensa-private.h"

struct _PrensaIter {
  const PrensaNode *root;
  const PrensaNode *node;
  PrensaEventType event;
};

PrensaIter *
prensa_iter_new (const PrensaNode *root)
{
  g_return_val_if_fail (root != NULL, NULL);
  PrensaIter *it = g_new (PrensaIter, 1);
  it->root = root;
  it->node = root;
  it->event = PRENSA_EVENT_NONE;
  return it;
}

void
prensa_iter_free (PrensaIter *iter)
{
  g_free (iter);
}

PrensaEventType
prensa_iter_next (PrensaIter *it)
{
  g_return_val_if_fail (it != NULL, PRENSA_EVENT_DONE);
  const PrensaNode *n = it->node;

  switch (it->event) {
  case PRENSA_EVENT_DONE:
    return PRENSA_EVENT_DONE;
  case PRENSA_EVENT_NONE:
    it->event = PRENSA_EVENT_ENTER;
    return it->event;
  case PRENSA_EVENT_ENTER:
    if (!prensa_node_type_is_leaf (n->type)) {
      if (n->first_child) {
        it->node = n->first_child;
        it->event = PRENSA_EVENT_ENTER;
      } else {
        it->event = PRENSA_EVENT_EXIT;
      }
      return it->event;
    }
    break;
  default:
    break;
  }
  /* Leaving @n (a leaf just entered, or a container just exited). */
  if (n == it->root) {
    it->event = PRENSA_EVENT_DONE;
  } else if (n->next) {
    it->node = n->next;
    it->event = PRENSA_EVENT_ENTER;
  } else {
    it->node = n->parent;
    it->event = PRENSA_EVENT_EXIT;
  }
  return it->event;
}

const PrensaNode *
prensa_iter_get_node (const PrensaIter *it)
{
  g_return_val_if_fail (it != NULL, NULL);
  return it->node;
}

PrensaEventType
prensa_iter_get_event (const PrensaIter *it)
{
  g_return_val_if_fail (it != NULL, PRENSA_EVENT_NONE);
  return it->event;
}

void
prensa_iter_reset (PrensaIter *it, const PrensaNode *node, PrensaEventType event)
{
  g_return_if_fail (it != NULL && node != NULL);
  it->node = node;
  it->event = event;
}
