/* html-read-elements.c: what each element does when the walk meets it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-read-walk.h"

#include <stdlib.h>
#include <string.h>

/* Elements whose content is not the article's text: code, styling, page
 * furniture, form controls, embedded media. */
static const char *const skipped[] = {
  "script", "style", "noscript", "template", "head", "title", "nav", "aside",
  "button", "input", "select", "textarea", "option", "optgroup", "datalist",
  "output", "iframe", "object", "embed", "canvas", "video", "audio", "map",
  "link", "meta", "base", "dialog", "progress", "meter", "frameset", "frame",
  "applet", "param", "source", "track", "area", NULL
};

/* Elements that only group blocks. */
static const char *const divisions[] = {
  "div", "section", "article", "main", "figure", "figcaption", "address",
  "details", "summary", "center", "fieldset", "legend", "hgroup", "dd", "dl",
  "form", "body", "html", "header", "footer", "search", "caption", "menu",
  "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
  "blockquote", "p", "dt", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
  "noframes", "picture" /* its <img> is what counts */, NULL
};

static gboolean
in_list (const xmlNode *n, const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp ((const char *) n->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_block (const xmlNode *n)
{
  return in_list (n, divisions);
}

static int
heading_level (const xmlNode *n)
{
  const char *name = (const char *) n->name;

  if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' &&
      name[2] == '\0')
    return name[1] - '0';
  return 0;
}

/* Page chrome: a header or footer of the page, not of an article. */
static gboolean
is_chrome (const Reader *r, const xmlNode *n)
{
  if (!r->page->body_is_root || (!html_is (n, "header") && !html_is (n, "footer")))
    return FALSE;
  for (const xmlNode *p = n->parent; p != NULL; p = p->parent)
    if (html_is (p, "article") || html_is (p, "section") || html_is (p, "main"))
      return FALSE;
  return TRUE;
}

static gboolean
has_child (const xmlNode *n, const char *name)
{
  for (const xmlNode *c = n->children; c != NULL; c = c->next)
    if (html_is (c, name))
      return TRUE;
  return FALSE;
}

/* A list is tight when no item holds a paragraph. */
static gboolean
list_is_tight (const xmlNode *list)
{
  for (const xmlNode *li = list->children; li != NULL; li = li->next)
    if (html_is (li, "li") && has_child (li, "p"))
      return FALSE;
  return TRUE;
}

static int
list_start (const xmlNode *list)
{
  const char *start = html_attr (list, "start");
  char *end = NULL;
  long value;

  if (start == NULL)
    return 1;
  value = strtol (start, &end, 10);
  if (end == start || value < 0 || value > 999999999)
    return 1;
  return (int) value;
}

static PrensaTask
item_task (const xmlNode *li)
{
  for (const xmlNode *c = li->children; c != NULL; c = c->next)
    {
      const xmlNode *box = c;
      if (html_is (c, "p") && c->children != NULL)
        box = c->children;
      if (html_is (box, "input") &&
          g_ascii_strcasecmp (html_attr (box, "type") ? html_attr (box, "type") : "",
                              "checkbox") == 0)
        return html_attr (box, "checked") ? PRENSA_TASK_DONE : PRENSA_TASK_OPEN;
      if (c->type == XML_ELEMENT_NODE ||
          (c->type == XML_TEXT_NODE && strspn ((const char *) c->content, " \t\r\n\f") !=
                                         strlen ((const char *) c->content)))
        break;
    }
  return PRENSA_TASK_NONE;
}

/* The first row of a table, inside a section or not. */
static const xmlNode *
first_row (const xmlNode *table)
{
  for (const xmlNode *c = table->children; c != NULL; c = c->next)
    {
      if (html_is (c, "tr"))
        return c;
      if (html_is (c, "thead") || html_is (c, "tbody") || html_is (c, "tfoot"))
        for (const xmlNode *g = c->children; g != NULL; g = g->next)
          if (html_is (g, "tr"))
            return g;
    }
  return NULL;
}

static PrensaAlign
cell_align (const xmlNode *cell)
{
  const char *align = html_attr (cell, "align");
  const char *style = html_attr (cell, "style");
  const char *ta = style ? strstr (style, "text-align") : NULL;

  if (align == NULL && ta != NULL)
    {
      ta += strlen ("text-align");
      while (*ta == ' ' || *ta == ':')
        ta++;
      align = ta;
    }
  if (align == NULL)
    return PRENSA_ALIGN_NONE;
  if (g_ascii_strncasecmp (align, "left", 4) == 0)
    return PRENSA_ALIGN_LEFT;
  if (g_ascii_strncasecmp (align, "center", 6) == 0)
    return PRENSA_ALIGN_CENTER;
  if (g_ascii_strncasecmp (align, "right", 5) == 0)
    return PRENSA_ALIGN_RIGHT;
  return PRENSA_ALIGN_NONE;
}

static gboolean
is_cell (const xmlNode *n)
{
  return html_is (n, "td") || html_is (n, "th");
}

static gboolean
row_is_header (const Reader *r, const xmlNode *tr)
{
  gboolean any = FALSE;

  if (r->thead > 0)
    return TRUE;
  for (const xmlNode *c = tr->children; c != NULL; c = c->next)
    {
      if (html_is (c, "td"))
        return FALSE;
      any |= html_is (c, "th");
    }
  return any;
}

static void
open_table (Reader *r, const xmlNode *table, guint line)
{
  const xmlNode *row = first_row (table);
  g_autoptr (GArray) align = g_array_new (FALSE, FALSE, sizeof (PrensaAlign));

  for (const xmlNode *c = row->children; c != NULL; c = c->next)
    if (is_cell (c))
      {
        PrensaAlign a = cell_align (c);
        g_array_append_val (align, a);
      }
  /* A caption cannot go inside the table: it becomes the paragraph
   * before it. */
  for (const xmlNode *c = table->children; c != NULL; c = c->next)
    if (html_is (c, "caption"))
      {
        g_autofree char *text = html_dup_text (c);
        if (text[0] == '\0')
          continue;
        prensa_builder_open (r->b, PRENSA_NODE_PARAGRAPH, line, 0);
        prensa_builder_add (r->b, PRENSA_NODE_TEXT, text, -1, NULL, line, 0);
        prensa_builder_close (r->b, PRENSA_NODE_PARAGRAPH);
      }
  prensa_builder_open_table (r->b, MAX (align->len, 1),
                             align->len ? (const PrensaAlign *) align->data : NULL,
                             line, 0);
  walk_push_block (r, PRENSA_NODE_TABLE, FALSE);
}

/* "language-c" or "lang-c" on <pre> or its <code>. */
static char *
code_language (const xmlNode *pre)
{
  const xmlNode *code = pre->children;

  while (code != NULL && code->type != XML_ELEMENT_NODE)
    code = code->next;
  for (const xmlNode *n = pre; n != NULL; n = n == pre ? code : NULL)
    {
      const char *klass = html_attr (n, "class");
      g_auto (GStrv) words = klass ? g_strsplit_set (klass, " \t\n\r\f", -1) : NULL;
      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        {
          if (g_str_has_prefix (words[i], "language-") && words[i][9] != '\0')
            return g_strdup (words[i] + 9);
          if (g_str_has_prefix (words[i], "lang-") && words[i][5] != '\0')
            return g_strdup (words[i] + 5);
        }
      if (n != pre)
        break;
    }
  return NULL;
}

/* A <pre>'s text as it stands, <br> as a newline. */
static char *
dup_raw_text (const xmlNode *node)
{
  GString *out = g_string_new (NULL);

  for (const xmlNode *n = node->children; n != NULL;
       n = html_next (node, n, !html_is (n, "script") && !html_is (n, "style")))
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *) n->content);
      else if (html_is (n, "br"))
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
add_code_block (Reader *r, const xmlNode *pre, guint line)
{
  g_autofree char *code = dup_raw_text (pre);
  g_autofree char *info = NULL;
  gsize n = strlen (code);

  if (r->text_block > 0 || walk_tabular (r))
    {
      g_autofree char *flat = html_dup_text (pre);
      if (flat[0] != '\0')
        {
          walk_ensure_inline (r, line);
          prensa_builder_add (r->b, PRENSA_NODE_CODE, flat, -1, NULL, line, 0);
        }
      return;
    }
  walk_prepare_block (r, line);
  info = code_language (pre);
  /* A code block's text ends with a newline, as cmark gives it. */
  if (n > 0 && code[n - 1] != '\n')
    {
      char *with = g_strconcat (code, "\n", NULL);
      g_free (code);
      code = with;
    }
  prensa_builder_add (r->b, PRENSA_NODE_CODE_BLOCK, code, -1, info, line, 0);
  r->added = TRUE;
}

