// render_site with the real default theme: a small hand-built conversation in, files out.
// The test reads the theme from the source tree (render itself never does I/O).
#include <gtest/gtest.h>
#include <gumbo.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/time.h"
#include "render/render.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

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
  return {read_folder(root / "templates"), read_folder(root / "static")};
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
                     day};
  SourceReport alice{"alice",
                     "Alice's Notes",
                     "https://alice.example/",
                     "https://alice.example/feed/",
                     SourceKind::blog,
                     SourceStatus::ok,
                     "",
                     day};
  SourceReport broken{"broken",
                      "Broken Blog",
                      "https://broken.example/",
                      "https://broken.example/feed/",
                      SourceKind::blog,
                      SourceStatus::error,
                      "HTTP 500 from https://broken.example/feed/",
                      std::nullopt};
  conversation.sources = {brand, alice, broken};

  Node post = make_node("brand/launch", NodeKind::post, "brand", "", day);
  post.title = "Launch <b>day</b> & more";
  post.author_name = "Brand Team";
  post.by_team = true;
  post.content_html = "<p>We launched.</p><script>alert('post')</script>";
  post.base_url = "https://brand.example/launch/";

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

class SiteTest : public ::testing::Test {
 protected:
  SiteTest()
      : conversation_(sample_conversation()), files_(render_site(sample_input(conversation_))) {
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
  EXPECT_EQ(paths, (std::vector<std::string>{"index.html", "conversation.json", "about/index.html",
                                             "style.css"}));
  EXPECT_EQ(find_file(files_, "conversation.json")->bytes, conversation_to_json(conversation_));
  EXPECT_EQ(find_file(files_, "style.css")->bytes, default_theme().static_files.at("style.css"));
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
  EXPECT_FALSE(contains(index_, "<script"));
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

TEST_F(SiteTest, SpamIsSetAside) {
  const std::size_t section = index_.find("Set aside as spam");
  ASSERT_NE(section, std::string::npos);
  EXPECT_GT(index_.find("Cheap Pills"), section);
  EXPECT_TRUE(contains(index_, "link to a known spam domain; shouting"));
  EXPECT_TRUE(contains(index_, "Buy pills now!!!"));
  EXPECT_FALSE(contains(index_, "pills.example"));  // listed, never linked
  EXPECT_EQ(ParsedPage(index_).by_id("n-brand-c3"), nullptr);
}

TEST_F(SiteTest, FailedSourceIsFlagged) {
  EXPECT_TRUE(contains(index_, "<span class=\"badge badge-error\">Could not be read</span>"));
  EXPECT_TRUE(contains(index_, "HTTP 500 from https://broken.example/feed/"));
  EXPECT_TRUE(contains(index_, "Campaign blog</span>"));
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

std::string render_error(RenderInput input) {
  try {
    render_site(input);
  } catch (const RenderError& error) {
    return error.what();
  }
  return "";
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
  EXPECT_THROW(render_site(input), RenderError);
}

TEST(SiteEmptyTest, EmptyConversationRendersAnEmptyHub) {
  const Conversation conversation;
  RenderInput input;
  input.site_title = "Quiet";
  input.conversation = &conversation;
  input.theme = default_theme();
  const auto files = render_site(input);
  const std::string& index = find_file(files, "index.html")->bytes;
  EXPECT_TRUE(contains(index, "Nothing has been posted yet."));
  EXPECT_FALSE(contains(index, "Set aside as spam"));
  EXPECT_FALSE(contains(index, "<nav"));
}

}  // namespace
}  // namespace confab
