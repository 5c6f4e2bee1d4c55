/* pdf-style.c: the typographic settings, from formats/pdf/styles.ini
 * (compiled in), a user's styles file on top, and the options on top of
 * that.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)

static const char *const style_names[PDF_N_STYLES] = {
  "body", "title", "subtitle", "byline", "dateline", "standfirst",
  "question", "answer", "remark", "speaker", "back-matter",
  "heading1", "heading2", "heading3", "heading4", "heading5", "heading6",
  "quote", "code", "code-inline", "link", "caption", "running-head", "folio",
  "table", "table-header", "footnote",
  "contents-title", "contents1", "contents2", "contents3", "pull-quote",
};


typedef struct {
  GKeyFile *base;  /* the built-in styles.ini */
  GKeyFile *user;  /* -O styles=FILE, or NULL */
} Sheets;

const char *
pdf_style_name (PdfStyleId id)
{
  return style_names[id];
}

/* The user's value, else the built-in one; NULL when neither has it. */
static char *
lookup (const Sheets *s, const char *group, const char *key)
{
  char *value = NULL;

  if (s->user)
    value = g_key_file_get_string (s->user, group, key, NULL);
  if (!value)
    value = g_key_file_get_string (s->base, group, key, NULL);
  if (value)
    g_strstrip (value);
  return value;
}

/* The length of the plain decimal number (digits, one '.') @text starts
 * with: strtod alone would also take a sign, space, "0x10" or "inf". */
static gsize
decimal_span (const char *text)
{
  gsize n = strspn (text, "0123456789.");
  gsize points = 0;

  for (gsize i = 0; i < n; i++)
    points += text[i] == '.';
  return points <= 1 && n > points ? n : 0;
}

static gboolean
parse_double (const char *text, double *value)
{
  char *end = NULL;
  double v;

  if (decimal_span (text) != strlen (text))
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || v < 0 || v > 10000)
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
parse_color (const char *text, double rgb[3])
{
  guint64 v;
  char *end = NULL;

  if (text[0] != '#' || strlen (text) != 7)
    return FALSE;
  v = g_ascii_strtoull (text + 1, &end, 16);
  if (*end != '\0')
    return FALSE;
  rgb[0] = ((v >> 16) & 0xff) / 255.0;
  rgb[1] = ((v >> 8) & 0xff) / 255.0;
  rgb[2] = (v & 0xff) / 255.0;
  return TRUE;
}

static gboolean
parse_boolean (const char *text, gboolean *value)
{
  if (g_ascii_strcasecmp (text, "true") == 0)
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0)
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* A length with its unit ("22mm", "1in", "2.5cm", "60pt") in points. */
static gboolean
parse_length (const char *text, double *points)
{
  static const struct { const char *unit; double scale; } units[] = {
    { "mm", MM }, { "cm", 10 * MM }, { "in", 72 }, { "pt", 1 },
  };
  char *end = NULL;
  double v;

  if (decimal_span (text) == 0)
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end != text + decimal_span (text) || !isfinite (v) || v < 0)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (end, units[i].unit) == 0)
      {
        *points = v * units[i].scale;
        return TRUE;
      }
  return FALSE;
}

/* One to four lengths, as CSS's margin shorthand takes them. */
static gboolean
parse_margins (const char *text, PdfSettings *st)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " ,", -1);
  double v[4];
  guint n = 0;

  for (guint i = 0; parts[i]; i++)
    {
      if (!*parts[i])
        continue;
      if (n == 4 || !parse_length (parts[i], &v[n]))
        return FALSE;
      n++;
    }
  if (n == 0)
    return FALSE;
  st->top = v[0];
  st->right = n > 1 ? v[1] : v[0];
  st->bottom = n > 2 ? v[2] : v[0];
  st->left = n > 3 ? v[3] : st->right;
  return TRUE;
}

static gboolean
bad_value (const char *group, const char *key, const char *value,
           GError **error)
{
  g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_STYLES,
               "styles: [%s] %s=%s is not a valid value", group, key, value);
  return FALSE;
}

