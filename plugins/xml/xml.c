/* xml.c: the document model as XML, for tests and tooling.
 *
 * One element per node, named by prensa_node_type_to_string(), with the
 * node's data as attributes and literals as text. Deterministic: the same
 * document gives the same bytes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <prensa/prensa-plugin.h>

#include "xml-private.h"

static void
attr_uint (GString *out, const char *name, guint value)
{
  char num[32];
  g_snprintf (num, sizeof num, "%u", value);
  prensa_xml_attribute (out, name, num);
}

static const char *
align_name (PrensaAlign align)
{
  switch (align) {
  case PRENSA_ALIGN_LEFT:
    return "left";
  case PRENSA_ALIGN_CENTER:
    return "center";
  case PRENSA_ALIGN_RIGHT:
    return "right";
  case PRENSA_ALIGN_NONE:
  default:
    return "none";
  }
}

/* All of a table's alignments in one attribute, "left none right", so a
 * column without cells still says how it is aligned. */
static void
table_attributes (GString *out, const PrensaNode *table)
{
  guint columns = prensa_node_get_table_columns (table);
  g_autoptr (GString) align = g_string_new (NULL);
  for (guint i = 0; i < columns; i++) {
    if (i > 0)
      g_string_append_c (align, ' ');
    g_string_append (align, align_name (prensa_node_get_table_align (table, i)));
  }
  attr_uint (out, "columns", columns);
  prensa_xml_attribute (out, "align", align->str);
}

/* A note and its references name each other by anchor, so a reader of
 * the dump can follow them both ways. */
static void
note_attributes (GString *out, const PrensaNode *n)
{
  const PrensaNode *other = prensa_node_get_footnote (n);
  gboolean reference = prensa_node_get_node_type (n) == PRENSA_NODE_FOOTNOTE_REFERENCE;
  attr_uint (out, "number", prensa_node_get_footnote_number (n));
  prensa_xml_attribute (out, "label", prensa_node_get_footnote_label (n));
  prensa_xml_attribute (out, "anchor", prensa_node_get_anchor (n));
  attr_uint (out, reference ? "ref" : "refs", prensa_node_get_footnote_ref_count (n));
  if (other != NULL)
    prensa_xml_attribute (out, reference ? "note" : "first_ref",
                          prensa_node_get_anchor (other));
}

static void
node_attributes (GString *out, const PrensaNode *n)
{
  char num[32];
  switch (prensa_node_get_node_type (n)) {
  case PRENSA_NODE_TABLE:
    table_attributes (out, n);
    break;
  case PRENSA_NODE_TABLE_ROW:
    prensa_xml_attribute (out, "header",
                          prensa_node_get_table_header (n) ? "true" : "false");
    break;
  case PRENSA_NODE_TABLE_CELL:
    attr_uint (out, "column", prensa_node_get_table_column (n));
    prensa_xml_attribute (out, "align",
                          align_name (prensa_node_get_table_align (n, 0)));
    break;
  case PRENSA_NODE_FOOTNOTE_REFERENCE:
  case PRENSA_NODE_FOOTNOTE_DEFINITION:
    note_attributes (out, n);
    break;
  case PRENSA_NODE_ITEM:
    /* Only task items say so: an ordinary item has no state. */
    if (prensa_node_get_item_task (n) != PRENSA_TASK_NONE)
      prensa_xml_attribute (out, "task",
                            prensa_node_get_item_task (n) == PRENSA_TASK_DONE ? "done" : "open");
    break;
  case PRENSA_NODE_HEADING:
    g_snprintf (num, sizeof num, "%d", prensa_node_get_heading_level (n));
    prensa_xml_attribute (out, "level", num);
    prensa_xml_attribute (out, "anchor", prensa_node_get_anchor (n));
    break;
  case PRENSA_NODE_LIST:
    prensa_xml_attribute (out, "type",
                          prensa_node_get_list_type (n) == PRENSA_LIST_ORDERED ? "ordered" : "bullet");
    if (prensa_node_get_list_type (n) == PRENSA_LIST_ORDERED) {
      g_snprintf (num, sizeof num, "%d", prensa_node_get_list_start (n));
      prensa_xml_attribute (out, "start", num);
      prensa_xml_attribute (out, "delim",
                            prensa_node_get_list_delim (n) == PRENSA_DELIM_PAREN ? "paren" : "period");
    }
    prensa_xml_attribute (out, "tight",
                          prensa_node_get_list_tight (n) ? "true" : "false");
    break;
  case PRENSA_NODE_LINK:
  case PRENSA_NODE_IMAGE:
    prensa_xml_attribute (out, "url", prensa_node_get_url (n));
    prensa_xml_attribute (out, "title", prensa_node_get_title (n));
    break;
  case PRENSA_NODE_CODE_BLOCK:
    prensa_xml_attribute (out, "info", prensa_node_get_info (n));
    break;
  case PRENSA_NODE_TURN: {
    const PrensaSpeaker *sp = prensa_node_get_speaker (n);
    prensa_xml_attribute (out, "speaker", prensa_speaker_get_id (sp));
    prensa_xml_attribute (out, "role",
                          prensa_role_to_string (prensa_speaker_get_role (sp)));
    break;
  }
  case PRENSA_NODE_PART: {
    const char *src = prensa_node_get_part_source (n);
    g_autofree char *base = src ? g_path_get_basename (src) : NULL;
    prensa_xml_attribute (out, "source", base);
    break;
  }
  default:
    break;
  }
  if (prensa_node_type_is_block (prensa_node_get_node_type (n)) && prensa_node_get_line (n)) {
    g_snprintf (num, sizeof num, "%u", prensa_node_get_line (n));
    prensa_xml_attribute (out, "line", num);
  }
}

