/* util.c: warnings and the output timestamp.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    {
      g_autofree char *line = prensa_warning_dup_line (message);

      fprintf (stderr, "%s\n", line);
    }
  g_mutex_unlock (&warning_lock);
}

/* The length of @message's "FILE:LINE[:COL]" opening (before ": "), or 0. */
static gsize
place_length (const char *message)
{
  const char *end = strstr (message, ": ");
  const char *p;
  guint numbers = 0;

  if (end == NULL)
    return 0;
  /* Back over ":COL" and ":LINE": digits after a colon, at most two. */
  p = end;
  while (numbers < 2)
    {
      const char *q = p;

      while (q > message && g_ascii_isdigit (q[-1]))
        q--;
      if (q == p || q == message || q[-1] != ':')
        break;
      p = q - 1;
      numbers++;
    }
  return numbers > 0 && p > message ? (gsize) (end - message) : 0;
}

char *
prensa_warning_dup_line (const char *message)
{
  gsize n;

  g_return_val_if_fail (message != NULL, NULL);
  n = place_length (message);
  if (n == 0)
    return g_strconcat ("prensa: warning: ", message, NULL);
  return g_strdup_printf ("%.*s: warning: %s", (int) n, message, message + n + 2);
}

void
prensa_warning_at (const PrensaNode *node, const char *format, ...)
{
  va_list ap;
  g_autofree char *message = NULL;
  const char *source = NULL;
  guint line = 0, column = 0;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (node != NULL)
    {
      source = prensa_node_get_part_source (prensa_node_get_part (node));
      line = prensa_node_get_line (node);
      column = prensa_node_get_column (node);
    }
  if (source == NULL)
    source = "-";
  if (line > 0 && column > 0)
    prensa_warning ("%s:%u:%u: %s", source, line, column, message);
  else if (line > 0)
    prensa_warning ("%s:%u: %s", source, line, message);
  else
    prensa_warning ("%s: %s", source, message);
}

/* GLib 2.74 makes its C locale for g_ascii_strtoll on first use, under a
 * g_once. A thread that waits there comes back with errno set by the
 * wait, and g_ascii_string_to_signed then calls a good number invalid:
 * writers on two threads once read the txt option wrap=72 as "not a whole
 * number". Calling g_ascii_strtoll first, on its own, takes that wait
 * before the errno that counts is cleared. */
void
prensa_ascii_ready (void)
{
  (void) g_ascii_strtoll ("0", NULL, 10);
}

GDateTime *
prensa_source_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;
  prensa_ascii_ready ();
  /* The reproducible-builds spec: a decimal count of seconds since 1970. */
  if (epoch && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64 / 2, &seconds, NULL)) {
    GDateTime *t = g_date_time_new_from_unix_utc ((gint64) seconds);
    if (t)
      return t;
  }
  return g_date_time_new_now_utc ();
}

/* Reads exactly @n digits at *@p. */
static gboolean
digits (const char **p, guint n, guint *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++, (*p)++) {
    if (!g_ascii_isdigit (**p))
      return FALSE;
    *value = *value * 10 + (guint) (**p - '0');
  }
  return TRUE;
}

gboolean
prensa_date_is_valid (const char *text)
{
  const char *p = text;
  guint y, m = 1, d = 1;
  if (text == NULL || !digits (&p, 4, &y) || y == 0)
    return FALSE;
  if (*p == '-' && (p++, !digits (&p, 2, &m)))
    return FALSE;
  if (*p == '-' && (p++, !digits (&p, 2, &d)))
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (*p == '\0')
    return TRUE;
  /* A time needs the full date, and a zone. */
  return p - text == 10
         && g_regex_match_simple ("^T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?"
                                  "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$", p, 0, 0);
}

typedef struct {
  const char *magic;
  gsize offset;
  gsize length;
  const char *media_type;
} Signature;

static const Signature signatures[] = {
  { "\x89PNG\r\n\x1a\n", 0, 8, "image/png" },
  { "\xff\xd8\xff", 0, 3, "image/jpeg" },
  { "GIF87a", 0, 6, "image/gif" },
  { "GIF89a", 0, 6, "image/gif" },
  { "WEBP", 8, 4, "image/webp" },
  { "ftypavif", 4, 8, "image/avif" },
  { "BM", 0, 2, "image/bmp" },
  { "\0\0\1\0", 0, 4, "image/x-icon" },
  { "II*\0", 0, 4, "image/tiff" },
  { "MM\0*", 0, 4, "image/tiff" },
};

const char *
prensa_image_media_type (const void *data, gsize length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++) {
    const Signature *s = &signatures[i];
    if (length >= s->offset + s->length
        && memcmp ((const char *) data + s->offset, s->magic, s->length) == 0)
      return s->media_type;
  }
  return NULL;
}

void
prensa_string_append_int (GString *out, gint64 n)
{
  g_return_if_fail (out != NULL);
  char digits[24];
  gsize i = sizeof digits;
  guint64 u = n < 0 ? -(guint64) n : (guint64) n;
  do
    digits[--i] = (char) ('0' + u % 10);
  while ((u /= 10) > 0);
  if (n < 0)
    digits[--i] = '-';
  prensa_string_put_len (out, digits + i, sizeof digits - i);
}

/* Reads the open file @fd whole (at most @max bytes) and closes it; @name
 * is for messages. Only a regular file is read: a FIFO, device, socket or
 * folder is refused without a read that could block. */
gboolean
prensa_fd_get_contents (int fd, const char *name, gsize max, char **contents, gsize *length,
                        GError **error)
{
  struct stat st;
  const char *what = NULL;
  if (fstat (fd, &st) != 0)
    what = g_strerror (errno);
  else if (S_ISDIR (st.st_mode))
    what = "a folder, not a file";
  else if (S_ISFIFO (st.st_mode))
    what = "a FIFO, not a regular file";
  else if (!S_ISREG (st.st_mode))
    what = "a device or socket, not a regular file";
  else if ((guint64) st.st_size > max)
    what = "too large";
  if (what) {
    close (fd);
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", name, what);
    return FALSE;
  }
  /* Regular files never block: read as usual. */
  (void) fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  gsize size = (gsize) st.st_size, got = 0;
  char *buf = g_malloc (size + 1);
  while (got < size) {
    ssize_t n = read (fd, buf + got, size - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      close (fd);
      g_free (buf);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "%s: %s", name,
                   n < 0 ? g_strerror (err) : "it shrank while being read");
      return FALSE;
    }
    got += (gsize) n;
  }
  close (fd);
  buf[got] = '\0';
  *contents = buf;
  if (length)
    *length = got;
  return TRUE;
}

gboolean
prensa_file_get_contents (const char *path, gsize max, char **contents, gsize *length,
                          GError **error)
{
  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "%s: %s", path, g_strerror (err));
    return FALSE;
  }
  return prensa_fd_get_contents (fd, path, max, contents, length, error);
}
