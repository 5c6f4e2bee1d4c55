/* zip.c: EPUB and DOCX containers, built in memory with libzip.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "prensa-private.h"

G_DEFINE_QUARK (prensa-zip-error-quark, prensa_zip_error)

struct _PrensaZip {
  zip_source_t *buffer; /* where the archive is written */
  zip_t *archive;
  time_t mtime;
  GPtrArray *held;      /* GBytes libzip reads from until the archive is written */
};

/* libzip stores DOS times, which it derives with localtime(); shifting by
 * the local offset makes the stored fields read as UTC, so the archive's
 * bytes do not depend on the machine's time zone. */
static time_t
stable_mtime (void)
{
  g_autoptr (GDateTime) t = prensa_source_date ();
  gint64 s = g_date_time_to_unix (t);
  const gint64 dos_epoch = 315532800; /* 1980-01-01, the earliest DOS time */
  if (s < dos_epoch)
    s = dos_epoch;
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (s);
  return (time_t) (s - g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND);
}

PrensaZip *
prensa_zip_new (void)
{
  PrensaZip *z = g_new0 (PrensaZip, 1);
  zip_error_t err;
  zip_error_init (&err);
  z->buffer = zip_source_buffer_create (NULL, 0, 0, &err);
  if (z->buffer == NULL)
    g_error ("libzip: %s", zip_error_strerror (&err)); /* only out of memory */
  zip_source_keep (z->buffer);
  /* libzip 1.7 fills two static masks on its first zip_open_from_source,
   * with no lock: a thread opening at that moment could see one filled
   * and the other not, and got "Read-only archive" (writers of EPUB and
   * DOCX on two threads, 1 run in about 200 under ASan). The first open
   * is made alone; the others see both masks. */
  static gsize first_open = 0;
  if (g_once_init_enter (&first_open)) {
    z->archive = zip_open_from_source (z->buffer, ZIP_TRUNCATE, &err);
    g_once_init_leave (&first_open, 1);
  } else {
    z->archive = zip_open_from_source (z->buffer, ZIP_TRUNCATE, &err);
  }
  if (z->archive == NULL)
    g_error ("libzip: %s", zip_error_strerror (&err));
  zip_error_fini (&err);
  z->mtime = stable_mtime ();
  z->held = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  return z;
}

void
prensa_zip_free (PrensaZip *zip)
{
  if (zip == NULL)
    return;
  if (zip->archive)
    zip_discard (zip->archive);
  zip_source_free (zip->buffer);
  g_ptr_array_unref (zip->held);
  g_free (zip);
}

static gboolean
fail (GError **error, const char *what, const char *name, zip_error_t *err)
{
  g_set_error (error, PRENSA_ZIP_ERROR, PRENSA_ZIP_ERROR_FAILED, "zip: %s %s: %s",
               what, name ? name : "", zip_error_strerror (err));
  return FALSE;
}

/* Adds @name from @src, a source over bytes that live until the archive
 * is written. */
static gboolean
add_source (PrensaZip *zip, const char *name, zip_source_t *src, gsize length,
            PrensaZipFlags flags, GError **error)
{
  zip_int64_t idx = zip_file_add (zip->archive, name, src, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free (src);
    return fail (error, "cannot add", name, zip_get_error (zip->archive));
  }
  /* Setting up deflate costs more than it saves on a few hundred bytes
   * (a relationship part, a container.xml): those are stored. The rest
   * uses zlib's fastest level: on a book's document.xml it halves the
   * time of a DOCX against level 6 for about a fifth more bytes, and
   * readers do not care. */
  gboolean store = (flags & PRENSA_ZIP_STORE) != 0 || length < 512;
  if (zip_set_file_compression (zip->archive, (zip_uint64_t) idx,
                                store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 1) < 0
      || zip_file_set_mtime (zip->archive, (zip_uint64_t) idx, zip->mtime, 0) < 0)
    return fail (error, "cannot set up", name, zip_get_error (zip->archive));
  return TRUE;
}

gboolean
prensa_zip_add (PrensaZip *zip, const char *name, const void *data, gsize length,
                PrensaZipFlags flags, GError **error)
{
  g_return_val_if_fail (zip != NULL && zip->archive != NULL && name != NULL, FALSE);
  /* libzip frees the copy with free() once the archive is written. */
  void *copy = malloc (MAX (length, 1));
  if (copy == NULL)
    g_error ("out of memory");
  if (length)
    memcpy (copy, data, length);
  zip_source_t *src = zip_source_buffer (zip->archive, copy, length, 1);
  if (src == NULL) {
    free (copy);
    return fail (error, "cannot add", name, zip_get_error (zip->archive));
  }
  return add_source (zip, name, src, length, flags, error);
}

gboolean
prensa_zip_add_string (PrensaZip *zip, const char *name, GString *data,
                       PrensaZipFlags flags, GError **error)
{
  g_return_val_if_fail (data != NULL, FALSE);
  gboolean ok = prensa_zip_add (zip, name, data->str, data->len, flags, error);
  g_string_free (data, TRUE);
  return ok;
}

gboolean
prensa_zip_add_bytes (PrensaZip *zip, const char *name, GBytes *data,
                      PrensaZipFlags flags, GError **error)
{
  g_return_val_if_fail (zip != NULL && zip->archive != NULL && name != NULL && data != NULL,
                        FALSE);
  /* No copy: an image may be a good part of the book, and the writer
   * holds its bytes already. */
  gsize length;
  const void *bytes = g_bytes_get_data (data, &length);
  zip_source_t *src = zip_source_buffer (zip->archive, length ? bytes : "", length, 0);
  if (src == NULL)
    return fail (error, "cannot add", name, zip_get_error (zip->archive));
  g_ptr_array_add (zip->held, g_bytes_ref (data));
  return add_source (zip, name, src, length, flags, error);
}

gboolean
prensa_zip_finish (PrensaZip *zip, PrensaOutput *output, GError **error)
{
  g_return_val_if_fail (zip != NULL && zip->archive != NULL && output != NULL, FALSE);
  if (zip_close (zip->archive) < 0) {
    gboolean r = fail (error, "cannot build the archive", NULL, zip_get_error (zip->archive));
    zip_discard (zip->archive);
    zip->archive = NULL;
    return r;
  }
  zip->archive = NULL;
  zip_stat_t st;
  zip_stat_init (&st);
  if (zip_source_stat (zip->buffer, &st) < 0 || zip_source_open (zip->buffer) < 0)
    return fail (error, "cannot read the archive", NULL, zip_source_error (zip->buffer));
  char chunk[65536];
  zip_int64_t n;
  while ((n = zip_source_read (zip->buffer, chunk, sizeof chunk)) > 0)
    prensa_output_write (output, chunk, (gsize) n);
  zip_source_close (zip->buffer);
  if (n < 0)
    return fail (error, "cannot read the archive", NULL, zip_source_error (zip->buffer));
  return TRUE;
}
