/* main.c: the prensa command.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prensa/prensa.h"
#include "prensa/prensa-registry.h"
#include "cli.h"

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
  gboolean unsafe;
  gboolean batch;
  gint jobs;
  char **inputs;
  /* pandoc's flags, with pandoc's meaning where prensa has the feature */
  gboolean standalone;
  gboolean toc;
  gint toc_depth;
  char *css;
  char *reference_doc;
  char *epub_cover_image;
  gint epub_chapter_level;
  gint columns;
  char *wrap;
  gboolean embed_resources;
  gboolean list_input_formats;
  gboolean list_output_formats;
  gboolean quiet;
  gboolean verbose;
  gboolean fail_if_warnings;
  char *defaults; /* for --help only: cli_defaults_expand takes every -d */
  char **filters; /* -F, in order */
  char **json_filters; /* --json-filter, after the -F ones */
  gint json_filter_timeout;
  gboolean list_filters;
} Args;

typedef struct {
  const PrensaWriter *writer;
  PrensaOptions *options;
} Job;

static PrensaRegistry *registry; /* for load(); read-only once readers are open */

/* One -F: the filter and the options given after its name. */
typedef struct {
  const PrensaFilter *filter;
  PrensaOptions *options;
} FilterRun;
static GArray *filter_runs; /* of FilterRun, for load(); made by parse_filters() */

static int refuse_inputs_as_outputs (const Args *a, GPtrArray *targets);

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

/* Every format, with what prensa can do with it: r (read), w (write).
 * From the modules' descriptor sections: no module is loaded. */
static void
list_formats (PrensaRegistry *reg)
{
  guint nw = prensa_registry_get_n_infos (reg, PRENSA_PLUGIN_KIND_WRITER);
  guint nr = prensa_registry_get_n_infos (reg, PRENSA_PLUGIN_KIND_READER);
  if (nw + nr == 0)
    printf ("No formats found; set PRENSA_PLUGIN_PATH or --plugin-path.\n");
  int name_w = 6, ext_w = 5;
  for (guint i = 0; i < nw; i++) {
    const PrensaPluginInfo *w = prensa_registry_get_info (reg, PRENSA_PLUGIN_KIND_WRITER, i);
    name_w = MAX (name_w, (int) strlen (w->name));
    ext_w = MAX (ext_w, (int) strlen (w->extensions) + 1);
  }
  for (guint i = 0; i < nr; i++) {
    const PrensaPluginInfo *r = prensa_registry_get_info (reg, PRENSA_PLUGIN_KIND_READER, i);
    name_w = MAX (name_w, (int) strlen (r->name));
  }
  /* Both lists are sorted by name: walk them together. */
  for (guint i = 0, k = 0; i < nw || k < nr;) {
    const PrensaPluginInfo *w = i < nw ? prensa_registry_get_info (reg, PRENSA_PLUGIN_KIND_WRITER, i) : NULL;
    const PrensaPluginInfo *r = k < nr ? prensa_registry_get_info (reg, PRENSA_PLUGIN_KIND_READER, k) : NULL;
    int order = w && r ? strcmp (w->name, r->name) : w ? -1 : 1;
    if (order > 0)
      w = NULL;
    if (order < 0)
      r = NULL;
    g_autofree char *ext = w ? g_strconcat (".", w->extensions, NULL) : g_strdup ("");
    printf ("%-*s %c%c %-*s %s\n", name_w, w ? w->name : r->name, r ? 'r' : '-', w ? 'w' : '-',
            ext_w, ext, w ? w->description : r->description);
    if (r) {
      g_auto (GStrv) exts = g_strsplit (r->extensions, ",", -1);
      g_autofree char *list = g_strjoinv (" .", exts);
      printf ("%*s    reads %s%s%s\n", name_w, "", w ? r->description : "",
              w ? ", from ." : "from .", list);
    }
    printf ("%*s    %s\n", name_w, "", w ? w->path : r->path);
    i += w != NULL;
    k += r != NULL;
  }
}

/* --help-format's list of a writer's or a filter's options. */
static void
print_options (const PrensaOptionSpec *options)
{
  if (options == NULL || options[0].name == NULL)
    printf ("  (none)\n");
  for (const PrensaOptionSpec *s = options; s && s->name; s++)
    printf ("  %-16s %s (default: %s)\n", s->name, s->help ? s->help : "",
            s->default_value ? s->default_value : "none");
}

/* --help-format NAME for a filter: the options -F NAME:KEY=VALUE takes. */
static int
help_filter (PrensaRegistry *reg, const PrensaFilter *f)
{
  printf ("%s: %s\n  a filter (-F %s)\n  loaded from: %s\n\nOptions (-F %s:NAME=VALUE):\n",
          f->name, f->description, f->name, prensa_registry_get_filter_path (reg, f), f->name);
  print_options (f->options);
  return EXIT_OK;
}

