/* epub-xhtml.c: the XHTML content documents (chapters, title page, cover).
 *
 * Interview structure is written as classes the stylesheet in
 * formats/epub dresses: a standfirst, turns marked question (interviewer)
 * or answer (interviewee) with the speaker's name in full the first time
 * they speak in a part and their short label after that, as magazines
 * print it, and the back matter set apart at the end.
 *
 * Footnotes are EPUB 3 pop-up notes, as the Kindle and DAISY guidelines
 * describe them: a superscript number linked as epub:type="noteref" (role
 * doc-noteref), and at the end of the same chapter file an
 * <aside epub:type="footnote"> (role doc-footnote) that starts with the
 * number linked back to the first reference (role doc-backlink). Apple
 * Books and Kobo hide such asides and open them over the text; other
 * readers show them after the chapter, under a rule.
 *
 * Tables get a <thead> for their header rows and a <tbody> for the rest,
 * header cells scope="col", and their column's alignment as a class the
 * stylesheet sets (no obsolete align attribute). A task item starts with
 * U+2610 or U+2611 (a ballot box, empty or checked) rather than a disabled
 * <input>, though epubcheck accepts both: reading systems need not
 * support forms, and those that draw a disabled checkbox draw it grey and
 * faint, while a character shows in any font that has it (and in the
 * text a reader copies) and screen readers name it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <stdio.h>
#include <string.h>

/* What a block opens with is written by open_text_block() when the block
 * is a paragraph: the speaker's label, a task's box, a note's number. */
typedef struct {
  EpubRender base;
  const PrensaNode *label_for; /* the paragraph that carries the label */
  const PrensaSpeaker *speaker;
  const PrensaNode *turn;        /* the TURN being rendered */
  const PrensaNode *task_for;  /* the paragraph that carries the box */
  PrensaTask task;
  const PrensaNode *note_for;  /* the paragraph that carries the number */
  const PrensaNode *note;
  const PrensaNode *open_link; /* the LINK written as the open <a>, */
  char *open_href;             /* and its href */
  guint nesting;               /* block quotes, lists, items, emphasis open */
  GHashTable *flat;            /* those of them written without their tags */
} ChapterRender;

/* libxml2 and lxml (so calibre) refuse XML nested more than 256 deep with
 * their default limits, and the Markdown may nest as deep as it likes.
 * Past this many quotes, lists, items and emphases (beneath <section>),
 * a container is written without its own tags: its content stands at
 * that depth. With a raw HTML fragment's own limit (core/sanitize.c, 64)
 * and a table's rows, a chapter stays under 200 levels. */
#define MAX_NESTING 96

void
epub_xhtml_begin (GString *out, EpubBook *book, const char *title,
                  const char *body_class, const char *body_type)
{
  prensa_xml_declaration (out, FALSE);
  g_string_append (out, "<!DOCTYPE html>\n");
  prensa_xml_open (out, "html",
                   "xmlns", "http://www.w3.org/1999/xhtml",
                   "xmlns:epub", "http://www.idpf.org/2007/ops",
                   "lang", book->lang, "xml:lang", book->lang, NULL);
  g_string_append (out, "\n<head>\n<meta charset=\"UTF-8\"/>\n");
  prensa_xml_element (out, "title", title, NULL);
  g_string_append (out, "\n<link rel=\"stylesheet\" type=\"text/css\" "
                        "href=\"css/epub.css\"/>\n</head>\n");
  prensa_xml_open (out, "body", "class", body_class, "epub:type", body_type, NULL);
  g_string_append_c (out, '\n');
}

void
epub_xhtml_end (GString *out)
{
  g_string_append (out, "</body>\n</html>\n");
}

/* A reference inside a link's text: links cannot nest, so the link is
 * closed around the note's number and opened again after it. */
static void
write_reference (ChapterRender *r, const PrensaNode *ref, GString *out)
{
  if (r->open_href == NULL)
    {
      epub_render_noteref (&r->base, ref, TRUE, out);
      return;
    }
  prensa_xml_close (out, "a");
  epub_render_noteref (&r->base, ref, TRUE, out);
  prensa_xml_open (out, "a", "href", r->open_href,
                   "title", prensa_node_get_title (r->open_link), NULL);
}

