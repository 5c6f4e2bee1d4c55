/* model2.c: a writer as it was built against the model-2 header, before
 * the pull quote: its `model` field says 2, and its write() knows the
 * nodes up to PRENSA_NODE_FOOTNOTE_REFERENCE only. One line per node it
 * meets, so a test can see the host gave it a block quote instead.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

static gboolean
write_model2 (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out,
              GError **error)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (prensa_document_get_root (doc));
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    const PrensaNode *n = prensa_iter_get_node (it);
    PrensaNodeType t = prensa_node_get_node_type (n);
    if (ev != PRENSA_EVENT_ENTER)
      continue;
    if (t > PRENSA_NODE_FOOTNOTE_REFERENCE)
      prensa_output_printf (out, "UNKNOWN %d\n", (int) t);
    else
      prensa_output_printf (out, "%s\n", prensa_node_type_to_string (t));
  }
  return TRUE;
}

PRENSA_PLUGIN_EXPORT extern const PrensaWriter prensa_writer;
const PrensaWriter prensa_writer = {
  PRENSA_PLUGIN_ABI, "model2", "A writer built before model 3", "m2", "text/plain", NULL,
  write_model2, 2, { NULL }
};
