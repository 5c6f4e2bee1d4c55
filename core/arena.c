/* arena.c: bump allocation for a document's nodes and strings.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

#define ARENA_BLOCK (64 * 1024)

typedef struct _Block Block;
struct _Block {
  Block *next;
  gsize used;
  gsize size;
  /* max_align_t keeps every allocation aligned for any type */
  max_align_t data[];
};

struct _PrensaArena {
  Block *head;
};

PrensaArena *
prensa_arena_new (void)
{
  return g_new0 (PrensaArena, 1);
}

void
prensa_arena_free (PrensaArena *arena)
{
  if (arena == NULL)
    return;
  Block *b = arena->head;
  while (b != NULL) {
    Block *next = b->next;
    g_free (b);
    b = next;
  }
  g_free (arena);
}

static Block *
block_new (gsize size)
{
  Block *b = g_malloc (sizeof (Block) + size);
  b->next = NULL;
  b->used = 0;
  b->size = size;
  return b;
}

gpointer
prensa_arena_alloc (PrensaArena *arena, gsize size)
{
  const gsize align = sizeof (max_align_t);
  size = (size + align - 1) & ~(align - 1);
  Block *b = arena->head;
  if (b == NULL || b->size - b->used < size) {
    if (size > ARENA_BLOCK / 4) {
      /* Big strings get a block of their own, kept behind the current
       * one so its free room is not wasted. */
      Block *big = block_new (size);
      big->used = size;
      if (b != NULL) {
        big->next = b->next;
        b->next = big;
      } else {
        arena->head = big;
      }
      return memset (big->data, 0, size);
    }
    b = block_new (ARENA_BLOCK);
    b->next = arena->head;
    arena->head = b;
  }
  gpointer p = (char *) b->data + b->used;
  b->used += size;
  return memset (p, 0, size);
}

char *
prensa_arena_strndup (PrensaArena *arena, const char *text, gsize length)
{
  char *s = prensa_arena_alloc (arena, length + 1);
  if (length > 0)
    memcpy (s, text, length);
  s[length] = '\0';
  return s;
}

char *
prensa_arena_strdup (PrensaArena *arena, const char *text)
{
  return text ? prensa_arena_strndup (arena, text, strlen (text)) : NULL;
}
