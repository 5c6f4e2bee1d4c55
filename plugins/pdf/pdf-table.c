/* pdf-table.c: a TABLE as ruled rows of cells, in the booktabs manner:
 * a heavy rule above the header and under the last row, a light one
 * under the header, no vertical rules, white space between columns.
 *
 * Columns get their natural widths (each column's widest cell unwrapped)
 * when they fit in the measure; when they do not, every column keeps
 * its widest word and the rest of the room is shared in proportion to
 * what each wants beyond that (and if even the words do not fit, the
 * words' widths are scaled down and words wrap between letters). Cells
 * wrap to their column and take its alignment; header rows are set in
 * the header style (bold).
 *
 * Each row is one block that the pager never splits; it repeats the
 * header rows at the top of each page the table goes on to (see
 * pdf-pager.c). Cells are measured twice, once for the widths and once
 * set, so a table of any size costs time in proportion to its cells.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <string.h>

/* White space between columns, and above and below a row's text. */
#define COLUMN_GAP 12.0
#define ROW_PAD 2.6
/* Room between a rule and the text next to it. */
#define RULE_PAD 1.6

PdfTable *
pdf_table_new (guint id)
{
  PdfTable *t = g_new0 (PdfTable, 1);

  t->ref_count = 1;
  t->id = id;
  t->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_block_free);
  return t;
}

PdfTable *
pdf_table_ref (PdfTable *t)
{
  t->ref_count++;
  return t;
}

void
pdf_table_unref (PdfTable *t)
{
  if (!t || --t->ref_count > 0)
    return;
  g_ptr_array_unref (t->headers);
  g_free (t);
}

typedef struct {
  PdfBody *body;
  const PrensaNode *node;
  guint n_columns;
  double *natural, *widest;   /* points, per column */
  double *x, *width;          /* the columns as set, x from the table's left */
  double left, measure;       /* the table's left edge and the room it has */
  double table_width;
  guint images;
} Table;

static const PdfStyle *
cell_style (const Table *t, const PrensaNode *cell)
{
  return &t->body->st->styles[prensa_node_get_table_header (cell) ? PDF_STYLE_TABLE_HEADER
                                                                   : PDF_STYLE_TABLE];
}

/* A cell's content in its style, set @width wide with its column's
 * alignment; NULL when it is empty. */
static PdfBlock *
fill_cell (Table *t, const PrensaNode *cell, double width)
{
  PdfBody *b = t->body;
  const PdfStyle *style = cell_style (t, cell);
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_block_free);
  PdfBlock *block = pdf_block_new ();
  PangoAttrList *attrs;
  PangoAlignment align;

  switch (prensa_node_get_table_align (cell, 0))
    {
    case PRENSA_ALIGN_CENTER:
      align = PANGO_ALIGN_CENTER;
      break;
    case PRENSA_ALIGN_RIGHT:
      align = PANGO_ALIGN_RIGHT;
      break;
    default:
      align = PANGO_ALIGN_LEFT;
      break;
    }
  block->pitch = style->size * style->line_height;
  block->links = g_array_new (FALSE, FALSE, sizeof (PdfLink));
  block->layout = pango_layout_new (b->context);
  pdf_style_apply (style, block->layout, MAX (width, 1.0));
  pango_layout_set_justify (block->layout, FALSE);
  pango_layout_set_alignment (block->layout, align);
  if (!pdf_inline_fill (b, block, cell, style, NULL, figures, width))
    {
      t->images += figures->len;
      pdf_block_free (block);
      return NULL;
    }
  /* A picture has no room in a cell: its description is lost with it. */
  t->images += figures->len;
  /* Figures of one width, so that numbers line up down a column. */
  attrs = pango_attr_list_copy (pango_layout_get_attributes (block->layout));
  if (!attrs)
    attrs = pango_attr_list_new ();
  pango_attr_list_insert_before (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (block->layout, attrs);
  pango_attr_list_unref (attrs);
  return block;
}

