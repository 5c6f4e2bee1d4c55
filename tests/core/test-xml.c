/* test-xml.c: the core's XML layer (prensa-xml.h): what each call writes,
 * and escaping that stays right wherever a special byte falls in the
 * sixteen- and eight-byte runs the escaper reads at a time.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "test-util.h"

static void
test_elements (void)
{
  g_autoptr (GString) s = g_string_new (NULL);
  prensa_xml_declaration (s, FALSE);
  prensa_xml_open (s, "html", "xmlns", "http://www.w3.org/1999/xhtml",
                   "xmlns:epub", "http://www.idpf.org/2007/ops", "lang", NULL, NULL);
  prensa_xml_element (s, "p", "a < b & \"c\"", "class", "x\"y", "id", NULL, NULL);
  prensa_xml_empty (s, "img", "src", "a&b.png", "alt", "", NULL);
  prensa_xml_element (s, "td", NULL, NULL);
  g_string_append (s, "<w:t");
  prensa_xml_attribute (s, "w:val", "<1>");
  prensa_xml_attribute (s, "w:none", NULL);
  g_string_append_c (s, '>');
  prensa_xml_text (s, NULL);
  prensa_xml_text (s, "'\"'");
  prensa_xml_raw (s, "<br/>");
  prensa_xml_close (s, "w:t");
  prensa_xml_close (s, "html");
  g_assert_cmpstr (s->str, ==,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<html xmlns=\"http://www.w3.org/1999/xhtml\""
                   " xmlns:epub=\"http://www.idpf.org/2007/ops\">"
                   "<p class=\"x&quot;y\">a &lt; b &amp; \"c\"</p>"
                   "<img src=\"a&amp;b.png\" alt=\"\"/>"
                   "<td></td>"
                   "<w:t w:val=\"&lt;1&gt;\">'\"'<br/></w:t></html>");
  g_string_truncate (s, 0);
  prensa_xml_declaration (s, TRUE);
  g_assert_cmpstr (s->str, ==, PRENSA_XML_DECLARATION_STANDALONE);
  g_assert_true (g_str_has_suffix (PRENSA_XML_DECLARATION_STANDALONE, "standalone=\"yes\"?>\n"));
}

/* The rule, a character at a time, to hold the fast escaper to. */
static void
reference_escape (GString *out, const char *text, gsize length, gboolean attribute)
{
  const char *p = text, *stop = text + length;
  while (p < stop) {
    const char *end = NULL;
    gunichar c = (guchar) *p;
    gsize n = 1;
    if (c >= 0x80) {
      g_utf8_validate (p, stop - p, &end);
      if (end == p) {
        g_string_append (out, "\xEF\xBF\xBD");
        p++;
        continue;
      }
      c = g_utf8_get_char (p);
      n = g_utf8_next_char (p) - p;
    }
    if (c == '&')
      g_string_append (out, "&amp;");
    else if (c == '<')
      g_string_append (out, "&lt;");
    else if (c == '>')
      g_string_append (out, "&gt;");
    else if (c == '"' && attribute)
      g_string_append (out, "&quot;");
    else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
             || (c >= 0x7F && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF)
             || (c & 0xFFFE) == 0xFFFE)
      g_string_append (out, "\xEF\xBF\xBD");
    else
      g_string_append_len (out, p, n);
    p += n;
  }
}

static void
test_escape_positions (void)
{
  static const char *const specials[] = {
    "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\x01", "\x1F", "\x7F",
    "\xC2\x85", "\xC3\xA9", "\xE2\x80\x99", "\xEF\xB7\x90", "\xEF\xBF\xBE",
    "\xF0\x9F\x98\x80", "\xFF", "\xE2\x82",
  };
  g_autoptr (GString) in = g_string_new (NULL);
  g_autoptr (GString) got = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (specials); k++)
    for (guint at = 0; at < 40; at++)
      for (int attribute = 0; attribute < 2; attribute++) {
        g_string_assign (in, "");
        for (guint i = 0; i < at; i++)
          g_string_append_c (in, (char) ('a' + i % 26));
        g_string_append (in, specials[k]);
        g_string_append (in, "0123456789abcdefghij");
        g_string_truncate (got, 0);
        g_string_truncate (want, 0);
        prensa_xml_escape (got, in->str, (gssize) in->len, attribute);
        reference_escape (want, in->str, in->len, attribute);
        g_assert_cmpstr (got->str, ==, want->str);
      }
}

static void
test_escape_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (15);
  g_autoptr (GString) in = g_string_new (NULL);
  g_autoptr (GString) got = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);
  for (guint round = 0; round < 2000; round++) {
    guint length = (guint) g_rand_int_range (rand, 0, 80);
    g_string_assign (in, "");
    for (guint i = 0; i < length; i++) {
      /* mostly plain ASCII, as text is */
      guint32 r = g_rand_int (rand);
      g_string_append_c (in, (char) (r % 8 ? 0x20 + r / 8 % 0x5F : r / 8 % 256));
    }
    gboolean attribute = round % 2;
    g_string_truncate (got, 0);
    g_string_truncate (want, 0);
    prensa_xml_escape (got, in->str, (gssize) in->len, attribute);
    reference_escape (want, in->str, in->len, attribute);
    g_assert_cmpmem (got->str, got->len, want->str, want->len);
    g_assert_true (g_utf8_validate (got->str, (gssize) got->len, NULL));
  }
}

static void
test_flush (void)
{
  PrensaOutput *out = prensa_output_new_memory ();
  g_autoptr (GString) buffer = g_string_new (NULL);
  prensa_xml_element (buffer, "a", "1", NULL);
  g_assert_false (prensa_xml_flush (buffer, out, 64));
  g_assert_cmpuint (buffer->len, ==, 8);
  g_assert_true (prensa_xml_flush (buffer, out, 8));
  g_assert_cmpuint (buffer->len, ==, 0);
  prensa_xml_empty (buffer, "b", NULL);
  g_assert_true (prensa_xml_flush (buffer, out, 0));
  g_assert_true (prensa_output_commit (out, NULL));
  g_autoptr (GBytes) bytes = prensa_output_steal_bytes (out);
  prensa_output_free (out);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "<a>1</a><b/>", 12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml/elements", test_elements);
  g_test_add_func ("/xml/escape-positions", test_escape_positions);
  g_test_add_func ("/xml/escape-random", test_escape_random);
  g_test_add_func ("/xml/flush", test_flush);
  return g_test_run ();
}
