/* docx-read-body.c: word/document.xml (and the notes) into the builder.
 *
 * A paragraph's runs are first gathered as pieces (text with its bold,
 * italic, strikethrough and code flags, breaks, note references, images,
 * link bounds) and only then built, so that runs Word split for no visible
 * reason ("Sarah" "Jaffe:" in two bold runs, after a spell check or an
 * edit) make one STRONG, which is how the core's interview pass recognises
 * a "Name:" label. Spaces take the formatting around them, not their own:
 * a bold "Name: " is STRONG "Name:" and a plain space, again for the
 * label. Formatting never spans a link's bounds (it is closed and opened
 * again inside), so the nodes always nest.
 *
 * Blocks: containers (lists, a quote, a code block being gathered) stay
 * open across paragraphs and are closed by the first block that does not
 * continue them. Tables hold inlines only, so a table in a cell, like a
 * text box, is read as text. Recursion goes with the XML's depth, which
 * libxml2 caps at 256 (no XML_PARSE_HUGE), and is bounded again here at
 * MAX_DEPTH.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "docx-read-private.h"

#define A_NS "http://schemas.openxmlformats.org/drawingml/2006/main"
#define WP_NS "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define V_NS "urn:schemas-microsoft-com:vml"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define M_NS "http://schemas.openxmlformats.org/officeDocument/2006/math"

#define MAX_DEPTH 128
#define MAX_LISTS 9
#define MAX_COLUMNS 1000
#define MAX_NOTES 100000

typedef enum {
  P_TEXT, P_BREAK, P_NOTE, P_IMAGE, P_LINK_OPEN, P_LINK_CLOSE,
} PieceType;

typedef struct {
  PieceType type;
  guint fmt;
  gboolean space;  /* white space (or a break, note, image): takes the
                    * formatting around it */
  char *text;      /* TEXT; a note's label; an image's alt */
  char *url;       /* LINK_OPEN, IMAGE */
} Piece;

typedef struct {
  int num_id, ilvl;
  PrensaListType type;
} ListLevel;

/* Things read as text or left out, each warned about once. */
enum {
  W_MATH = 1 << 0, W_TEXTBOX = 1 << 1, W_FIELD = 1 << 2, W_SHAPE = 1 << 3,
  W_OBJECT = 1 << 4, W_NESTED = 1 << 5, W_ALTCHUNK = 1 << 6, W_IMAGE = 1 << 7,
  W_OUTSIDE = 1 << 8, W_DEEP = 1 << 9, W_NOTES = 1 << 10, W_WIDE = 1 << 11,
};

typedef enum { AT_BLOCK, AT_INLINE, AT_RUN } Level;

typedef struct {
  PrensaBuilder *b;
  DocxPackage *pkg;
  DocxStyles *styles;
  const char *main_part;
  GHashTable *main_rels;
  GHashTable *rels;          /* of the part being read */
  gboolean prensa_made, title_set, subtitle_set, back_matter, in_note;
  gboolean last_figure, last_rule;
  ListLevel lists[MAX_LISTS];
  guint n_lists;
  gboolean quote;
  GString *code;             /* a code block being gathered, or NULL */
  GArray *pieces;
  GHashTable *images;        /* part → URL (the builder's), "" when missing */
  xmlDoc *note_docs[2];      /* footnotes, endnotes */
  GHashTable *note_rels[2];
  GHashTable *notes[2];      /* w:id → its xmlNode */
  char *note_parts[2];
  gboolean notes_loaded[2];
  GPtrArray *note_queue;     /* labels, in order of first reference */
  GHashTable *noted;
  char *bookmark;            /* the paragraph's first bookmark */
  guint warned;
  GError *error;             /* the first error; the walk stops at it */
} Reader;

static void blocks (Reader *r, const xmlNode *container, int depth);
static void inlines (Reader *r, const xmlNode *parent, int depth);
static void flatten_blocks (Reader *r, const xmlNode *container, int depth);

static void
warn_once (Reader *r, guint kind, const char *message)
{
  if (r->warned & kind)
    return;
  r->warned |= kind;
  prensa_builder_warning (r->b, 0, "%s", message);
}

static gboolean
too_deep (Reader *r, int depth)
{
  if (depth <= MAX_DEPTH)
    return FALSE;
  warn_once (r, W_DEEP, "content nested too deep is left out");
  return TRUE;
}

/* ---------------------------------------------------------------- pieces */

static void
piece_clear (gpointer p)
{
  Piece *piece = p;

  g_free (piece->text);
  g_free (piece->url);
}

static void
push (Reader *r, PieceType type, guint fmt, gboolean space, char *text, char *url)
{
  Piece p = { type, fmt, space, text, url };

  g_array_append_val (r->pieces, p);
}

