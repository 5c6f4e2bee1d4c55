/* markdown-read.c: Markdown through cmark or cmark-gfm into the builder.
 *
 * One file makes three readers (see meson.build):
 *   commonmark  strict CommonMark 0.30 (libcmark): no extensions, no front
 *               matter, no smart punctuation;
 *   markdown    the default for .md (libcmark-gfm): YAML front matter, the
 *               GFM tables, strikethrough, task lists and footnotes (not
 *               bare-URL autolinks, as in pandoc's default Markdown), smart
 *               punctuation unless --no-smart, and pandoc's heading
 *               identifiers (`# Title {#my-id}`);
 *   gfm         GitHub Flavored Markdown (libcmark-gfm): the same
 *               extensions, bare-URL autolinks and GitHub's tag filter, no
 *               front matter and no smart punctuation, as github.com
 *               renders it.
 * The walk is the same: cmark-gfm kept cmark's API for the nodes both
 * know. Everything a reader of any format needs (clean text, safe links,
 * --sandbox) is the builder's job, not this file's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <prensa/prensa-output.h>
#include <prensa/prensa-reader.h>

#ifdef READER_COMMONMARK
#include <cmark.h>
#define READER_NAME "commonmark"
#define WITH_GFM 0
#else
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
/* cmark-gfm 0.29 keeps a note's label only in the node's struct, which its
 * -dev package installs; the public API gives a reference's number. */
#include <cmark-gfm/node.h>
#define WITH_GFM 1
#ifdef READER_MARKDOWN
#define READER_NAME "markdown"
#else
#define READER_NAME "gfm"
#endif
#endif

typedef struct {
  PrensaBuilder *b;
  gboolean heading_ids;
  gboolean tag_filter;
} Walk;

#if WITH_GFM
/* Whether "[^" occurs at all; '^' is rare in prose, so memchr on it is
 * far cheaper than memmem on the pair. */
static gboolean
has_note_syntax (const char *data, gsize length)
{
  for (const char *p = data, *end = data + length; (p = memchr (p, '^', (gsize) (end - p))); p++)
    if (p > data && p[-1] == '[')
      return TRUE;
  return FALSE;
}
#endif

/* A text-like node's literal and its length. cmark's getter makes a
 * NUL-terminated copy of each on the first call (a malloc per piece of
 * text); cmark-gfm's -dev package shows the node, so there the builder
 * copies straight from cmark's buffer. */
static const char *
literal_of (cmark_node *n, gssize *length)
{
#if WITH_GFM
  const cmark_chunk *c = cmark_node_get_type (n) == CMARK_NODE_CODE_BLOCK ? &n->as.code.literal
                                                                        : &n->as.literal;
  *length = c->len;
  return c->data ? (const char *) c->data : "";
#else
  const char *lit = cmark_node_get_literal (n);
  *length = -1;
  return lit ? lit : "";
#endif
}

static guint
line_of (cmark_node *n)
{
  int line = cmark_node_get_start_line (n);
  return line > 0 ? (guint) line : 0;
}

static guint
column_of (cmark_node *n)
{
  int col = cmark_node_get_start_column (n);
  return col > 0 ? (guint) col : 0;
}

/* `{#id}` at the end of a heading's text, as pandoc writes identifiers:
 * returns the id (transfer full) and cuts it, and the space before it,
 * from the text. NULL when the heading ends otherwise. */
static char *
take_heading_id (cmark_node *heading)
{
  cmark_node *last = cmark_node_last_child (heading);
  if (last == NULL || cmark_node_get_type (last) != CMARK_NODE_TEXT)
    return NULL;
  const char *text = cmark_node_get_literal (last);
  gsize len = strlen (text);
  while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
    len--;
  if (len < 4 || text[len - 1] != '}')
    return NULL;
  const char *open = g_strrstr_len (text, (gssize) len, "{#");
  if (open == NULL)
    return NULL;
  const char *id = open + 2;
  gsize id_len = (gsize) (text + len - 1 - id);
  if (id_len == 0)
    return NULL;
  for (gsize i = 0; i < id_len; i++)
    if (!(g_ascii_isalnum (id[i]) || strchr ("-_.:", id[i])))
      return NULL;
  char *found = g_strndup (id, id_len);
  gsize keep = (gsize) (open - text);
  while (keep > 0 && (text[keep - 1] == ' ' || text[keep - 1] == '\t'))
    keep--;
  g_autofree char *rest = g_strndup (text, keep);
  cmark_node_set_literal (last, rest);
  return found;
}

#if WITH_GFM
/* The label the author gave a note ("1", "rota"); @n is a definition, or a
 * reference, which cmark-gfm links to its definition. */
