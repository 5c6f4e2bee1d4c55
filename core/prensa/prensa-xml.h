/* prensa-xml.h: writing XML (XHTML, OPF, OOXML) onto a GString.
 *
 * One layer for every writer that produces XML, so escaping has one
 * definition. It is a streaming writer of prensa's own rather than
 * libxml2's xmlTextWriter: the writers assemble their parts in GStrings
 * (a chapter, the footnotes, a relationship list) and splice them, which
 * a writer object with its own output buffer does not allow; all of a
 * book's text goes through the escaper, which finds plain runs sixteen
 * bytes at a time; and libprensa itself need not link libxml2.
 *
 * The rules: element and attribute names are the caller's (literals,
 * never document text) and are written as they are; a namespace is an
 * attribute like any other ("xmlns:epub"). Text and attribute values are
 * escaped with prensa_xml_escape(), which also replaces what XML 1.0 does
 * not allow, so the result is well-formed whatever the document holds.
 * Attributes are (name, value) pairs ended by a NULL name; a pair whose
 * value is NULL is left out, which keeps optional attributes on one line:
 *
 *   prensa_xml_open (out, "a", "href", href, "title", title_or_null, NULL);
 *   prensa_xml_text (out, label);
 *   prensa_xml_close (out, "a");
 *
 * Markup that is already XML (a template, a part assembled earlier) goes
 * in with prensa_xml_raw(). To stream to a file, write into a buffer and
 * hand it to prensa_xml_flush() as it fills.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-version.h>
#include <prensa/prensa-output.h>
#include <prensa/prensa-util.h>

G_BEGIN_DECLS

/* Appends @text (@length bytes or NUL-terminated when -1) to @out escaped
 * for XML and HTML text (&, <, >) or, with @attribute, for a double-quoted
 * attribute value (also "). Characters XML 1.0 forbids (C0 controls but
 * tab, LF and CR; DEL and C1 controls; noncharacters) and bytes that are
 * not UTF-8 are written as U+FFFD, so the result is always well-formed.
 * Runs of plain ASCII are copied sixteen bytes at a time. */
PRENSA_API void prensa_xml_escape (GString *out,
                                   const char *text,
                                   gssize length,
                                   gboolean attribute);

/* prensa_xml_escape (out, text, -1, FALSE); nothing when @text is NULL. */
PRENSA_API void prensa_xml_text (GString *out, const char *text);

/* ` name="value"`, the value escaped; nothing when @value is NULL. For a
 * start tag written by hand. */
PRENSA_API void prensa_xml_attribute (GString *out,
                                      const char *name,
                                      const char *value);

/* `<name a="v"…>`; attributes as the header says. */
PRENSA_API void prensa_xml_open (GString *out,
                                 const char *name,
                                 ...) G_GNUC_NULL_TERMINATED;

/* `<name a="v"…/>`. */
PRENSA_API void prensa_xml_empty (GString *out,
                                  const char *name,
                                  ...) G_GNUC_NULL_TERMINATED;

/* `</name>`. */
PRENSA_API void prensa_xml_close (GString *out, const char *name);

/* `<name a="v"…>text</name>`; @text may be NULL for an empty element
 * written with both tags. */
PRENSA_API void prensa_xml_element (GString *out,
                                    const char *name,
                                    const char *text,
                                    ...) G_GNUC_NULL_TERMINATED;

/* The XML declaration and a newline, as a literal to build a template
 * with; OOXML parts carry the standalone one. */
#define PRENSA_XML_DECLARATION \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define PRENSA_XML_DECLARATION_STANDALONE \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Appends PRENSA_XML_DECLARATION, or the standalone one. */
PRENSA_API void prensa_xml_declaration (GString *out, gboolean standalone);

/* Appends @markup as it is: it must already be well-formed XML (or
 * escaped text). */
static inline void
prensa_xml_raw (GString *out, const char *markup)
{
  prensa_string_put_len (out, markup, strlen (markup));
}

/* Writes @buffer to @output and empties it once it holds @threshold bytes
 * or more (0: always); TRUE when it did. For writers that stream a large
 * part instead of keeping it whole. */
PRENSA_API gboolean prensa_xml_flush (GString *buffer,
                                      PrensaOutput *output,
                                      gsize threshold);

G_END_DECLS
