/* pdf-own.c: the text's glyphs written into the PDF by prensa, not cairo
 * (text-layer=prensa).
 *
 * cairo 1.16 spends about twice its own floor's time on a book's text
 * (tests/bench: every glyph recorded, replayed twice at the page's end,
 * each position and kern printed with printf, each page deflated on the
 * one thread). This writer takes what PdfGlyphBatch would give cairo
 * (pdf_own_take: a font, a colour, glyphs at their positions, the text
 * and clusters) and writes it itself, as cairo would have drawn it: each
 * page's text a content stream of its own (2-byte glyph codes, the
 * kerning and spacing as TJ numbers in thousandths of an em). The
 * drawing thread only copies each batch; a thread of this file's writes
 * and deflates each page's text while the pages go on.
 *
 * The fonts are Type 0 fonts with Identity-H encoding, one a face: the
 * face subset by HarfBuzz with its glyph numbers kept (so a code is the
 * glyph's number), a TrueType face as a CIDFontType2 (FontFile2), a CFF
 * one as a CIDFontType0 (FontFile3, OpenType: PDF 1.6, which the
 * catalogue's Version then says), widths from its hmtx, and a ToUnicode
 * map from the first text each glyph was shown for; a glyph shown for
 * other text (a capital for a lowercase letter in a label) or text of
 * more than one glyph goes in an ActualText span, as cairo does. A face
 * this cannot write (colour or variable glyphs, CFF2, no outlines) or a
 * synthesized, slanted or transformed font stays with cairo.
 *
 * cairo writes the rest of the page as ever (images, rules, links,
 * outline, metadata), and its output passes through here (pdf_own_tee).
 * Once it has finished, pdf_own_finish appends an incremental update
 * (ISO 32000-1, 7.5.6): the fonts, each page's stream, and each page
 * again with its contents [q, cairo's, Q and the text] and the fonts in
 * its resources, those dictionaries in one object stream and the update
 * listed in a cross-reference stream (7.5.7, 7.5.8: PDF 1.5, which
 * cairo's header says). The text is drawn after cairo's drawing, so on
 * top of what cairo put on the page (backgrounds, the rules under a
 * heading).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

#include <cairo-ft.h>
#include <pango/pangofc-font.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

typedef struct {
  hb_face_t *face;           /* a reference */
  gboolean cff;
  guint n_glyphs;
  int *width;                /* per glyph: its advance, in 1/1000 em */
  guint32 *text_at;          /* per glyph: 1 + its text's offset in @texts, or 0 */
  GString *texts;            /* each text NUL-ended */
  guint8 *used;              /* a bit a glyph */
  guint number;              /* its resource name: /pf<number> */
  guint type0;               /* its object, once written */
} OwnFace;

typedef struct {
  OwnFace *face;             /* NULL: the font stays with cairo */
  double size;
} OwnFont;

typedef struct {
  guint page;
  GByteArray *records;       /* the page's batches (Record), for the thread */
  GBytes *packed;            /* the thread's: the page's text, deflated */
} OwnPage;

/* A batch of glyphs as pdf_own_take is given it, copied for the thread
 * that writes and deflates the page: this, then the glyphs
 * (cairo_glyph_t), the clusters (cairo_text_cluster_t) and the text, each
 * padded to 8 bytes. */
typedef struct {
  OwnFace *face;
  double size;
  double rgb[3];
  gint32 n_glyphs, n_clusters, utf8_len;
  gint32 pad;
} Record;

#define PAD8(n) (((n) + 7) & ~(gsize) 7)

/* The state of the text object being written into the page, kept from
 * one batch to the next (a font or colour is set only when it changes,
 * a glyph on the line being written goes on without a new position). */
typedef struct {
  GString *s;                /* NULL: no text on the page yet */
  OwnFace *face;             /* the font set, or NULL */
  double size;
  double rgb[3];
  gboolean has_rgb;
  gboolean in_array;         /* inside the array of a TJ */
  gboolean on_line;
  double lx, ly;             /* the line's start (Td moves from it) */
  double x, y;               /* where the next glyph goes as things stand */
} Writer;

struct _PdfOwn {
  double height;
  GByteArray *tee;           /* cairo's output, but for its streams' bodies */
  gsize teed;                /* the length of cairo's output */
  GArray *gaps;              /* Gap: the bodies not kept, in order */
  gboolean in_stream;        /* @tee ends on a stream's "stream" line */
  GHashTable *fonts;         /* cairo_scaled_font_t -> OwnFont (the font is held) */
  GHashTable *faces;         /* "file\nindex" -> OwnFace, or NULL */
  GPtrArray *face_list;      /* OwnFace, in the order first shown */
  guint page;                /* the page being drawn, from 0 */
  GByteArray *records;       /* its batches (Record), or NULL */
  GPtrArray *pages;          /* OwnPage, in page order */
  GThreadPool *pool;         /* deflates OwnPage */
  GMutex lock;
  GCond done_cond;
  guint pending;
  gboolean broken;           /* deflate failed */
};

/* A piece of cairo's output not kept in the tee: a stream's body. */
typedef struct {
  gsize at;                  /* where it starts in cairo's output */
  gsize before;              /* bytes dropped before it */
  gsize length;
} Gap;

static cairo_user_data_key_t own_key;

/* Whether glyph @g of @f has been shown. */
static inline gboolean
glyph_used (const OwnFace *f, guint g)
{
  return (f->used[g / 8] & (1u << (g % 8))) != 0;
}

static void
face_free (gpointer data)
{
  OwnFace *f = data;

  hb_face_destroy (f->face);
  g_free (f->width);
  g_free (f->text_at);
  g_string_free (f->texts, TRUE);
  g_free (f->used);
  g_free (f);
}

/* Level 4, not zlib's default 6: on the benchmark's book the text's
 * streams come out 4% larger (the file 1.7%), and the PDF 11% sooner,
 * the deflating thread taking less of the second core from the thread
 * that breaks paragraphs. */
#define DEFLATE_LEVEL 4

static GBytes *
deflate_bytes (const char *data, gsize len)
{
  uLongf size = compressBound ((uLong) len);
  guint8 *out = g_malloc (size);

  if (compress2 (out, &size, (const Bytef *) data, (uLong) len, DEFLATE_LEVEL) != Z_OK)
    {
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (g_realloc (out, size), size);
}

static GString *page_text (PdfOwn *own, GByteArray *records);

/* On the thread: the page's text written and deflated. */
static void
write_page (gpointer data, gpointer user_data)
{
  OwnPage *page = data;
  PdfOwn *own = user_data;
  GString *text = page_text (own, page->records);
  GBytes *packed = deflate_bytes (text->str, text->len);

  g_string_free (text, TRUE);
  g_mutex_lock (&own->lock);
  g_byte_array_unref (page->records);
  page->records = NULL;
  page->packed = packed;
  if (!packed)
    own->broken = TRUE;
  own->pending--;
  g_cond_signal (&own->done_cond);
  g_mutex_unlock (&own->lock);
}

static void
page_free (gpointer data)
{
  OwnPage *page = data;

  g_clear_pointer (&page->records, g_byte_array_unref);
  g_clear_pointer (&page->packed, g_bytes_unref);
  g_free (page);
}

PdfOwn *
pdf_own_new (double height)
{
  PdfOwn *own = g_new0 (PdfOwn, 1);

  own->height = height;
  own->tee = g_byte_array_sized_new (1 << 20);
  own->gaps = g_array_new (FALSE, FALSE, sizeof (Gap));
  own->fonts = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) cairo_scaled_font_destroy,
                                      g_free);
  own->faces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  own->face_list = g_ptr_array_new_with_free_func (face_free);
  own->pages = g_ptr_array_new_with_free_func (page_free);
  g_mutex_init (&own->lock);
  g_cond_init (&own->done_cond);
  own->pool = g_thread_pool_new (write_page, own, 1, FALSE, NULL);
  return own;
}

