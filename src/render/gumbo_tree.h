// An owned gumbo parse of an HTML fragment, freed when it goes out of scope.
#pragma once

#include <string_view>

#include <gumbo.h>

namespace confab {

/// Parses HTML the way a browser parses the inside of a <div> (the HTML5 fragment algorithm), so
/// stray </p>, unclosed tags and misnested markup come out as the tree a browser would build.
class GumboTree {
 public:
  explicit GumboTree(std::string_view html);
  ~GumboTree();
  GumboTree(const GumboTree&) = delete;
  GumboTree& operator=(const GumboTree&) = delete;

  /// The element whose children are the fragment's top-level nodes.
  const GumboNode& container() const;

 private:
  GumboOptions options_;
  GumboOutput* output_;
};

}  // namespace confab
