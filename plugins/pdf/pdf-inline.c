/* pdf-inline.c: a paragraph's inline content as Pango text and
 * attributes: emphasis, strong, code, links (kept as byte ranges for the
 * clickable areas, each external one's address printed after it) and
 * images (set apart as figures; one that does not load, as a framed
 * box with its description).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <string.h>

#define MAX_SPAN_DEPTH 64

typedef struct {
  PdfBody *body;
  PdfBlock *block;
  const PdfStyle *style;
  GString *text;
  GPtrArray *attrs;     /* PangoAttribute, sorted before use */
  GPtrArray *colors;    /* the foreground ones, likewise */
  GArray *open;         /* guint: start of each open span */
  GArray *links;
  GPtrArray *figures;
  double measure;
  int italic_depth, strong_depth;
  int link_depth;
} Inline;

static void
add_attr (Inline *in, PangoAttribute *attr, guint start, guint end)
{
  attr->start_index = start;
  attr->end_index = end;
  g_ptr_array_add (in->attrs, attr);
}

/* Colour changes neither shaping nor line breaks: the pager applies it
 * line by line (see PdfBlock.colors). */
static void
add_color (Inline *in, const double rgb[3], guint start, guint end)
{
  PangoAttribute *attr = pango_attr_foreground_new ((guint16) (rgb[0] * 65535),
                                                    (guint16) (rgb[1] * 65535),
                                                    (guint16) (rgb[2] * 65535));

  attr->start_index = start;
  attr->end_index = end;
  g_ptr_array_add (in->colors, attr);
}

/* Pango takes a newline for a new paragraph; inline text has none but
 * what a raw literal might bring. */
static void
append_text (Inline *in, const char *text, gsize length)
{
  gsize from = in->text->len;

  g_string_append_len (in->text, text, length);
  for (gsize i = from; i < in->text->len; i++)
    if (in->text->str[i] == '\n' || in->text->str[i] == '\r')
      in->text->str[i] = ' ';
}

static void
add_label (Inline *in, const PdfLabel *label)
{
  const PdfStyle *sp = &in->body->st->styles[PDF_STYLE_SPEAKER];
  PangoFontDescription *font = pdf_style_font (sp);
  guint start = in->text->len;

  pango_font_description_set_absolute_size (font, label->size * PANGO_SCALE);
  g_string_append (in->text, label->text);
  g_string_append_c (in->text, ':');
  add_attr (in, pango_attr_font_desc_new (font), start, in->text->len);
  pango_font_description_free (font);
  add_color (in, label->color, start, in->text->len);
  if (sp->uppercase)
    add_attr (in, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE),
              start, in->text->len);
  if (sp->letter_spacing > 0)
    add_attr (in, pango_attr_letter_spacing_new ((int) (sp->letter_spacing * PANGO_SCALE)),
              start, in->text->len);
  g_string_append_c (in->text, ' ');
}

/* Paper cannot be clicked: after a link's text [@start, @end) to @uri,
 * its address in brackets, smaller and grey, itself a link, never
 * hyphenated; not where the text already is the address (an autolink). */
static void
add_address (Inline *in, const char *uri, guint start, guint end)
{
  const PdfSettings *st = in->body->st;
  g_autofree char *shown = g_strndup (in->text->str + start, end - start);
  g_autofree char *address = prensa_uri_dup_printable (uri, shown);
  guint from, to;
  PdfLink link = { 0, 0, NULL, NULL };
  PdfRange whole;

  if (address == NULL)
    return;
  link.uri = g_strdup (uri);
  from = in->text->len;
  g_string_append (in->text, " (");
  to = in->text->len;
  append_text (in, address, strlen (address));
  link.start = to;
  link.end = in->text->len;
  g_string_append_c (in->text, ')');
  add_attr (in, pango_attr_scale_new (0.85), from + 1, in->text->len);
  add_color (in, st->styles[PDF_STYLE_CAPTION].color, from + 1, in->text->len);
  g_array_append_val (in->links, link);
  whole.start = from + 1;
  whole.end = in->text->len;
  if (!in->block->whole)
    in->block->whole = g_array_new (FALSE, FALSE, sizeof (PdfRange));
  g_array_append_val (in->block->whole, whole);
}

