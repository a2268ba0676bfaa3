#include "parse/inspect_json.h"

#include <nlohmann/json.hpp>

#include "parse/html_text.h"

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

ordered_json strings_json(const std::vector<std::string>& strings) {
  ordered_json list = ordered_json::array();
  for (const std::string& text : strings) list.push_back(text);
  return list;
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
      // An entry never updated was last updated when it was published.
      {"updated", time_or_null(entry.updated ? entry.updated : entry.published)},
      {"authors", authors_json(entry.authors)},
      // The summary is text; a feed that gives only content has that content's text as
      // summary, as readers show it in a list.
      {"summary",
       string_or_null(html_to_text(entry.summary.empty() ? entry.content : entry.summary))},
      {"content", string_or_null(entry.content)},
      {"categories", strings_json(entry.categories)},
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
  const ordered_json root{
      {"format", feed_format_name(feed.format)},
      {"title", string_or_null(feed.title)},
      {"link", string_or_null(feed.link)},
      {"description", string_or_null(feed.description)},
      {"language", string_or_null(feed.language)},
      {"published", time_or_null(feed.published)},
      {"updated", time_or_null(feed.updated)},
      {"authors", authors_json(feed.authors)},
      {"categories", strings_json(feed.categories)},
      {"self", string_or_null(feed.self)},
      {"comments_feed", string_or_null(feed.comments_feed)},
      {"warnings", strings_json(feed.warnings)},
      {"entries", std::move(entries)},
  };
  // Feed text is UTF-8 by the time it gets here; replace rather than throw if a stray byte
  // slipped through, so inspect always prints.
  return root.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace confab
