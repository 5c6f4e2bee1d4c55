/* epub-links.c: where links and images lead inside the book.
 *
 * A reading system cannot follow a link to a file that is not in the
 * package, and epubcheck rejects one; so every local link is resolved to a
 * chapter file here, and one that leads nowhere is reported and written as
 * plain text. The core says which part and anchor a link leads to
 * (prensa_document_resolve_link, links into another input of a toolkit,
 * "other.md#section", too) and has made text of those that lead nowhere;
 * here the anchor becomes its chapter file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <string.h>

#include <libxml/parser.h>

/* Schemes a reader can hand to another application. javascript: and the
 * like are never kept. */
static const char *const external_schemes[] = {
  "http", "https", "mailto", "ftp", "ftps", "tel", "sms", "news", "irc",
  "ircs", "urn", "doi", "geo", "xmpp", NULL
};

char *
epub_book_describe (EpubBook *book, const PrensaNode *where)
{
  EpubPart *part = epub_book_part_of (book, where);
  guint line = where != NULL ? prensa_node_get_line (where) : 0;

  if (line == 0)
    return g_strdup (part->label);
  return g_strdup_printf ("%s:%u", part->label, line);
}

static void
warn_dangling (EpubBook *book, const PrensaNode *where, const char *url,
               const char *why)
{
  g_autofree char *place = epub_book_describe (book, where);

  prensa_warning ("%s: link to “%s” %s; it is kept as plain text",
                  place, url, why);
}

/* The scheme of @url in lower case, or NULL for a relative reference.
 * A single letter is a drive name, not a scheme. */
static char *
url_scheme (const char *url)
{
  const char *p = url;

  if (!g_ascii_isalpha (*p))
    return NULL;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p != ':' || p - url < 2)
    return NULL;
  return g_ascii_strdown (url, p - url);
}

/* Percent-encodes what may not appear in a URL (spaces, non-ASCII bytes,
 * brackets…), keeping existing escapes. */
static char *
escape_url (const char *url)
{
  static const char keep[] = "-._~:/?#[]@!$&'()*+,;=";
  GString *out = g_string_new (NULL);
  const char *p;

  for (p = url; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (g_ascii_isalnum (c) || (c != '\0' && strchr (keep, c) != NULL)
          || (c == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])))
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }
  return g_string_free (out, FALSE);
}

static char *
chapter_href (EpubBook *book, guint chapter, const char *fragment)
{
  EpubChapter *c = g_ptr_array_index (book->chapters, chapter);

  if (fragment == NULL)
    return g_strdup (c->file);
  return g_strconcat (c->file, "#", fragment, NULL);
}

char *
epub_book_id_href (EpubBook *book, guint from, const char *id)
{
  EpubTarget *target = id != NULL ? g_hash_table_lookup (book->targets, id) : NULL;

  if (target == NULL)
    return NULL;
  /* Pop-up notes want the note in the same document; a bare fragment
   * says so to every reading system. */
  if (target->chapter == from)
    return g_strconcat ("#", target->id, NULL);
  return chapter_href (book, target->chapter, target->id);
}

/* The core has said where @url leads and turned the links that lead
 * nowhere into text; what is left is to find the chapter file its
 * anchor was placed in. An id of raw HTML that the XHTML could not keep
 * has no place. */
static char *
local_href (EpubBook *book, const PrensaNode *where, const char *url)
{
  EpubPart *from = epub_book_part_of (book, where);
  const PrensaNode *to_part = NULL, *to = NULL;
  const char *anchor = NULL;
  EpubTarget *target;

  if (prensa_document_resolve_link (book->doc, from->node, url, &to_part, &to, &anchor)
      != PRENSA_LINK_INTERNAL)
    {
      /* A reading system opens nothing outside the package. */
      warn_dangling (book, where, url, "names a file that is not in the book");
      return NULL;
    }
  if (prensa_node_get_node_type (to) == PRENSA_NODE_PART)
    {
      EpubPart *part = epub_book_part_of (book, to);

      return chapter_href (book, part->first_chapter, NULL);
    }
  target = g_hash_table_lookup (book->targets, anchor);
  if (target == NULL)
    {
      warn_dangling (book, where, url, "names an id the book could not keep");
      return NULL;
    }
  return chapter_href (book, target->chapter, target->id);
}

