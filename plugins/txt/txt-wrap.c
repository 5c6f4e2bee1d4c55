/* txt-wrap.c: the line filler of the plain-text writer.
 *
 * Lines break at spaces (U+0020) and zero-width spaces, which are dropped
 * where a line ends, and between two East Asian wide characters of the
 * ideographic classes (Chinese and Japanese run words together, so that is
 * where their lines break), keeping the usual rules that closing
 * punctuation and small kana never start a line and opening punctuation
 * never ends one. Nothing else is a break: a word wider than the line, or
 * a run of Latin letters glued to CJK text, stays whole on its own line.
 * A link or note reference ("[3]", "[^3]") stays on the line of the word
 * before it. A newline in the text is a hard break. Widths are display
 * columns (prensa_text_width()), so a wide character counts two and a
 * combining mark none.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "txt-private.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define ZWSP 0x200B

static gboolean
is_separator (gunichar c)
{
  return c == ' ' || c == ZWSP;
}

/* Characters between which Chinese and Japanese lines may break. */
static gboolean
is_cjk_breakable (gunichar c)
{
  switch (g_unichar_break_type (c))
    {
    case G_UNICODE_BREAK_IDEOGRAPHIC:
    case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
    case G_UNICODE_BREAK_NON_STARTER:
    case G_UNICODE_BREAK_CLOSE_PUNCTUATION:
    case G_UNICODE_BREAK_CLOSE_PARENTHESIS:
    case G_UNICODE_BREAK_OPEN_PUNCTUATION:
    case G_UNICODE_BREAK_EXCLAMATION:
    case G_UNICODE_BREAK_INFIX_SEPARATOR:
      return g_unichar_iswide (c);
    default:
      return FALSE;
    }
}

static gboolean
never_starts_line (gunichar c)
{
  switch (g_unichar_break_type (c))
    {
    case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
    case G_UNICODE_BREAK_NON_STARTER:
    case G_UNICODE_BREAK_CLOSE_PUNCTUATION:
    case G_UNICODE_BREAK_CLOSE_PARENTHESIS:
    case G_UNICODE_BREAK_EXCLAMATION:
    case G_UNICODE_BREAK_INFIX_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
can_break_between (gunichar before, gunichar after)
{
  return is_cjk_breakable (before) && is_cjk_breakable (after)
         && !never_starts_line (after)
         && g_unichar_break_type (before) != G_UNICODE_BREAK_OPEN_PUNCTUATION;
}

/* The end of the unbreakable run that goes on at @p, after @last (0 at
 * its start): up to a separator, a newline, or a break between two wide
 * characters. Zero-width characters (combining marks) belong to the
 * character before them. */
static const char *
atom_end (const char *p, const char *end, gunichar last)
{
  while (p < end && *p != '\n')
    {
      /* ASCII is never wide, zero-width or a mark: the common case needs
       * none of the Unicode tables. */
      if ((guchar) *p < 0x80)
        {
          if (*p == ' ')
            break;
          if (last != 0 && last >= 0x80 && can_break_between (last, (guchar) *p))
            break;
          last = (guchar) *p++;
          continue;
        }
      gunichar c = g_utf8_get_char (p);
      gboolean attaches = g_unichar_iszerowidth (c) || g_unichar_ismark (c);

      if (is_separator (c))
        break;
      if (last != 0 && !attaches && can_break_between (last, c))
        break;
      if (!attaches)
        last = c;
      p = g_utf8_next_char (p);
    }
  return p;
}

static const char *
separator_end (const char *p, const char *end)
{
  while (p < end && *p != '\n'
         && (*p == ' ' || ((guchar) *p >= 0x80 && is_separator (g_utf8_get_char (p)))))
    p = g_utf8_next_char (p);
  return p;
}

/* Display columns of @text: its length when it is printable ASCII. */
static gsize
width_of (const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] < 0x20 || (guchar) text[i] >= 0x80)
      return prensa_text_width (text, (gssize) len);
  return len;
}

/* The run of ASCII from @low (0x21: no spaces, 0x20: with them) to 0x7E
 * at @p: one column a byte, and breaking only at spaces, so most of a
 * text needs nothing else. Many bytes at a time: sixteen with SSE2, else
 * (and for the tail) eight as prensa_text_sanitize() checks them: a byte
 * below @low or from 0x7F up sets its top bit in @bad. Borrows and
 * carries only run from such a byte upwards, so the lowest bit set is
 * exact. */
