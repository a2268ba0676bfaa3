#include "platforms/bluesky.h"

#include <algorithm>
#include <charconv>
#include <climits>
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
#include "parse/json_document.h"
#include "parse/json_fields.h"
#include "parse/xml_text.h"
#include "platforms/json_answer.h"

namespace confab {
namespace {

using nlohmann::json;

constexpr std::string_view kPublicApi = "https://public.api.bsky.app";
constexpr std::string_view kPublicSite = "https://bsky.app";
constexpr std::string_view kPublicHost = "bsky.app";
constexpr std::string_view kPostCollection = "app.bsky.feed.post";
/// How deep getPostThread is asked to nest replies (the AppView allows up to 1000).
constexpr int kThreadDepth = 100;
/// getAuthorFeed's largest page when asked by a person (its limit is 1..100).
constexpr int kFeedLimit = 50;

constexpr std::string_view kThreadViewPost = "app.bsky.feed.defs#threadViewPost";
constexpr std::string_view kNotFoundPost = "app.bsky.feed.defs#notFoundPost";
constexpr std::string_view kBlockedPost = "app.bsky.feed.defs#blockedPost";
/// The label by which a person asks apps not to show their posts to logged-out readers.
constexpr std::string_view kNoUnauthenticated = "!no-unauthenticated";

/// True when the post's author asked not to be shown to readers without an account: a public
/// hub is such a reader, so their posts are left out like deleted ones.
bool hidden_from_public(const nlohmann::json& post) {
  for (const nlohmann::json* owner : {object_member(post, "author"), &post}) {
    const nlohmann::json* labels = owner ? array_member(*owner, "labels") : nullptr;
    if (labels == nullptr) continue;
    for (const nlohmann::json& label : *labels) {
      if (label.is_object() && text_field(label, "val") == kNoUnauthenticated) return true;
    }
  }
  return false;
}
constexpr std::string_view kReasonRepost = "app.bsky.feed.defs#reasonRepost";
constexpr std::string_view kLinkFeature = "app.bsky.richtext.facet#link";
constexpr std::string_view kMentionFeature = "app.bsky.richtext.facet#mention";
constexpr std::string_view kTagFeature = "app.bsky.richtext.facet#tag";
constexpr std::string_view kExternalView = "app.bsky.embed.external#view";
constexpr std::string_view kRecordWithMediaView = "app.bsky.embed.recordWithMedia#view";
constexpr std::string_view kExternalRecord = "app.bsky.embed.external";
constexpr std::string_view kRecordWithMediaRecord = "app.bsky.embed.recordWithMedia";
/// What the AppView shows in place of a handle that no longer proves to be its account's.
constexpr std::string_view kInvalidHandle = "handle.invalid";

/// A handle: a domain name of two labels or more (letters, digits, '-' inside a label), the last
/// starting with a letter, 253 bytes at most (the atproto handle syntax).
bool is_handle(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view rest = text;
  while (true) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (const char c : label) {
      if (!is_alnum(c) && c != '-') return false;
    }
    ++labels;
    if (dot == std::string_view::npos) return labels >= 2 && is_alpha(label.front());
    rest = rest.substr(dot + 1);
  }
}

/// A DID of a method Bluesky takes (did:plc:…, did:web:…) in the DID syntax: letters, digits,
/// '.', '_', '-', ':' and '%' (did:web's encoded port), not ending with ':' or '%'.
bool is_did(std::string_view text) {
  if (text.size() > 2048) return false;
  std::string_view identifier;
  if (text.starts_with("did:plc:")) {
    identifier = text.substr(8);
  } else if (text.starts_with("did:web:")) {
    identifier = text.substr(8);
  } else {
    return false;
  }
  if (identifier.empty() || identifier.back() == ':' || identifier.back() == '%') return false;
  return std::all_of(identifier.begin(), identifier.end(), [](char c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '-' || c == ':' || c == '%';
  });
}

/// A record key (the last part of a post's at-uri and page): 1..512 of letters, digits and
/// ".-_:~", not "." or "..".
bool is_record_key(std::string_view text) {
  if (text.empty() || text.size() > 512 || text == "." || text == "..") return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return is_alnum(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '~';
  });
}

