#include "render/content_pages.h"

#include <algorithm>
#include <tuple>

#include "base/identifiers.h"
#include "render/front_matter.h"

namespace confab {
namespace {

constexpr std::string_view kMarkdownExtension = ".md";
constexpr std::string_view kIntroName = "_index";

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

/// "getting-started" -> "Getting started": a readable title for a page that gives none.
std::string title_from_name(const std::string& name) {
  std::string title;
  for (const char c : name) title += (c == '-' || c == '_') ? ' ' : c;
  if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') {
    title[0] = static_cast<char>(title[0] - 'a' + 'A');
  }
  return title;
}

/// "guides/Set Up.md" -> "guides/set-up/"; "guides/_index.md" -> "guides/".
std::string page_directory(const std::vector<std::string>& segments, const std::string& stem,
                           const std::string& source_path) {
  std::string directory;
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    const std::string slug = slugify(segments[i]);
    if (slug.empty()) throw RenderError(source_path + ": the folder name makes no URL");
    directory += slug + "/";
  }
  if (stem != kIntroName) {
    const std::string slug = slugify(stem);
    if (slug.empty()) throw RenderError(source_path + ": the file name makes no URL");
    directory += slug + "/";
  }
  return directory;
}

}  // namespace

void check_relative_path(const std::string& path, const std::string& what) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos) {
    throw RenderError(what + " '" + path + "': not a relative path inside its folder");
  }
  for (const std::string& segment : split_path(path)) {
    if (segment.empty() || segment == "." || segment == "..") {
      throw RenderError(what + " '" + path + "': not a relative path inside its folder");
    }
  }
}

SiteContent read_site_content(const std::vector<ContentFile>& files, bool include_drafts) {
  SiteContent content;
  for (const ContentFile& file : files) {
    check_relative_path(file.path, "content file");
    if (!file.path.ends_with(kMarkdownExtension)) {
      content.assets.push_back({file.path, file.text});
      continue;
    }
    const std::vector<std::string> segments = split_path(file.path);
    const std::string& name = segments.back();
    const std::string stem = name.substr(0, name.size() - kMarkdownExtension.size());
    const ContentDocument document = read_content_document(file.text, file.path);
    if (document.front_matter.draft && !include_drafts) continue;
    std::string html;
    try {
      html = markdown_to_html(document.body);
    } catch (const RenderError& error) {
      throw RenderError(file.path + ": " + error.what());
    }
    if (segments.size() == 1 && stem == kIntroName) {
      content.intro_html = std::move(html);
      continue;
    }
    ContentPage page;
    page.source_path = file.path;
    page.directory = page_directory(segments, stem, file.path);
    page.title = document.front_matter.title.empty()
                     ? title_from_name(stem == kIntroName ? segments[segments.size() - 2] : stem)
                     : document.front_matter.title;
    page.date = document.front_matter.date;
    page.weight = document.front_matter.weight;
    page.html = std::move(html);
    content.pages.push_back(std::move(page));
  }
  std::sort(content.pages.begin(), content.pages.end(),
            [](const ContentPage& a, const ContentPage& b) {
              return std::tie(a.weight, a.title, a.source_path) <
                     std::tie(b.weight, b.title, b.source_path);
            });
  return content;
}

}  // namespace confab
