// What every platform reader does with an API answer before reading its fields: parse it as
// JSON (depth-capped), turn an error object or a body that is no JSON into a ParseError naming
// the URL, and reach into objects without throwing on the wrong types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parse/feed.h"

namespace confab {

/// The answer's JSON. Throws ParseError "<url>: not <expected> (<what was found>)" for a body
/// that is empty, HTML, cut off or no JSON, and "<url>: <platform> answered with an error, not
/// <expected>: …" for an error object ({"error": …} with "message" or "error_description").
/// JSON nested deeper than confab reads adds a warning to `warnings` (when given).
nlohmann::json read_answer(const Document& document, std::string_view platform,
                           std::string_view expected, std::vector<std::string>* warnings);

/// value[key] when value is an object holding an object (an array) there, else nullptr.
const nlohmann::json* object_member(const nlohmann::json& value, const char* key);
const nlohmann::json* array_member(const nlohmann::json& value, const char* key);

/// A flag as APIs give it (true), or as a liberal server might (1, "true").
bool flag_field(const nlohmann::json& object, const char* key);

/// A count (a non-negative integer, or one written as a string), capped to an int; nullopt
/// when absent or no count.
std::optional<int> count_field(const nlohmann::json& object, const char* key);

/// What two links to a page share when they differ only trivially (http or https, a trailing
/// slash, the host's case, a default port, a fragment); "" for a URL that is not http(s).
std::string page_key(std::string_view url);

/// "scheme://host[:port]" of an http(s) URL, the host lower-cased and a default port left out;
/// nullopt for anything else (a URL with credentials included).
std::optional<std::string> origin_of(std::string_view url);

}  // namespace confab
