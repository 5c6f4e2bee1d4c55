/* pdf-floor.c: what cairo alone costs to write a PDF of a given size.
 *
 * pdf-floor OUT.pdf PAGES GLYPHS draws GLYPHS glyphs of TeX Gyre Pagella
 * over PAGES A4 pages, 45 justified lines a page, with the text mapping
 * Pango gives cairo, and no layout at all: no shaping beyond cairo's own
 * character-to-glyph lookup, no line breaking, no pagination. The
 * benchmark gives it the page and character counts of prensa's PDF of the
 * book, so its time is the least any writer drawing through cairo can
 * take for that book.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINES_PER_PAGE 45

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

  if (argc != 4 || (pages = atol (argv[2])) < 1 || (total = atol (argv[3])) < 1)
    {
      fprintf (stderr, "usage: pdf-floor OUT.pdf PAGES GLYPHS\n");
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
