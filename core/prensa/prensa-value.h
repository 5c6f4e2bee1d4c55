/* prensa-value.h: YAML-shaped metadata values (string, list, map).
 *
 * Values are owned by the document they came from and live as long as it;
 * every pointer returned here is (transfer none).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-version.h>

G_BEGIN_DECLS

typedef struct _PrensaValue PrensaValue;

typedef enum {
  PRENSA_VALUE_STRING,
  PRENSA_VALUE_LIST,
  PRENSA_VALUE_MAP,
} PrensaValueType;

PRENSA_API PrensaValueType prensa_value_get_kind (const PrensaValue *value);

/* The scalar's text (valid UTF-8, NUL-terminated), or NULL when @value is a
 * list or a map. YAML null, booleans and numbers are kept as their text. */
PRENSA_API const char *prensa_value_get_string (const PrensaValue *value);

/* Number of items of a list or entries of a map; 0 for a string. */
PRENSA_API guint prensa_value_get_length (const PrensaValue *value);

/* Item @index of a list, or the value of entry @index of a map (entries
 * keep the order of the YAML); NULL when @index is out of range or @value
 * is a string. */
PRENSA_API const PrensaValue *prensa_value_get_item (const PrensaValue *value,
                                                     guint index);

/* Key of entry @index of a map; NULL for lists and strings. */
PRENSA_API const char *prensa_value_get_key (const PrensaValue *value,
                                             guint index);

/* The value under @key in a map, or NULL when absent or @value is no map.
 * When a key occurs twice, the last occurrence wins. */
PRENSA_API const PrensaValue *prensa_value_lookup (const PrensaValue *value,
                                                   const char *key);

/* The string under @key of a map, or NULL when absent or not a string. */
PRENSA_API const char *prensa_value_lookup_string (const PrensaValue *value,
                                                   const char *key);

/* The strings of a value: a string gives one, a list gives each of its
 * string items in order (nested lists and maps are skipped), a map none;
 * @value may be NULL (none).
 * Returns: (transfer full): a NULL-terminated array, never NULL; free it
 * with g_strfreev() or g_auto(GStrv). */
PRENSA_API char **prensa_value_dup_strv (const PrensaValue *value);

G_END_DECLS
