#include "parse/atom.h"

#include "base/strings.h"
#include "base/url.h"
#include "parse/encoding.h"
#include "parse/field_readers.h"
#include "parse/html_text.h"
#include "parse/html_urls.h"
#include "parse/media_rss.h"
#include "parse/xml_text.h"

namespace confab {
namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool is_feed_type(std::string_view type) {
  return contains(type, "atom") || contains(type, "rss") || contains(type, "xml") ||
         contains(type, "feed+json");
}

std::string short_rel(std::string_view rel) {
  rel = trim_ascii(rel);
  constexpr std::string_view kIana = "http://www.iana.org/assignments/relation/";
  if (rel.starts_with(kIana)) rel.remove_prefix(kIana.size());
  return rel.empty() ? "alternate" : std::string(rel);
}

/// RFC 4287 4.1.3.3: a content type that is neither text, HTML nor XML is written in base64.
bool is_base64_type(std::string_view type) {
  return !type.empty() && type != "text" && type != "html" && type != "xhtml" &&
         !type.starts_with("text/") && !contains(type, "xml");
}

bool is_html_type(std::string_view type) {
  return type.empty() || contains(type, "html");
}

/// How one Atom document reads its elements: which namespace is Atom's, and 0.3 rules.
struct AtomReader {
  Ns atom_ns;
  bool is03;
  std::vector<std::string>& warnings;

  bool is_atom(const QName& name, std::string_view local) const {
    return name.ns == atom_ns && name.local == local;
  }

  /// A text construct as HTML (summary, content).
  std::string html_of(pugi::xml_node node, const XmlScope& scope) const {
    const std::string_view type = trim_ascii(scope.attribute(node, Ns::none, "type"));
    std::string html;
    if (is03) {
      // Atom 0.3 says how the content is written (mode) apart from what it is (type).
      const std::string_view mode = trim_ascii(scope.attribute(node, Ns::none, "mode"));
      if (mode == "xml") {
        html = inner_html(node);  // 0.3 names no wrapping div: the markup is all content
      } else if (mode == "base64") {
        std::optional<std::string> text = decoded_text(node, "base64 Atom 0.3 content");
        if (!text) return {};
        html = type.empty() || contains(type, "html") ? std::move(*text) : escape_html(*text);
      } else {
        const bool is_html = type.empty() || contains(type, "html");
        html = is_html && !type.empty() ? element_text(node)
               : is_html                ? embedded_html(node)
                                        : escape_html(element_text(node));
      }
    } else if (type.empty() || type == "text" || type.starts_with("text/plain")) {
      html = escape_html(element_text(node));
    } else if (type == "html" || type == "text/html") {
      html = embedded_html(node);
    } else if (type == "xhtml" || contains(type, "xhtml") || type.ends_with("xml")) {
      html = xml_content(node, scope);
    } else if (type.starts_with("text/")) {
      html = escape_html(element_text(node));
    } else if (is_base64_type(type) && scope.attribute(node, Ns::none, "src").empty()) {
      // RFC 4287 4.1.3.3: any other media type is base64. Text that decodes to readable
      // UTF-8 is shown as text; an image or a binary is no HTML to show.
      std::optional<std::string> text =
          decoded_text(node, "base64 content of type " + std::string(type));
      if (!text) return {};
      html = escape_html(*text);
    } else {
      return {};  // content kept elsewhere (src): nothing to show inline
    }
    std::string base;
    return absolutize_html_urls(std::move(html), scope.base_for(node, base));
  }

