/* registry.c: finding plugins (readers, writers, filters) and refusing
 * broken ones.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmodule.h>

#include "prensa-private.h"
#include "prensa/prensa-registry.h"

/* A module found on the path. Its file passed the probe (probe.c): an
 * entry symbol with the right ABI for each kind it carries and, for a
 * module built with the DEFINE macros, a descriptor section saying what
 * each kind is, which is all listing and lookup by name or extension
 * need. The module is opened only when one of its kinds is used (or, for
 * a module without the section, listed); a kind whose loaded descriptor
 * then turns out unusable, or other than its file said, is dropped.
 * Entries are never freed before the registry, so the infos handed out
 * stay valid. */
typedef struct {
  char *name;                 /* the file name without suffix */
  char *path;
  PrensaProbe probe;          /* what the file says */
  gboolean has[PRENSA_PROBE_N_KINDS]; /* kinds still usable */
  gboolean opened;
  gboolean failed;            /* could not be opened: nothing usable */
  gconstpointer loaded[PRENSA_PROBE_N_KINDS]; /* PrensaWriter… once opened */
  PrensaPluginInfo info[PRENSA_PROBE_N_KINDS];
  gboolean listed[PRENSA_PROBE_N_KINDS]; /* info is filled */
} Entry;

/* The kinds a module may carry, for the functions that list them. */
typedef enum {
  KIND_WRITER = PRENSA_PROBE_WRITER,
  KIND_READER = PRENSA_PROBE_READER,
  KIND_FILTER = PRENSA_PROBE_FILTER
} Kind;

G_STATIC_ASSERT ((int) PRENSA_PLUGIN_KIND_WRITER == KIND_WRITER);
G_STATIC_ASSERT ((int) PRENSA_PLUGIN_KIND_READER == KIND_READER);
G_STATIC_ASSERT ((int) PRENSA_PLUGIN_KIND_FILTER == KIND_FILTER);

static gconstpointer
entry_kind (const Entry *e, Kind kind)
{
  return e->has[kind] ? e->loaded[kind] : NULL;
}

struct _PrensaRegistry {
  GPtrArray *paths;   /* char * */
  GPtrArray *entries; /* Entry *, sorted by name after a scan */
};

static void
entry_free (gpointer data)
{
  Entry *e = data;
  g_free (e->name);
  g_free (e->path);
  prensa_probe_clear (&e->probe);
  g_free (e);
}

PrensaRegistry *
prensa_registry_new (void)
{
  PrensaRegistry *r = g_new0 (PrensaRegistry, 1);
  r->paths = g_ptr_array_new_with_free_func (g_free);
  r->entries = g_ptr_array_new_with_free_func (entry_free);
  return r;
}

void
prensa_registry_free (PrensaRegistry *registry)
{
  if (registry == NULL)
    return;
  g_ptr_array_unref (registry->entries);
  g_ptr_array_unref (registry->paths);
  g_free (registry);
}

void
prensa_registry_add_path (PrensaRegistry *registry, const char *directory)
{
  g_return_if_fail (registry != NULL && directory != NULL);
  /* An empty element of a search path would mean the current directory. */
  if (*directory == '\0' || !g_path_is_absolute (directory)) {
    if (*directory != '\0')
      prensa_warning ("plugin folder '%s' is not an absolute path; ignored", directory);
    return;
  }
  g_ptr_array_add (registry->paths, g_strdup (directory));
}

static void
add_path_list (PrensaRegistry *r, const char *list)
{
  if (list == NULL)
    return;
  g_auto (GStrv) dirs = g_strsplit (list, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; dirs[i]; i++)
    prensa_registry_add_path (r, dirs[i]);
}

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Run from the build tree, prensa uses the plugins built beside it rather
 * than whatever an older install left in the prefix. */
static gboolean
running_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  return exe != NULL && g_str_has_prefix (exe, PRENSA_BUILD_ROOT "/");
}