static int
help_format (PrensaRegistry *reg, const char *name)
{
  const PrensaWriter *w = prensa_registry_lookup (reg, name);
  if (w == NULL && prensa_registry_lookup_filter (reg, name) != NULL)
    return help_filter (reg, prensa_registry_lookup_filter (reg, name));
  if (w == NULL)
    return usage_error ("unknown format '%s' (see --list-formats, --list-filters)", name);
  printf ("%s: %s\n  extension: .%s\n  media type: %s\n  loaded from: %s\n\nOptions (-O %s.NAME=VALUE):\n",
          w->name, w->description, w->extension, w->mime_type,
          prensa_registry_get_writer_path (reg, w), w->name);
  print_options (w->options);
  return EXIT_OK;
}

/* " (did you mean 'X'?)" among the writers', or the readers', names. */
static char *
did_you_mean_format (PrensaRegistry *reg, const char *name, gboolean readers)
{
  PrensaPluginKind kind = readers ? PRENSA_PLUGIN_KIND_READER : PRENSA_PLUGIN_KIND_WRITER;
  guint n = prensa_registry_get_n_infos (reg, kind);
  g_autofree const char **names = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = prensa_registry_get_info (reg, kind, i)->name;
  return cli_did_you_mean (name, names);
}

/* The names of @options (a writer's or a filter's), for "did you mean".
 * (transfer container) */
static const char **
option_names (const PrensaOptionSpec *options)
{
  GPtrArray *names = g_ptr_array_new ();
  for (const PrensaOptionSpec *o = options; o && o->name; o++)
    g_ptr_array_add (names, (gpointer) o->name);
  g_ptr_array_add (names, NULL);
  return (const char **) g_ptr_array_free (names, FALSE);
}

/* --list-input-formats, --list-output-formats: names alone, one a line,
 * as pandoc prints them. */
static void
list_names (PrensaRegistry *reg, gboolean readers)
{
  PrensaPluginKind kind = readers ? PRENSA_PLUGIN_KIND_READER : PRENSA_PLUGIN_KIND_WRITER;
  guint n = prensa_registry_get_n_infos (reg, kind);
  for (guint i = 0; i < n; i++)
    printf ("%s\n", prensa_registry_get_info (reg, kind, i)->name);
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
    if (w == NULL) {
      g_autofree char *hint = did_you_mean_format (reg, names[i], FALSE);
      return usage_error ("unknown format '%s'%s (see --list-formats)", names[i], hint);
    }
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
      if (prensa_registry_lookup_info (reg, PRENSA_PLUGIN_KIND_WRITER, format) == NULL)
        return usage_error ("-O %s: unknown format '%s'", spec, format);
    }
    guint applied = 0;
    g_autoptr (GError) last = NULL;
    for (guint k = 0; k < jobs->len; k++) {
      Job *j = &g_array_index (jobs, Job, k);
      if (format && strcmp (j->writer->name, format) != 0)
        continue;
      g_clear_error (&last);
      if (prensa_options_set (j->options, name, value, &last)) {
        applied++;
      } else if (format) {
        g_autofree const char **names = option_names (j->writer->options);
        g_autofree char *hint = last->code == PRENSA_OPTION_ERROR_UNKNOWN
                                ? cli_did_you_mean (name, names) : g_strdup ("");
        return usage_error ("-O %s: %s%s", spec, last->message, hint);
      }
    }
    if (applied == 0 && !format) {
      g_autoptr (GPtrArray) all = g_ptr_array_new ();
      for (guint k = 0; k < jobs->len; k++)
        for (const PrensaOptionSpec *o = g_array_index (jobs, Job, k).writer->options; o && o->name; o++)
          g_ptr_array_add (all, (gpointer) o->name);
      g_ptr_array_add (all, NULL);
      g_autofree char *hint = cli_did_you_mean (name, (const char *const *) all->pdata);
      return usage_error ("-O %s: %s%s", spec, last ? last->message : "no format chosen", hint);
    }
  }
  return EXIT_OK;
}

/* pandoc's flags as the -O options of the chosen writers that have the
 * feature; -O given explicitly is applied after, so it wins. */
typedef struct {
  const char *writer;
  const char *key;
  const char *value;
} Mapped;

static int
set_mapped (GArray *jobs, const Mapped *m, const char *flag)
{
  for (guint k = 0; k < jobs->len; k++) {
    Job *j = &g_array_index (jobs, Job, k);
    g_autoptr (GError) error = NULL;
    if (strcmp (j->writer->name, m->writer) == 0
        && !prensa_options_set (j->options, m->key, m->value, &error))
      return usage_error ("%s: %s", flag, error->message);
  }
  return EXIT_OK;
}

