/* loader.c: reading inputs into one document.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>

#include "prensa-private.h"
#include "prensa/prensa-registry.h"

G_DEFINE_QUARK (prensa-load-error-quark, prensa_load_error)

struct _PrensaLoader {
  PrensaLoadFlags flags;
  PrensaRegistry *registry;     /* borrowed, or own_registry */
  PrensaRegistry *own_registry;
  char *format;                 /* -f, or NULL: by extension */
  PrensaDocument *doc;
  const PrensaValue *first_meta; /* what a single input's document is */
  GPtrArray *meta_keys;
  GPtrArray *meta_values;
  char *meta_file;              /* --metadata-file: its name, */
  char *meta_yaml;              /* its text, checked and cleaned, */
  gsize meta_yaml_len;
  const PrensaValue *file_meta; /* and its map in doc's arena, once needed */
  GPtrArray *part_names;        /* each part's input name, in doc's arena */
};

PrensaDocument *
prensa_document_new (PrensaLoadFlags flags)
{
  PrensaDocument *doc = g_new0 (PrensaDocument, 1);
  doc->arena = prensa_arena_new ();
  doc->root = prensa_node_new (doc->arena, PRENSA_NODE_DOCUMENT);
  doc->flags = flags;
  doc->speakers = g_ptr_array_new ();
  doc->resource_paths = g_ptr_array_new_with_free_func (g_free);
  doc->media = prensa_media_list_new ();
  return doc;
}

PrensaLoader *
prensa_loader_new (PrensaLoadFlags flags)
{
  PrensaLoader *l = g_new0 (PrensaLoader, 1);
  l->flags = flags;
  l->doc = prensa_document_new (flags);
  l->meta_keys = g_ptr_array_new_with_free_func (g_free);
  l->meta_values = g_ptr_array_new_with_free_func (g_free);
  l->part_names = g_ptr_array_new ();
  return l;
}

void
prensa_loader_free (PrensaLoader *loader)
{
  if (loader == NULL)
    return;
  prensa_document_free (loader->doc);
  prensa_registry_free (loader->own_registry);
  g_free (loader->format);
  g_ptr_array_unref (loader->meta_keys);
  g_ptr_array_unref (loader->meta_values);
  g_ptr_array_unref (loader->part_names);
  g_free (loader->meta_file);
  g_free (loader->meta_yaml);
  g_free (loader);
}

void
prensa_loader_set_registry (PrensaLoader *loader, PrensaRegistry *registry)
{
  g_return_if_fail (loader != NULL && registry != NULL);
  loader->registry = registry;
}

void
prensa_loader_set_format (PrensaLoader *loader, const char *format)
{
  g_return_if_fail (loader != NULL);
  g_free (loader->format);
  loader->format = g_strdup (format);
}

/* The reader for an input named @name: -f's, else the one that claims the
 * extension, else Markdown (as pandoc reads an unknown extension). */
static const PrensaReader *
pick_reader (PrensaLoader *l, const char *name, GError **error)
{
  if (l->registry == NULL) {
    l->own_registry = prensa_registry_new ();
    prensa_registry_add_default_paths (l->own_registry, NULL);
    prensa_registry_scan (l->own_registry);
    l->registry = l->own_registry;
  }
  const PrensaReader *reader = NULL;
  const char *want = l->format;
  if (want == NULL) {
    want = "markdown";
    g_autofree char *base = g_path_get_basename (name);
    const char *dot = strrchr (base, '.');
    /* The default reader first: when it claims the extension (.md), no
     * other reader's module need be opened to find out. */
    const PrensaReader *fallback = prensa_registry_lookup_reader (l->registry, want);
    if (dot && dot != base && dot[1])
      reader = fallback && prensa_reader_has_extension (fallback, dot + 1)
                 ? fallback : prensa_registry_lookup_reader_extension (l->registry, dot + 1);
  }
  if (reader == NULL)
    reader = prensa_registry_lookup_reader (l->registry, want);
  if (reader == NULL)
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                 "%s: no reader for format '%s' (see --list-formats)", name, want);
  return reader;
}

void
prensa_loader_set_meta (PrensaLoader *loader, const char *key, const char *value)
{
  g_return_if_fail (loader != NULL && key != NULL && value != NULL);
  char *clean = NULL;
  gsize clean_len;
  /* -M values are text like any other: invalid UTF-8 becomes U+FFFD. */
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  if (!prensa_text_sanitize ("-M", valid, strlen (valid), &clean, &clean_len, NULL))
    clean = NULL;
  g_ptr_array_add (loader->meta_keys, g_strdup (key));
  g_ptr_array_add (loader->meta_values, clean ? clean : g_strdup (valid));
}

static gboolean read_fd (int fd, const char *name, GByteArray *buf, GError **error);

