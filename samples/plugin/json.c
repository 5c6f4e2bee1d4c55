/* json.c: a prensa writer for the document model as JSON, for other tools.
 *
 * An example of a complete out-of-tree plugin: it is built against the
 * installed prensa with nothing but `dependency('prensa')` (see
 * meson.build beside it and plugins/README.md in prensa's sources).
 *
 * The output is one JSON object (RFC 8259, UTF-8):
 *
 *   {
 *     "format": "prensa-json",
 *     "version": 2,
 *     "meta": { "title": "…", "subject": ["…", …], … },
 *     "speakers": [ { "id": "SJ", "name": "…", "role": "interviewer" }, … ],
 *     "document": { "type": "document", "children": [ PART, … ] }
 *   }
 *
 * Every node is an object whose "type" is prensa_node_type_to_string()
 * ("part", "turn", "paragraph", "text", …). Containers have "children";
 * leaves with a literal (text, code, code_block, raw_block, raw_inline)
 * have "text". Per-type data sits beside them: "level" and "anchor" on a
 * heading; "list_type", "start", "delimiter" and "tight" on a list; "task"
 * ("open" or "done") on a task item; "url" and "title" on a link or an
 * image; "info" on a code block; "columns" and "align" (one of "none",
 * "left", "center", "right" per column) on a table; "header" on a table
 * row; "number", "label" and "anchor" on a footnote reference and a
 * footnote definition (the definitions are the last children of their
 * part); "speaker" (an id from "speakers") on a turn; "source" and "meta"
 * on a part. A "pull_quote" (version 2) holds "paragraph"s only: a
 * sentence of the text repeated and set apart (-F pull-quote makes one);
 * a filter may add, change or drop one like any block. Metadata keeps its YAML shape: strings, arrays and objects;
 * scalars stay the strings they were written as ("2018-07-17", "true").
 *
 * json-read.c, in the same module, reads this back into the model.
 *
 * "version" goes up when a key changes meaning or goes away, or a node of
 * a new type may appear (2: "pull_quote"); new keys may appear at any
 * time, so readers should ignore what they do not know. The reader takes
 * every version up to its own: version 1 is version 2 without pull
 * quotes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <prensa/prensa-plugin.h>

#include "json-parse.h"

/* Hand the sink what we have once this much is buffered: a file sink
 * writes it out, so a book-size document's JSON is never held whole. */
#define FLUSH_AT (64 * 1024)

static const PrensaOptionSpec json_options[] = {
  { "indent", "2",
    "Spaces per nesting level (0: everything on one line)" },
  { "inlines", "tree",
    "Inline content as a tree of nodes, or as plain text (paragraphs and "
    "headings get a \"text\" string instead of children)" },
  { "positions", "false",
    "Give every block the \"line\" of the source it starts on" },
  { NULL }
};

static const char *const inline_modes[] = { "tree", "text", NULL };
enum { INLINES_TREE, INLINES_TEXT };

/* A small JSON emitter. need_comma is TRUE once the innermost open
 * container holds a value, which is all the state separators need. */
typedef struct {
  GString *out;
  guint indent;
  guint depth;
  gboolean need_comma;
  gboolean after_key;
} Json;

/* Indentation stops growing here: 100,000 nested quotes would otherwise
 * write 10^10 spaces (output quadratic in the input), as the xml writer
 * found before us. */
#define MAX_INDENT_DEPTH 32

static void
json_newline (Json *j)
{
  if (j->indent == 0)
    return;
  g_string_append_c (j->out, '\n');
  for (guint i = 0; i < MIN (j->depth, MAX_INDENT_DEPTH) * j->indent; i++)
    g_string_append_c (j->out, ' ');
}

/* What comes before any value: nothing after a key, else a comma when the
 * container already holds something, and a fresh line. */
static void
json_separate (Json *j)
{
  if (j->after_key) {
    j->after_key = FALSE;
    return;
  }
  if (j->need_comma)
    g_string_append_c (j->out, ',');
  if (j->depth > 0)
    json_newline (j);
}

static void
json_open (Json *j, char bracket)
{
  json_separate (j);
  g_string_append_c (j->out, bracket);
  j->depth++;
  j->need_comma = FALSE;
}

static void
json_close (Json *j, char bracket)
{
  j->depth--;
  if (j->need_comma) /* not empty: the bracket goes on its own line */
    json_newline (j);
  g_string_append_c (j->out, bracket);
  j->need_comma = TRUE;
}

/* Literals are valid UTF-8 already, so only what JSON forbids raw needs
 * escaping. U+2028 and U+2029 are legal JSON but end a line in
 * JavaScript; escaping them lets the output be pasted into a script. */
static void
json_quote (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_printf (out, "\\%c", *p);
    else if (*p == '\n')
      g_string_append (out, "\\n");
    else if (*p == '\t')
      g_string_append (out, "\\t");
    else if (*p < 0x20)
      g_string_append_printf (out, "\\u%04x", *p);
    else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
      g_string_append_printf (out, "\\u%s", p[2] == 0xa8 ? "2028" : "2029");
      p += 2;
    } else
      g_string_append_c (out, (char) *p);
  }
  g_string_append_c (out, '"');
}

