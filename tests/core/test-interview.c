/* test-interview.c: turns, standfirst and back matter.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <stdio.h>

#include "test-util.h"

#define SPEAKERS "---\nspeakers:\n  - id: SJ\n    name: Sarah Jaffe\n    role: interviewer\n" \
                 "  - id: CS\n    name: Cata Santiago\n    role: interviewee\n---\n\n"

static void
test_labels (void)
{
  assert_body (SPEAKERS "Intro.\n\nSJ: By id.\n\nCata Santiago: By name.\n\n**Sarah Jaffe:** Bold.\n\n"
                        "**CS**: Bold, colon outside.\n\n*SJ:* Emphasis.\n",
               "(standfirst (paragraph \"Intro.\")) (turn SJ (paragraph \"By id.\")) "
               "(turn CS (paragraph \"By name.\")) (turn SJ (paragraph \"Bold.\")) "
               "(turn CS (paragraph \"Bold, colon outside.\")) (turn SJ (paragraph \"Emphasis.\"))");
}

static void
test_continuation (void)
{
  assert_body (SPEAKERS "SJ: Question?\n\nCS: First.\n\nSecond.\n\n- a list\n\n> a quote\n",
               "(turn SJ (paragraph \"Question?\")) (turn CS (paragraph \"First.\") "
               "(paragraph \"Second.\") (list bullet tight (item (paragraph \"a list\"))) "
               "(block_quote (paragraph \"a quote\")))");
}

static void
test_not_turns (void)
{
  /* prose that looks like a label, labels in the middle, labels without a space */
  assert_body (SPEAKERS "SJ: Q\n\nNote: not a speaker.\n\nSJ:no space\n\nSay SJ: x\n",
               "(turn SJ (paragraph \"Q\") (paragraph \"Note: not a speaker.\") "
               "(paragraph \"SJ:no space\") (paragraph \"Say SJ: x\"))");
}

static void
test_no_speakers (void)
{
  assert_body ("Intro\n\nSJ: hello\n\n***\n\nend\n",
               "(paragraph \"Intro\") (paragraph \"SJ: hello\") (thematic_break) (paragraph \"end\")");
}

static void
test_back_matter (void)
{
  assert_body (SPEAKERS "SJ: Q\n\n***\n\nCS: A\n\n* * *\n\nEdited.\n\nMore.\n",
               "(turn SJ (paragraph \"Q\")) (thematic_break) (turn CS (paragraph \"A\")) "
               "(back_matter (paragraph \"Edited.\") (paragraph \"More.\"))");
}

static void
test_headings_and_standfirst (void)
{
  assert_body (SPEAKERS "# Title\n\nNot standfirst? It is.\n\nSJ: Q\n\n## Part two\n\nLoose.\n\nCS: A\n",
               "(heading 1 #title \"Title\") (standfirst (paragraph \"Not standfirst? It is.\")) "
               "(turn SJ (paragraph \"Q\")) (heading 2 #part-two \"Part two\") (paragraph \"Loose.\") "
               "(turn CS (paragraph \"A\"))");
}

static void
test_label_alone (void)
{
  /* a label on a line of its own: the turn's text follows */
  assert_body (SPEAKERS "**Sarah Jaffe:**\nOn the next line.\n\nCS:\n\nNext paragraph.\n",
               "(turn SJ (paragraph \"On the next line.\")) (turn CS (paragraph \"Next paragraph.\"))");
}

static void
test_no_break_space (void)
{
  assert_body (SPEAKERS "SJ:\xC2\xA0With a no-break space.\n",
               "(turn SJ (paragraph \"With a no-break space.\"))");
}

