/* epub-xml.c: a small streaming XML builder on a GString.
 *
 * The OPF, NCX, nav and content documents are short and regular, so a
 * GString with escaping done by prensa_xml_escape() is all they need: the
 * output is well-formed by construction and byte-for-byte deterministic.
 * Attributes are (name, value) pairs ended by a NULL name; a pair whose
 * value is NULL is left out, which keeps optional attributes on one line.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <stdarg.h>

static void
write_attributes (GString *out, va_list args)
{
  const char *name;

  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      g_string_append_printf (out, " %s=\"", name);
      prensa_xml_escape (out, value, -1, TRUE);
      g_string_append_c (out, '"');
    }
}

void
epub_xml_open (GString *out, const char *name, ...)
{
  va_list args;

  g_string_append_printf (out, "<%s", name);
  va_start (args, name);
  write_attributes (out, args);
  va_end (args);
  g_string_append_c (out, '>');
}

void
epub_xml_empty (GString *out, const char *name, ...)
{
  va_list args;

  g_string_append_printf (out, "<%s", name);
  va_start (args, name);
  write_attributes (out, args);
  va_end (args);
  g_string_append (out, "/>");
}

void
epub_xml_close (GString *out, const char *name)
{
  g_string_append_printf (out, "</%s>", name);
}

void
epub_xml_text (GString *out, const char *text)
{
  if (text != NULL)
    prensa_xml_escape (out, text, -1, FALSE);
}

void
epub_xml_element (GString *out, const char *name, const char *text, ...)
{
  va_list args;

  g_string_append_printf (out, "<%s", name);
  va_start (args, text);
  write_attributes (out, args);
  va_end (args);
  g_string_append_c (out, '>');
  epub_xml_text (out, text);
  epub_xml_close (out, name);
}
