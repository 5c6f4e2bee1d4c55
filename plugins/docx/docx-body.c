/* docx-body.c: word/document.xml, one walk over the document tree.
 *
 * Every paragraph gets a named style from formats/docx/styles.xml and as
 * little direct formatting as possible (numbering, list indents), so that
 * restyling in Word restyles the whole document.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

#define TWIP_EMU 635
/* Word takes an image without a resolution as 96 pixels per inch. */
#define PIXEL_EMU 9525
/* One list level indents by this much (numbering.xml agrees). */
#define LIST_INDENT 360
/* A block quote indents by this much (styles.xml's Block Text agrees). */
#define QUOTE_INDENT 567
/* Word has no space below a table, so the paragraph after one gets this
 * much above it (8 pt), unless it is a heading with room of its own. */
#define AFTER_TABLE 160
/* The room below the title block: styles.xml's Date has it. */
#define TITLE_BLOCK_AFTER 360
/* The tallest an image in a footnote is drawn: half an inch. */
#define NOTE_IMAGE_HEIGHT 720
/* Deep nesting stops indenting here, leaving room for the text. */
#define MAX_INDENT 4536

typedef struct {
  const PrensaDocument *doc;
  const DocxStyles *styles;
  const DocxPage *page;
  DocxBody *body;
  GString *out;               /* the part being written: body or notes */
  GString *rels;              /* and its relationships */
  guint next_rel, next_num, next_bookmark, next_drawing, part_index;
  guint heading_bookmark;     /* the id of the open heading's bookmark */
  guint toc_depth;            /* levels in the contents field; 0: none */
  GHashTable *link_rels;      /* url → rId, of the part being written */
  GHashTable *image_rels;     /* DocxMedia → rId, likewise */
  GHashTable *media_by_path;  /* path → DocxMedia (owned by body->media) */
  GHashTable *list_nums;      /* LIST node → numId */
  GHashTable *bookmarks;      /* heading or part anchor → bookmark name */
  const PrensaNode *part;     /* the PART being written, or the note's */
  const PrensaNode *pending_label;   /* the TURN whose label is due */
  PrensaLabels labels;
  int bold, italic, strike;
  gboolean italic_style;      /* the open paragraph's style is italic */
  gboolean whole_italic;      /* and its emphasis is the whole paragraph */
  gboolean link_open;
  const PrensaNode *link_node; /* the LINK whose w:hyperlink is open */
  const PrensaNode *figure;   /* the paragraph being written is a lone image */
  gboolean figure_embedded;
  guint raw_count;
  const PrensaNode *raw_first;    /* the first raw HTML left out */
  /* Kept up to date by the walk, so that a block need not climb to the
   * root to learn how deep it sits: that climb made 100,000 nested lists
   * quadratic. lists and quotes count the LIST and BLOCK_QUOTE ancestors
   * of the node being entered; items holds its ITEM ancestors. */
  guint lists, quotes;
  GPtrArray *items;
  /* Tables do not nest (cells hold inlines): the open table's columns. */
  guint *col_widths, n_cols;
  guint cell_width;           /* the open cell's, 0 outside a table */
  /* Footnotes: a FOOTNOTE_DEFINITION → its Note, and the definitions in
   * the order of their w:footnote ids, written to footnotes.xml after the
   * body. note is the definition being written there, pending_mark that
   * its first paragraph still lacks the w:footnoteRef. */
  GHashTable *notes;
  GPtrArray *note_order;
  const PrensaNode *note;
  gboolean pending_mark;
  GHashTable *task_lists;     /* LISTs labelled by their items' boxes */
  gboolean last_was_table;    /* Word joins two tables that touch */
} Writer;

/* One Word footnote: its w:id, which is also the number Word prints,
 * since every footnote is numbered automatically in document order; and
 * when the note has later references, the hidden bookmark on its mark
 * that their NOTEREF fields point to. */
typedef struct {
  guint id;
  char *bookmark;
} Note;

typedef struct {
  const char *style;  /* one of styles.xml's styleIds */
  gboolean keep_next;
  guint num_id, ilvl; /* num_id 0: not numbered */
  guint indent;       /* 0: the style's own */
  gboolean hanging;
  gboolean loose;     /* a paragraph of a loose list keeps its spacing */
  const char *jc;     /* NULL: the style's alignment */
  guint before, after; /* 0: the style's space above, below */
  int outline;        /* w:outlineLvl + 1; 0: the style's */
} ParaProps;

static const char *
sid (Writer *w, const char *our_id)
{
  return docx_styles_id (w->styles, our_id);
}

static void
open_paragraph (Writer *w, const ParaProps *pp)
{
  w->italic_style = docx_styles_is_italic (w->styles, pp->style);
  g_string_append (w->out, "<w:p><w:pPr><w:pStyle");
  prensa_xml_attribute (w->out, "w:val", sid (w, pp->style));
  g_string_append (w->out, "/>");
  if (pp->keep_next)
    g_string_append (w->out, "<w:keepNext/>");
  if (pp->num_id > 0)
    g_string_append_printf (w->out, "<w:numPr><w:ilvl w:val=\"%u\"/>"
                            "<w:numId w:val=\"%u\"/></w:numPr>",
                            pp->ilvl, pp->num_id);
  if (pp->before > 0 || pp->after > 0)
    {
      g_string_append (w->out, "<w:spacing");
      if (pp->before > 0)
        g_string_append_printf (w->out, " w:before=\"%u\"", pp->before);
      if (pp->after > 0)
        g_string_append_printf (w->out, " w:after=\"%u\"", pp->after);
      g_string_append (w->out, "/>");
    }
  if (pp->indent > 0)
    g_string_append_printf (w->out, "<w:ind w:left=\"%u\"%s/>",
                            MIN (pp->indent, MAX_INDENT),
                            pp->hanging ? " w:hanging=\"360\"" : "");
  if (pp->loose)
    g_string_append (w->out, "<w:contextualSpacing w:val=\"0\"/>");
  if (pp->jc)
    g_string_append_printf (w->out, "<w:jc w:val=\"%s\"/>", pp->jc);
  if (pp->outline > 0)
    g_string_append_printf (w->out, "<w:outlineLvl w:val=\"%d\"/>", pp->outline - 1);
  g_string_append (w->out, "</w:pPr>");
  w->last_was_table = FALSE;
}

