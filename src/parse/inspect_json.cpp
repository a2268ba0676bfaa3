#include "parse/inspect_json.h"

#include <nlohmann/json.hpp>

namespace confab {
namespace {

using nlohmann::ordered_json;

// Absent scalars are null and absent lists are [], so every key is always present.
ordered_json string_or_null(const std::string& text) {
  return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

ordered_json time_or_null(const std::optional<UnixTime>& time) {
  return time ? ordered_json(format_rfc3339(*time)) : ordered_json(nullptr);
}

ordered_json authors_json(const std::vector<Author>& authors) {
  ordered_json list = ordered_json::array();
  for (const Author& author : authors) {
    list.push_back(ordered_json{{"name", string_or_null(author.name)},
                                {"email", string_or_null(author.email)},
                                {"uri", string_or_null(author.uri)}});
  }
  return list;
}

ordered_json entry_json(const Entry& entry) {
  ordered_json categories = ordered_json::array();
  for (const std::string& category : entry.categories) categories.push_back(category);
  ordered_json replies = ordered_json::array();
  for (const InReplyTo& reply : entry.in_reply_to) {
    replies.push_back(
        ordered_json{{"ref", string_or_null(reply.ref)}, {"href", string_or_null(reply.href)}});
  }
  ordered_json enclosures = ordered_json::array();
  for (const Enclosure& enclosure : entry.enclosures) {
    enclosures.push_back(ordered_json{
        {"url", string_or_null(enclosure.url)},
        {"type", string_or_null(enclosure.type)},
        {"length", enclosure.length ? ordered_json(*enclosure.length) : ordered_json(nullptr)}});
  }
  return ordered_json{
      {"id", entry.id},
      {"title", string_or_null(entry.title)},
      {"link", string_or_null(entry.link)},
      {"published", time_or_null(entry.published)},
      {"updated", time_or_null(entry.updated)},
      {"authors", authors_json(entry.authors)},
      {"summary", string_or_null(entry.summary)},
      {"content", string_or_null(entry.content)},
      {"categories", std::move(categories)},
      {"comments_url", string_or_null(entry.comments_url)},
      {"comments_feed", string_or_null(entry.comments_feed)},
      {"comment_count",
       entry.comment_count ? ordered_json(*entry.comment_count) : ordered_json(nullptr)},
      {"in_reply_to", std::move(replies)},
      {"enclosures", std::move(enclosures)},
  };
}

}  // namespace

std::string feed_to_inspect_json(const Feed& feed) {
  ordered_json entries = ordered_json::array();
  for (const Entry& entry : feed.entries) entries.push_back(entry_json(entry));
  ordered_json warnings = ordered_json::array();
  for (const std::string& warning : feed.warnings) warnings.push_back(warning);
  const ordered_json root{
      {"format", feed_format_name(feed.format)},
      {"title", string_or_null(feed.title)},
      {"link", string_or_null(feed.link)},
      {"description", string_or_null(feed.description)},
      {"language", string_or_null(feed.language)},
      {"updated", time_or_null(feed.updated)},
      {"authors", authors_json(feed.authors)},
      {"self", string_or_null(feed.self)},
      {"comments_feed", string_or_null(feed.comments_feed)},
      {"warnings", std::move(warnings)},
      {"entries", std::move(entries)},
  };
  // Feed text is UTF-8 by the time it gets here; replace rather than throw if a stray byte
  // slipped through, so inspect always prints.
  return root.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace confab
