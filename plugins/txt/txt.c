/* txt.c: the plain-text writer plugin.
 *
 * UTF-8 text wrapped by display width; see txt-render.c for the layout and
 * txt-wrap.c for where lines break.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "txt-private.h"

/* Wider than any terminal; keeps the filler's arithmetic far from overflow. */
#define MAX_WRAP 100000

static const PrensaOptionSpec txt_options[] = {
  { "wrap", "72",
    "Wrap lines at this many display columns (0: no wrapping)" },
  { "labels", "first",
    "Speaker labels: first (full name on a speaker's first turn in a part, "
    "the id after), name, id or none" },
  { "speaker-labels", NULL, "The old name of labels (its auto is first)" },
  { "toc", "false", "List the headings under the title block" },
  { "toc-depth", "3", "Heading levels listed in the table of contents (1-6)" },
  { NULL }
};

static const char *const old_label_styles[] = { "auto", "name", "id", "none", NULL };

static gboolean
write_txt (const PrensaDocument *document,
           const PrensaOptions *options,
           PrensaOutput *output,
           GError **error)
{
  g_autoptr(TxtWriter) w = NULL;
  gint64 wrap, toc_depth;
  guint labels;
  gboolean toc = FALSE;

  if (!prensa_options_get_int (options, "wrap", 0, MAX_WRAP, &wrap, error)
      || !prensa_options_get_choice (options, "labels", prensa_labels_choices (),
                                     &labels, error)
      || !prensa_options_get_boolean (options, "toc", &toc, error)
      || !prensa_options_get_int (options, "toc-depth", 1, 6, &toc_depth, error))
    return FALSE;
  if (prensa_options_get (options, "speaker-labels") != NULL)
    {
      prensa_warning ("txt option 'speaker-labels' is now 'labels', as in every writer");
      if (!prensa_options_get_choice (options, "speaker-labels", old_label_styles,
                                      &labels, error))
        return FALSE;
    }
  w = txt_writer_new (output, (gsize) wrap, (TxtLabelStyle) labels);
  w->lang = prensa_document_get_meta_string (document, "lang");
  w->toc_depth = toc ? (guint) toc_depth : 0;
  txt_render_document (w, document);
  txt_writer_finish (w);
  return TRUE;
}

PRENSA_WRITER_DEFINE ("txt", "Plain text (UTF-8, wrapped)", "txt",
                      "text/plain", txt_options, write_txt);
