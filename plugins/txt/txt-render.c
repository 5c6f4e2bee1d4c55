/* txt-render.c: the block walk of the plain-text writer.
 *
 * Layout, chosen to read well in a terminal or an e-mail:
 * - the title between two rules of '=', then the subtitle, then the
 *   author(s) and the date on the lines of a byline;
 * - level 1 and 2 headings underlined with '=' and '-', deeper ones
 *   prefixed with one '#' per level;
 * - blocks separated by one blank line (none between the items of a tight
 *   list), block quotes prefixed "> ", list items with "-" (or "*" one
 *   level down) or their number, right-aligned, continuation lines
 *   indented under the item's text, code blocks indented four spaces and
 *   never wrapped; a pull quote indented four columns on both sides,
 *   between rules of '-' as wide as its measure;
 * - a turn's first paragraph starts with its speaker's label, "Name:" on
 *   the speaker's first turn in a part and the short id after it (as
 *   print interviews do), or always one of the two (option
 *   speaker-labels);
 * - a centred "* * *" between the standfirst and the turns, before the
 *   back matter, between parts without a title of their own, and for each
 *   thematic break;
 * - a task item's box after its marker: "- [ ] " or "- [x] ", its other
 *   lines under its text;
 * - tables in columns with a rule under the header (txt-table.c);
 * - a section's notes after its last block, then its link references;
 *   sections end before each heading outside quotes and lists and at the
 *   end of a part. A note is "[^n] " and its blocks, all of them, hanging
 *   under that marker; the notes' own place in the tree (the end of the
 *   part) is skipped, since each is listed where it was first referred to.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "txt-private.h"

#include <string.h>

#define BREAK_LINE "* * *"

static void
begin_block (TxtWriter *w, gboolean takes_label)
{
  if (w->pending_break)
    {
      w->pending_break = FALSE;
      w->blank_pending = TRUE;
      txt_writer_separate (w);
      txt_writer_centred (w, BREAK_LINE);
      w->blank_pending = TRUE;
    }
  if (w->pending_label != NULL && !takes_label)
    {
      /* A turn that opens with a list or a quote: the label stands alone. */
      g_autofree char *label = g_steal_pointer (&w->pending_label);

      txt_writer_separate (w);
      txt_writer_fill (w, label, -1);
      w->blank_pending = TRUE;
    }
  txt_writer_separate (w);
}

/* Metadata strings may hold newlines (YAML block scalars); here they are
 * one paragraph. */
static char *
flatten (const char *text)
{
  char *copy = g_strdup (text);

  g_strdelimit (copy, "\t\r\n", ' ');
  return copy;
}

/* Lines of metadata, each filled on its own, as one block. */
static void
title_paragraph (TxtWriter *w, const char *const *texts, guint n_texts)
{
  gboolean begun = FALSE;

  for (guint i = 0; i < n_texts; i++)
    {
      g_autofree char *flat = NULL;

      if (texts[i] == NULL || *texts[i] == '\0')
        continue;
      flat = flatten (texts[i]);
      if (!begun)
        begin_block (w, FALSE);
      begun = TRUE;
      txt_writer_fill (w, flat, -1);
    }
  if (begun)
    w->blank_pending = TRUE;
}

/* Title between rules, subtitle, then the byline and the date, worded
 * and spelled as every writer does (prensa_part_dup_byline,
 * prensa_date_spell). */
static void
title_block (TxtWriter *w, const PrensaValue *meta, const PrensaNode *part, const char *lang)
{
  const char *title = prensa_value_lookup_string (meta, "title");
  const char *date = prensa_value_lookup_string (meta, "date");
  g_autofree char *byline = part ? prensa_part_dup_byline (part, meta, lang) : NULL;
  g_autofree char *others = part ? prensa_part_dup_other_byline (part, meta, lang) : NULL;
  g_autofree char *spelled = date ? prensa_date_spell (lang, date) : NULL;
  const char *subtitle[] = { prensa_value_lookup_string (meta, "subtitle") };
  const char *credits[] = { byline, others, spelled ? spelled : date };

  if (title != NULL && *title != '\0')
    {
      g_autofree char *flat = flatten (title);

      begin_block (w, FALSE);
      txt_writer_underlined (w, flat, '=', TRUE);
      w->blank_pending = TRUE;
    }
  title_paragraph (w, subtitle, G_N_ELEMENTS (subtitle));
  title_paragraph (w, credits, G_N_ELEMENTS (credits));
}

