#include "platforms/lemmy.h"

#include <algorithm>
#include <charconv>
#include <climits>
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
#include "parse/json_document.h"
#include "parse/json_fields.h"
#include "parse/xml_text.h"
#include "platforms/json_answer.h"

namespace confab {
namespace {

using nlohmann::json;

/// Lemmy's largest page (it refuses limit > 50).
constexpr std::uint64_t kCommentPageLimit = 50;
/// What lemmy-ui asks for on a post's page: Lemmy leaves out replies nested deeper.
constexpr int kCommentMaxDepth = 8;
/// A server that ignores `page` and answers exactly `limit` comments would be asked forever:
/// this many pages (1000 comments) is more than a campaign's thread holds.
constexpr std::uint64_t kMaxCommentPages = 20;

/// A count (a non-negative integer, or one written as a string); nullopt when absent or no
/// count.
std::optional<std::uint64_t> count_field(const json& object, const char* key) {
  const std::string text = object.is_object() ? text_field(object, key) : std::string();
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// A positive integer query parameter of `url`, else `fallback`.
std::uint64_t number_parameter(std::string_view url, std::string_view name,
                               std::uint64_t fallback) {
  const std::optional<std::string> digits = decimal_id(query_parameter(url, name));
  if (!digits) return fallback;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits->data(), digits->data() + digits->size(), value);
  return error == std::errc() ? value : fallback;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

void append_link(std::string_view url, std::string_view label, std::string& html) {
  html += "<a href=\"" + escape_html(url) + "\">" + escape_html(label) + "</a>";
}

/// The end of a bare URL that starts at `start` and runs to `end` (white space or markup), less
/// the punctuation of the sentence around it: a final '.', ',', or a ')' it did not open. The
/// brackets are counted once, so a run of ')' costs one pass.
std::size_t bare_url_end(std::string_view text, std::size_t start, std::size_t end) {
  const std::string_view url = text.substr(start, end - start);
  auto open_parens = std::count(url.begin(), url.end(), '(');
  auto close_parens = std::count(url.begin(), url.end(), ')');
  auto open_brackets = std::count(url.begin(), url.end(), '[');
  auto close_brackets = std::count(url.begin(), url.end(), ']');
  while (end > start) {
    const char last = text[end - 1];
    if (std::string_view(".,;:!?*_'").find(last) != std::string_view::npos) {
      --end;
    } else if (last == ')' && open_parens < close_parens) {
      --close_parens;
      --end;
    } else if (last == ']' && open_brackets < close_brackets) {
      --close_brackets;
      --end;
    } else {
      break;
    }
  }
  return end;
}

/// One paragraph of Markdown as HTML: text escaped, `[label](http…)` and bare http(s) URLs as
/// links, everything else (emphasis, code, HTML tags) shown as written. Linear in the text: the
/// next ']' and ')' are remembered, so a run of '[' is not searched again and again.
void append_paragraph(std::string_view text, std::string& html) {
  std::size_t written = 0;
  std::size_t next_bracket = 0;  // the first ']' at or after the last search; npos: none left
  bool bracket_known = false;
  std::size_t next_paren = 0;
  bool paren_known = false;
  // The ']' whose "(…)" was no link: every '[' before it meets the same one, and says the same.
  std::size_t rejected_close = std::string_view::npos;
  const auto flush = [&](std::size_t end) {
    html += escape_html(text.substr(written, end - written));
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '[') {
      if (!bracket_known || (next_bracket != std::string_view::npos && next_bracket < i)) {
        next_bracket = text.find(']', i);
        bracket_known = true;
      }
      const std::size_t close = next_bracket;
      if (close != std::string_view::npos && close != rejected_close && close + 1 < text.size() &&
          text[close + 1] == '(') {
        if (!paren_known || (next_paren != std::string_view::npos && next_paren < close + 2)) {
          next_paren = text.find(')', close + 2);
          paren_known = true;
        }
        if (next_paren != std::string_view::npos) {
          const std::string_view url = trim_ascii(text.substr(close + 2, next_paren - close - 2));
          const bool spaced = std::any_of(url.begin(), url.end(), is_html_space);
          if (!spaced && is_http_url(url)) {
            std::string_view label = trim_ascii(text.substr(i + 1, close - i - 1));
            flush(i);
            append_link(url, label.empty() ? url : label, html);
            i = written = next_paren + 1;
            continue;
          }
        }
        rejected_close = close;
      }
    } else if ((text[i] == 'h' || text[i] == 'H') && (i == 0 || !is_alnum(text[i - 1])) &&
               (starts_with_ignoring_case(text.substr(i), "http://") ||
                starts_with_ignoring_case(text.substr(i), "https://"))) {
      std::size_t end = i;
      while (end < text.size() && !is_html_space(text[end]) && text[end] != '<' &&
             text[end] != '>' && text[end] != '"') {
        ++end;
      }
      const std::size_t url_end = bare_url_end(text, i, end);
      const std::string_view url = text.substr(i, url_end - i);
      if (is_http_url(url)) {
        flush(i);
        append_link(url, url, html);
        i = written = url_end;
      } else {
        i = end;  // the whole token is text: not searched again from inside it
      }
      continue;
    }
    ++i;
  }
  flush(text.size());
}

/// Lemmy's Markdown, minimally: blank-line-separated paragraphs as <p>, links as <a>, the rest
/// escaped text (Lemmy's own renderer does not let HTML through either).
std::string markdown_html(std::string_view markdown) {
  std::string text;
  text.reserve(markdown.size());
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    if (markdown[i] == '\r') {
      text += '\n';
      if (i + 1 < markdown.size() && markdown[i + 1] == '\n') ++i;
    } else {
      text += markdown[i];
    }
  }
  std::string html;
  const std::string_view all = text;
  std::size_t paragraph_start = std::string_view::npos;
  std::size_t paragraph_end = 0;
  const auto close_paragraph = [&] {
    if (paragraph_start == std::string_view::npos) return;
    html += "<p>";
    append_paragraph(trim_ascii(all.substr(paragraph_start, paragraph_end - paragraph_start)),
                     html);
    html += "</p>";
    paragraph_start = std::string_view::npos;
  };
  for (std::size_t position = 0; position <= all.size();) {
    std::size_t newline = all.find('\n', position);
    if (newline == std::string_view::npos) newline = all.size();
    if (trim_ascii(all.substr(position, newline - position)).empty()) {
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

[[noreturn]] void throw_wrong_shape(const Document& document, const std::string& expected,
                                    const json& root, const char* wanted_member) {
  throw ParseError(answer_source(document) + ": not " + expected + " (JSON " + kind_of(root) +
                   (root.is_object() ? std::string(" without ") + wanted_member : "") + ")");
}

/// Lemmy writes "2026-11-04T09:12:33.000000Z"; older servers leave out the 'Z' though the time
/// is UTC, which is what parse_date takes a zoneless time for.
std::optional<UnixTime> read_published(const json& object, const std::string& what,
                                       const Document& document,
                                       std::vector<std::string>& warnings) {
  const std::string text = text_field(object, "published");
  if (text.empty()) return std::nullopt;
  if (const std::optional<UnixTime> time = parse_date(text)) return time;
  warnings.push_back(answer_source(document) + ": " + what + " has an unreadable date " +
                     quote(text) + "; read without a date");
  return std::nullopt;
}

/// {handle, "", profile page} of a view's creator; nullopt when it names nobody.
std::optional<Author> read_creator(const json& view, const std::string& instance) {
  const json* creator = object_member(view, "creator");
  if (creator == nullptr) return std::nullopt;
  std::string name = text_field(*creator, "name");
  std::string profile = text_field(*creator, "actor_id");
  if (!is_http_url(profile)) profile = name.empty() ? "" : instance + "/u/" + percent_encode(name);
  if (name.empty() && profile.empty()) return std::nullopt;
  return Author{std::move(name), "", std::move(profile)};
}

std::string story_url(const std::string& instance, const std::string& post_id) {
  return instance + "/post/" + post_id;
}

/// What an ancestor in a comment's path turned out to be.
struct KnownComment {
  bool deleted = false;
  std::string entry_id;  ///< "" for a deleted comment
};

/// Reads one page of /api/v3/comment/list into `page`.
class CommentPageReader {
 public:
  CommentPageReader(const Document& document, std::string post_id, std::string instance,
                    PlatformThread& page)
      : document_(document),
        post_id_(std::move(post_id)),
        instance_(std::move(instance)),
        story_id_(story_url(instance_, post_id_)),
        page_(page) {
    used_entry_ids_.insert(story_id_);
    max_depth_ = number_parameter(document.url, "max_depth", 0);
  }

  void read(const json& comments) {
    for (std::size_t index = 0; index < comments.size(); ++index) {
      read_item(comments[index], index);
    }
    if (reparented_ > 0) {
      note(std::to_string(reparented_) + (reparented_ == 1 ? " reply" : " replies") +
           " to deleted or removed comments hung under the nearest comment (or the post) above");
    }
    if (unseen_ > 0) {
      note(std::to_string(unseen_) + (unseen_ == 1 ? " reply" : " replies") +
           " nested deeper than " + std::to_string(max_depth_) +
           " levels not read: Lemmy leaves out what lies deeper than max_depth");
    }
  }

 private:
  void read_item(const json& view, std::size_t index) {
    const std::string at = "item " + std::to_string(index + 1);
    const json* comment = object_member(view, "comment");
    if (comment == nullptr) {
      return skip(at, view.is_object() ? "has no \"comment\" object"
                                       : "is " + kind_of(view) + ", not a comment view");
    }
    const auto id_value = comment->find("id");
    if (id_value == comment->end()) return skip(at, "has no comment id");
    const std::optional<std::string> id = read_id(*id_value);
    if (!id) return skip(at, "has " + kind_of(*id_value) + " as its id, not a comment number");
    const std::string named = at + " (comment " + *id + ")";
    if (const auto post = comment->find("post_id"); post != comment->end()) {
      const std::optional<std::string> post_id = read_id(*post);
      if (post_id != post_id_) {
        return skip(named, "belongs to post " + (post_id ? *post_id : kind_of(*post)) +
                               ", not to post " + post_id_);
      }
    }
    if (!seen_ids_.insert(*id).second) return skip(named, "repeats an id read before");
    if (flag_field(*comment, "deleted") || flag_field(*comment, "removed")) {
      ++page_.deleted;
      known_.emplace(*id, KnownComment{true, ""});
      return;
    }

    Entry entry;
    entry.id = page_url(*comment, *id, named);
    if (entry.id.empty()) return;
    entry.link = entry.id;
    if (std::optional<Author> author = read_creator(view, instance_)) {
      entry.authors.push_back(std::move(*author));
    }
    entry.published = read_published(*comment, named, document_, page_.warnings);
    const auto content = comment->find("content");
    if (content != comment->end() && content->is_string()) {
      entry.content = markdown_html(content->get_ref<const std::string&>());
    }
    const std::string parent = parent_of(*comment, *id, named);
    entry.in_reply_to.push_back(InReplyTo{parent, parent});
    count_unseen(view, *comment);
    known_.emplace(*id, KnownComment{false, entry.id});
    page_.comments.push_back(std::move(entry));
  }

  /// The comment's own page: its ap_id (a federated comment's page on its home instance), else
  /// {instance}/comment/ID; "" (skipped) when both are taken by items read before.
  std::string page_url(const json& comment, const std::string& id, const std::string& named) {
    const std::string ap_id = text_field(comment, "ap_id");
    const std::string local = instance_ + "/comment/" + id;
    if (is_http_url(ap_id)) {
      if (used_entry_ids_.insert(ap_id).second) return ap_id;
      if (used_entry_ids_.insert(local).second) {
        note(named + " has the ap_id " + quote(ap_id) + " of an item read before; read as " +
             local);
        return local;
      }
    } else if (used_entry_ids_.insert(local).second) {
      return local;
    }
    skip(named, "has the page URL of an item read before");
    return {};
  }

  /// The entry id of the comment's parent: the nearest ancestor its path names that was read
  /// before it and is not deleted, else the story. Walks the path from its end, so its length
  /// costs one look-up a segment and nothing nests.
  std::string parent_of(const json& comment, const std::string& id, const std::string& named) {
    const auto path_value = comment.find("path");
    if (path_value == comment.end() || !path_value->is_string()) {
      note(named + " has " +
           (path_value == comment.end() ? std::string("no path") : kind_of(*path_value)) +
           " instead of a path of ids; hung under the post");
      return story_id_;
    }
    std::string_view path = trim_ascii(path_value->get_ref<const std::string&>());
    const std::size_t last_dot = path.rfind('.');
    const std::string_view last =
        path.substr(last_dot == std::string_view::npos ? 0 : last_dot + 1);
    if (decimal_id(last) == id) {
      path = last_dot == std::string_view::npos ? std::string_view() : path.substr(0, last_dot);
    } else {
      note(named + " has a path that does not end with its id, " + quote(path) +
           "; read all of it as its ancestors");
    }
    bool direct = true;
    bool passed_deleted = false;
    std::string missing;  // the direct parent, when it is not in this page before the comment
    while (true) {
      const bool at_root = path.empty() || path == "0";
      const std::size_t dot = path.rfind('.');
      const std::string_view segment = path.substr(dot == std::string_view::npos ? 0 : dot + 1);
      path = dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
      if (at_root) break;
      const std::optional<std::string> ancestor = decimal_id(segment);
      const auto known = ancestor ? known_.find(*ancestor) : known_.end();
      if (known != known_.end() && !known->second.deleted) {
        report_parent(named, missing, passed_deleted, known->second.entry_id);
        return known->second.entry_id;
      }
      if (known != known_.end()) {
        passed_deleted = true;
      } else if (direct) {
        missing = ancestor ? *ancestor : quote(segment);
      }
      direct = false;
    }
    report_parent(named, missing, passed_deleted, story_id_);
    return story_id_;
  }

  void report_parent(const std::string& named, const std::string& missing, bool passed_deleted,
                     const std::string& parent) {
    if (!missing.empty()) {
      note(named + " names the parent " + missing +
           ", which is not in this page before it; hung under " +
           (parent == story_id_ ? std::string("the post") : parent));
    } else if (passed_deleted) {
      ++reparented_;
    }
  }

  /// Replies Lemmy left out: those under a comment at max_depth (child_count counts them all).
  void count_unseen(const json& view, const json& comment) {
    if (max_depth_ == 0) return;
    const auto path = comment.find("path");
    if (path == comment.end() || !path->is_string()) return;
    const std::string& text = path->get_ref<const std::string&>();
    const auto depth = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '.'));
    if (depth < max_depth_) return;
    const json* counts = object_member(view, "counts");
    const std::optional<std::uint64_t> children =
        counts ? count_field(*counts, "child_count") : std::nullopt;
    if (children) unseen_ = *children > UINT64_MAX - unseen_ ? UINT64_MAX : unseen_ + *children;
  }

  void skip(const std::string& item, const std::string& why) {
    page_.warnings.push_back(answer_source(document_) + ": " + item + " " + why + "; skipped");
  }

  void note(const std::string& what) {
    page_.warnings.push_back(answer_source(document_) + ": " + what);
  }

  const Document& document_;
  const std::string post_id_;
  const std::string instance_;
  const std::string story_id_;
  PlatformThread& page_;
  std::uint64_t max_depth_ = 0;
  std::unordered_set<std::string> seen_ids_;
  std::unordered_set<std::string> used_entry_ids_;
  std::unordered_map<std::string, KnownComment> known_;
  std::size_t reparented_ = 0;
  std::uint64_t unseen_ = 0;
};

class LemmyPlatform final : public Platform {
 public:
  explicit LemmyPlatform(PlatformEndpoints endpoints)
      : api_(endpoint_base(endpoints.api)), site_(origin_of(endpoints.site)) {}

