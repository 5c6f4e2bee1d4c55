/* failing.c: a filter that fails, and one that builds a malformed tree
 * (a paragraph outside any part): both must fail the conversion with
 * nothing written. Which one runs is the "how" option.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-filter.h>

static PrensaDocument *
failing (const PrensaDocument *doc, const PrensaOptions *options, GError **error)
{
  if (g_getenv ("FAILING_FILTER_MALFORMED")) {
    PrensaBuilder *b = prensa_filter_builder_new (doc);
    prensa_builder_open (b, PRENSA_NODE_PARAGRAPH, 0, 0);
    prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
    return prensa_filter_builder_finish (b, error);
  }
  if (g_getenv ("FAILING_FILTER_SAME"))
    return (PrensaDocument *) doc;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "the failing filter fails on purpose");
  return NULL;
}

PRENSA_FILTER_DEFINE ("failing", "Fails (a test)", NULL, failing);
