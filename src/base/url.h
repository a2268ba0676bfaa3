// URLs: split, resolve and compare them. Every stage that holds a link uses these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace confab {

/// The parts of an absolute URL (RFC 3986), kept as written except the scheme, which is
/// lower-cased. `port` is empty when absent; `query`/`fragment` exclude their '?'/'#'.
struct UrlParts {
  std::string scheme;
  std::string userinfo;
  std::string host;
  std::string port;
  std::string path;
  std::string query;
  std::string fragment;
  bool has_query = false;
  bool has_fragment = false;
  bool has_authority = false;  ///< "//" was present (file:///x has an empty host but an authority)
};

/// The scheme `reference` starts with, as written ("HTTPS" of "HTTPS://x.example/"): a letter,
/// then letters, digits, '+', '-' or '.', up to a ':' (RFC 3986). "" for a relative reference.
std::string_view url_scheme(std::string_view reference);

/// Splits an absolute URL; nullopt when `url` has no scheme or is not a URL.
std::optional<UrlParts> parse_url(std::string_view url);

/// Resolves `reference` against `base` (RFC 3986 section 5, with dot-segment removal).
/// An absolute reference is returned normalised; an empty base returns `reference` unchanged.
std::string resolve_url(std::string_view base, std::string_view reference);

/// Lower-cased host of an absolute URL, "" if none.
std::string url_host(std::string_view url);

/// What follows the first '#' ("comment-12" in ".../post/#comment-12"), "" when none.
constexpr std::string_view url_fragment(std::string_view url) {
  const std::size_t hash = url.find('#');
  return hash == std::string_view::npos ? std::string_view() : url.substr(hash + 1);
}

/// True for http: and https: URLs.
bool is_http_url(std::string_view url);

/// The non-empty segments of a URL path ("/a//b/" -> {"a", "b"}), viewing `path`.
std::vector<std::string_view> path_segments(std::string_view path);

/// `text` percent-encoded for use as one query value (RFC 3986: every byte but ALPHA, DIGIT and
/// "-._~" as %XX), so a URL looked up through an API ("?query=https://…") stays one value.
std::string percent_encode(std::string_view text);

/// `text` with every "%XX" (two hex digits) replaced by its byte; anything else, a lone '%'
/// included, kept as written.
std::string percent_decode(std::string_view text);

}  // namespace confab
