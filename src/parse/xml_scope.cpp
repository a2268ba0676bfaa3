#include "parse/xml_scope.h"

#include <cstring>

#include "base/ascii.h"
#include "base/url.h"

namespace confab {
namespace {

struct KnownNamespace {
  std::string_view uri;
  Ns ns;
};

constexpr KnownNamespace kKnownNamespaces[] = {
    {"http://www.w3.org/2005/Atom", Ns::atom10},
    {"http://purl.org/atom/ns#", Ns::atom03},
    {"http://purl.org/rss/1.0/", Ns::rss10},
    {"http://my.netscape.com/rdf/simple/0.9/", Ns::rss090},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", Ns::rdf},
    {"http://purl.org/rss/1.0/modules/content/", Ns::content},
    {"http://purl.org/dc/elements/1.1/", Ns::dc},
    {"http://purl.org/dc/terms/", Ns::dcterms},
    {"http://wellformedweb.org/CommentAPI/", Ns::wfw},
    {"http://purl.org/rss/1.0/modules/slash/", Ns::slash},
    {"http://purl.org/syndication/thread/1.0", Ns::thr},
    {"http://rssnamespace.org/feedburner/ext/1.0", Ns::feedburner},
    {"http://search.yahoo.com/mrss/", Ns::media},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", Ns::itunes},
    {"http://www.w3.org/1999/xhtml", Ns::xhtml},
    {"http://www.w3.org/XML/1998/namespace", Ns::xml},
    // Namespaces a few RSS 2.0 generators put on RSS's own elements.
    {"http://backend.userland.com/rss2", Ns::none},
    {"http://blogs.law.harvard.edu/tech/rss", Ns::none},
};

// Prefixes some generators use without declaring them. Only consulted for an undeclared
// prefix, where there is no URI to go by, and always with a warning.
constexpr std::pair<std::string_view, Ns> kConventionalPrefixes[] = {
    {"atom", Ns::atom10}, {"content", Ns::content},
    {"dc", Ns::dc},       {"dcterms", Ns::dcterms},
    {"wfw", Ns::wfw},     {"slash", Ns::slash},
    {"thr", Ns::thr},     {"feedburner", Ns::feedburner},
    {"rdf", Ns::rdf},     {"xhtml", Ns::xhtml},
    {"media", Ns::media}, {"itunes", Ns::itunes},
};

std::string_view strip_uri_end(std::string_view uri) {
  while (!uri.empty() && (uri.back() == '/' || uri.back() == '#' || uri.back() == ' ')) {
    uri.remove_suffix(1);
  }
  while (!uri.empty() && uri.front() == ' ') uri.remove_prefix(1);
  return uri;
}

/// The namespace `element` itself binds to `prefix` ("" is the default namespace), if any.
bool own_binding(pugi::xml_node element, std::string_view prefix, Ns& ns) {
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute;
       attribute = attribute.next_attribute()) {
    const char* name = attribute.name();
    if (std::strncmp(name, "xmlns", 5) != 0) continue;
    const std::string_view declared =
        name[5] == ':' ? std::string_view(name + 6)
                       : (name[5] == '\0' ? std::string_view() : std::string_view("\x01"));
    if (declared == prefix) {
      ns = namespace_from_uri(attribute.value());
      return true;
    }
  }
  return false;
}

}  // namespace

Ns namespace_from_uri(std::string_view uri) {
  if (uri.empty()) return Ns::none;
  for (const auto& known : kKnownNamespaces) {
    if (uri == known.uri) return known.ns;
  }
  const std::string_view stripped = strip_uri_end(uri);
  for (const auto& known : kKnownNamespaces) {
    if (iequals(stripped, strip_uri_end(known.uri))) return known.ns;
  }
  return Ns::other;
}

XmlScope::XmlScope(std::string document_url, ScopeDiagnostics& diagnostics)
    : diagnostics_(&diagnostics), own_base_(std::move(document_url)), base_(&own_base_) {}

XmlScope::XmlScope(const XmlScope& parent, pugi::xml_node element)
    : parent_(&parent),
      diagnostics_(parent.diagnostics_),
      base_(parent.base_),
      default_ns_(parent.default_ns_) {
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute;
       attribute = attribute.next_attribute()) {
    const char* name = attribute.name();
    if (std::strncmp(name, "xmlns", 5) == 0 && (name[5] == '\0' || name[5] == ':')) {
      bindings_.emplace_back(name[5] == ':' ? std::string_view(name + 6) : std::string_view(),
                             namespace_from_uri(attribute.value()));
      if (name[5] == '\0') default_ns_ = bindings_.back().second;
    } else if (std::strcmp(name, "xml:base") == 0) {
      own_base_ = resolve_url(*parent.base_, attribute.value());
      base_ = &own_base_;
    }
  }
}

Ns XmlScope::lookup(std::string_view prefix, pugi::xml_node element) const {
  Ns ns;
  if (element && own_binding(element, prefix, ns)) return ns;
  if (prefix.empty()) return default_ns_;
  if (prefix == "xml") return Ns::xml;
  for (const XmlScope* scope = this; scope; scope = scope->parent_) {
    for (const auto& [bound, bound_ns] : scope->bindings_) {
      if (bound == prefix) return bound_ns;
    }
  }
  if (prefix.empty()) return Ns::none;
  for (const auto& [conventional, conventional_ns] : kConventionalPrefixes) {
    if (prefix == conventional) {
      if (diagnostics_->warnings &&
          diagnostics_->reported_prefixes.emplace(std::string(prefix)).second) {
        diagnostics_->warnings->push_back("namespace prefix '" + std::string(prefix) +
                                          ":' is used without a declaration; read it as the "
                                          "vocabulary it conventionally names");
      }
      return conventional_ns;
    }
  }
  return Ns::other;
}

QName XmlScope::name_of(pugi::xml_node element) const {
  const std::string_view name = element.name();
  const std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {lookup({}, element), name};
  return {lookup(name.substr(0, colon), element), name.substr(colon + 1)};
}

std::string_view XmlScope::attribute(pugi::xml_node element, Ns ns, std::string_view local) const {
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute;
       attribute = attribute.next_attribute()) {
    const std::string_view name = attribute.name();
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) {
      if (ns == Ns::none && name == local) return attribute.value();
      continue;
    }
    if (name.substr(colon + 1) != local || name.starts_with("xmlns")) continue;
    if (lookup(name.substr(0, colon), element) == ns) return attribute.value();
  }
  return {};
}

std::string_view XmlScope::base_for(pugi::xml_node element, std::string& storage) const {
  const pugi::xml_attribute own = element.attribute("xml:base");
  if (!own) return *base_;
  storage = resolve_url(*base_, own.value());
  return storage;
}

std::string XmlScope::resolve(pugi::xml_node element, std::string_view reference) const {
  const pugi::xml_attribute own = element.attribute("xml:base");
  if (!own) return resolve_url(*base_, reference);
  return resolve_url(resolve_url(*base_, own.value()), reference);
}

}  // namespace confab
