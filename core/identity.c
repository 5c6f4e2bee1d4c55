/* identity.c: the identifier of a document that names none.
 *
 * A name-based UUID made from the content, so rebuilding the same book
 * keeps the identity reading systems file it under (a random UUID would
 * make every build a new book), and a book of several inputs never takes
 * one part's identifier for its own.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

static void
hash_string (GChecksum *sum, const char *text)
{
  /* The NUL keeps ("ab","c") and ("a","bc") apart. */
  if (text != NULL)
    g_checksum_update (sum, (const guchar *) text, strlen (text));
  g_checksum_update (sum, (const guchar *) "", 1);
}

/* A metadata value, keys and nesting included; iterative, as front
 * matter may nest 64 levels. */
static void
hash_value (GChecksum *sum, const PrensaValue *value)
{
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  g_ptr_array_add (todo, (gpointer) value);
  while (todo->len > 0) {
    const PrensaValue *v = g_ptr_array_steal_index (todo, todo->len - 1);
    guchar kind = v ? (guchar) v->kind + 1 : 0;
    g_checksum_update (sum, &kind, 1);
    if (v == NULL)
      continue;
    hash_string (sum, v->kind == PRENSA_VALUE_STRING ? v->string : NULL);
    for (guint i = v->length; i-- > 0;) {
      g_ptr_array_add (todo, (gpointer) v->items[i]);
      if (v->kind == PRENSA_VALUE_MAP)
        hash_string (sum, v->keys[i]);
    }
  }
}

/* What model 2 added that the text does not show: a task ticked, a
 * column aligned, a header cell, which note a reference opens. Only
 * values other than the default go in, so a document without them keeps
 * the identifier it had before. */
static void
hash_model2 (GChecksum *sum, const PrensaNode *node)
{
  guchar data[3] = { 0, 0, 0 };
  if (node->type == PRENSA_NODE_ITEM) {
    data[0] = (guchar) prensa_node_get_item_task (node);
  } else if (node->type == PRENSA_NODE_TABLE_CELL) {
    data[0] = (guchar) prensa_node_get_table_align (node, 0);
    data[1] = (guchar) prensa_node_get_table_header (node);
  } else if (node->type == PRENSA_NODE_FOOTNOTE_REFERENCE) {
    guint number = prensa_node_get_footnote_number (node);
    data[0] = (guchar) (number & 0xff);
    data[1] = (guchar) ((number >> 8) & 0xff);
    data[2] = (guchar) ((number >> 16) & 0xff);
  }
  if (data[0] != 0 || data[1] != 0 || data[2] != 0)
    g_checksum_update (sum, data, sizeof data);
}

static void
hash_node (GChecksum *sum, const PrensaNode *node, PrensaEventType event, gboolean book)
{
  guchar head[2] = { (guchar) node->type, (guchar) event };
  g_checksum_update (sum, head, sizeof head);
  if (event != PRENSA_EVENT_ENTER)
    return;
  hash_string (sum, prensa_node_get_literal (node, NULL));
  if (node->type == PRENSA_NODE_LINK || node->type == PRENSA_NODE_IMAGE) {
    hash_string (sum, prensa_node_get_url (node));
    hash_string (sum, prensa_node_get_title (node));
  } else if (node->type == PRENSA_NODE_TURN) {
    hash_string (sum, prensa_speaker_get_id (prensa_node_get_speaker (node)));
  } else if (node->type == PRENSA_NODE_PART && book) {
    /* A part's front matter is its own content in a book (one input's is
     * the book's: its title is hashed already). */
    hash_value (sum, node->as.part.meta);
  } else {
    hash_model2 (sum, node);
  }
}

char *
prensa_document_dup_identifier (const PrensaDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  g_autofree char *given = g_strdup (prensa_value_lookup_string (document->meta, "identifier"));
  if (given && *g_strstrip (given) != '\0')
    return g_steal_pointer (&given);

  /* A version-5-shaped UUID (RFC 4122 §4.3) from a SHA-1 of the title and
   * the whole tree; "prensa-epub" because the EPUB writer made it first,
   * and books it made keep their identifiers. */
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  gboolean book = document->n_parts > 1;
  hash_string (sum, "prensa-epub");
  hash_string (sum, document->title);
  g_autoptr (PrensaIter) iter = prensa_iter_new (document->root);
  PrensaEventType event;
  while ((event = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    hash_node (sum, prensa_iter_get_node (iter), event, book);
  guint8 d[20];
  gsize length = sizeof d;
  g_checksum_get_digest (sum, d, &length);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                          d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}