static char *
note_label (cmark_node *n)
{
  if (cmark_node_get_type (n) == CMARK_NODE_FOOTNOTE_REFERENCE && n->parent_footnote_def)
    n = n->parent_footnote_def;
  if (cmark_node_get_type (n) != CMARK_NODE_FOOTNOTE_DEFINITION || n->as.literal.data == NULL)
    return g_strdup (cmark_node_get_literal (n) ? cmark_node_get_literal (n) : "?");
  return g_strndup ((const char *) n->as.literal.data, (gsize) n->as.literal.len);
}

typedef struct {
  char *label;
  guint line;
} NoteLine;

static void
note_line_clear (gpointer p)
{
  g_free (((NoteLine *) p)->label);
}

/* cmark-gfm drops a note nobody refers to, and a second note with a
 * label already taken, silently. What it dropped leaves a hole: lines no
 * block it kept covers. So the lines that look like a definition
 * ("[^x]: …", read before the input is let go) are candidates, and those
 * in no kept top-level block's lines were dropped; one inside a code or
 * HTML block, or kept as a paragraph's text, was not a note at all. */
static GArray *
note_lines (const char *data, gsize length)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (NoteLine));
  g_array_set_clear_func (found, note_line_clear);
  guint line = 1;
  for (gsize at = 0; at < length; line++) {
    const char *nl = memchr (data + at, '\n', length - at);
    gsize end = nl ? (gsize) (nl - data) : length;
    const char *p = data + at;
    gsize indent = 0;
    while (indent < end - at && p[indent] == ' ')
      indent++;
    if (indent <= 3 && end - at - indent > 4 && strncmp (p + indent, "[^", 2) == 0) {
      const char *close = memchr (p + indent + 2, ']', end - at - indent - 2);
      if (close && close + 1 < data + end && close[1] == ':') {
        NoteLine n = { g_strndup (p + indent + 2, (gsize) (close - p - indent - 2)), line };
        g_array_append_val (found, n);
      }
    }
    at = end + 1;
  }
  return found;
}

/* Marks the lines of top-level block @top as kept: one byte a line. */
static void
cover (GByteArray *kept_lines, cmark_node *top)
{
  int from = MAX (cmark_node_get_start_line (top), 1), to = cmark_node_get_end_line (top);
  if (to < from)
    return;
  guint had = kept_lines->len;
  if (had <= (guint) to) {
    g_byte_array_set_size (kept_lines, (guint) to + 1);
    memset (kept_lines->data + had, 0, kept_lines->len - had); /* set_size leaves them as they were */
  }
  memset (kept_lines->data + from, 1, (gsize) (to - from + 1));
}

static void
report_dropped_notes (PrensaBuilder *b, GArray *lines, GByteArray *kept_lines)
{
  for (guint i = 0; i < lines->len; i++) {
    const NoteLine *n = &g_array_index (lines, NoteLine, i);
    if (n->line >= kept_lines->len || !kept_lines->data[n->line])
      prensa_builder_warning (b, n->line, "note [^%s] is left out: nothing refers to it, "
                              "or an earlier note has its label", n->label);
  }
}

/* cmark-gfm leaves "[^x]" with no note as text, silently. */
static void
warn_unmatched_reference (PrensaBuilder *b, const char *text, gsize length, guint line)
{
  const char *end = text + length;
  for (const char *p = text; (p = memchr (p, '^', (gsize) (end - p))); p++) {
    if (p == text || p[-1] != '[')
      continue;
    const char *close = memchr (p + 1, ']', (gsize) (end - p - 1));
    if (close == NULL || close == p + 1 || (close + 1 < end && close[1] == ':'))
      continue;
    prensa_builder_warning (b, line, "%.*s refers to no note; kept as text", (int) (close - p + 2), p - 1);
  }
}

/* GitHub's tag filter: these tags would take over the rest of a page, so
 * their opening "<" becomes text ("&lt;"), as github.com renders them. */
static char *
filter_tags (const char *html)
{
  static const char *const tags[] = { "title", "textarea", "style", "xmp", "iframe",
                                      "noembed", "noframes", "script", "plaintext", NULL };
  GString *out = g_string_new (NULL);
  for (const char *p = html; *p; p++) {
    if (*p == '<') {
      const char *name = p + 1 + (p[1] == '/');
      gboolean hit = FALSE;
      for (guint i = 0; tags[i] && !hit; i++) {
        gsize n = strlen (tags[i]);
        hit = g_ascii_strncasecmp (name, tags[i], n) == 0
              && (name[n] == '>' || name[n] == '/' || g_ascii_isspace (name[n]) || name[n] == '\0');
      }
      if (hit) {
        g_string_append (out, "&lt;");
        continue;
      }
    }
    g_string_append_c (out, *p);
  }
  return g_string_free (out, FALSE);
}

