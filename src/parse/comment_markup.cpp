#include "parse/comment_markup.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/ascii.h"
#include "base/markup_escape.h"
#include "base/strings.h"
#include "base/url.h"
#include "parse/blog_platform.h"
#include "parse/date.h"
#include "parse/encoding.h"
#include "parse/entry_id.h"
#include "parse/gumbo_nodes.h"
#include "parse/gumbo_tree.h"
#include "parse/html_nesting.h"
#include "parse/html_text.h"
#include "parse/html_urls.h"

namespace confab {
namespace {

// ---------------------------------------------------------------------------------------------
// Reading the tree. Every walk keeps its own stack on the heap: the page is an outsider's, and
// threaded comments are exactly the markup that nests deep.

bool is_element(const GumboNode& node) {
  return node.type == GUMBO_NODE_ELEMENT;
}

bool is_tag(const GumboNode& node, GumboTag tag) {
  return is_element(node) && node.v.element.tag == tag;
}

std::string_view attribute(const GumboNode& node, const char* name) {
  return gumbo_attribute(node, name);
}

bool has_attribute(const GumboNode& node, const char* name) {
  return is_element(node) && gumbo_get_attribute(&node.v.element.attributes, name) != nullptr;
}

/// Class names compare exactly, as in a standards-mode page (every blog theme is one).
bool has_class(const GumboNode& node, std::string_view name) {
  return any_html_token(attribute(node, "class"),
                        [&](std::string_view token) { return token == name; });
}

bool has_any_class(const GumboNode& node, std::initializer_list<std::string_view> names) {
  return any_html_token(attribute(node, "class"), [&](std::string_view token) {
    for (std::string_view name : names) {
      if (token == name) return true;
    }
    return false;
  });
}

/// A microformats2 root: a class "h-" followed by lower-case letters and dashes.
bool is_microformat_root(const GumboNode& node) {
  return any_html_token(attribute(node, "class"), [](std::string_view token) {
    if (token.size() < 3 || !token.starts_with("h-")) return false;
    for (char c : token.substr(2)) {
      if (!(c >= 'a' && c <= 'z') && c != '-') return false;
    }
    return true;
  });
}

const GumboVector* children_of(const GumboNode& node) {
  return gumbo_children(node);
}

const GumboNode& child_at(const GumboVector& children, unsigned index) {
  return *static_cast<const GumboNode*>(children.data[index]);
}

enum class Walk { descend, skip };

/// Calls `visit` on every element under `root` (not `root` itself) in document order; an
/// element it answers Walk::skip for is visited but not entered. <template> contents are inert
/// and never visited.
template <typename Visit>
void walk_elements(const GumboNode& root, Visit&& visit) {
  struct Frame {
    const GumboVector* children;
    unsigned next;
  };
  std::vector<Frame> stack;
  if (const GumboVector* children = children_of(root)) stack.push_back({children, 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.children->length) {
      stack.pop_back();
      continue;
    }
    const GumboNode& child = child_at(*top.children, top.next++);
    if (!is_element(child)) continue;
    if (visit(child) == Walk::skip) continue;
    stack.push_back({&child.v.element.children, 0});  // `top` is not used past this point
  }
}

/// The first element under `root` that `match` accepts, not entering what `prune` names.
template <typename Match, typename Prune>
const GumboNode* find_element(const GumboNode& root, Match&& match, Prune&& prune) {
  const GumboNode* found = nullptr;
  walk_elements(root, [&](const GumboNode& node) {
    if (found || prune(node)) return Walk::skip;
    if (match(node)) {
      found = &node;
      return Walk::skip;
    }
    return Walk::descend;
  });
  return found;
}

template <typename Match>
const GumboNode* find_element(const GumboNode& root, Match&& match) {
  return find_element(root, match, [](const GumboNode&) { return false; });
}

/// The text a reader sees in `node`, white space collapsed (script and style left out).
std::string text_of(const GumboNode& node) {
  std::string raw;
  std::vector<const GumboNode*> stack{&node};
  while (!stack.empty()) {
    const GumboNode* at = stack.back();
    stack.pop_back();
    if (at->type == GUMBO_NODE_TEXT || at->type == GUMBO_NODE_WHITESPACE ||
        at->type == GUMBO_NODE_CDATA) {
      raw += at->v.text.text;
      continue;
    }
    if (!is_element(*at) || is_tag(*at, GUMBO_TAG_SCRIPT) || is_tag(*at, GUMBO_TAG_STYLE)) {
      continue;
    }
    const GumboVector& children = at->v.element.children;
    for (unsigned i = children.length; i-- > 0;) stack.push_back(&child_at(children, i));
  }
  return collapse_whitespace(raw);
}

// ---------------------------------------------------------------------------------------------
// A comment's HTML: sliced from the page as written where the tree says the slice is exactly
// one element's markup, serialised from the tree where it does not (an element whose end tag is
// implied, or a page the nesting cap had to change).

bool is_void_element(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

/// Text that HTML serialises as it is, unescaped.
bool holds_raw_text(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_XMP ||
         tag == GUMBO_TAG_IFRAME || tag == GUMBO_TAG_NOEMBED || tag == GUMBO_TAG_NOFRAMES ||
         tag == GUMBO_TAG_PLAINTEXT;
}

// An element with any of these was made, moved or ended by the tree builder rather than by
// its own tags, so the text between its tags is not its markup.
constexpr unsigned kNotAsWritten =
    GUMBO_INSERTION_BY_PARSER | GUMBO_INSERTION_IMPLICIT_END_TAG | GUMBO_INSERTION_IMPLIED |
    GUMBO_INSERTION_CONVERTED_FROM_END_TAG | GUMBO_INSERTION_FROM_ISINDEX |
    GUMBO_INSERTION_FROM_IMAGE | GUMBO_INSERTION_RECONSTRUCTED_FORMATTING_ELEMENT |
    GUMBO_INSERTION_ADOPTION_AGENCY_CLONED | GUMBO_INSERTION_ADOPTION_AGENCY_MOVED |
    GUMBO_INSERTION_FOSTER_PARENTED;

/// The page text gumbo parsed; empty when slices of it cannot stand for the tree.
struct Source {
  std::string_view text;

  bool holds(const GumboStringPiece& piece) const {
    if (text.empty() || piece.data == nullptr || piece.length == 0) return false;
    const std::less<const char*> before;
    const char* const begin = text.data();
    const char* const end = text.data() + text.size();
    return !before(piece.data, begin) && !before(end, piece.data) &&
           piece.length <= static_cast<std::size_t>(end - piece.data);
  }

  /// [start tag, end tag] of an element whose tags are both its own, in order.
  bool tags(const GumboNode& element, const GumboStringPiece*& start,
            const GumboStringPiece*& end) const {
    if (!is_element(element) || (element.parse_flags & kNotAsWritten) != 0) return false;
    start = &element.v.element.original_tag;
    end = &element.v.element.original_end_tag;
    return holds(*start) && holds(*end) &&
           !std::less<const char*>()(end->data, start->data + start->length);
  }

  std::optional<std::string_view> inner(const GumboNode& element) const {
    const GumboStringPiece *start, *end;
    if (!tags(element, start, end)) return std::nullopt;
    const char* const from = start->data + start->length;
    return std::string_view(from, static_cast<std::size_t>(end->data - from));
  }

  std::optional<std::string_view> outer(const GumboNode& element) const {
    if (is_element(element) && is_void_element(element.v.element.tag) &&
        (element.parse_flags & kNotAsWritten) == 0 && holds(element.v.element.original_tag)) {
      return std::string_view(element.v.element.original_tag.data,
                              element.v.element.original_tag.length);
    }
    const GumboStringPiece *start, *end;
    if (!tags(element, start, end)) return std::nullopt;
    return std::string_view(start->data,
                            static_cast<std::size_t>(end->data + end->length - start->data));
  }
};

std::string tag_name(const GumboNode& element) {
  const GumboElement& e = element.v.element;
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  if (piece.data == nullptr || piece.length == 0) return {};
  gumbo_tag_from_original_text(&piece);
  return lower(std::string_view(piece.data, piece.length));
}

void append_start_tag(const GumboNode& element, const std::string& name, std::string& out) {
  out += '<';
  out += name;
  const GumboVector& attributes = element.v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    out += ' ';
    out += attr->name;
    out += "=\"";
    append_escaped_attribute(out, attr->value);
    out += '"';
  }
  out += '>';
}

/// Appends the HTML of `node` (an element with its tags, text escaped, a comment).
void append_html(const GumboNode& node, const Source& source, std::string& out) {
  struct Frame {
    const GumboNode* element;
    std::string name;
    unsigned next;
  };
  std::vector<Frame> stack;
  // Writes one node, or opens an element whose children the loop then writes.
  const auto write = [&](const GumboNode& at) {
    switch (at.type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        const GumboNode* parent = at.parent;
        if (parent && is_element(*parent) && holds_raw_text(parent->v.element.tag)) {
          out += at.v.text.text;
        } else {
          append_escaped_text(out, at.v.text.text);
        }
        return;
      }
      case GUMBO_NODE_COMMENT:
        out += "<!--";
        out += at.v.text.text;
        out += "-->";
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        if (const auto slice = source.outer(at)) {
          out += *slice;
          return;
        }
        std::string name = tag_name(at);
        if (!name.empty()) append_start_tag(at, name, out);
        if (name.empty() || !is_void_element(at.v.element.tag)) {
          stack.push_back({&at, std::move(name), 0});
        }
        return;
      }
      case GUMBO_NODE_DOCUMENT:
        return;
    }
  };
  write(node);
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector& children = top.element->v.element.children;
    if (top.next == children.length) {
      if (!top.name.empty()) out += "</" + top.name + ">";
      stack.pop_back();
      continue;
    }
    write(child_at(children, top.next++));  // may push: `top` is not used past this point
  }
}

