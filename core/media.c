/* media.c: the files a document names (images, the cover) and the files
 * an input carries inside itself (a DOCX's images, an HTML page's data:
 * URLs), kept in a private folder per part so that every writer embeds
 * them through prensa_document_load_resource(), exactly as it embeds a
 * file found beside the input.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#if defined __linux__ && defined __has_include
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#endif
#endif

#include "prensa-private.h"

#define MEDIA_MAX_FILES 4096
#define MEDIA_MAX_BYTES (G_GUINT64_CONSTANT (512) << 20)

void
prensa_media_dir_remove (char *dir)
{
  if (dir == NULL)
    return;
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *entry;
  while (d && (entry = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (dir, entry, NULL);
    g_unlink (path);
  }
  if (d)
    g_dir_close (d);
  g_rmdir (dir);
  g_free (dir);
}

GPtrArray *
prensa_media_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) prensa_media_dir_remove);
}

/* The last path component of @hint with every byte outside [A-Za-z0-9._-]
 * made '_', no leading dot, at most 64 bytes ending in the extension. */
static char *
safe_name (const char *hint)
{
  const char *base = hint ? hint : "";
  for (const char *p = base; *p; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  GString *s = g_string_new (NULL);
  for (const char *p = base; *p; p++) {
    gboolean ok = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (*p == '.' && s->len > 0);
    g_string_append_c (s, ok ? *p : '_');
  }
  if (s->len == 0 || strspn (s->str, "._") == s->len)
    g_string_assign (s, "resource");
  if (s->len > 64) {
    const char *dot = strrchr (s->str, '.');
    gsize ext = dot && s->str + s->len - dot <= 10 ? (gsize) (s->str + s->len - dot) : 0;
    memmove (s->str + 64 - ext, s->str + s->len - ext, ext);
    g_string_truncate (s, 64);
  }
  return g_string_free (s, FALSE);
}

/* @name, or NAME-2.EXT, NAME-3.EXT… when a file of that name is kept. */
static char *
unique_name (const char *dir, const char *name)
{
  char *candidate = g_strdup (name);
  const char *dot = strrchr (name, '.');
  gsize stem = dot && dot != name ? (gsize) (dot - name) : strlen (name);
  for (guint i = 2; ; i++) {
    g_autofree char *path = g_build_filename (dir, candidate, NULL);
    if (!g_file_test (path, G_FILE_TEST_EXISTS))
      return candidate;
    g_free (candidate);
    candidate = g_strdup_printf ("%.*s-%u%s", (int) stem, name, i, name + stem);
  }
}

const char *
prensa_builder_add_resource (PrensaBuilder *b, const char *name_hint,
                             const void *data, gsize length, GError **error)
{
  g_return_val_if_fail (b != NULL && (data != NULL || length == 0), NULL);
  g_autofree char *name = safe_name (name_hint);
  if (b->flags & PRENSA_LOAD_SANDBOX)
    return prensa_arena_strdup (b->arena, name);
  if (b->n_media >= MEDIA_MAX_FILES || b->media_bytes + length > MEDIA_MAX_BYTES) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                 "%s: more embedded files than prensa keeps (%u files or %u MiB)",
                 b->name, MEDIA_MAX_FILES, (guint) (MEDIA_MAX_BYTES >> 20));
    return NULL;
  }
  if (b->media_dir == NULL) {
    GError *local = NULL;
    b->media_dir = g_dir_make_tmp ("prensa-media-XXXXXX", &local);
    if (b->media_dir == NULL) {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                   "%s: no folder for its embedded files: %s", b->name, local->message);
      g_error_free (local);
      return NULL;
    }
    b->part->as.part.media = prensa_arena_strdup (b->arena, b->media_dir);
  }
  g_autofree char *unique = unique_name (b->media_dir, name);
  g_autofree char *path = g_build_filename (b->media_dir, unique, NULL);
  GError *local = NULL;
  if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600, &local)) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                 "%s: cannot keep the embedded file %s: %s", b->name, unique, local->message);
    g_error_free (local);
    return NULL;
  }
  b->n_media++;
  b->media_bytes += length;
  return prensa_arena_strdup (b->arena, unique);
}

