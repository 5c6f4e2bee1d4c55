/* html-read-meta.c: what the HTML reader takes from a page before it
 * reads the article: which element is the article, the metadata of the
 * <head> and of prensa's own article <header>, the speakers of prensa's
 * turn markup and the ids of its endnotes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "html-read-private.h"

#include <string.h>

/* More speakers than an interview has: the rest are plain divisions. */
#define MAX_SPEAKERS 64

typedef struct {
  char *id;
  char *name;
  char *role;
} Speaker;

typedef struct {
  GHashTable *strings;   /* metadata key -> value (both owned) */
  GPtrArray *authors;    /* meta name=author, in order */
  GPtrArray *subjects;   /* meta name=keywords, split at commas */
  GPtrArray *speakers;   /* Speaker, in the order they first speak */
  char *page_title;      /* <title> */
  gboolean by_prensa;    /* meta name=generator says prensa */
  guint h1_count;
  xmlNode *first_h1;
} Meta;

static void
speaker_free (gpointer data)
{
  Speaker *s = data;

  g_free (s->id);
  g_free (s->name);
  g_free (s->role);
  g_free (s);
}

/* The next element or text after @n in document order under @top,
 * going into @n's children when @descend. */
static xmlNode *
next_in (xmlNode *n, const xmlNode *top, gboolean descend)
{
  if (descend && n->type == XML_ELEMENT_NODE && n->children != NULL)
    return n->children;
  while (n != top && n->next == NULL)
    n = n->parent;
  return n == top ? NULL : n->next;
}

static void
set_string (Meta *m, const char *key, const char *value)
{
  g_autofree char *text = NULL;
  GString *s;

  if (value == NULL || g_hash_table_contains (m->strings, key))
    return;
  s = g_string_new (NULL);
  html_collapse (s, value);
  text = g_strstrip (g_string_free (s, FALSE));
  if (text[0] != '\0')
    g_hash_table_insert (m->strings, g_strdup (key), g_steal_pointer (&text));
}

/* <meta name=…> names and the metadata keys they fill, in the order a
 * value is preferred (the first one found wins). */
static const struct {
  const char *name;
  const char *key;
} meta_names[] = {
  { "description", "description" },
  { "dcterms.description", "description" },
  { "dcterms.date", "date" },
  { "dc.date", "date" },
  { "date", "date" },
  { "article:published_time", "date" },
  { "dcterms.publisher", "publisher" },
  { "dc.publisher", "publisher" },
  { "dcterms.rights", "rights" },
  { "dc.rights", "rights" },
  { "dcterms.identifier", "identifier" },
  { "dc.identifier", "identifier" },
  { "dcterms.title", "title" },
  { "dc.title", "title" },
};

static void
add_keywords (Meta *m, const char *content)
{
  g_auto (GStrv) words = g_strsplit (content, ",", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *w = g_strstrip (g_strdup (words[i]));
      if (w[0] != '\0')
        g_ptr_array_add (m->subjects, g_steal_pointer (&w));
    }
}

static void
read_meta_element (Meta *m, const xmlNode *node)
{
  const char *name = html_attr (node, "name");
  const char *content = html_attr (node, "content");

  if (name == NULL)
    name = html_attr (node, "property");
  if (name == NULL || content == NULL)
    return;
  if (g_ascii_strcasecmp (name, "author") == 0 ||
      g_ascii_strcasecmp (name, "dc.creator") == 0 ||
      g_ascii_strcasecmp (name, "dcterms.creator") == 0)
    {
      g_autofree char *a = g_strstrip (g_strdup (content));
      if (a[0] != '\0')
        g_ptr_array_add (m->authors, g_steal_pointer (&a));
    }
  else if (g_ascii_strcasecmp (name, "keywords") == 0)
    add_keywords (m, content);
  else if (g_ascii_strcasecmp (name, "generator") == 0)
    m->by_prensa = g_ascii_strncasecmp (content, "prensa", 6) == 0;
  for (guint i = 0; i < G_N_ELEMENTS (meta_names); i++)
    if (g_ascii_strcasecmp (name, meta_names[i].name) == 0)
      set_string (m, meta_names[i].key, content);
}

static void
read_head (Meta *m, xmlNode *head)
{
  for (xmlNode *n = head; n != NULL; n = next_in (n, head, TRUE))
    {
      if (html_is (n, "title") && m->page_title == NULL)
        m->page_title = html_dup_text (n);
      else if (html_is (n, "meta"))
        read_meta_element (m, n);
    }
}

static xmlNode *
child_named (xmlNode *parent, const char *name)
{
  for (xmlNode *n = parent ? parent->children : NULL; n != NULL; n = n->next)
    if (html_is (n, name))
      return n;
  return NULL;
}

