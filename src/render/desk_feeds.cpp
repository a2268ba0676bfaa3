#include "render/desk_feeds.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/identifiers.h"
#include "conversation/reply_link.h"
#include "render/csv.h"
#include "render/csv_exports.h"
#include "render/html_excerpt.h"
#include "render/json_writer.h"
#include "render/output_pieces.h"
#include "render/safe_url.h"

namespace confab {
namespace {

constexpr std::size_t kDigestBuilds = 20;
constexpr std::size_t kDigestItemsPerBuild = 50;
constexpr std::size_t kExcerptChars = 139;  // and the ellipsis: 140
constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kSecondsPerHour = 3600;

/// Room for a feed of `items`: each question's HTML, grown by `escaping` as the format writes
/// it, and a kilobyte for the rest of its entry.
std::size_t room_for(const std::vector<AwaitingItem>& items, double escaping) {
  double room = 64 * 1024;
  for (const AwaitingItem& item : items) {
    room += escaping * static_cast<double>(item.html->size() + item.content_after.size()) + 1024;
  }
  return static_cast<std::size_t>(room);
}

/// `url` when it is a web page address fit for href, else "".
std::string web_url(const std::string& url) {
  const std::string safe = safe_link_url(url, "").value_or("");
  return is_web_url(safe) ? safe : "";
}

std::string author_or_anonymous(const SiteModel& model, const Node& node, const Strings& strings) {
  std::string author = model.author_name(node);
  return author.empty() ? strings.text("anonymous") : author;
}

std::string thread_title(const Node& root, const Strings& strings) {
  return root.title.empty() ? strings.text("untitled") : root.title;
}

/// The thread's page on the hub: absolute with a base URL, else relative to the site root.
std::string hub_thread_url(const SiteModel& model, const FeedSite& site, const Node& root) {
  return site.base_url + model.thread_path(root);
}

std::string hub_node_url(const SiteModel& model, const FeedSite& site, const Node& root,
                         const Node& node) {
  return hub_thread_url(model, site, root) + "#" + model.anchor(node);
}

std::string feed_id(const FeedSite& site, const std::string& file) {
  return site.base_url.empty() ? "urn:confab:site:" + slugify(site.title) + ":" + file
                               : site.base_url + file;
}

/// The Atom document up to its first entry.
std::string atom_head(const FeedSite& site, const std::string& title, const std::string& file,
                      UnixTime updated) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + xml_escape(site.language) +
         "\">\n";
  xml += "  <title>" + xml_escape(title) + "</title>\n";
  xml += "  <id>" + xml_escape(feed_id(site, file)) + "</id>\n";
  xml += "  <updated>" + format_rfc3339(updated) + "</updated>\n";
  if (!site.base_url.empty()) {
    xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
           xml_escape(site.base_url + file) + "\"/>\n";
    xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(site.base_url) +
           "\"/>\n";
  }
  xml += "  <author><name>" + xml_escape(site.title) + "</name></author>\n";
  xml += "  <generator>confab</generator>\n";
  return xml;
}

/// Replies by parent id, in conversation order.
using Children = std::unordered_map<std::string_view, std::vector<const Node*>>;

Children children_of(const Conversation& conversation) {
  Children children;
  for (const Node& node : conversation.nodes) {
    if (!node.parent.empty()) children[node.parent].push_back(&node);
  }
  return children;
}

/// The newest dated non-spam node in `question`'s subtree (later id on a tie), the question
/// itself when nothing below it is dated. Walks with its own stack and a visited set: reply
/// chains are as deep as outsiders make them, and a malformed parent cycle must not loop.
const Node* last_word(const Node& question, const Children& children) {
  // Most questions in the queue have no reply at all: no walk for them.
  if (children.find(question.id) == children.end()) return &question;
  const Node* newest = &question;
  std::unordered_set<const Node*> visited = {&question};
  std::vector<const Node*> stack = {&question};
  while (!stack.empty()) {
    const Node* node = stack.back();
    stack.pop_back();
    if (!node->spam && node->published) {
      const bool newer = !newest->published || *node->published > *newest->published ||
                         (*node->published == *newest->published && node->id > newest->id);
      if (newer) newest = node;
    }
    const auto replies = children.find(node->id);
    if (replies == children.end()) continue;
    for (const Node* reply : replies->second) {
      if (visited.insert(reply).second) stack.push_back(reply);
    }
  }
  return newest;
}

std::string atom_author(const SiteModel& model, const Node& node) {
  const std::string author = model.author_name(node);
  if (author.empty()) return "";
  std::string xml = "    <author><name>" + xml_escape(author) + "</name>";
  const std::string uri = web_url(node.author_url);
  if (!uri.empty()) xml += "<uri>" + xml_escape(uri) + "</uri>";
  return xml + "</author>\n";
}

/// "Ann: a glimpse of what she said", linked to the hub, for the digest.
std::string digest_line(const SiteModel& model, const FeedSite& site, const Strings& strings,
                        const Node& root, const Node& node) {
  std::string glimpse = text_excerpt(node.text, kExcerptChars);
  if (glimpse.empty()) glimpse = text_excerpt(node.title, kExcerptChars);
  std::string html = "<li><a href=\"" + xml_escape(hub_node_url(model, site, root, node)) + "\">" +
                     xml_escape(author_or_anonymous(model, node, strings)) + "</a>";
  if (!glimpse.empty()) html += ": " + xml_escape(glimpse);
  return html + "</li>";
}

/// Earlier first, undated last, then by id: the order a thread reads in.
bool reads_before(const Node* a, const Node* b) {
  if (a->published.has_value() != b->published.has_value()) return a->published.has_value();
  if (a->published && *a->published != *b->published) return *a->published < *b->published;
  return a->id < b->id;
}

/// The digest entry's content: the build's new items by thread, at most kDigestItemsPerBuild.
/// Threads come newest item first (then root id), so the entry reads the same on every build.
std::string digest_content(const SiteModel& model, const FeedSite& site, const Strings& strings,
                           const std::vector<const Node*>& nodes) {
  std::map<const Node*, std::vector<const Node*>> by_root;
  for (const Node* node : nodes) by_root[model.thread_of(*node)->root.node].push_back(node);
  struct ThreadGroup {
    const Node* root;
    std::vector<const Node*> items;
    std::optional<UnixTime> newest;
  };
  std::vector<ThreadGroup> groups;
  for (auto& [root, items] : by_root) {
    std::sort(items.begin(), items.end(), reads_before);
    ThreadGroup group{root, std::move(items), std::nullopt};
    for (const Node* item : group.items) {
      if (item->published && (!group.newest || *item->published > *group.newest)) {
        group.newest = item->published;
      }
    }
    groups.push_back(std::move(group));
  }
  std::sort(groups.begin(), groups.end(), [](const ThreadGroup& a, const ThreadGroup& b) {
    if (a.newest != b.newest) return a.newest > b.newest;  // undated (nullopt) last
    return a.root->id < b.root->id;
  });
  std::string html;
  std::size_t shown = 0;
  for (const ThreadGroup& group : groups) {
    if (shown == kDigestItemsPerBuild) break;
    html += "<h3><a href=\"" + xml_escape(hub_thread_url(model, site, *group.root)) + "\">" +
            xml_escape(thread_title(*group.root, strings)) + "</a></h3><ul>";
    for (const Node* node : group.items) {
      if (shown == kDigestItemsPerBuild) break;
      html += digest_line(model, site, strings, *group.root, *node);
      ++shown;
    }
    html += "</ul>";
  }
  if (shown < nodes.size()) {
    const auto more = static_cast<std::int64_t>(nodes.size() - shown);
    html +=
        "<p>" +
        xml_escape(Strings::fill(strings.text("desk_and_more"), {{"n", strings.number(more)}})) +
        "</p>";
  }
  return html;
}

/// "2 new posts, 5 new comments": the kinds present, posts then comments then mentions.
std::string digest_title(const Strings& strings, const std::vector<const Node*>& nodes) {
  std::int64_t posts = 0, comments = 0, mentions = 0;
  for (const Node* node : nodes) {
    switch (node->kind) {
      case NodeKind::post:
        ++posts;
        break;
      case NodeKind::comment:
        ++comments;
        break;
      case NodeKind::mention:
        ++mentions;
        break;
    }
  }
  std::string title;
  const auto add = [&](const char* noun, std::int64_t n) {
    if (n == 0) return;
    if (!title.empty()) title += ", ";
    title += strings.count(noun, n);
  };
  add("desk_new_post", posts);
  add("desk_new_comment", comments);
  add("desk_new_mention", mentions);
  return title;
}

}  // namespace

