// URLs compared as a reader would: the same page however a blog or a feed spelled its address.
#pragma once

#include <string>
#include <string_view>

namespace confab {

/// A comparison key for a page URL: scheme folded to http, host lower-cased without "www.",
/// default port, fragment, trailing slash and tracking parameters (utm_*, fbclid, gclid,
/// Blogger's m=1 and showComment) removed. Not for fetching: only for equality.
std::string canonical_url(std::string_view url);

/// The host of a URL as canonical_url compares it: lower-cased, without "www."; "" when the
/// URL has none. Which blog a page is on.
std::string bare_host(std::string_view url);

}  // namespace confab