static void
close_span (Inline *in, const PrensaNode *node, guint start)
{
  const PdfSettings *st = in->body->st;
  guint end = in->text->len;
  PangoStyle italic;

  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_EMPH:
      /* Emphasis inside italic text is set upright. Pango walks every
       * open attribute at each change: beyond MAX_SPAN_DEPTH the text
       * keeps the slant it has there, so that 100,000 nested emphases
       * stay linear. */
      italic = (in->style->italic ^ (in->italic_depth % 2 == 1))
               ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL;
      /* But emphasis over a whole paragraph of an italic block (an
       * editor's note typed *...*) is the block's own italic. */
      if (in->style->italic && in->italic_depth == 1 && prensa_node_emph_is_whole (node))
        italic = PANGO_STYLE_ITALIC;
      if (in->italic_depth <= MAX_SPAN_DEPTH)
        add_attr (in, pango_attr_style_new (italic), start, end);
      in->italic_depth--;
      break;
    case PRENSA_NODE_STRONG:
      /* Likewise; strong inside strong looks the same anyway. */
      if (in->strong_depth <= MAX_SPAN_DEPTH)
        add_attr (in, pango_attr_weight_new (in->style->weight >= PANGO_WEIGHT_BOLD
                                             ? PANGO_WEIGHT_HEAVY
                                             : PANGO_WEIGHT_BOLD),
                  start, end);
      in->strong_depth--;
      break;
    case PRENSA_NODE_STRIKETHROUGH:
      if (end > start)
        {
          PdfRange r = { start, end };

          if (!in->block->strikes)
            in->block->strikes = g_array_new (FALSE, FALSE, sizeof (PdfRange));
          g_array_append_val (in->block->strikes, r);
        }
      break;
    case PRENSA_NODE_LINK:
      in->link_depth--;
      if (in->links->len > 0)
        {
          PdfLink *link = &g_array_index (in->links, PdfLink, in->links->len - 1);

          if (link->start == start && link->end == G_MAXUINT)
            {
              g_autofree char *uri = g_strdup (link->uri);

              link->end = end;
              add_color (in, st->styles[PDF_STYLE_LINK].color, start, end);
              if (uri)
                add_address (in, uri, start, end);
            }
        }
      break;
    default:
      break;
    }
}

static void
open_link (Inline *in, const PrensaNode *node)
{
  const char *url = prensa_node_get_url (node);
  const char *anchor = NULL;
  PdfLink link = { in->text->len, G_MAXUINT, NULL, NULL };

  if (!url || !*url)
    return;
  /* The core has made text of links that lead nowhere; one inside the
   * book goes to a named destination: a heading's or a part's opening.
   * Notes link themselves, and raw HTML's ids are not set. */
  if (prensa_document_resolve_link (in->body->doc, in->body->part, url, NULL, NULL, &anchor)
      == PRENSA_LINK_INTERNAL)
    {
      if (!g_hash_table_contains (in->body->anchors, anchor))
        return;
      link.dest = g_strdup (anchor);
    }
  else if (*url == '#' || *url == '\0')
    return; /* the page itself, or one around it: paper has neither */
  else
    link.uri = g_strdup (url);
  g_array_append_val (in->links, link);
}

static void
add_code (Inline *in, const PrensaNode *node)
{
  const PdfSettings *st = in->body->st;
  const PdfStyle *code = &st->styles[PDF_STYLE_CODE_INLINE];
  gsize length = 0;
  const char *literal = prensa_node_get_literal (node, &length);
  guint start = in->text->len;

  append_text (in, literal, length);
  add_attr (in, pango_attr_family_new (code->family), start, in->text->len);
  add_attr (in, pango_attr_scale_new (code->size / st->styles[PDF_STYLE_BODY].size),
            start, in->text->len);
}

/* A note's number as a superscript, in the accent colour, a link to
 * the note; the first reference to a note brings it to the page. */
static void
add_note_ref (Inline *in, const PrensaNode *node)
{
  const PdfSettings *st = in->body->st;
  const PrensaNode *def = prensa_node_get_footnote (node);
  g_autofree char *number = g_strdup_printf ("%u", prensa_node_get_footnote_number (node));
  guint start = in->text->len;
  PdfNoteRef ref = { start, 0, pdf_body_make_note (in->body, node),
                     g_strdup (prensa_node_get_anchor (node)), FALSE };

  append_text (in, number, strlen (number));
  add_attr (in, pango_attr_scale_new (0.68), start, in->text->len);
  add_attr (in, pango_attr_rise_new ((int) (in->style->size * 0.36 * PANGO_SCALE)),
            start, in->text->len);
  if (in->body->measuring || in->body->in_note || !def)
    {
      pdf_note_unref (ref.note);
      g_free (ref.anchor);
      return;
    }
  if (ref.note)
    ref.note->back = g_strdup (ref.anchor);
  add_color (in, st->accent, start, in->text->len);
  /* Links never nest (the pager draws them in one pass). */
  if (in->link_depth == 0 && prensa_node_get_anchor (def)
      && g_hash_table_contains (in->body->notes_made, def))
    {
      PdfLink link = { start, in->text->len, NULL, g_strdup (prensa_node_get_anchor (def)) };

      g_array_append_val (in->links, link);
    }
  if (!in->block->notes)
    in->block->notes = g_array_new (FALSE, FALSE, sizeof (PdfNoteRef));
  g_array_append_val (in->block->notes, ref);
}

