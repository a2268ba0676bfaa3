// RSS in its three families: 2.0, 0.91/0.92 (rss0.9x), and the RDF-based 1.0 and 0.90.
#pragma once

#include <pugixml.hpp>

#include "parse/feed.h"
#include "parse/xml_scope.h"

namespace confab {

/// Fills `feed` from an <rss> or <rdf:RDF> root. Items are read wherever they sit: inside
/// <channel> (RSS 2.0, 0.9x) or beside it (RDF).
void read_rss(pugi::xml_node root, const XmlScope& document_scope, Feed& feed);

}  // namespace confab