std::string trimmed(std::string_view html) {
  return std::string(trim_space(html));
}

/// The HTML inside `element`, leaving out the children `keep` refuses.
template <typename Keep>
std::string inner_html(const GumboNode& element, const Source& source, Keep&& keep) {
  const GumboVector& children = element.v.element.children;
  bool keeps_all = true;
  for (unsigned i = 0; i < children.length && keeps_all; ++i) {
    keeps_all = keep(child_at(children, i));
  }
  if (keeps_all) {
    if (const auto slice = source.inner(element)) return trimmed(*slice);
  }
  std::string out;
  for (unsigned i = 0; i < children.length; ++i) {
    const GumboNode& child = child_at(children, i);
    if (keep(child)) append_html(child, source, out);
  }
  return trimmed(out);
}

std::string inner_html(const GumboNode& element, const Source& source) {
  return inner_html(element, source, [](const GumboNode&) { return true; });
}

// ---------------------------------------------------------------------------------------------
// URLs and dates as pages show them.

/// `reference` resolved against `base` when that makes an http(s) URL; "" otherwise (a
/// homepage, an avatar or a comment link is nothing else).
std::string http_url(std::string_view base, std::string_view reference) {
  const std::string_view trimmed_reference = trim_space(reference);
  if (trimmed_reference.empty()) return {};
  std::string url = resolve_url(base, trimmed_reference);
  return is_http_url(url) ? url : std::string();
}

std::string without_fragment(std::string_view url) {
  return std::string(url.substr(0, url.find('#')));
}

/// A URL as pages differ in writing it: no scheme, lower-case host without "www.", no
/// trailing slash; the fragment kept only when asked for.
std::string url_key(std::string_view url, bool with_fragment) {
  const auto parts = parse_url(url);
  if (!parts) return std::string(url);
  std::string host = lower(parts->host);
  if (host.starts_with("www.")) host.erase(0, 4);
  std::string path = parts->path;
  while (path.ends_with('/')) path.pop_back();
  std::string key = host + (parts->port.empty() ? "" : ":" + parts->port) + path;
  if (parts->has_query) key += "?" + parts->query;
  if (with_fragment && parts->has_fragment) key += "#" + parts->fragment;
  return key;
}

/// An avatar's address: src, unless it is a lazy loader's placeholder (a data: URI, a blank
/// GIF), then the loaders' data-src attributes, then the first srcset candidate.
std::string image_url(const GumboNode& image, std::string_view base) {
  const auto placeholder = [](std::string_view src) {
    src = trim_space(src);
    const std::string_view path = src.substr(0, src.find_first_of("?#"));
    return src.empty() || istarts_with(src, "data:") || istarts_with(src, "about:") ||
           path.ends_with("blank.gif") || path.ends_with("spacer.gif") ||
           path.ends_with("pixel.gif");
  };
  for (const char* name : {"src", "data-src", "data-lazy-src", "data-original"}) {
    const std::string_view value = attribute(image, name);
    if (placeholder(value)) continue;
    if (std::string url = http_url(base, value); !url.empty()) return url;
  }
  for (const char* name : {"srcset", "data-srcset", "data-lazy-srcset"}) {
    std::string_view value = trim_space(attribute(image, name));
    while (!value.empty() && (value.front() == ',' || is_html_space(value.front()))) {
      value.remove_prefix(1);
    }
    std::size_t end = 0;
    while (end < value.size() && !is_html_space(value[end])) ++end;
    std::string_view candidate = value.substr(0, end);
    if (candidate.ends_with(',')) candidate.remove_suffix(1);
    if (placeholder(candidate)) continue;
    if (std::string url = http_url(base, candidate); !url.empty()) return url;
  }
  return {};
}

