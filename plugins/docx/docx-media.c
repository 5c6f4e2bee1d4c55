/* docx-media.c: images for word/media, measured from their header bytes
 * (prensa_image_probe()), never decoded: a PNG with a 12 MB ancillary
 * chunk cost gdk-pixbuf's progressive loader seconds just to be measured.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

/* The raster formats Word shows without a fallback, with the extension
 * the package declares for them. */
static const struct {
  const char *mime_type, *extension;
} formats[] = {
  { "image/png", "png" },
  { "image/jpeg", "jpeg" },
  { "image/gif", "gif" },
  { "image/bmp", "bmp" },
  { "image/tiff", "tiff" },
};

/* @data is what prensa_document_load_resource() read from @path: the one
 * read of the file, which the package then stores. */
DocxMedia *
docx_media_new (const char *path, GBytes *data, guint index, GError **error)
{
  PrensaImageInfo info;
  gsize length;
  const void *bytes = g_bytes_get_data (data, &length);
  DocxMedia *media;

  if (!prensa_image_probe (bytes, length, &info, error))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (strcmp (info.media_type, formats[i].mime_type) != 0 || info.width == 0)
        continue;
      media = g_new0 (DocxMedia, 1);
      media->path = g_strdup (path);
      media->data = g_bytes_ref (data);
      media->extension = g_strdup (formats[i].extension);
      media->mime_type = g_strdup (formats[i].mime_type);
      media->part = g_strdup_printf ("media/image%u.%s", index,
                                     formats[i].extension);
      media->width = (int) MIN (info.width, (guint) G_MAXINT);
      media->height = (int) MIN (info.height, (guint) G_MAXINT);
      return media;
    }
  g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_RESOURCE,
               "a %s image; DOCX takes PNG, JPEG, GIF, BMP or TIFF", info.media_type + 6);
  return NULL;
}

void
docx_media_free (DocxMedia *media)
{
  if (!media)
    return;
  g_free (media->path);
  g_clear_pointer (&media->data, g_bytes_unref);
  g_free (media->part);
  g_free (media->extension);
  g_free (media->mime_type);
  g_free (media);
}
