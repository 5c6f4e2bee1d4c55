/* sanitize.h: raw HTML made safe, well-formed markup, for every writer
 * that writes HTML (EPUB's XHTML, the HTML page).
 *
 * Not installed: a small static library (prensa-sanitize) that the
 * plugins needing it link, so that libprensa itself, loaded by every
 * conversion, does not pull in libxml2.
 *
 * libxml2's HTML parser turns whatever the author wrote (unclosed tags,
 * stray end tags, entities, character references) into a tree; the tree
 * is written back as XML that is also valid HTML, keeping what the rules
 * in sanitize.c allow and listing what it left out:
 *   - scripts, styles, frames, embedded objects, forms and their
 *     controls, <base>, <meta> and <link> go with their content;
 *   - unknown or obsolete elements and elements in the wrong place are
 *     unwrapped: their content stays;
 *   - attributes are kept only when named there and of a valid shape:
 *     no event handler, no style, and a link's or image's address only
 *     through the hooks (by default: when prensa_url_is_safe(), which
 *     reads it after the parser has decoded references and whatever
 *     case or whitespace hides a "javascript:").
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa.h>

G_BEGIN_DECLS

/* Where a footnote reference stands in prensa_sanitize_inlines()'s
 * text: MARK, its index among the block's references, MARK_END.
 * Noncharacters, which the core replaces in every text. */
#define PRENSA_SANITIZE_NOTE_MARK "\xEF\xB7\x90"
#define PRENSA_SANITIZE_NOTE_MARK_END "\xEF\xB7\x91"

typedef struct _PrensaFragment PrensaFragment;

/* What the writer decides; any hook may be NULL (see each). */
typedef struct {
  /* The href for a link to @href (transfer full), or NULL to write the
   * <a> without one. NULL hook: @href when prensa_url_is_safe(). */
  char *(*link_href) (gpointer data, const char *href);
  /* The src for an image at @src (transfer full), or NULL to write its
   * @alt (NULL when it had none) as text instead. NULL hook: @src when
   * prensa_url_is_safe(). */
  char *(*image_src) (gpointer data, const char *src, const char *alt);
  /* Whether @id (a valid XML id) may be written; TRUE claims it. NULL
   * hook: every one. */
  gboolean (*claim_id) (gpointer data, const char *id);
  /* Writes the fragment's footnote reference number @index (its place
   * among the block's references), @linked FALSE inside a link. NULL
   * hook: nothing. */
  void (*note_ref) (gpointer data, guint index, gboolean linked, GString *out);
  gpointer data;
} PrensaSanitizeHooks;

/* Parses @length bytes of HTML: a block's (@phrasing FALSE) or a
 * paragraph's, heading's or cell's inline content (TRUE). Never NULL:
 * one that cannot be read writes nothing and says so.
 * Returns: (transfer full). */
PrensaFragment *prensa_fragment_parse (const char *html, gsize length,
                                       gboolean phrasing);
void prensa_fragment_free (PrensaFragment *fragment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaFragment, prensa_fragment_free)

/* The ids writing @fragment keeps, in order, before any claim_id hook
 * has said no. Returns: (transfer none). */
const GPtrArray *prensa_fragment_get_ids (const PrensaFragment *fragment);

/* Appends the cleaned markup of @fragment to @out. Returns: (transfer
 * full) what was left out, "; "-separated for one warning, or NULL when
 * nothing was. */
char *prensa_fragment_write (const PrensaFragment *fragment,
                             const PrensaSanitizeHooks *hooks, GString *out);

/* Whether @block's inlines hold raw HTML. */
gboolean prensa_sanitize_has_raw_inline (const PrensaNode *block);

/* Writes the inline @node (TEXT, SOFTBREAK, LINEBREAK, CODE, EMPH,
 * STRONG, STRIKETHROUGH) as XHTML, on entering or leaving it; FALSE,
 * writing nothing, for any other node. Shared by the EPUB writer. */
gboolean prensa_sanitize_write_plain_inline (const PrensaNode *node, gboolean enter,
                                             GString *out);

/* @block's inline content as one HTML fragment: the author's raw tags in
 * place, text escaped, links and images with their addresses as written,
 * footnote references as marks. Returns: (transfer full). */
GString *prensa_sanitize_inlines (const PrensaNode *block);

G_END_DECLS