/// A date as a page shows it to readers: a machine-readable one ("2009-05-07T08:15:00+00:00")
/// or the theme's words ("May 7, 2009 at 8:15 am", "May 7th, 2009", "07 May 2009 | 14:20"),
/// which parse_date reads once the words it does not know are left out. Shown dates rarely
/// carry a zone: they are read as UTC, the blog's local time, off by its offset.
std::optional<UnixTime> parse_shown_date(std::string_view text) {
  text = trim_space(text);
  if (text.empty()) return std::nullopt;
  if (auto parsed = parse_date(text)) return parsed;
  std::string cleaned;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && is_html_space(text[pos])) ++pos;
    std::size_t end = pos;
    while (end < text.size() && !is_html_space(text[end])) ++end;
    std::string token(text.substr(pos, end - pos));
    pos = end;
    if (token.empty() || iequals(token, "at") || iequals(token, "on") || token == "@" ||
        token == "|" || token == "-" || token == "\xE2\x80\x93") {
      continue;
    }
    // "7th," → "7,"
    std::size_t digits = 0;
    while (digits < token.size() && is_digit(token[digits])) ++digits;
    if (digits > 0 && digits <= 2 && token.size() >= digits + 2) {
      const std::string suffix = lower(token.substr(digits, 2));
      if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
        token.erase(digits, 2);
      }
    }
    if (!cleaned.empty()) cleaned += ' ';
    cleaned += token;
  }
  if (cleaned.empty() || cleaned.size() == text.size()) return std::nullopt;
  return parse_date(cleaned);
}

/// The date an element gives: <time datetime>, <abbr title>, <data value>, else its text.
std::optional<UnixTime> element_date(const GumboNode& element) {
  if (is_tag(element, GUMBO_TAG_TIME) || is_tag(element, GUMBO_TAG_INS) ||
      is_tag(element, GUMBO_TAG_DEL)) {
    if (auto parsed = parse_shown_date(attribute(element, "datetime"))) return parsed;
  } else if (is_tag(element, GUMBO_TAG_ABBR)) {
    if (auto parsed = parse_shown_date(attribute(element, "title"))) return parsed;
  } else if (is_tag(element, GUMBO_TAG_DATA) || is_tag(element, GUMBO_TAG_INPUT)) {
    if (auto parsed = parse_shown_date(attribute(element, "value"))) return parsed;
  }
  return parse_shown_date(text_of(element));
}

/// "comment-457" with prefix "comment-" → "457"; "" when what follows is not all digits (or,
/// with `alphanumeric`, letters and digits).
std::string_view id_number(std::string_view id, std::string_view prefix, bool alphanumeric) {
  if (!id.starts_with(prefix) || id.size() == prefix.size()) return {};
  const std::string_view rest = id.substr(prefix.size());
  for (char c : rest) {
    if (!(alphanumeric ? is_alnum(c) : is_digit(c))) return {};
  }
  return rest;
}

// ---------------------------------------------------------------------------------------------
// What every reader shares.

struct PageFacts {
  std::string base_url;  ///< the page's URL, or its <base href>
  std::string generator;
  std::string shortlink;                 ///< WordPress's <link rel="shortlink">: "…/?p=42"
  std::vector<std::string> blogger_ids;  ///< blog ids the page's links to blogger.com name
};

struct Context {
  const GumboNode& root;
  const Source& source;
  const PageFacts& facts;
  const Entry& post;
  std::string post_link;  ///< the post's link (else the page's), without a fragment
  BlogPlatform named;     ///< what the generator, the post's id or its host say the blog runs
  std::vector<std::string>& warnings;
};

/// A comment as read, with where it sits: the element it came from and its enclosing comment.
struct Found {
  const GumboNode* element = nullptr;
  std::string number;  ///< the platform's comment number, "" when the markup shows none
  int enclosing = -1;  ///< index of the comment whose markup holds this one, -1 for none
  Entry entry;
};

/// The nearest comment around `element`: the reply nesting every platform's markup shows.
int enclosing_comment(const GumboNode& element,
                      const std::unordered_map<const GumboNode*, int>& comments) {
  for (const GumboNode* at = element.parent; at != nullptr; at = at->parent) {
    if (const auto found = comments.find(at); found != comments.end()) return found->second;
  }
  return -1;
}

/// Records a comment element found in document order, with the comment its markup nests in.
void add_found(const GumboNode& node, std::string_view number, std::vector<Found>& found,
               std::unordered_map<const GumboNode*, int>& index) {
  index.emplace(&node, static_cast<int>(found.size()));
  Found comment;
  comment.element = &node;
  comment.number = std::string(number);
  comment.enclosing = enclosing_comment(node, index);
  found.push_back(std::move(comment));
}

/// Every comment gets its id before a reply can name it: a comment the markup gives no number
/// or link is known by its content's hash.
void assign_ids(std::vector<Found>& found) {
  for (Found& comment : found) assign_entry_id(comment.entry);
}

/// Replies point at the comment around them.
void link_enclosing_parents(std::vector<Found>& found) {
  assign_ids(found);
  for (Found& comment : found) {
    if (comment.enclosing < 0 || !comment.entry.in_reply_to.empty()) continue;
    const Entry& parent = found[static_cast<std::size_t>(comment.enclosing)].entry;
    comment.entry.in_reply_to.push_back(InReplyTo{parent.id, parent.link});
  }
}

std::vector<Entry> entries_of(std::vector<Found>& found) {
  std::vector<Entry> entries;
  entries.reserve(found.size());
  for (Found& comment : found) entries.push_back(std::move(comment.entry));
  return entries;
}

/// The name and homepage an author element shows: its text, and its own or its first link.
Author author_from(const GumboNode& element, std::string_view base) {
  Author author;
  author.name = text_of(element);
  const GumboNode* link = is_tag(element, GUMBO_TAG_A) && has_attribute(element, "href")
                              ? &element
                              : find_element(element, [](const GumboNode& node) {
                                  return is_tag(node, GUMBO_TAG_A) && has_attribute(node, "href");
                                });
  if (link) author.uri = http_url(base, attribute(*link, "href"));
  return author;
}

/// `name` without a theme's trailing "says:" / "said..." words.
std::string without_said(std::string name) {
  for (std::string_view word : {" says:", " says", " said:", " said...", " said\xE2\x80\xA6",
                                " said", " wrote:", " wrote"}) {
    const std::string lowered = lower(name);
    if (lowered.size() >= word.size() &&
        lowered.compare(lowered.size() - word.size(), word.size(), word) == 0) {
      name.resize(name.size() - word.size());
      break;
    }
  }
  return std::string(trim_space(name));
}

// ---------------------------------------------------------------------------------------------
// WordPress: wp_list_comments()'s markup in every era (classic, HTML5, the block theme's).

bool is_wordpress_list(const GumboNode& node) {
  return has_any_class(node, {"commentlist", "comment-list", "wp-block-comment-template"});
}

bool is_reply_list(const GumboNode& node) {
  return (is_tag(node, GUMBO_TAG_UL) || is_tag(node, GUMBO_TAG_OL)) && has_class(node, "children");
}

