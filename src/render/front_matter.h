// Front matter of a content/*.md file: the TOML between `+++` lines that says how the page is
// titled, dated, ordered and whether it is published.
#pragma once

#include <optional>
#include <string>

#include "base/time.h"

namespace confab {

/// What a content file says about itself. Keys outside this set are accepted (sites written for
/// other generators carry them) as long as they hold no table, and are ignored.
struct FrontMatter {
  std::string title;             ///< "" when the file gives none
  std::optional<UnixTime> date;  ///< from a date or date-time, read as UTC when no offset
  bool draft = false;            ///< a draft is not rendered
  double weight = 0;             ///< menu order, lighter first
};

/// A content file split into its front matter and its Markdown body.
struct ContentDocument {
  FrontMatter front_matter;
  std::string body;
};

/// Splits `text` (the whole file) into front matter and body. The front matter is optional; when
/// present it opens on the first line with `+++` and closes with the next `+++` line. It is TOML
/// without tables: title is a string, date a TOML date or date-time (or a string parse_date
/// reads), draft a boolean, weight a number. Anything else throws RenderError
/// "<path>:<line>:<column>: <what is wrong>", the line counted in the whole file.
ContentDocument read_content_document(const std::string& text, const std::string& path);

}  // namespace confab