/* Struck-through text: a rule half the x-height above the baseline, as
 * thick as the font's own strikeout; measured once per font (a layout
 * and the font's metrics cost as much as setting a paragraph). */
static void
set_strike_metrics (PdfBody *body, PdfBlock *block, const PdfStyle *style)
{
  PangoFontDescription *font = pdf_style_font (style);
  char *key = pango_font_description_to_string (font);
  double *m = g_hash_table_lookup (body->strikes, key);

  if (!m)
    {
      PangoLayout *x = pango_layout_new (body->context);
      PangoFontMetrics *metrics;
      PangoRectangle ink;
      double baseline;

      m = g_new (double, 2);
      pango_layout_set_font_description (x, font);
      pango_layout_set_text (x, "x", 1);
      pango_layout_get_extents (x, &ink, NULL);
      baseline = (double) pango_layout_get_baseline (x) / PANGO_SCALE;
      m[0] = ink.height > 0 ? (baseline - (double) ink.y / PANGO_SCALE) / 2 : style->size * 0.23;
      metrics = pango_context_get_metrics (body->context, font, NULL);
      m[1] = (double) pango_font_metrics_get_strikethrough_thickness (metrics) / PANGO_SCALE;
      if (m[1] < style->size * 0.04)
        m[1] = style->size * 0.05;
      pango_font_metrics_unref (metrics);
      g_object_unref (x);
      g_hash_table_insert (body->strikes, key, m);
    }
  else
    g_free (key);
  block->strike_rise = m[0];
  block->strike_thickness = m[1];
  pango_font_description_free (font);
}

/* An image that loads becomes a figure after the paragraph; one that
 * does not leaves its description where it stood. */
/* An image that does not load: a framed, shaded box of a figure's
 * proportions holding @description in the caption style, where the
 * figure would stand (pdf-body.c fits it to the measure). */
static void
add_placeholder (Inline *in, const char *description)
{
  const PdfSettings *st = in->body->st;
  PdfStyle style = st->styles[PDF_STYLE_CAPTION];
  PdfBlock *fig = pdf_block_new ();

  style.align = PDF_ALIGN_CENTER;
  fig->layout = pango_layout_new (in->body->context);
  pdf_style_apply (&style, fig->layout, in->measure);
  pango_layout_set_text (fig->layout, description, -1);
  fig->pitch = style.size * style.line_height;
  fig->decor = PDF_DECOR_SHADE | PDF_DECOR_FRAME;
  fig->pad_top = fig->pad_bottom = 3 * style.size;
  fig->space_before = 6;
  fig->space_after = 8;
  fig->unsplittable = TRUE;
  g_ptr_array_add (in->figures, fig);
}

static void
add_image (Inline *in, const PrensaNode *node)
{
  const PdfSettings *st = in->body->st;
  g_autoptr(GError) error = NULL;
  g_autofree char *alt = prensa_node_dup_text (node);
  g_autoptr(GBytes) data = NULL;
  cairo_surface_t *surface = NULL;
  int w = 0, h = 0;

  data = prensa_document_load_resource (in->body->doc, node, prensa_node_get_url (node),
                                        PDF_IMAGE_MAX_BYTES, NULL, &error);
  if (data)
    surface = pdf_image_load (data, in->measure,
                              (st->height - st->top - st->bottom) * st->image_max_height,
                              &w, &h, &error);
  if (!surface)
    {
      if (!in->body->quiet)
        prensa_warning_at (node, "pdf: image %s left out (%s); a frame with its %s "
                           "stands in its place", prensa_node_get_url (node),
                           error ? error->message : "unreadable",
                           *alt ? "description" : "address");
      add_placeholder (in, *alt ? alt : prensa_node_get_url (node));
      return;
    }

  PdfBlock *fig = pdf_block_new ();
  double max_h = (st->height - st->top - st->bottom) * st->image_max_height;
  /* CSS pixels (96 to the inch), shrunk to the measure and the height. */
  double scale = MIN (1.0, MIN (in->measure / (w * 0.75), max_h / (h * 0.75)));

  fig->image = surface;
  fig->image_width = w * 0.75 * scale;
  fig->image_height = h * 0.75 * scale;
  fig->height = fig->image_height;
  fig->space_before = 6;
  fig->space_after = 8;
  /* Its caption goes under it (pdf-body.c sets it): every image in a
   * PDF paragraph is set apart, a figure (prensa_node_get_figure) or not. */
  fig->caption = prensa_image_dup_caption (node);
  g_ptr_array_add (in->figures, fig);
}

