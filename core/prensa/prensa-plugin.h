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
 * Build it with `dependency('prensa')` (pkg-config: prensa) as a
 * shared_module with name_prefix '' and hidden visibility, and install it
 * in the folder pkg-config's `plugindir` variable names; plugins/README.md
 * in prensa's sources is the walk-through.
 *
 * What a plugin may use: every PRENSA_API function of prensa.h (the model,
 * the iterator, metadata, output sinks, warnings, the XML and zip helpers)
 * and the option getters below. The host functions (prensa_options_new,
 * _set, _free and prensa-registry.h) are for programs that load plugins.
 *
 * The ABI rule. PRENSA_PLUGIN_ABI is the contract between a plugin and the
 * prensa that loads it; it goes up (and every plugin must be rebuilt) when
 *   - a field of PrensaWriter or PrensaOptionSpec changes place, type or
 *     meaning, or PrensaWriter outgrows its `reserved` room;
 *   - PrensaWriteFunc's arguments or the meaning of its return change;
 *   - a PRENSA_API function changes its arguments, return, ownership or
 *     error behaviour, or goes away;
 *   - an existing enum value changes number (PRENSA_NODE_* and the others
 *     are compiled into a plugin's switch statements) or meaning;
 *   - an opaque type's (transfer none) pointers start to live shorter.
 * It does not go up for what an old plugin cannot notice: new functions,
 * new enum values added before any *_N_TYPES end marker (so a writer's
 * switch needs a default), new error codes, new fields taking the room of
 * `reserved` (where an old plugin has NULL), new metadata keys. The host
 * reads `abi` before any other field, and refuses a module whose ABI
 * differs with one warning naming the file and both numbers:
 *   FILE: plugin ABI 2, but this prensa needs ABI 1; rebuild the plugin; skipped
 * PRENSA_PLUGIN_ABI is independent of the library version and soname.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa.h>

G_BEGIN_DECLS

/* The plugin ABI this header describes; see "The ABI rule" above. */
#define PRENSA_PLUGIN_ABI 1

/* The document model this header describes. Model 2 added tables, footnotes,
 * strikethrough and task items (PRENSA_NODE_TABLE … _FOOTNOTE_REFERENCE,
 * PRENSA_TASK_*). PRENSA_WRITER_DEFINE() records it in the writer's
 * `model` field, which took room from `reserved`, so a writer built
 * against an older header has 0 there.
 *
 * What such a writer gets: not the document, but a copy lowered to the
 * nodes it knows, made once per conversion and only for it (newer
 * writers in the same run see the real one). A table becomes one
 * paragraph per row, its cells joined by " | " and a header row's cells
 * strong; strikethrough becomes its content; a footnote reference becomes
 * the text "[N]" and each note a block quote at the end of its part
 * whose first paragraph opens with "[N] "; a task item's first paragraph
 * opens with "☐ " or "☒ ". Its output is then what it was before these
 * nodes existed, and valid. This is why PRENSA_PLUGIN_ABI stayed 1.
 *
 * Model 3 added PRENSA_NODE_PULL_QUOTE (a pull-quote filter's sentence);
 * a writer of model 2 or before gets it as a BLOCK_QUOTE of the same
 * paragraphs. */
#define PRENSA_MODEL 3

/* The name of the symbol PRENSA_WRITER_DEFINE() emits, the only one the
 * host looks up. */
#define PRENSA_WRITER_SYMBOL "prensa_writer"

/* The option values given for one writer in one conversion, read with the
 * getters below. Owned by the host; a writer only borrows it during
 * write(). */
typedef struct _PrensaOptions PrensaOptions;

/* One option a writer accepts, as a row of its NULL-terminated table.
 * @name: lower case with hyphens ("speaker-labels"); no '.' or '=', as the
 *   command line splits -O FORMAT.NAME=VALUE on them.
 * @default_value: the value a getter sees when the user gave none, or NULL
 *   for none (a getter then fails, so give every option a default unless
 *   its absence means something, which prensa_options_get() can test). A
 *   boolean option's default is "false" or "true".
 * @help: one line for --help-format, which prints the default after it.
 * All three are static strings: the table lives as long as the module. */
typedef struct {
  const char *name;
  const char *default_value;
  const char *help;
} PrensaOptionSpec;

/* Writes @document to @output. On failure returns FALSE with @error set
 * (in the plugin's own error domain, or passed on from a prensa call);
 * never exits and never prints: warnings go through prensa_warning().
 *
 * Everything is borrowed for the call only: do not free, keep or commit
 * @document, @options or @output; the host commits @output after TRUE and
 * discards it (leaving no file) after FALSE. Returning TRUE after a write
 * error is fine: the sink kept the error and commit reports it. write()
 * may be called several times in one process (once per conversion), so
 * keep no state in globals. */
typedef gboolean (*PrensaWriteFunc) (const PrensaDocument *document,
                                     const PrensaOptions *options,
                                     PrensaOutput *output,
                                     GError **error);

/* What a plugin exports, made by PRENSA_WRITER_DEFINE(); a constant that
 * lives as long as the module. Every string must be non-NULL except in
 * the options table, or the host skips the plugin. */
typedef struct {
  guint abi;                       /* PRENSA_PLUGIN_ABI, read first */
  const char *name;                /* == module file name without suffix */
  const char *description;         /* one line, for --list-formats */
  const char *extension;           /* default extension, no dot */
  const char *mime_type;
  const PrensaOptionSpec *options; /* terminated by { NULL } */
  PrensaWriteFunc write;
  guint model;                     /* its PRENSA_MODEL; 0 before model 2 */
  gpointer reserved[7];
} PrensaWriter;

#if defined(__GNUC__)
#define PRENSA_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define PRENSA_PLUGIN_EXPORT
#endif

/* The descriptor section. Each PRENSA_*_DEFINE() also puts what the
 * host lists and looks formats up by into the module's file, as text in
 * the ELF section PRENSA_DESCRIPTOR_SECTION, so that --list-formats,
 * --list-filters and choosing a format by extension read it from the
 * file and never run a module's code (its constructors, and those of
 * the libraries it pulls in); a module is loaded only when a conversion
 * uses it, and what it exports must then match its descriptor.
 *
 * One record per kind, with no pointer in it (nothing to relocate):
 * nine NUL-terminated fields, "prensa-descriptor", the record format
 * "1", the kind ("writer", "reader" or "filter"), the plugin ABI and the
 * model in decimal, then name, description, extension(s) and MIME type
 * (both empty for a filter). Records may be separated by NUL bytes.
 *
 * So the name, description, extension(s) and MIME type given to the
 * DEFINE macros must be string literals (a compile error otherwise).
 * A module that fills its descriptor by hand has no section: the host
 * then loads it to list it, as a prensa before the section did. */
#define PRENSA_DESCRIPTOR_SECTION ".prensa.descriptor"
#define PRENSA_DESCRIPTOR_MAGIC "prensa-descriptor"
#define PRENSA_DESCRIPTOR_FORMAT "1"

#if defined(__GNUC__) && defined(__has_attribute)
#if __has_attribute(retain)
#define PRENSA_DESCRIPTOR_RETAIN_ retain,
#endif
#endif
#ifndef PRENSA_DESCRIPTOR_RETAIN_
#define PRENSA_DESCRIPTOR_RETAIN_
#endif

#if defined(__GNUC__) && defined(__ELF__)
#define PRENSA_DESCRIPTOR_(var, kind, name, description, extensions,        \
                           mime_type)                                        \
  __attribute__((section (PRENSA_DESCRIPTOR_SECTION), used,                 \
                 PRENSA_DESCRIPTOR_RETAIN_ aligned (1)))                     \
  static const char var[] =                                                  \
    PRENSA_DESCRIPTOR_MAGIC "\0" PRENSA_DESCRIPTOR_FORMAT "\0" kind "\0"     \
    G_STRINGIFY (PRENSA_PLUGIN_ABI) "\0" G_STRINGIFY (PRENSA_MODEL) "\0"      \
    "" name "\0" "" description "\0" "" extensions "\0" "" mime_type;
