#include "render/feeds.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/identifiers.h"
#include "base/markup_escape.h"
#include "base/url.h"
#include "render/safe_url.h"

namespace confab {
namespace {

constexpr std::size_t kFeedItems = 50;

/// Newest first; undated items are left out (a feed entry needs a date and inventing one would
/// make a stale comment look new), then by id for a stable order.
std::vector<const Node*> feed_items(const SiteModel& model) {
  std::vector<const Node*> items;
  for (const Node& node : model.conversation().nodes) {
    if (!node.spam && node.published && model.thread_of(node)) items.push_back(&node);
  }
  std::sort(items.begin(), items.end(), [](const Node* a, const Node* b) {
    if (*a->published != *b->published) return *a->published > *b->published;
    return a->id < b->id;
  });
  if (items.size() > kFeedItems) items.resize(kFeedItems);
  return items;
}

std::string item_title(const SiteModel& model, const Node& node, const Strings& strings) {
  if (node.kind == NodeKind::post && !node.title.empty()) return node.title;
  const DisplayThread* thread = model.thread_of(node);
  std::string author = model.author_name(node);
  if (author.empty()) author = strings.text("anonymous");
  std::string topic = thread ? thread->root.node->title : "";
  if (topic.empty()) topic = strings.text("untitled");
  if (node.kind == NodeKind::post) return topic;
  return Strings::fill(strings.text("feed_comment"), {{"author", author}, {"title", topic}});
}

std::string item_id(const Node& node) {
  return "urn:confab:node:" + short_hash(node.id, 16);
}

/// The item's own address when it is a web page, else its place on the hub, else "".
std::string item_link(const SiteModel& model, const Node& node, const FeedSite& site) {
  const std::string own = safe_link_url(node.url, "").value_or("");
  if (is_web_url(own)) return own;
  const DisplayThread* thread = model.thread_of(node);
  if (site.base_url.empty() || !thread) return "";
  return site.base_url + model.thread_path(*thread->root.node) + "#" + model.anchor(node);
}

std::string feed_id(const FeedSite& site) {
  return site.base_url.empty() ? "urn:confab:site:" + slugify(site.title) : site.base_url;
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text) {
  // XML 1.0 has no way to write most control characters, not even as references: drop them,
  // and escape the runs between them as an attribute value is.
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 || byte == '\t' || byte == '\n' || byte == '\r') continue;
    append_escaped_attribute(out, text.substr(start, i - start));
    start = i + 1;
  }
  append_escaped_attribute(out, text.substr(start));
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  append_xml_escaped(out, text);
  return out;
}

std::string atom_feed(const SiteModel& model, const FeedSite& site, const Strings& strings) {
  const std::vector<const Node*> items = feed_items(model);
  const UnixTime updated = items.empty() ? model.conversation().generated : *items[0]->published;
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + xml_escape(site.language) +
         "\">\n";
  xml += "  <title>" + xml_escape(site.title) + "</title>\n";
  xml += "  <id>" + xml_escape(feed_id(site)) + "</id>\n";
  xml += "  <updated>" + format_rfc3339(updated) + "</updated>\n";
  if (!site.base_url.empty()) {
    xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
           xml_escape(site.base_url + "feed.xml") + "\"/>\n";
    xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(site.base_url) +
           "\"/>\n";
  }
  xml += "  <author><name>" + xml_escape(site.title) + "</name></author>\n";
  xml += "  <generator>confab</generator>\n";
  for (const Node* node : items) {
    xml += "  <entry>\n";
    xml += "    <title>" + xml_escape(item_title(model, *node, strings)) + "</title>\n";
    xml += "    <id>" + item_id(*node) + "</id>\n";
    const std::string link = item_link(model, *node, site);
    if (!link.empty()) xml += "    <link rel=\"alternate\" href=\"" + xml_escape(link) + "\"/>\n";
    xml += "    <updated>" + format_rfc3339(*node->published) + "</updated>\n";
    xml += "    <published>" + format_rfc3339(*node->published) + "</published>\n";
    const std::string author = model.author_name(*node);
    if (!author.empty()) {
      xml += "    <author><name>" + xml_escape(author) + "</name>";
      const std::string uri = safe_link_url(node->author_url, "").value_or("");
      if (is_web_url(uri)) xml += "<uri>" + xml_escape(uri) + "</uri>";
      xml += "</author>\n";
    }
    xml += "    <content type=\"html\">";
    append_xml_escaped(xml, model.html(*node));
    xml += "</content>\n";
    xml += "  </entry>\n";
  }
  xml += "</feed>\n";
  return xml;
}

std::string json_feed(const SiteModel& model, const FeedSite& site, const Strings& strings) {
  nlohmann::ordered_json feed;
  feed["version"] = "https://jsonfeed.org/version/1.1";
  feed["title"] = site.title;
  if (!site.base_url.empty()) {
    feed["home_page_url"] = site.base_url;
    feed["feed_url"] = site.base_url + "feed.json";
  }
  feed["language"] = site.language;
  feed["items"] = nlohmann::ordered_json::array();
  for (const Node* node : feed_items(model)) {
    nlohmann::ordered_json item;
    item["id"] = item_id(*node);
    const std::string link = item_link(model, *node, site);
    if (!link.empty()) item["url"] = link;
    item["title"] = item_title(model, *node, strings);
    item["content_html"] = model.html(*node);
    item["date_published"] = format_rfc3339(*node->published);
    const std::string author = model.author_name(*node);
    if (!author.empty()) {
      nlohmann::ordered_json person = {{"name", author}};
      const std::string uri = safe_link_url(node->author_url, "").value_or("");
      if (is_web_url(uri)) person["url"] = uri;
      item["authors"] = nlohmann::ordered_json::array({person});
    }
    feed["items"].push_back(std::move(item));
  }
  return feed.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string sources_opml(const SiteModel& model, const FeedSite& site) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\">\n";
  xml += "  <head>\n    <title>" + xml_escape(site.title) + "</title>\n";
  xml += "    <dateCreated>" + format_rfc3339(model.conversation().generated) +
         "</dateCreated>\n  </head>\n  <body>\n";
  for (const SourceReport& source : model.conversation().sources) {
    const std::string feed = safe_link_url(source.feed, "").value_or("");
    const std::string home = safe_link_url(source.url, "").value_or("");
    if (!is_web_url(feed)) continue;
    xml += "    <outline type=\"rss\" text=\"" + xml_escape(model.source_name(source.id)) +
           "\" title=\"" + xml_escape(model.source_name(source.id)) + "\" xmlUrl=\"" +
           xml_escape(feed) + "\"";
    if (is_web_url(home)) xml += " htmlUrl=\"" + xml_escape(home) + "\"";
    xml += "/>\n";
  }
  xml += "  </body>\n</opml>\n";
  return xml;
}

std::string sitemap_xml(const FeedSite& site, const std::vector<std::string>& paths) {
  if (site.base_url.empty()) return "";
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const std::string& path : paths) {
    xml += "  <url><loc>" + xml_escape(site.base_url + path) + "</loc></url>\n";
  }
  xml += "</urlset>\n";
  return xml;
}

std::string robots_txt(const FeedSite& site) {
  std::string prefix = "/";  // robots.txt paths are from the host's root
  if (const auto parts = parse_url(site.base_url); parts && !parts->path.empty()) {
    prefix = parts->path;
    if (!prefix.ends_with('/')) prefix += '/';
  }
  std::string text = "User-agent: *\nDisallow: " + prefix + "spam/\n";
  if (!site.base_url.empty()) text += "Sitemap: " + site.base_url + "sitemap.xml\n";
  return text;
}

}  // namespace confab
