// Small text helpers every stage needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace confab {

/// `bytes` in base64 (RFC 4648, with padding).
std::string to_base64(std::string_view bytes);

/// The bytes `text` encodes in base64; white space (MIME line breaks) is skipped, padding is
/// optional. nullopt when another character appears.
std::optional<std::string> from_base64(std::string_view text);

/// `text` without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
std::string_view trim_space(std::string_view text);

/// The unaccented lower-case letter of U+00C0..U+00FF, given the second byte of its UTF-8 form
/// (C3 80..C3 BF): 0xA9 (é) -> 'e', 0x80 (À) -> 'a', ß -> 's', Þ/þ -> 't'. '\0' for × and ÷,
/// which are not letters, and for bytes outside 80..BF.
char latin1_base_letter(unsigned char second_byte);

/// Appends `code_point` to `out` as UTF-8; NUL, surrogates and values past U+10FFFF become
/// U+FFFD, so the result is always valid UTF-8.
void append_utf8(std::string& out, char32_t code_point);

/// The UTF-8 sequence `text` starts with (its first byte 0x80 or above), judged by Unicode's
/// table of well-formed byte sequences: no overlong form, no surrogate, nothing past U+10FFFF.
/// Complete and valid: its length, with `complete` true. Otherwise `complete` is false and the
/// result is how many bytes could still have begun a valid sequence (0 when the first cannot).
/// Inline: decoders call it for every non-ASCII character.
inline std::size_t utf8_sequence(std::string_view text, bool& complete) {
  const auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte_at(0);
  std::size_t length = 0;
  unsigned char second_min = 0x80, second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;  // shorter forms are overlong
    if (lead == 0xED) second_max = 0x9F;  // beyond are UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;  // shorter forms are overlong
    if (lead == 0xF4) second_max = 0x8F;  // beyond is past U+10FFFF
  } else {
    complete = false;
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char min = i == 1 ? second_min : 0x80, max = i == 1 ? second_max : 0xBF;
    if (i >= text.size() || byte_at(i) < min || byte_at(i) > max) {
      complete = false;
      return i;
    }
  }
  complete = true;
  return length;
}

}  // namespace confab
