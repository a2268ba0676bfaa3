// Which links the discovery crawl may follow: [crawl] allow/deny domains and private addresses.
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"

namespace confab {

/// True when the URL's host is, literally, a loopback, private, link-local, unspecified or
/// unique-local address (127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10, 0/8, ::1,
/// fc00::/7, fe80::/10, IPv4-mapped forms) or a name that means this machine ("localhost",
/// "*.localhost"). Thread does no I/O, so a public name that resolves to a private address is
/// not caught here.
bool is_private_address(std::string_view url);

/// True when `host` is `domain` or one of its subdomains ("a.b.example" is under "b.example").
bool host_is_under(std::string_view host, std::string_view domain);

/// True when the crawl may fetch `url` under `crawl`: an http(s) URL, not on a denied domain, on
/// an allowed one when an allow list is given, and not private unless allow_private.
bool crawl_allows(const CrawlSection& crawl, const std::string& url);

}  // namespace confab
