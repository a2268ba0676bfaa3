// What a whole render is made from, hashed, so that a build made from the same again keeps the
// pages that do not show the build time as they are, without making their data: an hourly build
// that found nothing new then costs the pages that show the time and the data files.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/content_hash.h"
#include "render/render.h"

namespace confab {

/// The pages whose data never holds the build time, whatever the templates: a thread's, a
/// person's, the people's and the hub's past its first page (the first shows how long each
/// question has waited). Their templates may still read it among the keys every page shares:
/// then it is one of the `shown` values of site_inputs.
inline constexpr std::string_view kTimelessPageTemplates[] = {"thread.html", "person.html",
                                                              "people.html", "index.html"};

/// Everything in `input` that those pages can be made from, hashed under input.memo.key: the
/// program, input.conversation_inputs, the sources as those pages show them, which nodes are
/// new since the previous build (not that build's time), the site's settings, the theme and the
/// content; and `shown`, the times every page may show (the latest find's, and the build time
/// when a template can read it). nullopt without conversation_inputs or a memo's program: then
/// every page is fingerprinted.
std::optional<ContentHash> site_inputs(const RenderInput& input,
                                       const std::vector<std::string_view>& shown);

}  // namespace confab
