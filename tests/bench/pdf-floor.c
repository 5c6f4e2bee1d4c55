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
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  if (argc != 4 || (pages = atol (argv[2])) < 1 || (total = atol (argv[3])) < 1)
    {
      fprintf (stderr, "usage: pdf-floor OUT.pdf PAGES GLYPHS | pdf-floor --pango FILE\n");
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