static int
apply_pandoc_flags (const Args *a, GArray *jobs)
{
  g_autofree char *depth = a->toc_depth >= 0 ? g_strdup_printf ("%d", a->toc_depth) : NULL;
  g_autofree char *level = a->epub_chapter_level >= 0 ? g_strdup_printf ("%d", a->epub_chapter_level) : NULL;
  g_autofree char *columns = a->columns >= 0 ? g_strdup_printf ("%d", a->columns) : NULL;
  if (a->wrap && strcmp (a->wrap, "auto") != 0 && strcmp (a->wrap, "none") != 0
      && strcmp (a->wrap, "preserve") != 0) {
    const char *const kinds[] = { "auto", "none", "preserve", NULL };
    g_autofree char *hint = cli_did_you_mean (a->wrap, kinds);
    return usage_error ("--wrap=%s: give auto, none or preserve%s", a->wrap, hint);
  }
  gboolean no_wrap = a->wrap && strcmp (a->wrap, "auto") != 0;
  if (a->wrap && strcmp (a->wrap, "preserve") == 0)
    prensa_warning ("--wrap=preserve: the txt writer fills lines itself; read as --wrap=none");
  const struct { const char *flag; gboolean given; Mapped m; } table[] = {
    { "--css", a->css != NULL, { "html", "css", a->css } },
    { "--css", a->css != NULL, { "epub", "css", a->css } },
    { "--reference-doc", a->reference_doc != NULL, { "docx", "reference-docx", a->reference_doc } },
    { "--toc", a->toc, { "html", "toc", "true" } },
    { "--toc", a->toc, { "docx", "toc", "true" } },
    { "--toc", a->toc, { "txt", "toc", "true" } },
    { "--toc", a->toc, { "pdf", "toc", "true" } },
    { "--toc-depth", depth != NULL, { "epub", "toc-depth", depth } },
    { "--toc-depth", depth != NULL, { "html", "toc-depth", depth } },
    { "--toc-depth", depth != NULL, { "docx", "toc-depth", depth } },
    { "--toc-depth", depth != NULL, { "txt", "toc-depth", depth } },
    { "--toc-depth", depth != NULL, { "pdf", "toc-depth", depth } },
    { "--epub-chapter-level", level != NULL, { "epub", "split-level", level } },
    { "--columns", columns != NULL && !no_wrap, { "txt", "wrap", columns } },
    { "--wrap", no_wrap, { "txt", "wrap", "0" } },
    { "--embed-resources", a->embed_resources, { "html", "embed-resources", "true" } },
  };
  for (guint i = 0; i < G_N_ELEMENTS (table); i++) {
    int status = table[i].given ? set_mapped (jobs, &table[i].m, table[i].flag) : EXIT_OK;
    if (status != EXIT_OK)
      return status;
  }
  /* EPUB always has its contents (nav). */
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
  PrensaLoadFlags flags = (a->no_smart ? PRENSA_LOAD_NO_SMART : 0) | (a->sandbox ? PRENSA_LOAD_SANDBOX : 0)
                          | (a->unsafe ? PRENSA_LOAD_UNSAFE : 0);
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
  if (a->epub_cover_image)
    prensa_loader_set_meta (loader, "cover-image", a->epub_cover_image);
  for (guint i = 0; a->meta && a->meta[i]; i++) {
    const char *eq = strchr (a->meta[i], '=');
    g_autofree char *key = eq ? g_strndup (a->meta[i], eq - a->meta[i]) : g_strdup (a->meta[i]);
    prensa_loader_set_meta (loader, key, eq ? eq + 1 : "true");
  }
  for (guint i = 0; i < n_inputs; i++)
    if (!prensa_loader_add_file (loader, inputs[i], error))
      return NULL;
  PrensaDocument *doc = prensa_loader_finish (loader);
  /* -F: each filter's document replaces the one before, in order (run()
   * has checked the names and opened the modules). */
  for (guint i = 0; doc && filter_runs && i < filter_runs->len; i++) {
    const FilterRun *f = &g_array_index (filter_runs, FilterRun, i);
    PrensaDocument *next = prensa_filter_run (f->filter, doc, f->options, error);
    prensa_document_free (doc);
    doc = next;
  }
  for (guint i = 0; doc && a->json_filters && a->json_filters[i]; i++) {
    PrensaDocument *next = cli_json_filter (registry, doc, a->json_filters[i],
                                            a->json_filter_timeout, flags, a->resource_paths, error);
    prensa_document_free (doc);
    doc = next;
  }
  return doc;
}

/* --list-filters: one filter a line, its description and file, read
 * from the files' descriptors (no module runs; --help-format NAME loads
 * one to print its options). */
static void
list_filters (PrensaRegistry *reg)
{
  for (guint i = 0; i < prensa_registry_get_n_infos (reg, PRENSA_PLUGIN_KIND_FILTER); i++) {
    const PrensaPluginInfo *f = prensa_registry_get_info (reg, PRENSA_PLUGIN_KIND_FILTER, i);
    printf ("%-18s %s\n%18s %s\n", f->name, f->description, "", f->path);
  }
}

/* Where the value at @value ends: at the next ":KEY=" whose KEY @f
 * declares, so a value may hold any character, ':' and '=' too. */
