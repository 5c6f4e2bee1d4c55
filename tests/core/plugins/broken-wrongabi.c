/* broken-wrongabi.c: built against a future ABI.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

static gboolean
write_x (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out, GError **error)
{
  return TRUE;
}

PRENSA_PLUGIN_EXPORT extern const PrensaWriter prensa_writer;
const PrensaWriter prensa_writer = {
  PRENSA_PLUGIN_ABI + 41, "wrongabi", "Wrong ABI", "x", "text/plain", NULL, write_x, PRENSA_MODEL, { NULL }
};
