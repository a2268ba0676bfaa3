#include "platforms/platforms.h"

#include "platforms/bluesky.h"
#include "platforms/discourse.h"
#include "platforms/hackernews.h"
#include "platforms/lemmy.h"
#include "platforms/mastodon.h"
#include "platforms/reddit.h"
#include "platforms/webmention.h"

namespace confab {
namespace {

/// The configured endpoints of `name`, else its public ones.
PlatformEndpoints endpoints_of(const PlatformEndpointMap& endpoints, const std::string& name) {
  const auto found = endpoints.find(name);
  return found == endpoints.end() ? default_endpoints(name) : found->second;
}

}  // namespace

PlatformEndpoints default_endpoints(const std::string& name) {
  if (name == "hackernews") return {"https://hn.algolia.com", "https://news.ycombinator.com"};
  if (name == "reddit") return {"https://www.reddit.com", "https://www.reddit.com"};
  if (name == "webmention") return {"https://webmention.io", "https://webmention.io"};
  if (name == "bluesky") return {"https://public.api.bsky.app", "https://bsky.app"};
  return {};  // Lemmy and Discourse: each thread's own instance
}

std::string platform_label(std::string_view name) {
  // Each platform says its own label: asked here rather than written down twice.
  for (const auto& platform : make_platforms({})) {
    if (platform->name() == name) return std::string(platform->label());
  }
  return std::string(name);
}

std::vector<std::unique_ptr<Platform>> make_platforms(const PlatformEndpointMap& endpoints) {
  std::vector<std::unique_ptr<Platform>> platforms;
  platforms.push_back(make_hackernews_platform(endpoints_of(endpoints, "hackernews")));
  platforms.push_back(make_reddit_platform(endpoints_of(endpoints, "reddit")));
  platforms.push_back(make_lemmy_platform(endpoints_of(endpoints, "lemmy")));
  platforms.push_back(make_discourse_platform(endpoints_of(endpoints, "discourse")));
  platforms.push_back(make_mastodon_platform(endpoints_of(endpoints, "mastodon")));
  platforms.push_back(make_bluesky_platform(endpoints_of(endpoints, "bluesky")));
  platforms.push_back(make_webmention_platform(endpoints_of(endpoints, "webmention")));
  return platforms;
}

}  // namespace confab
