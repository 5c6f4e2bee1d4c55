/* pdf-private.h: the PDF writer's internal types, shared by its files.
 *
 * The writer works in three steps: pdf-style.c reads the typographic
 * settings (formats/pdf/styles.ini, a user file on top, options on top of
 * that); pdf-body.c walks the document and turns each block into a
 * PdfBlock, a Pango layout with its spacing and ornaments (pdf-table.c
 * makes a table's rows, pdf-inline.c a paragraph's text, and the first
 * reference to a footnote has the note's blocks made, as a PdfNote, by
 * the same walk); pdf-pager.c places blocks on pages (widows, orphans,
 * keep-with-next, a table's header again on each page, each note at the
 * foot of its reference's page) and draws each page with cairo once it
 * is full.
 *
 * All lengths are PostScript points, cairo's unit on a PDF surface.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa-plugin.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#define PRENSA_PDF_ERROR (prensa_pdf_error_quark ())
GQuark prensa_pdf_error_quark (void);

typedef enum {
  PRENSA_PDF_ERROR_STYLES,   /* a styles file that does not parse */
  PRENSA_PDF_ERROR_OPTION,   /* margins, font-size that do not parse */
  PRENSA_PDF_ERROR_CAIRO,    /* cairo could not make the PDF */
  PRENSA_PDF_ERROR_IMAGE,    /* an image too large to decode */
} PrensaPdfError;

typedef enum {
  PDF_ALIGN_LEFT,
  PDF_ALIGN_JUSTIFY,
  PDF_ALIGN_CENTER,
} PdfAlign;

/* One paragraph style: a section of styles.ini. */
typedef struct {
  char *family;        /* a fontconfig family list */
  double size;         /* points */
  int weight;          /* PangoWeight */
  gboolean italic;
  gboolean uppercase;
  double letter_spacing;
  double color[3];
  double line_height;  /* times the font size */
  double space_before, space_after;
  double indent;       /* extra left indent */
  PdfAlign align;
  gboolean keep_with_next;
} PdfStyle;

typedef enum {
  PDF_STYLE_BODY,
  PDF_STYLE_TITLE,
  PDF_STYLE_SUBTITLE,
  PDF_STYLE_BYLINE,
  PDF_STYLE_DATELINE,
  PDF_STYLE_STANDFIRST,
  PDF_STYLE_QUESTION,
  PDF_STYLE_ANSWER,
  PDF_STYLE_REMARK,
  PDF_STYLE_SPEAKER,
  PDF_STYLE_BACK_MATTER,
  PDF_STYLE_HEADING1,
  PDF_STYLE_HEADING2,
  PDF_STYLE_HEADING3,
  PDF_STYLE_HEADING4,
  PDF_STYLE_HEADING5,
  PDF_STYLE_HEADING6,
  PDF_STYLE_QUOTE,
  PDF_STYLE_CODE,
  PDF_STYLE_CODE_INLINE,
  PDF_STYLE_LINK,
  PDF_STYLE_CAPTION,
  PDF_STYLE_RUNNING_HEAD,
  PDF_STYLE_FOLIO,
  PDF_STYLE_TABLE,
  PDF_STYLE_TABLE_HEADER,
  PDF_STYLE_FOOTNOTE,
  PDF_STYLE_CONTENTS_TITLE,
  PDF_STYLE_CONTENTS1,
  PDF_STYLE_CONTENTS2,
  PDF_STYLE_CONTENTS3,
  PDF_STYLE_PULL_QUOTE,
  PDF_N_STYLES
} PdfStyleId;

typedef struct {
  double width, height;                 /* the paper */
  double top, right, bottom, left;      /* margins */
  double head_gap, foot_gap;            /* header/footer baseline to text */
  double accent[3], rule[3], shade[3];  /* ornament colours */
  double list_indent, quote_indent, code_padding;
  double image_max_height;              /* fraction of the text height */
  gboolean running_head, folio;
  gboolean hyphenate;                   /* body text (see pdf-text.c) */
  gboolean own_text;                    /* text-layer=prensa (pdf-own.c) */
  guint labels;                         /* PrensaLabels */
  guint toc_depth;                      /* heading levels in the contents
                                         * page; 0: no contents page */
  PdfStyle styles[PDF_N_STYLES];
} PdfSettings;

