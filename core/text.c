/* text.c: UTF-8 checks, XML-safe text, display width.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

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

gboolean
prensa_text_sanitize (const char *name,
                      const char *data,
                      gsize length,
                      char **cleaned,
                      gsize *cleaned_length,
                      GError **error)
{
  const char *end = NULL;
  *cleaned = NULL;
  *cleaned_length = 0;
  if (!g_utf8_validate_len (data, length, &end)) {
    /* NUL is valid UTF-8 but g_utf8_validate stops at it: step over. */
    if (*end != '\0') {
      guint line, column;
      locate (data, end, &line, &column);
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_ENCODING,
                   "%s:%u:%u: invalid UTF-8 (byte 0x%02x); convert the file to UTF-8",
                   name, line, column, (guchar) *end);
      return FALSE;
    }
  }

  GString *out = NULL;
  const char *p = data, *copied = data, *stop = data + length;
  while (p < stop) {
    guchar b = (guchar) *p;
    if (b >= 0x20 && b < 0x7F) {
      p++;
      continue;
    }
    const char *next;
    gunichar c;
    if (b == 0) {
      c = 0;
      next = p + 1;
    } else {
      c = g_utf8_get_char_validated (p, stop - p);
      if (c == (gunichar) -1 || c == (gunichar) -2) {
        guint line, column;
        locate (data, p, &line, &column);
        g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_ENCODING,
                     "%s:%u:%u: invalid UTF-8 (byte 0x%02x); convert the file to UTF-8",
                     name, line, column, b);
        if (out)
          g_string_free (out, TRUE);
        return FALSE;
      }
      next = g_utf8_next_char (p);
    }
    if (is_unwanted (c)) {
      if (out == NULL)
        out = g_string_sized_new (length + 16);
      g_string_append_len (out, copied, p - copied);
      g_string_append (out, replacement);
      copied = next;
    }
    p = next;
  }
  if (out) {
    g_string_append_len (out, copied, stop - copied);
    *cleaned_length = out->len;
    *cleaned = g_string_free (out, FALSE);
  }
  return TRUE;
}

void
prensa_xml_escape (GString *out, const char *text, gssize length, gboolean attribute)
{
  g_return_if_fail (out != NULL && text != NULL);
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  const char *p = text, *run = text, *stop = text + len;
  while (p < stop) {
    guchar b = (guchar) *p;
    const char *rep = NULL;
    gsize skip = 1;
    if (b == '&')
      rep = "&amp;";
    else if (b == '<')
      rep = "&lt;";
    else if (b == '>')
      rep = "&gt;";
    else if (b == '"' && attribute)
      rep = "&quot;";
    else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r')
      rep = replacement;
    else if (b >= 0x80) {
      /* Text from the loader is clean; text from elsewhere (metadata,
       * file names) is checked here too so XML stays well-formed. */
      gunichar c = g_utf8_get_char_validated (p, stop - p);
      if (c == (gunichar) -1 || c == (gunichar) -2) {
        rep = replacement;
      } else {
        skip = g_utf8_next_char (p) - p;
        if (is_unwanted (c))
          rep = replacement;
      }
    }
    if (rep) {
      g_string_append_len (out, run, p - run);
      g_string_append (out, rep);
      p += skip;
      run = p;
    } else {
      p += skip;
    }
  }
  g_string_append_len (out, run, p - run);
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
