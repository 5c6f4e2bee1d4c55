/* broken-descriptor.c: a writer whose descriptor section holds a record
 * cut short (a field missing): it must be skipped with a warning, and
 * never loaded.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

static gboolean
write_x (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out, GError **error)
{
  return TRUE;
}

__attribute__((section (PRENSA_DESCRIPTOR_SECTION), used, aligned (1)))
static const char broken_descriptor[] = PRENSA_DESCRIPTOR_MAGIC "\0" PRENSA_DESCRIPTOR_FORMAT
                                        "\0writer\0" G_STRINGIFY (PRENSA_PLUGIN_ABI) "\0"
                                        G_STRINGIFY (PRENSA_MODEL) "\0baddescriptor";

PRENSA_PLUGIN_EXPORT extern const PrensaWriter prensa_writer;
const PrensaWriter prensa_writer = {
  PRENSA_PLUGIN_ABI, "baddescriptor", "Broken descriptor", "bd", "text/plain", NULL, write_x,
  PRENSA_MODEL, { NULL }
};
