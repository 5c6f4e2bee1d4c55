/* pdf-body.c: the walk over the document, one PdfBlock per block.
 *
 * Where a block sits decides its look: the innermost turn, standfirst or
 * back matter gives the style (questions in the sans, answers in the
 * serif, as the HTML and DOCX writers set them), lists and quotes around
 * it give the indent and the quote bars.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <stdio.h>
#include <string.h>

/* Where a block sits: one of these per open list, item, quote, turn,
 * standfirst or back matter, kept on a stack during the walk so that no
 * block has to climb to the root (100,000 nested lists would make that
 * quadratic). */
typedef struct {
  const PrensaNode *container;  /* TURN, STANDFIRST, BACK_MATTER, PULL_QUOTE or NULL */
  guint lists, quotes;
  double indent;                /* from the measure's left edge */
  double bars[PDF_MAX_BARS];
  guint n_bars;
  const PrensaNode *item;       /* innermost list item */
  int number;                   /* a list's frame: its last item's number */
  gboolean quote_goes_on;       /* something after us in the innermost quote */
} Place;

/* The hanging indent of a footnote: its number sits in it. */
#define NOTE_HANG 14.0

static double
measure (const PdfSettings *st)
{
  return st->width - st->left - st->right;
}

void
pdf_body_emit (PdfBody *b, PdfBlock *block)
{
  if (b->sink)
    g_ptr_array_add (b->sink, block);
  else if (b->ahead)
    pdf_ahead_add (b->ahead, block);
  else
    pdf_pager_add (b->pager, block);
}

PangoContext *
pdf_body_context (cairo_t *cr, PangoFontMap *map, const char *lang)
{
  PangoContext *context;
  cairo_font_options_t *options = cairo_font_options_create ();

  if (map)
    {
      context = pango_font_map_create_context (map);
      pango_cairo_update_context (cr, context);
    }
  else
    context = pango_cairo_create_context (cr);
  /* Print metrics: no hinting, so text sets the same at any size. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  if (lang && *lang)
    pango_context_set_language (context, pango_language_from_string (lang));
  return context;
}

static Place *
top_place (const PdfBody *b)
{
  return &g_array_index (b->places, Place, b->places->len - 1);
}

/* The place of a block inside the innermost open container. */
static void
find_place (const PdfBody *b, Place *pl)
{
  *pl = *top_place (b);
  /* Deep nesting must still leave a usable measure; quote bars that
   * the capped indent would put over the text are left out. */
  pl->indent = MIN (pl->indent, measure (b->st) * 0.5);
  while (pl->n_bars > 0 && pl->bars[pl->n_bars - 1] >= b->st->left + pl->indent)
    pl->n_bars--;
}

void
pdf_body_frame (PdfBody *b, double *x, double *width, gboolean *in_quote)
{
  Place pl;

  find_place (b, &pl);
  *x = b->st->left + pl.indent;
  *width = measure (b->st) - pl.indent;
  if (in_quote)
    *in_quote = pl.quotes > 0;
}

static gboolean
is_place_node (PrensaNodeType t)
{
  return t == PRENSA_NODE_LIST || t == PRENSA_NODE_ITEM || t == PRENSA_NODE_BLOCK_QUOTE
         || t == PRENSA_NODE_PULL_QUOTE || t == PRENSA_NODE_TURN || t == PRENSA_NODE_STANDFIRST
         || t == PRENSA_NODE_BACK_MATTER;
}

/* Each list or quote indents what is inside it. */
static void
push_place (PdfBody *b, const PrensaNode *node)
{
  Place pl = *top_place (b);

  pl.number = 0;
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_LIST:
      pl.lists++;
      pl.indent += b->st->list_indent;
      pl.number = prensa_node_get_list_start (node) - 1;
      pl.quote_goes_on = pl.quote_goes_on || prensa_node_next (node);
      break;
    case PRENSA_NODE_ITEM:
      pl.item = node;
      pl.quote_goes_on = pl.quote_goes_on || prensa_node_next (node);
      break;
    case PRENSA_NODE_BLOCK_QUOTE:
      pl.quotes++;
      if (pl.n_bars < PDF_MAX_BARS)
        pl.bars[pl.n_bars++] = b->st->left + pl.indent + 1;
      pl.indent += b->st->quote_indent;
      pl.quote_goes_on = FALSE;
      break;
    default:
      pl.container = node;
      break;
    }
  g_array_append_val (b->places, pl);
}

