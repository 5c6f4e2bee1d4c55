/* pdf-ahead.c: paragraphs broken into lines on a second core while the
 * first places and draws them.
 *
 * Breaking a paragraph (pdf-text.c: its words looked up or shaped, then
 * Knuth and Plass) needs nothing of the page it will fall on. So the
 * body's blocks go through a queue to a measuring thread, which sets each
 * one's text with a cache and a font map of its own, and come back in
 * order to the pager, on the calling thread.
 *
 * cairo 1.16's scaled fonts are not safe to use from two threads at once
 * (their glyph caches crash; see pdf.c), and cairo hands every Pango font
 * map the same ones. So the calling thread holds @mutex from the start to
 * pdf_ahead_stop, and lets the measurer take it only between blocks or
 * while it waits for one. The measurer asks for it just where Pango
 * reaches cairo: once a font, for the font's extents, and to shape a
 * word with a character its font lacks (Pango asks cairo for the size of
 * the box it draws). Its other work (itemizing, HarfBuzz shaping, the
 * breaking, the lookups) touches no cairo font (pdf-text.c's
 * own_extents), and runs beside the calling thread's.
 *
 * The fonts the measurer makes are cairo's same scaled fonts, so the PDF
 * is the same, byte for byte, as when one thread does it all; on one
 * processor, one does.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pdf-private.h"

/* Blocks sent ahead and not yet placed, at most: enough for the pages
 * being drawn, little memory. */
#define AHEAD_MAX 64

struct _PdfAhead {
  PdfPager *pager;
  GThread *thread;
  GAsyncQueue *todo;        /* PdfBlock to measure, then the stop mark */
  GAsyncQueue *done;        /* measured, in the order sent */
  guint in_flight;
  PangoFontMap *map;        /* the measurer's */
  PangoContext *context;
  PdfTextCache *cache;
  GMutex mutex;             /* Pango's fonts and cairo (see above) */
  GMutex gate;
  GCond cond;
  gint waiting;             /* the measurer wants @mutex */
};

static char stop_mark;

static gpointer
measure_ahead (gpointer data)
{
  PdfAhead *a = data;

  for (;;)
    {
      PdfBlock *b = g_async_queue_pop (a->todo);

      if (b == (gpointer) &stop_mark)
        return NULL;
      if (b->layout && !b->line_top && !b->text)
        {
          b->text = pdf_text_set (a->cache, b->layout, b->colors, b->hyphen_from, b->whole);
          b->text_tried = TRUE;
        }
      g_async_queue_push (a->done, b);
    }
}

void
pdf_ahead_enter_fonts (PdfAhead *a)
{
  g_atomic_int_inc (&a->waiting);
  g_mutex_lock (&a->mutex);
}

void
pdf_ahead_leave_fonts (PdfAhead *a)
{
  g_mutex_unlock (&a->mutex);
  g_mutex_lock (&a->gate);
  g_atomic_int_dec_and_test (&a->waiting);
  g_cond_broadcast (&a->cond);
  g_mutex_unlock (&a->gate);
}

/* The calling thread, between blocks: a measurer waiting for the fonts
 * gets them first. */
static void
let_in (PdfAhead *a)
{
  if (g_atomic_int_get (&a->waiting) == 0)
    return;
  g_mutex_unlock (&a->mutex);
  g_mutex_lock (&a->gate);
  while (g_atomic_int_get (&a->waiting) > 0)
    g_cond_wait (&a->cond, &a->gate);
  g_mutex_unlock (&a->gate);
  g_mutex_lock (&a->mutex);
}

/* A measurer for the blocks of @layouts (the body's context, for @cr
 * and @lang), placing them with @pager; NULL on one processor. The
 * calling thread holds the fonts from now until pdf_ahead_stop. */
PdfAhead *
pdf_ahead_new (PdfPager *pager, cairo_t *cr, PangoContext *layouts, const char *lang)
{
  PdfAhead *a;

  if (g_get_num_processors () < 2)
    return NULL;
  a = g_new0 (PdfAhead, 1);
  a->pager = pager;
  a->map = pango_cairo_font_map_new ();
  a->context = pdf_body_context (cr, a->map, lang);
  a->cache = pdf_text_cache_new ();
  pdf_text_cache_set_language (a->cache, lang);
  /* Text laid out in the body's context, shaped in the measurer's. */
  pdf_text_cache_share (a->cache, a->context, layouts, a);
  g_mutex_init (&a->mutex);
  g_mutex_init (&a->gate);
  g_cond_init (&a->cond);
  a->todo = g_async_queue_new ();
  a->done = g_async_queue_new ();
  g_mutex_lock (&a->mutex);
  a->thread = g_thread_new ("prensa-pdf-ahead", measure_ahead, a);
  return a;
}

/* Places what has come back, waiting for the oldest while more than
 * @most are out. */
static void
place_returned (PdfAhead *a, guint most)
{
  for (;;)
    {
      PdfBlock *b = g_async_queue_try_pop (a->done);

      if (!b && a->in_flight > most)
        {
          g_mutex_unlock (&a->mutex);
          b = g_async_queue_pop (a->done);
          g_mutex_lock (&a->mutex);
        }
      if (!b)
        return;
      a->in_flight--;
      pdf_pager_add (a->pager, b);
    }
}

void
pdf_ahead_add (PdfAhead *a, PdfBlock *block)
{
  g_async_queue_push (a->todo, block);
  a->in_flight++;
  let_in (a);
  place_returned (a, AHEAD_MAX);
}

void
pdf_ahead_flush (PdfAhead *a)
{
  if (a)
    place_returned (a, 0);
}

/* Places every block sent, ends the measurer and gives the fonts back.
 * What it set may still be drawn: its fonts live until pdf_ahead_free. */
void
pdf_ahead_stop (PdfAhead *a)
{
  if (!a || !a->thread)
    return;
  pdf_ahead_flush (a);
  g_async_queue_push (a->todo, &stop_mark);
  g_mutex_unlock (&a->mutex);
  g_thread_join (a->thread);
  a->thread = NULL;
}

void
pdf_ahead_free (PdfAhead *a)
{
  if (!a)
    return;
  pdf_ahead_stop (a);
  pdf_text_cache_free (a->cache);
  g_object_unref (a->context);
  g_object_unref (a->map);
  g_async_queue_unref (a->todo);
  g_async_queue_unref (a->done);
  g_mutex_clear (&a->mutex);
  g_mutex_clear (&a->gate);
  g_cond_clear (&a->cond);
  g_free (a);
}
