/* html-head.c: the document's <head> and each article's <header>, made
 * from metadata.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

#include <string.h>

/* Pages without a lang in their metadata are taken to be English, so that
 * the page still declares a language (validators and screen readers want
 * one); -M lang=… says otherwise. */
#define HTML_DEFAULT_LANG "en"

static void
write_meta (GString *out, const char *name, const char *content)
{
  if (content == NULL || content[0] == '\0')
    return;
  g_string_append_printf (out, "<meta name=\"%s\" content=\"", name);
  prensa_xml_escape (out, content, -1, TRUE);
  g_string_append (out, "\">\n");
}

/* HTML requires a non-empty <title>: the core's title, the one every
 * writer uses. */
char *
html_dup_title (const PrensaDocument *doc)
{
  return g_strdup (prensa_document_get_title (doc));
}

static void
write_meta_tags (HtmlWriter *w)
{
  const PrensaDocument *doc = w->doc;
  g_auto (GStrv) authors = prensa_document_dup_meta_strv (doc, "author");
  g_auto (GStrv) subjects = prensa_document_dup_meta_strv (doc, "subject");
  g_autofree char *keywords = g_strjoinv (", ", subjects);
  const char *date = prensa_document_get_meta_string (doc, "date");

  for (guint i = 0; authors[i] != NULL; i++)
    write_meta (w->out, "author", authors[i]);
  write_meta (w->out, "description",
              prensa_document_get_meta_string (doc, "description"));
  write_meta (w->out, "keywords", keywords);
  /* Machine-readable: only a real day (prensa_date_is_valid). */
  write_meta (w->out, "dcterms.date",
              prensa_date_is_valid (date) ? date : NULL);
  write_meta (w->out, "dcterms.publisher",
              prensa_document_get_meta_string (doc, "publisher"));
  write_meta (w->out, "dcterms.rights",
              prensa_document_get_meta_string (doc, "rights"));
  write_meta (w->out, "dcterms.identifier",
              prensa_document_get_meta_string (doc, "identifier"));
  write_meta (w->out, "generator", "prensa " PRENSA_VERSION_STRING);
}

/* The papersize metadata (read once by the core) picks the printed page;
 * the stylesheet's own @page rule gives the margins and the default size
 * (A4). CSS names every size prensa knows but Tabloid (its "ledger") and
 * WIDTHxHEIGHT, which go as lengths. */
static void
write_page_size (HtmlWriter *w)
{
  gboolean given = FALSE;
  const PrensaPaper *paper = prensa_document_get_paper (w->doc, &given);

  if (!given)
    return;
  g_string_append (w->out, "<style>@page { size: ");
  if (paper->name != NULL && strcmp (paper->name, "Tabloid") == 0)
    g_string_append (w->out, "ledger");
  else if (paper->name != NULL)
    g_string_append (w->out, paper->name);
  else
    {
      char width[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (w->out, "%spt %spt",
                              g_ascii_formatd (width, sizeof width, "%.2f", paper->width),
                              g_ascii_formatd (height, sizeof height, "%.2f", paper->height));
    }
  if (paper->name != NULL && paper->landscape)
    g_string_append (w->out, " landscape");
  g_string_append (w->out, "; }</style>\n");
}

/* The title a metadata gives (as the PDF's running head shows it, not
 * one taken from a heading or a file name) runs at the head of every
 * printed page but the first, which has the headline: in a margin box,
 * which the stylesheet's @page rule sets (Chromium lets the later rule
 * win over the stylesheet's :first, so this says :first again); CSS cannot take text from the
 * page (Chromium has no string-set), so it goes as a literal, escaped
 * so that no character ends the string or the <style>. */
static void
write_running_head (HtmlWriter *w)
{
  const char *title = prensa_document_get_title (w->doc);

  if (prensa_document_get_title_source (w->doc) != PRENSA_TITLE_METADATA)
    return;
  g_string_append (w->out, "<style>@media print { @page { @top-center { content: \"");
  for (const char *p = title; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7F || strchr ("\"\\<>&", c) != NULL)
        g_string_append_printf (w->out, "\\%x ", c);
      else
        g_string_append_c (w->out, *p);
    }
  g_string_append (w->out, "\"; } } @page :first { @top-center { content: none; } } }"
                   "</style>\n");
}

/* Stylesheet text goes inside <style>, where "</style" would end it early. */
static gboolean
write_style (GString *out, const char *css, gsize length, const char *name,
             GError **error)
{
  g_autofree char *lower = g_ascii_strdown (css, (gssize) length);

  if (strstr (lower, "</style") != NULL)
    {
      g_set_error (error, PRENSA_HTML_ERROR, PRENSA_HTML_ERROR_RESOURCE,
                   "%s: a stylesheet cannot contain \"</style\"", name);
      return FALSE;
    }
  g_string_append (out, "<style>\n");
  g_string_append_len (out, css, (gssize) length);
  if (length > 0 && css[length - 1] != '\n')
    g_string_append_c (out, '\n');
  g_string_append (out, "</style>\n");
  return TRUE;
}

/* css=FILE is linked as given, or copied in with embed-resources. */
static gboolean
write_user_css (HtmlWriter *w, const char *path, GError **error)
{
  g_autofree char *css = NULL;
  gsize length = 0;

  if (!w->embed_resources)
    {
      g_string_append (w->out, "<link rel=\"stylesheet\" href=\"");
      html_escape_href (w->out, path);
      g_string_append (w->out, "\">\n");
      return TRUE;
    }
  if (!prensa_file_get_contents (path, (gsize) 16 << 20, &css, &length, error))
    return FALSE;
  if (!g_utf8_validate_len (css, length, NULL))
    {
      g_set_error (error, PRENSA_HTML_ERROR, PRENSA_HTML_ERROR_RESOURCE,
                   "%s: the stylesheet is not UTF-8", path);
      return FALSE;
    }
  return write_style (w->out, css, length, path, error);
}

gboolean
html_write_head (HtmlWriter *w, const PrensaOptions *options, GError **error)
{
  const char *lang = prensa_document_get_meta_string (w->doc, "lang");
  const char *css = prensa_options_get (options, "css");
  g_autofree char *title = html_dup_title (w->doc);
  g_autoptr (GBytes) builtin = NULL;
  gboolean default_css = TRUE;

  if (!prensa_options_get_boolean (options, "default-css", &default_css, error))
    return FALSE;
  if (lang == NULL || lang[0] == '\0')
    lang = HTML_DEFAULT_LANG;

  g_string_append (w->out, "<!DOCTYPE html>\n<html lang=\"");
  prensa_xml_escape (w->out, lang, -1, TRUE);
  g_string_append (w->out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, "
                   "initial-scale=1\">\n<title>");
  prensa_xml_escape (w->out, title, -1, TRUE);
  g_string_append (w->out, "</title>\n");
  write_meta_tags (w);

  if (default_css)
    {
      gsize length = 0;
      const char *text;

      if ((builtin = html_load_stylesheet (error)) == NULL)
        return FALSE;
      text = g_bytes_get_data (builtin, &length);
      if (!write_style (w->out, text, length, "prensa.css", error))
        return FALSE;
    }
  write_page_size (w);
  if (default_css)
    write_running_head (w);
  if (css != NULL && css[0] != '\0' && !write_user_css (w, css, error))
    return FALSE;
  g_string_append (w->out, "</head>\n");
  return TRUE;
}
