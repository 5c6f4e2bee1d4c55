/* test-txt.c: the plain-text writer, run through the registry on small
 * Markdown documents, and its line filler on its own.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <prensa/prensa.h>
#include <prensa/prensa-registry.h>
#include <string.h>

#include "txt-private.h"

static PrensaRegistry *registry;
static const PrensaWriter *txt_writer;

/* Renders @markdown with the option pairs that follow (NULL-terminated).
 * Returns: (transfer full), or NULL with @error set. */
static char *
try_render (const char *markdown, GError **error, ...)
{
  g_autoptr(PrensaLoader) loader = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  g_autoptr(PrensaDocument) doc = NULL;
  g_autoptr(PrensaOptions) options = prensa_options_new (txt_writer);
  g_autoptr(PrensaOutput) out = prensa_output_new_memory ();
  g_autoptr(GBytes) bytes = NULL;
  const char *name;
  va_list args;
  gsize size;

  g_assert_true (prensa_loader_add_data (loader, "test.md", NULL, markdown,
                                         -1, NULL));
  doc = prensa_loader_finish (loader);
  va_start (args, error);
  while ((name = va_arg (args, const char *)) != NULL)
    g_assert_true (prensa_options_set (options, name,
                                       va_arg (args, const char *), NULL));
  va_end (args);
  if (!txt_writer->write (doc, options, out, error))
    return NULL;
  g_assert_true (prensa_output_commit (out, NULL));
  bytes = prensa_output_steal_bytes (out);
  name = g_bytes_get_data (bytes, &size);
  g_assert_true (g_utf8_validate (name, size, NULL));
  return g_strndup (name, size);
}

#define render(md, ...) render_ok (try_render ((md), NULL, __VA_ARGS__))

static char *
render_ok (char *text)
{
  g_assert_nonnull (text);
  /* Every output ends with exactly one newline. */
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_false (g_str_has_suffix (text, "\n\n"));
  return text;
}

static gsize
max_width_except_long_words (const char *text, gsize wrap)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gsize widest = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize width = prensa_text_width (lines[i], -1);

      /* An overlong line is allowed only when it is one unbreakable word. */
      if (width > wrap)
        g_assert_null (strchr (g_strstrip (lines[i]), ' '));
      else
        widest = MAX (widest, width);
    }
  return widest;
}

static const char lorem[] =
  "The quick brown fox jumps over the lazy dog while the farmers of the "
  "valley gather their harvest and sing old songs about rivers, hills, "
  "and the long winters that come down from the mountains every year.\n";

static void
test_wrap_width (void)
{
  for (gsize wrap = 10; wrap <= 80; wrap += 7)
    {
      g_autofree char *w = g_strdup_printf ("%" G_GSIZE_FORMAT, wrap);
      g_autofree char *out = render (lorem, "wrap", w, NULL);
      g_autofree char *joined = NULL;
      g_auto(GStrv) words = NULL;

      g_assert_cmpuint (max_width_except_long_words (out, wrap), <=, wrap);
      /* Greedy filling: no line could have taken the next word. */
      words = g_strsplit (out, "\n", -1);
      for (guint i = 0; words[i] != NULL && words[i + 1] != NULL; i++)
        {
          const char *next = words[i + 1];
          gsize next_word = strcspn (next, " ");

          if (*next == '\0')
            continue;
          g_assert_cmpuint (prensa_text_width (words[i], -1) + 1 + next_word,
                            >, wrap);
        }
      joined = g_strjoinv (" ", words);
      g_assert_nonnull (strstr (joined, "rivers, hills, and"));
    }
}

static void
test_wrap_default (void)
{
  g_autofree char *out = render (lorem, NULL);

  g_assert_cmpuint (max_width_except_long_words (out, 72), <=, 72);
  g_assert_cmpuint (max_width_except_long_words (out, 72), >, 60);
}

