// The hub's two charts, drawn at build time as inline SVG: readable with no JavaScript, styled by
// the theme's stylesheet through their classes, described in text for screen readers.
#pragma once

#include <string>

#include "conversation/conversation.h"
#include "render/i18n.h"

namespace confab {

/// Posts and comments per day (per several days when the conversation spans months), stacked
/// bars with a labelled scale. "" when nothing is dated. Spam is not counted.
std::string activity_chart_svg(const Conversation& conversation, const Strings& strings);

/// Which blogs answer which: blogs on a circle, an arrow from each blog to every blog one of
/// its posts replies to or links to, thicker for more posts. "" when no blog answered another.
std::string reply_graph_svg(const Conversation& conversation, const Strings& strings);

}  // namespace confab
