/* output.c: sinks that never leave half a file behind.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "prensa-private.h"

G_DEFINE_QUARK (prensa-output-error-quark, prensa_output_error)

#define FLUSH_AT (256 * 1024)

/* SINK_DIRECT: a target that is no regular file (a device, a FIFO, a
 * terminal), written in place at commit as cp writes it; renaming a
 * file over it would replace the node and reach no reader. */
typedef enum { SINK_FILE, SINK_STDOUT, SINK_MEMORY, SINK_DIRECT } SinkKind;

/* Temporary files in flight, for prensa_output_remove_temporaries(). A
 * signal handler may read the table at any moment, so slots are claimed
 * and released with atomic operations and hold strings that stay valid
 * while they are in the table. */
#define MAX_TEMPS 256
static char *temps[MAX_TEMPS];

static void
temps_add (char *path)
{
  for (guint i = 0; i < MAX_TEMPS; i++)
    if (g_atomic_pointer_compare_and_exchange (&temps[i], NULL, path))
      return;
}

static void
temps_remove (const char *path)
{
  for (guint i = 0; i < MAX_TEMPS; i++)
    if (g_atomic_pointer_compare_and_exchange (&temps[i], (char *) path, NULL))
      return;
}

/* Writers on other threads may be making a temporary file while a signal
 * handler runs here: @creating counts those between mkstemp() and
 * temps_add(), and once @terminating is set no more start. Each side
 * writes its flag before reading the other's, so one of them sees the
 * other: the handler waits for files in the making, or the writer makes
 * none. */
static gint creating, terminating;

void
prensa_output_remove_temporaries (void)
{
  g_atomic_int_set (&terminating, 1);
  while (g_atomic_int_get (&creating) > 0) {
    /* A few instructions on another core; nanosleep is safe here. */
    struct timespec pause = { 0, 100000 };
    nanosleep (&pause, NULL);
  }
  for (guint i = 0; i < MAX_TEMPS; i++) {
    char *p = g_atomic_pointer_get (&temps[i]);
    if (p)
      unlink (p);
  }
}

struct _PrensaOutput {
  SinkKind kind;
  char *path;
  char *tmp_path;
  int fd;
  GByteArray *buf;
  GError *error;
  gboolean committed;
};

static PrensaOutput *
output_new (SinkKind kind)
{
  PrensaOutput *o = g_new0 (PrensaOutput, 1);
  o->kind = kind;
  o->fd = -1;
  o->buf = g_byte_array_sized_new (kind == SINK_FILE ? FLUSH_AT : 4096);
  return o;
}

/* Where writing @path really lands: through a symlink (the link kept, as
 * cp and pandoc write through it), also a dangling one. */
static char *
write_target (const char *path)
{
  struct stat lst;
  char *target = g_strdup (path);
  for (guint hops = 0; hops < 40 && lstat (target, &lst) == 0 && S_ISLNK (lst.st_mode); hops++) {
    g_autofree char *link = g_file_read_link (target, NULL);
    if (link == NULL)
      break;
    g_autofree char *dir = g_path_get_dirname (target);
    g_free (target);
    target = g_path_is_absolute (link) ? g_strdup (link) : g_build_filename (dir, link, NULL);
  }
  return target;
}

PrensaOutput *
prensa_output_new_file (const char *given, GError **error)
{
  g_return_val_if_fail (given != NULL, NULL);
  g_autofree char *path = write_target (given);
  struct stat st;
  gboolean exists = stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode)) {
    g_set_error (error, PRENSA_OUTPUT_ERROR, PRENSA_OUTPUT_ERROR_FAILED,
                 "%s: is a directory", given);
    return NULL;
  }
  if (exists && !S_ISREG (st.st_mode)) {
    PrensaOutput *o = output_new (SINK_DIRECT);
    o->path = g_steal_pointer (&path);
    return o;
  }
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  /* Between creating the temporary file and recording it, a SIGINT would
   * leave it behind: hold such signals on this thread for those few
   * instructions, and count them for a handler on another thread. */
  sigset_t hold, old;
  sigemptyset (&hold);
  sigaddset (&hold, SIGINT);
  sigaddset (&hold, SIGTERM);
  sigaddset (&hold, SIGHUP);
  pthread_sigmask (SIG_BLOCK, &hold, &old);
  g_atomic_int_inc (&creating);
  int fd = -1, saved = EINTR;
  if (!g_atomic_int_get (&terminating)) {
    fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0666);
    saved = errno;
    if (fd >= 0)
      temps_add (tmpl);
  }
  (void) g_atomic_int_add (&creating, -1);
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  if (fd < 0) {
    g_set_error (error, PRENSA_OUTPUT_ERROR, PRENSA_OUTPUT_ERROR_FAILED,
                 "%s: cannot write: %s", path, g_strerror (saved));
    return NULL;
  }
  /* A replaced file keeps its owner and group where this process may set
   * them, and its permissions, but never setuid or setgid: the bytes are
   * new, and may now be root's. */
  if (exists && S_ISREG (st.st_mode)) {
    if (fchown (fd, st.st_uid, st.st_gid) != 0)
      (void) fchown (fd, (uid_t) -1, st.st_gid);
    (void) fchmod (fd, st.st_mode & 01777);
  }
  PrensaOutput *o = output_new (SINK_FILE);
  o->path = g_strdup (path);
  o->tmp_path = g_steal_pointer (&tmpl);
  o->fd = fd;
  return o;
}