bool in_wordpress_list(const GumboNode& node) {
  for (const GumboNode* at = node.parent; at != nullptr; at = at->parent) {
    if (is_element(*at) && is_wordpress_list(*at)) return true;
  }
  return false;
}

/// The parts of one WordPress comment's markup, outside its replies.
struct WordPressParts {
  const GumboNode* fn = nullptr;            ///< .fn: the author's name (a.url in it: homepage)
  const GumboNode* block_author = nullptr;  ///< .wp-block-comment-author-name
  const GumboNode* author_block = nullptr;  ///< .comment-author
  const GumboNode* cite = nullptr;          ///< <cite>: themes older than 2.7
  const GumboNode* url_link = nullptr;      ///< the first a.url: a pingback's linking page
  const GumboNode* avatar = nullptr;        ///< img.avatar, else an image by the author
  const GumboNode* time = nullptr;          ///< <time datetime> outside the content
  const GumboNode* meta = nullptr;          ///< the date block, which links the comment
  const GumboNode* content = nullptr;       ///< .comment-content / .wp-block-comment-content
  const GumboNode* body = nullptr;          ///< .comment-body: content and the blocks around it
};

bool is_wordpress_meta(const GumboNode& node) {
  return has_any_class(
      node, {"comment-meta", "commentmetadata", "comment-metadata", "wp-block-comment-date"});
}

/// A child of .comment-body that is not what the commenter wrote.
bool is_wordpress_chrome(const GumboNode& node) {
  return is_element(node) &&
         (has_any_class(node, {"comment-author", "vcard", "fn", "comment-meta", "commentmetadata",
                               "comment-metadata", "reply", "comment-awaiting-moderation",
                               "edit-link", "says", "wp-block-comment-reply-link"}) ||
          is_reply_list(node));
}

WordPressParts wordpress_parts(const GumboNode& comment,
                               const std::unordered_map<const GumboNode*, int>& comments) {
  WordPressParts parts;
  if (has_class(comment, "comment-body")) parts.body = &comment;
  std::vector<const GumboNode*> author_scopes;
  walk_elements(comment, [&](const GumboNode& node) {
    if (comments.count(&node) || is_reply_list(node)) return Walk::skip;
    if (!parts.content && has_any_class(node, {"comment-content", "wp-block-comment-content"})) {
      parts.content = &node;
      return Walk::skip;  // what the commenter wrote says nothing about the comment
    }
    if (!parts.body && has_class(node, "comment-body")) parts.body = &node;
    if (!parts.fn && has_class(node, "fn")) parts.fn = &node;
    if (!parts.block_author && has_class(node, "wp-block-comment-author-name")) {
      parts.block_author = &node;
    }
    if (!parts.author_block && has_class(node, "comment-author")) parts.author_block = &node;
    if (!parts.cite && is_tag(node, GUMBO_TAG_CITE)) parts.cite = &node;
    if (!parts.url_link && is_tag(node, GUMBO_TAG_A) && has_class(node, "url")) {
      parts.url_link = &node;
    }
    if (!parts.meta && is_wordpress_meta(node)) parts.meta = &node;
    if (!parts.time && is_tag(node, GUMBO_TAG_TIME) && has_attribute(node, "datetime")) {
      parts.time = &node;
    }
    if (is_tag(node, GUMBO_TAG_IMG) && (!parts.avatar || !has_class(*parts.avatar, "avatar"))) {
      if (has_class(node, "avatar")) {
        parts.avatar = &node;
      } else if (!parts.avatar) {
        for (const GumboNode* at = node.parent; at && at != &comment; at = at->parent) {
          if (has_any_class(*at, {"comment-author", "wp-block-avatar", "vcard"})) {
            parts.avatar = &node;
            break;
          }
        }
      }
    }
    return Walk::descend;
  });
  return parts;
}

/// The content of a WordPress comment: .comment-content, else .comment-body without the
/// author and date blocks, else (themes older than 2.7) the paragraphs of the comment itself.
std::string wordpress_content(const WordPressParts& parts, const GumboNode& comment, bool ping,
                              const Source& source) {
  if (parts.content) return inner_html(*parts.content, source);
  if (parts.body) {
    return inner_html(*parts.body, source, [&](const GumboNode& child) {
      if (is_wordpress_chrome(child)) return false;
      // A short ping: "Pingback: <a class="url">linking post</a>".
      return !(ping && &child == parts.url_link);
    });
  }
  return inner_html(comment, source, [](const GumboNode& child) {
    if (!is_element(child) || is_wordpress_chrome(child)) return false;
    switch (child.v.element.tag) {
      case GUMBO_TAG_P:
      case GUMBO_TAG_BLOCKQUOTE:
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_TABLE:
      case GUMBO_TAG_FIGURE:
        return true;
      default:
        return false;
    }
  });
}

/// True when a ping's content says no more than "Pingback: <linking post>". Such a ping reads
/// as WordPress's trackbacks do in its feed, "<strong>linking post</strong>", which threading
/// recognises as a mention.
bool shows_no_excerpt(const std::string& content, const std::string& linking_post) {
  std::string text = html_to_text(content);
  for (std::string_view label : {"pingback:", "trackback:", "pingback", "trackback"}) {
    if (istarts_with(text, label)) {
      text.erase(0, label.size());
      break;
    }
  }
  const std::string_view rest = trim_space(text);
  return rest.empty() || rest == linking_post;
}

