// Reading one post's comments the best way its blog offers, against answers held in memory:
// which representation is asked for, what falls back quietly, what is reported.
#include "build/comment_gathering.h"

#include <gtest/gtest.h>

#include <map>

namespace confab {
namespace {

/// Answers from a map; any other URL is a 404. Remembers what was asked.
class MapFetcher : public Fetcher {
 public:
  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    std::vector<FetchResult> results;
    for (const auto& url : urls) {
      asked.push_back(url);
      FetchResult result;
      result.url = url;
      const auto found = answers.find(url);
      if (found == answers.end()) {
        result.status = 404;
        result.error = FetchErrorKind::http_status;
        result.error_message = url + ": HTTP 404";
      } else {
        result = found->second;
        result.url = url;
      }
      results.push_back(std::move(result));
    }
    return results;
  }
  // As is: the default would judge "unchanged" by body hashes and drop what a test set.
  std::vector<FetchResult> fetch_requests(const std::vector<FetchRequest>& requests,
                                          const FetchProgressCallback& = {}) override {
    std::vector<std::string> urls;
    for (const auto& request : requests) urls.push_back(request.url);
    return fetch_all(urls);
  }

  void answer(const std::string& url, const std::string& type, const std::string& body,
              std::vector<std::pair<std::string, std::string>> headers = {}) {
    FetchResult result;
    result.status = 200;
    result.headers = std::move(headers);
    result.headers.emplace_back("Content-Type", type);
    result.body = body;
    answers[url] = std::move(result);
  }

  std::map<std::string, FetchResult> answers;
  std::vector<std::string> asked;
};

const std::string kPost = "https://blog.example/2024/05/a/";
const std::string kRss = kPost + "feed/";
const std::string kAtom = kPost + "feed/atom/";
const std::string kApi = "https://blog.example/wp-json/";

std::string escaped_amp(std::string url) {
  for (auto at = url.find('&'); at != std::string::npos; at = url.find('&', at + 5)) {
    url.replace(at, 1, "&amp;");
  }
  return url;
}

std::string rss_with(const std::string& items) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Comments</title>" +
         items + "</channel></rss>";
}

std::string rss_item(int number, const std::string& name, const std::string& text) {
  const std::string n = std::to_string(number);
  return "<item><title>By: " + name + "</title><link>" + kPost + "#comment-" + n +
         "</link><guid isPermaLink=\"false\">https://blog.example/?p=7#comment-" + n +
         "</guid><dc:creator>" + name + "</dc:creator><description>" + text +
         "</description></item>";
}

std::string api_item(int number, int parent, const std::string& name, const std::string& text) {
  const std::string n = std::to_string(number);
  return "{\"id\":" + n + ",\"post\":7,\"parent\":" + std::to_string(parent) +
         ",\"author_name\":\"" + name + "\",\"author_url\":\"https://" + name +
         ".example/\",\"date_gmt\":\"2024-05-0" + std::to_string(number % 9 + 1) +
         "T10:00:00\",\"content\":{\"rendered\":\"<p>" + text + "</p>\"},\"link\":\"" + kPost +
         "#comment-" + n + "\",\"status\":\"approved\",\"type\":\"comment\"}";
}

std::string api_url(int page) {
  return kApi + "wp/v2/comments?post=7&per_page=100&page=" + std::to_string(page);
}

class CommentGatheringTest : public ::testing::Test {
 protected:
  CommentGatheringTest() {
    post.id = "https://blog.example/?p=7";
    post.link = kPost;
    post.title = "A";
    post.comments_feed = kRss;
    item.post = &post;
    item.source_name = "Blog";
    item.platform = BlogPlatform::wordpress;
  }

  CommentGathering gather() { return gather_comments({item}, fetcher, options); }

  Entry post;
  CommentPost item;
  MapFetcher fetcher;
  CommentGatheringOptions options;
};