/* Pass one: what each column would like, and the least it can take. */
static void
measure_columns (Table *t)
{
  PdfBody *b = t->body;
  PdfTextCache *cache = pdf_pager_get_text_cache (b->pager);

  b->measuring = TRUE;
  for (const PrensaNode *row = prensa_node_first_child (t->node); row;
       row = prensa_node_next (row))
    for (const PrensaNode *cell = prensa_node_first_child (row); cell;
         cell = prensa_node_next (cell))
      {
        guint c = prensa_node_get_table_column (cell);
        g_autoptr(PdfBlock) block = NULL;
        int natural, widest;

        if (c >= t->n_columns || !(block = fill_cell (t, cell, 100000)))
          continue;
        if (!pdf_text_measure (cache, block->layout, block->colors, &natural, &widest))
          {
            PangoRectangle logical;

            pango_layout_set_width (block->layout, -1);
            pango_layout_get_extents (block->layout, NULL, &logical);
            natural = logical.width;
            pango_layout_set_wrap (block->layout, PANGO_WRAP_WORD);
            pango_layout_set_width (block->layout, 1);
            pango_layout_get_extents (block->layout, NULL, &logical);
            widest = logical.width;
          }
        t->natural[c] = MAX (t->natural[c], (double) natural / PANGO_SCALE);
        t->widest[c] = MAX (t->widest[c], (double) widest / PANGO_SCALE);
      }
  b->measuring = FALSE;
  t->images = 0;
}

static void
size_columns (Table *t)
{
  guint n = t->n_columns;
  /* Many columns share the gaps too, so the text keeps most of the room. */
  double gap = n > 1 ? MIN (COLUMN_GAP, t->measure / (4.0 * (n - 1))) : 0;
  double room = t->measure - gap * (n - 1), natural = 0, widest = 0, x = 0;

  for (guint c = 0; c < n; c++)
    {
      t->widest[c] = MIN (t->widest[c], t->natural[c]);
      natural += t->natural[c];
      widest += t->widest[c];
    }
  for (guint c = 0; c < n; c++)
    {
      if (natural <= room)
        t->width[c] = t->natural[c];
      else if (widest <= room)
        t->width[c] = t->widest[c] + (t->natural[c] - t->widest[c])
                                     * (room - widest) / (natural - widest);
      else
        t->width[c] = widest > 0 ? t->widest[c] * room / widest : room / n;
      /* Empty columns still show as a gap; nothing is narrower than a
       * point, so that text can always go somewhere. */
      t->width[c] = MAX (t->width[c], 1.0);
      t->x[c] = x;
      x += t->width[c] + (c + 1 < n ? gap : 0);
    }
  t->table_width = MIN (x, t->measure);
}

/* A row taller than a page cannot keep whole: it is split between its
 * cells' lines, as a paragraph is, the n-th lines of all its cells
 * making its n-th line. */
static void
set_bands (PdfBlock *row)
{
  guint n = 1;

  for (guint i = 0; i < row->cells->len; i++)
    n = MAX (n, ((PdfBlock *) row->cells->pdata[i])->n_lines);
  row->n_lines = n;
  row->line_top = g_new0 (double, n + 1);
  row->baseline = g_new0 (double, n);
  row->line_x = g_new0 (double, n);
  for (guint l = 0; l <= n; l++)
    for (guint i = 0; i < row->cells->len; i++)
      {
        const PdfBlock *cell = row->cells->pdata[i];

        row->line_top[l] = MAX (row->line_top[l], cell->line_top[MIN (l, cell->n_lines)]);
      }
  row->unsplittable = FALSE;
}