/// An account as a page or an at-uri names it: a DID as written, a handle lower-cased; nullopt
/// for anything else.
std::optional<std::string> read_authority(std::string_view text) {
  if (is_did(text)) return std::string(text);
  if (is_handle(text)) return lower(text);
  return std::nullopt;
}

/// A post as the AT Protocol names it: at://AUTHORITY/app.bsky.feed.post/RKEY.
struct PostUri {
  std::string authority;  ///< a DID, or a lower-cased handle
  std::string rkey;

  bool by_did() const { return authority.starts_with("did:"); }
  std::string at_uri() const {
    return "at://" + authority + "/" + std::string(kPostCollection) + "/" + rkey;
  }
};

std::optional<PostUri> parse_post_uri(std::string_view text) {
  text = trim_ascii(text);
  constexpr std::string_view kScheme = "at://";
  if (!text.starts_with(kScheme)) return std::nullopt;
  text.remove_prefix(kScheme.size());
  const std::size_t first = text.find('/');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (text.substr(first + 1, second - first - 1) != kPostCollection) return std::nullopt;
  const std::string_view rkey = text.substr(second + 1);
  std::optional<std::string> authority = read_authority(text.substr(0, first));
  if (!authority || !is_record_key(rkey)) return std::nullopt;
  return PostUri{std::move(*authority), std::string(rkey)};
}

/// The `$type` of a union member, "" when it has none.
std::string type_of(const json& value) {
  return value.is_object() ? text_field(value, "$type") : std::string();
}

/// A byte offset of a facet: a non-negative integer; nullopt for anything else.
std::optional<std::size_t> byte_offset(const json& slice, const char* key) {
  const auto found = slice.find(key);
  if (found == slice.end()) return std::nullopt;
  if (found->is_number_unsigned()) {
    const auto value = found->get<std::uint64_t>();
    if (value > SIZE_MAX) return std::nullopt;
    return static_cast<std::size_t>(value);
  }
  if (found->is_number_integer() && found->get<std::int64_t>() >= 0) {
    return static_cast<std::size_t>(found->get<std::int64_t>());
  }
  return std::nullopt;
}

/// True when `offset` falls between two UTF-8 characters of `text` (or at its end).
bool at_character_boundary(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return offset == text.size();
  const auto byte = static_cast<unsigned char>(text[offset]);
  return byte < 0x80 || byte > 0xBF;
}

/// Plain text as HTML: escaped, each line break (LF or CRLF) a <br>.
void append_text(std::string_view text, std::string& html) {
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (newline != std::string_view::npos && line.ends_with('\r')) line.remove_suffix(1);
    html += escape_html(line);
    if (newline == std::string_view::npos) break;
    html += "<br>";
    text.remove_prefix(newline + 1);
  }
}

/// One facet that applies: a byte range of the text and where it links to.
struct Facet {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string href;
  std::string tag;  ///< the hashtag it names, "" for a link or a mention
};

[[noreturn]] void throw_wrong_shape(const Document& document, const std::string& expected,
                                    const json& root, const char* wanted_member) {
  throw ParseError(answer_source(document) + ": not " + expected + " (JSON " + kind_of(root) +
                   (root.is_object() ? std::string(" without ") + wanted_member : "") + ")");
}

/// `url` with its `cursor` query parameter (if any) replaced by `cursor`, its fragment left out.
std::string with_cursor(std::string_view url, std::string_view cursor) {
  url = url.substr(0, url.find('#'));
  const std::size_t question = url.find('?');
  std::string result(url.substr(0, question));
  std::string query;
  if (question != std::string_view::npos) {
    std::string_view rest = url.substr(question + 1);
    while (!rest.empty()) {
      const std::size_t amp = rest.find('&');
      const std::string_view pair = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      if (pair.empty() || pair == "cursor" || pair.starts_with("cursor=")) continue;
      if (!query.empty()) query += '&';
      query += pair;
    }
  }
  if (!query.empty()) query += '&';
  return result + "?" + query + "cursor=" + percent_encode(cursor);
}

