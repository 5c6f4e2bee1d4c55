/* epub-svg.c: SVG images made safe for the package.
 *
 * An SVG is a document, not pixels: it may carry scripts, event handlers,
 * a DTD and references to files or servers outside the book. epubcheck
 * refuses remote resources and undeclared scripting, and a reading system
 * that runs the script runs the author's code. What is left after this
 * walk is the drawing: no script or foreignObject element, no on*
 * attribute, no DTD or processing instruction, and every reference
 * (href, xlink:href, url() in style) pointing inside the image itself.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define SVG_NS "http://www.w3.org/2000/svg"

/* "#id", or a data: URL of an image a reader shows. */
static gboolean
local_reference (const xmlChar *value)
{
  const char *v = (const char *) value;

  while (g_ascii_isspace (*v))
    v++;
  return *v == '#' || *v == '\0'
         || g_str_has_prefix (v, "data:image/png") || g_str_has_prefix (v, "data:image/jpeg")
         || g_str_has_prefix (v, "data:image/gif");
}

/* Every url(...) in CSS @text points inside the image, and it imports
 * nothing. */
static gboolean
local_css (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  const char *p = lower;

  if (strstr (lower, "@import") || strstr (lower, "expression("))
    return FALSE;
  while ((p = strstr (p, "url(")) != NULL)
    {
      p += 4;
      while (g_ascii_isspace (*p) || *p == '"' || *p == '\'')
        p++;
      if (*p != '#')
        return FALSE;
    }
  return TRUE;
}

static gboolean
attribute_unsafe (xmlAttr *attr)
{
  g_autofree xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);
  const char *name = (const char *) attr->name;

  if (g_ascii_strncasecmp (name, "on", 2) == 0)
    return TRUE;
  if (value == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "href") == 0 || g_ascii_strcasecmp (name, "src") == 0)
    return !local_reference (value);
  return !local_css ((const char *) value);
}

static gboolean
element_unsafe (xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (node->type == XML_PI_NODE || node->type == XML_DTD_NODE
      || node->type == XML_ENTITY_REF_NODE || node->type == XML_XINCLUDE_START
      || node->type == XML_XINCLUDE_END)
    return TRUE;
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (g_ascii_strcasecmp (name, "script") == 0
      || g_ascii_strcasecmp (name, "foreignObject") == 0
      || g_ascii_strcasecmp (name, "iframe") == 0)
    return TRUE;
  if (node->ns && !xmlStrEqual (node->ns->href, BAD_CAST SVG_NS))
    return TRUE;
  if (g_ascii_strcasecmp (name, "style") == 0)
    {
      g_autofree xmlChar *css = xmlNodeGetContent (node);

      return css != NULL && !local_css ((const char *) css);
    }
  return FALSE;
}

static gboolean
has_href (xmlNode *node)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (g_ascii_strcasecmp ((const char *) attr->name, "href") == 0)
      return TRUE;
  return FALSE;
}

/* A link whose target went is no link: its drawing stays, in its place. */
static void
unwrap (xmlNode *node)
{
  while (node->children != NULL)
    {
      xmlNode *child = node->children;

      xmlUnlinkNode (child);
      xmlAddPrevSibling (node, child);
    }
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

static void
clean (xmlNode *node, guint *removed)
{
  xmlNode *child = node->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (element_unsafe (child))
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
          (*removed)++;
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          xmlAttr *attr = child->properties;

          while (attr != NULL)
            {
              xmlAttr *next_attr = attr->next;

              if (attribute_unsafe (attr))
                {
                  xmlRemoveProp (attr);
                  (*removed)++;
                }
              attr = next_attr;
            }
          clean (child, removed);
          if (g_ascii_strcasecmp ((const char *) child->name, "a") == 0
              && !has_href (child))
            unwrap (child);
        }
      child = next;
    }
}

GBytes *
epub_svg_clean (GBytes *svg, guint *removed)
{
  gsize length;
  const char *data = g_bytes_get_data (svg, &length);
  xmlDoc *doc;
  xmlNode *root;
  xmlChar *out = NULL;
  int out_length = 0;

  *removed = 0;
  if (length > G_MAXINT)
    return NULL;
  /* No network, no entity expanded, no DTD loaded. */
  doc = xmlReadMemory (data, (int) length, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                       | XML_PARSE_NOCDATA);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !xmlStrEqual (root->name, BAD_CAST "svg")
      || root->ns == NULL || !xmlStrEqual (root->ns->href, BAD_CAST SVG_NS))
    {
      xmlFreeDoc (doc);
      return NULL;
    }
  /* The walk from the document node takes its DTD too. */
  clean ((xmlNode *) doc, removed);
  xmlDocDumpMemoryEnc (doc, &out, &out_length, "UTF-8");
  xmlFreeDoc (doc);
  if (out == NULL)
    return NULL;
  GBytes *bytes = g_bytes_new (out, (gsize) out_length);
  xmlFree (out);
  return bytes;
}
