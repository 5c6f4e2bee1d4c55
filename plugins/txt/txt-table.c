/* txt-table.c: tables laid out in columns, as pandoc's plain writer lays
 * out its simple and multiline tables.
 *
 *   Shift        Where          People  Lead
 *   -----------  -------------  ------  -----
 *   8:00–10:00   Market gate         3   Ana
 *
 * - each column is as wide as its widest cell, in display columns
 *   (prensa_text_width(): a CJK character or an emoji counts two, a
 *   combining mark none), and columns are two spaces apart;
 * - cells are aligned in their column as the table says (left when it
 *   says nothing), the header cells too;
 * - a rule of '-' under the header rows, one run per column; a table
 *   without a header row gets one above and below instead, so it still
 *   reads as a table;
 * - when the table is wider than the line, cells wrap inside their
 *   columns: the widest columns give up width first (all columns over a
 *   common cap are cut to it), no column narrower than its longest word
 *   (with the "[3]" the filler keeps after it); only when the words
 *   cannot all fit whole are the squeezed columns' long words cut
 *   between characters. A table that cannot fit even so (hundreds of
 *   columns) keeps its words whole and runs past the line, as a long
 *   word does in a paragraph. A row that
 *   takes several lines is still one row: when any row does, rows are
 *   separated by blank lines and a closing rule ends the table (pandoc's
 *   multiline tables). With wrap=0 nothing wraps.
 *
 * Each cell's inline text is made once (that is when its links and notes
 * get their numbers) and kept until the table is written; everything else
 * is linear in the number of cells, so 100,000 rows or 1,000 columns cost
 * what their text costs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "txt-private.h"

#include <string.h>

#define GAP 2

typedef struct {
  guint n_columns;
  guint n_rows;
  guint n_header;          /* the first rows that are header rows */
  GPtrArray *cells;        /* char *, n_columns per row */
  gsize *widths;           /* each column's width on the page */
  gboolean wrapped;        /* the widths are below the cells' own */
  gboolean break_words;    /* and below some cells' longest words */
  gboolean multiline;      /* some row takes more than one line */
  PrensaAlign *align;
  GArray *scratch;         /* TxtLine, for measuring a cell */
} Table;

static void
table_clear (Table *t)
{
  g_array_unref (t->scratch);
  g_ptr_array_unref (t->cells);
  g_free (t->widths);
  g_free (t->align);
}

static const char *
cell_text (const Table *t, guint row, guint column)
{
  return t->cells->pdata[(gsize) row * t->n_columns + column];
}

/* Renders every cell's inlines, in document order, row by row. A row with
 * fewer cells than the table (the core pads them, but a reader's tree is
 * not the place to crash) gets empty ones; extra cells are left out. */
static void
collect_cells (TxtWriter *w, const PrensaNode *table, Table *t)
{
  g_autoptr(GString) buf = g_string_new (NULL);
  gboolean in_header = TRUE;

  for (const PrensaNode *row = prensa_node_first_child (table); row != NULL;
       row = prensa_node_next (row))
    {
      const PrensaNode *cell = prensa_node_first_child (row);

      if (prensa_node_get_node_type (row) != PRENSA_NODE_TABLE_ROW)
        continue;
      in_header = in_header && prensa_node_get_table_header (row);
      if (in_header)
        t->n_header++;
      for (guint c = 0; c < t->n_columns; c++)
        {
          g_string_truncate (buf, 0);
          if (cell != NULL)
            {
              txt_render_inlines (w, cell, buf);
              cell = prensa_node_next (cell);
            }
          g_ptr_array_add (t->cells, g_strndup (buf->str, buf->len));
        }
      t->n_rows++;
    }
}

static void
wrap_cell (const Table *t, GArray *lines, const char *text, gsize width)
{
  txt_wrap (lines, text, -1, width, t->break_words);
}

/* The widest line @text fills to at @width (0: only hard breaks end a
 * line), and whether it takes more than one line. */
