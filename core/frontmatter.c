/* frontmatter.c: YAML front matter into metadata values, with libyaml's
 * event parser so nesting costs no C stack.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <yaml.h>

#include "prensa-private.h"

typedef struct {
  PrensaValueType kind;
  GPtrArray *keys;
  GPtrArray *items;
  char *pending_key; /* maps: a key waiting for its value */
} Frame;

/* Metadata needs a few levels; libyaml rescans every open flow level for
 * each token, so 100,000 nested "[" took minutes (quadratic). Deeper
 * front matter is refused as soon as it opens its 65th level. */
#define MAX_FRONT_MATTER_DEPTH 64

typedef struct {
  PrensaArena *arena;
  GArray *stack; /* Frame */
  const PrensaValue *root;
  yaml_mark_t root_mark; /* where the top-level value starts */
  const char *name;      /* for warnings: the file and its first line */
  guint first_line;
} Builder;

static void
frame_clear (gpointer data)
{
  Frame *f = data;
  g_ptr_array_unref (f->keys);
  g_ptr_array_unref (f->items);
  g_free (f->pending_key);
}

static const PrensaValue *
frame_finish (PrensaArena *arena, Frame *f)
{
  PrensaValue *v = prensa_arena_alloc (arena, sizeof *v);
  v->kind = f->kind;
  v->length = f->items->len;
  v->items = prensa_arena_alloc (arena, sizeof (gpointer) * MAX (v->length, 1));
  /* An empty GPtrArray has no pdata at all, and memcpy from NULL is
   * undefined even for zero bytes ("rooms: []", found by fuzzing). */
  if (v->length)
    memcpy (v->items, f->items->pdata, sizeof (gpointer) * v->length);
  if (f->kind == PRENSA_VALUE_MAP) {
    v->keys = prensa_arena_alloc (arena, sizeof (gpointer) * MAX (v->length, 1));
    if (v->length)
      memcpy (v->keys, f->keys->pdata, sizeof (gpointer) * v->length);
  }
  return v;
}

/* Hands a finished value (or, for a map awaiting its key, a key) to the
 * container on top of the stack. */
static gboolean
builder_add (Builder *b, const PrensaValue *v, const char *scalar, const char **problem)
{
  if (b->stack->len == 0) {
    if (v->kind != PRENSA_VALUE_MAP) {
      *problem = "front matter must be a mapping of keys to values";
      return FALSE;
    }
    b->root = v;
    return TRUE;
  }
  Frame *top = &g_array_index (b->stack, Frame, b->stack->len - 1);
  if (top->kind == PRENSA_VALUE_MAP && top->pending_key == NULL) {
    if (scalar == NULL) {
      *problem = "a key must be a plain string";
      return FALSE;
    }
    top->pending_key = g_strdup (scalar);
    return TRUE;
  }
  if (top->kind == PRENSA_VALUE_MAP) {
    g_ptr_array_add (top->keys, prensa_arena_strdup (b->arena, top->pending_key));
    g_clear_pointer (&top->pending_key, g_free);
  }
  g_ptr_array_add (top->items, (gpointer) v);
  return TRUE;
}

/* What is wrong in a value but not worth refusing the file: a control
 * character (made U+FFFD, by the loader or above, so that XML can carry
 * it) and a date that no calendar has, which must not reach dc:date. */
static void
check_scalar (const Builder *b, const yaml_event_t *ev, const char *text)
{
  const Frame *top = b->stack->len ? &g_array_index (b->stack, Frame, b->stack->len - 1) : NULL;
  const char *key = top && top->kind == PRENSA_VALUE_MAP ? top->pending_key : NULL;
  guint line = b->first_line + (guint) ev->start_mark.line;
  if (strstr (text, "\xEF\xBF\xBD"))
    prensa_warning ("%s:%u: front matter: %s%s%sa control character or a character XML "
                    "cannot carry, shown as U+FFFD", b->name, line, key ? "“" : "",
                    key ? key : "", key ? "” holds " : "");
  if (b->stack->len == 1 && key && strcmp (key, "date") == 0 && g_ascii_isdigit (text[0])
      && strlen (text) >= 7 && text[4] == '-' && !prensa_date_is_valid (text))
    prensa_warning ("%s:%u: front matter: the date “%s” is no day of the calendar; "
                    "it is shown as written but left out of machine-readable metadata",
                    b->name, line, text);
}