static void
walk (Inline *in, const PrensaNode *node)
{
  g_autoptr(PrensaIter) it = prensa_iter_new (node);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *n = prensa_iter_get_node (it);
      gsize length = 0;
      const char *literal;

      if (n == node)
        continue;
      if (ev == PRENSA_EVENT_EXIT)
        {
          guint start = 0;

          if (in->open->len > 0)
            {
              start = g_array_index (in->open, guint, in->open->len - 1);
              g_array_set_size (in->open, in->open->len - 1);
            }
          close_span (in, n, start);
          continue;
        }
      switch (prensa_node_get_node_type (n))
        {
        case PRENSA_NODE_TEXT:
          literal = prensa_node_get_literal (n, &length);
          append_text (in, literal, length);
          break;
        case PRENSA_NODE_SOFTBREAK:
          g_string_append_c (in->text, ' ');
          break;
        case PRENSA_NODE_LINEBREAK:
          /* A Pango paragraph break: the line before it is not
           * stretched to the measure when the text is justified. */
          g_string_append_c (in->text, '\n');
          break;
        case PRENSA_NODE_CODE:
          add_code (in, n);
          break;
        case PRENSA_NODE_IMAGE:
          add_image (in, n);
          prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
          break;
        case PRENSA_NODE_FOOTNOTE_REFERENCE:
          add_note_ref (in, n);
          break;
        case PRENSA_NODE_EMPH:
        case PRENSA_NODE_STRONG:
        case PRENSA_NODE_LINK:
          if (prensa_node_get_node_type (n) == PRENSA_NODE_EMPH)
            in->italic_depth++;
          else if (prensa_node_get_node_type (n) == PRENSA_NODE_STRONG)
            in->strong_depth++;
          else
            {
              open_link (in, n);
              in->link_depth++;
            }
          g_array_append_val (in->open, in->text->len);
          break;
        default:
          /* raw inline HTML has no place on paper */
          if (!prensa_node_type_is_leaf (prensa_node_get_node_type (n)))
            {
              guint start = in->text->len;
              g_array_append_val (in->open, start);
            }
          break;
        }
    }
}

/* Outer spans first where they start together, so inner ones win. */
static int
compare_attrs (gconstpointer a, gconstpointer b)
{
  const PangoAttribute *x = *(PangoAttribute *const *) a;
  const PangoAttribute *y = *(PangoAttribute *const *) b;

  if (x->start_index != y->start_index)
    return x->start_index < y->start_index ? -1 : 1;
  if (x->end_index != y->end_index)
    return x->end_index > y->end_index ? -1 : 1;
  return 0;
}

gboolean
pdf_inline_fill (PdfBody *body, PdfBlock *block, const PrensaNode *node,
                 const PdfStyle *style, const PdfLabel *label,
                 GPtrArray *figures, double measure)
{
  PangoLayout *layout = block->layout;
  GArray *links = block->links;
  Inline in = { body, block, style, g_string_new (NULL), g_ptr_array_new (),
                g_ptr_array_new_with_free_func ((GDestroyNotify) pango_attribute_destroy),
                g_array_new (FALSE, FALSE, sizeof (guint)), links, figures,
                measure, 0, 0, 0 };
  PangoAttrList *list = pango_attr_list_new ();
  gboolean any;

  if (label && label->text)
    add_label (&in, label);
  if (node)
    walk (&in, node);
  /* A link left open (it cannot be, but never trust a range) ends here. */
  for (guint i = 0; i < links->len; i++)
    g_array_index (links, PdfLink, i).end =
      MIN (g_array_index (links, PdfLink, i).end, (guint) in.text->len);
  if (style->uppercase)
    add_attr (&in, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE),
              0, in.text->len);
  if (style->letter_spacing > 0)
    add_attr (&in, pango_attr_letter_spacing_new ((int) (style->letter_spacing * PANGO_SCALE)),
              0, in.text->len);
  g_ptr_array_sort (in.attrs, compare_attrs);
  g_ptr_array_sort (in.colors, compare_attrs);
  pdf_block_set_ink (block, style->color);
  g_clear_pointer (&block->colors, g_ptr_array_unref);
  block->colors = in.colors;
  for (guint i = 0; i < in.attrs->len; i++)
    pango_attr_list_insert (list, in.attrs->pdata[i]);
  /* Trailing spaces would only widen the last line. */
  while (in.text->len > 0 && in.text->str[in.text->len - 1] == ' ')
    g_string_truncate (in.text, in.text->len - 1);
  any = in.text->len > 0;
  if (block->strikes && !body->measuring)
    set_strike_metrics (body, block, style);
  pango_layout_set_text (layout, in.text->str, (int) in.text->len);
  pango_layout_set_attributes (layout, list);
  pango_attr_list_unref (list);
  g_ptr_array_unref (in.attrs);
  g_array_unref (in.open);
  g_string_free (in.text, TRUE);
  return any;
}
