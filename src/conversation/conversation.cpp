// The names the conversation's enums carry in conversation.json and in templates.
#include "conversation/conversation.h"

namespace confab {

const char* source_status_name(SourceStatus status) {
  switch (status) {
    case SourceStatus::ok:
      return "ok";
    case SourceStatus::unchanged:
      return "unchanged";
    case SourceStatus::error:
      return "error";
    case SourceStatus::gone:
      return "gone";
  }
  return "error";  // unreachable for valid enumerators; keeps -Wreturn-type quiet
}

const char* source_kind_name(SourceKind kind) {
  switch (kind) {
    case SourceKind::campaign:
      return "campaign";
    case SourceKind::blog:
      return "blog";
    case SourceKind::discovered:
      return "discovered";
  }
  return "blog";
}

const char* node_kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::post:
      return "post";
    case NodeKind::comment:
      return "comment";
    case NodeKind::mention:
      return "mention";
  }
  return "post";
}

bool is_new(const Node& node, const Conversation& conversation) {
  return conversation.previous_build && node.first_seen &&
         *node.first_seen > *conversation.previous_build;
}

}  // namespace confab