static gboolean
is_space_text (const char *s, gsize n)
{
  const char *end = s + n;

  for (; s < end; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

/* Text of one run; a formatted run's leading and trailing spaces become
 * pieces of their own (see the top of the file). */
static void
add_text (Reader *r, const char *text, guint fmt)
{
  gsize n = strlen (text);
  const char *start = text, *end = text + n;

  if (n == 0)
    return;
  if (!g_utf8_validate (text, (gssize) n, NULL))
    {
      /* libxml2 gives UTF-8; the builder cleans whatever else comes. */
      push (r, P_TEXT, fmt, FALSE, g_strdup (text), NULL);
      return;
    }
  if ((fmt & DOCX_F_CODE) || !(fmt & (DOCX_F_STRONG | DOCX_F_EMPH | DOCX_F_STRIKE)))
    {
      push (r, P_TEXT, fmt, !(fmt & DOCX_F_CODE) && is_space_text (text, n),
            g_strdup (text), NULL);
      return;
    }
  while (start < end && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  if (start == end)
    {
      push (r, P_TEXT, fmt, TRUE, g_strdup (text), NULL);
      return;
    }
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  if (start > text)
    push (r, P_TEXT, fmt, TRUE, g_strndup (text, start - text), NULL);
  push (r, P_TEXT, fmt, FALSE, g_strndup (start, end - start), NULL);
  if (end < text + n)
    push (r, P_TEXT, fmt, TRUE, g_strdup (end), NULL);
}

static void
clear_pieces (Reader *r)
{
  g_array_set_size (r->pieces, 0);
}

static gboolean
has_content (Reader *r)
{
  for (guint i = 0; i < r->pieces->len; i++)
    {
      const Piece *p = &g_array_index (r->pieces, Piece, i);

      if (p->type == P_NOTE || p->type == P_IMAGE || (p->type == P_TEXT && !p->space))
        return TRUE;
    }
  return FALSE;
}

/* The pieces as plain text, for metadata and code; breaks as @br. */
static char *
plain_text (Reader *r, const char *br)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < r->pieces->len; i++)
    {
      const Piece *p = &g_array_index (r->pieces, Piece, i);

      if (p->type == P_TEXT)
        g_string_append (out, p->text);
      else if (p->type == P_BREAK)
        g_string_append (out, br);
    }
  return g_string_free (out, FALSE);
}

/* --------------------------------------------------------------- emitting */

typedef struct {
  guint stack[3];
  guint depth;
} Fmt;

static PrensaNodeType
fmt_node (guint flag)
{
  return flag == DOCX_F_STRONG ? PRENSA_NODE_STRONG
         : flag == DOCX_F_EMPH ? PRENSA_NODE_EMPH : PRENSA_NODE_STRIKETHROUGH;
}

static guint
fmt_open (const Fmt *f)
{
  guint open = 0;

  for (guint i = 0; i < f->depth; i++)
    open |= f->stack[i];
  return open;
}

static void
fmt_set (Reader *r, Fmt *f, guint want)
{
  static const guint order[] = { DOCX_F_STRONG, DOCX_F_EMPH, DOCX_F_STRIKE };
  guint keep = 0;

  want &= DOCX_F_STRONG | DOCX_F_EMPH | DOCX_F_STRIKE;
  while (keep < f->depth && (want & f->stack[keep]))
    keep++;
  while (f->depth > keep)
    prensa_builder_close (r->b, fmt_node (f->stack[--f->depth]));
  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    if ((want & order[i]) && !(fmt_open (f) & order[i]))
      {
        prensa_builder_open (r->b, fmt_node (order[i]), 0, 0);
        f->stack[f->depth++] = order[i];
      }
}

/* Drops white space at both ends of a paragraph, as Word shows it. */
static void
trim_pieces (Reader *r)
{
  guint first = 0, last = r->pieces->len;
  Piece *p = (Piece *) (gpointer) r->pieces->data;

  while (first < last && (p[first].type == P_BREAK
                          || (p[first].type == P_TEXT && p[first].space)))
    first++;
  while (last > first && (p[last - 1].type == P_BREAK
                          || (p[last - 1].type == P_TEXT && p[last - 1].space)))
    last--;
  if (last < r->pieces->len)
    g_array_remove_range (r->pieces, last, r->pieces->len - last);
  if (first > 0)
    g_array_remove_range (r->pieces, 0, first);
  p = (Piece *) (gpointer) r->pieces->data;
  if (r->pieces->len > 0 && p[0].type == P_TEXT && !(p[0].fmt & DOCX_F_CODE))
    g_strchug (p[0].text);
  if (r->pieces->len > 0 && p[r->pieces->len - 1].type == P_TEXT
      && !(p[r->pieces->len - 1].fmt & DOCX_F_CODE))
    g_strchomp (p[r->pieces->len - 1].text);
}

static void
emit_code (Reader *r, const Piece *p, guint n, guint *i)
{
  g_autoptr(GString) code = g_string_new (p[*i].text);

  while (*i + 1 < n && p[*i + 1].type == P_TEXT && p[*i + 1].fmt == p[*i].fmt)
    g_string_append (code, p[++*i].text);
  prensa_builder_add (r->b, PRENSA_NODE_CODE, code->str, (gssize) code->len, NULL, 0, 0);
}

/* Builds the gathered pieces into the open container and forgets them. */
static void
emit_pieces (Reader *r)
{
  Piece *p;
  guint n, links = 0;
  g_autofree guint *next = NULL;
  Fmt f = { { 0 }, 0 };

  trim_pieces (r);
  p = (Piece *) (gpointer) r->pieces->data;
  n = r->pieces->len;
  /* What the next definite piece wants, for the spaces before it. */
  next = g_new (guint, n + 1);
  next[n] = 0;
  for (guint i = n; i-- > 0;)
    next[i] = p[i].type == P_TEXT && !p[i].space ? p[i].fmt
              : p[i].type == P_LINK_OPEN || p[i].type == P_LINK_CLOSE ? 0 : next[i + 1];
  for (guint i = 0; i < n; i++)
    {
      guint want = p[i].type == P_TEXT && !p[i].space ? p[i].fmt
                   : fmt_open (&f) & next[i + 1];

      switch (p[i].type)
        {
        case P_LINK_OPEN:
          fmt_set (r, &f, 0);
          prensa_builder_open_link (r->b, PRENSA_NODE_LINK, p[i].url, NULL, 0, 0);
          links++;
          break;
        case P_LINK_CLOSE:
          fmt_set (r, &f, 0);
          if (links > 0)
            prensa_builder_close (r->b, PRENSA_NODE_LINK), links--;
          break;
        case P_TEXT:
          fmt_set (r, &f, want);
          if (p[i].fmt & DOCX_F_CODE)
            emit_code (r, p, n, &i);
          else
            prensa_builder_add (r->b, PRENSA_NODE_TEXT, p[i].text, -1, NULL, 0, 0);
          break;
        case P_BREAK:
          fmt_set (r, &f, want);
          prensa_builder_add (r->b, PRENSA_NODE_LINEBREAK, NULL, 0, NULL, 0, 0);
          break;
        case P_NOTE:
          fmt_set (r, &f, want);
          prensa_builder_add_footnote_reference (r->b, p[i].text, 0, 0);
          break;
        case P_IMAGE:
          fmt_set (r, &f, want);
          prensa_builder_open_link (r->b, PRENSA_NODE_IMAGE, p[i].url, NULL, 0, 0);
          if (p[i].text && *p[i].text)
            prensa_builder_add (r->b, PRENSA_NODE_TEXT, p[i].text, -1, NULL, 0, 0);
          prensa_builder_close (r->b, PRENSA_NODE_IMAGE);
          break;
        }
    }
  fmt_set (r, &f, 0);
  while (links-- > 0)
    prensa_builder_close (r->b, PRENSA_NODE_LINK);
  clear_pieces (r);
}

/* ------------------------------------------------------------ containers */

static void
flush_code (Reader *r)
{
  if (!r->code)
    return;
  prensa_builder_add (r->b, PRENSA_NODE_CODE_BLOCK, r->code->str, (gssize) r->code->len,
                      NULL, 0, 0);
  g_string_free (r->code, TRUE);
  r->code = NULL;
}

static void
close_lists (Reader *r, guint keep)
{
  while (r->n_lists > keep)
    {
      prensa_builder_close (r->b, PRENSA_NODE_ITEM);
      prensa_builder_close (r->b, PRENSA_NODE_LIST);
      r->n_lists--;
    }
}

static void
close_all (Reader *r)
{
  flush_code (r);
  close_lists (r, 0);
  if (r->quote)
    prensa_builder_close (r->b, PRENSA_NODE_BLOCK_QUOTE);
  r->quote = FALSE;
}

static void
emit_paragraph (Reader *r)
{
  prensa_builder_open (r->b, PRENSA_NODE_PARAGRAPH, 0, 0);
  emit_pieces (r);
  prensa_builder_close (r->b, PRENSA_NODE_PARAGRAPH);
}

/* A check box opening a list paragraph makes a task item: prensa's
 * writer (and many a to-do list) writes the box as ☐ or ☒ (☑). */
static PrensaTask
take_task (Reader *r)
{
  static const struct { const char *box; PrensaTask task; } boxes[] = {
    { "\u2610", PRENSA_TASK_OPEN }, { "\u2612", PRENSA_TASK_DONE }, { "\u2611", PRENSA_TASK_DONE },
  };
  Piece *p;

  trim_pieces (r);
  p = (Piece *) (gpointer) r->pieces->data;
  if (r->pieces->len == 0 || p[0].type != P_TEXT || (p[0].fmt & DOCX_F_CODE))
    return PRENSA_TASK_NONE;
  for (gsize i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      gsize n = strlen (boxes[i].box);

      if (strncmp (p[0].text, boxes[i].box, n) != 0
          || (p[0].text[n] != ' ' && p[0].text[n] != '\t'
              && (p[0].text[n] || r->pieces->len < 2 || !p[1].space)))
        continue;
      memmove (p[0].text, p[0].text + n, strlen (p[0].text + n) + 1);
      p[0].space = is_space_text (p[0].text, strlen (p[0].text));
      return boxes[i].task;
    }
  return PRENSA_TASK_NONE;
}

static void
open_list (Reader *r, int num_id, int ilvl, PrensaListType type,
           PrensaListDelim delim, int start, PrensaTask task)
{
  prensa_builder_open_list (r->b, type, delim, start, TRUE, 0, 0);
  prensa_builder_open_item (r->b, task, 0, 0);
  r->lists[r->n_lists++] = (ListLevel) { num_id, ilvl, type };
}

/* A numbered paragraph: a new item of the list at its level, nested by
 * ilvl; another numId at the same level is another list. */
static void
list_paragraph (Reader *r, int num_id, int ilvl)
{
  PrensaListType type;
  PrensaListDelim delim;
  int start;
  ListLevel *top;
  PrensaTask task = take_task (r);

  docx_styles_list (r->styles, num_id, ilvl, &type, &delim, &start);
  flush_code (r);
  if (r->quote)
    close_all (r);
  ilvl = CLAMP (ilvl, 0, MAX_LISTS - 1);
  while (r->n_lists > 0 && r->lists[r->n_lists - 1].ilvl > ilvl)
    close_lists (r, r->n_lists - 1);
  top = r->n_lists > 0 ? &r->lists[r->n_lists - 1] : NULL;
  if (top && (top->ilvl == ilvl || r->n_lists == MAX_LISTS))
    {
      if (top->num_id == num_id && top->type == type)
        {
          prensa_builder_close (r->b, PRENSA_NODE_ITEM);
          prensa_builder_open_item (r->b, task, 0, 0);
        }
      else
        {
          close_lists (r, r->n_lists - 1);
          open_list (r, num_id, ilvl, type, delim, start, task);
        }
    }
  else
    open_list (r, num_id, ilvl, type, delim, start, task);
  emit_paragraph (r);
}

/* ---------------------------------------------------------------- inlines */

static const DocxRel *
lookup_rel (Reader *r, const char *id)
{
  const DocxRel *rel = id ? g_hash_table_lookup (r->rels, id) : NULL;

  if (rel && !rel->external && !rel->target)
    {
      warn_once (r, W_OUTSIDE, "a relationship points outside the package; ignored");
      return NULL;
    }
  return rel;
}

static void
add_image (Reader *r, const char *rid, const char *alt, guint fmt)
{
  const DocxRel *rel = lookup_rel (r, rid);
  const char *url;
  g_autofree char *data = NULL;
  gsize length;

  if (!rel || r->error)
    return;
  url = rel->external ? rel->target : g_hash_table_lookup (r->images, rel->target);
  if (url && !*url)
    return;
  if (!url)
    {
      if (!docx_package_read (r->pkg, rel->target, &data, &length, &r->error) || !data)
        {
          if (r->error)
            return;
          warn_once (r, W_IMAGE, "an image's part is missing from the package; left out");
          /* Remembered, so a thousand references cost one zip lookup. */
          g_hash_table_insert (r->images, g_strdup (rel->target), (gpointer) "");
          return;
        }
      url = prensa_builder_add_resource (r->b, rel->target, data, length, &r->error);
      if (!url)
        return;
      g_hash_table_insert (r->images, g_strdup (rel->target), (gpointer) url);
    }
  push (r, P_IMAGE, fmt, TRUE, g_strdup (alt ? alt : ""), g_strdup (url));
}

static void
add_textbox (Reader *r, const xmlNode *content, int depth)
{
  warn_once (r, W_TEXTBOX, "text boxes are kept as text in the paragraph they are anchored to");
  push (r, P_TEXT, 0, TRUE, g_strdup (" "), NULL);
  flatten_blocks (r, content, depth + 1);
  push (r, P_TEXT, 0, TRUE, g_strdup (" "), NULL);
}

/* A drawing's (or VML picture's) text boxes and first picture. */
static void
visit_drawing (Reader *r, const xmlNode *node, const char *alt, guint fmt,
               gboolean *image, gboolean *text, int depth)
{
  if (too_deep (r, depth))
    return;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      g_autofree char *rid = NULL;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (docx_is_w (c, "txbxContent"))
        {
          add_textbox (r, c, depth);
          *text = TRUE;
          continue;
        }
      if (!*image && docx_is (c, A_NS, "blip"))
        {
          rid = docx_r_attr (c, "embed");
          if (!rid)
            rid = docx_r_attr (c, "link");
        }
      else if (!*image && docx_is (c, V_NS, "imagedata"))
        rid = docx_r_attr (c, "id");
      if (rid)
        {
          add_image (r, rid, alt, fmt);
          *image = TRUE;
        }
      visit_drawing (r, c, alt, fmt, image, text, depth + 1);
    }
}