static void
test_sample_structure (void)
{
  g_autoptr (PrensaDocument) doc = prensa_document_load (SAMPLES_DIR "/interview.md", 0, NULL);
  g_assert_nonnull (doc);
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  guint turns[3] = { 0 }, standfirst = 0, back = 0, other = 0;
  for (const PrensaNode *n = prensa_node_first_child (part); n; n = prensa_node_next (n)) {
    switch (prensa_node_get_node_type (n)) {
    case PRENSA_NODE_TURN:
      turns[prensa_speaker_get_role (prensa_node_get_speaker (n))]++;
      break;
    case PRENSA_NODE_STANDFIRST: standfirst++; break;
    case PRENSA_NODE_BACK_MATTER: back++; break;
    default: other++; break;
    }
  }
  g_assert_cmpuint (standfirst, ==, 1);
  g_assert_cmpuint (turns[PRENSA_ROLE_INTERVIEWER], ==, 7);
  g_assert_cmpuint (turns[PRENSA_ROLE_INTERVIEWEE], ==, 7);
  g_assert_cmpuint (back, ==, 1);
  g_assert_cmpuint (other, ==, 0);
  const PrensaSpeaker *sp = prensa_document_get_speaker (doc, 1);
  g_assert_cmpstr (prensa_speaker_get_name (sp), ==, "Cata Santiago");
  g_assert_cmpint (prensa_speaker_get_role (sp), ==, PRENSA_ROLE_INTERVIEWEE);
}

static void
check_byline (const char *markdown, const char *before, PrensaWord word, const char *after)
{
  g_autoptr (PrensaDocument) doc = load_string (markdown, 0);
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  g_auto (GStrv) b = NULL;
  g_auto (GStrv) a = NULL;
  PrensaWord w = PRENSA_N_WORDS;
  gboolean any = prensa_part_byline (part, prensa_document_get_meta (doc), &b, &w, &a);

  if (after == NULL) {
    g_assert_false (any);
    return;
  }
  g_assert_true (any);
  g_autofree char *bs = b ? g_strjoinv ("|", b) : NULL;
  g_autofree char *as = g_strjoinv ("|", a);
  g_assert_cmpstr (bs, ==, before);
  g_assert_cmpint (w, ==, word);
  g_assert_cmpstr (as, ==, after);
}

static void
test_byline (void)
{
  /* Who has a turn, in order of first turn, by name or else by id. */
  check_byline (SPEAKERS "CS: First.\n\nSJ: Then.\n", "Sarah Jaffe", PRENSA_WORD_TALKS_TO, "Cata Santiago");
  check_byline ("---\nspeakers:\n  - id: A\n    role: interviewer\n  - id: B\n    name: Bo\n"
                "    role: interviewer\n  - id: C\n    name: Cy\n    role: interviewee\n---\n\n"
                "A: One?\n\nB: Two?\n\nC: Yes.\n", "A|Bo", PRENSA_WORD_TALK_TO, "Cy");
  /* The authors stand in for interviewers with no turn. */
  check_byline ("---\nauthor: [Ann, Ben]\nspeakers:\n  - id: C\n    name: Cy\n"
                "    role: interviewee\n---\n\nC: Yes.\n", "Ann|Ben", PRENSA_WORD_TALK_TO, "Cy");
  /* Not an interview: By the authors; no authors, no byline. */
  check_byline ("---\nauthor: Ann\n---\n\nText.\n", NULL, PRENSA_WORD_BY, "Ann");
  check_byline ("Text.\n", NULL, PRENSA_WORD_BY, NULL);
  check_byline (SPEAKERS "SJ: Nobody answers.\n", NULL, PRENSA_WORD_BY, NULL);
}

static void
test_names_join (void)
{
  const char *one[] = { "Ann", NULL }, *two[] = { "Ann", "Ben", NULL };
  const char *three[] = { "Ann", "Ben", "Cy", NULL }, *none[] = { NULL };
  g_autofree char *j1 = prensa_names_join ("en", one);
  g_autofree char *j2 = prensa_names_join ("en", two);
  g_autofree char *j3 = prensa_names_join ("en", three);
  g_autofree char *j4 = prensa_names_join ("es", three);
  g_autofree char *j5 = prensa_names_join ("en", none);

  g_assert_cmpstr (j1, ==, "Ann");
  g_assert_cmpstr (j2, ==, "Ann and Ben");
  g_assert_cmpstr (j3, ==, "Ann, Ben and Cy");
  g_assert_cmpstr (j4, ==, "Ann, Ben y Cy");
  g_assert_cmpstr (j5, ==, "");
}