void
prensa_registry_add_default_paths (PrensaRegistry *registry, const char *extra)
{
  g_return_if_fail (registry != NULL);
  if (running_uninstalled ()) {
    g_autoptr (GDir) dir = g_dir_open (PRENSA_BUILD_PLUGINDIR, 0, NULL);
    g_autoptr (GPtrArray) subdirs = g_ptr_array_new_with_free_func (g_free);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)))
      g_ptr_array_add (subdirs, g_build_filename (PRENSA_BUILD_PLUGINDIR, name, NULL));
    g_ptr_array_sort (subdirs, compare_paths);
    for (guint i = 0; i < subdirs->len; i++)
      if (g_file_test (subdirs->pdata[i], G_FILE_TEST_IS_DIR))
        prensa_registry_add_path (registry, subdirs->pdata[i]);
  }
  add_path_list (registry, g_getenv ("PRENSA_PLUGIN_PATH"));
  add_path_list (registry, extra);
  prensa_registry_add_path (registry, PRENSA_PLUGINDIR);
}


static Entry *
find_entry (const PrensaRegistry *r, const char *name)
{
  for (guint i = 0; i < r->entries->len; i++) {
    Entry *e = r->entries->pdata[i];
    if (strcmp (e->name, name) == 0)
      return e;
  }
  return NULL;
}

/* Returns the reason to refuse @w, or NULL when it is usable. The ABI was
 * checked on the file already; it is checked again on what got loaded. */
static char *
check_writer (const PrensaWriter *w, const char *stem)
{
  if (w->abi != PRENSA_PLUGIN_ABI)
    return g_strdup_printf ("plugin ABI %u, but this prensa needs ABI %u; rebuild the plugin",
                            w->abi, (guint) PRENSA_PLUGIN_ABI);
  const char *missing = w->name == NULL ? "name"
                        : w->description == NULL ? "description"
                        : w->extension == NULL ? "extension"
                        : w->mime_type == NULL ? "mime_type"
                        : w->write == NULL ? "write" : NULL;
  if (missing)
    return g_strdup_printf ("its PrensaWriter has no %s", missing);
  if (strcmp (w->name, stem) != 0)
    return g_strdup_printf ("it names its format '%s' but the file is '%s'", w->name, stem);
  return NULL;
}

static char *
check_reader (const PrensaReader *rd, const char *stem)
{
  if (rd->abi != PRENSA_PLUGIN_ABI)
    return g_strdup_printf ("reader ABI %u, but this prensa needs ABI %u; rebuild the plugin",
                            rd->abi, (guint) PRENSA_PLUGIN_ABI);
  const char *missing = rd->name == NULL ? "name"
                        : rd->description == NULL ? "description"
                        : rd->extensions == NULL ? "extensions"
                        : rd->mime_type == NULL ? "mime_type"
                        : rd->read == NULL ? "read" : NULL;
  if (missing)
    return g_strdup_printf ("its PrensaReader has no %s", missing);
  if (strcmp (rd->name, stem) != 0)
    return g_strdup_printf ("its reader names its format '%s' but the file is '%s'", rd->name, stem);
  return NULL;
}

static char *
check_filter (const PrensaFilter *f, const char *stem)
{
  if (f->abi != PRENSA_PLUGIN_ABI)
    return g_strdup_printf ("filter ABI %u, but this prensa needs ABI %u; rebuild the plugin",
                            f->abi, (guint) PRENSA_PLUGIN_ABI);
  const char *missing = f->name == NULL ? "name"
                        : f->description == NULL ? "description"
                        : f->filter == NULL ? "filter" : NULL;
  if (missing)
    return g_strdup_printf ("its PrensaFilter has no %s", missing);
  if (strcmp (f->name, stem) != 0)
    return g_strdup_printf ("its filter is named '%s' but the file is '%s'", f->name, stem);
  return NULL;
}

static const char *const symbols[] = { PRENSA_WRITER_SYMBOL, PRENSA_READER_SYMBOL,
                                       PRENSA_FILTER_SYMBOL };
