#include "base/program_id.h"

#include <elf.h>
#include <link.h>

#include <cstring>
#include <string_view>

namespace confab {
namespace {

/// The GNU build ID among the notes of one PT_NOTE segment, "" when it has none. Notes are
/// padded to the segment's alignment (4, or 8 for some linkers' property notes).
std::string_view build_id_note(const char* notes, std::size_t size, std::size_t align) {
  const auto padded = [align](std::size_t n) { return (n + align - 1) / align * align; };
  while (size >= sizeof(ElfW(Nhdr))) {
    ElfW(Nhdr) header;
    std::memcpy(&header, notes, sizeof header);
    const std::size_t name_at = sizeof header;
    const std::size_t desc_at = name_at + padded(header.n_namesz);
    const std::size_t next = desc_at + padded(header.n_descsz);
    if (next > size || next <= name_at) return {};
    if (header.n_type == NT_GNU_BUILD_ID && header.n_namesz == 4 &&
        std::memcmp(notes + name_at, "GNU", 4) == 0) {
      return {notes + desc_at, header.n_descsz};
    }
    notes += next;
    size -= next;
  }
  return {};
}

}  // namespace

std::string program_build_id() {
  std::string id;
  ::dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* found) -> int {
        // The first object is the program itself; its libraries follow and are not it.
        for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_NOTE) continue;
          const std::string_view note =
              build_id_note(reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr),
                            segment.p_memsz, segment.p_align == 8 ? 8 : 4);
          if (note.empty()) continue;
          auto& hex = *static_cast<std::string*>(found);
          constexpr char kDigits[] = "0123456789abcdef";
          for (const char byte : note) {
            hex += kDigits[static_cast<unsigned char>(byte) >> 4];
            hex += kDigits[static_cast<unsigned char>(byte) & 15];
          }
          break;
        }
        return 1;
      },
      &id);
  return id;
}

}  // namespace confab
