/* both.c: one module that carries a reader and a writer, under one name.
 * The reader takes each line of its input as a paragraph; the writer
 * prints the text of each paragraph. A line "BAD" makes the reader build
 * a tree the model forbids, a line "FAIL" makes it fail, and a line
 * "IMG NAME BYTES" keeps BYTES as an embedded file and adds its image.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <string.h>

#include <prensa/prensa-reader.h>

static gboolean
read_lines (PrensaBuilder *b, const char *data, gsize length, GError **error)
{
  g_autofree char *copy = g_strndup (data, length);
  g_auto (GStrv) lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    if (*lines[i] == '\0')
      continue;
    if (strcmp (lines[i], "FAIL") == 0) {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT, "%s:%u: FAIL line",
                   prensa_builder_get_name (b), i + 1);
      return FALSE;
    }
    if (g_str_has_prefix (lines[i], "IMG ")) {
      g_auto (GStrv) f = g_strsplit (lines[i] + 4, " ", 2);
      const char *url = prensa_builder_add_resource (b, f[0], f[1], strlen (f[1]), error);
      if (url == NULL)
        return FALSE;
      prensa_builder_open (b, PRENSA_NODE_PARAGRAPH, i + 1, 1);
      prensa_builder_open_link (b, PRENSA_NODE_IMAGE, url, NULL, i + 1, 1);
      prensa_builder_close (b, PRENSA_NODE_IMAGE);
      prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
      continue;
    }
    if (strcmp (lines[i], "BAD") == 0) {
      prensa_builder_add (b, PRENSA_NODE_TEXT, "text in a part", -1, NULL, i + 1, 1);
      continue;
    }
    prensa_builder_open (b, PRENSA_NODE_PARAGRAPH, i + 1, 1);
    prensa_builder_add (b, PRENSA_NODE_TEXT, lines[i], -1, NULL, i + 1, 1);
    prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
  }
  return TRUE;
}

static gboolean
write_lines (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *out,
             GError **error)
{
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  for (const PrensaNode *n = part ? prensa_node_first_child (part) : NULL; n; n = prensa_node_next (n)) {
    g_autofree char *text = prensa_node_dup_text (n);
    prensa_output_printf (out, "%s\n", text);
  }
  return TRUE;
}

PRENSA_READER_DEFINE ("both", "Lines as paragraphs", "lines,both", "text/plain",
                      PRENSA_READER_TEXT, NULL, read_lines);
PRENSA_WRITER_DEFINE ("both", "Paragraphs as lines", "lines", "text/plain", NULL, write_lines);
