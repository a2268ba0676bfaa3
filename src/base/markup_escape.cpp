#include "base/markup_escape.h"

namespace confab {

namespace {

/// Content needs & < > escaped; a quoted attribute value also its quotes. Runs that need
/// nothing are copied whole: most text has no character to escape.
void append_escaped(std::string& out, std::string_view text, bool attribute) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        if (!attribute) continue;
        entity = "&quot;";
        break;
      case '\'':
        if (!attribute) continue;
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(text.data() + start, i - start);
    out += entity;
    start = i + 1;
  }
  out.append(text.data() + start, text.size() - start);
}

}  // namespace

void append_escaped_text(std::string& out, std::string_view text) {
  append_escaped(out, text, false);
}

void append_escaped_attribute(std::string& out, std::string_view text) {
  append_escaped(out, text, true);
}

}  // namespace confab
