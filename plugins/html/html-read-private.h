/* html-read-private.h: state shared by the files of the HTML reader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa-reader.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Block containers deeper than this are read as plain divisions, and
 * inline elements deeper than HTML_READ_MAX_INLINES as plain text: the
 * model and every writer stay shallow whatever the page nests. */
#define HTML_READ_MAX_BLOCKS 32
#define HTML_READ_MAX_INLINES 16

/* What the walk takes from the page before it starts (html-read-meta.c). */
typedef struct {
  xmlNode *root;          /* the article: <main>, an <article> or <body> */
  gboolean body_is_root;  /* page chrome (header, footer) must be dropped */
  xmlNode *title_h1;      /* the h1 read as the title, not as a heading */
  xmlNode *header;        /* prensa's article header read as metadata */
  GHashTable *speakers;   /* ids of the turns' speakers (data-speaker) */
  GHashTable *notes;      /* ids of prensa's (or pandoc's) endnotes */
  GHashTable *note_of_ref;/* a reference's id -> its note's id */
} HtmlPage;

/* html-read-meta.c */
gboolean html_read_page (PrensaBuilder *b, xmlDoc *doc, HtmlPage *page,
                         GError **error);
void html_page_clear (HtmlPage *page);
/* prensa's endnotes section (pandoc's too). */
gboolean html_is_endnotes (const xmlNode *node);

/* html-read-charset.c: @data as UTF-8, by its BOM, its declared charset
 * or a guess. (transfer full) */
GString *html_decode (const char *data, gsize length);

/* html-read-walk.c */
gboolean html_read_body (PrensaBuilder *b, const HtmlPage *page,
                         GError **error);

/* html-read-text.c: small helpers on libxml2's tree. */
const char *html_attr (const xmlNode *node, const char *name);
gboolean html_is (const xmlNode *node, const char *name);
gboolean html_has_class (const xmlNode *node, const char *klass);
guint html_line (const xmlNode *node);
/* The text of @node's subtree (iteratively), white space collapsed and
 * trimmed; script and style text left out. */
/* The node after @n below @root in document order, into @n's children
 * when @descend; NULL at the end. Iterative, as the tree may be as deep
 * as the parser allows. */
const xmlNode *html_next (const xmlNode *root, const xmlNode *n, gboolean descend);
char *html_dup_text (const xmlNode *node);
/* Appends @text to @out with runs of HTML white space made one space. */
void html_collapse (GString *out, const char *text);

G_END_DECLS
