/* xml.c: the XML layer writers share (prensa-xml.h); prensa_xml_escape()
 * itself is in text.c, beside the UTF-8 rules it shares with the loader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>
#include <string.h>

#include "prensa-private.h"

static inline void
put (GString *out, const char *text)
{
  prensa_string_put_len (out, text, strlen (text));
}

void
prensa_xml_text (GString *out, const char *text)
{
  g_return_if_fail (out != NULL);
  if (text != NULL)
    prensa_xml_escape (out, text, -1, FALSE);
}

void
prensa_xml_attribute (GString *out, const char *name, const char *value)
{
  g_return_if_fail (out != NULL && name != NULL);
  if (value == NULL)
    return;
  g_string_append_c (out, ' ');
  put (out, name);
  prensa_string_put_len (out, "=\"", 2);
  prensa_xml_escape (out, value, -1, TRUE);
  g_string_append_c (out, '"');
}

static void
start_tag (GString *out, const char *name, va_list args)
{
  const char *attribute;

  g_string_append_c (out, '<');
  put (out, name);
  while ((attribute = va_arg (args, const char *)) != NULL)
    prensa_xml_attribute (out, attribute, va_arg (args, const char *));
}

void
prensa_xml_open (GString *out, const char *name, ...)
{
  va_list args;

  g_return_if_fail (out != NULL && name != NULL);
  va_start (args, name);
  start_tag (out, name, args);
  va_end (args);
  g_string_append_c (out, '>');
}

void
prensa_xml_empty (GString *out, const char *name, ...)
{
  va_list args;

  g_return_if_fail (out != NULL && name != NULL);
  va_start (args, name);
  start_tag (out, name, args);
  va_end (args);
  prensa_string_put_len (out, "/>", 2);
}

void
prensa_xml_close (GString *out, const char *name)
{
  g_return_if_fail (out != NULL && name != NULL);
  prensa_string_put_len (out, "</", 2);
  put (out, name);
  g_string_append_c (out, '>');
}

void
prensa_xml_element (GString *out, const char *name, const char *text, ...)
{
  va_list args;

  g_return_if_fail (out != NULL && name != NULL);
  va_start (args, text);
  start_tag (out, name, args);
  va_end (args);
  g_string_append_c (out, '>');
  prensa_xml_text (out, text);
  prensa_xml_close (out, name);
}

void
prensa_xml_declaration (GString *out, gboolean standalone)
{
  g_return_if_fail (out != NULL);
  put (out, standalone ? PRENSA_XML_DECLARATION_STANDALONE : PRENSA_XML_DECLARATION);
}

gboolean
prensa_xml_flush (GString *buffer, PrensaOutput *output, gsize threshold)
{
  g_return_val_if_fail (buffer != NULL && output != NULL, FALSE);
  if (buffer->len < threshold || (threshold > 0 && buffer->len == 0))
    return FALSE;
  prensa_output_write (output, buffer->str, buffer->len);
  g_string_truncate (buffer, 0);
  return TRUE;
}
