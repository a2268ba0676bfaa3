#include "parse/wp_rest_comments.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_set>

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

/// The relation WordPress advertises its API root under (<link rel> and the Link header).
constexpr std::string_view kApiRelation = "https://api.w.org/";

/// 0, "0", "" or null: what `parent` says of a comment on the post itself.
bool names_no_comment(const json& value) {
  if (value.is_null()) return true;
  if (value.is_number()) return value == 0;
  if (!value.is_string()) return false;
  const std::string_view text = trim_ascii(value.get_ref<const std::string&>());
  return text.find_first_not_of('0') == std::string_view::npos;
}

std::string url_field(const json& object, const char* key, const std::string& base) {
  const std::string value = text_field(object, key);
  return value.empty() ? value : resolve_url(base, value);
}

/// The largest avatar of `author_avatar_urls` ({"24": url, "48": url, "96": url}), or the one
/// URL when a server gives a plain string.
std::string largest_avatar(const json& item, const std::string& base) {
  const auto avatars = item.find("author_avatar_urls");
  if (avatars == item.end()) return {};
  if (avatars->is_string()) return url_field(item, "author_avatar_urls", base);
  if (!avatars->is_object()) return {};
  std::string best;
  std::uint64_t best_size = 0;
  for (const auto& [key, value] : avatars->items()) {
    std::uint64_t size = 0;
    const std::string_view digits = trim_ascii(key);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
    if (error != std::errc() || end != digits.data() + digits.size()) continue;
    if (!value.is_string() || trim_ascii(value.get_ref<const std::string&>()).empty()) continue;
    if (best.empty() || size > best_size) {
      best = value.get<std::string>();
      best_size = size;
    }
  }
  return best.empty() ? best : resolve_url(base, trim_ascii(best));
}

/// `content.rendered`, or `content` itself when a server gives the HTML as a plain string.
std::string content_html(const json& item) {
  const auto content = item.find("content");
  if (content == item.end()) return {};
  if (content->is_string()) return content->get<std::string>();
  if (content->is_object()) {
    if (const auto rendered = content->find("rendered");
        rendered != content->end() && rendered->is_string()) {
      return rendered->get<std::string>();
    }
  }
  return {};
}

/// `url` with its fragment, if any, replaced by `fragment`.
std::string with_fragment(std::string_view url, std::string_view fragment) {
  return std::string(url.substr(0, url.find('#'))) + "#" + std::string(fragment);
}

/// Reads one page's items into `page`, given what every item is checked against.
class CommentPageReader {
 public:
  CommentPageReader(const Document& document, const Entry& post, WpRestComments& page)
      : document_(document), post_(post), page_(page) {
    // The post the page was asked for (post=ID in its URL) is what every item must belong to;
    // else the post the guid names.
    expected_post_ =
        decimal_id(query_parameter(document.url, "post")).value_or(wordpress_post_id(post.id));
    if (expected_post_.empty()) expected_post_ = wordpress_post_id(post.link);
    // The id WordPress's comment feeds give a comment is the post's guid, then #comment-N.
    id_prefix_ = (post.id.empty() ? post.link : post.id) + "#comment-";
  }

  void read(const json& item, std::size_t index) {
    const std::string at = "item " + std::to_string(index + 1);
    if (!item.is_object()) return skip(at, "is " + kind_of(item) + ", not a comment object");
    const auto id_value = item.find("id");
    if (id_value == item.end()) return skip(at, "has no \"id\"");
    const std::optional<std::string> id = read_id(*id_value);
    if (!id) return skip(at, "has " + kind_of(*id_value) + " as its id, not a comment number");
    const std::string named = at + " (comment " + *id + ")";

    if (const auto status = item.find("status"); status != item.end() && !status->is_null()) {
      if (!status->is_string() ||
          !iequals(trim_ascii(status->get_ref<const std::string&>()), "approved")) {
        return skip(named, "has status " + kind_of(*status) + ", not \"approved\"");
      }
    }
    if (const auto post = item.find("post");
        post != item.end() && !post->is_null() && !expected_post_.empty()) {
      const std::optional<std::string> post_id = read_id(*post);
      if (post_id != expected_post_) {
        return skip(named, "belongs to post " + (post_id ? *post_id : kind_of(*post)) +
                               ", not to post " + expected_post_);
      }
    }
    if (!seen_.insert(*id).second) return skip(named, "repeats an id read before");

    Entry comment;
    comment.id = id_prefix_ + *id;
    comment.link = url_field(item, "link", document_.url);
    if (comment.link.empty() && !post_.link.empty()) {
      comment.link = with_fragment(post_.link, "comment-" + *id);
    }
    Author author{text_field(item, "author_name"),
                  {},
                  url_field(item, "author_url", document_.url),
                  largest_avatar(item, document_.url)};
    if (!author.name.empty() || !author.uri.empty() || !author.avatar.empty()) {
      comment.authors.push_back(std::move(author));
    }
    comment.published = read_date(item, named);
    // The HTML was written for the comment's page: its relative links are relative to that.
    comment.content = absolutize_html_urls(content_html(item),
                                           comment.link.empty() ? document_.url : comment.link);
    if (const auto parent = item.find("parent"); parent != item.end()) {
      read_parent(*parent, *id, named, comment);
    }
    page_.comments.push_back(std::move(comment));
  }

