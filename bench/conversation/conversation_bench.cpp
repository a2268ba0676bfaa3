// conversation_bench [--posts N] [--comments N] [--rounds N]: threads a generated archive (default
// 10,000 posts on 100 blogs and 100,000 comments) and prints how long build_conversation takes.
// Figures go to BENCHMARKS.md. It prints; it asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "conversation/build_conversation.h"

namespace {

using namespace confab;

constexpr int kBlogs = 100;
constexpr UnixTime kStart = 1225238400;  // 2008-10-29

const char* kCommentTexts[] = {
    "<p>I showed the film to my team and we talked about our own clients for an hour.</p>",
    "<p>Could you share the long version of the video? I would like to use it in class.</p>",
    "<p>Not convinced: a film about advertising is still advertising. What changes next?</p>",
    "<p>Great post, thanks for sharing! It reminds me of my old room mate. Bookmarked.</p>",
    "<p>We tried something similar in Ghent; the <a href=\"http://ghent.example/\">write-up</a> "
    "is here.</p>",
    "<p>Merci pour l'article, la vid&eacute;o circule beaucoup chez nous aussi.</p>",
    "<p>Nice blog! <a href=\"http://shop.example/\">cheap replica watches</a></p>",
    "<p>Thanks, I will forward this to the agency people I work with.</p>",
};

std::string blog_url(int blog) {
  return "https://blog" + std::to_string(blog) + ".example/";
}

std::vector<SourceHarvest> generate(int posts, int comments) {
  std::vector<SourceHarvest> harvests(kBlogs);
  for (int b = 0; b < kBlogs; ++b) {
    harvests[b].report.id = "blog" + std::to_string(b);
    harvests[b].report.name = "Blog " + std::to_string(b);
    harvests[b].report.url = blog_url(b);
    harvests[b].report.role = b == 0 ? SourceKind::campaign : SourceKind::blog;
  }
  std::vector<std::string> links;  // every post's URL, in publishing order
  unsigned seed = 12345;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) & 0xFFFFFF;
  };
  for (int p = 0; p < posts; ++p) {
    const int blog = p % kBlogs;
    Entry post;
    post.link = blog_url(blog) + "2008/11/post-" + std::to_string(p) + ".html";
    post.id = post.link;
    post.title = "Post " + std::to_string(p) + " about the film";
    post.published = kStart + p * 60;
    post.authors = {{"Writer " + std::to_string(blog), "", blog_url(blog)}};
    std::string html = "<p>Thoughts on the campaign, day " + std::to_string(p) + ".</p>";
    // Most posts link to the campaign or to two earlier posts: the conversation spreads.
    if (p % 5 == 0) html += "<p><a href=\"https://video.example/love\">the film</a></p>";
    for (int k = 0; k < 2 && !links.empty(); ++k) {
      html += "<p>via <a href=\"" + links[next() % links.size()] + "\">a friend</a></p>";
    }
    if (p % 7 == 0)
      html += "<p><a href=\"https://elsewhere" + std::to_string(p) +
              ".example/2008/11/reply.html\">elsewhere</a></p>";
    post.content = html;
    links.push_back(post.link);
    harvests[blog].posts.push_back(std::move(post));
  }
  const int per_post = posts == 0 ? 0 : comments / posts;
  for (auto& harvest : harvests) {
    for (const auto& post : harvest.posts) {
      auto& list = harvest.comments[post.id];
      for (int c = 0; c < per_post; ++c) {
        Entry comment;
        comment.link = post.link + "#comment-" + std::to_string(c + 1);
        comment.id = comment.link;
        comment.published = *post.published + 600 + c * 60;
        const int who = static_cast<int>(next() % 500);
        comment.authors = {{"Reader " + std::to_string(who), "",
                            who % 3 ? "https://reader" + std::to_string(who) + ".example/" : ""}};
        if (c % 4 == 3) comment.authors = {{"General Pattern", "", "https://gp.example/"}};
        comment.content = kCommentTexts[next() % std::size(kCommentTexts)];
        // Every other comment replies to an earlier one of the same post.
        const std::string parent = c > 0 && c % 2 ? list[next() % list.size()].id : post.id;
        comment.in_reply_to = {{parent, parent == post.id ? post.link : parent}};
        list.push_back(std::move(comment));
      }
    }
  }
  return harvests;
}

}  // namespace

int main(int argc, char** argv) {
  int posts = 10000, comments = 100000, rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (key == "--posts")
      posts = value;
    else if (key == "--comments")
      comments = value;
    else if (key == "--rounds")
      rounds = value;
    else {
      std::fprintf(stderr, "usage: conversation_bench [--posts N] [--comments N] [--rounds N]\n");
      return 2;
    }
  }
  const auto harvests = generate(posts, comments);
  SiteConfig config;
  config.site.title = "bench";
  config.campaign.links = {"https://video.example/love"};
  config.campaign.keywords = {"bring the love back"};
  config.campaign.team = {{"General Pattern", "https://gp.example/"}};

  std::printf("== conversation_bench: %d posts on %d blogs, %d comments\n", posts, kBlogs,
              posts == 0 ? 0 : comments / posts * posts);
  double best = 1e9, best_cpu = 1e9;
  Conversation conversation;
  for (int round = 0; round < rounds; ++round) {
    conversation = Conversation();  // freeing the previous round is not threading
    // CPU time beside wall time: on a shared machine the wall clock also measures the others.
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    conversation = build_conversation(config, harvests, kStart);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    best = std::min(best, seconds);
    best_cpu = std::min(best_cpu, cpu);
    std::printf("build_conversation round %d: %.3f s wall, %.3f s CPU\n", round + 1, seconds, cpu);
  }
  const auto start = std::chrono::steady_clock::now();
  const auto targets = crawl_targets(config, harvests);
  const double crawl_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::size_t spam = 0;
  for (const auto& node : conversation.nodes) spam += node.spam.has_value();
  std::printf(
      "best build_conversation: %.3f s wall, %.3f s CPU (%zu nodes, %zu threads, %zu people, %zu "
      "spam, "
      "%zu awaiting reply)\n",
      best, best_cpu, conversation.nodes.size(), conversation.threads.size(),
      conversation.people.size(), spam, conversation.awaiting_reply.size());
  std::printf("crawl_targets: %.3f s (%zu targets)\n", crawl_seconds, targets.size());
  return 0;
}
