/* pdf-note.c: a footnote as the pager sets it at the foot of a page.
 *
 * A note is its blocks (paragraphs, mostly) in the note style, measured
 * once. The pager puts it at the foot of the page its reference falls
 * on, whole if it fits and else split: so that a piece always ends at a
 * line break, the note is cut into units, one per line of a paragraph
 * and one per block that does not split (an image, a short heading).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

/* The space between a note's paragraphs. */
static double
gap_between (const PdfBlock *before, const PdfBlock *after)
{
  return MAX (before->space_after, after->space_before);
}

PdfNote *
pdf_note_new (GPtrArray *blocks, PdfTextCache *cache)
{
  PdfNote *note = g_new0 (PdfNote, 1);

  note->ref_count = 1;
  note->blocks = blocks;
  note->units = g_array_new (FALSE, FALSE, sizeof (PdfNoteUnit));
  for (guint i = 0; i < blocks->len; i++)
    {
      PdfBlock *b = blocks->pdata[i];

      if (!b->line_top)
        pdf_block_measure (b, cache);
      if (b->unsplittable)
        {
          PdfNoteUnit u = { i, 0, b->n_lines };

          g_array_append_val (note->units, u);
          continue;
        }
      for (guint l = 0; l < b->n_lines; l++)
        {
          PdfNoteUnit u = { i, l, l + 1 };

          g_array_append_val (note->units, u);
        }
    }
  note->height = pdf_note_piece_height (note, 0, note->units->len);
  return note;
}

PdfNote *
pdf_note_ref (PdfNote *note)
{
  note->ref_count++;
  return note;
}

void
pdf_note_unref (PdfNote *note)
{
  if (!note || --note->ref_count > 0)
    return;
  g_ptr_array_unref (note->blocks);
  g_array_unref (note->units);
  g_clear_object (&note->mark);
  g_free (note->anchor);
  g_free (note->back);
  g_free (note);
}

guint
pdf_note_get_n_units (const PdfNote *note)
{
  return note->units->len;
}

/* Walks units [from, to) a block at a time, as they are drawn: each
 * block's piece has its padding, and blocks their gap between. */
void
pdf_note_foreach (const PdfNote *note, guint from, guint to, PdfNoteFunc func,
                  gpointer data)
{
  double y = 0;
  guint u = from;

  to = MIN (to, note->units->len);
  while (u < to)
    {
      const PdfNoteUnit *first = &g_array_index (note->units, PdfNoteUnit, u);
      PdfBlock *b = note->blocks->pdata[first->block];
      guint last = first->last;

      while (u + 1 < to && g_array_index (note->units, PdfNoteUnit, u + 1).block == first->block)
        last = g_array_index (note->units, PdfNoteUnit, ++u).last;
      u++;
      if (func)
        func (b, first->first, last, y, data);
      y += b->pad_top + b->line_top[last] - b->line_top[first->first] + b->pad_bottom;
      if (u < to)
        y += gap_between (b, note->blocks->pdata[g_array_index (note->units, PdfNoteUnit,
                                                                u).block]);
    }
}

static void
add_height (PdfBlock *b, guint first, guint last, double top, gpointer data)
{
  double *height = data;

  *height = top + b->pad_top + b->line_top[last] - b->line_top[first] + b->pad_bottom;
}

double
pdf_note_piece_height (const PdfNote *note, guint from, guint to)
{
  double height = 0;

  pdf_note_foreach (note, from, to, add_height, &height);
  return height;
}

guint
pdf_note_units_that_fit (const PdfNote *note, guint from, double room)
{
  double y = 0;
  guint k = from;
  const PdfBlock *prev = NULL;

  /* One unit at a time, in step with pdf_note_foreach's sums. */
  for (; k < note->units->len; k++)
    {
      const PdfNoteUnit *u = &g_array_index (note->units, PdfNoteUnit, k);
      const PdfBlock *b = note->blocks->pdata[u->block];
      double h = b->line_top[u->last] - b->line_top[u->first];

      if (b != prev)
        h += (prev ? gap_between (prev, b) : 0) + b->pad_top + b->pad_bottom;
      if (y + h > room + 0.01)
        break;
      y += h;
      prev = b;
    }
  return k - from;
}
