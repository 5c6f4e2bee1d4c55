/* json-parse.h: a small, strict JSON parser (RFC 8259) for the reader.
 *
 * It makes a tree of values that remember where they start, so the reader
 * can name the line and column of anything it refuses. Strict: one value,
 * no comments, no trailing commas, no duplicate keys, no lone surrogates,
 * no raw control characters in strings. It keeps no C stack per level, so
 * a document nested as deep as its Markdown was still reads.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

/* The prensa-json "version" json.c writes, and the newest json-read.c
 * reads (see json.c for what each added). */
#define PRENSA_JSON_VERSION 2

typedef enum {
  JSON_NULL,
  JSON_FALSE,
  JSON_TRUE,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT,
} JsonKind;

typedef struct {
  JsonKind kind;
  guint line, column;  /* 1-based, of its first character; columns count
                        * characters, not bytes */
  const char *text;    /* STRING: unescaped ("\u0000" becomes U+FFFD, so
                        * it is a C string); NUMBER: as written */
  GPtrArray *items;    /* ARRAY and OBJECT: the values, in order */
  GPtrArray *keys;     /* OBJECT: the keys, beside their values */
} JsonValue;

typedef struct _JsonTree JsonTree;

/* Parses @length bytes of UTF-8 @data. NULL with @error set (in
 * PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT) as "NAME:LINE:COLUMN: JSON:
 * what is wrong" when it is not JSON. (transfer full) */
JsonTree *json_tree_parse (const char *name, const char *data, gsize length, GError **error);
void json_tree_free (JsonTree *tree);
/* (transfer none): lives as long as @tree. */
const JsonValue *json_tree_get_root (const JsonTree *tree);

/* The value of @key in @object, NULL when it has none (or is no object). */
const JsonValue *json_object_get (const JsonValue *object, const char *key);
/* "a string", "an object"…, for messages. */
const char *json_kind_to_string (JsonKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JsonTree, json_tree_free)
