// conversation.json: the hub's data for other tools. The schema is stable: every key is always
// present (absent values are null, never missing) and keys keep a fixed order so diffs between
// two builds show what changed in the conversation, not in the serializer.
// Written straight as text (no JSON tree): a tree of 100,000 nodes cost most of the render time.
// The text is the one nlohmann's dump(2) of the same tree gives (tests hold the two together).
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "conversation/conversation.h"
#include "render/json_writer.h"
#include "render/output_pieces.h"
#include "render/render.h"

namespace confab {
namespace {

void time_or_null(JsonWriter& json, const std::optional<UnixTime>& time) {
  if (time) {
    json.string(format_rfc3339(*time));
  } else {
    json.null();
  }
}

void string_or_null(JsonWriter& json, const std::string& text) {
  if (text.empty()) {
    json.null();
  } else {
    json.string(text);
  }
}

void strings(JsonWriter& json, const std::vector<std::string>& values) {
  json.begin_array();
  for (const auto& value : values) json.string(value);
  json.end_array();
}

void source_json(JsonWriter& json, const SourceReport& source) {
  json.begin_object();
  json.member("id", source.id);
  json.member("name", source.name);
  json.member("url", source.url);
  json.member("feed", source.feed);
  json.member("role", source_kind_name(source.role));
  json.member("status", source_status_name(source.status));
  json.key("error");
  string_or_null(json, source.error);
  json.key("error_kind");
  string_or_null(json, source.error_kind);
  json.key("last_success");
  time_or_null(json, source.last_success);
  json.key("discovered_from");
  string_or_null(json, source.discovered_from);
  json.key("platform");
  string_or_null(json, source.platform);
  json.end_object();
}

void spam_json(JsonWriter& json, const std::optional<SpamVerdict>& spam) {
  if (!spam) {
    json.null();
    return;
  }
  json.begin_object();
  json.key("score");
  json.number(spam->score);
  json.key("reasons");
  strings(json, spam->reasons);
  json.end_object();
}

void node_json(JsonWriter& json, const Node& node) {
  json.begin_object();
  json.member("id", node.id);
  json.member("kind", node_kind_name(node.kind));
  json.member("source", node.source);
  json.member("url", node.url);
  json.member("title", node.title);
  json.key("author");
  string_or_null(json, node.author);
  json.key("published");
  time_or_null(json, node.published);
  json.key("parent");
  string_or_null(json, node.parent);
  json.member("thread", node.thread);
  json.key("links_to");
  strings(json, node.links_to);
  json.key("spam");
  spam_json(json, node.spam);
  json.key("also_links_to");
  strings(json, node.also_links_to);
  json.key("mentions");
  strings(json, node.mentions);
  json.key("linking_url");
  string_or_null(json, node.linking_url);
  json.key("parent_unknown");
  json.boolean(node.parent_unknown);
  json.key("by_team");
  json.boolean(node.by_team);
  json.key("platform");
  string_or_null(json, node.platform);
  json.key("likes");
  json.integer(node.likes);
  json.key("reposts");
  json.integer(node.reposts);
  json.key("bookmarks");
  json.integer(node.bookmarks);
  json.key("reply_cap");
  if (node.reply_cap) {
    json.integer(*node.reply_cap);
  } else {
    json.null();
  }
  json.key("first_seen");
  time_or_null(json, node.first_seen);
  json.end_object();
}

void person_json(JsonWriter& json, const Person& person) {
  json.begin_object();
  json.member("id", person.id);
  json.member("name", person.name);
  json.key("urls");
  strings(json, person.urls);
  json.key("merged_by");
  strings(json, person.merged_by);
  json.key("team");
  json.boolean(person.team);
  json.key("posts");
  json.integer(person.posts);
  json.key("comments");
  json.integer(person.comments);
  json.key("blogs");
  strings(json, person.blogs);
  json.key("replies_received");
  json.integer(person.replies_received);
  json.key("repliers");
  json.integer(person.repliers);
  json.key("cross_blog_replies");
  json.integer(person.cross_blog_replies);
  json.key("influence");
  json.integer(person.influence);
  json.end_object();
}

void thread_json(JsonWriter& json, const ThreadSummary& thread, const ThreadPageOf& page_of) {
  json.begin_object();
  json.member("root", thread.root);
  json.key("page");
  string_or_null(json, page_of ? page_of(thread.root) : std::string());
  json.key("size");
  json.integer(thread.size);
  json.key("blogs");
  strings(json, thread.blogs);
  json.key("last_activity");
  time_or_null(json, thread.last_activity);
  json.end_object();
}

template <typename Item, typename ToJson>
void list_of(JsonWriter& json, const std::vector<Item>& items, ToJson to_json,
             OutputStream* stream) {
  json.begin_array();
  for (const auto& item : items) {
    to_json(json, item);
    hand_over_piece(json.text(), stream);
  }
  json.end_array();
}

}  // namespace

std::string conversation_to_json(const Conversation& conversation, const ThreadPageOf& page_of,
                                 OutputStream* stream) {
  JsonWriter json;
  // About 900 bytes a node, indented; more for one with long fields or many links.
  std::size_t room = 64 * 1024 + 512 * conversation.sources.size();
  for (const Node& node : conversation.nodes) {
    room += 1024 + node.url.size() + node.title.size() +
            64 * (node.links_to.size() + node.also_links_to.size() + node.mentions.size());
  }
  json.reserve(room_to_reserve(room, stream));
  json.begin_object();
  json.member("generated", format_rfc3339(conversation.generated));
  json.key("previous_build");
  time_or_null(json, conversation.previous_build);
  json.key("campaign");
  json.begin_object();
  json.member("title", conversation.campaign_title);
  json.key("links");
  strings(json, conversation.campaign_links);
  json.end_object();
  json.key("sources");
  list_of(json, conversation.sources, source_json, stream);
  json.key("nodes");
  list_of(json, conversation.nodes, node_json, stream);
  json.key("people");
  list_of(json, conversation.people, person_json, stream);
  json.key("awaiting_reply");
  strings(json, conversation.awaiting_reply);
  json.key("threads");
  list_of(
      json, conversation.threads,
      [&](JsonWriter& out, const ThreadSummary& thread) { thread_json(out, thread, page_of); },
      stream);
  json.end_object();
  json.text() += '\n';
  return hand_over_rest(json.text(), stream);
}

}  // namespace confab