gboolean pdf_settings_load (PdfSettings *settings,
                            const PrensaDocument *document,
                            const PrensaOptions *options,
                            GError **error);
void pdf_settings_clear (PdfSettings *settings);
const char *pdf_style_name (PdfStyleId id);
/* A font description for @style: (transfer full). */
PangoFontDescription *pdf_style_font (const PdfStyle *style);
/* Sets @layout's font, alignment, spacing and width for @style. */
void pdf_style_apply (const PdfStyle *style, PangoLayout *layout,
                      double width);

/* Ornaments a block draws around its lines (PdfBlock.decor). */
typedef enum {
  PDF_DECOR_NONE = 0,
  PDF_DECOR_ACCENT_BAR = 1 << 0,   /* short bar above (the headline) */
  PDF_DECOR_RULE_BELOW = 1 << 1,   /* hairline under the block */
  PDF_DECOR_RULE_ABOVE = 1 << 2,   /* hairline and square above (back matter) */
  PDF_DECOR_SHADE = 1 << 3,        /* shaded box (code) */
  PDF_DECOR_CENTER_RULE = 1 << 4,  /* a short centred rule (thematic break) */
  PDF_DECOR_TABLE_TOP = 1 << 5,    /* a table's heavy rule above its first row */
  PDF_DECOR_TABLE_MID = 1 << 6,    /* the light rule under its header */
  PDF_DECOR_TABLE_BOTTOM = 1 << 7, /* the heavy rule under its last row */
  PDF_DECOR_FRAME = 1 << 8,        /* a hairline round the shade (a missing image) */
  PDF_DECOR_PULL_TOP = 1 << 9,     /* a pull quote's heavy accent rule above */
  PDF_DECOR_PULL_BOTTOM = 1 << 10, /* and its light one below */
} PdfDecor;

#define PDF_MAX_BARS 8
/* The thickness of a table's rules. */
#define PDF_TABLE_HEAVY 0.8
#define PDF_TABLE_LIGHT 0.45

typedef struct {
  guint start, end;   /* byte range in the layout's text */
  char *uri;          /* an external URI, or NULL */
  char *dest;         /* an anchor in this document, or NULL */
} PdfLink;

/* A byte range of a block's text (struck-through text). */
typedef struct {
  guint start, end;
} PdfRange;

typedef struct _PdfBlock PdfBlock;
typedef struct _PdfNote PdfNote;
typedef struct _PdfTable PdfTable;

/* A footnote reference in a block: where it is, and the note it brings
 * to the page (its first reference holds the note; later ones, NULL). */
typedef struct {
  guint index;        /* byte in the block's text */
  guint line;         /* the block's line, once measured */
  PdfNote *note;      /* a reference held, or NULL */
  char *anchor;       /* the reference's own destination (owned), or NULL */
  gboolean marked;    /* its destination is in the PDF */
} PdfNoteRef;

/* pdf-text.c: paragraphs set from words shaped once (see there). */
typedef struct _PdfTextCache PdfTextCache;
typedef struct _PdfText PdfText;
typedef struct _PdfTextLine PdfTextLine;

typedef struct _PdfAhead PdfAhead;

PdfTextCache *pdf_text_cache_new (void);
void pdf_text_cache_free (PdfTextCache *cache);
/* Makes @cache shape with @shaping the text of layouts made in @layouts,
 * asking @ahead for cairo's fonts where Pango would reach them: a new
 * font's extents, a word with a character its font lacks (pdf-ahead.c). */
void pdf_text_cache_share (PdfTextCache *cache, PangoContext *shaping, PangoContext *layouts,
                           PdfAhead *ahead);
/* The patterns to hyphenate with: @lang's (a BCP 47 tag; NULL: en-US),
 * or none where none are installed. */
void pdf_text_cache_set_language (PdfTextCache *cache, const char *lang);
/* @layout's text set in lines (transfer full), or NULL where it needs
 * PangoLayout. @colors: the block's colours, by start; words starting at
 * or after byte @hyphen_from may be hyphenated (G_MAXUINT: none), but
 * none in @whole (PdfRange, in text order, or NULL). */
PdfText *pdf_text_set (PdfTextCache *cache, PangoLayout *layout, GPtrArray *colors,
                       guint hyphen_from, GArray *whole);
/* The same, with @line not ending in a hyphen (maybe in more or fewer
 * lines). */
