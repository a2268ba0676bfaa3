// The conversation arranged the way the hub page shows it: thread cards holding reply trees,
// with spam taken out and set aside.
#pragma once

#include <vector>

#include "conversation/conversation.h"

namespace confab {

/// A node and the replies hung under it on the page.
struct DisplayNode {
  const Node* node = nullptr;
  /// The node's parent is not shown where the node is: the conversation stage could not find it
  /// (Node::parent_unknown), or it was spam or missing and the node was hung one level up.
  bool parent_unknown = false;
  /// Set when the node is shown flattened below its real parent (see kMaxDisplayDepth).
  const Node* reply_to = nullptr;
  std::vector<DisplayNode> children;  ///< by published time (undated last), then id
};

/// Replies nest at most this deep under a thread's root; deeper replies are listed, in time
/// order, beside their ancestor at the last level, each naming what it replies to. Keeps deep
/// threads readable on a phone (and rendering linear on pathological chains).
constexpr int kMaxDisplayDepth = 8;

struct DisplayThread {
  DisplayNode root;
  const ThreadSummary* summary = nullptr;  ///< nullptr if Conversation::threads lacks the root
};

struct DisplayConversation {
  /// Conversation::threads order (newest activity first); roots the conversation stage did not list
  /// follow, newest first, so no node silently disappears.
  std::vector<DisplayThread> threads;
  std::vector<const Node*> spam;  ///< conversation order
};

/// Arranges `conversation` for display. A reply whose parent is spam is hung under the nearest
/// ancestor that is not; one whose parent is missing, under its thread's root; failing both, it
/// becomes a root of its own. Malformed input (parent cycles) cannot loop: a node shows at most
/// once, and nodes caught in a cycle with no root are not shown.
DisplayConversation arrange_conversation(const Conversation& conversation);

}  // namespace confab