static PrensaAlign
align_of (uint8_t a)
{
  switch (a) {
  case 'l': return PRENSA_ALIGN_LEFT;
  case 'c': return PRENSA_ALIGN_CENTER;
  case 'r': return PRENSA_ALIGN_RIGHT;
  default: return PRENSA_ALIGN_NONE;
  }
}

/* The extensions' node types are registered at run time: known by name. */
static gboolean
enter_extension (Walk *w, cmark_node *n, const char *type)
{
  guint line = line_of (n), col = column_of (n);
  if (strcmp (type, "table") == 0) {
    guint cols = cmark_gfm_extensions_get_table_columns (n);
    uint8_t *aligns = cmark_gfm_extensions_get_table_alignments (n);
    g_autofree PrensaAlign *align = g_new0 (PrensaAlign, MAX (cols, 1));
    for (guint i = 0; aligns && i < cols; i++)
      align[i] = align_of (aligns[i]);
    prensa_builder_open_table (w->b, cols, align, line, col);
  } else if (strcmp (type, "table_header") == 0 || strcmp (type, "table_row") == 0) {
    prensa_builder_open_table_row (w->b, cmark_gfm_extensions_get_table_row_is_header (n), line, col);
  } else if (strcmp (type, "table_cell") == 0) {
    prensa_builder_open (w->b, PRENSA_NODE_TABLE_CELL, line, col);
  } else if (strcmp (type, "strikethrough") == 0) {
    prensa_builder_open (w->b, PRENSA_NODE_STRIKETHROUGH, line, col);
  } else {
    return FALSE;
  }
  return TRUE;
}

static gboolean
exit_extension (Walk *w, const char *type)
{
  if (strcmp (type, "table") == 0)
    prensa_builder_close (w->b, PRENSA_NODE_TABLE);
  else if (strcmp (type, "table_header") == 0 || strcmp (type, "table_row") == 0)
    prensa_builder_close (w->b, PRENSA_NODE_TABLE_ROW);
  else if (strcmp (type, "table_cell") == 0)
    prensa_builder_close (w->b, PRENSA_NODE_TABLE_CELL);
  else if (strcmp (type, "strikethrough") == 0)
    prensa_builder_close (w->b, PRENSA_NODE_STRIKETHROUGH);
  else
    return FALSE;
  return TRUE;
}
#endif

static PrensaNodeType
container_type (cmark_node *n)
{
  switch (cmark_node_get_type (n)) {
  case CMARK_NODE_BLOCK_QUOTE: return PRENSA_NODE_BLOCK_QUOTE;
  case CMARK_NODE_PARAGRAPH: return PRENSA_NODE_PARAGRAPH;
  case CMARK_NODE_EMPH: return PRENSA_NODE_EMPH;
  case CMARK_NODE_STRONG: return PRENSA_NODE_STRONG;
  case CMARK_NODE_LIST: return PRENSA_NODE_LIST;
  case CMARK_NODE_ITEM: return PRENSA_NODE_ITEM;
  case CMARK_NODE_HEADING: return PRENSA_NODE_HEADING;
  case CMARK_NODE_LINK: return PRENSA_NODE_LINK;
  case CMARK_NODE_IMAGE: return PRENSA_NODE_IMAGE;
#if WITH_GFM
  case CMARK_NODE_FOOTNOTE_DEFINITION: return PRENSA_NODE_FOOTNOTE_DEFINITION;
#endif
  default: return PRENSA_NODE_NONE;
  }
}

static PrensaTask
task_of (cmark_node *item)
{
#if WITH_GFM
  const char *type = cmark_node_get_type_string (item);
  if (type && strcmp (type, "tasklist") == 0)
    return cmark_gfm_extensions_get_tasklist_item_checked (item) ? PRENSA_TASK_DONE : PRENSA_TASK_OPEN;
#endif
  return PRENSA_TASK_NONE;
}

