/* interview.c: standfirst, turns and back matter out of plain blocks, and
 * heading anchors.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

/* How a part's blocks become an interview.
 *
 * Speakers are the ones the front matter declares or, when it declares
 * none, the ones the labels name: a label is a short capitalised name (or
 * initials) and a colon opening a paragraph, `Name:`, `**Name:**` or
 * `**Name**:`. A label counts as a speaker when two paragraphs open with
 * it, or when it is one of the two labels of the opening exchange (two
 * paragraphs in a row, the first two labelled); at least two speakers are
 * needed, and at most MAX_INFERRED are taken. A label used once must look
 * like a person's name (two words or more) or initials. The first to speak is the
 * interviewer unless the metadata's `interviewer` (or `author`) names
 * others.
 *
 * Labels match a speaker by id, full name, first name or surname, in any
 * case; a label-like opening that matches none but is within a small edit
 * distance of one is taken as that speaker with a warning, any other is
 * reported and continues the turn.
 *
 * Turns: a labelled paragraph starts one, an unlabelled block continues
 * it (a pull quote, which is nobody's, goes after the turn it interrupts). When the labels stop after an opening run that alternates between
 * two speakers (a transcript labelled on its first exchange only), each
 * later paragraph is the other speaker's turn. Back matter is what follows
 * the first thematic break after the last labelled paragraph, or a closing
 * editor's note ("This interview has been edited and condensed", in six
 * languages). `turns: labelled` (front matter or -M) keeps to declared
 * speakers, labelled turns and breaks. What was inferred is stated in one
 * warning line per part.
 *
 * Every step is linear in the part: lookups go through hash tables, and
 * the edit-distance search is bounded (FUZZY_BUDGET labels against at most
 * FUZZY_SPEAKERS speakers, labels of at most MAX_LABEL bytes).
 */
#define MAX_LABEL 64
#define MAX_INFERRED 16
#define FUZZY_BUDGET 64
#define FUZZY_SPEAKERS 32
#define MAX_REPORTS 5

typedef enum { OPEN_NONE, OPEN_PLAIN, OPEN_INSIDE, OPEN_AFTER } OpeningKind;

/* A paragraph's "LABEL:" opening, before any speaker is matched. */
typedef struct {
  OpeningKind kind;
  const char *text;  /* the label, in the paragraph's text */
  gsize length;
} Opening;

static gboolean
is_text (const PrensaNode *n)
{
  return n != NULL && n->type == PRENSA_NODE_TEXT;
}

/* Whether @text[@colon] is a colon ending a label: followed by the end of
 * the text or by any Unicode space (pasted interviews often have a no-break
 * space). */
static gboolean
colon_ends_label (const char *text, gsize length, gsize colon)
{
  if (colon == 0 || colon >= length || text[colon] != ':')
    return FALSE;
  return colon + 1 == length || g_unichar_isspace (g_utf8_get_char (text + colon + 1));
}

static gboolean
parse_opening (const PrensaNode *para, Opening *o)
{
  o->kind = OPEN_NONE;
  if (para->type != PRENSA_NODE_PARAGRAPH || para->first_child == NULL)
    return FALSE;
  const PrensaNode *first = para->first_child;
  if (is_text (first)) {
    const char *colon = memchr (first->literal, ':', MIN (first->length, MAX_LABEL + 1));
    if (colon == NULL || !colon_ends_label (first->literal, first->length, colon - first->literal))
      return FALSE;
    *o = (Opening) { OPEN_PLAIN, first->literal, colon - first->literal };
    return TRUE;
  }
  if ((first->type != PRENSA_NODE_STRONG && first->type != PRENSA_NODE_EMPH)
      || !is_text (first->first_child) || first->first_child != first->last_child)
    return FALSE;
  const PrensaNode *inner = first->first_child;
  if (inner->length == 0 || inner->length > MAX_LABEL + 1)
    return FALSE;
  if (inner->length > 1 && inner->literal[inner->length - 1] == ':') {
    *o = (Opening) { OPEN_INSIDE, inner->literal, inner->length - 1 };
    return TRUE;
  }
  if (is_text (first->next) && first->next->length > 0 && first->next->literal[0] == ':') {
    *o = (Opening) { OPEN_AFTER, inner->literal, inner->length };
    return TRUE;
  }
  return FALSE;
}

static void
skip_spaces (PrensaNode *text)
{
  while (text->length > 0 && g_unichar_isspace (g_utf8_get_char (text->literal))) {
    const char *next = g_utf8_next_char (text->literal);
    text->length -= next - text->literal;
    text->literal = next;
  }
}

