/* sanitize.c: raw HTML made safe, well-formed markup (see sanitize.h).
 *
 * The rules are those EPUB's XHTML content documents need, which also
 * make valid HTML: what may stand where, which attributes of which shape.
 * Each fragment is parsed once (prensa_fragment_parse); the same walk
 * that later writes it runs then without writing, to list the ids it
 * keeps, so that a writer can place link targets before writing.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sanitize.h"

#include <string.h>

#include <libxml/HTMLparser.h>

struct _PrensaFragment {
  htmlDocPtr doc;              /* NULL when it could not be read: */
  const char *failure;         /* why */
  gboolean phrasing;           /* it sits inside a paragraph or heading */
  GPtrArray *ids;              /* the ids writing it keeps, in order */
};

/* Deeper markup is left out: it guards the recursion, and keeps an EPUB
 * chapter (which flattens its own nesting at 96) under the 256 levels
 * libxml2 and lxml read by default. */
#define MAX_DEPTH 64

typedef enum {
  KIND_DROP,      /* left out with its content */
  KIND_PHRASING,  /* allowed anywhere in a paragraph */
  KIND_FLOW,      /* allowed only among blocks */
} ElementKind;

typedef struct {
  const char *name;
  ElementKind kind;
  const char *parents;    /* space-separated: the element it must sit in */
  const char *attributes; /* beyond the global ones */
} ElementRule;

