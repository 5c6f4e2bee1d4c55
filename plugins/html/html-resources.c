/* html-resources.c: files turned into data: URIs, and the built-in
 * stylesheet from formats/html (compiled in with GResource).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"
#include "html-resources.h"

#include <string.h>

#define HTML_RESOURCE_CSS "/org/prensa/plugins/html/prensa.css"

/* Image types browsers show, from the file's first bytes (and a walk of
 * its structure, so a broken file is not embedded); SVG is text, so its
 * name decides. */
static const char *
sniff_mime_type (const char *path, const guchar *data, gsize length, GError **error)
{
  PrensaImageInfo info;

  if (g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG"))
    if (prensa_image_media_type (data, length) == NULL)
      return "image/svg+xml";
  if (!prensa_image_probe (data, length, &info, error))
    return NULL;
  if (strcmp (info.media_type, "image/tiff") == 0)
    {
      g_set_error (error, PRENSA_HTML_ERROR, PRENSA_HTML_ERROR_RESOURCE,
                   "%s: not an image type a browser shows", path);
      return NULL;
    }
  return info.media_type;
}

/* @data is what prensa_document_load_resource() read from @path. */
char *
html_dup_data_uri (const char *path, GBytes *data, GError **error)
{
  g_autofree char *base64 = NULL;
  gsize length = 0;
  const guchar *bytes = g_bytes_get_data (data, &length);
  const char *mime_type;

  mime_type = sniff_mime_type (path, bytes, length, error);
  if (mime_type == NULL)
    return NULL;
  base64 = g_base64_encode (bytes, length);
  return g_strconcat ("data:", mime_type, ";base64,", base64, NULL);
}

/* Through the global lookup, not g_resource_lookup_data on our own
 * resource. GLib registers the resources of every loaded module at the
 * first call to any module's get_resource(); a writer on another thread
 * asking in the meantime got NULL from its own get_resource() and crashed
 * (2 runs in 300 of -t txt,html,epub,docx). The global lookup waits on
 * the lock the registration holds. */
GBytes *
html_load_stylesheet (GError **error)
{
  return g_resources_lookup_data (HTML_RESOURCE_CSS,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}
