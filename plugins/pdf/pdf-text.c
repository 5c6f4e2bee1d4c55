/* pdf-text.c: setting a paragraph from shaped words, for speed.
 *
 * PangoLayout shapes every character of a paragraph (about 1,700
 * instructions each in HarfBuzz through Pango 1.50) and shapes much of it
 * again while it breaks lines: a book's text costs seconds. A book has a
 * few thousand distinct words, so this file shapes each word once with
 * Pango (pango_itemize and pango_shape_item, with the paragraph's fonts,
 * fallback, text transform and letter spacing; a style's later words of
 * Latin letters reuse its first one's item), keeps the glyphs, and
 * breaks lines itself. Lines go to cairo with their text and clusters
 * (cairo_show_text_glyphs, so the PDF keeps the text; cairo_show_glyphs
 * where cairo finds the same text in the font), gathered into one call
 * per font and colour (PdfGlyphBatch, see run_glyphs).
 *
 * Lines are broken as TeX breaks them, by total fit (Knuth and Plass,
 * "Breaking paragraphs into lines", 1981). Each hard line of a paragraph
 * becomes boxes (the shaped widths of words and of the syllables between
 * hyphenation points, which stretch a little when justified: see
 * TRACK_STRETCH), glue (a space: its width, and when justified some
 * stretch and shrink; none when ragged, where the line's end stretches
 * instead; the space after a speaker's label keeps its width) and
 * penalties (a hyphen, flagged, with the hyphen's width; after a dash).
 * The breaks chosen are those whose lines' demerits sum least, with TeX's
 * plain constants: line penalty 10, hyphen penalty 50, 10,000 for two
 * hyphenated lines in a row or for lines of fitness classes more than one
 * apart, 5,000 for a hyphen on the last line but one, and (not TeX's)
 * 5,000 for a last line of one word. Three hyphenated lines in a row are
 * never set (a break remembers how many end in a row before it). A break
 * stays active only while the line from it can still shrink to the
 * measure, and only the best per fitness class and hyphen run is kept,
 * so the work stays linear in the paragraph. The first pass allows spaces
 * up to their stretch (TeX's tolerance 100), a second 4 times; a
 * paragraph neither can set (a word wider than the measure) is broken
 * greedily, at spaces and after dashes, cutting an overlong word between
 * clusters as PangoLayout's PANGO_WRAP_WORD_CHAR does: every paragraph
 * sets, without a warning. The pager may ask for a paragraph again with
 * one line (the last at a page's foot) forbidden a hyphen
 * (pdf_text_set_plain_line).
 *
 * Hyphenation points come from libhyphen with the patterns for the
 * document's language (`lang`, en-US when unset): hyph_ll_CC.dic, else
 * hyph_ll.dic, in a hyphen/ folder of the system data folders (Debian's
 * hyphen-* packages put them in /usr/share/hyphen). A language with no
 * patterns installed is set without hyphenation, silently, and
 * -O hyphenate=false sets none. Only words of letters are hyphenated (a
 * possessive's or a contraction's before its apostrophe), with at least
 * two letters before the hyphen and three after (TeX's English minima),
 * never where a ligature spans the point, nor in a printed link address;
 * the block says from which byte (after a speaker's label) it may
 * hyphenate, and headlines, subtitles, headings and labels never do.
 *
 * What this does not do it leaves to PangoLayout, by returning NULL:
 * right-to-left and complex scripts, tabs, soft hyphens, hanging indents
 * (a positive indent, the paragraph's first line's, is set here), layout
 * spacing, and attributes other than the font, text transform and letter
 * spacing ones pdf-inline.c sets. Kerning across a space is lost, which
 * Latin fonts do not use.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <cairo-ft.h>
#include <hyphen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One font and text transform and letter spacing: words shaped in one
 * style share glyphs whatever paragraph they are in. */
typedef struct _Shaped Shaped;

typedef struct {
  guint id;
  PangoAttrList *attrs;     /* the style over the whole word */
  int letter_spacing;
  int rise;                 /* a superscript's, Pango units */
  Shaped *hyphen;           /* "-" in the style, once asked (the
                             * cache's words hold it) */
  Shaped *space;            /* " " likewise: half the units are one */
  const PangoFontDescription *desc;  /* its key's */
  /* The item pango_itemize gave a word of Latin letters in the style's
   * first font (see itemize), once one was shaped; NULL before, or for
   * good where that font is not the first. */
  PangoItem *latin;
  gboolean latin_tried;
} TextStyle;

/* A word (or a run of spaces) as shaped: one piece per Pango item. */
typedef struct {
  PangoItem *item;          /* offset relative to the word */
  PangoGlyphString *glyphs;
  /* What setting and breaking lines read of the two, kept here: a
   * book's words are spread over the heap, and each pointer followed
   * for them was a cache miss for every word of every line. */
  PangoFont *font;
  PangoGlyphInfo *infos;
  int *clusters;
  int n_glyphs, offset, length;
} Piece;

struct _Shaped {
  /* The key: the word's style and bytes (a copy, after the pieces). */
  const TextStyle *style;
  const char *text;
  guint len;
  Piece *pieces;            /* in the same allocation, after it */
  guint n_pieces;
  guint n_glyphs;           /* over all pieces */
  int width, ascent, descent;
  /* Where it may be hyphenated, looked up the first time it is asked:
   * the glyph each piece after a hyphen starts at, over all pieces. */
  gboolean hyphens_known;
  guint n_hyphens;
  guint *hyphens;
};

/* What shaping asks of a font, asked of Pango once (see font_facts):
 * its glyphs' logical top and height, and which characters below
 * COVER_END it has (pango_font_has_char costs a thousand instructions),
 * a bit in covered once known and in has where it has the character. */
#define COVER_END 0x2000

typedef struct {
  gboolean known;           /* y and height asked */
  int y, height;
  guint32 covered[COVER_END / 32], has[COVER_END / 32];
} FontFacts;

/* A slot of the shaped words' table: open addressing with linear
 * probing, each word's hash beside it, so that a probe reads one array
 * and only a matching hash reads the word (a GHashTable read its hashes,
 * keys and values from three arrays, then the key, then the word). */
typedef struct {
  guint32 hash;
  Shaped *shaped;           /* NULL: free */
} WordSlot;

/* What a TextStyle is made of, its key among the cache's styles. */
typedef struct {
  PangoFontDescription *desc;
  int transform, spacing, rise;
  char *features;           /* or NULL */
} StyleKey;

struct _PdfTextCache {
  PangoContext *context;    /* what it shapes with */
  PangoContext *layouts;    /* the layouts it sets, when not @context's */
  PdfAhead *ahead;          /* to ask for cairo's fonts, or NULL */
  GHashTable *fonts;        /* PangoFont (a reference) -> FontFacts */
  GHashTable *styles;       /* StyleKey -> TextStyle */
  WordSlot *words;          /* the shaped words by style and bytes */
  guint n_slots, n_words;   /* a power of two; at most half are used */
  HyphenDict *dict;         /* the language's patterns, or NULL */
  /* Total fit's working arrays, emptied for each paragraph rather than
   * made and grown again: Item, guint, Node, int. */
  GArray *items, *breaks, *nodes, *active;
};

typedef enum { UNIT_WORD, UNIT_SPACE, UNIT_NEWLINE } UnitKind;

/* A word, spaces or a newline of the paragraph, in one style. */
typedef struct {
  guint start, end;         /* bytes in the paragraph */
  UnitKind kind;
  gboolean glued;           /* no break between this and the previous */
  const TextStyle *style;
  Shaped *shaped;
} Unit;

static void
shaped_free (gpointer data)
{
  Shaped *s = data;

  for (guint i = 0; i < s->n_pieces; i++)
    {
      pango_item_free (s->pieces[i].item);
      pango_glyph_string_free (s->pieces[i].glyphs);
    }
  g_free (s->hyphens);
  g_free (s);
}

static void
style_free (gpointer data)
{
  TextStyle *s = data;

  pango_attr_list_unref (s->attrs);
  if (s->latin)
    pango_item_free (s->latin);
  g_free (s);
}

static guint
style_key_hash (gconstpointer key)
{
  const StyleKey *k = key;

  return pango_font_description_hash (k->desc)
         ^ (guint) (k->transform * 31 + k->spacing * 17 + k->rise * 7)
         ^ (k->features ? g_str_hash (k->features) : 0);
}

/* pango_font_description_equal, but stricter: the family compared byte
 * for byte (Pango ignores its case, at a thousand instructions for each
 * run of a paragraph looked up). Equal here is equal there, so Pango's
 * hash still goes with it; two families differing in case only make two
 * styles of the same glyphs. */
static gboolean
desc_equal (const PangoFontDescription *x, const PangoFontDescription *y)
{
  return pango_font_description_get_size (x) == pango_font_description_get_size (y)
         && pango_font_description_get_weight (x) == pango_font_description_get_weight (y)
         && pango_font_description_get_style (x) == pango_font_description_get_style (y)
         && pango_font_description_get_variant (x) == pango_font_description_get_variant (y)
         && pango_font_description_get_stretch (x) == pango_font_description_get_stretch (y)
         && pango_font_description_get_gravity (x) == pango_font_description_get_gravity (y)
         && pango_font_description_get_size_is_absolute (x)
            == pango_font_description_get_size_is_absolute (y)
         && g_strcmp0 (pango_font_description_get_family (x),
                       pango_font_description_get_family (y)) == 0
         && g_strcmp0 (pango_font_description_get_variations (x),
                       pango_font_description_get_variations (y)) == 0;
}

static gboolean
style_key_equal (gconstpointer a, gconstpointer b)
{
  const StyleKey *x = a, *y = b;

  return x->transform == y->transform && x->spacing == y->spacing && x->rise == y->rise
         && g_strcmp0 (x->features, y->features) == 0 && desc_equal (x->desc, y->desc);
}

static void
style_key_free (gpointer data)
{
  StyleKey *k = data;

  pango_font_description_free (k->desc);
  g_free (k->features);
  g_free (k);
}

PdfTextCache *
pdf_text_cache_new (void)
{
  PdfTextCache *c = g_new0 (PdfTextCache, 1);

  c->styles = g_hash_table_new_full (style_key_hash, style_key_equal, style_key_free, style_free);
  c->n_slots = 1024;
  c->words = g_new0 (WordSlot, c->n_slots);
  return c;
}

void
pdf_text_cache_free (PdfTextCache *cache)
{
  if (!cache)
    return;
  for (guint i = 0; i < cache->n_slots; i++)
    if (cache->words[i].shaped)
      shaped_free (cache->words[i].shaped);
  g_free (cache->words);
  g_hash_table_unref (cache->styles);
  g_clear_object (&cache->context);
  g_clear_object (&cache->layouts);
  g_clear_pointer (&cache->items, g_array_unref);
  g_clear_pointer (&cache->breaks, g_array_unref);
  g_clear_pointer (&cache->nodes, g_array_unref);
  g_clear_pointer (&cache->active, g_array_unref);
  g_clear_pointer (&cache->fonts, g_hash_table_unref);
  if (cache->dict)
    hnj_hyphen_free (cache->dict);
  g_free (cache);
}

void
pdf_text_cache_share (PdfTextCache *c, PangoContext *shaping, PangoContext *layouts,
                      PdfAhead *ahead)
{
  g_set_object (&c->context, shaping);
  g_set_object (&c->layouts, layouts);
  c->ahead = ahead;
}

