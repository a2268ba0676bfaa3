// render_site with the real default theme: a small hand-built conversation in, files out.
// The test reads the theme from the source tree (render itself never does I/O).
#include <gtest/gtest.h>
#include <gumbo.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "base/time.h"
#include "render/render.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

/// render_site's files collected and sorted by path (they reach the sink in no set order).
std::vector<OutputFile> render_files(const RenderInput& input) {
  std::mutex lock;
  std::vector<OutputFile> files;
  render_site(input, [&](OutputFile file) {
    const std::lock_guard<std::mutex> hold(lock);
    files.push_back(std::move(file));
  });
  std::sort(files.begin(), files.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return files;
}

std::map<std::string, std::string> read_folder(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files[fs::relative(entry.path(), folder).generic_string()] = text.str();
  }
  return files;
}

Theme default_theme() {
  const fs::path root = fs::path(CONFAB_SOURCE_DIR) / "themes" / "default";
  Theme theme;
  theme.templates = read_folder(root / "templates");
  theme.static_files = read_folder(root / "static");
  for (auto& [name, text] : read_folder(root / "i18n")) {
    theme.i18n[name.substr(0, name.find('.'))] = text;
  }
  return theme;
}

Node make_node(const std::string& id, NodeKind kind, const std::string& source,
               const std::string& parent, UnixTime published) {
  Node node;
  node.id = id;
  node.kind = kind;
  node.source = source;
  node.parent = parent;
  node.thread = "brand/launch";
  node.published = published;
  node.url = "https://" + source + ".example/" + id;
  return node;
}

Conversation sample_conversation() {
  const UnixTime day = *make_utc_time(2008, 11, 10, 9, 0, 0);
  Conversation conversation;
  conversation.generated = day + 3 * 86400;
  conversation.campaign_title = "Launch campaign";
  conversation.campaign_links = {"https://brand.example/", "javascript:alert('link')"};

  SourceReport brand{"brand",
                     "Brand Blog",
                     "https://brand.example/",
                     "https://brand.example/feed/",
                     SourceKind::campaign,
                     SourceStatus::ok,
                     "",
                     day,
                     "",
                     ""};
  SourceReport alice{"alice",
                     "Alice's Notes",
                     "https://alice.example/",
                     "https://alice.example/feed/",
                     SourceKind::blog,
                     SourceStatus::ok,
                     "",
                     day,
                     "",
                     ""};
  SourceReport broken{"broken",
                      "Broken Blog",
                      "https://broken.example/",
                      "https://broken.example/feed/",
                      SourceKind::blog,
                      SourceStatus::error,
                      "HTTP 500 from https://broken.example/feed/",
                      std::nullopt,
                      "",
                      "http_status"};
  conversation.sources = {brand, alice, broken};

  Node post = make_node("brand/launch", NodeKind::post, "brand", "", day);
  post.title = "Launch <b>day</b> & more";
  post.author_name = "Brand Team";
  post.by_team = true;
  post.content_html = "<p>We launched.</p><script>alert('post')</script>";

  Node question = make_node("brand/c1", NodeKind::comment, "brand", "brand/launch", day + 3600);
  question.author_name = "Bob";
  question.author_url = "javascript:alert('author')";
  question.content_html = "<p onclick=\"x()\">Will it ship to Europe?</p><script>steal()</script>";

  Node answer = make_node("brand/c2", NodeKind::comment, "brand", "brand/c1", day + 7200);
  answer.author = "carol";
  answer.content_html = "<p>Yes, in <em>December</em>.</p>";

  Node reply_post = make_node("alice/review", NodeKind::post, "alice", "brand/launch", day + 86400);
  reply_post.title = "My take on the launch";
  reply_post.author_name = "Alice";
  reply_post.content_html = "<p>I tried it.</p><iframe src=\"https://evil.example/\"></iframe>";

  Node mention = make_node("alice/ping", NodeKind::mention, "alice", "brand/launch", day + 90000);
  mention.title = "Weekly links";
  mention.content_html = "<p>[…] a launch worth a look […]</p>";

  Node spam = make_node("brand/c3", NodeKind::comment, "brand", "brand/launch", day + 4000);
  spam.author_name = "Cheap Pills";
  spam.content_html = "<p>Buy <a href=\"https://pills.example/\">pills</a> now!!!</p>";
  spam.spam = SpamVerdict{0.97, {"link to a known spam domain", "shouting"}};

  conversation.nodes = {post, question, answer, reply_post, mention, spam};
  Person carol;
  carol.id = "carol";
  carol.name = "Carol from Brand";
  carol.team = true;
  carol.merged_by = {"same Gravatar on Brand & Alice",
                     "rel=\"me\" between https://carol.example and https://c.example"};
  conversation.people = {carol};
  conversation.threads = {{"brand/launch", 5, {"brand", "alice"}, day + 90000}};
  return conversation;
}

RenderInput sample_input(const Conversation& conversation) {
  RenderInput input;
  input.site_title = "The Launch Hub";
  input.base_url = "https://hub.example/";
  input.language = "en";
  input.conversation = &conversation;
  input.theme = default_theme();
  input.content = {
      {"_index.md", "Everything said about **the launch**, in one place.\n"},
      {"about.md", "+++\ntitle = \"About this hub\"\nweight = 1\n+++\nWho we are.\n"},
      {"secret.md", "+++\ntitle = \"Secret\"\ndraft = true\n+++\nNot yet.\n"},
  };
  return input;
}

const OutputFile* find_file(const std::vector<OutputFile>& files, const std::string& path) {
  const auto it = std::find_if(files.begin(), files.end(),
                               [&](const OutputFile& file) { return file.path == path; });
  return it == files.end() ? nullptr : &*it;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (std::size_t pos = text.find(part); pos != std::string::npos;
       pos = text.find(part, pos + 1)) {
    ++found;
  }
  return found;
}

/// A parsed page, for questions about structure rather than text.
class ParsedPage {
 public:
  explicit ParsedPage(const std::string& html) : output_(gumbo_parse(html.c_str())) {}
  ~ParsedPage() { gumbo_destroy_output(&kGumboDefaultOptions, output_); }
  ParsedPage(const ParsedPage&) = delete;
  ParsedPage& operator=(const ParsedPage&) = delete;

  const GumboNode* by_id(const std::string& id) const { return find(output_->root, id); }

  static bool is_inside(const GumboNode* node, const GumboNode* ancestor) {
    for (; node != nullptr; node = node->parent) {
      if (node == ancestor) return true;
    }
    return false;
  }

 private:
  static const GumboNode* find(const GumboNode* node, const std::string& id) {
    if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
    const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, "id");
    if (attribute && id == attribute->value) return node;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      if (const GumboNode* found = find(static_cast<const GumboNode*>(children.data[i]), id)) {
        return found;
      }
    }
    return nullptr;
  }

  GumboOutput* output_;
};

std::string render_error(RenderInput input) {
  try {
    render_files(input);
  } catch (const RenderError& error) {
    return error.what();
  }
  return "";
}

class SiteTest : public ::testing::Test {
 protected:
  SiteTest()
      : conversation_(sample_conversation()), files_(render_files(sample_input(conversation_))) {
    const OutputFile* index = find_file(files_, "index.html");
    if (index) index_ = index->bytes;
  }

  Conversation conversation_;
  std::vector<OutputFile> files_;
  std::string index_;
};

TEST_F(SiteTest, WritesTheExpectedFiles) {
  std::vector<std::string> paths;
  for (const OutputFile& file : files_) paths.push_back(file.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"about/index.html",
                                             "awaiting.json",
                                             "awaiting.xml",
                                             "conversation.json",
                                             "exports/awaiting.csv",
                                             "exports/nodes.csv",
                                             "exports/people.csv",
                                             "feed.json",
                                             "feed.xml",
                                             "index.html",
                                             "new.xml",
                                             "people/carol-from-brand/index.html",
                                             "people/index.html",
                                             "reply.js",
                                             "report.json",
                                             "report/index.html",
                                             "robots.txt",
                                             "search.js",
                                             "search.json",
                                             "search/index.html",
                                             "sitemap.xml",
                                             "sources.opml",
                                             "sources/index.html",
                                             "spam/index.html",
                                             "style.css",
                                             "threads/launch-b-day-b-more/index.html"}));
  // conversation.json names each thread's page on the hub.
  EXPECT_EQ(find_file(files_, "conversation.json")->bytes,
            conversation_to_json(conversation_, [](const std::string& root) {
              return root == "brand/launch" ? std::string("threads/launch-b-day-b-more/") : "";
            }));
  EXPECT_EQ(find_file(files_, "style.css")->bytes, default_theme().static_files.at("style.css"));
}

