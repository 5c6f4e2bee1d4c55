/* floor.c: the least a prensa run to txt, html, epub and docx can cost.
 *
 * It converts nothing. It is linked with every library the design gives
 * those writers (GLib, GModule, GIO for GResource, cmark, libyaml, libzip,
 * libxml2, gdk-pixbuf), so running it costs what starting a process and
 * loading and relocating those libraries costs on this machine. The
 * benchmark prints its time beside the sample interview's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <cmark.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <gmodule.h>
#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <yaml.h>
#include <zip.h>

int
main (void)
{
  /* One cheap call into each library keeps it a real dependency. */
  gboolean ok = g_module_supported ()
                && g_io_error_quark () != 0
                && cmark_version () > 0
                && yaml_get_version_string () != NULL
                && zip_libzip_version () != NULL
                && xmlParserVersion != NULL
                && gdk_pixbuf_error_quark () != 0;

  return ok ? 0 : 1;
}