PrensaOutput *
prensa_output_new_stdout (void)
{
  PrensaOutput *o = output_new (SINK_STDOUT);
  o->fd = STDOUT_FILENO;
  return o;
}

PrensaOutput *
prensa_output_new_memory (void)
{
  return output_new (SINK_MEMORY);
}

static void
set_errno_error (PrensaOutput *o, int err)
{
  if (o->error)
    return;
  const char *name = o->kind == SINK_STDOUT ? "standard output" : o->path;
  g_set_error (&o->error, PRENSA_OUTPUT_ERROR, PRENSA_OUTPUT_ERROR_FAILED,
               "%s: write failed: %s", name, g_strerror (err));
}

static void
write_all (PrensaOutput *o, const guint8 *data, gsize len)
{
  while (len > 0 && o->error == NULL) {
    ssize_t n = write (o->fd, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      set_errno_error (o, n < 0 ? errno : ENOSPC);
      return;
    }
    data += n;
    len -= (gsize) n;
  }
}

static void
flush (PrensaOutput *o)
{
  write_all (o, o->buf->data, o->buf->len);
  g_byte_array_set_size (o->buf, 0);
}

void
prensa_output_write (PrensaOutput *output, const void *data, gsize length)
{
  g_return_if_fail (output != NULL && !output->committed);
  if (output->error || length == 0)
    return;
  if (output->kind == SINK_FILE && output->buf->len + length > FLUSH_AT) {
    flush (output);
    if (length >= FLUSH_AT) {
      write_all (output, data, length);
      return;
    }
  }
  g_byte_array_append (output->buf, data, (guint) length);
}

void
prensa_output_puts (PrensaOutput *output, const char *text)
{
  g_return_if_fail (text != NULL);
  prensa_output_write (output, text, strlen (text));
}

void
prensa_output_printf (PrensaOutput *output, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *s = g_strdup_vprintf (format, ap);
  va_end (ap);
  prensa_output_write (output, s, strlen (s));
}

void
prensa_output_fail (PrensaOutput *output, GError *error)
{
  g_return_if_fail (output != NULL && error != NULL);
  if (output->error)
    g_error_free (error);
  else
    output->error = error;
}

gboolean
prensa_output_failed (const PrensaOutput *output)
{
  g_return_val_if_fail (output != NULL, TRUE);
  return output->error != NULL;
}

const char *
prensa_output_get_path (const PrensaOutput *output)
{
  g_return_val_if_fail (output != NULL, NULL);
  return output->path;
}

static void
discard_temp (PrensaOutput *o)
{
  if (o->kind == SINK_FILE && o->fd >= 0) {
    close (o->fd);
    o->fd = -1;
  }
  if (o->tmp_path) {
    temps_remove (o->tmp_path);
    unlink (o->tmp_path);
    g_clear_pointer (&o->tmp_path, g_free);
  }
}

gboolean
prensa_output_commit (PrensaOutput *output, GError **error)
{
  g_return_val_if_fail (output != NULL && !output->committed, FALSE);
  if (output->kind == SINK_DIRECT && output->error == NULL) {
    output->fd = open (output->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (output->fd < 0)
      set_errno_error (output, errno);
  }
  if (output->kind != SINK_MEMORY && output->fd >= 0)
    flush (output);
  if (output->kind == SINK_DIRECT && output->fd >= 0) {
    if (close (output->fd) != 0)
      set_errno_error (output, errno);
    output->fd = -1;
  }
  if (output->kind == SINK_FILE && output->error == NULL) {
    int fd = output->fd;
    output->fd = -1;
    if (close (fd) != 0)
      set_errno_error (output, errno);
    else if (rename (output->tmp_path, output->path) != 0)
      set_errno_error (output, errno);
    else {
      temps_remove (output->tmp_path);
      g_clear_pointer (&output->tmp_path, g_free);
    }
  }
  if (output->error) {
    discard_temp (output);
    g_propagate_error (error, g_steal_pointer (&output->error));
    return FALSE;
  }
  output->committed = TRUE;
  return TRUE;
}

GBytes *
prensa_output_steal_bytes (PrensaOutput *output)
{
  g_return_val_if_fail (output != NULL && output->kind == SINK_MEMORY, NULL);
  GBytes *b = g_byte_array_free_to_bytes (output->buf);
  output->buf = g_byte_array_new ();
  return b;
}

void
prensa_output_free (PrensaOutput *output)
{
  if (output == NULL)
    return;
  discard_temp (output);
  g_clear_error (&output->error);
  g_byte_array_unref (output->buf);
  g_free (output->path);
  g_free (output);
}
