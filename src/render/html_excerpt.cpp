#include "render/html_excerpt.h"

#include "base/ascii.h"
#include "parse/gumbo_tree.h"
#include "parse/html_text.h"

namespace confab {
namespace {

void collect_text(const GumboNode& node, std::string& text) {
  if (node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_WHITESPACE) {
    text += node.v.text.text;
  } else if (node.type == GUMBO_NODE_ELEMENT) {
    const GumboVector& children = node.v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      collect_text(*static_cast<const GumboNode*>(children.data[i]), text);
    }
    text += ' ';  // block or not, element boundaries are where words part ("a<br>b")
  }
}

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::string text_excerpt(std::string_view plain_text, std::size_t max_chars) {
  std::string text = collapse_whitespace(plain_text);
  std::size_t chars = 0;
  std::size_t cut = 0;
  for (; cut < text.size(); ++cut) {
    if (is_continuation_byte(text[cut])) continue;
    if (chars == max_chars) break;
    ++chars;
  }
  if (cut >= text.size()) return text;
  const std::size_t space = text.rfind(' ', cut);
  // Prefer a word boundary, unless that would throw away most of the excerpt.
  if (space != std::string::npos && space > cut / 2) cut = space;
  text.erase(cut);
  while (!text.empty() &&
         (is_html_space(text.back()) || text.back() == ',' || text.back() == '.')) {
    text.pop_back();
  }
  return text + "…";
}

std::string html_excerpt(const std::string& html, std::size_t max_chars) {
  const GumboTree tree = GumboTree::fragment(html);
  std::string raw;
  collect_text(tree.root(), raw);
  return text_excerpt(raw, max_chars);
}

}  // namespace confab
