/* html.c: the HTML writer plugin: one standalone HTML5 page (or a fragment
 * to embed), with semantic interview markup and a print stylesheet.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-private.h"

static const PrensaOptionSpec html_options[] = {
  { "css", NULL,
    "A stylesheet FILE to link (or to copy in, with embed-resources), "
    "after the built-in one" },
  { "default-css", "true",
    "Include the built-in stylesheet (false: only css=FILE styles the page)" },
  { "embed-resources", "false",
    "Inline local images as data: URIs and copy css=FILE into the page" },
  { "toc", "false", "Add a table of contents listing the headings" },
  { "toc-depth", "3", "Heading levels listed in the table of contents (1-6)" },
  { "fragment", "false",
    "Write the body content only, to embed in another page" },
  { "labels", "first",
    "Speaker labels: first (full name, then the id), name, id or none" },
  { NULL }
};

PRENSA_WRITER_DEFINE ("html", "HTML5 page, standalone, for screen and print",
                      "html", "text/html", html_options, html_write_document);
