/* media.c: files an input carries inside itself (a DOCX's images, an HTML
 * page's data: URLs), kept in a private folder per part so that every
 * writer embeds them through prensa_document_resolve_resource(), exactly as
 * it embeds a file found beside the input.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

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
