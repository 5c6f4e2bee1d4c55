/* pdf-block.c: blocks and their line metrics.
 *
 * A block's lines sit on a fixed pitch (its style's line height), not on
 * Pango's own spacing, so that a speaker label in the sans or a piece of
 * code in a paragraph does not push its line off the grid.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <string.h>

PdfBlock *
pdf_block_new (void)
{
  PdfBlock *block = g_new0 (PdfBlock, 1);

  block->ref_count = 1;
  block->hyphen_from = G_MAXUINT;
  return block;
}

void
pdf_block_set_ink (PdfBlock *block, const double rgb[3])
{
  memcpy (block->ink, rgb, sizeof block->ink);
  block->has_ink = TRUE;
}

PdfBlock *
pdf_block_ref (PdfBlock *block)
{
  block->ref_count++;
  return block;
}

static void
clear_notes (GArray *notes)
{
  for (guint i = 0; notes && i < notes->len; i++)
    {
      g_clear_pointer (&g_array_index (notes, PdfNoteRef, i).note, pdf_note_unref);
      g_free (g_array_index (notes, PdfNoteRef, i).anchor);
    }
  if (notes)
    g_array_unref (notes);
}

void
pdf_block_free (PdfBlock *block)
{
  if (!block || --block->ref_count > 0)
    return;
  g_clear_pointer (&block->strikes, g_array_unref);
  g_clear_pointer (&block->whole, g_array_unref);
  clear_notes (block->notes);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_clear_pointer (&block->table, pdf_table_unref);
  g_clear_object (&block->layout);
  g_clear_pointer (&block->text, pdf_text_free);
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
  g_free (block->page_dest);
  g_clear_object (&block->page_number);
  g_free (block->outline);
  g_free (block->caption);
  g_free (block->line_top);
  g_free (block->baseline);
  g_free (block->line_x);
  g_free (block);
}

/* Puts line @i, @height tall with its baseline @ascent below its top, on
 * the block's grid: the pitch, half the leading above the line and half
 * below, or else where the layout put it (@top). */
static void
place_line (PdfBlock *b, guint i, double top, double height, double ascent)
{
  double lead = 0;

  if (b->pitch > 0)
    {
      top = i * b->pitch;
      lead = (b->pitch - height) / 2;
    }
  b->line_top[i] = top;
  b->baseline[i] = top + lead + ascent;
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

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      base = pango_layout_iter_get_baseline (iter);
      place_line (b, i, (double) y0 / PANGO_SCALE, (double) (y1 - y0) / PANGO_SCALE,
                  (double) (base - y0) / PANGO_SCALE);
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

/* The same grid for a paragraph pdf-text.c set. */
static void
measure_text_lines (PdfBlock *b)
{
  double y = 0;

  for (guint i = 0; i < b->n_lines; i++)
    {
      int x, ascent, descent;
      double height;

      pdf_text_get_line (b->text, i, &x, &ascent, &descent);
      height = (double) (ascent + descent) / PANGO_SCALE;
      place_line (b, i, y, height, (double) ascent / PANGO_SCALE);
      b->line_x[i] = (double) x / PANGO_SCALE;
      y += height;
    }
  b->line_top[b->n_lines] = b->pitch > 0 ? b->n_lines * b->pitch : y;
}

gboolean
pdf_block_plain_line (PdfBlock *b, guint line, PdfTextCache *cache)
{
  PdfText *again;

  if (!b->text || !b->layout || b->notes || b->pitch <= 0
      || !pdf_text_line_hyphenated (b->text, line))
    return FALSE;
  again = pdf_text_set_plain_line (cache, b->layout, b->colors, b->hyphen_from, b->whole, line);
  if (!again || pdf_text_get_n_lines (again) != b->n_lines
      || pdf_text_line_hyphenated (again, line))
    {
      pdf_text_free (again);
      return FALSE;
    }
  pdf_text_free (b->text);
  b->text = again;
  measure_text_lines (b);
  return TRUE;
}

/* Which line each footnote reference fell on: references and lines are
 * both in text order, so one pass. */
static void
place_note_refs (PdfBlock *b)
{
  guint line = 0;

  for (guint i = 0; b->notes && i < b->notes->len; i++)
    {
      PdfNoteRef *r = &g_array_index (b->notes, PdfNoteRef, i);

      if (b->text)
        for (;; line++)
          {
            guint start, end;

            pdf_text_get_line_range (b->text, line, &start, &end);
            if (line + 1 >= b->n_lines || r->index < end)
              break;
          }
      else if (b->layout)
        {
          int l = 0;

          pango_layout_index_to_line_x (b->layout, (int) r->index, FALSE, &l, NULL);
          line = (guint) CLAMP (l, 0, (int) b->n_lines - 1);
        }
      r->line = MIN (line, b->n_lines - 1);
    }
}

static void measure (PdfBlock *b, PdfTextCache *cache);

void
pdf_block_measure (PdfBlock *b, PdfTextCache *cache)
{
  g_return_if_fail (b->line_top == NULL);

  measure (b, cache);
  place_note_refs (b);
}

static void
measure (PdfBlock *b, PdfTextCache *cache)
{

  if (cache && b->layout && !b->text_tried)
    b->text = pdf_text_set (cache, b->layout, b->colors, b->hyphen_from, b->whole);
  if (b->text)
    {
      b->n_lines = pdf_text_get_n_lines (b->text);
      b->line_top = g_new0 (double, b->n_lines + 1);
      b->baseline = g_new0 (double, b->n_lines);
      b->line_x = g_new0 (double, b->n_lines);
      measure_text_lines (b);
      if (b->n_lines < 2)
        b->unsplittable = TRUE;
      return;
    }
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

/* Pango sets a paragraph in int Pango units (1/1024 pt): a run of some
 * hundred thousand characters overflows its width, and the whole run
 * lands on one line. It also reshapes a word wider than the measure
 * from the break to its end on every line, quadratic in the word. So a
 * paragraph longer than PARA_CHUNK bytes is set as several blocks cut
 * at spaces, and a word longer than WORD_CHUNK bytes is cut. Real text
 * never comes near either; the cost is a ragged line where a cut falls. */
#define PARA_CHUNK 32768
#define WORD_CHUNK 2048

/* Byte offsets where @text is cut, ending with its length. */
static GArray *
cut_points (const char *text, gsize len)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize last_cut = 0, after_space = 0, word = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == ' ' || text[i] == '\n')
        {
          after_space = word = i + 1;
          continue;
        }
      if ((text[i] & 0xC0) == 0x80)
        continue;
      if (i - word >= WORD_CHUNK)
        last_cut = word = i;
      else if (i - last_cut >= PARA_CHUNK && after_space > last_cut)
        last_cut = after_space;
      else
        continue;
      g_array_append_val (cuts, last_cut);
    }
  g_array_append_val (cuts, len);
  return cuts;
}