static void
close_paragraph (Writer *w)
{
  g_string_append (w->out, "</w:p>");
}

/* Writes @length bytes of @text as runs; newlines become w:br and tabs
 * w:tab so code keeps its shape. */
static void
write_text (Writer *w, const char *text, gsize length, const char *rstyle)
{
  const char *end = text + length;
  /* Emphasis inside italic text is set roman: w:i on a run sets italic,
   * it does not toggle the style's, so it says off. But emphasis over a
   * whole paragraph (an editor's note typed *...*) is the style's own
   * italic. */
  const char *italic = w->italic == 0 ? NULL
                       : !w->italic_style ? "<w:i/>"
                       : w->whole_italic ? NULL
                       : w->italic % 2 ? "<w:i w:val=\"0\"/>" : "<w:i/>";

  g_string_append (w->out, "<w:r>");
  if (w->link_open || rstyle || w->bold > 0 || italic || w->strike > 0)
    {
      g_string_append (w->out, "<w:rPr>");
      if (w->link_open || rstyle)
        {
          g_string_append (w->out, "<w:rStyle");
          prensa_xml_attribute (w->out, "w:val",
                                sid (w, w->link_open ? "Hyperlink" : rstyle));
          g_string_append (w->out, "/>");
        }
      if (w->bold > 0)
        g_string_append (w->out, "<w:b/>");
      if (italic)
        g_string_append (w->out, italic);
      if (w->strike > 0)
        g_string_append (w->out, "<w:strike/>");
      g_string_append (w->out, "</w:rPr>");
    }
  while (text < end)
    {
      const char *stop = text;

      while (stop < end && *stop != '\n' && *stop != '\t')
        stop++;
      if (stop > text)
        {
          g_string_append (w->out, "<w:t xml:space=\"preserve\">");
          prensa_xml_escape (w->out, text, stop - text, FALSE);
          g_string_append (w->out, "</w:t>");
        }
      if (stop < end)
        g_string_append (w->out, *stop == '\n' ? "<w:br/>" : "<w:tab/>");
      text = stop < end ? stop + 1 : stop;
    }
  g_string_append (w->out, "</w:r>");
}

static void
write_string (Writer *w, const char *text, const char *rstyle)
{
  write_text (w, text, strlen (text), rstyle);
}

static void
write_simple_paragraph (Writer *w, const char *style, const char *text)
{
  ParaProps pp = { style };

  open_paragraph (w, &pp);
  write_string (w, text, NULL);
  close_paragraph (w);
}

/* Title, subtitle, byline and date of the document or of one part. */
static void
write_title_block (Writer *w, const PrensaValue *meta, const PrensaNode *part)
{
  const char *title = prensa_value_lookup_string (meta, "title");
  const char *subtitle = prensa_value_lookup_string (meta, "subtitle");
  const char *date = prensa_value_lookup_string (meta, "date");
  const char *lang = prensa_document_get_meta_string (w->doc, "lang");
  g_autofree char *byline = prensa_part_dup_byline (part, meta, lang);
  g_autofree char *others = prensa_part_dup_other_byline (part, meta, lang);

  if (title && *title && prensa_document_get_n_parts (w->doc) > 1
      && prensa_node_get_node_type (part) == PRENSA_NODE_PART)
    {
      /* In a book of several inputs each part's title heads the outline,
       * so Word's navigation pane and contents fields list the parts. */
      ParaProps pp = { "Title", .outline = 1 };

      open_paragraph (w, &pp);
      write_string (w, title, NULL);
      close_paragraph (w);
    }
  else if (title && *title)
    write_simple_paragraph (w, "Title", title);
  if (subtitle && *subtitle)
    write_simple_paragraph (w, "Subtitle", subtitle);
  if (byline && others)
    {
      /* The conversation, then the authors who are not in it. */
      write_simple_paragraph (w, "Byline", byline);
      g_free (g_steal_pointer (&byline));
      byline = g_steal_pointer (&others);
    }
  if (byline && !(date && *date))
    {
      /* The Byline style leaves little room below for the date; with
       * none, the byline ends the title block as the date would. */
      ParaProps pp = { "Byline", .after = TITLE_BLOCK_AFTER };

      open_paragraph (w, &pp);
      write_string (w, byline, NULL);
      close_paragraph (w);
    }
  else if (byline)
    write_simple_paragraph (w, "Byline", byline);
  if (date && *date)
    {
      /* Spelled out in the document's language, as HTML, EPUB and PDF
       * show it; a date that is not YYYY-MM-DD stays as written. */
      g_autofree char *spelled = prensa_date_spell (lang, date);

      write_simple_paragraph (w, "Date", spelled ? spelled : date);
    }
}

/* The contents (-O toc=true), once; TRUE when there were any. */
static gboolean
write_toc (Writer *w)
{
  if (w->toc_depth == 0 || w->body->toc)
    return FALSE;
  w->body->toc = docx_toc_write (w->out, w->doc, w->styles, w->bookmarks, w->page,
                                 w->toc_depth);
  return w->body->toc;
}

/* Where a link to a part's input lands: a bookmark before its title,
 * between paragraphs, as the schema lets a body hold one. */
static void
write_part_bookmark (Writer *w, const PrensaNode *part)
{
  const char *name = g_hash_table_lookup (w->bookmarks, prensa_node_get_anchor (part));
  guint id;

  if (name == NULL)
    return;
  id = w->next_bookmark++;
  g_string_append_printf (w->out, "<w:bookmarkStart w:id=\"%u\" w:name=\"", id);
  prensa_xml_escape (w->out, name, -1, TRUE);
  g_string_append_printf (w->out, "\"/><w:bookmarkEnd w:id=\"%u\"/>", id);
}

