/* html-escape.c: escaping text and URLs the way cmark's HTML renderer does,
 * so that our body markup matches the CommonMark reference output.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

#include <string.h>

/* cmark escapes " in text as well as in attributes; one function serves
 * both, and prensa_xml_escape() also keeps the result well-formed. */
void
html_escape (GString *out, const char *text, gssize length)
{
  prensa_xml_escape (out, text, length, TRUE);
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
        g_string_append (out, "&amp;");
      else if (*p == '\'')
        g_string_append (out, "&#x27;");
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}