static const char *
filter_value_end (const PrensaFilter *f, const char *value)
{
  for (const char *c = strchr (value, ':'); c; c = strchr (c + 1, ':'))
    for (const PrensaOptionSpec *s = f->options; s && s->name; s++)
      if (g_str_has_prefix (c + 1, s->name) && c[1 + strlen (s->name)] == '=')
        return c;
  return value + strlen (value);
}

/* -F NAME[:KEY=VALUE[:KEY=VALUE…]]: the filter and its options, each
 * -F its own (the same filter twice may have different ones). */
static int
parse_filter (PrensaRegistry *reg, const char *spec, FilterRun *run)
{
  g_autofree char *name = g_strndup (spec, strcspn (spec, ":"));
  run->filter = prensa_registry_lookup_filter (reg, name);
  if (run->filter == NULL)
    return usage_error ("unknown filter '%s' (see --list-filters)", name);
  run->options = prensa_options_new_for_filter (run->filter);
  for (const char *at = spec + strlen (name); *at == ':';) {
    const char *key = at + 1, *eq = strchr (key, '=');
    const char *end = eq ? filter_value_end (run->filter, eq + 1) : key + strlen (key);
    g_autofree char *k = g_strndup (key, (eq ? eq : end) - key);
    g_autofree char *v = eq ? g_strndup (eq + 1, end - eq - 1) : NULL;
    g_autoptr (GError) error = NULL;
    if (!prensa_options_set (run->options, k, v, &error)) {
      g_autofree const char **names = option_names (run->filter->options);
      g_autofree char *hint = cli_did_you_mean (k, names);
      return usage_error ("-F %s: %s%s", spec, error->message, hint);
    }
    at = end;
  }
  return EXIT_OK;
}

static void
filter_run_clear (FilterRun *run)
{
  g_clear_pointer (&run->options, prensa_options_free);
}

static int
parse_filters (PrensaRegistry *reg, const Args *a)
{
  filter_runs = g_array_new (FALSE, TRUE, sizeof (FilterRun));
  g_array_set_clear_func (filter_runs, (GDestroyNotify) filter_run_clear);
  for (guint i = 0; a->filters && a->filters[i]; i++) {
    g_array_set_size (filter_runs, i + 1);
    int status = parse_filter (reg, a->filters[i], &g_array_index (filter_runs, FilterRun, i));
    if (status != EXIT_OK)
      return status;
  }
  return EXIT_OK;
}

typedef struct {
  const PrensaDocument *doc;
  const Job *job;
  const char *target;
  PrensaOutput *out;      /* written, not yet committed */
  gint64 usec;
  GError *error;
  gboolean failed;
} Conversion;

static void
convert_one (Conversion *c)
{
  gint64 start = g_get_monotonic_time ();
  c->out = c->target ? prensa_output_new_file (c->target, &c->error) : prensa_output_new_stdout ();
  c->failed = c->out == NULL || !prensa_writer_run (c->job->writer, c->doc, c->job->options, c->out, &c->error);
  c->usec = g_get_monotonic_time () - start;
}

static void
convert_in_pool (gpointer data, gpointer user_data)
{
  (void) user_data;
  convert_one (data);
}

/* --fail-if-warnings: a warning so far fails the conversion. */
static gboolean
warned_and_must_fail (const Args *a)
{
  guint n = cli_warnings_count ();
  if (!a->fail_if_warnings || n == 0)
    return FALSE;
  fprintf (stderr, "prensa: %u warning%s and --fail-if-warnings: nothing written\n", n,
           n == 1 ? "" : "s");
  return TRUE;
}

/* Each format on its own: the document is immutable, so several writers
 * read it at once, one per core. Outputs are committed once every writer
 * is done (so --fail-if-warnings can still keep them all back); errors
 * are printed in the order the formats were asked for. */