/// Reads posts of one answer into Entries: the page a post has on the site, its author, its
/// text with facets.
class PostReader {
 public:
  PostReader(const std::string& site, const Document& document, std::vector<std::string>& warnings)
      : site_(site), document_(document), warnings_(warnings) {}

  std::string page_url(const std::string& account, const std::string& rkey) const {
    return site_ + "/profile/" + account + "/post/" + rkey;
  }

  /// What names the author in page URLs: the handle, else (handle.invalid, none) the DID, else
  /// the account the at-uri names.
  static std::string account_of(const json& post, const PostUri& uri) {
    if (const json* author = object_member(post, "author")) {
      if (const std::string handle = text_field(*author, "handle");
          is_handle(handle) && !iequals(handle, kInvalidHandle)) {
        return lower(handle);
      }
      if (std::string did = text_field(*author, "did"); is_did(did)) return did;
    }
    return uri.authority;
  }

  /// The Entry of a postView whose at-uri is `uri`; `named` names it in warnings.
  Entry entry_of(const json& post, const PostUri& uri, const std::string& named) {
    Entry entry;
    const std::string account = account_of(post, uri);
    entry.id = entry.link = page_url(account, uri.rkey);
    entry.authors.push_back(author_of(post, account));

    const json* record = object_member(post, "record");
    static const json kNoRecord = json::object();
    if (record == nullptr) record = &kNoRecord;
    entry.published = read_date(*record, "createdAt", named);
    if (!entry.published) entry.published = read_date(post, "indexedAt", named);

    std::vector<std::string> linked;
    entry.content = rich_text(*record, named, linked, entry.categories);
    if (const json* external = external_of(post, *record)) {
      const std::string href = text_field(*external, "uri");
      if (is_http_url(href) && std::find(linked.begin(), linked.end(), href) == linked.end()) {
        const std::string title = text_field(*external, "title");
        entry.content += "<p><a href=\"" + escape_html(href) + "\">" +
                         escape_html(title.empty() ? href : title) + "</a></p>";
      }
    }
    entry.comment_count = count_field(post, "replyCount");
    entry.likes = count_field(post, "likeCount");
    entry.reposts = count_field(post, "repostCount");
    return entry;
  }

  void note(const std::string& what) {
    warnings_.push_back(answer_source(document_) + ": " + what);
  }

 private:
  Author author_of(const json& post, const std::string& account) const {
    Author author;
    const json* view = object_member(post, "author");
    if (view != nullptr) author.name = text_field(*view, "displayName");
    if (author.name.empty()) author.name = account;
    author.uri = site_ + "/profile/" + account;
    if (view != nullptr) {
      if (std::string avatar = text_field(*view, "avatar"); is_http_url(avatar)) {
        author.avatar = std::move(avatar);
      }
    }
    // A handle that is a domain of its own is one the account proved (DNS or well-known file)
    // and the AppView checked: that domain is the person's.
    if (!account.starts_with("did:") && !account.ends_with(".bsky.social") &&
        account != kInvalidHandle) {
      author.verified.push_back("https://" + account + "/");
    }
    return author;
  }

  std::optional<UnixTime> read_date(const json& object, const char* key, const std::string& named) {
    const std::string text = text_field(object, key);
    if (text.empty()) return std::nullopt;
    if (const std::optional<UnixTime> time = parse_date(text)) return time;
    note(named + " has an unreadable " + key + " " + quote(text) + "; read without it");
    return std::nullopt;
  }