/* Text this file sets as PangoLayout would: left to right scripts with
 * no bidi controls, no tab, no soft hyphen. */
static gboolean
plain_text (const char *text, gsize len)
{
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar c;

      if ((guchar) *p >= 0x20 && (guchar) *p < 0x80)
        continue;
      c = g_utf8_get_char (p);
      if (c == '\t' || c == 0x00AD || (c < 0x20 && c != '\n'))
        return FALSE;
      if (c < 0x0590)
        continue;
      if (c >= 0x1E00 && c < 0x2C00
          && !(c >= 0x200B && c <= 0x200F) && !(c >= 0x2028 && c <= 0x202E)
          && !(c >= 0x2060 && c <= 0x206F))
        continue;
      return FALSE;
    }
  return TRUE;
}

static gboolean
plain_attrs (PangoAttrList *list)
{
  g_autoptr(GSList) attrs = list ? pango_attr_list_get_attributes (list) : NULL;
  gboolean ok = TRUE;

  for (GSList *l = attrs; l; l = l->next)
    {
      PangoAttribute *a = l->data;

      switch ((int) a->klass->type)
        {
        case PANGO_ATTR_FONT_DESC:
        case PANGO_ATTR_FAMILY:
        case PANGO_ATTR_STYLE:
        case PANGO_ATTR_WEIGHT:
        case PANGO_ATTR_SIZE:
        case PANGO_ATTR_ABSOLUTE_SIZE:
        case PANGO_ATTR_SCALE:
        case PANGO_ATTR_TEXT_TRANSFORM:
        case PANGO_ATTR_LETTER_SPACING:
        case PANGO_ATTR_RISE:
        case PANGO_ATTR_FONT_FEATURES:
          break;
        default:
          ok = FALSE;
        }
      pango_attribute_destroy (a);
    }
  return ok;
}

/* The style in force at @iter, interned. */
static const TextStyle *
style_at (PdfTextCache *c, PangoAttrIterator *iter, const PangoFontDescription *base)
{
  /* As Pango itemizes: the paragraph's font, then the attributes over it
   * (a scale applies to whichever size results). */
  PangoFontDescription *desc = pango_font_description_copy (base);
  GSList *extra = NULL;
  int transform = PANGO_TEXT_TRANSFORM_NONE, spacing = 0, rise = 0;
  g_autofree char *features = NULL;
  StyleKey key;
  TextStyle *style;

  pango_attr_iterator_get_font (iter, desc, NULL, &extra);
  for (GSList *l = extra; l; l = l->next)
    {
      PangoAttribute *a = l->data;

      if (a->klass->type == PANGO_ATTR_TEXT_TRANSFORM)
        transform = ((PangoAttrInt *) a)->value;
      else if (a->klass->type == PANGO_ATTR_LETTER_SPACING)
        spacing = ((PangoAttrInt *) a)->value;
      else if (a->klass->type == PANGO_ATTR_RISE)
        rise = ((PangoAttrInt *) a)->value;
      else if (a->klass->type == PANGO_ATTR_FONT_FEATURES)
        {
          g_free (features);
          features = g_strdup (((PangoAttrFontFeatures *) a)->features);
        }
    }
  g_slist_free_full (extra, (GDestroyNotify) pango_attribute_destroy);
  /* Looked up by the description itself: no string made of it. */
  key = (StyleKey) { desc, transform, spacing, rise, features };
  style = g_hash_table_lookup (c->styles, &key);
  if (!style)
    {
      StyleKey *kept = g_new (StyleKey, 1);

      style = g_new0 (TextStyle, 1);
      style->id = g_hash_table_size (c->styles);
      style->attrs = pango_attr_list_new ();
      pango_attr_list_insert (style->attrs, pango_attr_font_desc_new (desc));
      if (transform != PANGO_TEXT_TRANSFORM_NONE)
        pango_attr_list_insert (style->attrs, pango_attr_text_transform_new (transform));
      /* Features reach HarfBuzz through the items pango_itemize makes. */
      if (features)
        pango_attr_list_insert (style->attrs, pango_attr_font_features_new (features));
      style->letter_spacing = spacing;
      style->rise = rise;
      *kept = (StyleKey) { pango_font_description_copy (desc), transform, spacing, rise,
                           g_strdup (features) };
      style->desc = kept->desc;
      g_hash_table_insert (c->styles, kept, style);
    }
  pango_font_description_free (desc);
  return style;
}

static gboolean
first_font (PangoFontset *fontset, PangoFont *font, gpointer data)
{
  (void) fontset;
  *(PangoFont **) data = font;
  return TRUE;
}

static FontFacts *
font_facts (PdfTextCache *c, PangoFont *font)
{
  FontFacts *f;

  if (!c->fonts)
    c->fonts = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  f = g_hash_table_lookup (c->fonts, font);
  if (!f)
    {
      f = g_new0 (FontFacts, 1);
      g_hash_table_insert (c->fonts, g_object_ref (font), f);
    }
  return f;
}

/* Whether @font, whose facts are @f, has @ch. */
static gboolean
font_has (FontFacts *f, PangoFont *font, gunichar ch)
{
  guint32 bit = 1u << (ch % 32);

  if (ch >= COVER_END)
    return pango_font_has_char (font, ch);
  if (!(f->covered[ch / 32] & bit))
    {
      f->covered[ch / 32] |= bit;
      if (pango_font_has_char (font, ch))
        f->has[ch / 32] |= bit;
    }
  return (f->has[ch / 32] & bit) != 0;
}

/* Whether @font has every character of @text (@len bytes): shaping
 * then reaches neither a fallback box nor (through Pango's unknown
 * glyphs) cairo. */
static gboolean
font_covers (PdfTextCache *c, PangoFont *font, const char *text, int len)
{
  FontFacts *f;

  if (!font)
    return FALSE;
  f = font_facts (c, font);
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    if (!font_has (f, font, g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Whether pango_itemize would give @text (@len bytes) one item in the
 * script and font of @item: every character a Latin-script one, or an
 * ASCII digit or punctuation (Common characters, which take the script
 * of the Latin letters around them), with at least one Latin letter, and
 * every one in the font, which is the style's first (so Pango's fallback
 * would pick it for each). */
static gboolean
latin_word (PdfTextCache *c, const PangoItem *item, const char *text, int len)
{
  FontFacts *f;
  gboolean letter = FALSE;

  if (!item->analysis.font)
    return FALSE;
  f = font_facts (c, item->analysis.font);
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch < 0x80 && (g_ascii_isdigit (ch) || g_ascii_ispunct (ch)))
        continue;
      if (!(ch < 0x80 ? g_ascii_isalpha (ch) : g_unichar_get_script (ch) == G_UNICODE_SCRIPT_LATIN)
          || !font_has (f, item->analysis.font, ch))
        return FALSE;
      letter = TRUE;
    }
  return letter;
}

/* pango_itemize for one word, which costs as much as shaping it (the
 * font set looked up, and each character's script and font): a style's
 * words of Latin letters in its first font all itemize alike, so after
 * the first such word they take a copy of its item. */
static GList *
itemize (PdfTextCache *c, TextStyle *style, const char *text, int len)
{
  GList *items;

  if (style->latin && latin_word (c, style->latin, text, len))
    {
      PangoItem *item = pango_item_copy (style->latin);

      item->offset = 0;
      item->length = len;
      item->num_chars = (int) g_utf8_strlen (text, len);
      return g_list_prepend (NULL, item);
    }
  items = pango_itemize (c->context, text, 0, len, style->attrs, NULL);
  if (!style->latin_tried && items && !items->next)
    {
      PangoItem *item = items->data;
      PangoFont *first = NULL;
      PangoFontset *fontset;

      if (item->analysis.level != 0 || item->analysis.script != G_UNICODE_SCRIPT_LATIN
          || !latin_word (c, item, text, len))
        return items;
      /* Tried once, with a word of Latin letters: the font set says
       * whether its font is the first. */
      style->latin_tried = TRUE;
      fontset = pango_font_map_load_fontset (pango_context_get_font_map (c->context), c->context,
                                             style->desc, item->analysis.language);
      if (fontset)
        {
          pango_fontset_foreach (fontset, first_font, &first);
          g_object_unref (fontset);
        }
      if (first && first == item->analysis.font)
        style->latin = pango_item_copy (item);
    }
  return items;
}

/* Takes and gives back cairo's fonts, for a cache shaping on the
 * measuring thread (pdf-ahead.c); nothing otherwise. */
static gboolean
enter_fonts (PdfTextCache *c)
{
  if (!c->ahead)
    return FALSE;
  pdf_ahead_enter_fonts (c->ahead);
  return TRUE;
}

static void
leave_fonts (PdfTextCache *c, gboolean entered)
{
  if (entered)
    pdf_ahead_leave_fonts (c->ahead);
}

/* The logical extents of @glyphs in @font, as pango_glyph_string_extents
 * gives them, for glyphs that are all the font's own: their widths'
 * sum, and the font's logical top and height (pango-cairo gives every
 * glyph of a font the font's), asked of Pango (which asks cairo) once a
 * font. */
static void
own_extents (PdfTextCache *c, PangoFont *font, const PangoGlyphString *glyphs,
             PangoRectangle *logical)
{
  FontFacts *f = font_facts (c, font);

  *logical = (PangoRectangle) { 0, 0, 0, 0 };
  if (glyphs->num_glyphs == 0)
    return;
  if (!f->known)
    {
      PangoRectangle r;
      gboolean entered = enter_fonts (c);

      pango_font_get_glyph_extents (font, glyphs->glyphs[0].glyph, NULL, &r);
      leave_fonts (c, entered);
      f->y = r.y;
      f->height = r.height;
      f->known = TRUE;
    }
  for (int i = 0; i < glyphs->num_glyphs; i++)
    logical->width += glyphs->glyphs[i].geometry.width;
  logical->y = f->y;
  logical->height = f->height;
}

static Shaped *
shape (PdfTextCache *c, TextStyle *style, const char *text, int len)
{
  GList *items = itemize (c, style, text, len);
  guint n_items = g_list_length (items);
  Shaped *s = g_malloc0 (sizeof (Shaped) + n_items * sizeof (Piece) + (gsize) len + 1);
  PangoLogAttr *log_attrs = NULL;
  guint i = 0;

  if (style->letter_spacing != 0)
    {
      int n = g_utf8_strlen (text, len);

      log_attrs = g_new0 (PangoLogAttr, n + 1);
      pango_get_log_attrs (text, len, -1, pango_context_get_language (c->context),
                           log_attrs, n + 1);
    }
  s->n_pieces = n_items;
  s->pieces = (Piece *) (void *) (s + 1);
  s->style = style;
  s->len = (guint) len;
  s->text = memcpy (s->pieces + n_items, text, (gsize) len);
  for (GList *l = items; l; l = l->next, i++)
    {
      PangoItem *item = l->data;
      PangoGlyphString *glyphs = pango_glyph_string_new ();
      PangoRectangle logical;
      /* A character no font has makes Pango ask cairo for a box's size:
       * that shaping takes cairo's fonts. */
      gboolean own = font_covers (c, item->analysis.font, text + item->offset, item->length);
      gboolean entered = own ? FALSE : enter_fonts (c);

      pango_shape_item (item, text, len, NULL, glyphs, PANGO_SHAPE_NONE);
      if (log_attrs && glyphs->num_glyphs > 0)
        {
          PangoGlyphItem gi = { item, glyphs, 0, 0, 0 };
          int half = style->letter_spacing / 2;

          pango_glyph_item_letter_space (&gi, text,
                                         log_attrs + g_utf8_pointer_to_offset (text, text + item->offset),
                                         style->letter_spacing);
          /* As PangoLayout does: half the spacing before the first
           * letter, half after the last. */
          glyphs->glyphs[0].geometry.width += half;
          glyphs->glyphs[0].geometry.x_offset += half;
          glyphs->glyphs[glyphs->num_glyphs - 1].geometry.width += style->letter_spacing - half;
        }
      /* A superscript is drawn raised, as PangoLayout draws a rise. */
      for (int g = 0; style->rise != 0 && g < glyphs->num_glyphs; g++)
        glyphs->glyphs[g].geometry.y_offset -= style->rise;
      for (int g = 0; own && g < glyphs->num_glyphs; g++)
        own = !(glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG);
      if (own)
        own_extents (c, item->analysis.font, glyphs, &logical);
      else
        {
          if (!entered)
            entered = enter_fonts (c);
          pango_glyph_string_extents (glyphs, item->analysis.font, NULL, &logical);
        }
      leave_fonts (c, entered);
      s->width += logical.width;
      s->ascent = MAX (s->ascent, -logical.y + style->rise);
      s->descent = MAX (s->descent, logical.y + logical.height);
      s->pieces[i] = (Piece) { item, glyphs, item->analysis.font, glyphs->glyphs,
                               glyphs->log_clusters, glyphs->num_glyphs, item->offset,
                               item->length };
      s->n_glyphs += (guint) glyphs->num_glyphs;
    }
  g_list_free (items);
  g_free (log_attrs);
  return s;
}

