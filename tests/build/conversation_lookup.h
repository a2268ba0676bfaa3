// Finding what a build made, for the campaign tests: a node by its page, the warnings.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>

#include "build/build.h"

namespace confab::testing {

inline const Node* node_at(const Conversation& conversation, const std::string& url) {
  for (const auto& node : conversation.nodes) {
    if (node.url == url) return &node;
  }
  return nullptr;
}

/// The node at `url`; throws when there is none, so a test stops on it.
inline const Node& node(const Conversation& conversation, const std::string& url) {
  const Node* found = node_at(conversation, url);
  if (!found) throw std::runtime_error("no node at " + url);
  return *found;
}

inline bool warned(const BuildReport& report, const std::string& words) {
  return std::any_of(report.warnings.begin(), report.warnings.end(),
                     [&](const std::string& w) { return w.find(words) != std::string::npos; });
}

/// Every warning, one a line, for a failing expectation's message.
inline std::string warnings(const BuildReport& report) {
  std::string all;
  for (const auto& warning : report.warnings) all += warning + "\n";
  return all;
}

}  // namespace confab::testing
