/* xml-private.h: helpers of the xml writer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <prensa/prensa.h>

/* Writes @value (a map of metadata) as <meta> entries. */
void xml_write_meta (GString *out, const PrensaValue *value, guint indent);
