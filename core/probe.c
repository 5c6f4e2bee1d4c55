/* probe.c: reading a plugin's ABI from its file, before it is loaded.
 *
 * dlopen() runs a module's constructors and maps every library it needs
 * (libxml2, cairo, fontconfig…), which costs more than a small conversion
 * does. Reading the ELF symbol table instead lets the host refuse a module
 * without the entry symbol or with another ABI before any of its code
 * runs, and load the others only when their format is asked for.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <elf.h>
#include <string.h>

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

static gboolean
in_file (gsize size, guint64 offset, guint64 length)
{
  return offset <= size && length <= size - offset;
}

/* The section that holds virtual address @addr, or NULL. */
static const Shdr *
section_at (const Shdr *sections, guint n, guint64 addr)
{
  for (guint i = 0; i < n; i++)
    if (sections[i].sh_addr <= addr && addr < sections[i].sh_addr + sections[i].sh_size
        && (sections[i].sh_flags & SHF_ALLOC))
      return &sections[i];
  return NULL;
}

/* The first field of the descriptor @want names, or FALSE with
 * @problem set when the symbol is there but cannot be read. *@abi stays 0
 * when there is no such symbol. */
static gboolean
read_abi (const char *data, gsize size, const Ehdr *eh, const char *want, guint *abi,
          char **problem)
{
  const Shdr *sh = (const Shdr *) (data + eh->e_shoff);
  for (guint i = 0; i < eh->e_shnum; i++) {
    if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_link >= eh->e_shnum
        || !in_file (size, sh[i].sh_offset, sh[i].sh_size))
      continue;
    const Shdr *strtab = &sh[sh[i].sh_link];
    if (!in_file (size, strtab->sh_offset, strtab->sh_size))
      break;
    const Sym *syms = (const Sym *) (data + sh[i].sh_offset);
    for (guint64 k = 0; k < sh[i].sh_size / sizeof (Sym); k++) {
      if (syms[k].st_name >= strtab->sh_size || syms[k].st_shndx == SHN_UNDEF)
        continue;
      const char *name = data + strtab->sh_offset + syms[k].st_name;
      gsize room = strtab->sh_size - syms[k].st_name;
      if (strnlen (name, room) != strlen (want) || memcmp (name, want, strlen (want)) != 0)
        continue;
      /* the abi field is the first member: a plain integer in the file */
      const Shdr *where = section_at (sh, eh->e_shnum, syms[k].st_value);
      guint64 offset = where ? where->sh_offset + (syms[k].st_value - where->sh_addr) : 0;
      if (where == NULL || where->sh_type == SHT_NOBITS || !in_file (size, offset, sizeof (guint))) {
        *problem = g_strdup_printf ("its '%s' symbol cannot be read", want);
        return FALSE;
      }
      memcpy (abi, data + offset, sizeof (guint));
      return TRUE;
    }
  }
  return TRUE;
}

gboolean
prensa_plugin_probe (const char *path, guint *writer_abi, guint *reader_abi, guint *filter_abi,
                     char **problem)
{
  g_autoptr (GMappedFile) map = g_mapped_file_new (path, FALSE, NULL);
  const char *data = map ? g_mapped_file_get_contents (map) : NULL;
  gsize size = map ? g_mapped_file_get_length (map) : 0;
  const Ehdr *eh = (const Ehdr *) data;
  *writer_abi = *reader_abi = *filter_abi = 0;
  if (data == NULL || size < sizeof *eh || memcmp (eh->e_ident, ELFMAG, SELFMAG) != 0
      || eh->e_ident[EI_CLASS] != ELF_CLASS || eh->e_shentsize != sizeof (Shdr)
      || !in_file (size, eh->e_shoff, (guint64) eh->e_shnum * sizeof (Shdr))) {
    *problem = g_strdup ("not a shared module for this machine");
    return FALSE;
  }
  if (!read_abi (data, size, eh, PRENSA_WRITER_SYMBOL, writer_abi, problem)
      || !read_abi (data, size, eh, PRENSA_READER_SYMBOL, reader_abi, problem)
      || !read_abi (data, size, eh, PRENSA_FILTER_SYMBOL, filter_abi, problem))
    return FALSE;
  if (*writer_abi == 0 && *reader_abi == 0 && *filter_abi == 0) {
    *problem = g_strdup ("not a prensa plugin (no '" PRENSA_WRITER_SYMBOL "', '"
                         PRENSA_READER_SYMBOL "' or '" PRENSA_FILTER_SYMBOL "' symbol)");
    return FALSE;
  }
  return TRUE;
}
