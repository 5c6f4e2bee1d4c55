/* prensa-zip.h: zip containers for EPUB (OCF) and DOCX (OPC), built in
 * memory with libzip and written to a PrensaOutput.
 *
 * Entries keep the order they are added in. Every entry carries the time
 * of prensa_source_date(), so the same input and SOURCE_DATE_EPOCH give
 * byte-identical archives.
 *
 *   g_autoptr (PrensaZip) zip = prensa_zip_new ();
 *   if (!prensa_zip_add (zip, "mimetype", "application/epub+zip", 20,
 *                        PRENSA_ZIP_STORE, error)
 *       || !prensa_zip_add_string (zip, "EPUB/nav.xhtml", nav, 0, error)
 *       || !prensa_zip_finish (zip, output, error))
 *     return FALSE;
 *
 * Names are the entry's path inside the archive, '/'-separated, stored as
 * UTF-8; adding a name twice is an error. Errors are
 * PRENSA_ZIP_ERROR_FAILED with a message naming the entry, except where a
 * function says otherwise. After an error, do not finish the archive (it
 * would lack the entry): free the zip and return the error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <prensa/prensa-version.h>
#include <prensa/prensa-output.h>

G_BEGIN_DECLS

typedef struct _PrensaZip PrensaZip;

#define PRENSA_ZIP_ERROR (prensa_zip_error_quark ())
PRENSA_API GQuark prensa_zip_error_quark (void);

typedef enum {
  PRENSA_ZIP_ERROR_FAILED,
} PrensaZipError;

typedef enum {
  PRENSA_ZIP_DEFLATE = 0,   /* compressed (entries under 512 bytes are stored: deflate would not pay) */
  PRENSA_ZIP_STORE = 1 << 0, /* uncompressed, as EPUB's mimetype must be */
} PrensaZipFlags;

/* An empty archive. Returns: (transfer full): free with prensa_zip_free()
 * whether or not it was finished. */
PRENSA_API PrensaZip *prensa_zip_new (void);
/* Frees @zip and whatever it holds; NULL is ok. */
PRENSA_API void prensa_zip_free (PrensaZip *zip);

/* Adds @name with @length bytes of @data, copied (the caller keeps
 * @data). DEFLATE compresses, PRENSA_ZIP_STORE stores as is. */
PRENSA_API gboolean prensa_zip_add (PrensaZip *zip,
                                    const char *name,
                                    const void *data,
                                    gsize length,
                                    PrensaZipFlags flags,
                                    GError **error);
/* Adds @name with the contents of @data, a GString it takes and frees
 * (transfer full), on failure too, so `prensa_zip_add_string (zip, name,
 * g_steal_pointer (&s), …)` never leaks. */
PRENSA_API gboolean prensa_zip_add_string (PrensaZip *zip,
                                           const char *name,
                                           GString *data,
                                           PrensaZipFlags flags,
                                           GError **error);
/* Adds @name with @data: a document resource as
 * prensa_document_load_resource() read it, so that the file packed is the
 * file checked (there is no way to add a file by its name, which a swap
 * between check and read would betray). */
PRENSA_API gboolean prensa_zip_add_bytes (PrensaZip *zip,
                                          const char *name,
                                          GBytes *data,
                                          PrensaZipFlags flags,
                                          GError **error);

/* Builds the archive and writes it to @output (borrowed; the host
 * commits it). Call it once: the zip takes no entries afterwards, on
 * success or failure. */
PRENSA_API gboolean prensa_zip_finish (PrensaZip *zip,
                                       PrensaOutput *output,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaZip, prensa_zip_free)

G_END_DECLS
