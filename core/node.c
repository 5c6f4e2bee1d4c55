/* node.c: the document tree.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "prensa-private.h"

/* One row per type: its name and what kind of node it is. */
enum { BLOCK = 1 << 0, INLINE = 1 << 1, LEAF = 1 << 2, INLINES = 1 << 3 };

static const struct {
  const char *name;
  guint8 kind;
} types[PRENSA_NODE_N_TYPES] = {
  [PRENSA_NODE_NONE] = { "none", 0 },
  [PRENSA_NODE_DOCUMENT] = { "document", BLOCK },
  [PRENSA_NODE_PART] = { "part", BLOCK },
  [PRENSA_NODE_STANDFIRST] = { "standfirst", BLOCK },
  [PRENSA_NODE_TURN] = { "turn", BLOCK },
  [PRENSA_NODE_BACK_MATTER] = { "back_matter", BLOCK },
  [PRENSA_NODE_BLOCK_QUOTE] = { "block_quote", BLOCK },
  [PRENSA_NODE_LIST] = { "list", BLOCK },
  [PRENSA_NODE_ITEM] = { "item", BLOCK },
  [PRENSA_NODE_CODE_BLOCK] = { "code_block", BLOCK | LEAF },
  [PRENSA_NODE_RAW_BLOCK] = { "raw_block", BLOCK | LEAF },
  [PRENSA_NODE_PARAGRAPH] = { "paragraph", BLOCK | INLINES },
  [PRENSA_NODE_HEADING] = { "heading", BLOCK | INLINES },
  [PRENSA_NODE_THEMATIC_BREAK] = { "thematic_break", BLOCK | LEAF },
  [PRENSA_NODE_TEXT] = { "text", INLINE | LEAF },
  [PRENSA_NODE_SOFTBREAK] = { "softbreak", INLINE | LEAF },
  [PRENSA_NODE_LINEBREAK] = { "linebreak", INLINE | LEAF },
  [PRENSA_NODE_CODE] = { "code", INLINE | LEAF },
  [PRENSA_NODE_RAW_INLINE] = { "raw_inline", INLINE | LEAF },
  [PRENSA_NODE_EMPH] = { "emph", INLINE | INLINES },
  [PRENSA_NODE_STRONG] = { "strong", INLINE | INLINES },
  [PRENSA_NODE_LINK] = { "link", INLINE | INLINES },
  [PRENSA_NODE_IMAGE] = { "image", INLINE | INLINES },
  [PRENSA_NODE_TABLE] = { "table", BLOCK },
  [PRENSA_NODE_TABLE_ROW] = { "table_row", BLOCK },
  [PRENSA_NODE_TABLE_CELL] = { "table_cell", BLOCK | INLINES },
  [PRENSA_NODE_FOOTNOTE_DEFINITION] = { "footnote_definition", BLOCK },
  [PRENSA_NODE_STRIKETHROUGH] = { "strikethrough", INLINE | INLINES },
  [PRENSA_NODE_FOOTNOTE_REFERENCE] = { "footnote_reference", INLINE | LEAF },
  [PRENSA_NODE_PULL_QUOTE] = { "pull_quote", BLOCK },
};

static guint
kind_of (PrensaNodeType type)
{
  return (guint) type < PRENSA_NODE_N_TYPES ? types[type].kind : 0;
}

PrensaNode *
prensa_node_new (PrensaArena *arena, PrensaNodeType type)
{
  PrensaNode *n = prensa_arena_alloc (arena, sizeof *n);
  n->type = type;
  return n;
}

void
prensa_node_append (PrensaNode *parent, PrensaNode *child)
{
  child->parent = parent;
  child->next = NULL;
  child->prev = parent->last_child;
  if (parent->last_child)
    parent->last_child->next = child;
  else
    parent->first_child = child;
  parent->last_child = child;
}

void
prensa_node_unlink (PrensaNode *node)
{
  PrensaNode *parent = node->parent;
  if (node->prev)
    node->prev->next = node->next;
  else if (parent)
    parent->first_child = node->next;
  if (node->next)
    node->next->prev = node->prev;
  else if (parent)
    parent->last_child = node->prev;
  node->parent = node->next = node->prev = NULL;
}