static char *
drawing_alt (const xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (docx_is (c, WP_NS, "inline") || docx_is (c, WP_NS, "anchor"))
        for (xmlNode *d = c->children; d; d = d->next)
          if (docx_is (d, WP_NS, "docPr"))
            {
              char *alt = (char *) xmlGetProp (d, (const xmlChar *) "descr");

              if (!alt || !*alt)
                {
                  g_free (alt);
                  alt = (char *) xmlGetProp (d, (const xmlChar *) "title");
                }
              return alt;
            }
      if (docx_is (c, V_NS, "shape"))
        return (char *) xmlGetProp (c, (const xmlChar *) "alt");
    }
  return NULL;
}

static void
drawing (Reader *r, const xmlNode *node, guint fmt, int depth)
{
  g_autofree char *alt = drawing_alt (node);
  gboolean image = FALSE, text = FALSE;

  visit_drawing (r, node, alt, fmt, &image, &text, depth + 1);
  if (docx_is_w (node, "object"))
    warn_once (r, W_OBJECT, "embedded objects (OLE) are kept as their preview picture");
  if (!image && !text)
    warn_once (r, W_SHAPE, "charts, SmartArt and drawn shapes without text are left out");
}

/* m:t text, in document order. */
static void
math_text (Reader *r, const xmlNode *node, int depth)
{
  if (too_deep (r, depth))
    return;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (docx_is (c, M_NS, "t"))
        {
          xmlChar *t = xmlNodeGetContent (c);

          add_text (r, (const char *) t, 0);
          xmlFree (t);
        }
      else if (c->type == XML_ELEMENT_NODE)
        math_text (r, c, depth + 1);
    }
}