/* Doubles the shaped words' table. */
static void
grow_words (PdfTextCache *c)
{
  guint n = c->n_slots * 2;
  WordSlot *slots = g_new0 (WordSlot, n);

  for (guint i = 0; i < c->n_slots; i++)
    if (c->words[i].shaped)
      {
        guint k = c->words[i].hash & (n - 1);

        while (slots[k].shaped)
          k = (k + 1) & (n - 1);
        slots[k] = c->words[i];
      }
  g_free (c->words);
  c->words = slots;
  c->n_slots = n;
}

static Shaped *
lookup (PdfTextCache *c, const TextStyle *style, const char *text, guint len)
{
  /* FNV-1a over the style's id and the word's bytes. */
  guint32 h = 2166136261u ^ style->id;
  guint k;

  for (guint i = 0; i < len; i++)
    h = (h ^ (guchar) text[i]) * 16777619u;
  for (k = h & (c->n_slots - 1); c->words[k].shaped; k = (k + 1) & (c->n_slots - 1))
    {
      Shaped *s = c->words[k].shaped;

      if (c->words[k].hash == h && s->style == style && s->len == len
          && memcmp (s->text, text, len) == 0)
        return s;
    }
  /* Not found: shaped (the style is the cache's, which shape may note
   * an item on), then filed in the first free slot. */
  Shaped *s = shape (c, (TextStyle *) style, text, (int) len);

  if (2 * (c->n_words + 1) > c->n_slots)
    grow_words (c);
  for (k = h & (c->n_slots - 1); c->words[k].shaped; k = (k + 1) & (c->n_slots - 1))
    ;
  c->words[k] = (WordSlot) { h, s };
  c->n_words++;
  return s;
}

/* The hyphen of @style, shaped once. */
static const Shaped *
hyphen_of (PdfTextCache *c, const TextStyle *style)
{
  if (!style->hyphen)
    ((TextStyle *) style)->hyphen = lookup (c, style, "-", 1);
  return style->hyphen;
}

/* One space in @style, as hyphen_of: no hash probe for each. */
static Shaped *
space_of (PdfTextCache *c, const TextStyle *style)
{
  if (!style->space)
    ((TextStyle *) style)->space = lookup (c, style, " ", 1);
  return style->space;
}

/* After a dash in a word a line may break, as after a space. */
static gboolean
breaks_after (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return c == '-' || c == 0x2013 || c == 0x2014 || c == '/';
}

/* Cuts [@from, @to), all in one style, into words, spaces and newlines;
 * a word is also cut at each of @cuts (sorted byte offsets, where a
 * colour starts or ends), with no break allowed there. */
static void
add_units (PdfTextCache *c, GArray *units, const char *text, guint from, guint to,
           const TextStyle *style, GArray *cuts, guint *next_cut)
{
  guint p = from;

  while (p < to)
    {
      guint limit = to;

      while (*next_cut < cuts->len && g_array_index (cuts, guint, *next_cut) <= p)
        (*next_cut)++;
      if (*next_cut < cuts->len)
        limit = MIN (limit, g_array_index (cuts, guint, *next_cut));
      Unit u = { p, p, UNIT_WORD, FALSE, style, NULL };
      char ch = text[p];

      if (ch == '\n')
        {
          u.kind = UNIT_NEWLINE;
          u.end = p + 1;
        }
      else if (ch == ' ')
        {
          u.kind = UNIT_SPACE;
          while (u.end < limit && text[u.end] == ' ')
            u.end++;
        }
      else
        {
          while (u.end < limit && text[u.end] != ' ' && text[u.end] != '\n')
            {
              const char *next = g_utf8_next_char (text + u.end);

              if (breaks_after (text + u.end) && next < text + limit && *next != ' ' && *next != '\n')
                {
                  u.end = (guint) (next - text);
                  break;
                }
              u.end = (guint) (next - text);
            }
          /* Where the previous unit is a word too: no space between. */
          if (units->len > 0)
            {
              const Unit *prev = &g_array_index (units, Unit, units->len - 1);

              u.glued = prev->kind == UNIT_WORD && prev->end == u.start
                        && !breaks_after (g_utf8_prev_char (text + prev->end));
            }
        }
      /* A newline draws nothing; its space gives an empty line height. */
      u.shaped = u.kind == UNIT_NEWLINE || (u.kind == UNIT_SPACE && u.end == u.start + 1)
                 ? space_of (c, style)
                 : lookup (c, style, text + u.start, u.end - u.start);
      g_array_append_val (units, u);
      p = u.end;
    }
}

/* A line, as units [first, last) and maybe a part of a word at either
 * end (for a word wider than the measure, cut between clusters). */
typedef struct {
  guint first, last;
  guint head_glyph;         /* glyphs of unit first to skip, over all pieces */
  guint tail_glyphs;        /* glyphs of unit last - 1 to keep; 0: all */
  gboolean hard;            /* ends at a newline or the paragraph's end */
  gboolean hyphen;          /* ends inside a word, with a hyphen drawn */
} LineSpan;

/* Glyph @k of @s, counted over its pieces. */
static const PangoGlyphInfo *
glyph_at (const Shaped *s, guint k)
{
  for (guint i = 0; i < s->n_pieces; i++)
    {
      const Piece *p = &s->pieces[i];

      if (k < (guint) p->n_glyphs)
        return &p->infos[k];
      k -= (guint) p->n_glyphs;
    }
  return NULL;
}

/* The width of glyphs [from, to) of @s: the whole word's is kept. */
static int
glyph_range_width (const Shaped *s, guint from, guint to)
{
  int w = 0;

  if (from == 0 && to >= s->n_glyphs)
    return s->width;
  to = MIN (to, s->n_glyphs);
  /* Glyphs [from, to) piece by piece, not each looked for from the first. */
  for (guint i = 0, base = 0; i < s->n_pieces && base < to; i++)
    {
      const Piece *p = &s->pieces[i];
      guint n = (guint) p->n_glyphs;

      for (guint k = MAX (from, base); k < MIN (to, base + n); k++)
        w += p->infos[k - base].geometry.width;
      base += n;
    }
  return w;
}

/* Where glyph @k of @s may end a line: at the end of a cluster. */
static gboolean
cluster_ends_after (const Shaped *s, guint k)
{
  const PangoGlyphInfo *next = glyph_at (s, k + 1);

  return next == NULL || next->attr.is_cluster_start;
}

/* The fallback: greedy breaking, at spaces and after dashes, a word
 * wider than the measure cut between clusters. */
static void
break_lines (GArray *units, int width, GArray *spans)
{
  guint i = 0, n = units->len;
  guint head = 0;
  int head_width = 0;       /* of glyphs [0, head): no rescan per line */

  while (i < n)
    {
      LineSpan span = { i, i, head, 0, FALSE, FALSE };
      int x = 0;
      gboolean any = FALSE;

      /* Spaces a wrapped line would start with stay on the line before. */
      if (head == 0 && i > 0
          && g_array_index (units, Unit, i - 1).kind != UNIT_NEWLINE)
        while (i < n && g_array_index (units, Unit, i).kind == UNIT_SPACE)
          i++;
      span.first = i;
      while (i < n)
        {
          const Unit *u = &g_array_index (units, Unit, i);
          guint group_end = i + 1;
          int group = 0;

          if (u->kind == UNIT_NEWLINE)
            {
              span.hard = TRUE;
              i++;
              break;
            }
          if (u->kind == UNIT_SPACE)
            {
              /* Spaces count only if a word follows on this line. */
              guint j = i + 1;
              int sw = u->shaped->width;

              if (j < n && g_array_index (units, Unit, j).kind == UNIT_WORD)
                {
                  int w = 0;
                  guint k = j;

                  do
                    w += g_array_index (units, Unit, k++).shaped->width;
                  while (k < n && g_array_index (units, Unit, k).glued);
                  if (any && x + sw + w > width)
                    {
                      /* The spaces end this line. */
                      i = j;
                      break;
                    }
                }
              x += sw;
              i++;
              continue;
            }
          /* A word and the words glued to it. */
          group = u->shaped->width - head_width;
          while (group_end < n && g_array_index (units, Unit, group_end).glued)
            group += g_array_index (units, Unit, group_end++).shaped->width;
          if (any && x + group > width)
            break;
          if (x + group <= width || any)
            {
              x += group;
              i = group_end;
              head = 0;
              head_width = 0;
              any = TRUE;
              continue;
            }
          /* Wider than the measure on a line of its own: cut it between
           * clusters, as PANGO_WRAP_WORD_CHAR does. */
          {
            guint total = u->shaped->n_glyphs, k = head, last_fit = 0;
            int w = 0, fit_width = 0;

            for (; k < total; k++)
              {
                w += glyph_at (u->shaped, k)->geometry.width;
                if (w > width && last_fit > 0)
                  break;
                if (cluster_ends_after (u->shaped, k))
                  {
                    last_fit = k + 1;
                    fit_width = w;
                  }
              }
            if (k >= total)
              {
                /* The rest of the word fits; the glued words do not. */
                x += u->shaped->width - head_width;
                i++;
                head = 0;
                head_width = 0;
                any = TRUE;
                break;
              }
            span.tail_glyphs = last_fit;
            i++;
            head = last_fit;
            head_width += fit_width;
            any = TRUE;
            break;
          }
        }
      span.last = i;
      if (span.tail_glyphs > 0)
        i--;                /* the same word goes on on the next line */
      if (i >= n && span.tail_glyphs == 0)
        span.hard = TRUE;
      if (span.last == span.first && !span.hard && i < n)
        {
          /* Never an empty line in the middle: take one unit. */
          span.last = ++i;
        }
      g_array_append_val (spans, span);
    }
}

/* Hyphenation. */

