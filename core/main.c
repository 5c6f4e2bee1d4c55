/* main.c: the prensa command.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "prensa/prensa.h"
#include "prensa/prensa-registry.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct {
  char *to;
  char *output;
  char **meta;
  char **options;
  gboolean no_smart;
  gboolean list_formats;
  char *help_format;
  char *plugin_path;
  gboolean version;
  char **resource_paths;
  gboolean sandbox;
  char **inputs;
} Args;

typedef struct {
  const PrensaWriter *writer;
  PrensaOptions *options;
  char *target; /* NULL: standard output */
} Job;

static void
job_clear (gpointer data)
{
  Job *j = data;
  prensa_options_free (j->options);
  g_free (j->target);
}

static int
usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "prensa: %s\nTry 'prensa --help' for more information.\n", msg);
  return EXIT_USAGE;
}

static void
list_formats (PrensaRegistry *reg)
{
  guint n = prensa_registry_get_n_writers (reg);
  if (n == 0)
    printf ("No formats found; set PRENSA_PLUGIN_PATH or --plugin-path.\n");
  for (guint i = 0; i < n; i++) {
    const PrensaWriter *w = prensa_registry_get_writer (reg, i);
    printf ("%-6s .%-5s %s\n       %s\n", w->name, w->extension, w->description,
            prensa_registry_get_writer_path (reg, w));
  }
}

static int
help_format (PrensaRegistry *reg, const char *name)
{
  const PrensaWriter *w = prensa_registry_lookup (reg, name);
  if (w == NULL)
    return usage_error ("unknown format '%s' (see --list-formats)", name);
  printf ("%s: %s\n  extension: .%s\n  media type: %s\n  loaded from: %s\n\nOptions (-O %s.NAME=VALUE):\n",
          w->name, w->description, w->extension, w->mime_type,
          prensa_registry_get_writer_path (reg, w), w->name);
  if (w->options == NULL || w->options[0].name == NULL)
    printf ("  (none)\n");
  for (const PrensaOptionSpec *s = w->options; s && s->name; s++)
    printf ("  %-16s %s (default: %s)\n", s->name, s->help ? s->help : "",
            s->default_value ? s->default_value : "none");
  return EXIT_OK;
}

/* -t, or the -o extension when -t is absent. */
static int
pick_writers (PrensaRegistry *reg, const Args *a, GArray *jobs)
{
  if (a->to == NULL) {
    const char *dot = a->output ? strrchr (a->output, '.') : NULL;
    const PrensaWriter *w = dot && !strchr (dot, '/') ? prensa_registry_lookup_extension (reg, dot + 1) : NULL;
    if (w == NULL)
      return usage_error ("say which format to write with -t FORMAT (see --list-formats)");
    Job j = { w, prensa_options_new (w), NULL };
    g_array_append_val (jobs, j);
    return EXIT_OK;
  }
  g_auto (GStrv) names = g_strsplit (a->to, ",", -1);
  for (guint i = 0; names[i]; i++) {
    g_strstrip (names[i]);
    if (strcmp (names[i], "all") == 0) {
      for (guint k = 0; k < prensa_registry_get_n_writers (reg); k++) {
        const PrensaWriter *w = prensa_registry_get_writer (reg, k);
        Job j = { w, prensa_options_new (w), NULL };
        g_array_append_val (jobs, j);
      }
      continue;
    }
    const PrensaWriter *w = prensa_registry_lookup (reg, names[i]);
    if (w == NULL)
      return usage_error ("unknown format '%s' (see --list-formats)", names[i]);
    gboolean dup = FALSE;
    for (guint k = 0; k < jobs->len; k++)
      dup |= g_array_index (jobs, Job, k).writer == w;
    if (!dup) {
      Job j = { w, prensa_options_new (w), NULL };
      g_array_append_val (jobs, j);
    }
  }
  if (jobs->len == 0)
    return usage_error ("no format to write");
  return EXIT_OK;
}

/* -O key=value goes to every chosen format that declares key;
 * -O format.key=value to that format only. */
