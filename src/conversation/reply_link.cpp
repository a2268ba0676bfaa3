#include "conversation/reply_link.h"

#include <string_view>

#include "base/url.h"

namespace confab {
namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool all_alphanumeric(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && (c < '0' || c > '9')) return false;
  }
  return true;
}

bool host_is(std::string_view host, std::string_view domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

bool is_blogger_host(std::string_view host) {
  // Blogger serves blogs on blogspot.com and on country domains (blogspot.fr, blogspot.co.uk).
  return host_is(host, "blogger.com") || host_is(host, "blogspot.com") ||
         host.find(".blogspot.") != std::string_view::npos;
}

std::string_view without_fragment(std::string_view url) {
  return url.substr(0, url.find('#'));
}

std::string_view without_query_and_fragment(std::string_view url) {
  return url.substr(0, url.find_first_of("?#"));
}

/// The query of `url` (after '?', before '#'), "" when none.
std::string_view query_of(std::string_view url) {
  const std::string_view page = without_fragment(url);
  const std::size_t question = page.find('?');
  return question == std::string_view::npos ? std::string_view() : page.substr(question + 1);
}

bool query_has_parameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view parameter = query.substr(0, amp);
    if (parameter.starts_with(name) && parameter.size() > name.size() &&
        parameter[name.size()] == '=') {
      return true;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

/// `path` without a last "comment-page-K" segment: ".../post/comment-page-2/" -> ".../post/",
/// ".../post/comment-page-2" -> ".../post" (each permalink style keeps its own trailing slash).
std::string_view without_comment_page(std::string_view path) {
  const bool slash_after = path.ends_with('/');
  const std::string_view trimmed = slash_after ? path.substr(0, path.size() - 1) : path;
  const std::size_t slash = trimmed.rfind('/');
  if (slash == std::string_view::npos) return path;
  const std::string_view segment = trimmed.substr(slash + 1);
  constexpr std::string_view kPrefix = "comment-page-";
  if (!segment.starts_with(kPrefix) || !all_digits(segment.substr(kPrefix.size()))) return path;
  return slash_after ? trimmed.substr(0, slash + 1) : trimmed.substr(0, slash);
}

/// WordPress's own "Reply" link for comment `number` on the page of `url`.
std::string wordpress_reply(std::string_view url, std::string_view number) {
  const std::string_view page = without_fragment(url);
  const std::size_t question = page.find('?');
  const std::string_view before_query = page.substr(0, question);
  std::string reply(without_comment_page(before_query));
  if (question == std::string_view::npos) {
    reply += '?';
  } else {
    reply += page.substr(question);
    if (question + 1 < page.size() && !page.ends_with('&')) reply += '&';
  }
  reply += "replytocom=";
  reply += number;
  reply += "#respond";
  return reply;
}

/// The address by the rules of reply_here_url before the http(s) check; "" when none fits.
std::string reply_by_shape(const Node& node) {
  const std::string_view url = node.url;
  if (!node.platform.empty() && node.platform != "webmention") return node.url;
  const std::string host = url_host(url);
  const std::string_view fragment = url_fragment(url);
  const bool c_digits = fragment.size() > 1 && fragment[0] == 'c' && all_digits(fragment.substr(1));
  if (query_has_parameter(query_of(url), "showComment") || (c_digits && is_blogger_host(host))) {
    return std::string(without_query_and_fragment(url)) + "#comment-form";
  }
  constexpr std::string_view kComment = "comment-";
  const bool comment_anchor = fragment.starts_with(kComment);
  const std::string_view comment_id =
      comment_anchor ? fragment.substr(kComment.size()) : std::string_view();
  if (host_is(host, "typepad.com")) {
    const bool typepad_comment =
        (comment_anchor && all_alphanumeric(comment_id)) ||
        (fragment.size() > 1 && fragment[0] == 'c' && all_alphanumeric(fragment.substr(1)));
    if (typepad_comment) return std::string(without_fragment(url)) + "#comments";
  } else if (comment_anchor && all_digits(comment_id)) {
    return wordpress_reply(url, comment_id);
  }
  if (c_digits) return std::string(without_fragment(url)) + "#comments";  // Movable Type
  if (node.kind == NodeKind::post) return std::string(without_fragment(url)) + "#comments";
  return node.url;
}

}  // namespace

std::string reply_here_url(const Node& node, const Node* post) {
  if (std::string by_shape = reply_by_shape(node); is_http_url(by_shape)) return by_shape;
  if (is_http_url(node.url)) return node.url;
  if (post && is_http_url(post->url)) return post->url;
  return "";
}

}  // namespace confab