static const ElementRule rules[] = {
  { "a", KIND_PHRASING, NULL, "href" },
  { "abbr", KIND_PHRASING, NULL, NULL },
  { "b", KIND_PHRASING, NULL, NULL },
  { "bdi", KIND_PHRASING, NULL, NULL },
  { "bdo", KIND_PHRASING, NULL, NULL },
  { "br", KIND_PHRASING, NULL, NULL },
  { "cite", KIND_PHRASING, NULL, NULL },
  { "code", KIND_PHRASING, NULL, NULL },
  { "data", KIND_PHRASING, NULL, "value" },
  { "del", KIND_PHRASING, NULL, "datetime" },
  { "dfn", KIND_PHRASING, NULL, NULL },
  { "em", KIND_PHRASING, NULL, NULL },
  { "i", KIND_PHRASING, NULL, NULL },
  { "img", KIND_PHRASING, NULL, "src alt width height" },
  { "ins", KIND_PHRASING, NULL, "datetime" },
  { "kbd", KIND_PHRASING, NULL, NULL },
  { "mark", KIND_PHRASING, NULL, NULL },
  { "q", KIND_PHRASING, NULL, NULL },
  { "s", KIND_PHRASING, NULL, NULL },
  { "samp", KIND_PHRASING, NULL, NULL },
  { "small", KIND_PHRASING, NULL, NULL },
  { "span", KIND_PHRASING, NULL, NULL },
  { "strong", KIND_PHRASING, NULL, NULL },
  { "sub", KIND_PHRASING, NULL, NULL },
  { "sup", KIND_PHRASING, NULL, NULL },
  { "time", KIND_PHRASING, NULL, "datetime" },
  { "u", KIND_PHRASING, NULL, NULL },
  { "var", KIND_PHRASING, NULL, NULL },
  { "wbr", KIND_PHRASING, NULL, NULL },
  { "address", KIND_FLOW, NULL, NULL },
  { "article", KIND_FLOW, NULL, NULL },
  { "aside", KIND_FLOW, NULL, NULL },
  { "blockquote", KIND_FLOW, NULL, NULL },
  { "caption", KIND_FLOW, "table", NULL },
  { "col", KIND_FLOW, "colgroup", "span" },
  { "colgroup", KIND_FLOW, "table", "span" },
  { "dd", KIND_FLOW, "dl", NULL },
  { "div", KIND_FLOW, NULL, NULL },
  { "dl", KIND_FLOW, NULL, NULL },
  { "dt", KIND_FLOW, "dl", NULL },
  { "figcaption", KIND_FLOW, "figure", NULL },
  { "figure", KIND_FLOW, NULL, NULL },
  { "footer", KIND_FLOW, NULL, NULL },
  { "h1", KIND_FLOW, NULL, NULL },
  { "h2", KIND_FLOW, NULL, NULL },
  { "h3", KIND_FLOW, NULL, NULL },
  { "h4", KIND_FLOW, NULL, NULL },
  { "h5", KIND_FLOW, NULL, NULL },
  { "h6", KIND_FLOW, NULL, NULL },
  { "header", KIND_FLOW, NULL, NULL },
  { "hr", KIND_FLOW, NULL, NULL },
  { "li", KIND_FLOW, "ul ol", "value" },
  { "ol", KIND_FLOW, NULL, "start reversed type" },
  { "p", KIND_FLOW, NULL, NULL },
  { "pre", KIND_FLOW, NULL, NULL },
  { "section", KIND_FLOW, NULL, NULL },
  { "table", KIND_FLOW, NULL, NULL },
  { "tbody", KIND_FLOW, "table", NULL },
  { "td", KIND_FLOW, "tr", "colspan rowspan" },
  { "tfoot", KIND_FLOW, "table", NULL },
  { "th", KIND_FLOW, "tr", "colspan rowspan scope" },
  { "thead", KIND_FLOW, "table", NULL },
  { "tr", KIND_FLOW, "table thead tbody tfoot", NULL },
  { "ul", KIND_FLOW, NULL, NULL },
  /* gone with their content: they run code, fetch things, or only make
   * sense in a form or the document head */
  { "applet", KIND_DROP }, { "area", KIND_DROP }, { "audio", KIND_DROP },
  { "base", KIND_DROP }, { "button", KIND_DROP }, { "canvas", KIND_DROP },
  { "datalist", KIND_DROP }, { "dialog", KIND_DROP }, { "embed", KIND_DROP },
  { "frame", KIND_DROP }, { "frameset", KIND_DROP }, { "head", KIND_DROP },
  { "iframe", KIND_DROP }, { "input", KIND_DROP }, { "keygen", KIND_DROP },
  { "link", KIND_DROP }, { "map", KIND_DROP }, { "math", KIND_DROP },
  { "meta", KIND_DROP }, { "meter", KIND_DROP }, { "noframes", KIND_DROP },
  { "noscript", KIND_DROP }, { "object", KIND_DROP }, { "optgroup", KIND_DROP },
  { "option", KIND_DROP }, { "output", KIND_DROP }, { "param", KIND_DROP },
  { "progress", KIND_DROP }, { "script", KIND_DROP }, { "select", KIND_DROP },
  { "source", KIND_DROP }, { "style", KIND_DROP }, { "svg", KIND_DROP },
  { "template", KIND_DROP }, { "textarea", KIND_DROP }, { "title", KIND_DROP },
  { "track", KIND_DROP }, { "video", KIND_DROP },
};

/* Obsolete names with a kept equivalent. */
static const char *const renames[][2] = {
  { "strike", "s" }, { "tt", "code" }, { "acronym", "abbr" },
  { "center", "div" }, { "big", "span" }, { "font", "span" },
};

/* What a container may hold directly; anything else inside it is left
 * out, since unwrapping it would leave text where only rows or items may
 * stand. */
static const char *const containers[][2] = {
  { "ul", "li" }, { "ol", "li" }, { "dl", "dt dd" },
  { "table", "caption colgroup thead tbody tfoot tr" },
  { "thead", "tr" }, { "tbody", "tr" }, { "tfoot", "tr" },
  { "tr", "td th" }, { "colgroup", "col" },
};

static const char *const void_elements[] = { "br", "col", "hr", "img", "wbr", NULL };

/* Elements whose content is phrasing only in XHTML. */
static const char *const phrasing_containers[] = {
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt", NULL
};

typedef struct {
  const PrensaSanitizeHooks *hooks; /* NULL while collecting ids */
  GString *out;
  GPtrArray *dropped;          /* what was left out, for the warning */
  GPtrArray *ids;              /* while collecting: the ids kept */
} Walk;

