#include "platforms/discourse.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <map>
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

/// Discourse's own slug for a topic whose title gives none (its URLs then read /t/topic/ID).
constexpr std::string_view kBlankSlug = "topic";
/// The avatar size asked for: what the theme shows, twice over for sharp screens.
constexpr std::string_view kAvatarSize = "96";
/// post_type of a "closed the topic" / "split this topic" line, and of a staff-only whisper.
constexpr std::uint64_t kSmallActionType = 2;
constexpr std::uint64_t kWhisperType = 4;

/// "https://forum.example.com" of any http(s) URL on it (host lower-cased, port kept); "" for
/// anything else.
std::string origin_of(std::string_view url) {
  const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
  if (!parts || (parts->scheme != "http" && parts->scheme != "https") || parts->host.empty()) {
    return {};
  }
  return parts->scheme + "://" + lower(parts->host) +
         (parts->port.empty() ? "" : ":" + parts->port);
}

bool is_decimal(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

/// `text` fit for one path segment: unreserved bytes and well-formed %XX escapes as written (a
/// slug from a URL is already escaped, and Discourse's "encoded" slugs are too), every other byte
/// escaped, '/' included.
std::string path_segment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else if (c == '%' && i + 2 < text.size() && digit_value(text[i + 1], true) >= 0 &&
               digit_value(text[i + 2], true) >= 0) {
      out += text.substr(i, 3);
      i += 2;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  return out;
}

/// A slug as a topic URL's segment; "" when it gives none ("", ".", "..": segments a URL
/// resolver would eat).
std::string slug_segment(std::string_view slug) {
  std::string segment = path_segment(trim_ascii(slug));
  if (segment.find_first_not_of('.') == std::string::npos) return {};
  return segment;
}

/// "{instance}/t/SLUG/ID", the topic's page: the story's id.
std::string topic_page(std::string_view instance, std::string_view slug, std::string_view id) {
  return std::string(instance) + "/t/" + std::string(slug.empty() ? kBlankSlug : slug) + "/" +
         std::string(id);
}

/// A positive whole number as read_id reads one (a number, or digits in a string).
std::optional<std::uint64_t> read_number(const json& value) {
  const std::optional<std::string> digits = read_id(value);
  if (!digits) return std::nullopt;
  std::uint64_t number = 0;
  const auto [end, error] =
      std::from_chars(digits->data(), digits->data() + digits->size(), number);
  if (error != std::errc() || end != digits->data() + digits->size()) return std::nullopt;
  return number;
}

/// What the path of a topic page names: /t/SLUG/ID, /t/SLUG/ID/N, /t/ID, /t/ID/N.
struct TopicPath {
  std::string slug;  ///< as a path segment; "" when the URL gives none
  std::string id;
};

std::optional<TopicPath> parse_topic_path(std::string_view path) {
  if (!path.starts_with("/t/")) return std::nullopt;
  path.remove_prefix(3);
  if (path.ends_with('/')) path.remove_suffix(1);
  std::vector<std::string_view> segments;
  while (segments.size() <= 3) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (segments.back().empty()) return std::nullopt;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  // Discourse never makes a slug of digits alone (it would read as an id), so /t/12/3 is topic
  // 12 at post 3, and a slug is never numeric.
  std::string_view slug, id;
  if (segments.size() == 1 && is_decimal(segments[0])) {
    id = segments[0];
  } else if (segments.size() == 2 && is_decimal(segments[0]) && is_decimal(segments[1])) {
    id = segments[0];
  } else if ((segments.size() == 2 || segments.size() == 3) && !is_decimal(segments[0]) &&
             is_decimal(segments[1]) && (segments.size() == 2 || is_decimal(segments[2]))) {
    slug = segments[0];
    id = segments[1];
  } else {
    return std::nullopt;
  }
  std::optional<std::string> topic_id = decimal_id(id);
  if (!topic_id) return std::nullopt;
  return TopicPath{slug_segment(slug), std::move(*topic_id)};
}

/// Why `body` is no JSON, in words.
std::string unreadable(std::string_view body) {
  const std::string_view text = trim_ascii(body);
  if (text.empty()) return "an empty body";
  if (text.front() == '<') return "an HTML page, not JSON";
  return "unreadable or truncated JSON";
}

/// The answer's JSON, or ParseError naming the URL when it is none or Discourse's error object
/// ({"errors":["…"],"error_type":"not_found"}). `what` says what was expected.
JsonDocument parse_answer(const Document& document, std::string_view what) {
  JsonDocument parsed = read_json_document(document.body);
  if (parsed.root.is_discarded()) {
    throw ParseError(answer_source(document) + ": not " + std::string(what) + " (" +
                     unreadable(document.body) + ")");
  }
  if (parsed.root.is_object()) {
    if (const auto errors = parsed.root.find("errors"); errors != parsed.root.end()) {
      std::string message =
          answer_source(document) + ": Discourse answered with an error, not " + std::string(what);
      std::string first;
      if (errors->is_string()) first = errors->get<std::string>();
      if (errors->is_array() && !errors->empty() && errors->front().is_string()) {
        first = errors->front().get<std::string>();
      }
      if (!first.empty()) message += ": " + quote(first);
      if (const std::string type = text_field(parsed.root, "error_type"); !type.empty()) {
        message += " (error_type " + quote(type) + ")";
      }
      throw ParseError(message);
    }
  }
  return parsed;
}

std::string capped_warning(const Document& document) {
  return answer_source(document) + ": JSON nested deeper than " + std::to_string(kJsonNestingCap) +
         " levels; what lies deeper was left out";
}

/// post_stream.posts of a topic or posts answer; nullptr when the answer has none.
const json* posts_of(const json& root) {
  if (!root.is_object()) return nullptr;
  const auto stream = root.find("post_stream");
  if (stream == root.end() || !stream->is_object()) return nullptr;
  const auto posts = stream->find("posts");
  if (posts == stream->end() || !posts->is_array()) return nullptr;
  return &*posts;
}

/// The slug the posts of an answer give their topic (topic_slug, else their post_url).
std::string slug_from_posts(const json& posts, std::string_view topic_id) {
  for (const json& post : posts) {
    if (!post.is_object()) continue;
    if (std::string slug = slug_segment(text_field(post, "topic_slug")); !slug.empty()) {
      return slug;
    }
    const std::string post_url = text_field(post, "post_url");
    const std::string_view path =
        std::string_view(post_url).substr(0, post_url.find_first_of("?#"));
    if (const auto named = parse_topic_path(path); named && named->id == topic_id) {
      if (!named->slug.empty()) return named->slug;
    }
  }
  return {};
}

/// The slug a thread ref's URL gives, when it names the same topic.
std::string slug_from_ref(const PlatformThreadRef& thread, std::string_view topic_id) {
  const std::optional<UrlParts> parts = parse_url(trim_ascii(thread.url));
  if (!parts) return {};
  const auto named = parse_topic_path(parts->path);
  return named && named->id == topic_id ? named->slug : std::string();
}

/// The refs of a topic list (search answers and category pages list topics alike).
std::vector<PlatformThreadRef> topic_refs(const json& root, const char* key,
                                          const std::string& instance) {
  std::vector<PlatformThreadRef> refs;
  const auto topics = root.find(key);
  if (topics == root.end() || !topics->is_array()) return refs;
  std::unordered_set<std::string> seen;
  for (const json& topic : *topics) {
    if (!topic.is_object()) continue;
    const auto id_value = topic.find("id");
    if (id_value == topic.end()) continue;
    std::optional<std::string> id = read_id(*id_value);
    if (!id || !seen.insert(*id).second) continue;
    PlatformThreadRef ref;
    ref.url = topic_page(instance, slug_segment(text_field(topic, "slug")), *id);
    ref.id = std::move(*id);
    ref.instance = instance;
    refs.push_back(std::move(ref));
  }
  return refs;
}

/// The topic an answer is read for: where its pages are, and its page URL every id starts with.
struct Topic {
  std::string where;     ///< the answer's URL, for messages
  std::string instance;  ///< pages' origin
  std::string id;
  std::string url;  ///< {instance}/t/SLUG/ID
};

/// A field that says yes: true, a time, any text; not false, null, "" or absent.
bool is_set(const json& post, const char* key) {
  const auto value = post.find(key);
  if (value == post.end() || value->is_null()) return false;
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_string()) return !trim_ascii(value->get_ref<const std::string&>()).empty();
  return true;
}

