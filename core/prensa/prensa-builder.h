/* prensa-builder.h: how a reader makes a document.
 *
 * A reader's read() is given a PrensaBuilder positioned inside a fresh
 * PART and calls it in document order: open a container, add what it
 * holds, close it. The builder owns every string it is given a copy of.
 * What every document needs is done here and in the passes after read(),
 * whatever reader made the tree, so a reader only knows its own format:
 *
 *   - text: every literal, URL, title, info string and label is checked
 *     and cleaned (invalid UTF-8, NUL, C0/C1 controls other than tab and
 *     newline, and noncharacters become U+FFFD); adjacent text pieces are
 *     merged into one TEXT node;
 *   - links: a LINK or IMAGE whose URL could run code (javascript:,
 *     vbscript:, file:, most data:) is replaced by its content, with a
 *     warning naming the line; a link opened inside another link is too;
 *   - --sandbox: raw HTML is dropped (one warning with the count);
 *   - structure: a node where the model does not allow it (a block inside
 *     an inline, a cell outside a row, a close with nothing open…) makes
 *     the whole read fail with PRENSA_LOAD_ERROR_INVALID naming the
 *     reader and the line, so no writer meets a malformed tree;
 *   - tables: short rows are padded with empty cells, header rows after a
 *     body row become body rows;
 *   - footnotes: references are matched to definitions by label (case and
 *     runs of white space do not matter), numbered, and the definitions
 *     moved to the end of the part (see prensa-node.h);
 *   - after read(): heading anchors, the interview pass (standfirst, turns,
 *     back matter from the front matter's speakers, unless the reader
 *     opened turns itself) and the facts writers share.
 *
 * Line and column are 1-based positions in the data read() was given
 * (0 when unknown); the builder adds the lines of any front matter the
 * core split off, so messages name the line of the file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-version.h>
#include <prensa/prensa-node.h>
#include <prensa/prensa-document.h>

G_BEGIN_DECLS

typedef struct _PrensaBuilder PrensaBuilder;

/* The input's name for messages ("interview.md", "<stdin>"). (transfer none) */
PRENSA_API const char *prensa_builder_get_name (const PrensaBuilder *builder);
/* The flags the document is loaded with (PRENSA_LOAD_NO_SMART: the user
 * asked for straight quotes; PRENSA_LOAD_SANDBOX). */
PRENSA_API PrensaLoadFlags prensa_builder_get_flags (const PrensaBuilder *builder);
/* The part's metadata so far (the front matter the core split off, or what
 * the reader set), a map, never NULL. (transfer none) */
PRENSA_API const PrensaValue *prensa_builder_get_meta (const PrensaBuilder *builder);

/* A warning about the input, through prensa_warning(), as
 * "NAME:LINE: message" with @line (in read()'s data, 0 for none) made a
 * line of the file. */
PRENSA_API void prensa_builder_warning (const PrensaBuilder *builder, guint line,
                                        const char *format, ...) G_GNUC_PRINTF (3, 4);

/* Opens a container with no data of its own: BLOCK_QUOTE, PULL_QUOTE
 * (which holds paragraphs only), PARAGRAPH, ITEM (no task), TABLE_CELL,
 * EMPH, STRONG, STRIKETHROUGH, STANDFIRST, BACK_MATTER. Use the functions below for the others. */
PRENSA_API void prensa_builder_open (PrensaBuilder *builder, PrensaNodeType type,
                                     guint line, guint column);
/* Closes the innermost open container, which must be of @type. */
PRENSA_API void prensa_builder_close (PrensaBuilder *builder, PrensaNodeType type);

PRENSA_API void prensa_builder_open_heading (PrensaBuilder *builder, int level,
                                             const char *id, guint line, guint column);
PRENSA_API void prensa_builder_open_list (PrensaBuilder *builder, PrensaListType type,
                                          PrensaListDelim delim, int start, gboolean tight,
                                          guint line, guint column);
PRENSA_API void prensa_builder_open_item (PrensaBuilder *builder, PrensaTask task,
                                          guint line, guint column);
