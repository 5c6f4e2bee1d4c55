/* cli-json-filter.c: --json-filter CMD, pandoc's JSON filters for prensa.
 *
 * The document goes to CMD (run by /bin/sh) as prensa-json, the JSON the
 * json plugin writes (samples/plugin/json.c documents it, with its
 * "version"), on standard input; CMD writes the changed document in the
 * same JSON on standard output, which the json plugin's reader reads back
 * through a loader, so every core pass runs on it as on any input. CMD
 * failing (a non-zero exit, a signal), writing what the reader refuses,
 * or running past the time limit fails the conversion with the end of
 * its standard error quoted.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "prensa/prensa-registry.h"

static void
set_nonblocking (int fd)
{
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
}

/* The last line or so of @err, for a message. */
static char *
stderr_tail (GByteArray *err)
{
  if (err->len == 0)
    return g_strdup ("");
  gsize start = err->len > 400 ? err->len - 400 : 0;
  g_autofree char *text = g_utf8_make_valid ((const char *) err->data + start, err->len - start);
  g_strstrip (text);
  return *text ? g_strdup_printf (": %s", text) : g_strdup ("");
}

/* Runs @command with @input on its standard input; its standard output
 * in @out and standard error in @err. FALSE with @error set when it
 * cannot start, fails or outlives @timeout_s seconds. */
static gboolean
run_command (const char *command, GBytes *input, guint timeout_s, GByteArray *out,
             GByteArray *err, GError **error)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  GPid pid;
  int in_fd, out_fd, err_fd;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, &in_fd, &out_fd, &err_fd, error))
    return FALSE;
  set_nonblocking (in_fd);
  set_nonblocking (out_fd);
  set_nonblocking (err_fd);
  gsize in_len;
  const guint8 *in_data = g_bytes_get_data (input, &in_len);
  gsize written = 0;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  gboolean timed_out = FALSE;
  if (in_len == 0) {
    close (in_fd);
    in_fd = -1;
  }
  while (out_fd >= 0 || err_fd >= 0) {
    struct pollfd fds[3] = { { in_fd, POLLOUT, 0 }, { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
    gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
    if (left <= 0) {
      timed_out = TRUE;
      break;
    }
    int n = poll (fds, 3, (int) MIN (left, 1000));
    if (n < 0 && errno != EINTR)
      break;
    if (in_fd >= 0 && fds[0].revents) {
      ssize_t w = write (in_fd, in_data + written, in_len - written);
      if (w > 0)
        written += (gsize) w;
      /* a closed pipe: the command wants no more of the document */
      if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == in_len) {
        close (in_fd);
        in_fd = -1;
      }
    }
    for (int k = 1; k <= 2; k++) {
      int *fd = k == 1 ? &out_fd : &err_fd;
      if (*fd < 0 || !fds[k].revents)
        continue;
      guint8 buf[65536];
      ssize_t r = read (*fd, buf, sizeof buf);
      if (r > 0)
        g_byte_array_append (k == 1 ? out : err, buf, (guint) r);
      else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        close (*fd);
        *fd = -1;
      }
    }
  }
  if (in_fd >= 0)
    close (in_fd);
  if (out_fd >= 0)
    close (out_fd);
  if (err_fd >= 0)
    close (err_fd);
  if (timed_out)
    kill (pid, SIGKILL);
  int status = 0;
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);
  g_autofree char *tail = stderr_tail (err);
  if (timed_out) {
    g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                 "--json-filter '%s' took longer than %u s and was stopped%s", command,
                 timeout_s, tail);
    return FALSE;
  }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0) {
    g_autofree char *how = WIFEXITED (status) ? g_strdup_printf ("exited with status %d",
                                                                 WEXITSTATUS (status))
                                              : g_strdup_printf ("was killed by signal %d",
                                                                 WTERMSIG (status));
    g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "--json-filter '%s' %s%s",
                 command, how, tail);
    return FALSE;
  }
  return TRUE;
}

PrensaDocument *
cli_json_filter (PrensaRegistry *registry, const PrensaDocument *doc, const char *command,
                 guint timeout_s, PrensaLoadFlags flags, char **resource_paths, GError **error)
{
  const PrensaWriter *writer = prensa_registry_lookup (registry, "json");
  if (writer == NULL || prensa_registry_lookup_reader (registry, "json") == NULL) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                 "--json-filter needs the json plugin (samples/plugin in prensa's sources) "
                 "for its writer and reader; none was found (see --list-formats)");
    return NULL;
  }
  g_autoptr (PrensaOptions) options = prensa_options_new (writer);
  if (!prensa_options_set (options, "indent", "0", error))
    return NULL;
  g_autoptr (PrensaOutput) sink = prensa_output_new_memory ();
  if (!prensa_writer_run (writer, doc, options, sink, error) || !prensa_output_commit (sink, error))
    return NULL;
  g_autoptr (GBytes) json = prensa_output_steal_bytes (sink);
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (GByteArray) err = g_byte_array_new ();
  if (!run_command (command, json, timeout_s, out, err, error))
    return NULL;
  if (err->len > 0 && out->len == 0) {
    g_autofree char *tail = stderr_tail (err);
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                 "--json-filter '%s' wrote nothing%s", command, tail);
    return NULL;
  }
  /* Read back as an input is: the same flags and resource folders, and
   * the first part's path, which relative images resolve against. */
  g_autoptr (PrensaLoader) loader = prensa_loader_new (flags);
  prensa_loader_set_registry (loader, registry);
  prensa_loader_set_format (loader, "json");
  for (guint i = 0; resource_paths && resource_paths[i]; i++) {
    g_auto (GStrv) dirs = g_strsplit (resource_paths[i], G_SEARCHPATH_SEPARATOR_S, -1);
    for (guint k = 0; dirs[k]; k++)
      if (*dirs[k])
        prensa_loader_add_resource_path (loader, dirs[k]);
  }
  const PrensaNode *first = prensa_node_first_child (prensa_document_get_root (doc));
  const char *source = first ? prensa_node_get_part_source (first) : NULL;
  g_autofree char *name = g_strdup_printf ("the output of --json-filter '%s'", command);
  GError *read_error = NULL;
  if (!prensa_loader_add_data (loader, name, source, (const char *) out->data, out->len,
                               &read_error)) {
    if (err->len > 0) {
      g_autofree char *tail = stderr_tail (err);
      char *message = g_strconcat (read_error->message, " (its standard error", tail, ")", NULL);
      g_free (read_error->message);
      read_error->message = message;
    }
    g_propagate_error (error, read_error);
    return NULL;
  }
  return prensa_loader_finish (loader);
}