static gsize
text_length (const xmlNode *node)
{
  g_autofree char *text = html_dup_text (node);
  return strlen (text);
}

/* The article: the first <main> with text; else the outermost <article>
 * with the most text; else the body. */
static void
choose_root (HtmlPage *page, xmlNode *html, xmlNode *body)
{
  xmlNode *best = NULL;
  gsize best_length = 0;

  for (xmlNode *n = body; n != NULL; n = next_in (n, body, TRUE))
    if (html_is (n, "main") && text_length (n) > 0)
      {
        page->root = n;
        return;
      }
  for (xmlNode *n = body; n != NULL;)
    {
      if (html_is (n, "article"))
        {
          gsize length = text_length (n);
          if (length > best_length)
            best = n, best_length = length;
          n = next_in (n, body, FALSE);  /* nested articles are its own */
          continue;
        }
      n = next_in (n, body, TRUE);
    }
  page->root = best ? best : body ? body : html;
  page->body_is_root = best == NULL;
}

/* "Sarah Jaffe:" or <abbr title="Sarah Jaffe">SJ</abbr>: the name the
 * writer's label shows for speaker @id, or NULL. */
static char *
label_name (xmlNode *label, const char *id)
{
  xmlNode *abbr = child_named (label, "abbr");
  g_autofree char *text = NULL;
  gsize n;

  if (abbr != NULL && html_attr (abbr, "title") != NULL)
    return g_strdup (html_attr (abbr, "title"));
  text = html_dup_text (label);
  n = strlen (text);
  if (n > 0 && text[n - 1] == ':')
    text[n - 1] = '\0';
  g_strstrip (text);
  if (text[0] == '\0' || g_strcmp0 (text, id) == 0)
    return NULL;
  return g_steal_pointer (&text);
}

/* The label of a turn: a b.speaker opening its first paragraph or the
 * paragraph of its own (p.speaker-line). */
static xmlNode *
turn_label (xmlNode *turn)
{
  for (xmlNode *n = turn->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        for (xmlNode *c = n->children; c != NULL; c = c->next)
          if (c->type == XML_ELEMENT_NODE)
            return html_has_class (c, "speaker") ? c : NULL;
        return NULL;
      }
  return NULL;
}

static const char *
role_of (const char *role)
{
  if (g_strcmp0 (role, "interviewer") == 0 || g_strcmp0 (role, "interviewee") == 0)
    return role;
  return "other";
}

/* An id the core will keep as it is, so that the turn finds its speaker:
 * short, and nothing the core would clean away. */
static gboolean
clean_id (const char *id)
{
  gsize n = strlen (id);

  if (n == 0 || n > 64 || !g_utf8_validate (id, (gssize) n, NULL) ||
      g_ascii_isspace (id[0]) || g_ascii_isspace (id[n - 1]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF) ||
          (c & 0xFFFE) == 0xFFFE)
        return FALSE;
    }
  return TRUE;
}

static void
add_turn_speaker (Meta *m, HtmlPage *page, xmlNode *turn)
{
  const char *id = html_attr (turn, "data-speaker");
  xmlNode *label = turn_label (turn);
  g_autofree char *name = NULL;
  Speaker *s = NULL;

  if (id == NULL || !clean_id (id) || m->speakers->len >= MAX_SPEAKERS)
    return;
  name = label ? label_name (label, id) : NULL;
  for (guint i = 0; i < m->speakers->len && s == NULL; i++)
    if (strcmp (((Speaker *) m->speakers->pdata[i])->id, id) == 0)
      s = m->speakers->pdata[i];
  if (s == NULL)
    {
      s = g_new0 (Speaker, 1);
      s->id = g_strdup (id);
      s->role = g_strdup (role_of (html_attr (turn, "data-role")));
      g_ptr_array_add (m->speakers, s);
    }
  if (s->name == NULL)
    s->name = g_steal_pointer (&name);
}

/* prensa's (and pandoc's) endnotes: li ids, and the references their
 * back-links point to. */
static void
add_notes (HtmlPage *page, xmlNode *section)
{
  for (xmlNode *n = section; n != NULL; n = next_in (n, section, TRUE))
    {
      const char *id = html_attr (n, "id");
      if (!html_is (n, "li") || id == NULL || id[0] == '\0')
        continue;
      g_hash_table_add (page->notes, g_strdup (id));
      for (xmlNode *a = n; a != NULL; a = next_in (a, n, TRUE))
        {
          const char *href = html_attr (a, "href");
          if (html_is (a, "a") && html_has_class (a, "footnote-back") &&
              href != NULL && href[0] == '#')
            g_hash_table_insert (page->note_of_ref, g_strdup (href + 1),
                                 g_strdup (id));
        }
    }
}