static void
wait_pages (PdfOwn *own)
{
  g_mutex_lock (&own->lock);
  while (own->pending > 0)
    g_cond_wait (&own->done_cond, &own->lock);
  g_mutex_unlock (&own->lock);
}

void
pdf_own_free (PdfOwn *own)
{
  if (!own)
    return;
  g_thread_pool_free (own->pool, FALSE, TRUE);
  g_clear_pointer (&own->records, g_byte_array_unref);
  g_ptr_array_unref (own->pages);
  g_hash_table_unref (own->fonts);
  g_hash_table_unref (own->faces);
  g_ptr_array_unref (own->face_list);
  g_byte_array_unref (own->tee);
  g_array_unref (own->gaps);
  g_mutex_clear (&own->lock);
  g_cond_clear (&own->done_cond);
  g_free (own);
}

void
pdf_own_attach (PdfOwn *own, cairo_t *cr)
{
  cairo_set_user_data (cr, &own_key, own, NULL);
}

/* The first @what in @from .. @end, or NULL. */
static const char *
find (const char *from, const char *end, const char *what)
{
  gsize n = strlen (what);

  for (const char *p = from; p + n <= end; p++)
    if (*p == *what && memcmp (p, what, n) == 0)
      return p;
  return NULL;
}

/* Keeps what the update will read of cairo's output: everything but the
 * bodies of its streams (content, images, fonts), which are most of it.
 * cairo writes a stream's dictionary and "stream" line in one piece and
 * its body in pieces of its own, "endstream" starting the next; a piece
 * after a "stream" line that does not start so, and holds no "endstream"
 * near its end, is body, and only its length is kept. Anything else is
 * kept whole, so a stream written otherwise costs memory, not
 * correctness. */
void
pdf_own_tee (PdfOwn *own, const unsigned char *data, unsigned int length)
{
  const char *piece = (const char *) data, *kept;
  gsize n;

  if (own->in_stream && length >= 64 && !find (piece, piece + 16, "endstream")
      && !find (piece + length - 64, piece + length, "endstream"))
    {
      Gap *last = own->gaps->len > 0 ? &g_array_index (own->gaps, Gap, own->gaps->len - 1) : NULL;

      if (last && last->at + last->length == own->teed)
        last->length += length;
      else
        {
          Gap gap = { own->teed, own->teed - own->tee->len, length };

          g_array_append_val (own->gaps, gap);
        }
      own->teed += length;
      return;
    }
  g_byte_array_append (own->tee, data, length);
  own->teed += length;
  /* The tee ends on a "stream" line (not "endstream"), its end of line
   * "\n" or "\r\n". */
  kept = (const char *) own->tee->data;
  n = own->tee->len;
  if (n > 0 && kept[n - 1] == '\n')
    n -= n > 1 && kept[n - 2] == '\r' ? 2 : 1;
  own->in_stream = n < own->tee->len && n >= 6 && memcmp (kept + n - 6, "stream", 6) == 0
                   && (n < 9 || memcmp (kept + n - 9, "end", 3) != 0);
}

/* Where offset @at of cairo's output is in the tee, or FALSE if it
 * falls in a body not kept (or past the end). */
