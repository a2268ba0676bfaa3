// Small text helpers every stage needs.
#pragma once

#include <string>
#include <string_view>

namespace confab {

/// `text` without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
std::string_view trim_space(std::string_view text);

/// The unaccented lower-case letter of U+00C0..U+00FF, given the second byte of its UTF-8 form
/// (C3 80..C3 BF): 0xA9 (é) -> 'e', 0x80 (À) -> 'a', ß -> 's', Þ/þ -> 't'. '\0' for × and ÷,
/// which are not letters, and for bytes outside 80..BF.
char latin1_base_letter(unsigned char second_byte);

/// Appends `code_point` to `out` as UTF-8; NUL, surrogates and values past U+10FFFF become
/// U+FFFD, so the result is always valid UTF-8.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace confab