typedef struct _Context Context;

/* A figure's caption must come first or last, once. */
typedef struct {
  gboolean content;
  gboolean caption;
} FigureState;
struct _Context {
  const char *parent;          /* nearest kept element, NULL at the top */
  const Context *up;           /* the context @parent was written in */
  gboolean phrasing;
  int depth;
  int *table_stage;            /* the parent table's progress, see below */
  FigureState *figure;         /* the parent figure's, see below */
  int *list_stage;             /* the parent dl's: what came last */
};

/* A description list holds groups of dt elements followed by dd ones. */
enum { LIST_START, LIST_TERM, LIST_DESCRIPTION };

/* A table's children must come in this order: caption, colgroups, thead,
 * then either tbodies or rows (not both), then tfoot. */
enum {
  TABLE_START, TABLE_CAPTION, TABLE_COLGROUP, TABLE_THEAD, TABLE_BODIES,
  TABLE_ROWS, TABLE_TFOOT
};

static gboolean
word_in (const char *word, const char *list)
{
  gsize length = strlen (word);
  const char *p = list;

  if (length == 0)
    return FALSE;
  while (p != NULL && (p = strstr (p, word)) != NULL)
    {
      if ((p == list || p[-1] == ' ') && (p[length] == ' ' || p[length] == '\0'))
        return TRUE;
      p += length;
    }
  return FALSE;
}

static const ElementRule *
find_rule (const char *name)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (rules); i++)
    if (strcmp (rules[i].name, name) == 0)
      return &rules[i];
  return NULL;
}

static const char *
container_allows (const char *parent)
{
  gsize i;

  for (i = 0; parent != NULL && i < G_N_ELEMENTS (containers); i++)
    if (strcmp (containers[i][0], parent) == 0)
      return containers[i][1];
  return NULL;
}

static void
note (Walk *walk, const char *format, const char *name)
{
  g_autofree char *text = g_strdup_printf (format, name);
  guint i;

  if (walk->hooks == NULL)
    return;
  for (i = 0; i < walk->dropped->len; i++)
    if (strcmp (g_ptr_array_index (walk->dropped, i), text) == 0)
      return;
  g_ptr_array_add (walk->dropped, g_steal_pointer (&text));
}

static gboolean
is_xml_id (const char *id)
{
  return g_regex_match_simple ("^[A-Za-z_][A-Za-z0-9_.-]*$", id, 0, 0);
}

static gboolean
is_integer (const char *value, gboolean negative)
{
  if (negative && *value == '-')
    value++;
  return *value != '\0' && strlen (value) <= 6
         && strspn (value, "0123456789") == strlen (value);
}

static const char *
check_specific (const char *name, const char *value)
{
  if (strcmp (name, "width") == 0 || strcmp (name, "height") == 0
      || strcmp (name, "rowspan") == 0)
    return is_integer (value, FALSE) ? value : NULL;
  if (strcmp (name, "colspan") == 0 || strcmp (name, "span") == 0)
    return is_integer (value, FALSE) && strspn (value, "0") != strlen (value)
           ? value : NULL;
  if (strcmp (name, "start") == 0)
    return is_integer (value, TRUE) ? value : NULL;
  if (strcmp (name, "reversed") == 0)
    return "reversed";
  if (strcmp (name, "type") == 0)
    return word_in (value, "1 a A i I") ? value : NULL;
  if (strcmp (name, "scope") == 0)
    return word_in (value, "row col rowgroup colgroup") ? value : NULL;
  if (strcmp (name, "datetime") == 0)
    return prensa_date_is_valid (value) ? value : NULL;
  return value; /* value (of li and data): checked by the caller */
}

/* The value to write for attribute @name of element @element, or NULL to
 * leave it out. ids are placed or claimed here. */