/* Removes the opening @o found in @para (and a break right after it). */
static void
strip_opening (PrensaNode *para, const Opening *o)
{
  PrensaNode *first = para->first_child, *rest;
  if (o->kind == OPEN_PLAIN) {
    first->literal += o->length + 1;
    first->length -= o->length + 1;
    rest = first;
  } else {
    PrensaNode *after = first->next;
    prensa_node_unlink (first);
    if (o->kind == OPEN_AFTER) {
      after->literal++;
      after->length--;
    }
    rest = para->first_child;
  }
  if (is_text (rest)) {
    skip_spaces (rest);
    if (rest->length == 0) {
      prensa_node_unlink (rest);
      rest = para->first_child;
    }
  }
  if (rest && (rest->type == PRENSA_NODE_SOFTBREAK || rest->type == PRENSA_NODE_LINEBREAK))
    prensa_node_unlink (rest);
}

static char *
fold (const char *text, gssize length)
{
  g_autofree char *folded = g_utf8_casefold (text, length);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
}

/* Particles that may stand lower-case inside a name. */
static const char *const particles[] = {
  "de", "da", "del", "della", "di", "do", "dos", "das", "du", "la", "le", "van", "von",
  "der", "den", "ten", "ter", "y", "e", "bin", "ibn", "al", "el", NULL
};

/* Openings of prose that look like labels (case-folded). */
static const char *const not_labels[] = {
  "note", "notes", "nb", "n.b.", "ps", "p.s.", "update", "updated", "warning", "caution",
  "editor's note", "editor’s note", "editors' note", "editors’ note", "correction",
  "corrections", "clarification", "disclaimer", "disclosure", "source", "sources", "photo",
  "photos", "image", "caption", "credit", "credits", "tip", "example", "summary", "edit",
  "addendum", "see also", "related", "read more", "important", "transcript", "date", "time",
  "location", "published", "translation", "translated by", "contents", "keywords", "tags",
  "nota", "notas", "actualización", "aviso", "fuente", "fuentes", "remarque", "mise à jour",
  "avertissement", "hinweis", "anmerkung", "achtung", "quelle", "fonte", "aggiornamento",
  "atenção", "atualização", "nota do editor", "nota del editor", "nota de la redacción",
  "note de la rédaction", "anmerkung der redaktion", "nota della redazione", NULL
};

static gboolean
in_list (const char *const *list, const char *word, gsize length)
{
  for (guint i = 0; list[i]; i++)
    if (strlen (list[i]) == length && strncmp (list[i], word, length) == 0)
      return TRUE;
  return FALSE;
}

/* A name of 1–4 capitalised words (particles and numbers between them
 * allowed) or initials, and no prose word such as "Note". */
static gboolean
label_like (const char *label, gsize length)
{
  if (length == 0 || length > MAX_LABEL)
    return FALSE;
  guint words = 0, capitalised = 0;
  const char *p = label, *end = label + length;
  while (p < end) {
    const char *w = p;
    while (p < end && *p != ' ')
      p++;
    if (p == w)
      return FALSE; /* two spaces, or a space at either end */
    gunichar c = g_utf8_get_char (w);
    gboolean upper = g_unichar_isupper (c) || g_unichar_istitle (c);
    gboolean digits = TRUE;
    for (const char *q = w; q < p; q = g_utf8_next_char (q)) {
      gunichar d = g_utf8_get_char (q);
      digits = digits && g_ascii_isdigit (d);
      if (!g_unichar_isalnum (d) && !g_unichar_ismark (d) && d != '.' && d != '\'' && d != 0x2019
          && d != '-')
        return FALSE;
    }
    if (upper)
      capitalised++;
    else if (words == 0 || !(digits || in_list (particles, w, p - w)))
      return FALSE;
    words++;
    if (p < end)
      p++;
  }
  if (words > 5 || capitalised > 4 || capitalised == 0)
    return FALSE;
  g_autofree char *folded = fold (label, length);
  return !in_list (not_labels, folded, strlen (folded));
}

static guint
edit_distance (const gunichar *a, glong la, const gunichar *b, glong lb)
{
  guint row[MAX_LABEL + 1];
  for (glong j = 0; j <= lb; j++)
    row[j] = j;
  for (glong i = 1; i <= la; i++) {
    guint diag = row[0];
    row[0] = i;
    for (glong j = 1; j <= lb; j++) {
      guint up = row[j];
      row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] != b[j - 1]));
      diag = up;
    }
  }
  return row[lb];
}

typedef struct {
  PrensaArena *arena;
  GPtrArray *speakers;
  const char *name;
  guint line_offset;
  GHashTable *full;     /* folded id or name → speaker */
  GHashTable *parts;    /* folded first name or surname → speaker, or &ambiguous */
  GHashTable *fuzzy;    /* folded label → speaker or &ambiguous (no match), memo */
  guint fuzzy_left;
} Matcher;

static const PrensaSpeaker ambiguous;

static void
index_key (GHashTable *table, const char *key, gssize length, const PrensaSpeaker *sp)
{
  char *k = fold (key, length);
  const PrensaSpeaker *had = g_hash_table_lookup (table, k);
  if (had == NULL)
    g_hash_table_insert (table, k, (gpointer) sp);
  else {
    if (had != sp)
      g_hash_table_insert (table, g_strdup (k), (gpointer) &ambiguous);
    g_free (k);
  }
}

