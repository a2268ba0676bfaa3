// Recovery for the XML that real feeds contain: what a liberal parser forgives, done up front
// so that pugixml sees well-formed text, and each repair reported as a warning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace confab {

/// Where the XML starts in `text`: at "<?xml" or the first markup, past any stray output a
/// server printed first (PHP notices, blank lines). Warns when non-blank text was skipped.
std::size_t find_xml_start(std::string_view text, std::vector<std::string>& warnings);

/// Fixes, outside CDATA sections, comments and processing instructions: HTML named entities
/// XML does not define (replaced by their characters), undefined entities and bare '&'
/// (escaped), numeric references to characters XML forbids, bare '<', and control characters
/// (removed, also inside CDATA). References to the general entities the DOCTYPE's internal
/// subset declares with a value are replaced by that value read as text (its references
/// resolved, markup in it escaped), so pugixml, which expands no DTD, sees what a liberal parser
/// shows. External and parameter entities are never read; a reference in a cycle, nested too
/// deep, or past a cap on the expanded text (at most 1 MiB) is kept as text. nullopt when the
/// text needed no change (the common case: no copy is made).
std::optional<std::string> clean_xml_text(std::string_view text,
                                          std::vector<std::string>& warnings);

/// What balance_xml_tags had to do.
struct TagRepairs {
  int closed_elements = 0;   ///< end tags inserted for elements left open
  int dropped_end_tags = 0;  ///< end tags that closed nothing open
  int fixed_attributes = 0;  ///< unquoted or valueless attributes given quoted values
  bool truncated = false;    ///< the text ended inside markup or with elements open
  /// The elements still open where the text ended (outermost first), as written ("item",
  /// "atom:entry"): the last entry of a cut-off feed is a fragment when one of them is an entry.
  std::vector<std::string> open_at_end;
};

/// Rewrites `text` so that every element is closed in order: an end tag closes the elements
/// opened after its start tag, a stray end tag is dropped, markup cut off at the end is dropped
/// and every element still open at the end is closed. Used only when pugixml rejects a document.
std::string balance_xml_tags(std::string_view text, TagRepairs& repairs);

}  // namespace confab