/* The note's number at its start, linked back to its first reference
 * when that was written in this file. */
static void
write_backlink (ChapterRender *r, const PrensaNode *note, GString *out)
{
  const PrensaNode *ref = prensa_node_get_footnote (note);
  const char *ref_id = ref != NULL ? prensa_node_get_anchor (ref) : NULL;
  g_autofree char *number = g_strdup_printf ("%u", prensa_node_get_footnote_number (note));
  g_autofree char *href = NULL;

  if (ref_id != NULL && g_hash_table_contains (r->base.emitted_ids, ref_id))
    href = epub_book_id_href (r->base.book, r->base.chapter->index, ref_id);
  if (href != NULL)
    prensa_xml_element (out, "a", number, "class", "footnote-number",
                        "role", "doc-backlink", "href", href, NULL);
  else
    prensa_xml_element (out, "span", number, "class", "footnote-number", NULL);
  g_string_append_c (out, ' ');
}

static void
write_task_box (PrensaTask task, GString *out)
{
  if (task == PRENSA_TASK_DONE)
    g_string_append (out, "<span class=\"task-box done\">\xE2\x98\x91</span> ");
  else
    g_string_append (out, "<span class=\"task-box\">\xE2\x98\x90</span> ");
}

/* The label the core gives the turn, as every writer shows it
 * (prensa_turn_get_label; -O labels=). */
static void
write_speaker_label (ChapterRender *r, GString *out)
{
  const char *label = r->turn ? prensa_turn_get_label (r->turn, r->base.book->labels) : NULL;

  if (label == NULL)
    return;
  g_string_append (out, "<b class=\"speaker\">");
  prensa_xml_text (out, label);
  g_string_append (out, ":</b> ");
}

static const char *
turn_class (const PrensaSpeaker *speaker)
{
  switch (prensa_speaker_get_role (speaker))
    {
    case PRENSA_ROLE_INTERVIEWER:
      return "turn question";
    case PRENSA_ROLE_INTERVIEWEE:
      return "turn answer";
    case PRENSA_ROLE_OTHER:
    default:
      return "turn";
    }
}

static void
enter_turn (ChapterRender *r, const PrensaNode *turn, GString *out)
{
  const PrensaNode *first = prensa_node_first_child (turn);

  r->speaker = prensa_node_get_speaker (turn);
  r->turn = turn;
  prensa_xml_open (out, "div", "class", turn_class (r->speaker), NULL);
  g_string_append_c (out, '\n');
  if (first != NULL && prensa_node_get_node_type (first) == PRENSA_NODE_PARAGRAPH)
    {
      r->label_for = first;
      return;
    }
  /* A turn that opens with a list or quote gets its label on its own. */
  g_string_append (out, "<p class=\"speaker-line\">");
  write_speaker_label (r, out);
  g_string_append (out, "</p>\n");
}

static void
write_image (ChapterRender *r, const PrensaNode *node, GString *out)
{
  g_autofree char *alt = prensa_node_dup_text (node);
  EpubImage *image = epub_book_use_image (r->base.book, node,
                                          prensa_node_get_url (node));

  if (image == NULL)
    {
      prensa_xml_text (out, alt);
      return;
    }
  prensa_xml_empty (out, "img", "src", image->file, "alt", alt,
                    "title", prensa_node_get_title (node), NULL);
}

static void
write_lead (ChapterRender *r, const PrensaNode *node, GString *out)
{
  if (r->label_for == node)
    {
      write_speaker_label (r, out);
      r->label_for = NULL;
    }
  if (r->task_for == node)
    {
      write_task_box (r->task, out);
      r->task_for = NULL;
    }
  if (r->note_for == node)
    {
      write_backlink (r, r->note, out);
      r->note_for = NULL;
    }
}

/* A figure (prensa_node_get_figure) is set apart with its caption
 * (prensa_image_dup_caption); a caption that only repeats the image's
 * description is hidden from screen readers, which read the alt text. */