static const char *const kind_names[] = { "PrensaWriter", "PrensaReader", "PrensaFilter" };

/* The fields of the loaded @kind of @e that its descriptor section also
 * holds, as the section writes them, NULL-terminated. */
static void
loaded_fields (const Entry *e, Kind kind, const char *out[6], guint *abi, guint *model)
{
  const PrensaWriter *w = e->loaded[KIND_WRITER];
  const PrensaReader *rd = e->loaded[KIND_READER];
  const PrensaFilter *f = e->loaded[KIND_FILTER];
  /* only a writer's descriptor has a model field: a reader's or filter's
   * is what its file says (0 when it says nothing) */
  *model = kind == KIND_WRITER ? w->model : e->probe.kinds[kind].model;
  *abi = kind == KIND_WRITER ? w->abi : kind == KIND_READER ? rd->abi : f->abi;
  out[0] = kind == KIND_WRITER ? w->name : kind == KIND_READER ? rd->name : f->name;
  out[1] = kind == KIND_WRITER ? w->description : kind == KIND_READER ? rd->description
           : f->description;
  out[2] = kind == KIND_WRITER ? w->extension : kind == KIND_READER ? rd->extensions : NULL;
  out[3] = kind == KIND_WRITER ? w->mime_type : kind == KIND_READER ? rd->mime_type : NULL;
}

/* NULL when the loaded @kind of @e is what its descriptor section said,
 * else what differs. */
static char *
check_described (const Entry *e, Kind kind)
{
  const PrensaProbeKind *pk = &e->probe.kinds[kind];
  const char *fields[6];
  guint abi, model;
  loaded_fields (e, kind, fields, &abi, &model);
  const char *said[] = { pk->name, pk->description, pk->extensions, pk->mime_type };
  static const char *const what[] = { "name", "description", "extension", "MIME type" };
  if (abi != pk->descriptor_abi || model != pk->model)
    return g_strdup_printf ("its %s has ABI %u and model %u, its descriptor section says %u and %u",
                            kind_names[kind], abi, model, pk->descriptor_abi, pk->model);
  for (guint i = 0; i < G_N_ELEMENTS (said); i++)
    if (g_strcmp0 (fields[i], said[i]) != 0)
      return g_strdup_printf ("its %s's %s is not the one its descriptor section gives",
                              kind_names[kind], what[i]);
  return NULL;
}

/* Fills the info of @kind of @e from its file's descriptor, or (for a
 * module without one, once opened) from the loaded descriptor. */
static void
fill_info (Entry *e, Kind kind)
{
  PrensaPluginInfo *info = &e->info[kind];
  const PrensaProbeKind *pk = &e->probe.kinds[kind];
  info->kind = (PrensaPluginKind) kind;
  info->path = e->path;
  if (pk->described) {
    info->name = pk->name;
    info->description = pk->description;
    info->extensions = pk->extensions;
    info->mime_type = pk->mime_type;
    info->abi = pk->descriptor_abi;
    info->model = pk->model;
  } else {
    const char *fields[6];
    loaded_fields (e, kind, fields, &info->abi, &info->model);
    info->name = fields[0];
    info->description = fields[1];
    info->extensions = fields[2];
    info->mime_type = fields[3];
  }
  e->listed[kind] = TRUE;
}

/* The descriptor @symbol names in @module, after @check; NULL (having
 * warned) when it is missing or unusable. */
static gconstpointer
take_symbol (GModule *module, Entry *e, Kind kind, char *(*check) (gconstpointer, const char *))
{
  gpointer found = NULL;
  g_autofree char *reason = NULL;
  if (!g_module_symbol (module, symbols[kind], &found) || found == NULL)
    reason = g_strdup_printf ("not a prensa plugin (no '%s' symbol)", symbols[kind]);
  else
    reason = check (found, e->name);
  if (reason == NULL && e->probe.kinds[kind].described) {
    e->loaded[kind] = found;
    reason = check_described (e, kind);
    e->loaded[kind] = NULL;
  }
  if (reason) {
    prensa_warning ("%s: %s; skipped", e->path, reason);
    return NULL;
  }
  return found;
}

