/* txt-lines.c: line output of the plain-text writer: prefixes, blank
 * lines between blocks, and the link references and note numbers of a
 * section.
 *
 * Every line is written through txt_writer_line(), which puts the prefix
 * of each open block quote and list item in front of it, so nesting is
 * handled in one place. Trailing spaces are cut (except inside code
 * blocks), which also turns a quote's blank line into ">" rather than "> ".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "txt-private.h"

#include <string.h>

/* Lines are handed to the sink in chunks of about this size. */
#define FLUSH_SIZE 65536

/* Where lines are centred when wrapping is off. */
#define DEFAULT_MEASURE 72

static void
frame_clear (gpointer data)
{
  TxtFrame *frame = data;

  g_free (frame->first);
  g_free (frame->rest);
}

TxtWriter *
txt_writer_new (PrensaOutput *output, gsize wrap, TxtLabelStyle labels)
{
  TxtWriter *w = g_new0 (TxtWriter, 1);

  w->output = output;
  w->out = g_string_sized_new (FLUSH_SIZE);
  w->wrap = wrap;
  w->labels = labels;
  w->frames = g_array_new (FALSE, TRUE, sizeof (TxtFrame));
  g_array_set_clear_func (w->frames, frame_clear);
  w->lists = g_array_new (FALSE, TRUE, sizeof (TxtList));
  w->refs = g_ptr_array_new_with_free_func (g_free);
  w->ref_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  w->seen_speakers = g_hash_table_new (NULL, NULL);
  w->notes = g_ptr_array_new ();
  w->note_numbers = g_hash_table_new (NULL, NULL);
  w->lines = g_array_new (FALSE, FALSE, sizeof (TxtLine));
  w->text = g_string_new (NULL);
  return w;
}


static void
flush (TxtWriter *w)
{
  prensa_output_write (w->output, w->out->str, w->out->len);
  g_string_truncate (w->out, 0);
}

/* Hands the rest to the sink. Output always ends with exactly one newline:
 * every line ends with one, no blank line is ever left at the end, and an
 * empty document gives a single newline. */
void
txt_writer_finish (TxtWriter *w)
{
  if (!w->any_output)
    g_string_append_c (w->out, '\n');
  flush (w);
}

void
txt_writer_free (TxtWriter *w)
{
  if (w == NULL)
    return;
  g_string_free (w->out, TRUE);
  g_array_unref (w->frames);
  g_array_unref (w->lists);
  g_hash_table_unref (w->ref_numbers);
  g_ptr_array_unref (w->refs);
  g_hash_table_unref (w->seen_speakers);
  g_ptr_array_unref (w->notes);
  g_hash_table_unref (w->note_numbers);
  g_array_unref (w->lines);
  g_string_free (w->text, TRUE);
  g_clear_pointer (&w->open_links, g_array_unref);
  g_free (w->pending_label);
  g_free (w);
}

void
txt_writer_push_frame (TxtWriter *w, const char *first, const char *rest)
{
  TxtFrame frame = { g_strdup (first), g_strdup (rest), FALSE };

  g_array_append_val (w->frames, frame);
}

void
txt_writer_pop_frame (TxtWriter *w)
{
  g_return_if_fail (w->frames->len > 0);
  g_array_set_size (w->frames, w->frames->len - 1);
}

/* The width text may take on a line inside the open frames: 0 means no
 * limit; a frame wider than the wrap width leaves one column, so words go
 * one to a line rather than vanishing. */
static gsize
measure_at (const TxtWriter *w, gsize wrap)
{
  gsize used = 0;

  if (wrap == 0)
    return 0;
  for (guint i = 0; i < w->frames->len; i++)
    used += prensa_text_width (g_array_index (w->frames, TxtFrame, i).rest, -1);
  return wrap > used ? wrap - used : 1;
}

gsize
txt_writer_measure (const TxtWriter *w)
{
  return measure_at (w, w->wrap);
}

static void
rtrim (GString *s, gsize floor)
{
  while (s->len > floor && (s->str[s->len - 1] == ' '
                            || s->str[s->len - 1] == '\t'))
    g_string_truncate (s, s->len - 1);
}

/* Writes one line with the frames' prefixes; an item's marker goes on the
 * first line written inside it. @verbatim keeps trailing spaces of @text
 * (code), but a line with no text never ends in spaces. */
void
txt_writer_line (TxtWriter *w, const char *text, gssize length,
                 gboolean verbatim)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;

  for (guint i = 0; i < w->frames->len; i++)
    {
      TxtFrame *frame = &g_array_index (w->frames, TxtFrame, i);

      const char *prefix = frame->started ? frame->rest : frame->first;

      prensa_string_put_len (w->out, prefix, strlen (prefix));
      frame->started = TRUE;
    }
  prensa_string_put_len (w->out, text, len);
  if (!verbatim || len == 0)
    rtrim (w->out, 0);
  g_string_append_c (w->out, '\n');
  w->any_output = TRUE;
  if (w->out->len >= FLUSH_SIZE)
    flush (w);
}