static gboolean
write_figure (ChapterRender *r, const PrensaNode *paragraph, GString *out)
{
  const PrensaNode *image = prensa_node_get_figure (paragraph);
  g_autofree char *caption = NULL;
  g_autofree char *alt = NULL;

  if (image == NULL)
    return FALSE;
  caption = prensa_image_dup_caption (image);
  alt = prensa_node_dup_text (image);
  g_string_append (out, "<figure class=\"image\">");
  write_image (r, image, out);
  if (*caption != '\0')
    prensa_xml_element (out, "figcaption", caption,
                      "aria-hidden", strcmp (caption, alt) == 0 ? "true" : NULL, NULL);
  g_string_append (out, "</figure>\n");
  return TRUE;
}

static const char *const heading_tags[] = { "h1", "h1", "h2", "h3", "h4", "h5", "h6" };

static const char *
block_tag (const PrensaNode *node)
{
  int level;

  if (prensa_node_get_node_type (node) == PRENSA_NODE_PARAGRAPH)
    return prensa_node_is_tight (node) ? NULL : "p";
  level = CLAMP (prensa_node_get_heading_level (node), 1, 6);
  return heading_tags[level];
}

static void
open_text_block (ChapterRender *r, const PrensaNode *node, GString *out)
{
  const char *tag = block_tag (node);
  const char *anchor = prensa_node_get_anchor (node);

  if (anchor != NULL && !epub_render_claim_id (&r->base, anchor, node))
    anchor = NULL;
  if (tag != NULL)
    prensa_xml_open (out, tag, "id", anchor, NULL);
  write_lead (r, node, out);
}

static void
close_text_block (const PrensaNode *node, GString *out)
{
  const char *tag = block_tag (node);

  if (tag != NULL)
    prensa_xml_close (out, tag);
  g_string_append_c (out, '\n');
}

/* Paragraphs and headings; TRUE when their content was written here and
 * the walk must skip it. */
static gboolean
enter_text_block (ChapterRender *r, const PrensaNode *node, GString *out)
{
  if (prensa_node_get_node_type (node) == PRENSA_NODE_PARAGRAPH
      && write_figure (r, node, out))
    return TRUE;
  open_text_block (r, node, out);
  if (!epub_html_to_xhtml (&r->base, node, out))
    return FALSE;
  close_text_block (node, out);
  return TRUE;
}

static void
write_code_block (const PrensaNode *node, GString *out)
{
  const char *info = prensa_node_get_info (node);
  g_autofree char *language = NULL;
  g_autofree char *class_name = NULL;

  if (info != NULL && *info != '\0')
    {
      gsize n = strcspn (info, " \t");
      char *p;

      language = g_strndup (info, n);
      for (p = language; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && strchr ("+#_.-", *p) == NULL)
          *p = '-';
      class_name = g_strconcat ("language-", language, NULL);
    }
  g_string_append (out, "<pre>");
  prensa_xml_element (out, "code", prensa_node_get_literal (node, NULL),
                      "class", class_name, NULL);
  g_string_append (out, "</pre>\n");
}

static void
write_list_start (const PrensaNode *node, GString *out)
{
  int start = prensa_node_get_list_start (node);
  g_autofree char *start_text = NULL;

  if (prensa_node_get_list_type (node) == PRENSA_LIST_BULLET)
    {
      g_string_append (out, "<ul>\n");
      return;
    }
  if (start != 1)
    start_text = g_strdup_printf ("%d", start);
  prensa_xml_open (out, "ol", "start", start_text, NULL);
  g_string_append_c (out, '\n');
}

