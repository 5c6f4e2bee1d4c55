/* docx-styles.c: word/styles.xml, built in or merged into a reference DOCX.
 *
 * With reference-docx=FILE the reference's styles.xml is the base, as
 * pandoc's --reference-doc: every style of formats/docx/styles.xml that
 * the reference already has (same type and name, case-insensitively, so
 * that "heading 1" of a localized Word is found whatever its id) is used
 * as it is, and the ones it lacks are copied in. The writer then refers to
 * styles through docx_styles_id(). The reference's page size and margins
 * (the last w:sectPr of its body) and its theme come along. Only
 * word/styles.xml, word/document.xml and word/theme/theme1.xml are read,
 * at those standard paths.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"
#include "docx-resources.h"

#include <stdlib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#define W_NS ((const xmlChar *) "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
/* A reference part bigger than this is not a styles part. */
#define MAX_PART_SIZE (64 * 1024 * 1024)

struct _DocxStyles {
  xmlDocPtr doc;
  GHashTable *ids;   /* our styleId → styleId in doc */
  GHashTable *italic; /* our styleId → 1 + whether it sets italic, as asked */
  gboolean has_page;
  DocxPage page;
  GBytes *theme;
};

GBytes *
docx_resource (const char *name, GError **error)
{
  g_autofree char *path = g_strconcat ("/org/prensa/docx/", name, NULL);

  /* The global lookup, not g_resource_lookup_data (docx_get_resource ()):
   * see html_load_stylesheet. */
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static gboolean
is_w (xmlNodePtr node, const char *name)
{
  return node && node->type == XML_ELEMENT_NODE && node->ns
         && xmlStrEqual (node->ns->href, W_NS)
         && xmlStrEqual (node->name, (const xmlChar *) name);
}

static xmlNodePtr
w_child (xmlNodePtr parent, const char *name)
{
  for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
    if (is_w (c, name))
      return c;
  return NULL;
}

/* The w:NAME attribute as a GLib string. (transfer full) */
static char *
w_attr (xmlNodePtr node, const char *name)
{
  xmlChar *value = node ? xmlGetNsProp (node, (const xmlChar *) name, W_NS) : NULL;
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static xmlDocPtr
parse_xml (GBytes *bytes, const char *name, GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDocPtr doc;

  /* No entities, no network: a reference DOCX is untrusted input. */
  doc = xmlReadMemory (data, (int) size, name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR
                       | XML_PARSE_NOWARNING);
  if (!doc || !xmlDocGetRootElement (doc))
    {
      g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_REFERENCE,
                   "%s is not well-formed XML", name);
      xmlFreeDoc (doc);
      return NULL;
    }
  /* OPC forbids DTDs; copied into the output, one would make any parser
   * that expands entities read the converting user's files. */
  if (xmlGetIntSubset (doc) != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_REFERENCE,
                   "%s carries a DOCTYPE, which OPC forbids", name);
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

static GBytes *
zip_read (zip_t *zip, const char *name)
{
  zip_stat_t st;
  zip_file_t *file;
  guchar *data;
  zip_int64_t n;

  zip_stat_init (&st);
  if (zip_stat (zip, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)
      || st.size > MAX_PART_SIZE)
    return NULL;
  file = zip_fopen (zip, name, 0);
  if (!file)
    return NULL;
  data = g_malloc (st.size + 1);
  n = zip_fread (file, data, st.size);
  zip_fclose (file);
  if (n < 0 || (zip_uint64_t) n != st.size)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, st.size);
}

static void
strip_comments (xmlNodePtr node)
{
  xmlNodePtr next;

  for (xmlNodePtr c = node->children; c; c = next)
    {
      next = c->next;
      if (c->type == XML_COMMENT_NODE)
        {
          xmlUnlinkNode (c);
          xmlFreeNode (c);
        }
      else if (c->type == XML_ELEMENT_NODE)
        strip_comments (c);
    }
}

static xmlNodePtr
find_style (xmlNodePtr root, const char *type, const char *name, const char *id)
{
  for (xmlNodePtr s = root->children; s; s = s->next)
    {
      g_autofree char *stype = NULL, *sname = NULL, *sid = NULL;

      if (!is_w (s, "style"))
        continue;
      stype = w_attr (s, "type");
      sname = w_attr (w_child (s, "name"), "val");
      sid = w_attr (s, "styleId");
      if (id && g_strcmp0 (sid, id) == 0)
        return s;
      if (name && sname && g_strcmp0 (stype, type) == 0
          && g_ascii_strcasecmp (sname, name) == 0)
        return s;
    }
  return NULL;
}

/* Maps each of our styles onto the reference's, collecting those it lacks. */
static void
map_styles (DocxStyles *styles, xmlNodePtr ours, xmlNodePtr ref, GPtrArray *missing)
{
  for (xmlNodePtr s = ours->children; s; s = s->next)
    {
      g_autofree char *type = w_attr (s, "type");
      g_autofree char *name = w_attr (w_child (s, "name"), "val");
      g_autofree char *id = w_attr (s, "styleId");
      xmlNodePtr match;

      if (!is_w (s, "style") || !id)
        continue;
      match = find_style (ref, type, name, NULL);
      if (match)
        {
          g_hash_table_insert (styles->ids, g_strdup (id), w_attr (match, "styleId"));
          continue;
        }
      /* Our id may name another style there: ours gets a prefix. */
      g_hash_table_insert (styles->ids, g_strdup (id),
                           find_style (ref, NULL, NULL, id)
                           ? g_strconcat ("Prensa", id, NULL) : g_strdup (id));
      g_ptr_array_add (missing, s);
    }
}

/* Points a copied style at the root's w: declaration and drops the one
 * the copy brought along, so the part declares w: once. */
static void
use_root_ns (xmlNodePtr node, xmlNsPtr ns)
{
  if (node->ns && xmlStrEqual (node->ns->href, W_NS))
    node->ns = ns;
  for (xmlAttrPtr a = node->properties; a; a = a->next)
    if (a->ns && xmlStrEqual (a->ns->href, W_NS))
      a->ns = ns;
  for (xmlNodePtr c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      use_root_ns (c, ns);
  if (node->nsDef && !node->nsDef->next && xmlStrEqual (node->nsDef->href, W_NS))
    {
      xmlFreeNsList (node->nsDef);
      node->nsDef = NULL;
    }
}

static void
copy_missing (DocxStyles *styles, xmlNodePtr ref, GPtrArray *missing)
{
  static const char *const links[] = { "basedOn", "next", "link" };

  for (guint i = 0; i < missing->len; i++)
    {
      xmlNodePtr copy = xmlDocCopyNode (missing->pdata[i], styles->doc, 1);
      g_autofree char *id = w_attr (copy, "styleId");

      xmlAddChild (ref, copy);
      use_root_ns (copy, ref->ns);
      xmlUnsetNsProp (copy, copy->ns, (const xmlChar *) "default");
      xmlSetNsProp (copy, copy->ns, (const xmlChar *) "styleId",
                    (const xmlChar *) docx_styles_id (styles, id));
      for (gsize l = 0; l < G_N_ELEMENTS (links); l++)
        {
          xmlNodePtr el = w_child (copy, links[l]);
          g_autofree char *target = w_attr (el, "val");

          if (target)
            xmlSetNsProp (el, el->ns, (const xmlChar *) "val",
                          (const xmlChar *) docx_styles_id (styles, target));
        }
    }
}

static gboolean
in_namespaces (xmlNsPtr ns, GPtrArray *hrefs)
{
  for (guint i = 0; ns && i < hrefs->len; i++)
    if (xmlStrEqual (ns->href, hrefs->pdata[i]))
      return TRUE;
  return FALSE;
}

static void
drop_ignorable (xmlNodePtr node, GPtrArray *hrefs)
{
  xmlNodePtr next;
  xmlAttrPtr anext;

  for (xmlAttrPtr a = node->properties; a; a = anext)
    {
      anext = a->next;
      if (in_namespaces (a->ns, hrefs))
        xmlRemoveProp (a);
    }
  for (xmlNodePtr c = node->children; c; c = next)
    {
      next = c->next;
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (in_namespaces (c->ns, hrefs))
        {
          xmlUnlinkNode (c);
          xmlFreeNode (c);
        }
      else
        drop_ignorable (c, hrefs);
    }
}

/* Word marks its later extensions (w14:, w15:…) mc:Ignorable. We write
 * plain ISO/IEC 29500 transitional, so we do what a consumer that knows
 * none of them does: drop them, with the markup-compatibility attributes
 * and any mc:AlternateContent. */
static void
strip_extensions (xmlDocPtr doc)
{
  static const xmlChar mc[] =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";
  xmlNodePtr root = xmlDocGetRootElement (doc);
  xmlChar *ignorable = xmlGetNsProp (root, (const xmlChar *) "Ignorable", mc);
  g_autoptr(GPtrArray) hrefs = g_ptr_array_new ();
  g_auto(GStrv) prefixes = NULL;

  g_ptr_array_add (hrefs, (gpointer) mc);
  prefixes = g_strsplit_set (ignorable ? (const char *) ignorable : "", " \t\r\n", -1);
  for (guint i = 0; prefixes[i]; i++)
    {
      xmlNsPtr ns = *prefixes[i]
                    ? xmlSearchNs (doc, root, (const xmlChar *) prefixes[i]) : NULL;

      if (ns)
        g_ptr_array_add (hrefs, (gpointer) ns->href);
    }
  drop_ignorable (root, hrefs);
  xmlFree (ignorable);
}

static guint
twips_attr (xmlNodePtr node, const char *name, guint fallback)
{
  g_autofree char *value = w_attr (node, name);
  char *end = NULL;
  long n = value ? strtol (value, &end, 10) : -1;

  return end && *end == '\0' && n >= 0 && n <= 31680 ? (guint) n : fallback;
}

/* The page of the reference: the body's last section properties. */
static void
read_page (DocxStyles *styles, xmlDocPtr document)
{
  xmlNodePtr body = w_child (xmlDocGetRootElement (document), "body");
  xmlNodePtr sect = body ? xmlGetLastChild (body) : NULL;
  xmlNodePtr size, margins;
  g_autofree char *orient = NULL;
  DocxPage *p = &styles->page;

  if (!is_w (sect, "sectPr"))
    return;
  size = w_child (sect, "pgSz");
  margins = w_child (sect, "pgMar");
  if (!size || !margins)
    return;
  p->width = twips_attr (size, "w", 11906);
  p->height = twips_attr (size, "h", 16838);
  orient = w_attr (size, "orient");
  p->landscape = g_strcmp0 (orient, "landscape") == 0;
  p->top = twips_attr (margins, "top", 1440);
  p->right = twips_attr (margins, "right", 1440);
  p->bottom = twips_attr (margins, "bottom", 1440);
  p->left = twips_attr (margins, "left", 1440);
  p->header = twips_attr (margins, "header", 720);
  p->footer = twips_attr (margins, "footer", 720);
  p->gutter = twips_attr (margins, "gutter", 0);
  styles->has_page = p->width > p->left + p->right + 720
                     && p->height > p->top + p->bottom + 720;
}

static gboolean
load_reference (DocxStyles *styles, const char *path, xmlDocPtr ours, GError **error)
{
  g_autoptr(GBytes) xml = NULL, document = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *bytes = NULL;
  gsize length = 0;
  GError *local = NULL;
  zip_error_t why;
  zip_source_t *source = NULL;
  zip_t *zip = NULL;

  /* Read once, as a regular file (a FIFO named here must not hang). */
  if (!prensa_file_get_contents (path, (gsize) 64 << 20, &bytes, &length, &local))
    {
      g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_REFERENCE,
                   "reference-docx %s", local->message);
      g_error_free (local);
      return FALSE;
    }
  zip_error_init (&why);
  source = zip_source_buffer_create (bytes, length, 0, &why);
  if (source)
    zip = zip_open_from_source (source, ZIP_RDONLY, &why);
  if (!zip)
    {
      g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_REFERENCE,
                   "reference-docx %s: cannot open it as a DOCX (zip): %s",
                   path, zip_error_strerror (&why));
      zip_error_fini (&why);
      if (source)
        zip_source_free (source);
      return FALSE;
    }
  zip_error_fini (&why);
  xml = zip_read (zip, "word/styles.xml");
  document = zip_read (zip, "word/document.xml");
  styles->theme = zip_read (zip, "word/theme/theme1.xml");
  zip_discard (zip);
  if (!xml)
    {
      g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_REFERENCE,
                   "reference-docx %s has no word/styles.xml", path);
      return FALSE;
    }
  styles->doc = parse_xml (xml, "reference word/styles.xml", error);
  if (!styles->doc)
    return FALSE;
  if (!is_w (xmlDocGetRootElement (styles->doc), "styles"))
    {
      g_set_error (error, PRENSA_DOCX_ERROR, PRENSA_DOCX_ERROR_REFERENCE,
                   "reference-docx %s: word/styles.xml is no w:styles", path);
      return FALSE;
    }
  if (document)
    {
      xmlDocPtr doc = parse_xml (document, "reference word/document.xml", NULL);

      if (doc)
        read_page (styles, doc);
      xmlFreeDoc (doc);
    }
  strip_extensions (styles->doc);
  map_styles (styles, xmlDocGetRootElement (ours),
              xmlDocGetRootElement (styles->doc), missing);
  copy_missing (styles, xmlDocGetRootElement (styles->doc), missing);
  return TRUE;
}