static char *
font_family (const Sheets *s, const char *font)
{
  char *family;

  if (strcmp (font, "serif") == 0 || strcmp (font, "sans") == 0
      || strcmp (font, "mono") == 0)
    {
      family = lookup (s, "fonts", font);
      if (family)
        return family;
    }
  return g_strdup (font);
}

/* Reads @key of style @group (falling back to [body]) into @style. */
static gboolean
read_style_key (const Sheets *s, const char *group, const char *key,
                PdfStyle *style, GError **error)
{
  g_autofree char *v = lookup (s, group, key);
  gboolean ok = TRUE;
  double d = 0;

  if (!v && strcmp (group, "body") != 0)
    return TRUE;  /* inherited from body */
  if (!v)
    return TRUE;
  if (strcmp (key, "font") == 0)
    {
      g_free (style->family);
      style->family = font_family (s, v);
    }
  else if (strcmp (key, "size") == 0)
    ok = parse_double (v, &style->size) && style->size > 0;
  else if (strcmp (key, "weight") == 0)
    ok = parse_double (v, &d) && d >= 100 && d <= 1000,
    style->weight = (int) d;
  else if (strcmp (key, "italic") == 0)
    ok = parse_boolean (v, &style->italic);
  else if (strcmp (key, "uppercase") == 0)
    ok = parse_boolean (v, &style->uppercase);
  else if (strcmp (key, "keep-with-next") == 0)
    ok = parse_boolean (v, &style->keep_with_next);
  else if (strcmp (key, "letter-spacing") == 0)
    ok = parse_double (v, &style->letter_spacing);
  else if (strcmp (key, "color") == 0)
    ok = parse_color (v, style->color);
  else if (strcmp (key, "line-height") == 0)
    ok = parse_double (v, &style->line_height) && style->line_height > 0;
  else if (strcmp (key, "space-before") == 0)
    ok = parse_double (v, &style->space_before);
  else if (strcmp (key, "space-after") == 0)
    ok = parse_double (v, &style->space_after);
  else if (strcmp (key, "indent") == 0)
    ok = parse_double (v, &style->indent);
  else if (strcmp (key, "align") == 0)
    {
      if (strcmp (v, "left") == 0)
        style->align = PDF_ALIGN_LEFT;
      else if (strcmp (v, "justify") == 0)
        style->align = PDF_ALIGN_JUSTIFY;
      else if (strcmp (v, "center") == 0)
        style->align = PDF_ALIGN_CENTER;
      else
        ok = FALSE;
    }
  return ok ? TRUE : bad_value (group, key, v, error);
}