static gsize
text_extent (Table *t, const char *text, gsize width,
             gboolean *multiline)
{
  GArray *lines = t->scratch;
  gsize widest = 0;

  wrap_cell (t, lines, text, width);
  for (guint i = 0; i < lines->len; i++)
    widest = MAX (widest, g_array_index (lines, TxtLine, i).width);
  if (lines->len > 1)
    *multiline = TRUE;
  return widest;
}

/* Replaces @widths with every column's widest cell filled at that width
 * (@unwrapped: with only hard breaks); an empty column is one wide, so
 * its rule still shows. */
static void
measure_columns (Table *t, gsize *widths, gboolean unwrapped)
{
  g_autofree gsize *widest = g_new (gsize, t->n_columns);

  t->multiline = FALSE;
  for (guint c = 0; c < t->n_columns; c++)
    widest[c] = 1;
  for (guint r = 0; r < t->n_rows; r++)
    for (guint c = 0; c < t->n_columns; c++)
      widest[c] = MAX (widest[c], text_extent (t, cell_text (t, r, c),
                                               unwrapped ? 0 : widths[c],
                                               &t->multiline));
  memcpy (widths, widest, t->n_columns * sizeof *widths);
}

static gsize
capped_total (const gsize *natural, const gsize *floors, guint n, gsize cap)
{
  gsize total = 0;

  for (guint c = 0; c < n; c++)
    total += MIN (natural[c], MAX (cap, floors[c]));
  return total;
}

/* Cuts the widest columns down to a common cap, the largest one at which
 * the columns fit in @room, never below @floors; what is left of @room
 * goes one column each to the leftmost columns at the cap. */
static void
fit_columns (gsize *widths, const gsize *floors, guint n, gsize room)
{
  gsize low = 0, high = 0, total;

  for (guint c = 0; c < n; c++)
    high = MAX (high, widths[c]);
  /* The largest cap whose total fits: total grows with the cap. */
  while (low < high)
    {
      gsize mid = low + (high - low + 1) / 2;

      if (capped_total (widths, floors, n, mid) <= room)
        low = mid;
      else
        high = mid - 1;
    }
  total = capped_total (widths, floors, n, low);
  for (guint c = 0; c < n; c++)
    {
      gsize capped = MIN (widths[c], MAX (low, floors[c]));

      if (capped < widths[c] && capped == low && total < room)
        {
          capped++;
          total++;
        }
      widths[c] = capped;
    }
}

/* The least width each column can take: its longest word (with the
 * reference kept after it), or with @break_words its widest character. */
static gsize
fill_floors (const Table *t, gsize *floors, gboolean break_words)
{
  gsize total = 0;

  for (guint c = 0; c < t->n_columns; c++)
    floors[c] = 1;
  for (guint r = 0; r < t->n_rows; r++)
    for (guint c = 0; c < t->n_columns; c++)
      {
        const char *text = cell_text (t, r, c);
        gsize least = break_words ? txt_wrap_widest_char (text)
                                  : txt_wrap_min_width (text, -1);

        floors[c] = MAX (floors[c], least);
      }
  for (guint c = 0; c < t->n_columns; c++)
    total += floors[c];
  return total;
}

/* The columns' widths on the page: their cells' own when the table fits
 * the measure, else narrower, and then as narrow as the wrapped cells.
 * Words are broken only when the columns cannot fit with them whole but
 * can with them broken; a table that cannot fit either way (hundreds of
 * columns) keeps its words whole and runs past the measure. */
static void
lay_out (Table *t, gsize measure)
{
  gsize gaps = (gsize) GAP * (t->n_columns - 1);
  gsize total = gaps;
  gsize room = measure > gaps ? measure - gaps : 0;
  g_autofree gsize *floors = NULL;

  t->widths = g_new (gsize, t->n_columns);
  measure_columns (t, t->widths, TRUE);
  for (guint c = 0; c < t->n_columns; c++)
    total += t->widths[c];
  if (measure == 0 || total <= measure)
    return;
  floors = g_new (gsize, t->n_columns);
  t->wrapped = TRUE;
  if (fill_floors (t, floors, FALSE) > room)
    {
      g_autofree gsize *broken = g_new (gsize, t->n_columns);

      if (fill_floors (t, broken, TRUE) <= room)
        {
          t->break_words = TRUE;
          memcpy (floors, broken, t->n_columns * sizeof *floors);
        }
    }
  fit_columns (t->widths, floors, t->n_columns, room);
  measure_columns (t, t->widths, FALSE);
}

