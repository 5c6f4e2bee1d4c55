/* prensa-zip.h: zip containers for EPUB (OCF) and DOCX (OPC), built in
 * memory with libzip and written to a PrensaOutput.
 *
 * Entries keep the order they are added in. Every entry carries the time
 * of prensa_source_date(), so the same input and SOURCE_DATE_EPOCH give
 * byte-identical archives.
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
  PRENSA_ZIP_DEFLATE = 0,
  PRENSA_ZIP_STORE = 1 << 0, /* uncompressed, as EPUB's mimetype must be */
} PrensaZipFlags;

/* Returns: (transfer full). */
PRENSA_API PrensaZip *prensa_zip_new (void);
PRENSA_API void prensa_zip_free (PrensaZip *zip);

/* Adds @name with @length bytes of @data (copied). */
PRENSA_API gboolean prensa_zip_add (PrensaZip *zip,
                                    const char *name,
                                    const void *data,
                                    gsize length,
                                    PrensaZipFlags flags,
                                    GError **error);
/* Adds @name with the contents of a GString, which it takes and frees. */
PRENSA_API gboolean prensa_zip_add_string (PrensaZip *zip,
                                           const char *name,
                                           GString *data,
                                           PrensaZipFlags flags,
                                           GError **error);
/* Adds @name with the contents of the file at @path. */
PRENSA_API gboolean prensa_zip_add_file (PrensaZip *zip,
                                         const char *name,
                                         const char *path,
                                         PrensaZipFlags flags,
                                         GError **error);

/* Builds the archive and writes it to @output. */
PRENSA_API gboolean prensa_zip_finish (PrensaZip *zip,
                                       PrensaOutput *output,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrensaZip, prensa_zip_free)

G_END_DECLS
