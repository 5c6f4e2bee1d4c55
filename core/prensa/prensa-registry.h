/* prensa-registry.h: finding and opening writer plugins.
 *
 * The host side of prensa-plugin.h, for programs that load plugins (the
 * prensa command is one); a plugin never needs it. Writers and paths
 * handed out are (transfer none) and live as long as the registry, which
 * keeps every module it loaded open until prensa_registry_free().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-plugin.h>
#include <prensa/prensa-reader.h>
#include <prensa/prensa-filter.h>

G_BEGIN_DECLS

typedef struct _PrensaRegistry PrensaRegistry;

/* An empty registry with no search path. Returns: (transfer full). */
PRENSA_API PrensaRegistry *prensa_registry_new (void);
/* Closes every module; writers taken from it become invalid. NULL is ok. */
PRENSA_API void prensa_registry_free (PrensaRegistry *registry);

/* Appends a folder (copied) to the search path; earlier folders win: a
 * later module whose format name is taken is skipped with a warning. A
 * relative folder is refused with a warning, as it would depend on the
 * current directory. */
PRENSA_API void prensa_registry_add_path (PrensaRegistry *registry,
                                          const char *directory);

/* Appends the standard search path around @extra (may be NULL; a
 * G_SEARCHPATH_SEPARATOR-separated list, as --plugin-path gives): the
 * build tree when the running program is uninstalled, then
 * $PRENSA_PLUGIN_PATH, then @extra, then the installed plugin folder.
 * Never the current directory. */
PRENSA_API void prensa_registry_add_default_paths (PrensaRegistry *registry,
                                                   const char *extra);

/* Finds every module (files ending in G_MODULE_SUFFIX, "so" on Linux) on
 * the search path, folder by folder, each folder in name order, and reads
 * its ABI from the file without loading it. A module that is no shared
 * object, has no entry symbol, has another ABI, or whose name (its file
 * name) is already taken is skipped now with one warning
 * (prensa_warning()) naming the file; scanning carries on. Folders that do
 * not exist are passed over in silence.
 *
 * Modules are loaded only when needed: prensa_registry_lookup() loads the
 * one module of that name, the other functions below load them all. A
 * module that then cannot be opened or whose PrensaWriter has a missing
 * field or another name is skipped with one warning at that point.
 * Loading only what a conversion uses keeps a small conversion fast and
 * small (a PDF plugin alone maps cairo, pango and fontconfig).
 * Returns the number of modules found. */
PRENSA_API guint prensa_registry_scan (PrensaRegistry *registry);

PRENSA_API guint prensa_registry_get_n_writers (const PrensaRegistry *registry);
/* Writer @index (below prensa_registry_get_n_writers()), sorted by name.
 * (transfer none) */
PRENSA_API const PrensaWriter *prensa_registry_get_writer (const PrensaRegistry *registry,
                                                           guint index);
/* The file @writer was loaded from, for --list-formats and messages.
 * (transfer none) */
PRENSA_API const char *prensa_registry_get_writer_path (const PrensaRegistry *registry,
                                                        const PrensaWriter *writer);
/* By format name, or NULL. (transfer none) */
PRENSA_API const PrensaWriter *prensa_registry_lookup (const PrensaRegistry *registry,
                                                       const char *name);
/* By extension, without the dot, case-insensitively, or NULL. When two
 * writers share one, the first by name wins. (transfer none) */
PRENSA_API const PrensaWriter *prensa_registry_lookup_extension (const PrensaRegistry *registry,
                                                                 const char *extension);

/* Calls @writer's write() with @document, or, for a writer built before
 * the model @document uses (its `model` field is older than
 * PRENSA_MODEL), with the lowered copy prensa-plugin.h describes, made
 * for this call. Hosts call writers through this, never write() itself. */
PRENSA_API gboolean prensa_writer_run (const PrensaWriter *writer,
                                       const PrensaDocument *document,
                                       const PrensaOptions *options,
                                       PrensaOutput *output,
                                       GError **error);

/* The same for readers (a module may carry a reader, a writer or both,
 * under one name). lookup_reader_extension compares @extension with each
 * reader's list without regard to ASCII case, and opens only the modules
 * that carry a reader. */
PRENSA_API guint prensa_registry_get_n_readers (const PrensaRegistry *registry);
PRENSA_API const PrensaReader *prensa_registry_get_reader (const PrensaRegistry *registry,
                                                           guint index);
PRENSA_API const char *prensa_registry_get_reader_path (const PrensaRegistry *registry,
                                                        const PrensaReader *reader);
PRENSA_API const PrensaReader *prensa_registry_lookup_reader (const PrensaRegistry *registry,
                                                              const char *name);
PRENSA_API const PrensaReader *prensa_registry_lookup_reader_extension (const PrensaRegistry *registry,
                                                                        const char *extension);
/* Whether @extension (no dot) is in @reader's list, in any ASCII case. */
PRENSA_API gboolean prensa_reader_has_extension (const PrensaReader *reader,
                                                 const char *extension);

/* The same for filters (prensa-filter.h), by name: what -F names. */
PRENSA_API guint prensa_registry_get_n_filters (const PrensaRegistry *registry);
PRENSA_API const PrensaFilter *prensa_registry_get_filter (const PrensaRegistry *registry,
                                                           guint index);
PRENSA_API const char *prensa_registry_get_filter_path (const PrensaRegistry *registry,
                                                        const PrensaFilter *filter);
PRENSA_API const PrensaFilter *prensa_registry_lookup_filter (const PrensaRegistry *registry,
                                                              const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaRegistry, prensa_registry_free)

G_END_DECLS