/// deleted_at is a time when a post is deleted; user_deleted marks one its author withdrew
/// ("post deleted by author"); hidden, one flagged away. None shows its text.
bool is_deleted(const json& post) {
  return is_set(post, "deleted_at") || is_set(post, "user_deleted") || is_set(post, "hidden");
}

/// The facts of one post of an answer that parents need.
struct PostFacts {
  std::size_t index = 0;  ///< in the answer's posts
  bool shown = true;      ///< false: deleted, hidden, or no comment (a small action, a whisper)
  bool deleted = false;
  /// The post number it replies to (below its own); nullopt for the story.
  std::optional<std::uint64_t> parent;
  /// Where it hangs: `parent`, or, past posts not shown, their nearest shown ancestor.
  std::optional<std::uint64_t> anchor;
  bool reparented = false;
};

/// What read_posts found besides the comments.
struct PostsRead {
  std::optional<std::size_t> first_post;  ///< index of post number 1, when read as the story
  std::unordered_set<std::string> ids;    ///< every post id the answer holds
};

class PostsReader {
 public:
  PostsReader(const Topic& topic, PlatformThread& out) : topic_(topic), out_(out) {}

  /// Reads the posts of one answer into comments; `holds_story` for the topic's first answer.
  PostsRead read(const json& posts, bool holds_story) {
    PostsRead read;
    std::map<std::uint64_t, PostFacts> by_number;
    for (std::size_t index = 0; index < posts.size(); ++index) {
      const json& post = posts[index];
      const std::string at = "post " + std::to_string(index + 1);
      if (!post.is_object()) {
        skip(at, "is " + kind_of(post) + ", not a post object");
        continue;
      }
      if (const auto id = post.find("id"); id != post.end()) {
        if (auto value = read_id(*id)) read.ids.insert(std::move(*value));
      }
      const auto number_value = post.find("post_number");
      if (number_value == post.end()) {
        skip(at, "has no \"post_number\"");
        continue;
      }
      const std::optional<std::uint64_t> number = read_number(*number_value);
      if (!number) {
        skip(at, "has " + kind_of(*number_value) + " as its post number");
        continue;
      }
      const std::string named = "post #" + std::to_string(*number);
      if (const auto topic_id = post.find("topic_id");
          topic_id != post.end() && !topic_id->is_null() && read_id(*topic_id) != topic_.id) {
        skip(named, "belongs to topic " + kind_of(*topic_id) + ", not to topic " + topic_.id);
        continue;
      }
      const auto [facts, inserted] = by_number.try_emplace(*number);
      if (!inserted) {
        skip(named, "repeats a post number read before");
        continue;
      }
      facts->second.index = index;
      if (*number == 1) {
        // The story: whatever it replies to, everything at 1 hangs under the topic itself.
        if (holds_story) {
          read.first_post = index;
        } else {
          skip(named, "is the topic's first post, read with the topic");
        }
        continue;
      }
      read_state(post, facts->second);
      read_parent(post, *number, named, facts->second);
    }

    // Ascending post numbers: a parent is always an earlier post, so it is resolved first, and
    // a chain of deleted posts costs one step per post.
    std::size_t reparented = 0;
    for (auto& [number, facts] : by_number) {
      facts.anchor = facts.parent;
      if (!facts.parent) continue;
      const auto parent = by_number.find(*facts.parent);
      if (parent != by_number.end() && !parent->second.shown) {
        facts.anchor = parent->second.anchor;
        facts.reparented = true;
      }
    }
    for (const auto& [number, facts] : by_number) {
      if (number == 1) continue;
      if (!facts.shown) {
        if (facts.deleted) ++out_.deleted;
        continue;
      }
      if (facts.reparented) ++reparented;
      out_.comments.push_back(comment(posts[facts.index], number, facts.anchor));
    }
    if (reparented > 0) {
      out_.warnings.push_back(topic_.where + ": " + std::to_string(reparented) +
                              (reparented == 1 ? " reply" : " replies") +
                              " to deleted or hidden posts hung under the nearest post shown");
    }
    return read;
  }