static void
note_reference (Reader *r, const xmlNode *node, int kind)
{
  g_autofree char *id = docx_w_attr (node, "id");
  char *label;

  if (!id || r->in_note)
    return;
  if (!r->notes_loaded[kind] || !g_hash_table_contains (r->notes[kind], id))
    return;
  label = g_strconcat (kind ? "en" : "fn", id, NULL);
  if (!g_hash_table_contains (r->noted, label))
    {
      if (r->note_queue->len >= MAX_NOTES)
        {
          warn_once (r, W_NOTES, "too many notes; the rest are left out");
          g_free (label);
          return;
        }
      g_hash_table_add (r->noted, g_strdup (label));
      g_ptr_array_add (r->note_queue, g_strdup (label));
    }
  push (r, P_NOTE, 0, TRUE, label, NULL);
}

/* The mc:Choice Word prefers, or the fallback. */
static const xmlNode *
alternate (const xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    if (docx_is (c, MC_NS, "Choice"))
      return c;
  for (xmlNode *c = node->children; c; c = c->next)
    if (docx_is (c, MC_NS, "Fallback"))
      return c;
  return NULL;
}

static void run_content (Reader *r, const xmlNode *c, guint fmt, int depth);

static void
run_children (Reader *r, const xmlNode *run, guint fmt, int depth)
{
  for (xmlNode *c = run->children; c; c = c->next)
    run_content (r, c, fmt, depth);
}

static void
run_content (Reader *r, const xmlNode *c, guint fmt, int depth)
{
  g_autofree char *type = NULL;

  if (c->type != XML_ELEMENT_NODE || too_deep (r, depth))
    return;
  if (docx_is_w (c, "t"))
    {
      xmlChar *t = xmlNodeGetContent (c);

      add_text (r, (const char *) t, fmt);
      xmlFree (t);
    }
  else if (docx_is_w (c, "tab") || docx_is_w (c, "ptab"))
    push (r, P_TEXT, fmt, TRUE, g_strdup ("\t"), NULL);
  else if (docx_is_w (c, "br"))
    {
      type = docx_w_attr (c, "type");
      /* A page or column break is no line of its own: a space keeps the
       * words on either side apart. */
      if (type && strcmp (type, "textWrapping") != 0)
        push (r, P_TEXT, fmt, TRUE, g_strdup (" "), NULL);
      else
        push (r, P_BREAK, fmt, TRUE, NULL, NULL);
    }
  else if (docx_is_w (c, "cr"))
    push (r, P_BREAK, fmt, TRUE, NULL, NULL);
  else if (docx_is_w (c, "noBreakHyphen"))
    add_text (r, "\u2011", fmt);
  else if (docx_is_w (c, "softHyphen"))
    add_text (r, "\u00AD", fmt);
  else if (docx_is_w (c, "sym"))
    {
      g_autofree char *hex = docx_w_attr (c, "char");
      gunichar u = hex ? (gunichar) strtoul (hex, NULL, 16) : 0;
      char buf[8] = { 0 };

      /* F000–F0FF are a symbol font's own code points: no text. */
      if (u >= 0x20 && (u < 0xF000 || u > 0xF0FF) && g_unichar_validate (u))
        {
          g_unichar_to_utf8 (u, buf);
          add_text (r, buf, fmt);
        }
    }
  else if (docx_is_w (c, "footnoteReference"))
    note_reference (r, c, 0);
  else if (docx_is_w (c, "endnoteReference"))
    note_reference (r, c, 1);
  else if (docx_is_w (c, "drawing") || docx_is_w (c, "pict") || docx_is_w (c, "object"))
    drawing (r, c, fmt, depth);
  else if (docx_is (c, MC_NS, "AlternateContent"))
    {
      const xmlNode *alt = alternate (c);

      if (alt)
        run_children (r, alt, fmt, depth + 1);
    }
  else if (docx_is_w (c, "ruby"))
    {
      xmlNode *base = docx_w_child (c, "rubyBase");

      if (base)
        inlines (r, base, depth + 1);
    }
  else if (docx_is_w (c, "fldChar"))
    warn_once (r, W_FIELD, "fields are kept as the text Word last showed for them");
}