static const char *
check_attribute (Walk *walk, const char *element, const ElementRule *rule,
                 const char *name, const char *value)
{
  if (strcmp (name, "id") == 0)
    {
      if (!is_xml_id (value) || strcmp (element, "img") == 0)
        return NULL;
      if (walk->hooks != NULL)
        {
          if (walk->hooks->claim_id == NULL
              || walk->hooks->claim_id (walk->hooks->data, value))
            return value;
          note (walk, "the id “%s”, used before", value);
          return NULL;
        }
      g_ptr_array_add (walk->ids, g_strdup (value));
      return value;
    }
  if (strcmp (name, "class") == 0 || strcmp (name, "title") == 0
      || strcmp (name, "aria-label") == 0)
    return value;
  if (strcmp (name, "lang") == 0)
    return *value == '\0' || g_regex_match_simple ("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$",
                                                   value, 0, 0) ? value : NULL;
  if (strcmp (name, "dir") == 0)
    return word_in (value, "ltr rtl auto") ? value : NULL;
  if (strcmp (name, "aria-hidden") == 0)
    return word_in (value, "true false") ? value : NULL;
  if (g_str_has_prefix (name, "data-"))
    return g_regex_match_simple ("^data-[a-z0-9_.-]+$", name, 0, 0) ? value : NULL;
  if (strcmp (element, "li") == 0 && strcmp (name, "value") == 0)
    return is_integer (value, TRUE) ? value : NULL;
  if (rule->attributes != NULL && word_in (name, rule->attributes))
    return check_specific (name, value);
  note (walk, "the %s attribute", name);
  return NULL;
}

static void
write_attributes (Walk *walk, xmlNode *node, const char *element,
                  const ElementRule *rule)
{
  xmlAttr *attr;

  for (attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      g_autofree char *value = NULL;
      const char *kept;

      /* resolved by the callers */
      if (strcmp (name, "href") == 0 || strcmp (name, "src") == 0
          || strcmp (name, "alt") == 0 || attr->ns != NULL)
        continue;
      value = (char *) xmlNodeGetContent ((xmlNode *) attr);
      kept = check_attribute (walk, element, rule, name, value ? value : "");
      if (kept == NULL)
        continue;
      prensa_xml_attribute (walk->out, name, kept);
    }
}

static char *
get_prop (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static void
write_image (Walk *walk, xmlNode *node, const ElementRule *rule)
{
  g_autofree char *src = get_prop (node, "src");
  g_autofree char *alt = get_prop (node, "alt");
  g_autofree char *kept = NULL;
  const PrensaSanitizeHooks *hooks = walk->hooks;

  if (hooks == NULL)
    return;
  if (src != NULL && hooks->image_src != NULL)
    kept = hooks->image_src (hooks->data, src, alt);
  else if (src != NULL && prensa_url_is_safe (src))
    kept = g_strdup (src);
  if (kept == NULL)
    {
      note (walk, "%s", src == NULL ? "an <img> without src" : "an <img> with an unsafe src");
      prensa_xml_text (walk->out, alt);
      return;
    }
  g_string_append (walk->out, "<img");
  prensa_xml_attribute (walk->out, "src", kept);
  prensa_xml_attribute (walk->out, "alt", alt ? alt : "");
  write_attributes (walk, node, "img", rule);
  g_string_append (walk->out, "/>");
}

static void write_children (Walk *walk, xmlNode *first, const Context *context);

static void
write_link_start (Walk *walk, xmlNode *node, const ElementRule *rule)
{
  g_autofree char *href = get_prop (node, "href");
  g_autofree char *resolved = NULL;

  /* A link that leads nowhere stays an <a> without href (a placeholder,
   * shown as text) so an id on it is kept the same in both walks. */
  if (href != NULL && walk->hooks != NULL && walk->hooks->link_href != NULL)
    resolved = walk->hooks->link_href (walk->hooks->data, href);
  else if (href != NULL && walk->hooks != NULL && prensa_url_is_safe (href))
    resolved = g_strdup (href);
  g_string_append (walk->out, "<a");
  prensa_xml_attribute (walk->out, "href", resolved);
  write_attributes (walk, node, "a", rule);
  g_string_append_c (walk->out, '>');
}

static const char *
element_name (xmlNode *node)
{
  const char *name = (const char *) node->name;
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (renames); i++)
    if (strcmp (renames[i][0], name) == 0)
      return renames[i][1];
  return name;
}