static GArray *
links_between (GArray *links, guint from, guint to)
{
  GArray *part = g_array_new (FALSE, FALSE, sizeof (PdfLink));

  for (guint i = 0; links && i < links->len; i++)
    {
      const PdfLink *l = &g_array_index (links, PdfLink, i);
      PdfLink c = { MAX (l->start, from) - from, MIN (l->end, to) - from,
                    NULL, NULL };

      if (l->start >= to || l->end <= from)
        continue;
      c.uri = g_strdup (l->uri);
      c.dest = g_strdup (l->dest);
      g_array_append_val (part, c);
    }
  return part;
}

static GPtrArray *
colors_between (GPtrArray *colors, guint from, guint to)
{
  GPtrArray *part = g_ptr_array_new_with_free_func ((GDestroyNotify) pango_attribute_destroy);

  for (guint i = 0; colors && i < colors->len; i++)
    {
      const PangoAttribute *a = colors->pdata[i];
      PangoAttribute *c;

      if (a->start_index >= to || a->end_index <= from)
        continue;
      c = pango_attribute_copy (a);
      c->start_index = MAX (a->start_index, from) - from;
      c->end_index = MIN (a->end_index, to) - from;
      g_ptr_array_add (part, c);
    }
  return part;
}

static GArray *
strikes_between (GArray *strikes, guint from, guint to)
{
  GArray *part;

  if (!strikes)
    return NULL;
  part = g_array_new (FALSE, FALSE, sizeof (PdfRange));
  for (guint i = 0; i < strikes->len; i++)
    {
      const PdfRange *r = &g_array_index (strikes, PdfRange, i);
      PdfRange c = { MAX (r->start, from) - from, MIN (r->end, to) - from };

      if (r->start < to && r->end > from)
        g_array_append_val (part, c);
    }
  return part;
}

static GArray *
notes_between (GArray *notes, guint from, guint to, guint length)
{
  GArray *part;

  if (!notes)
    return NULL;
  part = g_array_new (FALSE, FALSE, sizeof (PdfNoteRef));
  for (guint i = 0; i < notes->len; i++)
    {
      const PdfNoteRef *r = &g_array_index (notes, PdfNoteRef, i);
      PdfNoteRef c = { r->index - from, 0, r->note ? pdf_note_ref (r->note) : NULL,
                       g_strdup (r->anchor), FALSE };

      if (r->index >= from && (r->index < to || to == length))
        g_array_append_val (part, c);
    }
  return part;
}

