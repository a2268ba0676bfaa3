#include "render/display_tree.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace confab {
namespace {

bool is_spam(const Node& node) {
  return node.spam.has_value();
}

/// Sort key: dated nodes first in time order, undated ones after them, then by id.
bool shown_before(const DisplayNode& a, const DisplayNode& b) {
  const bool a_undated = !a.node->published;
  const bool b_undated = !b.node->published;
  return std::tie(a_undated, a.node->published, a.node->id) <
         std::tie(b_undated, b.node->published, b.node->id);
}

std::optional<UnixTime> latest_activity(const DisplayNode& display) {
  std::optional<UnixTime> latest = display.node->published;
  for (const DisplayNode& child : display.children) {
    const auto child_latest = latest_activity(child);
    if (child_latest && (!latest || *child_latest > *latest)) latest = child_latest;
  }
  return latest;
}

class Arranger {
 public:
  explicit Arranger(const Conversation& conversation)
      : conversation_(conversation),
        nodes_(conversation.nodes),
        children_(nodes_.size()),
        rehung_(nodes_.size(), false),
        built_(nodes_.size(), false) {
    by_id_.reserve(nodes_.size());
    for (const Node& node : nodes_) by_id_.emplace(node.id, &node);
  }

  DisplayConversation arrange() {
    DisplayConversation display;
    std::vector<const Node*> roots;
    for (const Node& node : nodes_) {
      if (is_spam(node)) {
        display.spam.push_back(&node);
        continue;
      }
      place(node, roots);
    }
    std::unordered_map<std::string_view, const Node*> root_by_id;
    root_by_id.reserve(roots.size());
    for (const Node* root : roots) root_by_id.emplace(root->id, root);
    std::unordered_set<std::string_view> listed;
    listed.reserve(conversation_.threads.size());
    for (const ThreadSummary& summary : conversation_.threads) {
      const auto root = root_by_id.find(summary.root);
      if (root == root_by_id.end() || !listed.insert(summary.root).second) continue;
      display.threads.push_back({build(*root->second), &summary});
    }
    std::vector<DisplayThread> unlisted;
    for (const Node* root : roots) {
      if (listed.count(root->id) == 0) unlisted.push_back({build(*root), nullptr});
    }
    std::stable_sort(unlisted.begin(), unlisted.end(),
                     [](const DisplayThread& a, const DisplayThread& b) {
                       return latest_activity(a.root) > latest_activity(b.root);
                     });
    for (DisplayThread& thread : unlisted) display.threads.push_back(std::move(thread));
    return display;
  }

 private:
  const Node* find(const std::string& id) const {
    const auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }

  /// The node's position in the conversation: every node here is one of its nodes.
  std::size_t slot(const Node& node) const {
    return static_cast<std::size_t>(&node - nodes_.data());
  }

  /// Decides under which shown node `node` hangs, or makes it a root.
  void place(const Node& node, std::vector<const Node*>& roots) {
    if (node.parent.empty()) {
      roots.push_back(&node);
      return;
    }
    const Node* parent = find(node.parent);
    bool moved = false;
    // Climb past spam; the step limit guards against parent cycles in malformed input.
    for (std::size_t steps = 0; parent && is_spam(*parent); ++steps) {
      moved = true;
      parent = steps < by_id_.size() && !parent->parent.empty() ? find(parent->parent) : nullptr;
    }
    if (!parent) {
      moved = true;
      const Node* root = node.thread != node.id ? find(node.thread) : nullptr;
      parent = root && !is_spam(*root) ? root : nullptr;
    }
    if (!parent || parent == &node) {
      roots.push_back(&node);
      if (!node.parent.empty()) rehung_[slot(node)] = true;
      return;
    }
    children_[slot(*parent)].push_back(&node);
    if (moved) rehung_[slot(node)] = true;
  }

  /// Marks `node` as placed on the page; false if it already was (a parent cycle).
  bool claim(const Node& node) {
    const std::size_t index = slot(node);
    if (built_[index]) return false;
    built_[index] = true;
    return true;
  }

  DisplayNode build(const Node& node, int depth = 0) {
    DisplayNode display;
    display.node = &node;
    display.parent_unknown = node.parent_unknown || rehung_[slot(node)];
    if (!claim(node)) return display;  // a cycle: show the node once only
    if (depth + 1 >= kMaxDisplayDepth) {
      // The last level: the whole subtree below becomes one flat, time-ordered list.
      flatten(node, display.children);
    } else {
      const std::vector<const Node*>& children = children_[slot(node)];
      display.children.reserve(children.size());
      for (const Node* child : children) {
        if (!built_[slot(*child)]) display.children.push_back(build(*child, depth + 1));
      }
    }
    std::sort(display.children.begin(), display.children.end(), shown_before);
    return display;
  }

  /// Appends every node below `ancestor` to `out`, each naming its real parent when that is
  /// not `ancestor` itself. Iterative: a chain of any length costs no stack.
  void flatten(const Node& ancestor, std::vector<DisplayNode>& out) {
    std::vector<const Node*> pending = {&ancestor};
    while (!pending.empty()) {
      const Node* parent = pending.back();
      pending.pop_back();
      for (const Node* child : children_[slot(*parent)]) {
        if (!claim(*child)) continue;
        DisplayNode display;
        display.node = child;
        display.parent_unknown = child->parent_unknown || rehung_[slot(*child)];
        if (parent != &ancestor) display.reply_to = parent;
        out.push_back(std::move(display));
        pending.push_back(child);
      }
    }
  }

  const Conversation& conversation_;
  const std::vector<Node>& nodes_;
  // Looked up, never walked in order: hashed, on views of the ids (this runs on one core
  // before the pages). The rest is by slot.
  std::unordered_map<std::string_view, const Node*> by_id_;
  std::vector<std::vector<const Node*>> children_;
  std::vector<bool> rehung_;
  std::vector<bool> built_;
};

}  // namespace

DisplayConversation arrange_conversation(const Conversation& conversation) {
  return Arranger(conversation).arrange();
}

}  // namespace confab
