/* epub-meta.c: the book's metadata, with the fallbacks EPUB needs.
 *
 * EPUB requires a title, a language and an identifier. When the front
 * matter has no identifier the book gets a name-based UUID made from its
 * content, so rebuilding the same book keeps the identity reading systems
 * file it under (a random UUID would make every build a new book).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <string.h>

static gboolean
matches (const char *pattern, const char *text)
{
  return g_regex_match_simple (pattern, text, 0, 0);
}

/* The W3C date and time profile (YYYY, YYYY-MM, YYYY-MM-DD, or a full time
 * with a zone) that dc:date should follow, of a real day; anything else
 * makes epubcheck warn. */
gboolean
epub_is_w3cdtf (const char *text)
{
  return prensa_date_is_valid (text);
}

static void
hash_string (GChecksum *sum, const char *text)
{
  /* The NUL keeps ("ab","c") and ("a","bc") apart. */
  if (text != NULL)
    g_checksum_update (sum, (const guchar *) text, strlen (text));
  g_checksum_update (sum, (const guchar *) "", 1);
}

/* What model 2 added that the text does not show: a task ticked, a
 * column aligned, a header cell, which note a reference opens. Only
 * values other than the default go in, so a book without them keeps the
 * identifier it had before. */
static void
hash_model2 (GChecksum *sum, const PrensaNode *node, PrensaNodeType type)
{
  guchar data[3] = { 0, 0, 0 };

  if (type == PRENSA_NODE_ITEM)
    data[0] = (guchar) prensa_node_get_item_task (node);
  else if (type == PRENSA_NODE_TABLE_CELL)
    {
      data[0] = (guchar) prensa_node_get_table_align (node, 0);
      data[1] = (guchar) prensa_node_get_table_header (node);
    }
  else if (type == PRENSA_NODE_FOOTNOTE_REFERENCE)
    {
      guint number = prensa_node_get_footnote_number (node);

      data[0] = (guchar) (number & 0xff);
      data[1] = (guchar) ((number >> 8) & 0xff);
      data[2] = (guchar) ((number >> 16) & 0xff);
    }
  if (data[0] != 0 || data[1] != 0 || data[2] != 0)
    g_checksum_update (sum, data, sizeof data);
}

static void
hash_node (GChecksum *sum, const PrensaNode *node, PrensaEventType event)
{
  PrensaNodeType type = prensa_node_get_node_type (node);
  guchar head[2] = { (guchar) type, (guchar) event };

  g_checksum_update (sum, head, sizeof head);
  if (event != PRENSA_EVENT_ENTER)
    return;
  hash_string (sum, prensa_node_get_literal (node, NULL));
  if (type == PRENSA_NODE_LINK || type == PRENSA_NODE_IMAGE)
    {
      hash_string (sum, prensa_node_get_url (node));
      hash_string (sum, prensa_node_get_title (node));
    }
  else if (type == PRENSA_NODE_TURN)
    hash_string (sum, prensa_speaker_get_id (prensa_node_get_speaker (node)));
  else
    hash_model2 (sum, node, type);
}

/* A version-5-shaped UUID (RFC 4122 §4.3) from a SHA-1 of the title and
 * the whole document tree. */
static char *
content_uuid (EpubBook *book)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autoptr(PrensaIter) iter = NULL;
  PrensaEventType event;
  guint8 digest[20];
  gsize length = sizeof digest;

  hash_string (sum, "prensa-epub");
  hash_string (sum, book->title);
  iter = prensa_iter_new (prensa_document_get_root (book->doc));
  while ((event = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    hash_node (sum, prensa_iter_get_node (iter), event);
  g_checksum_get_digest (sum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3],
                          digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static char *
meta_dup (EpubBook *book, const char *key)
{
  const char *value = prensa_document_get_meta_string (book->doc, key);

  if (value == NULL)
    return NULL;
  value += strspn (value, " \t\n");
  return *value != '\0' ? g_strstrip (g_strdup (value)) : NULL;
}

static void
read_title (EpubBook *book)
{
  book->title = g_strdup (prensa_document_get_title (book->doc));
  if (prensa_document_get_title_source (book->doc) != PRENSA_TITLE_METADATA)
    prensa_warning ("epub: the metadata has no title; the book is called “%s” "
                    "(set one with -M title=…)", book->title);
}

static void
read_language (EpubBook *book)
{
  book->lang = meta_dup (book, "lang");
  if (book->lang != NULL
      && !matches ("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", book->lang))
    {
      prensa_warning ("epub: “%s” is not a language tag (like en-US); "
                      "using “en”", book->lang);
      g_clear_pointer (&book->lang, g_free);
    }
  if (book->lang == NULL)
    book->lang = g_strdup ("en");
}

static void
read_date (EpubBook *book)
{
  g_autoptr(GDateTime) now = prensa_source_date ();

  book->date = meta_dup (book, "date");
  if (book->date != NULL && !epub_is_w3cdtf (book->date))
    {
      prensa_warning ("epub: the date “%s” is not a day of the form YYYY-MM-DD; "
                      "it is left out of the package metadata", book->date);
      g_clear_pointer (&book->date, g_free);
    }
  book->modified = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
epub_book_read_meta (EpubBook *book)
{
  read_title (book);
  book->subtitle = meta_dup (book, "subtitle");
  read_language (book);
  read_date (book);
  book->authors = prensa_document_dup_meta_strv (book->doc, "author");
  book->identifier = meta_dup (book, "identifier");
  if (book->identifier == NULL)
    book->identifier = content_uuid (book);
}
