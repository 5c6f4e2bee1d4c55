/* broken-reader.c: a good writer beside a reader of another ABI, which
 * the host must refuse alone, with one warning, keeping the writer.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-reader.h>

static gboolean
read_nothing (PrensaBuilder *b, const char *data, gsize length, GError **error)
{
  return TRUE;
}

static gboolean
write_nothing (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out,
               GError **error)
{
  return TRUE;
}

PRENSA_PLUGIN_EXPORT extern const PrensaReader prensa_reader;
const PrensaReader prensa_reader = {
  PRENSA_PLUGIN_ABI + 7, "badreader", "Wrong ABI", "bad", "text/plain", PRENSA_READER_TEXT, NULL,
  read_nothing, { NULL }
};
PRENSA_WRITER_DEFINE ("badreader", "A writer whose reader is refused", "bad", "text/plain", NULL,
                      write_nothing);
