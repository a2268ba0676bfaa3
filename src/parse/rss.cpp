#include "parse/rss.h"

#include "base/ascii.h"
#include "parse/atom.h"
#include "parse/field_readers.h"
#include "parse/html_text.h"
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

/// Adds `author` unless the list has them already: the same name, or the same address, with
/// nothing said of them that disagrees (what one element leaves out, another may give).
void add_author(std::vector<Author>& authors, Author author) {
  if (author.name.empty() && author.email.empty()) return;
  for (Author& existing : authors) {
    const bool same_name = !author.name.empty() && existing.name == author.name;
    const bool same_email = !author.email.empty() && existing.email == author.email;
    const bool emails_agree =
        existing.email.empty() || author.email.empty() || existing.email == author.email;
    const bool names_agree =
        existing.name.empty() || author.name.empty() || existing.name == author.name;
    if ((same_name && emails_agree) || (same_email && names_agree)) {
      if (existing.name.empty()) existing.name = std::move(author.name);
      if (existing.email.empty()) existing.email = std::move(author.email);
      if (existing.uri.empty()) existing.uri = std::move(author.uri);
      return;
    }
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

/// itunes:category text="…", with the categories nested in it.
void add_itunes_categories(pugi::xml_node category, const XmlScope& scope,
                           std::vector<std::string>& categories) {
  add_category(categories, std::string(trim_ascii(scope.attribute(category, Ns::none, "text"))));
  const XmlScope inner(scope, category);
  for (pugi::xml_node child = category.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && inner.name_of(child).is(Ns::itunes, "category")) {
      add_category(categories, std::string(trim_ascii(inner.attribute(child, Ns::none, "text"))));
    }
  }
}

/// itunes:keywords, "a, b, c": each keyword a category.
void add_keywords(std::vector<std::string>& categories, std::string_view keywords) {
  while (!keywords.empty()) {
    const std::size_t comma = keywords.find(',');
    add_category(categories, std::string(trim_ascii(keywords.substr(0, comma))));
    if (comma == std::string_view::npos) break;
    keywords.remove_prefix(comma + 1);
  }
}

/// A channel description as text: RSS descriptions may carry (escaped) HTML.
std::string text_of_html(pugi::xml_node element) {
  std::string text = element_text(element);
  if (text.find('<') == std::string::npos && text.find('&') == std::string::npos) {
    return plain_text(element);
  }
  return html_to_text(text);
}

/// True when `text` closes an element ("</span>"): escaped markup, not a "<" in a sentence.
bool has_end_tag(std::string_view text) {
  for (std::size_t at = text.find("</"); at != std::string_view::npos;
       at = text.find("</", at + 2)) {
    std::size_t end = at + 2;
    while (end < text.size() && is_alnum(text[end])) ++end;
    if (end > at + 2 && end < text.size() && text[end] == '>') return true;
  }
  return false;
}

/// An RSS title: plain text, except that a title marked type="html", or one carrying escaped
/// markup ("raise <span class='rupee'>₹</span>4,000"), is HTML to read as text. A lone "<"
/// ("Why <canvas> matters") is left as written.
std::string rss_title(pugi::xml_node title, const XmlScope& scope) {
  std::string text = plain_text(title);
  if (trim_ascii(scope.attribute(title, Ns::none, "type")) == "html" || has_end_tag(text)) {
    return html_to_text(text);
  }
  return text;
}

/// An XHTML <body> in an item: its children are the content, kept as markup.
std::string xhtml_body(pugi::xml_node body, const XmlScope& scope) {
  std::string base;
  return absolutize_html_urls(inner_html(body), scope.base_for(body, base));
}

/// Sets `date` from `text` when it reads as a date (a later field of the same meaning wins).
void set_date(std::optional<UnixTime>& date, std::string_view text, std::string_view field,
              EntryProblems& problems) {
  if (auto parsed = read_date(text, field, problems)) date = parsed;
}

/// An item's fields that several elements can give, settled once the whole item is read.
struct ItemFallbacks {
  std::string guid, original_link, dc_title, dc_summary, itunes_summary;
  bool guid_is_permalink = false;
  std::optional<UnixTime> dc_date, created;
  std::optional<int> total;
};

/// A description after the first one, or a content element: the first such body is the content
/// (the description then stays the summary, as a liberal parser reads an item with two).
void add_content(Entry& entry, std::string html) {
  if (entry.content.empty()) entry.content = std::move(html);
}

Entry read_item(pugi::xml_node item, const XmlScope& parent, bool default_ns_is_rss,
                std::vector<std::string>& warnings) {
  const XmlScope scope(parent, item);
  Entry entry;
  EntryProblems problems;
  ItemFallbacks fallbacks;
  std::string rdf_about(trim_ascii(parent.attribute(item, Ns::rdf, "about")));
  bool have_description = false;
  std::string scratch;  // text of fields that are only read (dates, counts, URLs to resolve)
  for (pugi::xml_node child = item.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const QName name = scope.name_of(child);
    const std::string_view local = name.local;
    if (is_rss_core(name.ns) || (default_ns_is_rss && name.ns == Ns::other)) {
      if (local == "title") {
        entry.title = rss_title(child, scope);
      } else if (local == "link") {
        if (const std::string_view link = element_text_view(child, scratch); !link.empty()) {
          entry.link = scope.resolve(child, link);
        }
      } else if (local == "description" || local == "summary") {
        // The first of them is the summary; a second one (some generators write both) the
        // content, unless the item has content of its own.
        if (!have_description) {
          entry.summary = html_field(child, scope);
          have_description = true;
        } else {
          add_content(entry, html_field(child, scope));
        }
      } else if (local == "fullitem") {
        add_content(entry, html_field(child, scope));
      } else if (local == "guid") {
        fallbacks.guid = element_text(child);
        fallbacks.guid_is_permalink =
            trim_ascii(scope.attribute(child, Ns::none, "isPermaLink")) != "false";
      } else if (local == "comments") {
        if (const std::string_view url = element_text_view(child, scratch); !url.empty()) {
          entry.comments_url = scope.resolve(child, url);
        }
      } else if (local == "pubDate") {
        set_date(entry.published, element_text_view(child, scratch), local, problems);
      } else if (local == "author") {
        add_author(entry.authors, parse_rss_person(plain_text(child)));
      } else if (local == "category") {
        add_category(entry.categories, plain_text(child));
      } else if (local == "categories") {
        // A wrapper some generators put around their <category> elements.
        const XmlScope inner(scope, child);
        for (pugi::xml_node category = child.first_child(); category;
             category = category.next_sibling()) {
          if (category.type() == pugi::node_element &&
              inner.name_of(category).local == "category") {
            add_category(entry.categories, plain_text(category));
          }
        }
      } else if (local == "enclosure") {
        const std::string_view url = scope.attribute(child, Ns::none, "url");
        if (!trim_ascii(url).empty()) {
          entry.enclosures.push_back(Enclosure{
              scope.resolve(child, url), std::string(scope.attribute(child, Ns::none, "type")),
              parse_byte_count(scope.attribute(child, Ns::none, "length"))});
        }
      }
    } else if (name.ns == Ns::content) {
      if (local == "encoded") add_content(entry, html_field(child, scope));
    } else if (name.ns == Ns::xhtml) {
      if (local == "body") add_content(entry, xhtml_body(child, scope));
    } else if (name.ns == Ns::dc) {
      if (local == "creator" || local == "author") {
        add_author(entry.authors, parse_rss_person(plain_text(child)));
      } else if (local == "date") {
        fallbacks.dc_date = read_date(element_text_view(child, scratch), "dc:date", problems);
      } else if (local == "subject") {
        add_category(entry.categories, plain_text(child));
      } else if (local == "title") {
        fallbacks.dc_title = plain_text(child);
      } else if (local == "description") {
        fallbacks.dc_summary = html_field(child, scope);
      } else if (local == "identifier" && fallbacks.guid.empty()) {
        fallbacks.guid = element_text(child);
      }
    } else if (name.ns == Ns::dcterms) {
      if (local == "modified") {
        set_date(entry.updated, element_text_view(child, scratch), "dcterms:modified", problems);
      } else if (local == "issued") {
        set_date(entry.published, element_text_view(child, scratch), "dcterms:issued", problems);
      } else if (local == "created") {
        fallbacks.created =
            read_date(element_text_view(child, scratch), "dcterms:created", problems);
      }
    } else if (name.ns == Ns::itunes) {
      if (local == "author") {
        add_author(entry.authors, parse_rss_person(plain_text(child)));
      } else if (local == "category") {
        add_itunes_categories(child, scope, entry.categories);
      } else if (local == "keywords") {
        add_keywords(entry.categories, plain_text(child));
      } else if (local == "summary") {
        fallbacks.itunes_summary = escape_html(element_text(child));
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
        fallbacks.total = parse_count(element_text_view(child, scratch));
      } else if (local == "in-reply-to") {
        read_in_reply_to(child, scope, entry);
      }
    } else if (name.ns == Ns::atom10) {
      if (local == "link") {
        apply_entry_link(read_atom_link(child, scope), entry);
      } else if (local == "updated") {
        set_date(entry.updated, element_text_view(child, scratch), "atom:updated", problems);
      } else if (local == "published" && !entry.published) {
        entry.published = read_date(element_text_view(child, scratch), "atom:published", problems);
      } else if (local == "author") {
        add_author(entry.authors, read_atom_person(child, scope, Ns::atom10));
      }
    } else if (name.is(Ns::feedburner, "origLink")) {
      if (const std::string_view url = element_text_view(child, scratch); !url.empty()) {
        fallbacks.original_link = scope.resolve(child, url);
      }
    } else if (name.ns == Ns::media) {
      if (local == "keywords") {
        add_keywords(entry.categories, plain_text(child));
      } else if (local == "category") {
        add_category(entry.categories, plain_text(child));
      } else {
        add_media_enclosures(child, scope, entry.enclosures);
      }
    }
  }
  if (entry.title.empty()) entry.title = std::move(fallbacks.dc_title);
  if (!have_description) {
    entry.summary =
        std::move(fallbacks.dc_summary.empty() ? fallbacks.itunes_summary : fallbacks.dc_summary);
  }
  if (!entry.published) entry.published = fallbacks.dc_date ? fallbacks.dc_date : fallbacks.created;
  if (!entry.comment_count && fallbacks.total) entry.comment_count = fallbacks.total;
  // FeedBurner rewrites <link> to its click tracker; origLink is the post itself.
  if (!fallbacks.original_link.empty()) entry.link = std::move(fallbacks.original_link);
  if (entry.link.empty() && fallbacks.guid_is_permalink && looks_like_url(fallbacks.guid)) {
    entry.link = scope.resolve(item, fallbacks.guid);
  }
  entry.id = fallbacks.guid.empty() ? std::move(rdf_about) : std::move(fallbacks.guid);
  finish_entry(entry, problems, warnings);
  return entry;
}

/// What a channel says in several places, settled once the channel is read.
struct ChannelFallbacks {
  // lastBuildDate, dc:date, dcterms:modified and atom:updated all say when the channel last
  // changed, pubDate and dcterms:issued when it was published: the last one given wins.
  std::optional<UnixTime> updated, published;
  std::string dc_title, dc_description, itunes_description;
  std::vector<Author> web_masters;
  bool have_description = false;
};

/// <itunes:owner><itunes:name>…</itunes:name><itunes:email>…</itunes:email></itunes:owner>
Author itunes_owner(pugi::xml_node owner, const XmlScope& scope) {
  const XmlScope inner(scope, owner);
  Author author;
  for (pugi::xml_node child = owner.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const QName name = inner.name_of(child);
    if (name.is(Ns::itunes, "name")) author.name = plain_text(child);
    if (name.is(Ns::itunes, "email")) author.email = element_text(child);
  }
  return author;
}

void read_channel_child(pugi::xml_node child, const XmlScope& scope, bool default_ns_is_rss,
                        Feed& feed, ChannelFallbacks& fallbacks, EntryProblems& problems) {
  std::string scratch;
  const QName name = scope.name_of(child);
  const std::string_view local = name.local;
  if (is_rss_core(name.ns) || (default_ns_is_rss && name.ns == Ns::other)) {
    if (local == "item") {
      feed.entries.push_back(read_item(child, scope, default_ns_is_rss, feed.warnings));
    } else if (local == "title") {
      feed.title = rss_title(child, scope);
    } else if (local == "link") {
      if (const std::string_view link = element_text_view(child, scratch); !link.empty()) {
        feed.link = scope.resolve(child, link);
      }
    } else if (local == "description") {
      feed.description = text_of_html(child);
      fallbacks.have_description = true;
    } else if (local == "language") {
      feed.language = element_text(child);
    } else if (local == "lastBuildDate") {
      set_date(fallbacks.updated, element_text_view(child, scratch), local, problems);
    } else if (local == "pubDate") {
      set_date(fallbacks.published, element_text_view(child, scratch), local, problems);
    } else if (local == "managingEditor" || local == "author") {
      add_author(feed.authors, parse_rss_person(plain_text(child)));
    } else if (local == "webMaster") {
      add_author(fallbacks.web_masters, parse_rss_person(plain_text(child)));
    } else if (local == "category") {
      add_category(feed.categories, plain_text(child));
    } else if (local == "generator") {
      feed.generator = plain_text(child);
    }
  } else if (name.ns == Ns::dc) {
    if (local == "creator" || local == "author") {
      add_author(feed.authors, parse_rss_person(plain_text(child)));
    } else if (local == "date") {
      set_date(fallbacks.updated, element_text_view(child, scratch), "dc:date", problems);
    } else if (local == "language" && feed.language.empty()) {
      feed.language = element_text(child);
    } else if (local == "subject") {
      add_category(feed.categories, plain_text(child));
    } else if (local == "title") {
      fallbacks.dc_title = plain_text(child);
    } else if (local == "description") {
      fallbacks.dc_description = text_of_html(child);
    }
  } else if (name.ns == Ns::dcterms) {
    if (local == "modified") {
      set_date(fallbacks.updated, element_text_view(child, scratch), "dcterms:modified", problems);
    } else if (local == "issued") {
      set_date(fallbacks.published, element_text_view(child, scratch), "dcterms:issued", problems);
    }
  } else if (name.ns == Ns::itunes) {
    if (local == "author") {
      add_author(feed.authors, parse_rss_person(plain_text(child)));
    } else if (local == "category") {
      add_itunes_categories(child, scope, feed.categories);
    } else if (local == "keywords") {
      add_keywords(feed.categories, plain_text(child));
    } else if (local == "subtitle") {
      fallbacks.itunes_description = plain_text(child);
    } else if (local == "owner") {
      add_author(feed.authors, itunes_owner(child, scope));
    }
  } else if (name.ns == Ns::atom10) {
    if (local == "link") {
      apply_feed_link(read_atom_link(child, scope), feed);
    } else if (local == "updated") {
      set_date(fallbacks.updated, element_text_view(child, scratch), "atom:updated", problems);
    } else if (local == "author") {
      add_author(feed.authors, read_atom_person(child, scope, Ns::atom10));
    }
  } else if (name.ns == Ns::wfw && (local == "commentRss" || local == "commentRSS")) {
    if (const std::string_view url = element_text_view(child, scratch);
        !url.empty() && feed.comments_feed.empty()) {
      feed.comments_feed = scope.resolve(child, url);
    }
  }
}

void finish_channel(Feed& feed, ChannelFallbacks& fallbacks) {
  if (feed.title.empty()) feed.title = std::move(fallbacks.dc_title);
  if (!fallbacks.have_description) {
    feed.description = std::move(fallbacks.dc_description.empty() ? fallbacks.itunes_description
                                                                  : fallbacks.dc_description);
  }
  // webMaster is the site's technical contact: the feed's person only when it names no other.
  if (feed.authors.empty()) feed.authors = std::move(fallbacks.web_masters);
  feed.published = fallbacks.published;
  // A channel never rebuilt was last updated when it was published.
  feed.updated = fallbacks.updated ? fallbacks.updated : fallbacks.published;
}

/// The language an xml:lang on the channel or the root gives, when <language> gives none.
std::string_view xml_lang(pugi::xml_node element) {
  return trim_ascii(element.attribute("xml:lang").value());
}

}  // namespace