 private:
  void skip(const std::string& item, const std::string& why) {
    page_.warnings.push_back(where() + ": " + item + " " + why + "; skipped");
  }

  void note(const std::string& item, const std::string& what) {
    page_.warnings.push_back(where() + ": " + item + ": " + what);
  }

  std::string where() const { return document_.url.empty() ? "document" : document_.url; }

  /// date_gmt, which is UTC though it carries no zone (parse_date reads such a date as UTC);
  /// else the site-local date, the best there is.
  std::optional<UnixTime> read_date(const json& item, const std::string& named) {
    std::string unreadable;
    for (const char* field : {"date_gmt", "date"}) {
      const std::string text = text_field(item, field);
      if (text.empty()) continue;
      if (const auto date = parse_date(text)) return date;
      if (unreadable.empty()) unreadable = "unreadable " + std::string(field) + " " + quote(text);
    }
    if (!unreadable.empty()) note(named, unreadable + "; read without a date");
    return std::nullopt;
  }

  void read_parent(const json& parent, const std::string& id, const std::string& named,
                   Entry& comment) {
    if (names_no_comment(parent)) return;  // a comment on the post
    const std::optional<std::string> parent_id = read_id(parent);
    if (!parent_id) {
      return note(named, "parent is " + kind_of(parent) +
                             ", not a comment number; read as a comment on the post");
    }
    if (*parent_id == id) {
      return note(named, "names itself as its parent; read as a comment on the post");
    }
    const std::string fragment = "comment-" + *parent_id;
    comment.in_reply_to.push_back(
        InReplyTo{id_prefix_ + *parent_id,
                  comment.link.empty() ? "" : with_fragment(comment.link, fragment)});
  }

  const Document& document_;
  const Entry& post_;
  WpRestComments& page_;
  std::string expected_post_;
  std::string id_prefix_;
  std::unordered_set<std::string> seen_;
};

/// The text from the first line that opens a JSON array or object, after PHP warnings a blog
/// printed before its answer ("<br />\n<b>Warning</b>: … on line <b>12</b><br />\n[{…"); npos
/// when there is none.
std::size_t json_after_preamble(std::string_view body) {
  for (std::size_t newline = body.find('\n'); newline != std::string_view::npos;
       newline = body.find('\n', newline + 1)) {
    const std::size_t start = body.find_first_not_of(" \t\r", newline + 1);
    if (start != std::string_view::npos && (body[start] == '[' || body[start] == '{')) {
      return start;
    }
  }
  return std::string_view::npos;
}

/// Why `root` is not a page of comments, for the ParseError.
std::string not_comments(const json& root) {
  if (root.is_object()) {
    const std::string code = text_field(root, "code");
    if (!code.empty()) {
      std::string error = "WordPress answered with an error, not comments: " + quote(code);
      if (const std::string message = text_field(root, "message"); !message.empty()) {
        error += " " + quote(message);
      }
      if (const auto data = root.find("data"); data != root.end() && data->is_object()) {
        if (const std::string status = text_field(*data, "status"); !status.empty()) {
          error += " (status " + quote(status) + ")";
        }
      }
      return error;
    }
  }
  return "not a list of comments (JSON " + kind_of(root) + ")";
}

}  // namespace

WpRestComments read_wp_rest_comments(const Document& document, const Entry& post) {
  const std::string where = document.url.empty() ? "document" : document.url;
  WpRestComments page;
  JsonDocument parsed = read_json_document(document.body);
  if (parsed.root.is_discarded()) {
    const std::size_t start = json_after_preamble(document.body);
    if (start != std::string_view::npos) {
      parsed = read_json_document(std::string_view(document.body).substr(start));
      if (!parsed.root.is_discarded()) {
        page.warnings.push_back(where + ": " + std::to_string(start) +
                                " bytes before the JSON were left out (PHP warnings the blog "
                                "printed before its answer?)");
      }
    }
  }
  if (parsed.root.is_discarded()) {
    throw ParseError(where + ": not a list of comments (unreadable JSON)");
  }
  if (!parsed.root.is_array()) throw ParseError(where + ": " + not_comments(parsed.root));
  if (parsed.capped) {
    page.warnings.push_back(where + ": JSON nested deeper than " + std::to_string(kJsonNestingCap) +
                            " levels; what lies deeper was left out");
  }
  CommentPageReader reader(document, post, page);
  page.comments.reserve(parsed.root.size());
  for (std::size_t index = 0; index < parsed.root.size(); ++index) {
    reader.read(parsed.root[index], index);
  }
  return page;
}