static void
add_code (Reader *r, const xmlNode *n, guint line)
{
  g_autofree char *text = html_dup_text (n);

  if (text[0] == '\0')
    return;
  walk_ensure_inline (r, line);
  prensa_builder_add (r->b, PRENSA_NODE_CODE, text, -1, NULL, line, 0);
}

/* A data: image (prensa's own pages embed theirs) is kept with the part;
 * any other address stays as it is, for the core to judge. NULL: the
 * image cannot be kept (a warning says why). */
static char *
image_url (Reader *r, const char *src, guint line)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *hint = NULL;
  const char *comma = strchr (src, ',');
  const char *type = src + 5, *url;
  gsize n_type, length = 0;
  guchar *data;

  if (g_ascii_strncasecmp (src, "data:", 5) != 0 || comma == NULL ||
      g_ascii_strncasecmp (type, "image/", 6) != 0)
    return g_strdup (src);
  n_type = strcspn (type + 6, ";,+");
  hint = g_strdup_printf ("image.%.*s", (int) MIN (n_type, 16), type + 6);
  if (g_str_has_suffix (hint, ".jpeg"))
    strcpy (hint + strlen (hint) - 4, "jpg");
  if (g_strstr_len (src, comma - src, ";base64") != NULL)
    {
      data = g_base64_decode (comma + 1, &length);
      bytes = g_bytes_new_take (data, length);
    }
  else
    bytes = g_uri_unescape_bytes (comma + 1, -1, NULL, NULL);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      prensa_builder_warning (r->b, line, "an embedded image that cannot be decoded is left out");
      return NULL;
    }
  url = prensa_builder_add_resource (r->b, hint, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &error);
  if (url == NULL)
    {
      prensa_builder_warning (r->b, line, "an embedded image is left out: %s",
                              error->message);
      return NULL;
    }
  return g_strdup (url);
}

