#include "platforms/reddit.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
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
#include "parse/html_urls.h"
#include "parse/json_document.h"
#include "parse/json_fields.h"
#include "parse/xml_text.h"

namespace confab {
namespace {

using nlohmann::json;

/// Reddit's limit on the ids one morechildren request may name.
constexpr std::size_t kMoreIdsPerRequest = 100;
/// A base36 id of 64 bits has 13 digits; Reddit's are 5 to 7 today.
constexpr std::size_t kMaxIdLength = 13;
/// The latest time a date field may name (9999-12-31T23:59:59Z): beyond it is no date.
constexpr double kLatestTime = 253402300799.0;

/// Reddit's base36 id ("1abcde"), lower-cased; nullopt for anything else.
std::optional<std::string> base36_id(std::string_view text) {
  text = trim_ascii(text);
  if (text.empty() || text.size() > kMaxIdLength) return std::nullopt;
  std::string id;
  for (const char c : text) {
    if (!is_alnum(c)) return std::nullopt;
    id += lower(c);
  }
  return id;
}

/// The id of a fullname with the given type prefix ("t1_k1a" with "t1_" → "k1a").
std::optional<std::string> fullname_id(std::string_view fullname, std::string_view prefix) {
  fullname = trim_ascii(fullname);
  if (fullname.size() <= prefix.size() || !iequals(fullname.substr(0, prefix.size()), prefix)) {
    return std::nullopt;
  }
  return base36_id(fullname.substr(prefix.size()));
}

/// The id of a thing's data: its "id", else its "name" without the type prefix.
std::optional<std::string> thing_id(const json& data, std::string_view prefix) {
  if (const auto id = data.find("id"); id != data.end() && id->is_string()) {
    if (auto parsed = base36_id(id->get_ref<const std::string&>())) return parsed;
  }
  if (const auto name = data.find("name"); name != data.end() && name->is_string()) {
    return fullname_id(name->get_ref<const std::string&>(), prefix);
  }
  return std::nullopt;
}

/// What a thing's data holds where its id should be, for a warning.
std::string id_found(const json& data) {
  const auto id = data.find("id");
  if (id == data.end()) return "no \"id\"";
  return kind_of(*id) + " as its id, not a Reddit id";
}

/// The children of a Listing ({"kind": "Listing", "data": {"children": [...]}}); nullptr when
/// `value` is none.
const json* listing_children(const json& value) {
  if (!value.is_object()) return nullptr;
  if (const auto kind = value.find("kind");
      kind != value.end() &&
      !(kind->is_string() && kind->get_ref<const std::string&>() == "Listing")) {
    return nullptr;
  }
  const auto data = value.find("data");
  if (data == value.end() || !data->is_object()) return nullptr;
  const auto children = data->find("children");
  if (children == data->end() || !children->is_array()) return nullptr;
  return &*children;
}

/// Why `root` is not `expected`: Reddit's error object ({"message": "Forbidden", "error": 403},
/// with a "reason" for private or quarantined subreddits), else what the JSON is.
std::string not_expected(const json& root, std::string_view expected) {
  if (root.is_object()) {
    const auto error = root.find("error");
    if (error != root.end() && (error->is_number() || error->is_string())) {
      std::string text =
          "Reddit answered with error " +
          (error->is_string() ? quote(error->get_ref<const std::string&>()) : error->dump());
      if (const std::string message = text_field(root, "message"); !message.empty()) {
        text += " " + quote(message);
      }
      if (const std::string reason = text_field(root, "reason"); !reason.empty()) {
        text += " (reason " + quote(reason) + ")";
      }
      return text + ", not " + std::string(expected);
    }
    if (const std::string kind = text_field(root, "kind"); !kind.empty()) {
      return "a Reddit " + quote(kind) + " object, not " + std::string(expected);
    }
  }
  return "not " + std::string(expected) + " (JSON " + kind_of(root) + ")";
}

/// The body read as JSON; ParseError naming what it is when it is none.
JsonDocument parse_answer(const Document& document, std::string_view expected) {
  JsonDocument parsed = read_json_document(document.body);
  if (!parsed.root.is_discarded()) return parsed;
  const std::string_view body = trim_ascii(document.body);
  std::string found = "no JSON";
  if (body.empty()) {
    found = "an empty body";
  } else if (body.front() == '<') {
    found = "an HTML page, not JSON";
  } else if (body.front() == '{' || body.front() == '[') {
    found = "truncated or broken JSON";
  }
  throw ParseError(answer_source(document) + ": not " + std::string(expected) + " (" + found + ")");
}

void note_capped(const JsonDocument& parsed, const Document& document, PlatformThread& out) {
  if (!parsed.capped) return;
  out.warnings.push_back(answer_source(document) + ": JSON nested deeper than " +
                         std::to_string(kJsonNestingCap) +
                         " levels (a reply chain deeper than confab reads); what lies deeper was "
                         "left out");
}

/// Seconds since the epoch as Reddit gives them (created_utc: a float, sometimes an integer; a
/// liberal server may send a string, or an ISO 8601 date).
std::optional<UnixTime> epoch_time(const json& value) {
  double seconds = 0;
  if (value.is_number()) {
    seconds = value.get<double>();
  } else if (value.is_string()) {
    const std::string_view text = trim_ascii(value.get_ref<const std::string&>());
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size()) return parse_date(text);
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(seconds) || std::fabs(seconds) > kLatestTime) return std::nullopt;
  return static_cast<UnixTime>(std::floor(seconds));
}

/// A permalink Reddit gives ("/r/letters/comments/1abcde/bring_the_love_back/") fit to append
/// to the site: a path from the root without query, fragment or dot segments, bytes a path does
/// not allow percent-encoded, ending in '/' as Reddit writes it; nullopt when it is none.
std::optional<std::string> permalink_path(std::string_view permalink) {
  permalink = trim_ascii(permalink);
  permalink = permalink.substr(0, permalink.find_first_of("?#"));
  if (permalink.size() < 2 || permalink[0] != '/' || permalink[1] == '/') return std::nullopt;
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr std::string_view kPathPunctuation = "-._~!$&'()*+,;=:@/%";
  std::string path;
  for (const char c : permalink) {
    if (is_alnum(c) || kPathPunctuation.find(c) != std::string_view::npos) {
      path += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      path += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  if (path.find("/./") != std::string::npos || path.find("/../") != std::string::npos ||
      path.ends_with("/.") || path.ends_with("/..")) {
    return std::nullopt;
  }
  if (!path.ends_with('/')) path += '/';
  return path;
}

/// The permalink of a thing's data, when it names a page of thread `thread_id`.
std::optional<std::string> thread_permalink(const json& data, const std::string& thread_id) {
  auto path = permalink_path(text_field(data, "permalink"));
  if (!path || path->find("/comments/" + thread_id + "/") == std::string::npos) return std::nullopt;
  return path;
}

/// Deleted or removed, as Reddit shows such a comment to everyone: "[deleted]" as its author and
/// a marker as its text.
bool is_deleted(const std::string& author, const std::string& body) {
  const bool marker = body == "[deleted]" || body == "[removed]" || body == "[ Removed by Reddit ]";
  return marker && (author == "[deleted]" || author.empty());
}

/// The HTML of a comment or self post: `html_key` (body_html, selftext_html), unescaped once when
/// Reddit sent it HTML-escaped (without raw_json=1); else the Markdown of `markdown_key` as plain
/// paragraphs.
std::string content_html(const json& data, const char* html_key, const char* markdown_key) {
  if (std::string html = text_field(data, html_key); !html.empty()) {
    return html.starts_with("&lt;") ? decode_html_entities(html) : html;
  }
  const std::string markdown = text_field(data, markdown_key);
  std::string html;
  std::size_t start = 0;
  while (start < markdown.size()) {
    std::size_t end = markdown.find("\n\n", start);
    if (end == std::string::npos) end = markdown.size();
    const std::string_view paragraph =
        trim_ascii(std::string_view(markdown).substr(start, end - start));
    if (!paragraph.empty()) html += "<p>" + escape_html(paragraph) + "</p>";
    start = end + 2;
  }
  return html;
}

/// A subreddit's name as Reddit allows it (letters, digits, '_', up to 21).
bool is_subreddit_name(std::string_view name) {
  return !name.empty() && name.size() <= 21 &&
         std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '_'; });
}

/// A permalink's slug as Reddit writes it ("bring_the_love_back").
bool is_slug(std::string_view slug) {
  return !slug.empty() && slug.size() <= 300 && std::all_of(slug.begin(), slug.end(), [](char c) {
    return is_alnum(c) || c == '_' || c == '-' || c == '%';
  });
}

class RedditPlatform;

/// Reads the comments of one answer (a thread's tree, a morechildren list) into `out`: each
/// item given with the page of the comment (or story) it hangs under.
class CommentReader {
 public:
  CommentReader(const RedditPlatform& platform, const Document& document, std::string thread_id,
                std::string story_page, PlatformThread& out)
      : platform_(platform),
        document_(document),
        thread_id_(std::move(thread_id)),
        story_page_(std::move(story_page)),
        out_(out) {}

