/* epub-meta.c: the book's metadata, with the fallbacks EPUB needs.
 *
 * EPUB requires a title, a language and an identifier. The title and the
 * identifier (given, or made from the content when none is) are the
 * core's (prensa_document_get_title, prensa_document_dup_identifier), so a
 * book of several inputs is its own and never its first part.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <string.h>

/* The part @node is in (the first for NULL or a node outside them). */
EpubPart *
epub_book_part_of (EpubBook *book, const PrensaNode *node)
{
  const PrensaNode *part;
  guint i;

  if (node == NULL)
    return g_ptr_array_index (book->parts, 0);
  part = prensa_node_get_part (node);
  for (i = 0; i < book->parts->len; i++)
    {
      EpubPart *candidate = g_ptr_array_index (book->parts, i);

      if (candidate->node == part)
        return candidate;
    }
  return g_ptr_array_index (book->parts, 0);
}

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
  PrensaTitleSource source = prensa_document_get_title_source (book->doc);

  /* A book titled after its first part follows the README's rule. */
  if (source != PRENSA_TITLE_METADATA && source != PRENSA_TITLE_PART)
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
  book->identifier = prensa_document_dup_identifier (book->doc);
}