/* Warnings go here while a test collects them. */
static GPtrArray *warnings;

static void
collect (const char *message, gpointer user_data)
{
  g_ptr_array_add (warnings, g_strdup (message));
}

static void
collect_start (void)
{
  warnings = g_ptr_array_new_with_free_func (g_free);
  prensa_set_warning_func (collect, NULL);
}

/* The warnings seen since collect_start, joined by newlines. */
static char *
collect_end (void)
{
  prensa_set_warning_func (NULL, NULL);
  g_ptr_array_add (warnings, NULL);
  char *all = g_strjoinv ("\n", (char **) warnings->pdata);
  g_ptr_array_unref (warnings);
  warnings = NULL;
  return all;
}

/* Speaker ids of @part's turns, "|"-joined, and its structure counts. */
static char *
turn_ids (const PrensaNode *part, guint *standfirst, guint *back)
{
  GString *s = g_string_new (NULL);
  *standfirst = *back = 0;
  for (const PrensaNode *n = prensa_node_first_child (part); n; n = prensa_node_next (n)) {
    PrensaNodeType t = prensa_node_get_node_type (n);
    if (t == PRENSA_NODE_TURN)
      g_string_append_printf (s, "%s%s", s->len ? "|" : "", prensa_speaker_get_id (prensa_node_get_speaker (n)));
    *standfirst += t == PRENSA_NODE_STANDFIRST;
    *back += t == PRENSA_NODE_BACK_MATTER;
  }
  return g_string_free (s, FALSE);
}

/* The seed's shape, in other words: a standfirst, labels on the first
 * exchange only, twelve unlabelled paragraphs, an editor's note. */
#define SEED_SHAPE                                                              \
  "A short introduction to the talk with Teo Alvarez, who runs a press.\n\n"    \
  "Mara Quinn: How did the press start?\n\n"                                    \
  "Teo Alvarez: With one borrowed machine.\n\n"                                 \
  "What came next?\n\nA second machine.\n\n"                                    \
  "Who helps you?\n\nTwo friends: Ines and Bo.\n\n"                             \
  "What do you print?\n\nPoems, mostly.\n\n"                                    \
  "Why paper?\n\nIt lasts.\n\n"                                                 \
  "What is hard?\n\nMoney: there is none.\n\n"                                  \
  "What next?\n\nA bigger room.\n\n"                                            \
  "This interview has been edited and condensed.\n"

static const char *const seed_turns =
  "Mara Quinn|Teo Alvarez|Mara Quinn|Teo Alvarez|Mara Quinn|Teo Alvarez|Mara Quinn|"
  "Teo Alvarez|Mara Quinn|Teo Alvarez|Mara Quinn|Teo Alvarez|Mara Quinn|Teo Alvarez";