static int
convert (const Args *a, const PrensaDocument *doc, GArray *jobs, GPtrArray *targets, gboolean parallel)
{
  int status = EXIT_OK;
  g_autofree Conversion *c = g_new0 (Conversion, jobs->len);
  guint threads = MIN (jobs->len, g_get_num_processors ());
  for (guint k = 0; k < jobs->len; k++)
    c[k] = (Conversion) { doc, &g_array_index (jobs, Job, k), targets->pdata[k], NULL, 0, NULL, FALSE };
  if (parallel && threads > 1) {
    GThreadPool *pool = g_thread_pool_new (convert_in_pool, NULL, (gint) threads, TRUE, NULL);
    for (guint k = 0; k < jobs->len; k++)
      g_thread_pool_push (pool, &c[k], NULL);
    g_thread_pool_free (pool, FALSE, TRUE);
  } else {
    for (guint k = 0; k < jobs->len; k++)
      convert_one (&c[k]);
  }
  gboolean keep_back = warned_and_must_fail (a);
  for (guint k = 0; k < jobs->len; k++) {
    if (!c[k].failed && !keep_back)
      c[k].failed = !prensa_output_commit (c[k].out, &c[k].error);
    if (a->verbose && !c[k].failed && !keep_back)
      fprintf (stderr, "prensa: wrote %s with %s (%s) in %.1f ms\n",
               c[k].target ? c[k].target : "standard output", c[k].job->writer->name,
               prensa_registry_get_writer_path (registry, c[k].job->writer), c[k].usec / 1000.0);
    g_clear_pointer (&c[k].out, prensa_output_free);
    if (keep_back)
      status = EXIT_FAILED;
    if (!c[k].failed)
      continue;
    fprintf (stderr, "prensa: %s: %s\n", c[k].job->writer->name,
             c[k].error ? c[k].error->message : "the writer failed without saying why");
    /* an -O value that does not parse is the caller's mistake */
    if (g_error_matches (c[k].error, PRENSA_OPTION_ERROR, PRENSA_OPTION_ERROR_INVALID))
      status = EXIT_USAGE;
    else if (status != EXIT_USAGE)
      status = EXIT_FAILED;
    g_clear_error (&c[k].error);
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
    status = warned_and_must_fail (b->args) ? EXIT_FAILED : convert (b->args, doc, b->jobs, targets, FALSE);
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
  for (guint i = 0; a->inputs[i]; i++) {
    g_autofree char *stem = output_stem (a->inputs[i]);
    g_autoptr (GPtrArray) targets = targets_in (dir, NULL, stem, jobs);
    int status = refuse_inputs_as_outputs (a, targets);
    if (status != EXIT_OK)
      return status;
  }
  Batch b = { a, jobs, dir, 0 };
  gint threads = a->jobs > 0 ? a->jobs : (gint) g_get_num_processors ();
  GThreadPool *pool = g_thread_pool_new (batch_one, &b, threads, TRUE, NULL);
  for (guint i = 0; a->inputs[i]; i++)
    g_thread_pool_push (pool, a->inputs[i], NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  return b.failed ? EXIT_FAILED : EXIT_OK;
}

/* EPUB, DOCX and PDF bytes make no sense on a terminal (and can upset
 * it); with no input file and a terminal on standard input, say what
 * prensa waits for. */
static int
check_terminal (const Args *a, GArray *jobs)
{
  gboolean to_stdout = a->output == NULL || strcmp (a->output, "-") == 0;
  for (guint k = 0; to_stdout && k < jobs->len && isatty (STDOUT_FILENO); k++) {
    const PrensaWriter *w = g_array_index (jobs, Job, k).writer;
    const char *mime = w->mime_type ? w->mime_type : "";
    gboolean text = g_str_has_prefix (mime, "text/") || g_str_has_suffix (mime, "xml")
                    || g_str_has_suffix (mime, "json");
    if (!text)
      return usage_error ("%s is a binary format: write it to a file with -o FILE.%s, "
                          "or pipe standard output", w->name, w->extension);
  }
  for (guint i = 0; a->inputs[i]; i++)
    if (strcmp (a->inputs[i], "-") == 0 && isatty (STDIN_FILENO))
      fprintf (stderr, "prensa: reading the document from the terminal; end it with Ctrl-D\n");
  return EXIT_OK;
}

/* An output that is one of the inputs (the same device and inode, through
 * any symlink or other name) would destroy what it is made from. */
static int
refuse_input_as_output (const Args *a, const char *target)
{
  struct stat out;
  if (target == NULL || stat (target, &out) != 0 || !S_ISREG (out.st_mode))
    return EXIT_OK;
  for (guint i = 0; a->inputs[i]; i++) {
    struct stat in;
    if (strcmp (a->inputs[i], "-") != 0 && stat (a->inputs[i], &in) == 0
        && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
      return usage_error ("%s: the output would overwrite the input %s; choose another -o",
                          target, a->inputs[i]);
  }
  return EXIT_OK;
}

static int
refuse_inputs_as_outputs (const Args *a, GPtrArray *targets)
{
  for (guint k = 0; k < targets->len; k++) {
    int status = refuse_input_as_output (a, targets->pdata[k]);
    if (status != EXIT_OK)
      return status;
  }
  return EXIT_OK;
}

/* --verbose: which reader read what, from where, and how long it took. */
static void
say_what_was_read (const Args *a, PrensaRegistry *reg, const PrensaDocument *doc, gint64 usec)
{
  for (guint i = 0; a->inputs[i]; i++) {
    const char *dot = strrchr (a->inputs[i], '.');
    const PrensaReader *r = a->from ? prensa_registry_lookup_reader (reg, a->from) : NULL;
    if (r == NULL && dot && !strchr (dot, '/'))
      r = prensa_registry_lookup_reader_extension (reg, dot + 1);
    if (r == NULL)
      r = prensa_registry_lookup_reader (reg, "markdown");
    fprintf (stderr, "prensa: read %s with %s (%s)\n", a->inputs[i], r ? r->name : "?",
             r ? prensa_registry_get_reader_path (reg, r) : "?");
  }
  fprintf (stderr, "prensa: %u part%s, %u speaker%s, loaded in %.1f ms\n",
           prensa_document_get_n_parts (doc), prensa_document_get_n_parts (doc) == 1 ? "" : "s",
           prensa_document_get_n_speakers (doc), prensa_document_get_n_speakers (doc) == 1 ? "" : "s",
           usec / 1000.0);
}

/* --plugin-path as typed: a relative folder is taken from the current
 * one, as for every other path on the command line (the registry itself
 * takes only absolute folders, so that PRENSA_PLUGIN_PATH cannot change
 * meaning with the folder prensa happens to run in). */
static char *
absolute_path_list (const char *list)
{
  if (list == NULL)
    return NULL;
  g_auto (GStrv) dirs = g_strsplit (list, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; dirs[i]; i++)
    if (*dirs[i] != '\0' && !g_path_is_absolute (dirs[i])) {
      char *abs = g_canonicalize_filename (dirs[i], NULL);
      g_free (dirs[i]);
      dirs[i] = abs;
    }
  return g_strjoinv (G_SEARCHPATH_SEPARATOR_S, dirs);
}

static int
run (Args *a)
{
  g_autoptr (PrensaRegistry) reg = prensa_registry_new ();
  g_autofree char *plugin_path = absolute_path_list (a->plugin_path);
  prensa_registry_add_default_paths (reg, plugin_path);
  prensa_registry_scan (reg);

  if (a->list_formats || a->list_input_formats || a->list_output_formats || a->list_filters) {
    if (a->list_formats)
      list_formats (reg);
    if (a->list_filters)
      list_filters (reg);
    if (a->list_input_formats)
      list_names (reg, TRUE);
    if (a->list_output_formats)
      list_names (reg, FALSE);
    return EXIT_OK;
  }
  if (a->help_format)
    return help_format (reg, a->help_format);
  if (a->inputs == NULL || a->inputs[0] == NULL)
    return usage_error ("no input file (use - for standard input)");
  if (a->jobs < 0 || (a->jobs > 0 && !a->batch))
    return usage_error ("-j needs --batch and a positive number");
  if (a->from && prensa_registry_lookup_reader (reg, a->from) == NULL) {
    g_autofree char *hint = did_you_mean_format (reg, a->from, TRUE);
    return usage_error ("unknown input format '%s'%s (see --list-input-formats)", a->from, hint);
  }
  /* --batch's threads only read the registry: open every reader now, on
   * this thread. */
  if (a->batch)
    prensa_registry_get_n_readers (reg);
  if (a->json_filter_timeout <= 0)
    return usage_error ("--json-filter-timeout needs a positive number of seconds");
  int parsed = parse_filters (reg, a);
  if (parsed != EXIT_OK)
    return parsed;
  registry = reg;

  g_autoptr (GArray) jobs = g_array_new (FALSE, TRUE, sizeof (Job));
  g_array_set_clear_func (jobs, job_clear);
  const char *dir = NULL;
  int status = pick_writers (reg, a, jobs);
  if (status == EXIT_OK)
    status = apply_pandoc_flags (a, jobs);
  if (status == EXIT_OK)
    status = apply_options (a, reg, jobs);
  if (status == EXIT_OK)
    status = check_terminal (a, jobs);
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
  g_autofree char *stem = output_stem (a->inputs[0]);
  const char *file = a->output && strcmp (a->output, "-") != 0 ? a->output : NULL;
  g_autoptr (GPtrArray) targets = targets_in (dir, file, stem, jobs);
  if ((status = refuse_inputs_as_outputs (a, targets)) != EXIT_OK)
    return status;
  /* On this thread: glibc gives other threads their own malloc arenas,
   * and cmark's many small nodes made parsing a book 15% slower there. */
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (PrensaDocument) doc = load (a, a->inputs, g_strv_length (a->inputs), &error);
  if (doc == NULL) {
    fprintf (stderr, "prensa: %s\n", error->message);
    return EXIT_FAILED;
  }
  if (a->verbose)
    say_what_was_read (a, reg, doc, g_get_monotonic_time () - start);
  if (warned_and_must_fail (a))
    return EXIT_FAILED;
#ifdef __GLIBC__
  /* The parser's tree is gone, but glibc keeps the pages it freed in the
   * middle of the heap; hand them back before the writers build their
   * own buffers, or the peak is the parser's and the writers' together. */
  malloc_trim (0);
#endif
  return convert (a, doc, jobs, targets, TRUE);
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

/* GLib ends the process when an allocation fails (g_error, then abort):
 * say so in one line, leaving nothing behind, and exit 1 instead. */
static void
on_glib_error (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  if (message != NULL && strstr (message, "failed to allocate") != NULL)
    prensa_out_of_memory ();
  g_log_default_handler (domain, level, message, data);
}

static void
install_signal_handlers (void)
{
  /* A closed pipe or a file size limit is a write error to report, not a
   * reason to die with half a file on disk. */
  signal (SIGPIPE, SIG_IGN);
  signal (SIGXFSZ, SIG_IGN);
  g_log_set_handler ("GLib", G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL, on_glib_error, NULL);
  struct sigaction sa = { 0 };
  sa.sa_handler = on_terminate;
  sigemptyset (&sa.sa_mask);
  /* Out of CPU time (ulimit -t), a quit from the terminal, an abort: each
   * still ends the process as it would, but leaves no temporary file. */
  const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXCPU, SIGABRT };
  for (guint i = 0; i < G_N_ELEMENTS (fatal); i++)
    sigaction (fatal[i], &sa, NULL);
}

#if defined(__SANITIZE_ADDRESS__)
/* Pango's fontconfig backend matches and sorts fonts on threads it starts
 * and never joins. LeakSanitizer stops every thread at exit to look for
 * leaks, and its tracer crashes when one of those threads is still on its
 * way out (3 crashes in about 150 ASan PDF conversions here, none in 600
 * with this wait). Sanitizer builds alone wait, at most a second, until
 * this is the only thread left. */
static void
await_stray_threads (void)
{
  for (int round = 0; round < 200; round++) {
    DIR *tasks = opendir ("/proc/self/task");
    if (tasks == NULL)
      return;
    int n = 0;
    for (struct dirent *e; (e = readdir (tasks)) != NULL;)
      n += e->d_name[0] != '.';
    closedir (tasks);
    if (n <= 1)
      return;
    g_usleep (5000);
  }
}
#endif

/* --quiet is known before the options are parsed, so that warnings the
 * parsing itself gives are silenced too. */
static gboolean
a_quiet (int argc, char **argv)
{
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strcmp (argv[i], "--quiet") == 0)
      return TRUE;
  return FALSE;
}

/* " (did you mean '--toc'?)" for GOption's "Unknown option --tco". */
static char *
option_hint (const GOptionEntry *entries, const char *message)
{
  const char *at = strstr (message, "--");
  if (at == NULL)
    return g_strdup ("");
  g_autofree char *word = g_strndup (at, strcspn (at, "= "));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  for (const GOptionEntry *e = entries; e->long_name; e++)
    if (*e->long_name)
      g_ptr_array_add (names, g_strconcat ("--", e->long_name, NULL));
  g_ptr_array_add (names, g_strdup ("--help"));
  g_ptr_array_add (names, NULL);
  return cli_did_you_mean (word, (const char *const *) names->pdata);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  install_signal_handlers ();

  Args a = { .toc_depth = -1, .epub_chapter_level = -1, .columns = -1,
             .json_filter_timeout = CLI_JSON_FILTER_TIMEOUT };
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &a.from, "Format to read (default: from each input's extension, else markdown)", "FORMAT" },
    { "to", 't', 0, G_OPTION_ARG_STRING, &a.to, "Formats to write (comma-separated, or all)", "FORMAT[,FORMAT…]" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output, "Output file, folder, or - for standard output", "FILE|DIR|-" },
    { "metadata", 'M', 0, G_OPTION_ARG_STRING_ARRAY, &a.meta, "Set document metadata, over the front matter", "KEY=VALUE" },
    { "metadata-file", 0, 0, G_OPTION_ARG_FILENAME, &a.metadata_file, "Read metadata (speakers too) from a YAML file, under the input's front matter and -M; with several inputs, the book's own", "FILE" },
    { "option", 'O', 0, G_OPTION_ARG_STRING_ARRAY, &a.options, "Set a writer option (see --help-format)", "[FORMAT.]KEY=VALUE" },
    { "no-smart", 0, 0, G_OPTION_ARG_NONE, &a.no_smart, "Keep straight quotes, -- and ... as typed", NULL },
    { "list-formats", 0, 0, G_OPTION_ARG_NONE, &a.list_formats, "List the formats that can be read (r) and written (w)", NULL },
    { "help-format", 0, 0, G_OPTION_ARG_STRING, &a.help_format, "Describe a format or a filter and its options", "NAME" },
    { "plugin-path", 0, 0, G_OPTION_ARG_FILENAME, &a.plugin_path, "More folders to find format plugins in", "DIR[:DIR…]" },
    { "resource-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.resource_paths, "Also take images from these folders", "DIR[:DIR…]" },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &a.sandbox, "For untrusted input: drop raw HTML, read no file but the inputs", NULL },
    { "unsafe", 0, 0, G_OPTION_ARG_NONE, &a.unsafe, "For trusted input: write raw HTML into HTML output as it is, scripts included", NULL },
    { "batch", 0, 0, G_OPTION_ARG_NONE, &a.batch, "Convert each input on its own, into -o DIRECTORY", NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &a.jobs, "With --batch: threads to use (default: one per core)", "N" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &a.version, "Print the version and exit", NULL },
    { "quiet", 0, 0, G_OPTION_ARG_NONE, &a.quiet, "Print no warnings", NULL },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &a.verbose, "Say what was read with which plugin, and how long each stage took", NULL },
    { "fail-if-warnings", 0, 0, G_OPTION_ARG_NONE, &a.fail_if_warnings, "Exit 1 and write nothing when there is any warning", NULL },
    { "list-input-formats", 0, 0, G_OPTION_ARG_NONE, &a.list_input_formats, "List the formats that can be read, one a line", NULL },
    { "list-output-formats", 0, 0, G_OPTION_ARG_NONE, &a.list_output_formats, "List the formats that can be written, one a line", NULL },
    { "filter", 'F', 0, G_OPTION_ARG_STRING_ARRAY, &a.filters, "Change the document with the filter plugin NAME before writing (repeatable, run in order), with its options (see --list-filters, --help-format NAME)", "NAME[:KEY=VALUE…]" },
    { "json-filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.json_filters, "Change the document with the program CMD, given it and giving it back as JSON (after -F; repeatable)", "CMD" },
    { "json-filter-timeout", 0, 0, G_OPTION_ARG_INT, &a.json_filter_timeout, "Seconds a --json-filter may take (default 60)", "N" },
    { "list-filters", 0, 0, G_OPTION_ARG_NONE, &a.list_filters, "List the filter plugins -F can run", NULL },
    { "defaults", 'd', 0, G_OPTION_ARG_FILENAME, &a.defaults, "Options from a pandoc defaults file (YAML; later options win)", "FILE" },
    { "standalone", 's', 0, G_OPTION_ARG_NONE, &a.standalone, "Accepted for pandoc's sake: every writer makes a whole document", NULL },
    { "toc", 0, 0, G_OPTION_ARG_NONE, &a.toc, "A table of contents (html, docx, txt, pdf; epub always has one)", NULL },
    { "table-of-contents", 0, 0, G_OPTION_ARG_NONE, &a.toc, "The same as --toc", NULL },
    { "toc-depth", 0, 0, G_OPTION_ARG_INT, &a.toc_depth, "Heading levels in the contents (FORMAT.toc-depth)", "N" },
    { "css", 0, 0, G_OPTION_ARG_FILENAME, &a.css, "Stylesheet for html and epub (FORMAT.css)", "FILE" },
    { "reference-doc", 0, 0, G_OPTION_ARG_FILENAME, &a.reference_doc, "Styles and page setup from this DOCX (docx.reference-docx)", "FILE" },
    { "epub-cover-image", 0, 0, G_OPTION_ARG_FILENAME, &a.epub_cover_image, "The cover image (-M cover-image=FILE)", "FILE" },
    { "epub-chapter-level", 0, 0, G_OPTION_ARG_INT, &a.epub_chapter_level, "Heading level to split EPUB chapters at (epub.split-level)", "N" },
    { "columns", 0, 0, G_OPTION_ARG_INT, &a.columns, "Line length for txt (txt.wrap)", "N" },
    { "wrap", 0, 0, G_OPTION_ARG_STRING, &a.wrap, "txt lines: auto (filled to --columns), none or preserve (both unwrapped)", "auto|none|preserve" },
    { "embed-resources", 0, 0, G_OPTION_ARG_NONE, &a.embed_resources, "Images inside the HTML page (html.embed-resources)", NULL },
    { "self-contained", 0, 0, G_OPTION_ARG_NONE, &a.embed_resources, "The same as --embed-resources", NULL },
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
  gboolean expanded = cli_defaults_expand (&argc, &argv, entries, &error);
  cli_warnings_start (a_quiet (argc, argv) ? CLI_WARN_QUIET : CLI_WARN_NORMAL);
  if (!expanded) {
    status = usage_error ("%s", error->message);
  } else if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_autofree char *hint = option_hint (entries, error->message);
    status = usage_error ("%s%s (see --help)", error->message, hint);
  } else if (a.sandbox && a.unsafe) {
    status = usage_error ("--sandbox drops raw HTML and --unsafe keeps it: give one of them");
  } else if (a.version) {
    printf ("prensa %s (plugin ABI %d)\n", PRENSA_VERSION_STRING, PRENSA_PLUGIN_ABI);
    status = EXIT_OK;
  } else
    status = run (&a);

  cli_warnings_finish ();
  /* GLib keeps idle pool threads until exit, where LeakSanitizer's tracer
   * has been seen to crash stopping them: end them now. */
  g_thread_pool_set_max_unused_threads (0);
  g_thread_pool_stop_unused_threads ();
#if defined(__SANITIZE_ADDRESS__)
  await_stray_threads ();
#endif
  g_free (a.defaults);
  g_free (a.css);
  g_free (a.reference_doc);
  g_free (a.epub_cover_image);
  g_free (a.wrap);
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
  g_strfreev (a.filters);
  g_strfreev (a.json_filters);
  g_clear_pointer (&filter_runs, g_array_unref);
  return status;
}