static PdfStyleId
container_style (const PrensaNode *container)
{
  if (!container)
    return PDF_STYLE_BODY;
  switch (prensa_node_get_node_type (container))
    {
    case PRENSA_NODE_STANDFIRST:
      return PDF_STYLE_STANDFIRST;
    case PRENSA_NODE_BACK_MATTER:
      return PDF_STYLE_BACK_MATTER;
    case PRENSA_NODE_PULL_QUOTE:
      return PDF_STYLE_PULL_QUOTE;
    case PRENSA_NODE_TURN:
      switch (prensa_speaker_get_role (prensa_node_get_speaker (container)))
        {
        case PRENSA_ROLE_INTERVIEWER:
          return PDF_STYLE_QUESTION;
        case PRENSA_ROLE_INTERVIEWEE:
          return PDF_STYLE_ANSWER;
        default:
          return PDF_STYLE_REMARK;
        }
    default:
      return PDF_STYLE_BODY;
    }
}

/* The paragraph style at @pl, with a quote's slant and colour on top. */
static PdfStyle
style_at (const PdfBody *b, const Place *pl, PdfStyleId id)
{
  PdfStyle style = b->st->styles[id];

  if (pl->quotes > 0 && id != PDF_STYLE_CODE)
    {
      const PdfStyle *q = &b->st->styles[PDF_STYLE_QUOTE];

      style.italic = q->italic;
      memcpy (style.color, q->color, sizeof style.color);
    }
  return style;
}

/* A new block for @node at @pl with @style's spacing: a turn's first
 * block takes the turn's space before, a tight list's items sit close. */
/* Whether @node is the first block said in @container. */
static gboolean
opens (const PrensaNode *container, const PrensaNode *node)
{
  while (node && node != container)
    {
      const PrensaNode *parent = prensa_node_parent (node);

      if (!parent || prensa_node_first_child (parent) != node)
        return FALSE;
      node = parent;
    }
  return node == container;
}

/* Whether @node is the last block said in @container. */
static gboolean
closes (const PrensaNode *container, const PrensaNode *node)
{
  for (; node && node != container; node = prensa_node_parent (node))
    if (prensa_node_next (node))
      return FALSE;
  return node == container;
}

/* The block quote @node is in, said directly in @turn, or NULL. */
static const PrensaNode *
quote_in_turn (const PrensaNode *turn, const PrensaNode *node)
{
  for (; node && prensa_node_parent (node) != turn; node = prensa_node_parent (node))
    ;
  return node && prensa_node_get_node_type (node) == PRENSA_NODE_BLOCK_QUOTE ? node : NULL;
}

/* An answer that follows an answer (or a remark), not its question, is
 * a new exchange: it takes a question's space before. */
static gboolean
answers_on (const PrensaNode *turn)
{
  const PrensaNode *prev = prensa_node_previous (turn);

  return prensa_speaker_get_role (prensa_node_get_speaker (turn)) == PRENSA_ROLE_INTERVIEWEE
         && prev && prensa_node_get_node_type (prev) == PRENSA_NODE_TURN
         && prensa_speaker_get_role (prensa_node_get_speaker (prev)) != PRENSA_ROLE_INTERVIEWER;
}

/* A new block for @node at @pl with @style's spacing: only a turn's
 * first block takes the turn's space before (a turn that opens with a
 * list has it on its label line); a tight list's items sit close; a
 * quote said in a turn is set off by half a line above and below. */
static PdfBlock *
new_block (PdfBody *b, const PrensaNode *node, const Place *pl,
           const PdfStyle *style)
{
  PdfBlock *block = pdf_block_new ();
  const PrensaNode *turn = pl->container
                           && prensa_node_get_node_type (pl->container) == PRENSA_NODE_TURN
                           ? pl->container : NULL;
  const PrensaNode *first = turn ? prensa_node_first_child (turn) : NULL;
  gboolean spaced = !turn
                    || (opens (turn, node)
                        && prensa_node_get_node_type (first) == PRENSA_NODE_PARAGRAPH);

  block->x = b->st->left + pl->indent + style->indent;
  block->width = measure (b->st) - pl->indent - style->indent;
  block->space_before = spaced ? style->space_before : 0;
  block->space_after = style->space_after;
  if (spaced && turn && answers_on (turn))
    block->space_before = MAX (block->space_before,
                               b->st->styles[PDF_STYLE_QUESTION].space_before);
  if (turn && quote_in_turn (turn, node))
    {
      const PrensaNode *quote = quote_in_turn (turn, node);
      double half = b->st->styles[PDF_STYLE_BODY].size * b->st->styles[PDF_STYLE_BODY].line_height / 2;

      if (opens (quote, node))
        block->space_before = MAX (block->space_before, half);
      if (closes (quote, node))
        block->space_after = MAX (block->space_after, half);
    }
  block->keep_with_next = style->keep_with_next;
  block->pitch = style->size * style->line_height;
  if (pl->item && prensa_node_get_list_tight (prensa_node_parent (pl->item))
      && prensa_node_next (node))
    block->space_after = MIN (block->space_after, 1.5);
  else if (pl->item && prensa_node_get_list_tight (prensa_node_parent (pl->item))
           && prensa_node_next (pl->item))
    block->space_after = MIN (block->space_after, 1.5);
  memcpy (block->bars, pl->bars, sizeof block->bars);
  block->n_bars = pl->n_bars;
  if (pl->quotes > 0)
    block->bars_continue = pl->quote_goes_on || prensa_node_next (node);
  if (b->marker)
    block->marker = g_steal_pointer (&b->marker);
  if (b->back_matter_open)
    {
      block->decor |= PDF_DECOR_RULE_ABOVE;
      block->pad_top = 14;
      b->back_matter_open = FALSE;
    }
  return block;
}

