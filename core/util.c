/* util.c: warnings and the output timestamp.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "prensa-private.h"

static GMutex warning_lock;
static PrensaWarningFunc warning_func;
static gpointer warning_data;

void
prensa_set_warning_func (PrensaWarningFunc func, gpointer user_data)
{
  g_mutex_lock (&warning_lock);
  warning_func = func;
  warning_data = user_data;
  g_mutex_unlock (&warning_lock);
}

void
prensa_warning (const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_mutex_lock (&warning_lock);
  if (warning_func)
    warning_func (message, warning_data);
  else
    fprintf (stderr, "prensa: warning: %s\n", message);
  g_mutex_unlock (&warning_lock);
}

GDateTime *
prensa_source_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;
  /* The reproducible-builds spec: a decimal count of seconds since 1970. */
  if (epoch && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64 / 2, &seconds, NULL)) {
    GDateTime *t = g_date_time_new_from_unix_utc ((gint64) seconds);
    if (t)
      return t;
  }
  return g_date_time_new_now_utc ();
}
