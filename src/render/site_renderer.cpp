// render_site: the render stage's driver. It knows which files a site has; the views, the
// templates and the sanitizer know how each is made.
#include <set>

#include "render/content_pages.h"
#include "render/render.h"
#include "render/site_view.h"
#include "render/template_engine.h"

namespace confab {
namespace {

constexpr const char* kIndexTemplate = "index.html";
constexpr const char* kPageTemplate = "page.html";

/// Collects output files, refusing two files at one path (a static "index.html", say).
class OutputSet {
 public:
  void add(std::string path, std::string bytes, const std::string& origin) {
    check_relative_path(path, origin);
    if (!paths_.insert(path).second) {
      throw RenderError(origin + " '" + path + "' would overwrite another output file");
    }
    files_.push_back({std::move(path), std::move(bytes)});
  }

  std::vector<OutputFile> take() { return std::move(files_); }

 private:
  std::set<std::string> paths_;
  std::vector<OutputFile> files_;
};

}  // namespace

std::vector<OutputFile> render_site(const RenderInput& input) {
  if (input.conversation == nullptr) throw RenderError("render: no conversation to render");
  const Templates& templates = input.theme.templates;
  check_templates(templates);
  const SiteContent content = read_site_content(input.content);

  OutputSet outputs;
  outputs.add("index.html", render_template(templates, kIndexTemplate, index_view(input, content)),
              "page");
  outputs.add("conversation.json", conversation_to_json(*input.conversation), "data file");
  for (const ContentPage& page : content.pages) {
    std::string html;
    try {
      html = render_template(templates, kPageTemplate, page_view(input, content, page));
    } catch (const RenderError& error) {
      throw RenderError(page.source_path + ": " + error.what());
    }
    outputs.add(page.directory + "index.html", std::move(html), "content page " + page.source_path);
  }
  for (const auto& [path, bytes] : input.theme.static_files) {
    outputs.add(path, bytes, "theme static file");
  }
  for (const OutputFile& asset : content.assets) {
    outputs.add(asset.path, asset.bytes, "content file");
  }
  return outputs.take();
}

}  // namespace confab