  std::string_view name() const override { return "lemmy"; }
  std::string_view label() const override { return "Lemmy"; }
  bool has_instances() const override { return true; }

  std::optional<PlatformThreadRef> thread_of(std::string_view url) const override {
    const std::optional<UrlParts> parts = parse_url(trim_ascii(url));
    const std::optional<std::string> origin = origin_of(url);
    if (!parts || !origin) return std::nullopt;
    std::string_view path = parts->path;
    // Any host may be an instance, so elsewhere only the exact shape Lemmy links to counts.
    if (site_ && *origin == *site_ && path.ends_with('/')) path.remove_suffix(1);
    constexpr std::string_view kPrefix = "/post/";
    if (!path.starts_with(kPrefix)) return std::nullopt;
    const std::string_view digits = path.substr(kPrefix.size());
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) {
      return std::nullopt;
    }
    const std::optional<std::string> id = decimal_id(digits);
    if (!id) return std::nullopt;
    return PlatformThreadRef{*id, story_url(*origin, *id), *origin};
  }

  std::string lookup_url(std::string_view url, std::string_view instance) const override {
    const std::string_view target = trim_ascii(url);
    std::string base = api_;
    if (base.empty()) base = origin_of(instance).value_or(site_.value_or(""));
    if (target.empty() || base.empty()) return {};
    return base + "/api/v3/search?q=" + percent_encode(target) + "&type_=Url&sort=New&limit=50";
  }