/* "http:", "mailto:" … : a scheme of two or more letters (one letter is a
 * Windows drive, which we treat as a path). */
static gboolean
has_scheme (const char *url)
{
  const char *p = url;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':' && p - url >= 2 && g_ascii_isalpha (url[0]);
}

static gboolean
forbid (GError **error, const char *url, const char *why)
{
  g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORBIDDEN, "%s: %s", url, why);
  return FALSE;
}

/* Finds @name below @base; the result, symlinks resolved, must stay
 * inside @base. Returns NULL when there is no such file. */
static char *
find_below (const char *base, const char *name, gboolean *escaped)
{
  g_autofree char *candidate = g_build_filename (base, name, NULL);
  char *real = realpath (candidate, NULL);
  if (real == NULL)
    return NULL;
  gsize n = strlen (base);
  gboolean inside = strncmp (real, base, n) == 0 && (real[n] == '/' || strcmp (base, "/") == 0);
  if (!inside || !g_file_test (real, G_FILE_TEST_IS_REGULAR)) {
    *escaped |= !inside;
    free (real);
    return NULL;
  }
  char *found = g_strdup (real);
  free (real);
  return found;
}

static gboolean
has_dotdot (const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (strcmp (parts[i], "..") == 0)
      return TRUE;
  return FALSE;
}

/* The name @url stands for, or NULL with @error set when the rules refuse
 * it before any file is looked at. */
static char *
resource_name (const PrensaDocument *document, const char *url, GError **error)
{
  if (document->flags & PRENSA_LOAD_SANDBOX)
    return forbid (error, url, "files are not read in --sandbox mode"), NULL;
  if (has_scheme (url))
    return forbid (error, url, "only local files are embedded, not URLs"), NULL;
  g_autofree char *path = g_strndup (url, strcspn (url, "?#"));
  char *name = g_uri_unescape_string (path, NULL);
  if (name == NULL || *name == '\0') {
    g_free (name);
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO, "%s: not a file name", url);
    return NULL;
  }
  if (g_path_is_absolute (name)) {
    g_free (name);
    return forbid (error, url, "absolute paths are not read; put the file beside the document "
                               "or in a --resource-path folder"), NULL;
  }
  if (has_dotdot (name)) {
    g_free (name);
    return forbid (error, url, "'..' may not leave the document's folder"), NULL;
  }
  return name;
}

/* The folders @name may be found in, in order: what the input carried
 * inside itself (its folder holds only names prensa_builder_add_resource()
 * made, so no '/'), the part's own folder, each --resource-path folder. */
static GPtrArray *
resource_roots (const PrensaDocument *document, const PrensaNode *node, const char *name)
{
  GPtrArray *roots = g_ptr_array_new_with_free_func (g_free);
  const PrensaNode *part = node ? prensa_node_get_part (node) : document->root->first_child;
  const char *source = part ? part->as.part.source : NULL;
  g_autofree char *dir = source ? g_path_get_dirname (source) : g_get_current_dir ();
  g_autofree char *absolute = g_canonicalize_filename (dir, NULL);
  char *real_dir = realpath (absolute, NULL);
  if (part && part->as.part.media && strchr (name, '/') == NULL)
    g_ptr_array_add (roots, g_strdup (part->as.part.media));
  if (real_dir)
    g_ptr_array_add (roots, g_strdup (real_dir));
  free (real_dir);
  for (guint i = 0; i < document->resource_paths->len; i++)
    g_ptr_array_add (roots, g_strdup (document->resource_paths->pdata[i]));
  return roots;
}

static gboolean
not_found (GError **error, const char *url, gboolean escaped)
{
  if (escaped)
    return forbid (error, url, "a symlink leads out of the allowed folders");
  g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO, "%s: no such file", url);
  return FALSE;
}

char *
prensa_document_resolve_resource (const PrensaDocument *document,
                                  const PrensaNode *node,
                                  const char *url,
                                  GError **error)
{
  g_return_val_if_fail (document != NULL && url != NULL, NULL);
  g_autofree char *name = resource_name (document, url, error);
  if (name == NULL)
    return NULL;
  g_autoptr (GPtrArray) roots = resource_roots (document, node, name);
  gboolean escaped = FALSE;
  for (guint i = 0; i < roots->len; i++) {
    char *found = find_below (roots->pdata[i], name, &escaped);
    if (found)
      return found;
  }
  not_found (error, url, escaped);
  return NULL;
}

