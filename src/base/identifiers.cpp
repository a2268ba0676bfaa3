#include "base/identifiers.h"

#include <cstdio>

#include "base/strings.h"

namespace confab {

std::uint64_t fnv1a64(std::string_view bytes) {
  Fnv1a hash;
  hash.add(bytes);
  return hash.value();
}

std::string hex16(std::uint64_t hash) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string short_hash(std::string_view bytes, int digits) {
  return hex16(fnv1a64(bytes))
      .substr(0, static_cast<std::size_t>(digits < 1    ? 1
                                          : digits > 16 ? 16
                                                        : digits));
}

std::string slugify(std::string_view text, std::size_t max_length) {
  std::string slug;
  for (std::size_t i = 0; i < text.size() && slug.size() < max_length; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    char out = '-';
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out = static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < text.size()) {
      const unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        const char letter = latin1_base_letter(next);
        out = letter == '\0' ? '-' : letter;
        ++i;
      }
    } else if (c >= 0x80) {
      // Skip the rest of any other multi-byte character: it becomes one separator.
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
    }
    if (out == '-') {
      if (!slug.empty() && slug.back() != '-') slug += '-';
    } else {
      slug += out;
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) slug = "item";
  return slug;
}

}  // namespace confab