static void render_tree (TxtWriter *w, const PrensaDocument *document,
                         const PrensaNode *root);

/* One note: "[^n] " on its first line, its blocks hanging under it. */
static void
render_note (TxtWriter *w, const PrensaNode *note, guint number)
{
  g_autofree char *marker = g_strdup_printf ("[^%u] ", number);
  g_autofree char *rest = g_strnfill (strlen (marker), ' ');
  TxtFrame *frame;

  txt_writer_separate (w);
  txt_writer_push_frame (w, marker, rest);
  render_tree (w, NULL, note);
  frame = &g_array_index (w->frames, TxtFrame, w->frames->len - 1);
  if (!frame->started)
    txt_writer_line (w, "", 0, FALSE); /* an empty note keeps its marker */
  txt_writer_pop_frame (w);
  w->blank_pending = TRUE;
}

/* Ends a section: its notes, then its link references (so the links
 * inside notes are listed with the others). A turn's label or a "* * *"
 * still waiting belongs to the blocks after the notes, not to them. */
static void
end_section (TxtWriter *w)
{
  char *label;
  gboolean pending_break = w->pending_break;
  guint first = w->n_notes - w->notes->len + 1;

  if (w->in_notes)
    return;
  label = g_steal_pointer (&w->pending_label);
  w->in_notes = TRUE;
  w->pending_break = FALSE;
  for (guint i = 0; i < w->notes->len; i++)
    render_note (w, w->notes->pdata[i], first + i);
  g_ptr_array_set_size (w->notes, 0);
  w->in_notes = FALSE;
  w->pending_label = label;
  w->pending_break = pending_break;
  txt_writer_flush_refs (w);
}

static void
enter_part (TxtWriter *w, const PrensaNode *part)
{
  const PrensaValue *meta = prensa_node_get_part_meta (part);
  const char *title = prensa_value_lookup_string (meta, "title");

  g_hash_table_remove_all (w->seen_speakers);
  w->part = part;
  if (prensa_node_previous (part) == NULL && prensa_node_next (part) == NULL)
    return; /* a single input's title block is the document's */
  if (prensa_node_previous (part) == NULL && !w->book_headline)
    {
      /* A book titled after part one: that part's opening heads it. */
      title_block (w, meta, part, w->lang);
      return;
    }
  if (title != NULL && *title != '\0')
    title_block (w, meta, part, w->lang);
  else
    w->pending_break = TRUE;
}

static void
exit_part (TxtWriter *w)
{
  end_section (w);
  w->pending_break = FALSE;
  g_clear_pointer (&w->pending_label, g_free);
}

static char *
speaker_label (TxtWriter *w, const PrensaNode *turn)
{
  const char *label = prensa_turn_get_label (turn, w->labels);

  return label ? g_strconcat (label, ":", NULL) : NULL;
}

static void
enter_turn (TxtWriter *w, const PrensaNode *turn)
{
  g_free (w->pending_label);
  w->pending_label = speaker_label (w, turn);
}