  /// The post's author: {username, "", profile page, avatar}; nullopt when it names none.
  std::optional<Author> author(const json& post) const {
    const std::string username = text_field(post, "username");
    if (username.empty()) return std::nullopt;
    Author author{username, {}, topic_.instance + "/u/" + percent_encode(username)};
    std::string avatar = text_field(post, "avatar_template");
    for (std::size_t at = avatar.find("{size}"); at != std::string::npos;
         at = avatar.find("{size}", at + kAvatarSize.size())) {
      avatar.replace(at, 6, kAvatarSize);
    }
    if (!avatar.empty()) {
      avatar = resolve_url(topic_.instance + "/", avatar);
      if (is_http_url(avatar)) author.avatar = std::move(avatar);
    }
    return author;
  }

  /// A time field (ISO 8601, as Discourse writes them); a warning when it is no date.
  std::optional<UnixTime> date(const json& object, const char* key, const std::string& named) {
    const std::string text = text_field(object, key);
    if (text.empty()) return std::nullopt;
    if (const auto time = parse_date(text)) return time;
    out_.warnings.push_back(topic_.where + ": " + named + ": unreadable " + key + " " +
                            quote(text) + "; read without it");
    return std::nullopt;
  }

  /// The post's cooked HTML, its relative links (mentions, uploads, emoji) made absolute.
  static std::string content(const json& post, const std::string& page) {
    const auto cooked = post.find("cooked");
    if (cooked == post.end() || !cooked->is_string()) return {};
    return absolutize_html_urls(cooked->get<std::string>(), page);
  }

