/* html-body.c: blocks and inlines as HTML. Ordinary CommonMark renders
 * byte for byte as cmark's reference renderer (cmark --unsafe) would, so
 * that a test can compare the two; headings add their anchor as an id and
 * the interview containers add their own markup around the same blocks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

#include <string.h>

#define HTML_FLUSH_SIZE (256 * 1024)

static const char *
turn_class (PrensaRole role)
{
  switch (role)
    {
    case PRENSA_ROLE_INTERVIEWER:
      return "question";
    case PRENSA_ROLE_INTERVIEWEE:
      return "answer";
    case PRENSA_ROLE_OTHER:
    default:
      return "remark";
    }
}

static void
write_abbr (GString *out, const PrensaSpeaker *speaker)
{
  const char *id = prensa_speaker_get_id (speaker);
  const char *name = prensa_speaker_get_name (speaker);

  if (name == NULL || g_strcmp0 (id, name) == 0)
    {
      prensa_xml_escape (out, id, -1, TRUE);
      return;
    }
  html_put (out, "<abbr title=\"");
  prensa_xml_escape (out, name, -1, TRUE);
  html_put (out, "\">");
  prensa_xml_escape (out, id, -1, TRUE);
  html_put (out, "</abbr>");
}

/* The label that opens a turn. Following the HTML standard's advice for
 * conversations, it is a <b> inside the turn's first paragraph, so that a
 * page break cannot separate it from what the speaker says. */
static void
write_label (HtmlWriter *w, const PrensaNode *turn)
{
  const PrensaSpeaker *speaker = prensa_node_get_speaker (turn);
  const char *label = prensa_turn_get_label (turn, w->labels);
  const char *name = prensa_speaker_get_name (speaker);

  if (label == NULL)
    return;
  html_put (w->out, "<b class=\"speaker\">");
  /* the core's label; an id is spelled out for screen readers */
  if (name != NULL && strcmp (label, name) == 0)
    prensa_xml_escape (w->out, name, -1, TRUE);
  else
    write_abbr (w->out, speaker);
  html_put (w->out, ":</b> ");
}

static void
open_turn (HtmlWriter *w, const PrensaNode *turn)
{
  const PrensaSpeaker *speaker = prensa_node_get_speaker (turn);
  const PrensaNode *first = prensa_node_first_child (turn);
  PrensaRole role = prensa_speaker_get_role (speaker);

  html_cr (w->out);
  html_put (w->out, "<div class=\"turn ");
  html_put (w->out, turn_class (role));
  html_put (w->out, "\" data-speaker=\"");
  prensa_xml_escape (w->out, prensa_speaker_get_id (speaker), -1, TRUE);
  html_put (w->out, "\" data-role=\"");
  html_put (w->out, prensa_role_to_string (role));
  html_put (w->out, "\">\n");

  /* A turn that opens with a list or a quote gets its label on a line of
   * its own; the print stylesheet keeps that line with what follows. */
  if (w->labels != PRENSA_LABELS_NONE &&
      (first == NULL ||
       prensa_node_get_node_type (first) != PRENSA_NODE_PARAGRAPH))
    {
      html_put (w->out, "<p class=\"speaker-line\">");
      write_label (w, turn);
      /* drop the space that separates a label from running text */
      g_string_truncate (w->out, w->out->len - 1);
      html_put (w->out, "</p>\n");
    }
}

/* A task item's checkbox, disabled since the page cannot save a tick;
 * it goes where the bullet would be read, before the item's words. */
static void
write_checkbox (GString *out, const PrensaNode *item)
{
  html_put (out, prensa_node_get_item_task (item) == PRENSA_TASK_DONE
                   ? "<input type=\"checkbox\" disabled=\"\" checked=\"\" /> "
                   : "<input type=\"checkbox\" disabled=\"\" /> ");
}

static gboolean
is_task (const PrensaNode *node)
{
  return prensa_node_get_node_type (node) == PRENSA_NODE_ITEM &&
         prensa_node_get_item_task (node) != PRENSA_TASK_NONE;
}

/* A loose task item's checkbox goes inside its first paragraph, on the
 * line it starts; a tight one's (no <p>) right after the <li>. */
static gboolean
holds_checkbox (const PrensaNode *para)
{
  const PrensaNode *item = prensa_node_parent (para);

  return item != NULL && is_task (item) && prensa_node_first_child (item) == para &&
         !prensa_node_is_tight (para);
}

/* A figure (prensa_node_get_figure) is set apart, its caption
 * (prensa_image_dup_caption) under it; a caption that only repeats the
 * alt text is hidden from screen readers, which have read that. */
