/* epub-opf.c: the OCF container file and the package document.
 *
 * Creators carry MARC relator roles: the authors "aut"; speakers of an
 * interview "ivr" (interviewer) and "ive" (interviewee), "spk" for other
 * speakers. An author who is also the interviewer is one creator with
 * both roles rather than two entries for the same person.
 * A toolkit of several inputs is credited to its own authors (-M,
 * --metadata-file); its inputs' authors and speakers are contributors.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <string.h>

typedef struct {
  GString *out;
  guint n_creators;
  guint n_contributors;
  GPtrArray *names;       /* (char *) name of each entry written, in order */
  GPtrArray *element_ids; /* its element id, to add roles to */
  GHashTable *roles;      /* "name\nrole" of each role written */
} Credits;

GString *
epub_render_container (void)
{
  return g_string_new (
    PRENSA_XML_DECLARATION
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "<rootfiles>\n"
    "<rootfile full-path=\"" EPUB_ROOT "package.opf\" "
    "media-type=\"application/oebps-package+xml\"/>\n"
    "</rootfiles>\n"
    "</container>\n");
}

static void
write_meta (GString *out, const char *property, const char *refines,
            const char *scheme, const char *value)
{
  prensa_xml_element (out, "meta", value, "refines", refines,
                      "property", property, "scheme", scheme, NULL);
  g_string_append_c (out, '\n');
}

static void
write_dc (GString *out, const char *name, const char *value, const char *id)
{
  if (value == NULL || *value == '\0')
    return;
  prensa_xml_element (out, name, value, "id", id, NULL);
  g_string_append_c (out, '\n');
}

static void
add_role (Credits *credits, guint index, const char *role)
{
  g_autofree char *refines = g_strconcat ("#", (char *) g_ptr_array_index (credits->element_ids, index), NULL);

  write_meta (credits->out, "role", refines, "marc:relators", role);
}

static void
credit (Credits *credits, const char *name, const char *role, gboolean creator)
{
  g_autofree char *id = NULL;
  guint i;

  if (name == NULL || *name == '\0')
    return;
  for (i = 0; i < credits->names->len; i++)
    if (strcmp (g_ptr_array_index (credits->names, i), name) == 0)
      {
        /* An author of two inputs has the role once. */
        if (g_hash_table_add (credits->roles, g_strconcat (name, "\n", role, NULL)))
          add_role (credits, i, role);
        return;
      }
  id = creator ? g_strdup_printf ("creator-%u", ++credits->n_creators)
               : g_strdup_printf ("contributor-%u", ++credits->n_contributors);
  write_dc (credits->out, creator ? "dc:creator" : "dc:contributor", name, id);
  g_ptr_array_add (credits->names, g_strdup (name));
  g_ptr_array_add (credits->element_ids, g_steal_pointer (&id));
  add_role (credits, credits->names->len - 1, role);
  g_hash_table_add (credits->roles, g_strconcat (name, "\n", role, NULL));
}