gboolean
html_is_endnotes (const xmlNode *node)
{
  return (html_is (node, "section") || html_is (node, "div") ||
          html_is (node, "aside")) &&
         (g_strcmp0 (html_attr (node, "role"), "doc-endnotes") == 0 ||
          html_has_class (node, "footnotes"));
}

/* prensa's article header: title, subtitle and date. */
static gboolean
html_is_prensa_header (const xmlNode *node)
{
  if (!html_is (node, "header"))
    return FALSE;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (html_is (c, "h1") && html_has_class (c, "title"))
      return TRUE;
  return FALSE;
}

static void
read_prensa_header (Meta *m, xmlNode *header)
{
  for (xmlNode *c = header->children; c != NULL; c = c->next)
    {
      g_autofree char *text = html_dup_text (c);
      if (html_is (c, "h1") && html_has_class (c, "title"))
        set_string (m, "title", text);
      else if (html_has_class (c, "subtitle"))
        set_string (m, "subtitle", text);
      else if (html_has_class (c, "dateline"))
        {
          xmlNode *time = child_named (c, "time");
          set_string (m, "date", time && html_attr (time, "datetime")
                                   ? html_attr (time, "datetime") : text);
        }
    }
}

static void
scan_root (Meta *m, HtmlPage *page)
{
  for (xmlNode *n = page->root; n != NULL;)
    {
      gboolean descend = TRUE;

      if (html_is (n, "script") || html_is (n, "style") || html_is (n, "template"))
        descend = FALSE;
      else if (page->header == NULL && html_is_prensa_header (n))
        {
          read_prensa_header (m, n);
          page->header = n;
          descend = FALSE;
        }
      else if (html_is (n, "h1"))
        {
          if (m->h1_count++ == 0)
            m->first_h1 = n;
        }
      else if (html_is (n, "div") && html_has_class (n, "turn"))
        add_turn_speaker (m, page, n);
      else if (html_is_endnotes (n))
        add_notes (page, n);
      n = next_in (n, page->root, descend);
    }
}

/* The page's only h1 is its title when <title> says the same, alone or
 * followed by the site's name ("Headline | Site", "Headline – Site"). */
static gboolean
h1_is_title (const char *h1, const char *title)
{
  static const char *const separators[] = { " | ", " - ", " \xe2\x80\x93 ",
                                            " \xe2\x80\x94 ", " :: ", " \xc2\xb7 ",
                                            NULL };
  gsize n = strlen (h1);

  if (n == 0 || title == NULL || strncmp (h1, title, n) != 0)
    return FALSE;
  if (title[n] == '\0')
    return TRUE;
  for (guint i = 0; separators[i] != NULL; i++)
    if (g_str_has_prefix (title + n, separators[i]))
      return TRUE;
  return FALSE;
}

static void
choose_title (Meta *m, HtmlPage *page)
{
  if (m->h1_count == 1 && !g_hash_table_contains (m->strings, "title"))
    {
      g_autofree char *h1 = html_dup_text (m->first_h1);
      if (h1_is_title (h1, m->page_title))
        {
          page->title_h1 = m->first_h1;
          set_string (m, "title", h1);
          return;
        }
    }
  /* prensa writes a <title> for every page (the first heading, the file
   * name): only its header says there was a title. */
  if (!m->by_prensa)
    set_string (m, "title", m->page_title);
}

/* What YAML lets a scalar hold; anything else (C1 controls, U+FFFE…)
 * would make libyaml refuse the whole map. */
static gboolean
yaml_printable (gunichar c)
{
  return c == 0x85 || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* JSON is YAML: the metadata goes to the builder as one flow map. Text
 * the core would make U+FFFD is made so here. */
static void
put_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\xef\xbf\xbd");
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\t' || c == '\n' || c == '\r')
        g_string_append_c (out, ' ');
      else if (!yaml_printable (c))
        g_string_append (out, "\xef\xbf\xbd");
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');
}

static void put_json_key (GString *out, const char *key);

static void
put_json_list (GString *out, const char *key, GPtrArray *items)
{
  put_json_key (out, key);
  g_string_append_c (out, '[');
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      put_json_string (out, items->pdata[i]);
    }
  g_string_append_c (out, ']');
}