static gboolean
builder_event (Builder *b, yaml_event_t *ev, const char **problem)
{
  if (b->stack->len == 0)
    b->root_mark = ev->start_mark;
  switch (ev->type) {
  case YAML_SCALAR_EVENT: {
    /* YAML escapes ("\x01", "\uFFFE") can make what the file's bytes
     * did not contain: clean scalars as the loader cleans the body. */
    const char *text = (const char *) ev->data.scalar.value;
    g_autofree char *clean = NULL;
    gsize clean_len;
    if (prensa_text_sanitize ("", text, ev->data.scalar.length, &clean, &clean_len, NULL) && clean)
      text = clean;
    check_scalar (b, ev, text);
    PrensaValue *v = prensa_value_new_string (b->arena, text);
    return builder_add (b, v, text, problem);
  }
  case YAML_SEQUENCE_START_EVENT:
  case YAML_MAPPING_START_EVENT: {
    Frame f = { ev->type == YAML_MAPPING_START_EVENT ? PRENSA_VALUE_MAP : PRENSA_VALUE_LIST,
                g_ptr_array_new (), g_ptr_array_new (), NULL };
    if (b->stack->len >= MAX_FRONT_MATTER_DEPTH) {
      frame_clear (&f);
      *problem = "nested more than 64 levels deep";
      return FALSE;
    }
    if (b->stack->len > 0) {
      Frame *top = &g_array_index (b->stack, Frame, b->stack->len - 1);
      if (top->kind == PRENSA_VALUE_MAP && top->pending_key == NULL) {
        frame_clear (&f);
        *problem = "a key must be a plain string";
        return FALSE;
      }
    }
    g_array_append_val (b->stack, f);
    return TRUE;
  }
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT: {
    Frame *top = &g_array_index (b->stack, Frame, b->stack->len - 1);
    const PrensaValue *v = frame_finish (b->arena, top);
    g_array_set_size (b->stack, b->stack->len - 1);
    return builder_add (b, v, NULL, problem);
  }
  case YAML_ALIAS_EVENT:
    *problem = "aliases (*name) are not supported";
    return FALSE;
  default:
    return TRUE;
  }
}

const PrensaValue *
prensa_front_matter_parse (PrensaArena *arena,
                           const char *name,
                           const char *yaml,
                           gsize length,
                           guint first_line,
                           GError **error)
{
  yaml_parser_t parser;
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) yaml, length);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  Builder b = { arena, g_array_new (FALSE, FALSE, sizeof (Frame)), NULL };
  b.name = name;
  b.first_line = first_line;
  g_array_set_clear_func (b.stack, frame_clear);
  const char *problem = NULL;
  gsize problem_line = 0, problem_column = 0;
  gboolean done = FALSE, ok = TRUE;
  guint documents = 0;

  while (!done && ok) {
    yaml_event_t ev;
    if (!yaml_parser_parse (&parser, &ev)) {
      problem = parser.problem ? parser.problem : "malformed YAML";
      problem_line = parser.problem_mark.line;
      problem_column = parser.problem_mark.column;
      ok = FALSE;
      break;
    }
    if (ev.type == YAML_DOCUMENT_START_EVENT && ++documents > 1) {
      problem = "only one YAML document is allowed";
      ok = FALSE;
    } else if (!builder_event (&b, &ev, &problem)) {
      ok = FALSE;
    }
    if (!ok) {
      /* A value of the wrong shape is reported where it starts. */
      yaml_mark_t at = b.stack->len == 0 ? b.root_mark : ev.start_mark;
      problem_line = at.line;
      problem_column = at.column;
    }
    done = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete (&ev);
  }
  yaml_parser_delete (&parser);
  g_array_unref (b.stack);

  if (!ok) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FRONT_MATTER,
                 "%s:%" G_GSIZE_FORMAT ":%" G_GSIZE_FORMAT ": front matter: %s",
                 name, first_line + problem_line, problem_column + 1, problem);
    return NULL;
  }
  /* An empty block (--- then ---) is an empty map. */
  return b.root ? b.root : prensa_value_new_empty_map (arena);
}

static gboolean
parse_role (const char *text, PrensaRole *role)
{
  if (text == NULL || strcmp (text, "other") == 0)
    *role = PRENSA_ROLE_OTHER;
  else if (strcmp (text, "interviewer") == 0)
    *role = PRENSA_ROLE_INTERVIEWER;
  else if (strcmp (text, "interviewee") == 0)
    *role = PRENSA_ROLE_INTERVIEWEE;
  else
    return FALSE;
  return TRUE;
}

gboolean
prensa_front_matter_speakers (PrensaArena *arena,
                              const char *name,
                              const PrensaValue *meta,
                              GPtrArray *speakers,
                              GError **error)
{
  const PrensaValue *list = prensa_value_lookup (meta, "speakers");
  if (list == NULL)
    return TRUE;
  if (list->kind != PRENSA_VALUE_LIST) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_METADATA,
                 "%s: front matter: 'speakers' must be a list of {id, name, role}", name);
    return FALSE;
  }
  for (guint i = 0; i < list->length; i++) {
    const PrensaValue *s = list->items[i];
    const char *id = prensa_value_lookup_string (s, "id");
    const char *full = prensa_value_lookup_string (s, "name");
    const char *role_text = prensa_value_lookup_string (s, "role");
    PrensaRole role;
    if (s->kind != PRENSA_VALUE_MAP || (full == NULL && id == NULL)) {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_METADATA,
                   "%s: front matter: speaker %u needs a 'name' (and an 'id')", name, i + 1);
      return FALSE;
    }
    if (!parse_role (role_text, &role)) {
      g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_METADATA,
                   "%s: front matter: speaker %u has role '%s'; use interviewer, interviewee or other",
                   name, i + 1, role_text);
      return FALSE;
    }
    PrensaSpeaker *sp = prensa_arena_alloc (arena, sizeof *sp);
    sp->id = id ? id : full;
    sp->name = full ? full : id;
    sp->role = role;
    g_ptr_array_add (speakers, sp);
  }
  return TRUE;
}