TEST(SiteSocialTest, ReactionsTheReplyCapAndAReplyThroughTheReadersServer) {
  Conversation conversation = sample_conversation();
  SourceReport mastodon;
  mastodon.id = "mastodon";
  mastodon.name = "Mastodon (mastodon.example)";
  mastodon.platform = "mastodon";
  mastodon.platform_label = "Mastodon";
  conversation.sources.push_back(mastodon);
  conversation.nodes[0].likes = 3;
  conversation.nodes[0].reposts = 1;
  conversation.nodes[0].bookmarks = 1;
  Node status = make_node("mastodon/1", NodeKind::post, "mastodon", "brand/launch",
                          *conversation.nodes[0].published + 500);
  status.platform = "mastodon";
  status.url = "https://mastodon.example/@ana/1";
  status.content_html = "<p>Love it</p>";
  status.likes = 1;
  status.reply_cap = 60;
  conversation.nodes.push_back(status);
  RenderInput input = sample_input(conversation);
  input.webmention = "https://webmention.io/hub.example/webmention";
  const auto files = render_files(input);
  const std::string& thread = find_file(files, "threads/launch-b-day-b-more/index.html")->bytes;
  EXPECT_TRUE(contains(thread, "<p class=\"reactions\">3 likes · 1 repost · 1 bookmark</p>"));
  EXPECT_TRUE(contains(thread, "<p class=\"reactions\">1 like</p>"));
  EXPECT_TRUE(contains(thread, "at most 60 replies: more may exist there."));
  EXPECT_TRUE(contains(thread,
                       "<a href=\"https://mastodon.example/@ana/1\" "
                       "data-reply-server=\"mastodon\""));
  EXPECT_TRUE(contains(thread, "<script src=\"../../reply.js\" defer></script>"));
  for (const std::string page : {"index.html", "threads/launch-b-day-b-more/index.html"}) {
    EXPECT_TRUE(contains(find_file(files, page)->bytes,
                         "<link rel=\"webmention\" "
                         "href=\"https://webmention.io/hub.example/webmention\">"))
        << page;
  }
  // Without [site] webmention, no endpoint is named.
  EXPECT_FALSE(contains(find_file(render_files(sample_input(conversation)), "index.html")->bytes,
                        "rel=\"webmention\""));
}