static void
write_link (ChapterRender *r, const PrensaNode *node, gboolean enter, GString *out)
{
  gboolean linked;

  if (enter)
    {
      g_autofree char *href = epub_book_link_href (r->base.book, node,
                                                   prensa_node_get_url (node));

      linked = href != NULL;
      if (linked)
        {
          prensa_xml_open (out, "a", "href", href,
                           "title", prensa_node_get_title (node), NULL);
          /* The loader undoes nested links: one <a> at most is open. */
          g_free (r->open_href);
          r->open_href = g_steal_pointer (&href);
          r->open_link = node;
        }
      g_array_append_val (r->base.links, linked);
      return;
    }
  linked = g_array_index (r->base.links, gboolean, r->base.links->len - 1);
  g_array_set_size (r->base.links, r->base.links->len - 1);
  if (linked)
    {
      prensa_xml_close (out, "a");
      g_clear_pointer (&r->open_href, g_free);
      r->open_link = NULL;
    }
}

static void
enter_item (ChapterRender *r, const PrensaNode *item, GString *out)
{
  PrensaTask task = prensa_node_get_item_task (item);
  const PrensaNode *first = prensa_node_first_child (item);

  if (task == PRENSA_TASK_NONE)
    {
      g_string_append (out, "<li>");
      return;
    }
  g_string_append (out, "<li class=\"task\">");
  if (first != NULL && prensa_node_get_node_type (first) == PRENSA_NODE_PARAGRAPH)
    {
      r->task_for = first;
      r->task = task;
      return;
    }
  write_task_box (task, out);
}

static const char *
align_class (PrensaAlign align)
{
  switch (align)
    {
    case PRENSA_ALIGN_LEFT:
      return "align-left";
    case PRENSA_ALIGN_CENTER:
      return "align-center";
    case PRENSA_ALIGN_RIGHT:
      return "align-right";
    case PRENSA_ALIGN_NONE:
    default:
      return NULL;
    }
}

/* Header rows come first (the loader sees to it): they make the <thead>,
 * the rows after them the <tbody>. */
static void
write_table_row (const PrensaNode *row, gboolean enter, GString *out)
{
  const PrensaNode *previous = prensa_node_previous (row);
  gboolean header = prensa_node_get_table_header (row);

  if (!enter)
    {
      g_string_append (out, "</tr>\n");
      return;
    }
  if (previous == NULL)
    g_string_append (out, header ? "<thead>\n" : "<tbody>\n");
  else if (!header && prensa_node_get_table_header (previous))
    g_string_append (out, "</thead>\n<tbody>\n");
  g_string_append (out, "<tr>");
}

static void
write_table_end (const PrensaNode *table, GString *out)
{
  const PrensaNode *last = prensa_node_last_child (table);

  if (last != NULL)
    g_string_append (out, prensa_node_get_table_header (last)
                          ? "</thead>\n" : "</tbody>\n");
  g_string_append (out, "</table>\n");
}

static const char *
cell_tag (const PrensaNode *cell)
{
  return prensa_node_get_table_header (cell) ? "th" : "td";
}

/* TRUE when the cell's content was written here (it holds raw HTML). */
static gboolean
enter_cell (ChapterRender *r, const PrensaNode *cell, GString *out)
{
  const char *align = align_class (prensa_node_get_table_align (cell, 0));

  if (prensa_node_get_table_header (cell))
    prensa_xml_open (out, "th", "scope", "col", "class", align, NULL);
  else
    prensa_xml_open (out, "td", "class", align, NULL);
  if (!epub_html_to_xhtml (&r->base, cell, out))
    return FALSE;
  prensa_xml_close (out, cell_tag (cell));
  return TRUE;
}

static void
enter_note (ChapterRender *r, const PrensaNode *note, GString *out)
{
  const char *id = prensa_node_get_anchor (note);
  const PrensaNode *first = prensa_node_first_child (note);

  if (id != NULL && !epub_render_claim_id (&r->base, id, note))
    id = NULL;
  prensa_xml_open (out, "aside", "class", "footnote", "epub:type", "footnote",
                   "role", "doc-footnote", "id", id, NULL);
  g_string_append_c (out, '\n');
  if (first != NULL && prensa_node_get_node_type (first) == PRENSA_NODE_PARAGRAPH)
    {
      r->note_for = first;
      r->note = note;
      return;
    }
  /* A note that opens with a list or code gets its number on its own. */
  g_string_append (out, "<p class=\"footnote-label\">");
  write_backlink (r, note, out);
  g_string_append (out, "</p>\n");
}

