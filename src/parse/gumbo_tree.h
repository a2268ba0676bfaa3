// An owned gumbo parse, freed when it goes out of scope: every HTML tree confab builds, a fetched
// page (parse) or a comment's fragment (render), is one of these.
#pragma once

#include <string_view>

#include <gumbo.h>

namespace confab {

/// HTML parsed as a browser parses it. Parse errors are normal in pages and feeds and nobody
/// reads the list, so none are recorded (the tree is the same either way).
class GumboTree {
 public:
  /// A whole page: <html>, <head> and <body> are implied where missing.
  static GumboTree document(std::string_view html) { return GumboTree(html, false); }
  /// The inside of a <div> (the HTML5 fragment algorithm), so stray </p>, unclosed tags and
  /// misnested markup come out as the tree a browser would build.
  static GumboTree fragment(std::string_view html) { return GumboTree(html, true); }

  ~GumboTree();
  // Not copied nor moved: the factories' results are built in place (guaranteed elision).
  GumboTree(const GumboTree&) = delete;
  GumboTree& operator=(const GumboTree&) = delete;

  /// The <html> element: a page's root, or the element whose children are the fragment's
  /// top-level nodes.
  const GumboNode& root() const { return *output_->root; }

 private:
  GumboTree(std::string_view html, bool fragment);

  GumboOptions options_;
  GumboOutput* output_;
};

}  // namespace confab