static int
apply_options (const Args *a, PrensaRegistry *reg, GArray *jobs)
{
  for (guint i = 0; a->options && a->options[i]; i++) {
    const char *spec = a->options[i];
    const char *eq = strchr (spec, '=');
    g_autofree char *key = eq ? g_strndup (spec, eq - spec) : g_strdup (spec);
    const char *value = eq ? eq + 1 : NULL;
    char *dot = strchr (key, '.');
    const char *format = NULL, *name = key;
    if (dot) {
      *dot = '\0';
      format = key;
      name = dot + 1;
      if (prensa_registry_lookup (reg, format) == NULL)
        return usage_error ("-O %s: unknown format '%s'", spec, format);
    }
    guint applied = 0;
    g_autoptr (GError) last = NULL;
    for (guint k = 0; k < jobs->len; k++) {
      Job *j = &g_array_index (jobs, Job, k);
      if (format && strcmp (j->writer->name, format) != 0)
        continue;
      g_clear_error (&last);
      if (prensa_options_set (j->options, name, value, &last))
        applied++;
      else if (format)
        return usage_error ("-O %s: %s", spec, last->message);
    }
    if (applied == 0 && !format)
      return usage_error ("-O %s: %s", spec, last ? last->message : "no format chosen");
  }
  return EXIT_OK;
}

