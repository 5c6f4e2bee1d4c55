/* pdf-pager.c: placing blocks on pages and drawing them.
 *
 * Blocks arrive in reading order. Each is split at line boundaries when
 * it does not fit: at least two lines stay at the foot of a page and at
 * least two go over (no orphans, no widows). A block that keeps with the
 * next one (a heading, a question, a speaker's label on its own line)
 * never ends a page: when the next block has to start a new page, the
 * keeping block's last two lines, or all of it, go over with it.
 *
 * A page is drawn only when it is full, so that pieces can still move
 * to the next page; then its finished blocks are freed, so memory stays
 * small for a book.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <string.h>

/* Lines of a paragraph that must stay together at either side of a page
 * break. */
#define MIN_LINES 2
/* Rounding slack, in points, when testing whether something fits. */
#define EPSILON 0.01

typedef struct {
  PdfBlock *block;
  guint first, last;  /* lines [first, last) */
  double y;           /* top of the fragment's box */
} Frag;

typedef struct {
  PdfBlock *block;
  guint first;
} Carried;

struct _PdfPager {
  cairo_t *cr;
  const PdfSettings *st;
  PangoLayout *head, *folio;
  GArray *frags;         /* Frag, on the page being filled */
  double cursor;         /* bottom of the last fragment */
  double pending_space;  /* space after the last fragment's block */
  guint page;            /* the number of the page being filled */
  int outline_parents[7];
  PdfTextCache *text_cache;  /* shaped words, for the whole document */
};

static double
body_top (const PdfPager *p)
{
  return p->st->top;
}

static double
body_bottom (const PdfPager *p)
{
  return p->st->height - p->st->bottom;
}

static double
frag_height (const PdfBlock *b, guint first, guint last)
{
  return b->pad_top + (b->line_top[last] - b->line_top[first]) + b->pad_bottom;
}

static PangoLayout *
margin_layout (cairo_t *cr, const PdfSettings *st, const PdfStyle *style)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pdf_style_apply (style, layout, st->width - st->left - st->right);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (style->uppercase || style->letter_spacing > 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      if (style->uppercase)
        pango_attr_list_insert (attrs, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE));
      if (style->letter_spacing > 0)
        pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (style->letter_spacing * PANGO_SCALE)));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

PdfPager *
pdf_pager_new (cairo_t *cr, const PdfSettings *settings,
               const char *running_title)
{
  PdfPager *p = g_new0 (PdfPager, 1);

  p->cr = cr;
  p->st = settings;
  p->frags = g_array_new (FALSE, FALSE, sizeof (Frag));
  p->text_cache = pdf_text_cache_new ();
  p->page = 1;
  p->cursor = body_top (p);
  if (settings->running_head && running_title && *running_title)
    {
      p->head = margin_layout (cr, settings,
                               &settings->styles[PDF_STYLE_RUNNING_HEAD]);
      pango_layout_set_text (p->head, running_title, -1);
    }
  if (settings->folio)
    p->folio = margin_layout (cr, settings, &settings->styles[PDF_STYLE_FOLIO]);
  return p;
}

void
pdf_pager_free (PdfPager *p)
{
  if (!p)
    return;
  /* Blocks still waiting (after an error) are freed once each. */
  for (guint i = 0; i < p->frags->len; i++)
    {
      Frag *f = &g_array_index (p->frags, Frag, i);

      if (f->last == f->block->n_lines)
        pdf_block_free (f->block);
    }
  g_array_unref (p->frags);
  g_clear_object (&p->head);
  g_clear_object (&p->folio);
  pdf_text_cache_free (p->text_cache);
  g_free (p);
}

guint
pdf_pager_get_n_pages (const PdfPager *p)
{
  return p->page;
}

static void
set_rgb (cairo_t *cr, const double rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

/* Quotes some text for a cairo tag attribute: '…' with \ and ' escaped. */
static void
append_quoted (GString *out, const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *c = text; *c; c++)
    {
      if (*c == '\\' || *c == '\'')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '\'');
}

static void
draw_link (cairo_t *cr, const PdfLink *link, double x, double y,
           double width, double height)
{
  g_autoptr(GString) attrs = g_string_new (NULL);

  if (width <= 0)
    return;
  g_string_append (attrs, link->uri ? "uri=" : "dest=");
  append_quoted (attrs, link->uri ? link->uri : link->dest);
  g_string_append_printf (attrs, " rect=[%.2f %.2f %.2f %.2f]",
                          x, y, width, height);
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attrs->str);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* pango_layout_line_index_to_x() as Pango 1.50 computes it, without
 * its count of the characters from the start of the whole layout: that
 * made every link's rectangle cost the text before it, quadratic in a
 * paragraph of many links. */
