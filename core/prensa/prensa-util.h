/* prensa-util.h: warnings and small helpers every writer needs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <string.h>
#include <glib.h>
#include <prensa/prensa-version.h>

G_BEGIN_DECLS

typedef void (*PrensaWarningFunc) (const char *message, gpointer user_data);

/* Reports something the user should know that does not stop a conversion
 * (a dropped raw HTML block, a dangling link, a skipped plugin). By default
 * printed to stderr as "prensa: warning: MESSAGE". Thread-safe. */
PRENSA_API void prensa_warning (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* The line a warning is printed as, in one format for every warning: a
 * @message that opens with its place, "FILE:LINE:COL: …" or
 * "FILE:LINE: …" (as prensa_warning_at and the readers' warnings do),
 * becomes "FILE:LINE:COL: warning: …", as compilers print; any other
 * "prensa: warning: …". Returns: (transfer full), without a newline. */
PRENSA_API char *prensa_warning_dup_line (const char *message);

/* Sends warnings to @func instead (NULL restores the default); @message
 * is only valid during the call. Host side: a plugin must not call it. */
PRENSA_API void prensa_set_warning_func (PrensaWarningFunc func,
                                         gpointer user_data);

/* The time to stamp outputs with: $SOURCE_DATE_EPOCH when it is set and
 * valid, the current time otherwise; always UTC. Use it for every date a
 * writer invents (modification times, "generated on"), never the clock, so
 * builds are reproducible. Returns: (transfer full): free with
 * g_date_time_unref(). */
PRENSA_API GDateTime *prensa_source_date (void);

/* prensa_xml_escape() and the rest of the XML layer: prensa-xml.h. */

/* FALSE for URLs that must never become live links: javascript:,
 * vbscript:, file: and data: (except data:image/png, gif, jpeg and webp),
 * whatever their case and with any whitespace or control characters a
 * browser would ignore. The loader already turns such links and images
 * into their plain content; writers may use this for URLs from metadata. */
PRENSA_API gboolean prensa_url_is_safe (const char *url);

/* @uri as a reader would type it from paper, for the address printed
 * after a link: percent-escapes decoded where the result is valid UTF-8
 * (spaces and controls stay escaped), no http(s):// or mailto: and no
 * trailing slash. NULL when there is nothing to print: the link's
 * @shown text (may be NULL) already is the address, as an autolink's is,
 * with or without its scheme or "www.". Every print writer calls this
 * so paper shows one address, decoded once. Returns: (transfer full) */
PRENSA_API char *prensa_uri_dup_printable (const char *uri, const char *shown);

/* The media type of an image told by its first bytes rather than its name,
 * so a misnamed file still gets the right type: "image/png", "image/jpeg",
 * "image/gif", "image/webp", "image/avif", "image/bmp", "image/x-icon" or
 * "image/tiff";
 * NULL for anything else (SVG is text: writers that take it decide by
 * themselves). (transfer none) */
PRENSA_API const char *prensa_image_media_type (const void *data, gsize length);

typedef struct {
  const char *media_type;  /* as prensa_image_media_type() names it */
  guint width, height;     /* in pixels; 0 × 0 for AVIF and ICO */
} PrensaImageInfo;

/* Tells an image's type and size from its header bytes and walks its
 * structure without decoding it: a PNG's chunks (each whole, CRCs right,
 * IHDR first, IDAT, IEND), a JPEG's segments up to its frame header, a
 * GIF's blocks up to its trailer, a WebP's first chunk, a TIFF's first
 * image directory. Cheap on any
 * size of file. Returns: FALSE with @error set (PRENSA_LOAD_ERROR_FORMAT)
 * for data that is not one of those images or is broken, so that no
 * writer packs a file a reader will refuse. */
PRENSA_API gboolean prensa_image_probe (const void *data, gsize length, PrensaImageInfo *info,
                                        GError **error);

/* @png without its ancillary chunks (text, EXIF, ICC profiles, private
 * data), which decoders read slowly and pages never show; anything that
 * is not a sound PNG comes back as it is. (transfer full) */
PRENSA_API GBytes *prensa_image_png_strip (GBytes *png);

/* The number of terminal columns @text (@length bytes, or NUL-terminated
 * when -1; valid UTF-8) takes (wide East Asian characters
 * count 2, combining marks and zero-width characters 0). */
PRENSA_API gsize prensa_text_width (const char *text, gssize length);

/* Appends @n in decimal to @out, as "%" G_GINT64_FORMAT would: printf
 * costs about a thousand instructions a call, and writers number every
 * heading, note, link and list item. */
PRENSA_API void prensa_string_append_int (GString *out, gint64 n);

/* g_string_append_len(), inline while @out has room: GLib 2.74's is a
 * call of about a hundred instructions, as much as copying the tag or the
 * run of words a writer appends. */
static inline void
prensa_string_put_len (GString *out, const char *text, gsize length)
{
  if (out->len + length < out->allocated_len) {
    memcpy (out->str + out->len, text, length);
    out->len += length;
    out->str[out->len] = '\0';
  } else {
    g_string_append_len (out, text, (gssize) length);
  }
}

/* Words a writer puts on the page itself (not the document's own), for
 * PRENSA_WORD_* below. */
typedef enum {
  PRENSA_WORD_BY,         /* before the authors of an article: "By" */
  PRENSA_WORD_AND,        /* between the last two names: "and" */
  PRENSA_WORD_TALKS_TO,   /* one interviewer: "talks to" */
  PRENSA_WORD_TALK_TO,    /* several: "talk to" */
  PRENSA_WORD_CONTENTS,   /* a table of contents' title */
  PRENSA_WORD_COVER,
  PRENSA_WORD_TITLE_PAGE,
  PRENSA_WORD_START,      /* where the body of a book starts */
  PRENSA_WORD_SECTION,    /* a heading with no text */
  PRENSA_WORD_UNTITLED,   /* a document with no title */
  PRENSA_WORD_NOTES,      /* the heading or name of a part's footnotes */
  PRENSA_WORD_TABLE,      /* the name of a table's region */
  PRENSA_WORD_BACK_TO_TEXT, /* a note's link back to its reference */
  PRENSA_WORD_SEE,        /* before a cross-reference: "see" */
  PRENSA_WORD_PART,       /* a part of a book, after SEE: "part" */
  PRENSA_WORD_IN_PART,    /* where a section lies: "in part" */
  PRENSA_N_WORDS
} PrensaWord;

/* @word in the language of the BCP 47 tag @lang (the document's "lang";
 * NULL for none): English, Spanish, French, German, Italian or Portuguese,
 * and English for any other. (transfer none) */
PRENSA_API const char *prensa_word (const char *lang, PrensaWord word);

/* A YYYY-MM-DD @date spelled out for @lang: "July 17, 2018" with no
 * language or US English, "17 July 2018" in other English, "17 de julio de
 * 2018", "17 juillet 2018", "17. Juli 2018" and so on; as written in any
 * other language. Returns: (transfer full) (nullable): NULL when @date is
 * not a valid YYYY-MM-DD date, to be shown as written. */
PRENSA_API char *prensa_date_spell (const char *lang, const char *date);

/* TRUE when @text is a W3C date and time (YYYY, YYYY-MM, YYYY-MM-DD, or
 * that date with a time and a zone) of a day the calendar has: not
 * 2018-02-30, not the year 0000. The form dc:date takes. FALSE for
 * NULL. */
PRENSA_API gboolean prensa_date_is_valid (const char *text);

/* Reads the regular file @path whole, as g_file_get_contents() does, but
 * opened once without blocking and refused unless it is a regular file: a
 * FIFO, device, socket or directory named as a stylesheet, a styles file,
 * a reference document or an image is an error, never a hang, and no
 * larger than @max bytes. Errors are G_FILE_ERROR and name @path.
 * @contents: (out) (transfer full), NUL-terminated. */
PRENSA_API gboolean prensa_file_get_contents (const char *path, gsize max, char **contents,
                                              gsize *length, GError **error);

/* A paper size in points (1/72 in). */
typedef struct {
  const char *name;     /* "A4", "Letter"…; NULL for WIDTHxHEIGHT */
  double width, height;
  gboolean landscape;   /* wider than tall */
  gboolean us;          /* a US size, or given in inches */
  gpointer reserved[2];
} PrensaPaper;

/* What prensa_paper_parse() takes, for messages. */
#define PRENSA_PAPER_SIZES \
  "A3, A4, A5, B4, B5, Letter, Legal, Tabloid, or WIDTHxHEIGHT in mm, cm, in or pt such as 6x9in"

/* Reads @text (any case): A3, A4, A5, B4, B5, Letter (us-letter), Legal,
 * Tabloid (ledger), or WIDTHxHEIGHT with units ("148mmx210mm", "6x9in",
 * "15cm x 22cm"; a bare number takes the other's unit), each optionally
 * followed by "landscape" or "portrait". FALSE when it is none of these
 * (or a side is under 1 in or over 100 in). */
PRENSA_API gboolean prensa_paper_parse (const char *text, PrensaPaper *paper);

/* @text with smart punctuation, by the rules the bundled readers apply
 * to the body (straight quotes made curly by what comes before them, "--"
 * an en dash, "---" an em dash, "..." an ellipsis); the core applies it to
 * the metadata's prose (title, subtitle, author…) unless the document is
 * loaded with PRENSA_LOAD_NO_SMART. Returns: (transfer full). */
PRENSA_API char *prensa_text_smarten (const char *text);

/* "A", "A and B", "A, B and C" in @lang (prensa_word). Returns: (transfer
 * full). */
PRENSA_API char *prensa_names_join (const char *lang, const char *const *names);

/* Appends to @out what goes before name @i (from 0) of @n in "A, B and
 * C", for writers that mark up each name: nothing before the first, ", "
 * between, " and " (in @lang) before the last: the one rule
 * prensa_names_join follows. */
PRENSA_API void prensa_names_append_separator (GString *out, const char *lang,
                                               guint i, guint n);

G_END_DECLS