static char *
output_stem (const Args *a)
{
  const char *first = a->inputs[0];
  if (strcmp (first, "-") == 0)
    return g_strdup ("stdin");
  g_autofree char *base = g_path_get_basename (first);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

static int
pick_targets (const Args *a, GArray *jobs)
{
  const char *o = a->output;
  gboolean to_dir = o && strcmp (o, "-") != 0
                    && (g_file_test (o, G_FILE_TEST_IS_DIR) || g_str_has_suffix (o, "/") || jobs->len > 1);
  if (jobs->len > 1 && !to_dir)
    return usage_error ("several formats need -o DIRECTORY");
  if (to_dir && g_mkdir_with_parents (o, 0777) != 0)
    return usage_error ("-o %s: cannot make the folder: %s", o, g_strerror (errno));
  g_autofree char *stem = output_stem (a);
  for (guint k = 0; k < jobs->len; k++) {
    Job *j = &g_array_index (jobs, Job, k);
    if (to_dir) {
      g_autofree char *file = g_strdup_printf ("%s.%s", stem, j->writer->extension);
      j->target = g_build_filename (o, file, NULL);
    } else if (o && strcmp (o, "-") != 0) {
      j->target = g_strdup (o);
    }
  }
  return EXIT_OK;
}

static int
load (const Args *a, PrensaDocument **doc)
{
  PrensaLoadFlags flags = (a->no_smart ? PRENSA_LOAD_NO_SMART : 0) | (a->sandbox ? PRENSA_LOAD_SANDBOX : 0);
  g_autoptr (PrensaLoader) loader = prensa_loader_new (flags);
  for (guint i = 0; a->resource_paths && a->resource_paths[i]; i++) {
    g_auto (GStrv) dirs = g_strsplit (a->resource_paths[i], G_SEARCHPATH_SEPARATOR_S, -1);
    for (guint k = 0; dirs[k]; k++)
      if (*dirs[k])
        prensa_loader_add_resource_path (loader, dirs[k]);
  }
  for (guint i = 0; a->meta && a->meta[i]; i++) {
    const char *eq = strchr (a->meta[i], '=');
    g_autofree char *key = eq ? g_strndup (a->meta[i], eq - a->meta[i]) : g_strdup (a->meta[i]);
    if (*key == '\0' || strcmp (key, "speakers") == 0)
      return usage_error ("-M %s: give KEY=VALUE (speakers come from front matter)", a->meta[i]);
    prensa_loader_set_meta (loader, key, eq ? eq + 1 : "true");
  }
  for (guint i = 0; a->inputs[i]; i++) {
    g_autoptr (GError) error = NULL;
    if (!prensa_loader_add_file (loader, a->inputs[i], &error)) {
      fprintf (stderr, "prensa: %s\n", error->message);
      return EXIT_FAILED;
    }
  }
  *doc = prensa_loader_finish (loader);
  return EXIT_OK;
}

static int
convert (const PrensaDocument *doc, GArray *jobs)
{
  int status = EXIT_OK;
  for (guint k = 0; k < jobs->len; k++) {
    Job *j = &g_array_index (jobs, Job, k);
    g_autoptr (GError) error = NULL;
    g_autoptr (PrensaOutput) out = j->target ? prensa_output_new_file (j->target, &error)
                                             : prensa_output_new_stdout ();
    if (out == NULL || !j->writer->write (doc, j->options, out, &error)
        || !prensa_output_commit (out, &error)) {
      fprintf (stderr, "prensa: %s: %s\n", j->writer->name,
               error ? error->message : "the writer failed without saying why");
      status = EXIT_FAILED;
    }
  }
  return status;
}

static int
run (Args *a)
{
  g_autoptr (PrensaRegistry) reg = prensa_registry_new ();
  prensa_registry_add_default_paths (reg, a->plugin_path);
  prensa_registry_scan (reg);

  if (a->list_formats) {
    list_formats (reg);
    return EXIT_OK;
  }
  if (a->help_format)
    return help_format (reg, a->help_format);
  if (a->inputs == NULL || a->inputs[0] == NULL)
    return usage_error ("no input file (use - for standard input)");

  g_autoptr (GArray) jobs = g_array_new (FALSE, TRUE, sizeof (Job));
  g_array_set_clear_func (jobs, job_clear);
  int status = pick_writers (reg, a, jobs);
  if (status == EXIT_OK)
    status = apply_options (a, reg, jobs);
  if (status == EXIT_OK)
    status = pick_targets (a, jobs);
  if (status != EXIT_OK)
    return status;

  PrensaDocument *doc = NULL;
  status = load (a, &doc);
  if (status != EXIT_OK)
    return status;
  status = convert (doc, jobs);
  prensa_document_free (doc);
  return status;
}

/* Interrupted: take the temporary files away, then die of the signal as
 * the caller expects. */
static void
on_terminate (int sig)
{
  prensa_output_remove_temporaries ();
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
install_signal_handlers (void)
{
  /* A closed pipe or a file size limit is a write error to report, not a
   * reason to die with half a file on disk. */
  signal (SIGPIPE, SIG_IGN);
  signal (SIGXFSZ, SIG_IGN);
  struct sigaction sa = { 0 };
  sa.sa_handler = on_terminate;
  sigemptyset (&sa.sa_mask);
  const int fatal[] = { SIGINT, SIGTERM, SIGHUP };
  for (guint i = 0; i < G_N_ELEMENTS (fatal); i++)
    sigaction (fatal[i], &sa, NULL);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  install_signal_handlers ();

  Args a = { 0 };
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_STRING, &a.to, "Formats to write (comma-separated, or all)", "FORMAT[,FORMAT…]" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output, "Output file, folder, or - for standard output", "FILE|DIR|-" },
    { "metadata", 'M', 0, G_OPTION_ARG_STRING_ARRAY, &a.meta, "Set document metadata, over the front matter", "KEY=VALUE" },
    { "option", 'O', 0, G_OPTION_ARG_STRING_ARRAY, &a.options, "Set a writer option (see --help-format)", "[FORMAT.]KEY=VALUE" },
    { "no-smart", 0, 0, G_OPTION_ARG_NONE, &a.no_smart, "Keep straight quotes, -- and ... as typed", NULL },
    { "list-formats", 0, 0, G_OPTION_ARG_NONE, &a.list_formats, "List the formats that can be written", NULL },
    { "help-format", 0, 0, G_OPTION_ARG_STRING, &a.help_format, "Describe a format and its options", "FORMAT" },
    { "plugin-path", 0, 0, G_OPTION_ARG_FILENAME, &a.plugin_path, "More folders to find format plugins in", "DIR[:DIR…]" },
    { "resource-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.resource_paths, "Also take images from these folders", "DIR[:DIR…]" },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &a.sandbox, "For untrusted input: drop raw HTML, read no file but the inputs", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &a.version, "Print the version and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.inputs, NULL, "INPUT…" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("INPUT… — convert documents");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx,
    "Converts Markdown with YAML front matter (interviews above all) to the\n"
    "formats its plugins write. Several inputs make one document, one part each.");
  g_option_context_set_description (ctx,
    "Exit status: 0 converted, 1 conversion failed, 2 usage error.\n\n"
    "Examples:\n"
    "  prensa samples/interview.md -o interview.html\n"
    "  prensa samples/interview.md -t all -o out/\n"
    "  prensa a.md b.md -t epub -M title='A Toolkit' -o toolkit.epub");
  g_autoptr (GError) error = NULL;
  int status;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    status = usage_error ("%s", error->message);
  else if (a.version) {
    printf ("prensa %s (plugin ABI %d)\n", PRENSA_VERSION_STRING, PRENSA_PLUGIN_ABI);
    status = EXIT_OK;
  } else
    status = run (&a);

  g_free (a.to);
  g_free (a.output);
  g_strfreev (a.meta);
  g_strfreev (a.options);
  g_free (a.help_format);
  g_free (a.plugin_path);
  g_strfreev (a.resource_paths);
  g_strfreev (a.inputs);
  return status;
}