static PangoLayout *
new_layout (PdfBody *b, const PdfStyle *style, double width)
{
  PangoLayout *layout = pango_layout_new (b->context);

  pdf_style_apply (style, layout, width);
  return layout;
}

static void
add_caption (PdfBody *b, PdfBlock *fig, const Place *pl)
{
  PdfStyle style = style_at (b, pl, PDF_STYLE_CAPTION);
  PdfBlock *cap;

  if (!fig->caption || !*fig->caption)
    return;
  cap = pdf_block_new ();
  cap->x = fig->x;
  cap->width = fig->width;
  cap->pitch = style.size * style.line_height;
  cap->space_after = style.space_after;
  cap->layout = new_layout (b, &style, cap->width);
  pango_layout_set_text (cap->layout, fig->caption, -1);
  fig->keep_with_next = TRUE;
  fig->space_after = 3;
  pdf_body_emit (b, fig);
  pdf_body_emit (b, cap);
}

static void
add_figures (PdfBody *b, GPtrArray *figures, const Place *pl)
{
  for (guint i = 0; i < figures->len; i++)
    {
      PdfBlock *fig = figures->pdata[i];

      fig->x = b->st->left + pl->indent;
      fig->width = measure (b->st) - pl->indent;
      if (fig->layout)
        {
          /* A missing image's frame: its shade stays inside the measure. */
          fig->x += b->st->code_padding;
          fig->width -= 2 * b->st->code_padding;
          pango_layout_set_width (fig->layout, (int) (fig->width * PANGO_SCALE));
        }
      if (fig->caption && *fig->caption)
        add_caption (b, fig, pl);
      else
        pdf_body_emit (b, fig);
      figures->pdata[i] = NULL;
    }
}

static void
fill_label (PdfBody *b, const PrensaNode *turn, PdfStyleId id, PdfLabel *label)
{
  const PdfSettings *st = b->st;
  double scale = st->styles[id].size / st->styles[PDF_STYLE_BODY].size;

  label->text = prensa_turn_get_label (turn, (PrensaLabels) st->labels);
  /* Red in questions, ink in answers, as in the HTML. */
  label->color = id == PDF_STYLE_QUESTION ? st->styles[PDF_STYLE_SPEAKER].color
                                          : st->styles[id].color;
  label->size = st->styles[PDF_STYLE_SPEAKER].size * MAX (scale, 0.9);
}

/* A pull quote's paragraph: in from both sides by its style's indent,
 * kept whole and never hyphenated (a repeat in display type must read
 * at a glance), with a heavy rule above its first line and a light one
 * below its last, the rules clear of the text by a third of a line. */
static void
set_pull_quote (PdfBlock *block, const PrensaNode *quote, const PrensaNode *node,
                const PdfStyle *style)
{
  block->width -= style->indent;
  block->unsplittable = TRUE;
  block->hyphen_from = G_MAXUINT;
  if (opens (quote, node))
    {
      block->decor |= PDF_DECOR_PULL_TOP;
      block->pad_top = style->size * 0.45;
    }
  if (closes (quote, node))
    {
      block->decor |= PDF_DECOR_PULL_BOTTOM;
      block->pad_bottom = style->size * 0.5;
    }
  else
    block->space_after = style->size * 0.3;
  if (!opens (quote, node))
    block->space_before = 0;
}