 private:
  void skip(const std::string& item, const std::string& why) {
    out_.warnings.push_back(topic_.where + ": " + item + " " + why + "; skipped");
  }

  static void read_state(const json& post, PostFacts& facts) {
    if (is_deleted(post)) {
      facts.shown = false;
      facts.deleted = true;
      return;
    }
    std::optional<std::uint64_t> type;
    if (const auto value = post.find("post_type"); value != post.end()) type = read_number(*value);
    if (type == kSmallActionType || type == kWhisperType || is_set(post, "action_code")) {
      facts.shown = false;
    }
  }

  void read_parent(const json& post, std::uint64_t number, const std::string& named,
                   PostFacts& facts) {
    const auto reply = post.find("reply_to_post_number");
    if (reply == post.end() || reply->is_null()) return;
    const std::optional<std::uint64_t> parent = read_number(*reply);
    if (!parent) {
      if (facts.shown) {
        note(named, "replies to " + kind_of(*reply) + ", not a post number; hung under the story");
      }
      return;
    }
    if (*parent >= number) {
      // Only an earlier post can be answered: this also rules out cycles across answers.
      if (facts.shown) {
        note(named, "replies to post #" + std::to_string(*parent) +
                        ", not an earlier post; hung under the story");
      }
      return;
    }
    if (*parent > 1) facts.parent = parent;
  }

  void note(const std::string& item, const std::string& what) {
    out_.warnings.push_back(topic_.where + ": " + item + " " + what);
  }

  Entry comment(const json& post, std::uint64_t number, std::optional<std::uint64_t> anchor) {
    Entry comment;
    comment.id = comment.link = topic_.url + "/" + std::to_string(number);
    if (std::optional<Author> by = author(post)) comment.authors.push_back(std::move(*by));
    const std::string named = "post #" + std::to_string(number);
    comment.published = date(post, "created_at", named);
    if (const auto updated = date(post, "updated_at", named); updated != comment.published) {
      comment.updated = updated;
    }
    comment.content = content(post, comment.link);
    // A parent outside this answer (an earlier page of the topic) is named by its number all
    // the same: ids are URLs built from post numbers.
    const std::string parent = anchor ? topic_.url + "/" + std::to_string(*anchor) : topic_.url;
    comment.in_reply_to.push_back(InReplyTo{parent, parent});
    return comment;
  }

