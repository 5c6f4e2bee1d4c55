/* transcript-read.c: a plain-text interview, as it reaches an editor.
 *
 * What the text says is all there is: no markup is interpreted (`*`, `#`
 * and `<b>` are text), so the reader only finds what plain text conveys:
 *   - paragraphs, split at blank lines (a line of only spaces and tabs is
 *     blank); the lines of a paragraph are joined with soft breaks, their
 *     leading and trailing spaces and tabs dropped, CRLF read as LF;
 *   - bare URLs (http://, https://, www.) made links; trailing punctuation
 *     and an unbalanced ')' or ']' are left out of them, as GFM does;
 *   - smart punctuation, unless --no-smart: straight quotes made curly
 *     (an apostrophe inside a word is ’; a quote after the start of a line,
 *     a space, an opening bracket, a dash or another opening quote opens,
 *     any other closes; ' before a digit after a space is the ’ of ’90s),
 *     "--" an en dash, "---" an em dash, "..." an ellipsis; other runs of
 *     '-' and '.' stay as typed;
 *   - a title: a first line of at most 100 characters, not ending in a
 *     full stop (nor ':', ',' or ';') and not opening with a declared
 *     speaker's label, set off from the text by a blank line, unless the
 *     metadata (--metadata-file) already has one; the line after it (on
 *     its own, or with the blank line between) that reads "Interview by
 *     NAME", "By NAME", "Entrevista de/por NAME" or "Por NAME" is the
 *     author, unless the metadata has one.
 * Speakers come from the metadata (--metadata-file); the core's interview
 * pass finds the turns. One pass over the input, no recursion.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <prensa/prensa-reader.h>

#define TITLE_MAX 100

/* What the character before the one being read leaves a quote as. */
typedef enum {
  CTX_OPEN,   /* start of line, space, bracket, dash, opening quote */
  CTX_WORD,   /* a letter or digit */
  CTX_CLOSE,  /* anything else */
} Context;

typedef struct {
  PrensaBuilder *b;   /* NULL: gather text into buf only (metadata) */
  gboolean smart;
  GString *buf;       /* text not yet added */
  guint line;
  guint buf_column;   /* where buf's text starts */
  Context ctx;
} Scan;

/* One line of the input, its spaces and tabs trimmed at both ends. */
typedef struct {
  const char *text;
  gsize length;
  guint column;       /* of text, 1-based, in bytes */
  const char *next;   /* the start of the line after it */
} Line;

static gboolean
get_line (const char *p, const char *end, Line *l)
{
  if (p >= end)
    return FALSE;
  const char *nl = memchr (p, '\n', (gsize) (end - p));
  const char *stop = nl ? nl : end;
  l->next = nl ? nl + 1 : end;
  while (stop > p && (stop[-1] == '\r' || stop[-1] == ' ' || stop[-1] == '\t'))
    stop--;
  const char *s = p;
  while (s < stop && (*s == ' ' || *s == '\t'))
    s++;
  l->text = s;
  l->length = (gsize) (stop - s);
  l->column = (guint) (s - p) + 1;
  return TRUE;
}

/* The character at @s (@n bytes left), and its length in *@len; U+FFFD
 * for bytes that are not UTF-8 (the core checked them, but a reader must
 * not trust that). */
static gunichar
char_at (const char *s, gsize n, gsize *len)
{
  guchar c = (guchar) *s;
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  gsize want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  gunichar u = want <= n ? g_utf8_get_char_validated (s, (gssize) want) : (gunichar) -1;
  if (u == (gunichar) -1 || u == (gunichar) -2) {
    *len = 1;
    return 0xFFFD;
  }
  *len = want;
  return u;
}

static Context
context_of (gunichar c)
{
  if (g_unichar_isalnum (c))
    return CTX_WORD;
  if (g_unichar_isspace (c))
    return CTX_OPEN;
  switch (c) {
  case '(': case '[': case '{': case '/':
  case 0x2013: case 0x2014:   /* – — */
  case 0x2018: case 0x201C:   /* ‘ “ */
  case 0x00AB:                /* « */
    return CTX_OPEN;
  default:
    return CTX_CLOSE;
  }
}

static gboolean
has_prefix_ci (const char *s, gsize n, const char *prefix)
{
  gsize k = strlen (prefix);
  return n >= k && g_ascii_strncasecmp (s, prefix, k) == 0;
}

