/* docx-media.c: images for word/media, measured with gdk-pixbuf.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

/* The raster formats Word shows without a fallback, with the extension
 * and content type the package declares for them. */
static const struct {
  const char *pixbuf_name, *extension, *mime_type;
} formats[] = {
  { "png", "png", "image/png" },
  { "jpeg", "jpeg", "image/jpeg" },
  { "gif", "gif", "image/gif" },
  { "bmp", "bmp", "image/bmp" },
  { "tiff", "tiff", "image/tiff" },
};

DocxMedia *
docx_media_new (const char *path, guint index, GError **error)
{
  int width = 0, height = 0;
  GdkPixbufFormat *format = gdk_pixbuf_get_file_info (path, &width, &height);
  g_autofree char *name = NULL;
  DocxMedia *media;

  if (!format || width <= 0 || height <= 0)
    {
      g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_RESOURCE,
                   "not an image gdk-pixbuf can read");
      return NULL;
    }
  name = gdk_pixbuf_format_get_name (format);
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (strcmp (name, formats[i].pixbuf_name) != 0)
        continue;
      media = g_new0 (DocxMedia, 1);
      media->path = g_strdup (path);
      media->extension = g_strdup (formats[i].extension);
      media->mime_type = g_strdup (formats[i].mime_type);
      media->part = g_strdup_printf ("media/image%u.%s", index,
                                     formats[i].extension);
      media->width = width;
      media->height = height;
      return media;
    }
  g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_RESOURCE,
               "a %s image; DOCX takes PNG, JPEG, GIF, BMP or TIFF", name);
  return NULL;
}

void
docx_media_free (DocxMedia *media)
{
  if (!media)
    return;
  g_free (media->path);
  g_free (media->part);
  g_free (media->extension);
  g_free (media->mime_type);
  g_free (media);
}
