/* docx-read-styles.c: what word/styles.xml and word/numbering.xml say a
 * paragraph or run is.
 *
 * A paragraph style is known by its id or its name (Word keeps built-in
 * names in English whatever the UI language, "heading 1", while ids are
 * localised, "berschrift1"), compared without case or spaces, climbing
 * basedOn until one is known; w:outlineLvl in the chain makes a heading
 * too. Only character styles lend bold, italic and strikethrough to runs:
 * a paragraph style's run properties would make every word of a styled
 * paragraph STRONG and hide a bold "Name:" label inside it. Chains are
 * followed at most MAX_CHAIN steps, so a loop ends.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "docx-read-private.h"

#define MAX_CHAIN 32
#define MAX_LEVELS 9

typedef struct {
  char *based_on;
  char *name;         /* normalised: lower case, no spaces */
  char *id_norm;
  int outline;        /* -1: none */
  int num_id, ilvl;   /* -1: none */
  int b, i, strike;   /* -1: not set */
  gboolean character;
} Style;

typedef struct {
  gboolean ordered, paren, set;
  int start;
} Level;

typedef struct {
  Level levels[MAX_LEVELS];
} Abstract;

typedef struct {
  int abstract_id;
  int start[MAX_LEVELS];  /* -1: no override */
} Num;

struct _DocxStyles {
  GHashTable *styles;     /* id → Style */
  GHashTable *abstracts;  /* abstractNumId → Abstract */
  GHashTable *nums;       /* numId → Num */
};

static char *
normalise (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; s && *s; s++)
    if (*s != ' ' && *s != '-' && *s != '_')
      g_string_append_c (out, g_ascii_tolower (*s));
  return g_string_free (out, FALSE);
}

static int
int_attr (const xmlNode *node, const char *local, int fallback)
{
  g_autofree char *v = node ? docx_w_attr (node, local) : NULL;
  char *end;
  long n;

  if (!v)
    return fallback;
  n = strtol (v, &end, 10);
  if (end == v || n < -1000000 || n > 1000000)
    return fallback;
  return (int) n;
}

static void
style_free (gpointer p)
{
  Style *s = p;

  g_free (s->based_on);
  g_free (s->name);
  g_free (s->id_norm);
  g_free (s);
}

static void
read_num_pr (const xmlNode *ppr, int *num_id, int *ilvl)
{
  xmlNode *num = docx_w_child (ppr, "numPr");

  if (!num)
    return;
  *num_id = int_attr (docx_w_child (num, "numId"), "val", *num_id);
  *ilvl = int_attr (docx_w_child (num, "ilvl"), "val", 0);
}

static void
read_style (DocxStyles *st, const xmlNode *node)
{
  g_autofree char *type = docx_w_attr (node, "type");
  g_autofree char *id = docx_w_attr (node, "styleId");
  xmlNode *ppr = docx_w_child (node, "pPr"), *rpr = docx_w_child (node, "rPr");
  Style *s;

  if (!id || g_hash_table_contains (st->styles, id))
    return;
  s = g_new0 (Style, 1);
  s->character = g_strcmp0 (type, "character") == 0;
  s->id_norm = normalise (id);
  if (docx_w_child (node, "name"))
    {
      g_autofree char *name = docx_w_attr (docx_w_child (node, "name"), "val");
      s->name = normalise (name);
    }
  if (docx_w_child (node, "basedOn"))
    s->based_on = docx_w_attr (docx_w_child (node, "basedOn"), "val");
  s->outline = int_attr (docx_w_child (ppr, "outlineLvl"), "val", -1);
  s->num_id = s->ilvl = -1;
  read_num_pr (ppr, &s->num_id, &s->ilvl);
  s->b = docx_toggle (rpr, "b");
  s->i = docx_toggle (rpr, "i");
  s->strike = docx_toggle (rpr, "strike");
  g_hash_table_insert (st->styles, g_steal_pointer (&id), s);
}

