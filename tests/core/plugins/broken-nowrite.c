/* broken-nowrite.c: a writer without its write function.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

PRENSA_WRITER_DEFINE ("nowrite", "No write function", "nw", "text/plain", NULL, NULL);
