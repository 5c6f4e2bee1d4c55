/* links.c: where each link leads in the book, one rule for every writer.
 *
 * A book made of several inputs keeps the links its authors wrote
 * between them ("one-on-ones.md#asking-in-person"); every format can
 * follow one only once it is resolved to a part of the book and an
 * anchor in it, and none can follow one to a file the book does not
 * hold. So the loader indexes, once, each part's input file, the
 * anchors the core gave (parts, headings, notes) and the ids raw HTML
 * declares; prensa_document_resolve_link() answers from that index; and
 * a link that leads nowhere becomes its text here, with one warning,
 * rather than once per writer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

typedef struct {
  const PrensaNode *node;       /* what carries the anchor */
  const PrensaNode *part;
  const char *anchor;
} Place;

struct _PrensaLinkIndex {
  /* an anchor as the book has it → Place, and "N\x1fanchor" → the Place
   * the anchor leads to in part N (from 0) as that part's author wrote
   * it, were the part the only one */
  GHashTable *places;
  GHashTable *files;            /* canonical input path → PART */
  GHashTable *part_numbers;     /* PART → its index + 1 */
  GHashTable *extensions;       /* the inputs' file name extensions, folded */
};

void
prensa_links_free (struct _PrensaLinkIndex *links)
{
  if (links == NULL)
    return;
  g_hash_table_unref (links->places);
  g_hash_table_unref (links->files);
  g_hash_table_unref (links->part_numbers);
  g_hash_table_unref (links->extensions);
  g_free (links);
}

static void
add_place (PrensaDocument *doc, guint part_no, const PrensaNode *part,
           const PrensaNode *node, const char *anchor, const char *local)
{
  struct _PrensaLinkIndex *ix = doc->links;
  Place *place;

  if (anchor == NULL || g_hash_table_contains (ix->places, anchor))
    return;
  place = prensa_arena_alloc (doc->arena, sizeof *place);
  place->node = node;
  place->part = part;
  place->anchor = anchor;
  g_hash_table_insert (ix->places, (gpointer) anchor, place);
  char *key = g_strdup_printf ("%u\x1f%s", part_no, local ? local : anchor);
  if (!g_hash_table_contains (ix->places, key))
    g_hash_table_insert (ix->places, prensa_arena_strdup (doc->arena, key), place);
  g_free (key);
}

/* A note's id without the part prefix ("fn-p2-3" → "fn-3"), as a part
 * alone would have it. (transfer full) */
static char *
note_local (const char *anchor, guint part_no)
{
  g_autofree char *prefix = g_strdup_printf ("p%u-", part_no + 1);
  const char *dash = strchr (anchor, '-');

  if (part_no == 0 || dash == NULL || !g_str_has_prefix (dash + 1, prefix))
    return g_strdup (anchor);
  return g_strdup_printf ("%.*s%s", (int) (dash + 1 - anchor), anchor,
                          dash + 1 + strlen (prefix));
}

/* The end of the quoted value that opens at @q, or NULL. */
static const char *
skip_quoted (const char *q, const char *end)
{
  return memchr (q + 1, *q, (gsize) (end - q - 1));
}

/* Ids raw HTML declares (id="x", id='x', id=x in a start tag): a link
 * may name one, and a writer that keeps the raw HTML keeps the id. Taken
 * after the core's anchors, so an id in raw HTML never wins over a
 * heading's. One pass over the text, however it is broken. */
static void
index_raw_ids (PrensaDocument *doc, guint part_no, const PrensaNode *part,
               const PrensaNode *raw)
{
  const char *p = raw->literal, *end = raw->literal + raw->length;

  while (p < end && (p = memchr (p, '<', (gsize) (end - p))) != NULL)
    {
      const char *q = p + 1;

      while (q < end && *q != '>' && (q > p + 1 || g_ascii_isalpha (*q)))
        {
          const char *v = q + 3, *stop;

          if (*q == '"' || *q == '\'')
            {
              if ((q = skip_quoted (q, end)) == NULL)
                return;
              q++;
              continue;
            }
          if (!g_ascii_isspace (*q) || end - q < 4 || g_ascii_strncasecmp (q + 1, "id", 2) != 0)
            {
              q++;
              continue;
            }
          while (v < end && g_ascii_isspace (*v))
            v++;
          if (v >= end || *v != '=')
            {
              q++;
              continue;
            }
          for (v++; v < end && g_ascii_isspace (*v); v++)
            ;
          if (v < end && (*v == '"' || *v == '\''))
            {
              if ((stop = skip_quoted (v, end)) == NULL)
                return;
              q = stop + 1;
              v++;
            }
          else
            {
              for (stop = v; stop < end && !g_ascii_isspace (*stop) && *stop != '>'; stop++)
                ;
              q = stop;
            }
          if (stop > v)
            add_place (doc, part_no, part, raw,
                       prensa_arena_strndup (doc->arena, v, (gsize) (stop - v)), NULL);
        }
      p = q;
    }
}

