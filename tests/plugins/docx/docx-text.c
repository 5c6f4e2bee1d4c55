/* docx-text.c: prints the text a DOCX of the given inputs should hold,
 * from the document model alone, for comparison with what LibreOffice
 * reads out of the DOCX (tests/plugins/docx/docx-check.py).
 *
 * The rules mirror the writer's contract, not its code: a title block
 * (title, subtitle, the byline prensa_part_byline gives, worded with
 * prensa_word and prensa_names_join, the date spelled out in the
 * document's language by prensa_date_spell) per part; a speaker label, full name at
 * the first turn of a speaker in a part and id afterwards, before a turn;
 * a figure's caption (prensa_node_get_figure, prensa_image_dup_caption);
 * a book's own title block first when it has one; raw HTML left out; inline
 * images show nothing and images that cannot be embedded show their
 * description; a task item opens with its box (☐ or ☒); a table's cells
 * follow one another; a footnote reference shows the number Word gives
 * it (notes are numbered through the whole document in order of first
 * reference, and a later reference shows the same number), and the notes
 * themselves are left out, as LibreOffice's text export leaves them.
 * Whitespace is not significant: the checker normalises it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <prensa/prensa.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const PrensaDocument *doc;
  GString *out;
  GHashTable *seen;
  GHashTable *notes; /* FOOTNOTE_DEFINITION → its number in Word */
} Dump;

static const char *
task_box (const PrensaNode *item)
{
  switch (prensa_node_get_item_task (item))
    {
    case PRENSA_TASK_OPEN: return "\u2610 ";
    case PRENSA_TASK_DONE: return "\u2612 ";
    default: return "";
    }
}

/* Whether a block can hold an item's box (else the box has a paragraph
 * of its own). */
static gboolean
holds_box (const PrensaNode *node)
{
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_PARAGRAPH:
    case PRENSA_NODE_HEADING:
    case PRENSA_NODE_CODE_BLOCK:
    case PRENSA_NODE_THEMATIC_BREAK:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
note_number (Dump *d, const PrensaNode *ref)
{
  const PrensaNode *note = prensa_node_get_footnote (ref);
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (d->notes, note));

  if (number == 0)
    {
      number = g_hash_table_size (d->notes) + 1;
      g_hash_table_insert (d->notes, (gpointer) note, GUINT_TO_POINTER (number));
    }
  g_string_append_printf (d->out, "%u", number);
}

static gboolean
embeddable (Dump *d, const PrensaNode *image)
{
  g_autofree char *path = prensa_document_resolve_resource (d->doc, image,
                                                            prensa_node_get_url (image),
                                                            NULL);

  return path && !g_str_has_suffix (path, ".svg");
}

static void
title_block (Dump *d, const PrensaValue *meta, const PrensaNode *part)
{
  static const char *const keys[] = { "title", "subtitle" };
  const char *date = prensa_value_lookup_string (meta, "date");
  const char *lang = prensa_document_get_meta_string (d->doc, "lang");
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  PrensaWord word;

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (prensa_value_lookup_string (meta, keys[i]))
      g_string_append_printf (d->out, "%s\n", prensa_value_lookup_string (meta, keys[i]));
  if (prensa_part_byline (part, meta, &before, &word, &after))
    {
      g_autofree char *first = before ? prensa_names_join (lang, (const char *const *) before) : NULL;
      g_autofree char *last = prensa_names_join (lang, (const char *const *) after);

      g_string_append_printf (d->out, "%s%s%s %s\n", first ? first : "", first ? " " : "",
                              prensa_word (lang, word), last);
    }
  if (date)
    {
      g_autofree char *spelled =
        prensa_date_spell (prensa_document_get_meta_string (d->doc, "lang"), date);

      g_string_append_printf (d->out, "%s\n", spelled ? spelled : date);
    }
}

