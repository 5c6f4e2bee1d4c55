/* model1.c: a writer as it was built against the model-1 header, before
 * tables, footnotes, strikethrough and task items: the PrensaWriter of
 * that header, field for field (its reserved room all NULL), and a write()
 * whose switch knows only model-1 nodes. It prints one line per node it
 * meets, so a test can see that the host lowered the document for it.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

typedef struct {
  guint abi;
  const char *name;
  const char *description;
  const char *extension;
  const char *mime_type;
  const PrensaOptionSpec *options;
  PrensaWriteFunc write;
  gpointer reserved[8];
} PrensaWriterModel1;

static gboolean
write_model1 (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out,
              GError **error)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (prensa_document_get_root (doc));
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    const PrensaNode *n = prensa_iter_get_node (it);
    if (ev != PRENSA_EVENT_ENTER)
      continue;
    PrensaNodeType t = prensa_node_get_node_type (n);
    if (t > PRENSA_NODE_IMAGE) {
      prensa_output_printf (out, "UNKNOWN %d\n", (int) t);
      continue;
    }
    const char *lit = prensa_node_get_literal (n, NULL);
    prensa_output_printf (out, "%s%s%s\n", prensa_node_type_to_string (t), lit ? " " : "",
                          lit ? lit : "");
  }
  return TRUE;
}

PRENSA_PLUGIN_EXPORT extern const PrensaWriterModel1 prensa_writer;
const PrensaWriterModel1 prensa_writer = {
  1, "model1", "A writer built before model 2", "m1", "text/plain", NULL, write_model1, { NULL }
};