PdfText *pdf_text_set_plain_line (PdfTextCache *cache, PangoLayout *layout, GPtrArray *colors,
                                  guint hyphen_from, GArray *whole, guint line);
gboolean pdf_text_line_hyphenated (const PdfText *text, guint line);
void pdf_text_free (PdfText *text);
guint pdf_text_get_n_lines (const PdfText *text);
/* Pango units: the alignment offset, and the line's ascent and descent. */
void pdf_text_get_line (const PdfText *text, guint line, int *x, int *ascent, int *descent);
/* The bytes of the text on @line. */
void pdf_text_get_line_range (const PdfText *text, guint line, guint *start, guint *end);
/* Glyphs gathered for cairo in one call (see pdf-text.c): lines added
 * to a batch are drawn at the latest when it is flushed, which must come
 * before anything else is drawn with its cairo_t. */
typedef struct _PdfGlyphBatch PdfGlyphBatch;

PdfGlyphBatch *pdf_glyph_batch_new (cairo_t *cr);
/* The text's glyphs written into the PDF by prensa (pdf-own.c): made for
 * a document, attached to its cairo_t, which then draws what it is
 * given of the glyph batches. cairo's output goes through
 * pdf_own_tee; once cairo has finished, pdf_own_finish appends the
 * text to it. */
typedef struct _PdfOwn PdfOwn;

PdfOwn *pdf_own_new (double page_height);
void pdf_own_free (PdfOwn *own);
void pdf_own_attach (PdfOwn *own, cairo_t *cr);
void pdf_own_tee (PdfOwn *own, const unsigned char *data, unsigned int length);
/* cairo_show_page, and the next page for what is attached to @cr. */
void pdf_own_show_page (cairo_t *cr);
/* Takes a batch's glyphs for the page being drawn; FALSE where cairo is
 * to draw them (nothing attached, a font or colour this cannot write). */
gboolean pdf_own_take (cairo_t *cr, cairo_scaled_font_t *scaled, PangoFont *font,
                       const double *rgb, const cairo_glyph_t *glyphs, int n_glyphs,
                       const cairo_text_cluster_t *clusters, int n_clusters, const char *utf8);
gboolean pdf_own_finish (PdfOwn *own, PrensaOutput *output, GError **error);
void pdf_glyph_batch_flush (PdfGlyphBatch *batch);
/* Frees @batch; glyphs still waiting (not flushed) are dropped. */
void pdf_glyph_batch_free (PdfGlyphBatch *batch);
void pdf_text_draw_line (const PdfText *text, guint line, PdfGlyphBatch *batch, double x,
                         double baseline, const double rgb[3]);
int pdf_text_index_to_x (const PdfText *text, guint line, guint index);
/* pango_cairo_show_layout and pango_cairo_show_layout_line, the runs
 * given to cairo as pdf_text_draw_line gives them (uppercased words
 * whole: see run_glyphs in pdf-text.c), Pango's renderer drawing a run
 * with more than a colour to it. Each line's glyphs go to cairo (or the
 * text layer) before it returns: @batch is left empty. */
void pdf_text_show_layout (PdfGlyphBatch *batch, PangoLayout *layout);
void pdf_text_show_layout_line (PdfGlyphBatch *batch, PangoLayoutLine *line);
/* Pango units: @layout's text unwrapped (the widest of its hard lines) and
 * its widest unbreakable word, as pdf_text_set would set it; FALSE where
 * it needs PangoLayout. */
gboolean pdf_text_measure (PdfTextCache *cache, PangoLayout *layout, GPtrArray *colors,
                           int *natural, int *widest_word);

/* One block to place: a paragraph's layout, an image or a rule. Lines
 * are its units of breaking; an image, a rule or an unsplittable block
 * counts as one line. */
