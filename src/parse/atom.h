// Atom 1.0 (RFC 4287) and Atom 0.3, with RFC 4685 threading.
#pragma once

#include <pugixml.hpp>

#include <optional>
#include <string>
#include <vector>

#include "parse/feed.h"
#include "parse/xml_scope.h"

namespace confab {

/// Fills `feed` from an Atom <feed> root, or from a lone <entry> root (an Atom entry
/// document, read as a feed of one). `feed.format` must already say atom10 or atom03.
void read_atom(pugi::xml_node root, const XmlScope& document_scope, Feed& feed);

/// An atom:link, wherever it appears (Atom, or RSS borrowing it).
struct AtomLink {
  std::string rel;  ///< "alternate" when absent; IANA URIs shortened to their name
  std::string type;
  std::string href;  ///< resolved
  std::string title;
  std::optional<long long> length;
  std::optional<int> count;  ///< thr:count
};

/// An Atom person construct (author, contributor) in the Atom namespace `atom_ns` (1.0 or
/// 0.3), wherever it appears (Atom, or RSS borrowing atom:author).
Author read_atom_person(pugi::xml_node node, const XmlScope& parent, Ns atom_ns);

/// Adds what a thr:in-reply-to element (RFC 4685, in Atom or RSS) names to entry.in_reply_to.
void read_in_reply_to(pugi::xml_node element, const XmlScope& scope, Entry& entry);

/// Reads the link element `link`, a child of `scope`'s element.
AtomLink read_atom_link(pugi::xml_node link, const XmlScope& scope);

/// What a link says about an entry: alternate -> link, replies -> comments feed/page and
/// count, related -> related, enclosure -> enclosures.
void apply_entry_link(const AtomLink& link, Entry& entry);

/// What a link says about a feed: alternate -> link, self -> self, replies -> comments feed.
void apply_feed_link(const AtomLink& link, Feed& feed);

}  // namespace confab
