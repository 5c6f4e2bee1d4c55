/* docx-util.c: the docx plugin's error quark and relationship URIs (XML
 * itself is written with the core's prensa-xml.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

G_DEFINE_QUARK (prensa-docx-error-quark, prensa_docx_error)

/* Relationship targets are xsd:anyURI: Markdown destinations may hold
 * spaces and non-ASCII text, which are percent-encoded here; characters
 * that already have a meaning in a URI (and existing escapes) stay. */
void
docx_append_uri (GString *out, const char *url)
{
  g_autofree char *escaped = g_uri_escape_string (url, "!#$&'()*+,/:;=?@[]~%",
                                                  FALSE);

  prensa_xml_escape (out, escaped, -1, TRUE);
}
