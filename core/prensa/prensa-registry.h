/* prensa-registry.h: finding and opening writer plugins.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-plugin.h>

G_BEGIN_DECLS

typedef struct _PrensaRegistry PrensaRegistry;

PRENSA_API PrensaRegistry *prensa_registry_new (void);
PRENSA_API void prensa_registry_free (PrensaRegistry *registry);

/* Appends a folder to the search path; earlier folders win. */
PRENSA_API void prensa_registry_add_path (PrensaRegistry *registry,
                                          const char *directory);

/* Appends the standard search path around @extra (may be NULL; a
 * G_SEARCHPATH_SEPARATOR-separated list, as --plugin-path gives): the
 * build tree when the running program is uninstalled, then
 * $PRENSA_PLUGIN_PATH, then @extra, then the installed plugin folder.
 * Never the current directory. */
PRENSA_API void prensa_registry_add_default_paths (PrensaRegistry *registry,
                                                   const char *extra);

/* Opens every module on the search path. A module without the entry
 * symbol, with another ABI, with a missing field or a name already taken
 * is skipped with one warning (prensa_warning()) naming the file. Returns
 * the number of writers loaded. */
PRENSA_API guint prensa_registry_scan (PrensaRegistry *registry);

PRENSA_API guint prensa_registry_get_n_writers (const PrensaRegistry *registry);
/* Writers sorted by name. (transfer none) */
PRENSA_API const PrensaWriter *prensa_registry_get_writer (const PrensaRegistry *registry,
                                                           guint index);
PRENSA_API const char *prensa_registry_get_writer_path (const PrensaRegistry *registry,
                                                        const PrensaWriter *writer);
/* By format name, or NULL. (transfer none) */
PRENSA_API const PrensaWriter *prensa_registry_lookup (const PrensaRegistry *registry,
                                                       const char *name);
/* By extension, without the dot, case-insensitively, or NULL. */
PRENSA_API const PrensaWriter *prensa_registry_lookup_extension (const PrensaRegistry *registry,
                                                                 const char *extension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaRegistry, prensa_registry_free)

G_END_DECLS