static gboolean
tee_offset (const PdfOwn *own, gsize at, gsize *kept)
{
  guint lo = 0, hi = own->gaps->len;
  gsize before = 0;

  if (at >= own->teed)
    return FALSE;
  /* The last gap starting at or before @at. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (own->gaps, Gap, mid).at <= at)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0)
    {
      const Gap *g = &g_array_index (own->gaps, Gap, lo - 1);

      if (at < g->at + g->length)
        return FALSE;
      before = g->before + g->length;
    }
  *kept = at - before;
  return TRUE;
}

/* The page's text, if any, to the thread. */
static void
end_page (PdfOwn *own)
{
  OwnPage *page;

  if (!own->records)
    return;
  page = g_new0 (OwnPage, 1);
  page->page = own->page;
  page->records = own->records;
  own->records = NULL;
  g_ptr_array_add (own->pages, page);
  g_mutex_lock (&own->lock);
  own->pending++;
  g_mutex_unlock (&own->lock);
  g_thread_pool_push (own->pool, page, NULL);
}

void
pdf_own_show_page (cairo_t *cr)
{
  PdfOwn *own = cairo_get_user_data (cr, &own_key);

  if (own && own->records)
    {
      /* A mark too small to see, for cairo: a page it has drawn nothing
       * on is one it does not replay, and its links and destinations
       * would be lost. */
      cairo_save (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, 0.01, 0.01);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_show_page (cr);
  if (!own)
    return;
  end_page (own);
  own->page++;
}

static gboolean
has_table (hb_face_t *face, hb_tag_t tag)
{
  hb_blob_t *blob = hb_face_reference_table (face, tag);
  gboolean has = hb_blob_get_length (blob) > 0;

  hb_blob_destroy (blob);
  return has;
}

/* CFF (Adobe TN 5176): an INDEX at @at, its @count, the start of its
 * first element's data and the end of the INDEX, FALSE where it runs
 * past @len. */
static gboolean
cff_index (const guint8 *d, gsize len, gsize at, guint *count, gsize *first, gsize *last,
           gsize *end)
{
  guint size;
  gsize offsets, data;

  if (at + 2 > len)
    return FALSE;
  *count = (guint) d[at] << 8 | d[at + 1];
  if (*count == 0)
    {
      *first = *last = *end = at + 2;
      return TRUE;
    }
  if (at + 3 > len || (size = d[at + 2]) < 1 || size > 4)
    return FALSE;
  offsets = at + 3;
  data = offsets + (gsize) (*count + 1) * size - 1;
  if (data > len)
    return FALSE;
  *first = *last = *end = data;
  for (guint i = 0; i <= *count; i++)
    {
      gsize v = 0;

      for (guint k = 0; k < size; k++)
        v = v << 8 | d[offsets + (gsize) i * size + k];
      if (i == 1)
        *last = data + v;
      if (i == *count)
        *end = data + v;
      if (i == 0)
        *first = data + v;
    }
  return *first <= *last && *last <= *end && *end <= len;
}

/* Whether the face's CFF gives each glyph its own number as its CID: so
 * for a font that is not CID-keyed (no ROS in its Top DICT: CIDs are
 * glyph numbers), and for a CID-keyed one whose charset is the identity.
 * A PDF reader finds a CID-keyed font's glyphs by CID through its
 * charset, and the layer's codes are glyph numbers. */
static gboolean
cff_cids_are_glyphs (hb_face_t *face)
{
  hb_blob_t *blob = hb_face_reference_table (face, HB_TAG ('C', 'F', 'F', ' '));
  unsigned int len32;
  const guint8 *d = (const guint8 *) hb_blob_get_data (blob, &len32);
  gsize len = len32, at, top, top_end, dummy;
  guint count, n_glyphs = hb_face_get_glyph_count (face);
  gboolean ros = FALSE, ok = FALSE;
  long operands[48], charset = 0;
  int n = 0;

  if (len < 4 || !cff_index (d, len, d[2], &count, &dummy, &dummy, &at)
      || !cff_index (d, len, at, &count, &top, &top_end, &dummy) || count < 1)
    goto out;
  for (at = top; at < top_end;)
    {
      guint b = d[at++];

      if (b == 28 && at + 2 <= top_end)
        operands[n++ % 48] = (gint16) (d[at] << 8 | d[at + 1]), at += 2;
      else if (b == 29 && at + 4 <= top_end)
        operands[n++ % 48] = (gint32) ((guint32) d[at] << 24 | (guint32) d[at + 1] << 16
                                       | (guint32) d[at + 2] << 8 | d[at + 3]), at += 4;
      else if (b == 30)
        {
          while (at < top_end && (d[at] & 0x0F) != 0x0F && (d[at] & 0xF0) != 0xF0)
            at++;
          at++;
          operands[n++ % 48] = 0;
        }
      else if (b >= 32 && b <= 246)
        operands[n++ % 48] = (long) b - 139;
      else if (b >= 247 && b <= 250 && at < top_end)
        operands[n++ % 48] = ((long) b - 247) * 256 + d[at++] + 108;
      else if (b >= 251 && b <= 254 && at < top_end)
        operands[n++ % 48] = -((long) b - 251) * 256 - d[at++] - 108;
      else
        {
          /* An operator: 12 30 is ROS, 15 the charset's offset. */
          if (b == 12 && at < top_end && d[at++] == 30)
            ros = TRUE;
          else if (b == 15 && n > 0)
            charset = operands[(n - 1) % 48];
          n = 0;
        }
    }
  if (!ros)
    {
      ok = TRUE;
      goto out;
    }
  /* charset formats 0, 1 and 2: the CIDs of glyphs 1 on. */
  if (charset <= 2 || (gsize) charset >= len)
    goto out;
  at = (gsize) charset + 1;
  ok = TRUE;
  if (d[charset] == 0)
    {
      for (guint g = 1; g < n_glyphs && ok; g++, at += 2)
        ok = at + 2 <= len && ((guint) d[at] << 8 | d[at + 1]) == g;
    }
  else if (d[charset] == 1 || d[charset] == 2)
    {
      for (guint g = 1; g < n_glyphs && ok;)
        {
          guint first, left;
          gsize step = d[charset] == 1 ? 3 : 4;

          if (at + step > len)
            {
              ok = FALSE;
              break;
            }
          first = (guint) d[at] << 8 | d[at + 1];
          left = d[charset] == 1 ? d[at + 2] : ((guint) d[at + 2] << 8 | d[at + 3]);
          ok = first == g;
          g += left + 1;
          at += step;
        }
    }
  else
    ok = FALSE;

out:
  hb_blob_destroy (blob);
  return ok;
}

/* The face of @font, made the first time it is shown, or NULL where it
 * stays with cairo. */
static OwnFace *
face_of (PdfOwn *own, PangoFont *font)
{
  FcPattern *pattern;
  FcChar8 *file = NULL;
  int index = 0;
  char *key;
  OwnFace *f;
  hb_face_t *face;
  hb_font_t *hb;

  /* By file: cairo opens and closes FreeType faces as it likes, and
   * each thread's font map has its own HarfBuzz faces. */
  if (!PANGO_IS_FC_FONT (font) || !(pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font)))
      || FcPatternGetString (pattern, FC_FILE, 0, &file) != FcResultMatch)
    return NULL;
  FcPatternGetInteger (pattern, FC_INDEX, 0, &index);
  key = g_strdup_printf ("%s\n%d", (const char *) file, index);
  if (g_hash_table_lookup_extended (own->faces, key, NULL, (gpointer *) &f))
    {
      g_free (key);
      return f;
    }
  face = hb_font_get_face (pango_font_get_hb_font (font));
  if (!face || hb_face_get_glyph_count (face) == 0 || hb_face_get_upem (face) == 0
      || (!has_table (face, HB_TAG ('g', 'l', 'y', 'f'))
          && !has_table (face, HB_TAG ('C', 'F', 'F', ' ')))
      || has_table (face, HB_TAG ('C', 'F', 'F', '2')) || hb_ot_var_has_data (face)
      || hb_ot_color_has_layers (face) || hb_ot_color_has_png (face)
      || hb_ot_color_has_svg (face)
      || (has_table (face, HB_TAG ('C', 'F', 'F', ' ')) && !cff_cids_are_glyphs (face)))
    {
      g_hash_table_insert (own->faces, key, NULL);
      return NULL;
    }
  f = g_new0 (OwnFace, 1);
  f->face = hb_face_reference (face);
  f->cff = has_table (face, HB_TAG ('C', 'F', 'F', ' '));
  f->n_glyphs = hb_face_get_glyph_count (face);
  f->width = g_new (int, f->n_glyphs);
  f->text_at = g_new0 (guint32, f->n_glyphs);
  f->texts = g_string_new (NULL);
  f->used = g_new0 (guint8, (f->n_glyphs + 7) / 8);
  f->number = own->face_list->len;
  hb = hb_font_create (face);
  for (guint g = 0; g < f->n_glyphs; g++)
    {
      hb_position_t advance = hb_font_get_glyph_h_advance (hb, g);

      f->width[g] = (int) ((double) advance * 1000 / hb_face_get_upem (face)
                           + (advance >= 0 ? 0.5 : -0.5));
    }
  hb_font_destroy (hb);
  g_hash_table_insert (own->faces, key, f);
  g_ptr_array_add (own->face_list, f);
  return f;
}

static OwnFont *
font_of (PdfOwn *own, cairo_scaled_font_t *scaled, PangoFont *font)
{
  OwnFont *o = g_hash_table_lookup (own->fonts, scaled);
  cairo_matrix_t m, ctm;

  if (o)
    return o;
  o = g_new0 (OwnFont, 1);
  cairo_scaled_font_get_font_matrix (scaled, &m);
  cairo_scaled_font_get_ctm (scaled, &ctm);
  if (font && cairo_scaled_font_get_type (scaled) == CAIRO_FONT_TYPE_FT
      && m.xy == 0 && m.yx == 0 && m.xx > 0 && m.xx == m.yy && m.x0 == 0 && m.y0 == 0
      && ctm.xx == 1 && ctm.yy == 1 && ctm.xy == 0 && ctm.yx == 0
      && cairo_ft_font_face_get_synthesize (cairo_scaled_font_get_font_face (scaled)) == 0)
    {
      o->face = face_of (own, font);
      o->size = m.xx;
    }
  g_hash_table_insert (own->fonts, cairo_scaled_font_reference (scaled), o);
  return o;
}

/* Files @text as glyph @g's where it has none; FALSE where it has
 * another. */
static gboolean
map_glyph (OwnFace *f, guint g, const char *text, int len)
{
  guint32 at = f->text_at[g];

  if (at == 0)
    {
      f->text_at[g] = (guint32) f->texts->len + 1;
      g_string_append_len (f->texts, text, len);
      g_string_append_c (f->texts, '\0');
      return TRUE;
    }
  return strncmp (f->texts->str + at - 1, text, (size_t) len) == 0
         && f->texts->str[at - 1 + (guint32) len] == '\0';
}

static const char hex[] = "0123456789ABCDEF";

static void
append_int (GString *s, long v)
{
  char buf[24];
  int n = 0;
  unsigned long u = v < 0 ? (unsigned long) -v : (unsigned long) v;

  do
    buf[n++] = (char) ('0' + u % 10);
  while ((u /= 10) > 0);
  if (v < 0)
    g_string_append_c (s, '-');
  while (n > 0)
    g_string_append_c (s, buf[--n]);
}

