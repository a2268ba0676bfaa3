#include "parse/feed.h"

#include <pugixml.hpp>

#include "base/ascii.h"
#include "parse/atom.h"
#include "parse/encoding.h"
#include "parse/field_readers.h"
#include "parse/html_page.h"
#include "parse/json_feed.h"
#include "parse/rss.h"
#include "parse/sniff.h"
#include "parse/xml_repair.h"
#include "parse/xml_scope.h"

namespace confab {
namespace {

// parse_default keeps CDATA, decodes references and normalises line ends; whitespace-only text
// is kept too, because XHTML content needs the spaces between its inline elements (pugixml
// pays next to nothing for it).
constexpr unsigned kParseFlags = pugi::parse_default | pugi::parse_ws_pcdata;
// Documents reach pugixml already transcoded; loading them with encoding_utf8 makes pugixml
// take the bytes as UTF-8 whatever their XML declaration says (it reads the declaration only
// under encoding_auto), so no declaration needs rewriting.

std::string_view local_part(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

[[noreturn]] void throw_not_a_feed(const Document& document, const std::string& what) {
  throw ParseError((document.url.empty() ? std::string("document") : document.url) +
                   ": not a feed (" + what + ")");
}

[[noreturn]] void throw_html_page(const Document& document) {
  std::string what = "HTML page";
  const HtmlPage page = parse_html_page(document);
  if (!page.feeds.empty()) {
    what += "; it advertises " + std::to_string(page.feeds.size()) +
            (page.feeds.size() == 1 ? " feed: " : " feeds: ");
    for (std::size_t i = 0; i < page.feeds.size() && i < 3; ++i) {
      what += (i > 0 ? ", " : "") + page.feeds[i].url;
    }
    if (page.feeds.size() > 3) what += ", …";
  }
  throw_not_a_feed(document, what);
}

std::size_t line_of(std::string_view text, std::ptrdiff_t offset) {
  std::size_t line = 1;
  const std::size_t end =
      std::min(text.size(), static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)));
  for (std::size_t i = 0; i < end; ++i) line += text[i] == '\n';
  return line;
}

/// Parses `xml` with pugixml; when pugixml rejects it, balances its tags and parses again,
/// keeping whatever parsed (pugixml keeps a partial tree), and sets `was_repaired`. Returns false
/// if no element is left.
bool load_xml(std::string_view xml, pugi::xml_document& document,
              std::vector<std::string>& warnings, std::string& problem, TagRepairs& repairs,
              bool& was_repaired) {
  const pugi::xml_parse_result result =
      document.load_buffer(xml.data(), xml.size(), kParseFlags, pugi::encoding_utf8);
  if (result) return true;
  was_repaired = true;
  problem =
      std::string(result.description()) + " at line " + std::to_string(line_of(xml, result.offset));
  const std::string balanced = balance_xml_tags(xml, repairs);
  pugi::xml_document repaired;
  const pugi::xml_parse_result second =
      repaired.load_buffer(balanced.data(), balanced.size(), kParseFlags, pugi::encoding_utf8);
  if (second || repaired.document_element()) {
    document.reset(repaired);
  }
  std::string message = "the XML is malformed (" + problem + ")";
  std::vector<std::string> done;
  if (repairs.closed_elements > 0) {
    done.push_back("closed " + std::to_string(repairs.closed_elements) + " unclosed elements");
  }
  if (repairs.dropped_end_tags > 0) {
    done.push_back("dropped " + std::to_string(repairs.dropped_end_tags) + " stray end tags");
  }
  if (repairs.fixed_attributes > 0) {
    done.push_back("quoted " + std::to_string(repairs.fixed_attributes) + " attribute values");
  }
  if (!done.empty()) {
    message += "; repaired it:";
    for (std::size_t i = 0; i < done.size(); ++i) message += (i ? ", " : " ") + done[i];
  }
  if (repairs.truncated) message += "; the document seems cut off, later entries may be missing";
  if (!document.document_element()) return false;
  if (!second) message += "; kept what could be read";
  warnings.push_back(std::move(message));
  return true;
}

/// True when the document ended inside an entry (RSS item, Atom entry): the last entry read is
/// a fragment of one.
bool cut_inside_entry(const TagRepairs& repairs) {
  for (const std::string& name : repairs.open_at_end) {
    const std::string_view local = local_part(name);
    if (local == "item" || local == "entry") return true;
  }
  return false;
}

FeedFormat rss_format(pugi::xml_node root, const XmlScope& scope) {
  const std::string_view version = root.attribute("version").value();
  if (scope.name_of(root).local == "rss") {
    return version.starts_with("0.9") ? FeedFormat::rss09x : FeedFormat::rss20;
  }
  const XmlScope root_scope(scope, root);
  for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && root_scope.name_of(child).ns == Ns::rss090) {
      return FeedFormat::rss09x;  // RSS 0.90 is RDF with Netscape's namespace
    }
  }
  return FeedFormat::rss10;
}

