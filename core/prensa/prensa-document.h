/* prensa-document.h: loading inputs, through reader plugins, into a
 * PrensaDocument.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-version.h>
#include <prensa/prensa-node.h>
#include <prensa/prensa-value.h>
#include <prensa/prensa-util.h>

G_BEGIN_DECLS

typedef struct _PrensaDocument PrensaDocument;
typedef struct _PrensaLoader PrensaLoader;

#define PRENSA_LOAD_ERROR (prensa_load_error_quark ())
PRENSA_API GQuark prensa_load_error_quark (void);

typedef enum {
  PRENSA_LOAD_ERROR_IO,          /* missing, unreadable, a directory */
  PRENSA_LOAD_ERROR_ENCODING,    /* not UTF-8: message has line:column */
  PRENSA_LOAD_ERROR_FRONT_MATTER,/* malformed YAML: message has the line */
  PRENSA_LOAD_ERROR_METADATA,    /* well-formed YAML of the wrong shape */
  PRENSA_LOAD_ERROR_FORBIDDEN,   /* a resource outside the allowed folders */
  PRENSA_LOAD_ERROR_FORMAT,      /* no reader for the input, or it is not of
                                  * the reader's format */
  PRENSA_LOAD_ERROR_INVALID,     /* a reader built a tree the model forbids */
} PrensaLoadError;

typedef enum {
  PRENSA_LOAD_DEFAULT = 0,
  /* Turn off cmark's smart punctuation (curly quotes, dashes, ellipses),
   * which is on by default. */
  PRENSA_LOAD_NO_SMART = 1 << 0,
  /* For documents nobody vetted: raw HTML is dropped (with a warning) and
   * prensa_document_resolve_resource() refuses every file, so nothing
   * beyond the inputs themselves is read. */
  PRENSA_LOAD_SANDBOX = 1 << 1,
  /* For documents whose author is trusted (--unsafe, cmark's word): a
   * writer that can (html) writes raw HTML verbatim instead of cleaning
   * it. */
  PRENSA_LOAD_UNSAFE = 1 << 2,
} PrensaLoadFlags;

/* The flags @document was loaded with. */
PRENSA_API PrensaLoadFlags prensa_document_get_load_flags (const PrensaDocument *document);

/* A loader gathers inputs (each becomes one PART, in order) and metadata
 * overrides, then builds one document. Returns: (transfer full): free
 * with prensa_loader_free() (NULL is ok). */
PRENSA_API PrensaLoader *prensa_loader_new (PrensaLoadFlags flags);
PRENSA_API void prensa_loader_free (PrensaLoader *loader);

/* The plugins readers come from (borrowed: it must outlive the loader).
 * Without one, the loader makes its own from the default search path
 * (prensa_registry_add_default_paths) at the first input. */
typedef struct _PrensaRegistry PrensaRegistry;
PRENSA_API void prensa_loader_set_registry (PrensaLoader *loader, PrensaRegistry *registry);
/* The reader for the inputs added after this call, by format name (as -f
 * gives it), or NULL to pick one by each input's extension, Markdown
 * ("markdown") when no reader claims it. */
PRENSA_API void prensa_loader_set_format (PrensaLoader *loader, const char *format);

/* Sets document metadata @key to the string @value (both copied),
 * overriding what the front matter says (as -M does); with several
 * inputs, the book's, which no part's front matter sets. "speakers" cannot be
 * set this way. */
PRENSA_API void prensa_loader_set_meta (PrensaLoader *loader,
                                        const char *key,
                                        const char *value);

/* Reads the YAML (or JSON) map in the file at @path as metadata, as
 * pandoc's --metadata-file does: a single input's front matter is put over
 * it key by key, and prensa_loader_set_meta() over both; with several
 * inputs it is the book's metadata, under prensa_loader_set_meta(), and
 * no part's (prensa_document_get_meta()). Its "speakers" declare the
 * speakers of parts added after this call whose front matter does not (a
 * transcript has none). The file is read and checked
 * now, with the limits and messages of front matter ("FILE:LINE: …");
 * FALSE with @error set (PRENSA_LOAD_ERROR) when it cannot be read or is
 * malformed, and then the loader is as it was. A second call replaces the
 * first file. */