/* Blocks go on lines of their own; inlines stay on their block's line,
 * so a table cell's text is written like a paragraph's. */
static gboolean
holds_blocks (PrensaNodeType t)
{
  return prensa_node_type_is_block (t) && !prensa_node_type_holds_inlines (t);
}

static void
write_speakers (GString *out, const PrensaDocument *doc)
{
  g_string_append (out, "  <speakers>\n");
  for (guint i = 0; i < prensa_document_get_n_speakers (doc); i++) {
    const PrensaSpeaker *sp = prensa_document_get_speaker (doc, i);
    g_string_append (out, "    <speaker");
    prensa_xml_attribute (out, "id", prensa_speaker_get_id (sp));
    prensa_xml_attribute (out, "name", prensa_speaker_get_name (sp));
    prensa_xml_attribute (out, "role",
                          prensa_role_to_string (prensa_speaker_get_role (sp)));
    g_string_append (out, "/>\n");
  }
  g_string_append (out, "  </speakers>\n");
}

/* Indentation stops growing here: 100,000 nested quotes would otherwise
 * write 10^10 spaces (output quadratic in the input). */
#define MAX_INDENT_DEPTH 32

static void
write_node (GString *out, const PrensaNode *n, PrensaEventType ev, guint depth)
{
  PrensaNodeType t = prensa_node_get_node_type (n);
  const char *name = prensa_node_type_to_string (t);
  gboolean block = prensa_node_type_is_block (t);
  if (ev == PRENSA_EVENT_EXIT) {
    if (holds_blocks (t))
      g_string_append_printf (out, "%*s", (int) MIN (depth, MAX_INDENT_DEPTH) * 2, "");
    g_string_append_printf (out, "</%s>%s", name, block ? "\n" : "");
    return;
  }
  if (block)
    g_string_append_printf (out, "%*s", (int) MIN (depth, MAX_INDENT_DEPTH) * 2, "");
  g_string_append_printf (out, "<%s", name);
  node_attributes (out, n);
  gsize len;
  const char *lit = prensa_node_get_literal (n, &len);
  if (prensa_node_type_is_leaf (t)) {
    if (lit && len) {
      g_string_append_c (out, '>');
      prensa_xml_escape (out, lit, (gssize) len, FALSE);
      g_string_append_printf (out, "</%s>", name);
    } else {
      g_string_append (out, "/>");
    }
    if (block)
      g_string_append_c (out, '\n');
  } else {
    g_string_append (out, holds_blocks (t) ? ">\n" : ">");
  }
}

static gboolean
write_xml (const PrensaDocument *doc, const PrensaOptions *options, PrensaOutput *output, GError **error)
{
  GString *out = g_string_sized_new (65536);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<document xmlns=\"urn:prensa:model:1\">\n");
  xml_write_meta (out, prensa_document_get_meta (doc), 1);
  write_speakers (out, doc);

  const PrensaNode *root = prensa_document_get_root (doc);
  g_autoptr (PrensaIter) it = prensa_iter_new (root);
  PrensaEventType ev;
  guint depth = 0;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    const PrensaNode *n = prensa_iter_get_node (it);
    if (n == root)
      continue;
    if (ev == PRENSA_EVENT_EXIT)
      depth--;
    write_node (out, n, ev, depth + 1);
    if (ev == PRENSA_EVENT_ENTER && !prensa_node_type_is_leaf (prensa_node_get_node_type (n)))
      depth++;
    if (out->len > 60000) {
      prensa_output_write (output, out->str, out->len);
      g_string_truncate (out, 0);
    }
  }
  g_string_append (out, "</document>\n");
  prensa_output_write (output, out->str, out->len);
  g_string_free (out, TRUE);
  return TRUE;
}

static const PrensaOptionSpec xml_options[] = {
  { NULL }
};

PRENSA_WRITER_DEFINE ("xml", "The document model as XML, for tests and tooling", "xml",
                      "application/xml", xml_options, write_xml);