static void
enter_part (Writer *w, const PrensaNode *part)
{
  w->part_index++;
  w->part = part;
  /* A book with a title of its own opens with its title block, the book's
   * (its parts' outline entries are the parts'); each further input, and
   * part one after such a block, starts on a new page under its own. The
   * contents go after the book's title block, or before the first part of
   * a book without one, or under a single document's title block. */
  if (w->part_index == 1 && prensa_document_get_headline (w->doc) != NULL)
    {
      write_title_block (w, prensa_document_get_meta (w->doc), prensa_document_get_root (w->doc));
      write_toc (w);
      g_string_append (w->out, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    }
  else if (w->part_index == 1 && prensa_document_get_n_parts (w->doc) > 1)
    {
      if (write_toc (w))
        g_string_append (w->out, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    }
  else if (w->part_index > 1)
    g_string_append (w->out, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
  write_part_bookmark (w, part);
  write_title_block (w, prensa_node_get_part_meta (part), part);
  if (w->part_index == 1 && prensa_document_get_n_parts (w->doc) == 1)
    write_toc (w);
}

static const char *
turn_style (const PrensaNode *turn)
{
  const PrensaSpeaker *speaker = prensa_node_get_speaker (turn);

  return prensa_speaker_get_role (speaker) == PRENSA_ROLE_INTERVIEWER
         ? "Question" : "Answer";
}

/* The label the core gives the turn (prensa_turn_get_label): in full at a
 * speaker's first turn of a part and by their short id afterwards, as
 * magazines print interviews, unless -O labels= says otherwise. */
static void
write_label (Writer *w, const PrensaNode *turn)
{
  const char *label = prensa_turn_get_label (turn, w->labels);
  g_autofree char *text = NULL;

  if (label == NULL)
    return;
  text = g_strconcat (label, ":", NULL);
  write_string (w, text, "Speaker");
  write_string (w, " ", NULL);
}

static void
enter_turn (Writer *w, const PrensaNode *turn)
{
  const PrensaNode *first = prensa_node_first_child (turn);
  ParaProps pp = { turn_style (turn), TRUE };

  if (first && prensa_node_get_node_type (first) == PRENSA_NODE_PARAGRAPH)
    {
      w->pending_label = turn;
      return;
    }
  /* The turn opens with a list or a quote: the label stands alone, kept
   * with what follows. */
  open_paragraph (w, &pp);
  write_label (w, turn);
  close_paragraph (w);
}

static const char *
paragraph_style (const PrensaNode *node, const PrensaNode *container)
{
  const PrensaNode *prev;

  switch (prensa_node_get_node_type (container))
    {
    case PRENSA_NODE_ITEM:
      return "ListParagraph";
    case PRENSA_NODE_BLOCK_QUOTE:
      return "BlockText";
    case PRENSA_NODE_PULL_QUOTE:
      return "PullQuote";
    case PRENSA_NODE_TURN:
      return turn_style (container);
    case PRENSA_NODE_STANDFIRST:
      return "Standfirst";
    case PRENSA_NODE_BACK_MATTER:
      return "BackMatter";
    default:
      prev = prensa_node_previous (node);
      return prev && prensa_node_get_node_type (prev) == PRENSA_NODE_PARAGRAPH
             ? "BodyText" : "FirstParagraph";
    }
}

/* Style, numbering and indent of a paragraph-like block from where it
 * sits: the innermost list item, quote or interview part decides. */
static void
block_props (Writer *w, const PrensaNode *node, ParaProps *pp)
{
  static const char *const headings[] = {
    "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
  };
  const PrensaNode *container = prensa_node_parent (node), *item = NULL;
  guint lists = w->lists, quotes = w->quotes;
  PrensaNodeType type = prensa_node_get_node_type (node);

  /* Lists hold only items, so this climbs one step at most. */
  while (container && prensa_node_get_node_type (container) == PRENSA_NODE_LIST)
    container = prensa_node_parent (container);
  if (w->items->len > 0)
    item = g_ptr_array_index (w->items, w->items->len - 1);
  memset (pp, 0, sizeof *pp);
  if (type == PRENSA_NODE_HEADING)
    pp->style = headings[CLAMP (prensa_node_get_heading_level (node), 1, 6) - 1];
  else if (type == PRENSA_NODE_CODE_BLOCK)
    pp->style = "SourceCode";
  else if (type == PRENSA_NODE_THEMATIC_BREAK)
    pp->style = "HorizontalRule";
  else if (type == PRENSA_NODE_PARAGRAPH && prensa_node_get_figure (node))
    pp->style = "Figure";
  else if (w->note)
    /* Lists and quotes in a note keep the note's small type; their
     * numbering and indents still show what they are. */
    pp->style = "FootnoteText";
  else
    pp->style = paragraph_style (node, container);

  if (item && container == item && prensa_node_first_child (item) == node)
    {
      const PrensaNode *list = prensa_node_parent (item);

      pp->num_id = GPOINTER_TO_UINT (g_hash_table_lookup (w->list_nums, list));
      pp->ilvl = MIN (lists, 9) - 1;
      pp->loose = !prensa_node_get_list_tight (list);
      if (quotes > 0)
        pp->indent = LIST_INDENT * lists + QUOTE_INDENT * quotes,
        pp->hanging = TRUE;
      return;
    }
  if (item)
    pp->loose = !prensa_node_get_list_tight (prensa_node_parent (item))
                && g_strcmp0 (pp->style, "ListParagraph") == 0;
  if (lists > 0 || quotes > 1
      || (quotes == 1 && g_strcmp0 (pp->style, "BlockText") != 0))
    pp->indent = LIST_INDENT * lists + QUOTE_INDENT * quotes;
}

/* A task item's box opens its first paragraph. Word has no check box in
 * plain WordprocessingML (only as a w14 content control), so it is the
 * character: ☐ U+2610 to do, ☒ U+2612 done. In a list of tasks only it
 * stands in for the bullet, a tab taking the text to the indent. */
static void
write_task_box (Writer *w, const PrensaNode *item)
{
  PrensaTask task = prensa_node_get_item_task (item);
  gboolean label = g_hash_table_contains (w->task_lists, prensa_node_parent (item));

  if (task == PRENSA_TASK_NONE)
    return;
  g_string_append_printf (w->out, "<w:r><w:t xml:space=\"preserve\">%s</w:t>%s</w:r>",
                          task == PRENSA_TASK_DONE ? "\u2612" : "\u2610",
                          label ? "<w:tab/>" : "<w:t xml:space=\"preserve\"> </w:t>");
}

/* The note's own number at the head of its text, as Word writes it. */
static void
write_note_mark (Writer *w)
{
  g_string_append (w->out, "<w:r><w:rPr><w:rStyle");
  prensa_xml_attribute (w->out, "w:val", sid (w, "FootnoteReference"));
  g_string_append (w->out, "/></w:rPr><w:footnoteRef/></w:r>"
                   "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
}

static void
open_block (Writer *w, const PrensaNode *node)
{
  const PrensaNode *parent = prensa_node_parent (node);
  ParaProps pp;

  block_props (w, node, &pp);
  if (w->last_was_table && prensa_node_get_node_type (node) != PRENSA_NODE_HEADING)
    pp.before = AFTER_TABLE;
  open_paragraph (w, &pp);
  if (w->pending_label)
    {
      write_label (w, w->pending_label);
      w->pending_label = NULL;
    }
  if (w->pending_mark)
    {
      write_note_mark (w);
      w->pending_mark = FALSE;
    }
  if (parent && prensa_node_get_node_type (parent) == PRENSA_NODE_ITEM
      && prensa_node_first_child (parent) == node)
    write_task_box (w, parent);
}

/* A bullet list all of whose items are tasks. */
static gboolean
is_task_list (const PrensaNode *list)
{
  const PrensaNode *item = prensa_node_first_child (list);

  if (!item || prensa_node_get_list_type (list) != PRENSA_LIST_BULLET)
    return FALSE;
  for (; item; item = prensa_node_next (item))
    if (prensa_node_get_item_task (item) == PRENSA_TASK_NONE)
      return FALSE;
  return TRUE;
}

static void
enter_list (Writer *w, const PrensaNode *list)
{
  guint depth = w->lists, num_id = ++w->next_num;
  guint abstract = 0;

  if (prensa_node_get_list_type (list) == PRENSA_LIST_ORDERED)
    abstract = prensa_node_get_list_delim (list) == PRENSA_DELIM_PAREN ? 2 : 1;
  else if (is_task_list (list))
    {
      abstract = 3;
      g_hash_table_add (w->task_lists, (gpointer) list);
    }
  g_hash_table_insert (w->list_nums, (gpointer) list, GUINT_TO_POINTER (num_id));
  g_string_append_printf (w->body->nums,
                          "<w:num w:numId=\"%u\"><w:abstractNumId w:val=\"%u\"/>",
                          num_id, abstract);
  /* Every list is its own w:num, so each ordered list starts afresh. */
  if (abstract == 1 || abstract == 2)
    g_string_append_printf (w->body->nums,
                            "<w:lvlOverride w:ilvl=\"%u\"><w:startOverride"
                            " w:val=\"%d\"/></w:lvlOverride>",
                            MIN (depth, 8), MAX (prensa_node_get_list_start (list), 0));
  g_string_append (w->body->nums, "</w:num>");
}

/* An item that does not open with a paragraph still needs its number. */
static void
enter_item (Writer *w, const PrensaNode *item)
{
  const PrensaNode *first = prensa_node_first_child (item);
  PrensaNodeType type = first ? prensa_node_get_node_type (first) : PRENSA_NODE_NONE;
  ParaProps pp;

  if (type == PRENSA_NODE_PARAGRAPH || type == PRENSA_NODE_HEADING
      || type == PRENSA_NODE_CODE_BLOCK || type == PRENSA_NODE_THEMATIC_BREAK)
    return;
  /* Props as for a first paragraph of this item. */
  block_props (w, item, &pp);
  pp.style = w->note ? "FootnoteText" : "ListParagraph";
  pp.num_id = GPOINTER_TO_UINT (g_hash_table_lookup (w->list_nums,
                                                     prensa_node_parent (item)));
  pp.indent = 0;
  pp.ilvl = MIN (w->lists, 9) - 1;
  open_paragraph (w, &pp);
  write_task_box (w, item);
  close_paragraph (w);
}

static void
write_code_block (Writer *w, const PrensaNode *node)
{
  gsize length = 0;
  const char *code = prensa_node_get_literal (node, &length);

  open_block (w, node);
  if (length > 0 && code[length - 1] == '\n')
    length--;
  write_text (w, code, length, NULL);
  close_paragraph (w);
}

static void
write_thematic_break (Writer *w, const PrensaNode *node)
{
  open_block (w, node);
  close_paragraph (w);
}

static void
enter_heading (Writer *w, const PrensaNode *node)
{
  const char *name = g_hash_table_lookup (w->bookmarks,
                                          prensa_node_get_anchor (node));

  open_block (w, node);
  if (name)
    {
      /* Its own id: a footnote mark in the heading takes the next one. */
      w->heading_bookmark = w->next_bookmark++;
      g_string_append_printf (w->out, "<w:bookmarkStart w:id=\"%u\"",
                              w->heading_bookmark);
      prensa_xml_attribute (w->out, "w:name", name);
      g_string_append (w->out, "/>");
    }
}

static void
exit_heading (Writer *w, const PrensaNode *node)
{
  if (g_hash_table_contains (w->bookmarks, prensa_node_get_anchor (node)))
    g_string_append_printf (w->out, "<w:bookmarkEnd w:id=\"%u\"/>",
                            w->heading_bookmark);
  close_paragraph (w);
}

static const char *
link_rel (Writer *w, const char *url)
{
  const char *id = g_hash_table_lookup (w->link_rels, url);
  char *new_id;

  if (id)
    return id;
  new_id = g_strdup_printf ("rId%u", w->next_rel++);
  g_hash_table_insert (w->link_rels, g_strdup (url), new_id);
  g_string_append_printf (w->rels, "<Relationship Id=\"%s\" Type=\""
                          "http://schemas.openxmlformats.org/officeDocument/2006/"
                          "relationships/hyperlink\" Target=\"", new_id);
  docx_append_uri (w->rels, url);
  g_string_append (w->rels, "\" TargetMode=\"External\"/>");
  return new_id;
}

static void
enter_link (Writer *w, const PrensaNode *node)
{
  const char *url = prensa_node_get_url (node);
  const char *title = prensa_node_get_title (node);
  const char *anchor = NULL;

  /* cmark nests an autolink inside a link ("[<a:b>](c)"); w:hyperlink
   * cannot nest, so the outer link wins and the inner one is text. */
  if (!url || !*url || w->link_open)
    return;
  /* The core has made text of links that lead nowhere. */
  if (prensa_document_resolve_link (w->doc, w->part, url, NULL, NULL, &anchor)
      == PRENSA_LINK_INTERNAL)
    {
      const char *name = g_hash_table_lookup (w->bookmarks, anchor);

      /* Notes link themselves, and raw HTML's ids are not written. */
      if (!name)
        return;
      g_string_append (w->out, "<w:hyperlink");
      prensa_xml_attribute (w->out, "w:anchor", name);
    }
  else if (*url == '#')
    return; /* a fragment the document does not hold: no bookmark to go to */
  else
    g_string_append_printf (w->out, "<w:hyperlink r:id=\"%s\"",
                            link_rel (w, url));
  if (title && *title)
    prensa_xml_attribute (w->out, "w:tooltip", title);
  g_string_append (w->out, " w:history=\"1\">");
  w->link_open = TRUE;
  w->link_node = node;
}

static void
exit_link (Writer *w, const PrensaNode *node)
{
  if (!w->link_open || w->link_node != node)
    return;
  g_string_append (w->out, "</w:hyperlink>");
  w->link_open = FALSE;
}

/* The relationship of the part being written to @media: the body and
 * the notes each have their own, to the same media part. */
static const char *
image_rel (Writer *w, const DocxMedia *media)
{
  const char *id = g_hash_table_lookup (w->image_rels, media);
  char *new_id;

  if (id)
    return id;
  new_id = g_strdup_printf ("rId%u", w->next_rel++);
  g_hash_table_insert (w->image_rels, (gpointer) media, new_id);
  g_string_append_printf (w->rels, "<Relationship Id=\"%s\" Type=\""
                          "http://schemas.openxmlformats.org/officeDocument/2006/"
                          "relationships/image\" Target=\"%s\"/>",
                          new_id, media->part);
  return new_id;
}

static DocxMedia *
lookup_media (Writer *w, const PrensaNode *image, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) data = NULL;
  DocxMedia *media;

  data = prensa_document_load_resource (w->doc, image, prensa_node_get_url (image),
                                        DOCX_MEDIA_MAX, &path, error);
  if (!data)
    return NULL;
  media = g_hash_table_lookup (w->media_by_path, path);
  if (media)
    return media;
  media = docx_media_new (path, data, w->body->media->len + 1, error);
  if (!media)
    return NULL;
  g_ptr_array_add (w->body->media, media);
  g_hash_table_insert (w->media_by_path, media->path, media);
  return media;
}

/* The image's size at 96 pixels per inch, shrunk to fit the text block. */
static void
image_extent (Writer *w, const DocxMedia *media, gint64 *cx, gint64 *cy)
{
  const DocxPage *p = w->page;
  gint64 max_cx = (gint64) (p->width - p->left - p->right) * TWIP_EMU;
  gint64 max_cy = (gint64) (p->height - p->top - p->bottom) * TWIP_EMU * 4 / 5;

  /* In a cell: its width less the style's margins (85 twips a side). */
  if (w->cell_width > 0)
    max_cx = (gint64) MAX (w->cell_width, 340u) * TWIP_EMU - 170 * TWIP_EMU;
  /* A picture in a footnote stays the size of a few lines of it. */
  if (w->note)
    max_cy = NOTE_IMAGE_HEIGHT * TWIP_EMU;

  *cx = (gint64) media->width * PIXEL_EMU;
  *cy = (gint64) media->height * PIXEL_EMU;
  if (*cx > max_cx)
    {
      *cy = *cy * max_cx / *cx;
      *cx = max_cx;
    }
  if (*cy > max_cy)
    {
      *cx = *cx * max_cy / *cy;
      *cy = max_cy;
    }
  *cx = MAX (*cx, 1);
  *cy = MAX (*cy, 1);
}

static void
write_drawing (Writer *w, const DocxMedia *media, const char *alt,
               const char *title)
{
  guint id = ++w->next_drawing;
  gint64 cx, cy;

  image_extent (w, media, &cx, &cy);
  g_string_append_printf (w->out,
    "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
    "<wp:extent cx=\"%" G_GINT64_FORMAT "\" cy=\"%" G_GINT64_FORMAT "\"/>"
    "<wp:docPr id=\"%u\" name=\"Image %u\"", cx, cy, id, id);
  prensa_xml_attribute (w->out, "descr", alt);
  prensa_xml_attribute (w->out, "title", title ? title : "");
  g_string_append_printf (w->out,
    "/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
    "</wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\""
    "http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
    "<pic:nvPicPr><pic:cNvPr id=\"%u\" name=\"%s\"/><pic:cNvPicPr/></pic:nvPicPr>"
    "<pic:blipFill><a:blip r:embed=\"%s\"/><a:stretch><a:fillRect/></a:stretch>"
    "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
    "<a:ext cx=\"%" G_GINT64_FORMAT "\" cy=\"%" G_GINT64_FORMAT "\"/></a:xfrm>"
    "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
    id, media->part + strlen ("media/"), image_rel (w, media), cx, cy);
}

/* Embeds the image, or writes its description when it cannot be. */
static gboolean
write_image (Writer *w, const PrensaNode *image)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *alt = prensa_node_dup_text (image);
  DocxMedia *media = lookup_media (w, image, &error);

  if (!media)
    {
      prensa_warning_at (image, "docx: image %s not embedded (%s); its "
                         "description is written instead",
                         prensa_node_get_url (image), error->message);
      if (*alt)
        write_string (w, alt, NULL);
      return FALSE;
    }
  write_drawing (w, media, alt, prensa_node_get_title (image));
  return TRUE;
}

static void
enter_paragraph (Writer *w, const PrensaNode *node)
{
  open_block (w, node);
  w->figure = prensa_node_get_figure (node) && !w->link_open ? node : NULL;
}

/* A figure (prensa_node_get_figure) has its caption under it
 * (prensa_image_dup_caption). */
static void
exit_paragraph (Writer *w, const PrensaNode *node)
{
  close_paragraph (w);
  if (w->figure == node && w->figure_embedded)
    {
      g_autofree char *caption = prensa_image_dup_caption (prensa_node_first_child (node));

      if (*caption)
        write_simple_paragraph (w, "Caption", caption);
    }
  w->figure = NULL;
  w->figure_embedded = FALSE;
}

static void
enter_table (Writer *w, const PrensaNode *table)
{
  const DocxPage *p = w->page;
  guint text = p->width - p->left - p->right;
  guint indent = MIN (LIST_INDENT * w->lists + QUOTE_INDENT * w->quotes,
                      MIN (MAX_INDENT, text / 2));

  if (w->last_was_table)
    g_string_append (w->out, "<w:p/>");
  g_free (w->col_widths);
  w->n_cols = MAX (prensa_node_get_table_columns (table), 1);
  w->col_widths = docx_table_widths (table, text - indent);
  docx_table_open (w->out, w->styles, table, w->col_widths, text - indent, indent);
}

static void
exit_table (Writer *w)
{
  g_string_append (w->out, "</w:tbl>");
  g_clear_pointer (&w->col_widths, g_free);
  w->n_cols = 0;
  w->last_was_table = TRUE;
}

/* A row never breaks across pages; header rows repeat on each page. */
static void
enter_row (Writer *w, const PrensaNode *row)
{
  g_string_append_printf (w->out, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>",
                          prensa_node_get_table_header (row) ? "<w:tblHeader/>" : "");
}

/* One cell, one paragraph, aligned as its column. */
static void
enter_cell (Writer *w, const PrensaNode *cell)
{
  static const char *const jc[] = {
    [PRENSA_ALIGN_LEFT] = "left",
    [PRENSA_ALIGN_CENTER] = "center",
    [PRENSA_ALIGN_RIGHT] = "right",
  };
  PrensaAlign align = prensa_node_get_table_align (cell, 0);
  guint column = prensa_node_get_table_column (cell);
  ParaProps pp = {
    prensa_node_get_table_header (cell) ? "TableHeading" : "TableText",
  };

  if ((guint) align < G_N_ELEMENTS (jc))
    pp.jc = jc[align];
  w->cell_width = w->col_widths ? w->col_widths[MIN (column, w->n_cols - 1)] : 0;
  g_string_append (w->out, "<w:tc>");
  if (w->cell_width > 0)
    g_string_append_printf (w->out, "<w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>"
                            "</w:tcPr>", w->cell_width);
  open_paragraph (w, &pp);
}

static void
exit_cell (Writer *w)
{
  close_paragraph (w);
  g_string_append (w->out, "</w:tc>");
  w->cell_width = 0;
}

static void
append_note_style (Writer *w)
{
  g_string_append (w->out, "<w:rPr><w:rStyle");
  prensa_xml_attribute (w->out, "w:val", sid (w, "FootnoteReference"));
  g_string_append (w->out, "/></w:rPr>");
}

/* The first reference to a note is a Word footnote. Word has one footnote
 * per mark, so a later reference to the same note does what Word's own
 * "cross-reference to a footnote number" does: a NOTEREF field to a
 * hidden bookmark on the first mark, showing the same number in the same
 * style, rather than a second copy of the note under another number. */
static void
write_note_reference (Writer *w, const PrensaNode *ref)
{
  const PrensaNode *def = prensa_node_get_footnote (ref);
  Note *note = def ? g_hash_table_lookup (w->notes, def) : NULL;
  guint bookmark = 0;

  if (!def)
    return;
  if (note)
    {
      /* No bookmark: the model counted one reference only; the number
       * alone still says which note. */
      if (note->bookmark)
        g_string_append_printf (w->out, "<w:fldSimple w:instr=\" NOTEREF %s"
                                " \\f \\h \">", note->bookmark);
      g_string_append (w->out, "<w:r>");
      append_note_style (w);
      g_string_append_printf (w->out, "<w:t>%u</w:t></w:r>%s", note->id,
                              note->bookmark ? "</w:fldSimple>" : "");
      return;
    }
  note = g_new0 (Note, 1);
  note->id = w->note_order->len + 1;
  g_hash_table_insert (w->notes, (gpointer) def, note);
  g_ptr_array_add (w->note_order, (gpointer) def);
  if (prensa_node_get_footnote_ref_count (def) > 1)
    {
      note->bookmark = g_strdup_printf ("_RefNote%u", note->id);
      bookmark = w->next_bookmark++;
      g_string_append_printf (w->out, "<w:bookmarkStart w:id=\"%u\" w:name=\"%s\"/>",
                              bookmark, note->bookmark);
    }
  g_string_append (w->out, "<w:r>");
  append_note_style (w);
  g_string_append_printf (w->out, "<w:footnoteReference w:id=\"%u\"/></w:r>", note->id);
  if (note->bookmark)
    g_string_append_printf (w->out, "<w:bookmarkEnd w:id=\"%u\"/>", bookmark);
}

/* A note in footnotes.xml: its first paragraph opens with the mark, or
 * the mark has a paragraph of its own before a list, a quote or a table. */
static void
enter_note (Writer *w, const PrensaNode *def)
{
  const PrensaNode *first = prensa_node_first_child (def);
  ParaProps pp = { "FootnoteText" };

  if (first && prensa_node_get_node_type (first) == PRENSA_NODE_PARAGRAPH)
    {
      w->pending_mark = TRUE;
      return;
    }
  open_paragraph (w, &pp);
  write_note_mark (w);
  close_paragraph (w);
}

static void
drop_raw (Writer *w, const PrensaNode *node)
{
  if (w->raw_count++ == 0)
    w->raw_first = node;
}

static void
handle_enter (Writer *w, PrensaIter *iter, const PrensaNode *node)
{
  gsize length;
  const char *literal;

  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_PART: enter_part (w, node); break;
    case PRENSA_NODE_TURN: enter_turn (w, node); break;
    case PRENSA_NODE_LIST: enter_list (w, node); w->lists++; break;
    case PRENSA_NODE_BLOCK_QUOTE: w->quotes++; break;
    case PRENSA_NODE_ITEM:
      enter_item (w, node);
      g_ptr_array_add (w->items, (gpointer) node);
      break;
    case PRENSA_NODE_PARAGRAPH: enter_paragraph (w, node); break;
    case PRENSA_NODE_HEADING: enter_heading (w, node); break;
    case PRENSA_NODE_CODE_BLOCK: write_code_block (w, node); break;
    case PRENSA_NODE_THEMATIC_BREAK: write_thematic_break (w, node); break;
    case PRENSA_NODE_RAW_BLOCK:
    case PRENSA_NODE_RAW_INLINE: drop_raw (w, node); break;
    case PRENSA_NODE_TEXT:
      literal = prensa_node_get_literal (node, &length);
      write_text (w, literal, length, NULL);
      break;
    case PRENSA_NODE_CODE:
      literal = prensa_node_get_literal (node, &length);
      write_text (w, literal, length, "VerbatimChar");
      break;
    case PRENSA_NODE_SOFTBREAK: write_string (w, " ", NULL); break;
    case PRENSA_NODE_LINEBREAK: g_string_append (w->out, "<w:r><w:br/></w:r>"); break;
    case PRENSA_NODE_EMPH:
      w->italic++;
      w->whole_italic = w->italic == 1 && prensa_node_emph_is_whole (node);
      break;
    case PRENSA_NODE_STRONG: w->bold++; break;
    case PRENSA_NODE_STRIKETHROUGH: w->strike++; break;
    case PRENSA_NODE_LINK: enter_link (w, node); break;
    case PRENSA_NODE_TABLE: enter_table (w, node); break;
    case PRENSA_NODE_TABLE_ROW: enter_row (w, node); break;
    case PRENSA_NODE_TABLE_CELL: enter_cell (w, node); break;
    case PRENSA_NODE_FOOTNOTE_REFERENCE: write_note_reference (w, node); break;
    case PRENSA_NODE_FOOTNOTE_DEFINITION:
      if (node == w->note)
        enter_note (w, node);
      else /* In the body's flow: it goes to footnotes.xml. */
        prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
      break;
    case PRENSA_NODE_IMAGE:
      if (write_image (w, node) && w->figure)
        w->figure_embedded = TRUE;
      /* The children are the description, already used. */
      prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
      break;
    default: break;
    }
}

static void
handle_exit (Writer *w, const PrensaNode *node)
{
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_PARAGRAPH: exit_paragraph (w, node); break;
    case PRENSA_NODE_HEADING: exit_heading (w, node); break;
    case PRENSA_NODE_EMPH: w->italic--; break;
    case PRENSA_NODE_STRONG: w->bold--; break;
    case PRENSA_NODE_STRIKETHROUGH: w->strike--; break;
    case PRENSA_NODE_LINK: exit_link (w, node); break;
    case PRENSA_NODE_TABLE: exit_table (w); break;
    case PRENSA_NODE_TABLE_ROW: g_string_append (w->out, "</w:tr>"); break;
    case PRENSA_NODE_TABLE_CELL: exit_cell (w); break;
    case PRENSA_NODE_LIST: w->lists--; break;
    case PRENSA_NODE_BLOCK_QUOTE: w->quotes--; break;
    case PRENSA_NODE_ITEM: g_ptr_array_set_size (w->items, w->items->len - 1); break;
    default: break;
    }
}

