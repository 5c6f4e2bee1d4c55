/* epub-plan.c: splitting the document into chapter files, placing every
 * id, and building the table of contents, before anything is written.
 *
 * Chapters are runs of a part's top-level blocks: a new one starts at
 * each part and at each top-level heading of level split-level or above.
 * Headings inside turns, quotes and lists never split, so a file always
 * holds whole blocks. Headings inside the standfirst or back matter stay
 * in place but are listed in the table of contents.
 *
 * Footnotes are the last children of their part, but a pop-up note must
 * sit in the same file as the reference that opens it: each note goes
 * to the end of the chapter that holds its first reference, and is never
 * in the table of contents.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <string.h>

#define NAV_MAX_DEPTH 7

typedef struct {
  GPtrArray *top;
  EpubNavItem *items[NAV_MAX_DEPTH];
  int levels[NAV_MAX_DEPTH];
  int depth;
} NavBuilder;

void
epub_nav_item_free (gpointer data)
{
  EpubNavItem *item = data;

  g_free (item->label);
  g_free (item->href);
  g_ptr_array_unref (item->children);
  g_free (item);
}

void
epub_part_free (gpointer data)
{
  EpubPart *part = data;

  g_free (part->title);
  g_free (part->subtitle);
  g_strfreev (part->authors);
  g_free (part->source);
  g_free (part->label);
  g_free (part);
}

void
epub_chapter_free (gpointer data)
{
  EpubChapter *chapter = data;

  g_free (chapter->file);
  g_free (chapter->title);
  g_ptr_array_unref (chapter->notes);
  if (chapter->xhtml != NULL)
    g_string_free (chapter->xhtml, TRUE);
  g_free (chapter);
}

static EpubNavItem *
nav_item_new (const EpubBook *book, const char *label, const char *file, const char *anchor)
{
  EpubNavItem *item = g_new0 (EpubNavItem, 1);
  g_autofree char *text = g_strstrip (g_strdup (label != NULL ? label : ""));

  item->label = g_strdup (*text != '\0' ? text : prensa_word (book->lang, PRENSA_WORD_SECTION));
  item->href = anchor != NULL ? g_strconcat (file, "#", anchor, NULL)
                              : g_strdup (file);
  item->children = g_ptr_array_new_with_free_func (epub_nav_item_free);
  return item;
}

/* Nests @item under the nearest earlier entry of a higher level, so a
 * level skipped (an h3 after an h1) still gives a well-formed tree. */
static void
nav_add (EpubBook *book, NavBuilder *builder, int level, EpubNavItem *item)
{
  GPtrArray *into;

  while (builder->depth > 0 && builder->levels[builder->depth - 1] >= level)
    builder->depth--;
  into = builder->depth > 0 ? builder->items[builder->depth - 1]->children
                            : builder->top;
  g_ptr_array_add (into, item);
  book->n_nav_items++;
  if (builder->depth < NAV_MAX_DEPTH)
    {
      builder->items[builder->depth] = item;
      builder->levels[builder->depth] = level;
      builder->depth++;
    }
}

static char *
part_title (EpubBook *book, const PrensaNode *node, const PrensaValue *meta,
            guint index)
{
  const char *title = meta ? prensa_value_lookup_string (meta, "title") : NULL;
  const char *source = prensa_node_get_part_source (node);
  const PrensaNode *child;

  if (!book->toolkit)
    return g_strdup (book->title);
  if (title != NULL && *title != '\0')
    return g_strstrip (g_strdup (title));
  for (child = prensa_node_first_child (node); child != NULL;
       child = prensa_node_next (child))
    if (prensa_node_get_node_type (child) == PRENSA_NODE_HEADING)
      return prensa_node_dup_text (child);
  if (source != NULL && strcmp (source, "-") != 0)
    {
      g_autofree char *base = g_path_get_basename (source);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      return g_steal_pointer (&base);
    }
  return g_strdup_printf ("Part %u", index + 1);
}

static EpubPart *
part_new (EpubBook *book, const PrensaNode *node)
{
  EpubPart *part = g_new0 (EpubPart, 1);
  const PrensaValue *meta = prensa_node_get_part_meta (node);
  const PrensaValue *authors = meta ? prensa_value_lookup (meta, "author") : NULL;
  const char *source = prensa_node_get_part_source (node);
  const char *subtitle = meta ? prensa_value_lookup_string (meta, "subtitle") : NULL;

  part->node = node;
  part->index = book->parts->len;
  part->title = part_title (book, node, meta, part->index);
  part->subtitle = book->toolkit ? g_strdup (subtitle) : g_strdup (book->subtitle);
  part->authors = authors != NULL ? prensa_value_dup_strv (authors)
                                  : g_new0 (char *, 1);
  if (source != NULL && strcmp (source, "-") != 0)
    part->source = g_canonicalize_filename (source, NULL);
  part->label = g_strdup (source != NULL ? source : "<stdin>");
  return part;
}