  std::vector<PlatformThreadRef> read_lookup(const Document& document) const override {
    const std::string expected = "a Lemmy search answer";
    const json root = read_answer(document, "Lemmy", expected, nullptr);
    const json* posts = array_member(root, "posts");
    if (posts == nullptr) throw_wrong_shape(document, expected, root, "a \"posts\" list");
    const std::string wanted = page_key(percent_decode(query_parameter(document.url, "q")));
    const std::string instance = lookup_instance(document, *posts);
    std::vector<PlatformThreadRef> threads;
    if (wanted.empty() || instance.empty()) return threads;
    std::unordered_set<std::string> seen;
    for (const json& view : *posts) {
      const json* post = object_member(view, "post");
      if (post == nullptr || page_key(text_field(*post, "url")) != wanted) continue;
      if (flag_field(*post, "deleted") || flag_field(*post, "removed")) continue;
      const auto id_value = post->find("id");
      const std::optional<std::string> id =
          id_value == post->end() ? std::nullopt : read_id(*id_value);
      if (!id || !seen.insert(*id).second) continue;
      threads.push_back(PlatformThreadRef{*id, story_url(instance, *id), instance});
    }
    return threads;
  }

  std::string thread_api_url(const PlatformThreadRef& thread) const override {
    const std::optional<std::string> id = thread_id(thread);
    const std::string base = api_base(instance_of(thread));
    if (!id || base.empty()) return {};
    return base + "/api/v3/post?id=" + *id;
  }

