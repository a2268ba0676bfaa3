#include "conversation/comment_tree.h"

#include <string_view>
#include <unordered_map>

#include "base/url.h"
#include "conversation/canonical_url.h"
#include "conversation/html_scan.h"
#include "conversation/text_match.h"

namespace confab {

namespace {

/// "comment-456", "c4567" and "456" all name comment 456.
std::string comment_number(std::string_view fragment) {
  std::string digits;
  for (char c : fragment) {
    if (c >= '0' && c <= '9') digits += c;
  }
  const bool named = fragment.rfind("comment", 0) == 0 || fragment.rfind("c", 0) == 0;
  return named ? digits : "";
}

/// The comment number at the end of an id: Blogger "…post-123", MT "…-comment:6a00…", WordPress
/// "?p=1#comment-456".
std::string id_tail(const std::string& id) {
  for (const std::string_view marker : {".post-", "comment:", "#comment-", "comment-"}) {
    // The last occurrence, found forwards: find runs on memchr, rfind compares at every byte.
    std::size_t last = std::string::npos;
    for (auto at = id.find(marker); at != std::string::npos; at = id.find(marker, at + 1)) {
      last = at;
    }
    if (last != std::string::npos) return id.substr(last + marker.size());
  }
  return "";
}

bool starts_with_ellipsis(const std::string& text) {
  return text.rfind("[\xE2\x80\xA6]", 0) == 0 || text.rfind("[...]", 0) == 0 ||
         text.rfind("[\xE2\x80\xA6 ]", 0) == 0;
}

}  // namespace

bool is_mention(const Entry& comment, const std::string& post_url,
                const std::set<std::string>& blog_names) {
  const std::string& html = comment.content.empty() ? comment.summary : comment.content;
  // Pingback: WordPress quotes the linking page as "[…] excerpt […]".
  if (html.find('[') != std::string::npos) {
    const std::string text = scan_html(html, "").text;
    if (starts_with_ellipsis(text) && (text.find("[\xE2\x80\xA6]", 3) != std::string::npos ||
                                       text.find("[...]", 3) != std::string::npos)) {
      return true;
    }
  }
  // Trackback: "<strong>Title</strong> excerpt" from a page on another site.
  std::size_t start = html.find_first_not_of(" \t\r\n");
  if (start != std::string::npos && html.compare(start, 3, "<p>") == 0) {
    start = html.find_first_not_of(" \t\r\n", start + 3);
  }
  if (start == std::string::npos || html.compare(start, 8, "<strong>") != 0) return false;
  const std::string author_url = comment.authors.empty() ? "" : comment.authors.front().uri;
  return (!author_url.empty() && url_host(author_url) != url_host(post_url)) ||
         (!comment.authors.empty() && blog_names.count(fold_text(comment.authors.front().name)));
}

std::vector<int> resolve_comment_parents(const Entry& post, const std::vector<Entry>& comments,
                                         std::vector<bool>& unknown) {
  // Views into `comments`, which outlive the maps; hash maps: this runs once per comment feed.
  std::unordered_map<std::string_view, int> by_id, by_link;
  std::unordered_map<std::string, int> by_number;
  by_id.reserve(comments.size());
  by_link.reserve(comments.size());
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const int index = static_cast<int>(i);
    by_id.emplace(comments[i].id, index);
    if (!comments[i].link.empty()) by_link.emplace(comments[i].link, index);
    if (auto tail = id_tail(comments[i].id); !tail.empty()) by_number.emplace(tail, index);
    if (auto number = comment_number(url_fragment(comments[i].link)); !number.empty()) {
      by_number.emplace(number, index);
    }
  }
  const std::string post_key = canonical_url(post.link);
  std::vector<int> parents(comments.size(), -1);
  unknown.assign(comments.size(), false);
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const Entry& comment = comments[i];
    int parent = -1;
    bool named_a_parent = false;
    if (!comment.related.empty()) {
      // Blogger: ".../comments/default/PARENTID".
      named_a_parent = true;
      const std::string tail = comment.related.substr(comment.related.rfind('/') + 1);
      if (auto found = by_number.find(tail); found != by_number.end()) parent = found->second;
    }
    for (const auto& reply : comment.in_reply_to) {
      if (parent >= 0 || !comment.related.empty()) break;
      if (reply.ref == post.id) continue;
      if (auto found = by_id.find(reply.ref); found != by_id.end()) {
        parent = found->second;
        break;
      }
      if (auto found = by_link.find(reply.href); found != by_link.end()) {
        parent = found->second;
        break;
      }
      const std::string_view fragment = url_fragment(reply.href);
      if (auto number = comment_number(fragment); !number.empty()) {
        named_a_parent = true;
        if (auto found = by_number.find(number); found != by_number.end()) {
          parent = found->second;
          break;
        }
        continue;
      }
      if (auto tail = id_tail(reply.ref); !tail.empty()) {
        named_a_parent = true;
        if (auto found = by_number.find(tail); found != by_number.end()) {
          parent = found->second;
          break;
        }
        continue;
      }
      // A reference to the post itself (by its URL) is a top-level comment.
      if (!reply.href.empty() && canonical_url(reply.href) == post_key) continue;
      if (!reply.ref.empty()) named_a_parent = true;
    }
    if (parent == static_cast<int>(i)) parent = -1;
    parents[i] = parent;
    unknown[i] = parent < 0 && named_a_parent;
  }
  // A parent must not be its own descendant; feeds can be wrong, the tree cannot.
  for (std::size_t i = 0; i < comments.size(); ++i) {
    int steps = 0;
    for (int at = parents[i]; at >= 0; at = parents[static_cast<std::size_t>(at)]) {
      if (at == static_cast<int>(i) || ++steps > static_cast<int>(comments.size())) {
        parents[i] = -1;
        unknown[i] = true;
        break;
      }
    }
  }
  return parents;
}

}  // namespace confab