void
pdf_text_cache_set_language (PdfTextCache *c, const char *lang)
{
  g_autofree char *tag = g_strdup (lang && *lang ? lang : "en-US");
  g_auto(GStrv) parts = NULL;
  const char *const *dirs = g_get_system_data_dirs ();

  if (c->dict)
    hnj_hyphen_free (c->dict);
  c->dict = NULL;
  g_strdelimit (tag, "-", '_');
  parts = g_strsplit (tag, "_", 3);
  if (!parts[0] || !*parts[0])
    return;
  {
    g_autofree char *language = g_ascii_strdown (parts[0], -1);
    g_autofree char *region = parts[1] && strlen (parts[1]) == 2
                              ? g_ascii_strup (parts[1], -1) : NULL;
    const char *names[2] = { NULL, NULL };
    g_autofree char *with_region = region ? g_strdup_printf ("hyph_%s_%s.dic", language, region)
                                          : NULL;
    g_autofree char *bare = g_strdup_printf ("hyph_%s.dic", language);

    names[0] = with_region ? with_region : bare;
    names[1] = with_region ? bare : NULL;
    for (guint n = 0; n < 2 && names[n] && !c->dict; n++)
      for (guint d = 0; dirs[d] && !c->dict; d++)
        {
          g_autofree char *path = g_build_filename (dirs[d], "hyphen", names[n], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            c->dict = hnj_hyphen_load (path);
        }
  }
}

/* The glyph of @s that starts at byte @offset of its word, if a cluster
 * starts there (no ligature spans it); 0 if none. */
static guint
glyph_at_byte (const Shaped *s, guint offset)
{
  guint base = 0;

  for (guint i = 0; i < s->n_pieces; i++)
    {
      const PangoGlyphString *g = s->pieces[i].glyphs;
      guint item = (guint) s->pieces[i].item->offset;

      for (int k = 0; k < g->num_glyphs; k++)
        if (item + (guint) g->log_clusters[k] == offset)
          return g->glyphs[k].attr.is_cluster_start ? base + (guint) k : 0;
      base += (guint) g->num_glyphs;
    }
  return 0;
}

#define HYPHEN_LEFT 2
#define HYPHEN_RIGHT 3

/* Fills in where @s, the word @text of @len bytes, may be hyphenated. */
static void
find_hyphens (PdfTextCache *c, Shaped *s, const char *text, guint len)
{
  const char *from = text, *to = text + len;
  g_autofree char *lower = NULL;
  g_autofree char *points = NULL;
  g_autoptr(GArray) found = NULL;
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  glong n_chars;
  guint at = 0;

  s->hyphens_known = TRUE;
  if (!c->dict || len > 200)
    return;
  /* The letters, without the punctuation around them. */
  while (from < to && !g_unichar_isalpha (g_utf8_get_char (from)))
    from = g_utf8_next_char (from);
  while (to > from && !g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (to))))
    to = g_utf8_prev_char (to);
  /* A possessive or a contraction: the letters before the apostrophe. */
  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isalpha (ch))
        continue;
      if ((ch == '\'' || ch == 0x2019) && p > from)
        {
          to = p;
          break;
        }
      return;
    }
  n_chars = g_utf8_strlen (from, to - from);
  if (n_chars < HYPHEN_LEFT + HYPHEN_RIGHT)
    return;
  lower = g_utf8_strdown (from, to - from);
  if (strlen (lower) != (gsize) (to - from))
    return;
  points = g_malloc0 ((gsize) (to - from) + 5);
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  if (hnj_hyphen_hyphenate2 (c->dict, lower, (int) (to - from), points, NULL, &rep, &pos, &cut) != 0)
    memset (points, 0, (gsize) (to - from));   /* no points; rep is freed below */
  /* points[i] odd: a hyphen may follow byte i. */
  for (const char *p = lower; *p; p = g_utf8_next_char (p), at++)
    {
      const char *next = g_utf8_next_char (p);
      guint byte = (guint) (next - lower) - 1;
      guint glyph;

      /* A point that changes the spelling (German "ck" to "k-k") is
       * left out. */
      if (at + 1 < HYPHEN_LEFT || (glong) at + 1 > n_chars - HYPHEN_RIGHT || !(points[byte] & 1)
          || (rep && rep[byte]))
        continue;
      glyph = glyph_at_byte (s, (guint) (from - text) + (guint) (next - lower));
      if (glyph > 0)
        g_array_append_val (found, glyph);
    }
  if (rep)
    for (gsize i = 0; i < (gsize) (to - from); i++)
      free (rep[i]);
  free (rep);
  free (pos);
  free (cut);
  /* The length first: g_steal_pointer() clears @found, and the order
   * in which a call's arguments are worked out is the compiler's. */
  s->n_hyphens = found->len;
  s->hyphens = (guint *) (void *) g_array_free (g_steal_pointer (&found), s->n_hyphens == 0);
}

/* Total fit. */

typedef enum { ITEM_BOX, ITEM_GLUE, ITEM_PENALTY } ItemKind;

#define PENALTY_INF 10000
#define LINE_PENALTY 10.0
#define HYPHEN_PENALTY 50
#define DOUBLE_HYPHEN_DEMERITS 10000.0
#define FINAL_HYPHEN_DEMERITS 5000.0
#define ADJ_DEMERITS 10000.0
/* A paragraph's last line of one word, where the paragraph has others. */
#define LAST_WORD_DEMERITS 5000.0
#define MAX_HYPHEN_RUN 2
#define FIL 1e9
/* A justified space stretches by 0.3 of its width and shrinks by 0.15,
 * less than TeX's 1/2 and 1/3, and the line's letters are tracked a
 * little, up to 3% of a word's width looser or 2% tighter (microtype's
 * font expansion does it with glyph widths): word spaces vary less from
 * line to line, which is what the eye sees as rivers. Total fit counts
 * both stretches; a line set takes its slack in its spaces up to
 * SPACE_FIRST of their width, then in its letters, then in its spaces
 * again (see fill_line). */
#define SPACE_STRETCH 0.3
#define SPACE_SHRINK 0.15
#define TRACK_STRETCH 0.03
#define TRACK_SHRINK 0.02
#define SPACE_FIRST 0.2

typedef struct {
  ItemKind kind;
  double width, stretch, shrink;
  int penalty;
  gboolean flagged;
  guint unit;               /* the unit it is (a penalty: the unit after) */
  guint glyph;              /* a hyphen: the glyph of unit the line after starts at */
} Item;

typedef struct {
  guint item;               /* the break */
  int fitness, run;         /* run: hyphenated lines ending here in a row */
  double w, y, z;           /* sums of the items before the line after it */
  double demerits;
  int prev;                 /* the node of the break before, or -1 */
  guint glues;              /* glue items before the line after it */
  guint line;               /* lines before the line after it */
} Node;

static void
add_item (GArray *items, ItemKind kind, double width, double stretch, double shrink,
          int penalty, gboolean flagged, guint unit, guint glyph)
{
  Item it = { kind, width, stretch, shrink, penalty, flagged, unit, glyph };

  g_array_append_val (items, it);
}

static void
add_box (GArray *items, double width, gboolean justify, guint unit)
{
  add_item (items, ITEM_BOX, width, justify ? width * TRACK_STRETCH : 0,
            justify ? width * TRACK_SHRINK : 0, 0, FALSE, unit, 0);
}

/* The space after a speaker's label (before @hyphen_from) neither
 * stretches nor shrinks. */
static gboolean
fixed_space (const Unit *u, guint hyphen_from)
{
  return hyphen_from != G_MAXUINT && u->end <= hyphen_from;
}

/* Whether a word ends in a hyphen (a break after it is flagged). */
static gboolean
ends_in_hyphen (const char *text, const Unit *u)
{
  gunichar c = g_utf8_get_char (g_utf8_prev_char (text + u->end));

  return u->end > u->start && (c == '-' || c == 0x2010);
}

/* Units [@from, @to) (no newline among them) as items, ending with the
 * paragraph's finishing glue and a forced break. */
static void
make_items (PdfTextCache *c, GArray *units, const char *text, guint from, guint to,
            gboolean justify0, guint hyphen_from, GArray *whole, GArray *items)
{
  guint next_whole = 0;

  for (guint i = from; i < to; i++)
    {
      Unit *u = &g_array_index (units, Unit, i);
      gboolean justify = justify0, hyphenate = u->start >= hyphen_from;

      if (u->kind == UNIT_SPACE)
        {
          double w = u->shaped->width;

          justify = justify0 && !fixed_space (u, hyphen_from);
          add_item (items, ITEM_GLUE, w, justify ? w * SPACE_STRETCH : 0, justify ? w * SPACE_SHRINK : 0,
                    0, FALSE, i, 0);
          continue;
        }
      if (i > from && !u->glued && g_array_index (units, Unit, i - 1).kind == UNIT_WORD)
        {
          /* After a dash. */
          gboolean hyphen = ends_in_hyphen (text, &g_array_index (units, Unit, i - 1));

          add_item (items, ITEM_PENALTY, 0, 0, 0, hyphen ? HYPHEN_PENALTY : 0, hyphen, i, 0);
        }
      /* Ranges kept whole (a printed address), in text order. */
      while (whole && next_whole < whole->len
             && g_array_index (whole, PdfRange, next_whole).end <= u->start)
        next_whole++;
      if (whole && next_whole < whole->len
          && g_array_index (whole, PdfRange, next_whole).start < u->end)
        hyphenate = FALSE;
      if (hyphenate && c->dict && !u->shaped->hyphens_known)
        find_hyphens (c, u->shaped, text + u->start, u->end - u->start);
      if (hyphenate && u->shaped->n_hyphens > 0)
        {
          const Shaped *hy = hyphen_of (c, u->style);
          guint at = 0;

          for (guint h = 0; h < u->shaped->n_hyphens; h++)
            {
              guint k = u->shaped->hyphens[h];

              add_box (items, glyph_range_width (u->shaped, at, k), justify, i);
              add_item (items, ITEM_PENALTY, hy->width, 0, 0, HYPHEN_PENALTY, TRUE, i, k);
              at = k;
            }
          add_box (items, glyph_range_width (u->shaped, at, u->shaped->n_glyphs), justify, i);
        }
      else
        add_box (items, u->shaped->width, justify, i);
    }
  add_item (items, ITEM_GLUE, 0, FIL, 0, 0, FALSE, to, 0);
  add_item (items, ITEM_PENALTY, 0, 0, 0, -PENALTY_INF, FALSE, to, 0);
}

/* The breaks of @items that sum least demerits with no space stretched
 * past @tolerance, appended to @breaks (item indices, the last the
 * forced break); FALSE if there are none. Lines are @width wide, the
 * first @first_width; @end_stretch: what a ragged line's end stretches;
 * line @plain_line (from 0; G_MAXUINT: none) may not end in a hyphen. */
