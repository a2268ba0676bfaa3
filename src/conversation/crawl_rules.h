// Which links the discovery crawl may follow: [crawl] allow/deny domains and private addresses.
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"

namespace confab {

/// True when the URL's host is written as an address that is not public (see AddressKind:
/// loopback, private, link-local, shared, unique-local, multicast, reserved, in any form the
/// resolver accepts) or is a name that means this machine ("localhost", "*.localhost"). The
/// conversation stage does no I/O: a public name that resolves to a private address is caught
/// by the fetcher, which checks the address it connects to (fetch.h, AddressPolicy).
bool is_private_address(std::string_view url);

/// True when `host` is `domain` or one of its subdomains ("a.b.example" is under "b.example").
bool host_is_under(std::string_view host, std::string_view domain);

/// True when the crawl may fetch `url` under `crawl`: an http(s) URL, not on a denied domain, on
/// an allowed one when an allow list is given, and not private unless allow_private.
bool crawl_allows(const CrawlSection& crawl, const std::string& url);

}  // namespace confab
