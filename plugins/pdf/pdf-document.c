/* pdf-document.c: the PDF surface, its metadata, and the run from
 * settings to the last page.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

G_DEFINE_QUARK (prensa-pdf-error-quark, prensa_pdf_error)

typedef struct {
  PrensaOutput *output;
  PdfOwn *own;               /* or NULL */
} Sink;

static cairo_status_t
write_to_output (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;
  PrensaOutput *output = sink->output;

  if (sink->own)
    pdf_own_tee (sink->own, data, length);
  prensa_output_write (output, data, length);
  return prensa_output_failed (output) ? CAIRO_STATUS_WRITE_ERROR
                                       : CAIRO_STATUS_SUCCESS;
}

static void
set_joined (cairo_surface_t *surface, cairo_pdf_metadata_t field,
            const PrensaDocument *document, const char *key)
{
  g_auto(GStrv) values = prensa_document_dup_meta_strv (document, key);

  if (values && values[0])
    {
      g_autofree char *joined = g_strjoinv (", ", values);
      cairo_pdf_surface_set_metadata (surface, field, joined);
    }
}

/* Title, author, subject (the description, else the subtitle), keywords
 * (the subject list) and both dates from prensa_source_date(): without
 * the dates cairo would stamp the current time and no two runs would
 * give the same bytes. */
static void
set_metadata (cairo_surface_t *surface, const PrensaDocument *document)
{
  const char *title = prensa_document_get_title (document);
  const char *subject = prensa_document_get_meta_string (document, "description");
  g_autoptr(GDateTime) now = prensa_source_date ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  if (!subject || !*subject)
    subject = prensa_document_get_meta_string (document, "subtitle");
  if (title && *title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  set_joined (surface, CAIRO_PDF_METADATA_AUTHOR, document, "author");
  if (subject && *subject)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  set_joined (surface, CAIRO_PDF_METADATA_KEYWORDS, document, "subject");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "prensa");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, stamp);
}

/* Running heads show a title the metadata gives, not one taken from the
 * first heading (a book's first chapter), a file name or "Untitled". */
static const char *
running_title (const PrensaDocument *document)
{
  if (prensa_document_get_title_source (document) == PRENSA_TITLE_METADATA)
    return prensa_document_get_title (document);
  return NULL;
}

/* The cover-image, when the metadata names one that loads, on a page of
 * its own before the text: as large as the paper holds it whole, centred
 * (a cover of the paper's proportions fills it), with no running head
 * and no folio; the text's folios count from the page after it, as a
 * magazine's do. One that does not load is left out with a warning. */
static void
draw_cover (cairo_t *cr, const PrensaDocument *document, const PdfSettings *st)
{
  const char *url = prensa_document_get_meta_string (document, "cover-image");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  cairo_surface_t *image = NULL;
  int w = 0, h = 0;
  double scale;

  if (!url || !*url)
    return;
  /* Opened once, beneath its folder (prensa_document_load_resource), and
   * decoded no larger than the page shows at print resolution. */
  data = prensa_document_load_resource (document, NULL, url, PDF_IMAGE_MAX_BYTES, NULL, &error);
  if (data)
    image = pdf_image_load (data, st->width, st->height, &w, &h, &error);
  if (!image)
    {
      prensa_warning ("pdf: cover image “%s” is left out: %s", url,
                      error ? error->message : "unreadable");
      return;
    }
  scale = MIN (st->width / w, st->height / h);
  cairo_save (cr);
  cairo_translate (cr, (st->width - w * scale) / 2, (st->height - h * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  pdf_own_show_page (cr);
  cairo_surface_destroy (image);
}

static gboolean
check_cairo (cairo_status_t status, PrensaOutput *output, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  /* A write error is the sink's own, with its own message. */
  if (status == CAIRO_STATUS_WRITE_ERROR && prensa_output_failed (output))
    return TRUE;
  g_set_error (error, PRENSA_PDF_ERROR, PRENSA_PDF_ERROR_CAIRO,
               "cairo: %s", cairo_status_to_string (status));
  return FALSE;
}

/* Both runs break every page alike (see PdfContents); should they ever
 * not, the numbers printed are wrong, and the user is told. */
static gboolean
same_pages (GHashTable *rehearsed, GHashTable *real)
{
  GHashTableIter it;
  gpointer key, page;

  if (g_hash_table_size (rehearsed) != g_hash_table_size (real))
    return FALSE;
  g_hash_table_iter_init (&it, real);
  while (g_hash_table_iter_next (&it, &key, &page))
    if (g_hash_table_lookup (rehearsed, key) != page)
      return FALSE;
  return TRUE;
}

/* One run of the body through a pager, where each heading falls
 * recorded in @pages (or NULL): a rehearsal draws nothing. */
static gboolean
lay_out (const PrensaDocument *document, const PdfSettings *st, cairo_t *cr,
         const PdfContents *contents, GHashTable *pages, gboolean rehearsal,
         GError **error)
{
  PdfPager *pager = pdf_pager_new (cr, st, running_title (document));
  gboolean ok;

  pdf_text_cache_set_language (pdf_pager_get_text_cache (pager),
                               prensa_document_get_meta_string (document, "lang"));
  if (rehearsal)
    pdf_pager_rehearse (pager);
  pdf_pager_record_pages (pager, pages);
  ok = pdf_body_write (document, st, cr, pager, contents, rehearsal, error);
  if (ok)
    pdf_pager_finish (pager);
  pdf_pager_free (pager);
  return ok;
}

gboolean
pdf_document_write (const PrensaDocument *document,
                    const PrensaOptions *options,
                    PrensaOutput *output,
                    GError **error)
{
  PdfSettings st;
  PdfContents contents = { NULL, NULL };
  GHashTable *again = NULL;  /* where the headings fell in the real run */
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok = TRUE;
  Sink sink = { output, NULL };

  if (!pdf_settings_load (&st, document, options, error))
    {
      pdf_settings_clear (&st);
      return FALSE;
    }
  if (st.own_text)
    sink.own = pdf_own_new (st.height);
  surface = cairo_pdf_surface_create_for_stream (write_to_output, &sink,
                                                 st.width, st.height);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  set_metadata (surface, document);
  cr = cairo_create (surface);
  if (sink.own)
    pdf_own_attach (sink.own, cr);
  /* A contents page costs a rehearsal; a document without one is set
   * once. The rehearsal draws nothing, so the cover still comes first. */
  if (st.toc_depth > 0)
    {
      GHashTable *pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      contents.entries = prensa_document_dup_contents (document, st.toc_depth);
      ok = contents.entries->len == 0
           || lay_out (document, &st, cr, &contents, pages, TRUE, error);
      contents.pages = pages;
      if (contents.entries->len > 0)
        again = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  if (ok)
    {
      draw_cover (cr, document, &st);
      ok = lay_out (document, &st, cr, contents.entries ? &contents : NULL, again, FALSE, error);
    }
  if (ok && again && !same_pages (contents.pages, again))
    prensa_warning ("pdf: the contents page's numbers may be off: the headings fell "
                    "on other pages than in the rehearsal");
  g_clear_pointer (&again, g_hash_table_unref);
  g_clear_pointer (&contents.entries, g_array_unref);
  g_clear_pointer (&contents.pages, g_hash_table_unref);
  ok = ok && check_cairo (cairo_status (cr), output, error);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = ok && check_cairo (cairo_surface_status (surface), output, error);
  cairo_surface_destroy (surface);
  ok = ok && (!sink.own || pdf_own_finish (sink.own, output, error));
  pdf_own_free (sink.own);
  pdf_settings_clear (&st);
  return ok;
}