static void
run (Reader *r, const xmlNode *node, int depth)
{
  xmlNode *rpr = docx_w_child (node, "rPr");
  guint fmt = 0, on = 0, off = 0;
  int v;

  if (rpr && docx_w_child (rpr, "rStyle"))
    {
      g_autofree char *id = docx_w_attr (docx_w_child (rpr, "rStyle"), "val");

      docx_styles_run (r->styles, id, &on, &off);
      fmt = on & ~off;
    }
  if ((v = docx_toggle (rpr, "b")) >= 0)
    fmt = v ? fmt | DOCX_F_STRONG : fmt & ~DOCX_F_STRONG;
  if ((v = docx_toggle (rpr, "i")) >= 0)
    fmt = v ? fmt | DOCX_F_EMPH : fmt & ~DOCX_F_EMPH;
  if ((v = docx_toggle (rpr, "strike")) >= 0)
    fmt = v ? fmt | DOCX_F_STRIKE : fmt & ~DOCX_F_STRIKE;
  if (docx_toggle (rpr, "dstrike") > 0)
    fmt |= DOCX_F_STRIKE;
  run_children (r, node, fmt, depth + 1);
}

static void
hyperlink (Reader *r, const xmlNode *node, int depth)
{
  g_autofree char *rid = docx_r_attr (node, "id");
  g_autofree char *anchor = docx_w_attr (node, "anchor");
  const DocxRel *rel = lookup_rel (r, rid);
  char *url = NULL;

  if (rel && rel->external)
    url = anchor ? g_strconcat (rel->target, "#", anchor, NULL) : g_strdup (rel->target);
  else if (anchor && *anchor)
    url = g_strconcat ("#", anchor, NULL);
  if (!url)
    {
      inlines (r, node, depth + 1);
      return;
    }
  push (r, P_LINK_OPEN, 0, TRUE, NULL, url);
  inlines (r, node, depth + 1);
  push (r, P_LINK_CLOSE, 0, TRUE, NULL, NULL);
}

static gboolean
is_wrapper (const xmlNode *c)
{
  static const char *const names[] = {
    "ins", "moveTo", "smartTag", "customXml", "dir", "bdo", "sdtContent",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (docx_is_w (c, names[i]))
      return TRUE;
  return FALSE;
}

static void
bookmark (Reader *r, const xmlNode *c)
{
  g_autofree char *name = NULL;

  if (r->bookmark)
    return;
  name = docx_w_attr (c, "name");
  /* _GoBack is Word's "last edit" mark, not an anchor anyone links to. */
  if (name && *name && strcmp (name, "_GoBack") != 0)
    r->bookmark = g_steal_pointer (&name);
}

/* The children of a paragraph, or of anything that wraps runs. */
static void
inlines (Reader *r, const xmlNode *parent, int depth)
{
  if (too_deep (r, depth))
    return;
  for (xmlNode *c = parent->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (docx_is_w (c, "r"))
        run (r, c, depth);
      else if (docx_is_w (c, "hyperlink"))
        hyperlink (r, c, depth);
      else if (docx_is_w (c, "fldSimple"))
        {
          warn_once (r, W_FIELD, "fields are kept as the text Word last showed for them");
          inlines (r, c, depth + 1);
        }
      else if (is_wrapper (c))
        inlines (r, c, depth + 1);
      else if (docx_is_w (c, "sdt") && docx_w_child (c, "sdtContent"))
        inlines (r, docx_w_child (c, "sdtContent"), depth + 1);
      else if (docx_is_w (c, "bookmarkStart"))
        bookmark (r, c);
      else if (docx_is (c, M_NS, "oMath") || docx_is (c, M_NS, "oMathPara"))
        {
          /* Set off by spaces, so an equation's text is words of its own. */
          warn_once (r, W_MATH, "equations are kept as their text");
          push (r, P_TEXT, 0, TRUE, g_strdup (" "), NULL);
          math_text (r, c, depth + 1);
          push (r, P_TEXT, 0, TRUE, g_strdup (" "), NULL);
        }
      else if (docx_is (c, MC_NS, "AlternateContent") && alternate (c))
        inlines (r, alternate (c), depth + 1);
      else if (docx_is_w (c, "drawing") || docx_is_w (c, "pict"))
        drawing (r, c, 0, depth);
    }
}

/* ------------------------------------------------------- text from blocks */

static void
flatten_table (Reader *r, const xmlNode *tbl, int depth)
{
  gboolean first = TRUE;

  if (too_deep (r, depth))
    return;
  for (xmlNode *tr = tbl->children; tr; tr = tr->next)
    {
      if (!docx_is_w (tr, "tr"))
        continue;
      if (!first)
        push (r, P_BREAK, 0, TRUE, NULL, NULL);
      first = FALSE;
      for (xmlNode *tc = tr->children; tc; tc = tc->next)
        if (docx_is_w (tc, "tc"))
          {
            push (r, P_TEXT, 0, TRUE, g_strdup (" "), NULL);
            flatten_blocks (r, tc, depth + 1);
          }
    }
}

/* Blocks as inlines: a cell's paragraphs, a text box, a nested table. */
static void
flatten_blocks (Reader *r, const xmlNode *container, int depth)
{
  gboolean first = TRUE;

  if (too_deep (r, depth))
    return;
  for (xmlNode *c = container->children; c; c = c->next)
    {
      if (docx_is_w (c, "p"))
        {
          if (!first)
            push (r, P_BREAK, 0, TRUE, NULL, NULL);
          inlines (r, c, depth + 1);
          first = FALSE;
        }
      else if (docx_is_w (c, "tbl"))
        {
          warn_once (r, W_NESTED, "a table in a table cell or text box is kept as its text");
          if (!first)
            push (r, P_BREAK, 0, TRUE, NULL, NULL);
          flatten_table (r, c, depth + 1);
          first = FALSE;
        }
      else if (docx_is_w (c, "sdt") && docx_w_child (c, "sdtContent"))
        flatten_blocks (r, docx_w_child (c, "sdtContent"), depth + 1);
      else if (is_wrapper (c))
        flatten_blocks (r, c, depth + 1);
    }
}

/* ----------------------------------------------------------------- tables */

static int
int_attr (const xmlNode *node, const char *local, int fallback)
{
  g_autofree char *v = node ? docx_w_attr (node, local) : NULL;
  long n;

  if (!v)
    return fallback;
  n = strtol (v, NULL, 10);
  return n < 1 || n > MAX_COLUMNS ? fallback : (int) n;
}

/* The rows of a table, through any content controls around them. */
static void
collect_rows (const xmlNode *node, GPtrArray *rows, int depth)
{
  if (depth > 4)
    return;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (docx_is_w (c, "tr"))
        g_ptr_array_add (rows, c);
      else if (docx_is_w (c, "sdt") || docx_is_w (c, "sdtContent") || is_wrapper (c))
        collect_rows (c, rows, depth + 1);
    }
}

