/* txt-inline.c: a block's inline content as one string for the filler.
 *
 * Conventions, the ones plain-text mail and Markdown readers know:
 * emphasis is _x_, strong is *x*, strikethrough is ~~x~~ (GFM's own
 * spelling: it survives any font and any mail client, where a combining
 * U+0336 overlay shows as boxes or not at all and cannot be searched),
 * code keeps its backticks, a link is its text followed by " [n]" with
 * the target listed at the end of the section, a link to a place in the
 * book names that place instead, in the words of the document's language:
 * "asking in person (see “Asking in person”, in part “One-on-ones”)" for
 * a heading of another part, "(see “Roles”)" for one of the same part,
 * "(see part “One-on-ones”)" for a part's opening or for a heading
 * whose text the link repeats, and nothing where the link names a
 * note or an id of raw HTML, which plain text does not show; an image is
 * "[Image: alt] [n]", and a footnote reference is "[^n]" right after the
 * text it annotates (the Markdown spelling: a caret tells a note from a
 * link's [n], and pandoc users know both), the note listed at the end of
 * the section. A hard line break becomes a
 * newline, which the filler honours; a soft break is a space. Raw HTML
 * inlines are tags around text that is kept, so they are left out quietly.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "txt-private.h"

#include <string.h>

typedef struct {
  gsize start;      /* where the link's text begins in the buffer */
  gboolean listed;  /* whether it gets a numbered reference */
  const PrensaNode *target;      /* a place in the book it names, or NULL */
  const PrensaNode *target_part;
} OpenLink;

/* Tabs and stray newlines in a literal are spaces to the filler; a newline
 * there would read as a hard break. */
static void
append_flat (GString *buf, const char *text)
{
  /* Runs without tab, newline or CR go in whole: this is the hot path for
   * every word of the document. */
  while (*text != '\0')
    {
      gsize run = strcspn (text, "\t\n\r");
      prensa_string_put_len (buf, text, run);
      text += run;
      if (*text != '\0')
        {
          g_string_append_c (buf, ' ');
          text++;
        }
    }
}

static gsize
longest_backtick_run (const char *text)
{
  gsize longest = 0, run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  return longest;
}

/* Code spans keep their delimiters, as CommonMark writes them: a fence one
 * backtick longer than any run inside, padded when the code touches it. */
static void
append_code (GString *buf, const char *code)
{
  gsize fence = longest_backtick_run (code) + 1;
  gsize len = strlen (code);
  gboolean pad = len > 0 && (code[0] == '`' || code[len - 1] == '`');

  for (gsize i = 0; i < fence; i++)
    g_string_append_c (buf, '`');
  if (pad)
    g_string_append_c (buf, ' ');
  append_flat (buf, code);
  if (pad)
    g_string_append_c (buf, ' ');
  for (gsize i = 0; i < fence; i++)
    g_string_append_c (buf, '`');
}

/* An autolink or a bare address shows its target already; a fragment
 * points into a page a plain-text reader does not have. Neither gets a
 * reference. */
static gboolean
link_is_listed (const PrensaNode *link)
{
  const char *url = prensa_node_get_url (link);
  g_autofree char *text = NULL;

  if (url == NULL || *url == '\0' || *url == '#')
    return FALSE;
  text = prensa_node_dup_text (link);
  if (strcmp (text, url) == 0)
    return FALSE;
  return !(g_str_has_prefix (url, "mailto:")
           && strcmp (text, url + strlen ("mailto:")) == 0);
}

/* "[12]" or "[^12]". */
static void
append_marker (GString *buf, const char *open, guint n)
{
  g_string_append (buf, open);
  prensa_string_append_int (buf, n);
  g_string_append_c (buf, ']');
}

static void
append_ref (TxtWriter *w, GString *buf, const PrensaNode *node)
{
  guint n = txt_writer_add_ref (w, prensa_node_get_url (node),
                                prensa_node_get_title (node));

  append_marker (buf, " [", n);
}

static void
append_image (TxtWriter *w, GString *buf, const PrensaNode *image)
{
  /* A figure (prensa_node_get_figure) shows its caption. */
  gboolean figure = prensa_node_get_figure (prensa_node_parent (image)) == image;
  g_autofree char *alt = figure ? prensa_image_dup_caption (image)
                                : prensa_node_dup_text (image);
  const char *url = prensa_node_get_url (image);

  g_strstrip (alt);
  if (*alt != '\0')
    {
      g_string_append (buf, figure ? "[Figure: " : "[Image: ");
      append_flat (buf, alt);
      g_string_append_c (buf, ']');
    }
  else
    g_string_append (buf, "[Image]");
  if (url != NULL && *url != '\0')
    append_ref (w, buf, image);
}