static void
write_credits (EpubBook *book, GString *out)
{
  Credits credits = { out, 0, 0, g_ptr_array_new_with_free_func (g_free),
                      g_ptr_array_new_with_free_func (g_free),
                      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  guint n = prensa_document_get_n_speakers (book->doc);
  guint i, j;

  for (i = 0; book->authors[i] != NULL; i++)
    credit (&credits, book->authors[i], "aut", TRUE);
  /* The creators of a toolkit are its own (-M, --metadata-file): the
   * authors and speakers of its inputs contributed to it. */
  for (i = 0; book->toolkit && i < book->parts->len; i++)
    {
      EpubPart *part = g_ptr_array_index (book->parts, i);

      for (j = 0; part->authors[j] != NULL; j++)
        credit (&credits, part->authors[j], "aut", FALSE);
    }
  for (i = 0; i < n; i++)
    {
      const PrensaSpeaker *speaker = prensa_document_get_speaker (book->doc, i);
      PrensaRole role = prensa_speaker_get_role (speaker);

      credit (&credits, prensa_speaker_get_name (speaker),
              role == PRENSA_ROLE_INTERVIEWER ? "ivr"
              : role == PRENSA_ROLE_INTERVIEWEE ? "ive" : "spk",
              !book->toolkit && role == PRENSA_ROLE_INTERVIEWER
              && credits.n_creators == 0);
    }
  g_ptr_array_unref (credits.names);
  g_ptr_array_unref (credits.element_ids);
  g_hash_table_unref (credits.roles);
}

static void
write_titles (EpubBook *book, GString *out)
{
  write_dc (out, "dc:title", book->title, "title");
  write_meta (out, "title-type", "#title", NULL, "main");
  if (book->subtitle == NULL)
    return;
  write_dc (out, "dc:title", book->subtitle, "subtitle");
  write_meta (out, "title-type", "#subtitle", NULL, "subtitle");
}

static void
write_strv_meta (EpubBook *book, GString *out, const char *key,
                 const char *element)
{
  g_auto(GStrv) values = prensa_document_dup_meta_strv (book->doc, key);
  guint i;

  for (i = 0; values[i] != NULL; i++)
    write_dc (out, element, g_strstrip (values[i]), NULL);
}

static gboolean
has_gif (EpubBook *book)
{
  guint i;

  for (i = 0; i < book->images->len; i++)
    if (strcmp (((EpubImage *) g_ptr_array_index (book->images, i))->media_type,
                "image/gif") == 0)
      return TRUE;
  return FALSE;
}

/* Only what the writer can vouch for: text first, images with their
 * descriptions, navigation by the table of contents (and headings when
 * there are any). GIFs might flash, so their hazards are unknown. */
static void
write_accessibility (EpubBook *book, GString *out)
{
  gboolean images = book->images->len > 0;
  gboolean described = images && !book->image_without_alt;
  g_autoptr(GString) summary = g_string_new (
    "Reflowable text in reading order, with a table of contents");

  write_meta (out, "schema:accessMode", NULL, NULL, "textual");
  if (images)
    write_meta (out, "schema:accessMode", NULL, NULL, "visual");
  if (!images || described)
    write_meta (out, "schema:accessModeSufficient", NULL, NULL, "textual");
  if (images)
    write_meta (out, "schema:accessModeSufficient", NULL, NULL, "textual,visual");
  write_meta (out, "schema:accessibilityFeature", NULL, NULL, "tableOfContents");
  write_meta (out, "schema:accessibilityFeature", NULL, NULL, "readingOrder");
  if (book->has_headings)
    {
      write_meta (out, "schema:accessibilityFeature", NULL, NULL, "structuralNavigation");
      g_string_append (summary, " and headings for navigation");
    }
  if (described)
    {
      write_meta (out, "schema:accessibilityFeature", NULL, NULL, "alternativeText");
      g_string_append (summary, "; images have text descriptions");
    }
  write_meta (out, "schema:accessibilityHazard", NULL, NULL,
              has_gif (book) ? "unknown" : "none");
  g_string_append (summary, ".");
  write_meta (out, "schema:accessibilitySummary", NULL, NULL, summary->str);
}

static void
write_metadata (EpubBook *book, GString *out)
{
  g_string_append (out, "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
  write_dc (out, "dc:identifier", book->identifier, "pub-id");
  write_titles (book, out);
  write_dc (out, "dc:language", book->lang, NULL);
  write_credits (book, out);
  write_dc (out, "dc:date", book->date, NULL);
  write_strv_meta (book, out, "publisher", "dc:publisher");
  write_strv_meta (book, out, "rights", "dc:rights");
  write_strv_meta (book, out, "description", "dc:description");
  write_strv_meta (book, out, "subject", "dc:subject");
  write_meta (out, "dcterms:modified", NULL, NULL, book->modified);
  write_accessibility (book, out);
  /* EPUB 2 reading systems find the cover through this. */
  if (book->cover != NULL)
    {
      prensa_xml_empty (out, "meta", "name", "cover", "content", book->cover->id, NULL);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</metadata>\n");
}

static void
write_item (GString *out, const char *id, const char *href,
            const char *media_type, const char *properties)
{
  prensa_xml_empty (out, "item", "id", id, "href", href,
                    "media-type", media_type, "properties", properties, NULL);
  g_string_append_c (out, '\n');
}

static void
write_manifest (EpubBook *book, GString *out)
{
  guint i;

  g_string_append (out, "<manifest>\n");
  write_item (out, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
  write_item (out, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
  write_item (out, "css", "css/epub.css", "text/css", NULL);
  if (book->cover != NULL)
    write_item (out, "cover-page", "cover.xhtml", "application/xhtml+xml", NULL);
  if (book->title_page)
    write_item (out, "title-page", "title.xhtml", "application/xhtml+xml", NULL);
  for (i = 0; i < book->chapters->len; i++)
    {
      EpubChapter *chapter = g_ptr_array_index (book->chapters, i);
      g_autofree char *id = g_strndup (chapter->file, strlen (chapter->file) - 6);

      write_item (out, id, chapter->file, "application/xhtml+xml", NULL);
    }
  for (i = 0; i < book->images->len; i++)
    {
      EpubImage *image = g_ptr_array_index (book->images, i);

      write_item (out, image->id, image->file, image->media_type,
                  image == book->cover ? "cover-image" : NULL);
    }
  g_string_append (out, "</manifest>\n");
}

static void
write_spine (EpubBook *book, GString *out)
{
  guint i;

  g_string_append (out, "<spine toc=\"ncx\">\n");
  if (book->cover != NULL)
    g_string_append (out, "<itemref idref=\"cover-page\"/>\n");
  if (book->title_page)
    g_string_append (out, "<itemref idref=\"title-page\"/>\n");
  /* A contents page with one entry is noise in the reading order, but the
   * landmarks point at it, so it stays in the spine, out of the way. */
  if (book->n_nav_items > 1)
    g_string_append (out, "<itemref idref=\"nav\"/>\n");
  else
    g_string_append (out, "<itemref idref=\"nav\" linear=\"no\"/>\n");
  for (i = 0; i < book->chapters->len; i++)
    {
      EpubChapter *chapter = g_ptr_array_index (book->chapters, i);
      g_autofree char *id = g_strndup (chapter->file, strlen (chapter->file) - 6);

      prensa_xml_empty (out, "itemref", "idref", id, NULL);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</spine>\n");
}

GString *
epub_render_opf (EpubBook *book)
{
  GString *out = g_string_new (NULL);

  prensa_xml_declaration (out, FALSE);
  prensa_xml_open (out, "package", "xmlns", "http://www.idpf.org/2007/opf",
                   "version", "3.0", "unique-identifier", "pub-id",
                   "xml:lang", book->lang, NULL);
  g_string_append_c (out, '\n');
  write_metadata (book, out);
  write_manifest (book, out);
  write_spine (book, out);
  g_string_append (out, "</package>\n");
  return out;
}
