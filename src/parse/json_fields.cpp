#include "parse/json_fields.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "parse/xml_text.h"

namespace confab {

/// `text` fit to quote in a message: at most kQuoteLimit bytes, cut at a UTF-8 character
/// boundary, control characters shown as '?' (a hostile server should not drive the terminal).
std::string quote(std::string_view text) {
  std::size_t end = std::min(text.size(), kJsonQuoteLimit);
  if (end < text.size()) {
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  }
  std::string quoted = "\"";
  for (const char c : text.substr(0, end)) {
    quoted += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? '?' : c;
  }
  if (end < text.size()) quoted += "…";
  return quoted + "\"";
}

/// What a JSON value is, in words, for messages about values of the wrong kind.
std::string kind_of(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "the string " + quote(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return "the number " + value.dump();  // a scalar: dump() neither recurses nor throws
    default:
      return "an unreadable value";
  }
}

/// A decimal id of WordPress (a BIGINT UNSIGNED, so up to 2^64 - 1) without its leading zeros;
/// nullopt for anything else, 0 included (no row has it).
std::optional<std::string> decimal_id(std::string_view digits) {
  digits = trim_ascii(digits);
  if (digits.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value == 0) {
    return std::nullopt;
  }
  return std::to_string(value);
}

/// An id as the API gives it (a number) or as a liberal server might (a string of digits, a
/// float with nothing after the point); nullopt when `value` names no row.
std::optional<std::string> read_id(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::number_unsigned:
      return decimal_id(std::to_string(value.get<std::uint64_t>()));
    case nlohmann::json::value_t::number_integer:
      return decimal_id(std::to_string(value.get<std::int64_t>()));
    case nlohmann::json::value_t::number_float: {
      const double number = value.get<double>();
      // 2^64 is exact in a double; below it the conversion is defined.
      if (!(number >= 1 && number < 18446744073709551616.0)) return std::nullopt;
      const auto whole = static_cast<std::uint64_t>(number);
      if (static_cast<double>(whole) != number) return std::nullopt;
      return std::to_string(whole);
    }
    case nlohmann::json::value_t::string:
      return decimal_id(value.get_ref<const std::string&>());
    default:
      return std::nullopt;
  }
}

/// A text field: a string (trimmed) or a number written out; "" when absent or anything else.
std::string text_field(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_string()) return std::string(trim_ascii(found->get_ref<const std::string&>()));
  if (found->is_number_integer()) return found->dump();
  return {};
}

/// The value of query parameter `name` in `url` ("" when absent), as written.
std::string query_parameter(std::string_view url, std::string_view name) {
  url = url.substr(0, url.find('#'));
  const std::size_t question = url.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view query = url.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    // A guid escaped twice ("?post_type=x&amp;p=42") still names its parameters.
    if (pair.substr(0, 4) == "amp;") pair.remove_prefix(4);
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
  }
  return {};
}

}  // namespace confab
