/* json-parse.c: a small, strict JSON parser; see json-parse.h.
 *
 * One loop and a stack of the containers still open, instead of a
 * function per nesting level: the JSON of a deeply nested Markdown file is
 * as deep as the file, and recursion would run out of C stack on it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <prensa/prensa-document.h>

#include "json-parse.h"

struct _JsonTree {
  GPtrArray *values;     /* every value, so freeing needs no recursion */
  GStringChunk *strings; /* every string and number */
  const JsonValue *root;
};

typedef struct {
  const char *name;
  const char *p, *end;
  guint line;
  const char *column_at; /* the column of column_at is column: positions */
  guint column;          /* only move forward, so counting stays linear */
  JsonTree *tree;
  GPtrArray *open;       /* containers not yet closed, innermost last */
  GPtrArray *open_keys;  /* beside each: a set of its keys once it has many */
  GString *buffer;
  GError **error;
} Parser;

/* Objects have a handful of keys; past this many, duplicates are found
 * with a hash table instead of a scan, so a huge object stays linear. */
#define KEYS_SCANNED 16

enum { WANT_VALUE, AFTER_VALUE };

const char *
json_kind_to_string (JsonKind kind)
{
  static const char *const names[] = { "null", "false", "true", "a number", "a string",
                                       "an array", "an object" };
  return names[kind];
}

static guint
column_here (Parser *P)
{
  P->column += (guint) g_utf8_strlen (P->column_at, P->p - P->column_at);
  P->column_at = P->p;
  return P->column;
}

static gboolean G_GNUC_PRINTF (4, 5)
fail_at (Parser *P, guint line, guint column, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (P->error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT, "%s:%u:%u: JSON: %s",
               P->name, line, column, message);
  return FALSE;
}

#define fail(P, ...) fail_at ((P), (P)->line, column_here (P), __VA_ARGS__)

/* What stands at the parser's position, for "expected X, found Y". */
static char *
found (const Parser *P)
{
  if (P->p >= P->end)
    return g_strdup ("the end of the input");
  gunichar c = g_utf8_get_char (P->p);
  if (c < 0x20)
    return g_strdup_printf ("U+%04X", c);
  if (c == '/')
    return g_strdup ("'/' (JSON has no comments)");
  const char *end = g_utf8_next_char (P->p);
  while (g_ascii_isalnum (*P->p) && end < P->end && g_ascii_isalnum (*end) && end - P->p < 16)
    end++; /* a word: "found 'tru'", "found 'None'" */
  return g_strdup_printf ("'%.*s'", (int) (end - P->p), P->p);
}

static void
skip_space (Parser *P)
{
  for (; P->p < P->end; P->p++) {
    if (*P->p == '\n') {
      P->line++;
      P->column_at = P->p + 1;
      P->column = 1;
    } else if (*P->p != ' ' && *P->p != '\t' && *P->p != '\r') {
      return;
    }
  }
}

static JsonValue *
new_value (Parser *P, JsonKind kind)
{
  JsonValue *v = g_new0 (JsonValue, 1);
  v->kind = kind;
  v->line = P->line;
  v->column = column_here (P);
  g_ptr_array_add (P->tree->values, v);
  return v;
}

static JsonValue *
innermost (Parser *P)
{
  return P->open->len ? P->open->pdata[P->open->len - 1] : NULL;
}

static void
add_to_parent (Parser *P, JsonValue *v)
{
  JsonValue *parent = innermost (P);
  if (parent)
    g_ptr_array_add (parent->items, v);
  else
    P->tree->root = v;
}

