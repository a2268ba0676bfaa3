// The data the theme's templates see: the conversation and content turned into plain values.
// The shape is documented, key by key, in themes/default/README.md; keep the two in step.
#pragma once

#include <nlohmann/json.hpp>

#include "render/content_pages.h"
#include "render/render.h"

namespace confab {

/// Everything index.html is rendered with. Third-party HTML is sanitized here, third-party URLs
/// meant for href/src are checked here (unsafe ones become ""), and text stays raw for the
/// template engine to escape.
nlohmann::json index_view(const RenderInput& input, const SiteContent& content);

/// Everything page.html is rendered with for one content page.
nlohmann::json page_view(const RenderInput& input, const SiteContent& content,
                         const ContentPage& page);

}  // namespace confab