/* A length with at most 3 decimals, as few as it needs. */
static void
append_num (GString *s, double v)
{
  long milli = (long) (v * 1000 + (v >= 0 ? 0.5 : -0.5));
  long whole = labs (milli) / 1000, frac = labs (milli) % 1000;

  if (milli < 0)
    g_string_append_c (s, '-');
  append_int (s, whole);
  if (frac)
    {
      g_string_append_c (s, '.');
      g_string_append_c (s, (char) ('0' + frac / 100));
      if (frac % 100)
        {
          g_string_append_c (s, (char) ('0' + frac / 10 % 10));
          if (frac % 10)
            g_string_append_c (s, (char) ('0' + frac % 10));
        }
    }
}

static void
append_utf16_hex (GString *s, const char *text, int len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar units[2] = { c, 0 };
      int n = 1;

      if (c >= 0x10000)
        {
          units[0] = 0xD800 + ((c - 0x10000) >> 10);
          units[1] = 0xDC00 + ((c - 0x10000) & 0x3FF);
          n = 2;
        }
      for (int i = 0; i < n; i++)
        for (int shift = 12; shift >= 0; shift -= 4)
          g_string_append_c (s, hex[(units[i] >> shift) & 0xF]);
    }
}


static void
close_array (Writer *w)
{
  if (w->in_array)
    {
      g_string_append (w->s, ")]TJ\n");
      w->in_array = FALSE;
    }
}

/* A byte of a glyph code in a literal string: escaped where the string
 * would end or a reader would take it for an end of line. */
static inline void
put_code_byte (GString *s, guint byte)
{
  switch (byte)
    {
    case '(':
    case ')':
    case '\\':
      g_string_append_c (s, '\\');
      g_string_append_c (s, (char) byte);
      break;
    case '\r':
      g_string_append (s, "\\r");
      break;
    default:
      g_string_append_c (s, (char) byte);
    }
}

static void
new_line (Writer *w, const cairo_glyph_t *g)
{
  GString *s = w->s;

  close_array (w);
  if (w->on_line)
    {
      append_num (s, g->x - w->lx);
      g_string_append_c (s, ' ');
      append_num (s, w->ly - g->y);
      g_string_append (s, " Td\n");
    }
  else
    {
      g_string_append (s, "1 0 0 -1 ");
      append_num (s, g->x);
      g_string_append_c (s, ' ');
      append_num (s, g->y);
      g_string_append (s, " Tm\n");
    }
  /* Where the reader puts the line is where the numbers written put it:
   * to the thousandth of a point. */
  w->lx = w->on_line ? w->lx + floor ((g->x - w->lx) * 1000 + 0.5) / 1000
                     : floor (g->x * 1000 + 0.5) / 1000;
  w->ly = w->on_line ? w->ly - floor ((w->ly - g->y) * 1000 + 0.5) / 1000
                     : floor (g->y * 1000 + 0.5) / 1000;
  w->on_line = TRUE;
  w->x = w->lx;
  w->y = g->y;
}

static void
put_glyph (Writer *w, const OwnFace *f, double size, const cairo_glyph_t *g)
{
  GString *s = w->s;
  double dx;
  long kern;

  if (!w->on_line || g->y != w->y || fabs (g->x - w->x) > size * 20)
    new_line (w, g);
  dx = g->x - w->x;
  kern = (long) floor (-dx * 1000 / size + 0.5);
  if (!w->in_array)
    {
      g_string_append (s, "[(");
      w->in_array = TRUE;
    }
  if (kern != 0)
    {
      g_string_append_c (s, ')');
      append_int (s, kern);
      g_string_append_c (s, '(');
      w->x -= (double) kern * size / 1000;
    }
  put_code_byte (s, (g->index >> 8) & 0xFF);
  put_code_byte (s, g->index & 0xFF);
  w->x += (double) f->width[g->index] * size / 1000;
}

/* One batch written into the page's text. */
static void
write_batch (Writer *w, const Record *r)
{
  OwnFace *f = r->face;
  const cairo_glyph_t *glyphs = (const cairo_glyph_t *) (const void *) (r + 1);
  const cairo_text_cluster_t *clusters =
    (const cairo_text_cluster_t *) (const void *) (glyphs + r->n_glyphs);
  const char *utf8 = (const char *) (clusters + r->n_clusters);
  int at = 0, bytes = 0;

  if (w->face != f || w->size != r->size)
    {
      close_array (w);
      g_string_append_printf (w->s, "/pf%u ", f->number);
      append_num (w->s, r->size);
      g_string_append (w->s, " Tf\n");
      w->face = f;
      w->size = r->size;
    }
  if (!w->has_rgb || memcmp (w->rgb, r->rgb, sizeof w->rgb) != 0)
    {
      close_array (w);
      for (int i = 0; i < 3; i++)
        {
          append_num (w->s, r->rgb[i]);
          g_string_append_c (w->s, ' ');
        }
      g_string_append (w->s, "rg\n");
      memcpy (w->rgb, r->rgb, sizeof w->rgb);
      w->has_rgb = TRUE;
    }
  for (int c = 0; c < r->n_clusters; c++)
    {
      const cairo_glyph_t *g = glyphs + at;
      const char *text = utf8 + bytes;
      int len = clusters[c].num_bytes, n = clusters[c].num_glyphs;
      gboolean span = n != 1 || len == 0 || !map_glyph (f, g->index, text, len);

      for (int i = 0; i < n; i++)
        f->used[g[i].index / 8] |= (guint8) (1u << (g[i].index % 8));
      if (span)
        {
          /* The glyphs' text as written, whatever their own map says. */
          close_array (w);
          g_string_append (w->s, "/Span<</ActualText<FEFF");
          append_utf16_hex (w->s, text, len);
          g_string_append (w->s, ">>>BDC\n");
        }
      for (int i = 0; i < n; i++)
        put_glyph (w, f, r->size, g + i);
      if (span)
        {
          close_array (w);
          g_string_append (w->s, "EMC\n");
        }
      at += n;
      bytes += len;
    }
}

/* On the thread: the page's text from its batches. The faces' maps of
 * glyphs to text are the thread's alone until it is done (wait_pages). */
static GString *
page_text (PdfOwn *own, GByteArray *records)
{
  Writer w;
  gsize at = 0;

  memset (&w, 0, sizeof w);
  w.s = g_string_sized_new (records->len / 2 + 64);
  g_string_append (w.s, "Q\n1 0 0 -1 0 ");
  append_num (w.s, own->height);
  g_string_append (w.s, " cm\nBT\n");
  while (at < records->len)
    {
      const Record *r = (const Record *) (const void *) (records->data + at);

      write_batch (&w, r);
      at += sizeof *r + PAD8 (sizeof (cairo_glyph_t) * (gsize) r->n_glyphs)
            + PAD8 (sizeof (cairo_text_cluster_t) * (gsize) r->n_clusters)
            + PAD8 ((gsize) r->utf8_len);
    }
  close_array (&w);
  g_string_append (w.s, "ET\n");
  return w.s;
}

