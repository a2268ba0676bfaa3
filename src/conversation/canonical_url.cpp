#include "conversation/canonical_url.h"

#include <algorithm>
#include <vector>

#include "base/ascii.h"
#include "base/url.h"

namespace confab {

namespace {

/// Parameters that say how a reader arrived, not which page they read. Blogger's "m" is its
/// mobile switch only as m=0/m=1 (WordPress uses ?m=200811 for a month archive).
bool is_tracking_parameter(std::string_view pair) {
  const std::string_view name = pair.substr(0, pair.find('='));
  const std::string_view value =
      name.size() < pair.size() ? pair.substr(name.size() + 1) : std::string_view();
  static constexpr std::string_view kNames[] = {
      "fbclid", "gclid",  "dclid", "msclkid", "yclid",       "igshid", "mc_cid",
      "mc_eid", "_hsenc", "_hsmi", "ref_src", "showComment", "spref",  "cmpid"};
  if (name.rfind("utm_", 0) == 0) return true;
  if (name == "m") return value == "0" || value == "1";
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

/// `host` (lower-cased) without a leading "www.".
std::string without_www(std::string host) {
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

}  // namespace

std::string canonical_url(std::string_view url) {
  auto parts = parse_url(url);
  if (!parts) return std::string(url);
  const std::string host = without_www(lower(parts->host));
  std::string path = parts->path.empty() ? "/" : parts->path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  std::vector<std::string> kept;
  std::size_t start = 0;
  const std::string& query = parts->query;
  while (parts->has_query && start <= query.size()) {
    auto end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    if (!pair.empty() && !is_tracking_parameter(pair)) kept.push_back(pair);
    start = end + 1;
  }
  std::string key = "http://" + host;
  const bool default_port = parts->port.empty() || parts->port == "80" || parts->port == "443";
  if (!default_port) key += ":" + parts->port;
  key += path;
  if (!kept.empty()) {
    key += '?';
    for (std::size_t i = 0; i < kept.size(); ++i) key += (i ? "&" : "") + kept[i];
  }
  return key;
}

std::string bare_host(std::string_view url) {
  return without_www(url_host(url));
}

}  // namespace confab