static void
add_image (Reader *r, const xmlNode *n, guint line)
{
  const char *src = html_attr (n, "src");
  const char *alt = html_attr (n, "alt");
  g_autofree char *url = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (alt != NULL)
    html_collapse (text, alt);
  g_strstrip (text->str);
  g_string_set_size (text, strlen (text->str));
  if (src != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (src));
      if (stripped[0] != '\0')
        url = image_url (r, stripped, line);
    }
  if (url == NULL)
    {
      /* No picture to show: its description still says what was there. */
      if (text->len > 0)
        walk_add_text (r, text->str, line);
      return;
    }
  walk_ensure_inline (r, line);
  prensa_builder_open_link (r->b, PRENSA_NODE_IMAGE, url, html_attr (n, "title"),
                            line, 0);
  if (text->len > 0)
    prensa_builder_add (r->b, PRENSA_NODE_TEXT, text->str, (gssize) text->len,
                        NULL, line, 0);
  prensa_builder_close (r->b, PRENSA_NODE_IMAGE);
}

/* prensa's (and pandoc's) note references: a.footnote-ref to "#note",
 * or, inside a link, sup.footnote-ref whose note a back-link names. */
static const char *
note_label (const Reader *r, const xmlNode *n)
{
  const char *href = html_attr (n, "href");
  const char *id = html_attr (n, "id");

  if (html_is (n, "a") && (html_has_class (n, "footnote-ref") ||
                           g_strcmp0 (html_attr (n, "role"), "doc-noteref") == 0) &&
      href != NULL && href[0] == '#' && g_hash_table_contains (r->page->notes, href + 1))
    return href + 1;
  if (html_is (n, "sup") && html_has_class (n, "footnote-ref") && id != NULL)
    return g_hash_table_lookup (r->page->note_of_ref, id);
  return NULL;
}