/* Opens @e (once); FALSE, having warned, when nothing in it is usable. */
static gboolean
open_entry (Entry *e)
{
  if (e->opened || e->failed)
    return e->opened;
  GModule *module = g_module_open (e->path, G_MODULE_BIND_LOCAL);
  if (module == NULL) {
    prensa_warning ("%s: cannot open plugin: %s; skipped", e->path, g_module_error ());
    memset (e->has, 0, sizeof e->has);
    e->failed = TRUE;
    return FALSE;
  }
  static char *(*const checks[]) (gconstpointer, const char *) = {
    (char *(*) (gconstpointer, const char *)) check_writer,
    (char *(*) (gconstpointer, const char *)) check_reader,
    (char *(*) (gconstpointer, const char *)) check_filter,
  };
  gboolean any = FALSE;
  for (guint k = 0; k < PRENSA_PROBE_N_KINDS; k++) {
    if (e->has[k])
      e->loaded[k] = take_symbol (module, e, k, checks[k]);
    e->has[k] = e->loaded[k] != NULL;
    any |= e->has[k];
  }
  if (!any) {
    g_module_close (module);
    e->failed = TRUE;
    return FALSE;
  }
  /* Modules stay loaded for the life of the process: the libraries they
   * pull in (libxml2, cairo, fontconfig…) keep global state that must not
   * vanish under whatever still points into it, and leak checkers can
   * then tell that state from real leaks. */
  g_module_make_resident (module);
  e->opened = TRUE;
  return TRUE;
}

static void list_kind (const PrensaRegistry *r, Kind kind);

/* Opens every module that carries a @kind, and lists them: after this,
 * looking a @kind up changes nothing in the registry (--batch's threads
 * rely on that for readers). */
static void
open_kind (const PrensaRegistry *r, Kind kind)
{
  for (guint i = 0; i < r->entries->len; i++) {
    Entry *e = r->entries->pdata[i];
    if (e->has[kind])
      open_entry (e);
  }
  list_kind (r, kind);
}

/* Fills the infos of @kind: from the file, or, for a module without a
 * descriptor section, by opening it. Once listed, an info stays listed
 * (and valid) even when loading it later fails. */
static void
list_kind (const PrensaRegistry *r, Kind kind)
{
  for (guint i = 0; i < r->entries->len; i++) {
    Entry *e = r->entries->pdata[i];
    if (e->listed[kind] || !e->has[kind])
      continue;
    if (e->probe.kinds[kind].described || (open_entry (e) && e->has[kind]))
      fill_info (e, kind);
  }
}

/* Whether the probe's @abi for one kind is usable; warns when not. */
static gboolean
abi_usable (const char *path, const char *kind, guint abi)
{
  if (abi == 0 || abi == PRENSA_PLUGIN_ABI)
    return abi != 0;
  prensa_warning ("%s: %s ABI %u, but this prensa needs ABI %u; rebuild the plugin; skipped",
                  path, kind, abi, (guint) PRENSA_PLUGIN_ABI);
  return FALSE;
}

/* Whether the module @fd (opened from @path, not following a symbolic
 * link) may be run: a module anyone may write to, or owned by someone
 * who is neither this user nor root, could be anyone's code. */
static gboolean
trusted_module (int fd, const char *path)
{
  struct stat st;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (st.st_mode & S_IWOTH) {
    prensa_warning ("%s: skipped: any user may write to it, so its plugins could be anyone's code",
                    path);
    return FALSE;
  }
  if (st.st_uid != 0 && st.st_uid != getuid ()) {
    prensa_warning ("%s: skipped: it belongs to another user (uid %u)", path, (guint) st.st_uid);
    return FALSE;
  }
  return TRUE;
}

