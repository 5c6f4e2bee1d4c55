/* json-read.c: the json reader, prensa-json back into the model.
 *
 * The other half of json.c, in the same module: it reads what the writer
 * writes (the keys are documented there), so that
 *
 *   prensa doc.md -t json -o a.json && prensa a.json -t json -o b.json
 *
 * gives b.json equal to a.json but for the part's "source", which names
 * the file each was read from. What it takes:
 *
 *   - the top-level "meta", the document's metadata (with any -M given
 *     when the JSON was written), becomes the part's, "speakers" and all,
 *     through prensa_builder_set_meta_yaml(): JSON is YAML;
 *   - the one part in "document": its nodes go to the builder as they
 *     stand, turns, standfirst and back matter included, so the core's
 *     interview pass leaves them alone. A JSON file is one input and a
 *     reader makes one part, so JSON of several parts is refused;
 *   - what the core computes again is ignored: the top-level "speakers",
 *     the part's "source" and "meta", notes' "number" and "anchor" (the
 *     builder numbers notes from their labels, in the same order), a
 *     table's "columns" (the builder counts them from "align" and the
 *     rows), "line"; so is any key it does not know. A heading's "anchor"
 *     is handed back as its id, so links to it keep working.
 *
 * Two kinds of mistake are told apart: JSON that is not prensa-json (no
 * "document", an unknown "type", a "level" that is a string) fails here
 * with PRENSA_LOAD_ERROR_FORMAT; a tree the model forbids (a paragraph in
 * a paragraph, a cell outside a row) is the builder's to refuse, with
 * PRENSA_LOAD_ERROR_INVALID, as it is for every reader. Only children of
 * a leaf, which no builder call can express, are refused here as INVALID.
 * Every message names the file, line and column.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <prensa/prensa-reader.h>

#include "json-parse.h"

/* As deep as front matter may nest (the core refuses deeper). */
#define MAX_META_DEPTH 64

typedef struct {
  PrensaBuilder *b;
  GError **error;
} Reader;

static gboolean G_GNUC_PRINTF (4, 5)
refuse (Reader *r, const JsonValue *at, PrensaLoadError code, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (r->error, PRENSA_LOAD_ERROR, code, "%s:%u:%u: %s",
               prensa_builder_get_name (r->b), at->line, at->column, message);
  return FALSE;
}

/* Typed keys of a node. Each leaves @fallback when the key is absent and
 * refuses a value of the wrong kind. */
static gboolean
get_string (Reader *r, const JsonValue *node, const char *key, const char **out)
{
  const JsonValue *v = json_object_get (node, key);
  *out = NULL;
  if (v == NULL || v->kind == JSON_NULL)
    return TRUE;
  if (v->kind != JSON_STRING)
    return refuse (r, v, PRENSA_LOAD_ERROR_FORMAT, "\"%s\" must be a string, not %s", key,
                   json_kind_to_string (v->kind));
  *out = v->text;
  return TRUE;
}

