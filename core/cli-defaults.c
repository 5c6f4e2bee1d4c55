/* cli-defaults.c: pandoc's defaults files (-d/--defaults FILE) for the
 * prensa command.
 *
 * A defaults file is a YAML map of long option names to values, as pandoc
 * reads it. Each -d on the command line is replaced, where it stands, by
 * the options its file sets, so options after it win over the file and
 * options before it lose to it, as in pandoc. The keys prensa has:
 *
 *   from, reader, to, writer, output-file, input-file, input-files,
 *   metadata (a map: each key becomes -M KEY=VALUE, a list one -M per
 *   item), metadata-file, metadata-files (the last one counts: prensa
 *   reads one), standalone, table-of-contents, toc, toc-depth, css,
 *   reference-doc, epub-cover-image, epub-chapter-level, columns, wrap,
 *   resource-path, embed-resources, self-contained, fail-if-warnings,
 *   sandbox, verbosity (INFO is --verbose, ERROR --quiet).
 *
 * Input files from a defaults file are used only when the command line
 * names none. Any other key is named in one warning and left alone. In
 * values, "${.}" is the folder of the defaults file, as in pandoc. FILE
 * without an extension that does not exist is looked for as FILE.yaml.
 * A file that is not there, not YAML or not a map is a usage error, with
 * the line and column where YAML says so.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <yaml.h>

#include "prensa/prensa-util.h"
#include "cli.h"

/* A YAML value as the options need it: a scalar, a list of scalars, or a
 * map of scalars or lists of scalars (metadata). */
typedef struct Node Node;
struct Node {
  char *scalar;       /* NULL for a list or map */
  GPtrArray *items;   /* of Node, for a list; of key, value pairs for a map */
  gboolean map;
};

static void
node_free (gpointer data)
{
  Node *n = data;
  if (n == NULL)
    return;
  g_free (n->scalar);
  if (n->items)
    g_ptr_array_unref (n->items);
  g_free (n);
}

static Node *
node_new (const char *scalar, gboolean map)
{
  Node *n = g_new0 (Node, 1);
  n->scalar = g_strdup (scalar);
  if (scalar == NULL)
    n->items = g_ptr_array_new_with_free_func (node_free);
  n->map = map;
  return n;
}

typedef struct {
  yaml_parser_t parser;
  const char *path;
} Reader;

static gboolean
fail_at (Reader *r, const yaml_mark_t *mark, const char *what, GError **error)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s:%zu:%zu: %s",
               r->path, mark->line + 1, mark->column + 1, what);
  return FALSE;
}

/* Reads the value whose first event is @ev (taken over); depth-limited. */
static Node *
read_value (Reader *r, yaml_event_t *ev, guint depth, GError **error)
{
  Node *n = NULL;

  if (depth > 4)
    {
      fail_at (r, &ev->start_mark, "a defaults file is nested no deeper than metadata lists", error);
      yaml_event_delete (ev);
      return NULL;
    }
  switch (ev->type)
    {
    case YAML_SCALAR_EVENT:
      n = node_new ((const char *) ev->data.scalar.value, FALSE);
      yaml_event_delete (ev);
      return n;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
      {
        gboolean map = ev->type == YAML_MAPPING_START_EVENT;
        yaml_event_type_t end = map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;

        n = node_new (NULL, map);
        yaml_event_delete (ev);
        for (;;)
          {
            yaml_event_t next;
            Node *item;

            if (!yaml_parser_parse (&r->parser, &next))
              {
                fail_at (r, &r->parser.problem_mark, r->parser.problem, error);
                node_free (n);
                return NULL;
              }
            if (next.type == end)
              {
                yaml_event_delete (&next);
                return n;
              }
            if (map && next.type != YAML_SCALAR_EVENT && n->items->len % 2 == 0)
              {
                fail_at (r, &next.start_mark, "a key must be a plain name", error);
                yaml_event_delete (&next);
                node_free (n);
                return NULL;
              }
            item = read_value (r, &next, depth + 1, error);
            if (item == NULL)
              {
                node_free (n);
                return NULL;
              }
            g_ptr_array_add (n->items, item);
          }
      }
    case YAML_ALIAS_EVENT:
      fail_at (r, &ev->start_mark, "aliases are not read in a defaults file", error);
      break;
    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
    default:
      fail_at (r, &ev->start_mark, "not a YAML value", error);
      break;
    }
  yaml_event_delete (ev);
  return NULL;
}