/* Word wants bookmark names of at most 40 letters, digits and
 * underscores that start with a letter; anchors also hold '-' and '.'. */
static void
collect_bookmarks (Writer *w)
{
  g_autoptr(PrensaIter) iter = prensa_iter_new (prensa_document_get_root (w->doc));
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *node = prensa_iter_get_node (iter);
      const char *anchor = prensa_node_get_anchor (node);
      g_autofree char *base = NULL;
      char *name;

      /* Notes and their references have anchors too, but no bookmark:
       * Word links them itself. A part has one in a book, for links to
       * its input. */
      if (ev != PRENSA_EVENT_ENTER || !anchor
          || !(prensa_node_get_node_type (node) == PRENSA_NODE_HEADING
               || (prensa_node_get_node_type (node) == PRENSA_NODE_PART
                   && prensa_document_get_n_parts (w->doc) > 1))
          || g_hash_table_contains (w->bookmarks, anchor))
        continue;
      base = g_strndup (anchor, 40);
      g_strcanon (base, "abcdefghijklmnopqrstuvwxyz"
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", '_');
      name = g_strdup (base);
      for (guint n = 1; g_hash_table_contains (used, name); n++)
        {
          g_autofree char *suffix = g_strdup_printf ("_%u", n);

          g_free (name);
          name = g_strdup_printf ("%.*s%s", (int) (40 - strlen (suffix)),
                                  base, suffix);
        }
      g_hash_table_insert (w->bookmarks, g_strdup (anchor), name);
      g_hash_table_add (used, name);
    }
}