  PlatformThread read_thread(const Document& document,
                             const PlatformThreadRef& thread) const override {
    const std::string expected = "a Lemmy post";
    PlatformThread result;
    const json root = read_answer(document, "Lemmy", expected, &result.warnings);
    const json* view = object_member(root, "post_view");
    const json* post = view != nullptr ? object_member(*view, "post") : nullptr;
    if (post == nullptr) {
      throw_wrong_shape(document, expected, root, "a \"post_view\" holding a \"post\"");
    }
    const auto id_value = post->find("id");
    const std::optional<std::string> answered =
        id_value == post->end() ? std::nullopt : read_id(*id_value);
    std::optional<std::string> id = thread_id(thread);
    if (!id) id = decimal_id(query_parameter(document.url, "id"));
    if (!id) id = answered;
    if (!id) throw ParseError(answer_source(document) + ": a Lemmy post without an id");
    if (answered && *answered != *id) {
      throw ParseError(answer_source(document) + ": Lemmy answered with post " + *answered +
                       ", not post " + *id);
    }
    const std::string instance = page_instance(thread, document);

    Entry story;
    story.id = story.link = story_url(instance, *id);
    story.title = text_field(*post, "name");
    if (std::optional<Author> author = read_creator(*view, instance)) {
      story.authors.push_back(std::move(*author));
    }
    story.published = read_published(*post, "the post", document, result.warnings);
    if (const auto body = post->find("body"); body != post->end() && body->is_string()) {
      story.content = markdown_html(body->get_ref<const std::string&>());
    }
    if (const std::string submitted = text_field(*post, "url"); is_http_url(submitted)) {
      story.content +=
          "<p><a href=\"" + escape_html(submitted) + "\">" + escape_html(submitted) + "</a></p>";
    } else if (!submitted.empty()) {
      result.warnings.push_back(answer_source(document) + ": the post submits " + quote(submitted) +
                                ", not an http(s) URL; left out");
    }
    if (const json* counts = object_member(*view, "counts")) {
      if (const std::optional<std::uint64_t> comments = count_field(*counts, "comments")) {
        story.comment_count = static_cast<int>(std::min<std::uint64_t>(*comments, INT_MAX));
      }
    }
    if (const json* community = object_member(*view, "community")) {
      if (const std::string name = text_field(*community, "name"); !name.empty()) {
        story.categories.push_back("!" + name);
      }
    }
    if (flag_field(*post, "deleted") || flag_field(*post, "removed")) {
      result.warnings.push_back(answer_source(document) +
                                ": Lemmy shows the post as deleted or removed; read as it is");
    }
    result.story = std::move(story);
    result.more.push_back(comments_url(api_base(instance), *id, kCommentPageLimit, 1));
    return result;
  }

