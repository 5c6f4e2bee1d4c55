/* prensa-filter.h: what a filter plugin implements.
 *
 * A filter is the third kind of plugin, beside readers and writers: it
 * changes the document between reading and writing (number the
 * questions, add a pull quote, drop the editor's note). It gets the
 * immutable document and returns a new one, made with a PrensaBuilder
 * (prensa-builder.h) that prensa_filter_builder_new() starts from the old
 * document's metadata, speakers and resources. What the filter keeps it
 * copies with prensa_builder_add_copy(), so an identity filter is:
 *
 *   static PrensaDocument *
 *   identity (const PrensaDocument *doc, const PrensaOptions *options,
 *             GError **error)
 *   {
 *     PrensaBuilder *b = prensa_filter_builder_new (doc);
 *     prensa_builder_add_copy (b, prensa_document_get_root (doc));
 *     return prensa_filter_builder_finish (b, error);
 *   }
 *   PRENSA_FILTER_DEFINE ("identity", "Changes nothing", NULL, identity);
 *
 * Everything a builder does for a reader it does for a filter: text is
 * cleaned, links that could run code become their text, --sandbox drops
 * raw HTML, a malformed tree fails, and the core passes (footnotes, the
 * interview's structure when the filter made none, anchors, where links
 * lead, title, paper) run again on the new document when it is finished.
 * So no filter can make a writer's output unsafe or invalid.
 *
 * A module carrying a filter follows the rules of the other kinds (one
 * exported constant, ABI first and read before any other field, name
 * equal to the module's file name, a broken one skipped with one
 * warning); it may carry a reader or a writer too, under the same name.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-plugin.h>
#include <prensa/prensa-builder.h>

G_BEGIN_DECLS

/* The name of the symbol PRENSA_FILTER_DEFINE() emits. */
#define PRENSA_FILTER_SYMBOL "prensa_filter"

/* Returns a new document made from @document, or NULL with @error set
 * (the plugin's own domain, or passed on from a prensa call). @document
 * and @options are borrowed for the call; the host frees @document after
 * the call, so the result must not point into it: make it with
 * prensa_filter_builder_new() (or a PrensaLoader), never return
 * @document itself. Never exits or prints; warnings go through
 * prensa_warning(). Keeps no state in globals. */
typedef PrensaDocument *(*PrensaFilterFunc) (const PrensaDocument *document,
                                             const PrensaOptions *options,
                                             GError **error);

typedef struct {
  guint abi;                       /* PRENSA_PLUGIN_ABI, read first */
  const char *name;                /* == module file name without suffix */
  const char *description;         /* one line, for --list-filters */
  const PrensaOptionSpec *options; /* terminated by { NULL }, or NULL; the
                                    * user gives them as -F NAME:KEY=VALUE */
  PrensaFilterFunc filter;
  gpointer reserved[8];
} PrensaFilter;

/* @name and @description are string literals (they go into the
 * descriptor section too: prensa-plugin.h). */
#define PRENSA_FILTER_DEFINE(name, description, options, filter)             \
  PRENSA_DESCRIPTOR_ (prensa_filter_descriptor_, "filter", name,            \
                      description, "", "")                                   \
  PRENSA_PLUGIN_EXPORT extern const PrensaFilter prensa_filter;              \
  const PrensaFilter prensa_filter = {                                       \
    PRENSA_PLUGIN_ABI, (name), (description), (options), (filter), { NULL }  \
  }

/* A builder for a new document like @source: the same flags, resource
 * folders, embedded resources, speakers and metadata (copied, so the new
 * document does not depend on @source), and no parts yet. Open a part
 * with prensa_builder_open_part() (or copy a whole one, or the DOCUMENT
 * node, with prensa_builder_add_copy()); metadata set outside a part is
 * the document's. Returns: (transfer full): end it with
 * prensa_filter_builder_finish(), which frees it. */
PRENSA_API PrensaBuilder *prensa_filter_builder_new (const PrensaDocument *source);

/* Opens a PART at the top of a filter's builder, taking @like's
 * metadata, source path and reading (figures, embedded resources) when
 * @like is a PART of the source document, or the document's metadata
 * when @like is NULL. Close it with prensa_builder_close (builder,
 * PRENSA_NODE_PART), which runs the passes a reader's part gets. */
PRENSA_API void prensa_builder_open_part (PrensaBuilder *builder, const PrensaNode *like,
                                          guint line, guint column);

/* Everything of prensa-builder.h works between open_part and the close
 * of the part (prensa_builder_add_resource() too, only there). */

/* Adds a deep copy of @node and everything under it at the builder's
 * current place, through the builder (so it is cleaned and checked as
 * the rest). @node may be the source's DOCUMENT (every part), a PART
 * (only outside a part), or any block or inline where the model allows
 * it. A turn's speaker must be one of the source's. */
PRENSA_API void prensa_builder_add_copy (PrensaBuilder *builder, const PrensaNode *node);

/* Ends @builder (freeing it, also on failure) and returns the new
 * document, the core passes run on it. NULL with @error set
 * (PRENSA_LOAD_ERROR_INVALID) when what was built is malformed.
 * Returns: (transfer full). */
PRENSA_API PrensaDocument *prensa_filter_builder_finish (PrensaBuilder *builder,
                                                         GError **error);
/* Frees a filter's builder without making a document (on an error path
 * before finish). NULL is ok. */
PRENSA_API void prensa_filter_builder_free (PrensaBuilder *builder);

/* Host side: the option values for @filter, as prensa_options_new() makes
 * them for a writer. Returns: (transfer full). */
PRENSA_API PrensaOptions *prensa_options_new_for_filter (const PrensaFilter *filter);

/* Runs @filter on @document (which stays the caller's) with @options
 * (NULL: every default). Returns: (transfer full) the new document, or
 * NULL with @error set, also when the filter failed without saying why
 * or returned @document itself. Hosts call filters through this. */
PRENSA_API PrensaDocument *prensa_filter_run (const PrensaFilter *filter,
                                              const PrensaDocument *document,
                                              const PrensaOptions *options,
                                              GError **error);

G_END_DECLS