  const Topic& topic_;
  PlatformThread& out_;
};

/// The ids of the topic's stream the answer did not hold, as posts.json requests.
std::vector<std::string> follow_up_urls(const json& root, const PostsRead& read,
                                        const std::string& api, const Topic& topic,
                                        PlatformThread& out) {
  std::vector<std::string> urls;
  const auto stream_parent = root.find("post_stream");
  const auto stream = stream_parent->find("stream");
  if (stream == stream_parent->end() || stream->is_null()) return urls;
  if (!stream->is_array()) {
    out.warnings.push_back(topic.where + ": \"stream\" is " + kind_of(*stream) +
                           ", not a list of post ids; only the posts given were read");
    return urls;
  }
  if (stream->size() > kDiscourseStreamCap) {
    out.warnings.push_back(topic.where + ": the topic lists " + std::to_string(stream->size()) +
                           " posts; confab reads the first " + std::to_string(kDiscourseStreamCap));
  }
  std::unordered_set<std::string> listed;
  std::vector<std::string> missing;
  std::size_t unreadable_ids = 0;
  const std::size_t count = std::min(stream->size(), kDiscourseStreamCap);
  for (std::size_t index = 0; index < count; ++index) {
    std::optional<std::string> id = read_id((*stream)[index]);
    if (!id) {
      ++unreadable_ids;
      continue;
    }
    if (read.ids.count(*id) || !listed.insert(*id).second) continue;
    missing.push_back(std::move(*id));
  }
  if (unreadable_ids > 0) {
    out.warnings.push_back(topic.where + ": " + std::to_string(unreadable_ids) +
                           " entries of \"stream\" are no post ids; skipped");
  }
  if (missing.empty()) return urls;
  if (api.empty()) {
    out.warnings.push_back(topic.where + ": no origin to ask the other " +
                           std::to_string(missing.size()) + " posts from; left out");
    return urls;
  }
  const std::string base = api + "/t/" + topic.id + "/posts.json?";
  for (std::size_t start = 0; start < missing.size(); start += kDiscoursePostsPerRequest) {
    std::string url = base;
    const std::size_t end = std::min(missing.size(), start + kDiscoursePostsPerRequest);
    for (std::size_t index = start; index < end; ++index) {
      url += (index == start ? "" : "&") + std::string("post_ids%5B%5D=") + missing[index];
    }
    urls.push_back(std::move(url));
  }
  return urls;
}

/// The post ids a posts.json URL asks for (post_ids[]=…, brackets escaped or not).
std::vector<std::string> requested_post_ids(std::string_view url) {
  std::vector<std::string> ids;
  url = url.substr(0, url.find('#'));
  const std::size_t question = url.find('?');
  if (question == std::string_view::npos) return ids;
  std::string_view query = url.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view name = pair.substr(0, equals);
    if (iequals(name, "post_ids%5B%5D") || name == "post_ids[]") {
      if (auto id = decimal_id(pair.substr(equals + 1))) ids.push_back(std::move(*id));
    }
  }
  return ids;
}

class DiscoursePlatform final : public Platform {
 public:
  explicit DiscoursePlatform(const PlatformEndpoints& endpoints)
      : api_(endpoint_base(endpoints.api)), site_(endpoint_base(endpoints.site)) {}

  std::string_view name() const override { return "discourse"; }
  std::string_view label() const override { return "Discourse"; }
  bool has_instances() const override { return true; }

  std::optional<PlatformThreadRef> thread_of(std::string_view url) const override {
    const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
    if (!parts || (parts->scheme != "http" && parts->scheme != "https") || parts->host.empty()) {
      return std::nullopt;
    }
    std::optional<TopicPath> path = parse_topic_path(parts->path);
    if (!path) return std::nullopt;
    PlatformThreadRef ref;
    ref.instance = origin_of(url);
    ref.url = ref.instance + "/t/" + (path->slug.empty() ? "" : path->slug + "/") + path->id;
    ref.id = std::move(path->id);
    return ref;
  }

  std::string lookup_url(std::string_view url, std::string_view instance) const override {
    const std::string base = api_.empty() ? endpoint_base(instance) : api_;
    if (base.empty()) return {};
    return base + "/search.json?q=" + percent_encode(trim_ascii(url));
  }