  /// The external link card a post embeds: the view the AppView built (also as the media of a
  /// quote with media), else the record's own embed.
  static const json* external_of(const json& post, const json& record) {
    if (const json* external =
            external_in(object_member(post, "embed"), kExternalView, kRecordWithMediaView)) {
      return external;
    }
    return external_in(object_member(record, "embed"), kExternalRecord, kRecordWithMediaRecord);
  }

  /// The `external` of an embed of type `own`, or of the media of one of type `with_media`.
  static const json* external_in(const json* embed, std::string_view own,
                                 std::string_view with_media) {
    if (embed != nullptr && type_of(*embed) == with_media) embed = object_member(*embed, "media");
    if (embed == nullptr || type_of(*embed) != own) return nullptr;
    return object_member(*embed, "external");
  }

  /// record.text as HTML with its facets applied as links; `linked` gets the URLs linked,
  /// `tags` the hashtags (once each).
  std::string rich_text(const json& record, const std::string& named,
                        std::vector<std::string>& linked, std::vector<std::string>& tags) {
    std::string text;
    if (const auto value = record.find("text"); value != record.end() && value->is_string()) {
      text = value->get<std::string>();
    }
    std::vector<Facet> facets;
    std::size_t ignored = 0;
    if (const json* list = array_member(record, "facets")) {
      for (const json& facet : *list) {
        std::optional<Facet> read = read_facet(facet, text);
        if (read) {
          facets.push_back(std::move(*read));
        } else {
          ++ignored;
        }
      }
    }
    std::stable_sort(facets.begin(), facets.end(),
                     [](const Facet& a, const Facet& b) { return a.start < b.start; });
    std::string html;
    std::size_t written = 0;
    for (const Facet& facet : facets) {
      if (facet.start < written) {  // over the facet before it
        ++ignored;
        continue;
      }
      append_text(std::string_view(text).substr(written, facet.start - written), html);
      html += "<a href=\"" + escape_html(facet.href) + "\">";
      append_text(std::string_view(text).substr(facet.start, facet.end - facet.start), html);
      html += "</a>";
      written = facet.end;
      if (facet.tag.empty()) {
        linked.push_back(facet.href);
      } else if (std::find(tags.begin(), tags.end(), facet.tag) == tags.end()) {
        tags.push_back(facet.tag);
      }
    }
    append_text(std::string_view(text).substr(written), html);
    if (ignored > 0) {
      note(named + " has " + std::to_string(ignored) + (ignored == 1 ? " facet" : " facets") +
           " with no link, or a byte range outside its text, inside a character or over "
           "another facet; shown as plain text");
    }
    return html;
  }

  /// A facet that applies to `text`: a byte range on character boundaries and the first
  /// feature that links somewhere; nullopt otherwise.
  std::optional<Facet> read_facet(const json& facet, std::string_view text) const {
    const json* index = object_member(facet, "index");
    const json* features = array_member(facet, "features");
    if (index == nullptr || features == nullptr) return std::nullopt;
    const std::optional<std::size_t> start = byte_offset(*index, "byteStart");
    const std::optional<std::size_t> end = byte_offset(*index, "byteEnd");
    if (!start || !end || *start >= *end || *end > text.size() ||
        !at_character_boundary(text, *start) || !at_character_boundary(text, *end)) {
      return std::nullopt;
    }
    for (const json& feature : *features) {
      const std::string type = type_of(feature);
      if (type == kLinkFeature) {
        if (std::string uri = text_field(feature, "uri"); is_http_url(uri)) {
          return Facet{*start, *end, std::move(uri), {}};
        }
      } else if (type == kMentionFeature) {
        if (const std::string did = text_field(feature, "did"); is_did(did)) {
          return Facet{*start, *end, site_ + "/profile/" + did, {}};
        }
      } else if (type == kTagFeature) {
        const std::string written = text_field(feature, "tag");
        std::string_view tag = written;  // text_field trims it
        while (tag.starts_with('#')) tag.remove_prefix(1);
        if (!tag.empty()) {
          return Facet{*start, *end, site_ + "/hashtag/" + percent_encode(tag), std::string(tag)};
        }
      }
    }
    return std::nullopt;
  }