static xmlNodePtr
ensure_child (xmlNodePtr parent, const char *name, gboolean first)
{
  xmlNodePtr child = w_child (parent, name);

  if (child)
    return child;
  child = xmlNewDocNode (parent->doc, parent->ns, (const xmlChar *) name, NULL);
  if (first && parent->children)
    return xmlAddPrevSibling (parent->children, child);
  return xmlAddChild (parent, child);
}

/* The document's language goes to the defaults every style inherits. */
static void
set_language (xmlDocPtr doc, const char *lang)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  xmlNodePtr rpr = ensure_child (ensure_child (ensure_child (root, "docDefaults", TRUE),
                                               "rPrDefault", TRUE), "rPr", TRUE);
  xmlNodePtr el = ensure_child (rpr, "lang", FALSE);

  xmlSetNsProp (el, root->ns, (const xmlChar *) "val", (const xmlChar *) lang);
}

static void
identity_ids (DocxStyles *styles)
{
  xmlNodePtr root = xmlDocGetRootElement (styles->doc);

  for (xmlNodePtr s = root->children; s; s = s->next)
    {
      char *id = is_w (s, "style") ? w_attr (s, "styleId") : NULL;

      if (id)
        g_hash_table_insert (styles->ids, id, g_strdup (id));
    }
}