static void
test_wrap_long_word (void)
{
  g_autofree char *out =
    render ("short words then "
            "supercalifragilisticexpialidocious-and-then-some more words\n",
            "wrap", "20", NULL);

  g_assert_cmpstr (out, ==,
                   "short words then\n"
                   "supercalifragilisticexpialidocious-and-then-some\n"
                   "more words\n");
}

static void
test_wrap_zero (void)
{
  g_autofree char *out = render (lorem, "wrap", "0", NULL);
  g_autofree char *expected = g_strdup (lorem);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_wrap_cjk (void)
{
  /* 30 ideographs, 60 columns, and a full stop that may not start a line. */
  const char *text = "日本語の文章は単語の間に空白を置かないので文字の間で行を分ける。"
                     "次の文。\n";
  g_autofree char *out = render (text, "wrap", "20", NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr(GString) joined = g_string_new (NULL);

  g_assert_cmpuint (g_strv_length (lines), >, 3);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (prensa_text_width (lines[i], -1), <=, 20);
      g_assert_false (g_str_has_prefix (lines[i], "。"));
      g_string_append (joined, lines[i]);
    }
  /* Ten wide characters fill a line of 20. */
  g_assert_cmpuint (prensa_text_width (lines[0], -1), ==, 20);
  g_string_append_c (joined, '\n');
  g_assert_cmpstr (joined->str, ==, text);
}

static void
test_wrap_combining (void)
{
  /* "café" spelt with a combining acute is 4 columns but 6 bytes: four of
   * them fit in 20 columns only if the mark takes none. */
  g_autofree char *out =
    render ("cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81 "
            "cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81\n",
            "wrap", "20", NULL);

  g_assert_cmpstr (out, ==,
                   "cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81\n"
                   "cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81\n");
}

static void
test_wrap_filler (void)
{
  g_autoptr(GPtrArray) a = txt_wrap_lines ("  one two  three\nfour ", -1, 9);
  g_autoptr(GPtrArray) b = txt_wrap_lines ("   ", -1, 9);
  g_autoptr(GPtrArray) c = txt_wrap_lines ("（括弧）のテスト", -1, 4);
  g_autoptr(GPtrArray) d = txt_wrap_lines ("aaa bbb [12]. [x]", -1, 9);
  g_autoptr(GPtrArray) e = txt_wrap_lines ("a\nb [1]", -1, 3);
  g_autoptr(GPtrArray) f = txt_wrap_lines ("aaa bbb [^12].", -1, 9);

  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpstr (a->pdata[0], ==, "one two");
  g_assert_cmpstr (a->pdata[1], ==, "three");
  g_assert_cmpstr (a->pdata[2], ==, "four");
  g_assert_cmpuint (b->len, ==, 0);
  /* Opening brackets stay with what follows, closing ones with what
   * precedes, and small kana do not start a line. */
  for (guint i = 0; i < c->len; i++)
    {
      const char *line = c->pdata[i];

      g_assert_false (g_str_has_suffix (line, "（"));
      g_assert_false (g_str_has_prefix (line, "）"));
    }
  g_assert_cmpstr (c->pdata[0], ==, "（括");
  /* A reference number goes to the next line with its word. */
  g_assert_cmpuint (d->len, ==, 3);
  g_assert_cmpstr (d->pdata[0], ==, "aaa");
  g_assert_cmpstr (d->pdata[1], ==, "bbb [12].");
  g_assert_cmpstr (d->pdata[2], ==, "[x]");
  /* ... unless that word is alone on its line: the width comes first. */
  g_assert_cmpuint (e->len, ==, 3);
  g_assert_cmpstr (e->pdata[1], ==, "b");
  g_assert_cmpstr (e->pdata[2], ==, "[1]");
  /* Breaking words: pieces as wide as the line, a mark on its base; no
   * reference carried past the width. */
  {
    g_autoptr(GPtrArray) g = txt_wrap_lines_breaking ("ab abcdefg", -1, 3);
    g_autoptr(GPtrArray) h = txt_wrap_lines_breaking ("e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e", -1, 2);
    g_autoptr(GPtrArray) i = txt_wrap_lines_breaking ("aa bb [1]", -1, 5);

    g_assert_cmpuint (g->len, ==, 4);
    g_assert_cmpstr (g->pdata[0], ==, "ab");
    g_assert_cmpstr (g->pdata[1], ==, "abc");
    g_assert_cmpstr (g->pdata[3], ==, "g");
    g_assert_cmpuint (h->len, ==, 2);
    g_assert_cmpstr (h->pdata[0], ==, "e\xcc\x81" "e\xcc\x81");
    g_assert_cmpstr (i->pdata[1], ==, "[1]");
    g_assert_cmpuint (txt_wrap_min_width ("aa bb [1]", -1), ==, 6);
    g_assert_cmpuint (txt_wrap_min_width ("longest [1]\nx", -1), ==, 11);
    g_assert_cmpuint (txt_wrap_widest_char ("ab東"), ==, 2);
  }
  /* A note's marker likewise. */
  g_assert_cmpuint (f->len, ==, 2);
  g_assert_cmpstr (f->pdata[1], ==, "bbb [^12].");
  /* A reference carried with a word that follows a wide character
   * directly takes only that word along. */
  {
    g_autoptr(GPtrArray) j = txt_wrap_lines ("aaaa 漢字 [1]", -1, 12);
    g_autoptr(GPtrArray) k = txt_wrap_lines ("aaaa 漢字 [1] bb", -1, 4);

    g_assert_cmpuint (j->len, ==, 2);
    g_assert_cmpstr (j->pdata[0], ==, "aaaa 漢");
    g_assert_cmpstr (j->pdata[1], ==, "字 [1]");
    g_assert_cmpuint (k->len, ==, 4);
    g_assert_cmpstr (k->pdata[1], ==, "漢");
    g_assert_cmpstr (k->pdata[2], ==, "字 [1]");
    g_assert_cmpstr (k->pdata[3], ==, "bb");
  }
}

/* Lines of printable ASCII are filled a line at a time (txt-wrap.c's
 * fill_ascii_line()); they must break exactly where word by word would. */
static void
test_wrap_ascii_lines (void)
{
  static const struct {
    const char *text;
    gsize width;
    const char *lines; /* joined with '|' */
  } cases[] = {
    { "aaa bbb   \nccc", 7, "aaa bbb|ccc" },
    { "aaa bbb    ddd", 7, "aaa bbb|ddd" },
    { "aaa bbb [1]", 7, "aaa|bbb [1]" },
    { "aaaaaaaaaa bb", 4, "aaaaaaaaaa|bb" },
    { "aa bb cc   ", 20, "aa bb cc" },
    { "aa bb  \xc3\xa9 cc", 5, "aa bb|\xc3\xa9 cc" },
    { "aaa bbb", 7, "aaa bbb" },
    { "aaa  bbb ccc", 8, "aaa  bbb|ccc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) lines = txt_wrap_lines (cases[i].text, -1,
                                                   cases[i].width);
      g_autofree char *joined = NULL;

      g_ptr_array_add (lines, NULL);
      joined = g_strjoinv ("|", (char **) lines->pdata);
      g_assert_cmpstr (joined, ==, cases[i].lines);
    }
}

static void
test_hard_break (void)
{
  g_autofree char *out = render ("one  \ntwo\\\nthree\n", NULL);

  g_assert_cmpstr (out, ==, "one\ntwo\nthree\n");
}

static void
test_links (void)
{
  g_autofree char *out = render (
    "See [the toolkit](https://example.org/toolkit) and "
    "[the site](https://example.org/ \"Home\"), again "
    "[the toolkit](https://example.org/toolkit).\n"
    "\n"
    "# Next\n"
    "\n"
    "A [third](https://example.org/3), <https://example.org/auto>, an "
    "[anchor](#next) and ![a cat](cat.png).\n", NULL);

  g_assert_cmpstr (out, ==,
    "See the toolkit [1] and the site [2], again the toolkit [1].\n"
    "\n"
    "[1] https://example.org/toolkit\n"
    "[2] https://example.org/ \"Home\"\n"
    "\n"
    "Next\n"
    "====\n"
    "\n"
    /* a link into the book names the place it leads to */
    "A third [3], https://example.org/auto, an anchor (see “Next”) and\n"
    "[Image: a cat] [4].\n"
    "\n"
    "[3] https://example.org/3\n"
    "[4] cat.png\n");
}

static void
test_links_per_part (void)
{
  g_autoptr(PrensaLoader) loader = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  g_autoptr(PrensaDocument) doc = NULL;
  g_autoptr(PrensaOptions) options = prensa_options_new (txt_writer);
  g_autoptr(PrensaOutput) out = prensa_output_new_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize size;

  g_assert_true (prensa_loader_add_data (loader, "a.md", NULL,
                                         "A [one](http://1).\n", -1, NULL));
  g_assert_true (prensa_loader_add_data (loader, "b.md", NULL,
                                         "B [two](http://2).\n", -1, NULL));
  doc = prensa_loader_finish (loader);
  g_assert_true (txt_writer->write (doc, options, out, NULL));
  g_assert_true (prensa_output_commit (out, NULL));
  bytes = prensa_output_steal_bytes (out);
  text = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  /* Each part's references follow it; numbers go on counting. */
  g_assert_cmpstr (text, ==,
                   "A one [1].\n\n[1] http://1\n\n"
                   "                                 * * *\n\n"
                   "B two [2].\n\n[2] http://2\n");
}

static void
test_lists (void)
{
  g_autofree char *ordered = render ("3. three\n4. four\n", NULL);
  g_autofree char *aligned = render ("9) nine\n10) ten\n", NULL);
  g_autofree char *nested = render (
    "- alpha beta gamma delta\n"
    "  - epsilon zeta eta theta iota\n"
    "    1. kappa lambda mu\n"
    "- omega\n", "wrap", "16", NULL);
  g_autofree char *loose = render ("- a\n\n- b\n", NULL);
  g_autofree char *empty = render ("- \n- b\n", NULL);

  g_assert_cmpstr (ordered, ==, "3. three\n4. four\n");
  g_assert_cmpstr (aligned, ==, " 9) nine\n10) ten\n");
  g_assert_cmpstr (nested, ==,
                   "- alpha beta\n"
                   "  gamma delta\n"
                   "  * epsilon zeta\n"
                   "    eta theta\n"
                   "    iota\n"
                   "    1. kappa\n"
                   "       lambda mu\n"
                   "- omega\n");
  g_assert_cmpstr (loose, ==, "- a\n\n- b\n");
  g_assert_cmpstr (empty, ==, "-\n- b\n");
}

static void
test_code_block (void)
{
  g_autofree char *long_line = g_strnfill (200, 'x');
  g_autofree char *md = g_strdup_printf (
    "Text.\n\n```c\nint  main (void)   \n\n  %s yy\n```\n\nAfter `a  b` and ``x`y``.\n",
    long_line);
  g_autofree char *expected = g_strdup_printf (
    "Text.\n\n    int  main (void)   \n\n      %s yy\n\nAfter `a  b` and\n``x`y``.\n",
    long_line);
  g_autofree char *out = render (md, "wrap", "20", NULL);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_quotes (void)
{
  g_autofree char *out = render (
    "> one two three four five six\n>\n> > nested quote here\n\nafter\n",
    "wrap", "16", NULL);

  g_assert_cmpstr (out, ==,
                   "> one two three\n"
                   "> four five six\n"
                   ">\n"
                   "> > nested quote\n"
                   "> > here\n"
                   "\n"
                   "after\n");
}

static void
test_blocks (void)
{
  g_autofree char *out = render (
    "# Top *level*\n\n## Second\n\n### Third one\n\n"
    "Some _emphasis_ and **strong**.\n\n---\n\n<div>\n</div>\n\nEnd.\n",
    NULL);

  g_assert_cmpstr (out, ==,
                   "Top _level_\n===========\n\n"
                   "Second\n------\n\n"
                   "### Third one\n\n"
                   "Some _emphasis_ and *strong*.\n\n"
                   "                                 * * *\n\n"
                   "End.\n");
}

static void
test_table (void)
{
  g_autofree char *out = render (
    "Before.\n\n"
    "| a | bb | Lead |\n|:--|:--:|--:|\n| xxx | y | 1 |\n| 東京 | | 22 |\n\n"
    "After.\n", NULL);

  /* Columns as wide as their widest cell in display columns (東京 is
   * four), two spaces apart, aligned left, centred, right. */
  g_assert_cmpstr (out, ==,
                   "Before.\n\n"
                   "a     bb  Lead\n"
                   "----  --  ----\n"
                   "xxx   y      1\n"
                   "東京        22\n\n"
                   "After.\n");
}

static void
test_table_wrap (void)
{
  const char *md =
    "| Name | What it is |\n|---|---|\n"
    "| one | a cell with rather more words than fit in the column |\n"
    "| two | short |\n";
  g_autofree char *out = render (md, "wrap", "30", NULL);
  g_autofree char *unwrapped = render (md, "wrap", "0", NULL);

  /* The wide column gives way; rows of several lines are set apart. */
  g_assert_cmpstr (out, ==,
                   "Name  What it is\n"
                   "----  -----------------------\n"
                   "one   a cell with rather more\n"
                   "      words than fit in the\n"
                   "      column\n"
                   "\n"
                   "two   short\n"
                   "----  -----------------------\n");
  g_assert_cmpstr (unwrapped, ==,
                   "Name  What it is\n"
                   "----  ----------------------------------------------------\n"
                   "one   a cell with rather more words than fit in the column\n"
                   "two   short\n");
}

static void
test_table_break_words (void)
{
  /* Whole, the words need 36 columns; broken, the two columns share 18. */
  g_autofree char *out = render (
    "| Column | Another |\n|---|---|\n| supercalifragilistic | expialidocious |\n",
    "wrap", "20", NULL);

  g_assert_cmpstr (out, ==,
                   "Column     Another\n"
                   "---------  ---------\n"
                   "supercali  expialido\n"
                   "fragilist  cious\n"
                   "ic\n"
                   "---------  ---------\n");
}

static void
test_table_in_list (void)
{
  g_autofree char *out = render ("- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n",
                                 NULL);

  g_assert_cmpstr (out, ==, "- item\n\n  a  b\n  -  -\n  1  2\n");
}

static void
test_notes (void)
{
  g_autofree char *out = render (
    "Text.[^a] See [the site](http://x).[^b]\n\n"
    "# Next\n\nAgain.[^a] And new.[^c]\n\n"
    "[^a]: One, with [a link](http://in-note).\n\n"
    "[^b]: Two.\n\n    Its second paragraph.\n\n"
    "[^c]: Three.\n", NULL);

  /* Notes after their section, before its links; numbered through the
   * document; a later reference reuses its note's number. */
  g_assert_cmpstr (out, ==,
                   "Text.[^1] See the site [1].[^2]\n\n"
                   "[^1] One, with a link [2].\n\n"
                   "[^2] Two.\n\n"
                   "     Its second paragraph.\n\n"
                   "[1] http://x\n"
                   "[2] http://in-note\n\n"
                   "Next\n====\n\n"
                   "Again.[^1] And new.[^3]\n\n"
                   "[^3] Three.\n");
}

static void
test_notes_per_part (void)
{
  g_autoptr(PrensaLoader) loader = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  g_autoptr(PrensaDocument) doc = NULL;
  g_autoptr(PrensaOptions) options = prensa_options_new (txt_writer);
  g_autoptr(PrensaOutput) out = prensa_output_new_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  g_assert_true (prensa_loader_add_data (loader, "a.md", NULL,
                                         "A.[^n]\n\n[^n]: one\n", -1, NULL));
  g_assert_true (prensa_loader_add_data (loader, "b.md", NULL,
                                         "B.[^n]\n\n[^n]: two\n", -1, NULL));
  doc = prensa_loader_finish (loader);
  g_assert_true (txt_writer->write (doc, options, out, NULL));
  g_assert_true (prensa_output_commit (out, NULL));
  bytes = prensa_output_steal_bytes (out);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* The core numbers each part's notes from 1; here, as links are, they
   * are numbered through the document, so [^2] names one note. */
  g_assert_cmpstr (text, ==,
                   "A.[^1]\n\n[^1] one\n\n"
                   "                                 * * *\n\n"
                   "B.[^2]\n\n[^2] two\n");
}

static void
test_strikethrough_tasks (void)
{
  g_autofree char *out = render (
    "A ~~struck~~ word.\n\n"
    "- [ ] open task with a long text\n- [x] done\n- plain\n\n"
    "1. [x] numbered\n", "wrap", "20", NULL);

  g_assert_cmpstr (out, ==,
                   "A ~~struck~~ word.\n\n"
                   "- [ ] open task with\n"
                   "      a long text\n"
                   "- [x] done\n"
                   "- plain\n\n"
                   "1. [x] numbered\n");
}

static void
count_warning (const char *message, gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
  /* FILE:LINE:COL, as every warning that knows its place. */
  g_assert_nonnull (strstr (message, ":3:1: "));
}

static void
test_raw_html (void)
{
  guint warnings = 0;
  g_autofree char *out = NULL;

  prensa_set_warning_func (count_warning, &warnings);
  out = render ("A <b>bold</b> word.\n\n<div>\nhidden words\n</div>\n\n"
                "<!-- a comment -->\n", NULL);
  prensa_set_warning_func (NULL, NULL);
  g_assert_cmpstr (out, ==, "A bold word.\n");
  g_assert_cmpuint (warnings, ==, 1);
}

static void
test_empty (void)
{
  g_autofree char *out = render ("", NULL);
  g_autofree char *blocks = render ("a\n\n```\n```\n\n<i></i>\n\n#\n\nb\n", NULL);

  g_assert_cmpstr (out, ==, "\n");
  /* Blocks with nothing to show leave no extra blank lines. */
  g_assert_cmpstr (blocks, ==, "a\n\nb\n");
}

static const char interview[] =
  "---\n"
  "title: 東京 Talks\n"
  "subtitle: A conversation\n"
  "author: [Ann Writer, Bo Editor]\n"
  "speakers:\n"
  "  - {id: AW, name: Ann Writer, role: interviewer}\n"
  "  - {id: CS, name: Cata Santiago, role: interviewee}\n"
  "---\n"
  "An introduction.\n\n"
  "Ann Writer: First question?\n\n"
  "CS: First answer.\n\n"
  "More of it.\n\n"
  "AW: Second question?\n\n"
  "Cata Santiago:\n\n"
  "- a list answer\n\n"
  "* * *\n\n"
  "Edited for length.\n";

static void
test_interview (void)
{
  g_autofree char *out = render (interview, NULL);

  g_assert_cmpstr (out, ==,
                   "==========\n東京 Talks\n==========\n\n"
                   "A conversation\n\n"
                   "Ann Writer talks to Cata Santiago\nBy Bo Editor\n\n"
                   "An introduction.\n\n"
                   "                                 * * *\n\n"
                   "Ann Writer: First question?\n\n"
                   "Cata Santiago: First answer.\n\n"
                   "More of it.\n\n"
                   "AW: Second question?\n\n"
                   "CS:\n\n"
                   "- a list answer\n\n"
                   "                                 * * *\n\n"
                   "Edited for length.\n");
}

static void
test_speaker_labels (void)
{
  g_autofree char *names = render (interview, "labels", "name", NULL);
  g_autofree char *ids = render (interview, "labels", "id", NULL);
  g_autofree char *none = render (interview, "labels", "none", NULL);
  /* the old name still works */
  g_autofree char *old = render (interview, "speaker-labels", "id", NULL);

  g_assert_nonnull (strstr (names, "\nAnn Writer: Second question?\n"));
  g_assert_nonnull (strstr (ids, "\nAW: First question?\n"));
  g_assert_nonnull (strstr (old, "\nAW: First question?\n"));
  g_assert_nonnull (strstr (none, "\nFirst question?\n"));
  g_assert_null (strstr (none, "AW:"));
}

static void
test_bad_options (void)
{
  const char *bad[][2] = {
    { "wrap", "-1" }, { "wrap", "wide" }, { "wrap", "100001" },
    { "speaker-labels", "initials" }, { "labels", "initials" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = try_render ("x\n", &error, bad[i][0], bad[i][1],
                                         NULL);

      g_assert_null (out);
      g_assert_error (error, PRENSA_OPTION_ERROR,
                      PRENSA_OPTION_ERROR_INVALID);
    }
}

static void
test_deterministic (void)
{
  g_autofree char *a = render (interview, NULL);
  g_autofree char *b = render (interview, NULL);

  g_assert_cmpstr (a, ==, b);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  registry = prensa_registry_new ();
  prensa_registry_add_path (registry, TXT_PLUGIN_DIR);
  prensa_registry_scan (registry);
  txt_writer = prensa_registry_lookup (registry, "txt");
  g_assert_nonnull (txt_writer);

  g_test_add_func ("/txt/wrap/width", test_wrap_width);
  g_test_add_func ("/txt/wrap/default", test_wrap_default);
  g_test_add_func ("/txt/wrap/long-word", test_wrap_long_word);
  g_test_add_func ("/txt/wrap/zero", test_wrap_zero);
  g_test_add_func ("/txt/wrap/cjk", test_wrap_cjk);
  g_test_add_func ("/txt/wrap/combining", test_wrap_combining);
  g_test_add_func ("/txt/wrap/filler", test_wrap_filler);
  g_test_add_func ("/txt/wrap/ascii-lines", test_wrap_ascii_lines);
  g_test_add_func ("/txt/wrap/hard-break", test_hard_break);
  g_test_add_func ("/txt/links/sections", test_links);
  g_test_add_func ("/txt/links/parts", test_links_per_part);
  g_test_add_func ("/txt/lists", test_lists);
  g_test_add_func ("/txt/code", test_code_block);
  g_test_add_func ("/txt/table", test_table);
  g_test_add_func ("/txt/table/wrap", test_table_wrap);
  g_test_add_func ("/txt/table/break-words", test_table_break_words);
  g_test_add_func ("/txt/table/in-list", test_table_in_list);
  g_test_add_func ("/txt/notes", test_notes);
  g_test_add_func ("/txt/notes/parts", test_notes_per_part);
  g_test_add_func ("/txt/strikethrough-tasks", test_strikethrough_tasks);
  g_test_add_func ("/txt/quotes", test_quotes);
  g_test_add_func ("/txt/blocks", test_blocks);
  g_test_add_func ("/txt/raw-html", test_raw_html);
  g_test_add_func ("/txt/empty", test_empty);
  g_test_add_func ("/txt/interview", test_interview);
  g_test_add_func ("/txt/speaker-labels", test_speaker_labels);
  g_test_add_func ("/txt/bad-options", test_bad_options);
  g_test_add_func ("/txt/deterministic", test_deterministic);

  status = g_test_run ();
  prensa_registry_free (registry);
  return status;
}
