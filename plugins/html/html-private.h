/* html-private.h: state shared by the files of the HTML writer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa-plugin.h>

G_BEGIN_DECLS

#define PRENSA_HTML_ERROR (prensa_html_error_quark ())
GQuark prensa_html_error_quark (void);

typedef enum {
  PRENSA_HTML_ERROR_RESOURCE, /* a stylesheet or resource cannot be read */
} PrensaHtmlError;

/* How a turn names its speaker. */
typedef enum {
  HTML_LABELS_FIRST, /* full name on a speaker's first turn, id after */
  HTML_LABELS_NAME,  /* always the full name */
  HTML_LABELS_ID,    /* always the id */
  HTML_LABELS_NONE,  /* no label: the stylesheet tells turns apart */
} HtmlLabels;

typedef struct {
  const PrensaDocument *doc;
  GString *out;
  gboolean embed_resources;
  HtmlLabels labels;
  /* Speaker ids that have had a turn, for HTML_LABELS_FIRST. */
  GHashTable *speakers_seen;
  /* Where @out goes as it fills up (NULL: keep everything in @out). */
  PrensaOutput *output;
} HtmlWriter;

/* html-escape.c: escaping as cmark's HTML renderer does it. */
void html_escape (GString *out, const char *text, gssize length);
void html_escape_href (GString *out, const char *url);

/* html-body.c: the blocks and inlines of @root and everything in it. */
void html_write_node (HtmlWriter *w, const PrensaNode *root);

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

/* html-toc.c: a <nav> listing every heading, or nothing without any. */
void html_write_toc (HtmlWriter *w);

/* html-resources.c: a file as a data: URI; the built-in stylesheet. */
char *html_dup_data_uri (const char *path, GError **error);
GBytes *html_load_stylesheet (GError **error);

/* html-document.c: the whole page (or fragment). */
gboolean html_write_document (const PrensaDocument *doc,
                              const PrensaOptions *options,
                              PrensaOutput *output,
                              GError **error);

G_END_DECLS
