/* html-private.h: state shared by the files of the HTML writer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa-plugin.h>

#include <string.h>

G_BEGIN_DECLS

#define PRENSA_HTML_ERROR (prensa_html_error_quark ())
GQuark prensa_html_error_quark (void);

typedef enum {
  PRENSA_HTML_ERROR_RESOURCE, /* a stylesheet or resource cannot be read */
} PrensaHtmlError;

typedef struct {
  const PrensaDocument *doc;
  GString *out;
  gboolean embed_resources;
  PrensaLabels labels; /* how a turn names its speaker (-O labels=) */
  /* Where @out goes as it fills up (NULL: keep everything in @out). */
  PrensaOutput *output;
  /* Each FOOTNOTE_DEFINITION's references written so far (a GPtrArray of
   * nodes): a note's back-links go only to references that are on the
   * page, and every reference comes before the notes at its part's end. */
  GHashTable *note_refs;
  /* How many links are open: a note reference inside one cannot be a
   * link of its own. */
  guint in_link;
  /* The PART being written, where its links are resolved from. */
  const PrensaNode *part;
  /* --unsafe: raw HTML is written as it is; else it is cleaned by the
   * core's sanitiser (html-raw.c), which keeps each of its ids once
   * (@raw_ids, a set). */
  gboolean unsafe;
  GHashTable *raw_ids;
} HtmlWriter;

/* g_string_append() through prensa_string_put_len() (the length of a
 * literal is folded). */
static inline void
html_put (GString *out, const char *text)
{
  prensa_string_put_len (out, text, strlen (text));
}

/* Starts a new line unless the output already is at the start of one:
 * cmark's rule for where block tags go. */
static inline void
html_cr (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

/* html-escape.c: a URL escaped as cmark's HTML renderer does it. Text
 * and attributes: prensa_xml_escape (out, text, length, TRUE). */
void html_escape_href (GString *out, const char *url);

/* html-body.c: the blocks and inlines of @root and everything in it. */
void html_write_node (HtmlWriter *w, const PrensaNode *root);

/* html-raw.c: a RAW_BLOCK, cleaned unless --unsafe; TRUE when it wrote
 * @block's inlines, cleaned as one fragment because they hold raw HTML
 * (the caller then skips them). */
void html_write_raw_block (HtmlWriter *w, const PrensaNode *block);
gboolean html_write_raw_inlines (HtmlWriter *w, const PrensaNode *block);

/* html-table.c: TABLE, TABLE_ROW and TABLE_CELL. */
void html_write_table (HtmlWriter *w, const PrensaNode *node, gboolean entering);

/* html-notes.c: FOOTNOTE_REFERENCE and FOOTNOTE_DEFINITION, and the
 * back-links that end a note's last paragraph. */
void html_write_note_ref (HtmlWriter *w, const PrensaNode *ref);
void html_write_note (HtmlWriter *w, const PrensaNode *note, gboolean entering);
gboolean html_ends_note (const PrensaNode *para);
void html_write_backlinks (HtmlWriter *w, const PrensaNode *note,
                           gboolean after_text);

/* html-head.c: the page's <head> from the document's metadata. */
gboolean html_write_head (HtmlWriter *w,
                          const PrensaOptions *options,
                          GError **error);
char *html_dup_title (const PrensaDocument *doc);

/* html-header.c: an article's <header> from @meta (a part's metadata) and
 * the speakers of @part's turns; nothing when @meta has no title. */
gboolean html_has_header (const PrensaValue *meta);
void html_write_header (HtmlWriter *w,
                        const PrensaValue *meta,
                        const PrensaNode *part);

/* html-toc.c: a <nav> listing the headings down to level @depth
 * (prensa_document_dup_contents), or nothing without any. */
void html_write_toc (HtmlWriter *w, guint depth);

/* html-resources.c: a file as a data: URI; the built-in stylesheet. */
char *html_dup_data_uri (const char *path, GBytes *data, GError **error);
GBytes *html_load_stylesheet (GError **error);

/* html-document.c: the whole page (or fragment). */
gboolean html_write_document (const PrensaDocument *doc,
                              const PrensaOptions *options,
                              PrensaOutput *output,
                              GError **error);

G_END_DECLS