static int
hex_digit (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* The four hex digits after "\u", or -1. */
static gint32
read_hex4 (Parser *P)
{
  if (P->end - P->p < 4)
    return -1;
  gint32 u = 0;
  for (int i = 0; i < 4; i++) {
    int d = hex_digit (P->p[i]);
    if (d < 0)
      return -1;
    u = u * 16 + d;
  }
  P->p += 4;
  return u;
}

/* After a backslash: one escape into the buffer. */
static gboolean
read_escape (Parser *P)
{
  static const char plain[] = "\"\\/bfnrt", meant[] = "\"\\/\b\f\n\r\t";
  const char *in = P->p < P->end ? strchr (plain, *P->p) : NULL;
  if (in && *in) {
    g_string_append_c (P->buffer, meant[in - plain]);
    P->p++;
    return TRUE;
  }
  if (P->p >= P->end || *P->p != 'u') {
    g_autofree char *what = found (P);
    return fail (P, "%s after '\\' is no escape (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)",
                 what);
  }
  P->p++;
  gint32 u = read_hex4 (P);
  if (u < 0)
    return fail (P, "\\u needs four hex digits");
  if (u >= 0xD800 && u <= 0xDBFF) { /* a pair: \uD83D\uDE00 */
    gint32 low = -1;
    if (P->end - P->p >= 2 && P->p[0] == '\\' && P->p[1] == 'u') {
      P->p += 2;
      low = read_hex4 (P);
    }
    if (low < 0xDC00 || low > 0xDFFF)
      return fail (P, "\\u%04X is half of a surrogate pair; its other half is missing", u);
    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
  } else if (u >= 0xDC00 && u <= 0xDFFF) {
    return fail (P, "\\u%04X is the second half of a surrogate pair, alone", u);
  }
  /* A NUL could not live in a C string; the model would replace it anyway. */
  g_string_append_unichar (P->buffer, u == 0 ? 0xFFFD : (gunichar) u);
  return TRUE;
}

/* A string at the opening quote, into the tree's chunk. */
static const char *
read_string (Parser *P)
{
  guint line = P->line, column = column_here (P);
  g_string_truncate (P->buffer, 0);
  for (P->p++; P->p < P->end && *P->p != '"';) {
    const char *run = P->p;
    while (P->p < P->end && *P->p != '"' && *P->p != '\\' && (guchar) *P->p >= 0x20)
      P->p++;
    g_string_append_len (P->buffer, run, P->p - run);
    if (P->p >= P->end || *P->p == '"')
      break;
    if (*P->p == '\\') {
      P->p++;
      if (!read_escape (P))
        return NULL;
    } else {
      fail (P, "U+%04X, a control character, must be escaped in a string (\\n, \\t, \\u%04X)",
            (guint) *P->p, (guint) *P->p);
      return NULL;
    }
  }
  if (P->p >= P->end) {
    fail_at (P, line, column, "the string that starts here never ends");
    return NULL;
  }
  P->p++;
  return g_string_chunk_insert_len (P->tree->strings, P->buffer->str, (gssize) P->buffer->len);
}

static gboolean
skip_digits (Parser *P)
{
  const char *from = P->p;
  while (P->p < P->end && g_ascii_isdigit (*P->p))
    P->p++;
  return P->p > from;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
read_number (Parser *P, JsonValue *v)
{
  const char *from = P->p;
  if (*P->p == '-')
    P->p++;
  gboolean leading_zero = P->p < P->end && *P->p == '0';
  if (!skip_digits (P))
    return fail (P, "a number needs a digit after '-'");
  if (leading_zero && P->p - from > (from[0] == '-' ? 2 : 1))
    return fail_at (P, v->line, v->column, "a number may not start with 0 (write 7, not 07)");
  if (P->p < P->end && *P->p == '.') {
    P->p++;
    if (!skip_digits (P))
      return fail (P, "a number needs a digit after '.'");
  }
  if (P->p < P->end && (*P->p == 'e' || *P->p == 'E')) {
    P->p++;
    if (P->p < P->end && (*P->p == '+' || *P->p == '-'))
      P->p++;
    if (!skip_digits (P))
      return fail (P, "a number needs a digit in its exponent");
  }
  v->text = g_string_chunk_insert_len (P->tree->strings, from, P->p - from);
  return TRUE;
}

static gboolean
read_word (Parser *P, JsonValue *v)
{
  static const char *const words[] = { "null", "false", "true" };
  const char *word = words[v->kind];
  gsize n = strlen (word);
  if ((gsize) (P->end - P->p) < n || memcmp (P->p, word, n) != 0
      || (P->p + n < P->end && g_ascii_isalnum (P->p[n]))) {
    g_autofree char *what = found (P);
    return fail (P, "expected a value (a string, number, object, array, true, false or null), "
                    "found %s", what);
  }
  P->p += n;
  return TRUE;
}

/* The key of an object's next member and its colon. */
static gboolean
read_key (Parser *P, JsonValue *object)
{
  skip_space (P);
  if (P->p >= P->end || *P->p != '"') {
    g_autofree char *what = found (P);
    return fail (P, "expected a key in double quotes, found %s", what);
  }
  guint line = P->line, column = column_here (P);
  const char *key = read_string (P);
  if (key == NULL)
    return FALSE;
  GHashTable **set = (GHashTable **) &P->open_keys->pdata[P->open_keys->len - 1];
  gboolean seen = FALSE;
  if (*set)
    seen = !g_hash_table_add (*set, (gpointer) key);
  for (guint i = 0; !*set && i < object->keys->len && !seen; i++)
    seen = strcmp (object->keys->pdata[i], key) == 0;
  if (seen)
    return fail_at (P, line, column, "the key \"%s\" comes twice in the object that starts at %u:%u",
                    key, object->line, object->column);
  g_ptr_array_add (object->keys, (gpointer) key);
  if (*set == NULL && object->keys->len > KEYS_SCANNED) {
    *set = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint i = 0; i < object->keys->len; i++)
      g_hash_table_add (*set, object->keys->pdata[i]);
  }
  skip_space (P);
  if (P->p >= P->end || *P->p != ':') {
    g_autofree char *what = found (P);
    return fail (P, "expected ':' after the key \"%s\", found %s", key, what);
  }
  P->p++;
  return TRUE;
}

static void
unref_key_set (gpointer set)
{
  if (set)
    g_hash_table_unref (set);
}

static void
open_container (Parser *P, JsonValue *v)
{
  v->items = g_ptr_array_new ();
  if (v->kind == JSON_OBJECT)
    v->keys = g_ptr_array_new ();
  add_to_parent (P, v);
  g_ptr_array_add (P->open, v);
  g_ptr_array_add (P->open_keys, NULL);
  P->p++;
}

static void
close_container (Parser *P)
{
  g_ptr_array_set_size (P->open_keys, P->open_keys->len - 1);
  g_ptr_array_set_size (P->open, P->open->len - 1);
  P->p++;
}

/* A value where one must stand. A container is opened, and closed at once
 * when empty; *@state says whether a value or what follows one comes next. */
static gboolean
read_value (Parser *P, int *state)
{
  skip_space (P);
  *state = AFTER_VALUE;
  char c = P->p < P->end ? *P->p : '\0';
  if (c == '{' || c == '[') {
    JsonValue *v = new_value (P, c == '{' ? JSON_OBJECT : JSON_ARRAY);
    open_container (P, v);
    skip_space (P);
    if (P->p < P->end && *P->p == (c == '{' ? '}' : ']')) {
      close_container (P);
      return TRUE;
    }
    *state = WANT_VALUE;
    return c == '[' || read_key (P, v);
  }
  if (c == '"') {
    JsonValue *v = new_value (P, JSON_STRING);
    v->text = read_string (P);
    add_to_parent (P, v);
    return v->text != NULL;
  }
  JsonKind kind = c == '-' || g_ascii_isdigit (c) ? JSON_NUMBER
                  : c == 't' ? JSON_TRUE : c == 'f' ? JSON_FALSE : JSON_NULL;
  JsonValue *v = new_value (P, kind);
  add_to_parent (P, v);
  return kind == JSON_NUMBER ? read_number (P, v) : read_word (P, v);
}

/* After a value in a container: a comma and the next one, or the end. */
static gboolean
read_after_value (Parser *P, int *state)
{
  JsonValue *top = innermost (P);
  gboolean object = top->kind == JSON_OBJECT;
  char close = object ? '}' : ']';
  skip_space (P);
  if (P->p < P->end && *P->p == close) {
    close_container (P);
    *state = AFTER_VALUE;
    return TRUE;
  }
  if (P->p < P->end && *P->p == ',') {
    P->p++;
    skip_space (P);
    if (P->p < P->end && *P->p == close)
      return fail (P, "a ',' before '%c': JSON allows no trailing comma", close);
    *state = WANT_VALUE;
    return !object || read_key (P, top);
  }
  g_autofree char *what = found (P);
  if (P->p >= P->end)
    return fail (P, "the input ends inside the %s that starts at %u:%u",
                 object ? "object" : "array", top->line, top->column);
  return fail (P, "expected ',' or '%c' in the %s that starts at %u:%u, found %s",
               close, object ? "object" : "array", top->line, top->column, what);
}

JsonTree *
json_tree_parse (const char *name, const char *data, gsize length, GError **error)
{
  g_autoptr (JsonTree) tree = g_new0 (JsonTree, 1);
  tree->values = g_ptr_array_new ();
  tree->strings = g_string_chunk_new (4096);
  Parser P = { name, data, data + length, 1, data, 1, tree, g_ptr_array_new (),
               g_ptr_array_new_with_free_func (unref_key_set), g_string_new (NULL), error };

  skip_space (&P);
  gboolean ok = TRUE;
  if (P.p >= P.end)
    ok = fail (&P, "the input holds no JSON value");
  int state = WANT_VALUE;
  while (ok && (state == WANT_VALUE || P.open->len > 0))
    ok = state == WANT_VALUE ? read_value (&P, &state) : read_after_value (&P, &state);
  if (ok) {
    skip_space (&P);
    if (P.p < P.end) {
      g_autofree char *what = found (&P);
      ok = fail (&P, "%s after the end of the JSON value", what);
    }
  }
  g_ptr_array_unref (P.open);
  g_ptr_array_unref (P.open_keys);
  g_string_free (P.buffer, TRUE);
  return ok ? g_steal_pointer (&tree) : NULL;
}

void
json_tree_free (JsonTree *tree)
{
  if (tree == NULL)
    return;
  for (guint i = 0; i < tree->values->len; i++) {
    JsonValue *v = tree->values->pdata[i];
    if (v->items)
      g_ptr_array_unref (v->items);
    if (v->keys)
      g_ptr_array_unref (v->keys);
    g_free (v);
  }
  g_ptr_array_unref (tree->values);
  g_string_chunk_free (tree->strings);
  g_free (tree);
}

const JsonValue *
json_tree_get_root (const JsonTree *tree)
{
  return tree->root;
}

const JsonValue *
json_object_get (const JsonValue *object, const char *key)
{
  if (object == NULL || object->kind != JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->keys->len; i++)
    if (strcmp (object->keys->pdata[i], key) == 0)
      return object->items->pdata[i];
  return NULL;
}
