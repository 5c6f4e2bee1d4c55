/* prensa-node.h: the nodes of the document model.
 *
 * The tree is immutable once loaded; every pointer returned here is
 * (transfer none) and lives as long as the PrensaDocument.
 *
 * Shape of a document:
 *
 *   DOCUMENT
 *     PART                      one per input file, in order
 *       STANDFIRST?             blocks before the first turn
 *       (TURN | block)*         a turn holds the blocks one speaker says
 *       BACK_MATTER?            blocks after a thematic break that follows
 *                               the last turn (the break itself is dropped)
 *
 * A part without declared speakers holds ordinary blocks only.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-version.h>
#include <prensa/prensa-util.h>
#include <prensa/prensa-value.h>

G_BEGIN_DECLS

typedef struct _PrensaNode PrensaNode;
typedef struct _PrensaSpeaker PrensaSpeaker;

typedef enum {
  PRENSA_NODE_NONE = 0,
  /* containers of the structure */
  PRENSA_NODE_DOCUMENT,
  PRENSA_NODE_PART,
  PRENSA_NODE_STANDFIRST,
  PRENSA_NODE_TURN,
  PRENSA_NODE_BACK_MATTER,
  /* blocks */
  PRENSA_NODE_BLOCK_QUOTE,
  PRENSA_NODE_LIST,
  PRENSA_NODE_ITEM,
  PRENSA_NODE_CODE_BLOCK,   /* leaf */
  PRENSA_NODE_RAW_BLOCK,    /* leaf: raw HTML block */
  PRENSA_NODE_PARAGRAPH,
  PRENSA_NODE_HEADING,
  PRENSA_NODE_THEMATIC_BREAK, /* leaf */
  /* inlines */
  PRENSA_NODE_TEXT,         /* leaf */
  PRENSA_NODE_SOFTBREAK,    /* leaf */
  PRENSA_NODE_LINEBREAK,    /* leaf */
  PRENSA_NODE_CODE,         /* leaf */
  PRENSA_NODE_RAW_INLINE,   /* leaf: raw inline HTML */
  PRENSA_NODE_EMPH,
  PRENSA_NODE_STRONG,
  PRENSA_NODE_LINK,
  PRENSA_NODE_IMAGE,
  /* Added with model 2 (see PRENSA_MODEL in prensa-plugin.h); classify a
   * type with the prensa_node_type_is_*() functions, never by its number. */
  PRENSA_NODE_TABLE,               /* block: rows */
  PRENSA_NODE_TABLE_ROW,           /* rows of a table: cells */
  PRENSA_NODE_TABLE_CELL,          /* holds inlines */
  PRENSA_NODE_FOOTNOTE_DEFINITION, /* block: the note's blocks */
  PRENSA_NODE_STRIKETHROUGH,       /* inline container */
  PRENSA_NODE_FOOTNOTE_REFERENCE,  /* inline leaf */
  /* Added with model 3. A PULL_QUOTE holds paragraphs only: a sentence
   * of the text repeated and set apart in large type, as magazines do
   * (the pull-quote filter makes one). Being a repeat, it is decoration:
   * writers hide it from screen readers where the format can (HTML and
   * EPUB: aria-hidden), so it is not read twice. */
  PRENSA_NODE_PULL_QUOTE,
  PRENSA_NODE_N_TYPES
} PrensaNodeType;

typedef enum {
  PRENSA_LIST_BULLET,
  PRENSA_LIST_ORDERED,
} PrensaListType;

typedef enum {
  PRENSA_DELIM_NONE,   /* bullet lists */
  PRENSA_DELIM_PERIOD, /* 1. */
  PRENSA_DELIM_PAREN,  /* 1) */
} PrensaListDelim;

/* A table column's alignment, as GFM's delimiter row gives it. */
typedef enum {
  PRENSA_ALIGN_NONE,
  PRENSA_ALIGN_LEFT,
  PRENSA_ALIGN_CENTER,
  PRENSA_ALIGN_RIGHT,
} PrensaAlign;

/* An ITEM's task-list state ("- [ ]" / "- [x]"). */
typedef enum {
  PRENSA_TASK_NONE,
  PRENSA_TASK_OPEN,
  PRENSA_TASK_DONE,
} PrensaTask;

typedef enum {
  PRENSA_ROLE_OTHER,
  PRENSA_ROLE_INTERVIEWER,
  PRENSA_ROLE_INTERVIEWEE,
} PrensaRole;