static void
write_figure (HtmlWriter *w, const PrensaNode *node, gboolean entering)
{
  const PrensaNode *image = prensa_node_get_figure (node);
  g_autofree char *caption = NULL;
  g_autofree char *alt = NULL;

  if (entering)
    {
      html_cr (w->out);
      html_put (w->out, "<figure class=\"image\">");
      return;
    }
  caption = prensa_image_dup_caption (image);
  alt = prensa_node_dup_text (image);
  if (*caption != '\0')
    {
      html_put (w->out, strcmp (caption, alt) == 0
                          ? "<figcaption aria-hidden=\"true\">" : "<figcaption>");
      prensa_xml_escape (w->out, caption, -1, TRUE);
      html_put (w->out, "</figcaption>");
    }
  html_put (w->out, "</figure>\n");
}

static void
write_paragraph (HtmlWriter *w, const PrensaNode *node, gboolean entering)
{
  const PrensaNode *parent = prensa_node_parent (node);

  if (prensa_node_is_tight (node))
    return;
  if (prensa_node_get_figure (node))
    {
      write_figure (w, node, entering);
      return;
    }
  if (!entering)
    {
      if (html_ends_note (node))
        html_write_backlinks (w, parent, TRUE);
      html_put (w->out, "</p>\n");
      return;
    }
  html_cr (w->out);
  html_put (w->out, "<p>");
  if (holds_checkbox (node))
    write_checkbox (w->out, parent);
  if (parent != NULL &&
      prensa_node_get_node_type (parent) == PRENSA_NODE_TURN &&
      prensa_node_first_child (parent) == node)
    write_label (w, parent);
}

static void
write_list (HtmlWriter *w, const PrensaNode *node, gboolean entering)
{
  gboolean ordered = prensa_node_get_list_type (node) == PRENSA_LIST_ORDERED;
  int start = prensa_node_get_list_start (node);

  if (!entering)
    {
      html_put (w->out, ordered ? "</ol>\n" : "</ul>\n");
      return;
    }
  html_cr (w->out);
  html_put (w->out, ordered ? "<ol" : "<ul");
  if (ordered && start != 1)
    g_string_append_printf (w->out, " start=\"%d\"", start);
  /* The stylesheet drops the bullets of a list's task items. */
  for (const PrensaNode *item = prensa_node_first_child (node); item != NULL;
       item = prensa_node_next (item))
    if (is_task (item))
      {
        html_put (w->out, " class=\"task-list\"");
        break;
      }
  html_put (w->out, ">\n");
}

static void
write_item (HtmlWriter *w, const PrensaNode *node, gboolean entering)
{
  const PrensaNode *first = prensa_node_first_child (node);

  if (!entering)
    {
      html_put (w->out, "</li>\n");
      return;
    }
  html_cr (w->out);
  if (!is_task (node))
    {
      html_put (w->out, "<li>");
      return;
    }
  html_put (w->out, "<li class=\"task\">");
  if (first == NULL || prensa_node_get_node_type (first) != PRENSA_NODE_PARAGRAPH ||
      !holds_checkbox (first))
    write_checkbox (w->out, node);
}

static void
write_code_block (HtmlWriter *w, const PrensaNode *node)
{
  const char *info = prensa_node_get_info (node);
  gsize length = 0;
  const char *code = prensa_node_get_literal (node, &length);

  html_cr (w->out);
  if (info == NULL || info[0] == '\0')
    html_put (w->out, "<pre><code>");
  else
    {
      /* cmark names the language after the info string's first word. */
      html_put (w->out, "<pre><code class=\"language-");
      prensa_xml_escape (w->out, info, (gssize) strcspn (info, " \t\n\v\f\r"),
                         TRUE);
      html_put (w->out, "\">");
    }
  prensa_xml_escape (w->out, code, (gssize) length, TRUE);
  html_put (w->out, "</code></pre>\n");
}

static void
write_heading (HtmlWriter *w, const PrensaNode *node, gboolean entering)
{
  int level = prensa_node_get_heading_level (node);
  const char *anchor = prensa_node_get_anchor (node);

  if (!entering)
    {
      html_put (w->out, "</h");
      prensa_string_append_int (w->out, level);
      html_put (w->out, ">\n");
      return;
    }
  html_cr (w->out);
  html_put (w->out, "<h");
  prensa_string_append_int (w->out, level);
  if (anchor != NULL && anchor[0] != '\0')
    {
      html_put (w->out, " id=\"");
      prensa_xml_escape (w->out, anchor, -1, TRUE);
      g_string_append_c (w->out, '"');
    }
  g_string_append_c (w->out, '>');
}

