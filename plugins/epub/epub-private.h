/* epub-private.h: the book plan shared by the parts of the EPUB writer.
 *
 * Writing happens in three steps. epub_book_plan() reads the document
 * once and decides everything that links depend on: which chapter file
 * each top-level block goes to, which chapter each footnote is written in
 * (the one holding its first reference), where every id (heading anchors,
 * note and reference anchors, ids in raw HTML) lands, and the table of
 * contents. It parses each block of raw HTML then, once: the parsed
 * fragment (EpubFragment) waits in the book for the renderer. The
 * renderers then write each XHTML file, collecting images as they meet
 * them, and last the package document, nav and NCX are written from what
 * was collected.
 *
 * The files call one another in one direction only, each calling only
 * those below it:
 *
 *   epub.c          options, the steps above, the container
 *   epub-opf.c      the package document
 *   epub-nav.c      nav and NCX (their XHTML frame from epub-xhtml.c)
 *   epub-plan.c     chapters, ids, the table of contents
 *   epub-xhtml.c    chapters, title page and cover page
 *   epub-html.c     raw HTML: parsed once, ids collected, written as XHTML
 *   epub-render.c   what chapters and raw HTML both write: plain inlines,
 *                   note references, ids claimed once per file
 *   epub-links.c    where links and images lead; the images themselves
 *   epub-meta.c     the book's metadata and which part a node is in
 *
 * and XML is written with the core's prensa-xml.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa.h>
#include <prensa/prensa-plugin.h>

#include "sanitize.h"

G_BEGIN_DECLS

#define PRENSA_EPUB_ERROR (prensa_epub_error_quark ())
GQuark prensa_epub_error_quark (void);

typedef enum {
  PRENSA_EPUB_ERROR_FAILED,
  PRENSA_EPUB_ERROR_STYLESHEET,
} PrensaEpubError;

/* Every file of the book lives beside the package document in this
 * folder, so hrefs between XHTML files are bare file names. */
#define EPUB_ROOT "EPUB/"

typedef struct {
  const PrensaNode *node;      /* PART */
  guint index;
  char *title;                 /* its own title, or a fallback */
  char *subtitle;              /* NULL when none */
  char **authors;              /* never NULL */
  char *source;                /* canonical path, NULL for standard input */
  char *label;                 /* for warnings: the path or "<stdin>" */
  guint first_chapter;
} EpubPart;

typedef struct {
  guint index;
  char *file;                  /* "chapter-001.xhtml" */
  EpubPart *part;
  const PrensaNode *first;     /* range of the part's children; */
  const PrensaNode *last;      /* both NULL for an empty part */
  char *title;
  gboolean starts_part;
  GPtrArray *notes;            /* FOOTNOTE_DEFINITIONs first referred to
                                  here, in order of number (borrowed) */
  GString *xhtml;              /* filled by epub_render_chapter() */
} EpubChapter;

/* Where an id is written: the chapter and the node whose rendering
 * carries it (a heading, a footnote or footnote reference, a raw HTML
 * block, or the paragraph, heading or cell whose inline raw HTML holds
 * it). */
typedef struct {
  guint chapter;
  guint part;
  const PrensaNode *owner;
  char *id;
} EpubTarget;

typedef struct {
  char *path;                  /* resolved file on disk */
  char *file;                  /* "images/image-001.png" */
  char *id;
  const char *media_type;
  GBytes *data;
} EpubImage;

typedef struct {
  char *label;
  char *href;
  GPtrArray *children;         /* EpubNavItem */
} EpubNavItem;

typedef struct {
  const PrensaDocument *doc;
  int split_level;
  int toc_depth;
  PrensaLabels labels;
  gboolean title_page;
  gboolean toolkit;            /* more than one input: parts in the toc */

  /* metadata, read by epub_book_read_meta() */
  char *title;
  char *subtitle;
  char *lang;
  char *identifier;
  char *date;                  /* W3CDTF or NULL */
  char *modified;              /* CCYY-MM-DDThh:mm:ssZ */
  char **authors;

  GPtrArray *parts;            /* EpubPart */
  GPtrArray *chapters;         /* EpubChapter */
  GHashTable *targets;         /* id → EpubTarget */
  GHashTable *aliases;         /* "part\x1fanchor-without-suffix" → EpubTarget */
  GHashTable *fragments;       /* owner node → EpubFragment, parsed by the
                                  plan, taken by the renderer */
  GPtrArray *images;           /* EpubImage, in order of first use */
  GHashTable *images_by_path;
  EpubImage *cover;
  GPtrArray *nav;              /* EpubNavItem: the toc tree */
  guint n_nav_items;
  gboolean has_headings;
  gboolean image_without_alt;
  gboolean flattened;          /* nesting past EPUB_MAX_NESTING was met */
  GBytes *stylesheet;
} EpubBook;