PRENSA_API PrensaNodeType prensa_node_get_node_type (const PrensaNode *node);
/* A stable lower-case name ("paragraph", "turn", "back_matter", …), as
 * the xml writer uses. Returns: (transfer none): a static string. */
PRENSA_API const char *prensa_node_type_to_string (PrensaNodeType type);
/* What kind of node a type is, from one table in node.c. Blocks are the
 * structure (document, part, standfirst, turn, back matter), the blocks a
 * reader makes, and tables with their rows and cells; inlines are what
 * paragraphs, headings and cells hold. Every type is exactly one of block
 * and inline. Leaves get only an ENTER event from the iterator. */
PRENSA_API gboolean prensa_node_type_is_block (PrensaNodeType type);
PRENSA_API gboolean prensa_node_type_is_inline (PrensaNodeType type);
PRENSA_API gboolean prensa_node_type_is_leaf (PrensaNodeType type);
/* Types whose children are inlines: paragraph, heading, table cell and
 * the inline containers (emph, strong, strikethrough, link, image). */
PRENSA_API gboolean prensa_node_type_holds_inlines (PrensaNodeType type);

PRENSA_API const PrensaNode *prensa_node_parent (const PrensaNode *node);
PRENSA_API const PrensaNode *prensa_node_first_child (const PrensaNode *node);
PRENSA_API const PrensaNode *prensa_node_last_child (const PrensaNode *node);
PRENSA_API const PrensaNode *prensa_node_next (const PrensaNode *node);
PRENSA_API const PrensaNode *prensa_node_previous (const PrensaNode *node);

/* Source position of the node's start (1-based; 0 when unknown). */
PRENSA_API guint prensa_node_get_line (const PrensaNode *node);
PRENSA_API guint prensa_node_get_column (const PrensaNode *node);

/* Text of TEXT, CODE, CODE_BLOCK, RAW_BLOCK and RAW_INLINE nodes, NULL for
 * the others. Always valid UTF-8 and NUL-terminated; @length (may be NULL)
 * receives its byte length. The loader has replaced NUL, other C0 and C1
 * control characters (except tab and newline) and Unicode noncharacters
 * with U+FFFD, so every literal can go into XML as it is, once escaped. */
PRENSA_API const char *prensa_node_get_literal (const PrensaNode *node,
                                                gsize *length);

/* HEADING: 1–6. 0 for other nodes. */
PRENSA_API int prensa_node_get_heading_level (const PrensaNode *node);
/* HEADING: a document-wide unique id made from its text ("how-it-began",
 * "how-it-began-1" for the second), stable for the same input; it starts
 * with a letter and holds only [a-z0-9_.-] so it is a valid XML id and URL
 * fragment. A heading written `# Title {#my-id}` keeps "my-id" when
 * it is one (made unique the same way). FOOTNOTE_DEFINITION: the note's
 * id ("fn-3", or "fn-p2-3" for note 3 of the second part) and
 * FOOTNOTE_REFERENCE: the reference's ("fnref-3", "fnref-3-2" for the
 * second reference to note 3, "fnref-p2-3-2" in the second part), all
 * unique in the document, so a note and its references can link both
 * ways. PART: "part-1", "part-2"… in order, the id of its opening (what
 * a link to its input file with no fragment leads to); these and the
 * notes' ids are taken first, so a heading "Part 1" is "part-1-1". NULL
 * for other nodes. */
PRENSA_API const char *prensa_node_get_anchor (const PrensaNode *node);

PRENSA_API PrensaListType prensa_node_get_list_type (const PrensaNode *node);
PRENSA_API PrensaListDelim prensa_node_get_list_delim (const PrensaNode *node);
PRENSA_API int prensa_node_get_list_start (const PrensaNode *node);
PRENSA_API gboolean prensa_node_get_list_tight (const PrensaNode *node);

/* Whether PARAGRAPH @node is set tight: directly in an item of a tight
 * list, where every writer gives it no space of its own (HTML and EPUB:
 * no <p>; txt: no blank line). The one rule for every writer. */
PRENSA_API gboolean prensa_node_is_tight (const PrensaNode *node);

/* The image of PARAGRAPH @node when it is a figure, else NULL. In a part
 * read by a reader with PRENSA_READER_IMPLICIT_FIGURES (prensa's
 * markdown, as pandoc's), a paragraph is a figure when its only child is
 * an IMAGE, unless it is set
 * tight (a list of icons), opens a turn (the speaker's label runs into
 * it), opens a task item (the checkbox does) or sits in a footnote. Every
 * writer sets a figure apart with its caption (prensa_image_dup_caption).
 * (transfer none) */