  const std::string& site_;
  const Document& document_;
  std::vector<std::string>& warnings_;
};

/// Walks the replies of a getPostThread answer, iteratively, parents before their replies.
class ReplyWalker {
 public:
  ReplyWalker(PostReader& posts, PlatformThread& result, const std::string& story_id)
      : posts_(posts), result_(result) {
    used_ids_.insert(story_id);
  }

  void walk(const json& top, const std::string& story_id) {
    push_replies(top, story_id, false, "the post");
    std::size_t index = 0;
    while (!stack_.empty()) {
      const Pending item = std::move(stack_.back());
      stack_.pop_back();
      read(*item.node, item.parent, item.reparented, "reply " + std::to_string(++index));
    }
    if (reparented_ > 0) {
      posts_.note(std::to_string(reparented_) + (reparented_ == 1 ? " reply" : " replies") +
                  " to deleted or blocked posts hung under the nearest post above");
    }
  }

 private:
  struct Pending {
    const json* node;
    std::string parent;
    bool reparented;  ///< its parent is not the post it replied to (that one was not read)
  };

  void read(const json& node, const std::string& parent, bool reparented, const std::string& at) {
    if (!node.is_object()) {
      posts_.note(at + " is " + kind_of(node) + ", not a thread view; skipped");
      return;
    }
    const std::string type = type_of(node);
    if (type == kNotFoundPost || type == kBlockedPost) {
      ++result_.deleted;
      push_replies(node, parent, true, at);
      return;
    }
    const json* post = object_member(node, "post");
    if ((!type.empty() && type != kThreadViewPost) || post == nullptr) {
      posts_.note(at +
                  (type.empty() || type == kThreadViewPost
                       ? std::string(" has no \"post\" object")
                       : " is of the type " + quote(type) + ", not a thread view") +
                  "; skipped, its replies hung above it");
      push_replies(node, parent, reparented, at);
      return;
    }
    const std::string uri_text = text_field(*post, "uri");
    const std::optional<PostUri> uri = parse_post_uri(uri_text);
    if (!uri) {
      posts_.note(at + " has " +
                  (uri_text.empty() ? std::string("no at-uri") : "the uri " + quote(uri_text)) +
                  ", not a post's at-uri; skipped, its replies hung above it");
      push_replies(node, parent, reparented, at);
      return;
    }
    if (hidden_from_public(*post)) {
      ++result_.deleted;
      push_replies(node, parent, true, at);
      return;
    }
    Entry entry = posts_.entry_of(*post, *uri, at);
    if (!used_ids_.insert(entry.id).second) {
      posts_.note(at + " (" + uri->rkey + ") repeats the page of a post read before; skipped, " +
                  "its replies hung above it");
      push_replies(node, parent, reparented, at);
      return;
    }
    if (reparented) ++reparented_;
    entry.in_reply_to.push_back(InReplyTo{parent, parent});
    push_replies(node, entry.id, false, at);
    result_.comments.push_back(std::move(entry));
  }

  /// Puts the replies of `node` on the stack, the first on top, under `parent`.
  void push_replies(const json& node, const std::string& parent, bool reparented,
                    const std::string& at) {
    const auto replies = node.find("replies");
    if (replies == node.end() || replies->is_null()) return;
    if (!replies->is_array()) {
      posts_.note(at + " has " + kind_of(*replies) + " as its replies, not a list; left out");
      return;
    }
    for (auto reply = replies->rbegin(); reply != replies->rend(); ++reply) {
      stack_.push_back(Pending{&*reply, parent, reparented});
    }
  }

  PostReader& posts_;
  PlatformThread& result_;
  std::vector<Pending> stack_;
  std::unordered_set<std::string> used_ids_;
  std::size_t reparented_ = 0;
};

