/* fuzz-descriptor.c: libFuzzer harness for what the plugin host reads
 * from a module's file before loading it (core/probe.c): the ELF headers,
 * section table, section names, dynamic symbols and the descriptor
 * section. Each input is the whole file, probed through a memfd as the
 * registry probes an open module, and also parsed as a descriptor
 * section alone. Whatever is accepted must be what the DEFINE macros
 * could have written: a name for each described kind, and the exported
 * symbol's ABI equal to the section's.
 *
 * Seeds (tests/fuzz/seeds/fuzz-descriptor/) are a small module built from
 * descriptor-seed.c with gcc and clang:
 *   CC -Icore $(pkg-config --cflags glib-2.0) -fvisibility=hidden -shared
 *      -fPIC -nostdlib -Os -s -Wl,-z,noseparate-code -Wl,--build-id=none
 *      -o seed-CC.so tests/fuzz/descriptor-seed.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "prensa-private.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

static void
check (const PrensaProbe *probe)
{
  for (guint k = 0; k < PRENSA_PROBE_N_KINDS; k++) {
    const PrensaProbeKind *pk = &probe->kinds[k];
    if (pk->described && (pk->name == NULL || pk->name[0] == '\0' || pk->description == NULL
                          || (k != PRENSA_PROBE_FILTER && pk->extensions == NULL)))
      __builtin_trap ();
  }
}

int
LLVMFuzzerTestOneInput (const unsigned char *data, size_t size)
{
  static int fd = -1;
  if (fd < 0 && (fd = memfd_create ("fuzz-descriptor", MFD_CLOEXEC)) < 0)
    abort ();
  if (ftruncate (fd, 0) != 0 || pwrite (fd, data, size, 0) != (ssize_t) size)
    abort ();

  PrensaProbe probe;
  char *problem = NULL;
  if (prensa_plugin_probe (fd, &probe, &problem)) {
    check (&probe);
    for (guint k = 0; k < PRENSA_PROBE_N_KINDS; k++)
      if (probe.kinds[k].described && probe.kinds[k].symbol_abi != probe.kinds[k].descriptor_abi)
        __builtin_trap ();
    prensa_probe_clear (&probe);
  } else {
    /* a refusal says why, and leaves nothing behind */
    if (problem == NULL || probe.kinds[0].name || probe.kinds[1].name || probe.kinds[2].name)
      __builtin_trap ();
  }
  g_free (problem);

  PrensaProbe parsed = { 0 };
  problem = NULL;
  if (prensa_probe_parse_descriptors ((const char *) data, size, &parsed, &problem))
    check (&parsed);
  else if (problem == NULL)
    __builtin_trap ();
  prensa_probe_clear (&parsed);
  g_free (problem);
  return 0;
}
