/* pdf-block.c: blocks and their line metrics.
 *
 * A block's lines sit on a fixed pitch (its style's line height), not on
 * Pango's own spacing, so that a speaker label in the sans or a piece of
 * code in a paragraph does not push its line off the grid.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

PdfBlock *
pdf_block_new (void)
{
  return g_new0 (PdfBlock, 1);
}

void
pdf_block_free (PdfBlock *block)
{
  if (!block)
    return;
  g_clear_object (&block->layout);
  g_clear_object (&block->marker);
  g_clear_pointer (&block->image, cairo_surface_destroy);
  if (block->links)
    {
      for (guint i = 0; i < block->links->len; i++)
        {
          PdfLink *link = &g_array_index (block->links, PdfLink, i);

          g_free (link->uri);
          g_free (link->dest);
        }
      g_array_unref (block->links);
    }
  g_clear_pointer (&block->colors, g_ptr_array_unref);
  g_free (block->dest);
  g_free (block->outline);
  g_free (block->caption);
  g_free (block->line_top);
  g_free (block->baseline);
  g_free (block->line_x);
  g_free (block);
}

static void
measure_lines (PdfBlock *b)
{
  PangoLayoutIter *iter = pango_layout_get_iter (b->layout);
  guint i = 0;

  do
    {
      PangoRectangle logical;
      int y0, y1, base;
      double top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      base = pango_layout_iter_get_baseline (iter);
      if (b->pitch > 0)
        {
          /* Half the leading above the line, half below. */
          top = i * b->pitch;
          b->baseline[i] = top + (b->pitch - (double) (y1 - y0) / PANGO_SCALE) / 2
                           + (double) (base - y0) / PANGO_SCALE;
        }
      else
        {
          top = (double) y0 / PANGO_SCALE;
          b->baseline[i] = (double) base / PANGO_SCALE;
        }
      b->line_top[i] = top;
      b->line_x[i] = (double) logical.x / PANGO_SCALE;
      if (++i == b->n_lines)
        b->line_top[i] = b->pitch > 0 ? i * b->pitch
                                      : (double) y1 / PANGO_SCALE;
    }
  while (i < b->n_lines && pango_layout_iter_next_line (iter));
  /* Pango may report fewer lines than it counted; close the table. */
  for (; i < b->n_lines; i++)
    {
      b->line_top[i + 1] = b->line_top[i];
      b->baseline[i] = b->line_top[i];
      b->line_x[i] = 0;
    }
  pango_layout_iter_free (iter);
}

void
pdf_block_measure (PdfBlock *b)
{
  g_return_if_fail (b->line_top == NULL);

  b->n_lines = b->layout ? (guint) pango_layout_get_line_count (b->layout) : 1;
  if (b->n_lines == 0)
    b->n_lines = 1;
  b->line_top = g_new0 (double, b->n_lines + 1);
  b->baseline = g_new0 (double, b->n_lines);
  b->line_x = g_new0 (double, b->n_lines);
  if (b->layout)
    measure_lines (b);
  else
    b->line_top[1] = b->height;
  if (b->n_lines < 2)
    b->unsplittable = TRUE;
}
