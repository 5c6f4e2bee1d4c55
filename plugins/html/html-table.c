/* html-table.c: GFM tables as HTML tables.
 *
 * The header rows (which the core puts first) go in <thead>, the others in
 * <tbody>; header cells are <th scope="col">. A column's alignment is a
 * style attribute on each of its cells, not the obsolete align=, so it
 * holds in a fragment or under default-css=false as well (text-align on a
 * <col> would not reach the cells). The table sits in a div.table-wrap
 * that the stylesheet lets scroll sideways, so a wide table cannot push
 * the page's column wider on a narrow screen.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

static const char *
align_style (PrensaAlign align)
{
  switch (align)
    {
    case PRENSA_ALIGN_LEFT:
      return " style=\"text-align: left\"";
    case PRENSA_ALIGN_CENTER:
      return " style=\"text-align: center\"";
    case PRENSA_ALIGN_RIGHT:
      return " style=\"text-align: right\"";
    case PRENSA_ALIGN_NONE:
    default:
      return "";
    }
}

static gboolean
is_header_row (const PrensaNode *row)
{
  return row != NULL && prensa_node_get_table_header (row);
}

/* A row opens its section when it is the first of its kind, and closes it
 * when it is the last: header rows all come before the body rows. */
static void
write_row (HtmlWriter *w, const PrensaNode *row, gboolean entering)
{
  gboolean header = is_header_row (row);
  const PrensaNode *sibling = entering ? prensa_node_previous (row)
                                       : prensa_node_next (row);
  gboolean boundary = sibling == NULL || is_header_row (sibling) != header;

  if (entering)
    {
      if (boundary)
        html_put (w->out, header ? "<thead>\n" : "<tbody>\n");
      html_put (w->out, "<tr>\n");
      return;
    }
  html_put (w->out, "</tr>\n");
  if (boundary)
    html_put (w->out, header ? "</thead>\n" : "</tbody>\n");
}

static void
write_cell (HtmlWriter *w, const PrensaNode *cell, gboolean entering)
{
  gboolean header = prensa_node_get_table_header (cell);

  if (!entering)
    {
      html_put (w->out, header ? "</th>\n" : "</td>\n");
      return;
    }
  html_put (w->out, header ? "<th scope=\"col\"" : "<td");
  html_put (w->out, align_style (prensa_node_get_table_align (cell, 0)));
  g_string_append_c (w->out, '>');
}

void
html_write_table (HtmlWriter *w, const PrensaNode *node, gboolean entering)
{
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_TABLE:
      html_cr (w->out);
      html_put (w->out, entering ? "<div class=\"table-wrap\">\n<table>\n"
                                        : "</table>\n</div>\n");
      break;
    case PRENSA_NODE_TABLE_ROW:
      write_row (w, node, entering);
      break;
    case PRENSA_NODE_TABLE_CELL:
      write_cell (w, node, entering);
      break;
    default:
      break;
    }
}