static void
add_paragraph (PdfBody *b, const PrensaNode *node, PdfStyleId id)
{
  Place pl;
  PdfLabel label, *with_label = NULL;
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_block_free);
  PdfStyle style;
  PdfBlock *block;
  const PrensaNode *parent = prensa_node_parent (node);

  find_place (b, &pl);
  if (id == PDF_STYLE_BODY)
    id = b->in_note ? PDF_STYLE_FOOTNOTE : container_style (pl.container);
  style = style_at (b, &pl, id);
  block = new_block (b, node, &pl, &style);
  if (prensa_node_get_node_type (parent) == PRENSA_NODE_TURN
      && prensa_node_first_child (parent) == node)
    {
      fill_label (b, parent, id, &label);
      with_label = &label;
    }
  block->layout = new_layout (b, &style, block->width);
  block->links = g_array_new (FALSE, FALSE, sizeof (PdfLink));
  /* A turn's later paragraphs open indented by an em, with no space
   * before: the speaker goes on. A new turn opens flush with its label
   * after its style's space (as books set dialogue). */
  if (prensa_node_get_node_type (parent) == PRENSA_NODE_TURN
      && prensa_node_first_child (parent) != node
      && prensa_node_get_node_type (node) == PRENSA_NODE_PARAGRAPH)
    pango_layout_set_indent (block->layout, (int) (style.size * PANGO_SCALE));
  /* Text is hyphenated after its speaker's label (the label, its colon
   * and the space after it); headings never are. */
  if (prensa_node_get_node_type (node) != PRENSA_NODE_HEADING && b->st->hyphenate)
    block->hyphen_from = with_label ? (guint) strlen (label.text) + 2 : 0;
  if (id == PDF_STYLE_PULL_QUOTE)
    set_pull_quote (block, pl.container, node, &style);
  if (prensa_node_get_node_type (node) == PRENSA_NODE_HEADING)
    {
      block->unsplittable = TRUE;
      block->dest = g_strdup (prensa_node_get_anchor (node));
      block->outline = prensa_node_dup_text (node);
      block->outline_level = prensa_node_get_heading_level (node);
    }
  if (pdf_inline_fill (b, block, node, &style, with_label, figures,
                       block->width)
      || block->marker || block->dest)
    {
      g_autoptr(GPtrArray) pieces = pdf_block_split (block);

      for (guint i = 0; i < pieces->len; i++)
        pdf_body_emit (b, pieces->pdata[i]);
    }
  else
    pdf_block_free (block);
  add_figures (b, figures, &pl);
}

static void
add_heading (PdfBody *b, const PrensaNode *node)
{
  int level = CLAMP (prensa_node_get_heading_level (node), 1, 6);

  add_paragraph (b, node, PDF_STYLE_HEADING1 + level - 1);
}

static void
add_code_block (PdfBody *b, const PrensaNode *node)
{
  const PdfSettings *st = b->st;
  Place pl;
  PdfStyle style;
  PdfBlock *block;
  gsize length = 0;
  const char *code = prensa_node_get_literal (node, &length);

  find_place (b, &pl);
  style = style_at (b, &pl, PDF_STYLE_CODE);
  block = new_block (b, node, &pl, &style);
  /* The shade stays inside the measure. */
  block->x += st->code_padding;
  block->width -= 2 * st->code_padding;
  block->pad_top = block->pad_bottom = st->code_padding;
  block->decor |= PDF_DECOR_SHADE;
  block->layout = new_layout (b, &style, block->width);
  while (length > 0 && code[length - 1] == '\n')
    length--;
  pango_layout_set_text (block->layout, length > 0 ? code : " ", length > 0 ? (int) length : 1);
  pdf_body_emit (b, block);
}

static void
add_rule (PdfBody *b, const PrensaNode *node)
{
  Place pl;
  PdfStyle style;
  PdfBlock *block;

  find_place (b, &pl);
  style = style_at (b, &pl, PDF_STYLE_BODY);
  block = new_block (b, node, &pl, &style);
  block->decor |= PDF_DECOR_CENTER_RULE;
  block->height = 18;
  pdf_body_emit (b, block);
}

/* A turn that opens with a list or a quote: its label on a line of its
 * own, kept with what follows. */
static void
add_label_line (PdfBody *b, const PrensaNode *turn)
{
  Place pl;
  PdfLabel label;
  PdfStyleId id = container_style (turn);
  const PdfStyle *style = &b->st->styles[id];
  PdfBlock *block;
  g_autoptr(GPtrArray) figures = g_ptr_array_new ();

  find_place (b, &pl);
  block = new_block (b, turn, &pl, style);
  block->space_before = style->space_before;
  block->space_after = 2;
  block->keep_with_next = TRUE;
  block->layout = new_layout (b, style, block->width);
  block->links = g_array_new (FALSE, FALSE, sizeof (PdfLink));
  fill_label (b, turn, id, &label);
  pdf_inline_fill (b, block, NULL, style, &label, figures, block->width);
  pdf_body_emit (b, block);
}

/* "A", "A and B", "A, B and C", each name set in bold ink. */
static void
append_names (GString *text, PangoAttrList *attrs, const PdfStyle *ink,
              char **names, guint n, const char *lang)
{
  for (guint i = 0; i < n; i++)
    {
      guint start;
      PangoAttribute *a;

      prensa_names_append_separator (text, lang, i, n);
      start = text->len;
      g_string_append (text, names[i]);
      a = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      a->start_index = start;
      a->end_index = text->len;
      pango_attr_list_insert (attrs, a);
      a = pango_attr_foreground_new ((guint16) (ink->color[0] * 65535),
                                     (guint16) (ink->color[1] * 65535),
                                     (guint16) (ink->color[2] * 65535));
      a->start_index = start;
      a->end_index = text->len;
      pango_attr_list_insert (attrs, a);
    }
}

