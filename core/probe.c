/* probe.c: reading what a plugin is from its file, before it is loaded.
 *
 * dlopen() runs a module's constructors and maps every library it needs
 * (libxml2, cairo, fontconfig…), which costs more than a small conversion
 * does, and runs code only to find out what a module is. Instead the host
 * reads the module's ELF file: the descriptor section the DEFINE macros
 * fill (prensa-plugin.h), which says each kind's ABI, name, description,
 * extensions and MIME type, and the dynamic symbol table, for the ABI of
 * each exported descriptor. That is enough to list the module and to look
 * its formats up; it is loaded only when a conversion uses it.
 *
 * The file may be anything, so the reader is strict: only an ELF file of
 * this process's class, byte order and machine; every offset and size
 * checked against the file's size before it is read; each table read
 * with pread() into a buffer of its own, within fixed bounds (a module
 * is not mapped, whatever its size); every string of a descriptor
 * checked to be UTF-8 without control characters, as --list-formats
 * prints it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prensa-private.h"

#if UINTPTR_MAX == 0xffffffffffffffffu
typedef Elf64_Ehdr Ehdr;
typedef Elf64_Shdr Shdr;
typedef Elf64_Sym Sym;
#define ELF_CLASS ELFCLASS64
#else
typedef Elf32_Ehdr Ehdr;
typedef Elf32_Shdr Shdr;
typedef Elf32_Sym Sym;
#define ELF_CLASS ELFCLASS32
#endif

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
#define ELF_DATA ELFDATA2LSB
#else
#define ELF_DATA ELFDATA2MSB
#endif

/* The machine this process runs on, where we know its number; 0: not
 * checked (dlopen() then refuses a module for another machine). */
#if defined(__x86_64__)
#define ELF_MACHINE EM_X86_64
#elif defined(__i386__)
#define ELF_MACHINE EM_386
#elif defined(__aarch64__)
#define ELF_MACHINE EM_AARCH64
#elif defined(__arm__)
#define ELF_MACHINE EM_ARM
#elif defined(__riscv)
#define ELF_MACHINE EM_RISCV
#elif defined(__powerpc64__)
#define ELF_MACHINE EM_PPC64
#elif defined(__s390x__)
#define ELF_MACHINE EM_S390
#else
#define ELF_MACHINE 0
#endif

/* Bounds on what is read from one file. A plugin has a few dozen
 * sections and a few thousand dynamic symbols at most. */
#define MAX_SECTIONS 4096
#define MAX_SECTION_NAMES (64 * 1024)
#define MAX_DESCRIPTORS (64 * 1024)
#define MAX_DYNSYM (4 * 1024 * 1024)
#define MAX_FIELD 4096

static const char *const kind_names[PRENSA_PROBE_N_KINDS] = { "writer", "reader", "filter" };
static const char *const kind_symbols[PRENSA_PROBE_N_KINDS] = {
  PRENSA_WRITER_SYMBOL, PRENSA_READER_SYMBOL, PRENSA_FILTER_SYMBOL
};

static gboolean
in_file (guint64 size, guint64 offset, guint64 length)
{
  return offset <= size && length <= size - offset;
}

/* Reads @length bytes at @offset into a new buffer (with a NUL after
 * them), or NULL when they are not all there. */
static char *
read_at (int fd, guint64 size, guint64 offset, guint64 length)
{
  if (!in_file (size, offset, length) || offset > G_MAXINT64)
    return NULL;
  char *buf = g_malloc (length + 1);
  guint64 got = 0;
  while (got < length) {
    ssize_t n = pread (fd, buf + got, length - got, (off_t) (offset + got));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      g_free (buf);
      return NULL;
    }
    got += (guint64) n;
  }
  buf[length] = '\0';
  return buf;
}

void
prensa_probe_clear (PrensaProbe *probe)
{
  for (guint k = 0; k < PRENSA_PROBE_N_KINDS; k++) {
    g_free (probe->kinds[k].name);
    g_free (probe->kinds[k].description);
    g_free (probe->kinds[k].extensions);
    g_free (probe->kinds[k].mime_type);
  }
  memset (probe, 0, sizeof *probe);
}

