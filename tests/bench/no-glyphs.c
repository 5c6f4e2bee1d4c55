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
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <cairo.h>

/* The project builds with -fvisibility=hidden; these must be seen. */
#define NO_GLYPHS_EXPORT __attribute__ ((visibility ("default")))

NO_GLYPHS_EXPORT void
cairo_show_glyphs (cairo_t *cr, const cairo_glyph_t *glyphs, int num_glyphs)
{
  (void) cr;
  (void) glyphs;
  (void) num_glyphs;
}

NO_GLYPHS_EXPORT void
cairo_show_text_glyphs (cairo_t *cr, const char *utf8, int utf8_len, const cairo_glyph_t *glyphs,
                        int num_glyphs, const cairo_text_cluster_t *clusters, int num_clusters,
                        cairo_text_cluster_flags_t cluster_flags)
{
  (void) cr;
  (void) utf8;
  (void) utf8_len;
  (void) glyphs;
  (void) num_glyphs;
  (void) clusters;
  (void) num_clusters;
  (void) cluster_flags;
}