struct _PdfBlock {
  int ref_count;              /* a repeated table header is placed again */
  PangoLayout *layout;        /* NULL for images, rules and table rows */
  PdfText *text;              /* the layout's lines, when pdf-text.c sets them */
  gboolean text_tried;        /* pdf_text_set was asked (pdf-ahead.c) */
  PangoLayout *marker;        /* a list bullet or number, or NULL */
  cairo_surface_t *image;
  double x, width;            /* from the left edge of the page */
  double image_width, image_height;
  double space_before, space_after;
  double pitch;               /* baseline to baseline (0: Pango's own) */
  double pad_top, pad_bottom; /* inside every fragment (shade, rules) */
  gboolean keep_with_next;
  gboolean unsplittable;
  guint hyphen_from;          /* words from this byte on may be hyphenated
                               * (G_MAXUINT, pdf_block_new's: none) */
  GArray *whole;              /* PdfRange never hyphenated (printed
                               * addresses), in text order, or NULL */
  guint decor;
  double bars[PDF_MAX_BARS];  /* x of quote bars */
  guint n_bars;
  gboolean bars_continue;     /* the quote goes on after this block */
  GArray *links;              /* PdfLink */
  /* Text colours (PangoAttribute, by start), kept out of the layout and
   * applied one line at a time as it is drawn: Pango applies them to each
   * run from the start of the list, quadratic in a paragraph of many
   * links. */
  GPtrArray *colors;
  /* The text's own colour, its style's (where the colours above do not
   * say otherwise); unless @has_ink, the body text's. */
  double ink[3];
  gboolean has_ink;
  char *dest;                 /* heading anchor */
  /* A contents entry (pdf-contents.c): the anchor it links to and the
   * page number set after dot leaders at @page_right, or NULL. */
  char *page_dest;
  PangoLayout *page_number;
  double page_right;
  char *outline;              /* heading text for the outline */
  char *caption;              /* a figure's description, until set */
  int outline_level;          /* 0: not in the outline */
  /* line metrics, filled by pdf_block_measure() */
  guint n_lines;
  double *line_top;           /* n_lines + 1 entries: tops, then the end */
  double *baseline;
  double *line_x;             /* each line's offset from x (alignment) */
  double height;              /* images and rules: their height */
  /* where drawing goes on (pdf-pager.c) */
  GSList *next_line;          /* the layout's line next_line_index */
  guint next_line_index;
  guint next_link;            /* the first link not yet ended */
  guint next_color;           /* the first colour not yet ended */
  /* struck-through text, drawn as rules @strike_rise above the baseline */
  GArray *strikes;            /* PdfRange, in text order */
  double strike_rise, strike_thickness;
  GArray *notes;              /* PdfNoteRef, in text order, or NULL */
  /* A table row: its cells, each a block of its own placed at its
   * column (x from the page's edge, top from the row's), drawn as one
   * line that never splits. */
  GPtrArray *cells;
  guint table_id;             /* rows of one table share it; 0: no table */
  PdfTable *table;            /* a body row's table (its headers), held */
  gboolean table_header;
  guint next_strike;
};

PdfBlock *pdf_block_new (void);
PdfBlock *pdf_block_ref (PdfBlock *block);
/* Sets @block's text in @rgb (its style's colour) where its colours do
 * not say otherwise. */
void pdf_block_set_ink (PdfBlock *block, const double rgb[3]);
/* Drops a reference: the block is freed with the last. */
void pdf_block_free (PdfBlock *block);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfBlock, pdf_block_free)

/* A table's header rows, for the pager to repeat at the top of each page
 * the table goes on to. */
struct _PdfTable {
  int ref_count;
  guint id;
  GPtrArray *headers;         /* PdfBlock, references held */
};

PdfTable *pdf_table_new (guint id);
PdfTable *pdf_table_ref (PdfTable *table);
void pdf_table_unref (PdfTable *table);

/* A footnote as set at the foot: its blocks, measured, and the units it
 * may be split between (a line, or a block that does not split). */
typedef struct {
  guint block, first, last;   /* lines [first, last) of blocks[block] */
} PdfNoteUnit;

struct _PdfNote {
  int ref_count;
  GPtrArray *blocks;          /* PdfBlock */
  GArray *units;              /* PdfNoteUnit */
  double height;              /* the whole note */
  PangoLayout *mark;          /* its number, drawn by its first line */
  char *anchor;               /* the named destination its references link to */
  char *back;                 /* its first reference's, where its number links */
};

/* Takes @blocks and measures them. (transfer full) */
PdfNote *pdf_note_new (GPtrArray *blocks, PdfTextCache *cache);
PdfNote *pdf_note_ref (PdfNote *note);
void pdf_note_unref (PdfNote *note);
guint pdf_note_get_n_units (const PdfNote *note);
/* The height of units [@from, @to) set as one piece. */
double pdf_note_piece_height (const PdfNote *note, guint from, guint to);
/* The most units from @from that fit in @room (maybe 0). */
guint pdf_note_units_that_fit (const PdfNote *note, guint from, double room);
/* Lines [first, last) of each block units [@from, @to) cover, with the
 * block's top from the piece's top, for @func. */