void
prensa_node_insert_before (PrensaNode *sibling, PrensaNode *node)
{
  PrensaNode *parent = sibling->parent;
  node->parent = parent;
  node->next = sibling;
  node->prev = sibling->prev;
  if (sibling->prev)
    sibling->prev->next = node;
  else
    parent->first_child = node;
  sibling->prev = node;
}

PrensaNodeType
prensa_node_get_node_type (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, PRENSA_NODE_NONE);
  return node->type;
}

const char *
prensa_node_type_to_string (PrensaNodeType type)
{
  g_return_val_if_fail (type < PRENSA_NODE_N_TYPES, "none");
  return types[type].name;
}

gboolean
prensa_node_type_is_block (PrensaNodeType type)
{
  return (kind_of (type) & BLOCK) != 0;
}

gboolean
prensa_node_type_is_inline (PrensaNodeType type)
{
  return (kind_of (type) & INLINE) != 0;
}

gboolean
prensa_node_type_is_leaf (PrensaNodeType type)
{
  return (kind_of (type) & LEAF) != 0;
}

gboolean
prensa_node_type_holds_inlines (PrensaNodeType type)
{
  return (kind_of (type) & INLINES) != 0;
}

#define NODE_GETTER(rtype, name, field, fallback)                        \
  rtype prensa_node_##name (const PrensaNode *node)                      \
  {                                                                      \
    g_return_val_if_fail (node != NULL, fallback);                       \
    return node->field;                                                  \
  }

NODE_GETTER (const PrensaNode *, parent, parent, NULL)
NODE_GETTER (const PrensaNode *, first_child, first_child, NULL)
NODE_GETTER (const PrensaNode *, last_child, last_child, NULL)
NODE_GETTER (const PrensaNode *, next, next, NULL)
NODE_GETTER (const PrensaNode *, previous, prev, NULL)
NODE_GETTER (guint, get_line, line, 0)
NODE_GETTER (guint, get_column, column, 0)

const char *
prensa_node_get_literal (const PrensaNode *node, gsize *length)
{
  g_return_val_if_fail (node != NULL, NULL);
  if (length)
    *length = node->literal ? node->length : 0;
  return node->literal;
}

#define TYPED_GETTER(rtype, name, type_, expr, fallback)                 \
  rtype prensa_node_##name (const PrensaNode *node)                      \
  {                                                                      \
    g_return_val_if_fail (node != NULL, fallback);                       \
    return node->type == (type_) ? (expr) : (fallback);                  \
  }

TYPED_GETTER (int, get_heading_level, PRENSA_NODE_HEADING, node->as.heading.level, 0)
TYPED_GETTER (PrensaTask, get_item_task, PRENSA_NODE_ITEM, node->as.item.task, PRENSA_TASK_NONE)
TYPED_GETTER (guint, get_table_columns, PRENSA_NODE_TABLE, node->as.table.columns, 0)
TYPED_GETTER (guint, get_table_column, PRENSA_NODE_TABLE_CELL, node->as.cell.column, 0)
TYPED_GETTER (PrensaListType, get_list_type, PRENSA_NODE_LIST, node->as.list.type, PRENSA_LIST_BULLET)
TYPED_GETTER (PrensaListDelim, get_list_delim, PRENSA_NODE_LIST, node->as.list.delim, PRENSA_DELIM_NONE)
TYPED_GETTER (int, get_list_start, PRENSA_NODE_LIST, node->as.list.start, 0)
TYPED_GETTER (gboolean, get_list_tight, PRENSA_NODE_LIST, node->as.list.tight, FALSE)
TYPED_GETTER (const char *, get_info, PRENSA_NODE_CODE_BLOCK, node->as.code.info, NULL)
TYPED_GETTER (const PrensaSpeaker *, get_speaker, PRENSA_NODE_TURN, node->as.turn.speaker, NULL)
TYPED_GETTER (const PrensaValue *, get_part_meta, PRENSA_NODE_PART, node->as.part.meta, NULL)
TYPED_GETTER (const char *, get_part_source, PRENSA_NODE_PART, node->as.part.source, NULL)