static void
probe_file (PrensaRegistry *r, const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen ("." G_MODULE_SUFFIX));
  /* The module itself, not what a symbolic link leads to: a link could
   * lead out of the folder whose trust was checked. O_NONBLOCK: a FIFO
   * put there must not hang the scan (probe refuses it). */
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ELOOP)
      prensa_warning ("%s: skipped: it is a symbolic link (put the module itself in the folder)",
                      path);
    else
      prensa_warning ("%s: cannot open plugin: %s; skipped", path, g_strerror (errno));
    return;
  }
  if (!trusted_module (fd, path)) {
    close (fd);
    return;
  }
  const Entry *dup = find_entry (r, stem);
  if (dup) {
    prensa_warning ("%s: format '%s' is already provided by %s; skipped", path, stem, dup->path);
    close (fd);
    return;
  }
  Entry *e = g_new0 (Entry, 1);
  g_autofree char *problem = NULL;
  gboolean ok = prensa_plugin_probe (fd, &e->probe, &problem);
  close (fd);
  if (!ok) {
    prensa_warning ("%s: %s; skipped", path, problem);
    g_free (e);
    return;
  }
  static const char *const abi_kinds[] = { "plugin", "reader", "filter" };
  gboolean any = FALSE;
  for (guint k = 0; k < PRENSA_PROBE_N_KINDS; k++) {
    const PrensaProbeKind *pk = &e->probe.kinds[k];
    e->has[k] = abi_usable (path, abi_kinds[k], pk->symbol_abi);
    /* a descriptor section names its format: check it as a loaded one is */
    if (e->has[k] && pk->described && strcmp (pk->name, stem) != 0) {
      static const char *const misnamed[] = {
        "it names its format '%s' but the file is '%s'",
        "its reader names its format '%s' but the file is '%s'",
        "its filter is named '%s' but the file is '%s'",
      };
      g_autofree char *reason = g_strdup_printf (misnamed[k], pk->name, stem);
      prensa_warning ("%s: %s; skipped", path, reason);
      e->has[k] = FALSE;
    }
    any |= e->has[k];
  }
  if (!any) {
    prensa_probe_clear (&e->probe);
    g_free (e);
    return;
  }
  e->name = g_steal_pointer (&stem);
  e->path = g_strdup (path);
  g_ptr_array_add (r->entries, e);
}

/* Whether code in folder @path may be run: another user who can write
 * there could put any code into this process. Refused: writable by
 * everyone, a root-owned sticky folder such as /tmp aside, where each
 * file keeps its owner (checked on each module). */
static gboolean
trusted_folder (const char *path)
{
  struct stat st;
  if (stat (path, &st) != 0)
    return FALSE;
  gboolean sticky_root = S_ISDIR (st.st_mode) && (st.st_mode & S_ISVTX) && st.st_uid == 0;
  if ((st.st_mode & S_IWOTH) && !sticky_root) {
    prensa_warning ("%s: skipped: any user may write to it, so its plugins could be anyone's code",
                    path);
    return FALSE;
  }
  return TRUE;
}

static void
scan_dir (PrensaRegistry *r, const char *dirname)
{
  if (!g_file_test (dirname, G_FILE_TEST_IS_DIR) || !trusted_folder (dirname))
    return;
  g_autoptr (GDir) dir = g_dir_open (dirname, 0, NULL);
  if (dir == NULL)
    return;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, "." G_MODULE_SUFFIX) && name[0] != '.')
      g_ptr_array_add (files, g_build_filename (dirname, name, NULL));
  g_ptr_array_sort (files, compare_paths);
  for (guint i = 0; i < files->len; i++)
    probe_file (r, files->pdata[i]);
}

static gint
compare_entries (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(const Entry *const *) a)->name, (*(const Entry *const *) b)->name);
}

guint
prensa_registry_scan (PrensaRegistry *registry)
{
  g_return_val_if_fail (registry != NULL, 0);
  g_return_val_if_fail (g_module_supported (), 0);
  for (guint i = 0; i < registry->paths->len; i++)
    scan_dir (registry, registry->paths->pdata[i]);
  g_ptr_array_sort (registry->entries, compare_entries);
  return registry->entries->len;
}

