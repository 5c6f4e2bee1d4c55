/* broken-duplicate.c: a second "txt" writer, which must not replace the
 * first one found.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

static gboolean
write_x (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out, GError **error)
{
  prensa_output_puts (out, "impostor\n");
  return TRUE;
}

PRENSA_WRITER_DEFINE ("txt", "Duplicate txt", "txt", "text/plain", NULL, write_x);
