/* value.c: metadata values.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

PrensaValueType
prensa_value_get_kind (const PrensaValue *value)
{
  g_return_val_if_fail (value != NULL, PRENSA_VALUE_STRING);
  return value->kind;
}

const char *
prensa_value_get_string (const PrensaValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);
  return value->kind == PRENSA_VALUE_STRING ? value->string : NULL;
}

guint
prensa_value_get_length (const PrensaValue *value)
{
  g_return_val_if_fail (value != NULL, 0);
  return value->kind == PRENSA_VALUE_STRING ? 0 : value->length;
}

const PrensaValue *
prensa_value_get_item (const PrensaValue *value, guint index)
{
  g_return_val_if_fail (value != NULL, NULL);
  if (value->kind == PRENSA_VALUE_STRING || index >= value->length)
    return NULL;
  return value->items[index];
}

const char *
prensa_value_get_key (const PrensaValue *value, guint index)
{
  g_return_val_if_fail (value != NULL, NULL);
  if (value->kind != PRENSA_VALUE_MAP || index >= value->length)
    return NULL;
  return value->keys[index];
}

const PrensaValue *
prensa_value_lookup (const PrensaValue *value, const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  if (value == NULL || value->kind != PRENSA_VALUE_MAP)
    return NULL;
  /* Last occurrence wins, as YAML loaders that allow duplicates do. */
  for (guint i = value->length; i-- > 0;)
    if (strcmp (value->keys[i], key) == 0)
      return value->items[i];
  return NULL;
}

const char *
prensa_value_lookup_string (const PrensaValue *value, const char *key)
{
  const PrensaValue *v = prensa_value_lookup (value, key);
  return v ? prensa_value_get_string (v) : NULL;
}

char **
prensa_value_dup_strv (const PrensaValue *value)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  if (value != NULL && value->kind == PRENSA_VALUE_STRING)
    g_strv_builder_add (b, value->string);
  else if (value != NULL && value->kind == PRENSA_VALUE_LIST)
    for (guint i = 0; i < value->length; i++)
      if (value->items[i]->kind == PRENSA_VALUE_STRING)
        g_strv_builder_add (b, value->items[i]->string);
  return g_strv_builder_end (b);
}

PrensaValue *
prensa_value_new_string (PrensaArena *arena, const char *text)
{
  PrensaValue *v = prensa_arena_alloc (arena, sizeof *v);
  v->kind = PRENSA_VALUE_STRING;
  v->string = prensa_arena_strdup (arena, text);
  return v;
}

PrensaValue *
prensa_value_new_empty_map (PrensaArena *arena)
{
  PrensaValue *v = prensa_arena_alloc (arena, sizeof *v);
  v->kind = PRENSA_VALUE_MAP;
  return v;
}

PrensaValue *
prensa_value_merge (PrensaArena *arena,
                    const PrensaValue *base,
                    GPtrArray *override_keys,
                    GPtrArray *override_values)
{
  guint n_base = base ? base->length : 0;
  guint n = n_base + override_keys->len;
  PrensaValue *v = prensa_value_new_empty_map (arena);
  v->keys = prensa_arena_alloc (arena, sizeof (char *) * MAX (n, 1));
  v->items = prensa_arena_alloc (arena, sizeof (PrensaValue *) * MAX (n, 1));
  for (guint i = 0; i < n_base; i++) {
    if (g_ptr_array_find_with_equal_func (override_keys, base->keys[i],
                                          g_str_equal, NULL))
      continue;
    v->keys[v->length] = base->keys[i];
    v->items[v->length++] = base->items[i];
  }
  for (guint i = 0; i < override_keys->len; i++) {
    v->keys[v->length] = prensa_arena_strdup (arena, override_keys->pdata[i]);
    v->items[v->length++] = prensa_value_new_string (arena, override_values->pdata[i]);
  }
  return v;
}

PrensaValue *
prensa_value_overlay (PrensaArena *arena, const PrensaValue *base, const PrensaValue *over)
{
  guint n_base = base ? base->length : 0, n_over = over ? over->length : 0;
  guint n = n_base + n_over;
  PrensaValue *v = prensa_value_new_empty_map (arena);
  v->keys = prensa_arena_alloc (arena, sizeof (char *) * MAX (n, 1));
  v->items = prensa_arena_alloc (arena, sizeof (PrensaValue *) * MAX (n, 1));
  /* Maps are small (a dozen keys): the quadratic look-up costs less than
   * a hash table would. */
  for (guint i = 0; i < n_base; i++) {
    gboolean shadowed = FALSE;
    for (guint j = 0; j < n_over && !shadowed; j++)
      shadowed = strcmp (base->keys[i], over->keys[j]) == 0;
    if (shadowed)
      continue;
    v->keys[v->length] = base->keys[i];
    v->items[v->length++] = base->items[i];
  }
  for (guint j = 0; j < n_over; j++) {
    v->keys[v->length] = over->keys[j];
    v->items[v->length++] = over->items[j];
  }
  return v;
}
