/* txt-private.h: what the files of the plain-text writer share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa-plugin.h>

#include <string.h>

G_BEGIN_DECLS

/* How a turn's speaker is named at the start of its first paragraph: the
 * core's rule, as in every writer (prensa_turn_get_label). */
typedef PrensaLabels TxtLabelStyle;

/* One level of block nesting that prefixes lines: a block quote ("> ") or
 * a list item (its marker on the first line, spaces after). */
typedef struct {
  char *first;
  char *rest;
  gboolean started;
} TxtFrame;

/* The numbering state of an open list. */
typedef struct {
  PrensaListType type;
  PrensaListDelim delim;
  gint64 next;
  guint marker_width;
  guint bullet_depth;
} TxtList;

typedef struct {
  PrensaOutput *output;
  GString *out;             /* lines not yet handed to @output */
  gsize wrap;               /* 0: no wrapping */
  TxtLabelStyle labels;
  const char *lang;         /* the document's, for words and dates */
  guint toc_depth;          /* heading levels in the contents; 0: none */

  GArray *frames;           /* TxtFrame, outermost first */
  GArray *lists;            /* TxtList, outermost first */
  gboolean any_output;
  gboolean blank_pending;   /* a blank line goes before the next block */

  GPtrArray *refs;          /* "url" or "url \"title\"" of this section */
  GHashTable *ref_numbers;  /* entry of refs → its number; a linear search
                             * made 100,000 links quadratic */
  guint n_refs;             /* numbers handed out so far, document-wide */

  GPtrArray *notes;         /* FOOTNOTE_DEFINITIONs to list after this
                             * section, in order of number (borrowed) */
  GHashTable *note_numbers; /* definition → its number, document-wide */
  guint n_notes;            /* note numbers handed out so far */
  gboolean in_notes;        /* listing notes: no section ends inside one */

  char *pending_label;      /* speaker label waiting for the turn's text */
  gboolean pending_break;   /* "* * *" goes before the next block */
  gsize pull_cut;           /* what a pull quote took off @wrap, to give back */
  GHashTable *seen_speakers;
  gboolean book_headline;       /* a book's own title block came first */
  /* Kept from block to block rather than made for each: */
  GArray *lines;            /* TxtLine: txt_writer_fill()'s */
  GString *text;            /* a paragraph's inlines */
  GArray *open_links;       /* txt_render_inlines()'s open links, or NULL */
  const PrensaDocument *doc;
  const PrensaNode *part;   /* the PART being written, for its links */
} TxtWriter;

/* A line the filler made: a stretch of its text, and its display width. */
typedef struct {
  const char *text;
  gsize length;
  gsize width;
} TxtLine;

/* txt-wrap.c */
void txt_wrap (GArray *lines, const char *text, gssize length, gsize width,
               gboolean break_words);
GPtrArray *txt_wrap_lines (const char *text, gssize length, gsize width);
GPtrArray *txt_wrap_lines_breaking (const char *text, gssize length,
                                    gsize width);
gsize txt_wrap_min_width (const char *text, gssize length);
gsize txt_wrap_widest_char (const char *text);

/* txt-lines.c */
TxtWriter *txt_writer_new (PrensaOutput *output, gsize wrap,
                           TxtLabelStyle labels);
void txt_writer_finish (TxtWriter *w);
void txt_writer_free (TxtWriter *w);
void txt_writer_push_frame (TxtWriter *w, const char *first, const char *rest);
void txt_writer_pop_frame (TxtWriter *w);
gsize txt_writer_measure (const TxtWriter *w);
void txt_writer_line (TxtWriter *w, const char *text, gssize length,
                      gboolean verbatim);
void txt_writer_separate (TxtWriter *w);
void txt_writer_fill (TxtWriter *w, const char *text, gssize length);
void txt_writer_underlined (TxtWriter *w, const char *text, char rule,
                            gboolean overline);
void txt_writer_centred (TxtWriter *w, const char *text);
guint txt_writer_add_ref (TxtWriter *w, const char *url, const char *title);
void txt_writer_flush_refs (TxtWriter *w);
guint txt_writer_add_note (TxtWriter *w, const PrensaNode *note);

/* txt-inline.c */
void txt_render_inlines (TxtWriter *w, const PrensaNode *block, GString *buf);

/* txt-table.c */
void txt_render_table (TxtWriter *w, const PrensaNode *table);

/* txt-render.c */
void txt_render_document (TxtWriter *w, const PrensaDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxtWriter, txt_writer_free)

G_END_DECLS