static gboolean
is_split_heading (EpubBook *book, const PrensaNode *node)
{
  return prensa_node_get_node_type (node) == PRENSA_NODE_HEADING
         && prensa_node_get_heading_level (node) <= book->split_level;
}

static EpubChapter *
chapter_new (EpubBook *book, EpubPart *part, const PrensaNode *first)
{
  EpubChapter *chapter = g_new0 (EpubChapter, 1);

  chapter->index = book->chapters->len;
  chapter->file = g_strdup_printf ("chapter-%03u.xhtml", chapter->index + 1);
  chapter->part = part;
  chapter->first = chapter->last = first;
  chapter->starts_part = first == prensa_node_first_child (part->node);
  chapter->notes = g_ptr_array_new ();
  if (first != NULL && prensa_node_get_node_type (first) == PRENSA_NODE_HEADING)
    chapter->title = prensa_node_dup_text (first);
  if (chapter->title == NULL || *g_strstrip (chapter->title) == '\0')
    {
      g_free (chapter->title);
      chapter->title = g_strdup (part->title);
    }
  g_ptr_array_add (book->chapters, chapter);
  return chapter;
}

static void
split_part (EpubBook *book, EpubPart *part)
{
  const PrensaNode *child = prensa_node_first_child (part->node);
  EpubChapter *current = NULL;

  part->first_chapter = book->chapters->len;
  for (; child != NULL; child = prensa_node_next (child))
    {
      /* written with their first reference instead (place_ids) */
      if (prensa_node_get_node_type (child) == PRENSA_NODE_FOOTNOTE_DEFINITION)
        continue;
      if (current == NULL || is_split_heading (book, child))
        current = chapter_new (book, part, child);
      current->last = child;
    }
  /* An empty part still gets its page. */
  if (current == NULL)
    chapter_new (book, part, NULL);
}

EpubTarget *
epub_target_new (guint chapter, guint part, const PrensaNode *owner,
                 const char *id)
{
  EpubTarget *target = g_new (EpubTarget, 1);

  target->chapter = chapter;
  target->part = part;
  target->owner = owner;
  target->id = g_strdup (id);
  return target;
}

void
epub_target_free (gpointer data)
{
  EpubTarget *target = data;

  g_free (target->id);
  g_free (target);
}

/* The core makes anchors unique across the whole book by adding "-1",
 * "-2"…; a link written in a later input still uses the anchor its
 * heading had on its own, so that form is kept as an alias. */
static void
add_heading_target (EpubBook *book, EpubChapter *chapter, const PrensaNode *heading)
{
  const char *anchor = prensa_node_get_anchor (heading);
  const char *dash;
  g_autofree char *alias = NULL;

  if (anchor == NULL || g_hash_table_contains (book->targets, anchor))
    return;
  g_hash_table_insert (book->targets, g_strdup (anchor),
                       epub_target_new (chapter->index, chapter->part->index,
                                        heading, anchor));
  dash = strrchr (anchor, '-');
  if (dash == NULL || dash == anchor || dash[1] == '\0'
      || strspn (dash + 1, "0123456789") != strlen (dash + 1))
    return;
  alias = g_strdup_printf ("%u\x1f%.*s", chapter->part->index,
                           (int) (dash - anchor), anchor);
  if (!g_hash_table_contains (book->aliases, alias))
    g_hash_table_insert (book->aliases, g_steal_pointer (&alias),
                         epub_target_new (chapter->index, chapter->part->index,
                                          heading, anchor));
}

static void
add_target (EpubBook *book, EpubChapter *chapter, const PrensaNode *owner,
            const char *id)
{
  if (id != NULL && !g_hash_table_contains (book->targets, id))
    g_hash_table_insert (book->targets, g_strdup (id),
                         epub_target_new (chapter->index, chapter->part->index,
                                          owner, id));
}

/* A reference's anchor stays where it is; the note it opens first comes
 * to this chapter. */
static void
add_reference_target (EpubBook *book, EpubChapter *chapter, const PrensaNode *ref)
{
  const PrensaNode *note = prensa_node_get_footnote (ref);

  add_target (book, chapter, ref, prensa_node_get_anchor (ref));
  if (note == NULL || prensa_node_get_footnote (note) != ref)
    return;
  g_ptr_array_add (chapter->notes, (gpointer) note);
  add_target (book, chapter, note, prensa_node_get_anchor (note));
}

/* The ids raw HTML in @owner keeps (epub_html_parse() reads it here, once
 * for the whole conversion), in the part @owner is in. */
static void
add_html_targets (EpubBook *book, EpubChapter *chapter, const PrensaNode *owner)
{
  const EpubFragment *fragment = epub_html_parse (book, owner);
  const GPtrArray *ids;
  guint part, i;

  if (fragment == NULL)
    return;
  ids = prensa_fragment_get_ids (fragment);
  part = epub_book_part_of (book, owner)->index;
  for (i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (!g_hash_table_contains (book->targets, id))
        g_hash_table_insert (book->targets, g_strdup (id),
                             epub_target_new (chapter->index, part, owner, id));
    }
}