  std::vector<PlatformThreadRef> read_lookup(const Document& document) const override {
    const JsonDocument parsed = parse_answer(document, "a Discourse search answer");
    const json& root = parsed.root;
    if (!root.is_object() || (!root.contains("topics") && !root.contains("posts") &&
                              !root.contains("grouped_search_result"))) {
      throw ParseError(answer_source(document) + ": not a Discourse search answer (JSON " +
                       kind_of(root) +
                       (root.is_object() ? " without \"topics\" or \"posts\"" : "") + ")");
    }
    // An answer read from the configured API stands in for the configured site.
    std::string instance = origin_of(document.url);
    if (!api_.empty() && !site_.empty() && instance == origin_of(api_)) instance = site_;
    return topic_refs(root, "topics", instance);
  }

  std::string thread_api_url(const PlatformThreadRef& thread) const override {
    std::string base = api_.empty() ? endpoint_base(thread.instance) : api_;
    if (base.empty()) base = site_;
    const std::string id = topic_id_segment(thread);
    if (base.empty() || id.empty()) return {};
    return base + "/t/" + id + ".json";
  }

  PlatformThread read_thread(const Document& document,
                             const PlatformThreadRef& thread) const override {
    const JsonDocument parsed = parse_answer(document, "a Discourse topic");
    const json& root = parsed.root;
    const json* posts = posts_of(root);
    if (posts == nullptr) {
      throw ParseError(answer_source(document) + ": not a Discourse topic (JSON " + kind_of(root) +
                       (root.is_object() ? " without \"post_stream\" and its \"posts\"" : "") +
                       ")");
    }
    PlatformThread out;
    if (parsed.capped) out.warnings.push_back(capped_warning(document));

    Topic topic =
        topic_for(document, thread, root.find("id") == root.end() ? nullptr : &root["id"], out);
    std::string slug = slug_segment(text_field(root, "slug"));
    if (slug.empty()) slug = slug_from_posts(*posts, topic.id);
    if (slug.empty()) slug = slug_from_ref(thread, topic.id);
    topic.url = topic_page(topic.instance, slug, topic.id);

    PostsReader reader(topic, out);
    const PostsRead read = reader.read(*posts, true);
    out.story = story(root, *posts, read, topic, reader, out);
    out.more = follow_up_urls(root, read, api_base(thread, document), topic, out);
    return out;
  }

  PlatformThread read_more(const Document& document,
                           const PlatformThreadRef& thread) const override {
    const JsonDocument parsed = parse_answer(document, "posts of a Discourse topic");
    const json* posts = posts_of(parsed.root);
    if (posts == nullptr) {
      throw ParseError(
          answer_source(document) + ": not posts of a Discourse topic (JSON " +
          kind_of(parsed.root) +
          (parsed.root.is_object() ? " without \"post_stream\" and its \"posts\"" : "") + ")");
    }
    PlatformThread out;
    if (parsed.capped) out.warnings.push_back(capped_warning(document));
    const json* named_topic = nullptr;
    for (const json& post : *posts) {
      if (post.is_object() && post.contains("topic_id")) {
        named_topic = &post["topic_id"];
        break;
      }
    }
    Topic topic = topic_for(document, thread, named_topic, out);
    std::string slug = slug_from_posts(*posts, topic.id);
    if (slug.empty()) slug = slug_from_ref(thread, topic.id);
    topic.url = topic_page(topic.instance, slug, topic.id);

    PostsReader reader(topic, out);
    const PostsRead read = reader.read(*posts, false);
    std::size_t unanswered = 0;
    for (const std::string& id : requested_post_ids(document.url)) {
      if (!read.ids.count(id)) ++unanswered;
    }
    if (unanswered > 0) {
      out.warnings.push_back(answer_source(document) + ": " + std::to_string(unanswered) +
                             " of the posts asked for were not in the answer (deleted since, or "
                             "not shown to guests)");
    }
    return out;
  }

 private:
  static std::string topic_id_segment(const PlatformThreadRef& thread) {
    if (std::optional<std::string> id = decimal_id(thread.id)) return *id;
    return percent_encode(trim_ascii(thread.id));
  }

