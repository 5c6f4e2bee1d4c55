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
 * its ABI and descriptor section from the file without loading it. A
 * module that is no shared object, has no entry symbol, has another ABI,
 * a broken descriptor section or one naming another format, or whose
 * name (its file name) is already taken is skipped now with one warning
 * (prensa_warning()) naming the file; scanning carries on. Folders that do
 * not exist are passed over in silence.
 *
 * Modules are loaded only when needed: the lookup functions load the one
 * module they give (by extension, the one whose descriptor section names
 * it), get_n_writers()/get_writer() load every module carrying a writer
 * (and the same for readers and filters; after get_n_readers(), looking
 * a reader up changes nothing, so threads may do it), and the info
 * functions at the end load none that has a descriptor section. A module
 * that then cannot
 * be opened, whose PrensaWriter has a missing field or another name, or
 * whose loaded descriptors differ from its descriptor section is skipped
 * with one warning at that point. Loading only what a conversion uses
 * keeps a small conversion fast and small (a PDF plugin alone maps cairo,
 * pango and fontconfig), and runs no code of a module it does not use.
 * A module file that is a symbolic link is skipped with a warning, as
 * the link could lead out of the folder that was checked.
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

/* Listing without loading. A module built with the DEFINE macros says in
 * its file what each of its kinds is (prensa-plugin.h, "The descriptor
 * section"); these functions read that and run none of its code, so a
 * host can list formats and filters, or check a name, without loading a
 * module (and its constructors and libraries) that no conversion uses.
 * A module whose file has no such section (a descriptor filled by hand)
 * is loaded to be listed, and listed when it loads. A listed module may
 * still fail to load, or differ from what its file said: the lookup
 * functions above then warn and give NULL. */
typedef enum {
  PRENSA_PLUGIN_KIND_WRITER,
  PRENSA_PLUGIN_KIND_READER,
  PRENSA_PLUGIN_KIND_FILTER,
} PrensaPluginKind;

typedef struct {
  PrensaPluginKind kind;
  const char *name;        /* == the module's file name without suffix */
  const char *description;
  const char *extensions;  /* a writer's extension, a reader's list
                            * ("md,markdown"), no dots; NULL for a filter */
  const char *mime_type;   /* NULL for a filter */
  const char *path;        /* the module's file */
  guint abi;               /* PRENSA_PLUGIN_ABI */
  guint model;             /* PRENSA_MODEL it was built with; 0: not said */
  gpointer reserved[4];
} PrensaPluginInfo;

/* How many of @kind the search path holds, and each, sorted by name.
 * (transfer none): an info lives as long as the registry. */
PRENSA_API guint prensa_registry_get_n_infos (const PrensaRegistry *registry,
                                              PrensaPluginKind kind);
PRENSA_API const PrensaPluginInfo *prensa_registry_get_info (const PrensaRegistry *registry,
                                                             PrensaPluginKind kind,
                                                             guint index);
/* The @kind named @name, or NULL. (transfer none) */
PRENSA_API const PrensaPluginInfo *prensa_registry_lookup_info (const PrensaRegistry *registry,
                                                                PrensaPluginKind kind,
                                                                const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaRegistry, prensa_registry_free)

G_END_DECLS
