#include "archive/entry_json.h"

#include <cstdint>

#include "base/identifiers.h"

namespace confab {
namespace {

using nlohmann::json;

// Empty fields are left out: most entries use few of them, and the archive holds many entries.
void put(json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

/// FNV-1a over length-prefixed fields, so ("ab","c") and ("a","bc") differ.
class FieldHasher {
 public:
  void add(std::string_view text) {
    add_number(static_cast<std::int64_t>(text.size()));
    for (const unsigned char byte : text) mix(byte);
  }
  void add_number(std::int64_t value) {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(value >> (8 * i)));
  }
  void add_optional(const std::optional<std::int64_t>& value) {
    mix(value ? 1 : 0);
    if (value) add_number(*value);
  }
  std::string hex() const { return hex16(hash_.value()); }

 private:
  void mix(unsigned char byte) { hash_.add(byte); }
  Fnv1a hash_;
};

}  // namespace

std::string entry_fingerprint(const Entry& entry) {
  FieldHasher hash;
  hash.add(entry.id);
  hash.add(entry.title);
  hash.add(entry.link);
  hash.add_optional(entry.published);
  hash.add_optional(entry.updated);
  hash.add_number(static_cast<std::int64_t>(entry.authors.size()));
  for (const auto& author : entry.authors) {
    hash.add(author.name);
    hash.add(author.email);
    hash.add(author.uri);
    // Only when present, so entries archived before avatars were read keep their hash.
    if (!author.avatar.empty()) hash.add(author.avatar);
    for (const auto& page : author.verified) hash.add(page);
  }
  hash.add(entry.summary);
  hash.add(entry.content);
  hash.add_number(static_cast<std::int64_t>(entry.categories.size()));
  for (const auto& category : entry.categories) hash.add(category);
  hash.add(entry.comments_url);
  hash.add(entry.comments_feed);
  hash.add_optional(entry.comment_count);
  hash.add_number(static_cast<std::int64_t>(entry.in_reply_to.size()));
  for (const auto& reply : entry.in_reply_to) {
    hash.add(reply.ref);
    hash.add(reply.href);
  }
  hash.add_number(static_cast<std::int64_t>(entry.enclosures.size()));
  for (const auto& enclosure : entry.enclosures) {
    hash.add(enclosure.url);
    hash.add(enclosure.type);
    hash.add_optional(enclosure.length);
  }
  hash.add(entry.related);
  // Platform fields only when present, so feed entries archived before them keep their hash.
  if (entry.likes) hash.add_optional(entry.likes);
  if (entry.reposts) hash.add_optional(entry.reposts);
  if (!entry.reaction.empty()) hash.add(entry.reaction);
  if (entry.reply_cap) hash.add_optional(entry.reply_cap);
  return hash.hex();
}

std::string dump_json(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json entry_to_json(const Entry& entry) {
  json out = json::object();
  out["id"] = entry.id;
  put(out, "title", entry.title);
  put(out, "link", entry.link);
  if (entry.published) out["published"] = *entry.published;
  if (entry.updated) out["updated"] = *entry.updated;
  if (!entry.authors.empty()) {
    json authors = json::array();
    for (const auto& author : entry.authors) {
      json fields = json::array({author.name, author.email, author.uri});
      if (!author.avatar.empty() || !author.verified.empty()) fields.push_back(author.avatar);
      if (!author.verified.empty()) fields.push_back(author.verified);
      authors.push_back(std::move(fields));
    }
    out["authors"] = std::move(authors);
  }
  put(out, "summary", entry.summary);
  put(out, "content", entry.content);
  if (!entry.categories.empty()) out["categories"] = entry.categories;
  put(out, "comments_url", entry.comments_url);
  put(out, "comments_feed", entry.comments_feed);
  if (entry.comment_count) out["comment_count"] = *entry.comment_count;
  if (!entry.in_reply_to.empty()) {
    json replies = json::array();
    for (const auto& reply : entry.in_reply_to)
      replies.push_back(json::array({reply.ref, reply.href}));
    out["in_reply_to"] = std::move(replies);
  }
  if (!entry.enclosures.empty()) {
    json enclosures = json::array();
    for (const auto& enclosure : entry.enclosures) {
      enclosures.push_back(json::array(
          {enclosure.url, enclosure.type, enclosure.length ? json(*enclosure.length) : json()}));
    }
    out["enclosures"] = std::move(enclosures);
  }
  put(out, "related", entry.related);
  if (entry.likes) out["likes"] = *entry.likes;
  if (entry.reposts) out["reposts"] = *entry.reposts;
  put(out, "reaction", entry.reaction);
  if (entry.reply_cap) out["reply_cap"] = *entry.reply_cap;
  return out;
}

}  // namespace confab