static void
write_link (HtmlWriter *w, const PrensaNode *node, gboolean entering)
{
  const char *title = prensa_node_get_title (node);
  const PrensaNode *target = NULL;
  const char *anchor = NULL;

  if (!entering)
    {
      html_put (w->out, "</a>");
      return;
    }
  html_put (w->out, "<a href=\"");
  /* One page holds every part: a link to another input, or to a place
   * in one, becomes a fragment (the core has made text of those that
   * lead nowhere). */
  if (prensa_document_resolve_link (w->doc, w->part, prensa_node_get_url (node),
                                    NULL, &target, &anchor) == PRENSA_LINK_INTERNAL)
    {
      g_string_append_c (w->out, '#');
      if (prensa_node_get_node_type (target) != PRENSA_NODE_PART
          || prensa_document_get_n_parts (w->doc) > 1)
        html_escape_href (w->out, anchor);
    }
  else
    {
      const char *url = prensa_node_get_url (node);
      g_autofree char *shown = prensa_node_dup_text (node);
      g_autofree char *printed = prensa_uri_dup_printable (url, shown);

      html_escape_href (w->out, url);
      /* Paper cannot follow a link: the print style sheet prints this
       * address, decoded as the PDF prints it. */
      if (printed != NULL)
        {
          html_put (w->out, "\" data-print-href=\"");
          prensa_xml_escape (w->out, printed, -1, TRUE);
        }
    }
  g_string_append_c (w->out, '"');
  if (title != NULL && title[0] != '\0')
    {
      html_put (w->out, " title=\"");
      prensa_xml_escape (w->out, title, -1, TRUE);
      g_string_append_c (w->out, '"');
    }
  g_string_append_c (w->out, '>');
}

/* An image's description becomes its alt text: only the text of its
 * inlines, raw HTML included but escaped, breaks as spaces. */
static void
write_alt (GString *out, const PrensaNode *image)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (image);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *n = prensa_iter_get_node (it);
      gsize length = 0;
      const char *text;

      if (ev != PRENSA_EVENT_ENTER)
        continue;
      switch (prensa_node_get_node_type (n))
        {
        case PRENSA_NODE_TEXT:
        case PRENSA_NODE_CODE:
        case PRENSA_NODE_RAW_INLINE:
          text = prensa_node_get_literal (n, &length);
          prensa_xml_escape (out, text, (gssize) length, TRUE);
          break;
        case PRENSA_NODE_SOFTBREAK:
        case PRENSA_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;
        default:
          break;
        }
    }
}

/* With embed-resources a local image becomes a data: URI; a remote one,
 * or one that cannot be read, keeps its address (with a warning for the
 * latter, since the page will show a broken image). */
static void
write_image_src (HtmlWriter *w, const PrensaNode *node)
{
  const char *url = prensa_node_get_url (node);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *data = NULL;

  if (w->embed_resources && g_uri_peek_scheme (url) == NULL && url[0] != '\0')
    {
      bytes = prensa_document_load_resource (w->doc, node, url, (gsize) 256 << 20,
                                             &path, &error);
      if (bytes != NULL)
        data = html_dup_data_uri (path, bytes, &error);
      if (data != NULL)
        {
          html_put (w->out, data);
          return;
        }
      prensa_warning_at (node, "html: image %s not embedded: %s", url, error->message);
    }
  html_escape_href (w->out, url);
}

static void
write_image (HtmlWriter *w, const PrensaNode *node)
{
  const char *title = prensa_node_get_title (node);

  html_put (w->out, "<img src=\"");
  write_image_src (w, node);
  html_put (w->out, "\" alt=\"");
  write_alt (w->out, node);
  g_string_append_c (w->out, '"');
  if (title != NULL && title[0] != '\0')
    {
      html_put (w->out, " title=\"");
      prensa_xml_escape (w->out, title, -1, TRUE);
      g_string_append_c (w->out, '"');
    }
  html_put (w->out, " />");
}

static void
write_literal (HtmlWriter *w, const PrensaNode *node, gboolean escape)
{
  gsize length = 0;
  const char *text = prensa_node_get_literal (node, &length);

  if (escape)
    prensa_xml_escape (w->out, text, (gssize) length, TRUE);
  else
    g_string_append_len (w->out, text, (gssize) length);
}

static void
write_tag (GString *out, const char *name, gboolean entering, gboolean block)
{
  if (block)
    html_cr (out);
  html_put (out, entering ? "<" : "</");
  html_put (out, name);
  g_string_append_c (out, '>');
  if (block)
    g_string_append_c (out, '\n');
}

