/* pdf-image.c: images for the page, read with gdk-pixbuf.
 *
 * The pixels go to cairo as an image surface; a JPEG also hands cairo its
 * file, which the PDF then embeds as it is (DCTDecode) instead of
 * recompressing the pixels.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

/* gdk-pixbuf rows are RGB(A) bytes; cairo wants native-endian 32-bit
 * words with premultiplied alpha. */
static void
copy_pixels (const GdkPixbuf *pixbuf, cairo_surface_t *surface)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int in_stride = gdk_pixbuf_get_rowstride (pixbuf);
  int out_stride = cairo_image_surface_get_stride (surface);
  const guint8 *in = gdk_pixbuf_read_pixels (pixbuf);
  guint8 *out = cairo_image_surface_get_data (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *s = in + (gsize) y * in_stride;
      guint32 *d = (guint32 *) (out + (gsize) y * out_stride);

      for (int x = 0; x < width; x++, s += channels)
        {
          guint a = channels == 4 ? s[3] : 255;
          guint r = (s[0] * a + 127) / 255;
          guint g = (s[1] * a + 127) / 255;
          guint b = (s[2] * a + 127) / 255;

          d[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
}

static void
attach_jpeg (cairo_surface_t *surface, const char *path)
{
  char *data = NULL;
  gsize length = 0;

  if (!prensa_file_get_contents (path, (gsize) 256 << 20, &data, &length, NULL))
    return;
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                               (const unsigned char *) data, length,
                               g_free, data);
}

cairo_surface_t *
pdf_image_load (const char *path, int *width, int *height, GError **error)
{
  g_autoptr(GdkPixbuf) loaded = gdk_pixbuf_new_from_file (path, error);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GdkPixbufFormat *format;
  cairo_surface_t *surface;

  if (!loaded)
    return NULL;
  /* Photographs carry their orientation in EXIF. */
  pixbuf = gdk_pixbuf_apply_embedded_orientation (loaded);
  *width = gdk_pixbuf_get_width (pixbuf);
  *height = gdk_pixbuf_get_height (pixbuf);
  surface = cairo_image_surface_create (gdk_pixbuf_get_has_alpha (pixbuf)
                                        ? CAIRO_FORMAT_ARGB32
                                        : CAIRO_FORMAT_RGB24,
                                        *width, *height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_CAIRO,
                   "%s: %s", path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  copy_pixels (pixbuf, surface);
  format = gdk_pixbuf_get_file_info (path, NULL, NULL);
  if (format && pixbuf == loaded)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (format);

      if (g_strcmp0 (name, "jpeg") == 0)
        attach_jpeg (surface, path);
    }
  return surface;
}
