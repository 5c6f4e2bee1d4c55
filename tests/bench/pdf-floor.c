/* pdf-floor.c: what cairo alone, and PangoLayout alone, cost for a PDF book.
 *
 * pdf-floor OUT.pdf PAGES GLYPHS draws GLYPHS glyphs of TeX Gyre Pagella
 * over PAGES A4 pages, 45 justified lines a page, with the text mapping
 * Pango gives cairo, and no layout at all: no shaping beyond cairo's own
 * character-to-glyph lookup, no line breaking, no pagination. The
 * benchmark gives it the page and character counts of prensa's PDF of the
 * book, so its time is the least any writer drawing through cairo can
 * take for that book.
 *
 * pdf-floor --pango FILE sets each paragraph (blank-line separated) of
 * FILE with Pango on one endless line: every character itemized and
 * shaped once, and no line breaking, which costs Pango as much again.
 * That is the least a writer that sets every paragraph with PangoLayout
 * can take; prensa shapes each distinct word once instead (pdf-text.c).
 *
 * pdf-floor --emit FILE sets the glyphs no-glyphs.c recorded from a run of
 * prensa (FILE) into PDF content streams with no cairo: per call a text
 * object with its face and size, per line a text matrix, TJ arrays with
 * one byte a glyph as cairo's 8-bit subsets write them and a kerning
 * number wherever a glyph is not where the last one's advance put it,
 * then each page deflated at zlib's level 6 (cairo's) and again at level
 * 1. It prints the milliseconds of each step: what a writer that wrote its
 * own content streams would spend on the text, font subsets left out.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdint.h>
#include <zlib.h>

#define LINES_PER_PAGE 45

static int
pango_floor (const char *path)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string ("TeX Gyre Pagella 10.5");
  char *text = NULL;
  gsize length = 0;
  long lines = 0;

  if (!g_file_get_contents (path, &text, &length, NULL))
    return 1;
  pango_layout_set_font_description (layout, font);
  for (char *p = text, *end; p < text + length; p = end)
    {
      end = strstr (p, "\n\n");
      end = end ? end + 2 : text + length;
      for (char *q = p; q < end; q++)
        if (*q == '\n')
          *q = ' ';
      pango_layout_set_text (layout, p, (int) (end - p));
      lines += pango_layout_get_line_count (layout);
    }
  pango_font_description_free (font);
  g_object_unref (layout);
  g_object_unref (context);
  g_free (text);
  return lines > 0 ? 0 : 1;
}

/* A string literal's bytes, its length known when compiled. */
#define APPEND(o, literal) g_string_append_len ((o), (literal), sizeof (literal) - 1)

/* Numbers written by hand, as a PDF writer's own would be: printf would
 * be most of the time measured. */
static void
out_int (GString *o, long v)
{
  char t[24];
  int i = sizeof t;
  unsigned long u = v < 0 ? 0UL - (unsigned long) v : (unsigned long) v;

  do
    t[--i] = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (v < 0)
    t[--i] = '-';
  g_string_append_len (o, t + i, (gssize) (sizeof t - (size_t) i));
}

/* @v with at most two decimals, as a PDF writer rounds positions. */
static void
out_fixed (GString *o, double v)
{
  long c = lround (v * 100);

  if (c < 0)
    {
      g_string_append_c (o, '-');
      c = -c;
    }
  out_int (o, c / 100);
  if (c % 100)
    {
      char t[3] = { '.', (char) ('0' + c % 100 / 10), (char) ('0' + c % 10) };
      g_string_append_len (o, t, c % 10 ? 3 : 2);
    }
}

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static int
deflate_pages (GPtrArray *pages, int level, size_t *packed)
{
  *packed = 0;
  for (guint i = 0; i < pages->len; i++)
    {
      GByteArray *page = pages->pdata[i];
      uLongf n = compressBound (page->len);
      Bytef *z = g_malloc (n);

      if (compress2 (z, &n, page->data, page->len, level) != Z_OK)
        return 1;
      *packed += n;
      g_free (z);
    }
  return 0;
}