static gboolean
total_fit (PdfTextCache *c, GArray *items, double width, double first_width,
           double end_stretch, double tolerance, guint plain_line, GArray *breaks)
{
  GArray *nodes = c->nodes, *active = c->active;
  double sw = 0, sy = 0, sz = 0;
  guint glues = 0;
  Node start = { 0, 1, 0, 0, 0, 0, 0, -1 };
  int zero = 0, best = -1;

  g_array_set_size (nodes, 0);
  g_array_set_size (active, 0);
  g_array_append_val (nodes, start);
  g_array_append_val (active, zero);
  for (guint b = 0; b < items->len && active->len > 0; b++)
    {
      const Item *it = &g_array_index (items, Item, b);
      gboolean legal = it->kind == ITEM_PENALTY ? it->penalty < PENALTY_INF
                       : it->kind == ITEM_GLUE && b > 0
                         && g_array_index (items, Item, b - 1).kind == ITEM_BOX;

      if (legal)
        {
          gboolean forced = it->kind == ITEM_PENALTY && it->penalty <= -PENALTY_INF;
          double pw = it->kind == ITEM_PENALTY ? it->width : 0;
          /* The best way here per fitness class and hyphen run. */
          double cand_d[4][MAX_HYPHEN_RUN + 1];
          int cand_from[4][MAX_HYPHEN_RUN + 1];
          double least = G_MAXDOUBLE;
          /* The nodes that stay active are moved down over those that
           * do not, in place: no copy per break. */
          guint kept = 0;

          for (int f = 0; f < 4; f++)
            for (int r = 0; r <= MAX_HYPHEN_RUN; r++)
              cand_from[f][r] = -1;
          for (guint a = 0; a < active->len; a++)
            {
              int ai = g_array_index (active, int, a);
              const Node *n = &g_array_index (nodes, Node, ai);
              double len = sw - n->w + pw, ratio, badness, d;
              double target = n->prev < 0 ? first_width : width;
              int fitness, run;
              gboolean flagged_before;

              if (len < target)
                {
                  double y = sy - n->y + end_stretch;

                  ratio = y > 0 ? (target - len) / y : FIL;
                }
              else if (len > target)
                {
                  double z = sz - n->z;

                  ratio = z > 0 ? (target - len) / z : -FIL;
                }
              else
                ratio = 0;
              if (ratio >= -1 && !forced)
                g_array_index (active, int, kept++) = ai;
              if (ratio < -1 || ratio > tolerance)
                continue;
              flagged_before = n->run > 0;
              if (it->flagged && (n->run >= MAX_HYPHEN_RUN || n->line == plain_line))
                continue;
              badness = ratio >= FIL / 2 ? 10000 : MIN (10000, 100 * fabs (ratio) * ratio * ratio);
              fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
              d = (LINE_PENALTY + badness) * (LINE_PENALTY + badness);
              if (it->kind == ITEM_PENALTY && it->penalty >= 0)
                d += (double) it->penalty * it->penalty;
              else if (it->kind == ITEM_PENALTY && !forced)
                d -= (double) it->penalty * it->penalty;
              if (it->flagged && flagged_before)
                d += DOUBLE_HYPHEN_DEMERITS;
              if (forced && flagged_before)
                d += FINAL_HYPHEN_DEMERITS;
              /* The finishing glue is the one glue a one-word line has. */
              if (forced && n->prev >= 0 && glues - n->glues <= 1)
                d += LAST_WORD_DEMERITS;
              if (abs (fitness - n->fitness) > 1)
                d += ADJ_DEMERITS;
              d += n->demerits;
              run = it->flagged ? n->run + 1 : 0;
              if (cand_from[fitness][run] < 0 || d < cand_d[fitness][run])
                {
                  cand_d[fitness][run] = d;
                  cand_from[fitness][run] = ai;
                }
              least = MIN (least, d);
            }
          g_array_set_size (active, kept);
          if (least < G_MAXDOUBLE)
            {
              /* What the line after the break starts after: the glue
               * and penalties a break discards. */
              double aw = sw, ay = sy, az = sz;
              guint ag = glues;

              for (guint j = b; j < items->len; j++)
                {
                  const Item *x = &g_array_index (items, Item, j);

                  if (x->kind == ITEM_BOX || (j > b && x->kind == ITEM_PENALTY
                                              && x->penalty <= -PENALTY_INF))
                    break;
                  if (x->kind == ITEM_GLUE)
                    {
                      aw += x->width;
                      ay += x->stretch;
                      az += x->shrink;
                      ag++;
                    }
                }
              for (int f = 0; f < 4; f++)
                for (int r = 0; r <= MAX_HYPHEN_RUN; r++)
                  if (cand_from[f][r] >= 0 && cand_d[f][r] <= least + ADJ_DEMERITS)
                    {
                      Node n = { b, f, r, aw, ay, az, cand_d[f][r], cand_from[f][r], ag,
                                 g_array_index (nodes, Node, cand_from[f][r]).line + 1 };
                      int index = (int) nodes->len;

                      g_array_append_val (nodes, n);
                      g_array_append_val (active, index);
                      if (forced && (best < 0 || n.demerits
                                     < g_array_index (nodes, Node, best).demerits))
                        best = index;
                    }
            }
        }
      if (it->kind == ITEM_BOX || it->kind == ITEM_GLUE)
        {
          sw += it->width;
          sy += it->stretch;
          sz += it->shrink;
          glues += it->kind == ITEM_GLUE;
        }
    }
  if (best < 0)
    return FALSE;
  {
    guint from = breaks->len;

    for (int n = best; n > 0; n = g_array_index (nodes, Node, n).prev)
      g_array_append_val (breaks, g_array_index (nodes, Node, n).item);
    /* Into text order. */
    for (guint i = from, j = breaks->len - 1; i < j; i++, j--)
      {
        guint t = g_array_index (breaks, guint, i);

        g_array_index (breaks, guint, i) = g_array_index (breaks, guint, j);
        g_array_index (breaks, guint, j) = t;
      }
  }
  return TRUE;
}

/* Breaks @units by total fit into @spans; FALSE (and @spans as it was)
 * where some hard line cannot be set so. */
static gboolean
break_total_fit (PdfTextCache *c, GArray *units, const char *text, int width, int indent,
                 gboolean justify, guint hyphen_from, GArray *whole, guint plain_line,
                 GArray *spans)
{
  GArray *items, *breaks;
  guint n = units->len, from = 0, old = spans->len;

  if (!c->items)
    {
      c->items = g_array_new (FALSE, FALSE, sizeof (Item));
      c->breaks = g_array_new (FALSE, FALSE, sizeof (guint));
      c->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
      c->active = g_array_new (FALSE, FALSE, sizeof (int));
    }
  items = c->items;
  breaks = c->breaks;

  while (from <= n)
    {
      guint to = from;
      gboolean words = FALSE, ok = FALSE;
      guint first = from, head = 0;

      while (to < n && g_array_index (units, Unit, to).kind != UNIT_NEWLINE)
        words |= g_array_index (units, Unit, to++).kind == UNIT_WORD;
      if (to == n && from == n && n > 0)
        break;              /* nothing after a last newline */
      if (!words)
        {
          LineSpan span = { from, MIN (to + 1, n), 0, 0, TRUE, FALSE };

          g_array_append_val (spans, span);
          from = to + 1;
          continue;
        }
      g_array_set_size (items, 0);
      make_items (c, units, text, from, to, justify, hyphen_from, whole, items);
      g_array_set_size (breaks, 0);
      for (guint pass = 0; pass < 2 && !ok; pass++)
        {
          g_array_set_size (breaks, 0);
          guint before = spans->len - old;

          ok = total_fit (c, items, width, from == 0 ? width - indent : width,
                          justify ? 0 : width / 8.0, pass == 0 ? 1.0 : 4.0,
                          plain_line != G_MAXUINT && plain_line >= before
                          ? plain_line - before : G_MAXUINT, breaks);
        }
      if (!ok)
        {
          g_array_set_size (spans, old);
          return FALSE;
        }
      for (guint k = 0; k < breaks->len; k++)
        {
          const Item *it = &g_array_index (items, Item, g_array_index (breaks, guint, k));
          LineSpan span = { first, 0, head, 0, FALSE, FALSE };

          if (k + 1 == breaks->len)
            {
              span.last = MIN (to + 1, n);
              span.hard = TRUE;
            }
          else if (it->kind == ITEM_GLUE)
            span.last = it->unit + 1;
          else if (it->glyph > 0)
            {
              span.last = it->unit + 1;
              span.tail_glyphs = it->glyph;
              span.hyphen = TRUE;
            }
          else
            span.last = it->unit;
          g_array_append_val (spans, span);
          head = span.hyphen ? it->glyph : 0;
          first = span.hyphen ? it->unit : span.last;
          while (!span.hyphen && first < to && g_array_index (units, Unit, first).kind == UNIT_SPACE)
            first++;
        }
      from = to + 1;
    }
  return TRUE;
}

/* A run of glyphs to draw: one font, one colour, contiguous text, with
 * no allocation of its own: the item is a copy of a shaped word's (its
 * offset, length and num_chars the run's, its font and attributes still
 * the word's: a PdfText is freed before the cache that holds them), and
 * the glyphs are a stretch of the line's pool. */
typedef struct {
  PangoItem item;
  PangoGlyphString glyphs;
  int x;
  const PangoAttribute *color;   /* a PangoAttrColor, or NULL */
} TextRun;

struct _PdfTextLine {
  guint start, end;         /* bytes of the paragraph on this line */
  int x, width, ascent, descent;
  GArray *runs;             /* TextRun */
  /* The line's glyphs, then their clusters: one allocation, room for
   * every glyph of its units, filled run after run. */
  PangoGlyphInfo *pool;
  guint pool_size, pool_used;
  gboolean hyphenated;
  TextRun hyphen;           /* a hyphenated line's hyphen (text "-"), its
                             * glyphs the cache's */
};

/* The colours (sorted by start) walked in text order: the ones open at
 * the last index asked, innermost last. A paragraph of many links asks
 * at every run, so a scan from the start would be quadratic. */
typedef struct {
  GPtrArray *colors;        /* or NULL */
  guint next;               /* the first not yet started */
  GPtrArray *open;
} ColorWalk;

/* The innermost colour over byte @index (never less than the last
 * asked): the last that starts at or before it and covers it. Colours
 * nest (a note's number in a link) or are apart. */
static const PangoAttribute *
color_at (ColorWalk *w, guint index)
{
  while (w->colors && w->next < w->colors->len
         && ((const PangoAttribute *) w->colors->pdata[w->next])->start_index <= index)
    g_ptr_array_add (w->open, w->colors->pdata[w->next++]);
  while (w->open->len > 0
         && ((const PangoAttribute *) w->open->pdata[w->open->len - 1])->end_index <= index)
    g_ptr_array_set_size (w->open, w->open->len - 1);
  return w->open->len > 0 ? w->open->pdata[w->open->len - 1] : NULL;
}

/* Appends glyphs [from, to) of piece @p of a unit at @unit_start to the
 * line, starting a run where the font or the colour changes, its glyphs
 * in the line's pool after the last run's. @extra widens the last glyph
 * (a justified space). @blank: spaces, whose colour shows nowhere, so
 * they go on in the run before whatever its colour (a run less for
 * cairo, and in the PDF a text object less between a link and the words
 * around it). */
