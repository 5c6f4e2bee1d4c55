/* prensa.h: the prensa library, everything a program or plugin needs.
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
#include <prensa/prensa-zip.h>