static void
index_part (PrensaDocument *doc, guint part_no, const PrensaNode *part)
{
  g_autoptr (PrensaIter) it = prensa_iter_new (part);
  g_autoptr (GPtrArray) raws = g_ptr_array_new ();
  PrensaEventType ev;

  add_place (doc, part_no, part, part, part->as.part.anchor, NULL);
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *n = prensa_iter_get_node (it);

      if (ev != PRENSA_EVENT_ENTER)
        continue;
      if (n->type == PRENSA_NODE_HEADING)
        add_place (doc, part_no, part, n, n->as.heading.anchor, n->as.heading.local);
      else if (n->type == PRENSA_NODE_FOOTNOTE_DEFINITION
               || n->type == PRENSA_NODE_FOOTNOTE_REFERENCE)
        {
          g_autofree char *local = n->as.note.anchor ? note_local (n->as.note.anchor, part_no) : NULL;

          add_place (doc, part_no, part, n, n->as.note.anchor, local);
        }
      else if (n->type == PRENSA_NODE_RAW_BLOCK || n->type == PRENSA_NODE_RAW_INLINE)
        g_ptr_array_add (raws, (gpointer) n);
    }
  for (guint i = 0; i < raws->len; i++)
    index_raw_ids (doc, part_no, part, raws->pdata[i]);
}

/* The path @part was read from, NULL for standard input. */
static const char *
part_path (const PrensaNode *part)
{
  const char *source = part->as.part.source;

  return source != NULL && strcmp (source, "-") != 0 ? source : NULL;
}

/* @path's extension in lower case ("md"), "" when it has none.
 * (transfer full) */
static char *
extension_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  return g_utf8_strdown (dot && dot != base ? dot + 1 : "", -1);
}

void
prensa_links_index (PrensaDocument *doc, GPtrArray *names)
{
  struct _PrensaLinkIndex *ix = g_new0 (struct _PrensaLinkIndex, 1);
  guint part_no = 0;

  prensa_links_free (doc->links);
  doc->links = ix;
  ix->places = g_hash_table_new (g_str_hash, g_str_equal);
  ix->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ix->part_numbers = g_hash_table_new (NULL, NULL);
  ix->extensions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (const PrensaNode *part = doc->root->first_child; part; part = part->next, part_no++)
    {
      const char *source = part_path (part);
      const char *name = names && part_no < names->len ? names->pdata[part_no] : NULL;

      g_hash_table_insert (ix->part_numbers, (gpointer) part, GUINT_TO_POINTER (part_no + 1));
      if (source != NULL)
        g_hash_table_insert (ix->files, g_canonicalize_filename (source, NULL), (gpointer) part);
      /* an input read from memory still has a name that tells its kind */
      if (source != NULL || name != NULL)
        g_hash_table_add (ix->extensions, extension_of (source ? source : name));
      index_part (doc, part_no, part);
    }
}

/* Whether @href opens with a scheme (RFC 3986: a letter, then letters,
 * digits, "+", "-" or ".", then ":"); a single letter is a drive name,
 * not a scheme. */
static gboolean
has_scheme (const char *href)
{
  const char *p = href;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':' && p - href >= 2;
}

static const PrensaNode *
find_file (const struct _PrensaLinkIndex *ix, const PrensaNode *from, const char *path)
{
  g_autofree char *decoded = g_uri_unescape_string (path, NULL);
  const char *source = part_path (from);
  g_autofree char *base = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *full = NULL;

  if (decoded == NULL || *decoded == '\0')
    return NULL;
  /* standard input's links are relative to the current folder */
  base = g_canonicalize_filename (source ? source : ".", NULL);
  dir = source ? g_path_get_dirname (base) : g_strdup (base);
  full = g_canonicalize_filename (decoded, dir);
  return g_hash_table_lookup (ix->files, full);
}

/* What prensa_document_resolve_link() says, and, for a MISSING link,
 * why in words fit for a warning. */