PRENSA_API gboolean prensa_loader_set_metadata_file (PrensaLoader *loader,
                                                     const char *path,
                                                     GError **error);

/* Lets resources (images, the cover) also come from @directory, as
 * --resource-path does. Relative names are taken from the current folder
 * now. */
PRENSA_API void prensa_loader_add_resource_path (PrensaLoader *loader,
                                                 const char *directory);

/* Reads @path ("-" for standard input) as one part. Errors name the file,
 * and line and column where they apply; on error nothing is added. */
PRENSA_API gboolean prensa_loader_add_file (PrensaLoader *loader,
                                            const char *path,
                                            GError **error);

/* Adds @data (@length bytes, or NUL-terminated when -1) as one part.
 * @name is used in error messages; @source (may be NULL) is the path that
 * relative image URLs resolve against. */
PRENSA_API gboolean prensa_loader_add_data (PrensaLoader *loader,
                                            const char *name,
                                            const char *source,
                                            const char *data,
                                            gssize length,
                                            GError **error);

/* Builds the document from what was added (an empty document when nothing
 * was) and empties the loader. Returns: (transfer full). */
PRENSA_API PrensaDocument *prensa_loader_finish (PrensaLoader *loader);

/* One call for one file. Returns: (transfer full) or NULL with @error set. */
PRENSA_API PrensaDocument *prensa_document_load (const char *path,
                                                 PrensaLoadFlags flags,
                                                 GError **error);

/* Frees the document, every node, value and string in it. NULL is ok. */
PRENSA_API void prensa_document_free (PrensaDocument *document);

/* The DOCUMENT node, the root to walk. (transfer none) */
PRENSA_API const PrensaNode *prensa_document_get_root (const PrensaDocument *document);

/* The document's metadata as a map, the book's own identity (title,
 * subtitle, author, rights, identifier, date, lang, subject, description,
 * cover-image…). With one input it is that input's front matter, over
 * --metadata-file, with -M on top. With several inputs (a book) it is
 * --metadata-file with -M on top and nothing of any part: each part's
 * front matter describes that part alone (prensa_node_get_part_meta()).
 * Never NULL. (transfer none) */
PRENSA_API const PrensaValue *prensa_document_get_meta (const PrensaDocument *document);

/* Shorthands for prensa_value_lookup_string()/prensa_value_dup_strv() on
 * the document's metadata: get_meta_string is (transfer none) and NULL
 * when @key is missing or not a string ("author" may be a list: use
 * dup_meta_strv for it); dup_meta_strv is (transfer full), never NULL,
 * freed with g_strfreev(). */
PRENSA_API const char *prensa_document_get_meta_string (const PrensaDocument *document,
                                                        const char *key);
PRENSA_API char **prensa_document_dup_meta_strv (const PrensaDocument *document,
                                                 const char *key);

/* The document's title, one rule for every writer (an HTML <title>, an
 * EPUB's dc:title, DOCX and PDF document properties, running heads): the
 * metadata's "title" with white space trimmed, else (a book of several
 * inputs) the first part's own metadata title, and nothing else of that
 * part, else the text of the first heading, else the first input's file
 * name without its extension, else "Untitled" in the document's language.
 * Never NULL or empty; a writer that prints a headline prints only a
 * metadata title, so a document whose title is its first heading does not
 * show it twice. (transfer none) */
PRENSA_API const char *prensa_document_get_title (const PrensaDocument *document);
/* Where get_title() took the title from. */
typedef enum {
  PRENSA_TITLE_METADATA,
  PRENSA_TITLE_HEADING,
  PRENSA_TITLE_FILE_NAME,
  PRENSA_TITLE_UNTITLED,
  PRENSA_TITLE_PART,            /* a book's, from its first part */
} PrensaTitleSource;
PRENSA_API PrensaTitleSource prensa_document_get_title_source (const PrensaDocument *document);