/* The file's top-level map, or NULL with @error set. */
static Node *
read_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  Reader r = { .path = path };
  Node *top = NULL;
  yaml_event_t ev;

  if (!prensa_file_get_contents (path, 1 << 20, &data, &length, error))
    return NULL;
  yaml_parser_initialize (&r.parser);
  yaml_parser_set_input_string (&r.parser, (const unsigned char *) data, length);
  /* Stream start, document start, then the value. */
  for (;;)
    {
      if (!yaml_parser_parse (&r.parser, &ev))
        {
          fail_at (&r, &r.parser.problem_mark, r.parser.problem, error);
          break;
        }
      if (ev.type == YAML_STREAM_START_EVENT || ev.type == YAML_DOCUMENT_START_EVENT)
        {
          yaml_event_delete (&ev);
          continue;
        }
      if (ev.type == YAML_STREAM_END_EVENT)
        {
          yaml_event_delete (&ev);
          top = node_new (NULL, TRUE); /* an empty file sets nothing */
          break;
        }
      if (ev.type != YAML_MAPPING_START_EVENT)
        {
          fail_at (&r, &ev.start_mark, "a defaults file is a map of option names to values", error);
          yaml_event_delete (&ev);
          break;
        }
      top = read_value (&r, &ev, 0, error);
      break;
    }
  yaml_parser_delete (&r.parser);
  return top;
}

static gboolean
is_true (const Node *v)
{
  return v->scalar && (g_ascii_strcasecmp (v->scalar, "true") == 0
                       || g_ascii_strcasecmp (v->scalar, "yes") == 0
                       || g_ascii_strcasecmp (v->scalar, "on") == 0);
}

/* @value with "${.}" made the defaults file's folder. */
static char *
expand (const char *value, const char *folder)
{
  g_auto (GStrv) pieces = g_strsplit (value, "${.}", -1);
  return g_strjoinv (folder, pieces);
}

/* Each scalar of @v (itself, or the items of a list), in order. */
static void
each_scalar (const Node *v, void (*fn) (const char *, gpointer), gpointer data)
{
  if (v->scalar)
    {
      fn (v->scalar, data);
      return;
    }
  if (v->map)
    return;
  for (guint i = 0; i < v->items->len; i++)
    {
      const Node *item = v->items->pdata[i];
      if (item->scalar)
        fn (item->scalar, data);
    }
}

typedef struct {
  GPtrArray *args;   /* the options made */
  GPtrArray *inputs; /* input files */
  const char *folder;
  const char *flag;  /* for add_flag_value */
} Out;

static void
add_flag_value (const char *value, gpointer data)
{
  Out *o = data;
  g_autofree char *v = expand (value, o->folder);
  g_ptr_array_add (o->args, g_strdup_printf ("%s=%s", o->flag, v));
}

static void
add_input (const char *value, gpointer data)
{
  Out *o = data;
  g_ptr_array_add (o->inputs, expand (value, o->folder));
}

typedef struct {
  Out *out;
  const char *key;
} Meta;

static void
add_meta (const char *value, gpointer data)
{
  Meta *m = data;
  g_autofree char *v = expand (value, m->out->folder);
  g_ptr_array_add (m->out->args, g_strdup ("-M"));
  g_ptr_array_add (m->out->args, g_strdup_printf ("%s=%s", m->key, v));
}

/* The long options that take a value and are written as they are. */
static const char *const valued[][2] = {
  { "from", "--from" }, { "reader", "--from" },
  { "to", "--to" }, { "writer", "--to" },
  { "output-file", "--output" },
  { "metadata-file", "--metadata-file" }, { "metadata-files", "--metadata-file" },
  { "toc-depth", "--toc-depth" },
  { "css", "--css" },
  { "reference-doc", "--reference-doc" },
  { "epub-cover-image", "--epub-cover-image" },
  { "epub-chapter-level", "--epub-chapter-level" },
  { "columns", "--columns" },
  { "wrap", "--wrap" },
  { "resource-path", "--resource-path" },
};

/* The options that are on or off. */
static const char *const switches[][2] = {
  { "standalone", "--standalone" },
  { "table-of-contents", "--toc" }, { "toc", "--toc" },
  { "embed-resources", "--embed-resources" },
  { "self-contained", "--embed-resources" },
  { "fail-if-warnings", "--fail-if-warnings" },
  { "sandbox", "--sandbox" },
};