static gboolean
get_int (Reader *r, const JsonValue *node, const char *key, gint64 min, gint64 max,
         gint64 fallback, gint64 *out)
{
  const JsonValue *v = json_object_get (node, key);
  *out = fallback;
  if (v == NULL)
    return TRUE;
  if (v->kind != JSON_NUMBER || !g_ascii_string_to_signed (v->text, 10, min, max, out, NULL))
    return refuse (r, v, PRENSA_LOAD_ERROR_FORMAT,
                   "\"%s\" must be a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                   key, min, max);
  return TRUE;
}

static gboolean
get_bool (Reader *r, const JsonValue *node, const char *key, gboolean *out)
{
  const JsonValue *v = json_object_get (node, key);
  *out = v && v->kind == JSON_TRUE;
  if (v && v->kind != JSON_TRUE && v->kind != JSON_FALSE)
    return refuse (r, v, PRENSA_LOAD_ERROR_FORMAT, "\"%s\" must be true or false", key);
  return TRUE;
}

/* A string that must be one of @names (NULL-terminated): its index. */
static gboolean
get_choice (Reader *r, const JsonValue *node, const char *key, const char *const *names,
            guint fallback, guint *out)
{
  const JsonValue *v = json_object_get (node, key);
  *out = fallback;
  if (v == NULL)
    return TRUE;
  for (guint i = 0; v->kind == JSON_STRING && names[i]; i++)
    if (strcmp (v->text, names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  g_autofree char *list = g_strjoinv (", ", (char **) names);
  return refuse (r, v, PRENSA_LOAD_ERROR_FORMAT, "\"%s\" must be one of %s", key, list);
}

static const char *const align_names[] = { "none", "left", "center", "right", NULL };

/* The metadata as a YAML flow value, for prensa_builder_set_meta_yaml().
 * Not the JSON's own bytes: libyaml takes only the printable characters
 * in a file, so the others go in as escapes, and scalars that are not
 * strings as their text (front matter keeps every scalar as a string). */
static void
quote_yaml (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    gboolean printable = c == '\t' || (c >= 0x20 && c < 0x7F) || c == 0x85
                         || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                         || c >= 0x10000;
    if (c == '"' || c == '\\')
      g_string_append_printf (out, "\\%c", (char) c);
    else if (printable)
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    else
      g_string_append_printf (out, "\\u%04X", c);
  }
  g_string_append_c (out, '"');
}

static gboolean
meta_to_yaml (Reader *r, GString *out, const JsonValue *v, guint depth)
{
  if (depth > MAX_META_DEPTH)
    return refuse (r, v, PRENSA_LOAD_ERROR_METADATA,
                   "metadata nested more than %d levels deep", MAX_META_DEPTH);
  switch (v->kind) {
  case JSON_STRING:
    quote_yaml (out, v->text);
    return TRUE;
  case JSON_NUMBER:
    g_string_append (out, v->text);
    return TRUE;
  case JSON_NULL:
  case JSON_FALSE:
  case JSON_TRUE:
    g_string_append (out, json_kind_to_string (v->kind));
    return TRUE;
  case JSON_ARRAY:
  case JSON_OBJECT:
    g_string_append_c (out, v->kind == JSON_ARRAY ? '[' : '{');
    for (guint i = 0; i < v->items->len; i++) {
      if (i > 0)
        g_string_append (out, ", ");
      if (v->kind == JSON_OBJECT) {
        quote_yaml (out, v->keys->pdata[i]);
        g_string_append (out, ": ");
      }
      if (!meta_to_yaml (r, out, v->items->pdata[i], depth + 1))
        return FALSE;
    }
    g_string_append_c (out, v->kind == JSON_ARRAY ? ']' : '}');
    return TRUE;
  }
  g_return_val_if_reached (FALSE);
}

static gboolean
read_meta (Reader *r, const JsonValue *meta)
{
  if (meta == NULL)
    return TRUE;
  if (meta->kind != JSON_OBJECT)
    return refuse (r, meta, PRENSA_LOAD_ERROR_FORMAT, "\"meta\" must be an object, not %s",
                   json_kind_to_string (meta->kind));
  g_autoptr (GString) yaml = g_string_new (NULL);
  return meta_to_yaml (r, yaml, meta, 1)
         && prensa_builder_set_meta_yaml (r->b, yaml->str, (gssize) yaml->len, meta->line,
                                          r->error);
}

static PrensaNodeType
type_named (const char *name)
{
  for (PrensaNodeType t = PRENSA_NODE_NONE + 1; t < PRENSA_NODE_N_TYPES; t++)
    if (strcmp (prensa_node_type_to_string (t), name) == 0)
      return t;
  return PRENSA_NODE_NONE;
}

/* A note's label; JSON from elsewhere may give only its number. */
static gboolean
get_label (Reader *r, const JsonValue *node, char **label)
{
  const char *text;
  gint64 number;
  if (!get_string (r, node, "label", &text)
      || !get_int (r, node, "number", 1, G_MAXINT, 0, &number))
    return FALSE;
  if (text == NULL && number == 0)
    return refuse (r, node, PRENSA_LOAD_ERROR_FORMAT, "a note needs a \"label\" (or a \"number\")");
  *label = text ? g_strdup (text) : g_strdup_printf ("%" G_GINT64_FORMAT, number);
  return TRUE;
}

static gboolean
open_table (Reader *r, const JsonValue *node)
{
  const JsonValue *align = json_object_get (node, "align");
  if (align && align->kind != JSON_ARRAY)
    return refuse (r, align, PRENSA_LOAD_ERROR_FORMAT, "\"align\" must be an array");
  guint n = align ? align->items->len : 0;
  g_autofree PrensaAlign *aligns = g_new0 (PrensaAlign, MAX (n, 1));
  for (guint i = 0; i < n; i++) {
    const JsonValue *v = align->items->pdata[i];
    guint k = 0;
    while (v->kind == JSON_STRING && align_names[k] && strcmp (v->text, align_names[k]) != 0)
      k++;
    if (v->kind != JSON_STRING || align_names[k] == NULL)
      return refuse (r, v, PRENSA_LOAD_ERROR_FORMAT,
                     "a column's alignment must be \"none\", \"left\", \"center\" or \"right\"");
    aligns[i] = (PrensaAlign) k;
  }
  prensa_builder_open_table (r->b, n, aligns, node->line, node->column);
  return TRUE;
}

static gboolean
open_list (Reader *r, const JsonValue *node)
{
  static const char *const types[] = { "bullet", "ordered", NULL };
  static const char *const delims[] = { "period", "paren", NULL };
  guint type, delim;
  gint64 start;
  gboolean tight;
  if (!get_choice (r, node, "list_type", types, 0, &type)
      || !get_choice (r, node, "delimiter", delims, 0, &delim)
      || !get_int (r, node, "start", 0, G_MAXINT, 1, &start)
      || !get_bool (r, node, "tight", &tight))
    return FALSE;
  prensa_builder_open_list (r->b, type ? PRENSA_LIST_ORDERED : PRENSA_LIST_BULLET,
                            delim ? PRENSA_DELIM_PAREN : PRENSA_DELIM_PERIOD, (int) start, tight,
                            node->line, node->column);
  return TRUE;
}

/* A container of @type with data of its own, opened in the builder. */
static gboolean
open_with_data (Reader *r, const JsonValue *node, PrensaNodeType type)
{
  static const char *const tasks[] = { "none", "open", "done", NULL };
  guint line = node->line, column = node->column;
  const char *text = NULL, *title;
  g_autofree char *label = NULL;
  gint64 level;
  gboolean header;
  guint task;
  switch (type) {
  case PRENSA_NODE_HEADING:
    if (!get_int (r, node, "level", 1, 6, 1, &level) || !get_string (r, node, "anchor", &text))
      return FALSE;
    prensa_builder_open_heading (r->b, (int) level, text, line, column);
    return TRUE;
  case PRENSA_NODE_LIST:
    return open_list (r, node);
  case PRENSA_NODE_ITEM:
    if (!get_choice (r, node, "task", tasks, 0, &task))
      return FALSE;
    prensa_builder_open_item (r->b, (PrensaTask) task, line, column);
    return TRUE;
  case PRENSA_NODE_LINK:
  case PRENSA_NODE_IMAGE:
    if (!get_string (r, node, "url", &text) || !get_string (r, node, "title", &title))
      return FALSE;
    prensa_builder_open_link (r->b, type, text ? text : "", title, line, column);
    return TRUE;
  case PRENSA_NODE_TABLE:
    return open_table (r, node);
  case PRENSA_NODE_TABLE_ROW:
    if (!get_bool (r, node, "header", &header))
      return FALSE;
    prensa_builder_open_table_row (r->b, header, line, column);
    return TRUE;
  case PRENSA_NODE_FOOTNOTE_DEFINITION:
    if (!get_label (r, node, &label))
      return FALSE;
    prensa_builder_open_footnote_definition (r->b, label, line, column);
    return TRUE;
  case PRENSA_NODE_TURN:
    if (!get_string (r, node, "speaker", &text))
      return FALSE;
    if (text == NULL)
      return refuse (r, node, PRENSA_LOAD_ERROR_FORMAT, "a turn needs a \"speaker\"");
    prensa_builder_open_turn (r->b, text, line, column);
    return TRUE;
  default: /* the containers with nothing but children */
    prensa_builder_open (r->b, type, line, column);
    return TRUE;
  }
}

static gboolean
add_leaf (Reader *r, const JsonValue *node, PrensaNodeType type)
{
  const char *text, *info = NULL;
  g_autofree char *label = NULL;
  if (type == PRENSA_NODE_FOOTNOTE_REFERENCE) {
    if (!get_label (r, node, &label))
      return FALSE;
    prensa_builder_add_footnote_reference (r->b, label, node->line, node->column);
    return TRUE;
  }
  if (!get_string (r, node, "text", &text)
      || (type == PRENSA_NODE_CODE_BLOCK && !get_string (r, node, "info", &info)))
    return FALSE;
  if (type == PRENSA_NODE_SOFTBREAK || type == PRENSA_NODE_LINEBREAK
      || type == PRENSA_NODE_THEMATIC_BREAK)
    text = NULL;
  else if (text == NULL)
    text = "";
  prensa_builder_add (r->b, type, text, -1, info, node->line, node->column);
  return TRUE;
}

/* Hands @node to the builder: a leaf is added, a container opened and its
 * "children" returned in *@children (NULL when it has none) for the walk
 * to visit and close. */
static gboolean
read_node (Reader *r, const JsonValue *node, PrensaNodeType *type, const JsonValue **children)
{
  const char *name;
  if (node->kind != JSON_OBJECT)
    return refuse (r, node, PRENSA_LOAD_ERROR_FORMAT,
                   "expected a node (an object with a \"type\"), found %s",
                   json_kind_to_string (node->kind));
  if (!get_string (r, node, "type", &name))
    return FALSE;
  if (name == NULL)
    return refuse (r, node, PRENSA_LOAD_ERROR_FORMAT, "a node needs a \"type\"");
  *type = type_named (name);
  if (*type == PRENSA_NODE_NONE)
    return refuse (r, node, PRENSA_LOAD_ERROR_FORMAT, "no node is of type \"%s\"", name);
  *children = json_object_get (node, "children");
  if (*children && (*children)->kind != JSON_ARRAY)
    return refuse (r, *children, PRENSA_LOAD_ERROR_FORMAT, "\"children\" must be an array");
  if (*children && prensa_node_type_is_leaf (*type))
    return refuse (r, *children, PRENSA_LOAD_ERROR_INVALID,
                   "a %s with children, which the document model does not allow", name);
  if (*type == PRENSA_NODE_DOCUMENT || *type == PRENSA_NODE_PART)
    return refuse (r, node, PRENSA_LOAD_ERROR_INVALID,
                   "a %s inside the part, which the document model does not allow", name);
  if (prensa_node_type_is_leaf (*type))
    return add_leaf (r, node, *type);
  if (!open_with_data (r, node, *type))
    return FALSE;
  /* -O inlines=text gives a paragraph, heading or cell its text instead. */
  const char *text;
  if (*children == NULL && prensa_node_type_holds_inlines (*type)) {
    if (!get_string (r, node, "text", &text))
      return FALSE;
    if (text)
      prensa_builder_add (r->b, PRENSA_NODE_TEXT, text, -1, NULL, node->line, node->column);
  }
  return TRUE;
}

typedef struct {
  const JsonValue *children; /* an array, or NULL */
  guint next;                /* the index of the next child to read */
  PrensaNodeType type;       /* what to close after the last */
} Frame;

/* The part's nodes in document order, with a stack instead of recursion:
 * the tree is as deep as its source nests. */
static gboolean
read_part (Reader *r, const JsonValue *part)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Frame top = { json_object_get (part, "children"), 0, PRENSA_NODE_PART };
  if (top.children && top.children->kind != JSON_ARRAY)
    return refuse (r, top.children, PRENSA_LOAD_ERROR_FORMAT, "\"children\" must be an array");
  g_array_append_val (stack, top);
  while (stack->len > 0) {
    Frame *f = &g_array_index (stack, Frame, stack->len - 1);
    if (f->children == NULL || f->next == f->children->items->len) {
      if (f->type != PRENSA_NODE_PART) /* the builder opened the part */
        prensa_builder_close (r->b, f->type);
      g_array_set_size (stack, stack->len - 1);
      continue;
    }
    Frame child = { NULL, 0, PRENSA_NODE_NONE };
    if (!read_node (r, f->children->items->pdata[f->next++], &child.type, &child.children))
      return FALSE;
    if (!prensa_node_type_is_leaf (child.type))
      g_array_append_val (stack, child);
  }
  return TRUE;
}

/* The one part of "document", or NULL (nothing to read, or @error set). */
static const JsonValue *
find_part (Reader *r, const JsonValue *document, gboolean *ok)
{
  const char *type = NULL;
  const JsonValue *parts = json_object_get (document, "children");
  *ok = get_string (r, document, "type", &type);
  if (*ok && (g_strcmp0 (type, "document") != 0 || (parts && parts->kind != JSON_ARRAY)))
    *ok = refuse (r, document, PRENSA_LOAD_ERROR_FORMAT,
                  "\"document\" must be a node of type \"document\" with its parts as \"children\"");
  if (!*ok || parts == NULL || parts->items->len == 0)
    return NULL;
  if (parts->items->len > 1) {
    *ok = refuse (r, parts, PRENSA_LOAD_ERROR_FORMAT,
                  "the JSON holds %u parts, and a JSON file is read as one: write one JSON "
                  "file per input", parts->items->len);
    return NULL;
  }
  const JsonValue *part = parts->items->pdata[0];
  if (!get_string (r, part, "type", &type))
    *ok = FALSE;
  else if (part->kind != JSON_OBJECT || g_strcmp0 (type, "part") != 0)
    *ok = refuse (r, part, PRENSA_LOAD_ERROR_FORMAT, "a document's children must be parts");
  return *ok ? part : NULL;
}

static gboolean
read_json (PrensaBuilder *builder, const char *data, gsize length, GError **error)
{
  g_autoptr (JsonTree) tree = json_tree_parse (prensa_builder_get_name (builder), data, length,
                                               error);
  if (tree == NULL)
    return FALSE;
  Reader r = { builder, error };
  const JsonValue *root = json_tree_get_root (tree);
  const JsonValue *format = json_object_get (root, "format");
  const JsonValue *document = json_object_get (root, "document");
  gint64 version;
  if (document == NULL || (format && (format->kind != JSON_STRING
                                      || strcmp (format->text, "prensa-json") != 0)))
    return refuse (&r, root, PRENSA_LOAD_ERROR_FORMAT,
                   "not prensa's JSON: expected an object with \"format\": \"prensa-json\" "
                   "and a \"document\"");
  if (!get_int (&r, root, "version", 1, G_MAXINT, 1, &version))
    return FALSE;
  if (version > PRENSA_JSON_VERSION)
    return refuse (&r, json_object_get (root, "version"), PRENSA_LOAD_ERROR_FORMAT,
                   "version %" G_GINT64_FORMAT " of prensa-json is newer than this reader's %d",
                   version, PRENSA_JSON_VERSION);
  gboolean ok;
  if (!read_meta (&r, json_object_get (root, "meta")))
    return FALSE;
  const JsonValue *part = find_part (&r, document, &ok);
  return ok && (part == NULL || read_part (&r, part));
}

PRENSA_READER_DEFINE ("json", "prensa-json, the JSON this plugin writes", "json",
                      "application/json", PRENSA_READER_TEXT, NULL, read_json);