/* Pass two: one row as a block of cells, measured. */
static PdfBlock *
set_row (Table *t, const PrensaNode *row)
{
  PdfBody *b = t->body;
  PdfTextCache *cache = pdf_pager_get_text_cache (b->pager);
  PdfBlock *block = pdf_block_new ();
  double height = 0;

  block->x = t->left;
  block->width = t->table_width;
  block->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_block_free);
  block->unsplittable = TRUE;
  block->table_header = prensa_node_get_table_header (row);
  for (const PrensaNode *cell = prensa_node_first_child (row); cell;
       cell = prensa_node_next (cell))
    {
      guint c = prensa_node_get_table_column (cell);
      PdfBlock *cb;

      if (c >= t->n_columns || !(cb = fill_cell (t, cell, t->width[c])))
        continue;
      cb->x = t->left + t->x[c];
      cb->width = t->width[c];
      pdf_block_measure (cb, cache);
      height = MAX (height, cb->line_top[cb->n_lines]);
      /* The row brings its cells' notes to the page. */
      for (guint i = 0; cb->notes && i < cb->notes->len; i++)
        {
          PdfNoteRef ref = g_array_index (cb->notes, PdfNoteRef, i);

          if (!block->notes)
            block->notes = g_array_new (FALSE, FALSE, sizeof (PdfNoteRef));
          /* The cell keeps the reference's place, to mark it there. */
          ref.line = 0;
          ref.anchor = NULL;
          g_array_append_val (block->notes, ref);
          g_array_index (cb->notes, PdfNoteRef, i).note = NULL;
        }
      g_ptr_array_add (block->cells, cb);
    }
  if (height == 0)
    {
      const PdfStyle *style = &b->st->styles[PDF_STYLE_TABLE];

      height = style->size * style->line_height;
    }
  block->height = height;
  block->pad_top = block->pad_bottom = ROW_PAD;
  if (height > 0.8 * (b->st->height - b->st->top - b->st->bottom))
    set_bands (block);
  return block;
}

void
pdf_table_add (PdfBody *b, const PrensaNode *node)
{
  const PdfStyle *style = &b->st->styles[PDF_STYLE_TABLE];
  guint n = prensa_node_get_table_columns (node);
  Table t = { b, node, MAX (n, 1) };
  PdfTable *table = pdf_table_new (++b->n_tables);
  g_autofree double *columns = g_new0 (double, 4 * (gsize) t.n_columns);
  PdfBlock *pending = NULL;
  gboolean first = TRUE, header_open = FALSE;

  t.natural = columns;
  t.widest = columns + t.n_columns;
  t.x = columns + 2 * t.n_columns;
  t.width = columns + 3 * t.n_columns;
  pdf_body_frame (b, &t.left, &t.measure, NULL);
  measure_columns (&t);
  size_columns (&t);
  /* A row is handed on when the next one says how it ends (under the
   * header, at the table's end). */
  for (const PrensaNode *row = prensa_node_first_child (node); row;
       row = prensa_node_next (row))
    {
      PdfBlock *block = set_row (&t, row);

      block->table_id = table->id;
      if (first)
        {
          block->decor |= PDF_DECOR_TABLE_TOP;
          block->pad_top += PDF_TABLE_HEAVY + RULE_PAD;
          block->space_before = MAX (style->space_before, 4);
          first = FALSE;
        }
      if (pending && header_open && !block->table_header)
        {
          pending->decor |= PDF_DECOR_TABLE_MID;
          pending->pad_bottom += PDF_TABLE_LIGHT + RULE_PAD;
          block->pad_top += RULE_PAD;
        }
      if (pending)
        pdf_body_emit (b, pending);
      header_open = block->table_header;
      if (block->table_header)
        {
          block->keep_with_next = TRUE;
          g_ptr_array_add (table->headers, pdf_block_ref (block));
        }
      else if (table->headers->len > 0)
        block->table = pdf_table_ref (table);
      pending = block;
    }
  if (pending)
    {
      pending->decor |= PDF_DECOR_TABLE_BOTTOM;
      pending->pad_bottom += PDF_TABLE_HEAVY + RULE_PAD;
      pending->space_after = MAX (style->space_after, 8);
      pending->keep_with_next = FALSE;
      pdf_body_emit (b, pending);
    }
  if (t.images > 0 && !b->quiet)
    prensa_warning_at (node, "pdf: %u image%s in a table left out: a cell has no room "
                       "for a figure", t.images, t.images == 1 ? "" : "s");
  pdf_table_unref (table);
}