  /// Inline XML content: for XHTML, the children of its wrapping div; any other vocabulary
  /// (SVG, MathML) kept as markup, for the sanitizer to judge.
  static std::string xml_content(pugi::xml_node node, const XmlScope& scope) {
    pugi::xml_node div;
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) {
        div = child;
        break;
      }
    }
    const XmlScope inner(scope, node);
    return div && inner.name_of(div).local == "div" ? inner_html(div) : inner_html(node);
  }

  /// The text a base64 body decodes to, when it is UTF-8; nullopt (with a warning) otherwise.
  std::optional<std::string> decoded_text(pugi::xml_node node, const std::string& what) const {
    std::optional<std::string> bytes = from_base64(element_text(node));
    if (!bytes || find_invalid_utf8(*bytes) != std::string::npos ||
        bytes->find('\0') != std::string::npos) {
      warnings.push_back("skipped " + what + " that is not text");
      return std::nullopt;
    }
    return bytes;
  }

  /// A text construct as plain text (titles).
  std::string text_of(pugi::xml_node node, const XmlScope& scope) const {
    const std::string_view type = trim_ascii(scope.attribute(node, Ns::none, "type"));
    const std::string_view mode = is03 ? trim_ascii(scope.attribute(node, Ns::none, "mode")) : "";
    std::string text;
    if (is03 ? mode == "base64" : is_base64_type(type)) {
      std::optional<std::string> decoded = decoded_text(node, "base64 title");
      if (!decoded) return {};
      text = std::string(trim_ascii(*decoded));
    } else {
      text = element_text(node);
    }
    const bool html = type == "html" || type == "text/html" ||
                      (is03 && mode != "xml" && contains(type, "html")) ||
                      (is_base64_type(type) && contains(type, "html"));
    if (html && (contains(text, "<") || contains(text, "&"))) return html_to_text(text);
    return text;
  }

  Author person(pugi::xml_node node, const XmlScope& parent) const {
    return read_atom_person(node, parent, atom_ns);
  }

  std::string category(pugi::xml_node node, const XmlScope& scope) const {
    std::string term(trim_ascii(scope.attribute(node, Ns::none, "term")));
    if (term.empty()) term = trim_ascii(scope.attribute(node, Ns::none, "label"));
    if (term.empty()) term = element_text(node);
    return term;
  }

  /// Reads an entry; `inherits_authors` is set when it has none of its own or its source's.
  Entry entry(pugi::xml_node node, const XmlScope& parent, bool& inherits_authors) const {
    const XmlScope scope(parent, node);
    Entry entry;
    EntryProblems problems;
    std::string original_link;
    std::optional<int> total;
    std::vector<Author> source_authors;
    bool have_html_alternate = false;
    std::string scratch;  // text of fields that are only read (dates, counts, URLs to resolve)
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() != pugi::node_element) continue;
      const QName name = scope.name_of(child);
      if (name.ns == atom_ns) {
        const std::string_view local = name.local;
        if (local == "id") {
          entry.id = element_text(child);
        } else if (local == "title") {
          entry.title = text_of(child, scope);
        } else if (local == "link") {
          const AtomLink link = read_atom_link(child, scope);
          // The first HTML alternate wins over alternates of other types.
          if (link.rel == "alternate" && !link.href.empty() && is_html_type(link.type) &&
              !have_html_alternate) {
            entry.link = link.href;
            have_html_alternate = true;
          } else {
            apply_entry_link(link, entry);
          }
        } else if (local == "published" || local == "issued" || local == "created") {
          const auto date = read_date(element_text_view(child, scratch), name.local, problems);
          if (date && (!entry.published || local != "created")) entry.published = date;
        } else if (local == "updated" || local == "modified") {
          entry.updated = read_date(element_text_view(child, scratch), name.local, problems);
        } else if (local == "author") {
          entry.authors.push_back(person(child, scope));
        } else if (local == "summary") {
          entry.summary = html_of(child, scope);
        } else if (local == "content") {
          entry.content = html_of(child, scope);
        } else if (local == "category") {
          if (std::string term = category(child, scope); !term.empty()) {
            entry.categories.push_back(std::move(term));
          }
        } else if (local == "source") {
          const XmlScope source_scope(scope, child);
          for (pugi::xml_node item = child.first_child(); item; item = item.next_sibling()) {
            if (item.type() == pugi::node_element &&
                is_atom(source_scope.name_of(item), "author")) {
              source_authors.push_back(person(item, source_scope));
            }
          }
        }
      } else if (name.ns == Ns::thr) {
        if (name.local == "in-reply-to") {
          read_in_reply_to(child, scope, entry);
        } else if (name.local == "total") {
          total = parse_count(element_text_view(child, scratch));
        }
      } else if (name.is(Ns::feedburner, "origLink")) {
        original_link = scope.resolve(child, element_text_view(child, scratch));
      } else if (name.ns == Ns::media) {
        add_media_enclosures(child, scope, entry.enclosures);
      } else if (name.is(Ns::dc, "subject")) {
        if (std::string subject = element_text(child); !subject.empty()) {
          entry.categories.push_back(std::move(subject));
        }
      } else if (name.is(Ns::dc, "creator") && entry.authors.empty()) {
        entry.authors.push_back(Author{element_text(child), {}, {}});
      }
    }
    if (total) entry.comment_count = total;
    if (!original_link.empty()) entry.link = std::move(original_link);
    // An entry with no alternate link is at its id when the id is a web address (as an RSS
    // guid is a permalink); a tag: or urn: id names no page.
    if (entry.link.empty() && is_http_url(trim_ascii(entry.id))) {
      entry.link = std::string(trim_ascii(entry.id));
    }
    if (entry.authors.empty()) entry.authors = std::move(source_authors);
    inherits_authors = entry.authors.empty();
    finish_entry(entry, problems, warnings);
    return entry;
  }
};

}  // namespace

Author read_atom_person(pugi::xml_node node, const XmlScope& parent, Ns atom_ns) {
  const XmlScope scope(parent, node);
  Author author;
  std::string scratch;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const QName name = scope.name_of(child);
    if (name.ns != atom_ns) continue;
    if (name.local == "name") {
      author.name = plain_text(child);
    } else if (name.local == "email") {
      author.email = element_text(child);
    } else if (name.local == "uri" || name.local == "url" || name.local == "homepage") {
      // Atom 0.3 wrote the person's page as <url> or <homepage>; Atom 1.0 as <uri>.
      if (const std::string_view uri = element_text_view(child, scratch);
          !trim_ascii(uri).empty() && author.uri.empty()) {
        author.uri = scope.resolve(child, uri);
      }
    }
  }
  return author;
}

