#include "base/strings.h"

namespace confab {

std::string_view trim_space(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

char latin1_base_letter(unsigned char second_byte) {
  // U+00C0..U+00FF in order; '\0' marks × (D7) and ÷ (F7).
  static constexpr char kBase[] =
      "aaaaaaaceeeeiiii"    // C0-CF
      "dnooooo\0ouuuuyts"   // D0-DF
      "aaaaaaaceeeeiiii"    // E0-EF
      "dnooooo\0ouuuuyty";  // F0-FF
  if (second_byte < 0x80 || second_byte > 0xBF) return '\0';
  return kBase[second_byte - 0x80];
}

void append_utf8(std::string& out, char32_t code_point) {
  char32_t c = code_point;
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0) c = 0xFFFD;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace confab
