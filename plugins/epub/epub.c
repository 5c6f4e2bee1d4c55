/* epub.c: the EPUB 3 writer: e-books and multi-document toolkits.
 *
 * The plan (epub-plan.c) splits the document into chapter files and
 * places every id, the renderers write the XHTML (epub-xhtml.c, raw HTML
 * in epub-html.c), the package document and navigation (epub-opf.c,
 * epub-nav.c), and this file puts them in the OCF zip in a fixed order,
 * with the mimetype entry first and stored as OCF requires.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "epub-private.h"

#include <libxml/parser.h>
#include "epub-resources.h"

#define EPUB_STYLESHEET "/org/prensa/plugins/epub/epub.css"

G_DEFINE_QUARK (prensa-epub-error-quark, prensa_epub_error)

static const PrensaOptionSpec epub_options[] = {
  { "split-level", "1",
    "Start a new chapter file at headings of this level or above "
    "(0: one file per input)" },
  { "toc-depth", "3", "Heading levels listed in the table of contents (1-6)" },
  { "labels", "first",
    "Speaker labels: first (full name on a speaker's first turn in a part, "
    "the id after), name, id or none" },
  { "title-page", "true", "Begin the book with a title page" },
  { "css", NULL,
    "Use this CSS file instead of the built-in formats/epub/epub.css" },
  { "stylesheet", NULL, "The old name of css, as the html writer calls it" },
  { NULL }
};

static void
epub_book_free (EpubBook *book)
{
  g_free (book->title);
  g_free (book->subtitle);
  g_free (book->lang);
  g_free (book->identifier);
  g_free (book->date);
  g_free (book->modified);
  g_strfreev (book->authors);
  g_ptr_array_unref (book->chapters);
  g_ptr_array_unref (book->parts);
  g_hash_table_unref (book->targets);
  g_hash_table_unref (book->aliases);
  g_hash_table_unref (book->fragments);
  g_hash_table_unref (book->images_by_path);
  g_ptr_array_unref (book->images);
  g_ptr_array_unref (book->nav);
  g_clear_pointer (&book->stylesheet, g_bytes_unref);
  g_free (book);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpubBook, epub_book_free)

static EpubBook *
epub_book_new (const PrensaDocument *doc)
{
  EpubBook *book = g_new0 (EpubBook, 1);

  book->doc = doc;
  book->parts = g_ptr_array_new_with_free_func (epub_part_free);
  book->chapters = g_ptr_array_new_with_free_func (epub_chapter_free);
  book->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         epub_target_free);
  book->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         epub_target_free);
  book->fragments = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                           epub_fragment_free);
  book->images = g_ptr_array_new_with_free_func (epub_image_free);
  book->images_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  book->nav = g_ptr_array_new_with_free_func (epub_nav_item_free);
  book->toolkit = prensa_document_get_n_parts (doc) > 1;
  return book;
}

static gboolean
read_options (EpubBook *book, const PrensaOptions *options, GError **error)
{
  const char *stylesheet = prensa_options_get (options, "css");
  gint64 split_level, toc_depth;
  guint labels = PRENSA_LABELS_FIRST;
  g_autofree char *css = NULL;
  gsize length = 0;

  if (!prensa_options_get_int (options, "split-level", 0, 6, &split_level, error)
      || !prensa_options_get_int (options, "toc-depth", 1, 6, &toc_depth, error)
      || !prensa_options_get_boolean (options, "title-page", &book->title_page, error))
    return FALSE;
  book->split_level = (int) split_level;
  book->toc_depth = (int) toc_depth;
  if (!prensa_options_get_choice (options, "labels", prensa_labels_choices (), &labels, error))
    return FALSE;
  book->labels = (PrensaLabels) labels;
  if (prensa_options_get (options, "stylesheet") != NULL)
    {
      prensa_warning ("epub option 'stylesheet' is now 'css', as in the html writer");
      if (stylesheet == NULL)
        stylesheet = prensa_options_get (options, "stylesheet");
    }
  if (stylesheet == NULL)
    {
      /* The global lookup: see html_load_stylesheet. */
      book->stylesheet = g_resources_lookup_data (EPUB_STYLESHEET,
                                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      return book->stylesheet != NULL;
    }
  if (!prensa_file_get_contents (stylesheet, (gsize) 16 << 20, &css, &length, error))
    {
      g_prefix_error (error, "stylesheet: ");
      return FALSE;
    }
  if (!g_utf8_validate (css, length, NULL))
    {
      g_set_error (error, PRENSA_EPUB_ERROR, PRENSA_EPUB_ERROR_STYLESHEET,
                   "stylesheet %s is not UTF-8 text", stylesheet);
      return FALSE;
    }
  book->stylesheet = g_bytes_new_take (g_steal_pointer (&css), length);
  return TRUE;
}