/* "Sarah Jaffe talks to Cata Santiago" for an interview (the authors
 * stand in for missing interviewers), "By …" for anything else, in the
 * words of @lang (prensa_part_byline, prensa_word). */
static gboolean
byline (PdfBody *b, const PrensaValue *meta, const PrensaNode *part,
        GString *text, PangoAttrList *attrs, const char *lang)
{
  const PdfStyle *ink = &b->st->styles[PDF_STYLE_BODY];
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  PrensaWord word;

  if (!prensa_part_byline (part, meta, &before, &word, &after))
    return FALSE;
  if (before)
    {
      append_names (text, attrs, ink, before, g_strv_length (before), lang);
      g_string_append_printf (text, " %s ", prensa_word (lang, word));
    }
  else
    g_string_append_printf (text, "%s ", prensa_word (lang, word));
  append_names (text, attrs, ink, after, g_strv_length (after), lang);
  return TRUE;
}

static PdfBlock *
header_block (PdfBody *b, PdfStyleId id, const char *text, PangoAttrList *attrs)
{
  const PdfStyle *style = &b->st->styles[id];
  PdfBlock *block = pdf_block_new ();
  PangoAttrList *list = attrs ? pango_attr_list_ref (attrs) : pango_attr_list_new ();

  block->x = b->st->left;
  block->width = measure (b->st);
  block->space_before = style->space_before;
  block->space_after = style->space_after;
  block->pitch = style->size * style->line_height;
  block->keep_with_next = TRUE;
  block->layout = new_layout (b, style, block->width);
  pdf_block_set_ink (block, style->color);
  if (style->uppercase)
    pango_attr_list_insert_before (list, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE));
  if (style->letter_spacing > 0)
    pango_attr_list_insert_before (list, pango_attr_letter_spacing_new ((int) (style->letter_spacing * PANGO_SCALE)));
  pango_layout_set_text (block->layout, text, -1);
  pango_layout_set_attributes (block->layout, list);
  pango_attr_list_unref (list);
  return block;
}

/* Headline, subtitle, byline and date: the top of a part's first page,
 * under a short red bar and over a hairline, kept with the text that
 * follows. */
static void
add_title_block (PdfBody *b, const PrensaValue *meta, const PrensaNode *part)
{
  gboolean book = prensa_document_get_n_parts (b->doc) > 1;
  const char *title = meta ? prensa_value_lookup_string (meta, "title") : NULL;
  const char *subtitle = meta ? prensa_value_lookup_string (meta, "subtitle") : NULL;
  const char *date = meta ? prensa_value_lookup_string (meta, "date") : NULL;
  const char *lang = prensa_document_get_meta_string (b->doc, "lang");
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  g_autoptr(GString) by = g_string_new (NULL);
  PangoAttrList *by_attrs = pango_attr_list_new ();
  PdfBlock *last;

  if (title && *title)
    g_ptr_array_add (blocks, header_block (b, PDF_STYLE_TITLE, title, NULL));
  if (subtitle && *subtitle)
    g_ptr_array_add (blocks, header_block (b, PDF_STYLE_SUBTITLE, subtitle, NULL));
  if (meta && byline (b, meta, part, by, by_attrs, lang))
    g_ptr_array_add (blocks, header_block (b, PDF_STYLE_BYLINE, by->str, by_attrs));
  pango_attr_list_unref (by_attrs);
  /* Authors who are not in the conversation get a line of their own. */
  g_auto(GStrv) others = prensa_part_dup_other_authors (part, meta);
  if (others[0] != NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      g_string_printf (by, "%s ", prensa_word (lang, PRENSA_WORD_BY));
      append_names (by, attrs, &b->st->styles[PDF_STYLE_BODY], others,
                    g_strv_length (others), lang);
      g_ptr_array_add (blocks, header_block (b, PDF_STYLE_BYLINE, by->str, attrs));
      pango_attr_list_unref (attrs);
    }
  if (date && *date)
    {
      g_autofree char *spelled = prensa_date_spell (lang, date);
      g_ptr_array_add (blocks, header_block (b, PDF_STYLE_DATELINE,
                                             spelled ? spelled : date, NULL));
    }
  /* In a book, a link to the part's input lands on its opening. */
  if (blocks->len == 0 && book)
    g_ptr_array_add (blocks, header_block (b, PDF_STYLE_DATELINE, "", NULL));
  if (blocks->len == 0)
    return;
  if (book)
    ((PdfBlock *) blocks->pdata[0])->dest = g_strdup (prensa_node_get_anchor (part));
  ((PdfBlock *) blocks->pdata[0])->decor |= PDF_DECOR_ACCENT_BAR;
  ((PdfBlock *) blocks->pdata[0])->pad_top = 18;
  last = blocks->pdata[blocks->len - 1];
  last->decor |= PDF_DECOR_RULE_BELOW;
  last->pad_bottom = 12;
  last->space_after = MAX (last->space_after, 14);
  for (guint i = 0; i < blocks->len; i++)
    pdf_body_emit (b, blocks->pdata[i]);
}

