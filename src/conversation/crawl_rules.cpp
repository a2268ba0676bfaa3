#include "conversation/crawl_rules.h"

#include <algorithm>
#include <array>
#include <optional>

#include "base/ascii.h"
#include "base/url.h"

namespace confab {

namespace {

/// Dotted-quad IPv4 (also the short and decimal forms browsers accept are ignored: rare in
/// posts, and a false "public" only means one more page fetched).
std::optional<std::array<int, 4>> ipv4(std::string_view host) {
  std::array<int, 4> parts{};
  std::size_t at = 0;
  for (int k = 0; k < 4; ++k) {
    if (at >= host.size() || !is_digit(host[at])) return {};
    int value = 0;
    int digits = 0;
    while (at < host.size() && is_digit(host[at])) {
      value = value * 10 + (host[at++] - '0');
      if (++digits > 3) return {};
    }
    if (value > 255) return {};
    parts[static_cast<std::size_t>(k)] = value;
    if (k < 3) {
      if (at >= host.size() || host[at] != '.') return {};
      ++at;
    }
  }
  if (at != host.size()) return {};
  return parts;
}

bool private_ipv4(const std::array<int, 4>& ip) {
  return ip[0] == 127 || ip[0] == 10 || ip[0] == 0 || (ip[0] == 172 && ip[1] >= 16 && ip[1] < 32) ||
         (ip[0] == 192 && ip[1] == 168) || (ip[0] == 169 && ip[1] == 254) ||
         (ip[0] == 100 && ip[1] >= 64 && ip[1] < 128);
}

bool private_ipv6(std::string address) {
  address = lower(address);
  if (address == "::1" || address == "::") return true;
  if (address.rfind("fc", 0) == 0 || address.rfind("fd", 0) == 0) return true;
  if (address.rfind("fe8", 0) == 0 || address.rfind("fe9", 0) == 0 ||
      address.rfind("fea", 0) == 0 || address.rfind("feb", 0) == 0) {
    return true;
  }
  // IPv4-mapped (::ffff:127.0.0.1) and IPv4-compatible forms carry an IPv4 address at the end.
  const auto colon = address.rfind(':');
  if (colon != std::string::npos) {
    if (auto ip = ipv4(std::string_view(address).substr(colon + 1))) return private_ipv4(*ip);
  }
  return false;
}

}  // namespace

bool is_private_address(std::string_view url) {
  const auto parts = parse_url(url);
  if (!parts) return false;
  std::string host = lower(parts->host);
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    return private_ipv6(host.substr(1, host.size() - 2));
  }
  if (host == "localhost" || host_is_under(host, "localhost")) return true;
  if (auto ip = ipv4(host)) return private_ipv4(*ip);
  return false;
}

bool host_is_under(std::string_view host, std::string_view domain) {
  if (domain.empty() || host.size() < domain.size()) return false;
  if (host.size() == domain.size()) return host == domain;
  return host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

bool crawl_allows(const CrawlSection& crawl, const std::string& url) {
  if (!is_http_url(url)) return false;
  const std::string host = lower(url_host(url));
  if (host.empty()) return false;
  const auto under = [&](const std::string& domain) { return host_is_under(host, domain); };
  if (std::any_of(crawl.deny.begin(), crawl.deny.end(), under)) return false;
  if (!crawl.allow.empty() && std::none_of(crawl.allow.begin(), crawl.allow.end(), under)) {
    return false;
  }
  return crawl.allow_private || !is_private_address(url);
}

}  // namespace confab
