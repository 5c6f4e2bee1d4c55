/* epub-nav.c: the navigation document (EPUB 3) and the NCX (EPUB 2),
 * both written from the one table of contents the plan built.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

static void
write_nav_list (GString *out, GPtrArray *items, int depth)
{
  guint i;

  g_string_append_printf (out, "%*s<ol>\n", depth * 2, "");
  for (i = 0; i < items->len; i++)
    {
      EpubNavItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (out, "%*s<li>", depth * 2 + 1, "");
      prensa_xml_element (out, "a", item->label, "href", item->href, NULL);
      if (item->children->len > 0)
        {
          g_string_append_c (out, '\n');
          write_nav_list (out, item->children, depth + 1);
          g_string_append_printf (out, "%*s", depth * 2 + 1, "");
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append_printf (out, "%*s</ol>\n", depth * 2, "");
}

static void
write_landmark (GString *out, const char *type, const char *href,
                const char *label)
{
  g_string_append (out, "<li>");
  prensa_xml_element (out, "a", label, "epub:type", type, "href", href, NULL);
  g_string_append (out, "</li>\n");
}

GString *
epub_render_nav (EpubBook *book)
{
  GString *out = g_string_new (NULL);
  EpubChapter *first = g_ptr_array_index (book->chapters, 0);

  const char *contents = prensa_word (book->lang, PRENSA_WORD_CONTENTS);

  epub_xhtml_begin (out, book, contents, "contents", "frontmatter");
  g_string_append (out, "<nav epub:type=\"toc\" id=\"toc\">\n");
  prensa_xml_element (out, "h1", contents, NULL);
  g_string_append_c (out, '\n');
  write_nav_list (out, book->nav, 0);
  g_string_append (out, "</nav>\n"
                        "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n"
                        "<h2>Landmarks</h2>\n<ol>\n");
  if (book->cover != NULL)
    write_landmark (out, "cover", "cover.xhtml", prensa_word (book->lang, PRENSA_WORD_COVER));
  if (book->title_page)
    write_landmark (out, "titlepage", "title.xhtml",
                    prensa_word (book->lang, PRENSA_WORD_TITLE_PAGE));
  write_landmark (out, "toc", "nav.xhtml#toc", contents);
  write_landmark (out, "bodymatter", first->file, prensa_word (book->lang, PRENSA_WORD_START));
  g_string_append (out, "</ol>\n</nav>\n");
  epub_xhtml_end (out);
  return out;
}

static int
nav_depth (GPtrArray *items)
{
  int depth = 0;
  guint i;

  for (i = 0; i < items->len; i++)
    {
      EpubNavItem *item = g_ptr_array_index (items, i);

      depth = MAX (depth, 1 + nav_depth (item->children));
    }
  return depth;
}

static void
write_nav_points (GString *out, GPtrArray *items, guint *order, int depth)
{
  guint i;

  for (i = 0; i < items->len; i++)
    {
      EpubNavItem *item = g_ptr_array_index (items, i);
      g_autofree char *id = g_strdup_printf ("navpoint-%u", ++*order);
      g_autofree char *play_order = g_strdup_printf ("%u", *order);

      g_string_append_printf (out, "%*s", depth * 2, "");
      prensa_xml_open (out, "navPoint", "id", id, "playOrder", play_order, NULL);
      g_string_append (out, "<navLabel>");
      prensa_xml_element (out, "text", item->label, NULL);
      g_string_append (out, "</navLabel>");
      prensa_xml_empty (out, "content", "src", item->href, NULL);
      g_string_append_c (out, '\n');
      write_nav_points (out, item->children, order, depth + 1);
      g_string_append_printf (out, "%*s</navPoint>\n", depth * 2, "");
    }
}

GString *
epub_render_ncx (EpubBook *book)
{
  GString *out = g_string_new (NULL);
  g_autofree char *depth = g_strdup_printf ("%d", MAX (1, nav_depth (book->nav)));
  guint order = 0;
  guint i;

  prensa_xml_declaration (out, FALSE);
  prensa_xml_open (out, "ncx", "xmlns", "http://www.daisy.org/z3986/2005/ncx/",
                   "version", "2005-1", "xml:lang", book->lang, NULL);
  g_string_append (out, "\n<head>\n");
  prensa_xml_empty (out, "meta", "name", "dtb:uid", "content", book->identifier, NULL);
  g_string_append_c (out, '\n');
  prensa_xml_empty (out, "meta", "name", "dtb:depth", "content", depth, NULL);
  g_string_append (out, "\n<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
                        "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n"
                        "</head>\n<docTitle>");
  prensa_xml_element (out, "text", book->title, NULL);
  g_string_append (out, "</docTitle>\n");
  for (i = 0; book->authors[i] != NULL; i++)
    {
      g_string_append (out, "<docAuthor>");
      prensa_xml_element (out, "text", book->authors[i], NULL);
      g_string_append (out, "</docAuthor>\n");
    }
  g_string_append (out, "<navMap>\n");
  write_nav_points (out, book->nav, &order, 1);
  g_string_append (out, "</navMap>\n</ncx>\n");
  return out;
}