char *
epub_book_link_href (EpubBook *book, const PrensaNode *where, const char *url)
{
  g_autofree char *scheme = NULL;

  if (url == NULL || *url == '\0')
    {
      warn_dangling (book, where, "", "is empty");
      return NULL;
    }
  scheme = url_scheme (url);
  if (scheme == NULL && !g_str_has_prefix (url, "//"))
    return local_href (book, where, url);
  if (scheme == NULL || !g_strv_contains (external_schemes, scheme))
    {
      warn_dangling (book, where, url, "uses a scheme e-readers do not open");
      return NULL;
    }
  return escape_url (url);
}

void
epub_image_free (gpointer data)
{
  EpubImage *image = data;

  g_free (image->path);
  g_free (image->file);
  g_free (image->id);
  g_bytes_unref (image->data);
  g_free (image);
}

/* The largest image file packed. */
#define EPUB_IMAGE_MAX ((gsize) 256 << 20)

/* The media type from the file's first bytes, not its name, so the
 * manifest never lies, with its structure walked so that no broken image
 * is packed (epubcheck refuses them). Only EPUB's core image types need
 * no fallback. An SVG comes back cleaned (epub-svg.c) in *bytes. */
static const char *
check_image (GBytes **bytes, const char **extension, const char *place, const char *url,
             GError **error)
{
  gsize length;
  const guchar *data = g_bytes_get_data (*bytes, &length);
  const char *type = prensa_image_media_type (data, length);
  PrensaImageInfo info;
  guint removed = 0;
  GBytes *svg;

  if (g_strcmp0 (type, "image/png") == 0)
    *extension = "png";
  else if (g_strcmp0 (type, "image/jpeg") == 0)
    *extension = "jpg";
  else if (g_strcmp0 (type, "image/gif") == 0)
    *extension = "gif";
  else if (type == NULL && (svg = epub_svg_clean (*bytes, &removed)) != NULL)
    {
      if (removed > 0)
        prensa_warning ("%s: image “%s”: %u script%s, event handler%s or reference%s "
                        "outside the image taken out", place, url, removed,
                        removed == 1 ? "" : "s", removed == 1 ? "" : "s",
                        removed == 1 ? "" : "s");
      g_bytes_unref (*bytes);
      *bytes = svg;
      *extension = "svg";
      return "image/svg+xml";
    }
  else
    {
      g_set_error_literal (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                           "EPUB readers only show PNG, JPEG, GIF and SVG images");
      return NULL;
    }
  return prensa_image_probe (data, length, &info, error) ? type : NULL;
}

static EpubImage *
load_image (EpubBook *book, const PrensaNode *where, const char *url,
            GBytes *data, const char *path, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *place = epub_book_describe (book, where);
  g_autoptr(GBytes) bytes = g_bytes_ref (data);
  const char *extension = NULL;
  const char *media_type;
  EpubImage *image;

  media_type = check_image (&bytes, &extension, place, url, &error);
  if (media_type == NULL)
    {
      prensa_warning ("%s: image “%s” is left out (%s); its description is kept "
                      "as text", place, url, error->message);
      return NULL;
    }
  image = g_new0 (EpubImage, 1);
  image->path = g_strdup (path);
  image->id = name != NULL ? g_strdup (name)
                           : g_strdup_printf ("image-%03u", book->images->len + 1);
  image->file = g_strdup_printf ("images/%s.%s", image->id, extension);
  image->media_type = media_type;
  image->data = g_steal_pointer (&bytes);
  g_ptr_array_add (book->images, image);
  g_hash_table_insert (book->images_by_path, image->path, image);
  return image;
}

EpubImage *
epub_book_use_image (EpubBook *book, const PrensaNode *where, const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) data = NULL;
  EpubImage *image;

  if (url == NULL || *url == '\0')
    return NULL;
  data = prensa_document_load_resource (book->doc, where, url, EPUB_IMAGE_MAX, &path, &error);
  if (data == NULL)
    {
      g_autofree char *place = epub_book_describe (book, where);

      prensa_warning ("%s: image “%s” is left out (%s); its description is "
                      "kept as text", place, url, error->message);
      return NULL;
    }
  image = g_hash_table_lookup (book->images_by_path, path);
  if (image != NULL)
    return image;
  return load_image (book, where, url, data, path, NULL);
}

void
epub_book_load_cover (EpubBook *book)
{
  const char *url = prensa_document_get_meta_string (book->doc, "cover-image");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) data = NULL;

  if (url == NULL || *url == '\0')
    return;
  data = prensa_document_load_resource (book->doc, NULL, url, EPUB_IMAGE_MAX, &path, &error);
  if (data == NULL)
    {
      prensa_warning ("epub: cover image “%s” is left out: %s", url, error->message);
      return;
    }
  book->cover = load_image (book, NULL, url, data, path, "cover");
}