static void
enter_part (PdfBody *b, const PrensaNode *part)
{
  const PrensaValue *meta = prensa_node_get_part_meta (part);
  gboolean book = prensa_document_get_n_parts (b->doc) > 1;

  b->part_index++;
  b->part = part;
  /* A book with a title of its own opens with its title block on a page
   * of its own, "By" its authors; each part then opens a new page under
   * its own title block and runs its own title as its running head. */
  if (b->part_index == 1 && prensa_document_get_headline (b->doc) != NULL)
    {
      add_title_block (b, prensa_document_get_meta (b->doc), prensa_document_get_root (b->doc));
      pdf_ahead_flush (b->ahead);
      pdf_pager_break (b->pager);
    }
  else if (b->part_index > 1)
    {
      pdf_ahead_flush (b->ahead);
      pdf_pager_break (b->pager);
    }
  /* The contents: a book's on pages of their own before its first part,
   * after its title page; a single document's under its title block. */
  if (b->part_index == 1 && book)
    pdf_contents_add (b);
  if (book)
    {
      pdf_ahead_flush (b->ahead);
      pdf_pager_set_running_title (b->pager, prensa_value_lookup_string (meta, "title"));
    }
  add_title_block (b, meta, part);
  if (b->part_index == 1 && !book)
    pdf_contents_add (b);
}

/* The face to draw task boxes in: the first of the text's families and
 * some that are known to carry them that has both boxes, so that ☐ and
 * ☒ match (fontconfig's fallback took them from two faces); NULL when
 * none does. Looked for once per document. */
static const char *
task_family (PdfBody *b, const PdfStyle *style)
{
  static const char *const known[] = {
    "DejaVu Sans", "Symbola", "FreeSerif", "Noto Sans Symbols 2", "Segoe UI Symbol",
  };
  g_auto(GStrv) families = NULL;
  PangoFontDescription *desc;

  if (b->task_looked)
    return b->task_family;
  b->task_looked = TRUE;
  families = g_strsplit (style->family, ",", -1);
  desc = pdf_style_font (style);
  for (guint i = 0; !b->task_family && i < g_strv_length (families) + G_N_ELEMENTS (known); i++)
    {
      const char *family = i < g_strv_length (families)
                           ? g_strstrip (families[i]) : known[i - g_strv_length (families)];
      PangoFont *font;

      pango_font_description_set_family (desc, family);
      font = pango_context_load_font (b->context, desc);
      if (font && pango_font_has_char (font, 0x2610) && pango_font_has_char (font, 0x2612))
        {
          PangoFontDescription *real = pango_font_describe (font);

          b->task_family = g_strdup (pango_font_description_get_family (real));
          pango_font_description_free (real);
        }
      g_clear_object (&font);
    }
  pango_font_description_free (desc);
  return b->task_family;
}

/* The marker layout for @text in @style (with @family, a task box's
 * face, or NULL), made once and shared by every item that shows it:
 * laying a layout out is what costs, and a list's items share "•" or a
 * few numbers. (transfer full) */
