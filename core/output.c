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

/* A temporary file: its name in the target's folder, opened as @dirfd, so
 * removing it never depends on the folder keeping its name. */
typedef struct {
  int dirfd;
  char *name;
} Temp;

/* Temporary files in flight, for prensa_output_remove_temporaries(). A
 * signal handler may read the table at any moment, so slots are claimed
 * and released with atomic operations and hold entries that stay valid
 * while they are in the table. An unnamed (O_TMPFILE) file is in it only
 * between being given its name and its rename at commit. */
#define MAX_TEMPS 256
static Temp *temps[MAX_TEMPS];

static void
temps_add (Temp *t)
{
  for (guint i = 0; i < MAX_TEMPS; i++)
    if (g_atomic_pointer_compare_and_exchange (&temps[i], NULL, t))
      return;
}

static void
temps_remove (const Temp *t)
{
  for (guint i = 0; i < MAX_TEMPS; i++)
    if (g_atomic_pointer_compare_and_exchange (&temps[i], (Temp *) t, NULL))
      return;
}

/* Writers on other threads may be naming a temporary file while a signal
 * handler runs here: @creating counts those between naming it and
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
    Temp *t = g_atomic_pointer_get (&temps[i]);
    if (t)
      unlinkat (t->dirfd, t->name, 0);
  }
}

void
prensa_out_of_memory (void)
{
  static const char message[] = "prensa: out of memory\n";

  prensa_output_remove_temporaries ();
  if (write (STDERR_FILENO, message, sizeof message - 1) < 0)
    _exit (1);
  _exit (1);
}

struct _PrensaOutput {
  SinkKind kind;
  char *path;
  Temp temp;          /* SINK_FILE: the folder and, while named, the name */
  char *base;         /* SINK_FILE: the target's name in that folder */
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
  o->temp.dirfd = -1;
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

/* A name for a temporary file beside @base that fits NAME_MAX however
 * long @base is: ".BASE.XXXXXX" with BASE cut short at a character. */
static char *
temp_template (const char *base)
{
  const gsize room = 255 - strlen (".") - strlen (".XXXXXX");
  gsize n = strlen (base);
  if (n > room) {
    n = room;
    while (n > 0 && ((guchar) base[n] & 0xC0) == 0x80)
      n--;
  }
  return g_strdup_printf (".%.*s.XXXXXX", (int) n, base);
}

/* mkstemp in the folder @dirfd: fills in @tmpl's XXXXXX. */
static int
mkstemp_at (int dirfd, char *tmpl)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  char *x = tmpl + strlen (tmpl) - 6;
  for (guint attempt = 0; attempt < 100; attempt++) {
    for (guint i = 0; i < 6; i++)
      x[i] = letters[g_random_int_range (0, sizeof letters - 1)];
    int fd = openat (dirfd, tmpl, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd >= 0 || errno != EEXIST)
      return fd;
  }
  errno = EEXIST;
  return -1;
}

/* Gives @o's file the name @tmpl in its folder: created so (named), or
 * linked there from its unnamed descriptor. Signals are held on this
 * thread, and counted for a handler on another, between the name's
 * appearing and its entry in the table, so no signal can leave it behind.
 * FALSE with errno set when the name cannot be made. */
static gboolean
name_temp (PrensaOutput *o, char *tmpl, gboolean create)
{
  sigset_t hold, old;
  sigfillset (&hold);
  pthread_sigmask (SIG_BLOCK, &hold, &old);
  g_atomic_int_inc (&creating);
  int saved = EINTR;
  gboolean ok = FALSE;
  if (!g_atomic_int_get (&terminating)) {
    if (create) {
      o->fd = mkstemp_at (o->temp.dirfd, tmpl);
      ok = o->fd >= 0;
    } else {
      char proc[64];
      static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
      char *x = tmpl + strlen (tmpl) - 6;
      g_snprintf (proc, sizeof proc, "/proc/self/fd/%d", o->fd);
      for (guint attempt = 0; attempt < 100 && !ok; attempt++) {
        for (guint i = 0; i < 6; i++)
          x[i] = letters[g_random_int_range (0, sizeof letters - 1)];
        ok = linkat (AT_FDCWD, proc, o->temp.dirfd, tmpl, AT_SYMLINK_FOLLOW) == 0;
        if (!ok && errno != EEXIST)
          break;
      }
    }
    saved = errno;
    if (ok) {
      o->temp.name = tmpl;
      temps_add (&o->temp);
    }
  }
  if (!ok)
    g_free (tmpl);
  (void) g_atomic_int_add (&creating, -1);
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  errno = saved;
  return ok;
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
  PrensaOutput *o = output_new (SINK_FILE);
  o->path = g_strdup (path);
  o->base = g_path_get_basename (path);
  o->temp.dirfd = open (dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (o->temp.dirfd >= 0) {
    /* Unnamed where the filesystem allows it, so that no failure, signal
     * or abort can leave it behind: it is named only at commit. With
     * PRENSA_NAMED_TEMPORARIES set, as on a filesystem without O_TMPFILE
     * (the tests' way to reach that path), named from the start. */
    errno = EOPNOTSUPP;
    if (g_getenv ("PRENSA_NAMED_TEMPORARIES") == NULL)
      o->fd = openat (o->temp.dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (o->fd < 0 && errno != EACCES && errno != EROFS && errno != ENOSPC && errno != EDQUOT)
      (void) name_temp (o, temp_template (o->base), TRUE);
  }
  if (o->fd < 0) {
    int saved = errno;
    g_set_error (error, PRENSA_OUTPUT_ERROR, PRENSA_OUTPUT_ERROR_FAILED,
                 "%s: cannot write: %s", path, g_strerror (saved));
    prensa_output_free (o);
    return NULL;
  }
  /* A replaced file keeps its owner and group where this process may set
   * them, and its permissions, but never setuid or setgid: the bytes are
   * new, and may now be root's. An unnamed file is made 0666 less the
   * umask, as a named one is. */
  if (exists && S_ISREG (st.st_mode)) {
    if (fchown (o->fd, st.st_uid, st.st_gid) != 0)
      (void) fchown (o->fd, (uid_t) -1, st.st_gid);
    (void) fchmod (o->fd, st.st_mode & 01777);
  }
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
  if (o->temp.name) {
    temps_remove (&o->temp);
    unlinkat (o->temp.dirfd, o->temp.name, 0);
    g_clear_pointer (&o->temp.name, g_free);
  }
}

/* Puts @o's file in place of its target: named beside it now if it was
 * unnamed, then renamed over it, all through the folder's descriptor. */
static void
commit_file (PrensaOutput *o)
{
  int fd = o->fd;
  if (o->temp.name == NULL && !name_temp (o, temp_template (o->base), FALSE)) {
    set_errno_error (o, errno);
    return;
  }
  o->fd = -1;
  if (close (fd) != 0)
    set_errno_error (o, errno);
  else if (renameat (o->temp.dirfd, o->temp.name, o->temp.dirfd, o->base) != 0)
    set_errno_error (o, errno);
  else {
    temps_remove (&o->temp);
    g_clear_pointer (&o->temp.name, g_free);
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
  if (output->kind == SINK_FILE && output->error == NULL)
    commit_file (output);
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
  if (output->temp.dirfd >= 0)
    close (output->temp.dirfd);
  g_clear_error (&output->error);
  g_byte_array_unref (output->buf);
  g_free (output->path);
  g_free (output->base);
  g_free (output);
}
