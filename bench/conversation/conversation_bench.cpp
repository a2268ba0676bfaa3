// conversation_bench [--posts N] [--comments N] [--rounds N]: threads a generated archive (default
// 10,000 posts on 100 blogs and 100,000 comments) and prints how long build_conversation takes.
// conversation_bench --sweep [--rounds N]: the same at 10k, 100k and 1M comments, with the growth
// of each piece per 10x (issue 19: near-linear growth).
// Figures go to BENCHMARKS.md. It prints; it asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "base/allocator.h"
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

SiteConfig bench_config() {
  SiteConfig config;
  config.site.title = "bench";
  config.campaign.links = {"https://video.example/love"};
  config.campaign.keywords = {"bring the love back"};
  config.campaign.team = {{"General Pattern", "https://gp.example/"}};
  return config;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Best-of-`rounds` wall times of the conversation stage's pieces at one size.
struct Figures {
  double thread = 1e9, thread_cpu = 1e9, select = 1e9, crawl = 1e9;
};

Figures measure(int posts, int comments, int rounds, bool verbose) {
  const auto harvests = generate(posts, comments);
  const SiteConfig config = bench_config();
  Figures best;
  Conversation conversation;
  for (int round = 0; round < rounds; ++round) {
    conversation = Conversation();  // freeing the previous round is not threading
    // CPU time beside wall time: on a shared machine the wall clock also measures the others.
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    conversation = build_conversation(config, harvests, kStart);
    const double seconds = seconds_since(start);
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    best.thread = std::min(best.thread, seconds);
    best.thread_cpu = std::min(best.thread_cpu, cpu);
    if (verbose) {
      std::printf("build_conversation round %d: %.3f s wall, %.3f s CPU\n", round + 1, seconds,
                  cpu);
    }
  }
  std::size_t targets = 0, selected = 0;
  for (int round = 0; round < rounds; ++round) {
    auto start = std::chrono::steady_clock::now();
    selected = select_conversation_posts(config.campaign, harvests).size();
    best.select = std::min(best.select, seconds_since(start));
    start = std::chrono::steady_clock::now();
    targets = crawl_targets(config, harvests).size();
    best.crawl = std::min(best.crawl, seconds_since(start));
  }
  if (verbose) {
    std::size_t spam = 0;
    for (const auto& node : conversation.nodes) spam += node.spam.has_value();
    std::printf(
        "best build_conversation: %.3f s wall, %.3f s CPU (%zu nodes, %zu threads, %zu people, "
        "%zu spam, %zu awaiting reply)\n",
        best.thread, best.thread_cpu, conversation.nodes.size(), conversation.threads.size(),
        conversation.people.size(), spam, conversation.awaiting_reply.size());
    std::printf("select_conversation_posts: %.3f s (%zu posts)\n", best.select, selected);
    std::printf("crawl_targets: %.3f s (%zu targets)\n", best.crawl, targets);
  }
  return best;
}

// 10k, 100k and 1M comments (ten per post), each stage's best time and its growth per 10x:
// linear work grows 10x, n log n a little more.
int sweep(int rounds) {
  std::printf("== conversation sweep: 10 comments per post, best of %d rounds\n", rounds);
  std::printf("%10s %10s | %22s | %22s | %22s\n", "comments", "posts", "build_conversation",
              "select_conversation", "crawl_targets");
  Figures previous;
  bool first = true;
  for (const int comments : {10000, 100000, 1000000}) {
    const Figures now = measure(comments / 10, comments, rounds, false);
    auto cell = [&](double value, double before) {
      char text[64];
      if (first)
        std::snprintf(text, sizeof text, "%.3f s", value);
      else
        std::snprintf(text, sizeof text, "%.3f s (x%.1f)", value, value / before);
      return std::string(text);
    };
    std::printf("%10d %10d | %22s | %22s | %22s\n", comments, comments / 10,
                cell(now.thread, previous.thread).c_str(),
                cell(now.select, previous.select).c_str(), cell(now.crawl, previous.crawl).c_str());
    std::fflush(stdout);
    previous = now;
    first = false;
  }
  std::printf("(target: 1,000,000 comments threaded in <= 12x the 100,000 time)\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  use_large_pages();
  int posts = 10000, comments = 100000, rounds = 3;
  bool sweeping = false;
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key == "--sweep") {
      sweeping = true;
      continue;
    }
    const int value = i + 1 < argc ? std::atoi(argv[++i]) : 0;
    if (key == "--posts")
      posts = value;
    else if (key == "--comments")
      comments = value;
    else if (key == "--rounds")
      rounds = value;
    else {
      std::fprintf(stderr,
                   "usage: conversation_bench [--posts N] [--comments N] [--rounds N] "
                   "[--sweep]\n");
      return 2;
    }
  }
  if (sweeping) return sweep(rounds);
  std::printf("== conversation_bench: %d posts on %d blogs, %d comments\n", posts, kBlogs,
              posts == 0 ? 0 : comments / posts * posts);
  measure(posts, comments, rounds, true);
  return 0;
}