/* The core's anchors (headings, notes, references) first, so an id in raw
 * HTML never takes one of them. */
static void
place_ids (EpubBook *book, EpubChapter *chapter, const PrensaNode *top,
           gboolean headings)
{
  g_autoptr(PrensaIter) iter = prensa_iter_new (top);
  PrensaEventType event;

  while ((event = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *node = prensa_iter_get_node (iter);
      PrensaNodeType type = prensa_node_get_node_type (node);
      if (event != PRENSA_EVENT_ENTER)
        continue;
      if (type == PRENSA_NODE_HEADING && headings)
        add_heading_target (book, chapter, node);
      else if (type == PRENSA_NODE_FOOTNOTE_REFERENCE && headings)
        add_reference_target (book, chapter, node);
      if (headings)
        continue;
      if (type == PRENSA_NODE_RAW_BLOCK || type == PRENSA_NODE_PARAGRAPH
          || type == PRENSA_NODE_HEADING || type == PRENSA_NODE_TABLE_CELL)
        add_html_targets (book, chapter, node);
    }
}

static void
nav_add_heading (EpubBook *book, NavBuilder *builder, EpubChapter *chapter,
                 const PrensaNode *heading)
{
  int level = prensa_node_get_heading_level (heading);
  g_autofree char *text = NULL;

  book->has_headings = TRUE;
  if (level > book->toc_depth)
    return;
  text = prensa_node_dup_text (heading);
  nav_add (book, builder, level,
           nav_item_new (book, text, chapter->file, prensa_node_get_anchor (heading)));
}

static gboolean
is_listed_heading (EpubBook *book, const PrensaNode *node)
{
  return node != NULL
         && prensa_node_get_node_type (node) == PRENSA_NODE_HEADING
         && prensa_node_get_heading_level (node) <= book->toc_depth;
}

static void
nav_chapter (EpubBook *book, NavBuilder *builder, EpubChapter *chapter)
{
  const PrensaNode *node;

  if (!is_listed_heading (book, chapter->first)
      && !(book->toolkit && chapter->starts_part))
    nav_add (book, builder, 1, nav_item_new (book, chapter->title, chapter->file, NULL));
  for (node = chapter->first; node != NULL; node = prensa_node_next (node))
    {
      PrensaNodeType type = prensa_node_get_node_type (node);
      const PrensaNode *child;

      if (type == PRENSA_NODE_HEADING)
        nav_add_heading (book, builder, chapter, node);
      else if (type == PRENSA_NODE_STANDFIRST || type == PRENSA_NODE_BACK_MATTER)
        for (child = prensa_node_first_child (node); child != NULL;
             child = prensa_node_next (child))
          if (prensa_node_get_node_type (child) == PRENSA_NODE_HEADING)
            nav_add_heading (book, builder, chapter, child);
      if (node == chapter->last)
        break;
    }
}

static void
build_nav (EpubBook *book)
{
  NavBuilder builder = { book->nav, { NULL }, { 0 }, 0 };
  EpubPart *part = NULL;
  guint i;

  for (i = 0; i < book->chapters->len; i++)
    {
      EpubChapter *chapter = g_ptr_array_index (book->chapters, i);

      if (book->toolkit && chapter->part != part)
        {
          EpubNavItem *item = nav_item_new (book, chapter->part->title, chapter->file, NULL);

          part = chapter->part;
          g_ptr_array_add (book->nav, item);
          book->n_nav_items++;
          builder = (NavBuilder) { item->children, { NULL }, { 0 }, 0 };
        }
      nav_chapter (book, &builder, chapter);
    }
}

void
epub_book_plan (EpubBook *book)
{
  const PrensaNode *root = prensa_document_get_root (book->doc);
  const PrensaNode *node;
  guint i, n, pass;

  for (node = prensa_node_first_child (root); node != NULL;
       node = prensa_node_next (node))
    if (prensa_node_get_node_type (node) == PRENSA_NODE_PART)
      g_ptr_array_add (book->parts, part_new (book, node));
  /* An empty document still makes a valid book with one empty chapter. */
  if (book->parts->len == 0)
    g_ptr_array_add (book->parts, part_new (book, root));
  for (i = 0; i < book->parts->len; i++)
    split_part (book, g_ptr_array_index (book->parts, i));
  for (pass = 0; pass < 2; pass++)
    for (i = 0; i < book->chapters->len; i++)
      {
        EpubChapter *chapter = g_ptr_array_index (book->chapters, i);

        for (node = chapter->first; node != NULL; node = prensa_node_next (node))
          {
            place_ids (book, chapter, node, pass == 0);
            if (node == chapter->last)
              break;
          }
        /* the notes the first pass brought here */
        for (n = 0; n < chapter->notes->len; n++)
          place_ids (book, chapter, g_ptr_array_index (chapter->notes, n), pass == 0);
      }
  build_nav (book);
}
