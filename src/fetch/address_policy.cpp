#include "fetch/address_policy.h"

#include <algorithm>

#include "base/ascii.h"
#include "base/url.h"

namespace confab {

namespace {

std::string endpoint_text(const IpAddress& address, int port) {
  const std::string host = format_ip_address(address);
  return (address.is_v4() ? host : "[" + host + "]") + ":" + std::to_string(port);
}

}  // namespace

std::string literal_endpoint(std::string_view url) {
  const auto parts = parse_url(url);
  if (!parts || (parts->scheme != "http" && parts->scheme != "https")) return "";
  int port = parts->scheme == "https" ? 443 : 80;
  if (!parts->port.empty()) {
    port = 0;
    for (const char c : parts->port) {
      if (!is_digit(c) || port > 65535) return "";
      port = port * 10 + (c - '0');
    }
  }
  std::string host = parts->host;
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  if (!host.empty() && host.back() == '.') host.pop_back();
  // "localhost" is this machine by name, as plainly as 127.0.0.1.
  if (host == "localhost") return endpoint_text(ipv4_address(127, 0, 0, 1), port);
  const auto address = parse_ip_address(host);
  return address ? endpoint_text(*address, port) : "";
}

std::string address_refusal(const AddressPolicy& policy, const IpAddress& address, int port) {
  const AddressKind kind = address_kind(address);
  if (kind == AddressKind::global || policy.allow_private) return "";
  const std::string endpoint = endpoint_text(address, port);
  const auto& trusted = policy.trusted_endpoints;
  if (std::find(trusted.begin(), trusted.end(), endpoint) != trusted.end()) return "";
  return format_ip_address(address) + " is a " + address_kind_name(kind) +
         " address: not fetched (a source named by this address in site.toml, or [crawl] "
         "allow_private = true, allows it)";
}

}  // namespace confab
