/* registry.c: finding plugins (readers, writers, filters) and refusing
 * broken ones.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmodule.h>

#include "prensa-private.h"
#include "prensa/prensa-registry.h"

/* A module found on the path. Its file passed the probe (an entry symbol
 * with the right ABI for each kind it carries); it is opened only when
 * one of its formats is needed, and a kind whose descriptor then turns out
 * to be unusable is dropped (the entry with it when it carries no other). */
typedef struct {
  char *name;                 /* the file name without suffix */
  char *path;
  gboolean has_writer;        /* what the probe found */
  gboolean has_reader;
  gboolean has_filter;
  gboolean opened;
  const PrensaWriter *writer; /* NULL until opened, or when unusable */
  const PrensaReader *reader;
  const PrensaFilter *filter;
} Entry;

/* The kinds a module may carry, for the functions that list them. */
typedef enum { KIND_WRITER, KIND_READER, KIND_FILTER } Kind;

static gconstpointer
entry_kind (const Entry *e, Kind kind)
{
  return kind == KIND_WRITER ? (gconstpointer) e->writer
         : kind == KIND_READER ? (gconstpointer) e->reader : (gconstpointer) e->filter;
}

struct _PrensaRegistry {
  GPtrArray *paths;   /* char * */
  GArray *entries;    /* Entry, sorted by name after a scan */
  gboolean all_open;
};

static void
entry_clear (gpointer data)
{
  Entry *e = data;
  g_free (e->name);
  g_free (e->path);
}

PrensaRegistry *
prensa_registry_new (void)
{
  PrensaRegistry *r = g_new0 (PrensaRegistry, 1);
  r->paths = g_ptr_array_new_with_free_func (g_free);
  r->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (r->entries, entry_clear);
  return r;
}

void
prensa_registry_free (PrensaRegistry *registry)
{
  if (registry == NULL)
    return;
  g_array_unref (registry->entries);
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
    Entry *e = &g_array_index (r->entries, Entry, i);
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

/* The descriptor @symbol names in @module, after @check; NULL (having
 * warned) when it is missing or unusable. */
static gconstpointer
take_symbol (GModule *module, const Entry *e, const char *symbol,
             char *(*check) (gconstpointer, const char *))
{
  gpointer found = NULL;
  g_autofree char *reason = NULL;
  if (!g_module_symbol (module, symbol, &found) || found == NULL)
    reason = g_strdup_printf ("not a prensa plugin (no '%s' symbol)", symbol);
  else
    reason = check (found, e->name);
  if (reason) {
    prensa_warning ("%s: %s; skipped", e->path, reason);
    return NULL;
  }
  return found;
}

/* Opens entry @i; when it has nothing usable, warns, drops it and
 * returns FALSE. */
static gboolean
open_entry (PrensaRegistry *r, guint i)
{
  Entry *e = &g_array_index (r->entries, Entry, i);
  if (e->opened)
    return TRUE;
  GModule *module = g_module_open (e->path, G_MODULE_BIND_LOCAL);
  if (module == NULL) {
    prensa_warning ("%s: cannot open plugin: %s; skipped", e->path, g_module_error ());
    g_array_remove_index (r->entries, i);
    return FALSE;
  }
  if (e->has_writer)
    e->writer = take_symbol (module, e, PRENSA_WRITER_SYMBOL,
                             (char *(*) (gconstpointer, const char *)) check_writer);
  if (e->has_reader)
    e->reader = take_symbol (module, e, PRENSA_READER_SYMBOL,
                             (char *(*) (gconstpointer, const char *)) check_reader);
  if (e->has_filter)
    e->filter = take_symbol (module, e, PRENSA_FILTER_SYMBOL,
                             (char *(*) (gconstpointer, const char *)) check_filter);
  if (e->writer == NULL && e->reader == NULL && e->filter == NULL) {
    g_module_close (module);
    g_array_remove_index (r->entries, i);
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

static void
open_all (const PrensaRegistry *registry)
{
  PrensaRegistry *r = (PrensaRegistry *) registry; /* opening is caching */
  if (r->all_open)
    return;
  for (guint i = 0; i < r->entries->len;)
    if (open_entry (r, i))
      i++;
  r->all_open = TRUE;
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

static void
probe_file (PrensaRegistry *r, const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen ("." G_MODULE_SUFFIX));
  const Entry *dup = find_entry (r, stem);
  if (dup) {
    prensa_warning ("%s: format '%s' is already provided by %s; skipped", path, stem, dup->path);
    return;
  }
  guint writer_abi = 0, reader_abi = 0, filter_abi = 0;
  g_autofree char *problem = NULL;
  if (!prensa_plugin_probe (path, &writer_abi, &reader_abi, &filter_abi, &problem)) {
    prensa_warning ("%s: %s; skipped", path, problem);
    return;
  }
  gboolean writer = abi_usable (path, "plugin", writer_abi);
  gboolean reader = abi_usable (path, "reader", reader_abi);
  gboolean filter = abi_usable (path, "filter", filter_abi);
  if (!writer && !reader && !filter)
    return;
  Entry e = { g_steal_pointer (&stem), g_strdup (path), writer, reader, filter, FALSE,
              NULL, NULL, NULL };
  g_array_append_val (r->entries, e);
}

/* Whether code in @path (a folder, or a module when @is_module) may be
 * run: another user who can write there could put any code into this
 * process. Refused: writable by everyone (a root-owned sticky folder such
 * as /tmp aside, where each file keeps its owner, checked below), and a
 * module owned by someone who is neither this user nor root. */
static gboolean
trusted (const char *path, gboolean is_module)
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
  if (is_module && st.st_uid != 0 && st.st_uid != getuid ()) {
    prensa_warning ("%s: skipped: it belongs to another user (uid %u)", path, (guint) st.st_uid);
    return FALSE;
  }
  return TRUE;
}

static void
scan_dir (PrensaRegistry *r, const char *dirname)
{
  if (!g_file_test (dirname, G_FILE_TEST_IS_DIR) || !trusted (dirname, FALSE))
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
    if (g_file_test (files->pdata[i], G_FILE_TEST_IS_REGULAR) && trusted (files->pdata[i], TRUE))
      probe_file (r, files->pdata[i]);
}

static gint
compare_entries (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Entry *) a)->name, ((const Entry *) b)->name);
}

