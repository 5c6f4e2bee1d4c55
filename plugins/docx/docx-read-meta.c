/* docx-read-meta.c: the package's properties as the part's metadata.
 *
 * docProps/core.xml: dc:title → title, dc:subject → subject, dc:creator →
 * author, cp:keywords → keywords, dc:description → description,
 * dc:identifier → identifier, dc:language → lang, dcterms:created (else
 * dcterms:modified) → date, as YYYY-MM-DD. The title the reader sees wins:
 * a Title (Subtitle) paragraph is kept over dc:title, since Word fills
 * dc:title from templates and old drafts and nobody sees it.
 * docProps/custom.xml: prensa's writer keeps the speakers (ids, names and
 * roles, which the page cannot show) in the property "prensa-speakers", a
 * JSON list; it is read as front matter is, before anything else is set.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "docx-read-private.h"

#define DC_NS "http://purl.org/dc/elements/1.1/"
#define DCTERMS_NS "http://purl.org/dc/terms/"
#define CP_NS "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define CUSTOM_NS "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
#define EXT_NS "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

static char *
text_of (const xmlNode *node)
{
  xmlChar *t = xmlNodeGetContent (node);
  char *s = g_strdup (t ? g_strstrip ((char *) t) : "");

  xmlFree (t);
  return s;
}

static xmlDoc *
parse_rel (DocxPackage *pkg, GHashTable *rels, const char *type,
           const char *fallback, GError **error)
{
  const DocxRel *rel = docx_rels_find_type (rels, type);

  return docx_package_parse (pkg, rel ? rel->target : fallback, error);
}

gboolean
docx_meta_read_custom (PrensaBuilder *b, DocxPackage *pkg,
                       GHashTable *package_rels, GError **error)
{
  GError *local = NULL;
  xmlDoc *doc = parse_rel (pkg, package_rels, "custom-properties",
                           "docProps/custom.xml", &local);
  gboolean ok = TRUE;

  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!doc)
    return TRUE;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n; n = n->next)
    {
      g_autofree char *name = NULL;
      g_autofree char *json = NULL;
      g_autofree char *yaml = NULL;

      if (!docx_is (n, CUSTOM_NS, "property"))
        continue;
      name = (char *) xmlGetProp (n, (const xmlChar *) "name");
      if (g_strcmp0 (name, "prensa-speakers") != 0)
        continue;
      /* set_meta_yaml replaces the map: only a part with nothing yet. */
      if (prensa_value_get_length (prensa_builder_get_meta (b)) > 0)
        break;
      json = text_of (n);
      yaml = g_strconcat ("{\"speakers\": ", json, "}", NULL);
      if (!prensa_builder_set_meta_yaml (b, yaml, -1, 0, &local))
        {
          /* The body still reads; only the speakers are lost. */
          prensa_builder_warning (b, 0, "docProps/custom.xml: prensa-speakers: %s",
                                  local->message);
          g_clear_error (&local);
        }
      break;
    }
  xmlFreeDoc (doc);
  return ok;
}

static void
set_date (PrensaBuilder *b, const char *stamp)
{
  /* W3CDTF: YYYY, YYYY-MM, YYYY-MM-DD or a full time; the day is kept. */
  g_autofree char *day = g_strndup (stamp, 10);

  if (strlen (day) >= 4 && g_ascii_isdigit (day[0]))
    prensa_builder_set_meta_string (b, "date", day);
}

gboolean
docx_meta_read_core (PrensaBuilder *b, DocxPackage *pkg, GHashTable *package_rels,
                     gboolean title_set, GError **error)
{
  static const struct { const char *ns, *local, *key; } map[] = {
    { DC_NS, "title", "title" }, { DC_NS, "subject", "subject" },
    { DC_NS, "creator", "author" }, { CP_NS, "keywords", "keywords" },
    { DC_NS, "description", "description" }, { DC_NS, "identifier", "identifier" },
    { DC_NS, "language", "lang" },
  };
  GError *local = NULL;
  xmlDoc *doc = parse_rel (pkg, package_rels, "core-properties", "docProps/core.xml", &local);
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;

  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!doc)
    return TRUE;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n; n = n->next)
    {
      g_autofree char *text = NULL;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      text = text_of (n);
      if (!*text)
        continue;
      if (docx_is (n, DCTERMS_NS, "created") && !created)
        created = g_steal_pointer (&text);
      else if (docx_is (n, DCTERMS_NS, "modified") && !modified)
        modified = g_steal_pointer (&text);
      for (gsize i = 0; text && i < G_N_ELEMENTS (map); i++)
        {
          if (!docx_is (n, map[i].ns, map[i].local))
            continue;
          if (strcmp (map[i].key, "title") == 0 && title_set)
            break;
          prensa_builder_set_meta_string (b, map[i].key, text);
          break;
        }
    }
  if (created || modified)
    set_date (b, created ? created : modified);
  xmlFreeDoc (doc);
  return TRUE;
}

gboolean
docx_meta_is_prensa (DocxPackage *pkg, GHashTable *package_rels)
{
  GError *local = NULL;
  xmlDoc *doc = parse_rel (pkg, package_rels, "extended-properties", "docProps/app.xml", &local);
  gboolean prensa = FALSE;

  /* app.xml only tunes how the title block is read: a broken one is
   * simply not prensa's. */
  g_clear_error (&local);
  if (!doc)
    return FALSE;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n; n = n->next)
    if (docx_is (n, EXT_NS, "Application"))
      {
        g_autofree char *app = text_of (n);
        prensa = strcmp (app, "prensa") == 0;
      }
  xmlFreeDoc (doc);
  return prensa;
}