static void
write_container (const char *tag, const char *class_name, gboolean enter,
                 GString *out)
{
  if (enter)
    prensa_xml_open (out, tag, "class", class_name, NULL);
  else
    prensa_xml_close (out, tag);
  g_string_append_c (out, '\n');
}

/* TRUE when @node's own tag is not written (see MAX_NESTING): the first
 * time, one warning for the whole book. A list goes with its items, since
 * an <li> may stand only in one and a list only holds <li>. */
static gboolean
flatten (ChapterRender *r, const PrensaNode *node, gboolean enter)
{
  PrensaNodeType type = prensa_node_get_node_type (node);
  gboolean fits;

  switch (type)
    {
    case PRENSA_NODE_BLOCK_QUOTE:
    case PRENSA_NODE_PULL_QUOTE:
    case PRENSA_NODE_EMPH:
    case PRENSA_NODE_STRONG:
    case PRENSA_NODE_STRIKETHROUGH:
      fits = r->nesting + 1 <= MAX_NESTING;
      break;
    case PRENSA_NODE_LIST:
      fits = r->nesting + 2 <= MAX_NESTING;
      break;
    case PRENSA_NODE_ITEM:
      fits = !g_hash_table_contains (r->flat, prensa_node_parent (node));
      break;
    default:
      return FALSE;
    }
  if (!enter)
    {
      if (g_hash_table_remove (r->flat, node))
        return TRUE;
      r->nesting--;
      return FALSE;
    }
  if (fits)
    {
      r->nesting++;
      return FALSE;
    }
  g_hash_table_add (r->flat, (gpointer) node);
  if (!r->base.book->flattened)
    prensa_warning_at (node, "epub: content nested more than %d deep is written "
                       "at that depth (readers refuse deeper XHTML)", MAX_NESTING);
  r->base.book->flattened = TRUE;
  return TRUE;
}

static void
render_event (ChapterRender *r, PrensaIter *iter, const PrensaNode *node,
              gboolean enter, GString *out)
{
  if (flatten (r, node, enter))
    return;
  if (prensa_sanitize_write_plain_inline (node, enter, out))
    return;
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_STANDFIRST:
      write_container ("div", "standfirst", enter, out);
      break;
    case PRENSA_NODE_BACK_MATTER:
      write_container ("div", "back-matter", enter, out);
      break;
    case PRENSA_NODE_TURN:
      if (enter)
        enter_turn (r, node, out);
      else
        write_container ("div", NULL, FALSE, out);
      break;
    case PRENSA_NODE_BLOCK_QUOTE:
      write_container ("blockquote", NULL, enter, out);
      break;
    case PRENSA_NODE_PULL_QUOTE:
      /* the structural vocabulary's pullquote; a repeat, so hidden
       * from assistive technology, which read it in its place */
      if (enter)
        prensa_xml_open (out, "aside", "class", "pull-quote", "epub:type", "pullquote",
                         "aria-hidden", "true", NULL);
      else
        prensa_xml_close (out, "aside");
      g_string_append_c (out, '\n');
      break;
    case PRENSA_NODE_LIST:
      if (enter)
        write_list_start (node, out);
      else
        write_container (prensa_node_get_list_type (node) == PRENSA_LIST_BULLET
                         ? "ul" : "ol", NULL, FALSE, out);
      break;
    case PRENSA_NODE_ITEM:
      if (enter)
        enter_item (r, node, out);
      else
        g_string_append (out, "</li>\n");
      break;
    case PRENSA_NODE_TABLE:
      if (enter)
        g_string_append (out, "<table>\n");
      else
        write_table_end (node, out);
      break;
    case PRENSA_NODE_TABLE_ROW:
      write_table_row (node, enter, out);
      break;
    case PRENSA_NODE_TABLE_CELL:
      if (!enter)
        prensa_xml_close (out, cell_tag (node));
      else if (enter_cell (r, node, out))
        prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
      break;
    case PRENSA_NODE_FOOTNOTE_DEFINITION:
      if (enter)
        enter_note (r, node, out);
      else
        g_string_append (out, "</aside>\n");
      break;
    case PRENSA_NODE_FOOTNOTE_REFERENCE:
      write_reference (r, node, out);
      break;
    case PRENSA_NODE_CODE_BLOCK:
      write_code_block (node, out);
      break;
    case PRENSA_NODE_RAW_BLOCK:
      epub_html_to_xhtml (&r->base, node, out);
      g_string_append_c (out, '\n');
      break;
    case PRENSA_NODE_PARAGRAPH:
    case PRENSA_NODE_HEADING:
      if (!enter)
        close_text_block (node, out);
      else if (enter_text_block (r, node, out))
        prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
      break;
    case PRENSA_NODE_THEMATIC_BREAK:
      g_string_append (out, "<hr/>\n");
      break;
    case PRENSA_NODE_LINK:
      write_link (r, node, enter, out);
      break;
    case PRENSA_NODE_IMAGE:
      write_image (r, node, out);
      prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
      break;
    default:
      break;
    }
}

