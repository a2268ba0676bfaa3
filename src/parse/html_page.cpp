#include "parse/html_page.h"

#include "base/ascii.h"
#include "base/url.h"
#include "parse/encoding.h"
#include "parse/gumbo_nodes.h"
#include "parse/gumbo_tree.h"
#include "parse/html_nesting.h"
#include "parse/html_text.h"

namespace confab {
namespace {

std::string_view attribute(const GumboNode* node, const char* name) {
  return gumbo_attribute(*node, name);
}

const GumboVector* children_of(const GumboNode* node) {
  return gumbo_children(*node);
}

/// Calls `visit` on every element under `node`, in document order.
// Pages nested deeper than this are hostile or broken; deeper elements are not visited rather
// than risk the stack.
constexpr int kMaxDepth = 512;

template <typename Visit>
void for_each_element(const GumboNode* node, Visit&& visit, int depth = 0) {
  const GumboVector* children = children_of(node);
  if (!children || depth > kMaxDepth) return;
  for (unsigned i = 0; i < children->length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children->data[i]);
    if (child->type != GUMBO_NODE_ELEMENT && child->type != GUMBO_NODE_TEMPLATE) continue;
    visit(child);
    for_each_element(child, visit, depth + 1);
  }
}

void append_text(const GumboNode* node, std::string& out, int depth = 0) {
  if (depth > kMaxDepth) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  const GumboVector* children = children_of(node);
  if (!children) return;
  for (unsigned i = 0; i < children->length; ++i) {
    append_text(static_cast<const GumboNode*>(children->data[i]), out, depth + 1);
  }
}

/// The text of `node` with runs of whitespace collapsed to one space, trimmed.
std::string collapsed_text(const GumboNode* node) {
  std::string raw;
  append_text(node, raw);
  return collapse_whitespace(raw);
}

/// rel values compare ASCII case-insensitively.
bool has_token(std::string_view list, std::string_view token) {
  return any_html_token(list, [&](std::string_view one) { return iequals(one, token); });
}

/// The MIME type without parameters, lower-cased, when it names a feed format; "" otherwise.
std::string feed_type(std::string_view type) {
  std::string essence = lower(type.substr(0, type.find(';')));
  while (!essence.empty() && is_html_space(essence.back())) essence.pop_back();
  while (!essence.empty() && is_html_space(essence.front())) essence.erase(0, 1);
  if (essence == "application/rss+xml" || essence == "application/atom+xml" ||
      essence == "application/feed+json" || essence == "application/rdf+xml") {
    return essence;
  }
  return {};
}

void collect_links(const GumboNode* root, const std::string& base,
                   std::vector<OutgoingLink>& links) {
  for_each_element(root, [&](const GumboNode* node) {
    if (node->v.element.tag != GUMBO_TAG_A) return;
    const GumboAttribute* href = gumbo_get_attribute(&node->v.element.attributes, "href");
    if (!href) return;
    links.push_back(OutgoingLink{resolve_url(base, href->value), collapsed_text(node),
                                 std::string(attribute(node, "rel"))});
  });
}

const GumboNode* find_body(const GumboNode* root) {
  const GumboNode* body = nullptr;
  for_each_element(root, [&](const GumboNode* node) {
    if (!body && node->v.element.tag == GUMBO_TAG_BODY) body = node;
  });
  return body;
}

}  // namespace

HtmlPage parse_html_page(const Document& document) {
  std::vector<std::string> ignored_warnings;  // an odd charset does not change what we look for
  const Utf8Text text = decode_html(document.body, document.content_type, ignored_warnings);
  const GumboTree tree = GumboTree::document(text.view());
  HtmlPage page;
  page.base_url = document.url;
  if (tree.capped()) page.warnings.push_back(nesting_capped_warning(document.url));

  // <base href> applies to every URL in the page, wherever it appears relative to them.
  bool have_base = false, have_title = false;
  for_each_element(&tree.root(), [&](const GumboNode* node) {
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_BASE && !have_base) {
      const std::string_view href = attribute(node, "href");
      if (!href.empty()) {
        page.base_url = resolve_url(document.url, href);
        have_base = true;
      }
    } else if (tag == GUMBO_TAG_TITLE && !have_title &&
               node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
      page.title = collapsed_text(node);
      have_title = true;
    }
  });
  for_each_element(&tree.root(), [&](const GumboNode* node) {
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_META && page.generator.empty() &&
        lower(attribute(node, "name")) == "generator") {
      page.generator = collapse_whitespace(attribute(node, "content"));
    }
    if (tag != GUMBO_TAG_LINK && tag != GUMBO_TAG_A) return;
    const std::string_view rel = attribute(node, "rel");
    const std::string_view link_href = attribute(node, "href");
    if (!link_href.empty() && has_token(rel, "me")) {
      page.rel_me.push_back(resolve_url(page.base_url, link_href));
    }
    if (tag != GUMBO_TAG_LINK) return;
    if (page.api_root.empty() && !link_href.empty() && has_token(rel, "https://api.w.org/")) {
      page.api_root = resolve_url(page.base_url, link_href);
    }
    if (!has_token(rel, "alternate")) return;
    std::string type = feed_type(attribute(node, "type"));
    const std::string_view href = attribute(node, "href");
    if (type.empty() || href.empty()) return;
    page.feeds.push_back(FeedLink{resolve_url(page.base_url, href), std::move(type),
                                  std::string(attribute(node, "title"))});
  });
  if (const GumboNode* body = find_body(&tree.root())) {
    collect_links(body, page.base_url, page.links);
  }
  return page;
}

std::string main_feed_url(const HtmlPage& page) {
  for (const FeedLink& feed : page.feeds) {
    if (lower(feed.title).find("comment") == std::string::npos) return feed.url;
  }
  return page.feeds.empty() ? std::string() : page.feeds.front().url;
}

}  // namespace confab