std::vector<AwaitingItem> awaiting_items(const SiteModel& model, const FeedSite& site,
                                         const Strings& strings) {
  const Conversation& conversation = model.conversation();
  const Children children = children_of(conversation);
  std::vector<AwaitingItem> items;
  items.reserve(conversation.awaiting_reply.size());
  for (const std::string& id : conversation.awaiting_reply) {
    const Node* node = model.node(id);
    const DisplayThread* thread = node ? model.thread_of(*node) : nullptr;
    if (!thread) continue;
    const Node& root = *thread->root.node;
    AwaitingItem item;
    item.node = node;
    item.id = "urn:confab:awaiting:" + short_hash(node->id, 16);
    item.author = model.author_name(*node);
    item.thread_title = thread_title(root, strings);
    item.title = Strings::fill(
        strings.text("desk_asked"),
        {{"author", author_or_anonymous(model, *node, strings)}, {"title", item.thread_title}});
    item.since = node->published.value_or(node->first_seen.value_or(conversation.generated));
    item.waiting_seconds = std::max<std::int64_t>(0, conversation.generated - item.since);
    item.last_word = author_or_anonymous(model, *last_word(*node, children), strings);
    item.thread_url = hub_thread_url(model, site, root);
    item.hub_url = hub_node_url(model, site, root, *node);
    item.own_url = web_url(node->url);
    item.reply_url = web_url(reply_here_url(*node, &root));
    if (item.reply_url.empty()) item.reply_url = item.hub_url;
    const std::string waiting =
        Strings::fill(strings.text("desk_waiting"),
                      {{"date", strings.date(item.since)},
                       {"days", strings.count("desk_day", item.waiting_seconds / kSecondsPerDay)},
                       {"name", item.last_word},
                       {"title", item.thread_title}});
    item.html = &model.html(*node);
    item.content_after = "<p>" + xml_escape(waiting) + "</p><p><a href=\"" +
                         xml_escape(item.reply_url) + "\">" +
                         xml_escape(strings.text("desk_reply_here")) + "</a></p>";
    items.push_back(std::move(item));
  }
  return items;
}