/* LINK or IMAGE. @url may be "" (not NULL), @title NULL. */
PRENSA_API void prensa_builder_open_link (PrensaBuilder *builder, PrensaNodeType type,
                                          const char *url, const char *title,
                                          guint line, guint column);
/* @n_columns alignments in @align (NULL: none); a row with more cells
 * widens the table. */
PRENSA_API void prensa_builder_open_table (PrensaBuilder *builder, guint n_columns,
                                           const PrensaAlign *align,
                                           guint line, guint column);
PRENSA_API void prensa_builder_open_table_row (PrensaBuilder *builder, gboolean header,
                                               guint line, guint column);
/* A note's blocks, referred to by @label (not NULL); may come anywhere a
 * block may, before or after its references. */
PRENSA_API void prensa_builder_open_footnote_definition (PrensaBuilder *builder,
                                                         const char *label,
                                                         guint line, guint column);
/* A turn of the speaker whose id or name is @speaker; the speaker must be
 * declared in the part's metadata. A reader that opens a turn has found
 * the interview's structure itself: the core's interview pass then leaves
 * the part alone. */
PRENSA_API void prensa_builder_open_turn (PrensaBuilder *builder, const char *speaker,
                                          guint line, guint column);

/* Adds a leaf: TEXT, CODE, RAW_INLINE, RAW_BLOCK, CODE_BLOCK (with @info,
 * NULL for the others and for none), SOFTBREAK, LINEBREAK, THEMATIC_BREAK
 * (@text NULL for the last three). @length -1: NUL-terminated. */
PRENSA_API void prensa_builder_add (PrensaBuilder *builder, PrensaNodeType type,
                                    const char *text, gssize length, const char *info,
                                    guint line, guint column);
/* A footnote reference to the note labelled @label. */
PRENSA_API void prensa_builder_add_footnote_reference (PrensaBuilder *builder,
                                                       const char *label,
                                                       guint line, guint column);

/* Says the reader will not look at read()'s @data again (its parser has
 * a copy): the host may free it now rather than after read() returns,
 * which takes the input's size off the peak memory of a large input. */
PRENSA_API void prensa_builder_release_input (PrensaBuilder *builder);

/* Keeps @length bytes of @data, a file the input carries inside itself (a
 * DOCX's word/media/image1.png, an HTML page's data: image), with the
 * part, so that writers embed it as they embed an image beside the input:
 * prensa_document_resolve_resource() finds it by the name returned, before
 * it looks in any folder. The name is made from @name_hint (its last path
 * component, reduced to letters, digits, '.', '-' and '_'; made unique in
 * the part), so an input cannot choose where anything is written. The
 * bytes go to a private folder (mode 0700) that is deleted with the
 * document, or at once when read() fails. With PRENSA_LOAD_SANDBOX nothing
 * is kept and the name is still returned, so writers refuse the image as
 * they refuse every file in the sandbox. A part may keep at most 4,096
 * resources and 512 MiB; past that, or when the folder cannot be written,
 * NULL with @error set (PRENSA_LOAD_ERROR_IO).
 * Returns: (transfer none) the relative URL to give an IMAGE node, valid
 * as long as the document. */
PRENSA_API const char *prensa_builder_add_resource (PrensaBuilder *builder,
                                                    const char *name_hint,
                                                    const void *data, gsize length,
                                                    GError **error);

/* Sets the part's metadata key @key to the string @value, over what the
 * front matter said. */
PRENSA_API void prensa_builder_set_meta_string (PrensaBuilder *builder, const char *key,
                                                const char *value);
/* Replaces the part's metadata with the YAML (or JSON) map in @yaml, as
 * front matter is read (the same limits and errors; "speakers" declares
 * the speakers). FALSE with @error set when it is malformed. */
PRENSA_API gboolean prensa_builder_set_meta_yaml (PrensaBuilder *builder, const char *yaml,
                                                  gssize length, guint first_line,
                                                  GError **error);

G_END_DECLS
