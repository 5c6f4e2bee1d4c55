/* pdf-image.c: images for the page, decoded with gdk-pixbuf from the bytes
 * the resource was read into, at most at print resolution.
 *
 * The pixels go to cairo as an image surface; a JPEG also hands cairo its
 * file, which the PDF then embeds as it is (DCTDecode) instead of
 * recompressing the pixels.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

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

/* Decoding costs four bytes a pixel, twice over (gdk-pixbuf's rows, then
 * cairo's); a 10000 × 10000 PNG of a few KB took 0.8–3 GB. Past this many
 * pixels an image is refused, JPEG aside: libjpeg decodes it at an
 * eighth of its size when asked, for a sixty-fourth of the memory. */
#define PDF_IMAGE_MAX_PIXELS ((guint64) 25 * 1000 * 1000)

/* Pixels past print resolution are never seen. */
#define PDF_IMAGE_DPI 300.0

/* The most pixels a side may keep: what @points of page show at
 * print resolution. */
typedef struct {
  int width, height;
} PdfImageFit;

static void
fit_to_print (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  const PdfImageFit *fit = user_data;
  double scale = MIN ((double) fit->width / width, (double) fit->height / height);

  if (scale >= 1.0)
    return;
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                              MAX (1, (int) (height * scale + 0.5)));
}

static GdkPixbuf *
decode (GBytes *data, const PrensaImageInfo *info, PdfImageFit *fit, GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GBytes) stripped = prensa_image_png_strip (data);
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (fit_to_print), fit);
  if (!gdk_pixbuf_loader_write_bytes (loader, stripped, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_IMAGE,
                   "a %s image gdk-pixbuf cannot read", info->media_type + 6);
      return NULL;
    }
  return g_object_ref (pixbuf);
}

cairo_surface_t *
pdf_image_load (GBytes *data, double max_width, double max_height,
                int *width, int *height, GError **error)
{
  /* A photograph turned by its EXIF may take either side of the box. */
  double longest = MAX (max_width, max_height) / 72.0 * PDF_IMAGE_DPI;
  PdfImageFit fit = { (int) MIN (longest + 1, 30000.0), (int) MIN (longest + 1, 30000.0) };
  PrensaImageInfo info;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  cairo_surface_t *surface;
  gboolean jpeg;

  if (!prensa_image_probe (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                           &info, error))
    return NULL;
  jpeg = strcmp (info.media_type, "image/jpeg") == 0;
  if ((guint64) info.width * info.height > PDF_IMAGE_MAX_PIXELS * (jpeg ? 64 : 1))
    {
      g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_IMAGE,
                   "%u × %u pixels are more than prensa decodes (%u million); "
                   "%d pixels on its longer side print at 300 dpi",
                   info.width, info.height,
                   (guint) (PDF_IMAGE_MAX_PIXELS / 1000000), fit.width);
      return NULL;
    }
  loaded = decode (data, &info, &fit, error);
  if (!loaded)
    return NULL;
  /* Photographs carry their orientation in EXIF. */
  pixbuf = gdk_pixbuf_apply_embedded_orientation (loaded);
  /* The layout takes the image's own size, whatever was decoded. */
  gboolean turned = gdk_pixbuf_get_width (pixbuf) != gdk_pixbuf_get_width (loaded);
  *width = (int) (turned ? info.height : info.width);
  *height = (int) (turned ? info.width : info.height);
  if (*width <= 0 || *height <= 0)
    {
      *width = gdk_pixbuf_get_width (pixbuf);
      *height = gdk_pixbuf_get_height (pixbuf);
    }
  surface = cairo_image_surface_create (gdk_pixbuf_get_has_alpha (pixbuf)
                                        ? CAIRO_FORMAT_ARGB32
                                        : CAIRO_FORMAT_RGB24,
                                        gdk_pixbuf_get_width (pixbuf),
                                        gdk_pixbuf_get_height (pixbuf));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_CAIRO, "%s",
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  copy_pixels (pixbuf, surface);
  /* A JPEG shown as it came goes into the PDF as it is. */
  if (jpeg && pixbuf == loaded && gdk_pixbuf_get_width (pixbuf) == *width)
    cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                                 g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                 (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (data));
  return surface;
}
