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
 * Footnotes go to the foot of the page their reference falls on, under
 * a short rule, and the text block shrinks to make room: a line fits
 * only with the notes it brings. The notes take at most half the text
 * block, so the text keeps the rest. The last note a line brings may be
 * split when at least its first lines fit; the rest goes on at the foot
 * of the next page, ahead of that page's own notes (which, if the rest
 * still does not fit, wait for the page after, as TeX holds them). When lines are taken back from a page's
 * foot (see take_back_keepers), its notes are set again from the lines
 * that stay.
 *
 * A rehearsal (pdf_pager_rehearse) places every block as the real run
 * will and draws nothing: it tells the contents page (pdf-contents.c)
 * the page each heading's destination lands on.
 *
 * A table comes as one block per row, never split. A row that goes on to
 * a new page brings its table's header rows with it, and a table that
 * breaks gets a light rule under its last row on the page.
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

/* Units [from, to) of a note, at a page's foot. Holds a reference. */
typedef struct {
  PdfNote *note;
  guint from, to;
} FootPiece;

/* The foot: space above the rule, the rule, space below it; space
 * between notes. */
#define FOOT_RULE_ABOVE 10.0
#define FOOT_RULE 0.5
#define FOOT_RULE_BELOW 5.0
#define FOOT_SEP (FOOT_RULE_ABOVE + FOOT_RULE + FOOT_RULE_BELOW)
#define NOTE_GAP 3.0
/* The most of a page's text block its notes may take, so that the text
 * keeps the rest: beyond it a note is split, as with too little room. */
#define MAX_FOOT 0.5
/* The least of a note that starts on its reference's page when split. */
#define MIN_NOTE_UNITS 2

struct _PdfPager {
  cairo_t *cr;
  const PdfSettings *st;
  PangoLayout *head, *folio;
  guint head_from;              /* the page the running head's part opened on */
  GArray *frags;         /* Frag, on the page being filled */
  double cursor;         /* bottom of the last fragment */
  double pending_space;  /* space after the last fragment's block */
  guint page;            /* the number of the page being filled */
  int outline_parents[7];
  PdfTextCache *text_cache;  /* shaped words, for the whole document */
  GArray *foot;          /* FootPiece, on the page being filled */
  double foot_notes;     /* their height, with the gaps between them */
  GArray *carry;         /* FootPiece, to go on at the next page's foot */
  guint foot_base;       /* the pieces carried onto this page */
  double foot_base_notes;
  GArray *carry_base;    /* the carry as it stood after those */
  gboolean flushing;     /* only notes are left to set */
  guint repeated;        /* header rows repeated at the top of the page */
  gboolean split_here;   /* a note was split on this page: it is full */
  guint page_table;      /* the table whose rows are on the page, if any */
  gboolean rehearsal;    /* lay out, draw nothing (pdf_pager_rehearse) */
  GHashTable *pages;     /* where destinations fell, or NULL */
  /* The tag attributes of the page's links, drawn after all its text:
   * cairo ends a text object for each tag, and a link's place is its
   * rect, not where the tag falls in the page. */
  GPtrArray *links;
  PdfGlyphBatch *glyphs;  /* text blocks' lines, on their way to cairo */
  gboolean batching;      /* the page's blocks: their lines go on waiting */
  PdfAhead *ahead;        /* the body's measurer, freed last, or NULL */
};

static guint first_ref (const PdfBlock *b, guint line);

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

/* How much the foot takes from the text block. */
static double
foot_total (const PdfPager *p)
{
  return p->foot->len > 0 ? FOOT_SEP + p->foot_notes : 0;
}