static void
write_container (HtmlWriter *w, const PrensaNode *node, gboolean entering)
{
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_STANDFIRST:
      html_cr (w->out);
      html_put (w->out, entering ? "<div class=\"standfirst\">\n"
                                        : "</div>\n");
      break;
    case PRENSA_NODE_TURN:
      if (entering)
        open_turn (w, node);
      else
        html_put (w->out, "</div>\n");
      break;
    case PRENSA_NODE_BACK_MATTER:
      html_cr (w->out);
      html_put (w->out, entering ? "<footer class=\"back-matter\">\n"
                                        : "</footer>\n");
      break;
    case PRENSA_NODE_BLOCK_QUOTE:
      write_tag (w->out, "blockquote", entering, TRUE);
      break;
    case PRENSA_NODE_PULL_QUOTE:
      /* A repeat of the text: hidden from screen readers, which have
       * read it in its place. */
      html_cr (w->out);
      html_put (w->out, entering ? "<aside class=\"pull-quote\" aria-hidden=\"true\">\n"
                                 : "</aside>\n");
      break;
    case PRENSA_NODE_LIST:
      write_list (w, node, entering);
      break;
    case PRENSA_NODE_ITEM:
      write_item (w, node, entering);
      break;
    case PRENSA_NODE_PARAGRAPH:
      write_paragraph (w, node, entering);
      break;
    case PRENSA_NODE_HEADING:
      write_heading (w, node, entering);
      break;
    case PRENSA_NODE_EMPH:
      /* The style sheet sets emphasis in italic blocks roman, but not
       * one that is the whole paragraph. */
      if (entering && prensa_node_emph_is_whole (node))
        html_put (w->out, "<em class=\"whole\">");
      else
        write_tag (w->out, "em", entering, FALSE);
      break;
    case PRENSA_NODE_STRONG:
      write_tag (w->out, "strong", entering, FALSE);
      break;
    case PRENSA_NODE_STRIKETHROUGH:
      write_tag (w->out, "del", entering, FALSE);
      break;
    case PRENSA_NODE_LINK:
      w->in_link += entering ? 1 : -1;
      write_link (w, node, entering);
      break;
    case PRENSA_NODE_TABLE:
    case PRENSA_NODE_TABLE_ROW:
    case PRENSA_NODE_TABLE_CELL:
      html_write_table (w, node, entering);
      break;
    case PRENSA_NODE_FOOTNOTE_DEFINITION:
      html_write_note (w, node, entering);
      break;
    default:
      break;
    }
}

static void
write_leaf (HtmlWriter *w, const PrensaNode *node)
{
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_CODE_BLOCK:
      write_code_block (w, node);
      break;
    case PRENSA_NODE_RAW_BLOCK:
      html_write_raw_block (w, node);
      break;
    case PRENSA_NODE_THEMATIC_BREAK:
      html_cr (w->out);
      html_put (w->out, "<hr />\n");
      break;
    case PRENSA_NODE_TEXT:
      write_literal (w, node, TRUE);
      break;
    case PRENSA_NODE_SOFTBREAK:
      g_string_append_c (w->out, '\n');
      break;
    case PRENSA_NODE_LINEBREAK:
      html_put (w->out, "<br />\n");
      break;
    case PRENSA_NODE_CODE:
      html_put (w->out, "<code>");
      write_literal (w, node, TRUE);
      html_put (w->out, "</code>");
      break;
    case PRENSA_NODE_RAW_INLINE:
      write_literal (w, node, FALSE);
      break;
    case PRENSA_NODE_FOOTNOTE_REFERENCE:
      html_write_note_ref (w, node);
      break;
    default:
      break;
    }
}

void
html_write_node (HtmlWriter *w, const PrensaNode *root)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (root);
  PrensaEventType ev;

  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      /* A book streams to the sink instead of piling up in memory. The
       * last byte stays: html_cr() looks at it. */
      if (w->output != NULL && w->out->len > HTML_FLUSH_SIZE)
        {
          prensa_output_write (w->output, w->out->str, w->out->len - 1);
          w->out->str[0] = w->out->str[w->out->len - 1];
          g_string_truncate (w->out, 1);
        }
      const PrensaNode *node = prensa_iter_get_node (it);
      PrensaNodeType type = prensa_node_get_node_type (node);
      const PrensaNode *parent = prensa_node_parent (node);

      /* A block's inlines that hold raw HTML are written at once, cleaned
       * together (html-raw.c); the iterator goes on at the block's end. */
      if (ev == PRENSA_EVENT_ENTER && prensa_node_type_is_inline (type)
          && parent != NULL && prensa_node_first_child (parent) == node
          && !prensa_node_type_is_inline (prensa_node_get_node_type (parent))
          && html_write_raw_inlines (w, parent))
        prensa_iter_reset (it, prensa_node_last_child (parent), PRENSA_EVENT_EXIT);
      else if (type == PRENSA_NODE_IMAGE)
        {
          /* The description went into alt: skip the image's children. */
          if (ev == PRENSA_EVENT_ENTER)
            {
              write_image (w, node);
              prensa_iter_reset (it, node, PRENSA_EVENT_EXIT);
            }
        }
      else if (prensa_node_type_is_leaf (type))
        write_leaf (w, node);
      else
        write_container (w, node, ev == PRENSA_EVENT_ENTER);
    }
}