static PangoLayout *
marker_layout (PdfBody *b, const PdfStyle *style, const char *text, const char *family)
{
  g_autofree char *key = g_strdup_printf ("%p %s %s", (const void *) style,
                                          family ? family : "", text);
  PangoLayout *layout = g_hash_table_lookup (b->markers, key);

  if (!layout)
    {
      layout = new_layout (b, style, 1000);
      pango_layout_set_width (layout, -1);
      if (family)
        {
          PangoFontDescription *font = pdf_style_font (style);

          pango_font_description_set_family (font, family);
          pango_font_description_set_absolute_size (font, style->size * 1.1 * PANGO_SCALE);
          pango_layout_set_font_description (layout, font);
          pango_font_description_free (font);
        }
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (b->markers, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

/* A task's box, ☐ or ☒ (U+2610, U+2612), in the bullet's place, a
 * little larger than the text as a bullet would be; [ ] and [x] where no
 * face on the system has both boxes. */
static void
set_task_marker (PdfBody *b, const PdfStyle *style, gboolean done)
{
  const char *family = task_family (b, style);

  g_clear_object (&b->marker);
  if (family)
    b->marker = marker_layout (b, style, done ? "\u2612" : "\u2610", family);
  else
    b->marker = marker_layout (b, style, done ? "[x]" : "[ ]", NULL);
}

static void
enter_item (PdfBody *b, const PrensaNode *item)
{
  const PrensaNode *list = prensa_node_parent (item);
  const PdfStyle *style;
  Place pl;
  g_autofree char *text = NULL;

  find_place (b, &pl);
  style = &b->st->styles[b->in_note ? PDF_STYLE_FOOTNOTE : container_style (pl.container)];
  if (prensa_node_get_item_task (item) != PRENSA_TASK_NONE)
    {
      set_task_marker (b, style, prensa_node_get_item_task (item) == PRENSA_TASK_DONE);
      return;
    }
  if (prensa_node_get_list_type (list) == PRENSA_LIST_BULLET)
    text = g_strdup ("•");
  else
    {
      /* The list's frame counts its items (counting the ones before
       * each would be quadratic in a long list). */
      int number = ++top_place (b)->number;

      text = g_strdup_printf ("%d%c", number,
                              prensa_node_get_list_delim (list) == PRENSA_DELIM_PAREN
                              ? ')' : '.');
    }
  g_clear_object (&b->marker);
  b->marker = marker_layout (b, style, text, NULL);
}

static void
collect_anchors (PdfBody *b)
{
  g_autoptr(PrensaIter) it = prensa_iter_new (prensa_document_get_root (b->doc));
  PrensaEventType ev;

  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *n = prensa_iter_get_node (it);

      if (ev != PRENSA_EVENT_ENTER)
        continue;
      if (prensa_node_get_node_type (n) == PRENSA_NODE_PART
          && prensa_document_get_n_parts (b->doc) > 1)
        g_hash_table_add (b->anchors, (gpointer) prensa_node_get_anchor (n));
      else if (prensa_node_get_node_type (n) == PRENSA_NODE_HEADING)
        {
          g_hash_table_add (b->anchors, (gpointer) prensa_node_get_anchor (n));
          prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
        }
      else if (prensa_node_get_node_type (n) == PRENSA_NODE_PARAGRAPH)
        prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
    }
}

static void walk_blocks (PdfBody *b, const PrensaNode *root);

/* A note's blocks, set by the same walk as the text's into a list of
 * their own, in the note style, hung from its number. */
static PdfNote *
make_note (PdfBody *b, const PrensaNode *def)
{
  PdfBody nb = *b;
  Place outside = { 0 };
  const PdfStyle *style = &b->st->styles[PDF_STYLE_FOOTNOTE];
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_block_free);
  g_autofree char *number = g_strdup_printf ("%u", prensa_node_get_footnote_number (def));
  PdfNote *note;

  outside.indent = NOTE_HANG;
  nb.places = g_array_new (FALSE, FALSE, sizeof (Place));
  g_array_append_val (nb.places, outside);
  nb.sink = blocks;
  nb.in_note = TRUE;
  nb.marker = NULL;
  nb.back_matter_open = FALSE;
  walk_blocks (&nb, def);
  b->raw_dropped = nb.raw_dropped;
  b->n_tables = nb.n_tables;
  g_clear_object (&nb.marker);
  g_array_unref (nb.places);
  if (blocks->len == 0)
    {
      /* An empty note still has its number, where its references lead. */
      PdfBlock *empty = pdf_block_new ();

      empty->x = b->st->left + NOTE_HANG;
      empty->width = measure (b->st) - NOTE_HANG;
      empty->pitch = style->size * style->line_height;
      empty->layout = new_layout (b, style, empty->width);
      pango_layout_set_text (empty->layout, " ", 1);
      g_ptr_array_add (blocks, empty);
    }
  /* Paragraphs of a note sit close; the last ends the note. */
  for (guint i = 0; i < blocks->len; i++)
    {
      PdfBlock *block = blocks->pdata[i];

      block->keep_with_next = FALSE;
      if (i + 1 == blocks->len)
        block->space_after = 0;
    }
  note = pdf_note_new (blocks, pdf_pager_get_text_cache (b->pager));
  note->anchor = g_strdup (prensa_node_get_anchor (def));
  note->mark = new_layout (b, style, 1000);
  pango_layout_set_width (note->mark, -1);
  pango_layout_set_text (note->mark, number, -1);
  return note;
}

PdfNote *
pdf_body_make_note (PdfBody *b, const PrensaNode *ref)
{
  const PrensaNode *def = prensa_node_get_footnote (ref);

  if (!def || b->in_note || b->measuring || g_hash_table_contains (b->notes_made, def))
    return NULL;
  g_hash_table_add (b->notes_made, (gpointer) def);
  return make_note (b, def);
}

/* A note whose references were all where no note can hang (an image's
 * description): set at the foot of the page where the walk meets it, so
 * that its references' links still lead somewhere. */
static void
add_orphan_note (PdfBody *b, const PrensaNode *def)
{
  PdfBlock *anchor;
  PdfNoteRef ref = { 0, 0, NULL, NULL, FALSE };

  if (g_hash_table_contains (b->notes_made, def) || b->in_note)
    return;
  g_hash_table_add (b->notes_made, (gpointer) def);
  ref.note = make_note (b, def);
  anchor = pdf_block_new ();
  anchor->x = b->st->left;
  anchor->width = measure (b->st);
  anchor->notes = g_array_new (FALSE, FALSE, sizeof (PdfNoteRef));
  g_array_append_val (anchor->notes, ref);
  pdf_body_emit (b, anchor);
}

static void
enter_block (PdfBody *b, PrensaIter *it, const PrensaNode *n)
{
  PrensaNodeType t = prensa_node_get_node_type (n);

  /* An item's marker sits in the list; everything else in a container
   * sits inside it. */
  if (is_place_node (t) && t != PRENSA_NODE_ITEM)
    push_place (b, n);
  switch (t)
    {
    case PRENSA_NODE_PART:
      enter_part (b, n);
      break;
    case PRENSA_NODE_TURN:
      if (!prensa_node_first_child (n)
          || prensa_node_get_node_type (prensa_node_first_child (n)) != PRENSA_NODE_PARAGRAPH)
        add_label_line (b, n);
      break;
    case PRENSA_NODE_BACK_MATTER:
      b->back_matter_open = TRUE;
      break;
    case PRENSA_NODE_ITEM:
      enter_item (b, n);
      push_place (b, n);
      break;
    case PRENSA_NODE_PARAGRAPH:
      add_paragraph (b, n, PDF_STYLE_BODY);
      prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
      break;
    case PRENSA_NODE_HEADING:
      add_heading (b, n);
      prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
      break;
    case PRENSA_NODE_CODE_BLOCK:
      add_code_block (b, n);
      break;
    case PRENSA_NODE_THEMATIC_BREAK:
      add_rule (b, n);
      break;
    case PRENSA_NODE_RAW_BLOCK:
      b->raw_dropped++;
      break;
    case PRENSA_NODE_TABLE:
      pdf_table_add (b, n);
      prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
      break;
    case PRENSA_NODE_FOOTNOTE_DEFINITION:
      /* Notes are set at the foot of their reference's page, never in
       * the flow. */
      add_orphan_note (b, n);
      prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
      break;
    default:
      break;
    }
}

/* The blocks inside @root (not @root itself), in order. */
static void
walk_blocks (PdfBody *b, const PrensaNode *root)
{
  g_autoptr(PrensaIter) it = prensa_iter_new (root);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *n = prensa_iter_get_node (it);

      if (n == root)
        continue;
      if (ev == PRENSA_EVENT_ENTER)
        enter_block (b, it, n);
      else if (is_place_node (prensa_node_get_node_type (n)))
        g_array_set_size (b->places, b->places->len - 1);
    }
}

