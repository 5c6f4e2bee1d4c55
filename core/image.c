/* image.c: an image's type and size from its header bytes, and a walk
 * over its structure, without decoding a pixel.
 *
 * Writers measured images with gdk-pixbuf, which feeds the whole file
 * through the format's progressive loader: a PNG carrying a 12 MB
 * ancillary chunk took seconds just to be measured, and a corrupt GIF
 * went into an EPUB unnoticed. The layouts walked here come from the PNG
 * (ISO 15948), JFIF/JPEG (ITU T.81), GIF89a, WebP container and TIFF 6.0
 * specs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "prensa-private.h"

/* Larger sides than this are nonsense in any of these formats. */
#define IMAGE_MAX_SIDE 1000000u

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static guint
be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint
le16 (const guint8 *p)
{
  return (guint) p[1] << 8 | p[0];
}

static guint32
le24 (const guint8 *p)
{
  return (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static guint32
le32 (const guint8 *p)
{
  return le24 (p) | (guint32) p[3] << 24;
}

static gboolean
bad (GError **error, const char *type, const char *why)
{
  g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT, "a broken %s image: %s",
               type, why);
  return FALSE;
}

/* CRC-32 as PNG and zlib define it (polynomial 0xEDB88320). */
static guint32
crc32_update (guint32 crc, const guint8 *p, gsize n)
{
  static guint32 table[256];
  static gsize ready;
  if (g_once_init_enter (&ready)) {
    for (guint32 i = 0; i < 256; i++) {
      guint32 c = i;
      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    g_once_init_leave (&ready, 1);
  }
  crc = ~crc;
  while (n--)
    crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

/* Every chunk whole and its CRC right, IHDR first, some IDAT, IEND last. */
static gboolean
probe_png (const guint8 *d, gsize n, PrensaImageInfo *info, GError **error)
{
  gsize at = 8;
  gboolean idat = FALSE;
  for (guint i = 0; ; i++) {
    if (n - at < 12)
      return bad (error, "PNG", "it ends before its IEND chunk");
    guint32 len = be32 (d + at);
    const guint8 *type = d + at + 4;
    if (len > 0x7fffffffu || len > n - at - 12)
      return bad (error, "PNG", "a chunk runs past the end of the file");
    for (int k = 0; k < 4; k++)
      if (!g_ascii_isalpha (type[k]))
        return bad (error, "PNG", "a chunk has no proper name");
    if (crc32_update (0, type, len + 4) != be32 (type + 4 + len))
      return bad (error, "PNG", "a chunk's checksum is wrong");
    if (i == 0) {
      if (memcmp (type, "IHDR", 4) != 0 || len != 13)
        return bad (error, "PNG", "it does not start with its IHDR chunk");
      info->width = be32 (type + 4);
      info->height = be32 (type + 8);
    }
    idat |= memcmp (type, "IDAT", 4) == 0;
    at += 12 + (gsize) len;
    if (memcmp (type, "IEND", 4) == 0)
      break;
  }
  if (!idat)
    return bad (error, "PNG", "it has no image data");
  return TRUE;
}

/* The first start-of-frame segment gives the size; T.81 B.1.1.3. */
static gboolean
probe_jpeg (const guint8 *d, gsize n, PrensaImageInfo *info, GError **error)
{
  gsize at = 2;
  for (;;) {
    while (at < n && d[at] == 0xff && at + 1 < n && d[at + 1] == 0xff)
      at++;
    if (n - at < 4 || d[at] != 0xff)
      return bad (error, "JPEG", "no frame header before the end of the file");
    guint8 marker = d[at + 1];
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker == 0xd9 || marker == 0xda)
      return bad (error, "JPEG", "no frame header before the image data");
    guint len = be16 (d + at + 2);
    if (len < 2 || len > n - at - 2)
      return bad (error, "JPEG", "a segment runs past the end of the file");
    gboolean sof = marker >= 0xc0 && marker <= 0xcf
                   && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (sof) {
      if (len < 8)
        return bad (error, "JPEG", "a frame header too short");
      info->height = be16 (d + at + 5);
      info->width = be16 (d + at + 7);
      return TRUE;
    }
    at += 2 + len;
  }
}

/* Data sub-blocks (a length byte, that many bytes) up to the empty one. */
static gboolean
skip_sub_blocks (const guint8 *d, gsize n, gsize *at)
{
  while (*at < n) {
    guint len = d[(*at)++];
    if (len == 0)
      return TRUE;
    if (len > n - *at)
      return FALSE;
    *at += len;
  }
  return FALSE;
}

/* Runs the LZW codes of one image's data (GIF89a appendix F) without
 * making a pixel: each code must name a string the table has, which is
 * where a corrupt file shows. Data cut short ends the image, as browsers
 * take it. */
static gboolean
gif_lzw_sound (const guint8 *data, gsize n, guint min_size)
{
  guint16 length[4096];
  guint clear = 1u << min_size, size = min_size + 1, next = clear + 2;
  gint prev = -1;
  guint64 pixels = 0, bits = 0;
  guint have = 0;
  gsize at = 0;
  for (guint i = 0; i < clear; i++)
    length[i] = 1;
  for (;;) {
    while (have < size && at < n) {
      bits |= (guint64) data[at++] << have;
      have += 8;
    }
    if (have < size)
      break;
    guint code = (guint) (bits & ((1u << size) - 1));
    bits >>= size;
    have -= size;
    if (code == clear) {
      size = min_size + 1;
      next = clear + 2;
      prev = -1;
      continue;
    }
    if (code == clear + 1)
      break;
    if (prev < 0) {
      if (code > clear)
        return FALSE;
      prev = (gint) code;
      pixels++;
      continue;
    }
    if (code > next || (code == next && next >= 4096))
      return FALSE;
    guint made = code == next ? length[prev] + 1u : length[code];
    if (next < 4096) {
      length[next] = (guint16) MIN (length[prev] + 1u, G_MAXUINT16);
      if (++next == (1u << size) && size < 12)
        size++;
    }
    prev = (gint) code;
    pixels += made;
  }
  return pixels > 0;
}

/* GIF89a: the logical screen, then extensions and images up to the
 * trailer; every block must be whole, every image's codes sound. */
static gboolean
probe_gif (const guint8 *d, gsize n, PrensaImageInfo *info, GError **error)
{
  if (n < 13)
    return bad (error, "GIF", "its header is cut short");
  info->width = le16 (d + 6);
  info->height = le16 (d + 8);
  gsize at = 13;
  if (d[10] & 0x80)
    at += (gsize) 3 << ((d[10] & 7) + 1);
  guint images = 0;
  for (;;) {
    if (at >= n)
      return bad (error, "GIF", "it ends before its trailer");
    guint8 block = d[at++];
    if (block == 0x3b)
      break;
    if (block == 0x21) {
      if (at >= n)
        return bad (error, "GIF", "an extension is cut short");
      at++;
    } else if (block == 0x2c) {
      if (n - at < 10)
        return bad (error, "GIF", "an image descriptor is cut short");
      guint8 flags = d[at + 8];
      if (le16 (d + at + 4) == 0 || le16 (d + at + 6) == 0)
        return bad (error, "GIF", "an image of no pixels");
      at += 9;
      if (flags & 0x80)
        at += (gsize) 3 << ((flags & 7) + 1);
      if (at >= n || d[at] < 2 || d[at] > 11)
        return bad (error, "GIF", "an image with no proper code size");
      guint min_size = d[at++];
      gsize start = at;
      if (!skip_sub_blocks (d, n, &at))
        return bad (error, "GIF", "a data block runs past the end of the file");
      /* The image's data without the sub-block lengths. */
      g_autoptr (GByteArray) codes = g_byte_array_sized_new ((guint) MIN (at - start, G_MAXUINT));
      for (gsize b = start; d[b] != 0; b += 1 + (gsize) d[b])
        g_byte_array_append (codes, d + b + 1, d[b]);
      if (!gif_lzw_sound (codes->data, codes->len, min_size))
        return bad (error, "GIF", "its image data does not decode");
      images++;
      continue;
    } else {
      return bad (error, "GIF", "a block of unknown kind");
    }
    if (!skip_sub_blocks (d, n, &at))
      return bad (error, "GIF", "a data block runs past the end of the file");
  }
  if (images == 0)
    return bad (error, "GIF", "it holds no image");
  return TRUE;
}

/* The RIFF header, then one of the three first chunks that give the
 * canvas size. */
static gboolean
probe_webp (const guint8 *d, gsize n, PrensaImageInfo *info, GError **error)
{
  if (n < 30 || memcmp (d, "RIFF", 4) != 0 || le32 (d + 4) > n - 8)
    return bad (error, "WebP", "its RIFF header is cut short");
  const guint8 *c = d + 12;
  if (memcmp (c, "VP8X", 4) == 0) {
    info->width = le24 (c + 12) + 1;
    info->height = le24 (c + 15) + 1;
  } else if (memcmp (c, "VP8L", 4) == 0) {
    if (c[8] != 0x2f)
      return bad (error, "WebP", "a lossless header without its signature");
    guint32 bits = le32 (c + 9);
    info->width = (bits & 0x3fff) + 1;
    info->height = ((bits >> 14) & 0x3fff) + 1;
  } else if (memcmp (c, "VP8 ", 4) == 0) {
    if (c[11] != 0x9d || c[12] != 0x01 || c[13] != 0x2a)
      return bad (error, "WebP", "a lossy header without its start code");
    info->width = le16 (c + 14) & 0x3fff;
    info->height = le16 (c + 16) & 0x3fff;
  } else {
    return bad (error, "WebP", "no image chunk");
  }
  return TRUE;
}

/* The first image file directory (TIFF 6.0, section 2): ImageWidth (256)
 * and ImageLength (257), SHORT or LONG. */
static gboolean
probe_tiff (const guint8 *d, gsize n, PrensaImageInfo *info, GError **error)
{
  gboolean le = d[0] == 'I';
#define TIFF16(p) (le ? le16 (p) : be16 (p))
#define TIFF32(p) (le ? le32 (p) : be32 (p))
  if (n < 8)
    return bad (error, "TIFF", "its header is cut short");
  guint32 ifd = TIFF32 (d + 4);
  if (ifd < 8 || ifd > n - 2)
    return bad (error, "TIFF", "its image directory lies outside the file");
  guint count = TIFF16 (d + ifd);
  if ((gsize) count * 12 > n - ifd - 2)
    return bad (error, "TIFF", "its image directory runs past the end of the file");
  for (guint i = 0; i < count; i++) {
    const guint8 *e = d + ifd + 2 + 12 * (gsize) i;
    guint tag = TIFF16 (e), type = TIFF16 (e + 2);
    guint32 value = type == 3 ? TIFF16 (e + 8) : type == 4 ? TIFF32 (e + 8) : 0;
    if (tag == 256)
      info->width = value;
    else if (tag == 257)
      info->height = value;
  }
#undef TIFF16
#undef TIFF32
  return TRUE;
}

gboolean
prensa_image_probe (const void *data, gsize length, PrensaImageInfo *info, GError **error)
{
  g_return_val_if_fail ((data != NULL || length == 0) && info != NULL, FALSE);
  const guint8 *d = data;
  gboolean ok = TRUE;
  memset (info, 0, sizeof *info);
  info->media_type = prensa_image_media_type (data, length);
  if (info->media_type == NULL) {
    g_set_error (error, PRENSA_LOAD_ERROR, PRENSA_LOAD_ERROR_FORMAT,
                 "not a PNG, JPEG, GIF, WebP, AVIF, BMP, ICO or TIFF image");
    return FALSE;
  }
  if (strcmp (info->media_type, "image/png") == 0)
    ok = probe_png (d, length, info, error);
  else if (strcmp (info->media_type, "image/jpeg") == 0)
    ok = probe_jpeg (d, length, info, error);
  else if (strcmp (info->media_type, "image/gif") == 0)
    ok = probe_gif (d, length, info, error);
  else if (strcmp (info->media_type, "image/webp") == 0)
    ok = probe_webp (d, length, info, error);
  else if (strcmp (info->media_type, "image/tiff") == 0)
    ok = probe_tiff (d, length, info, error);
  else if (strcmp (info->media_type, "image/bmp") == 0 && length >= 26) {
    gint32 h = (gint32) le32 (d + 22);
    info->width = le32 (d + 18);
    info->height = h == G_MININT32 ? 0 : (guint) ABS (h);
  }
  if (!ok)
    return FALSE;
  /* AVIF and ICO keep 0 × 0: their sizes sit deeper than a header. */
  gboolean sized = strcmp (info->media_type, "image/avif") != 0
                   && strcmp (info->media_type, "image/x-icon") != 0;
  if (sized && (info->width == 0 || info->height == 0
                || info->width > IMAGE_MAX_SIDE || info->height > IMAGE_MAX_SIDE))
    return bad (error, info->media_type + 6, "its header gives no sensible size");
  return TRUE;
}

/* Critical chunks and transparency are all a decoder needs to paint. */
static gboolean
png_chunk_kept (const guint8 *type)
{
  return g_ascii_isupper (type[0]) || memcmp (type, "tRNS", 4) == 0
         || memcmp (type, "gAMA", 4) == 0;
}

GBytes *
prensa_image_png_strip (GBytes *png)
{
  g_return_val_if_fail (png != NULL, NULL);
  gsize n;
  const guint8 *d = g_bytes_get_data (png, &n);
  PrensaImageInfo info;
  if (!prensa_image_probe (d, n, &info, NULL) || strcmp (info.media_type, "image/png") != 0)
    return g_bytes_ref (png);
  GByteArray *out = g_byte_array_sized_new ((guint) MIN (n, G_MAXUINT));
  g_byte_array_append (out, d, 8);
  /* The probe checked every chunk is whole. */
  for (gsize at = 8; at + 12 <= n;) {
    gsize whole = 12 + (gsize) be32 (d + at);
    if (png_chunk_kept (d + at + 4))
      g_byte_array_append (out, d + at, (guint) whole);
    if (memcmp (d + at + 4, "IEND", 4) == 0)
      break;
    at += whole;
  }
  return g_byte_array_free_to_bytes (out);
}