static void
write_section (Writer *w)
{
  const DocxPage *p = w->page;

  /* The running head goes on every page but the first, whose header
   * (header2.xml) is empty and whose footer is the others' page number;
   * w:titlePg turns the first page's own parts on. */
  g_string_append (w->out, "<w:sectPr>");
  if (w->body->running_head != NULL)
    g_string_append (w->out,
      "<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
      "<w:headerReference w:type=\"first\" r:id=\"rIdHeaderFirst\"/>"
      "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
      "<w:footerReference w:type=\"first\" r:id=\"rIdFooter\"/>");
  else
    g_string_append (w->out, "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>");
  g_string_append_printf (w->out,
    "<w:pgSz w:w=\"%u\" w:h=\"%u\"%s/>"
    "<w:pgMar w:top=\"%u\" w:right=\"%u\" w:bottom=\"%u\" w:left=\"%u\""
    " w:header=\"%u\" w:footer=\"%u\" w:gutter=\"%u\"/>"
    "<w:cols w:space=\"720\"/>%s</w:sectPr>",
    p->width, p->height, p->landscape ? " w:orient=\"landscape\"" : "",
    p->top, p->right, p->bottom, p->left, p->header, p->footer, p->gutter,
    w->body->running_head != NULL ? "<w:titlePg/>" : "");
}

