/* document.c: reading a loaded document.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

void
prensa_document_free (PrensaDocument *document)
{
  if (document == NULL)
    return;
  g_ptr_array_unref (document->speakers);
  prensa_arena_free (document->arena);
  g_free (document);
}

const PrensaNode *
prensa_document_get_root (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return document->root;
}

const PrensaValue *
prensa_document_get_meta (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return document->meta;
}

const char *
prensa_document_get_meta_string (const PrensaDocument *document, const char *key)
{
  g_return_val_if_fail (document != NULL && key != NULL, NULL);
  return prensa_value_lookup_string (document->meta, key);
}

char **
prensa_document_dup_meta_strv (const PrensaDocument *document, const char *key)
{
  g_return_val_if_fail (document != NULL && key != NULL, NULL);
  return prensa_value_dup_strv (prensa_value_lookup (document->meta, key));
}

guint
prensa_document_get_n_speakers (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, 0);
  return document->speakers->len;
}

const PrensaSpeaker *
prensa_document_get_speaker (const PrensaDocument *document, guint index)
{
  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (index < document->speakers->len, NULL);
  return document->speakers->pdata[index];
}

guint
prensa_document_get_n_parts (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, 0);
  return document->n_parts;
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

char *
prensa_document_resolve_resource (const PrensaDocument *document,
                                  const PrensaNode *node,
                                  const char *url,
                                  GError **error)
{
  g_return_val_if_fail (document != NULL && url != NULL, NULL);
  if (has_scheme (url)) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                 "%s: only local files are embedded, not URLs", url);
    return NULL;
  }
  g_autofree char *path = g_strndup (url, strcspn (url, "?#"));
  g_autofree char *decoded = g_uri_unescape_string (path, NULL);
  if (decoded == NULL || *decoded == '\0') {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                 "%s: not a file name", url);
    return NULL;
  }
  const PrensaNode *part = node ? prensa_node_get_part (node) : document->root->first_child;
  const char *source = part ? part->as.part.source : NULL;
  g_autofree char *dir = source ? g_path_get_dirname (source) : g_get_current_dir ();
  g_autofree char *relative_to = g_canonicalize_filename (dir, NULL);
  char *full = g_canonicalize_filename (decoded, relative_to);
  if (!g_file_test (full, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_IO,
                 "%s: no such file", full);
    g_free (full);
    return NULL;
  }
  return full;
}
