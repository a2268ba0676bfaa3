// conversation.json: the hub's data for other tools. The schema is stable: every key is always
// present (absent values are null, never missing) and keys keep a fixed order so diffs between
// two builds show what changed in the conversation, not in the serializer.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "render/render.h"
#include "thread/conversation.h"

namespace confab {
namespace {

using Json = nlohmann::ordered_json;

Json time_or_null(const std::optional<UnixTime>& time) {
  return time ? Json(format_rfc3339(*time)) : Json(nullptr);
}

Json string_or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json strings(const std::vector<std::string>& values) {
  Json list = Json::array();
  for (const auto& value : values) list.push_back(value);
  return list;
}

Json source_json(const SourceReport& source) {
  Json json;
  json["id"] = source.id;
  json["name"] = source.name;
  json["url"] = source.url;
  json["feed"] = source.feed;
  json["role"] = source_kind_name(source.role);
  json["status"] = source_status_name(source.status);
  json["error"] = string_or_null(source.error);
  json["error_kind"] = string_or_null(source.error_kind);
  json["last_success"] = time_or_null(source.last_success);
  json["discovered_from"] = string_or_null(source.discovered_from);
  return json;
}

Json spam_json(const std::optional<SpamVerdict>& spam) {
  if (!spam) return nullptr;
  Json json;
  json["score"] = spam->score;
  json["reasons"] = strings(spam->reasons);
  return json;
}

Json node_json(const Node& node) {
  Json json;
  json["id"] = node.id;
  json["kind"] = node_kind_name(node.kind);
  json["source"] = node.source;
  json["url"] = node.url;
  json["title"] = node.title;
  json["author"] = string_or_null(node.author);
  json["published"] = time_or_null(node.published);
  json["parent"] = string_or_null(node.parent);
  json["thread"] = node.thread;
  json["links_to"] = strings(node.links_to);
  json["spam"] = spam_json(node.spam);
  json["also_links_to"] = strings(node.also_links_to);
  json["mentions"] = strings(node.mentions);
  json["linking_url"] = string_or_null(node.linking_url);
  json["parent_unknown"] = node.parent_unknown;
  json["by_team"] = node.by_team;
  return json;
}

Json person_json(const Person& person) {
  Json json;
  json["id"] = person.id;
  json["name"] = person.name;
  json["urls"] = strings(person.urls);
  json["team"] = person.team;
  json["posts"] = person.posts;
  json["comments"] = person.comments;
  json["blogs"] = strings(person.blogs);
  json["replies_received"] = person.replies_received;
  json["repliers"] = person.repliers;
  json["cross_blog_replies"] = person.cross_blog_replies;
  json["influence"] = person.influence;
  return json;
}

Json thread_json(const ThreadSummary& thread) {
  Json json;
  json["root"] = thread.root;
  json["size"] = thread.size;
  json["blogs"] = strings(thread.blogs);
  json["last_activity"] = time_or_null(thread.last_activity);
  return json;
}

template <typename Item, typename ToJson>
Json list_of(const std::vector<Item>& items, ToJson to_json) {
  Json list = Json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return list;
}

}  // namespace

std::string conversation_to_json(const Conversation& conversation) {
  Json json;
  json["generated"] = format_rfc3339(conversation.generated);
  Json campaign;
  campaign["title"] = conversation.campaign_title;
  campaign["links"] = strings(conversation.campaign_links);
  json["campaign"] = std::move(campaign);
  json["sources"] = list_of(conversation.sources, source_json);
  json["nodes"] = list_of(conversation.nodes, node_json);
  json["people"] = list_of(conversation.people, person_json);
  json["awaiting_reply"] = strings(conversation.awaiting_reply);
  json["threads"] = list_of(conversation.threads, thread_json);
  // Feeds carry arbitrary bytes; replace invalid UTF-8 rather than throw mid-build.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace confab
