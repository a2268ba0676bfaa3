// Render benchmark (issue 6): a synthetic conversation of 10,000 threads and 100,000 comments
// through render_site with the default theme, then written through StagedOutput (as
// `confab build` does) to a temporary folder or --out DIR. Prints the figures; asserts nothing
// (BENCHMARKS.md records them).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "base/allocator.h"
#include "build/staged_output.h"
#include "render/render.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

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

confab::Conversation synthetic(int threads, int comments_per_thread, int blogs) {
  using namespace confab;
  Conversation conversation;
  conversation.generated = 1230000000;
  conversation.campaign_title = "Benchmark campaign";
  for (int b = 0; b < blogs; ++b) {
    const std::string id = "blog" + std::to_string(b);
    conversation.sources.push_back({id, "Blog " + std::to_string(b), "https://" + id + ".example/",
                                    "https://" + id + ".example/feed/", SourceKind::blog,
                                    SourceStatus::ok, "", 1230000000, "", ""});
  }
  const int people = threads * 2;
  for (int p = 0; p < people; ++p) {
    Person person;
    person.id = "p" + std::to_string(p);
    person.name = "Person " + std::to_string(p);
    conversation.people.push_back(person);
  }
  for (int t = 0; t < threads; ++t) {
    const std::string blog = "blog" + std::to_string(t % blogs);
    Node root;
    root.id = blog + "/post" + std::to_string(t);
    root.kind = NodeKind::post;
    root.source = blog;
    root.thread = root.id;
    root.url = "https://" + blog + ".example/post/" + std::to_string(t);
    root.title = "Post number " + std::to_string(t) + " about the campaign";
    root.author = "p" + std::to_string(t % people);
    root.author_name = "Person " + std::to_string(t % people);
    root.published = 1200000000 + static_cast<UnixTime>(t) * 600;
    root.content_html =
        "<p>A post about the <a href=\"/film\">film</a>, with <em>some</em> "
        "thoughts on advertising and what it could be.</p><p>More text.</p>";
    conversation.nodes.push_back(root);
    std::string parent = root.id;
    for (int c = 0; c < comments_per_thread; ++c) {
      Node comment;
      comment.id = root.id + "/c" + std::to_string(c);
      comment.kind = NodeKind::comment;
      comment.source = blog;
      comment.thread = root.id;
      comment.parent = c % 3 == 2 ? parent : root.id;  // some nesting
      comment.url = root.url + "#comment-" + std::to_string(c);
      comment.author = "p" + std::to_string((t * 7 + c) % people);
      comment.author_name = "Person " + std::to_string((t * 7 + c) % people);
      comment.published = *root.published + 60 * (c + 1);
      // Four kinds of comment, each with its own words: half are simple enough for the
      // sanitizer's fast path, half (a link, a quote) go through the HTML parser.
      const std::string n = std::to_string(t * comments_per_thread + c);
      switch (c % 4) {
        case 0:
          comment.content_html = "<p>I agree with this (" + n +
                                 "), and <strong>here is why</strong>: it talks to people.</p>";
          break;
        case 1:
          comment.content_html = "<p>Great film &mdash; my kids loved it. Comment " + n +
                                 ".</p>\n<p>Thanks for sharing!</p>";
          break;
        case 2:
          comment.content_html = "<p>See also <a href=\"https://example.org/post/" + n +
                                 "\">my post</a> about the ad.</p>";
          break;
        default:
          comment.content_html = "<blockquote>What could advertising be?</blockquote>\n<p>Reply " +
                                 n + ": more than a slogan.<br />\nMuch more.</p>";
      }
      conversation.nodes.push_back(comment);
      parent = comment.id;
    }
    conversation.threads.push_back(
        {root.id, comments_per_thread + 1, {blog}, *root.published + 60 * comments_per_thread});
  }
  std::reverse(conversation.threads.begin(), conversation.threads.end());
  // What the thread stage works out for each person (their pages show it): how much they wrote,
  // on which blogs, and their reach (here from the blogs alone).
  for (const Node& node : conversation.nodes) {
    Person& person = conversation.people[std::stoul(node.author.substr(1))];
    (node.kind == NodeKind::post ? person.posts : person.comments) += 1;
    if (std::find(person.blogs.begin(), person.blogs.end(), node.source) == person.blogs.end()) {
      person.blogs.push_back(node.source);
    }
  }
  for (Person& person : conversation.people) {
    std::sort(person.blogs.begin(), person.blogs.end());
    person.influence = 2 * static_cast<int>(person.blogs.size());
  }
  return conversation;
}

}  // namespace

