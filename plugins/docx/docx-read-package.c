/* docx-read-package.c: the OPC package of an untrusted DOCX.
 *
 * Everything here assumes the file was made to hurt: sizes in zip headers
 * are checked but never relied on (the bytes actually inflated are
 * counted against DOCX_PART_MAX and DOCX_TOTAL_MAX), parts are parsed
 * with no network, no entity substitution and no DTD loading, a part
 * with a DOCTYPE is refused outright (OPC forbids DTDs, and refusing it
 * before its internal subset is read rules out entity expansion), and a
 * relationship's target is only ever a name looked up in the zip's own
 * directory, after "..", "." and absolute paths are resolved inside the
 * package.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <libxml/parser.h>

#include "docx-read-private.h"

#define CHUNK 65536

static void
set_error (GError **error, const char *name, const char *format, const char *detail)
{
  g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT, "%s: %s%s",
               name, format, detail ? detail : "");
}

gboolean
docx_package_open (DocxPackage *pkg, const char *name,
                   const char *data, gsize length, GError **error)
{
  zip_error_t zerr;
  zip_source_t *src;

  memset (pkg, 0, sizeof *pkg);
  pkg->name = name;
  zip_error_init (&zerr);
  /* The source borrows @data: the caller keeps it until the close. */
  src = zip_source_buffer_create (data, length, 0, &zerr);
  if (src)
    pkg->zip = zip_open_from_source (src, ZIP_RDONLY, &zerr);
  if (!pkg->zip)
    {
      if (src)
        zip_source_free (src);
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "%s: not a DOCX file (not a zip archive: %s)", name,
                   zip_error_strerror (&zerr));
      zip_error_fini (&zerr);
      return FALSE;
    }
  zip_error_fini (&zerr);
  if (zip_get_num_entries (pkg->zip, 0) <= 0)
    {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "%s: not a DOCX file (an empty zip archive)", name);
      docx_package_close (pkg);
      return FALSE;
    }
  return TRUE;
}

void
docx_package_close (DocxPackage *pkg)
{
  if (pkg->zip)
    zip_discard (pkg->zip);
  pkg->zip = NULL;
}

static gboolean
too_big (DocxPackage *pkg, const char *part, guint64 size, GError **error)
{
  if (size > DOCX_PART_MAX)
    {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "%s: %s unpacks to more than %u MiB; refused (a zip bomb?)",
                   pkg->name, part, (guint) (DOCX_PART_MAX >> 20));
      return TRUE;
    }
  if (pkg->total + size > DOCX_TOTAL_MAX)
    {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "%s: the package unpacks to more than %u MiB at %s; refused (a zip bomb?)",
                   pkg->name, (guint) (DOCX_TOTAL_MAX >> 20), part);
      return TRUE;
    }
  return FALSE;
}

/* Inflates one entry, counting what it really yields. */
static gboolean
read_entry (DocxPackage *pkg, zip_file_t *f, const char *part,
            GByteArray *out, GError **error)
{
  guint8 buf[CHUNK];

  for (;;)
    {
      zip_int64_t n = zip_fread (f, buf, sizeof buf);

      if (n < 0)
        {
          g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                       "%s: cannot unpack %s (%s)", pkg->name, part,
                       zip_file_strerror (f));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      if (too_big (pkg, part, out->len + (guint64) n, error))
        return FALSE;
      g_byte_array_append (out, buf, (guint) n);
    }
}

gboolean
docx_package_read (DocxPackage *pkg, const char *part,
                   char **data, gsize *length, GError **error)
{
  zip_int64_t index;
  zip_stat_t st;
  zip_file_t *f;
  GByteArray *out;
  gboolean ok;

  *data = NULL;
  *length = 0;
  /* OPC part names compare without case. */
  index = zip_name_locate (pkg->zip, part, ZIP_FL_NOCASE);
  if (index < 0)
    return TRUE;
  zip_stat_init (&st);
  if (zip_stat_index (pkg->zip, (zip_uint64_t) index, 0, &st) < 0)
    {
      set_error (error, pkg->name, "cannot read the zip entry of ", part);
      return FALSE;
    }
  /* The header's word is a cheap early refusal, not a guarantee. */
  if ((st.valid & ZIP_STAT_SIZE) && too_big (pkg, part, st.size, error))
    return FALSE;
  f = zip_fopen_index (pkg->zip, (zip_uint64_t) index, 0);
  if (!f)
    {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "%s: cannot unpack %s (%s)", pkg->name, part,
                   zip_strerror (pkg->zip));
      return FALSE;
    }
  out = g_byte_array_new ();
  ok = read_entry (pkg, f, part, out, error);
  zip_fclose (f);
  if (!ok)
    {
      g_byte_array_free (out, TRUE);
      return FALSE;
    }
  pkg->total += out->len;
  *length = out->len;
  g_byte_array_append (out, (const guint8 *) "", 1);
  *data = (char *) g_byte_array_free (out, FALSE);
  return TRUE;
}

