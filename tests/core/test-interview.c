/* test-interview.c: turns, standfirst and back matter.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
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
  return g_test_run ();
}
