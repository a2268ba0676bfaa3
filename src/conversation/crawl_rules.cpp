#include "conversation/crawl_rules.h"

#include <algorithm>

#include "base/ascii.h"
#include "base/ip_address.h"
#include "base/url.h"

namespace confab {

bool is_private_address(std::string_view url) {
  const auto parts = parse_url(url);
  if (!parts) return false;
  std::string host = lower(parts->host);
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host == "localhost" || host_is_under(host, "localhost")) return true;
  const auto address = parse_ip_address(host);
  return address && address_kind(*address) != AddressKind::global;
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
