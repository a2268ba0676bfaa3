#include "render/slug.h"

namespace confab {

std::string slugify(std::string_view text) {
  std::string slug;
  bool pending_hyphen = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || byte >= 0x80;
    if (c >= 'A' && c <= 'Z') {
      if (pending_hyphen && !slug.empty()) slug += '-';
      pending_hyphen = false;
      slug += static_cast<char>(c - 'A' + 'a');
    } else if (kept) {
      if (pending_hyphen && !slug.empty()) slug += '-';
      pending_hyphen = false;
      slug += c;
    } else {
      pending_hyphen = true;
    }
  }
  return slug;
}

}  // namespace confab
