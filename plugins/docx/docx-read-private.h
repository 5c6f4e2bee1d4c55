/* docx-read-private.h: what the files of the docx reader share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <zip.h>
#include <libxml/tree.h>
#include <prensa/prensa-reader.h>

G_BEGIN_DECLS

/* No part of a package is trusted to be the size its header says: a part
 * is read up to these many bytes and refused past them. Real documents
 * are far smaller (a 500-page book's document.xml is a few MiB). */
#define DOCX_PART_MAX ((guint64) 64 << 20)
#define DOCX_TOTAL_MAX ((guint64) 256 << 20)

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define R_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

typedef struct {
  zip_t *zip;
  const char *name;   /* the input's, for messages */
  guint64 total;      /* bytes inflated so far, against DOCX_TOTAL_MAX */
} DocxPackage;

/* One relationship, its target made a part name (or kept as a URL when
 * external). */
typedef struct {
  char *type;         /* the last segment of the type URI: "image" */
  char *target;       /* NULL: it pointed outside the package */
  gboolean external;
} DocxRel;

/* docx-read-package.c */
gboolean docx_package_open (DocxPackage *pkg, const char *name,
                            const char *data, gsize length, GError **error);
void docx_package_close (DocxPackage *pkg);
/* TRUE and *@data NULL when the part is absent. (transfer full) */
gboolean docx_package_read (DocxPackage *pkg, const char *part,
                            char **data, gsize *length, GError **error);
/* The part parsed, NULL and *@error NULL when absent. */
xmlDoc *docx_package_parse (DocxPackage *pkg, const char *part, GError **error);
/* id → DocxRel of @part's relationships (an empty table when it has none),
 * or NULL with @error set. */
GHashTable *docx_package_rels (DocxPackage *pkg, const char *part, GError **error);
/* The first relationship of @type in @rels, or NULL. (transfer none) */
const DocxRel *docx_rels_find_type (GHashTable *rels, const char *type);
/* @target resolved against the folder of @source, NULL when it climbs
 * out of the package. (transfer full) */
char *docx_resolve_target (const char *source, const char *target);

/* XML helpers: @node is the element @local in WordprocessingML's (or
 * the relationships') namespace, transitional or strict. */
gboolean docx_is_w (const xmlNode *node, const char *local);
gboolean docx_is (const xmlNode *node, const char *ns, const char *local);
/* An attribute by local name in w: (or r:) or no namespace. (transfer full) */
char *docx_w_attr (const xmlNode *node, const char *local);
char *docx_r_attr (const xmlNode *node, const char *local);
/* The first child element w:@local, or NULL. */
xmlNode *docx_w_child (const xmlNode *node, const char *local);
/* A w:b-like toggle: -1 absent, else whether w:val leaves it on. */
int docx_toggle (const xmlNode *props, const char *local);

/* docx-read-styles.c */
typedef enum {
  DOCX_KIND_NONE,
  DOCX_KIND_TITLE,
  DOCX_KIND_SUBTITLE,
  DOCX_KIND_HEADING,        /* level in DocxParaStyle.level */
  DOCX_KIND_STANDFIRST,
  DOCX_KIND_BACK_MATTER,
  DOCX_KIND_BYLINE,
  DOCX_KIND_DATE,
  DOCX_KIND_CODE,
  DOCX_KIND_QUOTE,
  DOCX_KIND_RULE,
  DOCX_KIND_LIST_PARAGRAPH,
  DOCX_KIND_CAPTION,
  DOCX_KIND_PULL_QUOTE,     /* prensa's "Pull Quote" */
} DocxKind;

typedef struct _DocxStyles DocxStyles;

typedef struct {
  DocxKind kind;
  int level;          /* headings: 1–9 */
  int num_id, ilvl;   /* -1: the style gives no numbering */
} DocxParaStyle;

enum {
  DOCX_F_STRONG = 1 << 0,
  DOCX_F_EMPH = 1 << 1,
  DOCX_F_STRIKE = 1 << 2,
  DOCX_F_CODE = 1 << 3,
};

DocxStyles *docx_styles_read (xmlDoc *styles, xmlDoc *numbering);
void docx_styles_free_read (DocxStyles *styles);
void docx_styles_para (const DocxStyles *styles, const char *id, DocxParaStyle *out);
/* The DOCX_F_* a character style sets, in *@on, and clears, in *@off. */
void docx_styles_run (const DocxStyles *styles, const char *id, guint *on, guint *off);
/* The list a numbered paragraph belongs to; FALSE when @num_id names no
 * numbering (or 0, Word's "not numbered"). */
gboolean docx_styles_list (const DocxStyles *styles, int num_id, int ilvl,
                           PrensaListType *type, PrensaListDelim *delim, int *start);

/* docx-read-meta.c */
/* Speakers from the custom property prensa's writer leaves; before the
 * body is read, since it replaces the part's metadata. */
gboolean docx_meta_read_custom (PrensaBuilder *b, DocxPackage *pkg,
                                GHashTable *package_rels, GError **error);
/* Core properties; @title_set: a Title paragraph gave the title. */
gboolean docx_meta_read_core (PrensaBuilder *b, DocxPackage *pkg,
                              GHashTable *package_rels, gboolean title_set,
                              GError **error);
/* Whether docProps/app.xml says prensa wrote the file. */
gboolean docx_meta_is_prensa (DocxPackage *pkg, GHashTable *package_rels);

/* docx-read-body.c */
gboolean docx_body_read (PrensaBuilder *b, DocxPackage *pkg, const char *main_part,
                         gboolean prensa_made, gboolean *title_set,
                         GError **error);

G_END_DECLS