  /// Where an item's replies hang: under the comment itself, or, when it was deleted, under its
  /// own parent (`reparented`).
  struct Hook {
    std::string page;
    bool reparented = false;
  };

  /// Reads one item (a t1 comment or a "more" stub) hanging under `parent` (its page);
  /// `reparented` when it hangs there because its own parent was deleted. The hook for its
  /// replies, nullopt when it has none to give (a stub, an item skipped).
  std::optional<Hook> read(const json& item, const std::string& parent, bool reparented,
                           std::size_t position);

  const std::string& story_page() const { return story_page_; }
  const std::string& thread_id() const { return thread_id_; }

  /// The page of comment `id` of this thread.
  std::string comment_page(const std::string& id) const { return story_page_ + id + "/"; }

  void warn(const std::string& what) {
    out_.warnings.push_back(answer_source(document_) + ": " + what);
  }

  /// Adds what is left to say once every item is read: the follow-up URLs, the re-parenting.
  void finish();

 private:
  void read_stub(const json& data, const std::string& parent, bool reparented);

  std::string describe(std::size_t position, const std::string& parent) const {
    return "item " + std::to_string(position + 1) + " under " + parent;
  }

  const RedditPlatform& platform_;
  const Document& document_;
  std::string thread_id_;
  std::string story_page_;
  PlatformThread& out_;
  std::unordered_set<std::string> seen_;
  std::vector<std::string> more_ids_;
  std::unordered_set<std::string> more_seen_;
  std::size_t reparented_ = 0;
  std::size_t stub_ids_under_deleted_ = 0;
  std::size_t bad_stub_ids_ = 0;
};

class RedditPlatform final : public Platform {
 public:
  explicit RedditPlatform(PlatformEndpoints endpoints)
      : api_(endpoint_base(endpoints.api)), site_(endpoint_base(endpoints.site)) {
    if (const auto parts = parse_url(site_)) site_parts_ = *parts;
  }

