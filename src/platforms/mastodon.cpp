#include "platforms/mastodon.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/ascii.h"
#include "base/url.h"
#include "parse/date.h"
#include "parse/html_entities.h"
#include "parse/json_fields.h"
#include "parse/tag_attributes.h"
#include "parse/xml_text.h"
#include "platforms/json_answer.h"

namespace confab {
namespace {

using nlohmann::json;

constexpr std::string_view kLabel = "Mastodon";
/// The most descendants an instance shows a visitor without an account.
constexpr int kContextCap = 60;
/// Statuses a tag page asks for (Mastodon's largest).
constexpr int kTagPageLimit = 40;

bool is_status_id(std::string_view text) {
  return !text.empty() && text.size() <= 32 &&
         std::all_of(text.begin(), text.end(), [](char c) { return is_digit(c); });
}

bool is_account_segment(std::string_view segment) {
  return segment.size() > 1 && segment.front() == '@';
}

/// The status a page URL names on its instance, nullopt when the URL is no status page.
std::optional<PlatformThreadRef> status_page(std::string_view url) {
  const std::optional<std::string> origin = origin_of(url);
  if (!origin) return std::nullopt;
  const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
  const std::vector<std::string_view> at = path_segments(parts->path);
  std::string_view id;
  if (at.size() == 2 && is_account_segment(at[0])) {
    id = at[1];  // /@user/ID, /@user@other.host/ID
  } else if (at.size() == 4 && at[0] == "users" && at[2] == "statuses") {
    id = at[3];  // /users/user/statuses/ID (the status's ActivityPub id)
  } else if (at.size() == 3 && at[0] == "web" &&
             (at[1] == "statuses" || is_account_segment(at[1]))) {
    id = at[2];  // /web/statuses/ID, /web/@user/ID
  }
  if (!is_status_id(id)) return std::nullopt;
  std::string page = *origin;
  for (const std::string_view segment : at) page += "/" + std::string(segment);
  return PlatformThreadRef{std::string(id), page, *origin};
}

/// The first http(s) link of a profile field's value (HTML: `<a href="…" rel="me">…</a>`, or
/// a bare URL).
std::string field_link(std::string_view value) {
  for (std::size_t at = 0; (at = value.find('<', at)) != std::string_view::npos; ++at) {
    if (at + 2 >= value.size() || (value[at + 1] != 'a' && value[at + 1] != 'A') ||
        !is_html_space(value[at + 2])) {
      continue;
    }
    const std::size_t end = value.find('>', at);
    const std::optional<std::string_view> href = attribute_value(
        value.substr(at + 2, end == std::string_view::npos ? end : end - at - 2), "href");
    if (!href) continue;
    const std::string link(trim_ascii(decode_html_entities(*href)));
    return is_http_url(link) ? link : "";
  }
  const std::string text(trim_ascii(value));
  return is_http_url(text) ? text : "";
}

Author author_of(const json& status) {
  Author author;
  const json* account = object_member(status, "account");
  if (account == nullptr) return author;
  author.name = text_field(*account, "display_name");
  if (trim_ascii(author.name).empty()) author.name = text_field(*account, "acct");
  if (trim_ascii(author.name).empty()) author.name = text_field(*account, "username");
  author.uri = text_field(*account, "url");
  if (!is_http_url(author.uri)) author.uri.clear();
  author.avatar = text_field(*account, "avatar_static");
  if (!is_http_url(author.avatar)) author.avatar = text_field(*account, "avatar");
  if (!is_http_url(author.avatar)) author.avatar.clear();
  // Only links Mastodon checked: the page links back to the profile with rel="me".
  if (const json* fields = array_member(*account, "fields")) {
    for (const json& field : *fields) {
      if (!field.is_object() || text_field(field, "verified_at").empty()) continue;
      if (std::string link = field_link(text_field(field, "value")); !link.empty()) {
        author.verified.push_back(std::move(link));
      }
    }
  }
  return author;
}

/// The status itself when `status` is a boost (a reblog names the status boosted).
const json& boosted_or_self(const json& status) {
  const json* boosted = object_member(status, "reblog");
  return boosted == nullptr ? status : *boosted;
}

/// The Entry of a status; nullopt (and a warning) when it has no public URL to name it by.
std::optional<Entry> status_entry(const json& status, const Document& document,
                                  std::vector<std::string>& warnings) {
  Entry entry;
  entry.id = text_field(status, "url");
  if (!is_http_url(entry.id)) entry.id = text_field(status, "uri");
  if (!is_http_url(entry.id)) {
    warnings.push_back(answer_source(document) + ": a status without a url or uri (id " +
                       quote(text_field(status, "id")) + ") was left out");
    return std::nullopt;
  }
  entry.link = entry.id;
  entry.authors.push_back(author_of(status));
  entry.published = parse_date(text_field(status, "created_at"));
  if (const std::string edited = text_field(status, "edited_at"); !edited.empty()) {
    entry.updated = parse_date(edited);
  }
  std::string html;
  if (const std::string warning = text_field(status, "spoiler_text"); !warning.empty()) {
    html += "<p><strong>CW: " + escape_html(warning) + "</strong></p>";
  }
  html += text_field(status, "content");
  if (const json* card = object_member(status, "card")) {
    const std::string url = text_field(*card, "url");
    if (is_http_url(url) && html.find(escape_html(url)) == std::string::npos &&
        html.find(url) == std::string::npos) {
      std::string title = text_field(*card, "title");
      if (trim_ascii(title).empty()) title = url;
      html += "<p><a href=\"" + escape_html(url) + "\">" + escape_html(title) + "</a></p>";
    }
  }
  entry.content = std::move(html);
  entry.comment_count = count_field(status, "replies_count");
  entry.likes = count_field(status, "favourites_count");
  entry.reposts = count_field(status, "reblogs_count");
  if (const json* tags = array_member(status, "tags")) {
    for (const json& tag : *tags) {
      if (std::string name = tag.is_object() ? text_field(tag, "name") : ""; !name.empty()) {
        entry.categories.push_back(std::move(name));
      }
    }
  }
  return entry;
}

/// The instance an API answer came from: the origin of its URL.
std::string instance_of(const Document& document) {
  return origin_of(document.url).value_or("");
}

/// `url` with its query parameter `name` set to `value` (added or replaced).
std::string with_parameter(const std::string& url, std::string_view name,
                           const std::string& value) {
  const std::size_t query = url.find('?');
  std::string base = url.substr(0, query);
  std::string rebuilt;
  if (query != std::string::npos) {
    std::string_view rest = std::string_view(url).substr(query + 1);
    while (!rest.empty()) {
      const std::size_t amp = rest.find('&');
      const std::string_view pair = rest.substr(0, amp);
      if (!pair.starts_with(std::string(name) + "=") && pair != name && !pair.empty()) {
        rebuilt += rebuilt.empty() ? "" : "&";
        rebuilt += pair;
      }
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
  }
  rebuilt += rebuilt.empty() ? "" : "&";
  rebuilt += std::string(name) + "=" + percent_encode(value);
  return base + "?" + rebuilt;
}

class Mastodon final : public Platform {
 public:
  std::string_view name() const override { return "mastodon"; }
  std::string_view label() const override { return kLabel; }
  bool has_instances() const override { return true; }

  std::optional<PlatformThreadRef> thread_of(std::string_view url) const override {
    return status_page(url);
  }

  std::string lookup_url(std::string_view, std::string_view) const override { return {}; }
  std::vector<PlatformThreadRef> read_lookup(const Document&) const override { return {}; }

  std::string thread_api_url(const PlatformThreadRef& thread) const override {
    if (thread.instance.empty() || !is_status_id(thread.id)) return {};
    return thread.instance + "/api/v1/statuses/" + thread.id;
  }

  PlatformThread read_thread(const Document& document,
                             const PlatformThreadRef& thread) const override {
    PlatformThread read;
    const json root = read_answer(document, kLabel, "a status", &read.warnings);
    if (!root.is_object() || !root.contains("id")) {
      throw ParseError(answer_source(document) + ": not a status (JSON " + kind_of(root) +
                       " without an id)");
    }
    const json& status = boosted_or_self(root);
    const std::string instance = thread.instance.empty() ? instance_of(document) : thread.instance;
    // A reply: its thread starts above it. Each step up is one request; the build reads each
    // status once, so a loop of replies ends.
    if (const std::optional<std::string> parent = read_id(status.value("in_reply_to_id", json()));
        parent && is_status_id(*parent)) {
      read.instead = PlatformThreadRef{*parent, instance + "/web/statuses/" + *parent, instance};
      return read;
    }
    std::optional<Entry> story = status_entry(status, document, read.warnings);
    if (!story) {
      throw ParseError(answer_source(document) + ": the status has no public URL");
    }
    read.story = std::move(story);
    const std::optional<std::string> id = read_id(status.value("id", json()));
    if (id && is_status_id(*id) && !instance.empty()) {
      read.more.push_back(instance + "/api/v1/statuses/" + *id + "/context");
    }
    return read;
  }

  PlatformThread read_more(const Document& document,
                           const PlatformThreadRef& thread) const override {
    PlatformThread read;
    const json root = read_answer(document, kLabel, "a status's context", &read.warnings);
    const json* descendants = array_member(root, "descendants");
    if (descendants == nullptr) {
      throw ParseError(answer_source(document) +
                       ": not a status's context (no \"descendants\" list; JSON " + kind_of(root) +
                       ")");
    }
    // The status this context is of: its local id, from the URL asked (…/statuses/ID/context).
    std::string story_local = thread.id;
    if (const std::optional<UrlParts> asked = parse_url(document.url)) {
      const std::vector<std::string_view> at = path_segments(asked->path);
      if (at.size() >= 2 && at.back() == "context" && is_status_id(at[at.size() - 2])) {
        story_local = std::string(at[at.size() - 2]);
      }
    }
    // Local id -> Entry id, for parents; descendants come in thread order, parents first.
    std::unordered_map<std::string, std::string> entry_of_local;
    std::unordered_set<std::string> taken;
    entry_of_local[story_local] = thread.url;
    std::size_t reparented = 0;
    for (const json& item : *descendants) {
      if (!item.is_object()) continue;
      const std::optional<std::string> local = read_id(item.value("id", json()));
      if (!local) {
        read.warnings.push_back(answer_source(document) + ": a reply without an id was left out");
        continue;
      }
      std::optional<Entry> comment = status_entry(item, document, read.warnings);
      if (!comment || comment->id == thread.url || !taken.insert(comment->id).second) continue;
      std::string parent = thread.url;
      if (const std::optional<std::string> to = read_id(item.value("in_reply_to_id", json()))) {
        if (const auto found = entry_of_local.find(*to); found != entry_of_local.end()) {
          parent = found->second;
        } else {
          ++reparented;  // deleted, or not visible to a visitor: under the story
        }
      }
      comment->in_reply_to.push_back({parent, parent});
      entry_of_local[*local] = comment->id;
      read.comments.push_back(std::move(*comment));
    }
    if (reparented > 0) {
      read.warnings.push_back(answer_source(document) + ": " + std::to_string(reparented) +
                              (reparented == 1 ? " reply answers" : " replies answer") +
                              " a status the instance did not show (deleted, or not public); "
                              "hung under the thread's first status");
    }
    if (static_cast<int>(descendants->size()) >= kContextCap) read.reply_cap = kContextCap;
    return read;
  }

  std::string listing_api_url(std::string_view url) const override {
    const std::optional<std::string> origin = origin_of(url);
    if (!origin) return {};
    const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
    const std::vector<std::string_view> at = path_segments(parts->path);
    if (at.size() != 2 || at[0] != "tags") return {};
    const std::string tag = percent_decode(at[1]);
    if (tag.empty() || tag.find_first_of("/?#") != std::string::npos) return {};
    return *origin + "/api/v1/timelines/tag/" + percent_encode(tag) +
           "?limit=" + std::to_string(kTagPageLimit);
  }

  PlatformListing read_listing(const Document& document) const override {
    PlatformListing page;
    const json root = read_answer(document, kLabel, "a hashtag timeline", &page.warnings);
    if (!root.is_array()) {
      throw ParseError(answer_source(document) + ": not a hashtag timeline (JSON " + kind_of(root) +
                       ", not a list of statuses)");
    }
    const std::string instance = instance_of(document);
    std::string last_id;
    std::unordered_set<std::string> seen;
    for (const json& item : root) {
      if (!item.is_object()) continue;
      const std::optional<std::string> own = read_id(item.value("id", json()));
      if (!own || !is_status_id(*own)) {
        page.warnings.push_back(answer_source(document) + ": a status without an id was skipped");
        continue;
      }
      last_id = *own;  // paging goes on from the page's last status, boost or not
      const json& status = boosted_or_self(item);
      const std::optional<std::string> id = read_id(status.value("id", json()));
      if (!id || !is_status_id(*id) || !seen.insert(*id).second) continue;
      std::string url = text_field(status, "url");
      if (!is_http_url(url)) url = instance + "/web/statuses/" + *id;
      page.threads.push_back({*id, url, instance});
    }
    if (!last_id.empty()) page.next = with_parameter(document.url, "max_id", last_id);
    return page;
  }
};

}  // namespace

std::unique_ptr<Platform> make_mastodon_platform(PlatformEndpoints /*endpoints*/) {
  return std::make_unique<Mastodon>();
}

}  // namespace confab
