/* descriptor-seed.c: the module the fuzz-descriptor seeds are built from
 * (see fuzz-descriptor.c). SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-reader.h>
#include <prensa/prensa-filter.h>
static gboolean w (const PrensaDocument *d, const PrensaOptions *o, PrensaOutput *out, GError **e) { return TRUE; }
static gboolean r (PrensaBuilder *b, const char *data, gsize n, GError **e) { return TRUE; }
static PrensaDocument *f (const PrensaDocument *d, const PrensaOptions *o, GError **e) { return NULL; }
PRENSA_WRITER_DEFINE ("seed", "A seed for the descriptor fuzzer", "sd", "text/plain", NULL, w);
PRENSA_READER_DEFINE ("seed", "Reads seeds", "sd,seed", "text/plain", PRENSA_READER_TEXT, NULL, r);
PRENSA_FILTER_DEFINE ("seed", "Filters seeds", NULL, f);
