// sanitize_html: third-party HTML (posts, comments, pingback excerpts) made safe for the hub page.
// The HTML is parsed into the tree a browser would build, then written out again element by
// element from an allowlist, so what is emitted is only what the writer below chose to write.
//
// Policy, in brief:
// - Allowed elements keep only their allowed attributes (never style, class, id or on*).
// - Dangerous elements are dropped with everything inside them; svg and math (and anything
//   else outside the HTML namespace) likewise.
// - Unknown or merely presentational elements (font, center, section, ...) are unwrapped: their
//   children stay.
// - URLs are resolved against the content's base URL and must be http, https or mailto (images
//   may also be data:image/png|jpeg|gif|webp). A bad URL drops its attribute; an <a> left without
//   href is unwrapped to its text and an <img> without src is dropped, as neither means anything.
//   An <img srcset> is checked candidate by candidate: unsafe ones are dropped, and the attribute
//   stays while any candidate is left.
// - Links to web pages get rel="nofollow ugc noopener noreferrer": everything in third-party
//   content is external to the hub and vouched for by nobody.
// - Video iframes from a few known players are re-emitted with a fixed, sandboxed attribute set.
//
// Plain little comments (text, <p>, <br>, <em>, <strong>, <b>, <i>, <a href="...">) skip the
// parse: the fast path in sanitize_fast_path.cpp writes the same bytes for them, which tests/render
// and the sanitize_fuzzer check against the path below.
#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "base/ascii.h"
#include "base/markup_escape.h"
#include "parse/gumbo_tree.h"
#include "render/render.h"
#include "render/safe_url.h"
#include "render/sanitize_paths.h"

namespace confab {
namespace {

constexpr std::string_view kAllowedElements[] = {
    "p",    "br",      "hr",         "a",      "em",         "strong", "b",     "i",
    "u",    "s",       "del",        "ins",    "sub",        "sup",    "small", "abbr",
    "cite", "q",       "blockquote", "code",   "pre",        "kbd",    "ul",    "ol",
    "li",   "dl",      "dt",         "dd",     "h1",         "h2",     "h3",    "h4",
    "h5",   "h6",      "table",      "thead",  "tbody",      "tfoot",  "tr",    "th",
    "td",   "caption", "img",        "figure", "figcaption", "span",   "div"};

/// Dropped together with their content: code, styling, plugins, forms and foreign markup.
constexpr std::string_view kDroppedElements[] = {
    "script", "style", "noscript", "template", "object",  "embed",    "applet",
    "form",   "input", "button",   "select",   "option",  "textarea", "datalist",
    "iframe", "frame", "frameset", "noframes", "noembed", "svg",      "math",
    "head",   "title", "meta",     "link"};

constexpr std::string_view kVoidElements[] = {"br", "hr", "img"};

template <std::size_t size>
bool contains(const std::string_view (&list)[size], std::string_view name) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

/// The attributes an element may keep, besides the ones the writer adds itself.
bool attribute_allowed(std::string_view element, std::string_view attribute) {
  if (element == "a") return attribute == "href" || attribute == "title";
  if (element == "img") {
    return attribute == "src" || attribute == "srcset" || attribute == "alt" ||
           attribute == "title" || attribute == "width" || attribute == "height";
  }
  if (element == "td" || element == "th") return attribute == "colspan" || attribute == "rowspan";
  if (element == "abbr") return attribute == "title";
  if (element == "blockquote" || element == "q") return attribute == "cite";
  return false;
}

/// width, height, colspan, rowspan: a plain positive number of at most four digits.
bool is_small_number(std::string_view value) {
  return !value.empty() && value.size() <= 4 && std::all_of(value.begin(), value.end(), is_digit);
}

std::string_view element_name(GumboTag tag) {
  if (tag == GUMBO_TAG_UNKNOWN) return {};  // unknown: unwrapped, its name never needed
  // <strike> is the obsolete spelling of <s>; a struck-out word changes what a comment says.
  if (tag == GUMBO_TAG_STRIKE) return "s";
  return gumbo_normalized_tagname(tag);
}

enum class Treatment : unsigned char { unwrap, keep, drop, link, embed };

/// What the writer does with an element, by tag: the lists above, looked up once per tag rather
/// than searched for every element of every comment.
Treatment treatment_of(GumboTag tag) {
  static const auto table = [] {
    std::array<Treatment, GUMBO_TAG_LAST + 1> treatments{};
    for (int value = 0; value <= GUMBO_TAG_LAST; ++value) {
      const std::string_view name = element_name(static_cast<GumboTag>(value));
      Treatment& treatment = treatments[value];
      if (name == "iframe") {
        treatment = Treatment::embed;
      } else if (contains(kDroppedElements, name)) {
        treatment = Treatment::drop;
      } else if (!contains(kAllowedElements, name)) {
        treatment = Treatment::unwrap;
      } else {
        treatment = name == "a" ? Treatment::link : Treatment::keep;
      }
    }
    return treatments;
  }();
  return tag >= 0 && tag <= GUMBO_TAG_LAST ? table[tag] : Treatment::unwrap;
}

class Sanitizer {
 public:
  Sanitizer(std::string_view base_url, std::size_t input_size) : base_url_(base_url) {
    out_.reserve(input_size);  // the output is rarely much longer than the input
  }

