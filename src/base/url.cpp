#include "base/url.h"

#include <algorithm>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/ascii.h"
#include "base/strings.h"

namespace confab {
namespace {

bool is_scheme_char(char c) {
  return is_alnum(c) || c == '+' || c == '-' || c == '.';
}

// Feeds wrap links across lines; like browsers, drop surrounding whitespace and any tab or
// newline inside (a URL cannot contain them literally).
std::string clean(std::string_view text) {
  text = trim_space(text);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

/// `text` as clean() makes it, copied into `storage` only when it holds a tab, LF or CR: most
/// URLs need no copy, and these are asked of every link on every page.
std::string_view cleaned_view(std::string_view text, std::string& storage) {
  text = trim_space(text);
  // A plain loop: find_first_of tries each byte against the set, several calls per byte.
  const bool plain = std::none_of(text.begin(), text.end(),
                                  [](char c) { return c == '\t' || c == '\n' || c == '\r'; });
  if (plain) return text;
  storage = clean(text);
  return storage;
}

/// The five components of a URI reference (RFC 3986 appendix B); any may be absent.
struct Reference {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

Reference split_reference(std::string_view text) {
  Reference ref;
  ref.scheme = url_scheme(text);
  if (!ref.scheme.empty()) {
    ref.has_scheme = true;
    text.remove_prefix(ref.scheme.size() + 1);
  }
  if (text.substr(0, 2) == "//") {
    text.remove_prefix(2);
    const std::size_t end = std::min(text.find_first_of("/?#"), text.size());
    ref.has_authority = true;
    ref.authority = text.substr(0, end);
    text.remove_prefix(end);
  }
  const std::size_t hash = text.find('#');
  if (hash != std::string_view::npos) {
    ref.has_fragment = true;
    ref.fragment = text.substr(hash + 1);
    text = text.substr(0, hash);
  }
  const std::size_t question = text.find('?');
  if (question != std::string_view::npos) {
    ref.has_query = true;
    ref.query = text.substr(question + 1);
    text = text.substr(0, question);
  }
  ref.path = text;
  return ref;
}

struct Authority {
  std::string_view userinfo, host, port;
};

Authority split_authority(std::string_view authority) {
  Authority parts;
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    parts.userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
  }
  // An IP literal ("[::1]") holds colons of its own; the port colon comes after the ']'.
  const std::size_t host_end = authority.starts_with('[') ? authority.find(']') : 0;
  const std::size_t colon =
      authority.find(':', host_end == std::string_view::npos ? authority.size() : host_end);
  if (colon != std::string_view::npos) {
    parts.port = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
  }
  parts.host = authority;
  return parts;
}

// RFC 3986 section 5.2.4, written as a loop over the input buffer.
std::string remove_dot_segments(std::string_view input) {
  std::string output;
  output.reserve(input.size());
  auto drop_last_segment = [&output] {
    const std::size_t slash = output.rfind('/');
    output.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!input.empty()) {
    if (input.starts_with("../")) {
      input.remove_prefix(3);
    } else if (input.starts_with("./")) {
      input.remove_prefix(2);
    } else if (input.starts_with("/./")) {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.starts_with("/../")) {
      input.remove_prefix(3);
      drop_last_segment();
    } else if (input == "/..") {
      input = "/";
      drop_last_segment();
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      const std::size_t next = input.find('/', input.starts_with('/') ? 1 : 0);
      const std::size_t length = next == std::string_view::npos ? input.size() : next;
      output.append(input.substr(0, length));
      input.remove_prefix(length);
    }
  }
  return output;
}

std::string merge_paths(const Reference& base, std::string_view reference_path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(reference_path);
  const std::size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(reference_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(reference_path);
}

std::string normalised_authority(std::string_view authority) {
  const Authority parts = split_authority(authority);
  std::string out;
  if (authority.find('@') != std::string_view::npos) {
    out.append(parts.userinfo);
    out.push_back('@');
  }
  out += lower(parts.host);
  if (!parts.port.empty()) {
    out.push_back(':');
    out.append(parts.port);
  }
  return out;
}

/// True when `url` is an absolute http(s) URL that resolve_url would return unchanged (lower
/// case scheme and host, no whitespace or control characters, no dot segments): most links in
/// feeds are, and this check is far cheaper than splitting and rebuilding them.
bool is_resolved_http_url(std::string_view url) {
  std::size_t i = 0;
  if (url.starts_with("https://")) {
    i = 8;
  } else if (url.starts_with("http://")) {
    i = 7;
  } else {
    return false;
  }
  // One pass: the authority (up to '/', '?' or '#') must be non-empty and lower case; no
  // character may be a space or a control; the rest must hold no "/." (a dot segment, maybe).
  const std::size_t authority_start = i;
  for (; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '/' || c == '?' || c == '#') break;
    if ((c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return false;
    }
  }
  if (i == authority_start) return false;
#ifdef __SSE2__
  // The path is most of a URL: sixteen bytes at a time while none can matter (a control,
  // space or DEL, or a '.' that might start a dot segment).
  const std::size_t path_start = i;
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i del = _mm_set1_epi8(0x7f);
  const __m128i dot = _mm_set1_epi8('.');
  while (i + 16 <= url.size()) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(url.data() + i));
    const __m128i at_most_space = _mm_cmpeq_epi8(_mm_max_epu8(bytes, space), space);
    const __m128i odd = _mm_or_si128(_mm_cmpeq_epi8(bytes, del), _mm_cmpeq_epi8(bytes, dot));
    if (_mm_movemask_epi8(_mm_or_si128(at_most_space, odd)) != 0) break;
    i += 16;
  }
  if (i > path_start) --i;  // a '/' ending a skipped block may start "/." with the next byte
#endif
  for (; i < url.size(); ++i) {
    const char c = url[i];
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
    if (c == '/' && i + 1 < url.size() && url[i + 1] == '.') return false;
  }
  return true;
}

}  // namespace

std::string_view url_scheme(std::string_view reference) {
  for (std::size_t i = 0; i < reference.size(); ++i) {
    const char c = reference[i];
    if (c == ':') return reference.substr(0, i);
    if (!(i == 0 ? is_alpha(c) : is_scheme_char(c))) return {};
  }
  return {};
}

std::optional<UrlParts> parse_url(std::string_view url) {
  const std::string cleaned = clean(url);
  const Reference ref = split_reference(cleaned);
  if (!ref.has_scheme) return std::nullopt;
  UrlParts parts;
  parts.scheme = lower(ref.scheme);
  if (ref.has_authority) {
    const Authority authority = split_authority(ref.authority);
    parts.has_authority = true;
    parts.userinfo = authority.userinfo;
    parts.host = authority.host;
    parts.port = authority.port;
  }
  parts.path = ref.path;
  parts.query = ref.query;
  parts.fragment = ref.fragment;
  parts.has_query = ref.has_query;
  parts.has_fragment = ref.has_fragment;
  return parts;
}

// RFC 3986 section 5.2.2 (strict: a reference's own scheme always wins) and 5.3.
std::string resolve_url(std::string_view base, std::string_view reference) {
  if (is_resolved_http_url(reference)) return std::string(reference);
  const std::string base_text = clean(base);
  const std::string reference_text = clean(reference);
  if (base_text.empty()) return reference_text;
  const Reference b = split_reference(base_text);
  const Reference r = split_reference(reference_text);

  Reference t;
  std::string path;
  if (r.has_scheme) {
    t = r;
    path = remove_dot_segments(r.path);
  } else {
    if (r.has_authority) {
      t.has_authority = true;
      t.authority = r.authority;
      path = remove_dot_segments(r.path);
      t.has_query = r.has_query;
      t.query = r.query;
    } else {
      if (r.path.empty()) {
        path = std::string(b.path);
        t.has_query = r.has_query || b.has_query;
        t.query = r.has_query ? r.query : b.query;
      } else {
        path = remove_dot_segments(r.path.starts_with('/') ? std::string(r.path)
                                                           : merge_paths(b, r.path));
        t.has_query = r.has_query;
        t.query = r.query;
      }
      t.has_authority = b.has_authority;
      t.authority = b.authority;
    }
    t.has_scheme = b.has_scheme;
    t.scheme = b.scheme;
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;

  std::string out;
  out.reserve(base_text.size() + reference_text.size());
  if (t.has_scheme) out += lower(t.scheme) + ":";
  if (t.has_authority) out += "//" + normalised_authority(t.authority);
  out += path;
  if (t.has_query) {
    out.push_back('?');
    out.append(t.query);
  }
  if (t.has_fragment) {
    out.push_back('#');
    out.append(t.fragment);
  }
  return out;
}

std::string url_host(std::string_view url) {
  // parse_url's host without its copies.
  std::string storage;
  const Reference ref = split_reference(cleaned_view(url, storage));
  if (!ref.has_scheme || !ref.has_authority) return std::string();
  return lower(split_authority(ref.authority).host);
}

bool is_http_url(std::string_view url) {
  // parse_url's answer without its copies: asked for every link on every page.
  std::string storage;
  const Reference ref = split_reference(cleaned_view(url, storage));
  if (!ref.has_scheme || !ref.has_authority) return false;
  return (iequals(ref.scheme, "http") || iequals(ref.scheme, "https")) &&
         !split_authority(ref.authority).host.empty();
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 15]);
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = digit_value(text[i + 1], true);
      const int low = digit_value(text[i + 2], true);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) segments.push_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace confab
