// Small readers of gumbo's tree shared by the parse stage's HTML readers (a page's feeds and
// links, the comments it shows).
#pragma once

#include <gumbo.h>

#include <string_view>

#include "base/ascii.h"

namespace confab {

/// An element's attribute value, "" when absent (or when `node` is no element).
inline std::string_view gumbo_attribute(const GumboNode& node, const char* name) {
  if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_TEMPLATE) return {};
  const GumboAttribute* found = gumbo_get_attribute(&node.v.element.attributes, name);
  return found ? std::string_view(found->value) : std::string_view();
}

/// The children of an element, a template or the document; nullptr for text and comments.
inline const GumboVector* gumbo_children(const GumboNode& node) {
  if (node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE) {
    return &node.v.element.children;
  }
  if (node.type == GUMBO_NODE_DOCUMENT) return &node.v.document.children;
  return nullptr;
}

/// Calls `match` on each token of a space-separated list (class, rel) until it returns true.
template <typename Match>
bool any_html_token(std::string_view list, Match&& match) {
  std::size_t pos = 0;
  while (pos < list.size()) {
    while (pos < list.size() && is_html_space(list[pos])) ++pos;
    std::size_t end = pos;
    while (end < list.size() && !is_html_space(list[end])) ++end;
    if (end > pos && match(list.substr(pos, end - pos))) return true;
    pos = end;
  }
  return false;
}

}  // namespace confab