/* The parser stops at a DOCTYPE, before its internal subset is read. */
static void
refuse_dtd (void *ctx, const xmlChar *name G_GNUC_UNUSED,
            const xmlChar *external_id G_GNUC_UNUSED,
            const xmlChar *system_id G_GNUC_UNUSED)
{
  xmlParserCtxt *ctxt = ctx;

  *(gboolean *) ctxt->_private = TRUE;
  xmlStopParser (ctxt);
}

static xmlDoc *
parse_bytes (DocxPackage *pkg, const char *part, const char *data, gsize length,
             GError **error)
{
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  gboolean dtd = FALSE;
  const xmlError *err;

  if (length > G_MAXINT)
    {
      too_big (pkg, part, DOCX_PART_MAX + 1, error);
      return NULL;
    }
  ctxt = xmlNewParserCtxt ();
  if (!ctxt)
    {
      set_error (error, pkg->name, "out of memory parsing ", part);
      return NULL;
    }
  ctxt->_private = &dtd;
  ctxt->sax->internalSubset = refuse_dtd;
  /* No XML_PARSE_NOENT, DTDLOAD or HUGE: entities are never substituted,
   * nothing is fetched, and libxml2's own depth and size limits stay. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, part, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  err = xmlCtxtGetLastError (ctxt);
  if (dtd)
    {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                   "%s: %s has a DOCTYPE, which a DOCX part may not have; refused",
                   pkg->name, part);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (!doc || !ctxt->wellFormed || !xmlDocGetRootElement (doc))
    {
      g_autofree char *msg = g_strchomp (g_strdup (err && err->message
                                                   ? err->message : "not well-formed"));

      if (err && err->line > 0)
        g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                     "%s: %s:%d: malformed XML: %s", pkg->name, part, err->line, msg);
      else
        g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                     "%s: %s: malformed XML: %s", pkg->name, part, msg);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

xmlDoc *
docx_package_parse (DocxPackage *pkg, const char *part, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!docx_package_read (pkg, part, &data, &length, error) || !data)
    return NULL;
  return parse_bytes (pkg, part, data, length, error);
}

char *
docx_resolve_target (const char *source, const char *target)
{
  g_autofree char *unescaped = g_uri_unescape_string (target, NULL);
  g_auto(GStrv) segments = NULL;
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  const char *slash;

  if (!unescaped || !*unescaped || strchr (unescaped, '\\'))
    return NULL;
  if (unescaped[0] != '/')
    {
      /* Relative to the source part's folder. */
      slash = strrchr (source, '/');
      g_autofree char *dir = slash ? g_strndup (source, slash - source) : g_strdup ("");
      g_autofree char *joined = g_strconcat (dir, "/", unescaped, NULL);

      segments = g_strsplit (joined, "/", -1);
    }
  else
    segments = g_strsplit (unescaped, "/", -1);
  for (char **s = segments; *s; s++)
    {
      if (!**s || strcmp (*s, ".") == 0)
        continue;
      if (strcmp (*s, "..") == 0)
        {
          /* Climbing above the package root is not a part of it. */
          if (path->len == 0)
            return NULL;
          g_ptr_array_remove_index (path, path->len - 1);
          continue;
        }
      g_ptr_array_add (path, *s);
    }
  if (path->len == 0)
    return NULL;
  g_ptr_array_add (path, NULL);
  return g_strjoinv ("/", (char **) path->pdata);
}

