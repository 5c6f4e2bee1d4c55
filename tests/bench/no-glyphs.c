/* no-glyphs.c: cairo's glyph calls made to do nothing, for the benchmark.
 *
 * Preloaded (LD_PRELOAD) into prensa -t pdf, it leaves everything prensa
 * does itself (reading, shaping, line breaking, pagination, links,
 * rules) and takes away what cairo does with the glyphs it is given:
 * recording them, replaying them into content streams, compressing those
 * and embedding the font subsets. The benchmark subtracts the two times
 * to say how much of the PDF's time cairo spends on prensa's text, which
 * bench-pdf-floor cannot say: its glyphs are one face, unkerned, with no
 * links between them.
 *
 * With PRENSA_BENCH_GLYPHS=FILE it also writes every glyph it is given to
 * FILE, so that bench-pdf-floor --emit can time setting the same glyphs
 * into content streams without cairo. A record is a byte 'G', the face's
 * number (int32, in order of first use), its size in points (double),
 * the glyph count (int32) and per glyph its index (uint32), its device x
 * and y and its advance (doubles); a byte 'P' ends a page.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <cairo.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The project builds with -fvisibility=hidden; these must be seen. */
#define NO_GLYPHS_EXPORT __attribute__ ((visibility ("default")))

#define MAX_FACES 256

static FILE *record;
static int record_tried;
static cairo_scaled_font_t *faces[MAX_FACES];
static int32_t n_faces;

static FILE *
record_file (void)
{
  if (!record_tried)
    {
      const char *path = getenv ("PRENSA_BENCH_GLYPHS");

      record_tried = 1;
      if (path && *path)
        record = fopen (path, "wb");
    }
  return record;
}

static void
write_glyphs (cairo_t *cr, const cairo_glyph_t *glyphs, int num_glyphs)
{
  FILE *f = record_file ();
  cairo_scaled_font_t *font;
  cairo_matrix_t matrix;
  double size, ox = 0, oy = 0;
  int32_t face, n = num_glyphs;

  if (!f || num_glyphs <= 0)
    return;
  font = cairo_get_scaled_font (cr);
  for (face = 0; face < n_faces && faces[face] != font; face++)
    ;
  if (face == n_faces && n_faces < MAX_FACES)
    faces[n_faces++] = font;
  cairo_scaled_font_get_font_matrix (font, &matrix);
  size = matrix.xx;
  cairo_user_to_device (cr, &ox, &oy);
  fputc ('G', f);
  fwrite (&face, sizeof face, 1, f);
  fwrite (&size, sizeof size, 1, f);
  fwrite (&n, sizeof n, 1, f);
  for (int i = 0; i < num_glyphs; i++)
    {
      cairo_text_extents_t extents;
      uint32_t index = (uint32_t) glyphs[i].index;
      double v[3];

      cairo_scaled_font_glyph_extents (font, &glyphs[i], 1, &extents);
      v[0] = glyphs[i].x + ox;
      v[1] = glyphs[i].y + oy;
      v[2] = extents.x_advance;
      fwrite (&index, sizeof index, 1, f);
      fwrite (v, sizeof v[0], 3, f);
    }
}

NO_GLYPHS_EXPORT void
cairo_show_glyphs (cairo_t *cr, const cairo_glyph_t *glyphs, int num_glyphs)
{
  write_glyphs (cr, glyphs, num_glyphs);
}

NO_GLYPHS_EXPORT void
cairo_show_text_glyphs (cairo_t *cr, const char *utf8, int utf8_len, const cairo_glyph_t *glyphs,
                        int num_glyphs, const cairo_text_cluster_t *clusters, int num_clusters,
                        cairo_text_cluster_flags_t cluster_flags)
{
  (void) utf8;
  (void) utf8_len;
  (void) clusters;
  (void) num_clusters;
  (void) cluster_flags;
  write_glyphs (cr, glyphs, num_glyphs);
}

NO_GLYPHS_EXPORT void
cairo_show_page (cairo_t *cr)
{
  static void (*real) (cairo_t *);

  if (!real)
    *(void **) &real = dlsym (RTLD_NEXT, "cairo_show_page");
  if (record_file ())
    fputc ('P', record);
  if (real)
    real (cr);
}

__attribute__ ((destructor)) static void
close_record (void)
{
  if (record)
    fclose (record);
}