/* The metadata file's map and speakers, parsed into @arena. */
static const PrensaValue *
parse_meta_file (PrensaLoader *l, PrensaArena *arena, GError **error)
{
  const PrensaValue *meta = prensa_front_matter_parse (arena, l->meta_file, l->meta_yaml,
                                                       l->meta_yaml_len, 1, error);
  g_autoptr (GPtrArray) speakers = g_ptr_array_new ();
  if (meta && !prensa_front_matter_speakers (arena, l->meta_file, meta, speakers, error))
    return NULL;
  return meta;
}

gboolean
prensa_loader_set_metadata_file (PrensaLoader *loader, const char *path, GError **error)
{
  g_return_val_if_fail (loader != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int saved = errno;
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                 "%s: cannot open the metadata file: %s", path, g_strerror (saved));
    return FALSE;
  }
  GByteArray *buf = g_byte_array_new ();
  gboolean read_ok = read_fd (fd, path, buf, error);
  close (fd);
  gsize len = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1);
  g_autofree char *text = (char *) g_byte_array_free (buf, FALSE);
  if (!read_ok)
    return FALSE;
  char *clean = NULL;
  gsize clean_len = 0;
  if (!prensa_text_sanitize (path, text, len, &clean, &clean_len, error))
    return FALSE;
  if (clean) {
    g_free (text);
    text = clean;
    len = clean_len;
  }
  const char *yaml = text;
  if (len >= 3 && memcmp (yaml, "\xEF\xBB\xBF", 3) == 0) {
    yaml += 3;
    len -= 3;
  }
  /* Checked now, so a bad file fails before any input is read; parsed
   * again into each document's arena when a part needs it. */
  g_autofree char *old_file = loader->meta_file, *old_yaml = loader->meta_yaml;
  gsize old_len = loader->meta_yaml_len;
  loader->meta_file = g_strdup (path);
  loader->meta_yaml = g_strndup (yaml, len);
  loader->meta_yaml_len = len;
  PrensaArena *scratch = prensa_arena_new ();
  gboolean ok = parse_meta_file (loader, scratch, error) != NULL;
  prensa_arena_free (scratch);
  if (!ok) {
    g_free (loader->meta_file);
    g_free (loader->meta_yaml);
    loader->meta_file = g_steal_pointer (&old_file);
    loader->meta_yaml = g_steal_pointer (&old_yaml);
    loader->meta_yaml_len = old_len;
    return FALSE;
  }
  loader->file_meta = NULL;
  return TRUE;
}

void
prensa_loader_add_resource_path (PrensaLoader *loader, const char *directory)
{
  g_return_if_fail (loader != NULL && directory != NULL);
  /* Compared against later with symlinks resolved, so resolve them now. */
  g_autofree char *absolute = g_canonicalize_filename (directory, NULL);
  char *real = realpath (absolute, NULL);
  g_ptr_array_add (loader->doc->resource_paths, real ? g_strdup (real) : g_strdup (absolute));
  free (real);
}

/* Front matter opens with "---" on the first line, followed by a line
 * that is not blank (otherwise it is a thematic break), and closes with a
 * line of "---" or "...". Sets *@yaml_len to 0 when there is none. */
static gboolean
split_front_matter (const char *name, const char *data, gsize len,
                    gsize *yaml_start, gsize *yaml_len, gsize *body_start,
                    guint *body_line, GError **error)
{
  *yaml_start = *yaml_len = *body_start = 0;
  *body_line = 0;
  gsize open = 0;
  if (len >= 4 && memcmp (data, "---\n", 4) == 0)
    open = 4;
  else if (len >= 5 && memcmp (data, "---\r\n", 5) == 0)
    open = 5;
  if (open == 0 || open >= len || data[open] == '\n' || data[open] == '\r')
    return TRUE;

  guint line = 2;
  for (gsize at = open; at < len; line++) {
    const char *nl = memchr (data + at, '\n', len - at);
    gsize end = nl ? (gsize) (nl - data) : len;
    gsize l = end - at;
    while (l > 0 && (data[at + l - 1] == '\r' || data[at + l - 1] == ' '))
      l--;
    if (l == 3 && (memcmp (data + at, "---", 3) == 0 || memcmp (data + at, "...", 3) == 0)) {
      *yaml_start = open;
      *yaml_len = at - open;
      *body_start = nl ? end + 1 : len;
      *body_line = line;
      return TRUE;
    }
    at = end + 1;
  }
  g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FRONT_MATTER,
               "%s:1: front matter opened with '---' is never closed (end it with a '---' line)",
               name);
  return FALSE;
}

static void
add_speakers (PrensaDocument *doc, GPtrArray *speakers)
{
  for (guint i = 0; i < speakers->len; i++) {
    const PrensaSpeaker *sp = speakers->pdata[i];
    gboolean seen = FALSE;
    for (guint j = 0; j < doc->speakers->len && !seen; j++)
      seen = strcmp (((PrensaSpeaker *) doc->speakers->pdata[j])->id, sp->id) == 0;
    if (!seen)
      g_ptr_array_add (doc->speakers, (gpointer) sp);
  }
}

