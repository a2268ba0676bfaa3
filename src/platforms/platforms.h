// Every platform confab knows, built with the endpoints a site configures.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platforms/platform.h"

namespace confab {

/// Endpoints by platform name ("hackernews" → {api, site}); a platform not listed uses its
/// public defaults.
using PlatformEndpointMap = std::map<std::string, PlatformEndpoints>;

/// The platforms, in a fixed order, each with its configured endpoints.
std::vector<std::unique_ptr<Platform>> make_platforms(const PlatformEndpointMap& endpoints);

/// For people: "Hacker News" for "hackernews"…; the name itself when unknown.
std::string platform_label(std::string_view name);

/// The public endpoints of a platform ("" fields when the name is unknown).
PlatformEndpoints default_endpoints(const std::string& name);

}  // namespace confab