std::vector<Entry> read_wordpress(const Context& context) {
  // Themes that put the comment's id on its <article id="div-comment-N"> only.
  std::unordered_set<std::string_view> div_numbers;
  walk_elements(context.root, [&](const GumboNode& node) {
    if (auto number = id_number(attribute(node, "id"), "div-comment-", false); !number.empty()) {
      div_numbers.insert(number);
    }
    return Walk::descend;
  });

  std::vector<Found> found;
  std::unordered_map<const GumboNode*, int> index;
  std::unordered_set<std::string_view> numbers;
  walk_elements(context.root, [&](const GumboNode& node) {
    const std::string_view id = attribute(node, "id");
    std::string_view number = id_number(id, "comment-", false);
    bool is_comment = false;
    if (!number.empty()) {
      // In a comment list, or with WordPress's other marks: its div-comment-N body, or a
      // page that says it is WordPress's.
      is_comment = in_wordpress_list(node) ||
                   ((div_numbers.count(number) || context.named == BlogPlatform::wordpress) &&
                    has_any_class(node, {"comment", "pingback", "trackback"}));
    } else if (number = id_number(id, "div-comment-", false); !number.empty()) {
      is_comment = has_class(node, "comment-body") && !numbers.count(number);
    } else if (is_tag(node, GUMBO_TAG_LI) && has_any_class(node, {"pingback", "trackback"}) &&
               in_wordpress_list(node)) {
      is_comment = true;  // TwentyTen's pings carry no id
    }
    if (!is_comment || (!number.empty() && numbers.count(number))) return Walk::descend;
    if (!number.empty()) numbers.insert(number);
    add_found(node, number, found, index);
    return Walk::descend;
  });
  if (found.empty()) return {};

  // The comment feed's guid is the post's guid with "#comment-N"; a page read without its
  // post's entry has its shortlink, the same "?p=N" address.
  const std::string id_base = !context.post.id.empty()           ? context.post.id
                              : !context.facts.shortlink.empty() ? context.facts.shortlink
                                                                 : context.post_link;
  const std::string& base = context.facts.base_url;
  for (Found& comment : found) {
    const GumboNode& element = *comment.element;
    const WordPressParts parts = wordpress_parts(element, index);
    const bool ping = has_any_class(element, {"pingback", "trackback"});
    Entry& entry = comment.entry;
    if (!comment.number.empty()) {
      const std::string anchor = "comment-" + comment.number;
      entry.id = id_base + "#" + anchor;
      entry.link = context.post_link + "#" + anchor;
      if (parts.meta) {
        // The theme's own permalink says which page of comments holds it.
        const GumboNode* permalink = find_element(*parts.meta, [&](const GumboNode& node) {
          return is_tag(node, GUMBO_TAG_A) &&
                 url_fragment(attribute(node, "href")) == std::string_view(anchor);
        });
        if (permalink) {
          if (std::string url = http_url(base, attribute(*permalink, "href")); !url.empty()) {
            entry.link = std::move(url);
          }
        }
      }
    }

    Author author;
    if (const GumboNode* name = parts.fn             ? parts.fn
                                : parts.block_author ? parts.block_author
                                : parts.author_block ? parts.author_block
                                : ping               ? parts.url_link
                                                     : parts.cite) {
      author = author_from(*name, base);
      author.name = without_said(std::move(author.name));
    } else if (parts.url_link) {
      author = author_from(*parts.url_link, base);
    }
    if (parts.avatar) author.avatar = image_url(*parts.avatar, base);
    entry.authors.push_back(std::move(author));

    if (parts.time) entry.published = parse_shown_date(attribute(*parts.time, "datetime"));
    if (!entry.published && parts.meta) {
      const GumboNode* first_link = find_element(
          *parts.meta, [](const GumboNode& node) { return is_tag(node, GUMBO_TAG_A); });
      entry.published = element_date(first_link ? *first_link : *parts.meta);
    }

    entry.content = wordpress_content(parts, element, ping, context.source);
    if (ping && shows_no_excerpt(entry.content, entry.authors.front().name)) {
      entry.content = "<strong>";
      append_escaped_text(entry.content, entry.authors.front().name);
      entry.content += "</strong>";
    }
  }
  link_enclosing_parents(found);
  return entries_of(found);
}

// ---------------------------------------------------------------------------------------------
// Blogger: threaded comments (li.comment#cN holding .comment-block and .comment-replies) and
// the classic list (dt.comment-author#cN, then dd.comment-body and dd.comment-footer).

/// Blogger's feeds call a comment "tag:blogger.com,1999:blog-<BLOG>.post-<COMMENT>": the blog
/// id is in the post's own id, else in the page's links to blogger.com.
std::string blogger_blog_id(const Context& context) {
  constexpr std::string_view kPrefix = "tag:blogger.com,1999:blog-";
  const std::string& id = context.post.id;
  if (id.starts_with(kPrefix)) {
    std::size_t end = kPrefix.size();
    while (end < id.size() && is_digit(id[end])) ++end;
    if (end > kPrefix.size()) return id.substr(kPrefix.size(), end - kPrefix.size());
  }
  return context.facts.blogger_ids.empty() ? std::string() : context.facts.blogger_ids.front();
}

/// Where a Blogger comment's fields are: the comment's element, and for the classic list the
/// <dd> elements after its <dt>.
std::vector<const GumboNode*> blogger_region(const GumboNode& comment) {
  std::vector<const GumboNode*> region{&comment};
  if (!is_tag(comment, GUMBO_TAG_DT) || comment.parent == nullptr || !is_element(*comment.parent)) {
    return region;
  }
  const GumboVector& siblings = comment.parent->v.element.children;
  for (unsigned i = comment.index_within_parent + 1; i < siblings.length; ++i) {
    const GumboNode& sibling = child_at(siblings, i);
    if (!is_element(sibling)) continue;
    if (!is_tag(sibling, GUMBO_TAG_DD)) break;
    region.push_back(&sibling);
  }
  return region;
}

/// The time a Blogger permalink gives: "?showComment=<milliseconds since 1970>".
std::optional<UnixTime> show_comment_time(std::string_view href) {
  const std::size_t at = href.find("showComment=");
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t pos = at + 12, end = pos;
  while (end < href.size() && is_digit(href[end])) ++end;
  if (end - pos < 4 || end - pos > 16) return std::nullopt;
  UnixTime milliseconds = 0;
  for (; pos < end; ++pos) milliseconds = milliseconds * 10 + (href[pos] - '0');
  return milliseconds / 1000;
}