static gboolean
is_blank (xmlNode *node)
{
  const char *text = (const char *) node->content;

  return node->type == XML_COMMENT_NODE
         || (node->type == XML_TEXT_NODE
             && (text == NULL || strspn (text, " \t\r\n") == strlen (text)));
}

/* First: nothing written in the figure yet. Last: nothing but blanks
 * follow it in the figure itself (not in an element being unwrapped). */
static gboolean
caption_may_stand (xmlNode *node, const Context *context)
{
  xmlNode *other;
  gboolean last = node->parent != NULL
                  && xmlStrEqual (node->parent->name, BAD_CAST "figure");

  if (context->figure == NULL || context->figure->caption)
    return FALSE;
  for (other = node->next; other != NULL; other = other->next)
    last = last && is_blank (other);
  return !context->figure->content || last;
}

static int
table_stage_of (const char *name)
{
  static const char *const stages[] = {
    "caption", "colgroup", "thead", "tbody", "tr", "tfoot"
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (stages); i++)
    if (strcmp (stages[i], name) == 0)
      return TABLE_CAPTION + (int) i;
  return TABLE_START;
}

/* Whether @name may come next among a table's children; moves the table
 * on when it may. Repeatable: colgroups, tbodies and rows. */
static gboolean
table_accepts (int *stage, const char *name)
{
  int next = table_stage_of (name);
  gboolean repeats = next == TABLE_COLGROUP || next == TABLE_BODIES
                     || next == TABLE_ROWS;

  if (next < *stage || (next == *stage && !repeats)
      || (next == TABLE_ROWS && *stage == TABLE_BODIES))
    return FALSE;
  *stage = next;
  return TRUE;
}

/* @choices: the values allowed, "" for any, NULL for a W3CDTF date. */
static gboolean
has_valid_attribute (xmlNode *node, const char *name, const char *choices)
{
  g_autofree char *value = get_prop (node, name);

  if (value == NULL)
    return FALSE;
  if (choices == NULL)
    return prensa_date_is_valid (value);
  return *choices == '\0' || word_in (value, choices);
}

static gboolean
inside (const Context *context, const char *name)
{
  for (; context != NULL; context = context->up)
    if (context->parent != NULL && strcmp (context->parent, name) == 0)
      return TRUE;
  return FALSE;
}

/* Why the element cannot stay where it is (its content can), or NULL. */
static const char *
misplaced (xmlNode *node, const char *name, const ElementRule *rule,
           const Context *context)
{
  if (rule == NULL)
    return "<%s>, an element prensa does not keep (its content is kept)";
  if (rule->kind == KIND_FLOW && context->phrasing)
    return "<%s> inside a paragraph, heading or inline element (its content is kept)";
  if (rule->parents != NULL
      && (context->parent == NULL || !word_in (context->parent, rule->parents)))
    return "<%s> outside the element it belongs in (its content is kept)";
  if (word_in (name, "a dfn") && inside (context, name))
    return "<%s> inside another of its kind (its content is kept)";
  if (word_in (name, "header footer")
      && (inside (context, "header") || inside (context, "footer")))
    return "<%s> inside a header or footer (its content is kept)";
  if (word_in (name, "address header footer h1 h2 h3 h4 h5 h6 section article aside")
      && (inside (context, "address") || inside (context, "th")))
    return "<%s> inside an address or table heading (its content is kept)";
  if (strcmp (name, "table") == 0 && inside (context, "caption"))
    return "<%s> inside a table caption (its content is kept)";
  /* without a machine-readable datetime, a time may hold text only */
  if (strcmp (name, "time") == 0 && !has_valid_attribute (node, "datetime", NULL))
    return "<%s> without a datetime (its content is kept)";
  if (strcmp (name, "figcaption") == 0 && !caption_may_stand (node, context))
    return "<%s> neither first nor last in its figure (its content is kept)";
  if (strcmp (name, "bdo") == 0 && !has_valid_attribute (node, "dir", "ltr rtl"))
    return "<%s> without a direction (its content is kept)";
  if (strcmp (name, "data") == 0 && !has_valid_attribute (node, "value", ""))
    return "<%s> without a value (its content is kept)";
  return NULL;
}