TEST_F(CommentGatheringTest, AWordPressPostTriesTheAtomFormThenFallsBackQuietlyOnRss) {
  fetcher.answer(kRss, "application/rss+xml", rss_with(rss_item(1, "Ann", "hello")));
  const CommentGathering got = gather();
  EXPECT_EQ(fetcher.asked, (std::vector<std::string>{kAtom, kRss}));
  EXPECT_TRUE(got.warnings.empty()) << got.warnings.front();
  ASSERT_EQ(got.posts.size(), 1u);
  EXPECT_TRUE(got.posts[0].read);
  EXPECT_EQ(got.posts[0].comments.size(), 1u);
  EXPECT_EQ(got.posts[0].formats, (std::vector<std::string>{"rss"}));
}

TEST_F(CommentGatheringTest, TheRestApiGivesEveryPageAndNestsWhatTheFeedShowsFlat) {
  item.api_root = kApi;
  fetcher.answer(kRss, "application/rss+xml", rss_with(rss_item(3, "cy", "third")));
  fetcher.answer(api_url(1), "application/json",
                 "[" + api_item(3, 2, "cy", "third") + "," + api_item(2, 0, "bo", "second") + "]",
                 {{"X-WP-TotalPages", "2"}});
  fetcher.answer(api_url(2), "application/json", "[" + api_item(1, 0, "al", "first") + "]",
                 {{"X-WP-TotalPages", "2"}});
  const CommentGathering got = gather();
  EXPECT_TRUE(got.warnings.empty()) << got.warnings.front();
  const auto& comments = got.posts[0].comments;
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(comments[0].id, "https://blog.example/?p=7#comment-3");
  ASSERT_EQ(comments[0].in_reply_to.size(), 1u);
  EXPECT_EQ(comments[0].in_reply_to[0].ref, "https://blog.example/?p=7#comment-2");
  EXPECT_EQ(comments[0].authors[0].uri, "https://cy.example/");
  EXPECT_TRUE(got.posts[0].whole);
  EXPECT_EQ(got.posts[0].formats, (std::vector<std::string>{"wp-rest", "rss"}));
}

TEST_F(CommentGatheringTest, ARestPageThatFailsMidWayIsReportedAndTheRestStillCounts) {
  item.api_root = kApi;
  fetcher.answer(kRss, "application/rss+xml", rss_with(rss_item(3, "cy", "third")));
  fetcher.answer(api_url(1), "application/json", "[" + api_item(3, 9, "cy", "third") + "]",
                 {{"X-WP-TotalPages", "3"}});
  fetcher.answer(api_url(3), "application/json", "[" + api_item(1, 0, "al", "first") + "]");
  const CommentGathering got = gather();
  ASSERT_EQ(got.warnings.size(), 2u);
  EXPECT_NE(got.warnings[0].find("page=2"), std::string::npos) << got.warnings[0];
  EXPECT_NE(got.warnings[0].find("HTTP 404"), std::string::npos);
  // The reply's parent (9) was on no page anyone could read: said, and hung under the post.
  EXPECT_NE(got.warnings[1].find("1 reply names a parent comment"), std::string::npos)
      << got.warnings[1];
  EXPECT_EQ(got.posts[0].comments.size(), 2u);
  EXPECT_FALSE(got.posts[0].whole);  // nothing missing from it may be judged moderated
}

TEST_F(CommentGatheringTest, AnAtomFeedNamingAnUnknownParentIsReportedAndTheRestKept) {
  fetcher.answer(kAtom, "application/atom+xml",
                 "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                 "xmlns:thr=\"http://purl.org/syndication/thread/1.0\"><title>c</title>"
                 "<entry><id>https://blog.example/?p=7#comment-5</id><title>t</title>"
                 "<link href=\"" +
                     kPost +
                     "#comment-5\"/><content>an orphan</content>"
                     "<thr:in-reply-to ref=\"https://blog.example/?p=7#comment-404\"/></entry>"
                     "<entry><id>https://blog.example/?p=7#comment-6</id><title>t</title>"
                     "<link href=\"" +
                     kPost +
                     "#comment-6\"/><content>fine</content>"
                     "<thr:in-reply-to ref=\"https://blog.example/?p=7\"/></entry></feed>");
  const CommentGathering got = gather();
  EXPECT_EQ(fetcher.asked, (std::vector<std::string>{kAtom}));
  ASSERT_EQ(got.warnings.size(), 1u);
  EXPECT_NE(got.warnings[0].find("1 reply names a parent comment that none of atom holds"),
            std::string::npos)
      << got.warnings[0];
  EXPECT_EQ(got.posts[0].comments.size(), 2u);
}