/* The @index-th entry that has a loaded @kind, all of that kind opened. */
static const Entry *
nth_entry (const PrensaRegistry *registry, Kind kind, guint index)
{
  open_kind (registry, kind);
  for (guint i = 0; i < registry->entries->len; i++) {
    const Entry *e = registry->entries->pdata[i];
    if (entry_kind (e, kind) && index-- == 0)
      return e;
  }
  return NULL;
}

static guint
count_entries (const PrensaRegistry *registry, Kind kind)
{
  open_kind (registry, kind);
  guint n = 0;
  for (guint i = 0; i < registry->entries->len; i++)
    n += entry_kind (registry->entries->pdata[i], kind) != NULL;
  return n;
}

guint
prensa_registry_get_n_writers (const PrensaRegistry *registry)
{
  g_return_val_if_fail (registry != NULL, 0);
  return count_entries (registry, KIND_WRITER);
}

const PrensaWriter *
prensa_registry_get_writer (const PrensaRegistry *registry, guint index)
{
  g_return_val_if_fail (registry != NULL, NULL);
  const Entry *e = nth_entry (registry, KIND_WRITER, index);
  g_return_val_if_fail (e != NULL, NULL);
  return e->loaded[KIND_WRITER];
}

guint
prensa_registry_get_n_readers (const PrensaRegistry *registry)
{
  g_return_val_if_fail (registry != NULL, 0);
  return count_entries (registry, KIND_READER);
}

const PrensaReader *
prensa_registry_get_reader (const PrensaRegistry *registry, guint index)
{
  g_return_val_if_fail (registry != NULL, NULL);
  const Entry *e = nth_entry (registry, KIND_READER, index);
  g_return_val_if_fail (e != NULL, NULL);
  return e->loaded[KIND_READER];
}

static const char *
path_of (const PrensaRegistry *registry, gconstpointer descriptor)
{
  for (guint i = 0; i < registry->entries->len; i++) {
    const Entry *e = registry->entries->pdata[i];
    for (guint k = 0; k < PRENSA_PROBE_N_KINDS; k++)
      if (e->loaded[k] == descriptor)
        return e->path;
  }
  return NULL;
}

const char *
prensa_registry_get_writer_path (const PrensaRegistry *registry, const PrensaWriter *writer)
{
  g_return_val_if_fail (registry != NULL && writer != NULL, NULL);
  return path_of (registry, writer);
}

const char *
prensa_registry_get_reader_path (const PrensaRegistry *registry, const PrensaReader *reader)
{
  g_return_val_if_fail (registry != NULL && reader != NULL, NULL);
  return path_of (registry, reader);
}

/* The loaded @kind of the module named @name, opening it; NULL when
 * there is none or it is broken. */
static gconstpointer
open_named (const PrensaRegistry *registry, Kind kind, const char *name)
{
  Entry *e = find_entry (registry, name);
  if (e == NULL || !e->has[kind] || !open_entry (e))
    return NULL;
  return entry_kind (e, kind);
}

const PrensaWriter *
prensa_registry_lookup (const PrensaRegistry *registry, const char *name)
{
  g_return_val_if_fail (registry != NULL && name != NULL, NULL);
  return open_named (registry, KIND_WRITER, name);
}

const PrensaReader *
prensa_registry_lookup_reader (const PrensaRegistry *registry, const char *name)
{
  g_return_val_if_fail (registry != NULL && name != NULL, NULL);
  return open_named (registry, KIND_READER, name);
}

/* Whether the comma-separated @list holds @extension, in any ASCII case. */
static gboolean
list_has (const char *list, const char *extension)
{
  g_auto (GStrv) items = g_strsplit (list, ",", -1);
  for (guint i = 0; items[i]; i++)
    if (g_ascii_strcasecmp (g_strstrip (items[i]), extension) == 0)
      return TRUE;
  return FALSE;
}