/* @meta without what only the metadata file @file put there (kept by
 * identity: prensa_value_overlay() copies the file's items), so a part
 * of a book of several inputs describes itself alone. */
static const PrensaValue *
own_meta (PrensaArena *arena, const PrensaValue *meta, const PrensaValue *file)
{
  if (file == NULL || meta == NULL)
    return meta;
  PrensaValue *own = prensa_value_new_empty_map (arena);
  own->keys = prensa_arena_alloc (arena, sizeof (char *) * MAX (meta->length, 1));
  own->items = prensa_arena_alloc (arena, sizeof (PrensaValue *) * MAX (meta->length, 1));
  for (guint i = 0; i < meta->length; i++) {
    if (prensa_value_lookup (file, meta->keys[i]) == meta->items[i])
      continue;
    own->keys[own->length] = meta->keys[i];
    own->items[own->length++] = meta->items[i];
  }
  return own;
}

/* Runs @reader over one input and, when it succeeds, adds the part.
 * @owned (may be NULL) is the buffer @data lies in when the loader may
 * free it: the reader may let it go (prensa_builder_release_input) once
 * its parser has its own copy, which lowers the peak memory of a book by
 * the size of the book. */
/* Each speaker's first turn in @part, for the label every writer shows. */
void
prensa_turns_mark_first (PrensaNode *part)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  for (PrensaNode *n = part->first_child; n; n = n->next)
    if (n->type == PRENSA_NODE_TURN)
      n->as.turn.first = g_hash_table_add (seen, (gpointer) n->as.turn.speaker);
}

static gboolean
add_part (PrensaLoader *l, const PrensaReader *reader, const char *name, const char *source,
          const char *data, gsize len, char **owned, GError **error)
{
  PrensaDocument *doc = l->doc;
  gsize ys = 0, yl = 0, bs = 0;
  guint body_line = 0;
  if (reader->flags & PRENSA_READER_TEXT && len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0) {
    data += 3;
    len -= 3;
  }
  if ((reader->flags & PRENSA_READER_FRONT_MATTER) == PRENSA_READER_FRONT_MATTER
      && !split_front_matter (name, data, len, &ys, &yl, &bs, &body_line, error))
    return FALSE;

  const PrensaValue *meta;
  if (body_line > 0)
    meta = prensa_front_matter_parse (doc->arena, name, data + ys, yl, 2, error);
  else
    meta = prensa_value_new_empty_map (doc->arena);
  if (meta == NULL)
    return FALSE;
  if (l->meta_yaml) {
    if (l->file_meta == NULL && (l->file_meta = parse_meta_file (l, doc->arena, error)) == NULL)
      return FALSE;
    meta = prensa_value_overlay (doc->arena, l->file_meta, meta);
  }
  g_autoptr (GPtrArray) speakers = g_ptr_array_new ();
  if (!prensa_front_matter_speakers (doc->arena, name, meta, speakers, error))
    return FALSE;

  PrensaNode *part = prensa_node_new (doc->arena, PRENSA_NODE_PART);
  part->as.part.source = source ? prensa_arena_strdup (doc->arena, source) : NULL;
  part->as.part.figures = (reader->flags & PRENSA_READER_IMPLICIT_FIGURES) != 0;
  part->line = 1;
  PrensaBuilder b;
  prensa_builder_init (&b, doc->arena, prensa_arena_strdup (doc->arena, name), l->flags, part,
                       meta, speakers, body_line);
  b.owned_input = owned;
  gboolean ok = reader->read (&b, data + bs, len - bs, error) && prensa_builder_end (&b, error);
  if (ok) {
    if (!b.made_structure)
      prensa_interview_build (doc->arena, part, speakers, b.name, b.line_offset, b.meta,
                              l->meta_keys, l->meta_values);
    prensa_footnotes_resolve (&b);
    prensa_turns_mark_first (part);
    const PrensaValue *own = own_meta (doc->arena, b.meta, l->meta_yaml ? l->file_meta : NULL);
    if (!(l->flags & PRENSA_LOAD_NO_SMART)) {
      gboolean same = own == b.meta;
      b.meta = prensa_meta_smarten (doc->arena, b.meta);
      own = same ? b.meta : prensa_meta_smarten (doc->arena, own);
    }
    part->as.part.meta = own;
    if (b.media_dir)
      g_ptr_array_add (doc->media, g_steal_pointer (&b.media_dir));
    prensa_node_append (doc->root, part);
    g_ptr_array_add (l->part_names, (gpointer) b.name);
    add_speakers (doc, speakers);
    if (doc->n_parts++ == 0)
      l->first_meta = b.meta;
  } else if (error && *error == NULL) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                 "%s: the %s reader failed and did not say why", name, reader->name);
  }
  prensa_builder_clear (&b);
  return ok;
}