static void
append_piece (PdfTextLine *line, const Piece *p, guint unit_start, guint from, guint to,
              int extra, int track, int *x, ColorWalk *colors, gboolean blank)
{
  guint text_start = unit_start + (guint) p->offset
                     + (from < (guint) p->n_glyphs ? (guint) p->clusters[from] : 0);
  const PangoAttribute *color;
  TextRun *run = NULL;
  guint text_end;

  if (from >= to)
    return;
  text_end = to < (guint) p->n_glyphs
             ? unit_start + (guint) p->offset + (guint) p->clusters[to]
             : unit_start + (guint) (p->offset + p->length);
  color = color_at (colors, text_start);
  if (line->runs->len > 0)
    {
      run = &g_array_index (line->runs, TextRun, line->runs->len - 1);
      if (run->item.analysis.font != p->font
          || (run->color != color && !blank)
          || (guint) (run->item.offset + run->item.length) != text_start)
        run = NULL;
    }
  if (!run)
    {
      /* The last run's glyphs end where the pool is used to: a new run
       * starts there. */
      TextRun r = { *p->item, { 0, line->pool + line->pool_used,
                                (int *) (void *) (line->pool + line->pool_size) + line->pool_used,
                                (int) (line->pool_size - line->pool_used) },
                    *x, color };

      r.item.offset = (int) text_start;
      r.item.length = 0;
      r.item.num_chars = 0;
      g_array_append_val (line->runs, r);
      run = &g_array_index (line->runs, TextRun, line->runs->len - 1);
    }
  {
    PangoGlyphString *rg = &run->glyphs;
    int at = rg->num_glyphs;
    int shift = (int) (unit_start + (guint) p->offset) - run->item.offset;

    /* The last run goes on in the pool, which has room for the line. */
    g_assert (line->pool_used + (to - from) <= line->pool_size);
    rg->num_glyphs = at + (int) (to - from);
    line->pool_used += to - from;
    for (guint j = from; j < to; j++)
      {
        rg->glyphs[at] = p->infos[j];
        rg->glyphs[at].geometry.width += track;
        rg->log_clusters[at] = p->clusters[j] + shift;
        *x += p->infos[j].geometry.width + track;
        at++;
      }
    if (extra)
      {
        rg->glyphs[at - 1].geometry.width += extra;
        *x += extra;
      }
    run->item.length = (int) (text_end - (guint) run->item.offset);
  }
}

static void
append_unit (PdfTextLine *line, const Unit *u, guint from, guint to, int extra, int track,
             int *x, ColorWalk *colors)
{
  guint base = 0;

  for (guint i = 0; i < u->shaped->n_pieces; i++)
    {
      const Piece *p = &u->shaped->pieces[i];
      guint n = (guint) p->n_glyphs;
      guint a = MAX (from, base), b = MIN (to, base + n);

      if (a < b)
        append_piece (line, p, u->start, a - base, b - base,
                      b == to && i + 1 == u->shaped->n_pieces ? extra : 0, track,
                      x, colors, u->kind == UNIT_SPACE);
      base += n;
    }
}

static void
fill_line (PdfTextCache *c, PdfTextLine *line, GArray *units, const LineSpan *s, int width,
           gboolean justify, PangoAlignment align, ColorWalk *colors, const char *text,
           gboolean last, guint hyphen_from)
{
  guint end = s->last;
  int natural = 0, x = 0, n_spaces = 0, extra = 0, rest = 0, track = 0;
  int word_width = 0, space_width = 0, n_letters = 0;
  guint room = 0;
  const Shaped *hyphen = NULL;

  line->runs = g_array_sized_new (FALSE, FALSE, sizeof (TextRun), 4);
  /* Trailing spaces and the newline neither show nor count. */
  while (end > s->first
         && g_array_index (units, Unit, end - 1).kind != UNIT_WORD
         && !(s->tail_glyphs > 0 && end == s->last))
    end--;
  for (guint i = s->first; i < end; i++)
    {
      const Unit *u = &g_array_index (units, Unit, i);
      guint from = i == s->first ? s->head_glyph : 0;
      guint to = (s->tail_glyphs > 0 && i + 1 == s->last) ? s->tail_glyphs : u->shaped->n_glyphs;

      int w = glyph_range_width (u->shaped, from, to);

      natural += w;
      if (u->kind == UNIT_SPACE && i > s->first && !fixed_space (u, hyphen_from))
        {
          n_spaces++;
          space_width += w;
        }
      else if (u->kind == UNIT_WORD)
        {
          word_width += w;
          n_letters += (int) (MIN (to, u->shaped->n_glyphs) - MIN (from, to));
        }
      line->ascent = MAX (line->ascent, u->shaped->ascent);
      line->descent = MAX (line->descent, u->shaped->descent);
    }
  if (s->first >= end)
    {
      const Unit *u = &g_array_index (units, Unit, MIN (s->first, units->len - 1));

      line->ascent = u->shaped->ascent;
      line->descent = u->shaped->descent;
    }
  if (s->hyphen)
    {
      const Unit *u = &g_array_index (units, Unit, s->last - 1);

      hyphen = hyphen_of (c, u->style);
      natural += hyphen->width;
    }
  /* Total fit may shrink a justified line's spaces as well as stretch
   * them, a paragraph's last line's too. */
  if (justify && n_spaces > 0 && (natural > width || (!s->hard && !last && natural != width)))
    {
      int slack = width - natural;
      /* The spaces take the slack up to SPACE_FIRST of their width, the
       * letters what is left up to their limit, the spaces the rest:
       * most lines keep their letters as shaped (and their glyphs
       * unpositioned in the PDF, which is smaller and faster). */
      double first = space_width * (slack > 0 ? SPACE_FIRST : -SPACE_FIRST);
      double left = slack > 0 ? MAX (0, slack - first) : MIN (0, slack - first);
      double letters = word_width * (slack > 0 ? TRACK_STRETCH : TRACK_SHRINK);

      if (n_letters > 0 && left != 0)
        track = (int) (CLAMP (left, -letters, letters) / n_letters);
      slack -= track * n_letters;
      extra = slack / n_spaces;
      rest = slack - extra * n_spaces;
    }
  else if (align == PANGO_ALIGN_CENTER && natural < width)
    line->x = (width - natural) / 2;
  else if (align == PANGO_ALIGN_RIGHT && natural < width)
    line->x = width - natural;
  for (guint i = s->first; i < end; i++)
    room += g_array_index (units, Unit, i).shaped->n_glyphs;
  line->pool_size = room;
  line->pool = g_malloc ((gsize) room * (sizeof (PangoGlyphInfo) + sizeof (int)));
  for (guint i = s->first; i < end; i++)
    {
      const Unit *u = &g_array_index (units, Unit, i);
      guint from = i == s->first ? s->head_glyph : 0;
      guint to = (s->tail_glyphs > 0 && i + 1 == s->last) ? s->tail_glyphs : u->shaped->n_glyphs;
      int add = 0;

      if (u->kind == UNIT_SPACE && i > s->first && (extra != 0 || rest != 0)
          && !fixed_space (u, hyphen_from))
        {
          add = extra + (rest > 0) - (rest < 0);
          rest -= (rest > 0) - (rest < 0);
        }
      append_unit (line, u, from, to, add, u->kind == UNIT_WORD ? track : 0, &x, colors);
    }
  if (hyphen && hyphen->n_pieces > 0)
    {
      const Piece *p = &hyphen->pieces[0];

      line->hyphenated = TRUE;
      line->hyphen.item = *p->item;
      line->hyphen.glyphs = *p->glyphs;
      line->hyphen.x = x;
      line->hyphen.color = line->runs->len > 0
                           ? g_array_index (line->runs, TextRun, line->runs->len - 1).color
                           : NULL;
      x += hyphen->width;
    }
  line->width = x;
  line->start = s->first < units->len ? g_array_index (units, Unit, s->first).start
                                      : (guint) strlen (text);
  line->end = s->last > s->first ? g_array_index (units, Unit, s->last - 1).end : line->start;
  if (line->runs->len > 0)
    {
      const TextRun *first = &g_array_index (line->runs, TextRun, 0);
      const TextRun *final = &g_array_index (line->runs, TextRun, line->runs->len - 1);

      /* A line that starts or ends inside a cut word. */
      if (s->head_glyph > 0)
        line->start = (guint) first->item.offset;
      if (s->tail_glyphs > 0)
        line->end = (guint) (final->item.offset + final->item.length);
    }
  /* A run's num_chars stays 0 until Pango's renderer draws it (draw_run),
   * the one reader of it. */
}

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

struct _PdfText {
  char *text;
  guint n_lines;
  PdfTextLine *lines;
};

/* @layout's text as units, or NULL where PangoLayout must set it. */
static GArray *
layout_units (PdfTextCache *c, PangoLayout *layout, GPtrArray *colors)
{
  const char *text = pango_layout_get_text (layout);
  gsize len = strlen (text);
  PangoAttrList *attrs = pango_layout_get_attributes (layout);
  const PangoFontDescription *base = pango_layout_get_font_description (layout);
  PangoAttrIterator *iter;
  GArray *units;
  g_autoptr(GArray) cuts = NULL;
  guint next_cut = 0;

  if (len == 0 || pango_layout_get_indent (layout) < 0 || pango_layout_get_spacing (layout) != 0
      || pango_layout_get_line_spacing (layout) != 0.0 || pango_layout_get_width (layout) <= 0
      || !plain_text (text, len) || !plain_attrs (attrs))
    return NULL;
  if (!base)
    base = pango_context_get_font_description (pango_layout_get_context (layout));
  if (!c->context)
    c->context = g_object_ref (pango_layout_get_context (layout));
  else if (pango_layout_get_context (layout) != (c->layouts ? c->layouts : c->context))
    return NULL;

  /* About a word and a space for every six bytes of text. */
  units = g_array_sized_new (FALSE, FALSE, sizeof (Unit), (guint) len / 3 + 2);
  /* Colours change neither shape nor breaks, but a run has one: words
   * are cut where a colour starts or ends (a link's closing bracket). */
  cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; colors && i < colors->len; i++)
    {
      const PangoAttribute *a = colors->pdata[i];

      g_array_append_val (cuts, a->start_index);
      g_array_append_val (cuts, a->end_index);
    }
  g_array_sort (cuts, compare_guint);
  if (attrs)
    {
      iter = pango_attr_list_get_iterator (attrs);
      do
        {
          int s, e;

          pango_attr_iterator_range (iter, &s, &e);
          s = MAX (s, 0);
          e = MIN (e, (int) len);
          if (s < e)
            add_units (c, units, text, (guint) s, (guint) e, style_at (c, iter, base), cuts, &next_cut);
        }
      while (pango_attr_iterator_next (iter));
      pango_attr_iterator_destroy (iter);
    }
  else
    {
      PangoAttrList *empty = pango_attr_list_new ();

      iter = pango_attr_list_get_iterator (empty);
      add_units (c, units, text, 0, (guint) len, style_at (c, iter, base), cuts, &next_cut);
      pango_attr_iterator_destroy (iter);
      pango_attr_list_unref (empty);
    }
  return units;
}

gboolean
pdf_text_measure (PdfTextCache *c, PangoLayout *layout, GPtrArray *colors,
                  int *natural, int *widest_word)
{
  g_autoptr(GArray) units = layout_units (c, layout, colors);
  int line = 0, spaces = 0, group = 0;

  *natural = *widest_word = 0;
  if (!units)
    return FALSE;
  for (guint i = 0; i < units->len; i++)
    {
      const Unit *u = &g_array_index (units, Unit, i);

      if (u->kind == UNIT_NEWLINE)
        {
          line = spaces = group = 0;
          continue;
        }
      if (u->kind == UNIT_SPACE)
        {
          /* Spaces count only between words. */
          spaces += line > 0 ? u->shaped->width : 0;
          group = 0;
          continue;
        }
      group = u->glued ? group + u->shaped->width : u->shaped->width;
      line += spaces + u->shaped->width;
      spaces = 0;
      *natural = MAX (*natural, line);
      *widest_word = MAX (*widest_word, group);
    }
  return TRUE;
}