static void
index_speaker (Matcher *m, const PrensaSpeaker *sp)
{
  index_key (m->full, sp->id, -1, sp);
  index_key (m->full, sp->name, -1, sp);
  const char *space = strchr (sp->name, ' ');
  if (space == NULL)
    return;
  index_key (m->parts, sp->name, space - sp->name, sp);
  index_key (m->parts, strrchr (sp->name, ' ') + 1, -1, sp);
}

static const PrensaSpeaker *
lookup (GHashTable *table, const char *key)
{
  const PrensaSpeaker *sp = g_hash_table_lookup (table, key);
  return sp == &ambiguous ? NULL : sp;
}

static guint
close_enough (glong length)
{
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

/* The one speaker whose id, name or part of name is within a small edit
 * distance of @folded, else NULL. */
static const PrensaSpeaker *
fuzzy_search (Matcher *m, const char *folded)
{
  glong la;
  g_autofree gunichar *a = g_utf8_to_ucs4_fast (folded, -1, &la);
  const PrensaSpeaker *best = NULL;
  guint best_d = G_MAXUINT;
  gboolean tie = FALSE;
  for (guint i = 0; i < m->speakers->len && i < FUZZY_SPEAKERS; i++) {
    const PrensaSpeaker *sp = m->speakers->pdata[i];
    g_auto (GStrv) words = g_strsplit (sp->name, " ", -1);
    guint n_words = g_strv_length (words);
    const char *keys[4] = { sp->id, sp->name, n_words > 1 ? words[0] : NULL,
                            n_words > 1 ? words[n_words - 1] : NULL };
    for (guint k = 0; k < 4; k++) {
      if (keys[k] == NULL)
        continue;
      g_autofree char *fk = fold (keys[k], -1);
      glong lb;
      g_autofree gunichar *b = g_utf8_to_ucs4_fast (fk, -1, &lb);
      guint limit = close_enough (lb);
      if (lb > MAX_LABEL || la > MAX_LABEL || ABS (la - lb) > (glong) limit)
        continue;
      guint d = edit_distance (a, la, b, lb);
      if (d == 0 || d > limit || d > best_d)
        continue;
      tie = d == best_d && best != sp;
      if (d < best_d)
        best = sp;
      best_d = d;
    }
  }
  return tie ? NULL : best;
}

/* Speaker for a label, exactly (ignoring case) or by part of a name. */
static const PrensaSpeaker *
match_exact (Matcher *m, const char *folded)
{
  const PrensaSpeaker *sp = lookup (m->full, folded);
  return sp ? sp : lookup (m->parts, folded);
}

static const PrensaSpeaker *
match_fuzzy (Matcher *m, const char *folded)
{
  gpointer memo;
  if (g_hash_table_lookup_extended (m->fuzzy, folded, NULL, &memo))
    return memo == &ambiguous ? NULL : memo;
  if (m->fuzzy_left == 0)
    return NULL;
  m->fuzzy_left--;
  const PrensaSpeaker *sp = fuzzy_search (m, folded);
  g_hash_table_insert (m->fuzzy, g_strdup (folded), sp ? (gpointer) sp : (gpointer) &ambiguous);
  return sp;
}

static guint
file_line (const Matcher *m, const PrensaNode *n)
{
  /* the builder already made node lines lines of the file */
  (void) m;
  return n->line;
}

typedef enum { LABEL_NONE, LABEL_EXACT, LABEL_NEAR, LABEL_UNKNOWN } LabelMatch;

/* Who opens @para; @how says whether it was a near miss, or a label of
 * no one. */
static const PrensaSpeaker *
paragraph_speaker (Matcher *m, const PrensaNode *para, Opening *o, gboolean lenient, guint8 *how)
{
  *how = LABEL_NONE;
  if (!parse_opening (para, o))
    return NULL;
  g_autofree char *folded = fold (o->text, o->length);
  const PrensaSpeaker *sp = match_exact (m, folded);
  if (sp || !lenient || !label_like (o->text, o->length)) {
    *how = sp ? LABEL_EXACT : LABEL_NONE;
    return sp;
  }
  sp = match_fuzzy (m, folded);
  *how = sp ? LABEL_NEAR : LABEL_UNKNOWN;
  return sp;
}

/* Near misses always; labels of no one where labels make the turns. */
static void
report_labels (const Matcher *m, PrensaNode **blocks, const guint8 *how, const Opening *openings,
               const PrensaSpeaker **who, guint n_blocks, gboolean alternate)
{
  guint reports = 0;
  for (guint i = 0; i < n_blocks; i++) {
    const Opening *o = &openings[i];
    if (how[i] == LABEL_NEAR || (how[i] == LABEL_UNKNOWN && !alternate)) {
      if (reports++ >= MAX_REPORTS)
        continue;
      if (how[i] == LABEL_NEAR)
        prensa_warning ("%s:%u: took the label '%.*s' as %s", m->name, file_line (m, blocks[i]),
                        (int) o->length, o->text, who[i]->name);
      else
        prensa_warning ("%s:%u: the label '%.*s' names no speaker; the paragraph continues the turn",
                        m->name, file_line (m, blocks[i]), (int) o->length, o->text);
    }
  }
  if (reports > MAX_REPORTS)
    prensa_warning ("%s: %u more labels like those above", m->name, reports - MAX_REPORTS);
}

typedef struct _Candidate {
  char *label;        /* as first written */
  guint count;
  gboolean opening;   /* one of the opening exchange's two labels */
  gboolean named;     /* looks like a person's name or initials */
  struct _Candidate *typo_of; /* a label used more often, a few letters off */
} Candidate;

/* A label used once counts only when it looks like a person: two words
 * or more ("Sarah Jaffe"), or initials ("SJ", "Q"). One ordinary word
 * ("Links:", "Images:") must be used twice. */
static gboolean
person_like (const char *label)
{
  if (strchr (label, ' '))
    return TRUE;
  guint n = 0;
  for (const char *p = label; *p; p = g_utf8_next_char (p), n++)
    if (!g_unichar_isupper (g_utf8_get_char (p)) && *p != '.')
      return FALSE;
  return n <= 4;
}

static void
candidate_free (gpointer data)
{
  Candidate *c = data;
  g_free (c->label);
  g_free (c);
}

/* Whether the metadata's interviewer (or author) names @sp. */
static gboolean
named_in (const PrensaValue *value, const PrensaSpeaker *sp)
{
  if (value == NULL)
    return FALSE;
  g_auto (GStrv) names = prensa_value_dup_strv (value);
  g_autofree char *id = fold (sp->id, -1);
  for (guint i = 0; names && names[i]; i++) {
    g_autofree char *n = fold (names[i], -1);
    if (strcmp (n, id) == 0)
      return TRUE;
  }
  return FALSE;
}

static void
assign_roles (GPtrArray *speakers, const PrensaValue *named)
{
  gboolean any = FALSE;
  for (guint i = 0; i < speakers->len; i++)
    any = any || named_in (named, speakers->pdata[i]);
  for (guint i = 0; i < speakers->len; i++) {
    PrensaSpeaker *sp = speakers->pdata[i];
    gboolean asks = any ? named_in (named, sp) : i == 0;
    sp->role = asks ? PRENSA_ROLE_INTERVIEWER : PRENSA_ROLE_INTERVIEWEE;
  }
}

/* A label a few letters off one used more often ("Sarah Jafe" once,
 * "Sarah Jaffe" five times) is a typo of it: the speaker is the common
 * spelling, and takes the typo's place in the order of speaking. Only
 * for a handful of labels, so the cost stays bounded. */
static void
find_typos (GPtrArray *order)
{
  if (order->len > 64)
    return;
  for (guint i = 0; i < order->len; i++) {
    Candidate *c = order->pdata[i];
    g_autofree char *fc = fold (c->label, -1);
    glong la;
    g_autofree gunichar *a = g_utf8_to_ucs4_fast (fc, -1, &la);
    for (guint j = 0; j < order->len && la <= MAX_LABEL; j++) {
      Candidate *d = order->pdata[j];
      if (d == c || d->count <= c->count)
        continue;
      g_autofree char *fd = fold (d->label, -1);
      glong lb;
      g_autofree gunichar *b = g_utf8_to_ucs4_fast (fd, -1, &lb);
      guint limit = close_enough (MIN (la, lb));
      if (lb > MAX_LABEL || ABS (la - lb) > (glong) limit)
        continue;
      guint dist = edit_distance (a, la, b, lb);
      if (dist > 0 && dist <= limit && (c->typo_of == NULL || d->count > c->typo_of->count))
        c->typo_of = d;
    }
  }
  for (guint i = 0; i < order->len; i++) {
    Candidate *c = order->pdata[i];
    if (c->typo_of && c->typo_of->typo_of == NULL) {
      c->typo_of->count += c->count;
      c->typo_of->opening |= c->opening;
    }
  }
}

/* Speakers from the labels of @blocks, into m->speakers; returns how many
 * labels that qualified were left out over MAX_INFERRED. */
static guint
infer_speakers (Matcher *m, PrensaNode **blocks, guint n_blocks, const PrensaValue *named)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (candidate_free);
  gint first_at = -1;
  guint labelled = 0;
  for (guint i = 0; i < n_blocks; i++) {
    Opening o;
    if (!parse_opening (blocks[i], &o) || !label_like (o.text, o.length))
      continue;
    char *folded = fold (o.text, o.length);
    Candidate *c = g_hash_table_lookup (seen, folded);
    if (c == NULL) {
      c = g_new0 (Candidate, 1);
      c->label = g_strndup (o.text, o.length);
      c->named = person_like (c->label);
      g_ptr_array_add (order, c);
      g_hash_table_insert (seen, folded, c);
    } else {
      g_free (folded);
    }
    c->count++;
    /* the opening exchange: the first two labelled paragraphs, in a row,
     * by two people */
    if (labelled == 0) {
      first_at = (gint) i;
      c->opening = TRUE;
    } else if (labelled == 1 && (gint) i == first_at + 1 && c->count == 1) {
      c->opening = TRUE;
    }
    labelled++;
  }
  guint left_out = 0;
  find_typos (order);
  for (guint i = 0; i < order->len; i++) {
    Candidate *c = order->pdata[i];
    if (c->typo_of && c->typo_of->typo_of == NULL)
      c = c->typo_of;
    if (c->count < 2 && !(c->opening && order->len > 1 && ((Candidate *) order->pdata[1])->opening
                          && ((Candidate *) order->pdata[0])->named && ((Candidate *) order->pdata[1])->named))
      continue;
    g_autofree char *folded = fold (c->label, -1);
    if (match_exact (m, folded))
      continue;
    if (m->speakers->len >= MAX_INFERRED) {
      left_out++;
      continue;
    }
    PrensaSpeaker *sp = prensa_arena_alloc (m->arena, sizeof *sp);
    sp->id = sp->name = prensa_arena_strdup (m->arena, c->label);
    g_ptr_array_add (m->speakers, sp);
    index_speaker (m, sp);
  }
  if (m->speakers->len < 2) {
    g_ptr_array_set_size (m->speakers, 0);
    g_hash_table_remove_all (m->full);
    g_hash_table_remove_all (m->parts);
    return 0;
  }
  assign_roles (m->speakers, named);
  return left_out;
}