static void
exit_turn (TxtWriter *w)
{
  /* A turn with nothing said still shows who spoke. */
  if (w->pending_label != NULL)
    begin_block (w, FALSE);
  w->blank_pending = TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
render_paragraph (TxtWriter *w, const PrensaNode *node)
{
  GString *buf = w->text; /* no paragraph is written inside another */

  g_string_truncate (buf, 0);
  txt_render_inlines (w, node, buf);
  /* Only raw HTML in it: no paragraph, and no stray blank line. */
  if (is_blank (buf->str) && w->pending_label == NULL)
    return;
  begin_block (w, TRUE);
  if (w->pending_label != NULL)
    {
      g_string_prepend_c (buf, ' ');
      g_string_prepend (buf, w->pending_label);
      g_clear_pointer (&w->pending_label, g_free);
    }
  txt_writer_fill (w, buf->str, buf->len);
  w->blank_pending = !prensa_node_is_tight (node);
}

static void
render_heading (TxtWriter *w, const PrensaNode *node)
{
  int level = prensa_node_get_heading_level (node);
  g_autoptr(GString) buf = g_string_new (NULL);

  /* A heading in a quote or a list does not end the section: its list
   * would be cut off from the text around it. */
  if (w->frames->len == 0)
    end_section (w);
  txt_render_inlines (w, node, buf);
  if (is_blank (buf->str))
    return;
  begin_block (w, FALSE);
  if (level <= 2)
    txt_writer_underlined (w, buf->str, level == 1 ? '=' : '-', FALSE);
  else
    {
      g_autofree char *marks = g_strnfill (level, '#');
      g_autofree char *first = g_strconcat (marks, " ", NULL);
      g_autofree char *rest = g_strnfill (level + 1, ' ');

      txt_writer_push_frame (w, first, rest);
      txt_writer_fill (w, buf->str, buf->len);
      txt_writer_pop_frame (w);
    }
  w->blank_pending = TRUE;
}

static void
render_code_block (TxtWriter *w, const PrensaNode *node)
{
  gsize length;
  const char *code = prensa_node_get_literal (node, &length);
  const char *end = code + length;
  g_autoptr(GString) line = g_string_new (NULL);

  if (length == 0)
    return; /* an empty fence: nothing to show, no blank line either */
  begin_block (w, FALSE);
  /* The literal ends with a newline; what follows it is no line. */
  for (const char *p = code; p < end;)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;

      g_string_assign (line, stop > p ? "    " : "");
      g_string_append_len (line, p, stop - p);
      txt_writer_line (w, line->str, line->len, TRUE);
      p = nl != NULL ? nl + 1 : end;
    }
  w->blank_pending = TRUE;
}

static void
render_table (TxtWriter *w, const PrensaNode *node)
{
  begin_block (w, FALSE);
  txt_render_table (w, node);
  w->blank_pending = TRUE;
}

static void
render_break (TxtWriter *w)
{
  begin_block (w, FALSE);
  txt_writer_centred (w, BREAK_LINE);
  w->blank_pending = TRUE;
}

/* Raw HTML has no plain-text form. Tags alone (a comment, <br>) go
 * quietly; a block with text in it is worth a word, since that text is
 * missing from the output. */
static void
drop_raw_block (const PrensaNode *node)
{
  gboolean in_tag = FALSE;

  for (const char *p = prensa_node_get_literal (node, NULL); *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag && !g_ascii_isspace (*p))
        {
          prensa_warning_at (node, "txt: raw HTML left out");
          return;
        }
    }
}

static guint
count_digits (gint64 n)
{
  guint digits = 1;

  while (n >= 10 || n <= -10)
    {
      n /= 10;
      digits++;
    }
  return digits + (n < 0);
}

static void
enter_list (TxtWriter *w, const PrensaNode *list)
{
  TxtList state = { 0 };
  guint n_items = 0;

  for (const PrensaNode *c = prensa_node_first_child (list); c != NULL;
       c = prensa_node_next (c))
    n_items++;
  state.type = prensa_node_get_list_type (list);
  state.delim = prensa_node_get_list_delim (list);
  state.next = prensa_node_get_list_start (list);
  state.bullet_depth = w->lists->len > 0
    ? g_array_index (w->lists, TxtList, w->lists->len - 1).bullet_depth : 0;
  if (state.type == PRENSA_LIST_BULLET)
    {
      state.bullet_depth++;
      state.marker_width = 2;
    }
  else
    state.marker_width =
      count_digits (state.next + MAX (n_items, 1) - 1) + 2;
  begin_block (w, FALSE);
  g_array_append_val (w->lists, state);
}

static void
exit_list (TxtWriter *w)
{
  g_array_set_size (w->lists, w->lists->len - 1);
  w->blank_pending = TRUE;
}

