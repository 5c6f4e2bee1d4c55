/* xml-meta.c: metadata values as XML, walked with an explicit stack so
 * deeply nested front matter cannot exhaust the C stack.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "xml-private.h"

/* Indentation stops growing here, so deeply nested front matter does not
 * make the output quadratic in the input. */
#define MAX_INDENT_DEPTH 32

typedef struct {
  const PrensaValue *value;
  guint next;
} Frame;

static void
open_value (GString *out, const PrensaValue *v, const char *key, guint depth)
{
  static const char *const tags[] = { "string", "list", "map" };
  g_string_append_printf (out, "%*s<%s", (int) MIN (depth, MAX_INDENT_DEPTH) * 2, "", tags[prensa_value_get_kind (v)]);
  if (key) {
    g_string_append (out, " key=\"");
    prensa_xml_escape (out, key, -1, TRUE);
    g_string_append_c (out, '"');
  }
  if (prensa_value_get_kind (v) == PRENSA_VALUE_STRING) {
    g_string_append_c (out, '>');
    prensa_xml_escape (out, prensa_value_get_string (v), -1, FALSE);
    g_string_append (out, "</string>\n");
  } else {
    g_string_append (out, prensa_value_get_length (v) ? ">\n" : "/>\n");
  }
}

void
xml_write_meta (GString *out, const PrensaValue *value, guint indent)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Frame root = { value, 0 };
  g_string_append_printf (out, "%*s<meta>\n", (int) indent * 2, "");
  g_array_append_val (stack, root);
  while (stack->len > 0) {
    Frame *f = &g_array_index (stack, Frame, stack->len - 1);
    guint depth = indent + stack->len;
    if (f->next == prensa_value_get_length (f->value)) {
      gboolean was_root = stack->len == 1;
      gboolean empty = f->next == 0;
      PrensaValueType kind = prensa_value_get_kind (f->value);
      g_array_set_size (stack, stack->len - 1);
      if (!was_root && !empty)
        g_string_append_printf (out, "%*s</%s>\n", (int) MIN (depth - 1, MAX_INDENT_DEPTH) * 2, "",
                                kind == PRENSA_VALUE_MAP ? "map" : "list");
      continue;
    }
    guint i = f->next++;
    const PrensaValue *child = prensa_value_get_item (f->value, i);
    open_value (out, child, prensa_value_get_key (f->value, i), depth);
    if (prensa_value_get_kind (child) != PRENSA_VALUE_STRING && prensa_value_get_length (child) > 0) {
      Frame c = { child, 0 };
      g_array_append_val (stack, c);
    }
  }
  g_string_append_printf (out, "%*s</meta>\n", (int) indent * 2, "");
}
