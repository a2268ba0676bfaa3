// Which URLs from third-party HTML may reach the hub page, and in what form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace confab {

/// A link target (<a href>, <q cite>): http, https or mailto. A relative reference is resolved
/// against `base_url`; with no base it is refused, since on the hub it would point into the hub.
/// Returns the absolute URL to emit, or nullopt when the URL must be dropped.
std::optional<std::string> safe_link_url(std::string_view raw, std::string_view base_url);

/// An image source: as safe_link_url without mailto, plus data:image/png|jpeg|gif|webp.
std::optional<std::string> safe_image_url(std::string_view raw, std::string_view base_url);

/// An <img srcset>: each candidate ("URL [descriptor]", comma-separated) checked on its own as
/// an image source, with a descriptor of the form 100w or 1.5x or none. Unsafe or malformed
/// candidates are dropped; returns the survivors as "URL 2x, URL 100w", nullopt when none is left.
std::optional<std::string> safe_srcset(std::string_view raw, std::string_view base_url);

/// An iframe source that is a video player: https only, from www.youtube.com or
/// www.youtube-nocookie.com (/embed/...), player.vimeo.com, www.dailymotion.com (/embed/...).
/// A protocol-relative "//www.youtube.com/embed/x" counts as https.
std::optional<std::string> safe_embed_url(std::string_view raw, std::string_view base_url);

/// True when the URL (as safe_link_url returns it) leads to a web page, i.e. is http or https.
bool is_web_url(std::string_view url);

}  // namespace confab