/* The piece [@from, @to) of @b: its text, attributes, links, colours;
 * the first piece keeps what opens the block, the last what ends it. */
static PdfBlock *
piece (const PdfBlock *b, const char *text, guint from, guint to, guint length,
       GPtrArray *attrs, guint *next_attr, GPtrArray *open)
{
  PdfBlock *p = pdf_block_new ();

  *p = *b;
  /* @b's layout holds no text by now: copying it is cheap. */
  p->layout = pango_layout_copy (b->layout);
  pango_layout_set_text (p->layout, text + from, (int) (to - from));
  if (attrs)
    {
      /* The attributes over the piece, shifted: those started before it
       * that may still be open, then those starting in it (@attrs is
       * sorted by start; copying and shifting the whole list for each
       * piece was quadratic in a paragraph of many links). */
      PangoAttrList *shifted = pango_attr_list_new ();
      guint kept = 0;

      while (*next_attr < attrs->len
             && ((PangoAttribute *) attrs->pdata[*next_attr])->start_index < to)
        g_ptr_array_add (open, attrs->pdata[(*next_attr)++]);
      for (guint i = 0; i < open->len; i++)
        {
          PangoAttribute *a = open->pdata[i], *copy;

          if (a->end_index <= from)
            continue;
          open->pdata[kept++] = a;
          copy = pango_attribute_copy (a);
          copy->start_index = MAX (a->start_index, from) - from;
          copy->end_index = MIN (a->end_index, to) - from;
          pango_attr_list_insert (shifted, copy);
        }
      g_ptr_array_set_size (open, kept);
      pango_layout_set_attributes (p->layout, shifted);
      pango_attr_list_unref (shifted);
    }
  p->marker = from == 0 && b->marker ? g_object_ref (b->marker) : NULL;
  p->image = NULL;
  p->links = links_between (b->links, from, to);
  p->colors = colors_between (b->colors, from, to);
  p->ref_count = 1;
  if (b->hyphen_from != G_MAXUINT)
    p->hyphen_from = b->hyphen_from > from ? b->hyphen_from - from : 0;
  p->strikes = strikes_between (b->strikes, from, to);
  p->whole = strikes_between (b->whole, from, to);
  p->notes = notes_between (b->notes, from, to, length);
  p->cells = NULL;
  p->table = NULL;
  p->dest = from == 0 ? g_strdup (b->dest) : NULL;
  p->outline = from == 0 ? g_strdup (b->outline) : NULL;
  p->caption = NULL;
  p->outline_level = from == 0 ? b->outline_level : 0;
  if (from > 0)
    {
      p->space_before = 0;
      p->pad_top = 0;
      p->decor &= ~(PDF_DECOR_ACCENT_BAR | PDF_DECOR_RULE_ABOVE);
    }
  if (to < length)
    {
      p->space_after = 0;
      p->pad_bottom = 0;
      p->keep_with_next = FALSE;
      p->bars_continue = TRUE;
      p->decor &= ~PDF_DECOR_RULE_BELOW;
    }
  return p;
}

GPtrArray *
pdf_block_split (PdfBlock *block)
{
  GPtrArray *pieces = g_ptr_array_new ();
  const char *text = block->layout ? pango_layout_get_text (block->layout) : NULL;
  gsize len = text ? strlen (text) : 0;
  g_autoptr(GArray) cuts = NULL;
  g_autofree char *whole = NULL;
  g_autoptr(GPtrArray) attrs = NULL;
  g_autoptr(GPtrArray) open = NULL;
  guint next_attr = 0;
  gsize from = 0;

  if (len <= WORD_CHUNK || block->line_top)
    {
      g_ptr_array_add (pieces, block);
      return pieces;
    }
  cuts = cut_points (text, len);
  if (cuts->len == 1)
    {
      g_ptr_array_add (pieces, block);
      return pieces;
    }
  whole = g_strndup (text, len);
  pango_layout_set_text (block->layout, "", 0);
  if (pango_layout_get_attributes (block->layout))
    {
      GSList *list = pango_attr_list_get_attributes (pango_layout_get_attributes (block->layout));

      attrs = g_ptr_array_new_with_free_func ((GDestroyNotify) pango_attribute_destroy);
      for (GSList *l = list; l; l = l->next)
        g_ptr_array_add (attrs, l->data);
      g_slist_free (list);
    }
  open = g_ptr_array_new ();
  for (guint i = 0; i < cuts->len; i++)
    {
      gsize to = g_array_index (cuts, gsize, i);

      g_ptr_array_add (pieces, piece (block, whole, (guint) from, (guint) to, (guint) len,
                                      attrs, &next_attr, open));
      from = to;
    }
  pdf_block_free (block);
  return pieces;
}