/* Words that make a short closing paragraph an editor's note about the
 * interview: one of what it is and one of what was done to it. */
typedef struct {
  const char *lang;
  const char *const *what;
  const char *const *done;
} NoteWords;

static const char *const en_what[] = { "interview", "interviews", "conversation", "transcript", "exchange", NULL };
static const char *const en_done[] = { "edited", "condensed", "shortened", "abridged", "trimmed", NULL };
static const char *const es_what[] = { "entrevista", "conversación", "charla", "transcripción", NULL };
static const char *const es_done[] = { "editada", "editado", "condensada", "condensado", "resumida",
                                       "abreviada", "acortada", "recortada", NULL };
static const char *const fr_what[] = { "entretien", "entrevue", "interview", "conversation", NULL };
static const char *const fr_done[] = { "édité", "éditée", "condensé", "condensée", "raccourci",
                                       "raccourcie", "abrégé", "abrégée", "révisé", "révisée", NULL };
static const char *const de_what[] = { "interview", "gespräch", NULL };
static const char *const de_done[] = { "gekürzt", "bearbeitet", "redigiert", "überarbeitet", NULL };
static const char *const it_what[] = { "intervista", "conversazione", NULL };
static const char *const it_done[] = { "modificata", "editata", "condensata", "ridotta", "abbreviata",
                                       "rivista", "accorciata", "tagliata", "adattata", NULL };