static int
line_index_to_x (PangoLayoutLine *line, int index)
{
  const char *text = pango_layout_get_text (line->layout);
  int width = 0;

  for (GSList *l = line->runs; l; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      PangoItem *item = run->item;

      if (item->offset <= index && index < item->offset + item->length)
        {
          int x = 0;

          pango_glyph_string_index_to_x (run->glyphs, (char *) text + item->offset,
                                         item->length, &item->analysis,
                                         index - item->offset, FALSE, &x);
          return width + x;
        }
      width += pango_glyph_string_get_width (run->glyphs);
    }
  return width;
}

/* Where byte @index of a line falls, in Pango units from its start. */
typedef int (*IndexToX) (gconstpointer line, guint line_number, guint index);

static int
layout_line_x (gconstpointer data, guint line_number, guint index)
{
  PangoLayoutLine *line = (PangoLayoutLine *) data;
  PangoRectangle logical;

  (void) line_number;
  if ((int) index < line->start_index + line->length)
    return line_index_to_x (line, (int) index);
  /* To the line's end: its logical extent, trailing spaces and all. */
  pango_layout_line_get_extents (line, NULL, &logical);
  return logical.x + logical.width;
}

static int
text_line_x (gconstpointer text, guint line_number, guint index)
{
  return pdf_text_index_to_x (text, line_number, index);
}

/* Clickable areas for the parts of links that lie in bytes [@line_start,
 * @line_end) of a line: @x_of places them. Links are in text order and
 * never nested: the ones that ended before this line are skipped for
 * good. */
static void
draw_line_links (PdfPager *p, PdfBlock *b, guint line_start, guint line_end,
                 IndexToX x_of, gconstpointer line, guint line_number,
                 double x, double top, double height)
{
  while (b->next_link < b->links->len
         && g_array_index (b->links, PdfLink, b->next_link).end <= line_start)
    b->next_link++;
  for (guint i = b->next_link; i < b->links->len; i++)
    {
      const PdfLink *link = &g_array_index (b->links, PdfLink, i);
      guint start = MAX (link->start, line_start), end = MIN (link->end, line_end);
      int x0, x1;

      if (link->start >= line_end)
        break;
      if (start >= end)
        continue;
      x0 = x_of (line, line_number, start);
      x1 = x_of (line, line_number, end);
      draw_link (p->cr, link, x + (double) MIN (x0, x1) / PANGO_SCALE, top,
                 (double) ABS (x1 - x0) / PANGO_SCALE, height);
    }
}

