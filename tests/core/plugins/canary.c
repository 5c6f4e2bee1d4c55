/* canary.c: a module carrying a writer, a reader and a filter, whose
 * constructor appends a line to the file $PRENSA_TEST_MARKER: the test
 * that prensa runs no module it does not use looks for that file.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <prensa/prensa-filter.h>
#include <prensa/prensa-reader.h>

__attribute__((constructor)) static void
mark (void)
{
  const char *path = getenv ("PRENSA_TEST_MARKER");
  if (path == NULL)
    return;
  int fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd >= 0) {
    if (write (fd, "loaded\n", 7) != 7)
      abort ();
    close (fd);
  }
}

static gboolean
read_canary (PrensaBuilder *b, const char *data, gsize length, GError **error)
{
  prensa_builder_open (b, PRENSA_NODE_PARAGRAPH, 1, 1);
  prensa_builder_add (b, PRENSA_NODE_TEXT, "canary", -1, NULL, 1, 1);
  prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
  return TRUE;
}

static gboolean
write_canary (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out,
              GError **error)
{
  prensa_output_printf (out, "canary\n");
  return TRUE;
}

static PrensaDocument *
filter_canary (const PrensaDocument *doc, const PrensaOptions *options, GError **error)
{
  PrensaBuilder *b = prensa_filter_builder_new (doc);
  prensa_builder_add_copy (b, prensa_document_get_root (doc));
  return prensa_filter_builder_finish (b, error);
}

PRENSA_WRITER_DEFINE ("canary", "Says it was loaded (a test)", "cnw", "text/x-canary", NULL,
                      write_canary);
PRENSA_READER_DEFINE ("canary", "Says it was loaded (a test)", "cnr", "text/x-canary",
                      PRENSA_READER_TEXT, NULL, read_canary);
PRENSA_FILTER_DEFINE ("canary", "Says it was loaded (a test)", NULL, filter_canary);