static const char *const pt_what[] = { "entrevista", "conversa", NULL };
static const char *const pt_done[] = { "editada", "condensada", "resumida", "encurtada", "editado",
                                       "revista", NULL };

static const NoteWords note_words[] = {
  { "en", en_what, en_done }, { "es", es_what, es_done }, { "fr", fr_what, fr_done },
  { "de", de_what, de_done }, { "it", it_what, it_done }, { "pt", pt_what, pt_done },
};

#define NOTE_MAX_BYTES 400
#define NOTE_MAX_WORDS 40

static gboolean
is_editors_note (const PrensaNode *para, const char *lang)
{
  if (para->type != PRENSA_NODE_PARAGRAPH)
    return FALSE;
  g_autofree char *text = prensa_node_dup_text (para);
  if (strlen (text) > NOTE_MAX_BYTES)
    return FALSE;
  g_autofree char *folded = fold (text, -1);
  gboolean known = FALSE;
  for (guint l = 0; lang && l < G_N_ELEMENTS (note_words); l++)
    known = known || g_ascii_strncasecmp (lang, note_words[l].lang, 2) == 0;
  gboolean what[G_N_ELEMENTS (note_words)] = { FALSE }, done[G_N_ELEMENTS (note_words)] = { FALSE };
  guint words = 0;
  for (const char *p = folded; *p;) {
    const char *w = p;
    while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
      p = g_utf8_next_char (p);
    if (p == w) {
      p = g_utf8_next_char (p);
      continue;
    }
    if (++words > NOTE_MAX_WORDS)
      return FALSE;
    for (guint l = 0; l < G_N_ELEMENTS (note_words); l++) {
      what[l] = what[l] || in_list (note_words[l].what, w, p - w);
      done[l] = done[l] || in_list (note_words[l].done, w, p - w);
    }
  }
  for (guint l = 0; l < G_N_ELEMENTS (note_words); l++)
    if ((!known || g_ascii_strncasecmp (lang, note_words[l].lang, 2) == 0) && what[l] && done[l])
      return TRUE;
  return FALSE;
}

