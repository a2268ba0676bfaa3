// Reading fields of JSON from outside (WordPress's REST API, platform APIs) liberally, and
// naming what was found in messages without letting a hostile server write to the terminal.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace confab {

/// Longest piece of third-party text a warning or an error quotes.
inline constexpr std::size_t kJsonQuoteLimit = 60;

/// `text` fit to quote in a message, in double quotes: at most kJsonQuoteLimit bytes, cut at a
/// UTF-8 character boundary ("…" after), control characters shown as '?'.
std::string quote(std::string_view text);

/// What a JSON value is, in words ("an object", "the string \"x\"", "null"), for messages about
/// values of the wrong kind. Never recurses.
std::string kind_of(const nlohmann::json& value);

/// A decimal id (up to 2^64 - 1) without its leading zeros; nullopt for anything else, 0
/// included.
std::optional<std::string> decimal_id(std::string_view digits);

/// A numeric id as an API gives it (a number) or as a liberal server might (a string of digits,
/// a float with nothing after the point); nullopt when `value` names no row (0, negative, text).
std::optional<std::string> read_id(const nlohmann::json& value);

/// A text field of `object`: a string (trimmed) or an integer written out; "" when absent or
/// anything else.
std::string text_field(const nlohmann::json& object, const char* key);

/// The value of query parameter `name` in `url` ("" when absent), as written (not decoded).
std::string query_parameter(std::string_view url, std::string_view name);

}  // namespace confab