static gboolean
enter_inline (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  const char *name = (const char *) n->name;
  const char *label = note_label (r, n);

  if (label != NULL)
    {
      walk_ensure_inline (r, line);
      prensa_builder_add_footnote_reference (r->b, label, line, 0);
      return FALSE;
    }
  if (html_is (n, "br"))
    {
      walk_raise_space (r, WS_BREAK);
      return FALSE;
    }
  if (html_is (n, "img"))
    {
      add_image (r, n, line);
      return FALSE;
    }
  if (html_is (n, "code") || html_is (n, "kbd") || html_is (n, "samp") ||
      html_is (n, "tt"))
    {
      add_code (r, n, line);
      return FALSE;
    }
  if (html_is (n, "a"))
    {
      if (html_has_class (n, "footnote-back") ||
          g_strcmp0 (html_attr (n, "role"), "doc-backlink") == 0)
        return FALSE;
      if (html_attr (n, "href") != NULL)
        walk_push_inline (r, f, PRENSA_NODE_LINK, html_attr (n, "href"),
                     html_attr (n, "title"), line);
      return TRUE;
    }
  if (r->turn > 0 && html_has_class (n, "speaker"))
    return FALSE;  /* the turn's label: the turn names its speaker */
  if (!strcmp (name, "em") || !strcmp (name, "i") || !strcmp (name, "cite") ||
      !strcmp (name, "dfn") || !strcmp (name, "var"))
    walk_push_inline (r, f, PRENSA_NODE_EMPH, NULL, NULL, line);
  else if (!strcmp (name, "strong") || !strcmp (name, "b"))
    walk_push_inline (r, f, PRENSA_NODE_STRONG, NULL, NULL, line);
  else if (!strcmp (name, "s") || !strcmp (name, "del") || !strcmp (name, "strike"))
    walk_push_inline (r, f, PRENSA_NODE_STRIKETHROUGH, NULL, NULL, line);
  return TRUE;  /* span, abbr, sub, unknown elements: their text only */
}

/* The blocks of prensa's interview markup, at the top of the part. */
static gboolean
enter_interview (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  const char *speaker = html_attr (n, "data-speaker");

  if (r->blocks->len > 0)
    return FALSE;
  if (html_is (n, "div") && html_has_class (n, "turn") && speaker != NULL &&
      g_hash_table_contains (r->page->speakers, speaker))
    {
      walk_flush (r);
      prensa_builder_open_turn (r->b, speaker, line, 0);
      walk_push_block (r, PRENSA_NODE_TURN, FALSE);
      f->turn = TRUE;
      r->turn++;
    }
  else if (html_is (n, "div") && html_has_class (n, "standfirst"))
    {
      walk_flush (r);
      prensa_builder_open (r->b, PRENSA_NODE_STANDFIRST, line, 0);
      walk_push_block (r, PRENSA_NODE_STANDFIRST, FALSE);
    }
  else if (html_is (n, "footer") && html_has_class (n, "back-matter"))
    {
      walk_flush (r);
      prensa_builder_open (r->b, PRENSA_NODE_BACK_MATTER, line, 0);
      walk_push_block (r, PRENSA_NODE_BACK_MATTER, FALSE);
    }
  else
    return FALSE;
  f->block = TRUE;
  return TRUE;
}

static gboolean
enter_list (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  gboolean ordered = html_is (n, "ol");

  if (!has_child (n, "li") || r->blocks->len + 2 > HTML_READ_MAX_BLOCKS ||
      (ordered && r->notes > 0))
    return FALSE;
  walk_prepare_block (r, line);
  f->depth = r->blocks->len;
  prensa_builder_open_list (r->b, ordered ? PRENSA_LIST_ORDERED : PRENSA_LIST_BULLET,
                            ordered ? PRENSA_DELIM_PERIOD : PRENSA_DELIM_NONE,
                            ordered ? list_start (n) : 1, list_is_tight (n), line, 0);
  walk_push_block (r, PRENSA_NODE_LIST, FALSE);
  return TRUE;
}

static gboolean
enter_item (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  const char *id = html_attr (n, "id");

  walk_flush (r);
  if (r->notes > 0 && id != NULL && g_hash_table_contains (r->page->notes, id))
    {
      walk_prepare_block (r, line);
      f->depth = r->blocks->len;
      prensa_builder_open_footnote_definition (r->b, id, line, 0);
      walk_push_block (r, PRENSA_NODE_FOOTNOTE_DEFINITION, FALSE);
      return TRUE;
    }
  if (walk_top_implicit (r, PRENSA_NODE_ITEM) && r->blocks->len >= 2 &&
      g_array_index (r->blocks, Block, r->blocks->len - 2).type == PRENSA_NODE_LIST)
    walk_pop_block (r);
  if (walk_top (r) != PRENSA_NODE_LIST)
    return FALSE;
  f->depth = r->blocks->len;
  prensa_builder_open_item (r->b, item_task (n), line, 0);
  walk_push_block (r, PRENSA_NODE_ITEM, FALSE);
  return TRUE;
}

