// An owned gumbo parse, freed when it goes out of scope: every HTML tree confab builds, a fetched
// page (parse) or a comment's fragment (render), is one of these.
#pragma once

#include <string>
#include <string_view>

#include <gumbo.h>

namespace confab {

/// HTML parsed as a browser parses it. Parse errors are normal in pages and feeds and nobody
/// reads the list, so none are recorded (the tree is the same either way). The HTML is third-party
/// input, so it goes through the nesting cap first (parse/html_nesting.h): the tree is never
/// deeper than kHtmlNestingCap + 1 levels, whatever the input, which is what lets every walker of
/// it recurse (issue 13).
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

  /// True when the input nested deeper than the cap and start tags were left out of it.
  bool capped() const { return capped_; }

 private:
  GumboTree(std::string_view html, bool fragment);

  std::string capped_html_;  // what gumbo parsed when capped: the tree points into it
  bool capped_ = false;
  GumboOptions options_;
  GumboOutput* output_;
};

}  // namespace confab