std::string wordpress_post_id(const std::string& guid_or_url) {
  // A guid is "<home>/?p=42" (or "?page_id=7" for a page, "?post_type=x&p=42" for other
  // types), and a self-hosted blog's shortlink is the same URL; pretty permalinks carry no id.
  for (const std::string_view name : {"p", "page_id"}) {
    if (auto id = decimal_id(query_parameter(trim_ascii(guid_or_url), name))) return *id;
  }
  return {};
}

std::string wp_rest_comments_url(const std::string& api_root, const std::string& post_id,
                                 int page) {
  std::string_view root = trim_ascii(api_root);
  root = root.substr(0, root.find('#'));
  if (root.empty()) return {};
  std::string encoded_post;
  for (const char c : post_id) {
    if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded_post += c;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(c);
      encoded_post += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  const std::string parameters =
      "post=" + encoded_post + "&per_page=100&page=" + std::to_string(page < 1 ? 1 : page);
  constexpr std::string_view kRoute = "wp/v2/comments";
  const std::size_t question = root.find('?');
  const std::string_view path = root.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : root.substr(question + 1);

  // "?rest_route=/": blogs without pretty permalinks take the route as a query parameter, and
  // every other parameter follows it with '&'.
  std::string rebuilt_query;
  bool routed = false;
  for (std::string_view rest = query; !rest.empty();) {
    const std::size_t amp = rest.find('&');
    std::string pair(rest.substr(0, amp));
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    if (!routed && pair.rfind("rest_route=", 0) == 0) {
      routed = true;
      const bool slashed =
          pair.ends_with('/') || (pair.size() >= 3 && iequals(pair.substr(pair.size() - 3), "%2F"));
      pair += std::string(slashed ? "" : "/") + std::string(kRoute);
    }
    rebuilt_query += (rebuilt_query.empty() ? "" : "&") + pair;
  }
  if (routed) return std::string(path) + "?" + rebuilt_query + "&" + parameters;
  return std::string(path) + (path.ends_with('/') ? "" : "/") + std::string(kRoute) + "?" +
         rebuilt_query + (rebuilt_query.empty() ? "" : "&") + parameters;
}

std::string wp_api_root_from_link_header(const std::string& link_header) {
  // RFC 8288: link-value *( "," link-value ), link-value = "<" URI-Reference ">" *( ";" param ),
  // a param's value a token or a quoted string (which may hold commas and semicolons).
  const std::string_view text = link_header;
  std::size_t pos = 0;
  const auto skip_space = [&] {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  };
  while (pos < text.size()) {
    skip_space();
    if (pos < text.size() && text[pos] == ',') {
      ++pos;
      continue;
    }
    std::string_view target;
    bool has_target = false;
    if (pos < text.size() && text[pos] == '<') {
      const std::size_t close = text.find('>', pos + 1);
      if (close == std::string_view::npos) return {};
      target = trim_ascii(text.substr(pos + 1, close - pos - 1));
      has_target = true;
      pos = close + 1;
    }
    bool is_api_root = false;
    // The parameters (or, for a malformed link-value, whatever is there) up to the next ','
    // outside quotes.
    while (pos < text.size() && text[pos] != ',') {
      if (text[pos] != ';') {
        if (text[pos] == '"') {
          for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
            if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
          }
        }
        ++pos;
        continue;
      }
      ++pos;
      skip_space();
      const std::size_t name_start = pos;
      while (pos < text.size() && text[pos] != '=' && text[pos] != ';' && text[pos] != ',') ++pos;
      const std::string_view name = trim_ascii(text.substr(name_start, pos - name_start));
      if (pos >= text.size() || text[pos] != '=') continue;
      ++pos;
      skip_space();
      std::string value;
      if (pos < text.size() && text[pos] == '"') {
        for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
          if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
          value += text[pos];
        }
        if (pos < text.size()) ++pos;  // the closing quote
      } else {
        const std::size_t value_start = pos;
        while (pos < text.size() && text[pos] != ';' && text[pos] != ',') ++pos;
        value = trim_ascii(text.substr(value_start, pos - value_start));
      }
      if (!iequals(name, "rel")) continue;
      // rel may hold several relation types, separated by white space.
      std::string_view relations = value;
      while (!relations.empty()) {
        const std::size_t start = relations.find_first_not_of(" \t");
        if (start == std::string_view::npos) break;
        relations.remove_prefix(start);
        const std::size_t end = std::min(relations.find_first_of(" \t"), relations.size());
        if (iequals(relations.substr(0, end), kApiRelation)) is_api_root = true;
        relations.remove_prefix(end);
      }
    }
    if (is_api_root && has_target && !target.empty()) return std::string(target);
  }
  return {};
}

}  // namespace confab