/* tr, td, th, thead, tbody, tfoot and caption inside a table. */
static gboolean
enter_table_part (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  if (html_is (n, "thead"))
    {
      f->thead = TRUE;
      r->thead++;
      return TRUE;
    }
  if (html_is (n, "tbody") || html_is (n, "tfoot"))
    return TRUE;
  if (html_is (n, "caption"))
    return FALSE;  /* written before the table */
  walk_flush (r);
  if (walk_top_implicit (r, PRENSA_NODE_TABLE_CELL))
    walk_pop_block (r);
  if (html_is (n, "tr"))
    {
      if (walk_top_implicit (r, PRENSA_NODE_TABLE_ROW))
        walk_pop_block (r);
      if (walk_top (r) != PRENSA_NODE_TABLE)
        return TRUE;
      f->depth = r->blocks->len;
      prensa_builder_open_table_row (r->b, row_is_header (r, n), line, 0);
      walk_push_block (r, PRENSA_NODE_TABLE_ROW, FALSE);
      f->block = TRUE;
      return TRUE;
    }
  if (walk_top (r) == PRENSA_NODE_TABLE)
    {
      prensa_builder_open_table_row (r->b, r->thead > 0, line, 0);
      walk_push_block (r, PRENSA_NODE_TABLE_ROW, TRUE);
    }
  f->depth = r->blocks->len;
  prensa_builder_open (r->b, PRENSA_NODE_TABLE_CELL, line, 0);
  walk_push_block (r, PRENSA_NODE_TABLE_CELL, FALSE);
  f->block = TRUE;
  f->text_block = TRUE;
  r->text_block++;
  return TRUE;
}

static gboolean
is_table_part (const xmlNode *n)
{
  return html_is (n, "tr") || is_cell (n) || html_is (n, "thead") ||
         html_is (n, "tbody") || html_is (n, "tfoot") || html_is (n, "caption");
}

/* The heading's id, or that of the <a name> (or id) it holds, as
 * DocBook and older pages mark their sections: links to it still land. */
static const char *
heading_anchor (const xmlNode *h)
{
  const char *id = html_attr (h, "id");

  for (const xmlNode *c = h->children; c != NULL && id == NULL; c = c->next)
    if (html_is (c, "a") && html_attr (c, "href") == NULL)
      id = html_attr (c, "name") ? html_attr (c, "name") : html_attr (c, "id");
  return id;
}

static gboolean
enter_heading (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  walk_prepare_block (r, line);
  f->depth = r->blocks->len;
  /* Levels go at most one deeper at a time (an h1 then an h3 reads as
   * h1, h2), so that every writer's outline is well formed. */
  r->heading = MIN (heading_level (n), r->last_level + 1);
  r->last_level = r->heading;
  r->heading_id = heading_anchor (n);
  r->heading_line = line;
  f->heading = TRUE;
  f->text_block = TRUE;
  r->text_block++;
  return TRUE;
}

/* A block where only inlines may go (in a heading or a cell): a break
 * in the text; a <pre> there is inline code. */
static gboolean
enter_flat (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  f->flat = TRUE;
  walk_raise_space (r, walk_top (r) == PRENSA_NODE_TABLE_CELL ? WS_BREAK : WS_SPACE);
  if (!html_is (n, "pre"))
    return TRUE;
  add_code_block (r, n, line);
  return FALSE;
}

/* <pre> and <hr>: blocks made whole on meeting them. */
static gboolean
enter_leaf_block (Reader *r, const xmlNode *n, guint line)
{
  if (html_is (n, "pre"))
    add_code_block (r, n, line);
  else if (r->notes == 0)  /* the rule that opens prensa's notes */
    {
      walk_prepare_block (r, line);
      prensa_builder_add (r->b, PRENSA_NODE_THEMATIC_BREAK, NULL, -1, NULL, line, 0);
    }
  return FALSE;
}