static void
walk (Writer *w, const PrensaNode *root)
{
  g_autoptr(PrensaIter) iter = prensa_iter_new (root);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    {
      if (ev == PRENSA_EVENT_ENTER)
        handle_enter (w, iter, prensa_iter_get_node (iter));
      else if (ev == PRENSA_EVENT_EXIT)
        handle_exit (w, prensa_iter_get_node (iter));
    }
}

static void
write_document (Writer *w)
{
  g_string_append (w->out,
    PRENSA_XML_DECLARATION_STANDALONE
    "<w:document"
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
    "<w:body>");
  walk (w, prensa_document_get_root (w->doc));
  write_section (w);
  g_string_append (w->out, "</w:body></w:document>\n");
}

/* The notes the body referred to, in the order of their ids, as the
 * w:footnote elements of footnotes.xml, which has relationships of its
 * own for links and images. */
static void
write_notes (Writer *w)
{
  w->out = w->body->notes;
  w->rels = w->body->note_rels;
  g_hash_table_remove_all (w->link_rels);
  g_hash_table_remove_all (w->image_rels);
  for (guint i = 0; i < w->note_order->len; i++)
    {
      const PrensaNode *def = g_ptr_array_index (w->note_order, i);
      Note *note = g_hash_table_lookup (w->notes, def);

      w->note = def;
      w->part = prensa_node_get_part (def);
      w->last_was_table = FALSE;
      g_string_append_printf (w->out, "<w:footnote w:id=\"%u\">", note->id);
      walk (w, def);
      g_string_append (w->out, "</w:footnote>");
    }
  w->note = NULL;
  w->body->n_notes = w->note_order->len;
}