#else
#define PRENSA_DESCRIPTOR_(var, kind, name, description, extensions, mime_type)
#endif

/* Defines and exports the plugin's PrensaWriter, and its descriptor
 * (above). Use it once, at file scope, in the module's main file.
 * @name, @description, @extension and @mime_type are string literals;
 * @options may be NULL when the writer takes none. */
#define PRENSA_WRITER_DEFINE(name, description, extension, mime_type,        \
                             options, write)                                 \
  PRENSA_DESCRIPTOR_ (prensa_writer_descriptor_, "writer", name,            \
                      description, extension, mime_type)                     \
  PRENSA_PLUGIN_EXPORT extern const PrensaWriter prensa_writer;              \
  const PrensaWriter prensa_writer = {                                       \
    PRENSA_PLUGIN_ABI, (name), (description), (extension), (mime_type),     \
    (options), (write), PRENSA_MODEL, { NULL }                               \
  }

#define PRENSA_OPTION_ERROR (prensa_option_error_quark ())
PRENSA_API GQuark prensa_option_error_quark (void);

typedef enum {
  PRENSA_OPTION_ERROR_UNKNOWN,  /* not declared by the writer */
  PRENSA_OPTION_ERROR_INVALID,  /* declared, but the value does not parse */
} PrensaOptionError;