/* GFM's own boxes, which every Markdown reader knows. */
static const char *
task_box (PrensaTask task)
{
  switch (task)
    {
    case PRENSA_TASK_OPEN:
      return "[ ] ";
    case PRENSA_TASK_DONE:
      return "[x] ";
    case PRENSA_TASK_NONE:
    default:
      return "";
    }
}

static void
enter_item (TxtWriter *w, const PrensaNode *item)
{
  TxtList *list = &g_array_index (w->lists, TxtList, w->lists->len - 1);
  const char *box = task_box (prensa_node_get_item_task (item));
  g_autofree char *rest = g_strnfill (list->marker_width + strlen (box), ' ');
  g_autoptr(GString) marker = g_string_new (NULL);

  if (list->type == PRENSA_LIST_BULLET)
    g_string_append (marker, list->bullet_depth % 2 == 1 ? "- " : "* ");
  else
    {
      /* The number right-aligned in the marker's width, as "%*d" would
       * (printf costs a thousand instructions for it). */
      for (guint i = count_digits (list->next) + 2; i < list->marker_width; i++)
        g_string_append_c (marker, ' ');
      prensa_string_append_int (marker, list->next++);
      g_string_append_c (marker, list->delim == PRENSA_DELIM_PAREN ? ')' : '.');
      g_string_append_c (marker, ' ');
    }
  g_string_append (marker, box);
  txt_writer_separate (w);
  txt_writer_push_frame (w, marker->str, rest);
}

static void
exit_item (TxtWriter *w, const PrensaNode *item)
{
  TxtFrame *frame = &g_array_index (w->frames, TxtFrame, w->frames->len - 1);

  if (!frame->started)
    txt_writer_line (w, "", 0, FALSE); /* an empty item keeps its marker */
  txt_writer_pop_frame (w);
  w->blank_pending = !prensa_node_get_list_tight (prensa_node_parent (item));
}

static void
enter_quote (TxtWriter *w)
{
  begin_block (w, FALSE);
  txt_writer_push_frame (w, "> ", "> ");
}

static void
exit_quote (TxtWriter *w)
{
  txt_writer_pop_frame (w);
  w->blank_pending = TRUE;
}

#define PULL_INDENT "    "

static void
pull_quote_rule (TxtWriter *w)
{
  gsize measure = txt_writer_measure (w);
  g_autofree char *rule = g_strnfill (measure ? measure : 40, '-');

  txt_writer_line (w, rule, -1, FALSE);
}

/* A pull quote: set off by its indent and two rules, the measure taken
 * in on the right as on the left. */
static void
enter_pull_quote (TxtWriter *w)
{
  begin_block (w, FALSE);
  txt_writer_push_frame (w, PULL_INDENT, PULL_INDENT);
  w->pull_cut = w->wrap > 40 ? strlen (PULL_INDENT) : 0;
  w->wrap -= w->pull_cut;
  pull_quote_rule (w);
}

static void
exit_pull_quote (TxtWriter *w)
{
  w->blank_pending = FALSE; /* the rule closes up under the last line */
  pull_quote_rule (w);
  w->wrap += w->pull_cut;
  w->pull_cut = 0;
  txt_writer_pop_frame (w);
  w->blank_pending = TRUE;
}

/* Blocks written whole at ENTER; their children are inlines. */
static gboolean
render_leaf_block (TxtWriter *w, const PrensaNode *node)
{
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_PARAGRAPH:
      render_paragraph (w, node);
      return TRUE;
    case PRENSA_NODE_HEADING:
      render_heading (w, node);
      return TRUE;
    case PRENSA_NODE_CODE_BLOCK:
      render_code_block (w, node);
      return TRUE;
    case PRENSA_NODE_THEMATIC_BREAK:
      render_break (w);
      return TRUE;
    case PRENSA_NODE_RAW_BLOCK:
      drop_raw_block (node);
      return TRUE;
    case PRENSA_NODE_TABLE:
      render_table (w, node);
      return TRUE;
    default:
      return FALSE;
    }
}

/* The contents (prensa_document_dup_contents) under the title block:
 * "Contents" as a second-level heading, then an entry a line, each level
 * indented two columns more, a long entry wrapped under itself. */
