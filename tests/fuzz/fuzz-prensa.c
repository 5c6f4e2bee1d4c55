/* fuzz-prensa.c: a libFuzzer harness that loads its input as Markdown with
 * front matter and, when built with FUZZ_FORMAT, writes it to memory with
 * that bundled writer, then checks what it can of the output.
 *
 * Built once per writer (fuzz-load, fuzz-write-txt, fuzz-write-html, …), and once
 * with FUZZ_READER="transcript" (fuzz-transcript: the input read by that
 * reader, from FUZZ_READER_DIR, rather than as Markdown) by
 * tests/fuzz/meson.build with -Dfuzzing=true and clang. Beyond the
 * sanitizers, the oracle is: the loader either fails with a GError or
 * gives a document; a writer either fails with a GError or succeeds; a
 * successful txt output is UTF-8; every XML part (the xml writer's output,
 * the parts inside a DOCX or EPUB) is well-formed XML.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <zip.h>

#include <prensa/prensa.h>
#include <prensa/prensa-plugin.h>
#include <prensa/prensa-registry.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static PrensaRegistry *registry;
static const PrensaWriter *writer;
/* A file name inside an empty folder: relative image names in the input
 * resolve there and find nothing, so a run never depends on the files
 * around it. */
static char *source;

static void
drop_warning (const char *message, gpointer user_data)
{
  /* Warnings are expected on odd input; printing them slows fuzzing. */
}

static void
ignore_xml_error (void *ctx, const char *msg, ...)
{
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("prensa-fuzz-XXXXXX", &error);

  if (dir == NULL)
    g_error ("fuzz: %s", error->message);
  source = g_build_filename (dir, "input.md", NULL);
  g_free (dir);
  prensa_set_warning_func (drop_warning, NULL);
  xmlSetGenericErrorFunc (NULL, ignore_xml_error);
  /* One registry for every input: the markdown reader and the writer. */
  registry = prensa_registry_new ();
  prensa_registry_add_path (registry, FUZZ_READER_DIR);
#ifdef FUZZ_FORMAT
  prensa_registry_add_path (registry, FUZZ_PLUGIN_DIR);
#endif
  prensa_registry_scan (registry);
#ifdef FUZZ_READER
  if (prensa_registry_lookup_reader (registry, FUZZ_READER) == NULL)
    g_error ("fuzz: no %s reader in %s", FUZZ_READER, FUZZ_READER_DIR);
#else
  if (prensa_registry_lookup_reader (registry, "markdown") == NULL)
    g_error ("fuzz: no markdown reader in %s", FUZZ_READER_DIR);
#endif
#ifdef FUZZ_FORMAT
  writer = prensa_registry_lookup (registry, FUZZ_FORMAT);
  if (writer == NULL)
    g_error ("fuzz: no %s writer in %s", FUZZ_FORMAT, FUZZ_PLUGIN_DIR);
#endif
  return 0;
}

/* libxml2 refuses documents nested deeper than its own limit (2048 with
 * XML_PARSE_HUGE); that says nothing about well-formedness, so only other
 * errors count. */
static void
check_xml (const char *name, const char *xml, gsize length)
{
  xmlDocPtr doc = xmlReadMemory (xml, (int) length, name, NULL,
                                 XML_PARSE_NONET | XML_PARSE_HUGE
                                 | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc != NULL) {
    xmlFreeDoc (doc);
    return;
  }
  const xmlError *e = xmlGetLastError ();
  if (e && e->code == XML_ERR_INTERNAL_ERROR && e->message
      && strstr (e->message, "Excessive depth"))
    return;
  fprintf (stderr, "fuzz: %s: not well-formed XML: %s", name,
           e && e->message ? e->message : "(no message)\n");
  abort ();
}

static gboolean
is_xml_part (const char *name)
{
  return g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xhtml")
         || g_str_has_suffix (name, ".opf") || g_str_has_suffix (name, ".ncx")
         || g_str_has_suffix (name, ".rels");
}

static void
check_zip (const char *data, gsize length)
{
  zip_error_t zerr;
  zip_error_init (&zerr);
  zip_source_t *src = zip_source_buffer_create (data, length, 0, &zerr);
  zip_t *za = src ? zip_open_from_source (src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr) : NULL;

  if (za == NULL) {
    fprintf (stderr, "fuzz: the writer's zip does not open: %s\n", zip_error_strerror (&zerr));
    abort ();
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries (za, 0); i++) {
    zip_stat_t st;
    if (zip_stat_index (za, (zip_uint64_t) i, 0, &st) != 0 || !is_xml_part (st.name))
      continue;
    g_autofree char *part = g_malloc (st.size + 1);
    zip_file_t *f = zip_fopen_index (za, (zip_uint64_t) i, 0);
    if (f == NULL || zip_fread (f, part, st.size) != (zip_int64_t) st.size) {
      fprintf (stderr, "fuzz: cannot read %s from the writer's zip\n", st.name);
      abort ();
    }
    zip_fclose (f);
    check_xml (st.name, part, st.size);
  }
  zip_discard (za);
  zip_error_fini (&zerr);
}

static void
check_output (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *name = writer->name;

  if (strcmp (name, "xml") == 0) {
    check_xml ("output.xml", data, length);
  } else if (strcmp (name, "txt") == 0) {
    if (!g_utf8_validate (data, (gssize) length, NULL)) {
      fprintf (stderr, "fuzz: txt output is not UTF-8\n");
      abort ();
    }
  } else if (strcmp (name, "docx") == 0 || strcmp (name, "epub") == 0) {
    check_zip (data, length);
  }
}

static void
write_document (const PrensaDocument *doc)
{
  g_autoptr(PrensaOptions) options = prensa_options_new (writer);
  g_autoptr(PrensaOutput) out = prensa_output_new_memory ();
  g_autoptr(GError) error = NULL;

  if (!writer->write (doc, options, out, &error)) {
    /* A writer may refuse a document, but must say why. */
    if (error == NULL) {
      fprintf (stderr, "fuzz: %s failed without an error\n", writer->name);
      abort ();
    }
    return;
  }
  if (!prensa_output_commit (out, &error))
    return;
  g_autoptr(GBytes) bytes = prensa_output_steal_bytes (out);
  check_output (bytes);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(PrensaLoader) loader = prensa_loader_new (PRENSA_LOAD_DEFAULT);
  g_autoptr(GError) error = NULL;

  prensa_loader_set_registry (loader, registry);
#ifdef FUZZ_READER
  prensa_loader_set_format (loader, FUZZ_READER);
#endif
  if (!prensa_loader_add_data (loader, "input.md", source, (const char *) data,
                               (gssize) size, &error)) {
    if (error == NULL) {
      fprintf (stderr, "fuzz: the loader failed without an error\n");
      abort ();
    }
    return 0;
  }
  g_autoptr(PrensaDocument) doc = prensa_loader_finish (loader);
  if (writer != NULL)
    write_document (doc);
  return 0;
}