static int
emit_floor (const char *path)
{
  char *rec = NULL;
  gsize len = 0, at = 0;
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  GString *o = g_string_sized_new (1 << 16);
  long glyphs = 0;
  size_t raw = 0, packed6, packed1;
  double t0, t1, t2, t3;

  if (!g_file_get_contents (path, &rec, &len, NULL))
    return 1;
  t0 = now_ms ();
  while (at < len)
    {
      char kind = rec[at++];
      int32_t face, n;
      double size, line_y = -1e9, next_x = 0;
      int in_array = 0, in_string = 0;

      if (kind == 'P')
        {
          raw += o->len;
          g_ptr_array_add (pages, g_byte_array_new_take ((guint8 *) o->str, o->len));
          g_string_free (o, FALSE);
          o = g_string_sized_new (1 << 16);
          continue;
        }
      if (kind != 'G' || len - at < 16)
        return 1;
      memcpy (&face, rec + at, 4);
      memcpy (&size, rec + at + 4, 8);
      memcpy (&n, rec + at + 12, 4);
      at += 16;
      if (n < 0 || (len - at) / 28 < (gsize) n)
        return 1;
      APPEND (o, "BT\n/f");
      out_int (o, face);
      g_string_append_c (o, ' ');
      out_fixed (o, size);
      APPEND (o, " Tf\n");
      for (int32_t i = 0; i < n; i++, at += 28, glyphs++)
        {
          uint32_t index;
          double v[3];
          long kern;

          memcpy (&index, rec + at, 4);
          memcpy (v, rec + at + 4, 24);
          if (!in_array || fabs (v[1] - line_y) > 0.01 || fabs (v[0] - next_x) > size)
            {
              if (in_string)
                g_string_append_c (o, ')');
              if (in_array)
                APPEND (o, "]TJ\n");
              APPEND (o, "1 0 0 1 ");
              out_fixed (o, v[0]);
              g_string_append_c (o, ' ');
              out_fixed (o, 841.89 - v[1]);
              APPEND (o, " Tm[");
              in_array = 1;
              in_string = 0;
              line_y = v[1];
              next_x = v[0];
            }
          kern = lround ((next_x - v[0]) * 1000 / size);
          if (kern)
            {
              if (in_string)
                g_string_append_c (o, ')');
              out_int (o, kern);
              in_string = 0;
            }
          if (!in_string)
            g_string_append_c (o, '(');
          in_string = 1;
          /* One byte a glyph, never one that needs escaping. */
          g_string_append_c (o, (char) (0x30 + index % 0x4a));
          next_x = v[0] + v[2];
        }
      if (in_string)
        g_string_append_c (o, ')');
      if (in_array)
        APPEND (o, "]TJ\n");
      APPEND (o, "ET\n");
    }
  t1 = now_ms ();
  if (deflate_pages (pages, 6, &packed6))
    return 1;
  t2 = now_ms ();
  if (deflate_pages (pages, 1, &packed1))
    return 1;
  t3 = now_ms ();
  printf ("glyphs %ld pages %u content %zu format_ms %.1f deflate6_ms %.1f packed6 %zu "
          "deflate1_ms %.1f packed1 %zu\n",
          glyphs, pages->len, raw, t1 - t0, t2 - t1, packed6, t3 - t2, packed1);
  g_ptr_array_unref (pages);
  g_string_free (o, TRUE);
  g_free (rec);
  return glyphs > 0 ? 0 : 1;
}

int
main (int argc, char **argv)
{
  static const char line[] =
    "Organisers said the campaign began with a survey of the shop floor and "
    "a meeting in the canteen, where the questions came faster than answers";
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_glyph_t *glyphs = NULL, *placed;
  cairo_text_cluster_t *clusters = NULL;
  cairo_text_cluster_flags_t flags;
  int n_glyphs = 0, n_clusters = 0, len = (int) strlen (line);
  long pages, total, per_line, drawn = 0;

  if (argc == 3 && strcmp (argv[1], "--pango") == 0)
    return pango_floor (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--emit") == 0)
    return emit_floor (argv[2]);
  if (argc != 4 || (pages = atol (argv[2])) < 1 || (total = atol (argv[3])) < 1)
    {
      fprintf (stderr, "usage: pdf-floor OUT.pdf PAGES GLYPHS | pdf-floor --pango FILE | pdf-floor --emit FILE\n");
      return 2;
    }
  per_line = total / (pages * LINES_PER_PAGE) + 1;
  if (per_line > len)
    per_line = len;
  surface = cairo_pdf_surface_create (argv[1], 595.28, 841.89);
  cr = cairo_create (surface);
  cairo_select_font_face (cr, "TeX Gyre Pagella", CAIRO_FONT_SLANT_NORMAL,
                          CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10.5);
  cairo_scaled_font_text_to_glyphs (cairo_get_scaled_font (cr), 0, 0, line, (int) per_line,
                                    &glyphs, &n_glyphs, &clusters, &n_clusters, &flags);
  placed = malloc (sizeof *placed * (size_t) n_glyphs);
  for (long p = 0; p < pages; p++)
    {
      for (int l = 0; l < LINES_PER_PAGE && drawn < total; l++, drawn += n_glyphs)
        {
          double extra = 0;

          /* Each line justified a little differently, as real ones are. */
          for (int i = 0; i < n_glyphs; i++)
            {
              placed[i] = glyphs[i];
              if (line[i] == ' ')
                extra += 0.2 + 0.03 * l;
              placed[i].x += 68 + extra;
              placed[i].y = 80 + 15.5 * l;
            }
          cairo_show_text_glyphs (cr, line, (int) per_line, placed, n_glyphs,
                                  clusters, n_clusters, flags);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return 1;
  cairo_surface_destroy (surface);
  free (placed);
  cairo_glyph_free (glyphs);
  cairo_text_cluster_free (clusters);
  return 0;
}
