#include "platforms/webmention.h"

#include <charconv>
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
#include "parse/html_text.h"
#include "parse/html_urls.h"
#include "parse/json_document.h"
#include "parse/json_fields.h"
#include "parse/tag_attributes.h"
#include "parse/xml_text.h"
#include "platforms/json_answer.h"

namespace confab {
namespace {

using nlohmann::json;

/// webmention.io's origin when none is configured.
constexpr std::string_view kPublicApi = "https://webmention.io";
/// The page size asked for (webmention.io's default is 20; it answers up to 100).
constexpr std::uint64_t kPerPage = 100;
/// A server that ignores `page` and answers exactly `per-page` mentions would be asked forever:
/// this many pages (5000 mentions) is more than a campaign's post receives.
constexpr std::uint64_t kMaxPages = 50;

/// What a wm-property makes of a mention: a post (words) or a reaction counted on the target.
struct MentionKind {
  std::string_view property;
  std::string_view reaction;  ///< "" for a post
};

constexpr MentionKind kKinds[] = {
    {"in-reply-to", ""}, {"mention-of", ""},      {"rsvp", ""},
    {"like-of", "like"}, {"repost-of", "repost"}, {"bookmark-of", "bookmark"},
};

const MentionKind* kind_of_property(std::string_view property) {
  for (const MentionKind& kind : kKinds) {
    if (kind.property == property) return &kind;
  }
  return nullptr;
}

/// A string member as given, trimmed; "" when absent or no string.
std::string string_member(const json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return {};
  return std::string(trim_ascii(found->get_ref<const std::string&>()));
}

/// A member that is an http(s) URL, trimmed; "" otherwise (javascript:, relative, no string).
std::string http_member(const json& object, const char* key) {
  std::string url = string_member(object, key);
  return is_http_url(url) ? url : std::string();
}

/// A non-negative integer query parameter of `url` ("0" included), else `fallback`.
std::uint64_t number_parameter(std::string_view url, std::string_view name,
                               std::uint64_t fallback) {
  const std::string text = query_parameter(url, name);
  if (text.empty()) return fallback;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : fallback;
}

/// `url` with its `page` query parameter set to `page` (added when absent, repeats dropped).
std::string with_page(std::string_view url, std::uint64_t page) {
  const std::size_t hash = url.find('#');
  const std::string_view fragment = hash == std::string_view::npos ? "" : url.substr(hash);
  url = url.substr(0, hash);
  const std::string pair_text = "page=" + std::to_string(page);
  const std::size_t question = url.find('?');
  if (question == std::string_view::npos) {
    return std::string(url) + "?" + pair_text + std::string(fragment);
  }
  std::string out(url.substr(0, question + 1));
  std::string_view query = url.substr(question + 1);
  bool replaced = false;
  bool first = true;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (name == "page") {
      if (replaced) continue;
      replaced = true;
      if (!first) out += '&';
      out += pair_text;
    } else {
      if (pair.empty()) continue;
      if (!first) out += '&';
      out += pair;
    }
    first = false;
  }
  if (!replaced) {
    if (!first) out += '&';
    out += pair_text;
  }
  return out + std::string(fragment);
}

/// Where the start tag whose attributes begin at `start` ends: its '>', or the end of `html`.
/// A quoted attribute value may hold '>'.
std::size_t tag_end(std::string_view html, std::size_t start) {
  bool after_equals = false;
  for (std::size_t i = start; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '>') return i;
    if (c == '=') {
      after_equals = true;
    } else if (after_equals && (c == '"' || c == '\'')) {
      const std::size_t close = html.find(c, i + 1);
      if (close == std::string_view::npos) return html.size();
      i = close;
      after_equals = false;
    } else if (!is_html_space(c)) {
      after_equals = false;
    }
  }
  return html.size();
}

/// True when `html` has an <a href> to the page `target_key` names (relative hrefs resolved
/// against `base`). One pass: each tag is scanned once, comments are skipped.
bool links_to(std::string_view html, const std::string& target_key, std::string_view base) {
  if (target_key.empty()) return false;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.substr(i, 4) == "<!--") {
      const std::size_t close = html.find("-->", i + 4);
      if (close == std::string_view::npos) return false;
      i = close + 3;
      continue;
    }
    const std::size_t name = i + 1;
    if (name + 1 < html.size() && lower(html[name]) == 'a' &&
        (is_html_space(html[name + 1]) || html[name + 1] == '/')) {
      const std::size_t end = tag_end(html, name + 1);
      const std::optional<std::string_view> href =
          attribute_value(html.substr(name + 1, end - name - 1), "href");
      if (href) {
        const std::string decoded(trim_ascii(decode_html_entities(*href)));
        if (page_key(base.empty() ? decoded : resolve_url(base, decoded)) == target_key) {
          return true;
        }
      }
      if (end >= html.size()) return false;
      i = end + 1;
      continue;
    }
    ++i;
  }
  return false;
}

