// A first look at a document's bytes: what kind of thing it is, before parsing it.
#pragma once

#include <string>
#include <string_view>

namespace confab {

/// What the start of a document says it is.
enum class DocumentKind { empty, binary, json, html, xml, text };

struct Sniffed {
  DocumentKind kind = DocumentKind::text;
  std::string root;    ///< xml: the root element's name as written ("rss", "rdf:RDF")
  std::string detail;  ///< binary: what it looks like ("PNG image")
};

/// Looks at the first few kilobytes of `bytes` (any encoding with ASCII-compatible markup,
/// UTF-16 included).
Sniffed sniff_document(std::string_view bytes);

}  // namespace confab
