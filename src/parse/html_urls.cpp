#include "parse/html_urls.h"

#include "base/ascii.h"
#include "base/url.h"
#include "parse/html_entities.h"
#include "parse/xml_text.h"

namespace confab {
namespace {

bool is_url_attribute(std::string_view name) {
  static constexpr std::string_view kNames[] = {"href",       "src",      "cite",       "poster",
                                                "action",     "longdesc", "background", "data",
                                                "formaction", "usemap",   "srcset"};
  for (std::string_view candidate : kNames) {
    if (iequals(name, candidate)) return true;
  }
  return false;
}

/// True when `url` already names its scheme ("https:", "mailto:", "data:").
bool has_scheme(std::string_view url) {
  return !url_scheme(trim_ascii(url)).empty();
}

/// srcset: "a.jpg 1x, b.jpg 2x" — each candidate's URL resolved, descriptors kept.
std::string resolve_srcset(std::string_view value, std::string_view base) {
  std::string out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    while (pos < value.size() && (is_html_space(value[pos]) || value[pos] == ',')) ++pos;
    if (pos >= value.size()) break;
    std::size_t end = pos;
    while (end < value.size() && !is_html_space(value[end])) ++end;
    std::string_view url = value.substr(pos, end - pos);
    bool trailing_comma = false;
    if (url.ends_with(',')) {
      url.remove_suffix(1);
      trailing_comma = true;
    }
    if (!out.empty()) out += ", ";
    out += has_scheme(url) ? std::string(url) : resolve_url(base, url);
    pos = end;
    if (trailing_comma) continue;
    const std::size_t comma = value.find(',', pos);
    const std::string_view descriptor =
        trim_ascii(value.substr(pos, comma == std::string_view::npos ? value.npos : comma - pos));
    if (!descriptor.empty()) {
      out += ' ';
      out += descriptor;
    }
    pos = comma == std::string_view::npos ? value.size() : comma + 1;
  }
  return out;
}

}  // namespace

std::string absolutize_html_urls(std::string html_text, std::string_view base) {
  if (base.empty()) return html_text;
  const std::string_view html = html_text;
  std::string out;  // stays empty (no allocation) until a URL actually changes
  std::size_t copied = 0;
  std::size_t pos = 0;
  const std::size_t size = html.size();
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    if (html.substr(pos, 4) == "<!--") {
      const std::size_t end = html.find("-->", pos + 4);
      pos = end == std::string_view::npos ? size : end + 3;
      continue;
    }
    std::size_t cursor = pos + 1;
    const std::size_t name_start = cursor;
    while (cursor < size && !is_html_space(html[cursor]) && html[cursor] != '>' &&
           html[cursor] != '/') {
      ++cursor;
    }
    const std::string_view tag = html.substr(name_start, cursor - name_start);
    if (tag.empty() || !((tag[0] | 0x20) >= 'a' && (tag[0] | 0x20) <= 'z')) {
      pos = cursor;
      continue;
    }
    // Attributes up to the end of the tag.
    while (cursor < size && html[cursor] != '>') {
      if (is_html_space(html[cursor]) || html[cursor] == '/') {
        ++cursor;
        continue;
      }
      const std::size_t attribute_start = cursor;
      while (cursor < size && !is_html_space(html[cursor]) && html[cursor] != '=' &&
             html[cursor] != '>') {
        ++cursor;
      }
      const std::string_view attribute = html.substr(attribute_start, cursor - attribute_start);
      std::size_t after = cursor;
      while (after < size && is_html_space(html[after])) ++after;
      if (after >= size || html[after] != '=') continue;
      ++after;
      while (after < size && is_html_space(html[after])) ++after;
      if (after >= size) {
        cursor = size;
        break;
      }
      std::size_t value_start, value_end;
      if (html[after] == '"' || html[after] == '\'') {
        value_start = after + 1;
        value_end = html.find(html[after], value_start);
        if (value_end == std::string_view::npos) value_end = size;
        cursor = value_end + 1;
      } else {
        value_start = after;
        value_end = after;
        while (value_end < size && !is_html_space(html[value_end]) && html[value_end] != '>') {
          ++value_end;
        }
        cursor = value_end;
      }
      if (!is_url_attribute(attribute)) continue;
      const std::string_view raw_value = html.substr(value_start, value_end - value_start);
      std::string decoded;  // only when the value holds references: most URLs are read in place
      std::string_view value = raw_value;
      if (raw_value.find('&') != std::string_view::npos) {
        decoded = decode_html_entities(raw_value);
        value = decoded;
      }
      const bool srcset = iequals(attribute, "srcset");
      if (!srcset && has_scheme(value)) continue;
      const std::string resolved = srcset ? resolve_srcset(value, base) : resolve_url(base, value);
      if (resolved == value) continue;
      if (out.empty()) out.reserve(html.size() + 64);
      out.append(html.substr(copied, attribute_start - copied));
      out.append(attribute);
      out.append("=\"");
      out.append(escape_html(resolved));
      out.push_back('"');
      copied = std::min(cursor, size);
    }
    pos = cursor;
    if (iequals(tag, "script") || iequals(tag, "style")) {
      // Raw text: skip to the matching end tag so markup-like strings inside are left alone.
      const std::string closing = "</" + std::string(tag);
      std::size_t end = pos;
      while ((end = html.find("</", end)) != std::string_view::npos &&
             !iequals(html.substr(end, closing.size()), closing)) {
        end += 2;
      }
      pos = end == std::string_view::npos ? size : end;
    }
  }
  if (copied == 0) return html_text;
  out.append(html.substr(std::min(copied, size)));
  return out;
}

}  // namespace confab