/// Plain text as HTML: escaped, one <p> a blank-line-separated paragraph.
std::string text_html(std::string_view text) {
  std::string html;
  std::size_t paragraph_start = std::string_view::npos;
  std::size_t paragraph_end = 0;
  const auto close_paragraph = [&] {
    if (paragraph_start == std::string_view::npos) return;
    html += "<p>" +
            escape_html(trim_ascii(text.substr(paragraph_start, paragraph_end - paragraph_start))) +
            "</p>";
    paragraph_start = std::string_view::npos;
  };
  for (std::size_t position = 0; position <= text.size();) {
    std::size_t newline = text.find('\n', position);
    if (newline == std::string_view::npos) newline = text.size();
    if (trim_ascii(text.substr(position, newline - position)).empty()) {
      close_paragraph();
    } else {
      if (paragraph_start == std::string_view::npos) paragraph_start = position;
      paragraph_end = newline;
    }
    position = newline + 1;
  }
  close_paragraph();
  return html;
}

/// A mention's content: its HTML (JF2's `html`, or an older account's `value` of type
/// text/html), else its text; `text` is the plain text when the answer gives one.
struct MentionContent {
  std::string html;
  std::string text;
};

MentionContent content_of(const json& child) {
  MentionContent content;
  const auto found = child.find("content");
  if (found == child.end()) return content;
  if (found->is_string()) {
    content.text = std::string(trim_ascii(found->get_ref<const std::string&>()));
  } else if (found->is_object()) {
    content.html = string_member(*found, "html");
    content.text = string_member(*found, "text");
    const std::string value = string_member(*found, "value");
    const bool value_is_html = iequals(string_member(*found, "content-type"), "text/html");
    if (content.html.empty() && value_is_html) content.html = value;
    if (content.text.empty() && !value_is_html) content.text = value;
  }
  if (content.html.empty() && !content.text.empty()) content.html = text_html(content.text);
  return content;
}

/// The mention's name as a title, or "" when it only repeats the start of its text (what
/// webmention.io does for a note: its name is its content, perhaps cut off with "...").
std::string title_of(const json& child, const MentionContent& content) {
  const std::string title = collapse_whitespace(string_member(child, "name"));
  std::string_view stem = title;
  while (true) {
    if (stem.ends_with("...")) {
      stem.remove_suffix(3);
    } else if (stem.ends_with("\xE2\x80\xA6")) {  // …
      stem.remove_suffix(3);
    } else {
      break;
    }
    stem = trim_ascii(stem);
  }
  if (stem.empty()) return {};
  const std::string text =
      collapse_whitespace(content.text.empty() ? html_to_text(content.html) : content.text);
  return text.starts_with(stem) ? std::string() : title;
}

/// Reads the children of one answer into PlatformThread::posts.
class MentionPageReader {
 public:
  MentionPageReader(const Document& document, PlatformThread& page)
      : document_(document), page_(page) {}

  void read(const json& children) {
    count_pages(children);
    for (std::size_t index = 0; index < children.size(); ++index) {
      read_item(children[index], index);
    }
    if (private_ > 0) {
      note(std::to_string(private_) + (private_ == 1 ? " private mention" : " private mentions") +
           " (wm-private) left out");
    }
  }

 private:
  /// How many children name each page (as url or wm-source): a reaction's url is its own only
  /// when no other child names it.
  void count_pages(const json& children) {
    for (const json& child : children) {
      if (!child.is_object()) continue;
      const std::string url = http_member(child, "url");
      const std::string source = http_member(child, "wm-source");
      if (!url.empty()) ++uses_[url];
      if (!source.empty() && source != url) ++uses_[source];
    }
  }

