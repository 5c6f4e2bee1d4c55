/* html-escape.c: escaping URLs the way cmark's HTML renderer does, so
 * that our body markup matches the CommonMark reference output. Text and
 * attribute values go through the core's prensa_xml_escape() with
 * @attribute TRUE: cmark escapes " in text as well, and that function's
 * output is cmark's byte for byte.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

#include <string.h>

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
