// Browsers forgive a lot in URLs: leading spaces and control characters are stripped, tabs and
// newlines inside are ignored, schemes are case-insensitive, and entities were decoded by the
// parser before we see the value. So the scheme is judged on the URL as a browser would read it,
// and the URL we emit is the cleaned, resolved form whose first bytes show its scheme plainly.
#include "render/safe_url.h"

#include <algorithm>
#include <array>

#include "base/ascii.h"
#include "base/url.h"

namespace confab {
namespace {

/// What the URL parser of a browser does first: strip leading and trailing C0 controls and
/// spaces, and remove every tab, LF and CR.
std::string browser_clean(std::string_view raw) {
  auto is_c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!raw.empty() && is_c0_or_space(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && is_c0_or_space(raw.back())) raw.remove_suffix(1);
  std::string out;
  out.reserve(raw.size());
  for (const char c : raw) {
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

/// The lower-cased scheme of `url`, "" when it is a relative reference.
std::string scheme_of(std::string_view url) {
  return lower(url_scheme(url));
}

/// Percent-encodes what may not stand literally in a URL we write out: spaces and controls.
std::string encode_unsafe_bytes(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

/// Resolves a cleaned http(s) or relative reference to an absolute http(s) URL.
std::optional<std::string> web_url(const std::string& cleaned, std::string_view base_url) {
  const std::string scheme = scheme_of(cleaned);
  std::string absolute;
  if (scheme == "http" || scheme == "https") {
    absolute = cleaned;  // kept as written: the page it names is the one the author meant
  } else if (!scheme.empty()) {
    return std::nullopt;
  } else if (!base_url.empty()) {
    absolute = resolve_url(browser_clean(base_url), cleaned);
  } else if (cleaned.starts_with("//")) {
    absolute = "https:" + cleaned;  // no base to take a scheme from: assume the secure one
  } else {
    return std::nullopt;
  }
  // The base may itself be odd (a file: URL, garbage): judge the result, not the input.
  if (!is_http_url(absolute)) return std::nullopt;
  const std::string result_scheme = scheme_of(absolute);
  if (result_scheme != "http" && result_scheme != "https") return std::nullopt;
  absolute = encode_unsafe_bytes(absolute);
  // Emit the scheme as lower-case, literal bytes so no reader can see another one.
  absolute.replace(0, result_scheme.size(), result_scheme);
  return absolute;
}

bool is_allowed_image_data(const std::string& cleaned) {
  static constexpr std::array<std::string_view, 4> kTypes = {"image/png", "image/jpeg", "image/gif",
                                                             "image/webp"};
  const std::string head = lower(cleaned.substr(0, 32));
  for (const std::string_view type : kTypes) {
    const std::string prefix = "data:" + std::string(type);
    if (head.starts_with(prefix) && head.size() > prefix.size() &&
        (head[prefix.size()] == ';' || head[prefix.size()] == ',')) {
      return true;
    }
  }
  return false;
}

/// Whether `raw` is already what web_url() would make of it: a lower-case http(s) scheme, no
/// byte that cleaning strips or encoding escapes (controls, spaces, DEL), and a host. Most links
/// are (every node on every page has a few), and then take no copies but the one returned.
bool is_emitted_as_written(std::string_view raw) {
  if (!raw.starts_with("https://") && !raw.starts_with("http://")) return false;
  for (const char c : raw) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) return false;
  }
  return is_http_url(raw);
}

}  // namespace

std::optional<std::string> safe_link_url(std::string_view raw, std::string_view base_url) {
  if (is_emitted_as_written(raw)) return std::string(raw);
  const std::string cleaned = browser_clean(raw);
  if (cleaned.empty()) return std::nullopt;
  if (scheme_of(cleaned) == "mailto") {
    return "mailto:" + encode_unsafe_bytes(cleaned.substr(7));
  }
  return web_url(cleaned, base_url);
}

std::optional<std::string> safe_image_url(std::string_view raw, std::string_view base_url) {
  if (is_emitted_as_written(raw)) return std::string(raw);
  const std::string cleaned = browser_clean(raw);
  if (cleaned.empty()) return std::nullopt;
  if (scheme_of(cleaned) == "data") {
    if (!is_allowed_image_data(cleaned)) return std::nullopt;
    return "data:" + encode_unsafe_bytes(cleaned.substr(5));
  }
  return web_url(cleaned, base_url);
}

std::optional<std::string> safe_embed_url(std::string_view raw, std::string_view base_url) {
  std::string cleaned = browser_clean(raw);
  if (cleaned.starts_with("//")) cleaned = "https:" + cleaned;
  const auto absolute = web_url(cleaned, base_url);
  if (!absolute) return std::nullopt;
  const auto parts = parse_url(*absolute);
  if (!parts || parts->scheme != "https" || !parts->userinfo.empty() || !parts->port.empty()) {
    return std::nullopt;
  }
  const std::string host = lower(parts->host);
  const bool embed_path = parts->path.starts_with("/embed/");
  const bool allowed =
      ((host == "www.youtube.com" || host == "www.youtube-nocookie.com") && embed_path) ||
      (host == "www.dailymotion.com" && embed_path) ||
      (host == "player.vimeo.com" && parts->path.size() > 1);
  if (!allowed) return std::nullopt;
  return absolute;
}

namespace {

/// "100w" (a positive width) or "2x" / "1.5x" (a density), as srcset allows.
bool valid_srcset_descriptor(std::string_view descriptor) {
  if (descriptor.size() < 2) return false;
  const char unit = descriptor.back();
  const std::string_view number = descriptor.substr(0, descriptor.size() - 1);
  if (unit == 'w') {
    return number.size() <= 6 && std::all_of(number.begin(), number.end(), is_digit) &&
           number.find_first_not_of('0') != std::string_view::npos;
  }
  if (unit != 'x' || number.size() > 8) return false;
  const auto dot = number.find('.');
  const std::string_view whole = number.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
  if (whole.empty() || !std::all_of(whole.begin(), whole.end(), is_digit)) return false;
  if (dot != std::string_view::npos &&
      (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_digit))) {
    return false;
  }
  return number.find_first_not_of("0.") != std::string_view::npos;
}

}  // namespace

std::optional<std::string> safe_srcset(std::string_view raw, std::string_view base_url) {
  std::string kept;
  std::size_t i = 0;
  while (i < raw.size()) {
    while (i < raw.size() && (is_html_space(raw[i]) || raw[i] == ',')) ++i;
    if (i >= raw.size()) break;
    // The URL runs to the next white space; trailing commas end the candidate (HTML's rule).
    const std::size_t start = i;
    while (i < raw.size() && !is_html_space(raw[i])) ++i;
    std::string_view url = raw.substr(start, i - start);
    std::string_view descriptor;
    if (url.ends_with(',')) {
      while (url.ends_with(',')) url.remove_suffix(1);
    } else {
      const std::size_t comma = raw.find(',', i);
      const std::size_t end = comma == std::string_view::npos ? raw.size() : comma;
      descriptor = raw.substr(i, end - i);
      while (!descriptor.empty() && is_html_space(descriptor.front())) descriptor.remove_prefix(1);
      while (!descriptor.empty() && is_html_space(descriptor.back())) descriptor.remove_suffix(1);
      i = end;
    }
    if (!descriptor.empty() && !valid_srcset_descriptor(descriptor)) continue;
    const auto safe = safe_image_url(url, base_url);
    // A URL that is empty, has white space or ends in a comma would change how the list splits.
    if (!safe || safe->empty() || safe->ends_with(',') ||
        std::any_of(safe->begin(), safe->end(), is_html_space)) {
      continue;
    }
    if (!kept.empty()) kept += ", ";
    kept += *safe;
    if (!descriptor.empty()) {
      kept += ' ';
      kept += descriptor;
    }
  }
  if (kept.empty()) return std::nullopt;
  return kept;
}

bool is_web_url(std::string_view url) {
  const std::string_view scheme = url_scheme(url);
  return iequals(scheme, "http") || iequals(scheme, "https");
}

}  // namespace confab