TEST_F(SiteTest, IndexIsOneDocumentWithOneHeading) {
  EXPECT_EQ(index_.rfind("<!DOCTYPE html>", 0), 0u) << index_.substr(0, 80);
  EXPECT_TRUE(contains(index_, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(index_, "<meta charset=\"utf-8\">"));
  EXPECT_EQ(count(index_, "<h1"), 1u);
  EXPECT_TRUE(contains(index_, "<h1 class=\"site-title\">The Launch Hub</h1>"));
  EXPECT_TRUE(contains(index_, "<link rel=\"stylesheet\" href=\"./style.css\">"));
  EXPECT_TRUE(contains(index_, "<link rel=\"canonical\" href=\"https://hub.example/\">"));
  for (const char* landmark : {"<header", "<nav", "<main", "<footer"}) {
    EXPECT_TRUE(contains(index_, landmark)) << landmark;
  }
}

TEST_F(SiteTest, IntroFiguresAndMenu) {
  EXPECT_TRUE(
      contains(index_, "<p>Everything said about <strong>the launch</strong>, in one place.</p>"));
  EXPECT_TRUE(contains(index_, "<dt>Blogs</dt><dd>3</dd>"));
  EXPECT_TRUE(contains(index_, "<dt>Posts</dt><dd>2</dd>"));
  EXPECT_TRUE(contains(index_, "<dt>Comments</dt><dd>2</dd>"));  // the spam one is not counted
  EXPECT_TRUE(contains(index_, ">11 Nov 2008</time>"));          // the latest activity
  EXPECT_TRUE(contains(index_, "<a href=\"./about/\">About this hub</a>"));
  EXPECT_FALSE(contains(index_, "Secret"));
}

TEST_F(SiteTest, TitlesAreEscapedAndContentSanitized) {
  EXPECT_TRUE(contains(index_, "Launch &lt;b&gt;day&lt;/b&gt; &amp; more"));
  EXPECT_FALSE(contains(index_, "Launch <b>day"));
  EXPECT_FALSE(contains(index_, "<script>"));  // only the theme's own reply.js, by src
  EXPECT_EQ(count(index_, "<script"), 1u);
  EXPECT_FALSE(contains(index_, "alert("));
  EXPECT_FALSE(contains(index_, "steal()"));
  EXPECT_FALSE(contains(index_, "onclick"));
  EXPECT_FALSE(contains(index_, "javascript:"));
  EXPECT_FALSE(contains(index_, "evil.example"));
  EXPECT_TRUE(contains(index_, "<p>Will it ship to Europe?</p>"));
  EXPECT_TRUE(contains(index_, "Alice&apos;s Notes"));
}

TEST_F(SiteTest, RepliesAreNestedUnderTheirParents) {
  const ParsedPage page(index_);
  const GumboNode* post = page.by_id("n-brand-launch");
  const GumboNode* question = page.by_id("n-brand-c1");
  const GumboNode* answer = page.by_id("n-brand-c2");
  const GumboNode* reply_post = page.by_id("n-alice-review");
  const GumboNode* mention = page.by_id("n-alice-ping");
  ASSERT_TRUE(post && question && answer && reply_post && mention);
  EXPECT_TRUE(ParsedPage::is_inside(question, post));
  // The answer sits in the question's <li>, inside its replies <details>.
  EXPECT_TRUE(ParsedPage::is_inside(answer, question->parent));
  EXPECT_FALSE(ParsedPage::is_inside(reply_post, question->parent));
  EXPECT_TRUE(ParsedPage::is_inside(reply_post, post));
  EXPECT_TRUE(ParsedPage::is_inside(mention, post));
  // Children in time order: question (1h), reply post (1 day), mention (25h).
  EXPECT_LT(index_.find("id=\"n-brand-c1\""), index_.find("id=\"n-alice-review\""));
  EXPECT_LT(index_.find("id=\"n-alice-review\""), index_.find("id=\"n-alice-ping\""));
  EXPECT_TRUE(contains(index_, "<summary>4 replies</summary>"));
  EXPECT_TRUE(contains(index_, "<summary>1 reply</summary>"));
}

TEST_F(SiteTest, TeamAndSourcesAreMarked) {
  EXPECT_GE(count(index_, "Campaign team</span>"), 2u);  // the post and Carol's answer
  EXPECT_TRUE(contains(index_, "Carol from Brand"));
  EXPECT_TRUE(contains(
      index_, "<a class=\"source\" href=\"https://alice.example/\">Alice&apos;s Notes</a>"));
  EXPECT_TRUE(contains(index_, "Blog post</span>"));
  EXPECT_TRUE(contains(index_, "Linked from</span>"));
}

TEST_F(SiteTest, SpamIsSetAsideOnItsOwnUnindexedPage) {
  EXPECT_FALSE(contains(index_, "Cheap Pills"));
  EXPECT_TRUE(contains(index_, "href=\"./spam/\""));
  const std::string& spam = find_file(files_, "spam/index.html")->bytes;
  EXPECT_TRUE(contains(spam, "<meta name=\"robots\" content=\"noindex\">"));
  EXPECT_TRUE(contains(spam, "Cheap Pills"));
  EXPECT_TRUE(contains(spam, "link to a known spam domain; shouting"));
  EXPECT_TRUE(contains(spam, "Buy pills now!!!"));
  EXPECT_FALSE(contains(spam, "pills.example"));  // listed, never linked
  EXPECT_EQ(ParsedPage(index_).by_id("n-brand-c3"), nullptr);
  EXPECT_FALSE(contains(find_file(files_, "sitemap.xml")->bytes, "spam/"));
  EXPECT_TRUE(contains(find_file(files_, "robots.txt")->bytes, "Disallow: /spam/"));
}

TEST_F(SiteTest, FailedSourceIsFlagged) {
  EXPECT_TRUE(contains(index_, "<span class=\"status status-error\">Could not be read</span>"));
  const std::string& sources = find_file(files_, "sources/index.html")->bytes;
  EXPECT_TRUE(contains(sources, "<span class=\"status status-error\">Could not be read</span>"));
  EXPECT_TRUE(contains(sources, "HTTP 500 from https://broken.example/feed/"));
  EXPECT_TRUE(contains(sources, "Campaign blog</span>"));
  EXPECT_TRUE(contains(sources, "href=\"https://alice.example/feed/\""));
  EXPECT_TRUE(contains(sources, "Never read"));
}

TEST_F(SiteTest, ThreadAndPersonPages) {
  const std::string& thread = find_file(files_, "threads/launch-b-day-b-more/index.html")->bytes;
  EXPECT_EQ(count(thread, "<h1"), 1u);
  EXPECT_TRUE(contains(thread, "Launch &lt;b&gt;day&lt;/b&gt; &amp; more"));
  const ParsedPage page(thread);
  ASSERT_NE(page.by_id("n-brand-c2"), nullptr);
  EXPECT_TRUE(ParsedPage::is_inside(page.by_id("n-brand-c2"), page.by_id("n-brand-launch")));
  EXPECT_TRUE(contains(index_, "href=\"./threads/launch-b-day-b-more/\""));
  // Carol's answer links to her page, which lists it and links back into the thread.
  EXPECT_TRUE(contains(thread, "href=\"../../people/carol-from-brand/\""));
  const std::string& carol = find_file(files_, "people/carol-from-brand/index.html")->bytes;
  EXPECT_TRUE(contains(carol, "December"));
  EXPECT_TRUE(contains(carol, "href=\"../../threads/launch-b-day-b-more/#n-brand-c2\""));
  EXPECT_TRUE(contains(find_file(files_, "people/index.html")->bytes, "Carol from Brand"));
  // Her page says why her identities are one person; the list of everyone does not.
  EXPECT_TRUE(contains(carol, "Recognised as one person because:"));
  EXPECT_TRUE(contains(carol, "<li>same Gravatar on Brand &amp; Alice</li>"));
  EXPECT_TRUE(contains(
      carol, "<li>rel=&quot;me&quot; between https://carol.example and https://c.example</li>"));
  EXPECT_FALSE(contains(find_file(files_, "people/index.html")->bytes, "Recognised as one"));
}

TEST(SitePersonTest, APersonOfOneIdentitySaysNothingAboutJoins) {
  Conversation conversation = sample_conversation();
  conversation.people[0].merged_by.clear();
  const auto files = render_files(sample_input(conversation));
  const std::string& carol = find_file(files, "people/carol-from-brand/index.html")->bytes;
  EXPECT_FALSE(contains(carol, "Recognised as one person")) << carol;
  EXPECT_FALSE(contains(carol, "merged-by"));
}

TEST_F(SiteTest, FeedsHaveAbsoluteLinksAndNoSpam) {
  const std::string& atom = find_file(files_, "feed.xml")->bytes;
  EXPECT_EQ(atom.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>", 0), 0u);
  EXPECT_TRUE(contains(atom, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  EXPECT_TRUE(contains(atom,
                       "<link rel=\"self\" type=\"application/atom+xml\" "
                       "href=\"https://hub.example/feed.xml\"/>"));
  EXPECT_TRUE(
      contains(atom, "<link rel=\"alternate\" href=\"https://alice.example/alice/review\"/>"));
  EXPECT_TRUE(contains(atom, "<title>Bob on “Launch &lt;b&gt;day&lt;/b&gt; &amp; more”</title>"));
  EXPECT_EQ(count(atom, "<entry>"), 5u);
  EXPECT_FALSE(contains(atom, "Cheap Pills"));
  EXPECT_FALSE(contains(atom, "<script"));
  EXPECT_FALSE(contains(atom, "href=\"/"));
  const auto json = nlohmann::json::parse(find_file(files_, "feed.json")->bytes);
  EXPECT_EQ(json["version"], "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(json["items"].size(), 5u);
  EXPECT_EQ(json["items"][0]["url"], "https://alice.example/alice/ping");
  const std::string& opml = find_file(files_, "sources.opml")->bytes;
  EXPECT_EQ(count(opml, "<outline "), 3u);
  EXPECT_TRUE(contains(opml, "text=\"Alice&#39;s Notes\""));
  const std::string& sitemap = find_file(files_, "sitemap.xml")->bytes;
  EXPECT_TRUE(contains(sitemap, "<loc>https://hub.example/</loc>"));
  EXPECT_TRUE(contains(sitemap, "<loc>https://hub.example/threads/launch-b-day-b-more/</loc>"));
}

/// Every href/src in `html` (an entry's content), for checking that none is relative.
void collect_urls(const GumboNode* node, std::vector<std::string>& urls) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  for (const char* name : {"href", "src", "cite"}) {
    if (const GumboAttribute* url = gumbo_get_attribute(&node->v.element.attributes, name)) {
      urls.push_back(url->value);
    }
  }
  for (unsigned i = 0; i < node->v.element.children.length; ++i) {
    collect_urls(static_cast<const GumboNode*>(node->v.element.children.data[i]), urls);
  }
}

bool is_absolute_web_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

bool is_rfc3339(const std::string& text) {
  return text.size() >= 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' &&
         text[13] == ':' && text[16] == ':' && (text.back() == 'Z' || text[text.size() - 3] == ':');
}

TEST_F(SiteTest, AtomFeedIsWellFormedAtomWithAbsoluteLinks) {
  const std::string& atom = find_file(files_, "feed.xml")->bytes;
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(atom.data(), atom.size(), pugi::parse_default | pugi::parse_declaration);
  ASSERT_TRUE(parsed) << parsed.description() << " at byte " << parsed.offset;
  EXPECT_STREQ(document.child("xml").attribute("encoding").value(), "utf-8");
  const pugi::xml_node feed = document.child("feed");
  ASSERT_TRUE(feed);
  EXPECT_STREQ(feed.attribute("xmlns").value(), "http://www.w3.org/2005/Atom");
  EXPECT_STREQ(feed.attribute("xml:lang").value(), "en");
  // RFC 4287: a feed has exactly one title, id and updated, and an author when entries lack one.
  for (const char* required : {"title", "id", "updated"}) {
    EXPECT_EQ(std::distance(feed.children(required).begin(), feed.children(required).end()), 1)
        << required;
    EXPECT_FALSE(std::string(feed.child(required).text().get()).empty()) << required;
  }
  EXPECT_TRUE(is_rfc3339(feed.child("updated").text().get()));
  EXPECT_FALSE(std::string(feed.child("author").child_value("name")).empty());
  EXPECT_STREQ(feed.find_child_by_attribute("link", "rel", "self").attribute("href").value(),
               "https://hub.example/feed.xml");
  EXPECT_STREQ(feed.find_child_by_attribute("link", "rel", "alternate").attribute("href").value(),
               "https://hub.example/");

  std::size_t entries = 0;
  std::string previous_updated = "9999";
  for (const pugi::xml_node entry : feed.children("entry")) {
    ++entries;
    const std::string title = entry.child_value("title");
    EXPECT_FALSE(title.empty());
    EXPECT_FALSE(std::string(entry.child_value("id")).empty()) << title;
    const std::string updated = entry.child_value("updated");
    EXPECT_TRUE(is_rfc3339(updated)) << title << ": " << updated;
    EXPECT_LE(updated, previous_updated) << "entries are newest first";
    previous_updated = updated;
    for (const pugi::xml_node link : entry.children("link")) {
      EXPECT_TRUE(is_absolute_web_url(link.attribute("href").value())) << title;
    }
    EXPECT_TRUE(entry.child("author") || feed.child("author")) << title;
    const pugi::xml_node content = entry.child("content");
    ASSERT_TRUE(content) << title;
    EXPECT_STREQ(content.attribute("type").value(), "html");
    // The content is escaped HTML: parse it as HTML and check that every URL in it is absolute.
    GumboOutput* html = gumbo_parse(content.text().get());
    std::vector<std::string> urls;
    collect_urls(html->root, urls);
    gumbo_destroy_output(&kGumboDefaultOptions, html);
    for (const std::string& url : urls) {
      EXPECT_TRUE(is_absolute_web_url(url) || url.starts_with("mailto:")) << title << ": " << url;
    }
  }
  EXPECT_EQ(entries, 5u);
}

TEST_F(SiteTest, OpmlAndSitemapAreWellFormedXml) {
  for (const char* name : {"sources.opml", "sitemap.xml"}) {
    const std::string& xml = find_file(files_, name)->bytes;
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
    ASSERT_TRUE(parsed) << name << ": " << parsed.description() << " at byte " << parsed.offset;
  }
  pugi::xml_document sitemap;
  const std::string& map = find_file(files_, "sitemap.xml")->bytes;
  ASSERT_TRUE(sitemap.load_buffer(map.data(), map.size()));
  for (const pugi::xml_node url : sitemap.child("urlset").children("url")) {
    EXPECT_TRUE(std::string(url.child_value("loc")).starts_with("https://hub.example/"));
  }
}

TEST_F(SiteTest, AnOverriddenNodePartialNestsEveryReplyItsOwnWay) {
  // A site's templates/partials/node.html replaces the theme's and decides how replies nest: it
  // gets each reply's data, its replies in `replies`, and sees the page around it.
  RenderInput input = sample_input(conversation_);
  input.theme.templates["partials/node.html"] =
      "<li class=\"mine\" data-root=\"{{root}}\" data-home=\"{{#is_home}}yes{{/is_home}}\">"
      "{{author_name}}: {{t.on}}"
      "{{#has_children}}<ol>{{#replies}}{{> partials/node.html}}{{/replies}}</ol>{{/has_children}}"
      "</li>";
  const auto files = render_files(input);
  const std::string& index = find_file(files, "index.html")->bytes;
  const std::string& thread = find_file(files, "threads/launch-b-day-b-more/index.html")->bytes;
  EXPECT_TRUE(contains(index, "<li class=\"mine\" data-root=\"./\" data-home=\"yes\">Alice: on"));
  EXPECT_TRUE(contains(thread, "<li class=\"mine\" data-root=\"../../\" data-home=\"\">Alice: on"));
  EXPECT_EQ(count(index, "class=\"mine\""), count(thread, "class=\"mine\""));
  EXPECT_GE(count(index, "class=\"mine\""), 3u);
  EXPECT_FALSE(contains(index, "class=\"reply-body\""));
  // Carol's answer is nested in the question it answers, in the site's own markup.
  EXPECT_TRUE(contains(index,
                       "<ol><li class=\"mine\" data-root=\"./\" data-home=\"yes\">"
                       "Carol from Brand: on</li></ol>"));
}

TEST(SitePersonTest, APersonPageListsTheirItemsThroughTheSaidPartial) {
  // Carol wrote the post and the question too: both have replies, the post has its figures.
  Conversation conversation = sample_conversation();
  conversation.nodes[0].author = "carol";
  conversation.nodes[1].author = "carol";
  RenderInput input = sample_input(conversation);
  input.theme.templates["partials/said.html"] =
      "<li class=\"mine\">{{anchor}} {{#has_children}}children{{/has_children}}"
      "{{#replies}}leak{{/replies}}{{#thread_info}}leak{{/thread_info}}</li>";
  const auto files = render_files(input);
  const std::string& carol = find_file(files, "people/carol-from-brand/index.html")->bytes;
  // A said item is a node without its replies or its thread's figures.
  EXPECT_TRUE(contains(carol, "<li class=\"mine\">n-brand-launch </li>")) << carol;
  EXPECT_TRUE(contains(carol, "<li class=\"mine\">n-brand-c1 </li>"));
  EXPECT_TRUE(contains(carol, "<li class=\"mine\">n-brand-c2 </li>"));
}

// The people page keeps only the names its template can ask for in each person's frame: a
// theme asking for the blogs, the id or the counts gets them, as the hub page's top people
// (the whole summary) show them through the same partial.
TEST(SitePersonTest, ThePeoplePageHasEveryNameItsThemeAsksFor) {
  Conversation conversation = sample_conversation();
  conversation.people[0].blogs = {"brand", "alice"};
  conversation.people[0].comments = 2;
  RenderInput input = sample_input(conversation);
  input.theme.templates["partials/person_line.html"] =
      "<y>{{id}}|{{url}}|{{comments}}|{{#blogs}}{{name}};{{/blogs}}|{{name}}</y>";
  const auto files = render_files(input);
  const auto line_of = [](const std::string& page) {
    const std::size_t start = page.find("<y>carol|");
    return start == std::string::npos ? std::string()
                                      : page.substr(start, page.find("</y>", start) - start);
  };
  const std::string& people = find_file(files, "people/index.html")->bytes;
  const std::string line = line_of(people);
  EXPECT_TRUE(contains(line, "|2|Brand Blog;Alice&apos;s Notes;|Carol from Brand")) << people;
  EXPECT_EQ(line, line_of(find_file(files, "index.html")->bytes));
}

// A person's page makes its nodes' frames with only the names its templates ask for: a theme
// asking for more gets them, the same as a thread's page shows them.
TEST(SitePersonTest, ASaidItemHasEveryNameItsThemeAsksFor) {
  Conversation conversation = sample_conversation();
  conversation.nodes[2].likes = 3;  // the answer, by carol
  RenderInput input = sample_input(conversation);
  const std::string item =
      "<x>{{anchor}}|{{author_url}}|{{reactions}}|{{date_human}}|{{reply_here_url}}|{{url}}|"
      "{{is_new}}|{{team}}</x>";
  input.theme.templates["partials/said.html"] = item;
  input.theme.templates["partials/node.html"] =
      item + "{{#replies}}{{> partials/node.html}}{{/replies}}";
  const auto files = render_files(input);
  const auto line_of = [](const std::string& page, const std::string& anchor) {
    const std::size_t start = page.find("<x>" + anchor + "|");
    return start == std::string::npos ? std::string()
                                      : page.substr(start, page.find("</x>", start) - start);
  };
  const std::string& carol = find_file(files, "people/carol-from-brand/index.html")->bytes;
  const std::string& thread = find_file(files, "threads/launch-b-day-b-more/index.html")->bytes;
  const std::string said = line_of(carol, "n-brand-c2");
  ASSERT_FALSE(said.empty()) << carol;
  EXPECT_EQ(said, line_of(thread, "n-brand-c2"));
  EXPECT_TRUE(contains(said, "3 likes")) << said;
  EXPECT_TRUE(contains(said, "https://brand.example/brand/c2")) << said;
}

TEST_F(SiteTest, ChartsAreInlineSvg) {
  EXPECT_TRUE(contains(index_, "<svg class=\"chart chart-activity\""));
  EXPECT_TRUE(contains(index_, "<svg class=\"chart chart-graph\""));
  EXPECT_TRUE(contains(index_, "Alice's Notes → Brand Blog (1 post)"));  // the reply post
  EXPECT_FALSE(contains(index_, "<script>"));  // the charts need no script
}

TEST_F(SiteTest, TwoBuildsAreByteIdentical) {
  const auto again = render_files(sample_input(conversation_));
  ASSERT_EQ(again.size(), files_.size());
  for (std::size_t i = 0; i < files_.size(); ++i) {
    EXPECT_EQ(again[i].path, files_[i].path);
    EXPECT_EQ(again[i].bytes, files_[i].bytes) << files_[i].path;
  }
}

TEST(SiteLanguageTest, FrenchStringsDatesAndNumbers) {
  Conversation conversation = sample_conversation();
  for (int i = 0; i < 1234; ++i) {
    Node extra = make_node("brand/x" + std::to_string(i), NodeKind::comment, "brand",
                           "brand/launch", *make_utc_time(2008, 11, 10, 9, 0, 0) + 60 * i);
    conversation.nodes.push_back(extra);
  }
  RenderInput input = sample_input(conversation);
  input.language = "fr";
  const auto files = render_files(input);
  const std::string& index = find_file(files, "index.html")->bytes;
  EXPECT_TRUE(contains(index, "<html lang=\"fr\">"));
  EXPECT_TRUE(contains(index, "La conversation"));
  EXPECT_TRUE(contains(index, "10 nov. 2008"));
  EXPECT_TRUE(contains(index, "<dt>Commentaires</dt><dd>1\u202F236</dd>"));
  EXPECT_TRUE(contains(index, "1\u202F238 réponses"));
}

TEST(SiteLanguageTest, UnknownLanguageFallsBackToEnglishAndMissingStringsAreNamed) {
  const Conversation conversation = sample_conversation();
  RenderInput input = sample_input(conversation);
  input.language = "de";
  EXPECT_TRUE(contains(find_file(render_files(input), "index.html")->bytes, "The conversation"));
  input.theme.i18n.clear();
  EXPECT_TRUE(contains(render_error(input), "i18n/de.toml")) << render_error(input);
}

TEST_F(SiteTest, TheOutputDoesNotDependOnHowManyThreadsRenderIt) {
  for (std::size_t workers : {1u, 3u, 8u}) {
    RenderInput input = sample_input(conversation_);
    input.workers = workers;
    const auto files = render_files(input);
    ASSERT_EQ(files.size(), files_.size()) << workers;
    for (std::size_t i = 0; i < files_.size(); ++i) {
      EXPECT_EQ(files[i].path, files_[i].path) << workers;
      EXPECT_EQ(files[i].bytes, files_[i].bytes) << files_[i].path << ", " << workers;
    }
  }
}

TEST_F(SiteTest, TheSinkGetsEveryFileOnce) {
  std::mutex lock;
  std::map<std::string, std::string> streamed;
  std::size_t calls = 0;
  RenderInput input = sample_input(conversation_);
  input.workers = 4;
  render_site(input, [&](OutputFile file) {
    const std::lock_guard<std::mutex> hold(lock);
    ++calls;
    streamed[file.path] = std::move(file.bytes);
  });
  EXPECT_EQ(calls, files_.size());
  ASSERT_EQ(streamed.size(), files_.size());
  for (const OutputFile& file : files_) EXPECT_EQ(streamed[file.path], file.bytes) << file.path;
}

// The page memo (issue 19): a page is taken from the output, not rendered, only when the page it
// would render is byte for byte the one kept.
TEST_F(SiteTest, APageIsKeptOnlyWhenRenderingItWouldMakeTheSameBytes) {
  RenderInput first = sample_input(conversation_);
  first.memo.program = "confab under test";
  first.memo.key = 99;
  std::map<std::string, ContentHash> made;
  std::map<std::string, std::string> bytes;
  for (const OutputFile& file : render_files(first)) {
    bytes[file.path] = file.bytes;
    if (file.inputs) made[file.path] = *file.inputs;
  }
  // Pages carry their fingerprint; data files and feeds do not.
  for (const char* page : {"index.html", "threads/launch-b-day-b-more/index.html",
                           "people/index.html", "report/index.html"}) {
    EXPECT_TRUE(made.count(page)) << page;
  }
  EXPECT_FALSE(made.count("feed.xml"));
  EXPECT_FALSE(made.count("conversation.json"));

  // Each later build: a program, a build time, a theme.
  const auto rebuild = [&](const Conversation& conversation, const std::string& program,
                           const std::function<void(RenderInput&)>& edit) {
    std::mutex lock;
    std::set<std::string> kept;
    RenderInput input = sample_input(conversation);
    edit(input);
    input.memo = first.memo;
    input.memo.program = program;
    input.memo.keep = [&](const std::string& path, const ContentHash& inputs) {
      const auto found = made.find(path);
      if (found == made.end() || found->second != inputs) return false;
      const std::lock_guard<std::mutex> hold(lock);
      kept.insert(path);
      return true;
    };
    const std::vector<OutputFile> files = render_files(input);
    RenderInput clean = sample_input(conversation);
    edit(clean);
    const std::vector<OutputFile> expected = render_files(clean);
    EXPECT_EQ(files.size() + kept.size(), expected.size());
    for (const OutputFile& file : expected) {
      const OutputFile* rendered = find_file(files, file.path);
      if (kept.count(file.path)) {
        EXPECT_EQ(rendered, nullptr) << file.path << " was kept, and rendered too";
        EXPECT_EQ(bytes[file.path], file.bytes) << file.path << " was kept but changed";
      } else {
        if (rendered == nullptr) {
          ADD_FAILURE() << file.path << " was neither kept nor rendered";
        } else {
          EXPECT_EQ(rendered->bytes, file.bytes) << file.path;
        }
      }
    }
    return kept;
  };
  const auto unchanged = [](RenderInput&) {};
  // An hour later: only the pages showing the build's time (the report) are rendered again.
  Conversation later = conversation_;
  later.generated += 3600;
  const std::set<std::string> kept = rebuild(later, "confab under test", unchanged);
  EXPECT_TRUE(kept.count("threads/launch-b-day-b-more/index.html"));
  EXPECT_TRUE(kept.count("people/index.html"));
  EXPECT_TRUE(kept.count("people/carol-from-brand/index.html"));  // fingerprinted by stand-ins
  EXPECT_FALSE(kept.count("report/index.html"));
  // A reply edited: its thread's page and its author's page are rendered again.
  Conversation edited = later;
  for (Node& node : edited.nodes) {
    if (node.id == "brand/c2") node.content_html = "<p>Edited since.</p>";
  }
  const std::set<std::string> after_edit = rebuild(edited, "confab under test", unchanged);
  EXPECT_FALSE(after_edit.count("people/carol-from-brand/index.html"));
  EXPECT_FALSE(after_edit.count("threads/launch-b-day-b-more/index.html"));
  EXPECT_TRUE(after_edit.count("sources/index.html"));
  // Another program, another theme, other strings: every page again.
  EXPECT_TRUE(rebuild(later, "another confab", unchanged).empty());
  EXPECT_TRUE(rebuild(later, "confab under test", [](RenderInput& input) {
                input.theme.templates["partials/site_footer.html"] += "<!-- edited -->";
              }).empty());
  EXPECT_TRUE(rebuild(later, "confab under test", [](RenderInput& input) {
                input.language = "fr";
              }).empty());
  // A title changed: the pages showing it.
  Conversation retitled = conversation_;
  retitled.campaign_title = "Relaunch campaign";
  EXPECT_TRUE(rebuild(retitled, "confab under test", unchanged).empty());
}

/// One blog's `count` posts, an hour apart from 1 Jan 2008, each a thread of its own ("Post 0"…).
Conversation hourly_posts(int count, UnixTime generated) {
  Conversation conversation;
  conversation.generated = generated;
  conversation.sources = {{"b", "Blog", "https://b.example/", "", SourceKind::blog,
                           SourceStatus::ok, "", std::nullopt, "", ""}};
  for (int i = 0; i < count; ++i) {
    Node root = make_node("b/p" + std::to_string(i), NodeKind::post, "b", "",
                          *make_utc_time(2008, 1, 1, 0, 0, 0) + 3600 * i);
    root.thread = root.id;
    root.title = "Post " + std::to_string(i);
    conversation.nodes.push_back(root);
  }
  return conversation;
}

/// What each page of `shown` is made from, by path, as the page memo lists it.
std::map<std::string, ContentHash> inputs_of(const Conversation& shown) {
  RenderInput input = sample_input(shown);
  input.memo.program = "confab under test";
  input.memo.key = 5;
  std::map<std::string, ContentHash> inputs;
  for (const OutputFile& file : render_files(input)) {
    if (file.inputs) inputs[file.path] = *file.inputs;
  }
  return inputs;
}

TEST(SitePaginationTest, ManyThreadsArePaginatedUnderTheSizeLimit) {
  Conversation conversation = hourly_posts(120, *make_utc_time(2009, 1, 1, 0, 0, 0));
  for (Node& root : conversation.nodes) {
    root.title = "Same title";  // every slug clashes
    root.content_html = "<p>" + std::string(4000, 'x') + "</p>";
  }
  RenderInput input = sample_input(conversation);
  const auto files = render_files(input);
  std::set<std::string> thread_pages;
  std::size_t hub_pages = 0;
  for (const OutputFile& file : files) {
    if (file.path.starts_with("threads/")) thread_pages.insert(file.path);
    if (file.path == "index.html" || file.path.starts_with("page/")) {
      ++hub_pages;
      EXPECT_LT(file.bytes.size(), 300u * 1024) << file.path;
    }
    for (const char c : file.path) EXPECT_TRUE(static_cast<unsigned char>(c) < 0x80) << file.path;
  }
  EXPECT_EQ(thread_pages.size(), 120u);
  EXPECT_TRUE(thread_pages.count("threads/same-title/index.html"));
  EXPECT_EQ(hub_pages, 6u);  // 20 threads a page
  const std::string& page2 = find_file(files, "page/2/index.html")->bytes;
  EXPECT_TRUE(contains(page2, "rel=\"prev\" href=\"../../\""));
  EXPECT_TRUE(contains(page2, "rel=\"next\" href=\"../../page/3/\""));
  EXPECT_EQ(count(page2, "<h1"), 1u);
}

// A new comment on the newest thread changes the first hub page (its thread, the campaign's
// figures) but not the older ones: the figures are on page 1 only.
TEST(SitePaginationTest, ANewCommentLeavesTheOlderHubPagesAsTheyWere) {
  Conversation conversation = hourly_posts(60, *make_utc_time(2008, 1, 6, 0, 0, 0));
  const auto before = inputs_of(conversation);
  Node comment = make_node("b/c1", NodeKind::comment, "b", "b/p59",
                           *make_utc_time(2008, 1, 1, 0, 0, 0) + 3600 * 59 + 60);  // same day
  comment.thread = "b/p59";
  conversation.nodes.push_back(comment);
  const auto after = inputs_of(conversation);
  ASSERT_TRUE(before.count("page/2/index.html") && before.count("page/3/index.html"));
  EXPECT_NE(after.at("index.html"), before.at("index.html"));
  EXPECT_EQ(after.at("page/2/index.html"), before.at("page/2/index.html"));
  EXPECT_EQ(after.at("page/3/index.html"), before.at("page/3/index.html"));
}

// A post edited on an older hub page: its page and its hub page are made from something else,
// the other threads' pages and hub pages from the same (their cards' digests are unchanged).
TEST(SitePaginationTest, AnEditedOlderPostChangesItsPageAndItsHubPageOnly) {
  Conversation conversation = hourly_posts(60, *make_utc_time(2008, 1, 6, 0, 0, 0));
  const auto before = inputs_of(conversation);
  for (Node& node : conversation.nodes) {
    if (node.id == "b/p25") node.content_html = "<p>Edited since.</p>";  // newest first: page 2
  }
  const auto after = inputs_of(conversation);
  ASSERT_EQ(after.size(), before.size());
  ASSERT_TRUE(before.count("threads/post-25/index.html") && before.count("page/3/index.html"));
  for (const auto& [path, inputs] : after) {
    const bool edited = path == "threads/post-25/index.html" || path == "page/2/index.html";
    if (edited) {
      EXPECT_NE(inputs, before.at(path)) << path;
    } else if (path.starts_with("threads/") || path.starts_with("page/")) {
      EXPECT_EQ(inputs, before.at(path)) << path;
    }
  }
}

// What a card shows from beyond its nodes (the author's person, whether a reply is awaited) is
// in its digest: changing it changes the fingerprints of the pages showing the card, and only
// theirs.
TEST(SitePaginationTest, ACardsDigestFollowsWhatItShowsFromBeyondItsNodes) {
  Conversation conversation = hourly_posts(60, *make_utc_time(2008, 1, 6, 0, 0, 0));
  Node comment = make_node("b/c25", NodeKind::comment, "b", "b/p25",
                           *make_utc_time(2008, 1, 1, 0, 0, 0) + 3600 * 25 + 60);
  comment.thread = "b/p25";
  comment.author = "dora";
  comment.author_name = "Dora";
  conversation.nodes.push_back(comment);
  Person dora;
  dora.id = "dora";
  dora.name = "Dora";
  dora.comments = 1;
  dora.blogs = {"b"};
  conversation.people.push_back(dora);
  const auto before = inputs_of(conversation);
  ASSERT_TRUE(before.count("threads/post-25/index.html") && before.count("page/3/index.html"));
  const auto changed = [&](const Conversation& edited) {
    std::set<std::string> paths;
    for (const auto& [path, inputs] : inputs_of(edited)) {
      if ((path.starts_with("threads/") || path.starts_with("page/")) &&
          inputs != before.at(path)) {
        paths.insert(path);
      }
    }
    return paths;
  };
  const std::set<std::string> card_pages = {"threads/post-25/index.html", "page/2/index.html"};
  Conversation renamed = conversation;
  renamed.people.front().name = "Dora the Explorer";
  EXPECT_EQ(changed(renamed), card_pages);
  Conversation awaited = conversation;
  awaited.awaiting_reply = {"b/c25"};
  EXPECT_EQ(changed(awaited), card_pages);
}

TEST_F(SiteTest, ContentPageUsesPageTemplate) {
  const OutputFile* about = find_file(files_, "about/index.html");
  ASSERT_NE(about, nullptr);
  EXPECT_TRUE(contains(about->bytes, "<title>About this hub · The Launch Hub</title>"));
  EXPECT_TRUE(contains(about->bytes, "<h1>About this hub</h1>"));
  EXPECT_EQ(count(about->bytes, "<h1"), 1u);
  EXPECT_TRUE(contains(about->bytes, "<p>Who we are.</p>"));
  EXPECT_TRUE(contains(about->bytes, "href=\"../style.css\""));
  EXPECT_TRUE(
      contains(about->bytes, "<a href=\"../about/\" aria-current=\"page\">About this hub</a>"));
  EXPECT_TRUE(
      contains(about->bytes, "<link rel=\"canonical\" href=\"https://hub.example/about/\">"));
}

TEST(SiteErrorsTest, MissingTemplatesAreNamed) {
  const Conversation conversation = sample_conversation();
  RenderInput input = sample_input(conversation);
  input.theme.templates.erase("partials/node.html");
  EXPECT_TRUE(contains(render_error(input), "partials/node.html")) << render_error(input);

  input = sample_input(conversation);
  input.theme.templates.erase("index.html");
  EXPECT_TRUE(contains(render_error(input), "index.html")) << render_error(input);

  input = sample_input(conversation);
  input.theme.templates.erase("page.html");
  EXPECT_TRUE(contains(render_error(input), "page.html")) << render_error(input);
}

TEST(SiteErrorsTest, BrokenTemplateIsNamed) {
  const Conversation conversation = sample_conversation();
  RenderInput input = sample_input(conversation);
  input.theme.templates["partials/thread.html"] = "{{#children}} never closed";
  EXPECT_TRUE(contains(render_error(input), "partials/thread.html")) << render_error(input);
}

TEST(SiteErrorsTest, OutputPathsStayInside) {
  const Conversation conversation = sample_conversation();
  RenderInput input = sample_input(conversation);
  input.theme.static_files["../escape.css"] = "x";
  EXPECT_TRUE(contains(render_error(input), "../escape.css"));
  input = sample_input(conversation);
  input.theme.static_files["index.html"] = "x";
  EXPECT_TRUE(contains(render_error(input), "overwrite"));
}

TEST(SiteErrorsTest, NoConversation) {
  RenderInput input;
  input.theme = default_theme();
  EXPECT_THROW(render_files(input), RenderError);
}

TEST(SiteEmptyTest, EmptyConversationRendersAnEmptyHub) {
  const Conversation conversation;
  RenderInput input;
  input.site_title = "Quiet";
  input.conversation = &conversation;
  input.theme = default_theme();
  const auto files = render_files(input);
  const std::string& index = find_file(files, "index.html")->bytes;
  EXPECT_TRUE(contains(index, "Nothing has been posted yet."));
  EXPECT_FALSE(contains(index, "spam/"));
  EXPECT_FALSE(contains(index, "<svg"));
}

// The desk (issue 18): new marks, the reply queue's feeds, the report, exports and search.
class SiteDeskTest : public ::testing::Test {
 protected:
  SiteDeskTest() : conversation_(desk_conversation()) {
    files_ = render_files(sample_input(conversation_));
  }

  static Conversation desk_conversation() {
    Conversation conversation = sample_conversation();
    const UnixTime day = *make_utc_time(2008, 11, 10, 9, 0, 0);
    // Built once the day before; the review and the mention arrived with this build.
    conversation.previous_build = day + 80000;
    for (Node& node : conversation.nodes) {
      const bool arrived_now = node.id == "alice/review" || node.id == "alice/ping";
      node.first_seen = arrived_now ? day + 90000 : day;
      if (node.id == "brand/c1") node.text = "Will it ship to Europe?";  // build_conversation's
    }
    conversation.awaiting_reply = {"alice/review"};
    return conversation;
  }

  std::string file(const std::string& path) const {
    const OutputFile* found = find_file(files_, path);
    return found ? found->bytes : "(missing " + path + ")";
  }

  Conversation conversation_;
  std::vector<OutputFile> files_;
};

TEST_F(SiteDeskTest, NewNodesAreMarkedAndTheThreadCanShowOnlyThem) {
  const std::string thread = file("threads/launch-b-day-b-more/index.html");
  EXPECT_EQ(count(thread, "badge-new"), 2u) << thread;
  EXPECT_TRUE(contains(thread, "id=\"only-new\"")) << thread;
  EXPECT_TRUE(contains(thread, "is-new")) << thread;
  // Nothing is new on a first build.
  Conversation first = desk_conversation();
  first.previous_build.reset();
  const auto files = render_files(sample_input(first));
  const std::string first_thread =
      find_file(files, "threads/launch-b-day-b-more/index.html")->bytes;
  EXPECT_FALSE(contains(first_thread, "badge-new"));
  EXPECT_FALSE(contains(first_thread, "id=\"only-new\""));
}

TEST_F(SiteDeskTest, TheQueueFeedsListWhatAwaitsWithStableIds) {
  pugi::xml_document atom;
  ASSERT_TRUE(atom.load_string(file("awaiting.xml").c_str()));
  const auto entries = atom.child("feed").children("entry");
  ASSERT_EQ(std::distance(entries.begin(), entries.end()), 1);
  const std::string id = atom.child("feed").child("entry").child_value("id");
  EXPECT_EQ(id.rfind("urn:confab:awaiting:", 0), 0u) << id;
  const auto json = nlohmann::json::parse(file("awaiting.json"));
  ASSERT_EQ(json["items"].size(), 1u);
  EXPECT_EQ(json["items"][0]["id"], id);
  EXPECT_EQ(json["items"][0]["_confab"]["node"], "alice/review");
  const std::string csv = file("exports/awaiting.csv");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBFwaiting_since,", 0), 0u) << csv;
  EXPECT_EQ(count(csv, "\r\n"), 2u) << csv;
  // Once answered, it leaves the queue.
  Conversation answered = desk_conversation();
  answered.awaiting_reply.clear();
  const auto files = render_files(sample_input(answered));
  pugi::xml_document empty;
  ASSERT_TRUE(empty.load_string(find_file(files, "awaiting.xml")->bytes.c_str()));
  EXPECT_TRUE(empty.child("feed").child("entry").empty());
}

TEST_F(SiteDeskTest, TheFrontPageShowsTheOldestOfALongQueueAndSaysHowManyWait) {
  Conversation long_queue = desk_conversation();
  const Node question = *std::find_if(long_queue.nodes.begin(), long_queue.nodes.end(),
                                      [](const Node& node) { return node.id == "brand/c1"; });
  long_queue.awaiting_reply.clear();
  for (int i = 0; i < 30; ++i) {
    Node more = question;
    more.id = "brand/q" + std::to_string(i);
    more.text = "Question number " + std::to_string(i);
    more.content_html = "<p>" + more.text + "</p>";
    *more.published += i * 60;
    long_queue.nodes.insert(long_queue.nodes.begin() + 2, more);
    long_queue.awaiting_reply.push_back(more.id);
  }
  const auto files = render_files(sample_input(long_queue));
  const std::string index = find_file(files, "index.html")->bytes;
  const std::size_t start = index.find("aria-labelledby=\"awaiting-heading\"");
  ASSERT_NE(start, std::string::npos) << index;
  const std::string panel = index.substr(start, index.find("</section>", start) - start);
  EXPECT_EQ(count(panel, "<li>"), 25u) << panel;
  EXPECT_TRUE(contains(panel, "Question number 24")) << panel;
  EXPECT_FALSE(contains(panel, "Question number 25")) << panel;
  EXPECT_TRUE(contains(panel, "The 25 oldest of 30 are shown here")) << panel;
  // The feeds hold the whole queue.
  const auto json = nlohmann::json::parse(find_file(files, "awaiting.json")->bytes);
  EXPECT_EQ(json["items"].size(), 30u);
  // A short queue says nothing of the sort.
  EXPECT_FALSE(contains(file("index.html"), "oldest of")) << file("index.html");
}

TEST_F(SiteDeskTest, TheNewDigestHasOneEntryPerBuildThatFoundSomething) {
  pugi::xml_document atom;
  ASSERT_TRUE(atom.load_string(file("new.xml").c_str()));
  std::vector<std::string> ids;
  for (const auto& entry : atom.child("feed").children("entry")) {
    ids.push_back(entry.child_value("id"));
  }
  const UnixTime day = *make_utc_time(2008, 11, 10, 9, 0, 0);
  EXPECT_EQ(ids, (std::vector<std::string>{"urn:confab:build:" + std::to_string(day + 90000),
                                           "urn:confab:build:" + std::to_string(day)}));
}

TEST_F(SiteDeskTest, TheReportHasChartsExportsAndTheSameFiguresAsJson) {
  const std::string report = file("report/index.html");
  EXPECT_GE(count(report, "<svg"), 2u) << report;
  for (const char* link : {"../exports/nodes.csv", "../exports/people.csv",
                           "../exports/awaiting.csv", "../report.json"}) {
    EXPECT_TRUE(contains(report, link)) << link;
  }
  const auto json = nlohmann::json::parse(file("report.json"));
  EXPECT_TRUE(json.is_object());
  EXPECT_TRUE(contains(file("sitemap.xml"), "https://hub.example/report/"));
}

TEST_F(SiteDeskTest, EveryPageHasTheSearchBoxAndTheIndexHoldsTheText) {
  for (const OutputFile& page : files_) {
    if (!page.path.ends_with(".html") || page.path == "search/index.html") continue;
    EXPECT_EQ(count(page.bytes, "class=\"search-box\""), 1u) << page.path;
  }
  EXPECT_TRUE(contains(file("search/index.html"), "id=\"search-form\""));
  const std::string index = file("search.json");
  EXPECT_TRUE(nlohmann::json::parse(index).is_array() || nlohmann::json::parse(index).is_object());
  EXPECT_TRUE(contains(index, "Will it ship to Europe?")) << index;
  EXPECT_FALSE(contains(index, "Cheap Pills")) << "spam stays out of the index";
}

/// Collects streamed files: each piece as it comes, a file once closed.
class PieceCollector {
 public:
  class Stream : public OutputStream {
   public:
    Stream(PieceCollector& owner, std::string path) : owner_(owner), path_(std::move(path)) {}
    void append(std::string_view piece) override {
      bytes_ += piece;
      ++pieces_;
    }
    void close() override {
      const std::lock_guard<std::mutex> hold(owner_.lock_);
      owner_.files_[path_] = bytes_;
      owner_.pieces_[path_] = pieces_;
    }
    std::size_t piece_size() const override { return 1; }  // a piece at every item

   private:
    PieceCollector& owner_;
    std::string path_, bytes_;
    std::size_t pieces_ = 0;
  };

  std::map<std::string, std::string> files_;
  std::map<std::string, std::size_t> pieces_;
  std::mutex lock_;
};

TEST(SiteStreamTest, FilesInPiecesAreTheFilesMadeWhole) {
  for (const Conversation& conversation :
       {sample_conversation(), hourly_posts(45, *make_utc_time(2008, 1, 6, 0, 0, 0))}) {
    RenderInput input = sample_input(conversation);
    std::map<std::string, std::string> whole;
    for (OutputFile& file : render_files(input)) whole[file.path] = std::move(file.bytes);

    PieceCollector streamed;
    input.open_stream = [&](const std::string& path, const std::optional<ContentHash>&) {
      return std::make_unique<PieceCollector::Stream>(streamed, path);
    };
    std::map<std::string, std::string> in_pieces = streamed.files_;
    for (OutputFile& file : render_files(input)) {
      EXPECT_FALSE(streamed.files_.count(file.path)) << file.path << " came twice";
      in_pieces[file.path] = std::move(file.bytes);
    }
    for (const auto& [path, bytes] : streamed.files_) in_pieces[path] = bytes;
    EXPECT_EQ(in_pieces, whole);
    for (const char* path : {"conversation.json", "search.json", "exports/nodes.csv",
                             "awaiting.xml", "awaiting.json", "exports/awaiting.csv"}) {
      ASSERT_TRUE(streamed.pieces_.count(path)) << path << " was not streamed";
    }
    // Handed over item by item, not at the end only.
    EXPECT_GT(streamed.pieces_.at("conversation.json"), conversation.nodes.size());
    EXPECT_GT(streamed.pieces_.at("exports/nodes.csv"), conversation.nodes.size());
  }
}

// The site inputs (issue 19): a render made from what the output's pages were made from takes the
// pages that do not show the build time as the output holds them, without making their data.
// Whatever the time moved by, those pages are byte for byte what a clean render makes.
class SiteInputsTest : public SiteDeskTest {
 protected:
  struct Made {
    std::map<std::string, std::string> bytes;
    std::map<std::string, ContentHash> inputs;
    RenderReport report;
    std::set<std::string> kept;  ///< by their fingerprints (or site inputs), not as made
  };

  static RenderInput memo_input(const Conversation& conversation) {
    RenderInput input = sample_input(conversation);
    input.memo.program = "confab under test";
    input.memo.key = 99;
    input.conversation_inputs = ContentHash{7, 11};
    return input;
  }

  static Made render(const RenderInput& input) {
    Made made;
    std::mutex lock;
    made.report = render_site(input, [&](OutputFile file) {
      const std::lock_guard<std::mutex> hold(lock);
      if (file.inputs) made.inputs[file.path] = *file.inputs;
      made.bytes[file.path] = std::move(file.bytes);
    });
    return made;
  }

  /// Renders `input` over `before`'s output: the pages it keeps (either way) come from there.
  /// Returns the paths kept as made.
  static std::set<std::string> render_over(const Made& before, RenderInput input, Made& after) {
    std::mutex lock;
    std::set<std::string> as_made;
    input.memo.site_inputs = before.report.site_inputs;
    input.memo.keep = [&](const std::string& path, const ContentHash& inputs) {
      const auto found = before.inputs.find(path);
      if (found == before.inputs.end() || found->second != inputs) return false;
      const std::lock_guard<std::mutex> hold(lock);
      after.bytes[path] = before.bytes.at(path);
      after.kept.insert(path);
      return true;
    };
    input.memo.keep_as_made = [&](const std::string& path) {
      if (!before.inputs.count(path)) return false;
      const std::lock_guard<std::mutex> hold(lock);
      as_made.insert(path);
      after.bytes[path] = before.bytes.at(path);
      return true;
    };
    after.report = render_site(input, [&](OutputFile file) {
      const std::lock_guard<std::mutex> hold(lock);
      after.bytes[file.path] = std::move(file.bytes);
    });
    return as_made;
  }
};

TEST_F(SiteInputsTest, TimelessPagesAreKeptAsMadeAndEqualACleanRender) {
  // Ten days later, and the build before was the day before: the same nodes are new. The
  // sources fetched otherwise (but as many failed).
  Conversation before = conversation_;
  before.sources.at(1).status = SourceStatus::gone;
  before.sources.at(1).error = "410 Gone";
  before.sources.at(1).error_kind = "http_status";
  const Made first = render(memo_input(before));
  ASSERT_TRUE(first.report.site_inputs);
  Conversation later = conversation_;
  later.generated += 10 * 86400;
  later.previous_build = *later.previous_build - 3600;
  later.sources[0].status = SourceStatus::unchanged;
  later.sources[0].last_success = later.generated;
  later.sources[1].status = SourceStatus::error;
  later.sources[1].error = "timed out";
  later.sources[1].error_kind = "timeout";
  Made after;
  const std::set<std::string> as_made = render_over(first, memo_input(later), after);
  EXPECT_EQ(after.report.site_inputs, first.report.site_inputs);
  for (const char* page : {"threads/launch-b-day-b-more/index.html", "people/index.html",
                           "people/carol-from-brand/index.html"}) {
    EXPECT_TRUE(as_made.count(page)) << page;
  }
  // The hub's first page (how long questions waited) and the report (the build time) are not.
  for (const char* page : {"index.html", "report/index.html", "sources/index.html"}) {
    EXPECT_FALSE(as_made.count(page)) << page;
  }
  EXPECT_NE(after.bytes.at("index.html"), first.bytes.at("index.html"));
  // The data files made from nothing else are kept too, by the site inputs.
  for (const char* file : {"search.json", "exports/nodes.csv", "exports/people.csv"}) {
    EXPECT_EQ(first.inputs.at(file), *first.report.site_inputs) << file;
    EXPECT_TRUE(after.kept.count(file)) << file;
  }
  for (const char* file : {"conversation.json", "awaiting.json", "report.json", "feed.xml"}) {
    EXPECT_FALSE(after.kept.count(file)) << file;
  }
  const Made clean = render(sample_input(later));
  EXPECT_EQ(after.bytes.size(), clean.bytes.size());
  for (const auto& [path, bytes] : clean.bytes) {
    const auto found = after.bytes.find(path);
    ASSERT_NE(found, after.bytes.end()) << path;
    EXPECT_EQ(found->second, bytes) << path << (as_made.count(path) ? " (kept as made)" : "");
  }
}

TEST_F(SiteInputsTest, AnythingThePagesAreMadeFromKeepsNoneAsMade) {
  const Made first = render(memo_input(conversation_));
  const auto differs = [&](const std::function<void(RenderInput&, Conversation&)>& edit) {
    Conversation conversation = conversation_;
    RenderInput input = memo_input(conversation);
    edit(input, conversation);
    input.conversation = &conversation;
    Made after;
    const bool none = render_over(first, input, after).empty();
    return after.report.site_inputs != first.report.site_inputs && none;
  };
  EXPECT_TRUE(differs([](RenderInput& input, Conversation&) {
    input.conversation_inputs = ContentHash{7, 12};
  }));
  EXPECT_TRUE(differs([](RenderInput& input, Conversation&) { input.memo.program = "other"; }));
  EXPECT_TRUE(differs([](RenderInput& input, Conversation&) { input.site_title = "Other"; }));
  EXPECT_TRUE(differs([](RenderInput& input, Conversation&) { input.language = "fr"; }));
  EXPECT_TRUE(differs([](RenderInput& input, Conversation&) { input.include_drafts = true; }));
  EXPECT_TRUE(differs([](RenderInput& input, Conversation&) {
    input.theme.templates["partials/site_footer.html"] += "<!-- edited -->";
  }));
  EXPECT_TRUE(differs([](RenderInput& input, Conversation&) {
    input.content.push_back({"extra.md", "+++\ntitle = \"Extra\"\n+++\nMore."});
  }));
  // A source with a problem now: the hub pages count them.
  EXPECT_TRUE(differs([](RenderInput&, Conversation& conversation) {
    conversation.sources.front().status = SourceStatus::error;
  }));
  EXPECT_TRUE(differs([](RenderInput&, Conversation& conversation) {
    conversation.sources.front().name = "Renamed";
  }));
  // One node more is new since the previous build.
  EXPECT_TRUE(differs([](RenderInput&, Conversation& conversation) {
    conversation.previous_build = *conversation.previous_build - 86400;
  }));
  // A theme whose thread page shows the build time: rendered again every build.
  Conversation later = conversation_;
  later.generated += 3600;
  RenderInput showing = memo_input(conversation_);
  showing.theme.templates["thread.html"] += "{{generated_human}}";
  const Made shown = render(showing);
  showing.conversation = &later;
  Made after;
  EXPECT_TRUE(render_over(shown, showing, after).empty());
  EXPECT_NE(after.report.site_inputs, shown.report.site_inputs);
  // Nothing new ever found: pages say the build's day as the hub's last update.
  Conversation unseen = conversation_;
  for (Node& node : unseen.nodes) node.first_seen.reset();
  const Made unseen_first = render(memo_input(unseen));
  unseen.generated += 86400;
  EXPECT_NE(render(memo_input(unseen)).report.site_inputs, unseen_first.report.site_inputs);
  // Without the conversation's inputs there are none.
  RenderInput unknown = memo_input(conversation_);
  unknown.conversation_inputs.reset();
  EXPECT_FALSE(render(unknown).report.site_inputs);
}

TEST(SiteInputsPaginationTest, OlderHubPagesAreKeptAsMadeTheFirstIsNot) {
  Conversation conversation = hourly_posts(60, *make_utc_time(2008, 1, 6, 0, 0, 0));
  for (Node& node : conversation.nodes) node.first_seen = node.published;
  RenderInput input = sample_input(conversation);
  input.memo.program = "confab under test";
  input.memo.key = 5;
  input.conversation_inputs = ContentHash{1, 2};
  std::map<std::string, ContentHash> made;
  std::mutex lock;
  const RenderReport first = render_site(input, [&](OutputFile file) {
    const std::lock_guard<std::mutex> hold(lock);
    if (file.inputs) made[file.path] = *file.inputs;
  });
  std::set<std::string> as_made;
  input.memo.site_inputs = first.site_inputs;
  input.memo.keep_as_made = [&](const std::string& path) {
    const std::lock_guard<std::mutex> hold(lock);
    as_made.insert(path);
    return made.count(path) > 0;
  };
  conversation.generated += 86400;
  std::size_t rendered = 0;
  render_site(input, [&](OutputFile file) {
    const std::lock_guard<std::mutex> hold(lock);
    rendered += file.inputs.has_value();
    EXPECT_FALSE(file.path.starts_with("threads/")) << file.path;
    EXPECT_FALSE(file.path.starts_with("page/")) << file.path;
  });
  EXPECT_TRUE(as_made.count("page/2/index.html"));
  EXPECT_TRUE(as_made.count("page/3/index.html"));
  EXPECT_TRUE(as_made.count("threads/post-0/index.html"));
  EXPECT_FALSE(as_made.count("index.html"));
  EXPECT_GT(rendered, 0u);  // the first hub page, the report and the other pages that say so
}
}  // namespace
}  // namespace confab