typedef void (*PdfNoteFunc) (PdfBlock *block, guint first, guint last, double top,
                             gpointer data);
void pdf_note_foreach (const PdfNote *note, guint from, guint to, PdfNoteFunc func,
                       gpointer data);
/* @cache: where pdf-text.c keeps shaped words, or NULL for Pango only. */
void pdf_block_measure (PdfBlock *block, PdfTextCache *cache);
/* Sets @block (measured, with no footnote references) again so that
 * @line does not end in a hyphen, where that keeps its lines and their
 * grid; FALSE, with @block as it was, otherwise. */
gboolean pdf_block_plain_line (PdfBlock *block, guint line, PdfTextCache *cache);
/* Takes @block; (transfer full) the blocks to set in its place: one, or
 * pieces of a paragraph too long for Pango to set whole. */
GPtrArray *pdf_block_split (PdfBlock *block);

typedef struct _PdfPager PdfPager;

PdfPager *pdf_pager_new (cairo_t *cr, const PdfSettings *settings,
                         const char *running_title);
void pdf_pager_free (PdfPager *pager);
/* Takes @block. */
void pdf_pager_add (PdfPager *pager, PdfBlock *block);
/* Ends the current page (if it has content) so the next block starts a
 * new one. */
void pdf_pager_break (PdfPager *pager);
/* From the current page (a part's opening page, which shows none) on,
 * the running head reads @title; NULL or "" keeps the one before. */
void pdf_pager_set_running_title (PdfPager *pager, const char *title);
void pdf_pager_finish (PdfPager *pager);
guint pdf_pager_get_n_pages (const PdfPager *pager);
/* Lays the pages out without drawing them: a rehearsal, to learn where
 * the headings fall. */
void pdf_pager_rehearse (PdfPager *pager);
/* From now on, each block's destination (PdfBlock.dest) is recorded in
 * @pages (string → GUINT_TO_POINTER (folio), keys owned by @pages) as its
 * page is finished. */
void pdf_pager_record_pages (PdfPager *pager, GHashTable *pages);
/* A live area for @link on the current page. */
void pdf_pager_draw_link (cairo_t *cr, const PdfLink *link, double x, double y,
                          double width, double height);
/* Where the pager keeps shaped words, to measure blocks it is not given
 * (a table's cells, a note's paragraphs). (transfer none) */
PdfTextCache *pdf_pager_get_text_cache (PdfPager *pager);

/* pdf-ahead.c: blocks set in lines on a second thread, placed in order. */
PdfAhead *pdf_ahead_new (PdfPager *pager, cairo_t *cr, PangoContext *layouts,
                         const char *lang);
/* Sends @block on its way to the pager (pdf_pager_add). */
void pdf_ahead_add (PdfAhead *ahead, PdfBlock *block);
/* Every block sent is placed: before anything else is asked of the pager. */
void pdf_ahead_flush (PdfAhead *ahead);
void pdf_ahead_stop (PdfAhead *ahead);
void pdf_ahead_free (PdfAhead *ahead);
/* The pager frees @ahead (stopped) after the blocks it set. */
void pdf_pager_keep (PdfPager *pager, PdfAhead *ahead);
void pdf_ahead_enter_fonts (PdfAhead *ahead);
void pdf_ahead_leave_fonts (PdfAhead *ahead);

/* pdf-contents.c: the contents page (--toc). The pager knows a
 * heading's page only once the page is full, and cairo cannot go back to
 * a page it has shown, so the document is laid out twice: a rehearsal
 * (pdf_pager_rehearse) with the contents' entries and no page numbers
 * learns each heading's page, then the real run sets the same entries,
 * numbers and all. The numbers sit in a column of their own and leave the
 * entries' lines as they were, so both runs break every page alike. */
typedef struct {
  GArray *entries;     /* PrensaContentsEntry (prensa_document_dup_contents) */
  GHashTable *pages;   /* anchor → folio, from the rehearsal; NULL in it */
} PdfContents;

