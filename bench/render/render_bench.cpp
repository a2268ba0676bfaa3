// Render benchmark (issue 6): a synthetic conversation of 10,000 threads and 100,000 comments
// through render_site with the default theme, then written to a temporary folder. Prints the
// figures; asserts nothing (BENCHMARKS.md records them).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

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
      comment.content_html =
          "<p>I agree with this, and <strong>here is why</strong>: it "
          "talks to people.</p>";
      conversation.nodes.push_back(comment);
      parent = comment.id;
    }
    conversation.threads.push_back(
        {root.id, comments_per_thread + 1, {blog}, *root.published + 60 * comments_per_thread});
  }
  std::reverse(conversation.threads.begin(), conversation.threads.end());
  return conversation;
}

}  // namespace

int main(int argc, char** argv) {
  // --keep DIR: write the site into DIR and leave it there (to compare two builds' output).
  const std::string keep = argc == 3 && std::string(argv[1]) == "--keep" ? argv[2] : "";
  const confab::Conversation conversation = synthetic(10000, 10, 50);
  const fs::path theme_dir = fs::path(CONFAB_SOURCE_DIR) / "themes" / "default";
  confab::RenderInput input;
  input.site_title = "Benchmark hub";
  input.base_url = "https://hub.example/";
  input.language = "en";
  input.conversation = &conversation;
  input.theme.templates = read_folder(theme_dir / "templates");
  input.theme.static_files = read_folder(theme_dir / "static");
  for (auto& [name, text] : read_folder(theme_dir / "i18n")) {
    input.theme.i18n[name.substr(0, name.find('.'))] = text;
  }

  const auto start = Clock::now();
  const auto files = confab::render_site(input);
  const auto rendered = Clock::now();
  const fs::path out =
      keep.empty() ? fs::temp_directory_path() / "confab-render-bench" : fs::path(keep);
  fs::remove_all(out);
  std::size_t bytes = 0, hub_pages = 0, largest_hub = 0;
  for (const auto& file : files) {
    const fs::path path = out / file.path;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary)
        .write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
    bytes += file.bytes.size();
    if (file.path == "index.html" || file.path.starts_with("page/")) {
      ++hub_pages;
      largest_hub = std::max(largest_hub, file.bytes.size());
    }
  }
  const auto written = Clock::now();
  if (keep.empty()) fs::remove_all(out);
  auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("render_site: %zu nodes, %zu threads -> %zu files, %.1f MB\n",
              conversation.nodes.size(), conversation.threads.size(), files.size(), bytes / 1e6);
  std::printf("  render %.2f s, write %.2f s, total %.2f s\n", seconds(start, rendered),
              seconds(rendered, written), seconds(start, written));
  std::printf("  hub pages %zu, largest %.0f KB (limit 300 KB)\n", hub_pages, largest_hub / 1024.0);
  return 0;
}
