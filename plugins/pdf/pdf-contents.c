/* pdf-contents.c: the contents page (-O toc=true, --toc).
 *
 * Its entries are prensa_document_dup_contents(), the list every
 * writer's contents shows: a book's part titles, then headings down to
 * toc-depth. Each entry is a block of its own in the contents1-3 styles,
 * ranked among the levels present (a document whose headings start at ##
 * still opens flush left), set in a measure that leaves a column at the
 * right for its page number. On its last line dot leaders run from the
 * text to the number; they sit on one grid from the right edge, so the
 * dots of every entry line up down the page. The dots are drawn, not
 * typed: copied text reads "Roles 2", not "Roles . . . . 2". Every line
 * of an entry, number and all, is a link to its heading.
 *
 * Where the contents go is pdf-body.c's (enter_part); the page numbers
 * come from a rehearsal (see PdfContents).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <math.h>

/* The number column holds this many figures, and a gap to the text. */
#define NUMBER_FIGURES "0000"
#define NUMBER_GAP 14.0
/* Leaders: a dot every DOT_STEP points, this far from text and number. */
#define DOT_STEP 4.6
#define DOT_RADIUS 0.55
#define DOT_CLEAR 4.0

static double
measure (const PdfSettings *st)
{
  return st->width - st->left - st->right;
}

static PangoAttribute *color_attr (const double rgb[3]);

/* @text in @style; @figures: a page number, also in the style's ink. */
static PangoLayout *
styled_layout (PdfBody *b, const PdfStyle *style, double width, const char *text,
               gboolean figures)
{
  PangoLayout *layout = pango_layout_new (b->context);
  PangoAttrList *attrs = pango_attr_list_new ();

  pdf_style_apply (style, layout, width);
  if (style->uppercase)
    pango_attr_list_insert (attrs, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE));
  if (style->letter_spacing > 0)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (style->letter_spacing * PANGO_SCALE)));
  /* Page numbers in tabular figures, so that they align at the right. */
  if (figures)
    {
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1, lnum=1"));
      pango_attr_list_insert (attrs, color_attr (style->color));
    }
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static PangoAttribute *
color_attr (const double rgb[3])
{
  PangoAttribute *a = pango_attr_foreground_new ((guint16) (rgb[0] * 65535),
                                                 (guint16) (rgb[1] * 65535),
                                                 (guint16) (rgb[2] * 65535));

  a->start_index = 0;
  a->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
  return a;
}

/* "Contents", small and red over a hairline, kept with the first entry. */
static PdfBlock *
title_block (PdfBody *b, const char *text)
{
  const PdfStyle *style = &b->st->styles[PDF_STYLE_CONTENTS_TITLE];
  PdfBlock *block = pdf_block_new ();

  block->x = b->st->left;
  block->width = measure (b->st);
  block->space_before = style->space_before;
  block->space_after = style->space_after;
  block->pitch = style->size * style->line_height;
  block->keep_with_next = TRUE;
  block->decor = PDF_DECOR_RULE_BELOW;
  block->pad_bottom = 6;
  block->layout = styled_layout (b, style, block->width, text, FALSE);
  pdf_block_set_ink (block, style->color);
  return block;
}

/* The width the number column takes from every entry's measure. */
static double
number_column (PdfBody *b)
{
  g_autoptr(PangoLayout) figures = styled_layout (b, &b->st->styles[PDF_STYLE_CONTENTS1], -1,
                                                  NUMBER_FIGURES, TRUE);
  int width;

  pango_layout_set_width (figures, -1);
  pango_layout_get_size (figures, &width, NULL);
  return (double) width / PANGO_SCALE + NUMBER_GAP;
}