PRENSA_API const PrensaNode *prensa_node_get_figure (const PrensaNode *node);

/* TRUE when EMPH @node is all its paragraph holds (an editor's note typed
 * *...*). Inside an italic block every writer sets emphasis roman but
 * this one, which is the block's own italic. */
PRENSA_API gboolean prensa_node_emph_is_whole (const PrensaNode *node);

/* IMAGE @node's caption as a figure: its description (the text of its
 * inlines, as prensa_node_dup_text gives it, trimmed), as pandoc's
 * implicit figures have it; its title when the description is empty; ""
 * when it has neither. Returns: (transfer full). */
PRENSA_API char *prensa_image_dup_caption (const PrensaNode *node);

/* LINK and IMAGE: destination (may be "") and title (NULL when none). */
PRENSA_API const char *prensa_node_get_url (const PrensaNode *node);
PRENSA_API const char *prensa_node_get_title (const PrensaNode *node);

/* CODE_BLOCK: the info string (NULL when none). */
PRENSA_API const char *prensa_node_get_info (const PrensaNode *node);

/* ITEM: its task state; PRENSA_TASK_NONE for other nodes. */
PRENSA_API PrensaTask prensa_node_get_item_task (const PrensaNode *node);

/* Tables. A TABLE holds TABLE_ROWs, the header rows (if any) first; every
 * row holds exactly get_table_columns TABLE_CELLs (the core pads short
 * rows with empty cells), and a cell holds inlines.
 * TABLE: the number of columns (>= 1); 0 for other nodes. */
PRENSA_API guint prensa_node_get_table_columns (const PrensaNode *node);
/* TABLE: the alignment of column @column (from 0); TABLE_CELL: its
 * column's (@column ignored). PRENSA_ALIGN_NONE otherwise. */
PRENSA_API PrensaAlign prensa_node_get_table_align (const PrensaNode *node, guint column);
/* TABLE_ROW: whether it is a header row; TABLE_CELL: whether its row is. */
PRENSA_API gboolean prensa_node_get_table_header (const PrensaNode *node);
/* TABLE_CELL: its column, from 0. */
PRENSA_API guint prensa_node_get_table_column (const PrensaNode *node);

/* Footnotes. A FOOTNOTE_REFERENCE is a leaf inline; the notes it points
 * to are FOOTNOTE_DEFINITIONs, the last children of their PART (after any
 * back matter), in order of number. Notes are numbered from 1 in each
 * part, in the order of their first reference; several references may
 * share one note. A reference with no note stays as its text, a note
 * with no reference is dropped (both with a warning), and a reference
 * inside a note or an image's description becomes text: the tree holds
 * no other kind.
 * FOOTNOTE_REFERENCE and FOOTNOTE_DEFINITION: the note's number, 0 for
 * other nodes. */
PRENSA_API guint prensa_node_get_footnote_number (const PrensaNode *node);
/* FOOTNOTE_REFERENCE: the note it refers to (never NULL for one);
 * FOOTNOTE_DEFINITION: its first reference. NULL for other nodes. */
PRENSA_API const PrensaNode *prensa_node_get_footnote (const PrensaNode *node);
/* FOOTNOTE_REFERENCE: 1 for the first reference to its note, 2 for the
 * second…; FOOTNOTE_DEFINITION: how many references it has. */
PRENSA_API guint prensa_node_get_footnote_ref_count (const PrensaNode *node);
/* The label the author wrote ("1", "note") for either kind, else NULL. */
PRENSA_API const char *prensa_node_get_footnote_label (const PrensaNode *node);

/* TURN: who speaks. Never NULL for a TURN, NULL for other nodes. */
PRENSA_API const PrensaSpeaker *prensa_node_get_speaker (const PrensaNode *node);

/* How turns are labelled, one option ("labels") in every writer. */
typedef enum {
  PRENSA_LABELS_FIRST,  /* the full name at a speaker's first turn in a part, the id after */
  PRENSA_LABELS_NAME,   /* always the full name */
  PRENSA_LABELS_ID,     /* always the id */
  PRENSA_LABELS_NONE,   /* no label */
} PrensaLabels;
/* The choices, for prensa_options_get_choice(): "first", "name", "id",
 * "none", in the order of PrensaLabels. */
PRENSA_API const char *const *prensa_labels_choices (void);
/* The label TURN @turn shows under @labels, without the colon: the name
 * or the id as asked, the other when that one is empty; NULL for
 * PRENSA_LABELS_NONE. Computed once by the core for every writer.
 * (transfer none) */