static void
collect_cells (const xmlNode *node, GPtrArray *cells, int depth)
{
  if (depth > 4)
    return;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (docx_is_w (c, "tc"))
        g_ptr_array_add (cells, c);
      else if (docx_is_w (c, "sdt") || docx_is_w (c, "sdtContent") || is_wrapper (c))
        collect_cells (c, cells, depth + 1);
    }
}

static guint
grid_columns (const xmlNode *tbl)
{
  xmlNode *grid = docx_w_child (tbl, "tblGrid");
  guint n = 0;

  for (xmlNode *c = grid ? grid->children : NULL; c; c = c->next)
    if (docx_is_w (c, "gridCol"))
      n++;
  return MIN (n, MAX_COLUMNS);
}

/* One row. The model has no spans: a cell Word merged across columns
 * (w:gridSpan) keeps its text in its first column and the others are
 * left empty, so the columns still line up; a vertically merged cell is
 * the empty cell Word keeps for it. */
static void
table_row (Reader *r, const xmlNode *tr, int depth)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  xmlNode *trpr = docx_w_child (tr, "trPr");
  guint n = 0;

  collect_cells (tr, cells, 0);
  prensa_builder_open_table_row (r->b, docx_toggle (trpr, "tblHeader") > 0, 0, 0);
  for (guint i = 0; i < cells->len && n < MAX_COLUMNS; i++)
    {
      const xmlNode *tc = cells->pdata[i];
      xmlNode *tcpr = docx_w_child (tc, "tcPr");
      int span = int_attr (docx_w_child (tcpr, "gridSpan"), "val", 1);

      prensa_builder_open (r->b, PRENSA_NODE_TABLE_CELL, 0, 0);
      flatten_blocks (r, tc, depth + 1);
      emit_pieces (r);
      prensa_builder_close (r->b, PRENSA_NODE_TABLE_CELL);
      for (n++; span > 1 && n < MAX_COLUMNS; span--, n++)
        {
          prensa_builder_open (r->b, PRENSA_NODE_TABLE_CELL, 0, 0);
          prensa_builder_close (r->b, PRENSA_NODE_TABLE_CELL);
        }
    }
  if (n >= MAX_COLUMNS)
    warn_once (r, W_WIDE, "a table wider than 1000 columns is cut there");
  prensa_builder_close (r->b, PRENSA_NODE_TABLE_ROW);
}

static void
table (Reader *r, const xmlNode *tbl, int depth)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  close_all (r);
  r->last_figure = r->last_rule = FALSE;
  collect_rows (tbl, rows, 0);
  if (rows->len == 0)
    return;
  prensa_builder_open_table (r->b, grid_columns (tbl), NULL, 0, 0);
  for (guint i = 0; i < rows->len; i++)
    table_row (r, rows->pdata[i], depth);
  prensa_builder_close (r->b, PRENSA_NODE_TABLE);
}

/* ------------------------------------------------------------- paragraphs */

static void
para_style (Reader *r, const xmlNode *p, DocxParaStyle *ps)
{
  xmlNode *ppr = docx_w_child (p, "pPr");
  xmlNode *num = docx_w_child (ppr, "numPr");
  xmlNode *outline = docx_w_child (ppr, "outlineLvl");
  g_autofree char *style = NULL;

  if (docx_w_child (ppr, "pStyle"))
    style = docx_w_attr (docx_w_child (ppr, "pStyle"), "val");
  docx_styles_para (r->styles, style, ps);
  if (num)
    {
      g_autofree char *id = docx_w_child (num, "numId")
                            ? docx_w_attr (docx_w_child (num, "numId"), "val") : NULL;
      g_autofree char *lvl = docx_w_child (num, "ilvl")
                             ? docx_w_attr (docx_w_child (num, "ilvl"), "val") : NULL;

      if (id)
        ps->num_id = (int) CLAMP (strtol (id, NULL, 10), -1, G_MAXINT);
      if (lvl || id)
        ps->ilvl = lvl ? (int) CLAMP (strtol (lvl, NULL, 10), 0, 8) : 0;
    }
  if (outline && ps->kind == DOCX_KIND_NONE)
    {
      g_autofree char *v = docx_w_attr (outline, "val");
      long level = v ? strtol (v, NULL, 10) : 9;

      if (level >= 0 && level < 9)
        ps->kind = DOCX_KIND_HEADING, ps->level = (int) level + 1;
    }
  if (r->in_note && ps->kind != DOCX_KIND_CODE && ps->kind != DOCX_KIND_QUOTE
      && ps->kind != DOCX_KIND_LIST_PARAGRAPH)
    ps->kind = DOCX_KIND_NONE;
}