static void
note_free (Note *note)
{
  g_free (note->bookmark);
  g_free (note);
}

DocxBody *
docx_body_write (const PrensaDocument *document,
                 const DocxStyles *styles,
                 const DocxPage *page,
                 PrensaLabels labels,
                 guint toc_depth)
{
  DocxBody *body = g_new0 (DocxBody, 1);
  Writer w = {
    .doc = document, .styles = styles, .page = page, .body = body,
    .next_rel = 1,
  };

  body->document = g_string_new (NULL);
  body->rels = g_string_new (NULL);
  body->nums = g_string_new (NULL);
  body->media = g_ptr_array_new_with_free_func ((GDestroyNotify) docx_media_free);
  body->notes = g_string_new (NULL);
  body->note_rels = g_string_new (NULL);
  /* As the PDF runs it: a title the metadata gives, not one taken from
   * a heading, a file name or "Untitled". */
  if (prensa_document_get_title_source (document) == PRENSA_TITLE_METADATA)
    body->running_head = prensa_document_get_title (document);
  w.out = body->document;
  w.rels = body->rels;
  w.link_rels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.image_rels = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  w.media_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  w.list_nums = g_hash_table_new (NULL, NULL);
  w.bookmarks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.labels = labels;
  w.toc_depth = toc_depth;
  w.items = g_ptr_array_new ();
  w.notes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) note_free);
  w.note_order = g_ptr_array_new ();
  w.task_lists = g_hash_table_new (NULL, NULL);

  collect_bookmarks (&w);
  write_document (&w);
  write_notes (&w);
  if (w.raw_count > 0)
    prensa_warning_at (w.raw_first, "docx: dropped %u raw HTML element%s (the first "
                       "here): DOCX has no place for HTML", w.raw_count,
                       w.raw_count == 1 ? "" : "s");

  g_hash_table_unref (w.link_rels);
  g_hash_table_unref (w.image_rels);
  g_hash_table_unref (w.notes);
  g_ptr_array_unref (w.note_order);
  g_hash_table_unref (w.task_lists);
  g_free (w.col_widths);
  g_hash_table_unref (w.media_by_path);
  g_hash_table_unref (w.list_nums);
  g_hash_table_unref (w.bookmarks);
  g_ptr_array_unref (w.items);
  return body;
}

void
docx_body_free (DocxBody *body)
{
  if (!body)
    return;
  g_string_free (body->document, TRUE);
  g_string_free (body->rels, TRUE);
  g_string_free (body->nums, TRUE);
  g_string_free (body->notes, TRUE);
  g_string_free (body->note_rels, TRUE);
  g_ptr_array_unref (body->media);
  g_free (body);
}