DocxStyles *
docx_styles_new (const char *reference, const char *lang, GError **error)
{
  g_autoptr(DocxStyles) styles = g_new0 (DocxStyles, 1);
  g_autoptr(GBytes) bytes = docx_resource ("styles.xml", error);
  xmlDocPtr ours;

  styles->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  styles->italic = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!bytes)
    return NULL;
  ours = parse_xml (bytes, "formats/docx/styles.xml", error);
  if (!ours)
    return NULL;
  strip_comments ((xmlNodePtr) ours);
  if (!reference)
    {
      styles->doc = ours;
      identity_ids (styles);
    }
  else
    {
      gboolean ok = load_reference (styles, reference, ours, error);

      xmlFreeDoc (ours);
      if (!ok)
        return NULL;
    }
  if (lang && *lang)
    set_language (styles->doc, lang);
  return g_steal_pointer (&styles);
}

void
docx_styles_free (DocxStyles *styles)
{
  if (!styles)
    return;
  xmlFreeDoc (styles->doc);
  g_hash_table_unref (styles->ids);
  g_hash_table_unref (styles->italic);
  g_clear_pointer (&styles->theme, g_bytes_unref);
  g_free (styles);
}

const char *
docx_styles_id (const DocxStyles *styles, const char *our_id)
{
  const char *id = g_hash_table_lookup (styles->ids, our_id);

  return id ? id : our_id;
}

