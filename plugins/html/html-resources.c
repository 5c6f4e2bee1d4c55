/* html-resources.c: files turned into data: URIs, and the built-in
 * stylesheet from formats/html (compiled in with GResource).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"
#include "html-resources.h"

#include <string.h>

#define HTML_RESOURCE_CSS "/org/prensa/plugins/html/prensa.css"

typedef struct {
  const char *magic;
  gsize offset;
  gsize length;
  const char *mime_type;
} Signature;

/* Image types browsers show, told apart by their first bytes rather than
 * by name, so a misnamed file still gets the right type. */
static const Signature signatures[] = {
  { "\x89PNG\r\n\x1a\n", 0, 8, "image/png" },
  { "\xff\xd8\xff", 0, 3, "image/jpeg" },
  { "GIF87a", 0, 6, "image/gif" },
  { "GIF89a", 0, 6, "image/gif" },
  { "WEBP", 8, 4, "image/webp" },
  { "ftypavif", 4, 8, "image/avif" },
  { "BM", 0, 2, "image/bmp" },
  { "\0\0\1\0", 0, 4, "image/x-icon" },
};

static const char *
sniff_mime_type (const char *path, const guchar *data, gsize length)
{
  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    {
      const Signature *s = &signatures[i];
      if (length >= s->offset + s->length &&
          memcmp (data + s->offset, s->magic, s->length) == 0)
        return s->mime_type;
    }
  /* SVG is text: trust the name. */
  if (g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG"))
    return "image/svg+xml";
  return NULL;
}

char *
html_dup_data_uri (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *base64 = NULL;
  gsize length = 0;
  const char *mime_type;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  mime_type = sniff_mime_type (path, (const guchar *) data, length);
  if (mime_type == NULL)
    {
      g_set_error (error, PRENSA_HTML_ERROR, PRENSA_HTML_ERROR_RESOURCE,
                   "%s: not an image type a browser shows", path);
      return NULL;
    }
  base64 = g_base64_encode ((const guchar *) data, length);
  return g_strconcat ("data:", mime_type, ";base64,", base64, NULL);
}

GBytes *
html_load_stylesheet (GError **error)
{
  return g_resource_lookup_data (html_resources_get_resource (),
                                 HTML_RESOURCE_CSS,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}