static void
test_infer_seed_shape (void)
{
  collect_start ();
  g_autoptr (PrensaDocument) doc = load_string (SEED_SHAPE, 0);
  g_autofree char *said = collect_end ();
  const PrensaNode *part = prensa_node_first_child (prensa_document_get_root (doc));
  guint standfirst, back;
  g_autofree char *ids = turn_ids (part, &standfirst, &back);

  g_assert_cmpuint (prensa_document_get_n_speakers (doc), ==, 2);
  const PrensaSpeaker *q = prensa_document_get_speaker (doc, 0);
  const PrensaSpeaker *a = prensa_document_get_speaker (doc, 1);
  g_assert_cmpstr (prensa_speaker_get_name (q), ==, "Mara Quinn");
  g_assert_cmpint (prensa_speaker_get_role (q), ==, PRENSA_ROLE_INTERVIEWER);
  g_assert_cmpstr (prensa_speaker_get_name (a), ==, "Teo Alvarez");
  g_assert_cmpint (prensa_speaker_get_role (a), ==, PRENSA_ROLE_INTERVIEWEE);
  g_assert_cmpstr (ids, ==, seed_turns);
  g_assert_cmpuint (standfirst, ==, 1);
  g_assert_cmpuint (back, ==, 1);
  g_autofree char *last = dump_tree (prensa_node_last_child (part));
  g_assert_cmpstr (last, ==, "(back_matter (paragraph \"This interview has been edited and condensed.\"))");
  /* labels are gone from the text; "Money: there is none." is no label */
  g_autofree char *body = dump_body (SEED_SHAPE, 0);
  g_assert_nonnull (strstr (body, "(turn Mara Quinn (paragraph \"How did the press start?\"))"));
  g_assert_nonnull (strstr (body, "(paragraph \"Money: there is none.\")"));
  g_assert_cmpstr (said, ==,
                   "test.md: took Mara Quinn (interviewer) and Teo Alvarez (interviewee) as speakers "
                   "from their labels; 12 unlabelled paragraphs as alternating turns; the last "
                   "paragraph as back matter (-M turns=labelled turns this off)");
}

static void
test_infer_qa (void)
{
  collect_start ();
  g_autofree char *body = dump_body ("Intro.\n\nQ: One?\n\nA: Yes.\n\nAnd more.\n\n**Q:** Two?\n\n**A**: No.\n", 0);
  g_autofree char *said = collect_end ();
  g_assert_cmpstr (body, ==,
                   "(standfirst (paragraph \"Intro.\")) (turn Q (paragraph \"One?\")) "
                   "(turn A (paragraph \"Yes.\") (paragraph \"And more.\")) (turn Q (paragraph \"Two?\")) "
                   "(turn A (paragraph \"No.\"))");
  g_assert_cmpstr (said, ==, "test.md: took Q (interviewer) and A (interviewee) as speakers from their "
                             "labels (-M turns=labelled turns this off)");
  g_autoptr (PrensaDocument) doc = load_string ("Q: One?\n\nA: Yes.\n\nQ: Two?\n\nA: No.\n", 0);
  g_assert_cmpint (prensa_speaker_get_role (prensa_document_get_speaker (doc, 0)), ==, PRENSA_ROLE_INTERVIEWER);
  g_assert_cmpint (prensa_speaker_get_role (prensa_document_get_speaker (doc, 1)), ==, PRENSA_ROLE_INTERVIEWEE);
}

static void
test_infer_typo (void)
{
  /* three interviewees, one with a short name, and a typo on line 11 */
  const char *md = "Nadia Farah: Welcome, all.\n\nDele Okafor: Thanks.\n\nLi: Hello.\n\n"
                   "Ana Souza: Hi.\n\nNadia Farah: Dele first?\n\nDele Okafr: Sure.\n\n"
                   "Li: Then me.\n\nAna Souza: And me.\n\nNadia Farah: Thanks.\n";
  collect_start ();
  g_autoptr (PrensaDocument) doc = load_string (md, 0);
  g_autofree char *said = collect_end ();
  guint standfirst, back;
  g_autofree char *ids = turn_ids (prensa_node_first_child (prensa_document_get_root (doc)), &standfirst, &back);
  g_assert_cmpstr (ids, ==, "Nadia Farah|Dele Okafor|Li|Ana Souza|Nadia Farah|Dele Okafor|Li|Ana Souza|Nadia Farah");
  g_assert_cmpuint (prensa_document_get_n_speakers (doc), ==, 4);
  g_assert_cmpint (prensa_speaker_get_role (prensa_document_get_speaker (doc, 0)), ==, PRENSA_ROLE_INTERVIEWER);
  for (guint i = 1; i < 4; i++)
    g_assert_cmpint (prensa_speaker_get_role (prensa_document_get_speaker (doc, i)), ==, PRENSA_ROLE_INTERVIEWEE);
  g_assert_nonnull (strstr (said, "test.md:11: took the label 'Dele Okafr' as Dele Okafor\n"));
  g_assert_nonnull (strstr (said, "took Nadia Farah (interviewer), Dele Okafor (interviewee), Li (interviewee) "
                                  "and Ana Souza (interviewee) as speakers"));
}