gboolean
pdf_own_take (cairo_t *cr, cairo_scaled_font_t *scaled, PangoFont *font, const double *rgb,
              const cairo_glyph_t *glyphs, int n_glyphs,
              const cairo_text_cluster_t *clusters, int n_clusters, const char *utf8)
{
  PdfOwn *own = cairo_get_user_data (cr, &own_key);
  OwnFont *o;
  OwnFace *f;
  double colour[4];
  cairo_matrix_t m;
  Record r;
  gsize glyph_bytes, cluster_bytes, len, at;
  guint8 *p;

  if (!own || n_glyphs == 0)
    return FALSE;
  o = font_of (own, scaled, font);
  f = o->face;
  if (!f)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 || m.x0 != 0 || m.y0 != 0)
    return FALSE;
  if (rgb)
    {
      memcpy (colour, rgb, 3 * sizeof (double));
      colour[3] = 1;
    }
  else if (cairo_pattern_get_rgba (cairo_get_source (cr), &colour[0], &colour[1], &colour[2],
                                   &colour[3]) != CAIRO_STATUS_SUCCESS || colour[3] != 1)
    return FALSE;
  for (int i = 0; i < n_glyphs; i++)
    if (glyphs[i].index >= f->n_glyphs)
      return FALSE;
  memset (&r, 0, sizeof r);
  r.face = f;
  r.size = o->size;
  memcpy (r.rgb, colour, sizeof r.rgb);
  r.n_glyphs = n_glyphs;
  r.n_clusters = n_clusters;
  for (int c = 0; c < n_clusters; c++)
    r.utf8_len += clusters[c].num_bytes;
  glyph_bytes = sizeof (cairo_glyph_t) * (gsize) n_glyphs;
  cluster_bytes = sizeof (cairo_text_cluster_t) * (gsize) n_clusters;
  if (!own->records)
    own->records = g_byte_array_sized_new (64 * 1024);
  at = own->records->len;
  len = sizeof r + PAD8 (glyph_bytes) + PAD8 (cluster_bytes) + PAD8 ((gsize) r.utf8_len);
  g_byte_array_set_size (own->records, (guint) (at + len));
  p = own->records->data + at;
  memcpy (p, &r, sizeof r);
  memcpy (p + sizeof r, glyphs, glyph_bytes);
  memcpy (p + sizeof r + PAD8 (glyph_bytes), clusters, cluster_bytes);
  memcpy (p + sizeof r + PAD8 (glyph_bytes) + PAD8 (cluster_bytes), utf8, (size_t) r.utf8_len);
  return TRUE;
}

/* The incremental update, as it is written: streams straight to @out,
 * the other objects (dictionaries) into one object stream, @dicts (PDF
 * 1.5), listed with the rest in a cross-reference stream. */
typedef struct {
  GString *out;
  gsize base;                /* the file's length before it */
  GArray *numbers;           /* guint: the streams written, */
  GArray *offsets;           /* gsize: and where each starts */
  GString *dicts;            /* the object stream's objects */
  GArray *dict_numbers;      /* guint: their numbers, */
  GArray *dict_offsets;      /* gsize: and where each starts in @dicts */
  guint next;                /* the next new object's number */
} Update;

static void
begin_obj (Update *u, guint number)
{
  gsize at = u->base + u->out->len;

  g_array_append_val (u->numbers, number);
  g_array_append_val (u->offsets, at);
  g_string_append_printf (u->out, "%u 0 obj\n", number);
}

/* A row of the cross-reference stream. */
typedef struct {
  guint number;
  guint type;                /* 0 free, 1 at an offset, 2 in the object stream */
  guint64 field2;            /* the next free object, the offset, the object stream */
  guint field3;              /* the generation, or the index in the object stream */
} XrefEntry;

/* Object @number, a dictionary: what is appended to the string given
 * back, up to the next begin_dict or the end. */
static GString *
begin_dict (Update *u, guint number)
{
  gsize at;

  if (u->dicts->len > 0)
    g_string_append_c (u->dicts, '\n');
  at = u->dicts->len;
  g_array_append_val (u->dict_numbers, number);
  g_array_append_val (u->dict_offsets, at);
  return u->dicts;
}

static guint
new_dict (Update *u)
{
  guint number = u->next++;

  begin_dict (u, number);
  return number;
}

/* A stream object, deflated; @dict the entries besides Length and
 * Filter. */
static void
put_stream (Update *u, guint number, const char *dict, GBytes *packed)
{
  gsize len;
  const char *data = g_bytes_get_data (packed, &len);

  begin_obj (u, number);
  g_string_append_printf (u->out, "<< /Length %" G_GSIZE_FORMAT " /Filter /FlateDecode%s%s >>\nstream\n",
                          len, dict ? " " : "", dict ? dict : "");
  g_string_append_len (u->out, data, (gssize) len);
  g_string_append (u->out, "\nendstream\nendobj\n");
}

/* The face's PostScript name, letters, digits and hyphens only. */
static char *
ps_name (OwnFace *f)
{
  char buf[128];
  unsigned int size = sizeof buf;
  GString *name = g_string_new (NULL);

  if (hb_ot_name_get_utf8 (f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID,
                           &size, buf) > 0)
    for (const char *p = buf; *p; p++)
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        g_string_append_c (name, *p);
  if (name->len == 0)
    g_string_append_printf (name, "Font%u", f->number);
  return g_string_free (name, FALSE);
}

/* Six capitals that name the subset, from what it holds (the same
 * document gives the same bytes). */
static void
subset_tag (OwnFace *f, const char *name, char tag[7])
{
  guint32 h = g_str_hash (name);

  for (guint i = 0; i < (f->n_glyphs + 7) / 8; i++)
    h = h * 31 + f->used[i];
  for (int i = 0; i < 6; i++)
    {
      tag[i] = (char) ('A' + h % 26);
      h /= 26;
      if (i == 3)
        h ^= h * 2654435761u;
    }
  tag[6] = '\0';
}

/* Lowest code each used glyph has in the face's character map, for a
 * glyph shown only inside ActualText (or never mapped). */
static void
fill_from_cmap (OwnFace *f)
{
  hb_set_t *codes = hb_set_create ();
  hb_font_t *font = hb_font_create (f->face);
  hb_codepoint_t c = HB_SET_VALUE_INVALID;

  hb_face_collect_unicodes (f->face, codes);
  while (hb_set_next (codes, &c))
    {
      hb_codepoint_t g = 0;
      char utf8[8];
      int len;

      if (!hb_font_get_nominal_glyph (font, c, &g) || g >= f->n_glyphs || f->text_at[g] != 0 || !glyph_used (f, g))
        continue;
      len = g_unichar_to_utf8 (c, utf8);
      map_glyph (f, g, utf8, len);
    }
  hb_font_destroy (font);
  hb_set_destroy (codes);
}

