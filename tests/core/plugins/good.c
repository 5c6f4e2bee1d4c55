/* good.c: a minimal working writer, to show the loader accepts one.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

static gboolean
write_good (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out, GError **error)
{
  prensa_output_puts (out, "good\n");
  return TRUE;
}

static const PrensaOptionSpec good_options[] = {
  { "level", "1", "A number" },
  { "flag", "false", "A switch" },
  { NULL }
};

PRENSA_WRITER_DEFINE ("good", "A test writer", "good", "text/plain", good_options, write_good);