static inline const char *
printable_end (const char *p, const char *end, guchar low)
{
  const guint64 high = 0x8080808080808080u, ones = 0x0101010101010101u;

#ifdef __SSE2__
  /* Bytes are signed here, so "below @low" also catches all from 0x80. */
  const __m128i least = _mm_set1_epi8 ((char) low), del = _mm_set1_epi8 (0x7F);

  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      int bad = _mm_movemask_epi8 (_mm_or_si128 (_mm_cmplt_epi8 (v, least),
                                                 _mm_cmpeq_epi8 (v, del)));

      if (bad != 0)
        return p + __builtin_ctz ((unsigned) bad);
      p += 16;
    }
#endif
  while (end - p >= 8)
    {
      guint64 v, bad;

      memcpy (&v, p, 8);
      v = GUINT64_FROM_LE (v);
      bad = (((v - low * ones) & ~v) | (v + ones) | v) & high;
      if (bad != 0)
        return p + (__builtin_ctzll (bad) >> 3);
      p += 8;
    }
  while (p < end && (guchar) *p >= low && (guchar) *p < 0x7F)
    p++;
  return p;
}

static inline const char *
plain_end (const char *p, const char *end)
{
  return printable_end (p, end, 0x21);
}

/* The rest of an atom that does not end with its printable ASCII start
 * [@p, @plain), and the width of it all. */
G_GNUC_NO_INLINE static const char *
atom_rest (const char *p, const char *plain, const char *end, gsize *width)
{
  const char *next = atom_end (plain, end, plain > p ? (guchar) plain[-1] : 0);

  *width = (plain - p) + width_of (plain, next - plain);
  return next;
}

/* The atom at @p (see atom_end()) and its width in @width. */
static inline const char *
scan_atom (const char *p, const char *end, gsize *width)
{
  const char *plain = plain_end (p, end);

  if (G_LIKELY (plain == end || *plain == ' ' || *plain == '\n'))
    {
      *width = plain - p;
      return plain;
    }
  return atom_rest (p, plain, end, width);
}

/* The separators at @p (none when it is not at one) and their width. */
static inline const char *
scan_separator (const char *p, const char *end, gsize *width)
{
  const char *spaces = p;
  const char *next;

  while (spaces < end && *spaces == ' ')
    spaces++;
  if (G_LIKELY (spaces == end || (guchar) *spaces < 0x80))
    {
      *width = spaces - p;
      return spaces;
    }
  next = separator_end (spaces, end);
  *width = (spaces - p) + width_of (spaces, next - spaces);
  return next;
}

/* A line is always one stretch of the text, from its first atom to its
 * last (separators inside it are kept as they are, those at its ends are
 * not), so the filler only moves offsets; the widths of the pieces are
 * summed as they come, so no line is measured again. */
typedef struct {
  GArray *lines;            /* TxtLine */
  const char *start, *end;  /* the line so far; NULL start: empty */
  gsize line_width;
  guint n_atoms;
  const char *last_sep;     /* where the separator before the last atom starts */
  const char *last_atom;    /* where the last atom starts */
  gsize last_atom_width;
  gboolean break_words;     /* cut runs wider than the line */
} Filler;

/* A text piece the filler is given: a separator or an atom. */
typedef struct {
  const char *text;
  gsize length;
  gsize width;
} Piece;

G_GNUC_NO_INLINE static void
filler_end_line (Filler *f)
{
  TxtLine line = { "", 0, 0 };

  if (f->start != NULL)
    {
      line.text = f->start;
      line.length = f->end - f->start;
      line.width = f->line_width;
    }
  g_array_append_val (f->lines, line);
  f->start = f->end = NULL;
  f->line_width = 0;
  f->n_atoms = 0;
}

/* A link reference, "[12]", or a note's, "[^3]", with maybe punctuation
 * after it, reads as part of the word before it, so it never starts a
 * line on its own. */
static gboolean
is_reference (const char *atom, gsize len)
{
  gsize i = len > 1 && atom[1] == '^' ? 2 : 1;

  if (len < i + 2 || atom[0] != '[' || !g_ascii_isdigit (atom[i]))
    return FALSE;
  while (i < len && g_ascii_isdigit (atom[i]))
    i++;
  if (i == len || atom[i] != ']')
    return FALSE;
  for (i++; i < len; i++)
    if (!g_ascii_ispunct (atom[i]))
      return FALSE;
  return TRUE;
}

/* Starts a new line that takes along the last atom of the current one.
 * The line left behind ends where the last atom's separator began, which
 * is measured afresh: rare, and then always right. */
