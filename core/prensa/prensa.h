/* prensa.h: the prensa library, everything a program or plugin needs.
 *
 * A plugin includes <prensa/prensa-plugin.h>, which includes this. The
 * conventions throughout: functions are prensa_<object>_<verb>(); GLib's
 * error rules (GError ** last; a FALSE or NULL return means it is set;
 * passing NULL or a wrong type is a programmer error, caught by
 * g_return_val_if_fail, not a GError); and every function states who owns
 * what it returns: (transfer none) is borrowed and lives as long as the
 * object it came from, (transfer full) is the caller's to free with the
 * function named there (g_free() when none is named). Everything reachable
 * from a PrensaDocument is immutable and safe to read from several
 * threads at once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa-version.h>
#include <prensa/prensa-value.h>
#include <prensa/prensa-node.h>
#include <prensa/prensa-document.h>
#include <prensa/prensa-iter.h>
#include <prensa/prensa-output.h>
#include <prensa/prensa-util.h>
#include <prensa/prensa-xml.h>
#include <prensa/prensa-zip.h>