class BlueskyPlatform final : public Platform {
 public:
  explicit BlueskyPlatform(const PlatformEndpoints& endpoints)
      : api_(base_or(endpoints.api, kPublicApi)),
        site_(base_or(endpoints.site, kPublicSite)),
        site_origin_(origin_of(site_)) {}

  std::string_view name() const override { return "bluesky"; }
  std::string_view label() const override { return "Bluesky"; }

  std::optional<PlatformThreadRef> thread_of(std::string_view url) const override {
    const std::optional<std::vector<std::string>> segments = page_segments(url);
    if (!segments || segments->size() != 4 || (*segments)[0] != "profile" ||
        (*segments)[2] != "post" || !is_record_key((*segments)[3])) {
      return std::nullopt;
    }
    const std::optional<std::string> account = page_account((*segments)[1]);
    if (!account) return std::nullopt;
    const PostUri uri{*account, std::string((*segments)[3])};
    return PlatformThreadRef{uri.at_uri(), page_url(uri.authority, uri.rkey), ""};
  }

  std::string lookup_url(std::string_view /*url*/, std::string_view /*instance*/) const override {
    return {};  // the public AppView searches posts for signed-in accounts only
  }

  std::vector<PlatformThreadRef> read_lookup(const Document& /*document*/) const override {
    return {};
  }

  std::string thread_api_url(const PlatformThreadRef& thread) const override {
    const std::optional<PostUri> uri = thread_uri(thread);
    if (!uri) return {};
    if (!uri->by_did()) {
      return api_ +
             "/xrpc/com.atproto.identity.resolveHandle?handle=" + percent_encode(uri->authority);
    }
    return api_ + "/xrpc/app.bsky.feed.getPostThread?uri=" + percent_encode(uri->at_uri()) +
           "&depth=" + std::to_string(kThreadDepth) + "&parentHeight=0";
  }

  PlatformThread read_thread(const Document& document,
                             const PlatformThreadRef& thread) const override {
    PlatformThread result;
    std::optional<PostUri> asked = thread_uri(thread);
    if (!asked) asked = parse_post_uri(percent_decode(query_parameter(document.url, "uri")));
    if (!asked) {
      throw ParseError(answer_source(document) + ": cannot tell which Bluesky post it is about");
    }
    if (!asked->by_did()) return read_resolution(document, thread, *asked);

    const std::string expected = "a Bluesky post thread";
    const json root = read_answer(document, "Bluesky", expected, &result.warnings);
    const json* top = object_member(root, "thread");
    if (top == nullptr) throw_wrong_shape(document, expected, root, "a \"thread\" object");
    const std::string type = type_of(*top);
    if (type == kNotFoundPost || type == kBlockedPost) {
      std::string uri = text_field(*top, "uri");
      if (uri.empty()) uri = asked->at_uri();
      throw ParseError(answer_source(document) + ": the Bluesky post " + quote(uri) + " is " +
                       (type == kNotFoundPost ? "not found (deleted, or never was)"
                                              : "blocked (its author blocks readers or is "
                                                "blocked)"));
    }
    const json* post = object_member(*top, "post");
    if ((!type.empty() && type != kThreadViewPost) || post == nullptr) {
      throw ParseError(answer_source(document) + ": not " + expected + " (its thread is " +
                       (type.empty() || type == kThreadViewPost
                            ? std::string("an object without a \"post\"")
                            : "of the type " + quote(type)) +
                       ")");
    }
    const std::string answered_text = text_field(*post, "uri");
    const std::optional<PostUri> answered = parse_post_uri(answered_text);
    if (!answered) {
      result.warnings.push_back(
          answer_source(document) + ": the post has " +
          (answered_text.empty() ? std::string("no at-uri") : "the uri " + quote(answered_text)) +
          "; read as " + asked->at_uri());
    } else if (answered->at_uri() != asked->at_uri()) {
      throw ParseError(answer_source(document) + ": Bluesky answered with the post " +
                       quote(answered->at_uri()) + ", not " + quote(asked->at_uri()));
    }

    if (hidden_from_public(*post)) {
      throw ParseError(answer_source(document) + ": the author of " + quote(asked->at_uri()) +
                       " asks not to be shown to readers without an account (" +
                       std::string(kNoUnauthenticated) + "); the thread is not read");
    }
    PostReader posts(site_, document, result.warnings);
    const json* record = object_member(*post, "record");
    if (const json* reply = record != nullptr ? object_member(*record, "reply") : nullptr) {
      if (std::optional<PostUri> root_uri = thread_root(*reply, *asked, posts)) {
        result.instead = PlatformThreadRef{root_uri->at_uri(),
                                           page_url(root_uri->authority, root_uri->rkey), ""};
        return result;
      }
    }
    Entry story = posts.entry_of(*post, *asked, "the post");
    const std::string story_id = story.id;
    result.story = std::move(story);
    ReplyWalker(posts, result, story_id).walk(*top, story_id);
    return result;
  }