static gboolean
is_note (const PrensaNode *node)
{
  return node->type == PRENSA_NODE_FOOTNOTE_REFERENCE
         || node->type == PRENSA_NODE_FOOTNOTE_DEFINITION;
}

const char *
prensa_node_get_anchor (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  if (node->type == PRENSA_NODE_HEADING)
    return node->as.heading.anchor;
  if (node->type == PRENSA_NODE_PART)
    return node->as.part.anchor;
  return is_note (node) ? node->as.note.anchor : NULL;
}

guint
prensa_node_get_footnote_number (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return is_note (node) ? node->as.note.number : 0;
}

const PrensaNode *
prensa_node_get_footnote (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return is_note (node) ? node->as.note.note : NULL;
}

guint
prensa_node_get_footnote_ref_count (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return is_note (node) ? node->as.note.refs : 0;
}

const char *
prensa_node_get_footnote_label (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return is_note (node) ? node->as.note.label : NULL;
}

/* The TABLE a row or cell belongs to, or NULL. */
static const PrensaNode *
table_of (const PrensaNode *node)
{
  if (node->type == PRENSA_NODE_TABLE_CELL)
    node = node->parent;
  if (node && node->type == PRENSA_NODE_TABLE_ROW)
    node = node->parent;
  return node && node->type == PRENSA_NODE_TABLE ? node : NULL;
}

PrensaAlign
prensa_node_get_table_align (const PrensaNode *node, guint column)
{
  g_return_val_if_fail (node != NULL, PRENSA_ALIGN_NONE);
  if (node->type == PRENSA_NODE_TABLE_CELL)
    column = node->as.cell.column;
  else if (node->type != PRENSA_NODE_TABLE)
    return PRENSA_ALIGN_NONE;
  const PrensaNode *table = table_of (node);
  if (table == NULL || table->as.table.align == NULL || column >= table->as.table.columns)
    return PRENSA_ALIGN_NONE;
  return table->as.table.align[column];
}

gboolean
prensa_node_get_table_header (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);
  if (node->type == PRENSA_NODE_TABLE_CELL)
    node = node->parent;
  return node && node->type == PRENSA_NODE_TABLE_ROW && node->as.row.header;
}

static gboolean
is_link_or_image (const PrensaNode *node)
{
  return node->type == PRENSA_NODE_LINK || node->type == PRENSA_NODE_IMAGE;
}

const char *
prensa_node_get_url (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return is_link_or_image (node) ? node->as.link.url : NULL;
}

const char *
prensa_node_get_title (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return is_link_or_image (node) ? node->as.link.title : NULL;
}

const PrensaNode *
prensa_node_get_part (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  while (node && node->type != PRENSA_NODE_PART)
    node = node->parent;
  return node;
}

char *
prensa_node_dup_text (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  GString *s = g_string_new (NULL);
  g_autoptr (PrensaIter) it = prensa_iter_new (node);
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    const PrensaNode *n = prensa_iter_get_node (it);
    if (ev != PRENSA_EVENT_ENTER)
      continue;
    switch (n->type) {
    case PRENSA_NODE_TEXT:
    case PRENSA_NODE_CODE:
    case PRENSA_NODE_CODE_BLOCK:
      g_string_append_len (s, n->literal, n->length);
      break;
    case PRENSA_NODE_SOFTBREAK:
      g_string_append_c (s, ' ');
      break;
    case PRENSA_NODE_LINEBREAK:
      g_string_append_c (s, '\n');
      break;
    default:
      break;
    }
  }
  return g_string_free (s, FALSE);
}

const char *
prensa_speaker_get_id (const PrensaSpeaker *speaker)
{
  g_return_val_if_fail (speaker != NULL, NULL);
  return speaker->id;
}

const char *
prensa_speaker_get_name (const PrensaSpeaker *speaker)
{
  g_return_val_if_fail (speaker != NULL, NULL);
  return speaker->name;
}

