/* prensa-reader.h: what a reader plugin implements.
 *
 * A reader is the input side of a format: it turns the bytes of one input
 * into nodes through a PrensaBuilder (prensa-builder.h). A module may carry
 * a reader, a writer (prensa-plugin.h) or both; each is one exported
 * constant under the same rules (ABI first, read before any other field;
 * name equal to the module's file name; broken ones skipped with one
 * warning). Made by PRENSA_READER_DEFINE():
 *
 *   static gboolean read_csv (PrensaBuilder *builder, const char *data,
 *                             gsize length, GError **error);
 *   PRENSA_READER_DEFINE ("csv", "Turns as comma-separated values", "csv",
 *                         "text/csv", PRENSA_READER_TEXT, NULL, read_csv);
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-plugin.h>
#include <prensa/prensa-builder.h>

G_BEGIN_DECLS

/* The name of the symbol PRENSA_READER_DEFINE() emits. */
#define PRENSA_READER_SYMBOL "prensa_reader"

typedef enum {
  PRENSA_READER_BINARY = 0,
  /* The input is text: the core refuses bytes that are not UTF-8 (naming
   * line and column) and drops a byte-order mark before read() sees it. */
  PRENSA_READER_TEXT = 1 << 0,
  /* The input may open with YAML front matter between "---" lines: the
   * core splits it off and reads it as the part's metadata, and read()
   * gets only the body. Implies PRENSA_READER_TEXT. */
  PRENSA_READER_FRONT_MATTER = 1 << 1 | PRENSA_READER_TEXT,
  /* An image alone in its paragraph is a figure (pandoc's
   * implicit_figures, on in its Markdown and off in its CommonMark and
   * GFM): prensa_node_get_figure() says so only for parts read so. */
  PRENSA_READER_IMPLICIT_FIGURES = 1 << 2,
} PrensaReaderFlags;

/* Reads @length bytes of @data into
 * @builder. FALSE with @error set (the plugin's own domain, or
 * PRENSA_LOAD_ERROR; name the input with prensa_builder_get_name() and
 * give the line and column) when the input cannot be read; the host then
 * discards everything the call built. Never exits or prints; warnings go
 * through prensa_warning(). Keeps no state in globals: it may run for
 * several inputs at once. */
typedef gboolean (*PrensaReadFunc) (PrensaBuilder *builder,
                                    const char *data,
                                    gsize length,
                                    GError **error);

typedef struct {
  guint abi;                       /* PRENSA_PLUGIN_ABI, read first */
  const char *name;                /* == module file name without suffix */
  const char *description;         /* one line, for --list-formats */
  const char *extensions;          /* "md,markdown": the input extensions
                                    * that pick this reader, no dots */
  const char *mime_type;
  PrensaReaderFlags flags;
  const PrensaOptionSpec *options; /* none are read yet: NULL */
  PrensaReadFunc read;
  gpointer reserved[8];
} PrensaReader;

/* @name, @description, @extensions and @mime_type are string literals
 * (they go into the descriptor section too: prensa-plugin.h). */
#define PRENSA_READER_DEFINE(name, description, extensions, mime_type,       \
                             flags, options, read)                           \
  PRENSA_DESCRIPTOR_ (prensa_reader_descriptor_, "reader", name,            \
                      description, extensions, mime_type)                    \
  PRENSA_PLUGIN_EXPORT extern const PrensaReader prensa_reader;              \
  const PrensaReader prensa_reader = {                                       \
    PRENSA_PLUGIN_ABI, (name), (description), (extensions), (mime_type),    \
    (flags), (options), (read), { NULL }                                     \
  }

G_END_DECLS