/// `body_sniffed`: what sniffing the raw body found; sniffed again only when decoding or a
/// skipped prefix changed the bytes (a 4 KiB head scan per document is not free).
Feed parse_xml_feed(const Document& document, std::string_view text, const Sniffed& body_sniffed,
                    Feed feed) {
  const std::size_t start = find_xml_start(text, feed.warnings);
  text.remove_prefix(start);
  const bool same_bytes = start == 0 && text.data() == document.body.data();
  if (!same_bytes && sniff_document(text).kind == DocumentKind::html) throw_html_page(document);
  if (same_bytes && body_sniffed.kind == DocumentKind::html) throw_html_page(document);
  const std::optional<std::string> cleaned = clean_xml_text(text, feed.warnings);
  pugi::xml_document xml;
  std::string problem;
  TagRepairs repairs;
  bool repaired = false;
  if (!load_xml(cleaned ? std::string_view(*cleaned) : text, xml, feed.warnings, problem, repairs,
                repaired)) {
    throw_not_a_feed(document, "unreadable XML: " + problem);
  }
  feed.complete = !repaired;
  const pugi::xml_node root = xml.document_element();
  ScopeDiagnostics diagnostics{&feed.warnings, {}};
  const XmlScope scope(document.url, diagnostics);
  const QName name = scope.name_of(root);
  if (name.local == "rss" || (name.local == "RDF" && (name.ns == Ns::rdf || name.ns == Ns::none))) {
    feed.format = rss_format(root, scope);
    read_rss(root, scope, feed);
  } else if (name.local == "feed" || name.local == "entry") {
    const std::string_view version = root.attribute("version").value();
    if (name.ns == Ns::atom03 || (name.ns == Ns::none && version == "0.3")) {
      feed.format = FeedFormat::atom03;
    } else {
      if (name.ns != Ns::atom10) {
        feed.warnings.push_back("the <" + std::string(name.local) +
                                "> root is not in the Atom namespace; read it as Atom 1.0");
      }
      feed.format = FeedFormat::atom10;
    }
    read_atom(root, scope, feed);
  } else if (lower(name.local) == "html") {
    throw_html_page(document);
  } else if (lower(name.local) == "opml") {
    throw_not_a_feed(document, "OPML subscription list");
  } else {
    throw_not_a_feed(document, "XML document with root <" + std::string(root.name()) + ">");
  }
  if (cut_inside_entry(repairs) && !feed.entries.empty()) {
    feed.entries.pop_back();  // a fragment: its text, even its id, may be cut short
    feed.warnings.push_back("the last entry was cut off by the end of the document: left out");
  }
  return feed;
}

}  // namespace

const char* feed_format_name(FeedFormat format) {
  switch (format) {
    case FeedFormat::rss20:
      return "rss2.0";
    case FeedFormat::rss10:
      return "rss1.0";
    case FeedFormat::rss09x:
      return "rss0.9x";
    case FeedFormat::atom10:
      return "atom1.0";
    case FeedFormat::atom03:
      return "atom0.3";
    case FeedFormat::jsonfeed:
      return "jsonfeed";
  }
  return "unknown";
}

Feed parse_feed(const Document& document) {
  const Sniffed sniffed = sniff_document(document.body);
  switch (sniffed.kind) {
    case DocumentKind::empty:
      throw_not_a_feed(document, "empty document");
    case DocumentKind::binary:
      throw_not_a_feed(document, sniffed.detail);
    case DocumentKind::html:
      throw_html_page(document);
    default:
      break;
  }
  Feed feed;
  const Utf8Text text = decode_xml(document.body, document.content_type, feed.warnings);
  if (sniffed.kind == DocumentKind::json) {
    std::vector<std::string> warnings = std::move(feed.warnings);
    feed = read_json_feed(text.view(), document.url);
    warnings.insert(warnings.end(), feed.warnings.begin(), feed.warnings.end());
    feed.warnings = std::move(warnings);
  } else {
    feed = parse_xml_feed(document, text.view(), sniffed, std::move(feed));
  }
  feed.language = normalize_language(feed.language);
  return feed;
}

bool looks_like_feed(const Document& document) {
  const Sniffed sniffed = sniff_document(document.body);
  if (sniffed.kind == DocumentKind::xml) {
    const std::string_view local = local_part(sniffed.root);
    return local == "rss" || local == "feed" || local == "RDF" || local == "entry";
  }
  if (sniffed.kind == DocumentKind::json) {
    return document.body.substr(0, 4096).find("jsonfeed.org/version/") != std::string::npos;
  }
  if (sniffed.kind == DocumentKind::text) {
    // Nothing recognisable at the start (stray output before the XML?): trust the server.
    const std::string type = lower(document.content_type);
    return type.find("rss") != std::string::npos || type.find("atom") != std::string::npos ||
           type.find("feed+json") != std::string::npos;
  }
  return false;
}

}  // namespace confab