/* The headline a book of several inputs prints above its parts (a title
 * page, a header before part one): its title when its own metadata gives
 * one; NULL for a single input, whose part's opening is the document's
 * headline, and for a book that took its first part's title, which that
 * part's opening shows. Such a headline's byline is prensa_part_byline()
 * of the DOCUMENT node with the document's metadata: "By" its authors.
 * (transfer none) (nullable) */
PRENSA_API const char *prensa_document_get_headline (const PrensaDocument *document);

/* The document's identifier: the metadata's "identifier", trimmed, else a
 * urn:uuid made from a SHA-1 of the title and the content of every part
 * (in a book, each part's front matter too), so the same inputs give the
 * same identifier on every run and a change to any input a new one; never
 * a part's own identifier. Returns: (transfer full): free with g_free(). */
PRENSA_API char *prensa_document_dup_identifier (const PrensaDocument *document);

/* The paper the document's "papersize" metadata names (A4 when it names
 * none, or none prensa_paper_parse() reads: then one warning when the
 * document was loaded). *@given (may be NULL) says whether the metadata
 * chose it, for a writer whose own default differs. (transfer none) */
PRENSA_API const PrensaPaper *prensa_document_get_paper (const PrensaDocument *document,
                                                         gboolean *given);

/* Every declared speaker of every part, in order of declaration; a speaker
 * declared by several parts with the same id appears once. get_speaker
 * takes @index below get_n_speakers and is (transfer none). */
PRENSA_API guint prensa_document_get_n_speakers (const PrensaDocument *document);
PRENSA_API const PrensaSpeaker *prensa_document_get_speaker (const PrensaDocument *document,
                                                             guint index);
PRENSA_API guint prensa_document_get_n_parts (const PrensaDocument *document);

/* One entry of a table of contents (prensa_document_dup_contents). */
typedef struct {
  const PrensaNode *node; /* the PART or HEADING listed */
  guint level;            /* 1 for the top entries */
  char *text;             /* its words, plain text, trimmed */
  const char *anchor;     /* what a link to it points at (NULL for none) */
} PrensaContentsEntry;

/* What a table of contents of @document lists, in every writer that
 * makes one: its headings of levels 1 to @depth (pandoc's --toc-depth),
 * in order, at their level; in a document of several inputs, each part's
 * title first at level 1, and its headings one level deeper. Headings in
 * notes and entries without words are left out. Returns: (transfer full)
 * an array of PrensaContentsEntry that frees its entries with it. */
PRENSA_API GArray *prensa_document_dup_contents (const PrensaDocument *document,
                                                 guint depth);

/* Resolves a local resource (an image URL, the cover-image) named in the
 * part that holds @node (@node may be NULL for document metadata: the first
 * part). A relative name is looked up in that part's folder (the current
 * folder for standard input), then in each --resource-path folder; the file
 * found, with every symlink followed, must still lie inside the folder it
 * was found from. URLs, absolute paths, ".." escapes and symlinks that
 * leave the folder are refused, so a document cannot make a writer embed
 * /etc/passwd; with PRENSA_LOAD_SANDBOX every name is refused.
 * The path tells where the file is; a writer must not open it again to
 * embed it (the file may be swapped for a symlink in between): it reads
 * the file with prensa_document_load_resource().
 * Returns: (transfer full): the absolute, symlink-free path of a regular
 * file, or NULL with @error set (PRENSA_LOAD_ERROR_IO, or
 * PRENSA_LOAD_ERROR_FORBIDDEN for a name the rules above refuse). */
PRENSA_API char *prensa_document_resolve_resource (const PrensaDocument *document,
                                                   const PrensaNode *node,
                                                   const char *url,
                                                   GError **error);