static PrensaNode *
wrap_range (PrensaArena *arena, PrensaNodeType type, PrensaNode **blocks, guint from, guint to)
{
  PrensaNode *box = prensa_node_new (arena, type);
  box->line = blocks[from]->line;
  box->column = blocks[from]->column;
  for (guint i = from; i < to; i++)
    prensa_node_append (box, blocks[i]);
  return box;
}

/* A metadata string: the last -M override, else the part's. */
static const char *
meta_string (const PrensaValue *meta, GPtrArray *keys, GPtrArray *values, const char *key)
{
  for (guint i = keys ? keys->len : 0; i > 0; i--)
    if (strcmp (keys->pdata[i - 1], key) == 0)
      return values->pdata[i - 1];
  return prensa_value_lookup_string (meta, key);
}

/* Whether the labels stop after the opening exchange: the only labelled
 * paragraphs are the first two, in a row, by two speakers, and at least
 * two paragraphs follow them before @end. With one, it more likely
 * continues the answer. */
static gboolean
labels_stop (PrensaNode **blocks, const PrensaSpeaker **who, guint first, guint last, guint end)
{
  if (last != first + 1 || who[first] == who[last])
    return FALSE;
  guint paragraphs = 0;
  for (guint i = last + 1; i < end && paragraphs < 2; i++)
    paragraphs += blocks[i]->type == PRENSA_NODE_PARAGRAPH;
  return paragraphs >= 2;
}

/* The one line that says what was inferred. */
static void
report (const Matcher *m, gboolean inferred, guint left_out, guint alternated, guint note_paras)
{
  GString *s = g_string_new (NULL);
  if (inferred) {
    g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < m->speakers->len; i++) {
      const PrensaSpeaker *sp = m->speakers->pdata[i];
      g_ptr_array_add (names, g_strdup_printf ("%s (%s)", sp->name, prensa_role_to_string (sp->role)));
    }
    g_ptr_array_add (names, NULL);
    g_autofree char *joined = prensa_names_join ("en", (const char *const *) names->pdata);
    g_string_append_printf (s, "took %s as speakers from their labels", joined);
    if (left_out)
      g_string_append_printf (s, " (at most %u; %u more labels left as text)", MAX_INFERRED, left_out);
  }
  if (alternated)
    g_string_append_printf (s, "%s%u unlabelled paragraph%s as alternating turns", s->len ? "; " : "",
                            alternated, alternated == 1 ? "" : "s");
  if (note_paras)
    g_string_append_printf (s, "%sthe last paragraph%s as back matter", s->len ? "; " : "",
                            note_paras == 1 ? "" : "s");
  if (s->len)
    prensa_warning ("%s: %s (-M turns=labelled turns this off)", m->name, s->str);
  g_string_free (s, TRUE);
}

