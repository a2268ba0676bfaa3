#include "parse/json_feed.h"

#include <nlohmann/json.hpp>

#include "base/url.h"
#include "parse/field_readers.h"
#include "parse/html_urls.h"
#include "parse/json_document.h"
#include "parse/xml_text.h"

namespace confab {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_string()) return std::string(trim_ascii(found->get_ref<const std::string&>()));
  if (found->is_number_integer()) return std::to_string(found->get<long long>());
  return {};
}

std::string url_field(const json& object, const char* key, const std::string& base) {
  const std::string value = string_field(object, key);
  return value.empty() ? value : resolve_url(base, value);
}

/// 1.1's "authors" array, or 1.0's single "author".
std::vector<Author> read_authors(const json& object, const std::string& base) {
  std::vector<Author> authors;
  const auto add = [&](const json& person) {
    if (!person.is_object()) return;
    Author author{string_field(person, "name"),
                  {},
                  url_field(person, "url", base),
                  url_field(person, "avatar", base)};
    if (!author.name.empty() || !author.uri.empty()) authors.push_back(std::move(author));
  };
  if (const auto list = object.find("authors"); list != object.end() && list->is_array()) {
    for (const json& person : *list) add(person);
  } else if (const auto single = object.find("author"); single != object.end()) {
    add(*single);
  }
  return authors;
}

Entry read_item(const json& item, const std::string& base, std::vector<std::string>& warnings) {
  Entry entry;
  EntryProblems problems;
  entry.id = string_field(item, "id");
  entry.link = url_field(item, "url", base);
  if (entry.link.empty()) entry.link = url_field(item, "external_url", base);
  entry.title = string_field(item, "title");
  if (const auto html = item.find("content_html"); html != item.end() && html->is_string()) {
    entry.content = absolutize_html_urls(html->get_ref<const std::string&>(), base);
  } else if (const auto text = item.find("content_text"); text != item.end() && text->is_string()) {
    entry.content = escape_html(text->get_ref<const std::string&>());
  }
  if (const std::string summary = string_field(item, "summary"); !summary.empty()) {
    entry.summary = escape_html(summary);
  }
  entry.published = read_date(string_field(item, "date_published"), "date_published", problems);
  entry.updated = read_date(string_field(item, "date_modified"), "date_modified", problems);
  entry.authors = read_authors(item, base);
  if (const auto tags = item.find("tags"); tags != item.end() && tags->is_array()) {
    for (const json& tag : *tags) {
      if (tag.is_string() && !tag.get_ref<const std::string&>().empty()) {
        entry.categories.push_back(tag.get<std::string>());
      }
    }
  }
  if (const auto list = item.find("attachments"); list != item.end() && list->is_array()) {
    for (const json& attachment : *list) {
      if (!attachment.is_object()) continue;
      Enclosure enclosure{url_field(attachment, "url", base), string_field(attachment, "mime_type"),
                          std::nullopt};
      if (const auto size = attachment.find("size_in_bytes");
          size != attachment.end() && size->is_number_integer()) {
        enclosure.length = size->get<long long>();
      }
      if (!enclosure.url.empty()) entry.enclosures.push_back(std::move(enclosure));
    }
  }
  finish_entry(entry, problems, warnings);
  return entry;
}

}  // namespace

Feed read_json_feed(std::string_view text, const std::string& url) {
  const std::string where = url.empty() ? "document" : url;
  const JsonDocument document = read_json_document(text);
  const json& root = document.root;
  if (root.is_discarded()) throw ParseError(where + ": not a feed (unreadable JSON)");
  const std::string version = root.is_object() ? string_field(root, "version") : std::string();
  if (version.find("jsonfeed.org/version/") == std::string::npos) {
    throw ParseError(where + ": not a feed (JSON without a JSON Feed version)");
  }
  Feed feed;
  feed.format = FeedFormat::jsonfeed;
  feed.title = string_field(root, "title");
  feed.link = url_field(root, "home_page_url", url);
  feed.self = url_field(root, "feed_url", url);
  feed.description = string_field(root, "description");
  feed.language = string_field(root, "language");
  feed.authors = read_authors(root, url);
  if (document.capped) {
    feed.warnings.push_back("JSON nested deeper than " + std::to_string(kJsonNestingCap) +
                            " levels; what lies deeper was left out");
  }
  if (const auto items = root.find("items"); items != root.end() && items->is_array()) {
    for (const json& item : *items) {
      if (item.is_object()) feed.entries.push_back(read_item(item, url, feed.warnings));
    }
  } else {
    feed.warnings.push_back("JSON Feed has no \"items\" array");
  }
  return feed;
}

}  // namespace confab
