// The site owner's content/ folder as the site will show it: the hub's intro and its pages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "render/render.h"

namespace confab {

/// A published content page: content/about.md becomes about/index.html, linked as "about/".
struct ContentPage {
  std::string source_path;  ///< as given, e.g. "guides/setup.md"
  std::string directory;    ///< output folder with trailing '/', e.g. "guides/setup/"
  std::string title;        ///< front matter title, else made from the file name
  std::optional<UnixTime> date;
  double weight = 0;
  std::string html;  ///< rendered Markdown body (trusted: the site's own text)
};

struct SiteContent {
  std::string intro_html;          ///< content/_index.md rendered, "" when there is none
  std::vector<ContentPage> pages;  ///< published pages in menu order: weight, then title
  std::vector<OutputFile> assets;  ///< files that are not Markdown, copied unchanged
};

/// Reads every content file: front matter, Markdown, draft filtering, menu order. A path that is
/// absolute or climbs out with ".." throws RenderError naming it, as does bad front matter.
/// With `include_drafts`, pages marked draft = true are published too.
SiteContent read_site_content(const std::vector<ContentFile>& files, bool include_drafts = false);

/// Throws RenderError unless `path` is relative, free of "." and ".." segments and backslashes:
/// output paths must stay inside the output directory.
void check_relative_path(const std::string& path, const std::string& what);

}  // namespace confab