std::string awaiting_atom(const SiteModel& model, const FeedSite& site, const Strings& strings,
                          const std::vector<AwaitingItem>& items, OutputStream* stream) {
  UnixTime updated = model.conversation().generated;
  if (!items.empty()) {
    updated = std::max_element(items.begin(), items.end(), [](const auto& a, const auto& b) {
                return a.since < b.since;
              })->since;
  }
  std::string xml =
      atom_head(site, Strings::fill(strings.text("desk_awaiting_feed"), {{"site", site.title}}),
                "awaiting.xml", updated);
  xml.reserve(room_to_reserve(room_for(items, 2), stream));  // "<" escaped takes four bytes
  for (const AwaitingItem& item : items) {
    xml += "  <entry>\n";
    xml += "    <title>" + xml_escape(item.title) + "</title>\n";
    xml += "    <id>" + item.id + "</id>\n";
    xml += "    <link rel=\"alternate\" href=\"" + xml_escape(item.reply_url) + "\"/>\n";
    if (!site.base_url.empty()) {
      xml += "    <link rel=\"related\" href=\"" + xml_escape(item.hub_url) + "\"/>\n";
    }
    // updated = published: the entry never changes while it waits, so no reader shows it twice.
    xml += "    <updated>" + format_rfc3339(item.since) + "</updated>\n";
    xml += "    <published>" + format_rfc3339(item.since) + "</published>\n";
    xml += atom_author(model, *item.node);
    xml += "    <content type=\"html\">";
    append_xml_escaped(xml, *item.html);  // most of the feed's bytes: no copy
    append_xml_escaped(xml, item.content_after);
    xml += "</content>\n";
    xml += "  </entry>\n";
    hand_over_piece(xml, stream);
  }
  xml += "</feed>\n";
  return hand_over_rest(xml, stream);
}

