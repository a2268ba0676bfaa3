// The theme's words in the site's language: i18n/<lang>.toml, plus dates and numbers written the
// way that language writes them.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "render/render.h"

namespace confab {

class Strings {
 public:
  /// The strings for `language` ("fr", "fr-BE" falls back to "fr") from theme.i18n, each key
  /// missing there taken from "en". A file is TOML: [section] tables of key = "string", read as
  /// "section.key". Throws RenderError when the theme has neither file for the language nor an
  /// "en" one, or a file is not such TOML ("<file>:<line>:<column>: ...").
  static Strings load(const Theme& theme, const std::string& language);

  /// The [text] section, for templates as {{t.KEY}}.
  const nlohmann::json& text_table() const { return text_table_; }

  /// [text] KEY; throws RenderError naming the key when the theme lacks it.
  const std::string& text(const std::string& key) const;

  /// "3 replies": [count] NOUN_one / NOUN_other with {n} replaced by number(n).
  std::string count(const std::string& noun, std::int64_t n) const;

  /// 10000 -> "10,000" (en) or "10 000" with a narrow no-break space (fr).
  std::string number(std::int64_t n) const;

  /// "12 Nov 2008" (en), "12 nov. 2008" (fr). UTC.
  std::string date(UnixTime time) const;

  /// "" for no date.
  std::string date(const std::optional<UnixTime>& time) const { return time ? date(*time) : ""; }

  /// A [format] value ("decimal_separator"), "" when the file has none.
  std::string format(const std::string& key) const;

  /// The short name of a month, 1-12.
  const std::string& month(int month) const;

  /// Replaces each {name} in `pattern` with its value.
  static std::string fill(std::string pattern, const std::map<std::string, std::string>& values);

 private:
  /// fill() over a few names given in place (dates and counts: no map to build each time).
  static std::string fill_names(
      std::string_view pattern,
      std::span<const std::pair<std::string_view, std::string_view>> values);

  std::string language_;
  /// "section.key" -> string: hashed, as counts and texts are looked up for every node shown.
  std::unordered_map<std::string, std::string> values_;
  nlohmann::json text_table_ = nlohmann::json::object();
  std::string months_[12];
  std::string group_separator_;  ///< [format] group_separator, "," when missing
  std::string date_pattern_;     ///< [format] date, "{day} {month} {year}" when missing
};

}  // namespace confab
