/* main.c: the prensa command.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "prensa/prensa.h"
#include "prensa/prensa-registry.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct {
  char *from;
  char *to;
  char *output;
  char **meta;
  char *metadata_file;
  char **options;
  gboolean no_smart;
  gboolean list_formats;
  char *help_format;
  char *plugin_path;
  gboolean version;
  char **resource_paths;
  gboolean sandbox;
  gboolean batch;
  gint jobs;
  char **inputs;
} Args;

typedef struct {
  const PrensaWriter *writer;
  PrensaOptions *options;
} Job;

static PrensaRegistry *registry; /* for load(); read-only once readers are open */

static void
job_clear (gpointer data)
{
  Job *j = data;
  prensa_options_free (j->options);
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
  /* one line, like every other error: scripts and people read it whole */
  fprintf (stderr, "prensa: %s\n", msg);
  return EXIT_USAGE;
}

/* Every format, with what prensa can do with it: r (read), w (write). */
static void
list_formats (PrensaRegistry *reg)
{
  guint nw = prensa_registry_get_n_writers (reg), nr = prensa_registry_get_n_readers (reg);
  if (nw + nr == 0)
    printf ("No formats found; set PRENSA_PLUGIN_PATH or --plugin-path.\n");
  int name_w = 6, ext_w = 5;
  for (guint i = 0; i < nw; i++) {
    const PrensaWriter *w = prensa_registry_get_writer (reg, i);
    name_w = MAX (name_w, (int) strlen (w->name));
    ext_w = MAX (ext_w, (int) strlen (w->extension) + 1);
  }
  for (guint i = 0; i < nr; i++) {
    const PrensaReader *r = prensa_registry_get_reader (reg, i);
    name_w = MAX (name_w, (int) strlen (r->name));
  }
  /* Both lists are sorted by name: walk them together. */
  for (guint i = 0, k = 0; i < nw || k < nr;) {
    const PrensaWriter *w = i < nw ? prensa_registry_get_writer (reg, i) : NULL;
    const PrensaReader *r = k < nr ? prensa_registry_get_reader (reg, k) : NULL;
    int order = w && r ? strcmp (w->name, r->name) : w ? -1 : 1;
    if (order > 0)
      w = NULL;
    if (order < 0)
      r = NULL;
    g_autofree char *ext = w ? g_strconcat (".", w->extension, NULL) : g_strdup ("");
    printf ("%-*s %c%c %-*s %s\n", name_w, w ? w->name : r->name, r ? 'r' : '-', w ? 'w' : '-',
            ext_w, ext, w ? w->description : r->description);
    if (r) {
      g_auto (GStrv) exts = g_strsplit (r->extensions, ",", -1);
      g_autofree char *list = g_strjoinv (" .", exts);
      printf ("%*s    reads %s%s%s\n", name_w, "", w ? r->description : "",
              w ? ", from ." : "from .", list);
    }
    printf ("%*s    %s\n", name_w, "",
            w ? prensa_registry_get_writer_path (reg, w) : prensa_registry_get_reader_path (reg, r));
    i += w != NULL;
    k += r != NULL;
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
    Job j = { w, prensa_options_new (w) };
    g_array_append_val (jobs, j);
    return EXIT_OK;
  }
  g_auto (GStrv) names = g_strsplit (a->to, ",", -1);
  for (guint i = 0; names[i]; i++) {
    g_strstrip (names[i]);
    if (strcmp (names[i], "all") == 0) {
      for (guint k = 0; k < prensa_registry_get_n_writers (reg); k++) {
        const PrensaWriter *w = prensa_registry_get_writer (reg, k);
        Job j = { w, prensa_options_new (w) };
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
      Job j = { w, prensa_options_new (w) };
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
output_stem (const char *input)
{
  if (strcmp (input, "-") == 0)
    return g_strdup ("stdin");
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

/* One target per job: DIR/STEM.EXT, the -o file, or NULL for stdout. */
static GPtrArray *
targets_in (const char *dir, const char *file, const char *stem, GArray *jobs)
{
  GPtrArray *t = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < jobs->len; k++) {
    const Job *j = &g_array_index (jobs, Job, k);
    if (dir) {
      g_autofree char *name = g_strdup_printf ("%s.%s", stem, j->writer->extension);
      g_ptr_array_add (t, g_build_filename (dir, name, NULL));
    } else {
      g_ptr_array_add (t, g_strdup (file));
    }
  }
  return t;
}

/* -o names a folder when it is one, ends in '/', or several formats (or
 * --batch) need one; it is made when missing. */
static int
output_folder (const Args *a, GArray *jobs, gboolean batch, const char **dir)
{
  const char *o = a->output;
  gboolean to_dir = o && strcmp (o, "-") != 0
                    && (batch || jobs->len > 1 || g_file_test (o, G_FILE_TEST_IS_DIR)
                        || g_str_has_suffix (o, "/"));
  if (batch && !to_dir)
    return usage_error ("--batch needs -o DIRECTORY");
  if (jobs->len > 1 && !to_dir)
    return usage_error ("several formats need -o DIRECTORY");
  if (to_dir && g_mkdir_with_parents (o, 0777) != 0)
    return usage_error ("-o %s: cannot make the folder: %s", o, g_strerror (errno));
  *dir = to_dir ? o : NULL;
  return EXIT_OK;
}

static int
check_meta (const Args *a)
{
  for (guint i = 0; a->meta && a->meta[i]; i++) {
    const char *eq = strchr (a->meta[i], '=');
    if (eq == a->meta[i] || g_str_has_prefix (a->meta[i], "speakers=") || strcmp (a->meta[i], "speakers") == 0)
      return usage_error ("-M %s: give KEY=VALUE (speakers come from front matter)", a->meta[i]);
  }
  return EXIT_OK;
}

/* --metadata-file, checked once before any input is read or any folder
 * made, so a bad file (even under --batch) is one message and no output. */
static int
check_metadata_file (const Args *a)
{
  if (a->metadata_file == NULL)
    return EXIT_OK;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrensaLoader) check = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  if (prensa_loader_set_metadata_file (check, a->metadata_file, &error))
    return EXIT_OK;
  fprintf (stderr, "prensa: %s\n", error->message);
  return EXIT_FAILED;
}

/* Loads @n_inputs files as one document. */
static PrensaDocument *
load (const Args *a, char **inputs, guint n_inputs, GError **error)
{
  PrensaLoadFlags flags = (a->no_smart ? PRENSA_LOAD_NO_SMART : 0) | (a->sandbox ? PRENSA_LOAD_SANDBOX : 0);
  g_autoptr (PrensaLoader) loader = prensa_loader_new (flags);
  prensa_loader_set_registry (loader, registry);
  prensa_loader_set_format (loader, a->from);
  for (guint i = 0; a->resource_paths && a->resource_paths[i]; i++) {
    g_auto (GStrv) dirs = g_strsplit (a->resource_paths[i], G_SEARCHPATH_SEPARATOR_S, -1);
    for (guint k = 0; dirs[k]; k++)
      if (*dirs[k])
        prensa_loader_add_resource_path (loader, dirs[k]);
  }
  if (a->metadata_file && !prensa_loader_set_metadata_file (loader, a->metadata_file, error))
    return NULL;
  for (guint i = 0; a->meta && a->meta[i]; i++) {
    const char *eq = strchr (a->meta[i], '=');
    g_autofree char *key = eq ? g_strndup (a->meta[i], eq - a->meta[i]) : g_strdup (a->meta[i]);
    prensa_loader_set_meta (loader, key, eq ? eq + 1 : "true");
  }
  for (guint i = 0; i < n_inputs; i++)
    if (!prensa_loader_add_file (loader, inputs[i], error))
      return NULL;
  return prensa_loader_finish (loader);
}

typedef struct {
  const PrensaDocument *doc;
  const Job *job;
  const char *target;
  GError *error;
  gboolean failed;
} Conversion;

static void
convert_one (Conversion *c)
{
  g_autoptr (PrensaOutput) out = c->target ? prensa_output_new_file (c->target, &c->error)
                                           : prensa_output_new_stdout ();
  c->failed = out == NULL || !prensa_writer_run (c->job->writer, c->doc, c->job->options, out, &c->error)
              || !prensa_output_commit (out, &c->error);
}

static void
convert_in_pool (gpointer data, gpointer user_data)
{
  (void) user_data;
  convert_one (data);
}

/* Each format on its own: the document is immutable, so several writers
 * read it at once, one per core. Errors are printed in the order the
 * formats were asked for. */
static int
convert (const PrensaDocument *doc, GArray *jobs, GPtrArray *targets, gboolean parallel)
{
  int status = EXIT_OK;
  g_autofree Conversion *c = g_new0 (Conversion, jobs->len);
  guint threads = MIN (jobs->len, g_get_num_processors ());
  for (guint k = 0; k < jobs->len; k++)
    c[k] = (Conversion) { doc, &g_array_index (jobs, Job, k), targets->pdata[k], NULL, FALSE };
  if (parallel && threads > 1) {
    GThreadPool *pool = g_thread_pool_new (convert_in_pool, NULL, (gint) threads, TRUE, NULL);
    for (guint k = 0; k < jobs->len; k++)
      g_thread_pool_push (pool, &c[k], NULL);
    g_thread_pool_free (pool, FALSE, TRUE);
  } else {
    for (guint k = 0; k < jobs->len; k++)
      convert_one (&c[k]);
  }
  for (guint k = 0; k < jobs->len; k++) {
    if (!c[k].failed)
      continue;
    fprintf (stderr, "prensa: %s: %s\n", c[k].job->writer->name,
             c[k].error ? c[k].error->message : "the writer failed without saying why");
    g_clear_error (&c[k].error);
    status = EXIT_FAILED;
  }
  return status;
}

typedef struct {
  const Args *args;
  GArray *jobs;
  const char *dir;
  gint failed;
} Batch;

static void
batch_one (gpointer data, gpointer user_data)
{
  Batch *b = user_data;
  char *input = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrensaDocument) doc = load (b->args, &input, 1, &error);
  int status = EXIT_FAILED;
  if (doc) {
    g_autofree char *stem = output_stem (input);
    g_autoptr (GPtrArray) targets = targets_in (b->dir, NULL, stem, b->jobs);
    status = convert (doc, b->jobs, targets, FALSE);
  } else {
    fprintf (stderr, "prensa: %s\n", error->message);
  }
  if (status != EXIT_OK)
    g_atomic_int_set (&b->failed, 1);
}

/* --batch: each input on its own, on a pool of threads. Outputs are named
 * after their input, so two inputs with the same name are refused. */
static int
run_batch (const Args *a, GArray *jobs, const char *dir)
{
  g_autoptr (GHashTable) stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; a->inputs[i]; i++) {
    char *stem = output_stem (a->inputs[i]);
    if (!g_hash_table_add (stems, stem))
      return usage_error ("--batch: two inputs are named '%s'; their outputs would collide", stem);
  }
  Batch b = { a, jobs, dir, 0 };
  gint threads = a->jobs > 0 ? a->jobs : (gint) g_get_num_processors ();
  GThreadPool *pool = g_thread_pool_new (batch_one, &b, threads, TRUE, NULL);
  for (guint i = 0; a->inputs[i]; i++)
    g_thread_pool_push (pool, a->inputs[i], NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  return b.failed ? EXIT_FAILED : EXIT_OK;
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
  if (a->jobs < 0 || (a->jobs > 0 && !a->batch))
    return usage_error ("-j needs --batch and a positive number");
  if (a->from && prensa_registry_lookup_reader (reg, a->from) == NULL)
    return usage_error ("unknown input format '%s' (see --list-formats)", a->from);
  /* --batch's threads only read the registry: open every reader now, on
   * this thread. */
  if (a->batch)
    prensa_registry_lookup_reader_extension (reg, "");
  registry = reg;

  g_autoptr (GArray) jobs = g_array_new (FALSE, TRUE, sizeof (Job));
  g_array_set_clear_func (jobs, job_clear);
  const char *dir = NULL;
  int status = pick_writers (reg, a, jobs);
  if (status == EXIT_OK)
    status = apply_options (a, reg, jobs);
  if (status == EXIT_OK)
    status = check_meta (a);
  if (status == EXIT_OK)
    status = check_metadata_file (a);
  if (status == EXIT_OK)
    status = output_folder (a, jobs, a->batch, &dir);
  if (status != EXIT_OK)
    return status;
  if (a->batch)
    return run_batch (a, jobs, dir);
  /* On this thread: glibc gives other threads their own malloc arenas,
   * and cmark's many small nodes made parsing a book 15% slower there. */
  g_autoptr (GError) error = NULL;
  g_autoptr (PrensaDocument) doc = load (a, a->inputs, g_strv_length (a->inputs), &error);
  if (doc == NULL) {
    fprintf (stderr, "prensa: %s\n", error->message);
    return EXIT_FAILED;
  }
#ifdef __GLIBC__
  /* The parser's tree is gone, but glibc keeps the pages it freed in the
   * middle of the heap; hand them back before the writers build their
   * own buffers, or the peak is the parser's and the writers' together. */
  malloc_trim (0);
#endif
  g_autofree char *stem = output_stem (a->inputs[0]);
  const char *file = a->output && strcmp (a->output, "-") != 0 ? a->output : NULL;
  g_autoptr (GPtrArray) targets = targets_in (dir, file, stem, jobs);
  return convert (doc, jobs, targets, TRUE);
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
    { "from", 'f', 0, G_OPTION_ARG_STRING, &a.from, "Format to read (default: from each input's extension, else markdown)", "FORMAT" },
    { "to", 't', 0, G_OPTION_ARG_STRING, &a.to, "Formats to write (comma-separated, or all)", "FORMAT[,FORMAT…]" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output, "Output file, folder, or - for standard output", "FILE|DIR|-" },
    { "metadata", 'M', 0, G_OPTION_ARG_STRING_ARRAY, &a.meta, "Set document metadata, over the front matter", "KEY=VALUE" },
    { "metadata-file", 0, 0, G_OPTION_ARG_FILENAME, &a.metadata_file, "Read metadata (speakers too) from a YAML file, under each input's front matter and -M", "FILE" },
    { "option", 'O', 0, G_OPTION_ARG_STRING_ARRAY, &a.options, "Set a writer option (see --help-format)", "[FORMAT.]KEY=VALUE" },
    { "no-smart", 0, 0, G_OPTION_ARG_NONE, &a.no_smart, "Keep straight quotes, -- and ... as typed", NULL },
    { "list-formats", 0, 0, G_OPTION_ARG_NONE, &a.list_formats, "List the formats that can be read (r) and written (w)", NULL },
    { "help-format", 0, 0, G_OPTION_ARG_STRING, &a.help_format, "Describe a format and its options", "FORMAT" },
    { "plugin-path", 0, 0, G_OPTION_ARG_FILENAME, &a.plugin_path, "More folders to find format plugins in", "DIR[:DIR…]" },
    { "resource-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.resource_paths, "Also take images from these folders", "DIR[:DIR…]" },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &a.sandbox, "For untrusted input: drop raw HTML, read no file but the inputs", NULL },
    { "batch", 0, 0, G_OPTION_ARG_NONE, &a.batch, "Convert each input on its own, into -o DIRECTORY", NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &a.jobs, "With --batch: threads to use (default: one per core)", "N" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &a.version, "Print the version and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.inputs, NULL, "INPUT…" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx,
    "Converts documents (interviews above all) from the formats its reader\n"
    "plugins read (Markdown with YAML front matter by default) to the formats\n"
    "its writer plugins write. Several inputs make one document, one part each.");
  g_option_context_set_description (ctx,
    "Exit status: 0 converted, 1 conversion failed, 2 usage error.\n\n"
    "Examples:\n"
    "  prensa samples/interview.md -o interview.html\n"
    "  prensa samples/interview.md -t all -o out/\n"
    "  prensa a.md b.md -t epub -M title='A Toolkit' -o toolkit.epub\n"
    "  prensa interview.txt --metadata-file meta.yaml -t html\n"
    "  prensa --batch -j 2 -t html,epub -o site/ issues/*.md");
  g_autoptr (GError) error = NULL;
  int status;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    status = usage_error ("%s", error->message);
  else if (a.version) {
    printf ("prensa %s (plugin ABI %d)\n", PRENSA_VERSION_STRING, PRENSA_PLUGIN_ABI);
    status = EXIT_OK;
  } else
    status = run (&a);

  g_free (a.from);
  g_free (a.to);
  g_free (a.output);
  g_strfreev (a.meta);
  g_free (a.metadata_file);
  g_strfreev (a.options);
  g_free (a.help_format);
  g_free (a.plugin_path);
  g_strfreev (a.resource_paths);
  g_strfreev (a.inputs);
  return status;
}