static gboolean
enter_container (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  if ((html_is (n, "ul") || html_is (n, "ol") || html_is (n, "menu")) &&
      enter_list (r, n, f, line))
    return TRUE;
  if (html_is (n, "li") && enter_item (r, n, f, line))
    return TRUE;
  if (html_is (n, "blockquote") && r->blocks->len + 1 <= HTML_READ_MAX_BLOCKS)
    {
      walk_prepare_block (r, line);
      f->depth = r->blocks->len;
      prensa_builder_open (r->b, PRENSA_NODE_BLOCK_QUOTE, line, 0);
      walk_push_block (r, PRENSA_NODE_BLOCK_QUOTE, FALSE);
      return TRUE;
    }
  if (html_is (n, "table") && first_row (n) != NULL &&
      r->blocks->len + 3 <= HTML_READ_MAX_BLOCKS)
    {
      walk_prepare_block (r, line);
      f->depth = r->blocks->len;
      open_table (r, n, line);
      return TRUE;
    }
  return FALSE;
}

/* <aside class="pull-quote">, as prensa's writers make it: a sentence
 * repeated in large type, read back as a pull quote of its plain text
 * (between blocks of the part only; elsewhere, and any other aside, is
 * page furniture and skipped). */
static gboolean
enter_pull_quote (Reader *r, const xmlNode *n, guint line)
{
  if (r->blocks->len > 0 || r->text_block > 0 || r->notes > 0)
    return FALSE;
  g_autofree char *text = html_dup_text (n);
  if (*text)
    {
      walk_prepare_block (r, line);
      prensa_builder_open (r->b, PRENSA_NODE_PULL_QUOTE, line, 0);
      prensa_builder_open (r->b, PRENSA_NODE_PARAGRAPH, line, 0);
      prensa_builder_add (r->b, PRENSA_NODE_TEXT, text, -1, NULL, line, 0);
      prensa_builder_close (r->b, PRENSA_NODE_PARAGRAPH);
      prensa_builder_close (r->b, PRENSA_NODE_PULL_QUOTE);
      r->added = TRUE;
    }
  return FALSE;
}

static gboolean
enter_block (Reader *r, const xmlNode *n, Frame *f, guint line)
{
  if (r->text_block > 0 || (walk_tabular (r) && !is_table_part (n)))
    return enter_flat (r, n, f, line);
  if (html_is (n, "pre") || html_is (n, "hr"))
    return enter_leaf_block (r, n, line);
  f->block = TRUE;
  if (walk_tabular (r))
    return enter_table_part (r, n, f, line);
  if (enter_interview (r, n, f, line))
    return TRUE;
  if (html_is_endnotes (n))
    {
      f->notes = TRUE;
      r->notes++;
    }
  if (heading_level (n) > 0)
    return enter_heading (r, n, f, line);
  if (enter_container (r, n, f, line))
    return TRUE;
  /* A division, or an element read as one: its end ends a paragraph. */
  walk_flush (r);
  f->depth = r->blocks->len;
  if (html_is (n, "dt"))
    walk_push_inline (r, f, PRENSA_NODE_STRONG, NULL, NULL, line);
  return TRUE;
}

gboolean
html_enter (Reader *r, xmlNode *n, Frame *f)
{
  guint line = html_line (n);

  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
    {
      if (n->content != NULL)
        walk_add_text (r, (const char *) n->content, line);
      return FALSE;
    }
  if (n->type != XML_ELEMENT_NODE)
    return FALSE;
  if (html_is (n, "svg") || html_is (n, "math"))
    {
      r->dropped++;
      return FALSE;
    }
  if (html_is (n, "aside") && html_has_class (n, "pull-quote"))
    return enter_pull_quote (r, n, line);
  if ((in_list (n, skipped) && !html_is_endnotes (n)) || is_chrome (r, n) ||
      n == r->page->title_h1 || html_attr (n, "hidden") != NULL ||
      n == r->page->header ||
      (r->turn > 0 && html_is (n, "p") && html_has_class (n, "speaker-line")))
    return FALSE;
  if (is_block (n))
    return enter_block (r, n, f, line);
  return enter_inline (r, n, f, line);
}
