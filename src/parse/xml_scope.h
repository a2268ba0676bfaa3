// Namespaces and xml:base as an element sees them: feeds are matched by namespace URI, never by
// the prefix a generator happened to choose, and every link resolves against xml:base.
#pragma once

#include <pugixml.hpp>

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace confab {

/// The vocabularies confab reads. `none` is no namespace (RSS 2.0's own elements);
/// `other` a namespace confab ignores.
enum class Ns {
  none,
  other,
  atom10,
  atom03,
  rss10,
  rss090,
  rdf,
  content,
  dc,
  dcterms,
  wfw,
  slash,
  thr,
  feedburner,
  media,
  itunes,
  xhtml,
  xml,
};

/// The vocabulary a namespace URI names (tolerating case and a missing trailing '/' or '#').
Ns namespace_from_uri(std::string_view uri);

/// An element or attribute name resolved to its namespace.
struct QName {
  Ns ns = Ns::none;
  std::string_view local;
  bool is(Ns n, std::string_view l) const { return ns == n && local == l; }
};

/// Per-parse state that outlives every scope: where warnings go, what was already reported.
struct ScopeDiagnostics {
  std::vector<std::string>* warnings = nullptr;
  std::set<std::string> reported_prefixes;
};

/// The namespace bindings and base URL in force inside one element. Scopes form a chain on the
/// stack, one per element the parser descends into; most elements declare nothing, so a scope
/// costs a pointer and an attribute scan.
class XmlScope {
 public:
  /// The document's scope: only the document URL as base.
  XmlScope(std::string document_url, ScopeDiagnostics& diagnostics);
  /// The scope inside `element` (its xmlns declarations and xml:base applied).
  XmlScope(const XmlScope& parent, pugi::xml_node element);
  XmlScope(const XmlScope&) = delete;
  XmlScope& operator=(const XmlScope&) = delete;

  /// The name of `element`, a child of this scope's element (its own declarations count).
  QName name_of(pugi::xml_node element) const;
  /// The value of the attribute (ns, local) on `element` (a child of this scope), "" if none.
  /// Unprefixed attributes have no namespace.
  std::string_view attribute(pugi::xml_node element, Ns ns, std::string_view local) const;

  /// The base URL inside this scope's element.
  const std::string& base() const { return *base_; }
  /// `reference` resolved for a child `element` (its own xml:base counts).
  std::string resolve(pugi::xml_node element, std::string_view reference) const;
  /// The base URL for the content of a child `element`: this scope's base, or `storage` when
  /// the element has its own xml:base (no copy in the common case).
  std::string_view base_for(pugi::xml_node element, std::string& storage) const;

 private:
  Ns lookup(std::string_view prefix, pugi::xml_node element) const;

  const XmlScope* parent_ = nullptr;
  ScopeDiagnostics* diagnostics_;
  std::vector<std::pair<std::string_view, Ns>> bindings_;
  std::string own_base_;
  const std::string* base_;
  Ns default_ns_ = Ns::none;  ///< what an unprefixed name means here (the common lookup)
};

}  // namespace confab