PRENSA_API const char *prensa_turn_get_label (const PrensaNode *turn, PrensaLabels labels);
/* Whether @turn is its speaker's first in its part. */
PRENSA_API gboolean prensa_turn_is_first (const PrensaNode *turn);

/* PART: the metadata its opening shows (a map, possibly empty): with one
 * input the document's (prensa_document_get_meta(), -M included); in a
 * book of several inputs the input's own front matter only, never the
 * book's --metadata-file or -M. And the input's path as given (NULL for
 * standard input or in-memory data). Other node types give NULL. */
PRENSA_API const PrensaValue *prensa_node_get_part_meta (const PrensaNode *node);

/* Who a PART's byline names, as every writer words it: for an interview,
 * the interviewers with a turn in @part (or, when none has one, the
 * "author" of @meta) in @before, then @word PRENSA_WORD_TALKS_TO (one) or
 * PRENSA_WORD_TALK_TO (several), then the interviewees with a turn in
 * @after, each in order of first turn and by name (the id when a speaker
 * has no name); otherwise @before NULL, @word PRENSA_WORD_BY and the
 * authors in @after. @meta: the part's or the document's metadata, may be
 * NULL. @part may be the DOCUMENT node, for a book's own byline: it has
 * no turns, so that is "By" @meta's authors. Returns: FALSE, setting nothing, when there is no byline; else
 * @before and @after are (transfer full) NULL-terminated, for g_strfreev(). */
PRENSA_API gboolean prensa_part_byline (const PrensaNode *part, const PrensaValue *meta,
                                        char ***before, PrensaWord *word, char ***after);
/* The byline above as plain text in @lang: "Sarah Jaffe talks to Cata
 * Santiago", "By Ann Editor and Bob Writer". Returns: (transfer full)
 * (nullable): NULL when there is no byline. */
PRENSA_API char *prensa_part_dup_byline (const PrensaNode *part, const PrensaValue *meta,
                                         const char *lang);
/* The "author"s of @meta that the byline above does not name: an
 * interview's editors or writers who are not its interviewers ("author:
 * [Ann Editor]" with speakers Quinn Asker and Ana Replies gives "Quinn
 * Asker talks to Ana Replies", then these). Every writer prints them on a
 * line of their own, "By Ann Editor", so no writer drops authors or
 * speakers. Returns: (transfer full) NULL-terminated, never NULL. */
PRENSA_API char **prensa_part_dup_other_authors (const PrensaNode *part,
                                                 const PrensaValue *meta);
/* Those authors as plain text, "By Ann Editor and Bob Writer" in @lang.
 * Returns: (transfer full) (nullable): NULL when there are none. */
PRENSA_API char *prensa_part_dup_other_byline (const PrensaNode *part, const PrensaValue *meta,
                                               const char *lang);
PRENSA_API const char *prensa_node_get_part_source (const PrensaNode *node);

/* A warning (prensa_warning) about @node, opening with its place in the
 * input, "FILE:LINE:COL: " (FILE "-" for standard input; LINE and COL
 * left out when unknown), so every warning is printed alike. */
PRENSA_API void prensa_warning_at (const PrensaNode *node, const char *format, ...)
  G_GNUC_PRINTF (2, 3);

/* The PART that contains @node (or @node itself). */
PRENSA_API const PrensaNode *prensa_node_get_part (const PrensaNode *node);

/* The plain text of @node's inline content, concatenated (soft and hard
 * breaks become a space and a newline; raw HTML is left out). The text of
 * several blocks is joined with nothing between them, so call it per
 * paragraph or heading. Returns: (transfer full): free with g_free();
 * "" when there is no text, never NULL. */
PRENSA_API char *prensa_node_dup_text (const PrensaNode *node);

/* A speaker as the front matter declares it: the short label ("SJ"), the
 * full name ("Sarah Jaffe") and the role; when only one of id and name
 * was given, it serves as both. Never NULL; (transfer none), living as long as the document. */
PRENSA_API const char *prensa_speaker_get_id (const PrensaSpeaker *speaker);
PRENSA_API const char *prensa_speaker_get_name (const PrensaSpeaker *speaker);
PRENSA_API PrensaRole prensa_speaker_get_role (const PrensaSpeaker *speaker);
/* "interviewer", "interviewee" or "other". Returns: (transfer none): a
 * static string. */
PRENSA_API const char *prensa_role_to_string (PrensaRole role);

G_END_DECLS
