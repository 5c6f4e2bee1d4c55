/* failing.c: a writer that writes half its output and then fails, as a
 * writer hitting a bad image or a full disk would.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

static gboolean
write_failing (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out, GError **error)
{
  prensa_output_puts (out, "half of a file\n");
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "failing on purpose");
  return FALSE;
}

PRENSA_WRITER_DEFINE ("failing", "Always fails", "fail", "text/plain", NULL, write_failing);