static gboolean
safe_id (const char *id)
{
  if (!id || !*id || strlen (id) > 128)
    return FALSE;
  for (const char *s = id; *s; s++)
    if (!g_ascii_isalnum (*s) && *s != '_' && *s != '-' && *s != '.')
      return FALSE;
  return TRUE;
}

static void
heading (Reader *r, int level)
{
  close_all (r);
  prensa_builder_open_heading (r->b, CLAMP (level, 1, 6),
                               safe_id (r->bookmark) ? r->bookmark : NULL, 0, 0);
  emit_pieces (r);
  prensa_builder_close (r->b, PRENSA_NODE_HEADING);
}

static void
code_line (Reader *r)
{
  g_autofree char *text = plain_text (r, "\n");

  close_lists (r, 0);
  if (r->quote)
    close_all (r);
  if (!r->code)
    r->code = g_string_new (NULL);
  g_string_append (r->code, text);
  g_string_append_c (r->code, '\n');
  clear_pieces (r);
}

static gboolean
lone_image (Reader *r)
{
  guint images = 0;

  for (guint i = 0; i < r->pieces->len; i++)
    {
      const Piece *p = &g_array_index (r->pieces, Piece, i);

      if (p->type == P_IMAGE)
        images++;
      else if (p->type != P_TEXT || !p->space)
        return FALSE;
    }
  return images == 1;
}

/* The title block prensa's writer (or Word's Title style) opens with: the
 * title and subtitle go to the metadata; prensa's byline and date restate
 * the metadata and are dropped. TRUE when the paragraph was used up. */
static gboolean
title_block (Reader *r, const DocxParaStyle *ps)
{
  g_autofree char *text = NULL;

  switch (ps->kind)
    {
    case DOCX_KIND_TITLE:
    case DOCX_KIND_SUBTITLE:
      if (ps->kind == DOCX_KIND_TITLE ? r->title_set : r->subtitle_set)
        return FALSE;
      text = plain_text (r, " ");
      prensa_builder_set_meta_string (r->b, ps->kind == DOCX_KIND_TITLE ? "title" : "subtitle",
                                      g_strstrip (text));
      *(ps->kind == DOCX_KIND_TITLE ? &r->title_set : &r->subtitle_set) = TRUE;
      return TRUE;
    case DOCX_KIND_BYLINE:
    case DOCX_KIND_DATE:
      return r->prensa_made;
    case DOCX_KIND_CAPTION:
      /* prensa's writer repeats a figure's alt text as its caption. */
      return r->prensa_made && r->last_figure;
    default:
      return FALSE;
    }
}

static void
paragraph (Reader *r, const xmlNode *p, int depth)
{
  DocxParaStyle ps;
  gboolean figure;

  para_style (r, p, &ps);
  g_clear_pointer (&r->bookmark, g_free);
  inlines (r, p, depth + 1);
  if (ps.kind == DOCX_KIND_RULE)
    {
      close_all (r);
      if (!r->last_rule)
        prensa_builder_add (r->b, PRENSA_NODE_THEMATIC_BREAK, NULL, 0, NULL, 0, 0);
      r->last_rule = TRUE;
      r->last_figure = FALSE;
      clear_pieces (r);
      return;
    }
  if (ps.kind == DOCX_KIND_CODE)
    {
      code_line (r);
      return;
    }
  if (!has_content (r) || title_block (r, &ps))
    {
      clear_pieces (r);
      return;
    }
  figure = lone_image (r);
  if (ps.kind == DOCX_KIND_BACK_MATTER && !r->back_matter)
    {
      /* The model's back matter follows a thematic break after the last
       * turn: prensa's writer draws none, its style says where it is. */
      close_all (r);
      if (!r->last_rule)
        prensa_builder_add (r->b, PRENSA_NODE_THEMATIC_BREAK, NULL, 0, NULL, 0, 0);
      r->back_matter = TRUE;
    }
  r->last_rule = FALSE;
  r->last_figure = figure;
  if (ps.num_id > 0 && docx_styles_list (r->styles, ps.num_id, ps.ilvl,
                                         &(PrensaListType) { 0 }, &(PrensaListDelim) { 0 },
                                         &(int) { 0 }))
    list_paragraph (r, ps.num_id, ps.ilvl);
  else if (ps.kind == DOCX_KIND_LIST_PARAGRAPH && r->n_lists > 0)
    {
      flush_code (r);
      emit_paragraph (r);
    }
  else if (ps.kind == DOCX_KIND_HEADING || ps.kind == DOCX_KIND_TITLE)
    heading (r, ps.kind == DOCX_KIND_TITLE ? 1 : ps.level);
  else if (ps.kind == DOCX_KIND_PULL_QUOTE)
    {
      /* A sentence repeated as a pull quote (prensa's own style) comes
       * back as one, not as a paragraph of the conversation. */
      close_all (r);
      prensa_builder_open (r->b, PRENSA_NODE_PULL_QUOTE, 0, 0);
      emit_paragraph (r);
      prensa_builder_close (r->b, PRENSA_NODE_PULL_QUOTE);
    }
  else if (ps.kind == DOCX_KIND_QUOTE)
    {
      flush_code (r);
      close_lists (r, 0);
      if (!r->quote)
        prensa_builder_open (r->b, PRENSA_NODE_BLOCK_QUOTE, 0, 0);
      r->quote = TRUE;
      emit_paragraph (r);
    }
  else
    {
      close_all (r);
      emit_paragraph (r);
    }
}