/* The date spelled out as every writer spells it: in the document's
 * language, not the "en" the package falls back to (prensa_date_spell). */
static char *
display_date (EpubBook *book)
{
  char *spelled;

  if (book->date == NULL)
    return NULL;
  spelled = prensa_date_spell (prensa_document_get_meta_string (book->doc, "lang"), book->date);
  return spelled ? spelled : g_strdup (book->date);
}

static void
write_line (GString *out, const char *class_name, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  prensa_xml_element (out, "p", text, "class", class_name, NULL);
  g_string_append_c (out, '\n');
}

/* The book's title, subtitle and byline lines: the chapter opener's and
 * the title page's. */
static void
write_headline (EpubBook *book, GString *out, const char *byline, const char *others)
{
  prensa_xml_element (out, "h1", book->title, "class", "title", NULL);
  g_string_append_c (out, '\n');
  write_line (out, "subtitle", book->subtitle);
  write_line (out, "byline", byline);
  write_line (out, "byline", others);
}

/* A document's one chapter (or its first) opens as the other writers
 * open it, before the standfirst: the headline, the dek, the byline and
 * the date, when the metadata gives a title (a title taken from the first
 * heading is that heading, written in its place). */
static void
write_opener (EpubBook *book, GString *out)
{
  const EpubPart *part = book->parts->pdata[0];
  const PrensaValue *meta = prensa_document_get_meta (book->doc);
  g_autofree char *byline = prensa_part_dup_byline (part->node, meta, book->lang);
  g_autofree char *others = prensa_part_dup_other_byline (part->node, meta, book->lang);
  g_autofree char *date = display_date (book);

  g_string_append (out, "<header class=\"opener\">\n");
  write_headline (book, out, byline, others);
  write_line (out, "dateline", date);
  g_string_append (out, "</header>\n");
}