/* A decimal number of at most nine digits, no sign, no leading zero. */
static gboolean
parse_number (const char *s, guint *value)
{
  gsize n = strlen (s);
  if (n == 0 || n > 9 || (s[0] == '0' && n > 1))
    return FALSE;
  guint v = 0;
  for (gsize i = 0; i < n; i++) {
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
    v = v * 10 + (guint) (s[i] - '0');
  }
  *value = v;
  return TRUE;
}

/* Whether @s may be printed to a terminal: UTF-8, no control character. */
static gboolean
printable (const char *s)
{
  if (!g_utf8_validate (s, -1, NULL))
    return FALSE;
  for (const char *p = s; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029)
      return FALSE;
  }
  return TRUE;
}

gboolean
prensa_probe_parse_descriptors (const char *data, gsize size, PrensaProbe *probe,
                                char **problem)
{
  enum { MAGIC, FORMAT, KIND, ABI, MODEL, NAME, DESCRIPTION, EXTENSIONS, MIME, N_FIELDS };
  static const char *const field_names[N_FIELDS] = {
    "magic", "format", "kind", "ABI", "model", "name", "description", "extensions", "MIME type"
  };
  gsize at = 0;
  while (at < size) {
    if (data[at] == '\0') { /* padding between records */
      at++;
      continue;
    }
    const char *fields[N_FIELDS];
    for (guint f = 0; f < N_FIELDS; f++) {
      const char *end = at < size ? memchr (data + at, '\0', MIN (size - at, MAX_FIELD + 1)) : NULL;
      if (end == NULL) {
        *problem = g_strdup_printf ("its descriptor section is cut short or too long (in the %s "
                                    "field at byte %" G_GSIZE_FORMAT ")", field_names[f], at);
        return FALSE;
      }
      fields[f] = data + at;
      at = (gsize) (end - data) + 1;
    }
    if (strcmp (fields[MAGIC], PRENSA_DESCRIPTOR_MAGIC) != 0) {
      *problem = g_strdup ("its descriptor section holds something that is no prensa descriptor");
      return FALSE;
    }
    if (strcmp (fields[FORMAT], PRENSA_DESCRIPTOR_FORMAT) != 0) {
      *problem = g_strdup ("its descriptor section is of another format than "
                           PRENSA_DESCRIPTOR_FORMAT "; rebuild the plugin");
      return FALSE;
    }
    guint kind = PRENSA_PROBE_N_KINDS;
    for (guint k = 0; k < PRENSA_PROBE_N_KINDS; k++)
      if (strcmp (fields[KIND], kind_names[k]) == 0)
        kind = k;
    const char *bad = NULL;
    guint abi = 0, model = 0;
    if (kind == PRENSA_PROBE_N_KINDS)
      bad = "kind";
    else if (!parse_number (fields[ABI], &abi) || abi == 0)
      bad = "ABI";
    else if (!parse_number (fields[MODEL], &model))
      bad = "model";
    for (guint f = NAME; bad == NULL && f < N_FIELDS; f++) {
      gboolean empty = fields[f][0] == '\0';
      gboolean want_empty = kind == PRENSA_PROBE_FILTER && f >= EXTENSIONS;
      if (empty != want_empty || !printable (fields[f]))
        bad = field_names[f];
    }
    if (bad) {
      *problem = g_strdup_printf ("its descriptor section has a bad %s", bad);
      return FALSE;
    }
    PrensaProbeKind *pk = &probe->kinds[kind];
    if (pk->described) {
      *problem = g_strdup_printf ("its descriptor section describes two %ss", kind_names[kind]);
      return FALSE;
    }
    pk->described = TRUE;
    pk->descriptor_abi = abi;
    pk->model = model;
    pk->name = g_strdup (fields[NAME]);
    pk->description = g_strdup (fields[DESCRIPTION]);
    if (kind != PRENSA_PROBE_FILTER) {
      pk->extensions = g_strdup (fields[EXTENSIONS]);
      pk->mime_type = g_strdup (fields[MIME]);
    }
  }
  return TRUE;
}