  void write_children(const GumboNode& parent) {
    const GumboVector& children = parent.v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      write_node(*static_cast<const GumboNode*>(children.data[i]));
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void write_node(const GumboNode& node) {
    switch (node.type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
        append_escaped_text(out_, node.v.text.text);
        break;
      case GUMBO_NODE_ELEMENT:
        write_element(node);
        break;
      default:
        // Comments, CDATA (foreign content only) and <template> contents are not content.
        break;
    }
  }

  void write_element(const GumboNode& node) {
    const GumboElement& element = node.v.element;
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML) return;
    switch (treatment_of(element.tag)) {
      case Treatment::embed:
        write_embed(element);
        return;
      case Treatment::drop:
        return;
      case Treatment::unwrap:
        write_children(node);
        return;
      case Treatment::link:
        write_link(node);
        return;
      case Treatment::keep:
        break;
    }
    const std::string_view name = element_name(element.tag);
    const std::size_t start_tag = out_.size();
    out_ += '<';
    out_ += name;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto& attribute = *static_cast<const GumboAttribute*>(element.attributes.data[i]);
      append_attribute(out_, name, attribute.name, attribute.value);
    }
    if (name == "img" && out_.find(" src=\"", start_tag) == std::string::npos) {
      out_.resize(start_tag);  // an image without a source means nothing
      return;
    }
    out_ += '>';
    if (contains(kVoidElements, name)) return;
    // The parser eats one newline right after <pre>; give it back so the text keeps its form.
    if (name == "pre" && element.children.length > 0) {
      const auto& first = *static_cast<const GumboNode*>(element.children.data[0]);
      if ((first.type == GUMBO_NODE_TEXT || first.type == GUMBO_NODE_WHITESPACE) &&
          first.v.text.text[0] == '\n') {
        out_ += '\n';
      }
    }
    write_children(node);
    out_ += "</";
    out_ += name;
    out_ += '>';
  }

  void append_attribute(std::string& tag, std::string_view element, std::string_view name,
                        std::string_view value) {
    if (!attribute_allowed(element, name)) return;
    std::string kept(value);
    if (name == "href" || name == "cite") {
      const auto url = safe_link_url(value, base_url_);
      if (!url) return;
      kept = *url;
    } else if (name == "src") {
      const auto url = safe_image_url(value, base_url_);
      if (!url) return;
      kept = *url;
    } else if (name == "srcset") {
      const auto candidates = safe_srcset(value, base_url_);
      if (!candidates) return;
      kept = *candidates;
    } else if (name == "width" || name == "height" || name == "colspan" || name == "rowspan") {
      if (!is_small_number(value)) return;
    }
    tag += ' ';
    tag += name;
    tag += "=\"";
    append_escaped_attribute(tag, kept);
    tag += '"';
  }

  void write_link(const GumboNode& node) {
    const GumboElement& element = node.v.element;
    const GumboAttribute* href = gumbo_get_attribute(&element.attributes, "href");
    const auto url = href ? safe_link_url(href->value, base_url_) : std::nullopt;
    if (!url) {
      write_children(node);  // a link to nowhere safe: keep its words, lose the link
      return;
    }
    out_ += "<a href=\"";
    append_escaped_attribute(out_, *url);
    out_ += '"';
    if (const GumboAttribute* title = gumbo_get_attribute(&element.attributes, "title")) {
      out_ += " title=\"";
      append_escaped_attribute(out_, title->value);
      out_ += '"';
    }
    if (is_web_url(*url)) out_ += " rel=\"nofollow ugc noopener noreferrer\"";
    out_ += '>';
    write_children(node);
    out_ += "</a>";
  }

  // Only the src survives from the original iframe; everything else is ours. No
  // allow-same-origin: with allow-scripts it would let the frame lift its own sandbox. Its fallback
  // content is dropped: browsers that show iframes never show it.
  void write_embed(const GumboElement& element) {
    const GumboAttribute* src = gumbo_get_attribute(&element.attributes, "src");
    const auto url = src ? safe_embed_url(src->value, base_url_) : std::nullopt;
    if (!url) return;
    out_ += "<iframe src=\"";
    append_escaped_attribute(out_, *url);
    out_ +=
        "\" sandbox=\"allow-scripts allow-presentation allow-popups\" loading=\"lazy\" "
        "allowfullscreen title=\"Embedded video\"></iframe>";
  }

  std::string_view base_url_;
  std::string out_;
};

}  // namespace

std::string sanitize_html_with_gumbo(const std::string& html, const std::string& base_url,
                                     bool* capped) {
  const GumboTree tree = GumboTree::fragment(html);
  if (capped) *capped = tree.capped();
  Sanitizer sanitizer(base_url, html.size());
  sanitizer.write_children(tree.root());
  return sanitizer.take();
}

// Most comments are a line or two of text in <p>; the fast path writes those without a parse and
// refuses everything else (see sanitize_fast_path.cpp).
std::string sanitize_html(const std::string& html, const std::string& base_url, bool* capped) {
  if (capped) *capped = false;
  if (std::optional<std::string> simple = sanitize_simple_html(html, base_url)) {
    return std::move(*simple);
  }
  return sanitize_html_with_gumbo(html, base_url, capped);
}

}  // namespace confab
