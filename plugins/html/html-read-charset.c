/* html-read-charset.c: a page's bytes as UTF-8, before libxml2 sees them.
 *
 * libxml2 would honour a declared charset itself, but on the first byte
 * its converter cannot map (a Windows-1252 page with 0x81, a Shift_JIS
 * page with a stray byte) it gives up on the whole page and prints to
 * stderr. Browsers show such a byte as U+FFFD and read on; so does this.
 * The parser then gets UTF-8 and is told to ignore the page's own
 * declaration.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-read-private.h"

#include <errno.h>
#include <string.h>

/* HTML's encoding sniffing looks at the first 1,024 bytes. */
#define PRESCAN_BYTES 1024
#define CHARSET_MAX 40

/* The charset a <meta charset> or http-equiv Content-Type names in the
 * first PRESCAN_BYTES bytes, or NULL. */
static char *
declared_charset (const char *data, gsize length)
{
  gsize n = MIN (length, PRESCAN_BYTES);
  static const char key[] = "charset";

  for (gsize i = 0; i + sizeof key - 1 <= n; i++)
    {
      gsize j = i + sizeof key - 1, start;
      if (g_ascii_strncasecmp (data + i, key, sizeof key - 1) != 0)
        continue;
      while (j < n && (g_ascii_isspace (data[j]) || data[j] == '=' ||
                       data[j] == '"' || data[j] == '\''))
        j++;
      start = j;
      while (j < n && j - start < CHARSET_MAX &&
             (g_ascii_isalnum (data[j]) || strchr ("-_.:", data[j]) != NULL))
        j++;
      if (j > start)
        return g_ascii_strdown (data + start, (gssize) (j - start));
    }
  return NULL;
}

/* HTML reads these labels as Windows-1252 (its superset), as browsers
 * do: pages that say Latin-1 use the curly quotes of 1252. */
static const char *
canonical (const char *charset)
{
  static const char *const latin1[] = { "iso-8859-1", "iso8859-1", "latin1",
                                        "l1", "us-ascii", "ascii", "cp1252",
                                        "windows-1252", "x-cp1252", NULL };

  for (guint i = 0; latin1[i] != NULL; i++)
    if (strcmp (charset, latin1[i]) == 0)
      return "WINDOWS-1252";
  if (strcmp (charset, "utf8") == 0 || strcmp (charset, "unicode-1-1-utf-8") == 0)
    return "UTF-8";
  return charset;
}

/* @length bytes in @charset as UTF-8, a byte that cannot be converted as
 * U+FFFD; NULL when iconv does not know @charset. */
static GString *
convert (const char *data, gsize length, const char *charset)
{
  GIConv cd = g_iconv_open ("UTF-8", charset);
  GString *out;
  gchar *in = (gchar *) data;
  gsize left = length;

  if (cd == (GIConv) -1)
    return NULL;
  out = g_string_sized_new (length + length / 2 + 16);
  while (left > 0)
    {
      gchar buf[4096];
      gchar *to = buf;
      gsize room = sizeof buf;
      gsize r = g_iconv (cd, &in, &left, &to, &room);
      g_string_append_len (out, buf, (gssize) (to - buf));
      if (r == (gsize) -1 && errno != E2BIG)
        {
          /* EILSEQ, or EINVAL at the end: one byte is lost, not the page. */
          g_string_append (out, "\xef\xbf\xbd");
          in++;
          left--;
          g_iconv (cd, NULL, NULL, NULL, NULL);
        }
    }
  g_iconv_close (cd);
  return out;
}

/* UTF-8 with each invalid byte made U+FFFD (and NUL too: libxml2 would
 * stop at it). */
static GString *
make_valid (const char *data, gsize length)
{
  GString *out = g_string_sized_new (length + 16);
  const char *p = data, *end = data + length;

  while (p < end)
    {
      const char *bad = NULL;
      g_utf8_validate_len (p, (gsize) (end - p), &bad);
      g_string_append_len (out, p, bad - p);
      if (bad == end)
        break;
      g_string_append (out, "\xef\xbf\xbd");
      p = bad + 1;
    }
  return out;
}

/* A NUL would end libxml2's reading early. */
static GString *
without_nul (GString *s)
{
  GString *valid;

  if (s == NULL || memchr (s->str, '\0', s->len) == NULL)
    return s;
  valid = make_valid (s->str, s->len);
  g_string_free (s, TRUE);
  return valid;
}

GString *
html_decode (const char *data, gsize length)
{
  g_autofree char *declared = NULL;
  const char *charset;
  GString *out = NULL;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    return make_valid (data + 3, length - 3);
  if (length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    out = without_nul (convert (data + 2, length - 2, "UTF-16LE"));
  else if (length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    out = without_nul (convert (data + 2, length - 2, "UTF-16BE"));
  if (out != NULL)
    return out;
  declared = declared_charset (data, length);
  charset = declared ? canonical (declared) : NULL;
  /* A page that declares UTF-16 in ASCII bytes is not UTF-16. */
  if (charset != NULL && g_str_has_prefix (charset, "utf-16"))
    charset = NULL;
  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    out = without_nul (convert (data, length, charset));
  if (out != NULL)
    return out;
  if (charset != NULL || g_utf8_validate_len (data, length, NULL))
    return make_valid (data, length);
  return without_nul (convert (data, length, "WINDOWS-1252"));
}
