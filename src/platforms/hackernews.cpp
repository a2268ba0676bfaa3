#include "platforms/hackernews.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/ascii.h"
#include "base/url.h"
#include "parse/date.h"
#include "parse/html_urls.h"
#include "parse/json_document.h"
#include "parse/json_fields.h"
#include "parse/xml_text.h"

namespace confab {
namespace {

using nlohmann::json;

/// The latest time a date field may name (9999-12-31T23:59:59Z): beyond it is no date.
constexpr double kLatestTime = 253402300799.0;
/// The host of Hacker News's pages, recognised whatever site is configured.
constexpr std::string_view kPublicHost = "news.ycombinator.com";

bool is_default_port(const UrlParts& parts) {
  return parts.port.empty() || (parts.scheme == "http" && parts.port == "80") ||
         (parts.scheme == "https" && parts.port == "443");
}

/// What two submitted URLs must share to be the same page: the host (lower-cased, without
/// "www."), a port other than the scheme's default, the path without one trailing '/', and the
/// query as written. The scheme (http or https) and the fragment do not count. nullopt for
/// anything but an http(s) URL.
std::optional<std::string> submitted_url_key(std::string_view url) {
  const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
  if (!parts || (parts->scheme != "http" && parts->scheme != "https") || parts->host.empty()) {
    return std::nullopt;
  }
  std::string key = lower(parts->host);
  if (key.starts_with("www.")) key.erase(0, 4);
  if (!is_default_port(*parts)) key += ":" + parts->port;
  std::string_view path = parts->path;
  if (path.ends_with('/')) path.remove_suffix(1);
  key += path;
  if (parts->has_query) key += "?" + parts->query;
  return key;
}

/// Why `root` is not `expected`: Algolia's error object ({"status": 404, "error": "Not Found"},
/// or {"message": "…", "status": 400}), else what the JSON is.
std::string not_expected(const json& root, std::string_view expected) {
  if (root.is_object()) {
    std::string error = text_field(root, "error");
    const std::string message = text_field(root, "message");
    const std::string status = text_field(root, "status");
    if (!error.empty() || !message.empty()) {
      std::string text = "the API answered with an error";
      if (!status.empty()) text += " (status " + quote(status) + ")";
      if (!error.empty()) text += " " + quote(error);
      if (!message.empty()) text += " " + quote(message);
      return text + ", not " + std::string(expected);
    }
    return "not " + std::string(expected) + " (a JSON object without the fields of one)";
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

/// Seconds since the epoch as the API gives them (created_at_i: an integer; a liberal server
/// may send a float or a string of digits).
std::optional<UnixTime> epoch_time(const json& value) {
  double seconds = 0;
  if (value.is_number()) {
    seconds = value.get<double>();
  } else if (value.is_string()) {
    const std::string_view text = trim_ascii(value.get_ref<const std::string&>());
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(seconds) || std::fabs(seconds) > kLatestTime) return std::nullopt;
  return static_cast<UnixTime>(std::floor(seconds));
}

/// True when `item` has `key` holding something other than null.
bool has_value(const json& item, const char* key) {
  const auto found = item.find(key);
  return found != item.end() && !found->is_null();
}

bool is_true(const json& item, const char* key) {
  const auto found = item.find(key);
  return found != item.end() && found->is_boolean() && found->get<bool>();
}

/// Deleted, dead or flagged, as the API shows such a comment to everyone: neither author nor
/// text (Algolia's deleted comment), "deleted"/"dead" set (HN's own API), or a marker as its
/// text.
bool is_gone(const json& item) {
  if (!has_value(item, "author") && !has_value(item, "text")) return true;
  if (is_true(item, "deleted") || is_true(item, "dead")) return true;
  const std::string text = text_field(item, "text");
  return text == "[deleted]" || text == "[dead]" || text == "[flagged]";
}

/// The section of HN a story's title puts it in ("Ask HN: …" is listed under /ask).
std::optional<std::string> section_of(std::string_view title) {
  for (const std::string_view section : {"Ask HN", "Show HN", "Tell HN", "Launch HN"}) {
    if (title.size() > section.size() && iequals(title.substr(0, section.size()), section) &&
        title[section.size()] == ':') {
      return std::string(section);
    }
  }
  return std::nullopt;
}

class HackerNewsPlatform final : public Platform {
 public:
  explicit HackerNewsPlatform(PlatformEndpoints endpoints)
      : api_(endpoint_base(endpoints.api)), site_(endpoint_base(endpoints.site)) {
    if (const auto parts = parse_url(site_)) site_parts_ = *parts;
  }

  std::string_view name() const override { return "hackernews"; }
  std::string_view label() const override { return "Hacker News"; }

  std::optional<PlatformThreadRef> thread_of(std::string_view url) const override;
  std::string lookup_url(std::string_view url, std::string_view instance) const override;
  std::vector<PlatformThreadRef> read_lookup(const Document& document) const override;
  std::string thread_api_url(const PlatformThreadRef& thread) const override;
  PlatformThread read_thread(const Document& document,
                             const PlatformThreadRef& thread) const override;
  PlatformThread read_more(const Document& document,
                           const PlatformThreadRef& thread) const override;

  /// The page of item `id` (a decimal id: nothing to encode).
  std::string item_page(const std::string& id) const { return site_ + "/item?id=" + id; }

  /// {handle, "", profile page}; none when the item names no author.
  std::vector<Author> authors_of(const json& item) const {
    const std::string handle = text_field(item, "author");
    if (handle.empty()) return {};
    return {Author{handle, "", site_ + "/user?id=" + percent_encode(handle)}};
  }

  /// The item's time: created_at_i, else its ISO 8601 created_at. A time given but unreadable
  /// is said through `warn`.
  template <typename Warn>
  std::optional<UnixTime> time_of(const json& item, const Warn& warn) const {
    if (const auto epoch = item.find("created_at_i"); epoch != item.end() && !epoch->is_null()) {
      if (auto time = epoch_time(*epoch)) return time;
    }
    const auto iso = item.find("created_at");
    if (iso != item.end() && iso->is_string()) {
      if (auto time = parse_date(trim_ascii(iso->get_ref<const std::string&>()))) return time;
    }
    if (has_value(item, "created_at_i") || has_value(item, "created_at")) {
      warn("no readable time in created_at_i or created_at; read without a date");
    }
    return std::nullopt;
  }

 private:
  /// True when `parts` names a page of the configured site or of news.ycombinator.com, and its
  /// path is that site's "/item".
  bool is_item_page(const UrlParts& parts) const;

  /// The story (or, for a comment's item, that comment) at the root of an item answer.
  Entry read_head(const json& root, const std::string& id, bool is_comment,
                  const Document& document, PlatformThread& out) const;

  std::string api_;
  std::string site_;
  UrlParts site_parts_;
};

/// Reads the reply tree under the head of an item answer into `out`, depth first, parents
/// before their replies, siblings in the API's order.
class CommentTreeReader {
 public:
  CommentTreeReader(const HackerNewsPlatform& platform, const Document& document,
                    PlatformThread& out)
      : platform_(platform), document_(document), out_(out) {}

  void read(const json& head, const std::string& head_id) {
    seen_.insert(head_id);
    push_children(head, head_id, false);
    while (!stack_.empty()) {
      Frame frame = std::move(stack_.back());
      stack_.pop_back();
      read_item(frame);
    }
    if (reparented_ > 0) {
      warn(std::to_string(reparented_) + (reparented_ == 1 ? " reply" : " replies") +
           " to deleted, dead or skipped comments hung under that comment's parent");
    }
  }

 private:
  struct Frame {
    const json* item;
    std::string parent;  ///< the id of the comment (or head) it hangs under
    bool reparented;     ///< it hangs there because its own parent was left out
    std::size_t position;
  };

  void warn(const std::string& what) {
    out_.warnings.push_back(answer_source(document_) + ": " + what);
  }

  /// Stacks the replies of `item` to hang under item `parent`.
  void push_children(const json& item, const std::string& parent, bool reparented) {
    const auto children = item.find("children");
    if (children == item.end() || children->is_null()) return;
    if (!children->is_array()) {
      const auto id = item.find("id");
      const std::optional<std::string> own = id == item.end() ? std::nullopt : read_id(*id);
      warn("the children of " + (own ? "item " + *own : "an item without an id") + " are " +
           kind_of(*children) + ", not a list; left out");
      return;
    }
    for (std::size_t i = children->size(); i-- > 0;) {
      stack_.push_back(Frame{&(*children)[i], parent, reparented, i});
    }
  }

  /// Leaves an item out, its replies hung under its parent.
  void skip(const Frame& frame, const std::string& why) {
    warn(why + "; skipped, its replies hung under item " + frame.parent);
    push_children(*frame.item, frame.parent, true);
  }

  void read_item(const Frame& frame) {
    const json& item = *frame.item;
    const std::string at =
        "item " + std::to_string(frame.position + 1) + " under item " + frame.parent;
    if (!item.is_object()) {
      warn(at + " is " + kind_of(item) + ", not an item; skipped");
      return;
    }
    const auto id_value = item.find("id");
    if (id_value == item.end()) return skip(frame, at + " has no \"id\"");
    const std::optional<std::string> id = read_id(*id_value);
    if (!id) return skip(frame, at + " has " + kind_of(*id_value) + " as its id, not an item id");
    if (const std::string type = text_field(item, "type"); !type.empty() && type != "comment") {
      return skip(frame, "item " + *id + " is a " + quote(type) + ", not a comment");
    }
    if (!seen_.insert(*id).second) return skip(frame, "item " + *id + " repeats an id read before");
    if (is_gone(item)) {
      ++out_.deleted;
      push_children(item, frame.parent, true);
      return;
    }
    if (frame.reparented) ++reparented_;

    Entry comment;
    comment.id = comment.link = platform_.item_page(*id);
    comment.authors = platform_.authors_of(item);
    comment.published = platform_.time_of(
        item, [&](const std::string& what) { warn("item " + *id + ": " + what); });
    // HN writes links to its own pages relative ("item?id=…"): relative to the comment's page.
    comment.content = absolutize_html_urls(text_field(item, "text"), comment.link);
    const std::string parent_page = platform_.item_page(frame.parent);
    comment.in_reply_to.push_back(InReplyTo{parent_page, parent_page});
    out_.comments.push_back(std::move(comment));
    push_children(item, *id, false);
  }

  const HackerNewsPlatform& platform_;
  const Document& document_;
  PlatformThread& out_;
  std::vector<Frame> stack_;
  std::unordered_set<std::string> seen_;
  std::size_t reparented_ = 0;
};

bool HackerNewsPlatform::is_item_page(const UrlParts& parts) const {
  const std::string host = lower(parts.host);
  if (host == kPublicHost && is_default_port(parts) && parts.path == "/item") return true;
  if (site_parts_.host.empty() || host != lower(site_parts_.host) ||
      parts.port != site_parts_.port) {
    return false;
  }
  return parts.path == endpoint_base(site_parts_.path) + "/item";
}

std::optional<PlatformThreadRef> HackerNewsPlatform::thread_of(std::string_view url) const {
  const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
  if (!parts || (parts->scheme != "http" && parts->scheme != "https") || !parts->has_query ||
      !is_item_page(*parts)) {
    return std::nullopt;
  }
  // The query alone, so a fragment ("#4105") does not stick to the id.
  const std::optional<std::string> id = decimal_id(query_parameter("?" + parts->query, "id"));
  if (!id) return std::nullopt;
  return PlatformThreadRef{*id, item_page(*id), ""};
}

std::string HackerNewsPlatform::lookup_url(std::string_view url, std::string_view instance) const {
  (void)instance;  // one site
  url = trim_ascii(url);
  if (!submitted_url_key(url)) return {};  // HN stories submit only web addresses
  return api_ + "/api/v1/search?query=" + percent_encode(url) +
         "&restrictSearchableAttributes=url&tags=story";
}

std::vector<PlatformThreadRef> HackerNewsPlatform::read_lookup(const Document& document) const {
  constexpr std::string_view kExpected = "an Algolia search answer";
  const JsonDocument parsed = parse_answer(document, kExpected);
  const json& root = parsed.root;
  const auto hits = root.is_object() ? root.find("hits") : root.end();
  if (!root.is_object() || hits == root.end() || !hits->is_array()) {
    throw ParseError(answer_source(document) + ": " + not_expected(root, kExpected));
  }
  // Algolia matches words, not URLs: a hit counts only when its url is the one looked up.
  const std::string looked_up = percent_decode(query_parameter(document.url, "query"));
  const std::optional<std::string> wanted = submitted_url_key(looked_up);
  if (!wanted) {
    throw ParseError(answer_source(document) + ": the lookup names no web address in its query " +
                     quote(looked_up) + ", so its hits cannot be told apart");
  }
  std::vector<PlatformThreadRef> refs;
  std::unordered_set<std::string> seen;
  for (const json& hit : *hits) {
    if (!hit.is_object()) continue;
    const auto object_id = hit.find("objectID");
    if (object_id == hit.end()) continue;
    const std::optional<std::string> id = read_id(*object_id);
    if (!id || submitted_url_key(text_field(hit, "url")) != wanted) continue;
    if (!seen.insert(*id).second) continue;
    refs.push_back(PlatformThreadRef{*id, item_page(*id), ""});
  }
  return refs;
}

std::string HackerNewsPlatform::thread_api_url(const PlatformThreadRef& thread) const {
  std::optional<std::string> id = decimal_id(thread.id);
  if (!id) {
    if (const auto from_url = thread_of(thread.url)) id = from_url->id;
  }
  if (!id) return {};
  return api_ + "/api/v1/items/" + *id;
}

Entry HackerNewsPlatform::read_head(const json& root, const std::string& id, bool is_comment,
                                    const Document& document, PlatformThread& out) const {
  const auto warn = [&](const std::string& what) {
    out.warnings.push_back(answer_source(document) + ": item " + id + ": " + what);
  };
  Entry head;
  head.id = head.link = item_page(id);
  head.title = text_field(root, "title");
  head.authors = authors_of(root);
  head.published = time_of(root, warn);
  std::string content = text_field(root, "text");
  // A link story submits its url; an "Ask HN" text post has none (null).
  if (const std::string submitted = text_field(root, "url"); !submitted.empty() && !is_comment) {
    const std::string url = resolve_url(site_, submitted);
    if (!is_http_url(url)) {
      warn("submits " + quote(submitted) + ", not a web address; left out");
    } else {
      const std::string escaped = escape_html(url);
      content += "<p><a href=\"" + escaped + "\">" + escaped + "</a></p>";
    }
  }
  head.content = absolutize_html_urls(std::move(content), head.link);
  // The items answer carries no count today; a search hit does, and a server may add it.
  if (const auto count = root.find("num_comments");
      count != root.end() && count->is_number_integer() && count->get<std::int64_t>() >= 0 &&
      count->get<std::int64_t>() <= INT_MAX) {
    head.comment_count = static_cast<int>(count->get<std::int64_t>());
  }
  if (auto section = section_of(head.title)) head.categories.push_back(std::move(*section));
  return head;
}

PlatformThread HackerNewsPlatform::read_thread(const Document& document,
                                               const PlatformThreadRef& thread) const {
  constexpr std::string_view kExpected = "a Hacker News item";
  const JsonDocument parsed = parse_answer(document, kExpected);
  const json& root = parsed.root;
  if (!root.is_object() ||
      (!root.contains("id") && !root.contains("type") && !root.contains("children"))) {
    throw ParseError(answer_source(document) + ": " + not_expected(root, kExpected));
  }
  PlatformThread out;
  if (parsed.capped) {
    out.warnings.push_back(answer_source(document) + ": JSON nested deeper than " +
                           std::to_string(kJsonNestingCap) +
                           " levels (a reply chain deeper than confab reads); what lies deeper "
                           "was left out");
  }

  const auto id_value = root.find("id");
  std::optional<std::string> id = id_value == root.end() ? std::nullopt : read_id(*id_value);
  const std::optional<std::string> asked = decimal_id(thread.id);
  const std::string found =
      id_value == root.end() ? "no \"id\"" : kind_of(*id_value) + " as its id";
  if (!id) {
    if (!asked) {
      throw ParseError(answer_source(document) + ": the item has " + found +
                       " and no item was named");
    }
    out.warnings.push_back(answer_source(document) + ": the item has " + found + "; read as item " +
                           *asked);
    id = asked;
  } else if (asked && *asked != *id) {
    out.warnings.push_back(answer_source(document) + ": item " + *asked + " was asked for, item " +
                           *id + " answered; read as " + *id);
  }

  const bool is_comment = text_field(root, "type") == "comment";
  if (is_comment) {
    std::string story = "its story";
    if (const auto story_id = root.find("story_id"); story_id != root.end()) {
      if (const auto number = read_id(*story_id)) story = item_page(*number);
    }
    out.warnings.push_back(answer_source(document) + ": item " + *id +
                           " is a comment, not a story: read with its replies, in the story's "
                           "place (the whole thread is at " +
                           story + ")");
  }
  out.story = read_head(root, *id, is_comment, document, out);
  CommentTreeReader(*this, document, out).read(root, *id);
  return out;
}

PlatformThread HackerNewsPlatform::read_more(const Document& document,
                                             const PlatformThreadRef& thread) const {
  (void)thread;
  throw ParseError(answer_source(document) +
                   ": Hacker News needs no follow-up (an item answer holds its whole tree)");
}

}  // namespace

std::unique_ptr<Platform> make_hackernews_platform(PlatformEndpoints endpoints) {
  return std::make_unique<HackerNewsPlatform>(std::move(endpoints));
}

}  // namespace confab