static void
put_json_speakers (GString *out, GPtrArray *speakers)
{
  put_json_key (out, "speakers");
  g_string_append_c (out, '[');
  for (guint i = 0; i < speakers->len; i++)
    {
      Speaker *s = speakers->pdata[i];
      g_string_append (out, i > 0 ? ",{\"id\":" : "{\"id\":");
      put_json_string (out, s->id);
      g_string_append (out, ",\"name\":");
      put_json_string (out, s->name ? s->name : s->id);
      g_string_append (out, ",\"role\":");
      put_json_string (out, s->role);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

static void
put_json_key (GString *out, const char *key)
{
  if (out->len > 1)
    g_string_append_c (out, ',');
  put_json_string (out, key);
  g_string_append_c (out, ':');
}

/* The keys in the order front matter usually has them, so that a page
 * prensa wrote reads back to the same metadata, in one YAML (JSON) map:
 * lists cannot be set one string at a time. */
static gboolean
set_meta (PrensaBuilder *b, Meta *m, gboolean speakers, GError **error)
{
  static const char *const order[] = { "title", "subtitle", "author", "date", "lang",
                                       "description", "subject", "publisher",
                                       "rights", "identifier", "speakers", NULL };
  g_autoptr (GString) json = g_string_new ("{");

  for (guint i = 0; order[i] != NULL; i++)
    {
      const char *key = order[i];
      const char *value = g_hash_table_lookup (m->strings, key);

      if (strcmp (key, "author") == 0 && m->authors->len == 1)
        value = m->authors->pdata[0];
      if (strcmp (key, "author") == 0 && m->authors->len > 1)
        put_json_list (json, key, m->authors);
      else if (strcmp (key, "subject") == 0 && m->subjects->len > 0)
        put_json_list (json, key, m->subjects);
      else if (strcmp (key, "speakers") == 0 && m->speakers->len > 0 && speakers)
        put_json_speakers (json, m->speakers);
      else if (value != NULL)
        {
          put_json_key (json, key);
          put_json_string (json, value);
        }
    }
  g_string_append_c (json, '}');
  if (json->len <= 2)
    return TRUE;
  return prensa_builder_set_meta_yaml (b, json->str, (gssize) json->len, 0, error);
}

/* The turns that may open are those of the speakers the core now has,
 * under the ids it has them by. */
static void
keep_declared (PrensaBuilder *b, HtmlPage *page)
{
  const PrensaValue *list = prensa_value_lookup (prensa_builder_get_meta (b), "speakers");
  guint n = list ? prensa_value_get_length (list) : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *id = prensa_value_lookup_string (prensa_value_get_item (list, i), "id");
      if (id != NULL)
        g_hash_table_add (page->speakers, g_strdup (id));
    }
}

/* Speakers the core refuses (a shape its rules reject) make the page an
 * ordinary document, not a failed read: the text is still there. */
static gboolean
set_meta_or_plain (PrensaBuilder *b, Meta *m, HtmlPage *page, GError **error)
{
  g_autoptr (GError) refused = NULL;

  if (m->speakers->len > 0 && !set_meta (b, m, TRUE, &refused))
    {
      prensa_builder_warning (b, 0, "the page's speakers are left out: %s",
                              refused->message);
      if (!set_meta (b, m, FALSE, error))
        return FALSE;
    }
  else if (m->speakers->len == 0 && !set_meta (b, m, FALSE, error))
    return FALSE;
  if (refused == NULL)
    keep_declared (b, page);
  return TRUE;
}

static void
meta_clear (Meta *m)
{
  g_hash_table_unref (m->strings);
  g_ptr_array_unref (m->authors);
  g_ptr_array_unref (m->subjects);
  g_ptr_array_unref (m->speakers);
  g_free (m->page_title);
}

gboolean
html_read_page (PrensaBuilder *b, xmlDoc *doc, HtmlPage *page, GError **error)
{
  xmlNode *html = xmlDocGetRootElement (doc);
  xmlNode *body = child_named (html, "body");
  const char *lang = html ? html_attr (html, "lang") : NULL;
  Meta m = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
             g_ptr_array_new_with_free_func (g_free),
             g_ptr_array_new_with_free_func (g_free),
             g_ptr_array_new_with_free_func (speaker_free), NULL, FALSE, 0, NULL };
  gboolean ok;

  page->speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  page->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  page->note_of_ref = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (html == NULL)
    {
      meta_clear (&m);
      return TRUE;
    }
  read_head (&m, child_named (html, "head"));
  if (lang == NULL)
    lang = html_attr (html, "xml:lang");
  set_string (&m, "lang", lang);
  choose_root (page, html, body);
  scan_root (&m, page);
  choose_title (&m, page);
  ok = set_meta_or_plain (b, &m, page, error);
  meta_clear (&m);
  return ok;
}

void
html_page_clear (HtmlPage *page)
{
  g_clear_pointer (&page->speakers, g_hash_table_unref);
  g_clear_pointer (&page->notes, g_hash_table_unref);
  g_clear_pointer (&page->note_of_ref, g_hash_table_unref);
}