  void read_item(const json& child, std::size_t index) {
    const std::string at = "item " + std::to_string(index + 1);
    if (!child.is_object()) return skip(at, "is " + kind_of(child) + ", not a mention");
    std::optional<std::string> wm_id;
    if (const auto id_value = child.find("wm-id"); id_value != child.end()) {
      wm_id = read_id(*id_value);
      if (!wm_id && !id_value->is_null()) {
        note(at + " has " + kind_of(*id_value) + " as its wm-id, not a number; read without");
      }
    }
    const std::string named = wm_id ? at + " (wm-id " + *wm_id + ")" : at;
    if (wm_id && !seen_wm_ids_.insert(*wm_id).second) {
      return skip(named, "repeats a wm-id read before");
    }
    if (flag_field(child, "wm-private")) {
      ++private_;
      return;
    }
    const std::string property = string_member(child, "wm-property");
    const MentionKind* kind = kind_of_property(property);
    if (kind == nullptr) {
      return skip(named, property.empty() ? std::string("has no wm-property")
                                          : "has the wm-property " + quote(property) +
                                                ", which is no reply, mention or reaction");
    }
    const std::string url = http_member(child, "url");
    const std::string source = http_member(child, "wm-source");
    if (!wm_id && url.empty() && source.empty()) {
      return skip(named, "has no wm-id and no http(s) url or wm-source");
    }
    const std::string target = target_of(child, property);
    if (target.empty()) return skip(named, "names no http(s) page it mentions");

    Entry entry;
    if (std::optional<Author> author = read_author(child)) {
      entry.authors.push_back(std::move(*author));
    }
    if (kind->reaction.empty()) {
      // The sender's page (Bridgy's wm-source is brid.gy's; its url the original's).
      entry.id = !url.empty() && url != target ? url : source;
      if (entry.id.empty() || entry.id == target) {
        if (!wm_id) return skip(named, "has no page of its own but the one it mentions");
        entry.id = "webmention:" + *wm_id;
      }
      if (used_ids_.contains(entry.id)) {
        return skip(named, "has the page " + quote(entry.id) + " of an item read before");
      }
      entry.link = is_http_url(entry.id) ? entry.id : std::string();
      const MentionContent content = content_of(child);
      entry.title = title_of(child, content);
      const std::string base = entry.link.empty() ? target : entry.link;
      entry.content = absolutize_html_urls(content.html, base);
      if (!links_to(entry.content, page_key(target), base)) {
        entry.content +=
            "<p><a href=\"" + escape_html(target) + "\">" + escape_html(target) + "</a></p>";
      }
    } else {
      entry.reaction = std::string(kind->reaction);
      const std::string author_page = entry.authors.empty() ? "" : entry.authors[0].uri;
      const auto own = [&](const std::string& page) {
        const auto uses = uses_.find(page);
        return !page.empty() && page != target && page != author_page && uses != uses_.end() &&
               uses->second == 1 && !used_ids_.contains(page);
      };
      if (own(url)) {
        entry.id = url;
      } else if (wm_id) {
        entry.id = "webmention:" + *wm_id;
      } else if (own(source)) {
        entry.id = source;
      } else {
        return skip(named, "has no wm-id and no url of its own");
      }
      if (used_ids_.contains(entry.id)) {
        return skip(named, "has the id " + quote(entry.id) + " of an item read before");
      }
      // The page to see the reaction on: its own, else the page that sent it.
      if (is_http_url(entry.id)) {
        entry.link = entry.id;
      } else if (!url.empty() && url != target) {
        entry.link = url;
      } else if (!source.empty() && source != target) {
        entry.link = source;
      }
    }
    entry.published = published_of(child, named);
    entry.in_reply_to.push_back(InReplyTo{target, target});
    used_ids_.insert(entry.id);
    page_.posts.push_back(std::move(entry));
  }

  /// The page mentioned: wm-target, else the property's value (an rsvp's in-reply-to).
  static std::string target_of(const json& child, const std::string& property) {
    if (std::string target = http_member(child, "wm-target"); !target.empty()) return target;
    for (const std::string& key : {property, std::string("in-reply-to")}) {
      const auto found = child.find(key);
      if (found == child.end()) continue;
      if (found->is_string()) {
        std::string value(trim_ascii(found->get_ref<const std::string&>()));
        if (is_http_url(value)) return value;
      } else if (found->is_array()) {
        for (const json& item : *found) {
          if (!item.is_string()) continue;
          std::string value(trim_ascii(item.get_ref<const std::string&>()));
          if (is_http_url(value)) return value;
        }
      }
    }
    return {};
  }