static PdfBlock *
entry_block (PdfBody *b, const PrensaContentsEntry *e, guint rank, double column,
             gboolean deeper_next)
{
  const PdfSettings *st = b->st;
  const PdfStyle *style = &st->styles[PDF_STYLE_CONTENTS1 + MIN (rank, 2)];
  double indent = style->indent + (rank > 2 ? (rank - 2) * st->styles[PDF_STYLE_CONTENTS2].indent : 0);
  PdfBlock *block = pdf_block_new ();
  gpointer page;

  indent = MIN (indent, measure (st) / 2);
  block->x = st->left + indent;
  block->width = measure (st) - indent - column;
  block->space_before = style->space_before;
  block->space_after = style->space_after;
  block->pitch = style->size * style->line_height;
  block->unsplittable = TRUE;
  /* A part or section stays with its first entry below it. */
  block->keep_with_next = deeper_next;
  block->layout = styled_layout (b, style, block->width, e->text, FALSE);
  pdf_block_set_ink (block, style->color);
  block->page_dest = g_strdup (e->anchor);
  block->page_right = st->left + measure (st);
  if (b->contents->pages
      && g_hash_table_lookup_extended (b->contents->pages, e->anchor, NULL, &page))
    {
      g_autofree char *number = g_strdup_printf ("%u", GPOINTER_TO_UINT (page));

      block->page_number = styled_layout (b, style, -1, number, TRUE);
      pango_layout_set_width (block->page_number, -1);
    }
  return block;
}

void
pdf_contents_add (PdfBody *b)
{
  const GArray *entries = b->contents ? b->contents->entries : NULL;
  const char *lang = prensa_document_get_meta_string (b->doc, "lang");
  guint top = G_MAXUINT;
  double column;

  if (!entries || entries->len == 0)
    return;
  for (guint i = 0; i < entries->len; i++)
    top = MIN (top, g_array_index (entries, PrensaContentsEntry, i).level);
  column = number_column (b);
  pdf_body_emit (b, title_block (b, prensa_word (lang, PRENSA_WORD_CONTENTS)));
  for (guint i = 0; i < entries->len; i++)
    {
      const PrensaContentsEntry *e = &g_array_index (entries, PrensaContentsEntry, i);
      gboolean deeper = i + 1 < entries->len
                        && g_array_index (entries, PrensaContentsEntry, i + 1).level > e->level;

      pdf_body_emit (b, entry_block (b, e, e->level - top, column, deeper));
    }
  pdf_ahead_flush (b->ahead);
  pdf_pager_break (b->pager);
}

/* Where line @i's text ends, from the page's left edge. */
static double
line_end (const PdfBlock *b, guint i)
{
  PangoRectangle logical;

  if (b->text)
    return b->x + b->line_x[i] + (double) pdf_text_index_to_x (b->text, i, G_MAXUINT) / PANGO_SCALE;
  pango_layout_line_get_extents (pango_layout_get_line_readonly (b->layout, (int) i), NULL,
                                 &logical);
  return b->x + (double) (logical.x + logical.width) / PANGO_SCALE;
}

static void
draw_leaders (cairo_t *cr, const PdfSettings *st, double from, double to, double baseline)
{
  double rgb[3];
  gboolean any = FALSE;

  /* Between the rules' colour and the folio's: seen, not read. */
  for (guint k = 0; k < 3; k++)
    rgb[k] = 0.35 * st->rule[k] + 0.65 * st->styles[PDF_STYLE_FOLIO].color[k];
  for (double x = to; x >= from; x -= DOT_STEP)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, baseline - DOT_RADIUS, DOT_RADIUS, 0, 2 * G_PI);
      any = TRUE;
    }
  if (!any)
    return;
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill (cr);
}

void
pdf_contents_draw (cairo_t *cr, PdfGlyphBatch *batch, const PdfSettings *st, const PdfBlock *b,
                   guint first, guint last, double top)
{
  PdfLink link = { 0, 0, NULL, b->page_dest };

  for (guint i = first; i < last; i++)
    {
      double y = top + b->line_top[i] - b->line_top[first];
      double baseline = y + b->baseline[i] - b->line_top[i];

      pdf_pager_draw_link (cr, &link, b->x, y, b->page_right - b->x,
                           b->line_top[i + 1] - b->line_top[i]);
      if (i + 1 == b->n_lines && b->page_number)
        {
          int width;
          double x, to;

          pango_layout_get_size (b->page_number, &width, NULL);
          x = b->page_right - (double) width / PANGO_SCALE;
          /* The last dot on the grid, clear of the number. */
          to = b->page_right - DOT_STEP * ceil ((b->page_right - x + DOT_CLEAR) / DOT_STEP);
          draw_leaders (cr, st, line_end (b, i) + DOT_CLEAR, to, baseline);
          cairo_move_to (cr, x, baseline
                         - (double) pango_layout_get_baseline (b->page_number) / PANGO_SCALE);
          pdf_text_show_layout (batch, b->page_number);
        }
    }
}