std::vector<Entry> read_blogger(const Context& context) {
  std::vector<Found> found;
  std::unordered_map<const GumboNode*, int> index;
  std::unordered_set<std::string_view> numbers;
  walk_elements(context.root, [&](const GumboNode& node) {
    const std::string_view number = id_number(attribute(node, "id"), "c", false);
    if (number.empty() || numbers.count(number)) return Walk::descend;
    if (!is_tag(node, GUMBO_TAG_DT) &&
        !has_any_class(node, {"comment", "comment-block", "comment-author"})) {
      return Walk::descend;
    }
    numbers.insert(number);
    add_found(node, number, found, index);
    return Walk::descend;
  });
  if (found.empty()) return {};

  const std::string blog_id = blogger_blog_id(context);
  if (blog_id.empty()) {
    context.warnings.push_back(
        "the Blogger page " + context.facts.base_url +
        " names no blog id: its comments' ids are their links, and merge with the comment "
        "feed by link");
  }
  const std::string& base = context.facts.base_url;
  const auto prune = [&](const GumboNode& node) { return index.count(&node) > 0; };
  for (Found& comment : found) {
    Entry& entry = comment.entry;
    const std::string anchor = "c" + comment.number;
    entry.link = context.post_link + "#" + anchor;
    const GumboNode *cite = nullptr, *user = nullptr, *content = nullptr, *stamp = nullptr,
                    *avatar = nullptr, *show_link = nullptr;
    for (const GumboNode* part : blogger_region(*comment.element)) {
      // A part may itself be the author block (classic <dt class="comment-author">), the body
      // (<dd class="comment-body">) or the footer.
      if (!content && has_any_class(*part, {"comment-content", "comment-body"})) {
        content = part;
        continue;
      }
      if (!user && (has_class(*part, "comment-author") || is_tag(*part, GUMBO_TAG_DT))) {
        user = part;
      }
      if (!stamp && has_any_class(*part, {"comment-footer", "comment-timestamp", "datetime"})) {
        stamp = part;
      }
      walk_elements(*part, [&](const GumboNode& node) {
        if (prune(node)) return Walk::skip;
        if (!content && has_any_class(node, {"comment-content", "comment-body"})) {
          content = &node;
          return Walk::skip;
        }
        if (!cite && has_class(node, "user") && is_tag(node, GUMBO_TAG_CITE)) cite = &node;
        if (!user && has_class(node, "comment-author")) user = &node;
        if (!stamp && has_any_class(node, {"datetime", "comment-timestamp"})) stamp = &node;
        if (!avatar && is_tag(node, GUMBO_TAG_IMG)) avatar = &node;
        if (!show_link && is_tag(node, GUMBO_TAG_A) &&
            attribute(node, "href").find("showComment=") != std::string_view::npos) {
          show_link = &node;
        }
        return Walk::descend;
      });
    }
    entry.id = blog_id.empty() ? entry.link
                               : "tag:blogger.com,1999:blog-" + blog_id + ".post-" + comment.number;

    Author author;
    if (cite) user = cite;  // threaded Blogger's <cite class="user">, the surest
    if (user) {
      // Skip <a name="cN"> anchors: the author's link is the first one going somewhere.
      const GumboNode* link =
          is_tag(*user, GUMBO_TAG_A) && has_attribute(*user, "href")
              ? user
              : find_element(*user, [](const GumboNode& node) {
                  const std::string_view href = attribute(node, "href");
                  return is_tag(node, GUMBO_TAG_A) && !href.empty() && href.front() != '#';
                });
      if (link) {
        author.name = text_of(*link);
        author.uri = http_url(base, attribute(*link, "href"));
      } else {
        author.name = without_said(text_of(*user));
      }
    }
    if (avatar) author.avatar = image_url(*avatar, base);
    entry.authors.push_back(std::move(author));

    const GumboNode* date_link = show_link;
    if (!date_link && stamp) {
      date_link = find_element(*stamp, [](const GumboNode& node) {
        return is_tag(node, GUMBO_TAG_A) && has_attribute(node, "href");
      });
    }
    if (date_link) {
      const std::string_view href = attribute(*date_link, "href");
      entry.published = show_comment_time(href);
      if (!entry.published) entry.published = element_date(*date_link);
      if (url_fragment(href) == std::string_view(anchor)) {
        if (std::string url = http_url(base, href); !url.empty()) entry.link = std::move(url);
      }
    } else if (stamp) {
      entry.published = element_date(*stamp);
    }
    if (content) entry.content = inner_html(*content, context.source);
  }
  link_enclosing_parents(found);
  return entries_of(found);
}

// ---------------------------------------------------------------------------------------------
// Movable Type and TypePad: div.comment#comment-N with .comment-content and a header or footer
// ("Posted by: <a>Name</a> | date"); replies nest, or say "In reply to <a href=#comment-M>".

struct MovableTypeParts {
  const GumboNode* content = nullptr;
  const GumboNode* byline = nullptr;  ///< .comment-footer / .comment-header / .byline
  const GumboNode* author = nullptr;  ///< .vcard / .fn / .author
  const GumboNode* time = nullptr;    ///< <time datetime>, <abbr class="published" title>
  const GumboNode* avatar = nullptr;
  std::vector<const GumboNode*> links;  ///< <a href> outside the content
};

std::vector<Entry> read_movable_type(const Context& context) {
  std::vector<Found> candidates;
  walk_elements(context.root, [&](const GumboNode& node) {
    const std::string_view number = id_number(attribute(node, "id"), "comment-", true);
    if (!number.empty() && has_class(node, "comment")) {
      Found comment;
      comment.element = &node;
      comment.number = std::string(number);
      candidates.push_back(std::move(comment));
    }
    return Walk::descend;
  });
  if (candidates.empty()) return {};
  std::unordered_map<const GumboNode*, int> all;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    all.emplace(candidates[i].element, static_cast<int>(i));
  }

  const std::string& base = context.facts.base_url;
  const std::string this_page = url_key(context.post_link, false);
  const std::string this_document = url_key(without_fragment(base), false);
  std::vector<Found> found;
  std::vector<MovableTypeParts> found_parts;
  std::unordered_map<const GumboNode*, int> index;
  std::unordered_set<std::string> numbers;
  for (Found& comment : candidates) {
    MovableTypeParts parts;
    walk_elements(*comment.element, [&](const GumboNode& node) {
      if (all.count(&node)) return Walk::skip;
      if (!parts.content && has_any_class(node, {"comment-content", "comment-body"})) {
        parts.content = &node;
        return Walk::skip;
      }
      if (!parts.byline &&
          has_any_class(node, {"comment-footer", "comment-header", "comment-byline", "byline"})) {
        parts.byline = &node;
      }
      if (!parts.author && has_any_class(node, {"vcard", "fn", "author", "commenter"})) {
        parts.author = &node;
      }
      if (!parts.time && ((is_tag(node, GUMBO_TAG_TIME) && has_attribute(node, "datetime")) ||
                          (is_tag(node, GUMBO_TAG_ABBR) && has_attribute(node, "title") &&
                           has_any_class(node, {"published", "dtstart", "updated"})))) {
        parts.time = &node;
      }
      if (!parts.avatar && is_tag(node, GUMBO_TAG_IMG)) parts.avatar = &node;
      if (is_tag(node, GUMBO_TAG_A) && has_attribute(node, "href")) parts.links.push_back(&node);
      return Walk::descend;
    });
    // A comment of this shape has its text in .comment-content (or .comment-body); anything
    // else called "comment" is some other widget (a form, a count).
    if (!parts.content || numbers.count(comment.number)) continue;
    numbers.insert(comment.number);
    index.emplace(comment.element, static_cast<int>(found.size()));
    comment.enclosing = enclosing_comment(*comment.element, index);
    found.push_back(std::move(comment));
    found_parts.push_back(std::move(parts));
  }

  for (std::size_t i = 0; i < found.size(); ++i) {
    Found& comment = found[i];
    const MovableTypeParts& parts = found_parts[i];
    Entry& entry = comment.entry;
    const std::string anchor = "comment-" + comment.number;
    // The page shows no feed id (TypePad's are tag: URIs built from internal numbers): the
    // comment is its link, as TypePad's comment feed links it, and merges with it by link.
    entry.link = context.post_link + "#" + anchor;
    entry.id = entry.link;

    Author author;
    const GumboNode* permalink = nullptr;
    std::string reply_to;
    for (const GumboNode* link : parts.links) {
      const std::string_view href = attribute(*link, "href");
      const std::string_view fragment = url_fragment(href);
      if (fragment == std::string_view(anchor)) {
        if (!permalink) permalink = link;
      } else if (const auto other = id_number(fragment, "comment-", true); !other.empty()) {
        // "In reply to <a>Name</a>": a comment of this post, not one on another page.
        const std::string target = url_key(without_fragment(http_url(base, href)), false);
        if (reply_to.empty() && (target == this_page || target == this_document)) {
          reply_to = std::string(other);
        }
      } else if (author.uri.empty() && !parts.author) {
        author.uri = http_url(base, href);
        if (!author.uri.empty()) author.name = text_of(*link);
      }
    }
    if (parts.author) author = author_from(*parts.author, base);
    if (author.name.empty() && parts.byline) {
      // "Posted by: Sunniva | May 09, 2009 at 12:02 PM", without a link to her homepage.
      const std::string byline = text_of(*parts.byline);
      std::string_view text = trim_space(byline);
      const std::string lowered = lower(text);
      if (const std::size_t at = lowered.find("posted by"); at != std::string::npos) {
        text.remove_prefix(at + 9);
        if (!text.empty() && text.front() == ':') text.remove_prefix(1);
      }
      author.name = without_said(std::string(trim_space(text.substr(0, text.find('|')))));
    }
    if (parts.avatar) author.avatar = image_url(*parts.avatar, base);
    entry.authors.push_back(std::move(author));

    if (parts.time) entry.published = element_date(*parts.time);
    if (!entry.published && permalink) entry.published = element_date(*permalink);
    if (!entry.published && parts.byline) {
      const std::string text = text_of(*parts.byline);
      if (const std::size_t bar = text.rfind('|'); bar != std::string::npos) {
        entry.published = parse_shown_date(std::string_view(text).substr(bar + 1));
      }
    }
    entry.content = inner_html(*parts.content, context.source);
    if (comment.enclosing < 0 && !reply_to.empty()) {
      // Named, not nested: the parent may be on another page of comments, or gone.
      const std::string parent = context.post_link + "#comment-" + reply_to;
      entry.in_reply_to.push_back(InReplyTo{parent, parent});
    }
  }
  link_enclosing_parents(found);
  return entries_of(found);
}