static void
json_key (Json *j, const char *key)
{
  json_separate (j);
  json_quote (j->out, key);
  g_string_append (j->out, j->indent ? ": " : ":");
  j->after_key = TRUE;
}

static void
json_string (Json *j, const char *value)
{
  json_separate (j);
  if (value)
    json_quote (j->out, value);
  else
    g_string_append (j->out, "null");
  j->need_comma = TRUE;
}

static void
json_int (Json *j, gint64 value)
{
  json_separate (j);
  g_string_append_printf (j->out, "%" G_GINT64_FORMAT, value);
  j->need_comma = TRUE;
}

static void
json_bool (Json *j, gboolean value)
{
  json_separate (j);
  g_string_append (j->out, value ? "true" : "false");
  j->need_comma = TRUE;
}

/* Metadata nests as deep as the YAML did, which a person typed: recursion
 * is safe here, unlike on the node tree. */
static void
write_value (Json *j, const PrensaValue *v)
{
  guint n = prensa_value_get_length (v);
  switch (prensa_value_get_kind (v)) {
  case PRENSA_VALUE_STRING:
    json_string (j, prensa_value_get_string (v));
    break;
  case PRENSA_VALUE_LIST:
    json_open (j, '[');
    for (guint i = 0; i < n; i++)
      write_value (j, prensa_value_get_item (v, i));
    json_close (j, ']');
    break;
  case PRENSA_VALUE_MAP:
    json_open (j, '{');
    for (guint i = 0; i < n; i++) {
      json_key (j, prensa_value_get_key (v, i));
      write_value (j, prensa_value_get_item (v, i));
    }
    json_close (j, '}');
    break;
  }
}

static void
write_speakers (Json *j, const PrensaDocument *doc)
{
  json_key (j, "speakers");
  json_open (j, '[');
  for (guint i = 0; i < prensa_document_get_n_speakers (doc); i++) {
    const PrensaSpeaker *sp = prensa_document_get_speaker (doc, i);
    json_open (j, '{');
    json_key (j, "id");
    json_string (j, prensa_speaker_get_id (sp));
    json_key (j, "name");
    json_string (j, prensa_speaker_get_name (sp));
    json_key (j, "role");
    json_string (j, prensa_role_to_string (prensa_speaker_get_role (sp)));
    json_close (j, '}');
  }
  json_close (j, ']');
}

static void
write_list_data (Json *j, const PrensaNode *n)
{
  gboolean ordered = prensa_node_get_list_type (n) == PRENSA_LIST_ORDERED;
  json_key (j, "list_type");
  json_string (j, ordered ? "ordered" : "bullet");
  if (ordered) {
    json_key (j, "start");
    json_int (j, prensa_node_get_list_start (n));
    json_key (j, "delimiter");
    json_string (j, prensa_node_get_list_delim (n) == PRENSA_DELIM_PAREN ? "paren" : "period");
  }
  json_key (j, "tight");
  json_bool (j, prensa_node_get_list_tight (n));
}

static void
write_table_data (Json *j, const PrensaNode *n)
{
  static const char *const names[] = { "none", "left", "center", "right" };
  guint columns = prensa_node_get_table_columns (n);
  json_key (j, "columns");
  json_int (j, columns);
  json_key (j, "align");
  json_open (j, '[');
  for (guint i = 0; i < columns; i++)
    json_string (j, names[prensa_node_get_table_align (n, i)]);
  json_close (j, ']');
}

/* The number and anchor are the core's; the label is what the author
 * wrote, and what a reader hands back: the builder numbers notes again
 * from it, in the same order. */
static void
write_note_data (Json *j, const PrensaNode *n)
{
  json_key (j, "number");
  json_int (j, prensa_node_get_footnote_number (n));
  json_key (j, "label");
  json_string (j, prensa_node_get_footnote_label (n));
  json_key (j, "anchor");
  json_string (j, prensa_node_get_anchor (n));
}