  /// Where API requests for `thread` go.
  std::string api_base(const PlatformThreadRef& thread, const Document& document) const {
    if (!api_.empty()) return api_;
    if (std::string instance = endpoint_base(thread.instance); !instance.empty()) return instance;
    return site_.empty() ? origin_of(document.url) : site_;
  }

  /// The topic an answer is read for: the ref's id (the build's name for it), else the one the
  /// answer gives; pages on the ref's instance, else the configured site, else the answer's.
  Topic topic_for(const Document& document, const PlatformThreadRef& thread, const json* answer_id,
                  PlatformThread& out) const {
    Topic topic;
    topic.where = answer_source(document);
    topic.instance = endpoint_base(thread.instance);
    if (topic.instance.empty()) topic.instance = site_;
    if (topic.instance.empty()) topic.instance = origin_of(document.url);
    const std::optional<std::string> ref_id = decimal_id(thread.id);
    const std::optional<std::string> given =
        answer_id == nullptr ? std::nullopt : read_id(*answer_id);
    if (ref_id) {
      topic.id = *ref_id;
      if (given && *given != *ref_id) {
        out.warnings.push_back(topic.where + ": the answer is about topic " + *given +
                               ", not topic " + *ref_id + "; read as topic " + *ref_id);
      }
    } else if (given) {
      topic.id = *given;
    } else {
      throw ParseError(topic.where + ": a Discourse topic without an id (the thread names " +
                       quote(thread.id) + ")");
    }
    return topic;
  }

  static Entry story(const json& root, const json& posts, const PostsRead& read, const Topic& topic,
                     PostsReader& reader, PlatformThread& out) {
    Entry story;
    story.id = story.link = topic.url;
    story.title = text_field(root, "title");
    if (read.first_post) {
      const json& post = posts[*read.first_post];
      if (std::optional<Author> by = reader.author(post)) story.authors.push_back(std::move(*by));
      story.published = reader.date(post, "created_at", "post #1");
      if (const auto updated = reader.date(post, "updated_at", "post #1");
          updated != story.published) {
        story.updated = updated;
      }
      if (is_deleted(post)) {
        out.warnings.push_back(topic.where +
                               ": the topic's first post is deleted or hidden; the story is its "
                               "title alone");
      } else {
        story.content = PostsReader::content(post, topic.url);
      }
    } else {
      out.warnings.push_back(topic.where +
                             ": the topic's first post is not in the answer; the story is its "
                             "title alone");
    }
    if (!story.published) story.published = reader.date(root, "created_at", "the topic");
    // A topic may carry a featured link (when the forum enables them): the URL it submits.
    if (const std::string featured = text_field(root, "featured_link"); is_http_url(featured)) {
      story.content +=
          "<p><a href=\"" + escape_html(featured) + "\">" + escape_html(featured) + "</a></p>";
    }
    if (const auto count = root.find("posts_count"); count != root.end()) {
      if (const std::optional<std::uint64_t> posts_count = read_number(*count)) {
        story.comment_count = static_cast<int>(
            std::min<std::uint64_t>(*posts_count - 1, std::numeric_limits<int>::max()));
      }
    }
    return story;
  }

  std::string api_;
  std::string site_;
};

}  // namespace

std::unique_ptr<Platform> make_discourse_platform(PlatformEndpoints endpoints) {
  return std::make_unique<DiscoursePlatform>(endpoints);
}

std::vector<PlatformThreadRef> read_discourse_category(const Document& document) {
  const JsonDocument parsed = parse_answer(document, "a Discourse category");
  const json& root = parsed.root;
  const auto list = root.is_object() ? root.find("topic_list") : root.end();
  if (!root.is_object() || list == root.end() || !list->is_object() || !list->contains("topics")) {
    throw ParseError(answer_source(document) + ": not a Discourse category (JSON " + kind_of(root) +
                     (root.is_object() ? " without \"topic_list\" and its \"topics\"" : "") + ")");
  }
  return topic_refs(*list, "topics", origin_of(document.url));
}

}  // namespace confab
