#include "platforms/json_answer.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdint>

#include "base/ascii.h"
#include "base/url.h"
#include "parse/json_document.h"
#include "parse/json_fields.h"
#include "parse/xml_text.h"
#include "platforms/platform.h"

namespace confab {

nlohmann::json read_answer(const Document& document, std::string_view platform,
                           std::string_view expected, std::vector<std::string>* warnings) {
  JsonDocument parsed = read_json_document(document.body);
  if (parsed.root.is_discarded()) {
    const std::string_view body = trim_ascii(document.body);
    const char* found = body.empty()          ? "an empty body"
                        : body.front() == '<' ? "an HTML or XML page, not JSON"
                                              : "unreadable JSON: cut off, or no JSON at all";
    throw ParseError(answer_source(document) + ": not " + std::string(expected) + " (" + found +
                     ")");
  }
  if (parsed.root.is_object()) {
    const auto error = parsed.root.find("error");
    if (error != parsed.root.end() && !error->is_null()) {
      std::string message =
          answer_source(document) + ": " + std::string(platform) + " answered with an error, not " +
          std::string(expected) + ": " +
          (error->is_string() ? quote(error->get_ref<const std::string&>()) : kind_of(*error));
      for (const char* detail_key : {"message", "error_description"}) {
        if (const std::string detail = text_field(parsed.root, detail_key); !detail.empty()) {
          message += " " + quote(detail);
        }
      }
      throw ParseError(message);
    }
  }
  if (parsed.capped && warnings != nullptr) {
    warnings->push_back(answer_source(document) + ": JSON nested deeper than " +
                        std::to_string(kJsonNestingCap) + " levels; what lies deeper was left out");
  }
  return std::move(parsed.root);
}

const nlohmann::json* object_member(const nlohmann::json& value, const char* key) {
  if (!value.is_object()) return nullptr;
  const auto found = value.find(key);
  return found != value.end() && found->is_object() ? &*found : nullptr;
}

const nlohmann::json* array_member(const nlohmann::json& value, const char* key) {
  if (!value.is_object()) return nullptr;
  const auto found = value.find(key);
  return found != value.end() && found->is_array() ? &*found : nullptr;
}

bool flag_field(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return false;
  const auto found = object.find(key);
  if (found == object.end()) return false;
  if (found->is_boolean()) return found->get<bool>();
  if (found->is_number_integer() || found->is_number_unsigned()) return *found != 0;
  if (found->is_string()) {
    const std::string_view text = trim_ascii(found->get_ref<const std::string&>());
    return iequals(text, "true") || text == "1";
  }
  return false;
}

std::optional<int> count_field(const nlohmann::json& object, const char* key) {
  const std::string text = object.is_object() ? text_field(object, key) : std::string();
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return static_cast<int>(std::min<std::uint64_t>(value, INT_MAX));
}

std::string page_key(std::string_view url) {
  const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
  if (!parts || (parts->scheme != "http" && parts->scheme != "https") || parts->host.empty()) {
    return {};
  }
  std::string key = lower(parts->host);
  if (!parts->port.empty() && parts->port != "80" && parts->port != "443") {
    key += ":" + parts->port;
  }
  std::string_view path = parts->path;
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  key += path;
  if (parts->has_query) key += "?" + parts->query;
  return key;
}

std::optional<std::string> origin_of(std::string_view url) {
  const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
  if (!parts || (parts->scheme != "http" && parts->scheme != "https") || parts->host.empty() ||
      !parts->userinfo.empty()) {
    return std::nullopt;
  }
  std::string origin = parts->scheme + "://" + lower(parts->host);
  const bool default_port = parts->port.empty() ||
                            (parts->scheme == "https" && parts->port == "443") ||
                            (parts->scheme == "http" && parts->port == "80");
  if (!default_port) origin += ":" + parts->port;
  return origin;
}

}  // namespace confab