static GBytes *
to_unicode (OwnFace *f)
{
  GString *s = g_string_new ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                             "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                             "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  GString *block = g_string_new (NULL);
  guint n = 0;
  GBytes *packed;

  for (guint g = 0; g <= f->n_glyphs; g++)
    {
      if (n == 100 || (g == f->n_glyphs && n > 0))
        {
          g_string_append_printf (s, "%u beginbfchar\n%sendbfchar\n", n, block->str);
          g_string_truncate (block, 0);
          n = 0;
        }
      if (g == f->n_glyphs || f->text_at[g] == 0 || !glyph_used (f, g))
        continue;
      g_string_append_printf (block, "<%04X> <", g);
      {
        const char *text = f->texts->str + f->text_at[g] - 1;

        append_utf16_hex (block, text, (int) strlen (text));
      }
      g_string_append (block, ">\n");
      n++;
    }
  g_string_append (s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  packed = deflate_bytes (s->str, s->len);
  g_string_free (s, TRUE);
  g_string_free (block, TRUE);
  return packed;
}

static int
scaled_metric (OwnFace *f, hb_font_t *font, hb_ot_metrics_tag_t tag, int fallback)
{
  hb_position_t v;

  if (!hb_ot_metrics_get_position (font, tag, &v))
    return fallback;
  return (int) lround ((double) v * 1000 / hb_face_get_upem (f->face));
}

/* The face's five objects: font program, descriptor, CIDFont, ToUnicode
 * and the Type 0 font, whose number goes to f->type0. */
static gboolean
write_face (Update *u, OwnFace *f, GError **error)
{
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_set_t *glyphs;
  hb_face_t *subset;
  hb_blob_t *blob;
  hb_font_t *font;
  GBytes *program, *cmap;
  unsigned int len;
  const char *data;
  g_autofree char *name = ps_name (f);
  char tag[7];
  guint file, descriptor, cid, unicode, dw = 0;
  hb_glyph_extents_t box = { 0, 0, 0, 0 };
  gboolean first = TRUE;
  int upem = (int) hb_face_get_upem (f->face);
  hb_blob_t *head;
  const guint8 *h;

  if (!input)
    goto fail;
  glyphs = hb_subset_input_glyph_set (input);
  hb_set_add (glyphs, 0);
  for (guint g = 0; g < f->n_glyphs; g++)
    if (glyph_used (f, g))
      hb_set_add (glyphs, g);
  /* Only what drawing needs: the glyphs' outlines and metrics. */
  hb_set_clear (hb_subset_input_unicode_set (input));
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING
                                    | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
  {
    static const hb_tag_t drop[] = {
      HB_TAG ('G', 'S', 'U', 'B'), HB_TAG ('G', 'P', 'O', 'S'), HB_TAG ('G', 'D', 'E', 'F'),
      HB_TAG ('k', 'e', 'r', 'n'), HB_TAG ('n', 'a', 'm', 'e'), HB_TAG ('B', 'A', 'S', 'E'),
      HB_TAG ('J', 'S', 'T', 'F'), HB_TAG ('M', 'A', 'T', 'H'), HB_TAG ('D', 'S', 'I', 'G'),
    };
    hb_set_t *tables = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);

    for (gsize i = 0; i < G_N_ELEMENTS (drop); i++)
      hb_set_add (tables, drop[i]);
  }
  subset = hb_subset_or_fail (f->face, input);
  hb_subset_input_destroy (input);
  if (!subset)
    goto fail;
  /* The codes written are glyph numbers: the subset's CIDs must be too. */
  if (f->cff && !cff_cids_are_glyphs (subset))
    {
      hb_face_destroy (subset);
      goto fail;
    }
  blob = hb_face_reference_blob (subset);
  hb_face_destroy (subset);
  data = hb_blob_get_data (blob, &len);
  program = len > 0 ? deflate_bytes (data, len) : NULL;
  if (!program)
    {
      hb_blob_destroy (blob);
      goto fail;
    }
  file = u->next++;
  if (f->cff)
    put_stream (u, file, "/Subtype /OpenType", program);
  else
    {
      g_autofree char *dict = g_strdup_printf ("/Length1 %u", len);

      put_stream (u, file, dict, program);
    }
  g_bytes_unref (program);
  hb_blob_destroy (blob);

  fill_from_cmap (f);
  cmap = to_unicode (f);
  if (!cmap)
    goto fail;
  unicode = u->next++;
  put_stream (u, unicode, NULL, cmap);
  g_bytes_unref (cmap);

  subset_tag (f, name, tag);
  font = hb_font_create (f->face);
  head = hb_face_reference_table (f->face, HB_TAG ('h', 'e', 'a', 'd'));
  h = (const guint8 *) hb_blob_get_data (head, &len);
  if (len >= 44)
    {
      /* head: xMin, yMin, xMax, yMax at 36. */
      box.x_bearing = (gint16) (h[36] << 8 | h[37]);
      box.y_bearing = (gint16) (h[38] << 8 | h[39]);
      box.width = (gint16) (h[40] << 8 | h[41]);
      box.height = (gint16) (h[42] << 8 | h[43]);
    }
  hb_blob_destroy (head);
  descriptor = new_dict (u);
  g_string_append_printf (u->dicts,
                          "<< /Type /FontDescriptor /FontName /%s+%s /Flags 4 "
                          "/FontBBox [%ld %ld %ld %ld] /ItalicAngle 0 /Ascent %d "
                          "/Descent %d /CapHeight %d /StemV 80 /%s %u 0 R >>",
                          tag, name, lround ((double) box.x_bearing * 1000 / upem),
                          lround ((double) box.y_bearing * 1000 / upem),
                          lround ((double) box.width * 1000 / upem),
                          lround ((double) box.height * 1000 / upem),
                          scaled_metric (f, font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, 800),
                          scaled_metric (f, font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, -200),
                          scaled_metric (f, font, HB_OT_METRICS_TAG_CAP_HEIGHT, 700),
                          f->cff ? "FontFile3" : "FontFile2", file);
  hb_font_destroy (font);

  /* Widths: the most common one is the default, the rest listed in runs
   * of consecutive glyphs. */
  {
    GHashTable *counts = g_hash_table_new (NULL, NULL);
    guint best = 0;

    for (guint g = 0; g < f->n_glyphs; g++)
      if (glyph_used (f, g))
        {
          gpointer key = GINT_TO_POINTER (f->width[g] + 1);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;

          g_hash_table_insert (counts, key, GUINT_TO_POINTER (count));
          if (count > best)
            {
              best = count;
              dw = (guint) f->width[g];
            }
        }
    g_hash_table_unref (counts);
  }
  cid = new_dict (u);
  g_string_append_printf (u->dicts,
                          "<< /Type /Font /Subtype /%s /BaseFont /%s+%s "
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                          "/FontDescriptor %u 0 R%s /DW %u /W [",
                          f->cff ? "CIDFontType0" : "CIDFontType2", tag, name, descriptor,
                          f->cff ? "" : " /CIDToGIDMap /Identity", dw);
  for (guint g = 0; g < f->n_glyphs; g++)
    {
      if (!glyph_used (f, g) || f->width[g] == (int) dw)
        continue;
      if (first || !glyph_used (f, g - 1)
          || f->width[g - 1] == (int) dw)
        {
          if (!first)
            g_string_append (u->dicts, "]");
          g_string_append_printf (u->dicts, "\n%u [", g);
        }
      else
        g_string_append_c (u->dicts, ' ');
      append_int (u->dicts, f->width[g]);
      first = FALSE;
    }
  g_string_append (u->dicts, first ? "] >>" : "]\n] >>");
  f->type0 = new_dict (u);
  g_string_append_printf (u->dicts,
                          "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H "
                          "/DescendantFonts [%u 0 R] /ToUnicode %u 0 R >>",
                          tag, name, cid, unicode);
  return TRUE;

fail:
  g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_CAIRO,
               "could not embed a subset of the font %s", name);
  return FALSE;
}

/* What cairo wrote, as far as the update needs it. */
typedef struct {
  const PdfOwn *own;         /* the tee, and where its gaps are */
  const char *data;
  gsize len;
  GHashTable *offsets;       /* object number -> 1 + offset in cairo's output */
  guint size, root, info;
  gsize xref;
} Parsed;