static void
write_part_header (EpubBook *book, EpubPart *part, GString *out)
{
  g_autofree char *byline = NULL;

  g_string_append (out, "<header class=\"part-header\">\n");
  prensa_xml_element (out, "h1", part->title, "class", "part-title", NULL);
  g_string_append_c (out, '\n');
  if (part->subtitle != NULL && *part->subtitle != '\0')
    {
      prensa_xml_element (out, "p", part->subtitle, "class", "part-subtitle", NULL);
      g_string_append_c (out, '\n');
    }
  /* Worded as every writer words it: the conversation, then authors who
   * are not in it. */
  const PrensaValue *meta = prensa_node_get_part_meta (part->node);
  byline = prensa_part_dup_byline (part->node, meta, book->lang);
  if (byline != NULL)
    {
      prensa_xml_element (out, "p", byline, "class", "byline", NULL);
      g_string_append_c (out, '\n');
    }
  g_autofree char *others = prensa_part_dup_other_byline (part->node, meta, book->lang);
  if (others != NULL)
    {
      prensa_xml_element (out, "p", others, "class", "byline", NULL);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</header>\n");
}

static void
render_tree (ChapterRender *r, const PrensaNode *top, GString *out)
{
  g_autoptr(PrensaIter) iter = prensa_iter_new (top);
  PrensaEventType event;

  while ((event = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    render_event (r, iter, prensa_iter_get_node (iter),
                  event == PRENSA_EVENT_ENTER, out);
}

void
epub_render_chapter (EpubBook *book, EpubChapter *chapter)
{
  ChapterRender r = { .base = { book, chapter, NULL, NULL } };
  GString *out = g_string_new (NULL);
  const PrensaNode *top;
  guint i;

  r.base.emitted_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.flat = g_hash_table_new (g_direct_hash, g_direct_equal);
  r.base.links = g_array_new (FALSE, FALSE, sizeof (gboolean));
  epub_xhtml_begin (out, book, chapter->title, NULL, "bodymatter");
  g_string_append (out, "<section class=\"chapter\" epub:type=\"chapter\">\n");
  if (book->toolkit && chapter->starts_part)
    write_part_header (book, chapter->part, out);
  else if (!book->toolkit && book->parts->len == 1 && chapter == book->chapters->pdata[0]
           && prensa_document_get_title_source (book->doc) == PRENSA_TITLE_METADATA)
    write_opener (book, out);
  for (top = chapter->first; top != NULL; top = prensa_node_next (top))
    {
      render_tree (&r, top, out);
      if (top == chapter->last)
        break;
    }
  /* after everything that refers to them, so each backlink knows whether
   * its reference was written */
  for (i = 0; i < chapter->notes->len; i++)
    render_tree (&r, g_ptr_array_index (chapter->notes, i), out);
  g_string_append (out, "</section>\n");
  epub_xhtml_end (out);
  g_hash_table_unref (r.base.emitted_ids);
  g_hash_table_unref (r.flat);
  g_array_unref (r.base.links);
  g_free (r.open_href);
  chapter->xhtml = out;
}

GString *
epub_render_title_page (EpubBook *book)
{
  GString *out = g_string_new (NULL);
  g_autofree char *date = display_date (book);
  g_autofree char *byline = NULL;
  g_autofree char *others = NULL;

  if (!book->toolkit && book->parts->len == 1)
    {
      /* One document: its byline, as every writer words it. */
      const EpubPart *part = book->parts->pdata[0];
      const PrensaValue *meta = prensa_document_get_meta (book->doc);
      byline = prensa_part_dup_byline (part->node, meta, book->lang);
      others = prensa_part_dup_other_byline (part->node, meta, book->lang);
    }
  else if (book->authors[0] != NULL)
    {
      g_autofree char *authors = prensa_names_join (book->lang, (const char *const *) book->authors);
      byline = g_strconcat (prensa_word (book->lang, PRENSA_WORD_BY), " ", authors, NULL);
    }

  epub_xhtml_begin (out, book, book->title, "title-page", "frontmatter");
  g_string_append (out, "<section class=\"title-block\" epub:type=\"titlepage\">\n");
  write_headline (book, out, byline, others);
  g_string_append (out, "<div class=\"imprint\">\n");
  write_line (out, "publisher", prensa_document_get_meta_string (book->doc, "publisher"));
  write_line (out, "date", date);
  write_line (out, "rights", prensa_document_get_meta_string (book->doc, "rights"));
  g_string_append (out, "</div>\n</section>\n");
  epub_xhtml_end (out);
  return out;
}

GString *
epub_render_cover_page (EpubBook *book)
{
  GString *out = g_string_new (NULL);
  const char *cover = prensa_word (book->lang, PRENSA_WORD_COVER);
  g_autofree char *alt = g_strconcat (cover, ": ", book->title, NULL);

  epub_xhtml_begin (out, book, cover, "cover-page", NULL);
  g_string_append (out, "<section class=\"cover\" epub:type=\"cover\">\n");
  prensa_xml_empty (out, "img", "src", book->cover->file, "alt", alt, NULL);
  g_string_append (out, "\n</section>\n");
  epub_xhtml_end (out);
  return out;
}