void read_in_reply_to(pugi::xml_node element, const XmlScope& scope, Entry& entry) {
  InReplyTo reply;
  reply.ref = trim_ascii(scope.attribute(element, Ns::none, "ref"));
  const std::string_view href = scope.attribute(element, Ns::none, "href");
  if (!trim_ascii(href).empty()) reply.href = scope.resolve(element, href);
  if (!reply.ref.empty() || !reply.href.empty()) entry.in_reply_to.push_back(std::move(reply));
}

AtomLink read_atom_link(pugi::xml_node link, const XmlScope& scope) {
  AtomLink result;
  result.rel = short_rel(scope.attribute(link, Ns::none, "rel"));
  result.type = trim_ascii(scope.attribute(link, Ns::none, "type"));
  std::string scratch;
  std::string_view href = scope.attribute(link, Ns::none, "href");
  // Atom 0.3 generators sometimes put the URL in the element's text.
  if (href.empty()) href = element_text_view(link, scratch);
  if (!trim_ascii(href).empty()) result.href = scope.resolve(link, href);
  result.title = scope.attribute(link, Ns::none, "title");
  result.length = parse_byte_count(scope.attribute(link, Ns::none, "length"));
  result.count = parse_count(scope.attribute(link, Ns::thr, "count"));
  return result;
}

void apply_entry_link(const AtomLink& link, Entry& entry) {
  if (link.href.empty()) return;
  if (link.rel == "alternate") {
    if (entry.link.empty()) entry.link = link.href;
  } else if (link.rel == "replies") {
    if (is_html_type(link.type) && !link.type.empty()) {
      if (entry.comments_url.empty()) entry.comments_url = link.href;
    } else if (entry.comments_feed.empty() && (link.type.empty() || is_feed_type(link.type))) {
      entry.comments_feed = link.href;
    }
    if (link.count && !entry.comment_count) entry.comment_count = link.count;
  } else if (link.rel == "related") {
    if (entry.related.empty()) entry.related = link.href;
  } else if (link.rel == "enclosure") {
    entry.enclosures.push_back(Enclosure{link.href, link.type, link.length});
  }
}

void apply_feed_link(const AtomLink& link, Feed& feed) {
  if (link.href.empty()) return;
  if (link.rel == "alternate") {
    if (feed.link.empty() && is_html_type(link.type)) feed.link = link.href;
  } else if (link.rel == "self") {
    if (feed.self.empty()) feed.self = link.href;
  } else if (link.rel == "next") {
    if (feed.next.empty()) feed.next = link.href;
  } else if (link.rel == "replies") {
    if (feed.comments_feed.empty() && (link.type.empty() || is_feed_type(link.type))) {
      feed.comments_feed = link.href;
    }
  }
}

void read_atom(pugi::xml_node root, const XmlScope& document_scope, Feed& feed) {
  const XmlScope scope(document_scope, root);
  const AtomReader reader{scope.name_of(root).ns, feed.format == FeedFormat::atom03, feed.warnings};
  if (reader.is_atom(scope.name_of(root), "entry")) {
    bool inherits = false;
    feed.entries.push_back(reader.entry(root, document_scope, inherits));
    return;
  }
  feed.language = trim_ascii(root.attribute("xml:lang").value());
  EntryProblems problems;
  std::vector<std::size_t> inheriting;
  std::string scratch, id;
  for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const QName name = scope.name_of(child);
    if (name.ns != reader.atom_ns) continue;
    const std::string_view local = name.local;
    if (local == "entry") {
      bool inherits = false;
      feed.entries.push_back(reader.entry(child, scope, inherits));
      if (inherits) inheriting.push_back(feed.entries.size() - 1);
    } else if (local == "id") {
      id = element_text(child);
    } else if (local == "title") {
      feed.title = reader.text_of(child, scope);
    } else if (local == "subtitle" || local == "tagline") {
      feed.description = reader.text_of(child, scope);
    } else if (local == "link") {
      apply_feed_link(read_atom_link(child, scope), feed);
    } else if (local == "updated" || local == "modified") {
      feed.updated = read_date(element_text_view(child, scratch), local, problems);
    } else if (local == "author") {
      feed.authors.push_back(reader.person(child, scope));
    } else if (local == "category") {
      if (std::string term = reader.category(child, scope); !term.empty()) {
        feed.categories.push_back(std::move(term));
      }
    } else if (local == "generator") {
      // WordPress and Blogger name themselves in the uri attribute, others in the text.
      const std::string uri(trim_ascii(child.attribute("uri").value()));
      feed.generator = uri.empty() ? plain_text(child) : uri;
    }
  }
  if (feed.link.empty() && is_http_url(id)) feed.link = std::move(id);
  // RFC 4287 section 4.2.1: an entry without authors has the feed's.
  for (std::size_t index : inheriting) feed.entries[index].authors = feed.authors;
  for (const std::string& message : problems.messages) feed.warnings.push_back("feed: " + message);
}

}  // namespace confab