/* The section that holds virtual address @addr, or NULL. */
static const Shdr *
section_at (const Shdr *sections, guint n, guint64 addr)
{
  for (guint i = 0; i < n; i++)
    if ((sections[i].sh_flags & SHF_ALLOC) && sections[i].sh_addr <= addr
        && addr - sections[i].sh_addr < sections[i].sh_size)
      return &sections[i];
  return NULL;
}

/* Reads the first field (the ABI) of each descriptor the dynamic symbol
 * table exports into @probe; FALSE with @problem set when one is there
 * but cannot be read. */
static gboolean
read_symbol_abis (int fd, guint64 size, const Shdr *sh, guint n, PrensaProbe *probe,
                  char **problem)
{
  for (guint i = 0; i < n; i++) {
    if (sh[i].sh_type != SHT_DYNSYM)
      continue;
    if (sh[i].sh_link >= n || sh[i].sh_size > MAX_DYNSYM || sh[i].sh_entsize != sizeof (Sym)
        || sh[sh[i].sh_link].sh_size > MAX_DYNSYM) {
      *problem = g_strdup ("its dynamic symbol table cannot be read");
      return FALSE;
    }
    const Shdr *strtab = &sh[sh[i].sh_link];
    g_autofree char *syms_data = read_at (fd, size, sh[i].sh_offset, sh[i].sh_size);
    g_autofree char *names = read_at (fd, size, strtab->sh_offset, strtab->sh_size);
    if (syms_data == NULL || names == NULL) {
      *problem = g_strdup ("its dynamic symbol table lies outside the file");
      return FALSE;
    }
    guint64 count = sh[i].sh_size / sizeof (Sym);
    for (guint64 s = 0; s < count; s++) {
      Sym sym;
      memcpy (&sym, syms_data + s * sizeof (Sym), sizeof sym);
      if (sym.st_name >= strtab->sh_size || sym.st_shndx == SHN_UNDEF)
        continue;
      const char *name = names + sym.st_name; /* names[] ends in a NUL of read_at's */
      for (guint k = 0; k < PRENSA_PROBE_N_KINDS; k++) {
        if (strcmp (name, kind_symbols[k]) != 0 || probe->kinds[k].symbol_abi != 0)
          continue;
        /* the abi field is the first member: a plain integer in the file */
        const Shdr *where = section_at (sh, n, sym.st_value);
        guint32 abi = 0;
        g_autofree char *bytes = where && where->sh_type != SHT_NOBITS
                                 ? read_at (fd, size, where->sh_offset + (sym.st_value - where->sh_addr),
                                            sizeof abi)
                                 : NULL;
        if (bytes)
          memcpy (&abi, bytes, sizeof abi);
        if (abi == 0) {
          *problem = g_strdup_printf ("its '%s' symbol cannot be read", kind_symbols[k]);
          return FALSE;
        }
        probe->kinds[k].symbol_abi = abi;
      }
    }
    return TRUE; /* one dynamic symbol table */
  }
  return TRUE;
}