static void
append_spaces (GString *line, gsize n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (line, ' ');
}

static void
rule (TxtWriter *w, const Table *t)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < t->n_columns; c++)
    {
      if (c > 0)
        append_spaces (line, GAP);
      for (gsize i = 0; i < t->widths[c]; i++)
        g_string_append_c (line, '-');
    }
  txt_writer_line (w, line->str, line->len, FALSE);
}

static void
append_aligned (GString *line, const TxtLine *text, gsize width,
                PrensaAlign align)
{
  gsize pad = width > text->width ? width - text->width : 0;
  gsize before = align == PRENSA_ALIGN_RIGHT ? pad
                 : align == PRENSA_ALIGN_CENTER ? pad / 2 : 0;

  append_spaces (line, before);
  g_string_append_len (line, text->text, text->length);
  append_spaces (line, pad - before);
}

/* One row: each cell filled to its column (into @lines, one array a
 * column, reused from row to row), then as many lines as its tallest
 * cell, each cell's lines aligned in its column. */
static void
write_row (TxtWriter *w, const Table *t, guint row, GArray **lines,
           GString *line)
{
  static const TxtLine empty = { "", 0, 0 };
  guint height = 1;

  for (guint c = 0; c < t->n_columns; c++)
    {
      wrap_cell (t, lines[c], cell_text (t, row, c),
                 t->wrapped ? t->widths[c] : 0);
      height = MAX (height, lines[c]->len);
    }
  for (guint i = 0; i < height; i++)
    {
      g_string_truncate (line, 0);
      for (guint c = 0; c < t->n_columns; c++)
        {
          if (c > 0)
            append_spaces (line, GAP);
          append_aligned (line, i < lines[c]->len
                                ? &g_array_index (lines[c], TxtLine, i)
                                : &empty,
                          t->widths[c], t->align[c]);
        }
      txt_writer_line (w, line->str, line->len, FALSE);
    }
}

static void
write_table (TxtWriter *w, const Table *t)
{
  g_autofree GArray **lines = g_new (GArray *, t->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean closed = t->multiline || t->n_header == 0;

  for (guint c = 0; c < t->n_columns; c++)
    lines[c] = g_array_new (FALSE, FALSE, sizeof (TxtLine));
  if (t->n_header == 0)
    rule (w, t);
  for (guint r = 0; r < t->n_rows; r++)
    {
      /* Rows of several lines need a blank line to tell them apart; the
       * header's rule already ends the header. */
      if (t->multiline && r > 0 && r != t->n_header)
        txt_writer_line (w, "", 0, FALSE);
      write_row (w, t, r, lines, line);
      if (r + 1 == t->n_header)
        rule (w, t);
    }
  if (closed && t->n_rows > t->n_header)
    rule (w, t);
  for (guint c = 0; c < t->n_columns; c++)
    g_array_unref (lines[c]);
}

void
txt_render_table (TxtWriter *w, const PrensaNode *table)
{
  Table t = { 0 };

  t.n_columns = prensa_node_get_table_columns (table);
  if (t.n_columns == 0)
    return;
  t.cells = g_ptr_array_new_with_free_func (g_free);
  t.scratch = g_array_new (FALSE, FALSE, sizeof (TxtLine));
  t.align = g_new (PrensaAlign, t.n_columns);
  for (guint c = 0; c < t.n_columns; c++)
    t.align[c] = prensa_node_get_table_align (table, c);
  collect_cells (w, table, &t);
  if (t.n_rows > 0)
    {
      lay_out (&t, txt_writer_measure (w));
      write_table (w, &t);
    }
  table_clear (&t);
}
