/* broken-filter-abi.c: a filter built against a future ABI.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-filter.h>

static PrensaDocument *
nothing (const PrensaDocument *doc, const PrensaOptions *options, GError **error)
{
  return NULL;
}

PRENSA_PLUGIN_EXPORT extern const PrensaFilter prensa_filter;
const PrensaFilter prensa_filter = {
  PRENSA_PLUGIN_ABI + 41, "filterabi", "Wrong ABI", NULL, nothing, { NULL }
};