/* The keys a node carries besides "type", "children" and "text". */
static void
write_node_data (Json *j, const PrensaNode *n, gboolean positions)
{
  PrensaNodeType type = prensa_node_get_node_type (n);
  switch (type) {
  case PRENSA_NODE_HEADING:
    json_key (j, "level");
    json_int (j, prensa_node_get_heading_level (n));
    json_key (j, "anchor");
    json_string (j, prensa_node_get_anchor (n));
    break;
  case PRENSA_NODE_LIST:
    write_list_data (j, n);
    break;
  case PRENSA_NODE_LINK:
  case PRENSA_NODE_IMAGE:
    json_key (j, "url");
    json_string (j, prensa_node_get_url (n));
    json_key (j, "title");
    json_string (j, prensa_node_get_title (n));
    break;
  case PRENSA_NODE_CODE_BLOCK:
    json_key (j, "info");
    json_string (j, prensa_node_get_info (n));
    break;
  case PRENSA_NODE_ITEM:
    if (prensa_node_get_item_task (n) != PRENSA_TASK_NONE) {
      json_key (j, "task");
      json_string (j, prensa_node_get_item_task (n) == PRENSA_TASK_DONE ? "done" : "open");
    }
    break;
  case PRENSA_NODE_TABLE:
    write_table_data (j, n);
    break;
  case PRENSA_NODE_TABLE_ROW:
    json_key (j, "header");
    json_bool (j, prensa_node_get_table_header (n));
    break;
  case PRENSA_NODE_FOOTNOTE_REFERENCE:
  case PRENSA_NODE_FOOTNOTE_DEFINITION:
    write_note_data (j, n);
    break;
  case PRENSA_NODE_TURN:
    json_key (j, "speaker");
    json_string (j, prensa_speaker_get_id (prensa_node_get_speaker (n)));
    break;
  case PRENSA_NODE_PART:
    json_key (j, "source");
    json_string (j, prensa_node_get_part_source (n));
    json_key (j, "meta");
    write_value (j, prensa_node_get_part_meta (n));
    break;
  default:
    break;
  }
  if (positions && prensa_node_type_is_block (type) && prensa_node_get_line (n)) {
    json_key (j, "line");
    json_int (j, prensa_node_get_line (n));
  }
}

/* Opens a node's object: its type and data, and "text" for a literal. */
static void
open_node (Json *j, const PrensaNode *n, gboolean positions)
{
  const char *literal = prensa_node_get_literal (n, NULL);
  json_open (j, '{');
  json_key (j, "type");
  json_string (j, prensa_node_type_to_string (prensa_node_get_node_type (n)));
  write_node_data (j, n, positions);
  if (literal) {
    json_key (j, "text");
    json_string (j, literal);
  }
}

static gboolean
holds_inlines (PrensaNodeType type)
{
  return type == PRENSA_NODE_PARAGRAPH || type == PRENSA_NODE_HEADING
         || type == PRENSA_NODE_TABLE_CELL;
}

/* One pass of the iterator: the tree can be as deep as the Markdown
 * nests, so no recursion. */
static void
write_tree (Json *j, const PrensaDocument *doc, guint inlines,
            gboolean positions, PrensaOutput *output)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (prensa_document_get_root (doc));
  PrensaEventType ev;

  json_key (j, "document");
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    const PrensaNode *n = prensa_iter_get_node (it);
    PrensaNodeType type = prensa_node_get_node_type (n);
    if (ev == PRENSA_EVENT_EXIT) {
      json_close (j, ']');
      json_close (j, '}');
    } else if (prensa_node_type_is_leaf (type)) {
      open_node (j, n, positions);
      json_close (j, '}');
    } else if (inlines == INLINES_TEXT && holds_inlines (type)) {
      g_autofree char *text = prensa_node_dup_text (n);
      open_node (j, n, positions);
      json_key (j, "text");
      json_string (j, text);
      json_close (j, '}');
      prensa_iter_reset (it, n, PRENSA_EVENT_EXIT); /* skip the inlines */
    } else {
      open_node (j, n, positions);
      json_key (j, "children");
      json_open (j, '[');
    }
    if (j->out->len >= FLUSH_AT) {
      prensa_output_write (output, j->out->str, j->out->len);
      g_string_truncate (j->out, 0);
    }
  }
}

static gboolean
write_json (const PrensaDocument *document,
            const PrensaOptions *options,
            PrensaOutput *output,
            GError **error)
{
  gint64 indent;
  guint inlines;
  gboolean positions;

  /* Read every option before writing a byte: a bad value is the user's
   * mistake, and the host reports the GError we pass on. */
  if (!prensa_options_get_int (options, "indent", 0, 8, &indent, error)
      || !prensa_options_get_choice (options, "inlines", inline_modes, &inlines, error)
      || !prensa_options_get_boolean (options, "positions", &positions, error))
    return FALSE;

  g_autoptr (GString) buffer = g_string_sized_new (FLUSH_AT + 4096);
  Json j = { buffer, (guint) indent, 0, FALSE, FALSE };
  json_open (&j, '{');
  json_key (&j, "format");
  json_string (&j, "prensa-json");
  json_key (&j, "version");
  json_int (&j, PRENSA_JSON_VERSION);
  json_key (&j, "meta");
  write_value (&j, prensa_document_get_meta (document));
  write_speakers (&j, document);
  write_tree (&j, document, inlines, positions, output);
  json_close (&j, '}');
  g_string_append_c (buffer, '\n');
  prensa_output_write (output, buffer->str, buffer->len);
  return TRUE;
}

PRENSA_WRITER_DEFINE ("json", "The document model as JSON, for other tools",
                      "json", "application/json", json_options, write_json);