/* The number after @key in @from .. @end ("/Root 58 0 R": 58). */
static gboolean
number_after (const char *from, const char *end, const char *key, guint64 *value)
{
  const char *p = find (from, end, key);
  char *stop;

  if (!p)
    return FALSE;
  p += strlen (key);
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  *value = g_ascii_strtoull (p, &stop, 10);
  return stop <= end;
}

static gboolean
parse (Parsed *pr)
{
  const char *end = pr->data + pr->len, *p, *trailer;
  guint64 v;
  gsize kept;

  /* startxref, from the end. */
  p = NULL;
  for (const char *q = end - 9; q >= pr->data && q > end - 64; q--)
    if (memcmp (q, "startxref", 9) == 0)
      {
        p = q;
        break;
      }
  if (!p || !number_after (p, end, "startxref", &v) || !tee_offset (pr->own, (gsize) v, &kept))
    return FALSE;
  pr->xref = (gsize) v;
  p = pr->data + kept;
  if (end - p < 5 || memcmp (p, "xref", 4) != 0)
    return FALSE;
  p += 4;
  trailer = find (p, end, "trailer");
  if (!trailer)
    return FALSE;
  while (p < trailer)
    {
      char *stop;
      guint64 first, count;

      while (p < trailer && g_ascii_isspace (*p))
        p++;
      if (p >= trailer)
        break;
      first = g_ascii_strtoull (p, &stop, 10);
      count = g_ascii_strtoull (stop, &stop, 10);
      p = stop;
      while (p < trailer && (*p == ' ' || *p == '\r' || *p == '\n'))
        p++;
      if (count > (guint64) (trailer - p) / 20 + 1)
        return FALSE;
      for (guint64 i = 0; i < count; i++, p += 20)
        {
          if (p + 18 > trailer)
            return FALSE;
          if (p[17] == 'n')
            g_hash_table_insert (pr->offsets, GUINT_TO_POINTER ((guint) (first + i)),
                                 GSIZE_TO_POINTER (g_ascii_strtoull (p, NULL, 10) + 1));
        }
    }
  if (!number_after (trailer, end, "/Size", &v))
    return FALSE;
  pr->size = (guint) v;
  if (!number_after (trailer, end, "/Root", &v))
    return FALSE;
  pr->root = (guint) v;
  pr->info = number_after (trailer, end, "/Info", &v) ? (guint) v : 0;
  return TRUE;
}

/* Object @number's text between "obj" and "endobj". */
static gboolean
object_text (const Parsed *pr, guint number, const char **start, const char **stop)
{
  gsize at = GPOINTER_TO_SIZE (g_hash_table_lookup (pr->offsets, GUINT_TO_POINTER (number)));
  const char *end = pr->data + pr->len, *p, *q;
  gsize kept;

  if (at == 0 || !tee_offset (pr->own, at - 1, &kept))
    return FALSE;
  p = find (pr->data + kept, MIN (end, pr->data + kept + 32), "obj");
  if (!p)
    return FALSE;
  p += 3;
  q = find (p, end, "endobj");
  if (!q)
    return FALSE;
  *start = p;
  *stop = q;
  return TRUE;
}

/* @text .. @stop with @insert at @at, spaced. */
static void
append_inserted (GString *out, const char *text, const char *stop, const char *at,
                 const char *insert)
{
  g_string_append_len (out, text, at - text);
  g_string_append_c (out, ' ');
  g_string_append (out, insert);
  g_string_append_c (out, ' ');
  g_string_append_len (out, at, stop - at);
}

/* @text with @insert after its first "<<" (a dictionary's first key). */
static void
append_with (GString *out, const char *text, const char *stop, const char *insert)
{
  const char *open = find (text, stop, "<<");

  if (!open)
    g_string_append_len (out, text, stop - text);
  else
    append_inserted (out, text, stop, open + 2, insert);
}

/* A resources dictionary's text with the fonts in it. */
static void
append_resources (GString *out, const char *text, const char *stop, const char *fonts)
{
  const char *font = find (text, stop, "/Font");
  const char *open = font ? find (font, stop, "<<") : NULL;

  if (open && open - font < 16)
    append_inserted (out, text, stop, open + 2, fonts);
  else
    {
      g_autofree char *dict = g_strdup_printf ("/Font << %s >>", fonts);

      append_with (out, text, stop, dict);
    }
}

static int
compare_entry (gconstpointer a, gconstpointer b)
{
  guint x = ((const XrefEntry *) a)->number, y = ((const XrefEntry *) b)->number;

  return x < y ? -1 : x > y;
}

