/* text.c: UTF-8 checks, XML-safe text (prensa_xml_escape), display width.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "prensa-private.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Characters that XML 1.0 forbids or HTML calls parse errors: C0 controls
 * but tab, LF and CR; DEL and C1 controls; noncharacters. */
static inline gboolean
is_unwanted (gunichar c)
{
  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r';
  if (c >= 0x7F && c <= 0x9F)
    return TRUE;
  if (c >= 0xFDD0 && c <= 0xFDEF)
    return TRUE;
  return (c & 0xFFFE) == 0xFFFE;
}

static void
locate (const char *data, const char *at, guint *line, guint *column)
{
  *line = 1;
  const char *line_start = data;
  for (const char *p = data; p < at; p++)
    if (*p == '\n') {
      (*line)++;
      line_start = p + 1;
    }
  /* Columns count characters, as editors show them. */
  *column = (guint) g_utf8_strlen (line_start, at - line_start) + 1;
}

/* ASCII bytes that need a second look: C0 controls but tab, LF and CR, and
 * DEL (SUSPECT); the escaper's markup characters. Non-ASCII is decoded
 * and checked as it comes, so one pass both validates and cleans, and
 * plain ASCII costs a table lookup per byte. */
enum { SUSPECT = 1, MARKUP = 2, QUOTE = 4 };

static guint8 byte_class[128];

static void
init_byte_class (void)
{
  static gsize done = 0;
  if (!g_once_init_enter (&done))
    return;
  for (guint b = 0; b < 0x20; b++)
    if (b != '\t' && b != '\n' && b != '\r')
      byte_class[b] = SUSPECT;
  byte_class[0x7F] = SUSPECT;
  byte_class['&'] = byte_class['<'] = byte_class['>'] = MARKUP;
  byte_class['"'] = QUOTE;
  g_once_init_leave (&done, 1);
}

static inline gboolean
cont (const guchar *p, const guchar *stop, gsize i)
{
  return p + i < stop && (p[i] & 0xC0) == 0x80;
}

/* Decodes one multi-byte character at @p; returns its length, or 0 when
 * the bytes are not well-formed UTF-8 (overlong forms, surrogates and
 * values past U+10FFFF included). */
