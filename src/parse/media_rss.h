// Media RSS (search.yahoo.com/mrss): podcasts and video feeds put their files in media:content,
// alone or grouped in media:group, often with no <enclosure> at all.
#pragma once

#include <pugixml.hpp>

#include <vector>

#include "parse/feed.h"
#include "parse/xml_scope.h"

namespace confab {

/// Adds the media:content files of `element` (a media:content or a media:group, a child of
/// `scope`'s element) to `enclosures`, skipping URLs already listed.
void add_media_enclosures(pugi::xml_node element, const XmlScope& scope,
                          std::vector<Enclosure>& enclosures);

}  // namespace confab
