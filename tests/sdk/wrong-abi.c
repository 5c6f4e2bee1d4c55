/* wrong-abi.c: a plugin built for the plugin ABI after this one, which
 * prensa must refuse by name, with both ABI numbers, before it reads any
 * other field.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <prensa/prensa-plugin.h>

static gboolean
write_nothing (const PrensaDocument *document, const PrensaOptions *options,
               PrensaOutput *output, GError **error)
{
  return TRUE;
}

/* Filled by hand, as PRENSA_WRITER_DEFINE always writes the current ABI. */
PRENSA_PLUGIN_EXPORT extern const PrensaWriter prensa_writer;
const PrensaWriter prensa_writer = {
  PRENSA_PLUGIN_ABI + 1, "future", "From a prensa not yet written", "future",
  "application/octet-stream", NULL, write_nothing, { NULL }
};