static void
label (Dump *d, const PrensaSpeaker *speaker)
{
  const char *name = prensa_speaker_get_name (speaker);

  if (g_hash_table_contains (d->seen, speaker) || !name || !*name)
    name = prensa_speaker_get_id (speaker);
  g_hash_table_add (d->seen, (gpointer) speaker);
  g_string_append_printf (d->out, "%s: ", name);
}

static void
enter (Dump *d, PrensaIter *iter, const PrensaNode *node, guint *part)
{
  const PrensaNode *parent = prensa_node_parent (node);
  const PrensaNode *only = prensa_node_first_child (node);

  if (parent && prensa_node_get_node_type (parent) == PRENSA_NODE_ITEM
      && prensa_node_first_child (parent) == node && holds_box (node))
    g_string_append (d->out, task_box (parent));
  switch (prensa_node_get_node_type (node))
    {
    case PRENSA_NODE_ITEM:
      if (*task_box (node) && !(only && holds_box (only)))
        g_string_append_printf (d->out, "%s\n", task_box (node));
      break;
    case PRENSA_NODE_FOOTNOTE_REFERENCE:
      note_number (d, node);
      break;
    case PRENSA_NODE_FOOTNOTE_DEFINITION:
      prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
      break;
    case PRENSA_NODE_PART:
      g_hash_table_remove_all (d->seen);
      /* A book with a title of its own opens with its title block. */
      if (++*part == 1 && prensa_document_get_headline (d->doc) != NULL)
        title_block (d, prensa_document_get_meta (d->doc), prensa_document_get_root (d->doc));
      title_block (d, prensa_node_get_part_meta (node), node);
      break;
    case PRENSA_NODE_PARAGRAPH:
      if (prensa_node_get_node_type (parent) == PRENSA_NODE_TURN
          && prensa_node_first_child (parent) == node)
        label (d, prensa_node_get_speaker (parent));
      if (prensa_node_get_figure (node) && embeddable (d, only))
        {
          g_autofree char *caption = prensa_image_dup_caption (only);

          g_string_append_printf (d->out, "\n%s\n", caption);
          prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
        }
      break;
    case PRENSA_NODE_TURN:
      if (!only || prensa_node_get_node_type (only) != PRENSA_NODE_PARAGRAPH)
        {
          label (d, prensa_node_get_speaker (node));
          g_string_append_c (d->out, '\n');
        }
      break;
    case PRENSA_NODE_CODE_BLOCK:
    case PRENSA_NODE_TEXT:
    case PRENSA_NODE_CODE:
      g_string_append (d->out, prensa_node_get_literal (node, NULL));
      break;
    case PRENSA_NODE_SOFTBREAK: g_string_append_c (d->out, ' '); break;
    case PRENSA_NODE_LINEBREAK: g_string_append_c (d->out, '\n'); break;
    case PRENSA_NODE_IMAGE:
      if (!embeddable (d, node))
        {
          g_autofree char *alt = prensa_node_dup_text (node);
          g_string_append (d->out, alt);
        }
      prensa_iter_reset (iter, node, PRENSA_EVENT_EXIT);
      break;
    default:
      break;
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(PrensaLoader) loader = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  g_autoptr(PrensaDocument) doc = NULL;
  g_autoptr(PrensaIter) iter = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) notes = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  guint part = 0;
  PrensaEventType ev;
  Dump d;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!prensa_loader_add_file (loader, argv[i], &error))
        {
          g_printerr ("docx-text: %s\n", error->message);
          return 1;
        }
    }
  doc = prensa_loader_finish (loader);
  d = (Dump) { doc, out, seen, notes };
  iter = prensa_iter_new (prensa_document_get_root (doc));
  while ((ev = prensa_iter_next (iter)) != PRENSA_EVENT_DONE)
    {
      const PrensaNode *node = prensa_iter_get_node (iter);

      if (ev == PRENSA_EVENT_ENTER)
        enter (&d, iter, node, &part);
      else if (ev == PRENSA_EVENT_EXIT && prensa_node_type_is_block (prensa_node_get_node_type (node)))
        g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  return 0;
}
