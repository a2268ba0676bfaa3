#include "parse/gumbo_tree.h"

#include <new>

namespace confab {

GumboTree::GumboTree(std::string_view html, bool fragment) : options_(kGumboDefaultOptions) {
  if (fragment) {
    options_.fragment_context = GUMBO_TAG_DIV;
    options_.fragment_namespace = GUMBO_NAMESPACE_HTML;
  }
  options_.max_errors = 0;
  output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
  if (output_ == nullptr) throw std::bad_alloc();
}

GumboTree::~GumboTree() {
  gumbo_destroy_output(&options_, output_);
}

}  // namespace confab