static void
enter (Walk *w, cmark_node *n)
{
  PrensaBuilder *b = w->b;
  guint line = line_of (n), col = column_of (n);
  switch (cmark_node_get_type (n)) {
  case CMARK_NODE_BLOCK_QUOTE:
  case CMARK_NODE_PARAGRAPH:
  case CMARK_NODE_EMPH:
  case CMARK_NODE_STRONG:
    prensa_builder_open (b, container_type (n), line, col);
    break;
  case CMARK_NODE_LIST:
    prensa_builder_open_list (b, cmark_node_get_list_type (n) == CMARK_ORDERED_LIST
                                   ? PRENSA_LIST_ORDERED : PRENSA_LIST_BULLET,
                              cmark_node_get_list_delim (n) == CMARK_PAREN_DELIM
                                ? PRENSA_DELIM_PAREN : PRENSA_DELIM_PERIOD,
                              cmark_node_get_list_start (n), cmark_node_get_list_tight (n), line, col);
    break;
  case CMARK_NODE_ITEM:
    prensa_builder_open_item (b, task_of (n), line, col);
    break;
  case CMARK_NODE_HEADING: {
    g_autofree char *id = w->heading_ids ? take_heading_id (n) : NULL;
    prensa_builder_open_heading (b, cmark_node_get_heading_level (n), id, line, col);
    break;
  }
  case CMARK_NODE_LINK:
  case CMARK_NODE_IMAGE:
    prensa_builder_open_link (b, container_type (n), cmark_node_get_url (n) ? cmark_node_get_url (n) : "",
                              cmark_node_get_title (n), line, col);
    break;
  case CMARK_NODE_CODE_BLOCK: {
    gssize len;
    const char *lit = literal_of (n, &len);
    prensa_builder_add (b, PRENSA_NODE_CODE_BLOCK, lit, len, cmark_node_get_fence_info (n), line, col);
    break;
  }
  case CMARK_NODE_HTML_BLOCK:
  case CMARK_NODE_HTML_INLINE: {
    PrensaNodeType t = cmark_node_get_type (n) == CMARK_NODE_HTML_BLOCK ? PRENSA_NODE_RAW_BLOCK
                                                                      : PRENSA_NODE_RAW_INLINE;
#if WITH_GFM
    if (w->tag_filter) {
      g_autofree char *safe = filter_tags (cmark_node_get_literal (n));
      prensa_builder_add (b, t, safe, -1, NULL, line, col);
      break;
    }
#endif
    prensa_builder_add (b, t, cmark_node_get_literal (n), -1, NULL, line, col);
    break;
  }
  case CMARK_NODE_THEMATIC_BREAK:
    prensa_builder_add (b, PRENSA_NODE_THEMATIC_BREAK, NULL, 0, NULL, line, col);
    break;
  case CMARK_NODE_TEXT: {
    gssize len;
    const char *lit = literal_of (n, &len);
#if WITH_GFM
    warn_unmatched_reference (b, lit, (gsize) len, line);
#endif
    prensa_builder_add (b, PRENSA_NODE_TEXT, lit, len, NULL, line, col);
    break;
  }
  case CMARK_NODE_CODE: {
    gssize len;
    const char *lit = literal_of (n, &len);
    prensa_builder_add (b, PRENSA_NODE_CODE, lit, len, NULL, line, col);
    break;
  }
  case CMARK_NODE_SOFTBREAK:
    prensa_builder_add (b, PRENSA_NODE_SOFTBREAK, NULL, 0, NULL, line, col);
    break;
  case CMARK_NODE_LINEBREAK:
    prensa_builder_add (b, PRENSA_NODE_LINEBREAK, NULL, 0, NULL, line, col);
    break;
#if WITH_GFM
  case CMARK_NODE_FOOTNOTE_DEFINITION: {
    g_autofree char *label = note_label (n);
    prensa_builder_open_footnote_definition (b, label, line, col);
    break;
  }
  case CMARK_NODE_FOOTNOTE_REFERENCE: {
    g_autofree char *label = note_label (n);
    prensa_builder_add_footnote_reference (b, label, line, col);
    break;
  }
  default:
    enter_extension (w, n, cmark_node_get_type_string (n));
    break;
#else
  default:
    break;
#endif
  }
}

static void
leave (Walk *w, cmark_node *n)
{
  PrensaNodeType t = container_type (n);
  if (t != PRENSA_NODE_NONE) {
    prensa_builder_close (w->b, t);
    return;
  }
#if WITH_GFM
  exit_extension (w, cmark_node_get_type_string (n));
#endif
}

static void
walk_block (Walk *w, cmark_node *top)
{
  cmark_iter *it = cmark_iter_new (top);
  cmark_event_type ev;
  while ((ev = cmark_iter_next (it)) != CMARK_EVENT_DONE) {
    cmark_node *n = cmark_iter_get_node (it);
    if (ev == CMARK_EVENT_ENTER)
      enter (w, n);
    else
      leave (w, n);
  }
  cmark_iter_free (it);
}

/* cmark's own allocator prints and aborts when memory runs out; prensa
 * ends the same way everywhere (prensa_out_of_memory: no temporary file
 * left, one line, exit 1). */