static PrensaLinkKind
resolve (const PrensaDocument *doc, const PrensaNode *part, const char *href,
         const Place **to, const char **why)
{
  const struct _PrensaLinkIndex *ix = doc->links;
  const char *hash = strchr (href, '#');
  const PrensaNode *target = part;

  *why = NULL;
  /* A single document's empty link, or one to a fragment it does not
   * hold, points at the page itself or at the page it may be set in (an
   * HTML fragment): kept, as pandoc and cmark keep them, where the format
   * can point at itself (HTML), with a warning but for an empty one. In a
   * book it leads nowhere. */
  gboolean book = doc->root->first_child != NULL && doc->root->first_child->next != NULL;
  if (*href == '\0')
    return book ? (*why = "is empty", PRENSA_LINK_MISSING) : PRENSA_LINK_LOCAL;
  if (has_scheme (href) || g_str_has_prefix (href, "//"))
    return PRENSA_LINK_EXTERNAL;
  g_autofree char *path = g_strndup (href, hash ? (gsize) (hash - href) : strlen (href));
  g_autofree char *fragment = hash && hash[1] ? g_uri_unescape_string (hash + 1, NULL) : NULL;
  if (*path != '\0')
    {
      char *query = strchr (path, '?');

      target = query == NULL ? find_file (ix, part, path) : NULL;
      if (query != NULL)
        *query = '\0';
      if (target == NULL)
        {
          g_autofree char *extension = extension_of (path);

          /* "day-of-action.md" among .md inputs is another input of the
           * set, left out of this book; "notes.pdf" a file beside it. */
          if (*extension != '\0' && g_hash_table_contains (ix->extensions, extension))
            return *why = "names a file that is not in the book", PRENSA_LINK_MISSING;
          return PRENSA_LINK_LOCAL;
        }
      if (hash == NULL || hash[1] == '\0')
        {
          *to = g_hash_table_lookup (ix->places, target->as.part.anchor);
          return PRENSA_LINK_INTERNAL;
        }
    }
  if ((fragment == NULL || *fragment == '\0') && !book && *path == '\0')
    return PRENSA_LINK_LOCAL;
  if (fragment == NULL || *fragment == '\0')
    return *why = "has no target", PRENSA_LINK_MISSING;
  guint part_no = GPOINTER_TO_UINT (g_hash_table_lookup (ix->part_numbers, target)) - 1;
  g_autofree char *local = g_strdup_printf ("%u\x1f%s", part_no, fragment);
  const Place *place = g_hash_table_lookup (ix->places, local);
  if (place == NULL)
    {
      place = g_hash_table_lookup (ix->places, fragment);
      /* "#id" may name any id of the book; "file.md#id" one in that file */
      if (place != NULL && *path != '\0' && place->part != target)
        place = NULL;
    }
  if (place == NULL && !book && *path == '\0')
    return *why = "names no heading or id in the document", PRENSA_LINK_LOCAL;
  if (place == NULL)
    return *why = "names no heading or id in the book", PRENSA_LINK_MISSING;
  *to = place;
  return PRENSA_LINK_INTERNAL;
}

PrensaLinkKind
prensa_document_resolve_link (const PrensaDocument *document, const PrensaNode *part,
                              const char *href, const PrensaNode **target_part,
                              const PrensaNode **target, const char **anchor)
{
  const Place *place = NULL;
  const char *why;
  PrensaLinkKind kind;

  g_return_val_if_fail (document != NULL && document->links != NULL, PRENSA_LINK_MISSING);
  g_return_val_if_fail (part != NULL && part->type == PRENSA_NODE_PART, PRENSA_LINK_MISSING);
  kind = resolve (document, part, href ? href : "", &place, &why);
  if (target_part)
    *target_part = place ? place->part : NULL;
  if (target)
    *target = place ? place->node : NULL;
  if (anchor)
    *anchor = place ? place->anchor : NULL;
  return kind;
}

/* Puts @link's children in its place. */
static void
unwrap (PrensaNode *link)
{
  while (link->first_child)
    {
      PrensaNode *child = link->first_child;

      prensa_node_unlink (child);
      prensa_node_insert_before (link, child);
    }
  prensa_node_unlink (link);
}

void
prensa_links_drop_missing (PrensaDocument *doc, GPtrArray *names)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  guint part_no = 0;

  for (PrensaNode *part = doc->root->first_child; part; part = part->next, part_no++)
    {
      const char *name = names && part_no < names->len ? names->pdata[part_no]
                         : part->as.part.source ? part->as.part.source : "<stdin>";
      g_autoptr (PrensaIter) it = prensa_iter_new (part);
      PrensaEventType ev;

      while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
        {
          PrensaNode *n = (PrensaNode *) prensa_iter_get_node (it);
          const Place *place = NULL;
          const char *why = NULL;

          PrensaLinkKind kind;

          if (ev != PRENSA_EVENT_ENTER || n->type != PRENSA_NODE_LINK)
            continue;
          kind = resolve (doc, part, n->as.link.url ? n->as.link.url : "", &place, &why);
          if (why == NULL)
            continue;
          prensa_warning ("%s:%u: link to “%s” %s; %s", name, n->line,
                          n->as.link.url ? n->as.link.url : "", why,
                          kind == PRENSA_LINK_MISSING ? "it is kept as plain text"
                          : "only HTML keeps it");
          if (kind == PRENSA_LINK_MISSING)
            g_ptr_array_add (missing, n);
        }
    }
  for (guint i = 0; i < missing->len; i++)
    unwrap (missing->pdata[i]);
}