  /// {name, "", url, photo} of the mention's author card; the URL stands in for a missing name;
  /// nullopt when the card names nobody.
  static std::optional<Author> read_author(const json& child) {
    const json* card = object_member(child, "author");
    if (card == nullptr) return std::nullopt;
    Author author;
    author.name = collapse_whitespace(string_member(*card, "name"));
    author.uri = http_member(*card, "url");
    author.avatar = http_member(*card, "photo");
    if (author.name.empty()) author.name = author.uri;
    if (author.name.empty()) return std::nullopt;
    return author;
  }

  /// `published`, else when webmention.io received the mention.
  std::optional<UnixTime> published_of(const json& child, const std::string& named) {
    for (const char* key : {"published", "wm-received"}) {
      const std::string text = text_field(child, key);
      if (text.empty()) continue;
      if (const std::optional<UnixTime> time = parse_date(text)) return time;
      note(named + " has an unreadable " + key + " date " + quote(text));
    }
    return std::nullopt;
  }

  void skip(const std::string& item, const std::string& why) {
    page_.warnings.push_back(answer_source(document_) + ": " + item + " " + why + "; skipped");
  }

  void note(const std::string& what) {
    page_.warnings.push_back(answer_source(document_) + ": " + what);
  }

  const Document& document_;
  PlatformThread& page_;
  std::unordered_map<std::string, std::size_t> uses_;
  std::unordered_set<std::string> seen_wm_ids_;
  std::unordered_set<std::string> used_ids_;
  std::size_t private_ = 0;
};

class WebmentionPlatform final : public Platform {
 public:
  explicit WebmentionPlatform(PlatformEndpoints endpoints) : api_(endpoint_base(endpoints.api)) {
    if (api_.empty()) api_ = kPublicApi;
  }

  std::string_view name() const override { return "webmention"; }
  std::string_view label() const override { return "Webmention"; }

  // No threads: every mention stands on its own (mentions_url, read_mentions).
  std::optional<PlatformThreadRef> thread_of(std::string_view /*url*/) const override {
    return std::nullopt;
  }
  std::string lookup_url(std::string_view /*url*/, std::string_view /*instance*/) const override {
    return {};
  }
  std::vector<PlatformThreadRef> read_lookup(const Document& /*document*/) const override {
    return {};
  }
  std::string thread_api_url(const PlatformThreadRef& /*thread*/) const override { return {}; }
  PlatformThread read_thread(const Document& /*document*/,
                             const PlatformThreadRef& /*thread*/) const override {
    return {};
  }
  PlatformThread read_more(const Document& /*document*/,
                           const PlatformThreadRef& /*thread*/) const override {
    return {};
  }

  std::string mentions_url(std::string_view url) const override {
    const std::string_view target = trim_ascii(url);
    if (!is_http_url(target)) return {};
    return api_ + "/api/mentions.jf2?target=" + percent_encode(target) +
           "&per-page=" + std::to_string(kPerPage) + "&page=0";
  }

  PlatformThread read_mentions(const Document& document) const override {
    const std::string expected = "a webmention.io feed of mentions";
    PlatformThread result;
    const json root = read_answer(document, "webmention.io", expected, &result.warnings);
    const json* children = array_member(root, "children");
    if (children == nullptr) {
      throw ParseError(answer_source(document) + ": not " + expected + " (JSON " + kind_of(root) +
                       (root.is_object() ? " without a \"children\" list" : "") + ")");
    }
    MentionPageReader(document, result).read(*children);

    // A full page may have a next one; a page fuller than asked for is a server that ignored
    // paging, so there is none.
    const std::uint64_t per_page = number_parameter(document.url, "per-page", kPerPage);
    const std::uint64_t page = number_parameter(document.url, "page", 0);
    if (per_page > 0 && children->size() == per_page) {
      if (document.url.empty()) {
        result.warnings.push_back(answer_source(document) +
                                  ": a full page of mentions, but no URL to ask for the next");
      } else if (page >= kMaxPages - 1) {
        result.warnings.push_back(answer_source(document) + ": stopped after " +
                                  std::to_string(page + 1) +
                                  " pages of mentions; later pages were not read");
      } else {
        result.more.push_back(with_page(document.url, page + 1));
      }
    }
    return result;
  }

 private:
  std::string api_;
};

}  // namespace

std::unique_ptr<Platform> make_webmention_platform(PlatformEndpoints endpoints) {
  return std::make_unique<WebmentionPlatform>(std::move(endpoints));
}

}  // namespace confab