static void
contents (TxtWriter *w, const PrensaDocument *document)
{
  g_autoptr (GArray) entries = prensa_document_dup_contents (document, w->toc_depth);

  if (entries->len == 0)
    return;
  begin_block (w, FALSE);
  txt_writer_underlined (w, prensa_word (w->lang, PRENSA_WORD_CONTENTS), '-', FALSE);
  w->blank_pending = TRUE;
  begin_block (w, FALSE);
  for (guint i = 0; i < entries->len; i++)
    {
      const PrensaContentsEntry *e = &g_array_index (entries, PrensaContentsEntry, i);
      g_autofree char *indent = g_strnfill (2 * (MIN (e->level, 10) - 1), ' ');
      g_autofree char *flat = flatten (e->text);

      txt_writer_push_frame (w, indent, indent);
      txt_writer_fill (w, flat, -1);
      txt_writer_pop_frame (w);
    }
  w->blank_pending = TRUE;
}

static void
enter_container (TxtWriter *w, const PrensaDocument *document,
                 const PrensaNode *node)
{
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_DOCUMENT:
      /* One input: its title block. A book of several: its own, when its
       * metadata titles it ("By" its authors); each part then has its own. */
      if (prensa_document_get_n_parts (document) <= 1)
        title_block (w, prensa_document_get_meta (document),
                     prensa_node_first_child (node), w->lang);
      else if ((w->book_headline = prensa_document_get_headline (document) != NULL))
        title_block (w, prensa_document_get_meta (document), node, w->lang);
      if (w->toc_depth > 0)
        contents (w, document);
      break;
    case PRENSA_NODE_PART:
      enter_part (w, node);
      break;
    case PRENSA_NODE_TURN:
      enter_turn (w, node);
      break;
    case PRENSA_NODE_BACK_MATTER:
      w->pending_break = TRUE;
      break;
    case PRENSA_NODE_BLOCK_QUOTE:
      enter_quote (w);
      break;
    case PRENSA_NODE_PULL_QUOTE:
      enter_pull_quote (w);
      break;
    case PRENSA_NODE_LIST:
      enter_list (w, node);
      break;
    case PRENSA_NODE_ITEM:
      enter_item (w, node);
      break;
    default:
      break;
    }
}

static void
exit_container (TxtWriter *w, const PrensaNode *node)
{
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_DOCUMENT:
      end_section (w);
      break;
    case PRENSA_NODE_PART:
      exit_part (w);
      break;
    case PRENSA_NODE_STANDFIRST:
      w->pending_break = TRUE; /* written only if something follows */
      break;
    case PRENSA_NODE_TURN:
      exit_turn (w);
      break;
    case PRENSA_NODE_BLOCK_QUOTE:
      exit_quote (w);
      break;
    case PRENSA_NODE_PULL_QUOTE:
      exit_pull_quote (w);
      break;
    case PRENSA_NODE_LIST:
      exit_list (w);
      break;
    case PRENSA_NODE_ITEM:
      exit_item (w, node);
      break;
    default:
      break;
    }
}

/* Writes @root and the blocks in it; @document is only needed when @root
 * is the whole document (for its title block). A note met in the flow is
 * skipped: end_section() lists it. */
static void
render_tree (TxtWriter *w, const PrensaDocument *document,
             const PrensaNode *root)
{
  g_autoptr(PrensaIter) it = prensa_iter_new (root);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *node = prensa_iter_get_node (it);

      if (ev == PRENSA_EVENT_EXIT)
        exit_container (w, node);
      else if (node != root && prensa_node_get_node_type (node)
                               == PRENSA_NODE_FOOTNOTE_DEFINITION)
        prensa_iter_reset (it, node, PRENSA_EVENT_EXIT);
      else if (render_leaf_block (w, node))
        {
          if (!prensa_node_type_is_leaf (prensa_node_get_node_type (node)))
            prensa_iter_reset (it, node, PRENSA_EVENT_EXIT);
        }
      else
        enter_container (w, document, node);
    }
}

void
txt_render_document (TxtWriter *w, const PrensaDocument *document)
{
  w->doc = document;
  render_tree (w, document, prensa_document_get_root (document));
}