static inline gsize
decode (const guchar *p, const guchar *stop, gunichar *c)
{
  guchar b = p[0];
  if (b >= 0xC2 && b <= 0xDF && cont (p, stop, 1)) {
    *c = ((b & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  }
  if (b >= 0xE0 && b <= 0xEF && cont (p, stop, 1) && cont (p, stop, 2)) {
    if ((b == 0xE0 && p[1] < 0xA0) || (b == 0xED && p[1] > 0x9F))
      return 0;
    *c = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4 && cont (p, stop, 1) && cont (p, stop, 2) && cont (p, stop, 3)) {
    if ((b == 0xF0 && p[1] < 0x90) || (b == 0xF4 && p[1] > 0x8F))
      return 0;
    *c = ((b & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return 4;
  }
  return 0;
}

static gboolean
encoding_error (const char *name, const char *data, const char *at, GError **error)
{
  guint line, column;
  locate (data, at, &line, &column);
  g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_ENCODING,
               "%s:%u:%u: invalid UTF-8 (byte 0x%02x); convert the file to UTF-8",
               name, line, column, (guchar) *at);
  return FALSE;
}

gboolean
prensa_text_sanitize (const char *name,
                      const char *data,
                      gsize length,
                      char **cleaned,
                      gsize *cleaned_length,
                      GError **error)
{
  init_byte_class ();
  *cleaned = NULL;
  *cleaned_length = 0;
  GString *out = NULL;
  const guchar *p = (const guchar *) data, *stop = p + length;
  const char *copied = data;
  while (p < stop) {
    /* Eight printable ASCII bytes at a time: most text is nothing else. */
    while (stop - p >= 8) {
      guint64 v;
      memcpy (&v, p, 8);
      const guint64 high = 0x8080808080808080u, ones = 0x0101010101010101u;
      /* a byte >= 0x80 or 0x7F, or a byte below 0x20 */
      if (((v | (v + ones)) & high) || ((v - 0x20 * ones) & ~v & high))
        break;
      p += 8;
    }
    if (p >= stop)
      break;
    gsize n = 1;
    gboolean unwanted;
    if (*p < 0x80) {
      if (!(byte_class[*p] & SUSPECT)) {
        p++;
        continue;
      }
      unwanted = TRUE;
    } else {
      gunichar c;
      n = decode (p, stop, &c);
      if (n == 0) {
        if (out)
          g_string_free (out, TRUE);
        return encoding_error (name, data, (const char *) p, error);
      }
      unwanted = is_unwanted (c);
    }
    if (unwanted) {
      if (out == NULL)
        out = g_string_sized_new (length + 16);
      g_string_append_len (out, copied, (const char *) p - copied);
      g_string_append (out, replacement);
      copied = (const char *) p + n;
    }
    p += n;
  }
  if (out) {
    g_string_append_len (out, copied, (const char *) stop - copied);
    *cleaned_length = out->len;
    *cleaned = g_string_free (out, FALSE);
  }
  return TRUE;
}

/* Whether @c needs no look at all in XML text or a double-quoted
 * attribute: printable ASCII but & < > ", and tab, LF and CR. */
static inline gboolean
is_plain (guchar c)
{
  if (c >= 0x20 && c < 0x7F)
    return c != '&' && c != '<' && c != '>' && c != '"';
  return c == '\n' || c == '\t' || c == '\r';
}

/* Whether the eight bytes in @v are printable ASCII but & < > ". A byte
 * below 0x20 or from 0x7F up sets its top bit in the first two terms;
 * " and & (0x22, 0x26) differ only in 0x04, < and > (0x3C, 0x3E) only in
 * 0x02, so masking that bit off leaves a zero byte for either of a pair,
 * and the usual zero-byte test finds it. */
static inline gboolean
all_plain (guint64 v)
{
  const guint64 ones = 0x0101010101010101u, high = 0x8080808080808080u;
  guint64 quote = (v ^ (0x22 * ones)) & ~(0x04 * ones);
  guint64 angle = (v ^ (0x3C * ones)) & ~(0x02 * ones);
  return ((((v - 0x20 * ones) & ~v) | (v + ones) | v
           | ((quote - ones) & ~quote) | ((angle - ones) & ~angle))
          & high) == 0;
}

/* The end of the run of plain bytes (is_plain) from @p: all of a book's
 * text goes through the escaper, and most of it is such runs. */
static const guchar *
plain_end (const guchar *p, const guchar *stop)
{
#ifdef __SSE2__
  /* Sixteen at a time where the CPU has SSE2 (every x86-64): bytes are
   * signed there, so "below 0x20" also catches everything from 0x80. */
  const __m128i space = _mm_set1_epi8 (0x20), del = _mm_set1_epi8 (0x7F);
  const __m128i amp = _mm_set1_epi8 ('&'), lt = _mm_set1_epi8 ('<');
  const __m128i gt = _mm_set1_epi8 ('>'), quot = _mm_set1_epi8 ('"');
  while (stop - p >= 16) {
    __m128i v = _mm_loadu_si128 ((const __m128i *) p);
    __m128i bad = _mm_or_si128 (_mm_cmplt_epi8 (v, space), _mm_cmpeq_epi8 (v, del));
    bad = _mm_or_si128 (bad, _mm_or_si128 (_mm_cmpeq_epi8 (v, amp), _mm_cmpeq_epi8 (v, lt)));
    bad = _mm_or_si128 (bad, _mm_or_si128 (_mm_cmpeq_epi8 (v, gt), _mm_cmpeq_epi8 (v, quot)));
    if (_mm_movemask_epi8 (bad) != 0)
      break;
    p += 16;
  }
#endif
  while (stop - p >= 8) {
    guint64 v;
    memcpy (&v, p, 8);
    if (!all_plain (v))
      break;
    p += 8;
  }
  while (p < stop && is_plain (*p))
    p++;
  return p;
}

/* Declared in prensa-xml.h: the XML layer's escaping, here beside the
 * loader's own UTF-8 check, whose rule for unwanted characters it shares. */
void
prensa_xml_escape (GString *out, const char *text, gssize length, gboolean attribute)
{
  g_return_if_fail (out != NULL && text != NULL);
  init_byte_class ();
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  const guint8 mask = SUSPECT | MARKUP | (attribute ? QUOTE : 0);
  const guchar *p = (const guchar *) text, *stop = p + len;
  const char *run = text;
  while (p < stop) {
    p = plain_end (p, stop);
    if (p == stop)
      break;
    const char *rep = NULL;
    gsize n = 1;
    if (*p < 0x80) {
      if (!(byte_class[*p] & mask)) {
        p++;
        continue;
      }
      rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
            : *p == '"' ? "&quot;" : replacement;
    } else {
      gunichar c;
      n = decode (p, stop, &c);
      if (n == 0) /* not UTF-8: one replacement per bad byte */
        n = 1, rep = replacement;
      else if (is_unwanted (c))
        rep = replacement;
    }
    if (rep) {
      prensa_string_put_len (out, run, (const char *) p - run);
      prensa_string_put_len (out, rep, strlen (rep));
      run = (const char *) p + n;
    }
    p += n;
  }
  prensa_string_put_len (out, run, (const char *) p - run);
}

gsize
prensa_text_width (const char *text, gssize length)
{
  g_return_val_if_fail (text != NULL, 0);
  const char *p = text;
  const char *stop = length < 0 ? NULL : text + length;
  gsize width = 0;
  while ((stop == NULL && *p) || (stop != NULL && p < stop)) {
    if ((guchar) *p < 0x80) {
      width += (guchar) *p >= 0x20;
      p++;
      continue;
    }
    gunichar c = g_utf8_get_char (p);
    p = g_utf8_next_char (p);
    if (g_unichar_iszerowidth (c))
      continue;
    width += g_unichar_iswide (c) ? 2 : 1;
  }
  return width;
}

gboolean
prensa_url_is_safe (const char *url)
{
  g_return_val_if_fail (url != NULL, FALSE);
  /* Browsers ignore whitespace and controls inside a scheme
   * ("java\tscript:"), so they are ignored here too. */
  char scheme[16];
  gsize n = 0;
  const char *p = url;
  for (; *p && *p != ':' && n < sizeof scheme - 1; p++) {
    if ((guchar) *p <= ' ')
      continue;
    if (*p == '/' || *p == '?' || *p == '#')
      return TRUE; /* a relative reference has no scheme */
    scheme[n++] = g_ascii_tolower (*p);
  }
  if (*p != ':')
    return TRUE;
  scheme[n] = '\0';
  if (strcmp (scheme, "data") == 0) {
    static const char *const images[] = { "image/png", "image/gif", "image/jpeg", "image/webp" };
    for (guint i = 0; i < G_N_ELEMENTS (images); i++)
      if (g_ascii_strncasecmp (p + 1, images[i], strlen (images[i])) == 0)
        return TRUE;
    return FALSE;
  }
  return strcmp (scheme, "javascript") != 0 && strcmp (scheme, "vbscript") != 0
         && strcmp (scheme, "file") != 0;
}

char *
prensa_uri_dup_printable (const char *uri, const char *shown)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_autofree char *decoded = g_uri_unescape_string (uri, NULL);
  const char *from = decoded && g_utf8_validate (decoded, -1, NULL) ? decoded : uri;
  static const char *const schemes[] = { "https://", "http://", "mailto:" };
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_ascii_strncasecmp (from, schemes[i], strlen (schemes[i])) == 0) {
      from += strlen (schemes[i]);
      break;
    }
  GString *out = g_string_new (NULL);
  for (const char *p = from; *p; p++) {
    if ((guchar) *p <= 0x20 || *p == 0x7F)
      g_string_append_printf (out, "%%%02X", (guchar) *p);
    else
      g_string_append_c (out, *p);
  }
  if (out->len > 1 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0) {
    g_string_free (out, TRUE);
    return NULL;
  }
  if (shown != NULL) {
    g_autofree char *text = g_strstrip (g_strdup (shown));
    const char *bare = g_str_has_prefix (out->str, "www.") ? out->str + 4 : out->str;
    if (g_ascii_strcasecmp (text, out->str) == 0 || g_ascii_strcasecmp (text, bare) == 0
        || g_ascii_strcasecmp (text, uri) == 0) {
      g_string_free (out, TRUE);
      return NULL;
    }
  }
  return g_string_free (out, FALSE);
}
