/* options.c: writer options, checked against what the writer declares.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

G_DEFINE_QUARK (prensa-option-error-quark, prensa_option_error)

/* A writer's or a filter's: only its name and option table are read. */
struct _PrensaOptions {
  const char *kind;   /* "format" or "filter", for messages */
  const char *name;
  const PrensaOptionSpec *specs;
  GHashTable *values; /* name → value, both owned */
};

static PrensaOptions *
options_new (const char *kind, const char *name, const PrensaOptionSpec *specs)
{
  PrensaOptions *o = g_new0 (PrensaOptions, 1);
  o->kind = kind;
  o->name = name;
  o->specs = specs;
  o->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return o;
}

PrensaOptions *
prensa_options_new (const PrensaWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);
  return options_new ("format", writer->name, writer->options);
}

PrensaOptions *
prensa_options_new_for_filter (const PrensaFilter *filter)
{
  g_return_val_if_fail (filter != NULL, NULL);
  return options_new ("filter", filter->name, filter->options);
}

void
prensa_options_free (PrensaOptions *options)
{
  if (options == NULL)
    return;
  g_hash_table_unref (options->values);
  g_free (options);
}

static const PrensaOptionSpec *
find_spec (const PrensaOptions *o, const char *name)
{
  for (const PrensaOptionSpec *s = o->specs; s && s->name; s++)
    if (strcmp (s->name, name) == 0)
      return s;
  return NULL;
}

gboolean
prensa_options_set (PrensaOptions *options, const char *name, const char *value, GError **error)
{
  g_return_val_if_fail (options != NULL && name != NULL, FALSE);
  if (find_spec (options, name) == NULL) {
    GString *valid = g_string_new (NULL);
    for (const PrensaOptionSpec *s = options->specs; s && s->name; s++)
      g_string_append_printf (valid, "%s%s", valid->len ? ", " : "", s->name);
    g_set_error (error, PRENSA_OPTION_ERROR, PRENSA_OPTION_ERROR_UNKNOWN,
                 "%s '%s' has no option '%s' (valid: %s)", options->kind, options->name, name,
                 valid->len ? valid->str : "none");
    g_string_free (valid, TRUE);
    return FALSE;
  }
  g_hash_table_insert (options->values, g_strdup (name), g_strdup (value ? value : "true"));
  return TRUE;
}

const char *
prensa_options_get (const PrensaOptions *options, const char *name)
{
  g_return_val_if_fail (options != NULL && name != NULL, NULL);
  const char *v = g_hash_table_lookup (options->values, name);
  if (v)
    return v;
  const PrensaOptionSpec *s = find_spec (options, name);
  return s ? s->default_value : NULL;
}

static void
invalid (const PrensaOptions *options, const char *name, const char *value,
         const char *expected, GError **error)
{
  g_set_error (error, PRENSA_OPTION_ERROR, PRENSA_OPTION_ERROR_INVALID,
               "%s option '%s': '%s' is not %s", options->name, name,
               value ? value : "(unset)", expected);
}

gboolean
prensa_options_get_boolean (const PrensaOptions *options, const char *name,
                            gboolean *value, GError **error)
{
  const char *v = prensa_options_get (options, name);
  static const char *const yes[] = { "true", "yes", "1", NULL };
  static const char *const no[] = { "false", "no", "0", NULL };
  for (guint i = 0; v && yes[i]; i++)
    if (g_ascii_strcasecmp (v, yes[i]) == 0)
      return (*value = TRUE);
  for (guint i = 0; v && no[i]; i++)
    if (g_ascii_strcasecmp (v, no[i]) == 0) {
      *value = FALSE;
      return TRUE;
    }
  invalid (options, name, v, "a boolean (true, false, yes, no, 1 or 0)", error);
  return FALSE;
}

/* Plain decimal digits (an optional '-' first when @negative, one '.'
 * between them when @fraction): no sign '+', no space, no hexadecimal, no
 * exponent, no "inf", all of which strtoll and strtod would take. */
static gboolean
is_decimal (const char *v, gboolean negative, gboolean fraction)
{
  gboolean digits = FALSE, point = FALSE;

  if (v == NULL)
    return FALSE;
  if (negative && *v == '-')
    v++;
  for (; *v != '\0'; v++)
    if (g_ascii_isdigit (*v))
      digits = TRUE;
    else if (*v == '.' && fraction && !point && digits)
      point = TRUE, digits = FALSE; /* a digit must follow it too */
    else
      return FALSE;
  return digits;
}

gboolean
prensa_options_get_int (const PrensaOptions *options, const char *name,
                        gint64 min, gint64 max, gint64 *value, GError **error)
{
  const char *v = prensa_options_get (options, name);
  gint64 n;
  prensa_ascii_ready ();
  if (!is_decimal (v, TRUE, FALSE)
      || !g_ascii_string_to_signed (v, 10, min, max, &n, NULL)) {
    g_autofree char *expected = g_strdup_printf ("a whole number from %" G_GINT64_FORMAT
                                                 " to %" G_GINT64_FORMAT, min, max);
    invalid (options, name, v, expected, error);
    return FALSE;
  }
  *value = n;
  return TRUE;
}

gboolean
prensa_options_get_number (const PrensaOptions *options, const char *name,
                           double min, double max, double *value, GError **error)
{
  const char *v = prensa_options_get (options, name);
  double n = 0;
  prensa_ascii_ready ();
  if (is_decimal (v, min < 0, TRUE))
    n = g_ascii_strtod (v, NULL);
  if (!is_decimal (v, min < 0, TRUE) || !(n >= min && n <= max)) {
    g_autofree char *expected = g_strdup_printf ("a decimal number from %g to %g", min, max);
    invalid (options, name, v, expected, error);
    return FALSE;
  }
  *value = n;
  return TRUE;
}

gboolean
prensa_options_get_choice (const PrensaOptions *options, const char *name,
                           const char *const *choices, guint *index, GError **error)
{
  const char *v = prensa_options_get (options, name);
  for (guint i = 0; v && choices[i]; i++)
    if (g_ascii_strcasecmp (v, choices[i]) == 0) {
      *index = i;
      return TRUE;
    }
  g_autofree char *list = g_strjoinv (", ", (char **) choices);
  g_autofree char *expected = g_strdup_printf ("one of %s", list);
  invalid (options, name, v, expected, error);
  return FALSE;
}