/* A typo in the very first label: the common spelling is the speaker and
 * keeps the first speaker's place (the interviewer). */
static void
test_infer_typo_first (void)
{
  const char *md = "Sarah Jafe: What came first?\n\nCata Santiago: The rent.\n\n"
                   "Sarah Jaffe: And then?\n\nCata Santiago: We organised.\n\n"
                   "Sarah Jaffe: Why?\n\nCata Santiago: Because.\n";
  collect_start ();
  g_autoptr (PrensaDocument) doc = load_string (md, 0);
  g_autofree char *said = collect_end ();
  guint standfirst, back;
  g_autofree char *ids = turn_ids (prensa_node_first_child (prensa_document_get_root (doc)), &standfirst, &back);
  g_assert_cmpstr (ids, ==, "Sarah Jaffe|Cata Santiago|Sarah Jaffe|Cata Santiago|Sarah Jaffe|Cata Santiago");
  g_assert_cmpuint (prensa_document_get_n_speakers (doc), ==, 2);
  g_assert_cmpstr (prensa_speaker_get_id (prensa_document_get_speaker (doc, 0)), ==, "Sarah Jaffe");
  g_assert_cmpint (prensa_speaker_get_role (prensa_document_get_speaker (doc, 0)), ==, PRENSA_ROLE_INTERVIEWER);
  g_assert_nonnull (strstr (said, "test.md:1: took the label 'Sarah Jafe' as Sarah Jaffe\n"));
}

static void
test_infer_spanish (void)
{
  const char *md = "---\nlang: es-MX\n---\n\nHablamos con Jorge Ibarra sobre su taller.\n\n"
                   "Lucía Méndez: ¿Cómo empezó el taller?\n\nJorge Ibarra: Con una prensa prestada.\n\n"
                   "¿Y después?\n\nLlegó otra prensa.\n\n¿Quién te ayuda?\n\nDos amigas.\n\n"
                   "Esta entrevista ha sido editada y condensada por motivos de claridad.\n";
  collect_start ();
  g_autoptr (PrensaDocument) doc = load_string (md, 0);
  g_autofree char *said = collect_end ();
  guint standfirst, back;
  g_autofree char *ids = turn_ids (prensa_node_first_child (prensa_document_get_root (doc)), &standfirst, &back);
  g_assert_cmpstr (ids, ==, "Lucía Méndez|Jorge Ibarra|Lucía Méndez|Jorge Ibarra|Lucía Méndez|Jorge Ibarra");
  g_assert_cmpuint (standfirst, ==, 1);
  g_assert_cmpuint (back, ==, 1);
  g_assert_nonnull (strstr (said, "4 unlabelled paragraphs as alternating turns; the last paragraph as back matter"));

  /* the other languages' notes, each under its own lang, and not under another */
  const char *notes[][2] = {
    { "fr", "Cet entretien a été édité et condensé." },
    { "de", "Das Interview wurde gekürzt und redaktionell bearbeitet." },
    { "it", "Questa intervista è stata leggermente modificata per chiarezza." },
    { "pt", "Esta entrevista foi editada para maior clareza." },
    { "en", "This interview has been lightly edited for clarity." },
  };
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++) {
    for (guint other = 0; other < 2; other++) {
      g_autofree char *doc_md = g_strdup_printf ("---\nlang: %s\n---\n\nQ: Yes?\n\nA: Yes.\n\n%s\n",
                                                 other ? (i == 1 ? "fr" : "de") : notes[i][0], notes[i][1]);
      collect_start ();
      g_autofree char *b = dump_body (doc_md, 0);
      g_autofree char *w = collect_end ();
      g_assert_nonnull (w);
      g_autofree char *expect = g_strdup_printf ("(turn A (paragraph \"Yes.\")%s(paragraph \"%s\"))",
                                                 other ? " " : ") (back_matter ", notes[i][1]);
      if (strstr (b, expect) == NULL)
        g_test_message ("%s: %s", doc_md, b);
      g_assert_nonnull (strstr (b, expect));
    }
  }
}

