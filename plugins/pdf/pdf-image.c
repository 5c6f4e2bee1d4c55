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
 * pixels an image is refused, JPEG and SVG aside: libjpeg decodes at an
 * eighth of the size when asked, for a sixty-fourth of the memory, and an
 * SVG is drawn at the size asked. */
#define PDF_IMAGE_MAX_PIXELS ((guint64) 25 * 1000 * 1000)

/* The largest file of a type prensa_image_probe() does not know. */
#define PDF_IMAGE_MAX_OTHER ((gsize) 16 << 20)

/* Pixels past print resolution are never seen. */
#define PDF_IMAGE_DPI 300.0

typedef struct {
  int side;            /* the most pixels a side keeps */
  guint64 limit;       /* the most pixels decoded */
  int width, height;   /* the image's own size, once the loader knows it */
  gboolean refused;
  double box_width, box_height; /* where the layout puts it, in points */
  gboolean turnable;   /* a JPEG, which its EXIF may turn */
} PdfImageFit;

/* The pixels the longer side of a @width × @height image needs where the
 * layout will put it (pdf-inline.c: CSS pixels shrunk into the box), at
 * print resolution; either way up when it may be turned. */
static int
side_needed (const PdfImageFit *fit, double width, double height)
{
  double need = 0;

  for (guint turn = 0; turn < (fit->turnable ? 2u : 1u); turn++)
    {
      double w = (turn ? height : width) * 0.75;
      double h = (turn ? width : height) * 0.75;
      double scale = MIN (1.0, MIN (fit->box_width / w, fit->box_height / h));

      need = MAX (need, MAX (w, h) * scale / 72.0 * PDF_IMAGE_DPI);
    }
  return (int) MIN (need + 1, 30000.0);
}

/* Called once the loader has read the header, before any pixel. */
static void
fit_to_print (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  PdfImageFit *fit = user_data;
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  double scale;

  if (width > 0 && height > 0)
    fit->side = side_needed (fit, width, height);
  scale = MIN ((double) fit->side / width, (double) fit->side / height);

  fit->width = width;
  fit->height = height;
  if ((guint64) width * (guint64) height > fit->limit
      && !(format && gdk_pixbuf_format_is_scalable (format)))
    {
      fit->refused = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

static gboolean
too_many_pixels (const PdfImageFit *fit, GError **error)
{
  g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_IMAGE,
               "%d × %d pixels are more than prensa decodes (%u million); "
               "%d pixels on its longer side print at 300 dpi",
               fit->width, fit->height, (guint) (PDF_IMAGE_MAX_PIXELS / 1000000), fit->side);
  return FALSE;
}

/* Fed a little at a time until the loader has the size, so that a file
 * the probe cannot measure (SVG, TIFF…) is stopped there when too large. */
static GdkPixbuf *
decode (GBytes *data, PdfImageFit *fit, GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GBytes) stripped = prensa_image_png_strip (data);
  gsize length;
  const guchar *bytes = g_bytes_get_data (stripped, &length);
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (fit_to_print), fit);
  for (gsize at = 0; at < length && !fit->refused;)
    {
      gsize piece = fit->width > 0 ? length - at : MIN (length - at, 4096);

      if (!gdk_pixbuf_loader_write (loader, bytes + at, piece, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }
      at += piece;
    }
  if (fit->refused)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return too_many_pixels (fit, error), NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  if (fit->refused)
    return too_many_pixels (fit, error), NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_IMAGE,
                   "not an image gdk-pixbuf can read");
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
  PdfImageFit fit = { (int) MIN (longest + 1, 30000.0), PDF_IMAGE_MAX_PIXELS, 0, 0, FALSE };
  g_autoptr(GError) local = NULL;
  PrensaImageInfo info;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  cairo_surface_t *surface;
  gboolean jpeg;

  /* A broken PNG, JPEG or GIF goes no further; other types are for
   * gdk-pixbuf's loaders to tell. */
  if (!prensa_image_probe (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                           &info, &local) && info.media_type != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* Loaders that decode only once they have the whole file (XPM, ICNS…)
   * tell the size too late to refuse: their files stay small. */
  if (info.media_type == NULL && g_bytes_get_size (data) > PDF_IMAGE_MAX_OTHER)
    {
      g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_IMAGE,
                   "larger than %u MB, in a format prensa does not measure",
                   (guint) (PDF_IMAGE_MAX_OTHER >> 20));
      return NULL;
    }
  jpeg = g_strcmp0 (info.media_type, "image/jpeg") == 0;
  if (jpeg)
    fit.limit *= 64;
  fit.box_width = max_width;
  fit.box_height = max_height;
  fit.turnable = jpeg;
  if (info.width > 0 && info.height > 0)
    fit.side = side_needed (&fit, info.width, info.height);
  if ((guint64) info.width * info.height > fit.limit)
    {
      fit.width = (int) info.width;
      fit.height = (int) info.height;
      return too_many_pixels (&fit, error), NULL;
    }
  loaded = decode (data, &fit, error);
  if (!loaded)
    return NULL;
  /* Photographs carry their orientation in EXIF. */
  pixbuf = gdk_pixbuf_apply_embedded_orientation (loaded);
  /* The layout takes the image's own size, whatever was decoded. */
  gboolean turned = gdk_pixbuf_get_width (pixbuf) != gdk_pixbuf_get_width (loaded);
  *width = turned ? fit.height : fit.width;
  *height = turned ? fit.width : fit.height;
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
  /* The same file decoded to the same pixels is one image in the PDF
   * however often it is shown: cairo embeds a surface once for each
   * unique ID. (A table of surfaces would do it too, but keep every
   * image decoded until the last page; this way a surface lives only
   * until its page is drawn.) */
  {
    g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
    char *id = g_strdup_printf ("%s %dx%d", sum, cairo_image_surface_get_width (surface),
                                cairo_image_surface_get_height (surface));

    cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *) id,
                                 strlen (id), g_free, id);
  }
  /* A JPEG shown as it came goes into the PDF as it is. */
  if (jpeg && pixbuf == loaded && gdk_pixbuf_get_width (pixbuf) == *width)
    cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                                 g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                 (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (data));
  return surface;
}