// ---------------------------------------------------------------------------------------------
// microformats2: the post's h-entry holds its comments as h-cite or h-entry items with class
// p-comment (or u-comment); a comment's replies are items under its own p-comment.

bool is_mf2_comment(const GumboNode& node) {
  return has_any_class(node, {"p-comment", "u-comment"}) &&
         has_any_class(node, {"h-cite", "h-entry"});
}

/// An item's own properties: calls `visit` on each element under `item` that is not inside
/// a nested item (a nested item's root is visited: it may be a property, like p-author h-card).
template <typename Visit>
void for_each_property_element(const GumboNode& item, Visit&& visit) {
  walk_elements(item, [&](const GumboNode& node) {
    visit(node);
    return is_microformat_root(node) ? Walk::skip : Walk::descend;
  });
}

/// A u-* property's value: the element's URL attribute, else its text.
std::string url_property(const GumboNode& element, std::string_view base) {
  const char* name = nullptr;
  switch (element.v.element.tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_LINK:
      name = "href";
      break;
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_IFRAME:
      name = "src";
      break;
    case GUMBO_TAG_OBJECT:
      name = "data";
      break;
    default:
      break;
  }
  if (is_tag(element, GUMBO_TAG_IMG)) return image_url(element, base);
  if (name && has_attribute(element, name)) return http_url(base, attribute(element, name));
  return http_url(base, text_of(element));
}

/// The author of an item: an h-card's name, url and photo (given or implied), or the text and
/// link of a plain p-author.
Author read_mf2_author(const GumboNode& element, std::string_view base) {
  if (!is_microformat_root(element)) return author_from(element, base);
  Author author;
  const GumboNode *name = nullptr, *url = nullptr, *photo = nullptr, *image = nullptr;
  for_each_property_element(element, [&](const GumboNode& node) {
    if (!name && has_class(node, "p-name")) name = &node;
    if (!url && has_class(node, "u-url")) url = &node;
    if (!photo && has_class(node, "u-photo")) photo = &node;
    if (!image && is_tag(node, GUMBO_TAG_IMG)) image = &node;
  });
  author.name = name ? text_of(*name) : text_of(element);
  if (author.name.empty() && image) author.name = collapse_whitespace(attribute(*image, "alt"));
  if (url) {
    author.uri = url_property(*url, base);
  } else if (is_tag(element, GUMBO_TAG_A)) {
    author.uri = http_url(base, attribute(element, "href"));
  } else if (const GumboNode* link = find_element(element, [](const GumboNode& node) {
               return is_tag(node, GUMBO_TAG_A) && has_attribute(node, "href");
             })) {
    author.uri = http_url(base, attribute(*link, "href"));
  }
  if (photo) {
    author.avatar = url_property(*photo, base);
  } else if (is_tag(element, GUMBO_TAG_IMG)) {
    author.avatar = image_url(element, base);
  } else if (image) {
    author.avatar = image_url(*image, base);
  }
  return author;
}

struct Mf2Comment {
  std::vector<std::string> in_reply_to;  ///< the u-in-reply-to URLs, absolute
};