static gboolean
add_data (PrensaLoader *loader, const char *name, const char *source,
          const char *data, gsize len, char **owned, GError **error)
{
  const PrensaReader *reader = pick_reader (loader, source ? source : name, error);
  if (reader == NULL)
    return FALSE;
  if (!(reader->flags & PRENSA_READER_TEXT))
    return add_part (loader, reader, name, source, data, len, owned, error);
  g_autofree char *clean = NULL;
  gsize clean_len = 0;
  if (!prensa_text_sanitize (name, data, len, &clean, &clean_len, error))
    return FALSE;
  if (clean == NULL)
    return add_part (loader, reader, name, source, data, len, owned, error);
  if (owned)
    g_clear_pointer (owned, g_free);
  return add_part (loader, reader, name, source, clean, clean_len, &clean, error);
}

gboolean
prensa_loader_add_data (PrensaLoader *loader, const char *name, const char *source,
                        const char *data, gssize length, GError **error)
{
  g_return_val_if_fail (loader != NULL && data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  gsize len = length < 0 ? strlen (data) : (gsize) length;
  return add_data (loader, name ? name : "<input>", source, data, len, NULL, error);
}

static gboolean
read_fd (int fd, const char *name, GByteArray *buf, GError **error)
{
  guint8 chunk[65536];
  for (;;) {
    ssize_t n = read (fd, chunk, sizeof chunk);
    if (n == 0)
      return TRUE;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int saved = errno;
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                   "%s: cannot read: %s", name, g_strerror (saved));
      return FALSE;
    }
    g_byte_array_append (buf, chunk, (guint) n);
  }
}

gboolean
prensa_loader_add_file (PrensaLoader *loader, const char *path, GError **error)
{
  g_return_val_if_fail (loader != NULL && path != NULL, FALSE);
  gboolean is_stdin = strcmp (path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  int fd = is_stdin ? STDIN_FILENO : open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int saved = errno;
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                 "%s: cannot open: %s", name, g_strerror (saved));
    return FALSE;
  }
  struct stat st;
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode)) {
    if (!is_stdin)
      close (fd);
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                 "%s: is a directory, not a document", name);
    return FALSE;
  }
  GByteArray *buf = g_byte_array_sized_new (S_ISREG (st.st_mode) ? (guint) st.st_size + 1 : 65536);
  gboolean ok = read_fd (fd, name, buf, error);
  if (!is_stdin)
    close (fd);
  gsize len = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1); /* readers may rely on a NUL */
  g_autofree char *data = (char *) g_byte_array_free (buf, FALSE);
  if (!ok)
    return FALSE;
  return add_data (loader, name, is_stdin ? NULL : path, data, len, &data, error);
}

PrensaDocument *
prensa_loader_finish (PrensaLoader *loader)
{
  g_return_val_if_fail (loader != NULL, NULL);
  PrensaDocument *doc = loader->doc;
  /* One input is the document: its front matter is the book's. A book of
   * several has its own identity, from --metadata-file and -M alone;
   * each part keeps the front matter it came with. */
  const PrensaValue *base = loader->first_meta;
  if (doc->n_parts > 1) {
    base = loader->file_meta;
    if (base == NULL && loader->meta_yaml)
      base = parse_meta_file (loader, doc->arena, NULL);
  }
  doc->meta = prensa_value_merge (doc->arena, base, loader->meta_keys, loader->meta_values);
  if (!(loader->flags & PRENSA_LOAD_NO_SMART))
    doc->meta = prensa_meta_smarten (doc->arena, doc->meta);
  if (doc->n_parts == 1)
    doc->root->first_child->as.part.meta = doc->meta;
  prensa_anchors_assign (doc->arena, doc->root);
  prensa_links_index (doc, loader->part_names);
  prensa_links_drop_missing (doc, loader->part_names);
  g_ptr_array_set_size (loader->part_names, 0);
  prensa_document_find_title (doc);
  prensa_document_find_paper (doc);
  loader->doc = prensa_document_new (loader->flags);
  for (guint i = 0; i < doc->resource_paths->len; i++)
    g_ptr_array_add (loader->doc->resource_paths, g_strdup (doc->resource_paths->pdata[i]));
  loader->first_meta = NULL;
  loader->file_meta = NULL;     /* it lived in doc's arena */
  return doc;
}

PrensaDocument *
prensa_document_load (const char *path, PrensaLoadFlags flags, GError **error)
{
  g_autoptr (PrensaLoader) l = prensa_loader_new (flags);
  if (!prensa_loader_add_file (l, path, error))
    return NULL;
  return prensa_loader_finish (l);
}