/* Where a link leads, one rule for every writer. */
typedef enum {
  PRENSA_LINK_EXTERNAL, /* it has a scheme (https:, mailto:…) or names a
                         * host ("//host/…"): it leaves the book */
  PRENSA_LINK_INTERNAL, /* a place in the book */
  PRENSA_LINK_MISSING,  /* a file, or an anchor, the book does not hold */
  PRENSA_LINK_LOCAL,    /* a file beside the book that is none of its
                         * inputs' kind ("notes.pdf", "page.html?x") */
} PrensaLinkKind;

/* Where @href (a LINK's URL), written in @part (the PART that holds the
 * link), leads:
 * - EXTERNAL for a URL with a scheme or a host;
 * - INTERNAL for "#id", "file#id" and "file", where "file" is a relative
 *   path (percent-escapes decoded, taken from the folder of @part's
 *   input; standard input's from the current folder) to one of the
 *   book's inputs, and "id" an anchor of that input: a part's, a
 *   heading's or a note's (prensa_node_get_anchor) or an id its raw HTML
 *   declares. An anchor is first read as that input's author wrote it,
 *   as it would be were that input alone ("roles" for a heading the
 *   book calls "roles-1" because an earlier input has one too), then as
 *   the book has it; a bare "#id" found in no such way may name an id in
 *   any part. "file" alone leads to its part's opening (the PART's
 *   anchor, "part-2"). Then *@target_part is the PART it leads into,
 *   *@target the node that carries the id (the PART, a HEADING, a
 *   FOOTNOTE_DEFINITION or _REFERENCE, or the RAW_BLOCK or RAW_INLINE
 *   that declares it) and *@anchor the id as the book has it, unique in
 *   the document; all (transfer none), and each pointer may be NULL;
 * - LOCAL for a relative path to a file that is not one of the inputs
 *   and whose extension no input has ("notes.pdf" in a book of .md
 *   files), or to anything with a query ("page?x"): a file beside the
 *   output, which a writer that makes one page or document beside other
 *   files keeps as it is, and one that makes a closed package (EPUB)
 *   writes as text, with its own warning;
 *   In a single document, an empty URL and "#id" with no such anchor are
 *   LOCAL too (the page itself, or one it may be set in, as cmark keeps
 *   them); the core warns about the latter;
 * - MISSING for anything else: an empty URL, "#", an input-like file
 *   that is not in the book ("rota.md" in a book of .md files without
 *   it: another document of the set, left out), an anchor no input has.
 * When loading ends the core turns every MISSING link into its text,
 * with one warning naming the file, line and URL, so a writer never
 * meets one; a writer that writes no raw HTML has no place for an id a
 * RAW_BLOCK or RAW_INLINE declares, and writes such a link as text. */
PRENSA_API PrensaLinkKind prensa_document_resolve_link (const PrensaDocument *document,
                                                        const PrensaNode *part,
                                                        const char *href,
                                                        const PrensaNode **target_part,
                                                        const PrensaNode **target,
                                                        const char **anchor);

/* Finds the resource @url as prensa_document_resolve_resource() does and
 * reads it, opened once: the name is resolved beneath the folder's
 * descriptor (openat2 with RESOLVE_BENEATH, else one component at a time
 * refusing every symlink), so a file swapped for a symlink to /etc/passwd
 * between a check and a read cannot be read. Writers embed these bytes,
 * never the file again by its name. Only a regular file of at most @max
 * bytes is read; a FIFO, device or folder is refused without blocking.
 * @path: (out) (optional) (transfer full): where it was found, for
 * messages and to tell one file used twice.
 * Returns: (transfer full): its bytes, or NULL with @error set
 * (PRENSA_LOAD_ERROR as above, or G_FILE_ERROR). */
PRENSA_API GBytes *prensa_document_load_resource (const PrensaDocument *document,
                                                  const PrensaNode *node,
                                                  const char *url,
                                                  gsize max,
                                                  char **path,
                                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaDocument, prensa_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaLoader, prensa_loader_free)

G_END_DECLS