static gboolean
read_style (const Sheets *s, PdfStyleId id, PdfSettings *st, GError **error)
{
  static const char *const keys[] = {
    "font", "size", "weight", "italic", "uppercase", "keep-with-next",
    "letter-spacing", "color", "line-height", "space-before", "space-after",
    "indent", "align",
  };
  PdfStyle *style = &st->styles[id];
  const char *group = style_names[id];

  if (id != PDF_STYLE_BODY)
    {
      /* Every style starts from body; spacing and keeping do not carry. */
      *style = st->styles[PDF_STYLE_BODY];
      style->family = g_strdup (style->family);
      style->space_before = style->space_after = 0;
      style->keep_with_next = FALSE;
      style->indent = 0;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!read_style_key (s, group, keys[i], style, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_page_number (const Sheets *s, const char *key, double *value,
                  GError **error)
{
  g_autofree char *v = lookup (s, "page", key);

  if (!v)
    return TRUE;
  if (g_str_has_suffix (key, "-gap") ? !parse_length (v, value)
                                     : !parse_double (v, value))
    return bad_value ("page", key, v, error);
  return TRUE;
}

static gboolean
read_page (const Sheets *s, PdfSettings *st, GError **error)
{
  static const char *const colors[] = { "accent", "rule", "shade" };
  double *targets[] = { st->accent, st->rule, st->shade };
  g_autofree char *margins = lookup (s, "page", "margins");
  g_autofree char *head = lookup (s, "page", "running-head");
  g_autofree char *folio = lookup (s, "page", "folio");

  if (margins && !parse_margins (margins, st))
    return bad_value ("page", "margins", margins, error);
  if (head && !parse_boolean (head, &st->running_head))
    return bad_value ("page", "running-head", head, error);
  if (folio && !parse_boolean (folio, &st->folio))
    return bad_value ("page", "folio", folio, error);
  for (gsize i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      g_autofree char *v = lookup (s, "page", colors[i]);

      if (v && !parse_color (v, targets[i]))
        return bad_value ("page", colors[i], v, error);
    }
  return read_page_number (s, "head-gap", &st->head_gap, error)
         && read_page_number (s, "foot-gap", &st->foot_gap, error)
         && read_page_number (s, "list-indent", &st->list_indent, error)
         && read_page_number (s, "quote-indent", &st->quote_indent, error)
         && read_page_number (s, "code-padding", &st->code_padding, error)
         && read_page_number (s, "image-max-height", &st->image_max_height,
                              error);
}

static gboolean
load_sheets (Sheets *s, const PrensaOptions *options, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *path = prensa_options_get (options, "styles");

  bytes = g_resources_lookup_data ("/org/prensa/plugins/pdf/styles.ini",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (!bytes)
    return FALSE;
  s->base = g_key_file_new ();
  if (!g_key_file_load_from_bytes (s->base, bytes, G_KEY_FILE_NONE, error))
    return FALSE;
  if (!path)
    return TRUE;
  s->user = g_key_file_new ();
  g_autofree char *text = NULL;
  gsize length = 0;
  if (!prensa_file_get_contents (path, (gsize) 16 << 20, &text, &length, error))
    {
      g_prefix_error (error, "styles: ");
      return FALSE;
    }
  if (!g_key_file_load_from_data (s->user, text, length, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "styles %s: ", path);
      return FALSE;
    }
  return TRUE;
}

/* page-size, else the papersize metadata (read once by the core), else
 * A4, as in every print writer. */
static gboolean
choose_paper (PdfSettings *st, const PrensaDocument *document,
              const PrensaOptions *options, GError **error)
{
  const char *option = prensa_options_get (options, "page-size");
  PrensaPaper paper = *prensa_document_get_paper (document, NULL);

  if (option && !prensa_paper_parse (option, &paper))
    {
      g_set_error (error, PRENSA_OPTION_ERROR, PRENSA_OPTION_ERROR_INVALID,
                   "pdf option 'page-size': '%s' is not a paper size (%s)", option,
                   PRENSA_PAPER_SIZES);
      return FALSE;
    }
  st->width = paper.width;
  st->height = paper.height;
  return TRUE;
}

/* font, font-size, margins, justify, hyphenate, the contents page and
 * the text layer from the command line. */
static gboolean
apply_options (PdfSettings *st, const PrensaOptions *options, GError **error)
{
  static const char *const text_layers[] = { "cairo", "prensa", NULL };
  guint layer = 0;
  const char *font = prensa_options_get (options, "font");
  gboolean size = prensa_options_get (options, "font-size") != NULL;
  const char *margins = prensa_options_get (options, "margins");
  gboolean justify = TRUE, toc = FALSE;
  gint64 depth = 3;
  double pt = 0;

  if (!prensa_options_get_choice (options, "labels", prensa_labels_choices (), &st->labels, error))
    return FALSE;
  if (!prensa_options_get_boolean (options, "justify", &justify, error))
    return FALSE;
  if (!prensa_options_get_boolean (options, "toc", &toc, error)
      || !prensa_options_get_int (options, "toc-depth", 1, 6, &depth, error))
    return FALSE;
  st->toc_depth = toc ? (guint) depth : 0;
  st->hyphenate = TRUE;
  if (!prensa_options_get_choice (options, "text-layer", text_layers, &layer, error))
    return FALSE;
  st->own_text = layer == 1;
  if (!prensa_options_get_boolean (options, "hyphenate", &st->hyphenate, error))
    return FALSE;
  if (margins && !parse_margins (margins, st))
    {
      g_set_error (error, PRENSA_OPTION_ERROR, PRENSA_OPTION_ERROR_INVALID,
                   "pdf option 'margins': '%s' is not one to four lengths such as 20mm, "
                   "1in, 2cm or 54pt", margins);
      return FALSE;
    }
  if (size && !prensa_options_get_number (options, "font-size", 4, 72, &pt, error))
    return FALSE;
  /* A new body size scales every style with it, so the hierarchy holds. */
  double scale = pt > 0 ? pt / st->styles[PDF_STYLE_BODY].size : 1;
  const char *serif = st->styles[PDF_STYLE_BODY].family;
  g_autofree char *old_serif = g_strdup (serif);

  for (guint i = 0; i < PDF_N_STYLES; i++)
    {
      PdfStyle *style = &st->styles[i];

      style->size *= scale;
      style->space_before *= scale;
      style->space_after *= scale;
      if (!justify && style->align == PDF_ALIGN_JUSTIFY)
        style->align = PDF_ALIGN_LEFT;
      /* font replaces the serif wherever the sheet used it. */
      if (font && *font && strcmp (style->family, old_serif) == 0)
        {
          g_free (style->family);
          style->family = g_strdup (font);
        }
    }
  return TRUE;
}

static void
sheets_clear (Sheets *s)
{
  g_clear_pointer (&s->base, g_key_file_unref);
  g_clear_pointer (&s->user, g_key_file_unref);
}

gboolean
pdf_settings_load (PdfSettings *st, const PrensaDocument *document,
                   const PrensaOptions *options, GError **error)
{
  Sheets s = { NULL, NULL };
  gboolean ok;

  memset (st, 0, sizeof *st);
  st->styles[PDF_STYLE_BODY].family = g_strdup ("serif");
  st->styles[PDF_STYLE_BODY].size = 10.5;
  st->styles[PDF_STYLE_BODY].weight = PANGO_WEIGHT_NORMAL;
  st->styles[PDF_STYLE_BODY].line_height = 1.4;
  st->top = st->right = st->bottom = st->left = 20 * MM;
  st->head_gap = st->foot_gap = 10 * MM;
  st->list_indent = st->quote_indent = 16;
  st->image_max_height = 0.6;
  st->running_head = st->folio = TRUE;

  ok = load_sheets (&s, options, error) && read_page (&s, st, error);
  for (guint i = 0; ok && i < PDF_N_STYLES; i++)
    ok = read_style (&s, i, st, error);
  sheets_clear (&s);
  ok = ok && choose_paper (st, document, options, error)
       && apply_options (st, options, error);
  if (ok && (st->left + st->right > st->width - 72
             || st->top + st->bottom > st->height - 144))
    {
      g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_OPTION,
                   "margins: they leave less than 1 × 2 inches for the text");
      ok = FALSE;
    }
  return ok;
}

void
pdf_settings_clear (PdfSettings *st)
{
  for (guint i = 0; i < PDF_N_STYLES; i++)
    g_clear_pointer (&st->styles[i].family, g_free);
}

PangoFontDescription *
pdf_style_font (const PdfStyle *style)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->family);
  pango_font_description_set_absolute_size (font, style->size * PANGO_SCALE);
  pango_font_description_set_weight (font, style->weight);
  pango_font_description_set_style (font, style->italic ? PANGO_STYLE_ITALIC
                                                        : PANGO_STYLE_NORMAL);
  return font;
}

void
pdf_style_apply (const PdfStyle *style, PangoLayout *layout, double width)
{
  PangoFontDescription *font = pdf_style_font (style);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_justify (layout, style->align == PDF_ALIGN_JUSTIFY);
  pango_layout_set_alignment (layout, style->align == PDF_ALIGN_CENTER
                                      ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
}
