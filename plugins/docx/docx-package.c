/* docx-package.c: the OPC package around the body: content types,
 * relationships, properties, the style parts, media, and the zip.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

#define XML_DECL PRENSA_XML_DECLARATION_STANDALONE
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* Print pages: A4 with 3 cm side margins and Letter with 1.2 in, so that
 * the 10.5 pt text runs about 80 characters a line. */
static const DocxPage page_a4 = {
  11906, 16838, FALSE, 1418, 1701, 1701, 1701, 709, 851, 0
};
static const DocxPage page_letter = {
  12240, 15840, FALSE, 1440, 1728, 1584, 1728, 720, 864, 0
};

/* A page of @paper's size with A4's margins (Letter's for US sizes),
 * narrowed in proportion on a smaller sheet. */
static DocxPage
page_for (const PrensaPaper *paper)
{
  DocxPage page = paper->us ? page_letter : page_a4;
  double scale = MIN (1.0, paper->width * 20 / page.width);
  guint *edges[] = { &page.top, &page.right, &page.bottom, &page.left,
                     &page.header, &page.footer };

  page.width = (guint) (paper->width * 20 + 0.5);
  page.height = (guint) (paper->height * 20 + 0.5);
  page.landscape = paper->landscape;
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    *edges[i] = (guint) (*edges[i] * scale + 0.5);
  return page;
}

static gboolean
choose_page (const PrensaDocument *document, const PrensaOptions *options,
             const DocxStyles *styles, DocxPage *page, GError **error)
{
  const char *option = prensa_options_get (options, "page-size");
  PrensaPaper paper = *prensa_document_get_paper (document, NULL);

  /* Explicit option, then the reference's page, then the metadata. */
  if (option)
    {
      if (!prensa_paper_parse (option, &paper))
        {
          g_set_error (error, PRENSA_OPTION_ERROR, PRENSA_OPTION_ERROR_INVALID,
                       "docx option 'page-size': '%s' is not a paper size (%s)",
                       option, PRENSA_PAPER_SIZES);
          return FALSE;
        }
      DocxPage sized = page_for (&paper);
      if (!docx_styles_get_page (styles, page))
        *page = sized;
      page->width = sized.width;
      page->height = sized.height;
      page->landscape = sized.landscape;
      return TRUE;
    }
  if (docx_styles_get_page (styles, page))
    return TRUE;
  *page = page_for (&paper);
  return TRUE;
}

static void
append_element (GString *out, const char *name, const char *text)
{
  if (text != NULL && *text != '\0')
    prensa_xml_element (out, name, text, NULL);
}

static void
append_element_strv (GString *out, const char *name,
                     const PrensaDocument *document, const char *key,
                     const char *separator)
{
  g_auto(GStrv) values = prensa_document_dup_meta_strv (document, key);
  g_autofree char *joined = g_strjoinv (separator, values);

  append_element (out, name, joined);
}