gboolean
pdf_body_write (const PrensaDocument *document, const PdfSettings *settings,
                cairo_t *cr, PdfPager *pager, const PdfContents *contents, gboolean quiet,
                GError **error)
{
  PdfBody b = { 0 };
  Place outside = { 0 };
  const char *lang = prensa_document_get_meta_string (document, "lang");

  b.doc = document;
  b.st = settings;
  b.pager = pager;
  b.contents = contents;
  b.quiet = quiet;
  b.context = pdf_body_context (cr, NULL, lang);
  /* Paragraphs are set in lines on a second core (pdf-ahead.c); the
   * pager keeps the measurer, whose fonts its last pages still draw. */
  b.ahead = pdf_ahead_new (pager, cr, b.context, lang);
  if (b.ahead)
    pdf_pager_keep (pager, b.ahead);
  b.anchors = g_hash_table_new (g_str_hash, g_str_equal);
  b.notes_made = g_hash_table_new (NULL, NULL);
  b.markers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  b.strikes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  b.places = g_array_new (FALSE, FALSE, sizeof (Place));
  collect_anchors (&b);

  g_array_append_val (b.places, outside);
  walk_blocks (&b, prensa_document_get_root (document));
  pdf_ahead_stop (b.ahead);

  if (b.raw_dropped > 0 && !quiet)
    prensa_warning ("pdf: %u raw HTML block%s left out: paper has no HTML",
                    b.raw_dropped, b.raw_dropped == 1 ? "" : "s");
  g_clear_object (&b.marker);
  g_hash_table_unref (b.anchors);
  g_hash_table_unref (b.notes_made);
  g_hash_table_unref (b.markers);
  g_hash_table_unref (b.strikes);
  g_free (b.task_family);
  g_array_unref (b.places);
  g_object_unref (b.context);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_CAIRO,
                   "cairo: %s", cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}