static void
blank_line (TxtWriter *w)
{
  for (guint i = 0; i < w->frames->len; i++)
    g_string_append (w->out, g_array_index (w->frames, TxtFrame, i).rest);
  rtrim (w->out, 0);
  g_string_append_c (w->out, '\n');
}

/* Called before a block's first line: one blank line when the block before
 * asked for it, none at the very top. */
void
txt_writer_separate (TxtWriter *w)
{
  if (w->blank_pending && w->any_output)
    blank_line (w);
  w->blank_pending = FALSE;
}

void
txt_writer_fill (TxtWriter *w, const char *text, gssize length)
{
  txt_wrap (w->lines, text, length, txt_writer_measure (w), FALSE);
  for (guint i = 0; i < w->lines->len; i++)
    {
      const TxtLine *line = &g_array_index (w->lines, TxtLine, i);

      txt_writer_line (w, line->text, line->length, FALSE);
    }
}

/* @text filled, then a rule of @rule as wide as its widest line (and the
 * same rule above it with @overline). */
void
txt_writer_underlined (TxtWriter *w, const char *text, char rule,
                       gboolean overline)
{
  GArray *lines = w->lines;
  g_autoptr(GString) line = g_string_new (NULL);
  gsize width = 0;

  txt_wrap (lines, text, -1, txt_writer_measure (w), FALSE);
  for (guint i = 0; i < lines->len; i++)
    width = MAX (width, g_array_index (lines, TxtLine, i).width);
  for (gsize i = 0; i < width; i++)
    g_string_append_c (line, rule);
  if (overline)
    txt_writer_line (w, line->str, line->len, FALSE);
  for (guint i = 0; i < lines->len; i++)
    txt_writer_line (w, g_array_index (lines, TxtLine, i).text,
                     g_array_index (lines, TxtLine, i).length, FALSE);
  txt_writer_line (w, line->str, line->len, FALSE);
}

/* One line centred in the measure (72 columns when wrapping is off). */
void
txt_writer_centred (TxtWriter *w, const char *text)
{
  gsize measure = measure_at (w, w->wrap != 0 ? w->wrap : DEFAULT_MEASURE);
  gsize width = prensa_text_width (text, -1);
  g_autoptr(GString) line = g_string_new (NULL);

  if (measure > width)
    for (gsize i = 0; i < (measure - width) / 2; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  txt_writer_line (w, line->str, line->len, FALSE);
}

/* Numbers a link target for the current section. Numbers run through the
 * whole document, so "[3]" means one thing wherever it is read; the same
 * target twice in one section keeps its number and is listed once. */
guint
txt_writer_add_ref (TxtWriter *w, const char *url, const char *title)
{
  g_autofree char *entry = NULL;
  gpointer number;

  if (title != NULL && *title != '\0')
    entry = g_strdup_printf ("%s \"%s\"", url, title);
  else
    entry = g_strdup (url);
  if (g_hash_table_lookup_extended (w->ref_numbers, entry, NULL, &number))
    return GPOINTER_TO_UINT (number);
  /* The table borrows the key from refs, which outlives it per section. */
  g_hash_table_insert (w->ref_numbers, entry, GUINT_TO_POINTER (++w->n_refs));
  g_ptr_array_add (w->refs, g_steal_pointer (&entry));
  return w->n_refs;
}

/* Lists the section's references, one to a line and never wrapped: a URL
 * cut in two would no longer work when copied. */
void
txt_writer_flush_refs (TxtWriter *w)
{
  guint first = w->n_refs - w->refs->len + 1;
  g_autoptr(GString) line = NULL;

  if (w->refs->len == 0)
    return;
  line = g_string_new (NULL);
  txt_writer_separate (w);
  for (guint i = 0; i < w->refs->len; i++)
    {
      g_string_assign (line, "[");
      prensa_string_append_int (line, first + i);
      g_string_append (line, "] ");
      g_string_append (line, w->refs->pdata[i]);
      txt_writer_line (w, line->str, line->len, FALSE);
    }
  g_hash_table_remove_all (w->ref_numbers);
  g_ptr_array_set_size (w->refs, 0);
  w->blank_pending = TRUE;
}

/* Numbers a footnote the first time it is referred to, as links are
 * numbered: through the whole document (the core numbers notes per part,
 * but "[^2]" should mean one note wherever it is read). A note is listed
 * once, after the section of its first reference; later references reuse
 * its number. */
guint
txt_writer_add_note (TxtWriter *w, const PrensaNode *note)
{
  gpointer number;

  if (g_hash_table_lookup_extended (w->note_numbers, note, NULL, &number))
    return GPOINTER_TO_UINT (number);
  g_hash_table_insert (w->note_numbers, (gpointer) note,
                       GUINT_TO_POINTER (++w->n_notes));
  g_ptr_array_add (w->notes, (gpointer) note);
  return w->n_notes;
}