gboolean
prensa_reader_has_extension (const PrensaReader *reader, const char *extension)
{
  g_return_val_if_fail (reader != NULL && extension != NULL, FALSE);
  return list_has (reader->extensions, extension);
}

/* The first module by name whose @kind takes @extension, opened: the
 * descriptor sections say which, so only that one is loaded (and, when
 * it turns out broken, the next); a module without a section is opened
 * to find out. */
static gconstpointer
open_by_extension (const PrensaRegistry *registry, Kind kind, const char *extension)
{
  list_kind (registry, kind);
  for (guint i = 0; i < registry->entries->len; i++) {
    Entry *e = registry->entries->pdata[i];
    if (e->has[kind] && e->listed[kind] && list_has (e->info[kind].extensions, extension)
        && open_entry (e) && e->has[kind])
      return e->loaded[kind];
  }
  return NULL;
}

const PrensaWriter *
prensa_registry_lookup_extension (const PrensaRegistry *registry, const char *extension)
{
  g_return_val_if_fail (registry != NULL && extension != NULL, NULL);
  return open_by_extension (registry, KIND_WRITER, extension);
}

const PrensaReader *
prensa_registry_lookup_reader_extension (const PrensaRegistry *registry, const char *extension)
{
  g_return_val_if_fail (registry != NULL && extension != NULL, NULL);
  return open_by_extension (registry, KIND_READER, extension);
}

guint
prensa_registry_get_n_filters (const PrensaRegistry *registry)
{
  g_return_val_if_fail (registry != NULL, 0);
  return count_entries (registry, KIND_FILTER);
}

const PrensaFilter *
prensa_registry_get_filter (const PrensaRegistry *registry, guint index)
{
  g_return_val_if_fail (registry != NULL, NULL);
  const Entry *e = nth_entry (registry, KIND_FILTER, index);
  g_return_val_if_fail (e != NULL, NULL);
  return e->loaded[KIND_FILTER];
}

const char *
prensa_registry_get_filter_path (const PrensaRegistry *registry, const PrensaFilter *filter)
{
  g_return_val_if_fail (registry != NULL && filter != NULL, NULL);
  return path_of (registry, filter);
}

const PrensaFilter *
prensa_registry_lookup_filter (const PrensaRegistry *registry, const char *name)
{
  g_return_val_if_fail (registry != NULL && name != NULL, NULL);
  return open_named (registry, KIND_FILTER, name);
}

guint
prensa_registry_get_n_infos (const PrensaRegistry *registry, PrensaPluginKind kind)
{
  g_return_val_if_fail (registry != NULL && (guint) kind < PRENSA_PROBE_N_KINDS, 0);
  list_kind (registry, (Kind) kind);
  guint n = 0;
  for (guint i = 0; i < registry->entries->len; i++)
    n += ((const Entry *) registry->entries->pdata[i])->listed[kind];
  return n;
}

const PrensaPluginInfo *
prensa_registry_get_info (const PrensaRegistry *registry, PrensaPluginKind kind, guint index)
{
  g_return_val_if_fail (registry != NULL && (guint) kind < PRENSA_PROBE_N_KINDS, NULL);
  list_kind (registry, (Kind) kind);
  for (guint i = 0; i < registry->entries->len; i++) {
    const Entry *e = registry->entries->pdata[i];
    if (e->listed[kind] && index-- == 0)
      return &e->info[kind];
  }
  g_return_val_if_reached (NULL);
}

const PrensaPluginInfo *
prensa_registry_lookup_info (const PrensaRegistry *registry, PrensaPluginKind kind,
                             const char *name)
{
  g_return_val_if_fail (registry != NULL && (guint) kind < PRENSA_PROBE_N_KINDS, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  Entry *e = find_entry (registry, name);
  if (e == NULL || !e->has[kind])
    return NULL;
  if (!e->listed[kind] && (e->probe.kinds[kind].described || (open_entry (e) && e->has[kind])))
    fill_info (e, (Kind) kind);
  return e->listed[kind] ? &e->info[kind] : NULL;
}