static PdfText *
text_set (PdfTextCache *c, PangoLayout *layout, GPtrArray *colors, guint hyphen_from,
          GArray *whole, guint plain_line)
{
  const char *text = pango_layout_get_text (layout);
  gsize len = strlen (text);
  g_autoptr(GArray) units = layout_units (c, layout, colors);
  g_autoptr(GArray) spans = NULL;
  /* A first line's indent: this sets it on the paragraph's first line
   * only, not again after a line break. */
  int width = pango_layout_get_width (layout), indent = MIN (pango_layout_get_indent (layout), width / 2);
  ColorWalk walk = { colors, 0, NULL };
  PdfText *t;

  if (!units)
    return NULL;
  spans = g_array_new (FALSE, FALSE, sizeof (LineSpan));
  if (!break_total_fit (c, units, text, width, indent, pango_layout_get_justify (layout),
                        hyphen_from, whole, plain_line, spans))
    break_lines (units, width - indent, spans);
  t = g_new0 (PdfText, 1);
  t->text = g_strndup (text, len);
  t->n_lines = spans->len;
  t->lines = g_new0 (PdfTextLine, spans->len);
  walk.open = g_ptr_array_new ();
  for (guint i = 0; i < spans->len; i++)
    fill_line (c, &t->lines[i], units, &g_array_index (spans, LineSpan, i),
               i == 0 ? width - indent : width, pango_layout_get_justify (layout),
               pango_layout_get_alignment (layout), &walk, t->text, i + 1 == spans->len,
               hyphen_from);
  g_ptr_array_unref (walk.open);
  if (spans->len > 0)
    t->lines[0].x += indent;
  return t;
}

PdfText *
pdf_text_set (PdfTextCache *c, PangoLayout *layout, GPtrArray *colors, guint hyphen_from,
              GArray *whole)
{
  return text_set (c, layout, colors, hyphen_from, whole, G_MAXUINT);
}

PdfText *
pdf_text_set_plain_line (PdfTextCache *c, PangoLayout *layout, GPtrArray *colors,
                         guint hyphen_from, GArray *whole, guint line)
{
  return text_set (c, layout, colors, hyphen_from, whole, line);
}

gboolean
pdf_text_line_hyphenated (const PdfText *t, guint line)
{
  return line < t->n_lines && t->lines[line].hyphenated;
}

void
pdf_text_free (PdfText *t)
{
  if (!t)
    return;
  for (guint i = 0; i < t->n_lines; i++)
    {
      g_array_unref (t->lines[i].runs);
      g_free (t->lines[i].pool);
    }
  g_free (t->lines);
  g_free (t->text);
  g_free (t);
}

guint
pdf_text_get_n_lines (const PdfText *t)
{
  return t->n_lines;
}

void
pdf_text_get_line (const PdfText *t, guint i, int *x, int *ascent, int *descent)
{
  *x = t->lines[i].x;
  *ascent = t->lines[i].ascent;
  *descent = t->lines[i].descent;
}

void
pdf_text_get_line_range (const PdfText *t, guint i, guint *start, guint *end)
{
  *start = t->lines[i].start;
  *end = t->lines[i].end;
}

/* Whether @item is shaped with its text transformed (uppercase): its
 * glyphs are not the font's for its characters. */
static gboolean
transformed (const PangoItem *item)
{
  for (GSList *l = item->analysis.extra_attrs; l; l = l->next)
    {
      const PangoAttribute *a = l->data;

      if (a->klass->type == PANGO_ATTR_TEXT_TRANSFORM
          && ((const PangoAttrInt *) a)->value != PANGO_TEXT_TRANSFORM_NONE)
        return TRUE;
    }
  return FALSE;
}

#define PLAIN_END 0x180

/* Glyphs waiting to go to cairo in one cairo_show_text_glyphs (or
 * cairo_show_glyphs, see plain): one scaled font, one colour, any number
 * of runs and lines. Each call costs cairo about 5 µs whatever it holds
 * (it is recorded, then replayed twice at the page's end), and cairo
 * writes the same operators for one call as for the runs one by one, so
 * a paragraph's lines in one font go as one. */
struct _PdfGlyphBatch {
  cairo_t *cr;
  cairo_scaled_font_t *font;  /* of the glyphs waiting (no reference) */
  PangoFont *pango_font;      /* its Pango font (no reference) */
  gboolean has_rgb;           /* else they are in cairo's source colour */
  double rgb[3];
  GArray *glyphs;             /* cairo_glyph_t */
  GArray *clusters;           /* cairo_text_cluster_t */
  GByteArray *kinds;          /* per cluster: see run_glyphs */
  GString *utf8;
  /* Every glyph waiting is its own character's, one cairo would find
   * again from the font (see plain_glyphs): they go to cairo without
   * their text, which it then takes from the font as it would have
   * found it there, sparing it the check and match of each cluster. */
  gboolean plain;
  GHashTable *plain_fonts;    /* PangoFont (a reference) -> guint32[PLAIN_END]
                               * (plain_glyphs), or NULL */
  PangoFont *last_font;
  const guint32 *last_plain;
};

PdfGlyphBatch *
pdf_glyph_batch_new (cairo_t *cr)
{
  PdfGlyphBatch *b = g_new0 (PdfGlyphBatch, 1);

  b->cr = cr;
  b->glyphs = g_array_sized_new (FALSE, FALSE, sizeof (cairo_glyph_t), 256);
  b->clusters = g_array_sized_new (FALSE, FALSE, sizeof (cairo_text_cluster_t), 256);
  b->kinds = g_byte_array_sized_new (256);
  b->utf8 = g_string_sized_new (512);
  b->plain = TRUE;
  b->plain_fonts = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  return b;
}

/* Gives cairo what is waiting. */
void
pdf_glyph_batch_flush (PdfGlyphBatch *b)
{
  if (b->glyphs->len == 0)
    return;
  if (b->has_rgb)
    cairo_set_source_rgb (b->cr, b->rgb[0], b->rgb[1], b->rgb[2]);
  cairo_set_scaled_font (b->cr, b->font);
  if (pdf_own_take (b->cr, b->font, b->pango_font, b->has_rgb ? b->rgb : NULL,
                    (const cairo_glyph_t *) (void *) b->glyphs->data, (int) b->glyphs->len,
                    (const cairo_text_cluster_t *) (void *) b->clusters->data,
                    (int) b->clusters->len, b->utf8->str))
    {
      /* The text layer has them (pdf-own.c). */
    }
  else if (b->plain)
    cairo_show_glyphs (b->cr, (const cairo_glyph_t *) (void *) b->glyphs->data,
                       (int) b->glyphs->len);
  else
    cairo_show_text_glyphs (b->cr, b->utf8->str, (int) b->utf8->len,
                            (const cairo_glyph_t *) (void *) b->glyphs->data,
                            (int) b->glyphs->len,
                            (const cairo_text_cluster_t *) (void *) b->clusters->data,
                            (int) b->clusters->len, 0);
  g_array_set_size (b->glyphs, 0);
  g_array_set_size (b->clusters, 0);
  g_string_truncate (b->utf8, 0);
  b->font = NULL;
  b->plain = TRUE;
}

void
pdf_glyph_batch_free (PdfGlyphBatch *b)
{
  if (!b)
    return;
  g_array_unref (b->glyphs);
  g_array_unref (b->clusters);
  g_byte_array_unref (b->kinds);
  g_string_free (b->utf8, TRUE);
  g_hash_table_unref (b->plain_fonts);
  g_free (b);
}

/* For each character below PLAIN_END (ASCII, Latin-1 and Latin
 * Extended-A), the glyph of @font that cairo's PDF surface would give
 * back that character for, from the font alone: its glyph in the font's
 * Unicode character map, where no lower code maps to the same glyph
 * (cairo looks a glyph's character up by walking the map from the lowest
 * code, cairo-ft.c's _cairo_index_to_ucs4), 0 elsewhere and for control
 * characters. Made once a font; NULL for a font with no Unicode map or
 * not cairo's. */
static const guint32 *
plain_glyphs (PdfGlyphBatch *b, PangoFont *font, cairo_scaled_font_t *scaled)
{
  guint32 *table;
  FT_Face face;

  if (font == b->last_font)
    return b->last_plain;
  if (!g_hash_table_lookup_extended (b->plain_fonts, font, NULL, (gpointer *) &table))
    {
      table = NULL;
      if (cairo_scaled_font_get_type (scaled) == CAIRO_FONT_TYPE_FT
          && (face = cairo_ft_scaled_font_lock_face (scaled)) != NULL)
        {
          if (face->charmap && face->charmap->encoding == FT_ENCODING_UNICODE)
            {
              /* Glyphs a lower code has mapped to, a bit each. */
              guint32 *seen = g_new0 (guint32, 65536 / 32);

              table = g_new0 (guint32, PLAIN_END);
              for (FT_ULong c = 0; c < PLAIN_END; c++)
                {
                  FT_UInt glyph = FT_Get_Char_Index (face, c);
                  gboolean first = glyph != 0 && glyph < 65536
                                   && !(seen[glyph / 32] & (1u << (glyph % 32)));

                  if (first && c >= 0x20 && (c < 0x7f || c > 0x9f))
                    table[c] = glyph;
                  if (glyph != 0 && glyph < 65536)
                    seen[glyph / 32] |= 1u << (glyph % 32);
                }
              g_free (seen);
            }
          cairo_ft_scaled_font_unlock_face (scaled);
        }
      /* (Held: a font freed with its layout must not leave its table
       * to another font at its address.) */
      g_hash_table_insert (b->plain_fonts, g_object_ref (font), table);
    }
  b->last_font = font;
  b->last_plain = table;
  return table;
}

/* Adds glyph item @gi, its origin at @base_x, @base_y, in colour @rgb
 * (NULL: cairo's source at the time), to @batch as
 * pango_cairo_show_glyph_item would show it (the same positions and
 * clusters), but straight to cairo: without the renderer's
 * cairo_save and cairo_restore, which make cairo look its scaled font up
 * again for every run, nor its glyph item iterator. What waits in
 * another font or colour goes to cairo first. FALSE, adding nothing,
 * where the run is Pango's to draw: an empty or unknown glyph (a box with
 * its code), or a font with no cairo font.
 *
 * Uppercased text gives cairo each word as one cluster, not a letter a
 * cluster: cairo's PDF surface files a glyph in a font's 8-bit subset
 * under the first character it is shown for, so an "A" shown for "a"
 * (a speaker's label, the running head) would take the place of "a" and
 * send every later "a" of that font (a table's text) to the 16-bit
 * subset, a font change in the PDF on both sides of it. As one cluster,
 * the word's letters go in an ActualText span (what copy and paste and
 * pdftotext give: the text as written) and their glyphs under their own
 * characters. (A word of one lowercase letter, "a", is still shown for
 * its own.) */