std::vector<Entry> read_mf2(const Context& context) {
  std::vector<Found> found;
  std::vector<Mf2Comment> replies;
  std::unordered_map<const GumboNode*, int> index;
  walk_elements(context.root, [&](const GumboNode& node) {
    if (!is_mf2_comment(node)) return Walk::descend;
    add_found(node, "", found, index);
    return Walk::descend;
  });
  if (found.empty()) return {};

  // What a u-in-reply-to names when it means the post: its link, id and page, and the u-url
  // of each h-entry the comments hang from.
  const std::string& base = context.facts.base_url;
  std::unordered_set<std::string> post_keys;
  for (const std::string* url :
       {&context.post.link, &context.post.id, &context.post_link, &context.facts.base_url}) {
    if (!url->empty()) post_keys.insert(url_key(*url, false));
  }
  std::unordered_set<const GumboNode*> posts_seen;
  for (const Found& comment : found) {
    if (comment.enclosing >= 0) continue;
    for (const GumboNode* at = comment.element->parent; at; at = at->parent) {
      if (!is_element(*at) || !has_class(*at, "h-entry")) continue;
      if (posts_seen.insert(at).second) {
        for_each_property_element(*at, [&](const GumboNode& node) {
          if (has_class(node, "u-url")) {
            if (std::string url = url_property(node, base); !url.empty()) {
              post_keys.insert(url_key(url, false));
            }
          }
        });
      }
      break;
    }
  }

  for (Found& comment : found) {
    const GumboNode& element = *comment.element;
    const GumboNode *url = nullptr, *published = nullptr, *content = nullptr,
                    *text_content = nullptr, *name = nullptr, *author = nullptr;
    Mf2Comment reply;
    for_each_property_element(element, [&](const GumboNode& node) {
      if (!url && has_class(node, "u-url") && !is_microformat_root(node)) url = &node;
      if (!published && has_class(node, "dt-published")) published = &node;
      if (!content && has_class(node, "e-content")) content = &node;
      if (!text_content && has_class(node, "p-content")) text_content = &node;
      if (!name && has_class(node, "p-name") && !is_microformat_root(node)) name = &node;
      if (!author && has_any_class(node, {"p-author", "u-author"})) author = &node;
      if (has_class(node, "u-in-reply-to")) {
        std::string target;
        if (is_microformat_root(node)) {
          // u-in-reply-to h-cite: the cited item's u-url.
          for_each_property_element(node, [&](const GumboNode& inner) {
            if (target.empty() && has_class(inner, "u-url")) target = url_property(inner, base);
          });
          if (target.empty() && is_tag(node, GUMBO_TAG_A)) {
            target = http_url(base, attribute(node, "href"));
          }
        } else {
          target = url_property(node, base);
        }
        if (!target.empty()) reply.in_reply_to.push_back(std::move(target));
      }
    });
    Entry& entry = comment.entry;
    if (url) entry.link = url_property(*url, base);
    if (url_fragment(entry.link).empty() && post_keys.count(url_key(entry.link, false))) {
      entry.link.clear();  // a theme marking the post's URL as the comment's: not its own
    }
    if (entry.link.empty()) {
      if (const std::string_view id = attribute(element, "id"); !id.empty()) {
        entry.link = context.post_link + "#" + std::string(id);
      }
    }
    entry.id = entry.link;
    entry.authors.push_back(author ? read_mf2_author(*author, base) : Author{});
    if (published) entry.published = element_date(*published);
    if (content) {
      entry.content = inner_html(*content, context.source);
    } else if (const GumboNode* text = text_content ? text_content : name) {
      append_escaped_text(entry.content, text_of(*text));
    }
    replies.push_back(std::move(reply));
  }

  assign_ids(found);
  std::unordered_map<std::string, int> by_url;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (!found[i].entry.link.empty()) {
      by_url.emplace(url_key(found[i].entry.link, true), static_cast<int>(i));
    }
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    Entry& entry = found[i].entry;
    int parent = -1;
    std::string elsewhere;  // a target that is neither the post nor a comment shown here
    for (const std::string& target : replies[i].in_reply_to) {
      if (const auto hit = by_url.find(url_key(target, true));
          hit != by_url.end() && hit->second != static_cast<int>(i)) {
        parent = hit->second;
        break;
      }
      if (elsewhere.empty() && !post_keys.count(url_key(target, false))) elsewhere = target;
    }
    if (parent < 0) parent = found[i].enclosing;
    if (parent >= 0) {
      const Entry& parent_entry = found[static_cast<std::size_t>(parent)].entry;
      entry.in_reply_to.push_back(InReplyTo{parent_entry.id, parent_entry.link});
    } else if (!elsewhere.empty()) {
      // A reply to something the page does not show: threading hangs it under the post,
      // marked as having lost its parent.
      entry.in_reply_to.push_back(InReplyTo{elsewhere, elsewhere});
    }
  }
  return entries_of(found);
}

// ---------------------------------------------------------------------------------------------

PageFacts read_page_facts(const GumboNode& root, const Document& page) {
  PageFacts facts;
  facts.base_url = page.url;
  bool have_base = false;
  walk_elements(root, [&](const GumboNode& node) {
    const GumboTag tag = node.v.element.tag;
    if (tag == GUMBO_TAG_BASE && !have_base && has_attribute(node, "href")) {
      facts.base_url = resolve_url(page.url, attribute(node, "href"));
      have_base = true;
    } else if (tag == GUMBO_TAG_META && facts.generator.empty() &&
               iequals(attribute(node, "name"), "generator")) {
      facts.generator = collapse_whitespace(attribute(node, "content"));
    } else if (tag == GUMBO_TAG_LINK && facts.shortlink.empty() &&
               any_html_token(attribute(node, "rel"),
                              [](std::string_view token) { return iequals(token, "shortlink"); })) {
      facts.shortlink = std::string(trim_space(attribute(node, "href")));
    }
    // Blogger's comment form and service links name the blog: "…blogID=123…",
    // "https://www.blogger.com/feeds/123/posts/default".
    for (const char* name : {"href", "src"}) {
      const std::string_view value = attribute(node, name);
      if (value.find("blogger.com") == std::string_view::npos || facts.blogger_ids.size() > 4) {
        continue;
      }
      for (std::string_view marker : {"blogID=", "blogId=", "/feeds/", "/comment/frame/"}) {
        const std::size_t at = value.find(marker);
        if (at == std::string_view::npos) continue;
        std::size_t end = at + marker.size();
        while (end < value.size() && is_digit(value[end])) ++end;
        if (end > at + marker.size() + 3) {
          facts.blogger_ids.emplace_back(
              value.substr(at + marker.size(), end - at - marker.size()));
          break;
        }
      }
    }
    return Walk::descend;
  });
  if (!facts.shortlink.empty()) facts.shortlink = http_url(facts.base_url, facts.shortlink);
  return facts;
}

}  // namespace

CommentMarkup read_comment_markup(const Document& page, const Entry& post) {
  CommentMarkup markup;
  const Utf8Text text = decode_html(page.body, page.content_type, markup.warnings);
  const GumboTree tree = GumboTree::document(text.view());
  if (tree.capped()) markup.warnings.push_back(nesting_capped_warning(page.url));
  // A capped tree points into the cap's copy of the page, not into `text`: serialise it.
  const Source source{tree.capped() ? std::string_view() : text.view()};
  const PageFacts facts = read_page_facts(tree.root(), page);

  std::string post_link = without_fragment(post.link);
  if (post_link.empty()) post_link = without_fragment(facts.base_url);
  // The generator (or the post's id and host) says which markup to try first; the markup
  // itself decides.
  const BlogPlatform named = detect_blog_platform(facts.generator, post);
  Context context{tree.root(), source, facts, post, std::move(post_link), named, markup.warnings};

  using Reader = std::vector<Entry> (*)(const Context&);
  struct Platform {
    BlogPlatform platform;
    Reader read;
  };
  std::vector<Platform> order = {{BlogPlatform::wordpress, read_wordpress},
                                 {BlogPlatform::blogger, read_blogger},
                                 {BlogPlatform::movable_type, read_movable_type}};
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (order[i].platform == named) {
      std::rotate(order.begin(), order.begin() + i, order.begin() + i + 1);
    }
  }
  for (const Platform& platform : order) {
    std::vector<Entry> comments = platform.read(context);
    if (comments.empty()) continue;
    markup.platform = blog_platform_name(platform.platform);
    markup.comments = std::move(comments);
    break;
  }
  if (markup.comments.empty()) {
    markup.comments = read_mf2(context);
    if (!markup.comments.empty()) markup.platform = "mf2";
  }
  // Relative links in what commenters wrote, made absolute as the feed readers make them.
  for (Entry& comment : markup.comments) {
    comment.content = absolutize_html_urls(std::move(comment.content), facts.base_url);
  }
  return markup;
}

}  // namespace confab
