/* node.c: the document tree.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "prensa-private.h"

static const char *const type_names[PRENSA_NODE_N_TYPES] = {
  [PRENSA_NODE_NONE] = "none",
  [PRENSA_NODE_DOCUMENT] = "document",
  [PRENSA_NODE_PART] = "part",
  [PRENSA_NODE_STANDFIRST] = "standfirst",
  [PRENSA_NODE_TURN] = "turn",
  [PRENSA_NODE_BACK_MATTER] = "back_matter",
  [PRENSA_NODE_BLOCK_QUOTE] = "block_quote",
  [PRENSA_NODE_LIST] = "list",
  [PRENSA_NODE_ITEM] = "item",
  [PRENSA_NODE_CODE_BLOCK] = "code_block",
  [PRENSA_NODE_RAW_BLOCK] = "raw_block",
  [PRENSA_NODE_PARAGRAPH] = "paragraph",
  [PRENSA_NODE_HEADING] = "heading",
  [PRENSA_NODE_THEMATIC_BREAK] = "thematic_break",
  [PRENSA_NODE_TEXT] = "text",
  [PRENSA_NODE_SOFTBREAK] = "softbreak",
  [PRENSA_NODE_LINEBREAK] = "linebreak",
  [PRENSA_NODE_CODE] = "code",
  [PRENSA_NODE_RAW_INLINE] = "raw_inline",
  [PRENSA_NODE_EMPH] = "emph",
  [PRENSA_NODE_STRONG] = "strong",
  [PRENSA_NODE_LINK] = "link",
  [PRENSA_NODE_IMAGE] = "image",
};

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
  return type_names[type];
}

gboolean
prensa_node_type_is_block (PrensaNodeType type)
{
  return type >= PRENSA_NODE_DOCUMENT && type <= PRENSA_NODE_THEMATIC_BREAK;
}

gboolean
prensa_node_type_is_leaf (PrensaNodeType type)
{
  switch (type) {
  case PRENSA_NODE_CODE_BLOCK:
  case PRENSA_NODE_RAW_BLOCK:
  case PRENSA_NODE_THEMATIC_BREAK:
  case PRENSA_NODE_TEXT:
  case PRENSA_NODE_SOFTBREAK:
  case PRENSA_NODE_LINEBREAK:
  case PRENSA_NODE_CODE:
  case PRENSA_NODE_RAW_INLINE:
    return TRUE;
  default:
    return FALSE;
  }
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
TYPED_GETTER (const char *, get_anchor, PRENSA_NODE_HEADING, node->as.heading.anchor, NULL)
TYPED_GETTER (PrensaListType, get_list_type, PRENSA_NODE_LIST, node->as.list.type, PRENSA_LIST_BULLET)
TYPED_GETTER (PrensaListDelim, get_list_delim, PRENSA_NODE_LIST, node->as.list.delim, PRENSA_DELIM_NONE)
TYPED_GETTER (int, get_list_start, PRENSA_NODE_LIST, node->as.list.start, 0)
TYPED_GETTER (gboolean, get_list_tight, PRENSA_NODE_LIST, node->as.list.tight, FALSE)
TYPED_GETTER (const char *, get_info, PRENSA_NODE_CODE_BLOCK, node->as.code.info, NULL)
TYPED_GETTER (const PrensaSpeaker *, get_speaker, PRENSA_NODE_TURN, node->as.turn.speaker, NULL)
TYPED_GETTER (const PrensaValue *, get_part_meta, PRENSA_NODE_PART, node->as.part.meta, NULL)
TYPED_GETTER (const char *, get_part_source, PRENSA_NODE_PART, node->as.part.source, NULL)

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
