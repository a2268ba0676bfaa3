#include "render/csv_exports.h"

#include <vector>

#include "base/time.h"
#include "render/csv.h"
#include "render/output_pieces.h"

namespace confab {

namespace {

const char* yes_if(bool flag) {
  return flag ? "yes" : "";
}

std::string iso_or_empty(const std::optional<UnixTime>& time) {
  return time ? format_rfc3339(*time) : std::string();
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string hub_url(const SiteModel& model, const FeedSite& site, const Node& node) {
  const DisplayThread* thread = model.thread_of(node);
  if (thread == nullptr || thread->root.node == nullptr) return "";
  return site.base_url + model.thread_path(*thread->root.node) + "#" + model.anchor(node);
}

}  // namespace

namespace {

/// How many bytes of white space start at `at`: ASCII space and controls \t to \r, U+00A0
/// no-break space and U+202F narrow no-break space (French typography's favourite); 0 for none.
std::size_t space_bytes_at(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char c = byte(at);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c == 0xC2 && at + 1 < text.size() && byte(at + 1) == 0xA0) return 2;
  if (c == 0xE2 && at + 2 < text.size() && byte(at + 1) == 0x80 && byte(at + 2) == 0xAF) {
    return 3;
  }
  return 0;
}

/// Whether `text` is on one line already: no white space but single ASCII spaces between
/// other bytes. Most texts are, and are then copied whole.
bool is_one_line(std::string_view text) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c > ' ' && c != 0xC2 && c != 0xE2) continue;
    const std::size_t space = space_bytes_at(text, at);
    if (space == 0) continue;
    if (c != ' ' || at == 0 || at + 1 == text.size() || space_bytes_at(text, at + 1) > 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string one_line(std::string_view text) {
  if (is_one_line(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t at = 0;
  while (at < text.size()) {
    if (const std::size_t space = space_bytes_at(text, at); space > 0) {
      pending_space = !out.empty();
      at += space;
      continue;
    }
    // A run of other bytes goes in whole.
    std::size_t end = at + 1;
    while (end < text.size() && space_bytes_at(text, end) == 0) ++end;
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(text.substr(at, end - at));
    at = end;
  }
  return out;
}

std::string nodes_csv(const SiteModel& model, const FeedSite& site, OutputStream* stream) {
  const Conversation& conversation = model.conversation();
  std::string out(kCsvBom);
  // Each node's text on one line and its fields (JsonWriter::reserve says why).
  std::size_t room = 1024;
  for (const Node& node : conversation.nodes) {
    room += node.text.size() + node.title.size() + node.url.size() + 768;
  }
  out.reserve(room_to_reserve(room, stream));
  out += csv_row(
      {"id",     "kind",        "thread",    "parent",     "source",  "source_name",    "platform",
       "author", "author_name", "published", "first_seen", "new",     "awaiting_reply", "by_team",
       "spam",   "likes",       "reposts",   "url",        "hub_url", "title",          "text"});
  for (const Node& node : conversation.nodes) {
    append_csv_row(out, {csv_defused(node.id),
                         node_kind_name(node.kind),
                         csv_defused(node.thread),
                         csv_defused(node.parent),
                         csv_defused(node.source),
                         csv_defused(model.source_name(node.source)),
                         csv_defused(node.platform),
                         csv_defused(node.author),
                         csv_defused(model.author_name(node)),
                         iso_or_empty(node.published),
                         iso_or_empty(node.first_seen),
                         yes_if(is_new(node, conversation)),
                         yes_if(model.awaiting_reply(node)),
                         yes_if(node.by_team),
                         yes_if(node.spam.has_value()),
                         std::to_string(node.likes),
                         std::to_string(node.reposts),
                         csv_defused(node.url),
                         hub_url(model, site, node),
                         csv_defused(node.title),
                         csv_defused(one_line(node.text))});
    hand_over_piece(out, stream);
  }
  return hand_over_rest(out, stream);
}

std::string people_csv(const SiteModel& model, const FeedSite& site) {
  std::string out(kCsvBom);
  out += csv_row({"id", "name", "team", "posts", "comments", "blogs", "replies_received",
                  "repliers", "cross_blog_replies", "influence", "urls", "hub_url"});
  for (const Person* person : model.people_by_activity()) {
    std::vector<std::string> blogs;
    blogs.reserve(person->blogs.size());
    for (const std::string& blog : person->blogs) blogs.push_back(model.source_name(blog));
    const std::string& path = model.person_path(person->id);
    append_csv_row(out,
                   {csv_defused(person->id), csv_defused(person->name), yes_if(person->team),
                    std::to_string(person->posts), std::to_string(person->comments),
                    csv_defused(joined(blogs, "; ")), std::to_string(person->replies_received),
                    std::to_string(person->repliers), std::to_string(person->cross_blog_replies),
                    std::to_string(person->influence), csv_defused(joined(person->urls, "; ")),
                    path.empty() ? std::string() : site.base_url + path});
  }
  return out;
}

}  // namespace confab