static void
read_abstract (DocxStyles *st, const xmlNode *node)
{
  int id = int_attr (node, "abstractNumId", -1);
  Abstract *a;

  if (id < 0 || g_hash_table_contains (st->abstracts, GINT_TO_POINTER (id)))
    return;
  a = g_new0 (Abstract, 1);
  for (xmlNode *c = node->children; c; c = c->next)
    {
      int ilvl = docx_is_w (c, "lvl") ? int_attr (c, "ilvl", -1) : -1;
      g_autofree char *fmt = NULL;
      g_autofree char *text = NULL;
      Level *l;

      if (ilvl < 0 || ilvl >= MAX_LEVELS)
        continue;
      l = &a->levels[ilvl];
      if (docx_w_child (c, "numFmt"))
        fmt = docx_w_attr (docx_w_child (c, "numFmt"), "val");
      if (docx_w_child (c, "lvlText"))
        text = docx_w_attr (docx_w_child (c, "lvlText"), "val");
      l->set = TRUE;
      l->ordered = fmt && strcmp (fmt, "bullet") != 0 && strcmp (fmt, "none") != 0;
      l->paren = text && g_str_has_suffix (text, ")");
      l->start = int_attr (docx_w_child (c, "start"), "val", 1);
    }
  g_hash_table_insert (st->abstracts, GINT_TO_POINTER (id), a);
}

static void
read_num (DocxStyles *st, const xmlNode *node)
{
  int id = int_attr (node, "numId", -1);
  Num *n;

  if (id <= 0 || g_hash_table_contains (st->nums, GINT_TO_POINTER (id)))
    return;
  n = g_new0 (Num, 1);
  n->abstract_id = int_attr (docx_w_child (node, "abstractNumId"), "val", -1);
  for (int i = 0; i < MAX_LEVELS; i++)
    n->start[i] = -1;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      int ilvl = docx_is_w (c, "lvlOverride") ? int_attr (c, "ilvl", -1) : -1;

      if (ilvl >= 0 && ilvl < MAX_LEVELS && docx_w_child (c, "startOverride"))
        n->start[ilvl] = int_attr (docx_w_child (c, "startOverride"), "val", -1);
    }
  g_hash_table_insert (st->nums, GINT_TO_POINTER (id), n);
}

DocxStyles *
docx_styles_read (xmlDoc *styles, xmlDoc *numbering)
{
  DocxStyles *st = g_new0 (DocxStyles, 1);

  st->styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, style_free);
  st->abstracts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  st->nums = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (styles)
    for (xmlNode *n = xmlDocGetRootElement (styles)->children; n; n = n->next)
      if (docx_is_w (n, "style"))
        read_style (st, n);
  if (numbering)
    for (xmlNode *n = xmlDocGetRootElement (numbering)->children; n; n = n->next)
      {
        if (docx_is_w (n, "abstractNum"))
          read_abstract (st, n);
        else if (docx_is_w (n, "num"))
          read_num (st, n);
      }
  return st;
}

void
docx_styles_free_read (DocxStyles *st)
{
  if (!st)
    return;
  g_hash_table_unref (st->styles);
  g_hash_table_unref (st->abstracts);
  g_hash_table_unref (st->nums);
  g_free (st);
}

/* What a style's id or name alone says it is. */
static DocxKind
kind_of_name (const char *n, int *level)
{
  static const struct { const char *name; DocxKind kind; } known[] = {
    { "title", DOCX_KIND_TITLE }, { "subtitle", DOCX_KIND_SUBTITLE },
    { "standfirst", DOCX_KIND_STANDFIRST }, { "backmatter", DOCX_KIND_BACK_MATTER },
    { "byline", DOCX_KIND_BYLINE }, { "date", DOCX_KIND_DATE },
    { "sourcecode", DOCX_KIND_CODE }, { "blocktext", DOCX_KIND_QUOTE },
    { "quote", DOCX_KIND_QUOTE }, { "intensequote", DOCX_KIND_QUOTE },
    { "quotations", DOCX_KIND_QUOTE }, { "horizontalrule", DOCX_KIND_RULE },
    { "horizontalline", DOCX_KIND_RULE }, { "listparagraph", DOCX_KIND_LIST_PARAGRAPH },
    { "caption", DOCX_KIND_CAPTION }, { "pullquote", DOCX_KIND_PULL_QUOTE },
  };

  if (!n)
    return DOCX_KIND_NONE;
  if (g_str_has_prefix (n, "heading") && n[7] >= '1' && n[7] <= '9' && !n[8])
    {
      *level = n[7] - '0';
      return DOCX_KIND_HEADING;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (n, known[i].name) == 0)
      return known[i].kind;
  return DOCX_KIND_NONE;
}