static void
test_match_names (void)
{
  /* any case, first name, surname, and a near miss (line 21) */
  collect_start ();
  g_autofree char *body = dump_body (SPEAKERS "SARAH JAFFE: a\n\nCata: b\n\nJaffe: c\n\nsj: d\n\n"
                                     "**santiago**: e\n\nSarah Jafe: f\n\nCata Smith: g\n", 0);
  g_autofree char *said = collect_end ();
  g_assert_cmpstr (body, ==, "(turn SJ (paragraph \"a\")) (turn CS (paragraph \"b\")) (turn SJ (paragraph \"c\")) "
                             "(turn SJ (paragraph \"d\")) (turn CS (paragraph \"e\")) (turn SJ (paragraph \"f\") "
                             "(paragraph \"Cata Smith: g\"))");
  g_assert_cmpstr (said, ==, "test.md:21: took the label 'Sarah Jafe' as Sarah Jaffe\n"
                             "test.md:23: the label 'Cata Smith' names no speaker; the paragraph continues the turn");
}

static void
test_prose_not_interview (void)
{
  const char *prose[] = {
    "Note: one.\n\nUpdate: two.\n\nNote: three.\n\nUpdate: four.\n\nWarning: five.\n",
    "10:30: the train.\n\n10:45: the bus.\n\n10:30: again.\n\n10:45: again.\n",
    "The answer: yes.\n\nThe answer: no.\n\nThe question: why.\n",
    "Links: here.\n\nImages: there.\n\nMore text.\n\nAnd more.\n",
    "One paragraph. Sarah Jaffe: is not at the start.\n\nNor Cata Santiago: here.\n",
    "Sarah Jaffe: only one label.\n\nThen prose.\n\nAnd prose.\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (prose); i++) {
    collect_start ();
    g_autoptr (PrensaDocument) doc = load_string (prose[i], 0);
    g_autofree char *said = collect_end ();
    g_autofree char *body = dump_body (prose[i], 0);
    g_assert_cmpuint (prensa_document_get_n_speakers (doc), ==, 0);
    g_assert_null (strstr (body, "(turn"));
    g_assert_null (strstr (body, "(standfirst"));
    g_assert_cmpstr (said, ==, "");
  }
}

static void
test_turns_labelled (void)
{
  /* front matter: no speakers inferred, no alternation */
  g_autofree char *body = dump_body ("---\nturns: labelled\n---\n\n" SEED_SHAPE, 0);
  g_assert_null (strstr (body, "(turn"));
  /* -M */
  g_autoptr (PrensaLoader) l = prensa_loader_new (0);
  prensa_loader_set_meta (l, "turns", "labelled");
  g_assert_true (prensa_loader_add_data (l, "test.md", NULL, SEED_SHAPE, -1, NULL));
  g_autoptr (PrensaDocument) doc = prensa_loader_finish (l);
  g_assert_cmpuint (prensa_document_get_n_speakers (doc), ==, 0);
  g_autofree char *dump = dump_tree (prensa_document_get_root (doc));
  g_assert_null (strstr (dump, "(turn"));
  /* declared speakers: labelled turns only, the rest continues the answer */
  collect_start ();
  g_autofree char *declared = dump_body ("---\nturns: labelled\nspeakers:\n  - id: Mara Quinn\n"
                                         "  - id: Teo Alvarez\n---\n\n" SEED_SHAPE, 0);
  g_autofree char *said = collect_end ();
  guint turns = 0;
  for (const char *p = declared; (p = strstr (p, "(turn")); p++)
    turns++;
  g_assert_cmpuint (turns, ==, 2);
  g_assert_null (strstr (declared, "(back_matter"));
  g_assert_cmpstr (said, ==, "");
}