/* epub-meta.c */
void epub_book_read_meta (EpubBook *book);
gboolean epub_is_w3cdtf (const char *text);
EpubPart *epub_book_part_of (EpubBook *book, const PrensaNode *node);

/* epub-plan.c */
void epub_book_plan (EpubBook *book);
void epub_nav_item_free (gpointer item);
EpubTarget *epub_target_new (guint chapter, guint part,
                             const PrensaNode *owner, const char *id);
void epub_target_free (gpointer target);
void epub_part_free (gpointer part);
void epub_chapter_free (gpointer chapter);

/* epub-links.c: the href for @url met in @where's part, relative to the
 * XHTML files; NULL (after a warning) when it leads nowhere in the book.
 * (transfer full) */
char *epub_book_link_href (EpubBook *book, const PrensaNode *where,
                           const char *url);
/* The href of the placed id @id from a page of chapter @from: a bare
 * fragment within the same file. NULL when @id was not placed.
 * (transfer full) */
char *epub_book_id_href (EpubBook *book, guint from, const char *id);
/* The image @url names, added to the book on first use; NULL (after a
 * warning) when it is remote, missing or of a type EPUB cannot hold. */
EpubImage *epub_book_use_image (EpubBook *book, const PrensaNode *where,
                                const char *url);
void epub_book_load_cover (EpubBook *book);
void epub_image_free (gpointer image);

/* epub-svg.c: @svg without scripts, event handlers, foreign content, DTD
 * or references outside itself; @removed counts what went. NULL when it
 * is not an SVG document. (transfer full) */
GBytes *epub_svg_clean (GBytes *svg, guint *removed);
/* @where's position for warnings: "file.md:12". (transfer full) */
char *epub_book_describe (EpubBook *book, const PrensaNode *where);


/* The state of writing one content document. */
typedef struct {
  EpubBook *book;
  EpubChapter *chapter;
  GHashTable *emitted_ids;
  GArray *links;               /* gboolean per open LINK: written as <a>? */
} EpubRender;

/* epub-xhtml.c */
void epub_xhtml_begin (GString *out, EpubBook *book, const char *title,
                       const char *body_class, const char *body_type);
void epub_xhtml_end (GString *out);
void epub_render_chapter (EpubBook *book, EpubChapter *chapter);
GString *epub_render_title_page (EpubBook *book);
GString *epub_render_cover_page (EpubBook *book);

/* epub-html.c: raw HTML, either a RAW_BLOCK or the inline content of a
 * paragraph, heading or table cell that holds RAW_INLINE nodes (read as
 * one fragment, with footnote references as marks), cleaned by the
 * core's sanitiser (core/sanitize.h). */
typedef PrensaFragment EpubFragment;
const EpubFragment *epub_html_parse (EpubBook *book, const PrensaNode *owner);
/* Writes @owner's parsed fragment as well-formed XHTML and lets it go;
 * FALSE (nothing written) when epub_html_parse() found none. */
gboolean epub_html_to_xhtml (EpubRender *render, const PrensaNode *owner,
                             GString *out);
void epub_fragment_free (gpointer fragment);

/* epub-render.c (text, breaks, code and emphasis: the core's
 * prensa_sanitize_write_plain_inline) */
/* TRUE (once per file) when @id may be written on @owner here: the plan
 * placed it there. */
gboolean epub_render_claim_id (EpubRender *render, const char *id,
                               const PrensaNode *owner);
/* Writes footnote reference @ref as a noteref; @linked FALSE inside an
 * <a>, where a link cannot nest. */
void epub_render_noteref (EpubRender *render, const PrensaNode *ref,
                          gboolean linked, GString *out);
/* The same for the @index-th footnote reference (from 0) in @block. */
void epub_render_noteref_at (EpubRender *render, const PrensaNode *block,
                             guint index, gboolean linked, GString *out);

/* epub-nav.c */
GString *epub_render_nav (EpubBook *book);
GString *epub_render_ncx (EpubBook *book);

/* epub-opf.c */
GString *epub_render_container (void);
GString *epub_render_opf (EpubBook *book);

G_END_DECLS
