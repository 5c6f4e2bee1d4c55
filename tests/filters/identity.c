/* identity.c: the smallest filter, a copy of the whole document. The
 * test checks every writer's output is the same with and without it.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-filter.h>

static PrensaDocument *
identity (const PrensaDocument *doc, const PrensaOptions *options, GError **error)
{
  PrensaBuilder *b = prensa_filter_builder_new (doc);
  prensa_builder_add_copy (b, prensa_document_get_root (doc));
  return prensa_filter_builder_finish (b, error);
}

PRENSA_FILTER_DEFINE ("identity", "Changes nothing (a test)", NULL, identity);