int main(int argc, char** argv) {
  confab::use_large_pages();
  // --out DIR: write the site there instead of a temporary folder (e.g. /dev/shm to time confab
  // rather than the disk). --keep: leave it there afterwards (to compare two builds' output);
  // "--keep DIR" is short for "--out DIR --keep". --write-first: time rendering while writing
  // first, in a process that has rendered nothing yet (as `confab build` runs), then rendering
  // alone.
  fs::path out = fs::temp_directory_path() / "confab-render-bench";
  bool keep = false;
  bool write_first = false;
  std::size_t workers = 0;  // --workers N: render with N threads (default: one per core)
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc && argv[i + 1][0] != '-';
    if (arg == "--out" && has_value) {
      out = argv[++i];
    } else if (arg == "--workers" && has_value) {
      workers = std::stoul(argv[++i]);
    } else if (arg == "--keep") {
      keep = true;
      if (has_value) out = argv[++i];
    } else if (arg == "--write-first") {
      write_first = true;
    } else {
      std::fprintf(stderr, "usage: %s [--out DIR] [--keep] [--workers N] [--write-first]\n",
                   argv[0]);
      return 2;
    }
  }
  const confab::Conversation conversation = synthetic(10000, 10, 50);
  const fs::path theme_dir = fs::path(CONFAB_SOURCE_DIR) / "themes" / "default";
  confab::RenderInput input;
  input.site_title = "Benchmark hub";
  input.base_url = "https://hub.example/";
  input.language = "en";
  input.conversation = &conversation;
  input.workers = workers;
  input.theme.templates = read_folder(theme_dir / "templates");
  input.theme.static_files = read_folder(theme_dir / "static");
  for (auto& [name, text] : read_folder(theme_dir / "i18n")) {
    input.theme.i18n[name.substr(0, name.find('.'))] = text;
  }

  auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("render_site: %zu nodes, %zu threads, %zu people, %u cores, %zu workers\n",
              conversation.nodes.size(), conversation.threads.size(), conversation.people.size(),
              std::thread::hardware_concurrency(),
              workers ? workers : std::size_t{std::thread::hardware_concurrency()});

  // Rendering alone: the files are counted and dropped.
  std::mutex lock;
  std::size_t files = 0, bytes = 0, hub_pages = 0, largest_hub = 0;
  const auto render_alone = [&] {
    files = bytes = hub_pages = largest_hub = 0;
    const auto start = Clock::now();
    confab::render_site(input, [&](confab::OutputFile file) {
      const std::lock_guard<std::mutex> hold(lock);
      ++files;
      bytes += file.bytes.size();
      if (file.path == "index.html" || file.path.starts_with("page/")) {
        ++hub_pages;
        largest_hub = std::max(largest_hub, file.bytes.size());
      }
    });
    return seconds(start, Clock::now());
  };
  // What `confab build` does: each file written into the output's tree being updated as it is
  // rendered (the largest in pieces), then the link turned to it. For a fresh site a previous run's
  // trees are removed untimed; a rebuild fills the second tree, linking every file from the first.
  const auto render_and_write_out = [&](bool fresh) {
    if (fresh) {
      fs::remove_all(out);
      fs::remove_all(confab::output_trees_of(out));
    }
    const auto start = Clock::now();
    confab::StagedOutput staged(out);
    // The largest files in pieces, as the build writes them.
    input.open_stream = [&staged](const std::string& path,
                                  const std::optional<confab::ContentHash>& inputs) {
      return staged.open_stream(path, inputs);
    };
    confab::render_site(input, [&staged](confab::OutputFile file) { staged.write(file); });
    input.open_stream = nullptr;
    staged.commit();
    return seconds(start, Clock::now());
  };
  double render_only = 0, render_and_write = 0, rebuild = 0;
  try {
    if (write_first) render_and_write = render_and_write_out(true);
    render_only = render_alone();
    if (!write_first) render_and_write = render_and_write_out(true);
    rebuild = render_and_write_out(false);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "render_bench: %s\n", error.what());
    return 1;
  }
  if (!keep) {
    fs::remove_all(out);
    fs::remove_all(confab::output_trees_of(out));
  }

  std::printf("  -> %zu files, %.1f MB, into %s\n", files, bytes / 1e6, out.c_str());
  std::printf("  render %.2f s; render + write %.2f s (target <= 2 s); rebuild %.2f s\n",
              render_only, render_and_write, rebuild);
  std::printf("  hub pages %zu, largest %.0f KB (limit 300 KB)\n", hub_pages, largest_hub / 1024.0);
  return 0;
}