PrensaRole
prensa_speaker_get_role (const PrensaSpeaker *speaker)
{
  g_return_val_if_fail (speaker != NULL, PRENSA_ROLE_OTHER);
  return speaker->role;
}

const char *
prensa_role_to_string (PrensaRole role)
{
  switch (role) {
  case PRENSA_ROLE_INTERVIEWER:
    return "interviewer";
  case PRENSA_ROLE_INTERVIEWEE:
    return "interviewee";
  default:
    return "other";
  }
}

const char *const *
prensa_labels_choices (void)
{
  static const char *const choices[] = { "first", "name", "id", "none", NULL };
  return choices;
}

gboolean
prensa_node_is_tight (const PrensaNode *node)
{
  const PrensaNode *item;

  g_return_val_if_fail (node != NULL, FALSE);
  item = node->parent;
  return node->type == PRENSA_NODE_PARAGRAPH && item != NULL
         && item->type == PRENSA_NODE_ITEM && item->parent != NULL
         && item->parent->type == PRENSA_NODE_LIST && item->parent->as.list.tight;
}

gboolean
prensa_node_emph_is_whole (const PrensaNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);
  return node->type == PRENSA_NODE_EMPH && node->parent != NULL
         && node->parent->type == PRENSA_NODE_PARAGRAPH
         && prensa_node_first_child (node->parent) == node && prensa_node_next (node) == NULL;
}

const PrensaNode *
prensa_node_get_figure (const PrensaNode *node)
{
  const PrensaNode *image, *parent;

  g_return_val_if_fail (node != NULL, NULL);
  image = prensa_node_first_child (node);
  parent = node->parent;
  if (node->type != PRENSA_NODE_PARAGRAPH || image == NULL
      || image->type != PRENSA_NODE_IMAGE || prensa_node_next (image) != NULL
      || prensa_node_is_tight (node))
    return NULL;
  for (const PrensaNode *up = parent; up != NULL; up = up->parent)
    if (up->type == PRENSA_NODE_PART && !up->as.part.figures)
      return NULL;
  for (const PrensaNode *up = parent; up != NULL; up = up->parent)
    if (up->type == PRENSA_NODE_FOOTNOTE_DEFINITION)
      return NULL;
  if (parent != NULL && prensa_node_first_child (parent) == node
      && (parent->type == PRENSA_NODE_TURN
          || (parent->type == PRENSA_NODE_ITEM
              && prensa_node_get_item_task (parent) != PRENSA_TASK_NONE)))
    return NULL;
  return image;
}

char *
prensa_image_dup_caption (const PrensaNode *node)
{
  char *text;

  g_return_val_if_fail (node != NULL && node->type == PRENSA_NODE_IMAGE, g_strdup (""));
  text = prensa_node_dup_text (node);
  g_strstrip (text);
  if (*text == '\0' && prensa_node_get_title (node) != NULL)
    {
      g_free (text);
      text = g_strdup (prensa_node_get_title (node));
    }
  return text;
}

gboolean
prensa_turn_is_first (const PrensaNode *turn)
{
  g_return_val_if_fail (turn != NULL && turn->type == PRENSA_NODE_TURN, FALSE);
  return turn->as.turn.first;
}

const char *
prensa_turn_get_label (const PrensaNode *turn, PrensaLabels labels)
{
  g_return_val_if_fail (turn != NULL && turn->type == PRENSA_NODE_TURN, NULL);
  const PrensaSpeaker *sp = turn->as.turn.speaker;
  if (sp == NULL || labels == PRENSA_LABELS_NONE)
    return NULL;
  const char *name = prensa_speaker_get_name (sp), *id = prensa_speaker_get_id (sp);
  gboolean want_name = labels == PRENSA_LABELS_NAME
                       || (labels == PRENSA_LABELS_FIRST && turn->as.turn.first);
  const char *pick = want_name ? name : id, *other = want_name ? id : name;
  return pick && *pick ? pick : other && *other ? other : "";
}
