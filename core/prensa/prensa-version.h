/* prensa-version.h: library version and the export macro.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

/* The version of the prensa these headers came from. A plugin sees the
 * version it was built against, not the one that loads it: compatibility
 * is PRENSA_PLUGIN_ABI's business (prensa-plugin.h), not these numbers'. */
#define PRENSA_VERSION_MAJOR 0
#define PRENSA_VERSION_MINOR 1
#define PRENSA_VERSION_MICRO 0
#define PRENSA_VERSION_STRING "0.1.0"

/* libprensa is built with -fvisibility=hidden; only what carries PRENSA_API
 * is part of its ABI. */
#if defined(__GNUC__)
#define PRENSA_API __attribute__((visibility("default")))
#else
#define PRENSA_API
#endif
