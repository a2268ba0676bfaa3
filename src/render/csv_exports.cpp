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

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t space_bytes = 0;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      space_bytes = 1;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space_bytes = 2;  // U+00A0 no-break space
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) == 0xAF) {
      space_bytes = 3;  // U+202F narrow no-break space, French typography's favourite
    }
    if (space_bytes > 0) {
      pending_space = !out.empty();
      i += space_bytes - 1;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c);
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
