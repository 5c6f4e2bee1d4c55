/* hostile.c: a filter that tries to make unsafe output: a javascript:
 * link, a file: image, control characters and a noncharacter in text,
 * a URL and a code block. The core must clean all of it.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-filter.h>

static PrensaDocument *
hostile (const PrensaDocument *doc, const PrensaOptions *options, GError **error)
{
  PrensaBuilder *b = prensa_filter_builder_new (doc);
  const PrensaNode *root = prensa_document_get_root (doc);
  for (const PrensaNode *part = prensa_node_first_child (root); part; part = prensa_node_next (part)) {
    prensa_builder_open_part (b, part, 0, 0);
    prensa_builder_open (b, PRENSA_NODE_PARAGRAPH, 0, 0);
    prensa_builder_add (b, PRENSA_NODE_TEXT, "HOSTILE bell\x07 nul", -1, NULL, 0, 0);
    prensa_builder_add (b, PRENSA_NODE_TEXT, "\0after-nul \x1b[31m esc \xEF\xBF\xBE nonchar ", 32, NULL, 0, 0);
    prensa_builder_open_link (b, PRENSA_NODE_LINK, "javascript:alert(1)", "t\x01itle", 0, 0);
    prensa_builder_add (b, PRENSA_NODE_TEXT, "click me", -1, NULL, 0, 0);
    prensa_builder_close (b, PRENSA_NODE_LINK);
    prensa_builder_add (b, PRENSA_NODE_TEXT, " ", -1, NULL, 0, 0);
    prensa_builder_open_link (b, PRENSA_NODE_LINK, " JaVaScRiPt:alert(2)", NULL, 0, 0);
    prensa_builder_add (b, PRENSA_NODE_TEXT, "and me", -1, NULL, 0, 0);
    prensa_builder_close (b, PRENSA_NODE_LINK);
    prensa_builder_add (b, PRENSA_NODE_TEXT, " ", -1, NULL, 0, 0);
    prensa_builder_open_link (b, PRENSA_NODE_IMAGE, "file:///etc/passwd", NULL, 0, 0);
    prensa_builder_add (b, PRENSA_NODE_TEXT, "secret", -1, NULL, 0, 0);
    prensa_builder_close (b, PRENSA_NODE_IMAGE);
    prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
    prensa_builder_add (b, PRENSA_NODE_CODE_BLOCK, "code\x02]]>", -1, "c\x03", 0, 0);
    for (const PrensaNode *c = prensa_node_first_child (part); c; c = prensa_node_next (c))
      prensa_builder_add_copy (b, c);
    prensa_builder_close (b, PRENSA_NODE_PART);
  }
  return prensa_filter_builder_finish (b, error);
}

PRENSA_FILTER_DEFINE ("hostile", "Tries to smuggle unsafe content (a test)", NULL, hostile);
