#include "parse/media_rss.h"

#include <algorithm>

#include "parse/field_readers.h"
#include "parse/xml_text.h"

namespace confab {

namespace {

void add_content(pugi::xml_node content, const XmlScope& scope,
                 std::vector<Enclosure>& enclosures) {
  const std::string_view url = trim_ascii(scope.attribute(content, Ns::none, "url"));
  if (url.empty()) return;  // a player-only item (media:player) has no file
  Enclosure enclosure{scope.resolve(content, url),
                      std::string(trim_ascii(scope.attribute(content, Ns::none, "type"))),
                      parse_byte_count(scope.attribute(content, Ns::none, "fileSize"))};
  const bool listed = std::any_of(enclosures.begin(), enclosures.end(),
                                  [&](const Enclosure& e) { return e.url == enclosure.url; });
  if (!listed) enclosures.push_back(std::move(enclosure));
}

}  // namespace

void add_media_enclosures(pugi::xml_node element, const XmlScope& scope,
                          std::vector<Enclosure>& enclosures) {
  const QName name = scope.name_of(element);
  if (name.is(Ns::media, "content")) {
    add_content(element, scope, enclosures);
  } else if (name.is(Ns::media, "group")) {
    const XmlScope group_scope(scope, element);
    for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element &&
          group_scope.name_of(child).is(Ns::media, "content")) {
        add_content(child, group_scope, enclosures);
      }
    }
  }
}

}  // namespace confab