static gboolean
run_glyphs (PdfGlyphBatch *batch, const PangoGlyphItem *gi, const char *text, double base_x,
            double base_y, const double rgb[3])
{
  const PangoGlyphString *g = gi->glyphs;
  const PangoItem *item = gi->item;
  const char *utf8 = text + item->offset;
  cairo_scaled_font_t *font;
  cairo_glyph_t *glyphs;
  cairo_text_cluster_t *clusters;
  guint8 *kinds;
  guint first_cluster;
  int x_position = 0, n_clusters = 0;
  gboolean upper = transformed (item);

  if (!PANGO_IS_CAIRO_FONT (item->analysis.font))
    return FALSE;
  font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (item->analysis.font));
  if (!font || cairo_scaled_font_status (font) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  /* Left to right, every glyph a real one, and clusters that cover the
   * item's bytes in order: cairo refuses any other mapping for good (a
   * status the whole PDF fails with). */
  if (g->num_glyphs == 0 || item->analysis.level % 2 != 0 || g->log_clusters[0] != 0
      || item->length <= g->log_clusters[g->num_glyphs - 1])
    return FALSE;
  for (int i = 0; i < g->num_glyphs; i++)
    if (g->glyphs[i].glyph == PANGO_GLYPH_EMPTY || (g->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
        || (i > 0 && g->log_clusters[i] < g->log_clusters[i - 1]))
      return FALSE;
  if (batch->glyphs->len > 0
      && (batch->font != font || batch->has_rgb != (rgb != NULL)
          || (rgb && memcmp (batch->rgb, rgb, sizeof batch->rgb) != 0)))
    pdf_glyph_batch_flush (batch);
  batch->font = font;
  batch->pango_font = item->analysis.font;
  batch->has_rgb = rgb != NULL;
  if (rgb)
    memcpy (batch->rgb, rgb, sizeof batch->rgb);

  guint first_glyph = batch->glyphs->len;
  first_cluster = batch->clusters->len;
  g_array_set_size (batch->glyphs, first_glyph + (guint) g->num_glyphs);
  g_array_set_size (batch->clusters, first_cluster + (guint) g->num_glyphs);
  g_byte_array_set_size (batch->kinds, (guint) g->num_glyphs);
  glyphs = &g_array_index (batch->glyphs, cairo_glyph_t, first_glyph);
  clusters = &g_array_index (batch->clusters, cairo_text_cluster_t, first_cluster);
  kinds = batch->kinds->data;
  for (int i = 0; i < g->num_glyphs; i++)
    {
      const PangoGlyphInfo *info = &g->glyphs[i];

      glyphs[i].index = info->glyph;
      glyphs[i].x = base_x + (double) (x_position + info->geometry.x_offset) / PANGO_SCALE;
      glyphs[i].y = info->geometry.y_offset == 0 ? base_y
                    : base_y + (double) (info->geometry.y_offset) / PANGO_SCALE;
      x_position += info->geometry.width;
      /* Left to right: a cluster is the glyphs that share a byte. */
      if (i == 0 || g->log_clusters[i] != g->log_clusters[i - 1])
        {
          int start = g->log_clusters[i], end = item->length;

          for (int j = i + 1; j < g->num_glyphs; j++)
            if (g->log_clusters[j] != start)
              {
                end = g->log_clusters[j];
                break;
              }
          clusters[n_clusters].num_bytes = end - start;
          clusters[n_clusters].num_glyphs = 0;
          /* 1: a letter, 2: one uppercasing changed (asked only of
           * uppercased text, the one place it is used). */
          if (upper)
            {
              gunichar ch = g_utf8_get_char (utf8 + start);

              kinds[n_clusters] = !g_unichar_isalpha (ch) ? 0 : g_unichar_toupper (ch) != ch ? 2 : 1;
            }
          n_clusters++;
        }
      clusters[n_clusters - 1].num_glyphs++;
    }
  /* Uppercased: a word's letters, where uppercasing changed any, one
   * cluster (its figures and punctuation, which may have glyphs of their
   * own between capitals, keep their characters). */
  if (upper)
    {
      int kept = 0;

      for (int i = 0; i < n_clusters;)
        {
          int j = i, changed = 0;
          cairo_text_cluster_t merged = { 0, 0 };

          while (j < n_clusters && kinds[j] > 0)
            changed |= kinds[j++] == 2;
          if (j > i + 1 && changed)
            {
              for (int k = i; k < j; k++)
                {
                  merged.num_bytes += clusters[k].num_bytes;
                  merged.num_glyphs += clusters[k].num_glyphs;
                }
              clusters[kept++] = merged;
              i = j;
            }
          else
            {
              for (j = MAX (j, i + 1); i < j; i++)
                clusters[kept++] = clusters[i];
            }
        }
      n_clusters = kept;
    }
  g_array_set_size (batch->clusters, first_cluster + (guint) n_clusters);
  /* Plain while every glyph is its own character's, one cairo finds
   * again from the font (not uppercased text, whose capitals stand for
   * lowercase letters). */
  if (batch->plain)
    {
      const guint32 *plain = upper ? NULL : plain_glyphs (batch, item->analysis.font, font);
      int at = 0;

      for (int i = 0; plain && i < g->num_glyphs; i++)
        {
          gunichar ch = (guchar) utf8[at];

          if (ch >= 0x80)
            ch = g_utf8_get_char (utf8 + at);
          if (g->log_clusters[i] != at || ch >= PLAIN_END || plain[ch] != g->glyphs[i].glyph
              || plain[ch] == 0)
            plain = NULL;
          else
            at = (int) (g_utf8_next_char (utf8 + at) - utf8);
        }
      if (!plain || at != item->length)
        batch->plain = FALSE;
    }
  g_string_append_len (batch->utf8, utf8, item->length);
  return TRUE;
}

/* Whether run_glyphs draws @run as Pango would: its attributes are the
 * font's, the text transform, letter spacing, features and a text
 * colour, nothing the renderer draws itself (underlines, backgrounds,
 * shapes, a rise). The colour is returned, or NULL. */
static gboolean
plain_run (const PangoGlyphItem *run, const PangoColor **color)
{
  *color = NULL;
  for (GSList *l = run->item->analysis.extra_attrs; l; l = l->next)
    {
      const PangoAttribute *a = l->data;

      switch ((int) a->klass->type)
        {
        case PANGO_ATTR_FOREGROUND:
          *color = &((const PangoAttrColor *) a)->color;
          break;
        case PANGO_ATTR_TEXT_TRANSFORM:
        case PANGO_ATTR_LETTER_SPACING:
        case PANGO_ATTR_FONT_FEATURES:
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

/* @line's runs from @x0, @y0 (its origin on the baseline) plus @x, @y
 * (Pango units), as Pango's renderer places them, in cairo's source
 * colour or their own, through @batch (flushed at the end, the source as
 * it was); a line with a run run_glyphs cannot draw as Pango would is the
 * renderer's, whole. */
static void
show_line (PdfGlyphBatch *batch, PangoLayoutLine *line, double x0, double y0, int x, int y)
{
  cairo_t *cr = batch->cr;
  const char *text = pango_layout_get_text (line->layout);
  const PangoColor *color;
  double source[3], alpha, own[3];
  /* The source is the caller's ink (a colour: set_rgb), else NULL. */
  const double *ink = cairo_pattern_get_rgba (cairo_get_source (cr), &source[0], &source[1],
                                              &source[2], &alpha) == CAIRO_STATUS_SUCCESS
                      ? source : NULL;
  gboolean recoloured = FALSE;

  for (GSList *l = line->runs; l; l = l->next)
    if (!plain_run (l->data, &color))
      {
        pdf_glyph_batch_flush (batch);
        cairo_move_to (cr, x0 + (double) x / PANGO_SCALE, y0 + (double) y / PANGO_SCALE);
        pango_cairo_show_layout_line (cr, line);
        return;
      }
  for (GSList *l = line->runs; l; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      double bx = x0 + (double) x / PANGO_SCALE, by = y0 + (double) y / PANGO_SCALE;
      const double *rgb = ink;

      plain_run (run, &color);
      if (color)
        {
          own[0] = color->red / 65535.0;
          own[1] = color->green / 65535.0;
          own[2] = color->blue / 65535.0;
          rgb = own;
          recoloured = TRUE;
        }
      if (!run_glyphs (batch, run, text, bx, by, rgb))
        {
          pdf_glyph_batch_flush (batch);
          cairo_save (cr);
          if (color)
            cairo_set_source_rgb (cr, own[0], own[1], own[2]);
          cairo_move_to (cr, bx, by);
          pango_cairo_show_glyph_item (cr, text, run);
          cairo_restore (cr);
        }
      x += pango_glyph_string_get_width (run->glyphs);
    }
  pdf_glyph_batch_flush (batch);
  if (recoloured && ink)
    cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
}

/* Draws @layout from @batch's current point as pango_cairo_show_layout
 * does, its runs given to cairo as run_glyphs gives them. */
void
pdf_text_show_layout (PdfGlyphBatch *batch, PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double x0, y0;

  cairo_get_current_point (batch->cr, &x0, &y0);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      show_line (batch, pango_layout_iter_get_line_readonly (iter), x0, y0, logical.x,
                 pango_layout_iter_get_baseline (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Draws @line from @batch's current point (on its baseline) as
 * pango_cairo_show_layout_line does, its runs as run_glyphs gives them
 * (falling back to Pango's renderer from the first run with more than a
 * colour to it). */
void
pdf_text_show_layout_line (PdfGlyphBatch *batch, PangoLayoutLine *line)
{
  double x0, y0;

  cairo_get_current_point (batch->cr, &x0, &y0);
  show_line (batch, line, x0, y0, 0, 0);
}

/* One run of a line in its own colour (or @rgb), its glyphs from @text,
 * added to @batch (or drawn by Pango's renderer, after what waits). */
static void
draw_run (PdfGlyphBatch *batch, const TextRun *r, const char *text, double x, double baseline,
          const double rgb[3])
{
  cairo_t *cr = batch->cr;
  double ink[3], ox, oy;
  PangoItem item = r->item;
  PangoGlyphItem gi = { &item, (PangoGlyphString *) &r->glyphs, 0, 0, 0 };

  if (r->color)
    {
      const PangoColor *c = &((const PangoAttrColor *) r->color)->color;

      ink[0] = c->red / 65535.0;
      ink[1] = c->green / 65535.0;
      ink[2] = c->blue / 65535.0;
    }
  else
    memcpy (ink, rgb, sizeof ink);
  /* Pango's origin: the point as cairo keeps it (in fixed point). */
  cairo_move_to (cr, x + (double) r->x / PANGO_SCALE, baseline);
  cairo_get_current_point (cr, &ox, &oy);
  if (run_glyphs (batch, &gi, text, ox, oy, ink))
    return;
  pdf_glyph_batch_flush (batch);
  cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
  cairo_move_to (cr, ox, oy);
  item.num_chars = (int) g_utf8_strlen (text + item.offset, item.length);
  pango_cairo_show_glyph_item (cr, text, &gi);
}

/* Adds line @i to @batch with its first glyph at @x (the alignment
 * offset is the caller's: pdf_text_get_line gives it). */
void
pdf_text_draw_line (const PdfText *t, guint i, PdfGlyphBatch *batch, double x, double baseline,
                    const double rgb[3])
{
  const PdfTextLine *line = &t->lines[i];

  for (guint k = 0; k < line->runs->len; k++)
    {
      const TextRun *r = &g_array_index (line->runs, TextRun, k);

      if (r->glyphs.num_glyphs > 0)
        draw_run (batch, r, t->text, x, baseline, rgb);
    }
  if (line->hyphenated)
    draw_run (batch, &line->hyphen, "-", x, baseline, rgb);
}

/* The x (Pango units, from the line's first glyph) where byte @index
 * falls. */
int
pdf_text_index_to_x (const PdfText *t, guint i, guint index)
{
  const PdfTextLine *line = &t->lines[i];
  int x = 0;

  for (guint k = 0; k < line->runs->len; k++)
    {
      const TextRun *r = &g_array_index (line->runs, TextRun, k);
      const PangoGlyphString *g = &r->glyphs;

      x = r->x;
      for (int j = 0; j < g->num_glyphs; j++)
        {
          if ((guint) (r->item.offset + g->log_clusters[j]) >= index)
            return x;
          x += g->glyphs[j].geometry.width;
        }
    }
  return line->width;
}