static void
add_outline (PdfPager *p, const PdfBlock *b)
{
  cairo_surface_t *surface = cairo_get_target (p->cr);
  g_autoptr(GString) attrs = g_string_new ("dest=");
  int level = CLAMP (b->outline_level, 1, 6), parent = CAIRO_PDF_OUTLINE_ROOT;

  for (int l = level - 1; l >= 1; l--)
    if (p->outline_parents[l] > 0)
      {
        parent = p->outline_parents[l];
        break;
      }
  append_quoted (attrs, b->dest);
  p->outline_parents[level] =
    cairo_pdf_surface_add_outline (surface, parent, b->outline, attrs->str,
                                   level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
  for (int l = level + 1; l <= 6; l++)
    p->outline_parents[l] = 0;
}

/* Splits @line's runs where the block's colours start and end, as
 * Pango does for attributes that leave shaping alone, with only the
 * colours that touch this line. */
static void
apply_line_colors (PdfBlock *b, PangoLayoutLine *line)
{
  int line_start = line->start_index, line_end = line->start_index + line->length;
  const char *text = pango_layout_get_text (b->layout);
  PangoAttrList *list = NULL;
  GSList *runs = NULL;

  while (b->next_color < b->colors->len
         && (int) ((PangoAttribute *) b->colors->pdata[b->next_color])->end_index <= line_start)
    b->next_color++;
  for (guint i = b->next_color; i < b->colors->len; i++)
    {
      const PangoAttribute *attr = b->colors->pdata[i];

      if ((int) attr->start_index >= line_end)
        break;
      if ((int) attr->end_index <= line_start)
        continue;
      if (!list)
        list = pango_attr_list_new ();
      pango_attr_list_insert (list, pango_attribute_copy (attr));
    }
  if (!list)
    return;
  for (GSList *l = line->runs; l; l = l->next)
    runs = g_slist_concat (runs, pango_glyph_item_apply_attrs (l->data, text, list));
  g_slist_free (line->runs);
  line->runs = runs;
  pango_attr_list_unref (list);
}

/* A heading's first line is where links to its anchor go. */
static gboolean
begin_dest (PdfPager *p, const PdfBlock *b, guint line)
{
  g_autoptr(GString) attrs = NULL;

  if (line != 0 || !b->dest)
    return FALSE;
  attrs = g_string_new ("name=");
  append_quoted (attrs, b->dest);
  cairo_tag_begin (p->cr, CAIRO_TAG_DEST, attrs->str);
  return TRUE;
}

static void
draw_text_lines (PdfPager *p, const Frag *f, double top)
{
  PdfBlock *b = f->block;
  const PdfStyle *body = &p->st->styles[PDF_STYLE_BODY];

  if (f->first == 0)
    b->next_link = 0;
  for (guint i = f->first; i < f->last; i++)
    {
      double y = top + b->line_top[i] - b->line_top[f->first];
      double baseline = y + b->baseline[i] - b->line_top[i];
      gboolean dest = begin_dest (p, b, i);

      pdf_text_draw_line (b->text, i, p->cr, b->x + b->line_x[i], baseline, body->color);
      if (dest)
        cairo_tag_end (p->cr, CAIRO_TAG_DEST);
      if (b->links && b->links->len > 0)
        {
          guint start, end;

          pdf_text_get_line_range (b->text, i, &start, &end);
          draw_line_links (p, b, start, end, text_line_x, b->text, i, b->x + b->line_x[i], y,
                           b->line_top[i + 1] - b->line_top[i]);
        }
    }
  if (f->first == 0 && b->outline_level > 0 && b->dest)
    add_outline (p, b);
}

static void
draw_lines (PdfPager *p, const Frag *f, double top)
{
  PdfBlock *b = f->block;
  GSList *lines;
  const PdfStyle *body = &p->st->styles[PDF_STYLE_BODY];

  /* A long paragraph's fragments are drawn in order: go on from where
   * the last one ended rather than count from its first line. */
  if (!b->next_line || b->next_line_index > f->first)
    {
      b->next_line = pango_layout_get_lines_readonly (b->layout);
      b->next_line_index = 0;
      b->next_link = 0;
      b->next_color = 0;
    }
  lines = b->next_line;
  for (guint i = b->next_line_index; i < f->first && lines; i++)
    lines = lines->next;
  set_rgb (p->cr, body->color);
  for (guint i = f->first; i < f->last && lines; i++, lines = lines->next)
    {
      PangoLayoutLine *line = lines->data;
      double y = top + b->line_top[i] - b->line_top[f->first];
      double baseline = y + b->baseline[i] - b->line_top[i];
      gboolean dest = begin_dest (p, b, i);

      if (b->colors && b->colors->len > 0)
        apply_line_colors (b, line);
      cairo_move_to (p->cr, b->x + b->line_x[i], baseline);
      pango_cairo_show_layout_line (p->cr, line);
      if (dest)
        cairo_tag_end (p->cr, CAIRO_TAG_DEST);
      if (b->links && b->links->len > 0)
        draw_line_links (p, b, (guint) line->start_index,
                         (guint) (line->start_index + line->length), layout_line_x, line, i,
                         b->x + b->line_x[i], y, b->line_top[i + 1] - b->line_top[i]);
    }
  b->next_line = lines;
  b->next_line_index = f->last;
  if (f->first == 0 && b->outline_level > 0 && b->dest)
    add_outline (p, b);
}

static void
draw_marker (PdfPager *p, const Frag *f, double top)
{
  PdfBlock *b = f->block;
  double baseline = top + b->baseline[0];
  int width;

  pango_layout_get_size (b->marker, &width, NULL);
  set_rgb (p->cr, p->st->styles[PDF_STYLE_BODY].color);
  cairo_move_to (p->cr, b->x - p->st->list_indent
                 + (p->st->list_indent - 5 - (double) width / PANGO_SCALE),
                 baseline - (double) pango_layout_get_baseline (b->marker) / PANGO_SCALE);
  pango_cairo_show_layout (p->cr, b->marker);
}

static void
draw_image (PdfPager *p, const PdfBlock *b, double top)
{
  cairo_t *cr = p->cr;
  double w = cairo_image_surface_get_width (b->image);
  double h = cairo_image_surface_get_height (b->image);
  double x = b->x + (b->width - b->image_width) / 2;

  cairo_save (cr);
  cairo_translate (cr, x, top);
  cairo_scale (cr, b->image_width / w, b->image_height / h);
  cairo_set_source_surface (cr, b->image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_ornaments (PdfPager *p, const Frag *f, double h)
{
  const PdfBlock *b = f->block;
  const PdfSettings *st = p->st;
  cairo_t *cr = p->cr;
  gboolean first = f->first == 0, last = f->last == b->n_lines;

  if (b->decor & PDF_DECOR_SHADE)
    {
      set_rgb (cr, st->shade);
      cairo_rectangle (cr, b->x - st->code_padding, f->y,
                       b->width + 2 * st->code_padding, h);
      cairo_fill (cr);
    }
  if ((b->decor & PDF_DECOR_ACCENT_BAR) && first)
    {
      set_rgb (cr, st->accent);
      cairo_rectangle (cr, b->x, f->y, 34, 4);
      cairo_fill (cr);
    }
  if ((b->decor & PDF_DECOR_RULE_ABOVE) && first)
    {
      set_rgb (cr, st->rule);
      cairo_rectangle (cr, b->x, f->y, b->width, 0.6);
      cairo_fill (cr);
      set_rgb (cr, st->accent);
      cairo_rectangle (cr, b->x, f->y + 0.6, 6, 6);
      cairo_fill (cr);
    }
  if ((b->decor & PDF_DECOR_RULE_BELOW) && last)
    {
      set_rgb (cr, st->rule);
      cairo_rectangle (cr, b->x, f->y + h - 0.6, b->width, 0.6);
      cairo_fill (cr);
    }
  if (b->decor & PDF_DECOR_CENTER_RULE)
    {
      set_rgb (cr, st->rule);
      cairo_rectangle (cr, b->x + b->width * 0.35, f->y + h / 2 - 0.3,
                       b->width * 0.3, 0.6);
      cairo_fill (cr);
    }
  if (b->n_bars > 0)
    {
      /* The bar runs on through the gap to the quote's next block, but
       * never into the bottom margin. */
      double extra = last && b->bars_continue ? b->space_after : 0;

      extra = MIN (extra, body_bottom (p) - (f->y + h));
      set_rgb (cr, st->accent);
      for (guint i = 0; i < b->n_bars; i++)
        cairo_rectangle (cr, b->bars[i], f->y, 1.5, h + MAX (extra, 0));
      cairo_fill (cr);
    }
}

static void
draw_frag (PdfPager *p, const Frag *f)
{
  const PdfBlock *b = f->block;
  double h = frag_height (b, f->first, f->last);
  double top = f->y + b->pad_top;

  draw_ornaments (p, f, h);
  if (b->image)
    draw_image (p, b, top);
  if (b->marker && f->first == 0)
    draw_marker (p, f, top);
  if (b->text)
    draw_text_lines (p, f, top);
  else if (b->layout)
    draw_lines (p, f, top);
}

static void
draw_margins (PdfPager *p)
{
  const PdfSettings *st = p->st;
  g_autofree char *number = NULL;

  if (p->head && p->page > 1)
    {
      set_rgb (p->cr, st->styles[PDF_STYLE_RUNNING_HEAD].color);
      cairo_move_to (p->cr, st->left, st->top - st->head_gap
                     - (double) pango_layout_get_baseline (p->head) / PANGO_SCALE);
      pango_cairo_show_layout (p->cr, p->head);
    }
  if (p->folio)
    {
      number = g_strdup_printf ("%u", p->page);
      pango_layout_set_text (p->folio, number, -1);
      set_rgb (p->cr, st->styles[PDF_STYLE_FOLIO].color);
      cairo_move_to (p->cr, st->left, body_bottom (p) + st->foot_gap
                     - (double) pango_layout_get_baseline (p->folio) / PANGO_SCALE);
      pango_cairo_show_layout (p->cr, p->folio);
    }
}

/* Draws the page, frees the blocks that ended on it, starts the next. */
static void
new_page (PdfPager *p)
{
  for (guint i = 0; i < p->frags->len; i++)
    draw_frag (p, &g_array_index (p->frags, Frag, i));
  draw_margins (p);
  cairo_show_page (p->cr);
  for (guint i = 0; i < p->frags->len; i++)
    {
      Frag *f = &g_array_index (p->frags, Frag, i);

      if (f->last == f->block->n_lines)
        pdf_block_free (f->block);
    }
  g_array_set_size (p->frags, 0);
  p->page++;
  p->cursor = body_top (p);
  p->pending_space = 0;
}

static void
add_frag (PdfPager *p, PdfBlock *b, guint first, guint last, double y)
{
  Frag f = { b, first, last, y };

  g_array_append_val (p->frags, f);
  p->cursor = y + frag_height (b, first, last);
  p->pending_space = last == b->n_lines ? b->space_after : 0;
}

/* After fragments were taken off the page: where the page now ends. */
static void
reset_cursor (PdfPager *p)
{
  if (p->frags->len == 0)
    {
      p->cursor = body_top (p);
      p->pending_space = 0;
      return;
    }
  Frag *f = &g_array_index (p->frags, Frag, p->frags->len - 1);
  p->cursor = f->y + frag_height (f->block, f->first, f->last);
  p->pending_space = f->last == f->block->n_lines ? f->block->space_after : 0;
}

/* The break is about to fall before the next block: take back from the
 * page's foot whatever keeps with it. A long keeping block gives up its
 * last lines only; a short one goes over whole, and then the block
 * before it is asked the same. The page is never emptied. */
static GArray *
take_back_keepers (PdfPager *p)
{
  GArray *carried = g_array_new (FALSE, FALSE, sizeof (Carried));

  while (p->frags->len > 0)
    {
      Frag *f = &g_array_index (p->frags, Frag, p->frags->len - 1);
      PdfBlock *b = f->block;
      Carried c = { b, f->first };

      if (!b->keep_with_next || f->last != b->n_lines)
        break;
      if (!b->unsplittable && f->last - f->first >= 2 * MIN_LINES)
        {
          c.first = f->last - MIN_LINES;
          f->last = c.first;
          g_array_prepend_val (carried, c);
          break;
        }
      if (p->frags->len == 1)
        break;
      g_array_prepend_val (carried, c);
      g_array_set_size (p->frags, p->frags->len - 1);
    }
  reset_cursor (p);
  return carried;
}

/* How many of @b's lines from @first fit in @room. */
static guint
lines_that_fit (const PdfBlock *b, guint first, double room)
{
  guint k = 0;

  while (first + k < b->n_lines
         && frag_height (b, first, first + k + 1) <= room + EPSILON)
    k++;
  return k;
}

static void place (PdfPager *p, PdfBlock *b, guint first);

static void
break_before (PdfPager *p)
{
  g_autoptr(GArray) carried = take_back_keepers (p);

  new_page (p);
  for (guint i = 0; i < carried->len; i++)
    {
      Carried *c = &g_array_index (carried, Carried, i);

      place (p, c->block, c->first);
    }
}

static void
place (PdfPager *p, PdfBlock *b, guint first)
{
  while (first < b->n_lines)
    {
      gboolean empty = p->frags->len == 0;
      double gap = empty ? 0 : MAX (p->pending_space, b->space_before);
      double y = p->cursor + gap;
      guint n = b->n_lines - first;
      guint k = lines_that_fit (b, first, body_bottom (p) - y);

      if (k >= n)
        {
          add_frag (p, b, first, b->n_lines, y);
          return;
        }
      if (b->unsplittable)
        k = 0;
      else
        {
          if (n - k < MIN_LINES)
            k = n >= MIN_LINES ? n - MIN_LINES : 0;
          if (k < MIN_LINES)
            k = 0;
        }
      if (k == 0 && empty)
        {
          /* Taller than a page (a long unsplittable block): let what
           * fits stand, one line at the least. */
          k = MAX (lines_that_fit (b, first, body_bottom (p) - y), 1);
          if (b->unsplittable)
            k = n;
        }
      if (k == 0)
        {
          break_before (p);
          continue;
        }
      add_frag (p, b, first, first + k, y);
      first += k;
      if (first < b->n_lines)
        new_page (p);
    }
}

void
pdf_pager_add (PdfPager *p, PdfBlock *block)
{
  if (!block->line_top)
    pdf_block_measure (block, p->text_cache);
  /* A short question or heading is read as one piece: it moves over
   * whole rather than leave two lines behind. */
  if (block->keep_with_next && block->n_lines < 2 * MIN_LINES + 2)
    block->unsplittable = TRUE;
  place (p, block, 0);
}

void
pdf_pager_break (PdfPager *p)
{
  if (p->frags->len > 0)
    new_page (p);
}

void
pdf_pager_finish (PdfPager *p)
{
  /* Even an empty document has a page: a PDF needs one. */
  if (p->frags->len > 0 || p->page == 1)
    new_page (p);
  p->page--;
}