  PlatformThread read_more(const Document& document,
                           const PlatformThreadRef& thread) const override {
    const std::string expected = "a page of Lemmy comments";
    PlatformThread result;
    const json root = read_answer(document, "Lemmy", expected, &result.warnings);
    const json* comments = array_member(root, "comments");
    if (comments == nullptr) throw_wrong_shape(document, expected, root, "a \"comments\" list");
    std::optional<std::string> id = thread_id(thread);
    if (!id) id = decimal_id(query_parameter(document.url, "post_id"));
    if (!id)
      throw ParseError(answer_source(document) + ": cannot tell which Lemmy post it belongs to");
    const std::string instance = page_instance(thread, document);
    CommentPageReader(document, *id, instance, result).read(*comments);

    // A full page may have a next one; a page fuller than asked for is a server that ignored
    // paging (Lemmy answers a max_depth listing whole), so there is none.
    const std::uint64_t limit = number_parameter(document.url, "limit", kCommentPageLimit);
    const std::uint64_t page = number_parameter(document.url, "page", 1);
    if (comments->size() == limit) {
      if (page >= kMaxCommentPages) {
        result.warnings.push_back(answer_source(document) + ": stopped after " +
                                  std::to_string(page) +
                                  " pages of comments; later pages were not read");
      } else {
        result.more.push_back(comments_url(api_base(instance), *id, limit, page + 1));
      }
    }
    return result;
  }

