/* prensa-output.h: output sinks.
 *
 * A file sink writes to a temporary file beside its target and renames it
 * over the target only in prensa_output_commit(): a conversion that fails
 * leaves no file behind and never clobbers an existing one. The standard
 * output sink holds everything until commit for the same reason.
 *
 * Writes never fail loudly: the first error is kept (later writes do
 * nothing) and prensa_output_commit() reports it. A writer can test
 * prensa_output_failed() to stop early. Writers never call commit or
 * free: the host does, after write() returned TRUE. Bytes go out exactly
 * as given: a writer encodes (UTF-8) and ends lines itself.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-version.h>

G_BEGIN_DECLS

typedef struct _PrensaOutput PrensaOutput;

#define PRENSA_OUTPUT_ERROR (prensa_output_error_quark ())
PRENSA_API GQuark prensa_output_error_quark (void);

typedef enum {
  PRENSA_OUTPUT_ERROR_FAILED,
} PrensaOutputError;

/* Returns: (transfer full), or NULL with @error set when the temporary file
 * cannot be made (the target's folder is missing or not writable, the
 * target is a directory). */
PRENSA_API PrensaOutput *prensa_output_new_file (const char *path,
                                                 GError **error);
/* Standard output, written at commit. Returns: (transfer full). */
PRENSA_API PrensaOutput *prensa_output_new_stdout (void);
/* Memory; take the bytes with prensa_output_steal_bytes() after commit.
 * Returns: (transfer full). */
PRENSA_API PrensaOutput *prensa_output_new_memory (void);

/* Appends @length bytes of @data (copied; @data stays the caller's).
 * Does nothing once the sink has failed; never call it after commit. */
PRENSA_API void prensa_output_write (PrensaOutput *output,
                                     const void *data,
                                     gsize length);
/* prensa_output_write() of a NUL-terminated string, and of a printf()
 * format (checked by the compiler). */
PRENSA_API void prensa_output_puts (PrensaOutput *output, const char *text);
PRENSA_API void prensa_output_printf (PrensaOutput *output,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (2, 3);
/* Records a writer-side failure as the sink's error: it takes @error
 * (transfer full), and frees it when the sink had failed already (the
 * first error wins). Later writes do nothing and commit fails. For code
 * that cannot return a GError itself; write() may simply return FALSE. */
PRENSA_API void prensa_output_fail (PrensaOutput *output, GError *error);
/* TRUE once a write or prensa_output_fail() has failed. */
PRENSA_API gboolean prensa_output_failed (const PrensaOutput *output);

/* The target path, or NULL for standard output and memory. A writer may
 * use it for messages, never to open the file itself. (transfer none) */
PRENSA_API const char *prensa_output_get_path (const PrensaOutput *output);

/* Host side. Flushes and puts the output in place. FALSE with @error set
 * (PRENSA_OUTPUT_ERROR_FAILED, or the error given to prensa_output_fail())
 * on any error so far; the temporary file is then removed. */
PRENSA_API gboolean prensa_output_commit (PrensaOutput *output,
                                          GError **error);

/* Memory sinks only, after commit. Returns: (transfer full): free with
 * g_bytes_unref(). */
PRENSA_API GBytes *prensa_output_steal_bytes (PrensaOutput *output);

/* Removes the temporary file of every uncommitted file sink that has a
 * name (most have none: they are made unnamed, with O_TMPFILE, where the
 * filesystem allows it, and named only at commit). Only
 * async-signal-safe calls: meant for a signal handler, so an interrupted
 * conversion leaves nothing behind. */
PRENSA_API void prensa_output_remove_temporaries (void);

/* Ends the process when memory runs out, the one way for every part of
 * prensa (and for a plugin whose library cannot go on): removes the
 * temporary files, prints "prensa: out of memory" and exits with status
 * 1. Async-signal-safe. */
PRENSA_API G_GNUC_NORETURN void prensa_out_of_memory (void);

/* Frees the sink; an uncommitted file sink removes its temporary file. */
PRENSA_API void prensa_output_free (PrensaOutput *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaOutput, prensa_output_free)

G_END_DECLS