/* Keeps a dl's groups whole: an empty dt before a dd that has none, an
 * empty dd after a group's last dt (@name NULL at the list's end). */
static void
mend_list_group (Walk *walk, const char *name, int *stage)
{
  if (name != NULL && strcmp (name, "dt") == 0)
    *stage = LIST_TERM;
  else if (name != NULL && strcmp (name, "dd") == 0)
    {
      if (*stage == LIST_START)
        g_string_append (walk->out, "<dt></dt>");
      *stage = LIST_DESCRIPTION;
    }
  else if (name == NULL && *stage == LIST_TERM)
    g_string_append (walk->out, "<dd></dd>");
}

/* Leaves out what cannot be written at all; TRUE when it did. */
static gboolean
refuse_element (Walk *walk, const char *name, const ElementRule *rule,
                const Context *context)
{
  const char *allowed = container_allows (context->parent);

  if (context->depth >= MAX_DEPTH)
    note (walk, "%s", "content nested too deeply");
  else if (rule != NULL && rule->kind == KIND_DROP)
    note (walk, "<%s>", name);
  else if ((allowed != NULL && !word_in (name, allowed))
           || (context->table_stage != NULL
               && !table_accepts (context->table_stage, name)))
    note (walk, "<%s> where it cannot stand", name);
  else
    return FALSE;
  return TRUE;
}

static void
write_element (Walk *walk, xmlNode *node, const Context *context)
{
  const char *name = element_name (node);
  const ElementRule *rule = find_rule (name);
  const char *why;
  Context inner = *context;
  int stage = TABLE_START;
  FigureState figure = { FALSE, FALSE };

  inner.depth++;
  if (refuse_element (walk, name, rule, context))
    return;
  if ((why = misplaced (node, name, rule, context)) != NULL)
    {
      note (walk, why, name);
      write_children (walk, node->children, &inner);
      return;
    }
  if (context->figure != NULL)
    {
      context->figure->caption |= strcmp (name, "figcaption") == 0;
      context->figure->content = TRUE;
    }
  if (context->list_stage != NULL)
    mend_list_group (walk, name, context->list_stage);
  if (strcmp (name, "img") == 0)
    {
      write_image (walk, node, rule);
      return;
    }
  if (strcmp (name, "a") == 0)
    write_link_start (walk, node, rule);
  else
    {
      g_string_append_c (walk->out, '<');
      prensa_xml_raw (walk->out, name);
      write_attributes (walk, node, name, rule);
      if (g_strv_contains (void_elements, name))
        {
          g_string_append (walk->out, "/>");
          return;
        }
      g_string_append_c (walk->out, '>');
    }
  inner.parent = name;
  inner.up = context;
  inner.phrasing = context->phrasing || rule->kind == KIND_PHRASING
                   || g_strv_contains (phrasing_containers, name);
  inner.table_stage = strcmp (name, "table") == 0 ? &stage : NULL;
  inner.figure = strcmp (name, "figure") == 0 ? &figure : NULL;
  inner.list_stage = strcmp (name, "dl") == 0 ? &stage : NULL;
  write_children (walk, node->children, &inner);
  if (inner.list_stage != NULL)
    mend_list_group (walk, NULL, &stage);
  prensa_xml_close (walk->out, name);
}

