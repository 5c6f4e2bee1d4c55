/* prensa-plugin.h: what a format plugin implements.
 *
 * A plugin is a shared module whose file name is its format name plus the
 * platform suffix (html.so). It exports one symbol, made by
 * PRENSA_WRITER_DEFINE():
 *
 *   static const PrensaOptionSpec options[] = {
 *     { "wrap", "72", "Wrap lines at this many columns (0: no wrapping)" },
 *     { NULL }
 *   };
 *   static gboolean write_txt (const PrensaDocument *doc,
 *                              const PrensaOptions *options,
 *                              PrensaOutput *out, GError **error);
 *   PRENSA_WRITER_DEFINE ("txt", "Plain text", "txt", "text/plain",
 *                         options, write_txt);
 *
 * The ABI rule: PRENSA_PLUGIN_ABI goes up whenever a field of PrensaWriter
 * or PrensaOptionSpec changes place or meaning, or a function a plugin may
 * call changes or goes away. New fields take the room of `reserved` and new
 * functions are added without a bump. The host reads `abi` before anything
 * else and refuses a module whose ABI differs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa.h>

G_BEGIN_DECLS

#define PRENSA_PLUGIN_ABI 1

/* The name of the symbol PRENSA_WRITER_DEFINE() emits. */
#define PRENSA_WRITER_SYMBOL "prensa_writer"

typedef struct _PrensaOptions PrensaOptions;

/* One option a writer accepts. @default_value may be NULL (no default);
 * a boolean option's default is "false" or "true". */
typedef struct {
  const char *name;
  const char *default_value;
  const char *help;
} PrensaOptionSpec;

/* Writes @document to @output. On failure returns FALSE with @error set
 * (in the plugin's own error domain); never exits and never prints:
 * warnings go through prensa_warning(). */
typedef gboolean (*PrensaWriteFunc) (const PrensaDocument *document,
                                     const PrensaOptions *options,
                                     PrensaOutput *output,
                                     GError **error);

typedef struct {
  guint abi;                       /* PRENSA_PLUGIN_ABI, read first */
  const char *name;                /* == module file name without suffix */
  const char *description;         /* one line, for --list-formats */
  const char *extension;           /* default extension, no dot */
  const char *mime_type;
  const PrensaOptionSpec *options; /* terminated by { NULL } */
  PrensaWriteFunc write;
  gpointer reserved[8];
} PrensaWriter;

#if defined(__GNUC__)
#define PRENSA_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define PRENSA_PLUGIN_EXPORT
#endif

#define PRENSA_WRITER_DEFINE(name, description, extension, mime_type,        \
                             options, write)                                 \
  PRENSA_PLUGIN_EXPORT extern const PrensaWriter prensa_writer;              \
  const PrensaWriter prensa_writer = {                                       \
    PRENSA_PLUGIN_ABI, (name), (description), (extension), (mime_type),     \
    (options), (write), { NULL }                                             \
  }

#define PRENSA_OPTION_ERROR (prensa_option_error_quark ())
PRENSA_API GQuark prensa_option_error_quark (void);

typedef enum {
  PRENSA_OPTION_ERROR_UNKNOWN,  /* not declared by the writer */
  PRENSA_OPTION_ERROR_INVALID,  /* declared, but the value does not parse */
} PrensaOptionError;

/* The option's value as given, else its declared default, else NULL.
 * (transfer none) */
PRENSA_API const char *prensa_options_get (const PrensaOptions *options,
                                           const char *name);

/* true/yes/on/1 and false/no/off/0 (any case); "-O toc" alone means true.
 * FALSE with PRENSA_OPTION_ERROR_INVALID for anything else. */
PRENSA_API gboolean prensa_options_get_boolean (const PrensaOptions *options,
                                                const char *name,
                                                gboolean *value,
                                                GError **error);

/* A decimal integer within [@min, @max]. */
PRENSA_API gboolean prensa_options_get_int (const PrensaOptions *options,
                                            const char *name,
                                            gint64 min,
                                            gint64 max,
                                            gint64 *value,
                                            GError **error);

/* One of the NULL-terminated @choices; @index receives its position. */
PRENSA_API gboolean prensa_options_get_choice (const PrensaOptions *options,
                                               const char *name,
                                               const char *const *choices,
                                               guint *index,
                                               GError **error);

/* Host side: a set of values checked against @writer's declared options.
 * Returns: (transfer full). */
PRENSA_API PrensaOptions *prensa_options_new (const PrensaWriter *writer);
PRENSA_API void prensa_options_free (PrensaOptions *options);
/* FALSE with PRENSA_OPTION_ERROR_UNKNOWN naming the valid options when
 * @name is not declared. @value NULL means "true" (a bare flag). */
PRENSA_API gboolean prensa_options_set (PrensaOptions *options,
                                        const char *name,
                                        const char *value,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaOptions, prensa_options_free)

G_END_DECLS
