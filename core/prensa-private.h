/* prensa-private.h: struct internals shared by the files of libprensa.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "prensa/prensa.h"
#include "prensa/prensa-plugin.h"
#include "prensa/prensa-reader.h"
#include "prensa/prensa-builder.h"
#include "prensa/prensa-filter.h"

/* A bump allocator: every node, value and string of a document lives in
 * one arena and goes away with it, so a book-size input costs a handful
 * of mallocs instead of one per node. */
typedef struct _PrensaArena PrensaArena;

PrensaArena *prensa_arena_new (void);
void prensa_arena_free (PrensaArena *arena);
gpointer prensa_arena_alloc (PrensaArena *arena, gsize size);
char *prensa_arena_strndup (PrensaArena *arena, const char *text, gsize length);
char *prensa_arena_strdup (PrensaArena *arena, const char *text);

struct _PrensaValue {
  PrensaValueType kind;
  guint length;
  const char *string;
  const char **keys;            /* maps: length keys */
  const PrensaValue **items;    /* lists and maps: length items */
};

PrensaValue *prensa_value_new_string (PrensaArena *arena, const char *text);
PrensaValue *prensa_value_new_empty_map (PrensaArena *arena);
/* A map with @overrides (string keys and values) put over @base. */
PrensaValue *prensa_value_merge (PrensaArena *arena,
                                 const PrensaValue *base,
                                 GPtrArray *override_keys,
                                 GPtrArray *override_values);
/* A map of @base's entries with @over's put over them, key by key (a key
 * of @over replaces the whole value, as pandoc's --metadata-file does);
 * both must be maps in @arena, or NULL. */
PrensaValue *prensa_value_overlay (PrensaArena *arena,
                                   const PrensaValue *base,
                                   const PrensaValue *over);

struct _PrensaSpeaker {
  const char *id;
  const char *name;
  PrensaRole role;
};

struct _PrensaNode {
  PrensaNode *parent;
  PrensaNode *first_child;
  PrensaNode *last_child;
  PrensaNode *next;
  PrensaNode *prev;
  const char *literal;
  gsize length;
  guint32 line;
  guint32 column;
  PrensaNodeType type;
  union {
    /* @local: the anchor the heading would have were its part the only
     * one, for links written in that part or to its file (links.c) */
    struct { int level; const char *anchor; const char *id; const char *local; } heading;
    struct { PrensaListType type; PrensaListDelim delim; int start; gboolean tight; } list;
    struct { PrensaTask task; } item;
    struct { guint columns; PrensaAlign *align; } table;
    struct { gboolean header; } row;
    struct { guint column; } cell;
    /* FOOTNOTE_REFERENCE and FOOTNOTE_DEFINITION: @note is the definition
     * (for a reference) or the first reference (for a definition); @refs
     * the reference's place among its note's references, or the note's
     * count of them. */
    struct { const char *label; const char *anchor; PrensaNode *note; guint number; guint refs; } note;
    struct { const char *url; const char *title; } link;
    struct { const char *info; } code;
    struct { const PrensaSpeaker *speaker; gboolean first; } turn;
    struct { const PrensaValue *meta; const char *source; const char *media; const char *anchor;
             gboolean figures; } part;
  } as;
};

PrensaNode *prensa_node_new (PrensaArena *arena, PrensaNodeType type);
void prensa_node_append (PrensaNode *parent, PrensaNode *child);
void prensa_node_unlink (PrensaNode *node);
void prensa_node_insert_before (PrensaNode *sibling, PrensaNode *node);

struct _PrensaDocument {
  PrensaArena *arena;
  PrensaNode *root;
  const PrensaValue *meta;
  GPtrArray *speakers;          /* PrensaSpeaker *, arena-owned */
  guint n_parts;
  PrensaLoadFlags flags;
  GPtrArray *resource_paths;    /* char *, absolute and symlink-free */
  const char *title;            /* prensa_document_get_title(), set by
                                 * prensa_document_find_title() */
  int title_source;
  PrensaPaper paper;            /* prensa_document_find_paper() */
  gboolean paper_given;
  GPtrArray *media;             /* folders of embedded resources (media.c),
                                 * shared with a lowered copy: the last
                                 * unref deletes them */
  struct _PrensaLinkIndex *links; /* where links lead (links.c) */
};