gboolean
pdf_own_finish (PdfOwn *own, PrensaOutput *output, GError **error)
{
  Parsed pr = { own, (const char *) own->tee->data, own->tee->len, NULL, 0, 0, 0, 0 };
  Update u = { NULL, own->teed, NULL, NULL, NULL, NULL, NULL, 0 };
  g_autoptr(GString) fonts = g_string_new (NULL);
  g_autoptr(GPtrArray) kids = g_ptr_array_new ();
  g_autoptr(GHashTable) redone = g_hash_table_new (NULL, NULL);
  const char *start, *stop, *p;
  gboolean ok = FALSE, cff = FALSE;
  guint64 v;
  guint q_obj, objstm;

  /* Text after the last cairo_show_page: cairo ends on that page. */
  end_page (own);
  wait_pages (own);
  if (own->pages->len == 0)
    return TRUE;
  pr.offsets = g_hash_table_new (NULL, NULL);
  u.out = g_string_sized_new (1 << 20);
  u.numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  u.dicts = g_string_sized_new (1 << 20);
  u.dict_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  u.dict_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  u.offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  if (own->broken || !parse (&pr))
    goto out;
  u.next = pr.size;
  /* The pages, in order: cairo 1.16 lists them all in one Pages. */
  if (!object_text (&pr, pr.root, &start, &stop) || !number_after (start, stop, "/Pages", &v)
      || !object_text (&pr, (guint) v, &start, &stop) || !(p = find (start, stop, "/Kids")))
    goto out;
  for (p = find (p, stop, "["); p && p < stop && *p != ']';)
    {
      char *next;
      guint64 kid;

      p++;
      while (p < stop && g_ascii_isspace (*p))
        p++;
      if (p >= stop || !g_ascii_isdigit (*p))
        break;
      kid = g_ascii_strtoull (p, &next, 10);
      g_ptr_array_add (kids, GUINT_TO_POINTER ((guint) kid));
      p = find (next, stop, "R");
      if (p)
        p++;
      while (p && p < stop && g_ascii_isspace (*p))
        p++;
      if (p)
        p--;
    }

  g_string_append (u.out, "\n");
  for (guint i = 0; i < own->face_list->len; i++)
    {
      OwnFace *f = own->face_list->pdata[i];

      if (!write_face (&u, f, error))
        goto fail;
      cff |= f->cff;
      g_string_append_printf (fonts, "/pf%u %u 0 R ", f->number, f->type0);
    }
  q_obj = u.next++;
  begin_obj (&u, q_obj);
  g_string_append (u.out, "<< /Length 2 >>\nstream\nq\n\nendstream\nendobj\n");
  for (guint i = 0; i < own->pages->len; i++)
    {
      OwnPage *page = own->pages->pdata[i];
      guint number, contents, text;
      const char *key, *rs, *re;

      if (page->page >= kids->len)
        goto out;
      number = GPOINTER_TO_UINT (kids->pdata[page->page]);
      if (!object_text (&pr, number, &start, &stop) || !(key = find (start, stop, "/Contents"))
          || !number_after (key, stop, "/Contents", &v))
        goto out;
      contents = (guint) v;
      text = u.next++;
      put_stream (&u, text, NULL, page->packed);
      /* The resources: an object of the page's (cairo 1.16 writes no
       * other kind). */
      if (number_after (start, stop, "/Resources", &v))
        {
          guint res = (guint) v;

          if (!g_hash_table_contains (redone, GUINT_TO_POINTER (res)))
            {
              if (!object_text (&pr, res, &rs, &re))
                goto out;
              g_hash_table_add (redone, GUINT_TO_POINTER (res));
              append_resources (begin_dict (&u, res), rs, re, fonts->str);
            }
          begin_dict (&u, number);
          g_string_append_len (u.dicts, start, key - start);
          g_string_append_printf (u.dicts, "/Contents [%u 0 R %u 0 R %u 0 R]", q_obj, contents, text);
          key = find (key + 9, stop, "R") + 1;
          g_string_append_len (u.dicts, key, stop - key);
        }
      else
        goto out;
    }
  if (cff)
    {
      /* FontFile3 /OpenType is PDF 1.6's. */
      if (!object_text (&pr, pr.root, &start, &stop))
        goto out;
      append_with (begin_dict (&u, pr.root), start, stop, "/Version /1.6");
    }

  /* The object stream: its objects' numbers and offsets, then them. */
  {
    GString *stream = g_string_sized_new (u.dicts->len + 16 * u.dict_numbers->len);
    g_autoptr(GBytes) packed = NULL;
    g_autofree char *dict = NULL;
    gsize first;

    for (guint i = 0; i < u.dict_numbers->len; i++)
      g_string_append_printf (stream, "%u %" G_GSIZE_FORMAT " ",
                              g_array_index (u.dict_numbers, guint, i),
                              g_array_index (u.dict_offsets, gsize, i));
    g_string_append_c (stream, '\n');
    first = stream->len;
    g_string_append_len (stream, u.dicts->str, (gssize) u.dicts->len);
    packed = deflate_bytes (stream->str, stream->len);
    g_string_free (stream, TRUE);
    if (!packed)
      goto out;
    objstm = u.next++;
    dict = g_strdup_printf ("/Type /ObjStm /N %u /First %" G_GSIZE_FORMAT,
                            u.dict_numbers->len, first);
    put_stream (&u, objstm, dict, packed);
  }

  /* The cross-reference stream: the objects in order, in runs, each a
   * type (1 written here, 2 in the object stream, 0 free), an offset or
   * the object stream, and a generation or an index in it. cairo 1.16
   * lists objects it numbered and never wrote (a link's structure
   * element, referred to from the page's marked-content tree) at the
   * offset of another: those become free here, their references null,
   * as they would be to a reader that found them missing. Free ones
   * are chained from object 0, the last back to it. */
  {
    guint xref_obj = u.next++;
    gsize xref = u.base + u.out->len;
    GHashTable *listed = g_hash_table_new (NULL, NULL);  /* the numbers in @entries */
    GArray *entries = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
    GString *rows = g_string_new (NULL), *index = g_string_new (NULL);
    GHashTableIter it;
    gpointer key, value;
    guint n, next_free = 0;
    g_autoptr(GBytes) packed = NULL;
    g_autofree char *dict = NULL;

#define ADD_ENTRY(number_, type_, field2_, field3_) \
    do { \
      XrefEntry e_ = { (number_), (type_), (field2_), (field3_) }; \
      g_array_append_val (entries, e_); \
      g_hash_table_add (listed, GUINT_TO_POINTER (e_.number)); \
    } while (0)
    for (guint i = 0; i < u.numbers->len; i++)
      ADD_ENTRY (g_array_index (u.numbers, guint, i), 1, g_array_index (u.offsets, gsize, i), 0);
    for (guint i = 0; i < u.dict_numbers->len; i++)
      ADD_ENTRY (g_array_index (u.dict_numbers, guint, i), 2, objstm, i);
    ADD_ENTRY (xref_obj, 1, xref, 0);
    g_hash_table_iter_init (&it, pr.offsets);
    while (g_hash_table_iter_next (&it, &key, &value))
      {
        guint number = GPOINTER_TO_UINT (key);
        gsize at = GPOINTER_TO_SIZE (value) - 1, kept;
        char head[32];
        int len = g_snprintf (head, sizeof head, "%u 0 obj", number);

        if (number == 0 || g_hash_table_contains (listed, key)
            || (tee_offset (own, at, &kept) && kept + (gsize) len <= pr.len
                && memcmp (pr.data + kept, head, (size_t) len) == 0))
          continue;
        ADD_ENTRY (number, 0, 0, 1);
      }
    if (entries->len > u.numbers->len + u.dict_numbers->len + 1)
      ADD_ENTRY (0, 0, 0, 65535);
#undef ADD_ENTRY
    g_array_sort (entries, compare_entry);
    n = entries->len;
    /* Each free entry names the next free one; the last, 0. */
    for (guint i = n; i-- > 0;)
      {
        XrefEntry *e = &g_array_index (entries, XrefEntry, i);

        if (e->type == 0)
          {
            e->field2 = next_free;
            next_free = e->number;
          }
      }
    for (guint i = 0; i < n;)
      {
        guint j = i + 1;

        while (j < n && g_array_index (entries, XrefEntry, j).number
                          == g_array_index (entries, XrefEntry, j - 1).number + 1)
          j++;
        g_string_append_printf (index, "%s%u %u", i > 0 ? " " : "",
                                g_array_index (entries, XrefEntry, i).number, j - i);
        for (; i < j; i++)
          {
            const XrefEntry *e = &g_array_index (entries, XrefEntry, i);

            g_string_append_c (rows, (char) e->type);
            for (int shift = 32; shift >= 0; shift -= 8)
              g_string_append_c (rows, (char) ((e->field2 >> shift) & 0xFF));
            for (int shift = 16; shift >= 0; shift -= 8)
              g_string_append_c (rows, (char) ((e->field3 >> shift) & 0xFF));
          }
      }
    packed = deflate_bytes (rows->str, rows->len);
    if (packed)
      {
        GString *d = g_string_new (NULL);

        g_string_append_printf (d, "/Type /XRef /Size %u /Root %u 0 R", u.next, pr.root);
        if (pr.info)
          g_string_append_printf (d, " /Info %u 0 R", pr.info);
        g_string_append_printf (d, " /Prev %" G_GSIZE_FORMAT " /Index [%s] /W [1 5 3]", pr.xref,
                                index->str);
        dict = g_string_free (d, FALSE);
        /* (written where its entry says: the file's end) */
        put_stream (&u, xref_obj, dict, packed);
        g_string_append_printf (u.out, "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
      }
    g_array_unref (entries);
    g_hash_table_unref (listed);
    g_string_free (rows, TRUE);
    g_string_free (index, TRUE);
    if (!packed)
      goto out;
  }
  prensa_output_write (output, u.out->str, u.out->len);
  ok = !prensa_output_failed (output);
  if (!ok)
    g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_CAIRO, "could not write the PDF's text");
  goto done;

out:
  g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_CAIRO,
               "could not add the text to cairo's PDF (text-layer=prensa): "
               "its objects are not as cairo 1.16 writes them");
fail:
done:
  g_hash_table_unref (pr.offsets);
  g_string_free (u.out, TRUE);
  g_array_unref (u.numbers);
  g_array_unref (u.offsets);
  g_string_free (u.dicts, TRUE);
  g_array_unref (u.dict_numbers);
  g_array_unref (u.dict_offsets);
  return ok;
}
