#include "parse/gumbo_tree.h"

#include <new>
#include <optional>
#include <utility>

#include "parse/html_nesting.h"

namespace confab {

GumboTree::GumboTree(std::string_view html, bool fragment) : options_(kGumboDefaultOptions) {
  if (fragment) {
    options_.fragment_context = GUMBO_TAG_DIV;
    options_.fragment_namespace = GUMBO_NAMESPACE_HTML;
  }
  options_.max_errors = 0;
  std::optional<std::string> capped = cap_html_nesting(
      html, kHtmlNestingCap, fragment ? GumboParseKind::fragment_in_div : GumboParseKind::document);
  if (capped) {
    capped_html_ = std::move(*capped);
    capped_ = true;
    html = capped_html_;
  }
  output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
  if (output_ == nullptr) throw std::bad_alloc();
}

GumboTree::~GumboTree() {
  gumbo_destroy_output(&options_, output_);
}

}  // namespace confab