void read_rss(pugi::xml_node root, const XmlScope& document_scope, Feed& feed) {
  const XmlScope root_scope(document_scope, root);
  // An <rss> root in a namespace of its own (a generator's idea of RSS 2.0's namespace):
  // its children in that namespace are RSS's own elements.
  const bool default_ns_is_rss = document_scope.name_of(root).ns == Ns::other;
  ChannelFallbacks fallbacks;
  EntryProblems problems;
  std::string_view lang = xml_lang(root);
  for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const QName name = root_scope.name_of(child);
    const bool core = is_rss_core(name.ns) || (default_ns_is_rss && name.ns == Ns::other);
    if (core && name.local == "channel") {
      const XmlScope channel_scope(root_scope, child);
      if (lang.empty()) lang = xml_lang(child);
      // Entries are large: growing the vector item by item would move them again and again.
      std::size_t children = 0;
      for (pugi::xml_node field = child.first_child(); field; field = field.next_sibling()) {
        ++children;
      }
      feed.entries.reserve(feed.entries.size() + children / 2);
      for (pugi::xml_node field = child.first_child(); field; field = field.next_sibling()) {
        if (field.type() == pugi::node_element) {
          read_channel_child(field, channel_scope, default_ns_is_rss, feed, fallbacks, problems);
        }
      }
    } else if (core && name.local == "item") {
      feed.entries.push_back(read_item(child, root_scope, default_ns_is_rss, feed.warnings));
    }
  }
  finish_channel(feed, fallbacks);
  if (feed.language.empty()) feed.language = lang;
  for (const std::string& message : problems.messages) feed.warnings.push_back("feed: " + message);
}

}  // namespace confab
