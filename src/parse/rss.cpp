#include "parse/rss.h"

#include "parse/atom.h"
#include "parse/field_readers.h"
#include "parse/html_urls.h"
#include "parse/media_rss.h"
#include "parse/xml_text.h"

namespace confab {
namespace {

/// RSS's own elements: unqualified in 2.0 and 0.9x, in the RSS 1.0 or 0.90 namespace in RDF.
bool is_rss_core(Ns ns) {
  return ns == Ns::none || ns == Ns::rss10 || ns == Ns::rss090;
}

bool looks_like_url(std::string_view text) {
  text = trim_ascii(text);
  return text.starts_with("http://") || text.starts_with("https://") || text.starts_with("/");
}

void add_author(std::vector<Author>& authors, Author author) {
  if (author.name.empty() && author.email.empty()) return;
  for (const Author& existing : authors) {
    if (existing.name == author.name && existing.email == author.email) return;
  }
  authors.push_back(std::move(author));
}

void add_category(std::vector<std::string>& categories, std::string category) {
  if (!category.empty()) categories.push_back(std::move(category));
}

std::string html_field(pugi::xml_node node, const XmlScope& scope) {
  std::string base;
  return absolutize_html_urls(embedded_html(node), scope.base_for(node, base));
}

Entry read_item(pugi::xml_node item, const XmlScope& parent, std::vector<std::string>& warnings) {
  const XmlScope scope(parent, item);
  Entry entry;
  EntryProblems problems;
  std::string guid, original_link, rdf_about(trim_ascii(parent.attribute(item, Ns::rdf, "about")));
  bool guid_is_permalink = false;
  std::optional<UnixTime> dc_date, created;
  std::optional<int> total;
  std::string scratch;  // text of fields that are only read (dates, counts, URLs to resolve)
  for (pugi::xml_node child = item.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const QName name = scope.name_of(child);
    const std::string_view local = name.local;
    if (is_rss_core(name.ns)) {
      if (local == "title") {
        entry.title = plain_text(child);
      } else if (local == "link") {
        if (const std::string_view link = element_text_view(child, scratch); !link.empty()) {
          entry.link = scope.resolve(child, link);
        }
      } else if (local == "description") {
        entry.summary = html_field(child, scope);
      } else if (local == "guid") {
        guid = element_text(child);
        guid_is_permalink = trim_ascii(scope.attribute(child, Ns::none, "isPermaLink")) != "false";
      } else if (local == "comments") {
        if (const std::string_view url = element_text_view(child, scratch); !url.empty()) {
          entry.comments_url = scope.resolve(child, url);
        }
      } else if (local == "pubDate") {
        entry.published = read_date(element_text_view(child, scratch), local, problems);
      } else if (local == "author") {
        add_author(entry.authors, parse_rss_person(plain_text(child)));
      } else if (local == "category") {
        add_category(entry.categories, plain_text(child));
      } else if (local == "enclosure") {
        const std::string_view url = scope.attribute(child, Ns::none, "url");
        if (!trim_ascii(url).empty()) {
          entry.enclosures.push_back(Enclosure{
              scope.resolve(child, url), std::string(scope.attribute(child, Ns::none, "type")),
              parse_byte_count(scope.attribute(child, Ns::none, "length"))});
        }
      }
    } else if (name.ns == Ns::content) {
      if (local == "encoded") entry.content = html_field(child, scope);
    } else if (name.ns == Ns::dc) {
      if (local == "creator") {
        add_author(entry.authors, Author{plain_text(child), {}, {}});
      } else if (local == "date") {
        dc_date = read_date(element_text_view(child, scratch), "dc:date", problems);
      } else if (local == "subject") {
        add_category(entry.categories, plain_text(child));
      } else if (local == "identifier" && guid.empty()) {
        guid = element_text(child);
      }
    } else if (name.ns == Ns::dcterms) {
      if (local == "modified") {
        entry.updated = read_date(element_text_view(child, scratch), "dcterms:modified", problems);
      } else if (local == "created" || local == "issued") {
        created =
            read_date(element_text_view(child, scratch), "dcterms:" + std::string(local), problems);
      }
    } else if (name.ns == Ns::wfw) {
      if ((local == "commentRss" || local == "commentRSS") && entry.comments_feed.empty()) {
        if (const std::string_view url = element_text_view(child, scratch); !url.empty()) {
          entry.comments_feed = scope.resolve(child, url);
        }
      }
    } else if (name.ns == Ns::slash) {
      if (local == "comments") entry.comment_count = parse_count(element_text_view(child, scratch));
    } else if (name.ns == Ns::thr) {
      if (local == "total") {
        total = parse_count(element_text_view(child, scratch));
      } else if (local == "in-reply-to") {
        read_in_reply_to(child, scope, entry);
      }
    } else if (name.ns == Ns::atom10) {
      if (local == "link") {
        apply_entry_link(read_atom_link(child, scope), entry);
      } else if (local == "updated") {
        entry.updated = read_date(element_text_view(child, scratch), "atom:updated", problems);
      } else if (local == "published" && !entry.published) {
        entry.published = read_date(element_text_view(child, scratch), "atom:published", problems);
      }
    } else if (name.is(Ns::feedburner, "origLink")) {
      if (const std::string_view url = element_text_view(child, scratch); !url.empty()) {
        original_link = scope.resolve(child, url);
      }
    } else if (name.ns == Ns::media) {
      add_media_enclosures(child, scope, entry.enclosures);
    }
  }
  if (!entry.published) entry.published = dc_date ? dc_date : created;
  if (!entry.comment_count && total) entry.comment_count = total;
  // FeedBurner rewrites <link> to its click tracker; origLink is the post itself.
  if (!original_link.empty()) entry.link = std::move(original_link);
  if (entry.link.empty() && guid_is_permalink && looks_like_url(guid)) {
    entry.link = scope.resolve(item, guid);
  }
  entry.id = guid.empty() ? std::move(rdf_about) : std::move(guid);
  finish_entry(entry, problems, warnings);
  return entry;
}

struct ChannelDates {
  std::optional<UnixTime> last_build, pub, dc;
};

void read_channel_child(pugi::xml_node child, const XmlScope& scope, Feed& feed,
                        ChannelDates& dates, EntryProblems& problems) {
  std::string scratch;
  const QName name = scope.name_of(child);
  const std::string_view local = name.local;
  if (is_rss_core(name.ns)) {
    if (local == "item") {
      feed.entries.push_back(read_item(child, scope, feed.warnings));
    } else if (local == "title") {
      feed.title = plain_text(child);
    } else if (local == "link") {
      if (const std::string_view link = element_text_view(child, scratch); !link.empty()) {
        feed.link = scope.resolve(child, link);
      }
    } else if (local == "description") {
      feed.description = plain_text(child);
    } else if (local == "language") {
      feed.language = element_text(child);
    } else if (local == "lastBuildDate") {
      dates.last_build = read_date(element_text_view(child, scratch), local, problems);
    } else if (local == "pubDate") {
      dates.pub = read_date(element_text_view(child, scratch), local, problems);
    } else if (local == "managingEditor") {
      add_author(feed.authors, parse_rss_person(plain_text(child)));
    } else if (local == "generator") {
      feed.generator = plain_text(child);
    }
  } else if (name.ns == Ns::dc) {
    if (local == "creator") {
      add_author(feed.authors, Author{plain_text(child), {}, {}});
    } else if (local == "date") {
      dates.dc = read_date(element_text_view(child, scratch), "dc:date", problems);
    } else if (local == "language" && feed.language.empty()) {
      feed.language = element_text(child);
    }
  } else if (name.ns == Ns::atom10 && local == "link") {
    apply_feed_link(read_atom_link(child, scope), feed);
  } else if (name.ns == Ns::wfw && (local == "commentRss" || local == "commentRSS")) {
    if (const std::string_view url = element_text_view(child, scratch);
        !url.empty() && feed.comments_feed.empty()) {
      feed.comments_feed = scope.resolve(child, url);
    }
  }
}

}  // namespace

void read_rss(pugi::xml_node root, const XmlScope& document_scope, Feed& feed) {
  const XmlScope root_scope(document_scope, root);
  ChannelDates dates;
  EntryProblems problems;
  for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const QName name = root_scope.name_of(child);
    if (is_rss_core(name.ns) && name.local == "channel") {
      const XmlScope channel_scope(root_scope, child);
      // Entries are large: growing the vector item by item would move them again and again.
      std::size_t children = 0;
      for (pugi::xml_node field = child.first_child(); field; field = field.next_sibling()) {
        ++children;
      }
      feed.entries.reserve(feed.entries.size() + children / 2);
      for (pugi::xml_node field = child.first_child(); field; field = field.next_sibling()) {
        if (field.type() == pugi::node_element) {
          read_channel_child(field, channel_scope, feed, dates, problems);
        }
      }
    } else if (is_rss_core(name.ns) && name.local == "item") {
      feed.entries.push_back(read_item(child, root_scope, feed.warnings));
    }
  }
  feed.updated = dates.last_build ? dates.last_build : dates.pub ? dates.pub : dates.dc;
  for (const std::string& message : problems.messages) feed.warnings.push_back("feed: " + message);
}

}  // namespace confab