/* The option's value as given, else its declared default, else NULL (also
 * for a name the writer did not declare). A bare "-O NAME" gives "true".
 * Returns: (transfer none): lives as long as @options. */
PRENSA_API const char *prensa_options_get (const PrensaOptions *options,
                                           const char *name);

/* Reads a boolean option into @value: true/yes/1 and false/no/0
 * (any case); "-O toc" alone means true. FALSE with
 * PRENSA_OPTION_ERROR_INVALID (a message naming format, option and value)
 * for anything else, or when there is no value and no default; @value is
 * then left alone. Pass that error on from write(). */
PRENSA_API gboolean prensa_options_get_boolean (const PrensaOptions *options,
                                                const char *name,
                                                gboolean *value,
                                                GError **error);

/* Reads a decimal integer within [@min, @max] into @value: digits, a '-'
 * before them at most, nothing else (no space, '+' or "0x"). FALSE with
 * PRENSA_OPTION_ERROR_INVALID (naming the range) otherwise. */
PRENSA_API gboolean prensa_options_get_int (const PrensaOptions *options,
                                            const char *name,
                                            gint64 min,
                                            gint64 max,
                                            gint64 *value,
                                            GError **error);

/* Reads a decimal number ("11", "10.5"; a '-' only when @min is negative;
 * no exponent, hexadecimal, space or "inf") within [@min, @max] into
 * @value. FALSE with PRENSA_OPTION_ERROR_INVALID (naming the range)
 * otherwise. */
PRENSA_API gboolean prensa_options_get_number (const PrensaOptions *options,
                                               const char *name,
                                               double min,
                                               double max,
                                               double *value,
                                               GError **error);

/* Reads an option that is one of the NULL-terminated @choices (compared
 * without regard to ASCII case); @index receives its position. FALSE with
 * PRENSA_OPTION_ERROR_INVALID listing the choices otherwise. Say the
 * choices in the option's help, as --help-format shows only that. */
PRENSA_API gboolean prensa_options_get_choice (const PrensaOptions *options,
                                               const char *name,
                                               const char *const *choices,
                                               guint *index,
                                               GError **error);

/* Host side: an empty set of values for @writer (borrowed: it must
 * outlive the set). Returns: (transfer full): free with
 * prensa_options_free(). */
PRENSA_API PrensaOptions *prensa_options_new (const PrensaWriter *writer);
/* Frees the set and its values; NULL is ok. */
PRENSA_API void prensa_options_free (PrensaOptions *options);
/* Sets @name to @value (copied; a later call wins). @value NULL means
 * "true" (a bare flag). Values are not checked here: the writer's getters
 * do that. FALSE with PRENSA_OPTION_ERROR_UNKNOWN naming the valid options
 * when @name is not declared. */
PRENSA_API gboolean prensa_options_set (PrensaOptions *options,
                                        const char *name,
                                        const char *value,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaOptions, prensa_options_free)

G_END_DECLS