static void
render_book (EpubBook *book)
{
  guint i;

  epub_book_read_meta (book);
  epub_book_plan (book);
  epub_book_load_cover (book);
  for (i = 0; i < book->chapters->len; i++)
    epub_render_chapter (book, g_ptr_array_index (book->chapters, i));
}

static gboolean
add_text (PrensaZip *zip, const char *name, GString *text, GError **error)
{
  g_autofree char *path = g_strconcat (EPUB_ROOT, name, NULL);

  return prensa_zip_add_string (zip, path, text, PRENSA_ZIP_DEFLATE, error);
}

static gboolean
add_images (PrensaZip *zip, EpubBook *book, GError **error)
{
  guint i;

  for (i = 0; i < book->images->len; i++)
    {
      EpubImage *image = g_ptr_array_index (book->images, i);
      g_autofree char *path = g_strconcat (EPUB_ROOT, image->file, NULL);
      /* PNG, JPEG and GIF are compressed already. */
      PrensaZipFlags flags = g_str_has_suffix (image->file, ".svg")
                             ? PRENSA_ZIP_DEFLATE : PRENSA_ZIP_STORE;

      if (!prensa_zip_add_bytes (zip, path, image->data, flags, error))
        return FALSE;
    }
  return TRUE;
}

/* Fixed order: mimetype first and stored (OCF §4.3), then the container,
 * the package document, navigation, style, pages, images. */
static gboolean
assemble (EpubBook *book, PrensaZip *zip, GError **error)
{
  static const char mimetype[] = "application/epub+zip";
  gsize css_length;
  const void *css = g_bytes_get_data (book->stylesheet, &css_length);
  guint i;

  if (!prensa_zip_add (zip, "mimetype", mimetype, sizeof mimetype - 1,
                       PRENSA_ZIP_STORE, error)
      || !prensa_zip_add_string (zip, "META-INF/container.xml",
                                 epub_render_container (), PRENSA_ZIP_DEFLATE, error)
      || !add_text (zip, "package.opf", epub_render_opf (book), error)
      || !add_text (zip, "nav.xhtml", epub_render_nav (book), error)
      || !add_text (zip, "toc.ncx", epub_render_ncx (book), error)
      || !prensa_zip_add (zip, EPUB_ROOT "css/epub.css", css, css_length,
                          PRENSA_ZIP_DEFLATE, error))
    return FALSE;
  if (book->cover != NULL
      && !add_text (zip, "cover.xhtml", epub_render_cover_page (book), error))
    return FALSE;
  if (book->title_page
      && !add_text (zip, "title.xhtml", epub_render_title_page (book), error))
    return FALSE;
  for (i = 0; i < book->chapters->len; i++)
    {
      EpubChapter *chapter = g_ptr_array_index (book->chapters, i);

      if (!add_text (zip, chapter->file, g_steal_pointer (&chapter->xhtml), error))
        return FALSE;
    }
  return add_images (zip, book, error);
}

static gboolean
write_epub (const PrensaDocument *document,
            const PrensaOptions *options,
            PrensaOutput *output,
            GError **error)
{
  g_autoptr(EpubBook) book = epub_book_new (document);
  g_autoptr(PrensaZip) zip = NULL;

  if (!read_options (book, options, error))
    return FALSE;
  render_book (book);
  zip = prensa_zip_new ();
  if (!assemble (book, zip, error))
    return FALSE;
  return prensa_zip_finish (zip, output, error);
}

/* libxml2 sets up its globals on first use, which is not safe when two
 * --batch threads get there at once: do it when the module is loaded,
 * which the host does on one thread before any conversion. */
__attribute__((constructor)) static void
epub_init_libxml (void)
{
  xmlInitParser ();
}

PRENSA_WRITER_DEFINE ("epub", "EPUB 3 e-book (with an NCX for EPUB 2 readers)",
                      "epub", "application/epub+zip",
                      epub_options, write_epub);