/* Where the text must end on this page, above the notes. */
static double
text_bottom (const PdfPager *p)
{
  return body_bottom (p) - foot_total (p);
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
  p->links = g_ptr_array_new_with_free_func (g_free);
  p->glyphs = pdf_glyph_batch_new (cr);
  p->text_cache = pdf_text_cache_new ();
  p->foot = g_array_new (FALSE, FALSE, sizeof (FootPiece));
  p->carry = g_array_new (FALSE, FALSE, sizeof (FootPiece));
  p->carry_base = g_array_new (FALSE, FALSE, sizeof (FootPiece));
  p->page = 1;
  p->head_from = 1;
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
pdf_pager_set_running_title (PdfPager *p, const char *title)
{
  p->head_from = p->page;
  if (!p->st->running_head || title == NULL || *title == '\0')
    {
      /* A part without a title runs no head, not the part before's. */
      g_clear_object (&p->head);
      return;
    }
  if (p->head == NULL)
    p->head = margin_layout (p->cr, p->st, &p->st->styles[PDF_STYLE_RUNNING_HEAD]);
  pango_layout_set_text (p->head, title, -1);
}

/* Drops the pieces of @pieces from @from on. */
static void
clear_pieces (GArray *pieces, guint from)
{
  for (guint i = from; i < pieces->len; i++)
    pdf_note_unref (g_array_index (pieces, FootPiece, i).note);
  g_array_set_size (pieces, MIN (from, pieces->len));
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
  g_ptr_array_unref (p->links);
  pdf_glyph_batch_free (p->glyphs);
  clear_pieces (p->foot, 0);
  clear_pieces (p->carry, 0);
  clear_pieces (p->carry_base, 0);
  g_array_unref (p->foot);
  g_array_unref (p->carry);
  g_array_unref (p->carry_base);
  g_clear_object (&p->head);
  g_clear_object (&p->folio);
  pdf_text_cache_free (p->text_cache);
  pdf_ahead_free (p->ahead);
  g_free (p);
}

void
pdf_pager_keep (PdfPager *p, PdfAhead *ahead)
{
  pdf_ahead_free (p->ahead);
  p->ahead = ahead;
}

void
pdf_pager_rehearse (PdfPager *p)
{
  p->rehearsal = TRUE;
}

void
pdf_pager_record_pages (PdfPager *p, GHashTable *pages)
{
  p->pages = pages;
}

guint
pdf_pager_get_n_pages (const PdfPager *p)
{
  return p->page;
}

PdfTextCache *
pdf_pager_get_text_cache (PdfPager *p)
{
  return p->text_cache;
}

static void
set_rgb (cairo_t *cr, const double rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

/* The colour @b's text is drawn in: its style's, else the body's. */
static const double *
ink_of (const PdfPager *p, const PdfBlock *b)
{
  return b->has_ink ? b->ink : p->st->styles[PDF_STYLE_BODY].color;
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

/* The tag attributes of a live area for @link, or NULL for none. */
static char *
link_attrs (const PdfLink *link, double x, double y, double width, double height)
{
  GString *attrs;

  if (width <= 0)
    return NULL;
  attrs = g_string_new (link->uri ? "uri=" : "dest=");
  append_quoted (attrs, link->uri ? link->uri : link->dest);
  g_string_append_printf (attrs, " rect=[%.2f %.2f %.2f %.2f]",
                          x, y, width, height);
  return g_string_free (attrs, FALSE);
}

void
pdf_pager_draw_link (cairo_t *cr, const PdfLink *link, double x, double y,
                     double width, double height)
{
  g_autofree char *attrs = link_attrs (link, x, y, width, height);

  if (!attrs)
    return;
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attrs);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* A live area for @link on the page being drawn, once its text is. */
static void
queue_link (PdfPager *p, const PdfLink *link, double x, double y, double width,
            double height)
{
  char *attrs = link_attrs (link, x, y, width, height);

  if (attrs)
    g_ptr_array_add (p->links, attrs);
}

static void
draw_links (PdfPager *p)
{
  for (guint i = 0; i < p->links->len; i++)
    {
      cairo_tag_begin (p->cr, CAIRO_TAG_LINK, p->links->pdata[i]);
      cairo_tag_end (p->cr, CAIRO_TAG_LINK);
    }
  g_ptr_array_set_size (p->links, 0);
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
      queue_link (p, link, x + (double) MIN (x0, x1) / PANGO_SCALE, top,
                  (double) ABS (x1 - x0) / PANGO_SCALE, height);
    }
}

/* Rules through the struck-through text on a line, as links are found
 * (in text order, never rescanned). */
static void
draw_line_strikes (PdfPager *p, PdfBlock *b, guint line_start, guint line_end,
                   IndexToX x_of, gconstpointer line, guint line_number,
                   double x, double baseline)
{
  gboolean any = FALSE;

  while (b->next_strike < b->strikes->len
         && g_array_index (b->strikes, PdfRange, b->next_strike).end <= line_start)
    b->next_strike++;
  for (guint i = b->next_strike; i < b->strikes->len; i++)
    {
      const PdfRange *r = &g_array_index (b->strikes, PdfRange, i);
      guint start = MAX (r->start, line_start), end = MIN (r->end, line_end);
      int x0, x1;

      if (r->start >= line_end)
        break;
      if (start >= end)
        continue;
      x0 = x_of (line, line_number, start);
      x1 = x_of (line, line_number, end);
      if (x0 == x1)
        continue;
      cairo_rectangle (p->cr, x + (double) MIN (x0, x1) / PANGO_SCALE,
                       baseline - b->strike_rise - b->strike_thickness / 2,
                       (double) ABS (x1 - x0) / PANGO_SCALE, b->strike_thickness);
      any = TRUE;
    }
  if (any)
    {
      set_rgb (p->cr, ink_of (p, b));
      cairo_fill (p->cr);
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

/* Where each footnote reference on a line is, for its note's number to
 * link back to: a destination at its top left, once (a table header set
 * again on a later page marks nothing more). */
static void
mark_line_refs (PdfPager *p, PdfBlock *b, guint line_number, IndexToX x_of,
                gconstpointer line, double x, double top)
{
  for (guint r = first_ref (b, line_number); b->notes && r < b->notes->len; r++)
    {
      PdfNoteRef *ref = &g_array_index (b->notes, PdfNoteRef, r);
      g_autoptr(GString) attrs = NULL;

      if (ref->line > line_number)
        break;
      if (!ref->anchor || ref->marked)
        continue;
      attrs = g_string_new ("name=");
      append_quoted (attrs, ref->anchor);
      g_string_append_printf (attrs, " x=%.2f y=%.2f",
                              x + (double) x_of (line, line_number, ref->index) / PANGO_SCALE,
                              top);
      cairo_tag_begin (p->cr, CAIRO_TAG_DEST, attrs->str);
      cairo_tag_end (p->cr, CAIRO_TAG_DEST);
      ref->marked = TRUE;
    }
}

/* A heading's first line is where links to its anchor go: the line's
 * top left corner (@x, @y), given rather than left to cairo to find from
 * the glyphs drawn inside the tag, which the text layer (pdf-own.c) does
 * not draw with cairo. */
static gboolean
begin_dest (PdfPager *p, const PdfBlock *b, guint line, double x, double y)
{
  g_autoptr(GString) attrs = NULL;

  if (line != 0 || !b->dest)
    return FALSE;
  attrs = g_string_new ("name=");
  append_quoted (attrs, b->dest);
  g_string_append_printf (attrs, " x=%.2f y=%.2f", x, y);
  cairo_tag_begin (p->cr, CAIRO_TAG_DEST, attrs->str);
  return TRUE;
}

static void
draw_text_lines (PdfPager *p, const Frag *f, double top)
{
  PdfBlock *b = f->block;

  if (f->first == 0)
    b->next_link = b->next_strike = 0;
  /* The lines go to cairo together (pdf_glyph_batch_flush), but before
   * a destination's tag, a rule through struck text or a note's mark. */
  gboolean each_line = (b->strikes && b->strikes->len > 0) || b->notes;

  for (guint i = f->first; i < f->last; i++)
    {
      double y = top + b->line_top[i] - b->line_top[f->first];
      double baseline = y + b->baseline[i] - b->line_top[i];
      gboolean dest = i == 0 && b->dest;

      if (dest)
        {
          pdf_glyph_batch_flush (p->glyphs);
          begin_dest (p, b, i, b->x + b->line_x[i], y);
        }
      pdf_text_draw_line (b->text, i, p->glyphs, b->x + b->line_x[i], baseline, ink_of (p, b));
      if (dest || each_line)
        pdf_glyph_batch_flush (p->glyphs);
      if (dest)
        cairo_tag_end (p->cr, CAIRO_TAG_DEST);
      if ((b->links && b->links->len > 0) || (b->strikes && b->strikes->len > 0))
        {
          guint start, end;

          pdf_text_get_line_range (b->text, i, &start, &end);
          if (b->links && b->links->len > 0)
            draw_line_links (p, b, start, end, text_line_x, b->text, i, b->x + b->line_x[i], y,
                             b->line_top[i + 1] - b->line_top[i]);
          if (b->strikes && b->strikes->len > 0)
            draw_line_strikes (p, b, start, end, text_line_x, b->text, i,
                               b->x + b->line_x[i], baseline);
        }
      if (b->notes)
        mark_line_refs (p, b, i, text_line_x, b->text, b->x + b->line_x[i], y);
    }
  if (f->first == 0 && b->outline_level > 0 && b->dest)
    add_outline (p, b);
}

static void
draw_lines (PdfPager *p, const Frag *f, double top)
{
  PdfBlock *b = f->block;
  GSList *lines;

  /* A long paragraph's fragments are drawn in order: go on from where
   * the last one ended rather than count from its first line. */
  if (!b->next_line || b->next_line_index > f->first)
    {
      b->next_line = pango_layout_get_lines_readonly (b->layout);
      b->next_line_index = 0;
      b->next_link = 0;
      b->next_color = 0;
      b->next_strike = 0;
    }
  lines = b->next_line;
  for (guint i = b->next_line_index; i < f->first && lines; i++)
    lines = lines->next;
  set_rgb (p->cr, ink_of (p, b));
  for (guint i = f->first; i < f->last && lines; i++, lines = lines->next)
    {
      PangoLayoutLine *line = lines->data;
      double y = top + b->line_top[i] - b->line_top[f->first];
      double baseline = y + b->baseline[i] - b->line_top[i];
      gboolean dest = begin_dest (p, b, i, b->x + b->line_x[i], y);

      if (b->colors && b->colors->len > 0)
        apply_line_colors (b, line);
      cairo_move_to (p->cr, b->x + b->line_x[i], baseline);
      pdf_text_show_layout_line (p->glyphs, line);
      if (dest)
        cairo_tag_end (p->cr, CAIRO_TAG_DEST);
      if (b->links && b->links->len > 0)
        draw_line_links (p, b, (guint) line->start_index,
                         (guint) (line->start_index + line->length), layout_line_x, line, i,
                         b->x + b->line_x[i], y, b->line_top[i + 1] - b->line_top[i]);
      if (b->strikes && b->strikes->len > 0)
        draw_line_strikes (p, b, (guint) line->start_index,
                           (guint) (line->start_index + line->length), layout_line_x, line, i,
                           b->x + b->line_x[i], baseline);
      if (b->notes)
        mark_line_refs (p, b, i, layout_line_x, line, b->x + b->line_x[i], y);
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
  /* Drawn in the source colour set here, to cairo or the text layer
   * (pdf-own.c) as the body's text is: what waits goes first. */
  pdf_glyph_batch_flush (p->glyphs);
  set_rgb (p->cr, p->st->styles[PDF_STYLE_BODY].color);
  cairo_move_to (p->cr, b->x - p->st->list_indent
                 + (p->st->list_indent - 5 - (double) width / PANGO_SCALE),
                 baseline - (double) pango_layout_get_baseline (b->marker) / PANGO_SCALE);
  pdf_text_show_layout (p->glyphs, b->marker);
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
  if (b->decor & PDF_DECOR_FRAME)
    {
      set_rgb (cr, st->rule);
      cairo_set_line_width (cr, 0.75);
      cairo_rectangle (cr, b->x - st->code_padding + 0.375, f->y + 0.375,
                       b->width + 2 * st->code_padding - 0.75, h - 0.75);
      cairo_stroke (cr);
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
  if ((b->decor & PDF_DECOR_PULL_TOP) && first)
    {
      set_rgb (cr, st->accent);
      cairo_rectangle (cr, b->x, f->y, b->width, 2.2);
      cairo_fill (cr);
    }
  if ((b->decor & PDF_DECOR_PULL_BOTTOM) && last)
    {
      set_rgb (cr, st->accent);
      cairo_rectangle (cr, b->x, f->y + h - 0.8, b->width, 0.8);
      cairo_fill (cr);
    }
  if (b->decor & PDF_DECOR_CENTER_RULE)
    {
      set_rgb (cr, st->rule);
      cairo_rectangle (cr, b->x + b->width * 0.35, f->y + h / 2 - 0.3,
                       b->width * 0.3, 0.6);
      cairo_fill (cr);
    }
  if (b->decor & (PDF_DECOR_TABLE_TOP | PDF_DECOR_TABLE_MID | PDF_DECOR_TABLE_BOTTOM))
    {
      /* Booktabs: heavy rules open and close the table, a light one
       * sets off its header. */
      set_rgb (cr, st->styles[PDF_STYLE_BODY].color);
      if ((b->decor & PDF_DECOR_TABLE_TOP) && first)
        cairo_rectangle (cr, b->x, f->y, b->width, PDF_TABLE_HEAVY);
      if ((b->decor & PDF_DECOR_TABLE_MID) && last)
        cairo_rectangle (cr, b->x, f->y + h - PDF_TABLE_LIGHT, b->width, PDF_TABLE_LIGHT);
      if ((b->decor & PDF_DECOR_TABLE_BOTTOM) && last)
        cairo_rectangle (cr, b->x, f->y + h - PDF_TABLE_HEAVY, b->width, PDF_TABLE_HEAVY);
      cairo_fill (cr);
    }
  if (b->n_bars > 0)
    {
      /* The bar runs on through the gap to the quote's next block, but
       * never into the bottom margin or the notes. */
      double extra = last && b->bars_continue ? b->space_after : 0;

      extra = MIN (extra, text_bottom (p) - (f->y + h));
      set_rgb (cr, st->accent);
      for (guint i = 0; i < b->n_bars; i++)
        cairo_rectangle (cr, b->bars[i], f->y, 1.5, h + MAX (extra, 0));
      cairo_fill (cr);
    }
}

static void
draw_frag (PdfPager *p, const Frag *f)
{
  PdfBlock *b = f->block;
  double h = frag_height (b, f->first, f->last);
  double top = f->y + b->pad_top;

  /* The lines of the page's text blocks in a row go to cairo together:
   * anything else drawn waits for the lines before it. */
  if (!b->text || b->decor || b->n_bars > 0 || b->image || (b->marker && f->first == 0)
      || b->page_dest || b->cells)
    pdf_glyph_batch_flush (p->glyphs);
  draw_ornaments (p, f, h);
  if (b->image)
    draw_image (p, b, top);
  if (b->marker && f->first == 0)
    draw_marker (p, f, top);
  if (b->text)
    draw_text_lines (p, f, top);
  else if (b->layout)
    draw_lines (p, f, top);
  if (b->page_dest)
    pdf_contents_draw (p->cr, p->glyphs, p->st, b, f->first, f->last, top);
  for (guint i = 0; b->cells && i < b->cells->len; i++)
    {
      PdfBlock *cell = b->cells->pdata[i];
      /* A row split between pages (pdf-table.c) shows its cells' lines
       * of this piece; a whole one, all of them. */
      Frag cf = { cell, b->n_lines > 1 ? MIN (f->first, cell->n_lines) : 0,
                  b->n_lines > 1 ? MIN (f->last, cell->n_lines) : cell->n_lines, top };

      if (cell->layout && cf.first < cf.last)
        draw_frag (p, &cf);
    }
  if (!p->batching)
    pdf_glyph_batch_flush (p->glyphs);
}

static void
draw_margins (PdfPager *p)
{
  const PdfSettings *st = p->st;
  g_autofree char *number = NULL;

  if (p->head && p->page > p->head_from)
    {
      set_rgb (p->cr, st->styles[PDF_STYLE_RUNNING_HEAD].color);
      cairo_move_to (p->cr, st->left, st->top - st->head_gap
                     - (double) pango_layout_get_baseline (p->head) / PANGO_SCALE);
      pdf_text_show_layout (p->glyphs, p->head);
    }
  if (p->folio)
    {
      number = g_strdup_printf ("%u", p->page);
      pango_layout_set_text (p->folio, number, -1);
      pdf_glyph_batch_flush (p->glyphs);
      set_rgb (p->cr, st->styles[PDF_STYLE_FOLIO].color);
      cairo_move_to (p->cr, st->left, body_bottom (p) + st->foot_gap
                     - (double) pango_layout_get_baseline (p->folio) / PANGO_SCALE);
      pdf_text_show_layout (p->glyphs, p->folio);
    }
}

/* ---------------------------------------------------------------- notes */

static void
foot_add (PdfPager *p, PdfNote *note, guint from, guint to)
{
  FootPiece f = { pdf_note_ref (note), from, to };

  p->foot_notes += (p->foot->len > 0 ? NOTE_GAP : 0) + pdf_note_piece_height (note, from, to);
  g_array_append_val (p->foot, f);
}

static void
carry_add (PdfPager *p, PdfNote *note, guint from)
{
  FootPiece f = { pdf_note_ref (note), from, pdf_note_get_n_units (note) };

  g_array_append_val (p->carry, f);
}

/* What the foot takes before one more note is added to it. */
static double
foot_before_note (const PdfPager *p, double notes, gboolean any)
{
  return any ? FOOT_SEP + notes + NOTE_GAP : FOOT_SEP;
}

/* The room for one more note: physically, under text that ends at
 * @bottom; and within MAX_FOOT of the text block. */
static double
room_below (const PdfPager *p, double bottom, double notes, gboolean any)
{
  return body_bottom (p) - bottom - foot_before_note (p, notes, any);
}

static double
room_in_cap (const PdfPager *p, double notes, gboolean any)
{
  double cap = (body_bottom (p) - body_top (p)) * (p->flushing ? 1.0 : MAX_FOOT);

  return cap - foot_before_note (p, notes, any);
}

/* A note goes whole where it fits below the text and within the cap;
 * else it is split where the cap (or the page) says, but with its first
 * MIN_NOTE_UNITS on the page wherever they fit at all. */
static gboolean
fits_whole (const PdfPager *p, const PdfNote *note, double bottom, double notes,
            gboolean any)
{
  return note->height <= MIN (room_below (p, bottom, notes, any),
                              room_in_cap (p, notes, any)) + EPSILON;
}

static double
first_piece_height (const PdfNote *note)
{
  return pdf_note_piece_height (note, 0, MIN (MIN_NOTE_UNITS, pdf_note_get_n_units (note)));
}

static double
split_room (const PdfPager *p, const PdfNote *note, double bottom, double notes,
            gboolean any)
{
  double below = room_below (p, bottom, notes, any);

  return MAX (MIN (below, room_in_cap (p, notes, any)),
              MIN (below, first_piece_height (note)));
}

/* Sets @note at the foot, under text that ends at @bottom: whole if it
 * may, else as much as may go, the rest carried to the next page. Once a
 * note is carried the foot is full, and later notes wait behind it. */
static void
commit_note (PdfPager *p, PdfNote *note, double bottom)
{
  guint n = pdf_note_get_n_units (note), k;
  gboolean any = p->foot->len > 0;

  if (n == 0)
    return;
  if (p->carry->len > 0)
    {
      carry_add (p, note, 0);
      return;
    }
  if (fits_whole (p, note, bottom, p->foot_notes, any))
    {
      foot_add (p, note, 0, n);
      return;
    }
  k = pdf_note_units_that_fit (note, 0, split_room (p, note, bottom, p->foot_notes, any));
  if (k > 0)
    foot_add (p, note, 0, k);
  carry_add (p, note, k);
  p->split_here = TRUE;
}

/* The first of @b's note references on @line or after it. */
static guint
first_ref (const PdfBlock *b, guint line)
{
  guint lo = 0, hi = b->notes ? b->notes->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (b->notes, PdfNoteRef, mid).line < line)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
commit_notes (PdfPager *p, const PdfBlock *b, guint first, guint last, double bottom)
{
  for (guint r = first_ref (b, first); b->notes && r < b->notes->len; r++)
    {
      const PdfNoteRef *ref = &g_array_index (b->notes, PdfNoteRef, r);

      if (ref->line >= last)
        break;
      if (ref->note)
        commit_note (p, ref->note, bottom);
    }
}

/* After fragments were taken off the page: its notes again, from the
 * ones carried onto it and the lines that stay. */
static void
rebuild_foot (PdfPager *p)
{
  clear_pieces (p->foot, p->foot_base);
  p->foot_notes = p->foot_base_notes;
  p->split_here = FALSE;
  clear_pieces (p->carry, 0);
  for (guint i = 0; i < p->carry_base->len; i++)
    {
      FootPiece c = g_array_index (p->carry_base, FootPiece, i);

      pdf_note_ref (c.note);
      g_array_append_val (p->carry, c);
    }
  for (guint i = 0; i < p->frags->len; i++)
    {
      const Frag *f = &g_array_index (p->frags, Frag, i);

      commit_notes (p, f->block, f->first, f->last,
                    f->y + frag_height (f->block, f->first, f->last));
    }
}

/* The pieces carried from the page before go on at the top of this
 * page's foot, in at most MAX_FOOT of the text block (all of it when
 * only notes are left), a unit at the least. */
static void
carry_over (PdfPager *p)
{
  g_autoptr(GArray) old = p->carry;

  p->carry = g_array_new (FALSE, FALSE, sizeof (FootPiece));
  for (guint i = 0; i < old->len; i++)
    {
      FootPiece *c = &g_array_index (old, FootPiece, i);

      if (p->carry->len == 0)
        {
          double room = MIN (room_below (p, body_top (p), p->foot_notes, p->foot->len > 0),
                             room_in_cap (p, p->foot_notes, p->foot->len > 0));
          guint k = pdf_note_units_that_fit (c->note, c->from, room);

          if (k == 0 && p->foot->len == 0)
            k = 1;
          if (k > 0)
            foot_add (p, c->note, c->from, c->from + k);
          if (c->from + k < c->to)
            {
              FootPiece rest = { pdf_note_ref (c->note), c->from + k, c->to };

              g_array_append_val (p->carry, rest);
            }
        }
      else
        {
          pdf_note_ref (c->note);
          g_array_append_val (p->carry, *c);
        }
      pdf_note_unref (c->note);
    }
  p->foot_base = p->foot->len;
  p->foot_base_notes = p->foot_notes;
  clear_pieces (p->carry_base, 0);
  for (guint i = 0; i < p->carry->len; i++)
    {
      FootPiece c = g_array_index (p->carry, FootPiece, i);

      pdf_note_ref (c.note);
      g_array_append_val (p->carry_base, c);
    }
}

typedef struct {
  PdfPager *pager;
  double y;
} FootDraw;

static void
draw_note_block (PdfBlock *b, guint first, guint last, double top, gpointer data)
{
  FootDraw *d = data;
  Frag f = { b, first, last, d->y + top };

  draw_frag (d->pager, &f);
}

/* The number before the note's first line, where its references lead. */
static void
draw_note_mark (PdfPager *p, const PdfNote *note, double y)
{
  const PdfNoteUnit *u = &g_array_index (note->units, PdfNoteUnit, 0);
  const PdfBlock *b = note->blocks->pdata[u->block];
  g_autoptr(GString) attrs = g_string_new ("name=");
  double baseline = y + b->pad_top + b->baseline[0], x, top;
  int width, height;

  if (!note->mark)
    return;
  append_quoted (attrs, note->anchor);
  pango_layout_get_size (note->mark, &width, &height);
  x = b->x - 4 - (double) width / PANGO_SCALE;
  top = baseline - (double) pango_layout_get_baseline (note->mark) / PANGO_SCALE;
  /* Where the mark is: the layer draws its glyphs, so cairo sees none
   * inside the tag to place the destination by. */
  g_string_append_printf (attrs, " x=%.2f y=%.2f", x, top);
  cairo_tag_begin (p->cr, CAIRO_TAG_DEST, attrs->str);
  set_rgb (p->cr, p->st->accent);
  cairo_move_to (p->cr, x, top);
  pdf_text_show_layout (p->glyphs, note->mark);
  cairo_tag_end (p->cr, CAIRO_TAG_DEST);
  if (note->back)
    {
      /* The number leads back to where the note was called. */
      PdfLink back = { 0, 0, NULL, note->back };

      queue_link (p, &back, x, top, (double) width / PANGO_SCALE,
                  (double) height / PANGO_SCALE);
    }
}

/* The notes, set up from the foot of the text block, under a short rule. */
static void
draw_foot (PdfPager *p)
{
  FootDraw d = { p, body_bottom (p) - p->foot_notes };

  if (p->foot->len == 0)
    return;
  set_rgb (p->cr, p->st->styles[PDF_STYLE_BODY].color);
  cairo_rectangle (p->cr, p->st->left, d.y - FOOT_RULE_BELOW - FOOT_RULE,
                   MIN (72.0, (p->st->width - p->st->left - p->st->right) / 3), FOOT_RULE);
  cairo_fill (p->cr);
  for (guint i = 0; i < p->foot->len; i++)
    {
      const FootPiece *f = &g_array_index (p->foot, FootPiece, i);

      if (i > 0)
        d.y += NOTE_GAP;
      pdf_note_foreach (f->note, f->from, f->to, draw_note_block, &d);
      if (f->from == 0)
        draw_note_mark (p, f->note, d.y);
      d.y += pdf_note_piece_height (f->note, f->from, f->to);
    }
}

/* A table that goes on to the next page: a light rule under its last
 * row here. */
static void
draw_table_break (PdfPager *p)
{
  const Frag *f;

  if (p->frags->len == 0)
    return;
  f = &g_array_index (p->frags, Frag, p->frags->len - 1);
  if (f->block->table_id == 0
      || ((f->block->decor & PDF_DECOR_TABLE_BOTTOM) && f->last == f->block->n_lines))
    return;
  set_rgb (p->cr, p->st->styles[PDF_STYLE_BODY].color);
  cairo_rectangle (p->cr, f->block->x, f->y + frag_height (f->block, f->first, f->last),
                   f->block->width, PDF_TABLE_LIGHT);
  cairo_fill (p->cr);
}

/* ---------------------------------------------------------------- pages */

/* The notes lines [first, last) brought are set: a header row placed
 * again on a later page brings them no more. */
static void
drop_notes (PdfBlock *b, guint first, guint last)
{
  for (guint r = first_ref (b, first); b->notes && r < b->notes->len; r++)
    {
      PdfNoteRef *ref = &g_array_index (b->notes, PdfNoteRef, r);

      if (ref->line >= last)
        break;
      g_clear_pointer (&ref->note, pdf_note_unref);
    }
}

/* Draws the page, frees the blocks that ended on it, starts the next. */
static void
new_page (PdfPager *p)
{
  if (!p->rehearsal)
    {
      p->batching = TRUE;
      for (guint i = 0; i < p->frags->len; i++)
        draw_frag (p, &g_array_index (p->frags, Frag, i));
      p->batching = FALSE;
      pdf_glyph_batch_flush (p->glyphs);
      draw_table_break (p);
      draw_foot (p);
      draw_margins (p);
      draw_links (p);
      pdf_own_show_page (p->cr);
    }
  for (guint i = 0; i < p->frags->len; i++)
    {
      Frag *f = &g_array_index (p->frags, Frag, i);

      if (p->pages && f->first == 0 && f->block->dest
          && !g_hash_table_contains (p->pages, f->block->dest))
        g_hash_table_insert (p->pages, g_strdup (f->block->dest), GUINT_TO_POINTER (p->page));
      drop_notes (f->block, f->first, f->last);
      if (f->last == f->block->n_lines)
        pdf_block_free (f->block);
    }
  g_array_set_size (p->frags, 0);
  clear_pieces (p->foot, 0);
  p->foot_notes = 0;
  p->page++;
  p->cursor = body_top (p);
  p->pending_space = 0;
  p->page_table = 0;
  p->repeated = 0;
  p->split_here = FALSE;
  carry_over (p);
}

static void
add_frag (PdfPager *p, PdfBlock *b, guint first, guint last, double y)
{
  Frag f = { b, first, last, y };

  g_array_append_val (p->frags, f);
  p->cursor = y + frag_height (b, first, last);
  p->pending_space = last == b->n_lines ? b->space_after : 0;
  if (b->table_id)
    p->page_table = b->table_id;
  commit_notes (p, b, first, last, p->cursor);
}

/* After fragments were taken off the page: where the page now ends. */
static void
reset_cursor (PdfPager *p)
{
  rebuild_foot (p);
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
  guint had = p->frags->len;

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
      if (p->frags->len == 1 || p->frags->len <= p->repeated)
        break;
      g_array_prepend_val (carried, c);
      g_array_set_size (p->frags, p->frags->len - 1);
    }
  if (carried->len > 0 || p->frags->len != had)
    reset_cursor (p);
  return carried;
}

/* After a line whose note was split: the lines that may still follow
 * it, bringing no note. The note keeps the piece the cap gives it, but
 * yields down to its first units so that a paragraph leaves no orphan. */
static guint
lines_after_split (const PdfPager *p, const PdfBlock *b, guint first, guint k, double y,
                   guint r, double before, const PdfNote *note)
{
  double capped = room_in_cap (p, 0, FALSE) + FOOT_SEP - before;
  guint units = pdf_note_units_that_fit (note, 0, capped);
  double want = pdf_note_piece_height (note, 0, MAX (units, 1));
  double least = first_piece_height (note);
  guint n_refs = b->notes ? b->notes->len : 0;

  for (; first + k < b->n_lines; k++)
    {
      guint line = first + k;
      double bottom = y + frag_height (b, first, line + 1);

      for (; r < n_refs && g_array_index (b->notes, PdfNoteRef, r).line < line; r++)
        ;
      if (r < n_refs && g_array_index (b->notes, PdfNoteRef, r).line == line
          && g_array_index (b->notes, PdfNoteRef, r).note)
        break;
      if (bottom + before + want <= body_bottom (p) + EPSILON)
        continue;
      if (!(k < MIN_LINES && bottom + before + least <= body_bottom (p) + EPSILON))
        break;
    }
  return k;
}

/* How many of @b's lines from @first fit below @y, with the notes they
 * bring to the foot, as commit_note will set them: the last new note of
 * the last line with notes may be split, and then the page ends soon. */
static guint
lines_that_fit (const PdfPager *p, const PdfBlock *b, guint first, double y)
{
  guint k = 0, r = first_ref (b, first), n_refs = b->notes ? b->notes->len : 0;
  gboolean any = p->foot->len > 0, held = p->carry->len > 0;
  double notes = p->foot_notes;

  while (first + k < b->n_lines)
    {
      guint line = first + k;
      double bottom = y + frag_height (b, first, line + 1), line_notes = notes;
      gboolean line_any = any, whole = TRUE, split = FALSE;
      const PdfNote *cut = NULL;

      if (bottom > body_bottom (p) - (any ? FOOT_SEP + notes : 0) + EPSILON)
        break;
      for (; r < n_refs && g_array_index (b->notes, PdfNoteRef, r).line == line; r++)
        {
          const PdfNote *note = g_array_index (b->notes, PdfNoteRef, r).note;

          if (!note || pdf_note_get_n_units (note) == 0)
            continue;
          /* Under a note split here, a new one would not be on its
           * page: its line goes over too. Behind a note carried from
           * pages before, it waits, as TeX holds notes. */
          if (held && p->split_here)
            return k;
          if (held)
            continue;
          if (!whole)
            {
              /* A note after one that must split cannot follow it here. */
              split = FALSE;
              break;
            }
          if (fits_whole (p, note, bottom, line_notes, line_any))
            {
              line_notes += (line_any ? NOTE_GAP : 0) + note->height;
              line_any = TRUE;
              continue;
            }
          whole = FALSE;
          cut = note;
          split = first_piece_height (note) <= room_below (p, bottom, line_notes, line_any)
                                               + EPSILON;
        }
      if (whole)
        {
          notes = line_notes;
          any = line_any;
          k++;
          continue;
        }
      if (split)
        k = lines_after_split (p, b, first, k + 1, y, r,
                               foot_before_note (p, line_notes, line_any), cut);
      break;
    }
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

/* A table's header rows again, at the top of a page it goes on to. */
static void
repeat_headers (PdfPager *p, PdfTable *table)
{
  gboolean top = p->frags->len == 0;

  for (guint i = 0; i < table->headers->len; i++)
    {
      place (p, pdf_block_ref (table->headers->pdata[i]), 0);
    }
  if (top)
    p->repeated = p->frags->len;
  /* Whatever happened, the rows go on under this page's header. */
  p->page_table = table->id;
}

static void
place (PdfPager *p, PdfBlock *b, guint first)
{
  while (first < b->n_lines)
    {
      gboolean empty, alone;
      double gap, y;
      guint n, k;

      if (b->table && b->table->id != p->page_table && b->table->headers->len > 0)
        repeat_headers (p, b->table);
      empty = p->frags->len == 0;
      /* Nothing above but the header repeated: the row stays here. */
      alone = p->frags->len <= p->repeated;
      gap = empty ? 0 : MAX (p->pending_space, b->space_before);
      y = p->cursor + gap;
      n = b->n_lines - first;
      k = lines_that_fit (p, b, first, y);

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
      if (k == 0 && alone)
        {
          /* Taller than a page (a long unsplittable block): let what
           * fits stand, one line at the least. */
          k = MAX (lines_that_fit (p, b, first, y), 1);
          if (b->unsplittable)
            k = n;
        }
      if (k == 0)
        {
          break_before (p);
          continue;
        }
      /* A hyphen at a page's foot sends the reader over with half a
       * word: a paragraph that starts on the page is set again without
       * it where that keeps its lines. */
      if (first == 0 && k < n)
        pdf_block_plain_line (b, k - 1, p->text_cache);
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

/* Pages of notes alone, until none is left to go on. */
static void
flush_notes (PdfPager *p)
{
  p->flushing = TRUE;
  while (p->foot->len > 0 || p->carry->len > 0)
    new_page (p);
  p->flushing = FALSE;
}

void
pdf_pager_break (PdfPager *p)
{
  if (p->frags->len > 0 || p->foot->len > 0)
    {
      p->flushing = p->carry->len > 0;
      new_page (p);
    }
  flush_notes (p);
}

void
pdf_pager_finish (PdfPager *p)
{
  /* Even an empty document has a page: a PDF needs one. */
  if (p->frags->len > 0 || p->foot->len > 0 || p->page == 1)
    {
      p->flushing = TRUE;
      new_page (p);
    }
  flush_notes (p);
  p->page--;
}