std::string awaiting_json(const FeedSite& site, const Strings& strings,
                          const std::vector<AwaitingItem>& items, OutputStream* stream) {
  // Streamed: at 90,000 comments the queue is tens of megabytes, and building it as a tree first
  // cost more than writing it.
  JsonWriter json;
  json.reserve(room_to_reserve(room_for(items, 1.25), stream));  // markup's quotes escaped
  json.begin_object();
  json.member("version", "https://jsonfeed.org/version/1.1");
  json.member("title", Strings::fill(strings.text("desk_awaiting_feed"), {{"site", site.title}}));
  if (!site.base_url.empty()) {
    json.member("home_page_url", site.base_url);
    json.member("feed_url", site.base_url + "awaiting.json");
  }
  json.member("language", site.language);
  json.key("items");
  json.begin_array();
  for (const AwaitingItem& item : items) {
    json.begin_object();
    json.member("id", item.id);
    json.member("url", item.reply_url);
    if (!item.own_url.empty()) {
      json.member("external_url", item.own_url);
    }
    json.member("title", item.title);
    json.member("content_html", item.content_html());
    json.member("date_published", format_rfc3339(item.since));
    if (!item.author.empty()) {
      json.key("authors");
      json.begin_array();
      json.begin_object();
      json.member("name", item.author);
      const std::string uri = web_url(item.node->author_url);
      if (!uri.empty()) {
        json.member("url", uri);
      }
      json.end_object();
      json.end_array();
    }
    json.key("_confab");
    json.begin_object();
    json.key("waiting_seconds");
    json.integer(item.waiting_seconds);
    json.member("last_word", item.last_word);
    json.member("thread_title", item.thread_title);
    json.member("thread_url", item.thread_url);
    json.member("reply_url", item.reply_url);
    json.member("node", item.node->id);
    json.end_object();
    json.end_object();
    hand_over_piece(json.text(), stream);
  }
  json.end_array();
  json.end_object();
  json.text() += '\n';
  return hand_over_rest(json.text(), stream);
}

std::string awaiting_csv(const SiteModel& model, const std::vector<AwaitingItem>& items,
                         OutputStream* stream) {
  std::string csv(kCsvBom);
  csv += csv_row({"waiting_since", "waiting_hours", "author", "source", "thread", "text", "url",
                  "reply_url", "hub_url"});
  for (const AwaitingItem& item : items) {
    append_csv_row(
        csv, {format_rfc3339(item.since), std::to_string(item.waiting_seconds / kSecondsPerHour),
              csv_defused(item.author), csv_defused(model.source_name(item.node->source)),
              csv_defused(item.thread_title), csv_defused(one_line(item.node->text)),
              csv_defused(item.own_url), item.reply_url, item.hub_url});
    hand_over_piece(csv, stream);
  }
  return hand_over_rest(csv, stream);
}

std::string new_digest_atom(const SiteModel& model, const FeedSite& site, const Strings& strings) {
  std::map<UnixTime, std::vector<const Node*>> by_build;
  for (const Node& node : model.conversation().nodes) {
    if (!node.spam && node.first_seen && model.thread_of(node)) {
      by_build[*node.first_seen].push_back(&node);
    }
  }
  const UnixTime updated =
      by_build.empty() ? model.conversation().generated : by_build.rbegin()->first;
  std::string xml =
      atom_head(site, Strings::fill(strings.text("desk_new_feed"), {{"site", site.title}}),
                "new.xml", updated);
  std::size_t entries = 0;
  for (auto build = by_build.rbegin(); build != by_build.rend() && entries < kDigestBuilds;
       ++build, ++entries) {
    const std::string when = format_rfc3339(build->first);
    xml += "  <entry>\n";
    xml += "    <title>" + xml_escape(digest_title(strings, build->second)) + "</title>\n";
    xml += "    <id>urn:confab:build:" + std::to_string(build->first) + "</id>\n";
    if (!site.base_url.empty()) {
      xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(site.base_url) +
             "\"/>\n";
    }
    xml += "    <updated>" + when + "</updated>\n";
    xml += "    <published>" + when + "</published>\n";
    xml += "    <content type=\"html\">" +
           xml_escape(digest_content(model, site, strings, build->second)) + "</content>\n";
    xml += "  </entry>\n";
  }
  xml += "</feed>\n";
  return xml;
}

}  // namespace confab
