/* html-escape.c: escaping text and URLs the way cmark's HTML renderer does,
 * so that our body markup matches the CommonMark reference output.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Whether prensa_xml_escape() copies @c as it is: printable ASCII but
 * the markup characters, and tab, LF and CR. */
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

static const guchar *
plain_end (const guchar *p, const guchar *stop)
{
#ifdef __SSE2__
  /* Sixteen at a time where the CPU has SSE2 (every x86-64): bytes are
   * signed there, so "below 0x20" also catches everything from 0x80. */
  const __m128i space = _mm_set1_epi8 (0x20), del = _mm_set1_epi8 (0x7F);
  const __m128i amp = _mm_set1_epi8 ('&'), lt = _mm_set1_epi8 ('<');
  const __m128i gt = _mm_set1_epi8 ('>'), quot = _mm_set1_epi8 ('"');

  while (stop - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      __m128i bad = _mm_or_si128 (_mm_cmplt_epi8 (v, space),
                                  _mm_cmpeq_epi8 (v, del));

      bad = _mm_or_si128 (bad, _mm_or_si128 (_mm_cmpeq_epi8 (v, amp),
                                             _mm_cmpeq_epi8 (v, lt)));
      bad = _mm_or_si128 (bad, _mm_or_si128 (_mm_cmpeq_epi8 (v, gt),
                                             _mm_cmpeq_epi8 (v, quot)));
      if (_mm_movemask_epi8 (bad) != 0)
        break;
      p += 16;
    }
#endif
  while (stop - p >= 8)
    {
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

/* cmark escapes " in text as well as in attributes; one function serves
 * both. The output is prensa_xml_escape (out, text, length, TRUE)'s, byte
 * for byte, but plain runs are found eight bytes at a time (all of a
 * book's text goes through here) and the markup characters replaced
 * here; anything else (controls, non-ASCII) goes to prensa_xml_escape(),
 * which keeps the result well-formed, a stretch at a time that ends
 * before an ASCII byte, so no character is ever cut. */
void
html_escape (GString *out, const char *text, gssize length)
{
  const guchar *p = (const guchar *) text;
  const guchar *stop = p + (length < 0 ? strlen (text) : (gsize) length);

  while (p < stop)
    {
      const guchar *run = p, *next;

      p = plain_end (p, stop);
      prensa_string_put_len (out, (const char *) run, p - run);
      if (p == stop)
        break;
      switch (*p)
        {
        case '&':
          html_put (out, "&amp;");
          break;
        case '<':
          html_put (out, "&lt;");
          break;
        case '>':
          html_put (out, "&gt;");
          break;
        case '"':
          html_put (out, "&quot;");
          break;
        default:
          for (next = p + 1; next < stop && *next >= 0x80; next++)
            ;
          prensa_xml_escape (out, (const char *) p, next - p, TRUE);
          p = next;
          continue;
        }
      p++;
    }
}

/* Characters a URL keeps as they are: the unreserved ones and the
 * reserved ones, which we take to be meant as separators. & and ' are
 * left out because HTML needs them as entities. */
static gboolean
href_safe (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-_.+!*(),%#@?=;:/$~", c));
}


void
html_escape_href (GString *out, const char *url)
{
  for (const guchar *p = (const guchar *) url; *p; p++)
    {
      if (href_safe (*p))
        g_string_append_c (out, (char) *p);
      else if (*p == '&')
        html_put (out, "&amp;");
      else if (*p == '\'')
        g_string_append (out, "&#x27;");
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}