static void
rel_free (gpointer p)
{
  DocxRel *rel = p;

  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

static char *
rels_name (const char *part)
{
  const char *slash = strrchr (part, '/');

  if (!slash)
    return g_strconcat ("_rels/", part, ".rels", NULL);
  return g_strdup_printf ("%.*s/_rels/%s.rels", (int) (slash - part), part, slash + 1);
}

static const char *
type_tail (const char *type)
{
  const char *slash = type ? strrchr (type, '/') : NULL;

  return slash ? slash + 1 : type ? type : "";
}

GHashTable *
docx_package_rels (DocxPackage *pkg, const char *part, GError **error)
{
  g_autofree char *name = rels_name (part);
  GError *local = NULL;
  xmlDoc *doc = docx_package_parse (pkg, name, &local);
  GHashTable *rels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rel_free);

  if (local)
    {
      g_propagate_error (error, local);
      g_hash_table_unref (rels);
      return NULL;
    }
  if (!doc)
    return rels;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || strcmp ((const char *) n->name, "Relationship") != 0)
        continue;
      g_autofree char *id = (char *) xmlGetProp (n, (const xmlChar *) "Id");
      g_autofree char *type = (char *) xmlGetProp (n, (const xmlChar *) "Type");
      g_autofree char *target = (char *) xmlGetProp (n, (const xmlChar *) "Target");
      g_autofree char *mode = (char *) xmlGetProp (n, (const xmlChar *) "TargetMode");
      DocxRel *rel;

      if (!id || !target || g_hash_table_contains (rels, id))
        continue;
      rel = g_new0 (DocxRel, 1);
      rel->type = g_strdup (type_tail (type));
      rel->external = mode && g_ascii_strcasecmp (mode, "External") == 0;
      rel->target = rel->external ? g_strdup (target) : docx_resolve_target (part, target);
      g_hash_table_insert (rels, g_strdup (id), rel);
    }
  xmlFreeDoc (doc);
  return rels;
}

const DocxRel *
docx_rels_find_type (GHashTable *rels, const char *type)
{
  GHashTableIter iter;
  gpointer value;
  const DocxRel *best = NULL;

  /* Hash order is arbitrary; a package with two of a kind is odd, and any
   * one of them will do, but always the same one: the smallest target. */
  g_hash_table_iter_init (&iter, rels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const DocxRel *rel = value;

      if (strcmp (rel->type, type) != 0 || rel->external || !rel->target)
        continue;
      if (!best || strcmp (rel->target, best->target) < 0)
        best = rel;
    }
  return best;
}

/* ----------------------------------------------------------- XML helpers */

gboolean
docx_is (const xmlNode *node, const char *ns, const char *local)
{
  return node && node->type == XML_ELEMENT_NODE
         && strcmp ((const char *) node->name, local) == 0
         && node->ns && node->ns->href && strcmp ((const char *) node->ns->href, ns) == 0;
}

gboolean
docx_is_w (const xmlNode *node, const char *local)
{
  return docx_is (node, W_NS, local) || docx_is (node, W_NS_STRICT, local);
}

static char *
attr_in (const xmlNode *node, const char *local, const char *ns, const char *ns_strict)
{
  xmlChar *v = xmlGetNsProp (node, (const xmlChar *) local, (const xmlChar *) ns);

  if (!v)
    v = xmlGetNsProp (node, (const xmlChar *) local, (const xmlChar *) ns_strict);
  if (!v)
    v = xmlGetNoNsProp (node, (const xmlChar *) local);
  return (char *) v;
}

char *
docx_w_attr (const xmlNode *node, const char *local)
{
  return attr_in (node, local, W_NS, W_NS_STRICT);
}

char *
docx_r_attr (const xmlNode *node, const char *local)
{
  return attr_in (node, local, R_NS, R_NS_STRICT);
}

xmlNode *
docx_w_child (const xmlNode *node, const char *local)
{
  if (!node)
    return NULL;
  for (xmlNode *c = node->children; c; c = c->next)
    if (docx_is_w (c, local))
      return c;
  return NULL;
}

int
docx_toggle (const xmlNode *props, const char *local)
{
  xmlNode *n = docx_w_child (props, local);
  g_autofree char *val = NULL;

  if (!n)
    return -1;
  val = docx_w_attr (n, "val");
  if (!val)
    return 1;
  return !(strcmp (val, "0") == 0 || g_ascii_strcasecmp (val, "false") == 0
           || g_ascii_strcasecmp (val, "off") == 0 || g_ascii_strcasecmp (val, "none") == 0);
}
