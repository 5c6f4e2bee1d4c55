/* document.c: reading a loaded document.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "prensa-private.h"

void
prensa_document_free (PrensaDocument *document)
{
  if (document == NULL)
    return;
  g_ptr_array_unref (document->speakers);
  g_ptr_array_unref (document->resource_paths);
  g_ptr_array_unref (document->media);
  prensa_links_free (document->links);
  prensa_arena_free (document->arena);
  g_free (document);
}

const PrensaNode *
prensa_document_get_root (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return document->root;
}

PrensaLoadFlags
prensa_document_get_load_flags (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, PRENSA_LOAD_DEFAULT);
  return document->flags;
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

/* @text with runs of white space made one space and the ends trimmed;
 * NULL when nothing is left. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text ? text : ""; *p; p++) {
    if (g_ascii_isspace (*p)) {
      if (s->len > 0 && s->str[s->len - 1] != ' ')
        g_string_append_c (s, ' ');
    } else {
      g_string_append_c (s, *p);
    }
  }
  if (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  return s->len ? g_string_free (s, FALSE) : (g_string_free (s, TRUE), NULL);
}

static char *
first_heading (const PrensaNode *root)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (root);
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    const PrensaNode *n = prensa_iter_get_node (it);
    if (ev == PRENSA_EVENT_ENTER && n->type == PRENSA_NODE_HEADING) {
      g_autofree char *text = prensa_node_dup_text (n);
      char *title = squeeze (text);
      if (title)
        return title;
    }
  }
  return NULL;
}

static char *
file_title (const PrensaNode *root)
{
  const PrensaNode *part = root->first_child;
  const char *source = part ? part->as.part.source : NULL;
  if (source == NULL)
    return NULL;
  g_autofree char *base = g_path_get_basename (source);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  g_autofree char *valid = g_utf8_make_valid (base, -1);
  return squeeze (valid);
}

void
prensa_document_find_title (PrensaDocument *doc)
{
  g_autofree char *title = squeeze (prensa_value_lookup_string (doc->meta, "title"));
  doc->title_source = PRENSA_TITLE_METADATA;
  /* A book of several inputs with no title of its own takes its first
   * part's, and nothing else of that part. */
  if (title == NULL && doc->n_parts > 1
      && (title = squeeze (prensa_value_lookup_string (doc->root->first_child->as.part.meta,
                                                       "title"))) != NULL)
    doc->title_source = PRENSA_TITLE_PART;
  if (title == NULL && (title = first_heading (doc->root)) != NULL)
    doc->title_source = PRENSA_TITLE_HEADING;
  if (title == NULL && (title = file_title (doc->root)) != NULL)
    doc->title_source = PRENSA_TITLE_FILE_NAME;
  if (title == NULL) {
    title = g_strdup (prensa_word (prensa_value_lookup_string (doc->meta, "lang"),
                                   PRENSA_WORD_UNTITLED));
    doc->title_source = PRENSA_TITLE_UNTITLED;
  }
  doc->title = prensa_arena_strdup (doc->arena, title);
}

const char *
prensa_document_get_title (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return document->title;
}

const char *
prensa_document_get_headline (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  if (document->n_parts > 1 && document->title_source == PRENSA_TITLE_METADATA)
    return document->title;
  return NULL;
}

PrensaTitleSource
prensa_document_get_title_source (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, PRENSA_TITLE_UNTITLED);
  return (PrensaTitleSource) document->title_source;
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