  PlatformThread read_more(const Document& /*document*/,
                           const PlatformThreadRef& /*thread*/) const override {
    return {};  // getPostThread answers the whole thread at once
  }

  std::string listing_api_url(std::string_view url) const override {
    const std::optional<std::vector<std::string>> segments = page_segments(url);
    if (!segments || segments->size() != 2 || (*segments)[0] != "profile") return {};
    const std::optional<std::string> account = page_account((*segments)[1]);
    if (!account) return {};
    return api_ + "/xrpc/app.bsky.feed.getAuthorFeed?actor=" + percent_encode(*account) +
           "&limit=" + std::to_string(kFeedLimit) + "&filter=posts_no_replies";
  }

  PlatformListing read_listing(const Document& document) const override {
    const std::string expected = "a Bluesky author feed";
    PlatformListing listing;
    const json root = read_answer(document, "Bluesky", expected, &listing.warnings);
    const json* feed = array_member(root, "feed");
    if (feed == nullptr) throw_wrong_shape(document, expected, root, "a \"feed\" list");
    const auto note = [&](const std::string& what) {
      listing.warnings.push_back(answer_source(document) + ": " + what);
    };
    std::unordered_set<std::string> seen;
    for (std::size_t index = 0; index < feed->size(); ++index) {
      const json& item = (*feed)[index];
      const std::string at = "item " + std::to_string(index + 1);
      const json* post = object_member(item, "post");
      if (post == nullptr) {
        note(at +
             (item.is_object() ? std::string(" has no \"post\" object")
                               : " is " + kind_of(item) + ", not a feed item") +
             "; skipped");
        continue;
      }
      if (const json* reason = object_member(item, "reason");
          reason != nullptr && type_of(*reason) == kReasonRepost) {
        continue;  // someone else's post, reposted: not a thread of this profile
      }
      const std::string uri_text = text_field(*post, "uri");
      const std::optional<PostUri> uri = parse_post_uri(uri_text);
      if (!uri) {
        note(at + " has " +
             (uri_text.empty() ? std::string("no at-uri") : "the uri " + quote(uri_text)) +
             ", not a post's at-uri; skipped");
        continue;
      }
      std::string id = uri->at_uri();
      if (!seen.insert(id).second) continue;
      listing.threads.push_back(PlatformThreadRef{
          std::move(id), page_url(PostReader::account_of(*post, *uri), uri->rkey), ""});
    }
    const std::string cursor = text_field(root, "cursor");
    if (!cursor.empty() && !feed->empty() && !document.url.empty()) {
      std::string next = with_cursor(document.url, cursor);
      if (next == document.url) {
        note("the next page's cursor is this page's own; no further page read");
      } else {
        listing.next = std::move(next);
      }
    }
    return listing;
  }

 private:
  static std::string base_or(std::string_view configured, std::string_view fallback) {
    std::string base = endpoint_base(configured);
    return base.empty() ? std::string(fallback) : base;
  }