/* Front matter: @yaml (@length bytes) becomes a map in @arena. @first_line
 * is the file line of the YAML's first line, for error messages. */
const PrensaValue *prensa_front_matter_parse (PrensaArena *arena,
                                              const char *name,
                                              const char *yaml,
                                              gsize length,
                                              guint first_line,
                                              GError **error);
/* The speakers a part's front matter declares; FALSE when malformed. */
gboolean prensa_front_matter_speakers (PrensaArena *arena,
                                       const char *name,
                                       const PrensaValue *meta,
                                       GPtrArray *speakers,
                                       GError **error);

struct _PrensaBuilder {
  PrensaArena *arena;
  const char *name;
  PrensaLoadFlags flags;
  guint line_offset;            /* front matter lines above the body */
  PrensaNode *part;
  PrensaNode *parent;           /* where the next node goes */
  GArray *stack;                /* open containers (builder.c's Frame) */
  guint open_links;
  guint in_image;               /* depth of open images */
  guint in_note;                /* depth of open footnote definitions */
  guint dropped_raw;
  GString *text;                /* adjacent text, merged into one node */
  gboolean text_pending;
  guint text_line, text_column;
  GPtrArray *defs;              /* FOOTNOTE_DEFINITION, in order made */
  GPtrArray *refs;              /* FOOTNOTE_REFERENCE outside notes */
  GPtrArray *refs_in_notes;     /* and inside them */
  const PrensaValue *meta;
  GPtrArray *speakers;          /* the part's, borrowed */
  gboolean made_structure;      /* the reader opened turns itself */
  char **owned_input;           /* the input's buffer, when the host may free it */
  GError *error;                /* the first shape error: read fails */
  char *media_dir;              /* this part's embedded resources, until
                                 * the part is kept (then the document's) */
  guint n_media;
  guint64 media_bytes;
  /* A filter's builder (filter.c): the document it makes, the one it was
   * started from, and each part's name for the link passes. NULL in a
   * reader's. */
  PrensaDocument *filter_doc;
  const PrensaDocument *filter_source;
  GPtrArray *filter_names;
};

/* Reads the papersize metadata once, when loading ends (paper.c). */
void prensa_document_find_paper (PrensaDocument *document);
/* Works out the document's title once, when loading ends (document.c). */
void prensa_document_find_title (PrensaDocument *document);

/* @meta with prensa_text_smarten() applied to its prose keys (smart.c);
 * @meta itself when nothing changes. */
const PrensaValue *prensa_meta_smarten (PrensaArena *arena, const PrensaValue *meta);

/* The list a document keeps its embedded-resource folders in (media.c). */
GPtrArray *prensa_media_list_new (void);
/* Deletes the folder @dir made by prensa_builder_add_resource(). */
void prensa_media_dir_remove (char *dir);

void prensa_builder_init (PrensaBuilder *builder, PrensaArena *arena, const char *name,
                          PrensaLoadFlags flags, PrensaNode *part, const PrensaValue *meta,
                          GPtrArray *speakers, guint line_offset);
gboolean prensa_builder_end (PrensaBuilder *builder, GError **error);
void prensa_builder_clear (PrensaBuilder *builder);
/* Pads a closed table's rows to its widest (notes.c). */
void prensa_table_finish (PrensaArena *arena, PrensaNode *table);
/* Numbers the part's notes and moves them to its end (notes.c). */
void prensa_footnotes_resolve (PrensaBuilder *builder);
/* A copy of @document with only the nodes of @model (a writer's
 * PRENSA_MODEL, older than the host's) (lower.c). Returns: (transfer full). */
PrensaDocument *prensa_document_lower (const PrensaDocument *document, guint model);

