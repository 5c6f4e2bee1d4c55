/* cli.h: the prensa command's helpers (cli.c): suggestions for mistyped
 * names, and what becomes of warnings (collapsed, silenced, counted).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include "prensa/prensa-registry.h"

/* The candidate closest to @word (a few letters off, or @word a prefix of
 * it), or NULL. (transfer none): points into @candidates. */
const char *cli_suggest (const char *word, const char *const *candidates);

/* " (did you mean 'X'?)" or "" for messages. (transfer full) */
char *cli_did_you_mean (const char *word, const char *const *candidates);

typedef enum {
  CLI_WARN_NORMAL,
  CLI_WARN_QUIET,      /* --quiet: none printed, still counted */
} CliWarnMode;

/* Takes prensa's warnings over: each printed as "prensa: warning: …", the
 * same kind (one message with its file, line, numbers and quoted names
 * left out) at most CLI_WARN_REPEATS times, the rest counted. */
#define CLI_WARN_REPEATS 5
void cli_warnings_start (CliWarnMode mode);
/* How many warnings were given so far. */
guint cli_warnings_count (void);
/* Prints "… and N more like that" for each kind that was cut short. */
void cli_warnings_finish (void);

/* -d/--defaults FILE (cli-defaults.c): each is replaced in @argv by the
 * options its YAML file sets, as pandoc reads defaults files; @entries
 * tells which options take a value. FALSE, with @error, for a file that
 * cannot be read or is not a map of options. */
gboolean cli_defaults_expand (int *argc, char ***argv, const GOptionEntry *entries,
                              GError **error);

/* --json-filter CMD (cli-json-filter.c): @doc as prensa-json on CMD's
 * standard input, and CMD's standard output read back with the json
 * plugin's reader into a new document (loaded with @flags and
 * @resource_paths, as --resource-path gives them). NULL with @error,
 * quoting CMD's standard error, when CMD cannot run, exits non-zero, takes
 * more than @timeout_s seconds or writes what the reader refuses; or when
 * no json plugin is found. Returns: (transfer full). */
#define CLI_JSON_FILTER_TIMEOUT 60
PrensaDocument *cli_json_filter (PrensaRegistry *registry, const PrensaDocument *doc,
                                 const char *command, guint timeout_s, PrensaLoadFlags flags,
                                 char **resource_paths, GError **error);