  std::string page_url(const std::string& account, const std::string& rkey) const {
    return site_ + "/profile/" + account + "/post/" + rkey;
  }

  /// The segments of the path of a page on bsky.app or the configured site (a trailing '/', the
  /// query and the fragment left out); nullopt for another site, an empty segment, no path.
  std::optional<std::vector<std::string>> page_segments(std::string_view url) const {
    const std::optional<std::string> origin = origin_of(url);
    if (!origin) return std::nullopt;
    const bool public_site = *origin == "https://" + std::string(kPublicHost) ||
                             *origin == "http://" + std::string(kPublicHost);
    if (!public_site && origin != site_origin_) return std::nullopt;
    const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
    std::string_view path = parts->path;
    if (!path.starts_with('/')) return std::nullopt;
    path.remove_prefix(1);
    if (path.ends_with('/')) path.remove_suffix(1);
    std::vector<std::string> segments;
    while (true) {
      const std::size_t slash = path.find('/');
      const std::string_view segment = path.substr(0, slash);
      if (segment.empty()) return std::nullopt;
      segments.emplace_back(segment);
      if (segments.size() > 4) return std::nullopt;
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash + 1);
    }
    return segments;
  }

  /// The account a page path names: a handle, or a DID (percent-encoded in some links).
  static std::optional<std::string> page_account(std::string_view segment) {
    if (segment.starts_with("did:")) return read_authority(segment);
    return read_authority(percent_decode(segment));
  }

  /// The post a thread reference names: its at-uri, else its page URL.
  std::optional<PostUri> thread_uri(const PlatformThreadRef& thread) const {
    if (std::optional<PostUri> uri = parse_post_uri(thread.id)) return uri;
    if (const std::optional<PlatformThreadRef> page = thread_of(thread.url)) {
      return parse_post_uri(page->id);
    }
    return std::nullopt;
  }

  /// A handle resolved: {"did": "did:plc:…"}; the thread is to be read again by DID.
  PlatformThread read_resolution(const Document& document, const PlatformThreadRef& thread,
                                 const PostUri& asked) const {
    const std::string expected = "a Bluesky handle resolution";
    PlatformThread result;
    const json root = read_answer(document, "Bluesky", expected, &result.warnings);
    if (!root.is_object() || root.find("did") == root.end()) {
      throw_wrong_shape(document, expected, root, "a \"did\"");
    }
    const std::string did = text_field(root, "did");
    if (!is_did(did)) {
      throw ParseError(answer_source(document) + ": not " + expected + " (its did is " +
                       kind_of(root.at("did")) + ")");
    }
    const PostUri resolved{did, asked.rkey};
    std::string url = thread.url;
    if (url.empty()) url = page_url(asked.authority, asked.rkey);
    result.instead = PlatformThreadRef{resolved.at_uri(), std::move(url), ""};
    return result;
  }

  /// The root of the thread a reply belongs to (else its parent), when it is another post;
  /// nullopt, with a warning, when the reply names none (it is then read as the story).
  static std::optional<PostUri> thread_root(const json& reply, const PostUri& asked,
                                            PostReader& posts) {
    for (const char* key : {"root", "parent"}) {
      const json* ref = object_member(reply, key);
      if (ref == nullptr) continue;
      std::optional<PostUri> uri = parse_post_uri(text_field(*ref, "uri"));
      if (uri && uri->at_uri() != asked.at_uri()) {
        if (std::string_view(key) == "parent") {
          posts.note(
              "the post is a reply whose root is no other post's at-uri; its parent is "
              "read instead");
        }
        return uri;
      }
    }
    posts.note(
        "the post is a reply, but names no other post as its root or parent; read as "
        "the story");
    return std::nullopt;
  }

  std::string api_;
  std::string site_;
  std::optional<std::string> site_origin_;
};

}  // namespace

std::unique_ptr<Platform> make_bluesky_platform(PlatformEndpoints endpoints) {
  return std::make_unique<BlueskyPlatform>(endpoints);
}

}  // namespace confab