TEST_F(CommentGatheringTest, MorePagesThanTheBoundAreNotReadAndSaySo) {
  item.api_root = kApi;
  options.max_pages = 1;
  fetcher.answer(kRss, "application/rss+xml", rss_with(""));
  fetcher.answer(api_url(1), "application/json", "[" + api_item(3, 0, "cy", "third") + "]",
                 {{"X-WP-TotalPages", "40"}});
  const CommentGathering got = gather();
  EXPECT_FALSE(std::count(fetcher.asked.begin(), fetcher.asked.end(), api_url(2)));
  ASSERT_EQ(got.warnings.size(), 1u);
  EXPECT_NE(got.warnings[0].find("max_comment_pages"), std::string::npos);
  EXPECT_FALSE(got.posts[0].whole);
}

TEST_F(CommentGatheringTest, AnUnchangedCommentFeedCostsOneRequest) {
  item.api_root = kApi;
  fetcher.answer(kAtom, "application/atom+xml",
                 "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>c</title></feed>");
  fetcher.answers[kAtom].not_modified = true;
  const CommentGathering got = gather();
  EXPECT_EQ(fetcher.asked, (std::vector<std::string>{kAtom}));
  EXPECT_TRUE(got.posts[0].unchanged);
}

TEST_F(CommentGatheringTest, ABloggerFeedIsFollowedPageByPageUpToTheBound) {
  item.platform = BlogPlatform::blogger;
  const std::string first = "https://moons.blogspot.com/feeds/1/comments/default";
  const std::string second = first + "?start-index=2&max-results=1";
  post.comments_feed = first;
  auto page = [](const std::string& id, const std::string& next) {
    return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>c</title>" +
           (next.empty() ? std::string()
                         : "<link rel=\"next\" href=\"" + escaped_amp(next) + "\"/>") +
           "<entry><id>tag:blogger.com,1999:blog-5.post-" + id + "</id><title>t</title>" +
           "<content>c" + id + "</content></entry></feed>";
  };
  fetcher.answer(first, "application/atom+xml", page("1", second));
  fetcher.answer(second, "application/atom+xml", page("2", first));  // a loop ends it
  const CommentGathering got = gather();
  EXPECT_EQ(got.posts[0].comments.size(), 2u);
  EXPECT_EQ(fetcher.asked, (std::vector<std::string>{first, second}));
  EXPECT_TRUE(got.warnings.empty()) << got.warnings.front();
}

TEST_F(CommentGatheringTest, APostWithoutAFeedIsReadFromItsPage) {
  post.comments_feed.clear();
  item.platform = BlogPlatform::unknown;
  fetcher.answer(kPost, "text/html",
                 "<html><body><article class=\"h-entry\"><div class=\"e-content\">x</div>"
                 "<div class=\"p-comment h-cite\"><span class=\"p-author h-card\">"
                 "<span class=\"p-name\">Ann</span></span><a class=\"u-url\" href=\"" +
                     kPost +
                     "#c1\">1</a><div class=\"e-content\">Hi there</div></div>"
                     "</article></body></html>");
  const CommentGathering got = gather();
  EXPECT_EQ(fetcher.asked, (std::vector<std::string>{kPost}));
  ASSERT_EQ(got.posts[0].comments.size(), 1u);
  EXPECT_EQ(got.posts[0].comments[0].authors[0].name, "Ann");
  EXPECT_EQ(got.posts[0].formats, (std::vector<std::string>{"page"}));
}

TEST_F(CommentGatheringTest, ADiscoveredBlogsUrlsFollowTheCrawlRules) {
  CrawlSection crawl;
  crawl.deny = {"blog.example"};
  options.crawl = &crawl;
  item.discovered = true;
  const CommentGathering got = gather();
  EXPECT_TRUE(fetcher.asked.empty());
  EXPECT_FALSE(got.posts[0].read);
}

}  // namespace
}  // namespace confab