 private:
  std::string api_base(const std::string& instance) const { return api_.empty() ? instance : api_; }

  /// The instance a thread names, else the configured site; "" when neither says.
  std::string instance_of(const PlatformThreadRef& thread) const {
    if (std::optional<std::string> origin = origin_of(thread.instance)) return *origin;
    if (std::optional<std::string> origin = origin_of(thread.url)) return *origin;
    return site_.value_or("");
  }

  /// instance_of, else the origin of the answer (what an unconfigured replay has).
  std::string page_instance(const PlatformThreadRef& thread, const Document& document) const {
    std::string instance = instance_of(thread);
    if (instance.empty()) instance = origin_of(document.url).value_or("");
    if (instance.empty()) {
      throw ParseError(answer_source(document) +
                       ": cannot tell which Lemmy instance the thread is on");
    }
    return instance;
  }

  /// The post id of a thread: its id, else the one its page URL names.
  std::optional<std::string> thread_id(const PlatformThreadRef& thread) const {
    if (std::optional<std::string> id = decimal_id(thread.id)) return id;
    const std::optional<UrlParts> parts = parse_url(trim_ascii(thread.url));
    if (!parts || !parts->path.starts_with("/post/")) return std::nullopt;
    const std::string_view digits = std::string_view(parts->path).substr(6);
    if (!std::all_of(digits.begin(), digits.end(), is_digit)) return std::nullopt;
    return decimal_id(digits);
  }

  /// The instance whose search answered: the answer's origin, unless that is the configured
  /// API, whose answers speak for endpoints.site (else for the instance a local post is on).
  std::string lookup_instance(const Document& document, const json& posts) const {
    const std::optional<std::string> origin = origin_of(document.url);
    if (origin && (api_.empty() || origin != origin_of(api_))) return *origin;
    if (site_) return *site_;
    for (const json& view : posts) {
      const json* post = object_member(view, "post");
      if (post == nullptr || !flag_field(*post, "local")) continue;
      if (std::optional<std::string> home = origin_of(text_field(*post, "ap_id"))) return *home;
    }
    return origin.value_or("");
  }

  static std::string comments_url(const std::string& base, const std::string& post_id,
                                  std::uint64_t limit, std::uint64_t page) {
    return base + "/api/v3/comment/list?post_id=" + post_id +
           "&max_depth=" + std::to_string(kCommentMaxDepth) + "&limit=" + std::to_string(limit) +
           "&page=" + std::to_string(page) + "&sort=Old&type_=All";
  }

  std::string api_;                  ///< "" when API requests go to the thread's instance
  std::optional<std::string> site_;  ///< the configured instance's origin, if any
};

}  // namespace

std::unique_ptr<Platform> make_lemmy_platform(PlatformEndpoints endpoints) {
  return std::make_unique<LemmyPlatform>(std::move(endpoints));
}

}  // namespace confab