/* Regroups @part's children into standfirst, turns and back matter
 * (interview.c says how). When @speakers is empty, the speakers the
 * labels name are added to it (arena-allocated). @name and @line_offset
 * place warnings; @meta is the part's metadata, @override_keys and
 * @override_values (may be NULL) the -M pairs that win over it. */
void prensa_interview_build (PrensaArena *arena,
                             PrensaNode *part,
                             GPtrArray *speakers,
                             const char *name,
                             guint line_offset,
                             const PrensaValue *meta,
                             GPtrArray *override_keys,
                             GPtrArray *override_values);

/* Gives every part, heading and note under @root a unique anchor. */
void prensa_anchors_assign (PrensaArena *arena, PrensaNode *root);

/* links.c: indexes the anchors, ids and input files of @document for
 * prensa_document_resolve_link(); then, once when loading ends, turns
 * every link that leads nowhere in the book into its text, with one
 * warning each. @names (may be NULL) holds each part's input name, for
 * warnings and, when a part has no source path, its extension. */
void prensa_links_index (PrensaDocument *document, GPtrArray *names);
void prensa_links_drop_missing (PrensaDocument *document, GPtrArray *names);
void prensa_links_free (struct _PrensaLinkIndex *links);

/* Checks @data is UTF-8 and replaces what XML cannot carry (NUL, C0/C1
 * controls other than tab/LF/CR, noncharacters) with U+FFFD. Returns a
 * new string or NULL when @data was clean; FALSE with line:column in
 * @error when it is not UTF-8. */
gboolean prensa_text_sanitize (const char *name,
                               const char *data,
                               gsize length,
                               char **cleaned,
                               gsize *cleaned_length,
                               GError **error);

/* util.c: reads the open file @fd whole and closes it (see
 * prensa_file_get_contents(), which opens by name). */
gboolean prensa_fd_get_contents (int fd, const char *name, gsize max, char **contents,
                                 gsize *length, GError **error);

/* probe.c: what a plugin file says of itself, read without loading it. */
enum { PRENSA_PROBE_WRITER, PRENSA_PROBE_READER, PRENSA_PROBE_FILTER, PRENSA_PROBE_N_KINDS };
typedef struct {
  guint symbol_abi;      /* the exported descriptor's first field; 0: none */
  gboolean described;    /* the descriptor section has a record of this kind */
  guint descriptor_abi;  /* the rest only when described */
  guint model;
  char *name;
  char *description;
  char *extensions;      /* NULL for a filter */
  char *mime_type;       /* NULL for a filter */
} PrensaProbeKind;
typedef struct {
  PrensaProbeKind kinds[PRENSA_PROBE_N_KINDS];
} PrensaProbe;
/* Reads the open plugin file @fd (an ELF shared object of this machine):
 * its descriptor section, when it has one, and the ABI of each exported
 * descriptor symbol. FALSE with @problem (transfer full) when the file is
 * no such module, exports no descriptor, or has a descriptor section
 * that is broken or disagrees with the symbols; @probe is then empty. */
gboolean prensa_plugin_probe (int fd, PrensaProbe *probe, char **problem);
/* The records of a descriptor section's @size bytes, into @probe. */
gboolean prensa_probe_parse_descriptors (const char *data, gsize size, PrensaProbe *probe,
                                         char **problem);
void prensa_probe_clear (PrensaProbe *probe);

/* Marks each speaker's first turn in @part (loader.c), for the label. */
void prensa_turns_mark_first (PrensaNode *part);
/* A new empty document with @flags (loader.c). */
PrensaDocument *prensa_document_new (PrensaLoadFlags flags);
/* builder.c: opens @part at the top of a filter's builder (the bottom
 * frame, which prensa_builder_close (PART) pops). */
void prensa_builder_push_part (PrensaBuilder *builder, PrensaNode *part);
/* filter.c: the end of a PART a filter's builder opened. */
void prensa_filter_part_end (PrensaBuilder *builder);

/* Call before g_ascii_string_to_signed/unsigned on any thread (util.c). */
void prensa_ascii_ready (void);
