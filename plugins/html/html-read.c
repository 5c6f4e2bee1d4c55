/* html-read.c: the HTML reader: a web page (or prensa's own HTML) read as
 * an article.
 *
 * Decisions, so that a user knows what to expect:
 *   - Bytes, not text (PRENSA_READER_BINARY): web pages come in Latin-1,
 *     Windows-1252 and the rest. A BOM, else a charset declared in the
 *     first 1,024 bytes (<meta charset>, http-equiv Content-Type), says
 *     how to read them (Latin-1 and ASCII as Windows-1252, as browsers
 *     do); a page that declares none is UTF-8 when it is valid UTF-8,
 *     else Windows-1252. A byte the charset cannot map is U+FFFD, not a
 *     failed read (html-read-charset.c).
 *   - libxml2's HTML parser, with the network off and its messages off;
 *     it loads nothing external. It stops at 256 levels of nesting (no
 *     HTML_PARSE_HUGE): what follows a deeper part of a page is lost, with
 *     a warning. The reader's walk is iterative, and it opens at most
 *     HTML_READ_MAX_BLOCKS nested block containers and
 *     HTML_READ_MAX_INLINES nested inlines; deeper ones keep their text.
 *   - The article is the first <main> with text, else the <article> with
 *     the most text, else the <body>; in the body, a <header> or <footer>
 *     outside any article, section or main is page furniture and dropped.
 *     nav, aside, script, style, noscript, template, form controls,
 *     iframes, media and [hidden] elements are dropped; svg and math are
 *     dropped with one warning (their text is not prose).
 *   - Metadata: <title>, <html lang>, <meta name=author> (each one an
 *     author), description, keywords (the subject list), dcterms.* and
 *     dc.* date, publisher, rights, identifier. The page's only <h1> is
 *     the title, and is not repeated as a heading, when <title> is the
 *     same text, alone or followed by " | Site" (or " - ", " – ", " — ",
 *     " :: ", " · "). prensa's own article header (h1.title, p.subtitle,
 *     p.dateline) is metadata; its byline is made again from the authors
 *     and speakers, so it is not read. The headers of later articles (a
 *     collection written as one page) are read as text.
 *   - prensa's interview markup reads back as it was written: div.turn
 *     with data-speaker and data-role are turns (the label's name, or an
 *     <abbr title>, gives the speaker's name), div.standfirst and
 *     footer.back-matter their containers, and the speakers go into the
 *     metadata. Any other page gets the core's inference, which finds
 *     "Name:" labels, bold ones too, and alternation.
 *   - Blocks: p, h1-h6, blockquote, ul/ol/menu (start, tight when no item
 *     holds a <p>, task items from their checkbox), pre (a code block, the
 *     language from class="language-x" or "lang-x"), hr, tables (thead or
 *     a row of th is a header row; align= or text-align; a caption is the
 *     paragraph before the table). div, section, figure, figcaption, dd
 *     and the like only group blocks; dt is a paragraph in bold. Inlines:
 *     em/i/cite/dfn/var, strong/b, s/del/strike, code/kbd/samp/tt, a with
 *     an href (title too), img (src, alt, title; data: images are kept
 *     with the part via prensa_builder_add_resource), br; others (span,
 *     abbr, sub, sup…) give their text. White space collapses as HTML
 *     says; a run with a newline is a soft break.
 *   - Footnotes in prensa's (and pandoc's) markup: section
 *     role=doc-endnotes (or class footnotes) items are the notes,
 *     a.footnote-ref the references; back-links are dropped.
 *   - An empty page, or one with no text in its article, is an empty
 *     document with a warning, not an error: there is nothing wrong with
 *     it that the user could fix. Bytes that are not HTML are read as
 *     text, as a browser shows them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-read-private.h"

#include <string.h>

static gboolean
is_blank (const char *data, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

static xmlDoc *
parse (PrensaBuilder *b, const char *data, gsize length, GError **error)
{
  g_autoptr (GString) utf8 = html_decode (data, length);
  htmlParserCtxtPtr ctxt;
  xmlDoc *doc;

  /* From here the reader works on its own UTF-8 copy. */
  prensa_builder_release_input (b);
  if (utf8->len > G_MAXINT)
    {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "%s: the page is larger than 2 GiB", prensa_builder_get_name (b));
      return NULL;
    }
  if ((ctxt = htmlNewParserCtxt ()) == NULL)
    {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "%s: out of memory", prensa_builder_get_name (b));
      return NULL;
    }
  doc = htmlCtxtReadMemory (ctxt, utf8->str, (int) utf8->len, NULL, "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                            HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT |
                            HTML_PARSE_IGNORE_ENC);
  if (doc != NULL && ctxt->nameNr > 0)
    prensa_builder_warning (b, 0, "the page nests elements too deeply; "
                            "it is read only up to there");
  htmlFreeParserCtxt (ctxt);
  if (doc == NULL)
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                 "%s: not an HTML page", prensa_builder_get_name (b));
  return doc;
}

static gboolean
read_html (PrensaBuilder *b, const char *data, gsize length, GError **error)
{
  HtmlPage page = { NULL };
  xmlDoc *doc;
  gboolean ok;

  if (is_blank (data, length))
    {
      prensa_builder_warning (b, 0, "the page is empty");
      return TRUE;
    }
  if ((doc = parse (b, data, length, error)) == NULL)
    return FALSE;
  ok = html_read_page (b, doc, &page, error) && html_read_body (b, &page, error);
  html_page_clear (&page);
  xmlFreeDoc (doc);
  return ok;
}

PRENSA_READER_DEFINE ("html", "HTML page (a web article, or prensa's own HTML)",
                      "html,htm,xhtml", "text/html", PRENSA_READER_BINARY, NULL,
                      read_html);