void
prensa_interview_build (PrensaArena *arena, PrensaNode *part, GPtrArray *speakers,
                        const char *name, guint line_offset, const PrensaValue *meta,
                        GPtrArray *override_keys, GPtrArray *override_values)
{
  const char *turns = meta_string (meta, override_keys, override_values, "turns");
  gboolean infer = turns == NULL || (g_ascii_strcasecmp (turns, "labelled") != 0
                                     && g_ascii_strcasecmp (turns, "labeled") != 0);
  if (!infer && speakers->len == 0)
    return;
  g_autoptr (GPtrArray) list = g_ptr_array_new ();
  for (PrensaNode *n = part->first_child; n; n = n->next)
    g_ptr_array_add (list, n);
  PrensaNode **blocks = (PrensaNode **) list->pdata;
  guint n_blocks = list->len;

  g_autoptr (GHashTable) full = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) fuzzy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Matcher m = { arena, speakers, name, line_offset, full, parts, fuzzy, FUZZY_BUDGET };
  for (guint i = 0; i < speakers->len; i++)
    index_speaker (&m, speakers->pdata[i]);
  gboolean inferred = FALSE;
  guint left_out = 0;
  if (speakers->len == 0) {
    const PrensaValue *named = prensa_value_lookup (meta, "interviewer");
    left_out = infer_speakers (&m, blocks, n_blocks,
                               named ? named : prensa_value_lookup (meta, "author"));
    inferred = speakers->len > 0;
    if (!inferred)
      return;
  }

  g_autofree const PrensaSpeaker **who = g_new0 (const PrensaSpeaker *, MAX (n_blocks, 1));
  g_autofree Opening *openings = g_new0 (Opening, MAX (n_blocks, 1));
  g_autofree guint8 *how = g_new0 (guint8, MAX (n_blocks, 1));
  gint first = -1, last = -1;
  for (guint i = 0; i < n_blocks; i++)
    if ((who[i] = paragraph_speaker (&m, blocks[i], &openings[i], infer, &how[i]))) {
      if (first < 0)
        first = (gint) i;
      last = (gint) i;
    }
  if (first < 0)
    return;

  guint end = n_blocks; /* where back matter's break stands, if any */
  for (guint i = (guint) last + 1; i < n_blocks; i++)
    if (blocks[i]->type == PRENSA_NODE_THEMATIC_BREAK) {
      end = i;
      break;
    }
  /* a closing editor's note, with no break before it */
  guint note = n_blocks, note_paras = 0;
  if (infer && end == n_blocks) {
    const char *lang = meta_string (meta, override_keys, override_values, "lang");
    guint k = n_blocks;
    while (k > 0 && blocks[k - 1]->type == PRENSA_NODE_FOOTNOTE_DEFINITION)
      k--;
    while (k > (guint) last + 1 && n_blocks - k < 3 && is_editors_note (blocks[k - 1], lang))
      k--;
    if (k < n_blocks && blocks[k]->type != PRENSA_NODE_FOOTNOTE_DEFINITION) {
      note = end = k;
      while (k < n_blocks && blocks[k]->type != PRENSA_NODE_FOOTNOTE_DEFINITION)
        k++, note_paras++;
    }
  }
  gboolean alternate = infer && labels_stop (blocks, who, (guint) first, (guint) last, end);
  report_labels (&m, blocks, how, openings, who, n_blocks, alternate);
  guint standfirst = (guint) first;
  while (standfirst > 0 && blocks[standfirst - 1]->type != PRENSA_NODE_HEADING)
    standfirst--;

  part->first_child = part->last_child = NULL;
  for (guint i = 0; i < standfirst; i++)
    prensa_node_append (part, blocks[i]);
  if (standfirst < (guint) first)
    prensa_node_append (part, wrap_range (arena, PRENSA_NODE_STANDFIRST, blocks, standfirst, first));

  PrensaNode *turn = NULL;
  const PrensaSpeaker *prev = NULL;
  guint alternated = 0;
  for (guint i = (guint) first; i < end; i++) {
    PrensaNode *b = blocks[i];
    const PrensaSpeaker *sp = who[i];
    if (sp == NULL && alternate && (gint) i > last && b->type == PRENSA_NODE_PARAGRAPH) {
      sp = prev == who[first] ? who[first + 1] : who[first];
      alternated++;
    }
    if (sp) {
      if (who[i])
        strip_opening (b, &openings[i]);
      prev = sp;
      turn = prensa_node_new (arena, PRENSA_NODE_TURN);
      turn->as.turn.speaker = sp;
      turn->line = b->line;
      turn->column = b->column;
      prensa_node_append (part, turn);
      if (b->first_child)
        prensa_node_append (turn, b);
    } else if (b->type == PRENSA_NODE_HEADING || b->type == PRENSA_NODE_THEMATIC_BREAK) {
      turn = NULL;
      prensa_node_append (part, b);
    } else if (b->type == PRENSA_NODE_PULL_QUOTE) {
      /* A pull quote repeats a sentence; it is nobody's turn, and does not
       * end one: it goes between turns, after the one it interrupts. */
      prensa_node_append (part, b);
    } else {
      prensa_node_append (turn ? turn : part, b);
    }
  }
  if (note < n_blocks) {
    prensa_node_append (part, wrap_range (arena, PRENSA_NODE_BACK_MATTER, blocks, note, n_blocks));
  } else if (end + 1 < n_blocks) {
    prensa_node_append (part, wrap_range (arena, PRENSA_NODE_BACK_MATTER, blocks, end + 1, n_blocks));
  } else if (end < n_blocks) {
    prensa_node_append (part, blocks[end]);
  }
  report (&m, inferred, left_out, alternated, note_paras);
}

/* pandoc-like identifiers, limited to ASCII so they are valid XML ids and
 * need no escaping in a URL fragment. */
static char *
slug (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p++) {
    char c = g_ascii_tolower (*p);
    if (s->len == 0 && !g_ascii_isalpha (c))
      continue;
    if (g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.')
      g_string_append_c (s, c);
    else if ((c == ' ' || c == '\n') && s->len > 0 && s->str[s->len - 1] != '-')
      g_string_append_c (s, '-');
  }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_assign (s, "section");
  return g_string_free (s, FALSE);
}

/* Notes' ids are fixed by their number (and part after the first), so
 * they are taken before any heading's. */