guint
prensa_registry_scan (PrensaRegistry *registry)
{
  g_return_val_if_fail (registry != NULL, 0);
  g_return_val_if_fail (g_module_supported (), 0);
  for (guint i = 0; i < registry->paths->len; i++)
    scan_dir (registry, registry->paths->pdata[i]);
  g_array_sort (registry->entries, compare_entries);
  registry->all_open = FALSE;
  return registry->entries->len;
}

/* The @index-th entry that has a @kind, all opened. */
static const Entry *
nth_entry (const PrensaRegistry *registry, Kind kind, guint index)
{
  open_all (registry);
  for (guint i = 0; i < registry->entries->len; i++) {
    const Entry *e = &g_array_index (registry->entries, Entry, i);
    if (entry_kind (e, kind) && index-- == 0)
      return e;
  }
  return NULL;
}

static guint
count_entries (const PrensaRegistry *registry, Kind kind)
{
  open_all (registry);
  guint n = 0;
  for (guint i = 0; i < registry->entries->len; i++)
    n += entry_kind (&g_array_index (registry->entries, Entry, i), kind) != NULL;
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
  return e->writer;
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
  return e->reader;
}

static const char *
path_of (const PrensaRegistry *registry, gconstpointer descriptor)
{
  for (guint i = 0; i < registry->entries->len; i++) {
    const Entry *e = &g_array_index (registry->entries, Entry, i);
    if ((gconstpointer) e->writer == descriptor || (gconstpointer) e->reader == descriptor
        || (gconstpointer) e->filter == descriptor)
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

/* Opens the entry named @name; NULL when there is none or it is broken. */
static const Entry *
open_named (const PrensaRegistry *registry, const char *name)
{
  PrensaRegistry *r = (PrensaRegistry *) registry; /* opening is caching */
  for (guint i = 0; i < r->entries->len; i++)
    if (strcmp (g_array_index (r->entries, Entry, i).name, name) == 0)
      return open_entry (r, i) ? &g_array_index (r->entries, Entry, i) : NULL;
  return NULL;
}

const PrensaWriter *
prensa_registry_lookup (const PrensaRegistry *registry, const char *name)
{
  g_return_val_if_fail (registry != NULL && name != NULL, NULL);
  const Entry *e = open_named (registry, name);
  return e ? e->writer : NULL;
}

const PrensaReader *
prensa_registry_lookup_reader (const PrensaRegistry *registry, const char *name)
{
  g_return_val_if_fail (registry != NULL && name != NULL, NULL);
  const Entry *e = open_named (registry, name);
  return e ? e->reader : NULL;
}

const PrensaWriter *
prensa_registry_lookup_extension (const PrensaRegistry *registry, const char *extension)
{
  g_return_val_if_fail (registry != NULL && extension != NULL, NULL);
  open_all (registry);
  for (guint i = 0; i < registry->entries->len; i++) {
    const Entry *e = &g_array_index (registry->entries, Entry, i);
    if (e->writer && g_ascii_strcasecmp (e->writer->extension, extension) == 0)
      return e->writer;
  }
  return NULL;
}

gboolean
prensa_reader_has_extension (const PrensaReader *reader, const char *extension)
{
  g_return_val_if_fail (reader != NULL && extension != NULL, FALSE);
  g_auto (GStrv) items = g_strsplit (reader->extensions, ",", -1);
  for (guint i = 0; items[i]; i++)
    if (g_ascii_strcasecmp (g_strstrip (items[i]), extension) == 0)
      return TRUE;
  return FALSE;
}

const PrensaReader *
prensa_registry_lookup_reader_extension (const PrensaRegistry *registry, const char *extension)
{
  g_return_val_if_fail (registry != NULL && extension != NULL, NULL);
  PrensaRegistry *r = (PrensaRegistry *) registry; /* opening is caching */
  /* Only modules that carry a reader are opened: a writer's libraries
   * (cairo, libxml2…) are not mapped to find out how to read an input. */
  for (guint i = 0; i < r->entries->len;) {
    if (!g_array_index (r->entries, Entry, i).has_reader) {
      i++;
      continue;
    }
    if (!open_entry (r, i))
      continue;
    const Entry *e = &g_array_index (r->entries, Entry, i++);
    if (e->reader && prensa_reader_has_extension (e->reader, extension))
      return e->reader;
  }
  return NULL;
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
  return e->filter;
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
  const Entry *e = open_named (registry, name);
  return e ? e->filter : NULL;
}