static void *
calloc_or_end (size_t n, size_t size)
{
  void *p = calloc (n, size);
  if (p == NULL && n > 0 && size > 0)
    prensa_out_of_memory ();
  return p;
}

static void *
realloc_or_end (void *ptr, size_t size)
{
  void *p = realloc (ptr, size);
  if (p == NULL && size > 0)
    prensa_out_of_memory ();
  return p;
}

static cmark_mem memory = { calloc_or_end, realloc_or_end, free };

static gboolean
read_markdown (PrensaBuilder *builder, const char *data, gsize length, GError **error)
{
  Walk w = { builder, FALSE, FALSE };
  int options = CMARK_OPT_DEFAULT;
#if WITH_GFM
  cmark_gfm_core_extensions_ensure_registered ();
  options |= CMARK_OPT_FOOTNOTES;
#ifdef READER_MARKDOWN
  if (!(prensa_builder_get_flags (builder) & PRENSA_LOAD_NO_SMART))
    options |= CMARK_OPT_SMART;
  w.heading_ids = TRUE;
#else
  w.tag_filter = TRUE;
#endif
  cmark_parser *parser = cmark_parser_new_with_mem (options, &memory);
  /* Bare-URL autolinks are GitHub's, not pandoc's default Markdown (its
   * autolink_bare_uris is off), and cmark-gfm's extension is the dearest
   * part of a read: on the 3.5 MB book it costs a fifth of the parse and
   * 19 MB at the peak, as it copies every text node's literal at once. */
  const char *const extensions[] = { "table", "strikethrough", "tasklist",
                                     w.tag_filter ? "autolink" : NULL, NULL };
  for (guint i = 0; extensions[i]; i++) {
    cmark_syntax_extension *ext = cmark_find_syntax_extension (extensions[i]);
    if (ext)
      cmark_parser_attach_syntax_extension (parser, ext);
  }
#else
  cmark_parser *parser = cmark_parser_new_with_mem (options, &memory);
#endif
  cmark_parser_feed (parser, data, length);
#if WITH_GFM
  g_autoptr (GArray) defined = has_note_syntax (data, length) ? note_lines (data, length) : NULL;
#endif
  /* cmark keeps its own copy of every line: ours can go before the tree
   * is built, the largest moment of a read. */
  prensa_builder_release_input (builder);
  cmark_node *root = cmark_parser_finish (parser);
  cmark_parser_free (parser);
  /* Each top-level block is freed as soon as it is built, so cmark's tree
   * shrinks while ours grows: the peak is not the sum of both. */
  cmark_node *top;
#if WITH_GFM
  g_autoptr (GByteArray) kept_lines = defined ? g_byte_array_new () : NULL;
#endif
#if WITH_GFM
  /* A note's references, in the text or in a later note, point at it:
   * the notes (which cmark-gfm puts last) live until the walk is done. */
  cmark_node *notes = cmark_node_new_with_mem (CMARK_NODE_DOCUMENT, &memory);
#endif
  while ((top = cmark_node_first_child (root)) != NULL) {
#if WITH_GFM
    if (kept_lines && defined->len > 0)
      cover (kept_lines, top);
#endif
    walk_block (&w, top);
#if WITH_GFM
    if (cmark_node_get_type (top) == CMARK_NODE_FOOTNOTE_DEFINITION) {
      cmark_node_unlink (top);
      cmark_node_append_child (notes, top);
      continue;
    }
#endif
    cmark_node_free (top);
  }
  cmark_node_free (root);
#if WITH_GFM
  cmark_node_free (notes);
#endif
#if WITH_GFM
  if (defined)
    report_dropped_notes (builder, defined, kept_lines);
#endif
  return TRUE;
}

#ifdef READER_COMMONMARK
PRENSA_READER_DEFINE ("commonmark", "CommonMark 0.30, strictly (cmark)", "commonmark",
                      "text/markdown", PRENSA_READER_TEXT, NULL, read_markdown);
#elif defined(READER_MARKDOWN)
PRENSA_READER_DEFINE ("markdown", "Markdown: YAML front matter, GFM tables, notes, tasks",
                      "md,markdown,mkd,mdown,mdwn,mkdn", "text/markdown",
                      PRENSA_READER_FRONT_MATTER | PRENSA_READER_IMPLICIT_FIGURES, NULL,
                      read_markdown);
#else
PRENSA_READER_DEFINE ("gfm", "GitHub Flavored Markdown (cmark-gfm)", "gfm", "text/markdown",
                      PRENSA_READER_TEXT, NULL, read_markdown);
#endif
