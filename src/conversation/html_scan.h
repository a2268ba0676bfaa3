// A fast, forgiving reading of an HTML fragment (a post's or a comment's body): its visible text
// and its links in one pass. Threading reads every comment; a full HTML5 parse of each (gumbo)
// costs more than the whole threading budget, and these fragments need no tree.
#pragma once

#include <string>
#include <vector>

namespace confab {

struct ScannedLink {
  std::string url;   ///< resolved against the base URL
  std::string text;  ///< the anchor's visible text, whitespace collapsed
};

struct ScannedHtml {
  std::string text;                ///< visible text, entities decoded, whitespace collapsed
  std::vector<ScannedLink> links;  ///< every <a href>, in document order
};

/// Reads `html`: tags are dropped (script/style/template with their content), character
/// references decoded, block and line-break elements separate words. Never throws.
ScannedHtml scan_html(const std::string& html, const std::string& base_url);

}  // namespace confab