  std::string_view name() const override { return "reddit"; }
  std::string_view label() const override { return "Reddit"; }

  std::optional<PlatformThreadRef> thread_of(std::string_view url) const override;
  std::string lookup_url(std::string_view url, std::string_view instance) const override;
  std::vector<PlatformThreadRef> read_lookup(const Document& document) const override;
  std::string thread_api_url(const PlatformThreadRef& thread) const override;
  PlatformThread read_thread(const Document& document,
                             const PlatformThreadRef& thread) const override;
  PlatformThread read_more(const Document& document,
                           const PlatformThreadRef& thread) const override;

  /// {handle, "", profile page}; "[deleted]" (an account gone) has no profile.
  std::vector<Author> authors_of(const std::string& handle) const {
    if (handle.empty()) return {};
    if (handle == "[deleted]") return {Author{handle, "", ""}};
    return {Author{handle, "", site_ + "/user/" + percent_encode(handle)}};
  }

  /// The follow-up request for up to kMoreIdsPerRequest comment ids of thread `thread_id`.
  std::string more_url(const std::string& thread_id, const std::vector<std::string>& ids,
                       std::size_t first, std::size_t count) const {
    std::string url = api_ + "/api/morechildren.json?api_type=json&raw_json=1&link_id=t3_" +
                      percent_encode(thread_id) + "&children=";
    for (std::size_t i = first; i < first + count; ++i) {
      url += (i == first ? "" : ",") + ids[i];  // base36: nothing to encode
    }
    return url;
  }

  /// The page of thread `id` when nothing better is known.
  std::string short_thread_page(const std::string& id) const {
    return site_ + "/comments/" + percent_encode(id) + "/";
  }

  const std::string& site() const { return site_; }

 private:
  /// The thread page a permalink of the API names (site + permalink), or the short form.
  std::string thread_page(const json& data, const std::string& id) const {
    if (const auto path = thread_permalink(data, id)) return site_ + *path;
    return short_thread_page(id);
  }