static void
drop (const char *message, gpointer user_data)
{
}

/* Seconds to load @n paragraphs made by @make. */
static double
time_load (guint n, char *(*make) (guint i))
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++) {
    g_autofree char *para = make (i);
    g_string_append_printf (s, "%s\n\n", para);
  }
  prensa_set_warning_func (drop, NULL);
  gint64 start = g_get_monotonic_time ();
  g_autoptr (PrensaDocument) doc = load_string (s->str, 0);
  g_assert_nonnull (doc);
  double took = (g_get_monotonic_time () - start) / 1e6;
  prensa_set_warning_func (NULL, NULL);
  g_string_free (s, TRUE);
  return took;
}

static char *
make_qa (guint i)
{
  return g_strdup_printf ("%s: Paragraph %u.", i % 2 ? "A" : "Q", i);
}

static char *
make_a (guint i)
{
  return g_strdup_printf ("A: Paragraph %u.", i);
}

/* Distinct label-like openings, each used twice: "Speaker Bcde:" */
static char *
make_distinct (guint i)
{
  guint k = i / 2;
  char name[8];
  for (guint j = 0; j < 6; j++, k /= 26)
    name[j] = (char) ((j == 0 ? 'A' : 'a') + k % 26);
  name[6] = 0;
  return g_strdup_printf ("Speaker %s: text %u.", name, i);
}

static void
check_linear (const char *what, char *(*make) (guint i))
{
  double small = G_MAXDOUBLE, big = G_MAXDOUBLE;

  /* The best of three runs of each, taken in turn: a shared machine's
   * slow stretch then falls on both sizes, and does not make a linear
   * load look quadratic (a single pair failed under sanitizers while
   * other builds ran beside it). */
  for (int i = 0; i < 3; i++)
    {
      small = MIN (small, time_load (25000, make));
      big = MIN (big, time_load (100000, make));
    }
  g_test_message ("%s: 25,000 paragraphs in %.3f s, 100,000 in %.3f s", what, small, big);
  /* four times the input: about four times the time, not sixteen */
  g_assert_cmpfloat (big, <, 8 * small + 0.05);
}

static void
test_linear (void)
{
  check_linear ("Q:/A:", make_qa);
  check_linear ("A: only", make_a);
  check_linear ("distinct labels", make_distinct);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interview/byline", test_byline);
  g_test_add_func ("/interview/names-join", test_names_join);
  g_test_add_func ("/interview/labels", test_labels);
  g_test_add_func ("/interview/continuation", test_continuation);
  g_test_add_func ("/interview/not-turns", test_not_turns);
  g_test_add_func ("/interview/no-speakers", test_no_speakers);
  g_test_add_func ("/interview/back-matter", test_back_matter);
  g_test_add_func ("/interview/headings-and-standfirst", test_headings_and_standfirst);
  g_test_add_func ("/interview/label-alone", test_label_alone);
  g_test_add_func ("/interview/no-break-space", test_no_break_space);
  g_test_add_func ("/interview/sample-structure", test_sample_structure);
  g_test_add_func ("/interview/infer/seed-shape", test_infer_seed_shape);
  g_test_add_func ("/interview/infer/qa", test_infer_qa);
  g_test_add_func ("/interview/infer/typo", test_infer_typo);
  g_test_add_func ("/interview/infer/typo-first", test_infer_typo_first);
  g_test_add_func ("/interview/infer/spanish", test_infer_spanish);
  g_test_add_func ("/interview/infer/match-names", test_match_names);
  g_test_add_func ("/interview/infer/prose", test_prose_not_interview);
  g_test_add_func ("/interview/infer/turns-labelled", test_turns_labelled);
  g_test_add_func ("/interview/infer/linear", test_linear);
  return g_test_run ();
}
