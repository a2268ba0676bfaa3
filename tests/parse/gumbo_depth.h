// How deep gumbo's tree gets for a text, measured with an explicit stack (a recursive walk is
// what a deep tree breaks): the quantity the nesting cap bounds.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include <gumbo.h>

#include "parse/gumbo_stack_model.h"

namespace confab {

/// Levels below <html> of the deepest element, parsed as render/gumbo_tree.cpp parses (the
/// inside of a <div>, errors not recorded) or as a whole document.
inline std::size_t gumbo_tree_depth(std::string_view html, GumboParseKind kind) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  if (kind == GumboParseKind::fragment_in_div) {
    options.fragment_context = GUMBO_TAG_DIV;
    options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  }
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  std::size_t deepest = 0;
  std::vector<std::pair<const GumboNode*, std::size_t>> pending{{output->root, 0}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    deepest = std::max(deepest, depth);
    const GumboVector& children = node->v.element.children;
    for (unsigned int i = 0; i < children.length; ++i) {
      pending.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
  }
  gumbo_destroy_output(&options, output);
  return deepest;
}

}  // namespace confab