static void
blocks (Reader *r, const xmlNode *container, int depth)
{
  if (too_deep (r, depth))
    return;
  for (xmlNode *c = container->children; c && !r->error; c = c->next)
    {
      if (docx_is_w (c, "p"))
        paragraph (r, c, depth);
      else if (docx_is_w (c, "tbl"))
        table (r, c, depth);
      else if (docx_is_w (c, "sdt") && docx_w_child (c, "sdtContent"))
        blocks (r, docx_w_child (c, "sdtContent"), depth + 1);
      else if (is_wrapper (c))
        blocks (r, c, depth + 1);
      else if (docx_is (c, MC_NS, "AlternateContent") && alternate (c))
        blocks (r, alternate (c), depth + 1);
      else if (docx_is_w (c, "altChunk"))
        warn_once (r, W_ALTCHUNK, "embedded documents (altChunk) are left out");
    }
}

/* ------------------------------------------------------------------ notes */

static gboolean
load_notes (Reader *r, int kind)
{
  const char *type = kind ? "endnotes" : "footnotes";
  const DocxRel *rel = docx_rels_find_type (r->main_rels, type);
  xmlDoc *doc;

  r->notes[kind] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->notes_loaded[kind] = TRUE;
  if (!rel)
    return TRUE;
  doc = docx_package_parse (r->pkg, rel->target, &r->error);
  if (!doc)
    return r->error == NULL;
  r->note_docs[kind] = doc;
  r->note_parts[kind] = g_strdup (rel->target);
  r->note_rels[kind] = docx_package_rels (r->pkg, rel->target, &r->error);
  if (!r->note_rels[kind])
    return FALSE;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n; n = n->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *ntype = NULL;

      if (!docx_is_w (n, kind ? "endnote" : "footnote"))
        continue;
      ntype = docx_w_attr (n, "type");
      /* The separator lines Word draws above the notes are no notes. */
      if (ntype && strcmp (ntype, "normal") != 0)
        continue;
      id = docx_w_attr (n, "id");
      if (id && !g_hash_table_contains (r->notes[kind], id))
        g_hash_table_insert (r->notes[kind], g_steal_pointer (&id), n);
    }
  return TRUE;
}

static void
note_definitions (Reader *r)
{
  r->in_note = TRUE;
  for (guint i = 0; i < r->note_queue->len && !r->error; i++)
    {
      const char *label = r->note_queue->pdata[i];
      int kind = label[0] == 'e';
      const xmlNode *note = g_hash_table_lookup (r->notes[kind], label + 2);

      r->rels = r->note_rels[kind];
      prensa_builder_open_footnote_definition (r->b, label, 0, 0);
      blocks (r, note, 1);
      close_all (r);
      prensa_builder_close (r->b, PRENSA_NODE_FOOTNOTE_DEFINITION);
    }
  r->in_note = FALSE;
}

static void
reader_clear (Reader *r)
{
  for (int k = 0; k < 2; k++)
    {
      g_clear_pointer (&r->note_docs[k], xmlFreeDoc);
      g_clear_pointer (&r->note_rels[k], g_hash_table_unref);
      g_clear_pointer (&r->notes[k], g_hash_table_unref);
      g_clear_pointer (&r->note_parts[k], g_free);
    }
  g_clear_pointer (&r->main_rels, g_hash_table_unref);
  g_clear_pointer (&r->pieces, g_array_unref);
  g_clear_pointer (&r->images, g_hash_table_unref);
  g_clear_pointer (&r->note_queue, g_ptr_array_unref);
  g_clear_pointer (&r->noted, g_hash_table_unref);
  g_clear_pointer (&r->bookmark, g_free);
  g_clear_pointer (&r->styles, docx_styles_free_read);
  if (r->code)
    g_string_free (r->code, TRUE);
  r->code = NULL;
}

/* styles.xml and numbering.xml, through the main part's relationships. */
static gboolean
load_styles (Reader *r)
{
  const DocxRel *srel = docx_rels_find_type (r->main_rels, "styles");
  const DocxRel *nrel = docx_rels_find_type (r->main_rels, "numbering");
  xmlDoc *styles = srel ? docx_package_parse (r->pkg, srel->target, &r->error) : NULL;
  xmlDoc *numbering = NULL;

  if (!r->error && nrel)
    numbering = docx_package_parse (r->pkg, nrel->target, &r->error);
  if (!r->error)
    r->styles = docx_styles_read (styles, numbering);
  if (styles)
    xmlFreeDoc (styles);
  if (numbering)
    xmlFreeDoc (numbering);
  return r->error == NULL;
}

gboolean
docx_body_read (PrensaBuilder *b, DocxPackage *pkg, const char *main_part,
                gboolean prensa_made, gboolean *title_set, GError **error)
{
  Reader r = { 0 };
  xmlDoc *doc = NULL;
  xmlNode *body;

  r.b = b;
  r.pkg = pkg;
  r.main_part = main_part;
  r.prensa_made = prensa_made;
  r.pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_array_set_clear_func (r.pieces, piece_clear);
  r.images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.note_queue = g_ptr_array_new_with_free_func (g_free);
  r.noted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.main_rels = docx_package_rels (pkg, main_part, &r.error);
  if (r.main_rels && load_styles (&r) && load_notes (&r, 0) && load_notes (&r, 1))
    doc = docx_package_parse (pkg, main_part, &r.error);
  if (doc)
    {
      body = docx_w_child (xmlDocGetRootElement (doc), "body");
      if (!docx_is_w (xmlDocGetRootElement (doc), "document") || !body)
        g_set_error (&r.error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                     "%s: %s is not a WordprocessingML document (no w:document/w:body)",
                     pkg->name, main_part);
      else
        {
          r.rels = r.main_rels;
          blocks (&r, body, 0);
          close_all (&r);
          note_definitions (&r);
        }
      xmlFreeDoc (doc);
    }
  else if (!r.error)
    g_set_error (&r.error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                 "%s: not a Word document (no %s in the package)", pkg->name, main_part);
  *title_set = r.title_set;
  reader_clear (&r);
  if (r.error)
    {
      g_propagate_error (error, r.error);
      return FALSE;
    }
  return TRUE;
}
