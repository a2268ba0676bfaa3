// AddressPolicy (fetch.h) applied to one connection: the fetcher asks before each socket opens.
#pragma once

#include <string>

#include "base/ip_address.h"
#include "fetch/fetch.h"

namespace confab {

/// "" when `policy` lets a request connect to `address` on `port`; else why not, for the user
/// ("169.254.169.254 is a link-local address: …").
std::string address_refusal(const AddressPolicy& policy, const IpAddress& address, int port);

}  // namespace confab