static gboolean
style_is_italic (const DocxStyles *styles, const char *our_id)
{
  xmlNodePtr root = xmlDocGetRootElement (styles->doc);
  g_autofree char *id = g_strdup (docx_styles_id (styles, our_id));

  /* basedOn, ten steps at most: a loop in a reference's styles ends */
  for (guint depth = 0; id != NULL && depth < 10; depth++)
    {
      xmlNodePtr style = find_style (root, NULL, NULL, id);
      xmlNodePtr italic = w_child (w_child (style, "rPr"), "i");

      if (style == NULL)
        return FALSE;
      if (italic != NULL)
        {
          g_autofree char *val = w_attr (italic, "val");

          return val == NULL || !(strcmp (val, "0") == 0 || strcmp (val, "false") == 0
                                  || strcmp (val, "off") == 0);
        }
      g_free (id);
      id = w_attr (w_child (style, "basedOn"), "val");
    }
  return FALSE;
}

/* Asked for every paragraph: each style's answer is worked out once, as
 * walking the styles part each time made a book's DOCX 2.5 times slower. */
gboolean
docx_styles_is_italic (const DocxStyles *styles, const char *our_id)
{
  gpointer known = g_hash_table_lookup (styles->italic, our_id);

  if (known == NULL)
    {
      known = GINT_TO_POINTER (1 + style_is_italic (styles, our_id));
      g_hash_table_insert (styles->italic, g_strdup (our_id), known);
    }
  return GPOINTER_TO_INT (known) == 2;
}

gboolean
docx_styles_get_page (const DocxStyles *styles, DocxPage *page)
{
  if (styles->has_page)
    *page = styles->page;
  return styles->has_page;
}

GString *
docx_styles_serialize (const DocxStyles *styles)
{
  xmlChar *data = NULL;
  int size = 0;
  GString *out;

  styles->doc->standalone = 1;
  xmlDocDumpMemoryEnc (styles->doc, &data, &size, "UTF-8");
  out = g_string_new_len ((const char *) data, size);
  xmlFree (data);
  return out;
}

GBytes *
docx_styles_get_theme (const DocxStyles *styles)
{
  return styles->theme;
}