gboolean
prensa_plugin_probe (int fd, PrensaProbe *probe, char **problem)
{
  memset (probe, 0, sizeof *probe);
  struct stat st;
  Ehdr eh;
  g_autofree char *head = NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
    *problem = g_strdup ("not a regular file");
    return FALSE;
  }
  guint64 size = (guint64) st.st_size;
  head = read_at (fd, size, 0, sizeof eh);
  if (head)
    memcpy (&eh, head, sizeof eh);
  if (head == NULL || memcmp (eh.e_ident, ELFMAG, SELFMAG) != 0
      || eh.e_ident[EI_CLASS] != ELF_CLASS || eh.e_ident[EI_DATA] != ELF_DATA
      || eh.e_ident[EI_VERSION] != EV_CURRENT || eh.e_type != ET_DYN
      || (ELF_MACHINE != 0 && eh.e_machine != ELF_MACHINE)) {
    *problem = g_strdup ("not a shared module for this machine");
    return FALSE;
  }
  if (eh.e_shnum == 0 || eh.e_shnum > MAX_SECTIONS || eh.e_shentsize != sizeof (Shdr)
      || eh.e_shstrndx == SHN_UNDEF || eh.e_shstrndx >= eh.e_shnum
      || !in_file (size, eh.e_shoff, (guint64) eh.e_shnum * sizeof (Shdr))) {
    *problem = g_strdup ("its section table is missing, too large or cut short");
    return FALSE;
  }
  g_autofree Shdr *sh = (Shdr *) read_at (fd, size, eh.e_shoff, (guint64) eh.e_shnum * sizeof (Shdr));
  const Shdr *names_sh = sh ? &sh[eh.e_shstrndx] : NULL;
  g_autofree char *names = names_sh && names_sh->sh_type == SHT_STRTAB
                           && names_sh->sh_size <= MAX_SECTION_NAMES
                           ? read_at (fd, size, names_sh->sh_offset, names_sh->sh_size) : NULL;
  if (names == NULL) {
    *problem = g_strdup ("its section names cannot be read");
    return FALSE;
  }
  const Shdr *descriptors = NULL;
  for (guint i = 0; i < eh.e_shnum; i++) {
    if (sh[i].sh_name >= names_sh->sh_size
        || strcmp (names + sh[i].sh_name, PRENSA_DESCRIPTOR_SECTION) != 0)
      continue;
    if (descriptors) {
      *problem = g_strdup ("it has two descriptor sections");
      return FALSE;
    }
    descriptors = &sh[i];
  }
  gboolean ok = TRUE;
  if (descriptors) {
    g_autofree char *data = descriptors->sh_type == SHT_PROGBITS
                            && descriptors->sh_size <= MAX_DESCRIPTORS
                            ? read_at (fd, size, descriptors->sh_offset, descriptors->sh_size)
                            : NULL;
    if (data == NULL) {
      *problem = g_strdup ("its descriptor section is too large or lies outside the file");
      ok = FALSE;
    } else {
      ok = prensa_probe_parse_descriptors (data, descriptors->sh_size, probe, problem);
      if (ok && !probe->kinds[0].described && !probe->kinds[1].described
          && !probe->kinds[2].described) {
        *problem = g_strdup ("its descriptor section is empty");
        ok = FALSE;
      }
    }
  }
  ok = ok && read_symbol_abis (fd, size, sh, eh.e_shnum, probe, problem);
  for (guint k = 0; ok && k < PRENSA_PROBE_N_KINDS; k++) {
    const PrensaProbeKind *pk = &probe->kinds[k];
    if (pk->described && pk->symbol_abi == 0) {
      *problem = g_strdup_printf ("its descriptor section describes a %s, but it exports no '%s'",
                                  kind_names[k], kind_symbols[k]);
      ok = FALSE;
    } else if (pk->described && pk->symbol_abi != pk->descriptor_abi) {
      *problem = g_strdup_printf ("its '%s' has ABI %u, its descriptor section says %u; rebuild "
                                  "the plugin", kind_symbols[k], pk->symbol_abi,
                                  pk->descriptor_abi);
      ok = FALSE;
    }
  }
  if (ok && !probe->kinds[0].symbol_abi && !probe->kinds[1].symbol_abi
      && !probe->kinds[2].symbol_abi) {
    *problem = g_strdup ("not a prensa plugin (no '" PRENSA_WRITER_SYMBOL "', '"
                         PRENSA_READER_SYMBOL "' or '" PRENSA_FILTER_SYMBOL "' symbol)");
    ok = FALSE;
  }
  if (!ok)
    prensa_probe_clear (probe);
  return ok;
}