static void
filler_carry_last (Filler *f)
{
  const char *atom = f->last_atom, *atom_stop = f->end;
  gsize atom_width = f->last_atom_width;

  f->end = f->last_sep;
  f->line_width = width_of (f->start, f->end - f->start);
  filler_end_line (f);
  f->start = f->last_sep = atom;
  f->end = atom_stop;
  f->line_width = atom_width;
  f->n_atoms = 1;
}

static inline void
filler_add (Filler *f, gsize width, const Piece *sep, const Piece *atom)
{
  if (f->n_atoms > 0 && width > 0
      && f->line_width + sep->width + atom->width > width)
    {
      /* Carrying a word along could make a line wider than the width,
       * which a filler that breaks words has promised not to. */
      if (f->n_atoms > 1 && !f->break_words
          && is_reference (atom->text, atom->length))
        filler_carry_last (f);
      else
        filler_end_line (f);
    }
  if (f->n_atoms == 0)
    {
      f->start = atom->text;
      f->last_sep = atom->text;
    }
  else
    {
      f->last_sep = sep->text;
      f->line_width += sep->width;
    }
  f->last_atom = atom->text;
  f->last_atom_width = atom->width;
  f->end = atom->text + atom->length;
  f->line_width += atom->width;
  f->n_atoms++;
}

/* A whole line at once, from the atom at *@pp that starts it, when the
 * text within reach is printable ASCII: there every byte is a column and
 * every space a separator, so the line ends after the last word that
 * ends within @width, and the next starts at the word after it. Returns
 * FALSE, leaving the line to filler_add(), wherever the rules need a
 * closer look: a newline, a control or non-ASCII byte within reach, a
 * first word longer than the line, or a "[" that may be a reference to
 * carry along with its word. */
static gboolean
fill_ascii_line (Filler *f, const char **pp, const char *end, gsize width)
{
  const char *s = *pp, *limit = s + width, *e, *next;

  if ((gsize) (end - s) <= width)
    {
      /* The rest fits: it is the last line. */
      if (printable_end (s, end, 0x20) != end)
        return FALSE;
      for (e = end; e[-1] == ' '; e--)
        ;
      next = end;
    }
  else
    {
      if (printable_end (s, limit + 1, 0x20) != limit + 1)
        return FALSE;
      /* Where the last word ending within the width ends: a space after
       * a non-space, at most at @limit. */
      for (e = limit; e > s && !(*e == ' ' && e[-1] != ' '); e--)
        ;
      if (e == s)
        return FALSE;
      for (next = e; next < end && *next == ' '; next++)
        ;
      /* The word that did not fit (past @limit it is not checked yet). */
      if (next == end || (guchar) *next <= ' ' || (guchar) *next >= 0x7F
          || *next == '[')
        return FALSE;
    }
  f->start = s;
  f->end = e;
  f->line_width = e - s;
  filler_end_line (f);
  *pp = next;
  return TRUE;
}

/* The one line of printable ASCII @text when nothing wraps: from its
 * first word to its last. Returns FALSE, leaving it to the filler, when
 * [@p, @end) holds anything else (a newline, say). */
static gboolean
fill_ascii_unwrapped (Filler *f, const char *p, const char *end)
{
  if (printable_end (p, end, 0x20) != end)
    return FALSE;
  while (p < end && *p == ' ')
    p++;
  while (end > p && end[-1] == ' ')
    end--;
  if (p < end)
    {
      f->start = p;
      f->end = end;
      f->line_width = end - p;
      filler_end_line (f);
    }
  return TRUE;
}

static gboolean
attaches (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return (guchar) *p >= 0x80
         && (g_unichar_iszerowidth (c) || g_unichar_ismark (c));
}

/* The end of the longest start of [@p, @end) at most @width wide (at
 * least one character, with the marks on it), and its width in @used. */
static const char *
piece_end (const char *p, const char *end, gsize width, gsize *used)
{
  *used = 0;
  while (p < end)
    {
      const char *next = g_utf8_next_char (p);
      gsize w;

      while (next < end && attaches (next))
        next = g_utf8_next_char (next);
      w = width_of (p, next - p);
      if (*used > 0 && *used + w > width)
        break;
      *used += w;
      p = next;
    }
  return p;
}

/* An atom wider than the line, when words may be broken: its pieces,
 * each on a line of its own but the last. */
G_GNUC_NO_INLINE static void
filler_add_pieces (Filler *f, gsize width, const Piece *sep, const Piece *atom)
{
  const char *p = atom->text, *stop = atom->text + atom->length;
  Piece before = *sep;

  while (p < stop)
    {
      Piece piece = { p, 0, 0 };

      piece.length = piece_end (p, stop, width, &piece.width) - p;
      filler_add (f, width, &before, &piece);
      p += piece.length;
      before = (Piece) { p, 0, 0 };
    }
}