#define RESOURCE_OPEN_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)

/* Opens @name below the folder @dir one component at a time, refusing
 * every symlink, for kernels (or container filters) without openat2. */
static int
open_walking (int dir, const char *name)
{
  g_auto (GStrv) parts = g_strsplit (name, "/", -1);
  int at = dup (dir);
  guint last = 0;
  for (guint i = 0; parts[i]; i++)
    if (*parts[i] && strcmp (parts[i], ".") != 0)
      last = i;
  for (guint i = 0; at >= 0 && parts[i]; i++) {
    if (!*parts[i] || strcmp (parts[i], ".") == 0)
      continue;
    int flags = i == last ? RESOURCE_OPEN_FLAGS : O_RDONLY | O_DIRECTORY | O_CLOEXEC;
    int next = openat (at, parts[i], flags | O_NOFOLLOW);
    int err = errno;
    struct stat st;
    /* A symlink to a folder fails O_DIRECTORY | O_NOFOLLOW as not a folder. */
    if (next < 0 && err == ENOTDIR && fstatat (at, parts[i], &st, AT_SYMLINK_NOFOLLOW) == 0
        && S_ISLNK (st.st_mode))
      err = ELOOP;
    close (at);
    errno = err;
    if (i == last)
      return next;
    at = next;
  }
  return at >= 0 ? (close (at), errno = EISDIR, -1) : -1;
}

/* Opens @name below @root without ever leaving it, whatever is swapped
 * for what while we look: the kernel resolves the name beneath the
 * folder's descriptor (openat2's RESOLVE_BENEATH), so the file opened is
 * the file checked. -1 with errno set; EXDEV or ELOOP for a symlink out. */
static int
open_beneath (const char *root, const char *name)
{
  int dir = open (root, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0)
    return -1;
  int fd = -1;
#if defined SYS_openat2 && defined RESOLVE_BENEATH
  struct open_how how = { .flags = RESOURCE_OPEN_FLAGS,
                          .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
  /* Old kernels say ENOSYS, seccomp filters in containers often EPERM
   * (and valgrind complains at every call): asked once. The tests set
   * PRENSA_NO_OPENAT2 to try the walk on any kernel. */
  static gint missing;
  gboolean walk = g_atomic_int_get (&missing) || g_getenv ("PRENSA_NO_OPENAT2") != NULL;
  if (!walk) {
    fd = (int) syscall (SYS_openat2, dir, name, &how, sizeof how);
    walk = fd < 0 && (errno == ENOSYS || errno == EPERM);
    if (walk)
      g_atomic_int_set (&missing, 1);
  }
  if (walk)
    fd = open_walking (dir, name);
#else
  fd = open_walking (dir, name);
#endif
  int err = errno;
  close (dir);
  errno = err;
  return fd;
}

GBytes *
prensa_document_load_resource (const PrensaDocument *document,
                               const PrensaNode *node,
                               const char *url,
                               gsize max,
                               char **path,
                               GError **error)
{
  g_return_val_if_fail (document != NULL && url != NULL, NULL);
  g_autofree char *name = resource_name (document, url, error);
  if (name == NULL)
    return NULL;
  g_autoptr (GPtrArray) roots = resource_roots (document, node, name);
  gboolean escaped = FALSE;
  for (guint i = 0; i < roots->len; i++) {
    int fd = open_beneath (roots->pdata[i], name);
    if (fd < 0 && (errno == EXDEV || errno == ELOOP)) {
      escaped = TRUE;
      continue;
    }
    if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
      continue;
    if (fd < 0) {
      int err = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "%s: %s", url,
                   g_strerror (err));
      return NULL;
    }
    char *contents = NULL;
    gsize length = 0;
    if (!prensa_fd_get_contents (fd, url, max, &contents, &length, error))
      return NULL;
    if (path)
      *path = g_build_filename (roots->pdata[i], name, NULL);
    return g_bytes_new_take (contents, length);
  }
  not_found (error, url, escaped);
  return NULL;
}