/* The walk's state, shared by pdf-body.c and pdf-inline.c. */
typedef struct {
  const PrensaDocument *doc;
  const PdfSettings *st;
  PangoContext *context;
  PdfPager *pager;
  PdfAhead *ahead;           /* the pager's measurer, or NULL */
  GHashTable *anchors;       /* every heading anchor, and in a book each
                              * part's: internal links */
  const PrensaNode *part;    /* the PART being set */
  GArray *places;            /* pdf-body.c's Place per open container */
  PangoLayout *marker;       /* a list marker for the next block */
  GHashTable *markers;       /* style, face and text -> PangoLayout:
                              * markers made (pdf-body.c) */
  GHashTable *strikes;       /* font -> double[2]: a strikethrough's
                              * rise and thickness (pdf-inline.c) */
  gboolean back_matter_open; /* the next block opens the back matter */
  guint part_index;
  guint raw_dropped;
  GHashTable *notes_made;    /* FOOTNOTE_DEFINITIONs already set */
  GPtrArray *sink;           /* where blocks go instead of the pager (a
                              * note's), or NULL */
  gboolean in_note;
  gboolean measuring;        /* a table's cells, for their widths only */
  gboolean task_looked;      /* for a face with both task boxes */
  char *task_family;         /* (owned), or NULL: none has them */
  guint n_tables;
  const PdfContents *contents; /* the contents page to set, or NULL */
  gboolean quiet;            /* a rehearsal: the real run warns */
} PdfBody;

/* The context the body lays its text out in, for @cr (print metrics, no
 * hinting) and @lang, from @map (NULL: the thread's default). */
PangoContext *pdf_body_context (cairo_t *cr, PangoFontMap *map, const char *lang);
/* Hands @block to the pager, or to the note being set. */
void pdf_body_emit (PdfBody *body, PdfBlock *block);
/* The note @ref brings to its page, set in the note's style, the first
 * time it is asked for; NULL after that. (transfer full) */
PdfNote *pdf_body_make_note (PdfBody *body, const PrensaNode *ref);
/* The x, width and style a block at the walk's current place gets. */
void pdf_body_frame (PdfBody *body, double *x, double *width, gboolean *in_quote);

/* pdf-table.c: a TABLE as rows of cells, each row one block. */
void pdf_table_add (PdfBody *body, const PrensaNode *table);

/* A label to open a paragraph with: a speaker's name and its style. */
typedef struct {
  const char *text;
  const double *color;
  double size;
} PdfLabel;

/* Fills @block's layout with @node's inline content set in @style, after
 * @label (may be NULL). Link ranges go to its links, text colours to its
 * colors; images become figure blocks in @figures (one that does not
 * load, a framed box with its description). Returns whether any text
 * was set. */
gboolean pdf_inline_fill (PdfBody *body, PdfBlock *block,
                          const PrensaNode *node, const PdfStyle *style,
                          const PdfLabel *label, GPtrArray *figures,
                          double measure);

/* Sets the contents page: its title and an entry per heading, each a
 * link to its heading with its page number; then a page break. */
void pdf_contents_add (PdfBody *body);
/* The dot leaders, the page number and the live area of lines [@first,
 * @last) of a contents entry whose first line is at @top. */
void pdf_contents_draw (cairo_t *cr, PdfGlyphBatch *batch, const PdfSettings *settings,
                        const PdfBlock *block, guint first, guint last, double top);

/* pdf-body.c: @contents, the contents page to set after the title block,
 * or NULL; @quiet for a rehearsal. */
gboolean pdf_body_write (const PrensaDocument *document,
                         const PdfSettings *settings,
                         cairo_t *cr, PdfPager *pager,
                         const PdfContents *contents, gboolean quiet,
                         GError **error);

/* pdf-image.c: the largest image file read. */
#define PDF_IMAGE_MAX_BYTES ((gsize) 256 << 20)

/* The image in @data (read once by prensa_document_load_resource()) with
 * no more pixels than a box of @max_width × @max_height points shows at
 * print resolution; @width and @height are its own size in pixels, for
 * the layout. (transfer full) surface, or NULL with @error set. */
cairo_surface_t *pdf_image_load (GBytes *data, double max_width, double max_height,
                                 int *width, int *height, GError **error);

/* pdf-document.c */
gboolean pdf_document_write (const PrensaDocument *document,
                             const PrensaOptions *options,
                             PrensaOutput *output,
                             GError **error);
