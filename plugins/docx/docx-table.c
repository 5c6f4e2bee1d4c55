/* docx-table.c: the frame of a w:tbl, its properties and grid.
 *
 * A table fills the text width (less the indent of the list or quote it
 * sits in) with a fixed layout, so Word and LibreOffice break its lines
 * alike. The columns share that width in proportion to the longest text
 * each holds, within bounds, so a column of numbers stays narrow and a
 * column of sentences does not take everything. The look is the "Prensa
 * Table" style of formats/docx/styles.xml.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "docx-private.h"

/* A column is weighed by its longest cell, counted in characters, but
 * never less than a short word nor more than a long line's share. */
#define MIN_WEIGHT 4
#define MAX_WEIGHT 40

guint *
docx_table_widths (const PrensaNode *table, guint width)
{
  guint columns = MAX (prensa_node_get_table_columns (table), 1);
  g_autofree guint *weight = g_new0 (guint, columns);
  guint *widths = g_new0 (guint, columns);
  guint total = 0, used = 0;

  for (const PrensaNode *row = prensa_node_first_child (table); row;
       row = prensa_node_next (row))
    for (const PrensaNode *cell = prensa_node_first_child (row); cell;
         cell = prensa_node_next (cell))
      {
        guint column = prensa_node_get_table_column (cell);
        g_autofree char *text = NULL;

        if (column >= columns)
          continue;
        text = prensa_node_dup_text (cell);
        weight[column] = MAX (weight[column],
                              (guint) MIN (g_utf8_strlen (text, -1), MAX_WEIGHT));
      }
  for (guint c = 0; c < columns; c++)
    total += weight[c] = MAX (weight[c], MIN_WEIGHT);
  /* The last column takes what rounding left, so the grid adds up. */
  for (guint c = 0; c + 1 < columns; c++)
    used += widths[c] = (guint) ((guint64) width * weight[c] / total);
  widths[columns - 1] = width - used;
  return widths;
}

void
docx_table_open (GString *out, const DocxStyles *styles,
                 const PrensaNode *table, const guint *widths,
                 guint width, guint indent)
{
  guint columns = MAX (prensa_node_get_table_columns (table), 1);
  const PrensaNode *first = prensa_node_first_child (table);
  gboolean header = first && prensa_node_get_table_header (first);

  g_string_append (out, "<w:tbl><w:tblPr><w:tblStyle");
  prensa_xml_attribute (out, "w:val", docx_styles_id (styles, "PrensaTable"));
  g_string_append (out, "/>");
  if (indent == 0)
    g_string_append (out, "<w:tblW w:w=\"5000\" w:type=\"pct\"/>");
  else
    g_string_append_printf (out, "<w:tblW w:w=\"%u\" w:type=\"dxa\"/>"
                            "<w:tblInd w:w=\"%u\" w:type=\"dxa\"/>",
                            width, indent);
  /* firstRow: the style's header look goes to the first row only when
   * it is a header row; banding is not used. */
  g_string_append_printf (out, "<w:tblLayout w:type=\"fixed\"/>"
                          "<w:tblLook w:firstRow=\"%d\" w:lastRow=\"0\""
                          " w:firstColumn=\"0\" w:lastColumn=\"0\""
                          " w:noHBand=\"1\" w:noVBand=\"1\"/>"
                          "</w:tblPr><w:tblGrid>", header ? 1 : 0);
  for (guint c = 0; c < columns; c++)
    g_string_append_printf (out, "<w:gridCol w:w=\"%u\"/>", widths[c]);
  g_string_append (out, "</w:tblGrid>");
}
