// [site] webmention: the hub's pages as the last build published them, and mentions of them
// turned into mentions of what each page stands for.
#include "build/hub_pages.h"

#include <gtest/gtest.h>

#include "build/platform_gathering.h"

namespace confab {
namespace {

const std::vector<std::string> kCampaign = {"https://video.example/love"};

const char* kLastBuild = R"({
  "campaign": {"title": "Love", "links": ["https://video.example/love"]},
  "nodes": [{"id": "quill/1", "url": "https://quill.example.org/letters/"},
            {"id": "quill/2", "url": "https://quill.example.org/letters/#c1"}],
  "threads": [{"root": "quill/1", "page": "threads/letters/"},
              {"root": "gone/9", "page": "threads/gone/"},
              {"root": "quill/1", "page": null}]
})";

TEST(HubPages, TheHomePageAndEachThreadPageStandForTheirPosts) {
  const auto pages = read_hub_pages(kLastBuild, "https://hub.example/", kCampaign);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].url, "https://hub.example/");
  EXPECT_EQ(pages[0].stands_for, "https://video.example/love");
  EXPECT_EQ(pages[1].url, "https://hub.example/threads/letters/");
  EXPECT_EQ(pages[1].stands_for, "https://quill.example.org/letters/");
  // A base URL without its trailing slash names the same pages.
  EXPECT_EQ(read_hub_pages(kLastBuild, "https://hub.example", kCampaign)[1].url,
            "https://hub.example/threads/letters/");
}

TEST(HubPages, AFirstBuildKnowsOnlyTheHomePageAndNothingWithoutABaseUrl) {
  EXPECT_TRUE(read_hub_pages(kLastBuild, "", kCampaign).empty());
  for (const char* last : {"", "{not json", "[1, 2]"}) {
    const auto pages = read_hub_pages(last, "https://hub.example/", kCampaign);
    ASSERT_EQ(pages.size(), 1u) << last;
    EXPECT_EQ(pages[0].url, "https://hub.example/");
  }
  EXPECT_TRUE(read_hub_pages("", "https://hub.example/", {}).empty());
}

TEST(HubPages, AMentionOfAThreadPageBecomesAMentionOfItsPost) {
  const auto pages = read_hub_pages(kLastBuild, "https://hub.example/", kCampaign);
  PlatformGathering gathering;
  SourceHarvest webmention;
  webmention.report.platform = "webmention";
  Entry reply;
  reply.id = reply.link = "https://nia.example/notes/1";
  reply.content = "<p>Great <a href=\"https://hub.example/threads/letters/\">thread</a>.</p>";
  reply.in_reply_to = {
      {"https://hub.example/threads/letters/", "https://hub.example/threads/letters/"}};
  Entry like;
  like.id = "webmention:5";
  like.reaction = "like";
  like.in_reply_to = {{"http://hub.example/threads/letters", "http://hub.example/threads/letters"}};
  Entry home;
  home.id = home.link = "https://nia.example/notes/2";
  home.content = "<p>What a hub.</p>";
  home.in_reply_to = {{"https://hub.example/", "https://hub.example/"}};
  webmention.posts = {reply, like, home};
  SourceHarvest blog;  // not a Webmention source: left as it is
  blog.posts = {reply};
  gathering.harvests = {webmention, blog};

  redirect_hub_mentions(gathering, pages);
  const auto& posts = gathering.harvests[0].posts;
  EXPECT_EQ(posts[0].in_reply_to[0].href, "https://quill.example.org/letters/");
  EXPECT_EQ(posts[0].content,
            "<p>Great <a href=\"https://quill.example.org/letters/\">thread</a>.</p>");
  EXPECT_EQ(posts[1].in_reply_to[0].href, "https://quill.example.org/letters/");
  EXPECT_EQ(posts[2].in_reply_to[0].href, "https://video.example/love");
  EXPECT_EQ(posts[2].content,
            "<p>What a hub.</p><p><a href=\"https://video.example/love\">"
            "https://video.example/love</a></p>");
  EXPECT_EQ(gathering.harvests[1].posts[0].content, reply.content);
}

}  // namespace
}  // namespace confab
