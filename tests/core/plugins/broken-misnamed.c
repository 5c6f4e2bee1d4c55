/* broken-misnamed.c: its format name differs from its file name.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

static gboolean
write_x (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out, GError **error)
{
  return TRUE;
}

PRENSA_WRITER_DEFINE ("somethingelse", "Misnamed", "mis", "text/plain", NULL, write_x);