/* Text with the marks of footnote references written as noterefs. */
static void
write_marked_text (Walk *walk, const char *text, const Context *context)
{
  const char *mark;

  while ((mark = strstr (text, PRENSA_SANITIZE_NOTE_MARK)) != NULL)
    {
      const char *digits = mark + strlen (PRENSA_SANITIZE_NOTE_MARK);
      char *end = NULL;
      guint64 index = g_ascii_strtoull (digits, &end, 10);

      prensa_xml_escape (walk->out, text, mark - text, FALSE);
      if (end == digits || !g_str_has_prefix (end, PRENSA_SANITIZE_NOTE_MARK_END))
        {
          text = digits; /* not one of ours: cannot happen, drop the mark */
          continue;
        }
      if (walk->hooks != NULL && walk->hooks->note_ref != NULL && index <= G_MAXUINT)
        walk->hooks->note_ref (walk->hooks->data, (guint) index,
                               !inside (context, "a"), walk->out);
      text = end + strlen (PRENSA_SANITIZE_NOTE_MARK_END);
    }
  prensa_xml_escape (walk->out, text, -1, FALSE);
}

static void
write_text (Walk *walk, xmlNode *node, const Context *context)
{
  const char *text = (const char *) node->content;

  if (text == NULL)
    return;
  if (container_allows (context->parent) != NULL)
    {
      /* Only whitespace may stand between rows or list items. */
      if (strspn (text, " \t\r\n") != strlen (text))
        note (walk, "text directly inside <%s>", context->parent);
      else
        g_string_append (walk->out, text);
      return;
    }
  if (context->figure != NULL && strspn (text, " \t\r\n") != strlen (text))
    context->figure->content = TRUE;
  write_marked_text (walk, text, context);
}

static void
write_children (Walk *walk, xmlNode *first, const Context *context)
{
  xmlNode *node;

  for (node = first; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        write_element (walk, node, context);
      else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        write_text (walk, node, context);
    }
}

/* Asked of every block a writer meets: a walk along the tree's own links,
 * without an iterator to allocate. */
gboolean
prensa_sanitize_has_raw_inline (const PrensaNode *block)
{
  const PrensaNode *node = prensa_node_first_child (block);

  while (node != NULL && node != block)
    {
      const PrensaNode *child = prensa_node_first_child (node);

      if (prensa_node_get_node_type (node) == PRENSA_NODE_RAW_INLINE)
        return TRUE;
      if (child != NULL)
        {
          node = child;
          continue;
        }
      while (node != block && prensa_node_next (node) == NULL)
        node = prensa_node_parent (node);
      if (node != block)
        node = prensa_node_next (node);
    }
  return FALSE;
}

gboolean
prensa_sanitize_write_plain_inline (const PrensaNode *node, gboolean enter, GString *out)
{
  gsize length = 0;
  const char *literal = prensa_node_get_literal (node, &length);

  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_TEXT:
      prensa_xml_escape (out, literal, length, FALSE);
      return TRUE;
    case PRENSA_NODE_SOFTBREAK:
      g_string_append_c (out, '\n');
      return TRUE;
    case PRENSA_NODE_LINEBREAK:
      g_string_append (out, "<br/>\n");
      return TRUE;
    case PRENSA_NODE_CODE:
      prensa_xml_element (out, "code", literal, NULL);
      return TRUE;
    case PRENSA_NODE_EMPH:
      /* The stylesheets set emphasis in italic blocks roman, but not one
       * that is the whole paragraph. */
      g_string_append (out, !enter ? "</em>"
                       : prensa_node_emph_is_whole (node) ? "<em class=\"whole\">" : "<em>");
      return TRUE;
    case PRENSA_NODE_STRONG:
      g_string_append (out, enter ? "<strong>" : "</strong>");
      return TRUE;
    case PRENSA_NODE_STRIKETHROUGH:
      g_string_append (out, enter ? "<del>" : "</del>");
      return TRUE;
    default:
      return FALSE;
    }
}