void
docx_styles_para (const DocxStyles *st, const char *id, DocxParaStyle *out)
{
  gboolean numbered = FALSE;
  int outline = -1;

  out->kind = DOCX_KIND_NONE;
  out->level = 0;
  out->num_id = out->ilvl = -1;
  for (int step = 0; id && step < MAX_CHAIN; step++)
    {
      const Style *s = g_hash_table_lookup (st->styles, id);
      int level = 0;
      DocxKind kind;

      if (!s)
        {
          /* A style id the part does not define still says something. */
          g_autofree char *n = normalise (id);
          if (out->kind == DOCX_KIND_NONE)
            out->kind = kind_of_name (n, &out->level);
          break;
        }
      if (!numbered && s->num_id >= 0)
        {
          out->num_id = s->num_id;
          out->ilvl = s->ilvl;
          numbered = TRUE;
        }
      if (outline < 0 && s->outline >= 0)
        outline = s->outline;
      if (out->kind == DOCX_KIND_NONE)
        {
          kind = kind_of_name (s->name, &level);
          if (kind == DOCX_KIND_NONE)
            kind = kind_of_name (s->id_norm, &level);
          out->kind = kind;
          out->level = level;
        }
      id = s->based_on;
    }
  if (out->kind == DOCX_KIND_NONE && outline >= 0 && outline < 9)
    {
      out->kind = DOCX_KIND_HEADING;
      out->level = outline + 1;
    }
}

void
docx_styles_run (const DocxStyles *st, const char *id, guint *on, guint *off)
{
  guint seen = 0;

  *on = *off = 0;
  for (int step = 0; id && step < MAX_CHAIN; step++)
    {
      const Style *s = g_hash_table_lookup (st->styles, id);
      const struct { int v; guint flag; } props[] = {
        { s ? s->b : -1, DOCX_F_STRONG }, { s ? s->i : -1, DOCX_F_EMPH },
        { s ? s->strike : -1, DOCX_F_STRIKE },
      };

      if (!s)
        break;
      /* prensa's writer marks labels with the Speaker style and inline
       * code with Verbatim Char. */
      if (g_strcmp0 (s->id_norm, "speaker") == 0 || g_strcmp0 (s->name, "speaker") == 0)
        *on |= DOCX_F_STRONG & ~seen, seen |= DOCX_F_STRONG;
      if (g_strcmp0 (s->id_norm, "verbatimchar") == 0
          || g_strcmp0 (s->name, "verbatimchar") == 0)
        *on |= DOCX_F_CODE;
      for (gsize i = 0; i < G_N_ELEMENTS (props); i++)
        {
          if (props[i].v < 0 || (seen & props[i].flag))
            continue;
          seen |= props[i].flag;
          if (props[i].v)
            *on |= props[i].flag;
          else
            *off |= props[i].flag;
        }
      id = s->based_on;
    }
}

gboolean
docx_styles_list (const DocxStyles *st, int num_id, int ilvl,
                  PrensaListType *type, PrensaListDelim *delim, int *start)
{
  const Num *n = num_id > 0 ? g_hash_table_lookup (st->nums, GINT_TO_POINTER (num_id)) : NULL;
  const Abstract *a;
  const Level *l;

  if (!n)
    return FALSE;
  ilvl = CLAMP (ilvl, 0, MAX_LEVELS - 1);
  a = g_hash_table_lookup (st->abstracts, GINT_TO_POINTER (n->abstract_id));
  l = a ? &a->levels[ilvl] : NULL;
  *type = l && l->set && l->ordered ? PRENSA_LIST_ORDERED : PRENSA_LIST_BULLET;
  *delim = *type == PRENSA_LIST_BULLET ? PRENSA_DELIM_NONE
           : l->paren ? PRENSA_DELIM_PAREN : PRENSA_DELIM_PERIOD;
  *start = n->start[ilvl] >= 0 ? n->start[ilvl] : l && l->set ? l->start : 1;
  *start = CLAMP (*start, 0, 999999999);
  return TRUE;
}