static void
enter_link (TxtWriter *w, GArray *open, GString *buf, const PrensaNode *link)
{
  OpenLink entry = { buf->len, FALSE, NULL, NULL };

  /* The core has made text of links that lead nowhere. */
  if (prensa_document_resolve_link (w->doc, w->part, prensa_node_get_url (link),
                                    &entry.target_part, &entry.target, NULL)
      != PRENSA_LINK_INTERNAL)
    {
      entry.listed = link_is_listed (link);
      entry.target = entry.target_part = NULL;
    }
  g_array_append_val (open, entry);
}

/* A part's own title, else its file's name, else "Untitled". */
static char *
part_title (TxtWriter *w, const PrensaNode *part)
{
  const char *title = prensa_value_lookup_string (prensa_node_get_part_meta (part), "title");
  const char *source = prensa_node_get_part_source (part);

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (source != NULL && strcmp (source, "-") != 0)
    {
      char *base = g_path_get_basename (source);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      return base;
    }
  return g_strdup (prensa_word (w->lang, PRENSA_WORD_UNTITLED));
}

/* " (see “Heading”, in part “Part”)": where a link in the book leads,
 * since plain text cannot go there (see the top of this file). */
static void
append_see (TxtWriter *w, GString *buf, const OpenLink *link)
{
  PrensaNodeType type = prensa_node_get_node_type (link->target);
  gboolean here = link->target_part == w->part;
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  g_autofree char *part = NULL;

  if (type == PRENSA_NODE_HEADING)
    {
      heading = g_strstrip (prensa_node_dup_text (link->target));
      text = g_strstrip (g_strndup (buf->str + link->start, buf->len - link->start));
      if (*heading == '\0' || g_ascii_strcasecmp (heading, text) == 0)
        g_clear_pointer (&heading, g_free);
    }
  else if (type != PRENSA_NODE_PART)
    return;
  if (heading == NULL && here && type == PRENSA_NODE_HEADING)
    return;
  part = part_title (w, link->target_part);
  g_string_append (buf, " (");
  g_string_append (buf, prensa_word (w->lang, PRENSA_WORD_SEE));
  if (heading != NULL)
    {
      g_string_append (buf, " “");
      append_flat (buf, heading);
      g_string_append (buf, "”");
      if (!here)
        g_string_append_printf (buf, ", %s “", prensa_word (w->lang, PRENSA_WORD_IN_PART));
    }
  else
    g_string_append_printf (buf, " %s “", prensa_word (w->lang, PRENSA_WORD_PART));
  if (heading == NULL || !here)
    {
      append_flat (buf, part);
      g_string_append (buf, "”");
    }
  g_string_append_c (buf, ')');
}

static void
exit_link (TxtWriter *w, GArray *open, GString *buf, const PrensaNode *link)
{
  OpenLink entry = g_array_index (open, OpenLink, open->len - 1);

  g_array_set_size (open, open->len - 1);
  if (entry.target != NULL)
    append_see (w, buf, &entry);
  if (!entry.listed)
    return;
  /* A link without text would leave a bare number: show the target. */
  if (buf->len == entry.start)
    g_string_append (buf, prensa_node_get_url (link));
  else
    append_ref (w, buf, link);
}

void
txt_render_inlines (TxtWriter *w, const PrensaNode *block, GString *buf)
{
  g_autoptr(PrensaIter) it = prensa_iter_new (block);
  GArray *open;
  PrensaEventType ev;

  if (w->open_links == NULL)
    w->open_links = g_array_new (FALSE, FALSE, sizeof (OpenLink));
  open = w->open_links;
  g_array_set_size (open, 0);
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *node = prensa_iter_get_node (it);
      gboolean enter = ev == PRENSA_EVENT_ENTER;

      switch (prensa_node_get_node_type (node))
        {
        case PRENSA_NODE_TEXT:
          append_flat (buf, prensa_node_get_literal (node, NULL));
          break;
        case PRENSA_NODE_SOFTBREAK:
          g_string_append_c (buf, ' ');
          break;
        case PRENSA_NODE_LINEBREAK:
          g_string_append_c (buf, '\n');
          break;
        case PRENSA_NODE_CODE:
          append_code (buf, prensa_node_get_literal (node, NULL));
          break;
        case PRENSA_NODE_EMPH:
          g_string_append_c (buf, '_');
          break;
        case PRENSA_NODE_STRONG:
          g_string_append_c (buf, '*');
          break;
        case PRENSA_NODE_STRIKETHROUGH:
          g_string_append (buf, "~~");
          break;
        case PRENSA_NODE_FOOTNOTE_REFERENCE:
          append_marker (buf, "[^",
                         txt_writer_add_note (w, prensa_node_get_footnote (node)));
          break;
        case PRENSA_NODE_LINK:
          if (enter)
            enter_link (w, open, buf, node);
          else
            exit_link (w, open, buf, node);
          break;
        case PRENSA_NODE_IMAGE:
          if (enter)
            {
              append_image (w, buf, node);
              prensa_iter_reset (it, node, PRENSA_EVENT_EXIT);
            }
          break;
        default:
          /* raw inline HTML, and the block itself */
          break;
        }
    }
}