static void
assign_note_anchors (PrensaArena *arena, PrensaNode *root, GHashTable *taken)
{
  guint part_no = 0;
  for (PrensaNode *part = root->first_child; part; part = part->next) {
    /* "p2-" tells part 2's note 3 (fn-p2-3) from part 1's note 2 cited
     * thrice (fnref-2-3) */
    g_autofree char *prefix = ++part_no > 1 ? g_strdup_printf ("p%u-", part_no) : g_strdup ("");
    g_autoptr (PrensaIter) it = prensa_iter_new (part);
    PrensaEventType ev;
    while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
      PrensaNode *n = (PrensaNode *) prensa_iter_get_node (it);
      if (ev != PRENSA_EVENT_ENTER)
        continue;
      char *id;
      if (n->type == PRENSA_NODE_FOOTNOTE_DEFINITION)
        id = g_strdup_printf ("fn-%s%u", prefix, n->as.note.number);
      else if (n->type == PRENSA_NODE_FOOTNOTE_REFERENCE && n->as.note.refs > 1)
        id = g_strdup_printf ("fnref-%s%u-%u", prefix, n->as.note.number, n->as.note.refs);
      else if (n->type == PRENSA_NODE_FOOTNOTE_REFERENCE)
        id = g_strdup_printf ("fnref-%s%u", prefix, n->as.note.number);
      else
        continue;
      n->as.note.anchor = prensa_arena_strdup (arena, id);
      g_hash_table_add (taken, id);
    }
  }
}

/* A unique id from @base in @taken, "base-1", "base-2"… on a clash;
 * @next_suffix remembers where to go on, so many equal headings stay
 * linear. (transfer full, and added to @taken) */
static char *
take_anchor (GHashTable *taken, GHashTable *next_suffix, char *base)
{
  char *id = g_strdup (base);
  guint k = GPOINTER_TO_UINT (g_hash_table_lookup (next_suffix, base));
  for (k = MAX (k, 1); g_hash_table_contains (taken, id); k++) {
    g_free (id);
    id = g_strdup_printf ("%s-%u", base, k);
  }
  g_hash_table_insert (next_suffix, base, GUINT_TO_POINTER (k));
  g_hash_table_add (taken, id);
  return id;
}

/* The ids a part alone would have given its notes and itself before any
 * heading: "part-1", "fn-N", "fnref-N", "fnref-N-K". */
static void
seed_local (GHashTable *taken, const PrensaNode *part)
{
  g_hash_table_add (taken, g_strdup ("part-1"));
  for (const PrensaNode *n = part->last_child; n && n->type == PRENSA_NODE_FOOTNOTE_DEFINITION;
       n = n->prev) {
    g_hash_table_add (taken, g_strdup_printf ("fn-%u", n->as.note.number));
    g_hash_table_add (taken, g_strdup_printf ("fnref-%u", n->as.note.number));
    for (guint k = 2; k <= n->as.note.refs; k++)
      g_hash_table_add (taken, g_strdup_printf ("fnref-%u-%u", n->as.note.number, k));
  }
}

/* A part's anchor ("part-2") marks its opening, for a link to its file
 * with no fragment; taken before any heading's, like the notes'. Each
 * heading also gets the anchor it would have had were its part alone
 * (heading.local), since that is what a link written in it says. */
void
prensa_anchors_assign (PrensaArena *arena, PrensaNode *root)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) next_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) local = NULL;
  g_autoptr (GHashTable) local_suffix = NULL;
  assign_note_anchors (arena, root, taken);
  guint part_no = 0;
  for (PrensaNode *part = root->first_child; part; part = part->next) {
    char *id = g_strdup_printf ("part-%u", ++part_no);
    part->as.part.anchor = prensa_arena_strdup (arena, id);
    g_hash_table_add (taken, id);
  }
  g_autoptr (PrensaIter) it = prensa_iter_new (root);
  PrensaEventType ev;
  while ((ev = prensa_iter_next (it)) != PRENSA_EVENT_DONE) {
    PrensaNode *n = (PrensaNode *) prensa_iter_get_node (it);
    if (ev == PRENSA_EVENT_ENTER && n->type == PRENSA_NODE_PART) {
      g_clear_pointer (&local, g_hash_table_unref);
      g_clear_pointer (&local_suffix, g_hash_table_unref);
      local = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      local_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      seed_local (local, n);
    }
    if (ev != PRENSA_EVENT_ENTER || n->type != PRENSA_NODE_HEADING)
      continue;
    g_autofree char *text = n->as.heading.id ? NULL : prensa_node_dup_text (n);
    char *base = slug (n->as.heading.id ? n->as.heading.id : text);
    /* take_anchor() owns @base after the call */
    const char *mine = local ? take_anchor (local, local_suffix, g_strdup (base)) : NULL;
    n->as.heading.anchor = prensa_arena_strdup (arena, take_anchor (taken, next_suffix, base));
    n->as.heading.local = mine == NULL || strcmp (mine, n->as.heading.anchor) == 0
                          ? n->as.heading.anchor : prensa_arena_strdup (arena, mine);
    /* Inline content never holds headings. */
    prensa_iter_reset (it, n, PRENSA_EVENT_EXIT);
  }
}
