/* fuzz-image.c: libFuzzer harness for what is read from an image before
 * any decoder sees it: prensa_image_probe() and prensa_image_png_strip().
 * A file the probe accepts must strip to a PNG the probe accepts again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <prensa/prensa.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data, size_t size)
{
  PrensaImageInfo info;
  if (!prensa_image_probe (data, size, &info, NULL))
    return 0;
  if (strcmp (info.media_type, "image/png") == 0) {
    GBytes *png = g_bytes_new_static (data, size);
    GBytes *stripped = prensa_image_png_strip (png);
    PrensaImageInfo again;
    if (!prensa_image_probe (g_bytes_get_data (stripped, NULL), g_bytes_get_size (stripped),
                             &again, NULL)
        || again.width != info.width || again.height != info.height)
      __builtin_trap ();
    g_bytes_unref (stripped);
    g_bytes_unref (png);
  }
  return 0;
}