static gboolean
apply (const char *path, const Node *top, Out *o, GError **error)
{
  g_autoptr (GString) unknown = g_string_new (NULL);
  guint n_unknown = 0;

  for (guint i = 0; i + 1 < top->items->len; i += 2)
    {
      const char *key = ((const Node *) top->items->pdata[i])->scalar;
      const Node *v = top->items->pdata[i + 1];
      gboolean known = FALSE;

      for (guint k = 0; !known && k < G_N_ELEMENTS (valued); k++)
        if (strcmp (key, valued[k][0]) == 0)
          {
            known = TRUE;
            o->flag = valued[k][1];
            each_scalar (v, add_flag_value, o);
          }
      for (guint k = 0; !known && k < G_N_ELEMENTS (switches); k++)
        if (strcmp (key, switches[k][0]) == 0)
          {
            known = TRUE;
            if (is_true (v))
              g_ptr_array_add (o->args, g_strdup (switches[k][1]));
          }
      if (known)
        continue;
      if (strcmp (key, "input-file") == 0 || strcmp (key, "input-files") == 0)
        each_scalar (v, add_input, o);
      else if (strcmp (key, "metadata") == 0 && v->map)
        for (guint m = 0; m + 1 < v->items->len; m += 2)
          {
            Meta meta = { o, ((const Node *) v->items->pdata[m])->scalar };
            each_scalar (v->items->pdata[m + 1], add_meta, &meta);
          }
      else if (strcmp (key, "verbosity") == 0 && v->scalar)
        {
          if (g_ascii_strcasecmp (v->scalar, "INFO") == 0)
            g_ptr_array_add (o->args, g_strdup ("--verbose"));
          else if (g_ascii_strcasecmp (v->scalar, "ERROR") == 0)
            g_ptr_array_add (o->args, g_strdup ("--quiet"));
          else if (g_ascii_strcasecmp (v->scalar, "WARNING") != 0)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "%s: verbosity is INFO, WARNING or ERROR, not '%s'", path, v->scalar);
              return FALSE;
            }
        }
      else
        {
          if (n_unknown++ > 0)
            g_string_append (unknown, ", ");
          g_string_append (unknown, key);
        }
    }
  if (n_unknown > 0)
    prensa_warning ("%s: prensa has no option for %s; %s", path, unknown->str,
                    n_unknown == 1 ? "it is left alone" : "they are left alone");
  return TRUE;
}

/* FILE, or FILE.yaml when FILE has no extension and is not there. */
static char *
find_file (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  if (strchr (base, '.') == NULL && !g_file_test (name, G_FILE_TEST_EXISTS))
    return g_strconcat (name, ".yaml", NULL);
  return g_strdup (name);
}

/* Whether option word @arg (not "--x=y") takes the next word as its value. */
static gboolean
takes_value (const GOptionEntry *entries, const char *arg)
{
  for (const GOptionEntry *e = entries; e->long_name; e++)
    {
      gboolean match = arg[1] == '-' ? strcmp (arg + 2, e->long_name) == 0
                                     : arg[2] == '\0' && e->short_name == arg[1];
      if (match && *e->long_name)
        return e->arg != G_OPTION_ARG_NONE;
    }
  return FALSE;
}

/* The expanded command line's words: kept for the life of the program,
 * as argv is (GOption drops the words it takes from the array). */
static GPtrArray *kept;

gboolean
cli_defaults_expand (int *argc, char ***argv, const GOptionEntry *entries, GError **error)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  gboolean any = FALSE, cli_inputs = FALSE, rest = FALSE;

  for (int i = 0; i < *argc; i++)
    {
      const char *arg = (*argv)[i];
      const char *file = NULL;

      if (!rest && strcmp (arg, "--") == 0)
        rest = TRUE;
      if (i > 0 && !rest)
        {
          if (strcmp (arg, "-d") == 0 || strcmp (arg, "--defaults") == 0)
            {
              if (i + 1 >= *argc)
                {
                  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               "Missing argument for %s", arg);
                  return FALSE;
                }
              file = (*argv)[++i];
            }
          else if (g_str_has_prefix (arg, "--defaults="))
            file = arg + strlen ("--defaults=");
          else if (g_str_has_prefix (arg, "-d") && arg[1] == 'd')
            file = arg + 2;
        }
      if (file == NULL)
        {
          /* Whether the command line names inputs itself: a word that is
           * not an option nor an option's value (a rough look, enough to
           * let those inputs replace the file's). */
          if (i > 0 && (rest ? strcmp (arg, "--") != 0 : arg[0] != '-' || strcmp (arg, "-") == 0))
            {
              const char *prev = (*argv)[i - 1];
              gboolean value = !rest && prev[0] == '-' && prev[1] != '\0'
                               && strchr (prev, '=') == NULL && takes_value (entries, prev);
              if (!value)
                cli_inputs = TRUE;
            }
          g_ptr_array_add (args, g_strdup (arg));
          continue;
        }

      g_autofree char *path = find_file (file);
      g_autoptr (GError) local = NULL;
      Node *top = read_file (path, &local);
      if (top == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--defaults: %s",
                       local->message);
          return FALSE;
        }
      g_autofree char *folder = g_path_get_dirname (path);
      Out o = { args, inputs, folder, NULL };
      gboolean ok = apply (path, top, &o, error);
      node_free (top);
      if (!ok)
        return FALSE;
      any = TRUE;
    }
  if (!any)
    return TRUE;
  if (!cli_inputs)
    for (guint i = 0; i < inputs->len; i++)
      g_ptr_array_add (args, g_strdup (inputs->pdata[i]));

  kept = g_steal_pointer (&args);
  *argc = (int) kept->len;
  *argv = g_new0 (char *, kept->len + 1);
  memcpy (*argv, kept->pdata, kept->len * sizeof (char *));
  g_ptr_array_add (kept, *argv); /* the array too, for LeakSanitizer */
  return TRUE;
}