/* The length of the bare URL at @s, or 0. */
static gsize
url_length (const char *s, gsize n)
{
  gsize prefix;
  if (has_prefix_ci (s, n, "https://"))
    prefix = 8;
  else if (has_prefix_ci (s, n, "http://"))
    prefix = 7;
  else if (has_prefix_ci (s, n, "www."))
    prefix = 4;
  else
    return 0;
  /* A URL needs a host; checked before the scan, so text that only
   * looks like URLs ("www.-www.-…") costs no rescans. */
  if (prefix >= n || !g_ascii_isalnum (s[prefix]))
    return 0;
  gsize end = prefix;
  gssize parens = 0, brackets = 0;   /* opened minus closed */
  while (end < n) {
    guchar c = (guchar) s[end];
    if (c < 0x80) {
      if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`' || c == 0x7F)
        break;
      parens += c == '(' ? 1 : c == ')' ? -1 : 0;
      brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
      end++;
      continue;
    }
    gsize len;
    gunichar u = char_at (s + end, n - end, &len);
    if (g_unichar_isspace (u) || g_unichar_ispunct (u))
      break;
    end += len;
  }
  /* Punctuation that ends the sentence, not the URL; s[prefix] is
   * alphanumeric, so the URL keeps at least its host's first character. */
  while (end > prefix + 1) {
    char last = s[end - 1];
    if (strchr (".,:;!?'*_~", last) == NULL
        && !(last == ')' && parens < 0) && !(last == ']' && brackets < 0))
      break;
    parens += last == ')';
    brackets += last == ']';
    end--;
  }
  return end;
}

static void
flush (Scan *sc, guint column)
{
  if (sc->b && sc->buf->len > 0) {
    prensa_builder_add (sc->b, PRENSA_NODE_TEXT, sc->buf->str, (gssize) sc->buf->len, NULL,
                        sc->line, sc->buf_column);
    g_string_truncate (sc->buf, 0);
  }
  sc->buf_column = column;
}

static void
add_url (Scan *sc, const char *url, gsize len, guint column)
{
  if (sc->b == NULL) {
    g_string_append_len (sc->buf, url, (gssize) len);
    return;
  }
  flush (sc, column);
  g_autofree char *target = g_ascii_strncasecmp (url, "www.", 4) == 0
                              ? g_strdup_printf ("http://%.*s", (int) len, url)
                              : g_strndup (url, len);
  prensa_builder_open_link (sc->b, PRENSA_NODE_LINK, target, NULL, sc->line, column);
  prensa_builder_add (sc->b, PRENSA_NODE_TEXT, url, (gssize) len, NULL, sc->line, column);
  prensa_builder_close (sc->b, PRENSA_NODE_LINK);
  sc->buf_column = column + (guint) len;
}

/* The straight quote @q at @s[0] (@n bytes left) as a curly one. */
static const char *
curly (const Scan *sc, char q, const char *s, gsize n)
{
  gsize len;
  gunichar next = n > 1 ? char_at (s + 1, n - 1, &len) : ' ';
  if (q == '"')
    return sc->ctx == CTX_OPEN ? "\u201C" : "\u201D";
  if (sc->ctx == CTX_WORD)
    return "\u2019";                     /* don't, Jaffe's, 1990s' */
  if (sc->ctx == CTX_OPEN)
    return g_unichar_isdigit (next) ? "\u2019" : "\u2018";   /* ’90s, ‘quote */
  return "\u2019";
}

/* Adds one trimmed line's text: plain runs copied, URLs made links,
 * punctuation made smart. */
static void
scan_line (Scan *sc, const char *s, gsize n, guint line, guint column)
{
  sc->line = line;
  sc->buf_column = column;
  sc->ctx = CTX_OPEN;
  gsize run = 0;   /* the plain text not yet copied starts here */
  for (gsize i = 0; i < n;) {
    guchar c = (guchar) s[i];
    gsize url = 0;
    if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && sc->ctx != CTX_WORD)
      url = url_length (s + i, n - i);
    const char *repl = NULL;
    gsize taken = 1;
    if (url == 0 && sc->smart) {
      if (c == '-' || c == '.') {
        while (i + taken < n && (guchar) s[i + taken] == c)
          taken++;
        if (c == '-' && (taken == 2 || taken == 3))
          repl = taken == 2 ? "\u2013" : "\u2014";
        else if (c == '.' && taken == 3)
          repl = "\u2026";
      } else if (c == '\'' || c == '"') {
        repl = curly (sc, (char) c, s + i, n - i);
      }
    }
    if (url == 0 && repl == NULL) {
      /* Plain text: taken bytes, or one character. */
      gsize len = taken;
      gunichar u = c;
      if (c >= 0x80)
        u = char_at (s + i, n - i, &len);
      else if (taken > 1)
        u = c;
      sc->ctx = context_of (u);
      i += len;
      continue;
    }
    g_string_append_len (sc->buf, s + run, (gssize) (i - run));
    if (url > 0) {
      add_url (sc, s + i, url, column + (guint) i);
      sc->ctx = CTX_CLOSE;
      i += url;
    } else {
      g_string_append (sc->buf, repl);
      sc->ctx = context_of (g_utf8_get_char (repl));
      if (strcmp (repl, "\u2019") == 0 && sc->ctx == CTX_CLOSE && i + 1 < n
          && g_ascii_isalpha (s[i + 1]))
        sc->ctx = CTX_WORD;            /* the apostrophe is part of the word */
      i += taken;
    }
    run = i;
  }
  g_string_append_len (sc->buf, s + run, (gssize) (n - run));
}

/* The line as metadata text: smart punctuation, no links. */
static char *
meta_text (gboolean smart, const char *s, gsize n)
{
  Scan sc = { NULL, smart, g_string_new (NULL), 0, 0, CTX_OPEN };
  scan_line (&sc, s, n, 0, 0);
  return g_string_free (sc.buf, FALSE);
}

static gboolean
is_title (const Line *l)
{
  return l->length > 0 && strchr (".:,;", l->text[l->length - 1]) == NULL
         && g_utf8_strlen (l->text, (gssize) l->length) <= TITLE_MAX;
}

static const char *
map_string (const PrensaValue *map, const char *key)
{
  for (guint i = 0; i < prensa_value_get_length (map); i++)
    if (strcmp (prensa_value_get_key (map, i), key) == 0)
      return prensa_value_get_string (prensa_value_get_item (map, i));
  return NULL;
}

/* Whether @l opens with a declared speaker's label ("SJ:", "Sarah
 * Jaffe:"): a first question is a turn, not a title. */
static gboolean
is_speaker_label (PrensaBuilder *b, const Line *l)
{
  const PrensaValue *meta = prensa_builder_get_meta (b);
  const PrensaValue *speakers = NULL;
  for (guint i = 0; i < prensa_value_get_length (meta); i++)
    if (strcmp (prensa_value_get_key (meta, i), "speakers") == 0)
      speakers = prensa_value_get_item (meta, i);
  if (speakers == NULL || prensa_value_get_kind (speakers) != PRENSA_VALUE_LIST)
    return FALSE;
  for (guint i = 0; i < prensa_value_get_length (speakers); i++) {
    const PrensaValue *sp = prensa_value_get_item (speakers, i);
    if (prensa_value_get_kind (sp) != PRENSA_VALUE_MAP)
      continue;
    const char *labels[] = { map_string (sp, "id"), map_string (sp, "name") };
    for (guint k = 0; k < G_N_ELEMENTS (labels); k++) {
      gsize len = labels[k] ? strlen (labels[k]) : 0;
      if (len > 0 && len < l->length && l->text[len] == ':'
          && g_ascii_strncasecmp (l->text, labels[k], len) == 0)
        return TRUE;
    }
  }
  return FALSE;
}

/* Whether @text opens like a speaker's label: one to four words, each
 * starting with a capital (a name or initials), then a colon and a space. */
static gboolean
label_like (const char *text, gsize length)
{
  const char *colon = memchr (text, ':', MIN (length, 48));
  if (colon == NULL || colon == text || (gsize) (colon - text) + 1 >= length
      || (colon[1] != ' ' && colon[1] != '\t'))
    return FALSE;
  guint words = 0;
  for (const char *p = text; p < colon; ) {
    while (p < colon && *p == ' ')
      p++;
    if (p == colon)
      break;
    gunichar c = g_utf8_get_char_validated (p, colon - p);
    if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isupper (c) || ++words > 4)
      return FALSE;
    while (p < colon && *p != ' ')
      p++;
  }
  return words > 0;
}

/* A first line such as "Sarah Jafe: What came first?" followed by another
 * labelled paragraph opens the conversation: it is no title, even when the
 * label matches no declared speaker (the core infers them). */
static gboolean
opens_exchange (const Line *first, const char *end)
{
  Line l;
  const char *at = first->next;
  if (!label_like (first->text, first->length))
    return FALSE;
  while (get_line (at, end, &l) && l.length == 0)
    at = l.next;
  return at < end && label_like (l.text, l.length);
}

/* The NAME of a byline, or NULL. */
static const char *
byline_name (const Line *l, gsize *name_len)
{
  static const char *const prefixes[] = {
    "Interview by ", "Interviewed by ", "By ", "Entrevista de ", "Entrevista por ",
    "Por ", NULL
  };
  if (!is_title (l))
    return NULL;
  for (guint k = 0; prefixes[k]; k++) {
    gsize plen = strlen (prefixes[k]);
    if (!has_prefix_ci (l->text, l->length, prefixes[k]))
      continue;
    const char *name = l->text + plen;
    gsize len = l->length - plen;
    while (len > 0 && (*name == ' ' || *name == '\t')) {
      name++;
      len--;
    }
    if (len == 0 || strchr (",;:", name[len - 1]))
      return NULL;
    *name_len = len;
    return name;
  }
  return NULL;
}

static gboolean
is_blank_or_end (const char *p, const char *end)
{
  Line l;
  return !get_line (p, end, &l) || l.length == 0;
}

static gboolean
meta_has (PrensaBuilder *b, const char *key)
{
  const PrensaValue *meta = prensa_builder_get_meta (b);
  for (guint i = 0; i < prensa_value_get_length (meta); i++)
    if (strcmp (prensa_value_get_key (meta, i), key) == 0)
      return TRUE;
  return FALSE;
}

/* Takes the title and byline off the head of the input: returns where the
 * body starts and its line in *@line. */
static const char *
read_head (PrensaBuilder *b, gboolean smart, const char *p, const char *end, guint *line)
{
  Line first, l;
  const char *at = p;
  guint n = *line;
  while (get_line (at, end, &first) && first.length == 0) {
    at = first.next;
    n++;
  }
  if (at >= end || meta_has (b, "title") || !is_title (&first) || first.next >= end
      || is_speaker_label (b, &first) || opens_exchange (&first, end))
    return p;
  const char *after = first.next;
  guint after_line = n + 1;
  const char *name = NULL;
  gsize name_len = 0;
  gboolean want_author = !meta_has (b, "author");
  get_line (after, end, &l);
  if (l.length > 0) {
    /* Title and byline together, then a blank line. */
    name = want_author ? byline_name (&l, &name_len) : NULL;
    if (name == NULL || !is_blank_or_end (l.next, end))
      return p;
    after = l.next;
    after_line++;
  } else if (want_author) {
    while (get_line (after, end, &l) && l.length == 0) {
      after = l.next;
      after_line++;
    }
    if (after < end && (name = byline_name (&l, &name_len)) && is_blank_or_end (l.next, end)) {
      after = l.next;
      after_line++;
    } else {
      name = NULL;
    }
  }
  g_autofree char *title = meta_text (smart, first.text, first.length);
  prensa_builder_set_meta_string (b, "title", title);
  if (name) {
    g_autofree char *author = meta_text (smart, name, name_len);
    prensa_builder_set_meta_string (b, "author", author);
  }
  *line = after_line;
  return after;
}

static gboolean
read_transcript (PrensaBuilder *b, const char *data, gsize length, GError **error)
{
  gboolean smart = !(prensa_builder_get_flags (b) & PRENSA_LOAD_NO_SMART);
  const char *end = data + length;
  guint line = 1;
  const char *p = read_head (b, smart, data, end, &line);
  Scan sc = { b, smart, g_string_new (NULL), 0, 0, CTX_OPEN };
  gboolean open = FALSE;
  guint last_line = 0, last_end = 0;   /* where the previous line ended */
  Line l;
  for (; get_line (p, end, &l); p = l.next, line++) {
    if (l.length == 0) {
      if (open) {
        flush (&sc, 0);
        prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
      }
      open = FALSE;
      continue;
    }
    if (!open) {
      prensa_builder_open (b, PRENSA_NODE_PARAGRAPH, line, l.column);
      open = TRUE;
    } else {
      flush (&sc, 0);
      prensa_builder_add (b, PRENSA_NODE_SOFTBREAK, NULL, 0, NULL, last_line, last_end);
    }
    scan_line (&sc, l.text, l.length, line, l.column);
    last_line = line;
    last_end = l.column + (guint) l.length;
  }
  if (open) {
    flush (&sc, 0);
    prensa_builder_close (b, PRENSA_NODE_PARAGRAPH);
  }
  g_string_free (sc.buf, TRUE);
  return TRUE;
}

PRENSA_READER_DEFINE ("transcript", "Plain-text interviews: paragraphs, bare URLs, smart quotes",
                      "txt,text", "text/plain", PRENSA_READER_TEXT, NULL, read_transcript);
