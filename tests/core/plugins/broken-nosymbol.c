/* broken-nosymbol.c: a module that is no prensa plugin at all.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-plugin.h>

PRENSA_PLUGIN_EXPORT int not_a_writer (void);
int
not_a_writer (void)
{
  return 42;
}