static GString *
core_properties (const PrensaDocument *document)
{
  GString *out = g_string_new (XML_DECL);
  g_autoptr(GDateTime) now = prensa_source_date ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  g_string_append (out,
    "<cp:coreProperties"
    " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
    " xmlns:dcterms=\"http://purl.org/dc/terms/\""
    " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\""
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
  append_element (out, "dc:title", prensa_document_get_title (document));
  append_element_strv (out, "dc:subject", document, "subject", "; ");
  append_element_strv (out, "dc:creator", document, "author", "; ");
  append_element_strv (out, "cp:keywords", document, "keywords", ", ");
  append_element (out, "dc:description",
                  prensa_document_get_meta_string (document, "description"));
  append_element (out, "dc:identifier",
                  prensa_document_get_meta_string (document, "identifier"));
  append_element (out, "dc:language", prensa_document_get_meta_string (document, "lang"));
  g_string_append_printf (out,
    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
    "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
    "</cp:coreProperties>\n", stamp, stamp);
  return out;
}

static GString *
app_properties (void)
{
  return g_string_new (XML_DECL
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
    " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
    "<Application>prensa</Application><DocSecurity>0</DocSecurity>"
    "</Properties>\n");
}

static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (; s && *s; s++)
    {
      if (*s == '"' || *s == '\\')
        g_string_append_printf (out, "\\%c", *s);
      else if ((guchar) *s < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *s);
      else
        g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

/* docProps/custom.xml: the speakers as JSON, for prensa's DOCX reader.
 * The page shows only names and roles' styles (Question, Answer); the
 * ids, names and roles of the front matter would be lost without it.
 * NULL when the document declares no speakers. */
static GString *
custom_properties (const PrensaDocument *document)
{
  static const char *const roles[] = {
    [PRENSA_ROLE_OTHER] = "other",
    [PRENSA_ROLE_INTERVIEWER] = "interviewer",
    [PRENSA_ROLE_INTERVIEWEE] = "interviewee",
  };
  guint n = prensa_document_get_n_speakers (document);
  g_autoptr(GString) json = g_string_new ("[");
  GString *out;

  if (n == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      const PrensaSpeaker *sp = prensa_document_get_speaker (document, i);
      PrensaRole role = prensa_speaker_get_role (sp);

      g_string_append (json, i > 0 ? ", {\"id\": " : "{\"id\": ");
      append_json_string (json, prensa_speaker_get_id (sp));
      g_string_append (json, ", \"name\": ");
      append_json_string (json, prensa_speaker_get_name (sp));
      g_string_append (json, ", \"role\": ");
      append_json_string (json, (guint) role < G_N_ELEMENTS (roles) ? roles[role] : "other");
      g_string_append_c (json, '}');
    }
  g_string_append_c (json, ']');
  out = g_string_new (XML_DECL
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\""
    " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
    "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\""
    " name=\"prensa-speakers\"><vt:lpwstr>");
  prensa_xml_text (out, json->str);
  g_string_append (out, "</vt:lpwstr></property></Properties>\n");
  return out;
}

static GString *
content_types (const DocxBody *body, gboolean theme, gboolean custom)
{
  GString *out = g_string_new (XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < body->media->len; i++)
    {
      DocxMedia *media = body->media->pdata[i];

      if (!g_hash_table_add (seen, media->extension))
        continue;
      g_string_append_printf (out, "<Default Extension=\"%s\" ContentType=\"%s\"/>",
                              media->extension, media->mime_type);
    }
  g_string_append (out,
    "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_WML "document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_WML "styles+xml\"/>"
    "<Override PartName=\"/word/numbering.xml\" ContentType=\"" CT_WML "numbering+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_WML "settings+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT_WML "footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>");
  if (body->running_head)
    g_string_append (out,
      "<Override PartName=\"/word/header1.xml\" ContentType=\"" CT_WML "header+xml\"/>"
      "<Override PartName=\"/word/header2.xml\" ContentType=\"" CT_WML "header+xml\"/>");
  if (body->n_notes > 0)
    g_string_append (out, "<Override PartName=\"/word/footnotes.xml\""
                     " ContentType=\"" CT_WML "footnotes+xml\"/>");
  if (custom)
    g_string_append (out, "<Override PartName=\"/docProps/custom.xml\""
                     " ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>");
  if (theme)
    g_string_append (out, "<Override PartName=\"/word/theme/theme1.xml\""
                     " ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>");
  g_string_append (out, "</Types>\n");
  return out;
}

static GString *
package_rels (gboolean custom)
{
  GString *out = g_string_new (XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS "officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_NS "extended-properties\" Target=\"docProps/app.xml\"/>");

  if (custom)
    g_string_append (out, "<Relationship Id=\"rId4\" Type=\"" REL_NS "custom-properties\""
                     " Target=\"docProps/custom.xml\"/>");
  g_string_append (out, "</Relationships>\n");
  return out;
}

static GString *
document_rels (const DocxBody *body, gboolean theme)
{
  GString *out = g_string_new (XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" Type=\"" REL_NS "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdNumbering\" Type=\"" REL_NS "numbering\" Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rIdSettings\" Type=\"" REL_NS "settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdFooter\" Type=\"" REL_NS "footer\" Target=\"footer1.xml\"/>");

  if (theme)
    g_string_append (out, "<Relationship Id=\"rIdTheme\" Type=\"" REL_NS "theme\""
                     " Target=\"theme/theme1.xml\"/>");
  if (body->running_head)
    g_string_append (out,
      "<Relationship Id=\"rIdHeader\" Type=\"" REL_NS "header\" Target=\"header1.xml\"/>"
      "<Relationship Id=\"rIdHeaderFirst\" Type=\"" REL_NS "header\" Target=\"header2.xml\"/>");
  if (body->n_notes > 0)
    g_string_append (out, "<Relationship Id=\"rIdFootnotes\" Type=\"" REL_NS "footnotes\""
                     " Target=\"footnotes.xml\"/>");
  g_string_append_len (out, body->rels->str, body->rels->len);
  g_string_append (out, "</Relationships>\n");
  return out;
}

/* word/footnotes.xml: the separator and continuation separator Word
 * draws above the notes (ids -1 and 0, as Word writes them), then the
 * notes, numbered from 1. */
static GString *
footnotes (const DocxBody *body)
{
  GString *out = g_string_new (XML_DECL
    "<w:footnotes"
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr>"
    "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr>"
    "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>");

  g_string_append_len (out, body->notes->str, body->notes->len);
  g_string_append (out, "</w:footnotes>\n");
  return out;
}

static GString *
footnotes_rels (const DocxBody *body)
{
  GString *out = g_string_new (XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");

  g_string_append_len (out, body->note_rels->str, body->note_rels->len);
  g_string_append (out, "</Relationships>\n");
  return out;
}

/* The settings name the separators of footnotes.xml, as Word's do; they
 * go before w:compat, where CT_Settings wants them. */
static void
add_footnote_settings (GString *settings)
{
  static const char note_pr[] =
    "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>";
  const char *at = strstr (settings->str, "<w:compat");

  if (!at)
    at = g_strrstr (settings->str, "</w:settings>");
  if (at)
    g_string_insert (settings, at - settings->str, note_pr);
}

/* With a contents field, Word is asked to update fields on opening (it
 * asks the reader first), so the page numbers are Word's own. In
 * CT_Settings, w:updateFields comes before these. */
static void
add_update_fields (GString *settings)
{
  static const char *const after[] = {
    "<w:hdrShapeDefaults", "<w:footnotePr", "<w:endnotePr", "<w:compat", "</w:settings>",
  };
  const char *at = NULL;

  if (strstr (settings->str, "<w:updateFields") != NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    {
      const char *found = strstr (settings->str, after[i]);

      if (found && (at == NULL || found < at))
        at = found;
    }
  if (at)
    g_string_insert (settings, at - settings->str, "<w:updateFields w:val=\"true\"/>");
}

/* formats/docx/numbering.xml with one w:num per list appended. */
static GString *
numbering (const DocxBody *body, GError **error)
{
  g_autoptr(GBytes) bytes = docx_resource ("numbering.xml", error);
  const char *data, *end;
  gsize size;
  GString *out;

  if (!bytes)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  out = g_string_new_len (data, size);
  end = g_strrstr (out->str, "</w:numbering>");
  if (!end)
    {
      g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_RESOURCE,
                   "numbering.xml has no </w:numbering>");
      g_string_free (out, TRUE);
      return NULL;
    }
  g_string_insert_len (out, end - out->str, body->nums->str, body->nums->len);
  return out;
}

/* A built-in part; the footer's paragraph style follows the style map. */
static GString *
resource_part (const char *name, const DocxStyles *styles, GError **error)
{
  g_autoptr(GBytes) bytes = docx_resource (name, error);
  gsize size;
  const char *data;
  GString *out;

  if (!bytes)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  out = g_string_new_len (data, size);
  if (strcmp (docx_styles_id (styles, "Footer"), "Footer") != 0)
    {
      g_autoptr(GString) style = g_string_new (NULL);

      prensa_xml_attribute (style, "w:val", docx_styles_id (styles, "Footer"));
      g_string_replace (out, " w:val=\"Footer\"", style->str, 0);
    }
  return out;
}

/* header1.xml, the running head: the title in the Header style;
 * header2.xml, the first page's, an empty paragraph. */
static gboolean
add_headers (PrensaZip *zip, const DocxBody *body, const DocxStyles *styles,
             GError **error)
{
  static const char open[] = XML_DECL
    "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";
  GString *head;

  if (!body->running_head)
    return TRUE;
  head = g_string_new (open);
  g_string_append (head, "<w:p><w:pPr><w:pStyle");
  prensa_xml_attribute (head, "w:val", docx_styles_id (styles, "Header"));
  g_string_append (head, "/></w:pPr><w:r><w:t xml:space=\"preserve\">");
  prensa_xml_escape (head, body->running_head, -1, FALSE);
  g_string_append (head, "</w:t></w:r></w:p></w:hdr>\n");
  if (!prensa_zip_add_string (zip, "word/header1.xml", head, 0, error))
    return FALSE;
  head = g_string_new (open);
  g_string_append (head, "<w:p/></w:hdr>\n");
  return prensa_zip_add_string (zip, "word/header2.xml", head, 0, error);
}

static gboolean
add_parts (PrensaZip *zip, const DocxBody *body, const DocxStyles *styles,
           const PrensaDocument *document, const GString *custom, GError **error)
{
  GBytes *theme = docx_styles_get_theme (styles);
  GString *num = numbering (body, error);
  GString *settings, *footer;

  if (!num)
    return FALSE;
  if (!prensa_zip_add_string (zip, "word/numbering.xml", num, 0, error))
    return FALSE;
  settings = resource_part ("settings.xml", styles, error);
  if (settings && body->n_notes > 0)
    add_footnote_settings (settings);
  if (settings && body->toc)
    add_update_fields (settings);
  if (!settings || !prensa_zip_add_string (zip, "word/settings.xml", settings, 0, error))
    return FALSE;
  if (body->n_notes > 0
      && (!prensa_zip_add_string (zip, "word/footnotes.xml", footnotes (body), 0, error)
          || (body->note_rels->len > 0
              && !prensa_zip_add_string (zip, "word/_rels/footnotes.xml.rels",
                                         footnotes_rels (body), 0, error))))
    return FALSE;
  footer = resource_part ("footer.xml", styles, error);
  if (!footer || !prensa_zip_add_string (zip, "word/footer1.xml", footer, 0, error)
      || !add_headers (zip, body, styles, error))
    return FALSE;
  if (theme && !prensa_zip_add (zip, "word/theme/theme1.xml",
                                g_bytes_get_data (theme, NULL),
                                g_bytes_get_size (theme), 0, error))
    return FALSE;
  for (guint i = 0; i < body->media->len; i++)
    {
      DocxMedia *media = body->media->pdata[i];
      g_autofree char *name = g_strconcat ("word/", media->part, NULL);

      if (!prensa_zip_add_bytes (zip, name, media->data, 0, error))
        return FALSE;
    }
  return prensa_zip_add_string (zip, "docProps/core.xml", core_properties (document), 0, error)
         && prensa_zip_add_string (zip, "docProps/app.xml", app_properties (), 0, error)
         && (!custom || prensa_zip_add (zip, "docProps/custom.xml", custom->str,
                                        custom->len, 0, error));
}

gboolean
docx_package_write (const PrensaDocument *document,
                    const PrensaOptions *options,
                    PrensaOutput *output,
                    GError **error)
{
  const char *lang = prensa_document_get_meta_string (document, "lang");
  g_autoptr(DocxStyles) styles = NULL;
  g_autoptr(DocxBody) body = NULL;
  g_autoptr(PrensaZip) zip = NULL;
  DocxPage page;
  gboolean theme;
  g_autoptr(GString) custom = NULL;

  guint labels = PRENSA_LABELS_FIRST;
  gboolean toc = FALSE;
  gint64 toc_depth = 3;

  if (!prensa_options_get_choice (options, "labels", prensa_labels_choices (), &labels, error)
      || !prensa_options_get_boolean (options, "toc", &toc, error)
      || !prensa_options_get_int (options, "toc-depth", 1, 9, &toc_depth, error))
    return FALSE;
  styles = docx_styles_new (prensa_options_get (options, "reference-docx"), lang, error);
  if (!styles || !choose_page (document, options, styles, &page, error))
    return FALSE;
  body = docx_body_write (document, styles, &page, (PrensaLabels) labels,
                          toc ? (guint) toc_depth : 0);
  theme = docx_styles_get_theme (styles) != NULL;
  zip = prensa_zip_new ();
  custom = custom_properties (document);
  /* [Content_Types].xml first, as Word writes it. */
  if (!prensa_zip_add_string (zip, "[Content_Types].xml",
                              content_types (body, theme, custom != NULL), 0, error)
      || !prensa_zip_add_string (zip, "_rels/.rels", package_rels (custom != NULL), 0, error)
      || !prensa_zip_add (zip, "word/document.xml", body->document->str,
                          body->document->len, 0, error)
      || !prensa_zip_add_string (zip, "word/_rels/document.xml.rels",
                                 document_rels (body, theme), 0, error)
      || !prensa_zip_add_string (zip, "word/styles.xml",
                                 docx_styles_serialize (styles), 0, error)
      || !add_parts (zip, body, styles, document, custom, error))
    return FALSE;
  return prensa_zip_finish (zip, output, error);
}
