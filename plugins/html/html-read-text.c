/* html-read-text.c: small helpers on libxml2's HTML tree for the reader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-read-private.h"

#include <string.h>

const char *
html_attr (const xmlNode *node, const char *name)
{
  /* The attribute's text lives in its one text child: no copy to free,
   * unlike xmlGetProp(). */
  for (const xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (g_ascii_strcasecmp ((const char *) a->name, name) == 0)
      {
        if (a->children == NULL || a->children->content == NULL)
          return "";
        if (a->children->next != NULL)
          return "";  /* entity parts: never made by the HTML parser */
        return (const char *) a->children->content;
      }
  return NULL;
}

gboolean
html_is (const xmlNode *node, const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

gboolean
html_has_class (const xmlNode *node, const char *klass)
{
  const char *value = html_attr (node, "class");
  gsize n = strlen (klass);

  while (value != NULL && *value != '\0')
    {
      while (g_ascii_isspace (*value))
        value++;
      gsize k = strcspn (value, " \t\n\r\f");
      if (k == n && strncmp (value, klass, n) == 0)
        return TRUE;
      value += k;
    }
  return FALSE;
}

/* libxml2 keeps a line number in 16 bits; 65535 means "somewhere past
 * it", which is reported as unknown rather than wrong. (xmlGetLineNo()
 * would look further, but by walking siblings: quadratic on a big page.) */
guint
html_line (const xmlNode *node)
{
  return node->line >= 65535 ? 0 : node->line;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void
html_collapse (GString *out, const char *text)
{
  gboolean space = out->len > 0 && out->str[out->len - 1] == ' ';

  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_space (*p))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      g_string_append_c (out, *p);
      space = FALSE;
    }
}

static gboolean
hides_text (const xmlNode *node)
{
  return html_is (node, "script") || html_is (node, "style") ||
         html_is (node, "template") || html_is (node, "noscript");
}

const xmlNode *
html_next (const xmlNode *root, const xmlNode *n, gboolean descend)
{
  if (descend && n->type == XML_ELEMENT_NODE && n->children != NULL)
    return n->children;
  while (n != root && n->next == NULL)
    n = n->parent;
  return n != root ? n->next : NULL;
}

char *
html_dup_text (const xmlNode *node)
{
  GString *out = g_string_new (NULL);

  for (const xmlNode *n = node->children; n != NULL; n = html_next (node, n, !hides_text (n)))
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
      html_collapse (out, (const char *) n->content);
  return g_strstrip (g_string_free (out, FALSE));
}
