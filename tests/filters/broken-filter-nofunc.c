/* broken-filter-nofunc.c: a filter with no filter function.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <prensa/prensa-filter.h>

PRENSA_FILTER_DEFINE ("nofilter", "No function", NULL, NULL);