/* Fills @text into @lines (emptied first), at most @width columns wide
 * (0: no limit) except where one unbreakable run is wider, or with
 * @break_words, not even then: such a run is cut between characters (a
 * mark stays with its base) and a reference is not carried along with
 * its word, so no line is wider than @width, or than one wide character
 * when @width is 1. Separators at the start or end of a line are
 * dropped; those inside are kept as they are. Text without any visible
 * run gives no lines; a newline always ends a line. The lines point into
 * @text. */
void
txt_wrap (GArray *lines, const char *text, gssize length, gsize width,
          gboolean break_words)
{
  const char *p = text;
  const char *end = text + (length < 0 ? strlen (text) : (gsize) length);
  Piece sep = { p, 0, 0 };   /* the separator before the next atom */
  Filler f = { lines, NULL, NULL, 0, 0, NULL, NULL, 0, break_words };

  g_array_set_size (lines, 0);
  if (width == 0 && fill_ascii_unwrapped (&f, p, end))
    return;
  while (p < end)
    {
      Piece atom;
      const char *next;
      gsize sep_width;

      if (*p == '\n')
        {
          filler_end_line (&f);
          sep.length = sep.width = 0;
          p++;
          continue;
        }
      /* Separators are spaces and ZWSP, the one non-ASCII separator. */
      if (*p == ' ' || (guchar) *p >= 0x80)
        {
          next = scan_separator (p, end, &sep_width);
          if (next != p)
            {
              sep = (Piece) { p, next - p, sep_width };
              p = next;
              continue;
            }
        }
      if (f.n_atoms == 0 && width > 0 && !break_words
          && fill_ascii_line (&f, &p, end, width))
        continue;
      next = scan_atom (p, end, &atom.width);
      atom.text = p;
      atom.length = next - p;
      if (G_LIKELY (!break_words || width == 0 || atom.width <= width))
        filler_add (&f, width, &sep, &atom);
      else
        filler_add_pieces (&f, width, &sep, &atom);
      /* An atom right after this one (two wide characters) has an empty
       * separator here: carrying it to a new line cuts the line here. */
      sep = (Piece) { next, 0, 0 };
      p = next;
    }
  if (f.n_atoms > 0)
    filler_end_line (&f);
}

static GPtrArray *
wrap_strings (const char *text, gssize length, gsize width,
              gboolean break_words)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (TxtLine));
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  txt_wrap (lines, text, length, width, break_words);
  for (guint i = 0; i < lines->len; i++)
    {
      const TxtLine *line = &g_array_index (lines, TxtLine, i);

      g_ptr_array_add (strings, g_strndup (line->text, line->length));
    }
  return strings;
}

/* txt_wrap() as strings, for tests.
 * Returns: (transfer full): the lines, without newlines. */
GPtrArray *
txt_wrap_lines (const char *text, gssize length, gsize width)
{
  return wrap_strings (text, length, width, FALSE);
}

/* The same, breaking words (txt_wrap()'s @break_words). */
GPtrArray *
txt_wrap_lines_breaking (const char *text, gssize length, gsize width)
{
  return wrap_strings (text, length, width, TRUE);
}

/* The widest single character of @text: 2 when it has a wide one. */
gsize
txt_wrap_widest_char (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80
        && prensa_text_width (p, g_utf8_next_char (p) - p) > 1)
      return 2;
  return 1;
}

/* The narrowest width at which txt_wrap_lines() makes no line wider than
 * the width: its widest unbreakable run, or a run with the reference that
 * follows it (the filler carries "word [3]" to a new line together).
 * Tables use it so that no column is given less than its text needs. */
gsize
txt_wrap_min_width (const char *text, gssize length)
{
  const char *p = text;
  const char *end = text + (length < 0 ? strlen (text) : (gsize) length);
  gsize widest = 0, before = 0, sep_width = 0;

  while (p < end)
    {
      const char *next;
      gsize atom_width, w;

      if (*p == '\n')
        {
          before = sep_width = 0;
          p++;
          continue;
        }
      next = scan_separator (p, end, &w);
      if (next != p)
        {
          sep_width = w;
          p = next;
          continue;
        }
      next = scan_atom (p, end, &atom_width);
      widest = MAX (widest, atom_width);
      if (before > 0 && is_reference (p, next - p))
        widest = MAX (widest, before + sep_width + atom_width);
      before = atom_width;
      sep_width = 0;
      p = next;
    }
  return widest;
}
