/* docx-private.h: what the files of the docx plugin share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-plugin.h>

G_BEGIN_DECLS

#define PRENSA_DOCX_ERROR (prensa_docx_error_quark ())
GQuark prensa_docx_error_quark (void);

typedef enum {
  PRENSA_DOCX_ERROR_REFERENCE, /* the reference-docx is unusable */
  PRENSA_DOCX_ERROR_RESOURCE,  /* a built-in style part is missing */
} PrensaDocxError;

/* Page geometry in twips (1/1440 inch), as w:pgSz and w:pgMar take it. */
typedef struct {
  guint width, height;
  gboolean landscape;
  guint top, right, bottom, left, header, footer, gutter;
} DocxPage;

/* The largest image file the writer embeds. */
#define DOCX_MEDIA_MAX ((gsize) 256 << 20)

/* One embedded image. */
typedef struct {
  char *path;      /* where it was found, to tell one file used twice */
  GBytes *data;    /* its bytes, read once */
  char *part;      /* "media/image1.png", relative to word/ */
  char *extension; /* "png", for [Content_Types].xml */
  char *mime_type;
  int width, height; /* pixels */
} DocxMedia;

/* The styles part and how the writer's style ids map onto it. */
typedef struct _DocxStyles DocxStyles;

/* What the body writer gathers for the package around it. */
typedef struct {
  GString *document;    /* word/document.xml, complete */
  GString *rels;        /* <Relationship/> elements for hyperlinks, images */
  GString *nums;        /* <w:num/> elements for numbering.xml */
  GPtrArray *media;     /* DocxMedia*, in order of first use */
  GString *notes;       /* <w:footnote/> elements for footnotes.xml */
  GString *note_rels;   /* <Relationship/> elements of footnotes.xml */
  guint n_notes;        /* how many; 0: no footnotes part */
  gboolean toc;         /* the body has contents for Word to update */
  const char *running_head; /* the title atop every page but the first
                             * (header1.xml), or NULL: none */
} DocxBody;

/* docx-styles.c */
DocxStyles *docx_styles_new (const char *reference,
                             const char *lang,
                             GError **error);
void docx_styles_free (DocxStyles *styles);
/* The styleId to write for one of formats/docx/styles.xml's styleIds. */
const char *docx_styles_id (const DocxStyles *styles, const char *our_id);
/* Whether the paragraph style (one of ours, as mapped) sets italic, itself
 * or through the styles it is based on. */
gboolean docx_styles_is_italic (const DocxStyles *styles, const char *our_id);
/* The page setup of the reference document; FALSE when there is none. */
gboolean docx_styles_get_page (const DocxStyles *styles, DocxPage *page);
/* word/styles.xml. (transfer full) */
GString *docx_styles_serialize (const DocxStyles *styles);
/* The reference's word/theme/theme1.xml, or NULL. (transfer none) */
GBytes *docx_styles_get_theme (const DocxStyles *styles);
GBytes *docx_resource (const char *name, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocxStyles, docx_styles_free)

/* docx-body.c */
DocxBody *docx_body_write (const PrensaDocument *document,
                           const DocxStyles *styles,
                           const DocxPage *page,
                           PrensaLabels labels,
                           guint toc_depth);
void docx_body_free (DocxBody *body);

/* docx-toc.c: a table of contents listing @document's contents down to @depth,
 * linked to the headings' @bookmarks (anchor → bookmark name); FALSE,
 * writing nothing, when there is nothing to list. */
gboolean docx_toc_write (GString *out, const PrensaDocument *document,
                         const DocxStyles *styles, GHashTable *bookmarks,
                         const DocxPage *page, guint depth);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocxBody, docx_body_free)

/* docx-table.c */
/* Column widths in twips adding up to @width, one per column of @table.
 * (transfer full): g_free(). */
guint *docx_table_widths (const PrensaNode *table, guint width);
/* Opens a w:tbl and writes its properties and grid: @width wide in
 * twips, @indent from the text's left edge. */
void docx_table_open (GString *out, const DocxStyles *styles,
                      const PrensaNode *table, const guint *widths,
                      guint width, guint indent);

/* docx-media.c */
DocxMedia *docx_media_new (const char *path, GBytes *data, guint index, GError **error);
void docx_media_free (DocxMedia *media);

/* docx-package.c */
gboolean docx_package_write (const PrensaDocument *document,
                             const PrensaOptions *options,
                             PrensaOutput *output,
                             GError **error);

/* docx-util.c: a relationship target, percent-encoded and escaped for
 * an attribute value. */
void docx_append_uri (GString *out, const char *url);

G_END_DECLS
