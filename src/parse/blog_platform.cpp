#include "parse/blog_platform.h"

#include "base/ascii.h"
#include "base/url.h"

namespace confab {

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool host_is(const std::string& url, std::string_view domain) {
  const std::string host = lower(url_host(url));
  return host == domain || ends_with(host, "." + std::string(domain));
}

/// WordPress gives posts a guid "https://blog.example/?p=123" that never changes.
bool wordpress_guid(const std::string& id) {
  const auto query = id.find("?p=");
  if (query == std::string::npos || query + 3 >= id.size()) return false;
  for (std::size_t i = query + 3; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  return id.rfind("http", 0) == 0;
}

}  // namespace

const char* blog_platform_name(BlogPlatform platform) {
  switch (platform) {
    case BlogPlatform::wordpress:
      return "wordpress";
    case BlogPlatform::blogger:
      return "blogger";
    case BlogPlatform::movable_type:
      return "movabletype";
    case BlogPlatform::unknown:
      break;
  }
  return "";
}

BlogPlatform detect_blog_platform(const std::string& generator, const Entry& post) {
  const std::string named = lower(generator);
  if (named.find("wordpress") != std::string::npos) return BlogPlatform::wordpress;
  if (named.find("blogger") != std::string::npos) return BlogPlatform::blogger;
  if (named.find("movable type") != std::string::npos ||
      named.find("movabletype") != std::string::npos ||
      named.find("typepad") != std::string::npos) {
    return BlogPlatform::movable_type;
  }
  if (post.id.rfind("tag:blogger.com,", 0) == 0 || host_is(post.link, "blogspot.com")) {
    return BlogPlatform::blogger;
  }
  if (post.id.rfind("tag:typepad.com,", 0) == 0 || host_is(post.link, "typepad.com")) {
    return BlogPlatform::movable_type;
  }
  if (wordpress_guid(post.id) || host_is(post.link, "wordpress.com")) {
    return BlogPlatform::wordpress;
  }
  return BlogPlatform::unknown;
}

std::string wordpress_atom_comment_feed(const std::string& comment_feed) {
  const auto parts = parse_url(comment_feed);
  if (!parts) return "";
  if (const auto at = comment_feed.find("feed=comments-rss2"); at != std::string::npos) {
    std::string atom = comment_feed;
    atom.replace(at, 18, "feed=comments-atom");
    return atom;
  }
  if (parts->has_query || parts->has_fragment) return "";
  if (ends_with(parts->path, "/feed/")) return comment_feed + "atom/";
  if (ends_with(parts->path, "/feed")) return comment_feed + "/atom/";
  return "";
}

}  // namespace confab