  /// The path of `url` below the configured site, when `url` is one of its pages.
  std::optional<std::string> path_on_site(const UrlParts& parts) const;

  Entry read_story(const json& data, const std::string& id, const std::string& page,
                   const Document& document, PlatformThread& out) const;

  std::string api_;
  std::string site_;
  UrlParts site_parts_;
};

std::optional<CommentReader::Hook> CommentReader::read(const json& item, const std::string& parent,
                                                       bool reparented, std::size_t position) {
  if (!item.is_object()) {
    warn(describe(position, parent) + " is " + kind_of(item) + ", not a Reddit thing; skipped");
    return std::nullopt;
  }
  const auto data = item.find("data");
  if (data == item.end() || !data->is_object()) {
    warn(describe(position, parent) + " has no \"data\" object; skipped");
    return std::nullopt;
  }
  const std::string kind = text_field(item, "kind");
  if (kind == "more") {
    read_stub(*data, parent, reparented);
    return std::nullopt;
  }
  if (kind != "t1") {
    warn(describe(position, parent) + " is a " + quote(kind) + " thing, not a comment; skipped");
    return std::nullopt;
  }
  const std::optional<std::string> id = thing_id(*data, "t1_");
  // A comment skipped, like a deleted one, leaves its replies to its parent.
  if (!id) {
    warn(describe(position, parent) + " has " + id_found(*data) +
         "; skipped, its replies hung under its parent");
    return Hook{parent, true};
  }
  if (!seen_.insert(*id).second) {
    warn("comment " + *id + " repeats an id read before; skipped, its replies hung under " +
         parent);
    return Hook{parent, true};
  }
  const std::string author = text_field(*data, "author");
  if (is_deleted(author, text_field(*data, "body"))) {
    ++out_.deleted;
    return Hook{parent, true};
  }
  if (reparented) ++reparented_;

  Entry comment;
  comment.id = comment.link = comment_page(*id);
  comment.authors = platform_.authors_of(author);
  if (const auto created = data->find("created_utc"); created != data->end()) {
    comment.published = epoch_time(*created);
    if (!comment.published) {
      warn("comment " + *id + ": created_utc is " + kind_of(*created) +
           ", not a time; read without a date");
    }
  }
  // "edited" is false, or the time of the last edit.
  if (const auto edited = data->find("edited"); edited != data->end() && edited->is_number()) {
    comment.updated = epoch_time(*edited);
  }
  comment.content = absolutize_html_urls(content_html(*data, "body_html", "body"), comment.link);
  comment.in_reply_to.push_back(InReplyTo{parent, parent});
  out_.comments.push_back(std::move(comment));
  return Hook{comment_page(*id), false};
}

void CommentReader::read_stub(const json& data, const std::string& parent, bool reparented) {
  const auto children = data.find("children");
  if (children == data.end() || !children->is_array() || children->empty()) {
    // Reddit's "continue this thread": the replies are only on the deeper comment's own page.
    const auto count = data.find("count");
    const bool continues = count == data.end() || (count->is_number() && *count == 0);
    warn(continues ? "a \"continue this thread\" link under " + parent +
                         ": the replies deeper than that are on that comment's own page, "
                         "which confab does not read"
                   : "a \"more\" stub under " + parent + " names no comment ids; skipped");
    return;
  }
  for (const json& child : *children) {
    const std::optional<std::string> id =
        child.is_string() ? base36_id(child.get_ref<const std::string&>()) : std::nullopt;
    if (!id) {
      ++bad_stub_ids_;
      continue;
    }
    if (!more_seen_.insert(*id).second) continue;
    more_ids_.push_back(*id);
    if (reparented) ++stub_ids_under_deleted_;
  }
}

void CommentReader::finish() {
  // Comments this answer already gave need no second request.
  std::erase_if(more_ids_, [&](const std::string& id) { return seen_.contains(id); });
  for (std::size_t first = 0; first < more_ids_.size(); first += kMoreIdsPerRequest) {
    out_.more.push_back(platform_.more_url(thread_id_, more_ids_, first,
                                           std::min(kMoreIdsPerRequest, more_ids_.size() - first)));
  }
  if (bad_stub_ids_ > 0) {
    warn(std::to_string(bad_stub_ids_) + " ids of \"more\" stubs are no Reddit ids; left out");
  }
  if (reparented_ > 0) {
    warn(std::to_string(reparented_) + (reparented_ == 1 ? " reply" : " replies") +
         " to deleted, removed or skipped comments hung under that comment's parent");
  }
  if (stub_ids_under_deleted_ > 0) {
    warn(std::to_string(stub_ids_under_deleted_) +
         " comments still to fetch sit under a deleted, removed or skipped comment: they "
         "will name it as their parent");
  }
}

std::optional<std::string> RedditPlatform::path_on_site(const UrlParts& parts) const {
  if (site_parts_.host.empty() || lower(parts.host) != lower(site_parts_.host) ||
      parts.port != site_parts_.port) {
    return std::nullopt;
  }
  const std::string prefix = endpoint_base(site_parts_.path);
  if (prefix.empty()) return parts.path;
  if (!parts.path.starts_with(prefix + "/")) return std::nullopt;
  return parts.path.substr(prefix.size());
}

std::optional<PlatformThreadRef> RedditPlatform::thread_of(std::string_view url) const {
  const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
  if (!parts || (parts->scheme != "http" && parts->scheme != "https")) return std::nullopt;
  const std::string host = lower(parts->host);
  std::optional<std::string> path;
  if (host == "redd.it") {
    // https://redd.it/ID: the short link of a submission.
    const std::vector<std::string_view> segments = path_segments(parts->path);
    if (segments.size() != 1) return std::nullopt;
    const std::optional<std::string> id = base36_id(segments[0]);
    if (!id) return std::nullopt;
    return PlatformThreadRef{*id, short_thread_page(*id), ""};
  }
  if (host == "reddit.com" || host.ends_with(".reddit.com")) {
    path = parts->path;  // www., old., np., new., m. and the rest show the same threads
  } else {
    path = path_on_site(*parts);
  }
  if (!path) return std::nullopt;
  // /comments/ID/…, /r/SUB/comments/ID/SLUG/[COMMENT/], /user/NAME/comments/ID/…
  const std::vector<std::string_view> segments = path_segments(*path);
  std::size_t at = 0;
  if (segments.size() >= 4 && segments[2] == "comments" &&
      (segments[0] == "r" || segments[0] == "u" || segments[0] == "user")) {
    at = 2;
  } else if (segments.size() < 2 || segments[0] != "comments") {
    return std::nullopt;
  }
  const std::optional<std::string> id = base36_id(segments[at + 1]);
  if (!id) return std::nullopt;
  std::string page = short_thread_page(*id);
  if (at == 2 && segments[0] == "r" && is_subreddit_name(segments[1])) {
    // The page as Reddit's permalinks name it, so the ref matches the story when it can.
    page = site_ + "/r/" + std::string(segments[1]) + "/comments/" + *id + "/";
    if (segments.size() > 4 && is_slug(segments[4])) page += std::string(segments[4]) + "/";
  }
  return PlatformThreadRef{*id, page, ""};
}

std::string RedditPlatform::lookup_url(std::string_view url, std::string_view instance) const {
  (void)instance;  // one site
  return api_ + "/api/info.json?url=" + percent_encode(trim_ascii(url));
}

std::vector<PlatformThreadRef> RedditPlatform::read_lookup(const Document& document) const {
  const JsonDocument parsed = parse_answer(document, "a Reddit listing");
  const json* children = listing_children(parsed.root);
  if (children == nullptr) {
    throw ParseError(answer_source(document) + ": " +
                     not_expected(parsed.root, "a Reddit listing"));
  }
  std::vector<PlatformThreadRef> refs;
  std::unordered_set<std::string> seen;
  for (const json& child : *children) {
    if (!child.is_object() || text_field(child, "kind") != "t3") continue;
    const auto data = child.find("data");
    if (data == child.end() || !data->is_object()) continue;
    const std::optional<std::string> id = thing_id(*data, "t3_");
    if (!id || !seen.insert(*id).second) continue;
    refs.push_back(PlatformThreadRef{*id, thread_page(*data, *id), ""});
  }
  return refs;
}

std::string RedditPlatform::thread_api_url(const PlatformThreadRef& thread) const {
  std::optional<std::string> id = base36_id(thread.id);
  if (!id) {
    if (const auto from_url = thread_of(thread.url)) id = from_url->id;
  }
  if (!id) return {};
  return api_ + "/comments/" + *id + ".json?raw_json=1";
}

Entry RedditPlatform::read_story(const json& data, const std::string& id, const std::string& page,
                                 const Document& document, PlatformThread& out) const {
  const auto warn = [&](const std::string& what) {
    out.warnings.push_back(answer_source(document) + ": submission " + id + ": " + what);
  };
  Entry story;
  story.id = story.link = page;
  story.title = text_field(data, "title");
  story.authors = authors_of(text_field(data, "author"));
  if (const auto created = data.find("created_utc"); created != data.end()) {
    story.published = epoch_time(*created);
    if (!story.published) {
      warn("created_utc is " + kind_of(*created) + ", not a time; read without a date");
    }
  }
  if (const auto edited = data.find("edited"); edited != data.end() && edited->is_number()) {
    story.updated = epoch_time(*edited);
  }
  std::string content = content_html(data, "selftext_html", "selftext");
  const auto is_self = data.find("is_self");
  if (is_self == data.end() || !is_self->is_boolean() || !is_self->get<bool>()) {
    // A link post: the URL it submits is what the conversation is about.
    const std::string submitted = text_field(data, "url");
    if (!submitted.empty()) {
      const std::string url = resolve_url(site_, submitted);
      if (!is_http_url(url)) {
        warn("submits " + quote(submitted) + ", not a web address; left out");
      } else if (url != page) {
        const std::string escaped = escape_html(url);
        content += "<p><a href=\"" + escaped + "\">" + escaped + "</a></p>";
      }
    }
  }
  story.content = absolutize_html_urls(std::move(content), page);
  if (const auto count = data.find("num_comments"); count != data.end()) {
    if (count->is_number_integer() && count->get<std::int64_t>() >= 0 &&
        count->get<std::int64_t>() <= INT_MAX) {
      story.comment_count = static_cast<int>(count->get<std::int64_t>());
    }
  }
  std::string subreddit = text_field(data, "subreddit");
  if (subreddit.starts_with("r/")) subreddit.erase(0, 2);
  if (!subreddit.empty()) story.categories.push_back("r/" + subreddit);
  return story;
}

PlatformThread RedditPlatform::read_thread(const Document& document,
                                           const PlatformThreadRef& thread) const {
  constexpr std::string_view kExpected = "a Reddit thread";
  const JsonDocument parsed = parse_answer(document, kExpected);
  const json& root = parsed.root;
  if (!root.is_array() || root.empty()) {
    throw ParseError(answer_source(document) + ": " + not_expected(root, kExpected));
  }
  const json* submissions = listing_children(root[0]);
  const json* submission = nullptr;
  if (submissions != nullptr) {
    for (const json& child : *submissions) {
      if (child.is_object() && text_field(child, "kind") == "t3") {
        const auto data = child.find("data");
        if (data != child.end() && data->is_object()) {
          submission = &*data;
          break;
        }
      }
    }
  }
  if (submission == nullptr) {
    throw ParseError(answer_source(document) + ": not " + std::string(kExpected) +
                     " (its first element holds no submission)");
  }
  PlatformThread out;
  note_capped(parsed, document, out);

  std::optional<std::string> id = thing_id(*submission, "t3_");
  const std::optional<std::string> asked = base36_id(thread.id);
  if (!id) {
    if (!asked) {
      throw ParseError(answer_source(document) + ": the submission has " + id_found(*submission) +
                       " and no thread was named");
    }
    out.warnings.push_back(answer_source(document) + ": the submission has " +
                           id_found(*submission) + "; read as thread " + *asked);
    id = asked;
  } else if (asked && *asked != *id) {
    out.warnings.push_back(answer_source(document) + ": thread " + *asked +
                           " was asked for, submission " + *id + " answered; read as " + *id);
  }
  const std::string page = thread_page(*submission, *id);
  out.story = read_story(*submission, *id, page, document, out);

  if (root.size() < 2) {
    out.warnings.push_back(answer_source(document) + ": no comment listing after the submission");
    return out;
  }
  const json* top_level = listing_children(root[1]);
  if (top_level == nullptr) {
    out.warnings.push_back(answer_source(document) + ": the second element is " + kind_of(root[1]) +
                           ", not a comment listing; no comments read");
    return out;
  }

  CommentReader reader(*this, document, *id, page, out);
  // Depth first, parents before their replies, siblings in Reddit's order: an explicit stack,
  // since an outsider decides how deep the replies go.
  struct Frame {
    const json* item;
    std::size_t position;
    std::string parent;
    bool reparented;
  };
  std::vector<Frame> stack;
  const auto push_children = [&](const json& children, const std::string& parent, bool reparented) {
    for (std::size_t i = children.size(); i-- > 0;) {
      stack.push_back(Frame{&children[i], i, parent, reparented});
    }
  };
  push_children(*top_level, page, false);
  while (!stack.empty()) {
    Frame frame = std::move(stack.back());
    stack.pop_back();
    const std::optional<CommentReader::Hook> hook =
        reader.read(*frame.item, frame.parent, frame.reparented, frame.position);
    if (!hook) continue;
    // "replies" is "" when there are none, else a Listing.
    const json& data = (*frame.item)["data"];
    const auto replies = data.find("replies");
    if (replies == data.end()) continue;
    if (const json* children = listing_children(*replies)) {
      push_children(*children, hook->page, hook->reparented);
    }
  }
  reader.finish();
  return out;
}

PlatformThread RedditPlatform::read_more(const Document& document,
                                         const PlatformThreadRef& thread) const {
  constexpr std::string_view kExpected = "a Reddit morechildren answer";
  const JsonDocument parsed = parse_answer(document, kExpected);
  const json& root = parsed.root;
  const auto body = root.is_object() ? root.find("json") : root.end();
  if (!root.is_object() || body == root.end() || !body->is_object()) {
    throw ParseError(answer_source(document) + ": " + not_expected(root, kExpected));
  }
  // errors: [["CODE", "message", "field"], …]
  std::string errors;
  if (const auto list = body->find("errors"); list != body->end() && list->is_array()) {
    for (const json& error : *list) {
      std::string text;
      if (error.is_array()) {
        for (const json& part : error) {
          if (part.is_string()) text += (text.empty() ? "" : " ") + part.get<std::string>();
        }
      } else if (error.is_string()) {
        text = error.get<std::string>();
      }
      if (!text.empty()) errors += (errors.empty() ? "" : ", ") + quote(text);
    }
  }
  const json* things = nullptr;
  if (const auto data = body->find("data"); data != body->end() && data->is_object()) {
    if (const auto found = data->find("things"); found != data->end() && found->is_array()) {
      things = &*found;
    }
  }
  if (things == nullptr) {
    throw ParseError(answer_source(document) + ": " +
                     (errors.empty() ? "not " + std::string(kExpected) + " (no \"things\" list)"
                                     : "Reddit answered with errors " + errors + ", not comments"));
  }
  PlatformThread out;
  note_capped(parsed, document, out);
  if (!errors.empty()) {
    out.warnings.push_back(answer_source(document) + ": Reddit reported errors " + errors);
  }

  // The thread: the one asked about, else the one the request named (link_id=t3_ID), else the
  // one the comments name.
  std::optional<std::string> thread_id = base36_id(thread.id);
  if (!thread_id) thread_id = fullname_id(query_parameter(document.url, "link_id"), "t3_");
  for (std::size_t i = 0; !thread_id && i < things->size(); ++i) {
    const json& thing = (*things)[i];
    if (!thing.is_object()) continue;
    if (const auto data = thing.find("data"); data != thing.end() && data->is_object()) {
      thread_id = fullname_id(text_field(*data, "link_id"), "t3_");
    }
  }
  if (!thread_id) {
    throw ParseError(answer_source(document) + ": comments of no known thread (no link_id)");
  }

  // The story's page as its permalink names it, read off a comment's permalink (the story's
  // followed by the comment's id), so top-level comments name the story read_thread gave.
  std::string story_page;
  for (const json& thing : *things) {
    if (!thing.is_object()) continue;
    const auto data = thing.find("data");
    if (data == thing.end() || !data->is_object()) continue;
    const std::optional<std::string> id = thing_id(*data, "t1_");
    const std::optional<std::string> path = thread_permalink(*data, *thread_id);
    if (id && path && path->ends_with("/" + *id + "/")) {
      story_page = site_ + path->substr(0, path->size() - id->size() - 1);
      break;
    }
  }
  if (story_page.empty()) {
    story_page =
        thread.url.empty() || !base36_id(thread.id) ? short_thread_page(*thread_id) : thread.url;
    if (!story_page.ends_with('/')) story_page += '/';
  }
  CommentReader reader(*this, document, *thread_id, story_page, out);

  // Flat: each thing names its parent. Those whose parent is in this answer hang under it; the
  // rest under the story or a comment of an earlier answer. Reddit lists parents first; a hostile
  // list may not, or may loop, so the tree is rebuilt and walked.
  const std::size_t count = things->size();
  std::unordered_map<std::string, std::size_t> index;  // comment id → first thing with it
  std::vector<std::optional<std::string>> ids(count);
  for (std::size_t i = 0; i < count; ++i) {
    const json& thing = (*things)[i];
    if (!thing.is_object() || text_field(thing, "kind") != "t1") continue;
    const auto data = thing.find("data");
    if (data == thing.end() || !data->is_object()) continue;
    ids[i] = thing_id(*data, "t1_");
    if (ids[i]) index.emplace(*ids[i], i);
  }
  constexpr std::size_t kNone = SIZE_MAX;
  std::vector<std::size_t> parent_of(count, kNone);  // a thing of this answer
  std::vector<std::string> outside_parent(count);    // else the page of the story or a comment
  std::vector<std::vector<std::size_t>> replies(count);
  for (std::size_t i = 0; i < count; ++i) {
    const json& thing = (*things)[i];
    const json* data = nullptr;
    if (thing.is_object()) {
      if (const auto found = thing.find("data"); found != thing.end() && found->is_object()) {
        data = &*found;
      }
    }
    const std::string parent = data == nullptr ? "" : text_field(*data, "parent_id");
    const std::string named = ids[i] ? "comment " + *ids[i] : "item " + std::to_string(i + 1);
    outside_parent[i] = story_page;
    if (const auto comment = fullname_id(parent, "t1_")) {
      const auto found = index.find(*comment);
      if (ids[i] && *comment == *ids[i]) {
        reader.warn(named + " names itself as its parent; read as a comment on the story");
      } else if (found != index.end()) {
        parent_of[i] = found->second;
        replies[found->second].push_back(i);
      } else {
        outside_parent[i] = reader.comment_page(*comment);  // read in an earlier answer
      }
    } else if (const auto story = fullname_id(parent, "t3_")) {
      if (*story != *thread_id) {
        reader.warn(named + " belongs to thread " + *story + ", not " + *thread_id +
                    "; read as a comment on the story");
      }
    } else if (data != nullptr) {
      reader.warn(named + " has parent_id " + quote(parent) +
                  ", which names no comment or thread; read as a comment on the story");
    }
  }

  struct Frame {
    std::size_t thing;
    std::string parent;
    bool reparented;
  };
  std::vector<bool> visited(count, false);
  std::vector<Frame> stack;
  const auto walk = [&](std::size_t start) {
    stack.push_back(Frame{start, outside_parent[start], false});
    visited[start] = true;
    while (!stack.empty()) {
      Frame frame = std::move(stack.back());
      stack.pop_back();
      const std::optional<CommentReader::Hook> hook =
          reader.read((*things)[frame.thing], frame.parent, frame.reparented, frame.thing);
      const std::vector<std::size_t>& children = replies[frame.thing];
      for (std::size_t k = children.size(); k-- > 0;) {
        const std::size_t child = children[k];
        if (visited[child]) continue;
        visited[child] = true;
        // Only comments have replies here, and every comment gives a hook; the story is the
        // fallback all the same.
        stack.push_back(hook ? Frame{child, hook->page, hook->reparented}
                             : Frame{child, story_page, false});
      }
    }
  };
  for (std::size_t i = 0; i < count; ++i) {
    if (parent_of[i] == kNone && !visited[i]) walk(i);
  }
  // What is left is a loop of parents: read from its first thing, as a comment on the story.
  for (std::size_t i = 0; i < count; ++i) {
    if (visited[i]) continue;
    reader.warn((ids[i] ? "comment " + *ids[i] : "item " + std::to_string(i + 1)) +
                " is in a loop of parent_ids; read as a comment on the story");
    walk(i);
  }
  reader.finish();
  return out;
}

}  // namespace

std::unique_ptr<Platform> make_reddit_platform(PlatformEndpoints endpoints) {
  return std::make_unique<RedditPlatform>(std::move(endpoints));
}

}  // namespace confab
