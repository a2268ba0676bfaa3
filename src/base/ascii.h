// ASCII character classes and case folding, the same in every stage. Markup, URLs, dates and
// header values are ASCII where it matters, and the C library's <cctype> answers depend on the
// locale and take an int; these take a char, look only at ASCII, and are constexpr so the
// scanners' inner loops pay nothing for the call.
#pragma once

#include <string>
#include <string_view>

namespace confab {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}

/// The value of a decimal digit, or with `hex` of a hexadecimal one; -1 for any other byte.
constexpr int digit_value(char c, bool hex) {
  if (is_digit(c)) return c - '0';
  if (hex && c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (hex && c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// White space as HTML (and CSS, and the WHATWG URL and MIME standards) define it: space, tab,
/// LF, FF and CR, but not the vertical tab C's isspace adds.
constexpr bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/// White space as XML defines it (production S): space, tab, LF and CR. A form feed is not
/// even a character XML allows.
constexpr bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// 'A'..'Z' to 'a'..'z'; every other byte as it is (UTF-8 sequences included).
constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// 'a'..'z' to 'A'..'Z'; every other byte as it is.
constexpr char upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

/// `text` with 'A'..'Z' lower-cased.
std::string lower(std::string_view text);

/// Equal but for the case of ASCII letters.
constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// `text` starts with `prefix`, but for the case of ASCII letters.
constexpr bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

}  // namespace confab