GString *
prensa_sanitize_inlines (const PrensaNode *block)
{
  g_autoptr(PrensaIter) iter = prensa_iter_new (block);
  GString *out = g_string_new (NULL);
  PrensaEventType event;
  guint n_refs = 0;

  while ((event = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *node = prensa_iter_get_node (iter);
      gboolean enter = event == PRENSA_EVENT_ENTER;
      gsize length = 0;
      const char *literal = prensa_node_get_literal (node, &length);

      if (node == block || prensa_sanitize_write_plain_inline (node, enter, out))
        continue;
      switch (prensa_node_get_node_type (node))
        {
        case PRENSA_NODE_FOOTNOTE_REFERENCE:
          g_string_append_printf (out, PRENSA_SANITIZE_NOTE_MARK "%u"
                                  PRENSA_SANITIZE_NOTE_MARK_END, n_refs++);
          break;
        case PRENSA_NODE_RAW_INLINE:
          g_string_append_len (out, literal, length);
          break;
        case PRENSA_NODE_LINK:
          if (enter)
            prensa_xml_open (out, "a", "href", prensa_node_get_url (node),
                             "title", prensa_node_get_title (node), NULL);
          else
            prensa_xml_close (out, "a");
          break;
        case PRENSA_NODE_IMAGE:
          {
            g_autofree char *alt = prensa_node_dup_text (node);

            prensa_xml_empty (out, "img", "src", prensa_node_get_url (node),
                              "alt", alt, "title", prensa_node_get_title (node), NULL);
            prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
          }
          break;
        default:
          break;
        }
    }
  return out;
}

static void
walk_fragment (Walk *walk, const PrensaFragment *fragment)
{
  Context context = { NULL, NULL, fragment->phrasing, 0, NULL, NULL, NULL };
  xmlNode *root;
  xmlNode *node;

  if (fragment->doc == NULL)
    {
      note (walk, "%s", fragment->failure);
      return;
    }
  root = xmlDocGetRootElement (fragment->doc);
  for (node = root ? root->children : NULL; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (strcmp ((const char *) node->name, "body") == 0)
        write_children (walk, node->children, &context);
      else if (node->children != NULL)
        note (walk, "<%s>", (const char *) node->name);
    }
}

PrensaFragment *
prensa_fragment_parse (const char *html, gsize length, gboolean phrasing)
{
  g_autoptr(GString) buffer = g_string_new ("<!DOCTYPE html><html><body>");
  g_autoptr(GString) scratch = g_string_new (NULL);
  PrensaFragment *fragment = g_new0 (PrensaFragment, 1);
  Walk walk = { NULL, scratch, NULL, NULL };

  fragment->phrasing = phrasing;
  fragment->ids = g_ptr_array_new_with_free_func (g_free);
  g_string_append_len (buffer, html, length);
  g_string_append (buffer, "</body></html>");
  if (buffer->len > G_MAXINT)
    fragment->failure = "everything (the fragment is too large)";
  else
    fragment->doc = htmlReadMemory (buffer->str, (int) buffer->len, NULL, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                    | HTML_PARSE_NONET);
  if (fragment->doc == NULL && fragment->failure == NULL)
    fragment->failure = "everything (it could not be read)";
  /* The same walk as the writing one, so the ids it keeps are exactly
   * those the writing will keep. */
  walk.ids = fragment->ids;
  walk_fragment (&walk, fragment);
  return fragment;
}

void
prensa_fragment_free (PrensaFragment *fragment)
{
  if (fragment == NULL)
    return;
  if (fragment->doc != NULL)
    xmlFreeDoc (fragment->doc);
  g_ptr_array_unref (fragment->ids);
  g_free (fragment);
}

const GPtrArray *
prensa_fragment_get_ids (const PrensaFragment *fragment)
{
  return fragment->ids;
}

char *
prensa_fragment_write (const PrensaFragment *fragment,
                       const PrensaSanitizeHooks *hooks, GString *out)
{
  static const PrensaSanitizeHooks defaults = { NULL };
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  Walk walk = { hooks ? hooks : &defaults, out, dropped, NULL };

  walk_fragment (&walk, fragment);
  if (dropped->len == 0)
    return NULL;
  g_ptr_array_add (dropped, NULL);
  return g_strjoinv ("; ", (char **) dropped->pdata);
}
