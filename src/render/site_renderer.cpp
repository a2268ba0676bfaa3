// render_site: the render stage's driver. It knows which files a site has; the views, the
// templates and the sanitizer know how each is made.
#include <functional>
#include <future>
#include <set>

#include "render/content_pages.h"
#include "render/feeds.h"
#include "render/i18n.h"
#include "render/render.h"
#include "render/site_model.h"
#include "render/site_view.h"
#include "render/template_engine.h"

namespace confab {
namespace {

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

/// A rendered page: its folder ("" for the root) and its HTML.
struct Page {
  std::string directory;
  std::string html;
};

/// Renders one page, naming it on failure.
Page render_page(const TemplateEngine& engine, const std::string& template_name,
                 const std::string& directory, const nlohmann::json& view) {
  try {
    return {directory, engine.render(template_name, view)};
  } catch (const RenderError& error) {
    throw RenderError((directory.empty() ? std::string("index.html") : directory) + ": " +
                      error.what());
  }
}

/// Adds a page at its directory + "index.html", and to the sitemap when it is `listed`.
void add_page(OutputSet& outputs, Page page, std::vector<std::string>& sitemap,
              bool listed = true) {
  outputs.add(page.directory + "index.html", std::move(page.html), "page");
  if (listed) sitemap.push_back(std::move(page.directory));
}

/// people/ and every person's page, with an engine of their own so they can be rendered on
/// another thread.
std::vector<Page> people_pages(const Templates& templates, const nlohmann::json& globals,
                               const SiteModel& model, const SiteViews& views) {
  const TemplateEngine engine(templates, globals);
  std::vector<Page> pages;
  pages.push_back(render_page(engine, "people.html", "people/", views.people_page()));
  for (const Person* person : model.people_by_activity()) {
    const std::string directory = model.person_path(person->id);
    pages.push_back(render_page(engine, "person.html", directory, views.person_page(*person)));
  }
  return pages;
}

FeedSite feed_site(const RenderInput& input) {
  FeedSite site;
  site.title = input.site_title.empty() ? input.conversation->campaign_title : input.site_title;
  site.base_url = input.base_url;
  if (!site.base_url.empty() && !site.base_url.ends_with('/')) site.base_url += '/';
  site.language = input.language.empty() ? "en" : input.language;
  return site;
}

}  // namespace

std::vector<OutputFile> render_site(const RenderInput& input) {
  if (input.conversation == nullptr) throw RenderError("render: no conversation to render");
  const Strings strings = Strings::load(input.theme, input.language);
  const nlohmann::json globals = {{"t", strings.text_table()}};
  const TemplateEngine templates(input.theme.templates, globals);
  const SiteContent content = read_site_content(input.content, input.include_drafts);
  const SiteModel model(*input.conversation);
  SiteViews views(input, content, model, strings, templates);

  // The people pages go to a second core meanwhile: they share nothing the hub and thread
  // pages change. Their order in the output stays as if rendered here.
  auto people = std::async(std::launch::async, people_pages, std::cref(input.theme.templates),
                           std::cref(globals), std::cref(model), std::cref(views));
  // conversation.json reads only the conversation: it goes to the second core too, which
  // leaves the two cores about evenly loaded.
  auto data_file = std::async(std::launch::async,
                              [&input] { return conversation_to_json(*input.conversation); });
  OutputSet outputs;
  std::vector<std::string> sitemap;
  try {
    for (const HubPage& page : views.hub_pages()) {
      add_page(outputs, render_page(templates, "index.html", page.directory, page.view), sitemap);
    }
    const auto& threads = model.display().threads;
    for (std::size_t i = 0; i < threads.size(); ++i) {
      const std::string directory = model.thread_path(*threads[i].root.node);
      add_page(outputs, render_page(templates, "thread.html", directory, views.thread_page(i)),
               sitemap);
    }
  } catch (...) {
    people.wait();  // it reads the views and the model: let it finish before they go
    data_file.wait();
    throw;
  }
  for (Page& page : people.get()) add_page(outputs, std::move(page), sitemap);
  add_page(outputs, render_page(templates, "sources.html", "sources/", views.sources_page()),
           sitemap);
  add_page(outputs, render_page(templates, "spam.html", "spam/", views.spam_page()), sitemap,
           false);
  for (const ContentPage& page : content.pages) {
    try {
      add_page(outputs,
               render_page(templates, "page.html", page.directory, views.content_page(page)),
               sitemap);
    } catch (const RenderError& error) {
      throw RenderError(page.source_path + ": " + error.what());
    }
  }

  const FeedSite site = feed_site(input);
  outputs.add("conversation.json", data_file.get(), "data file");
  outputs.add("feed.xml", atom_feed(model, site, strings), "feed");
  outputs.add("feed.json", json_feed(model, site, strings), "feed");
  outputs.add("sources.opml", sources_opml(model, site), "feed");
  const std::string map = sitemap_xml(site, sitemap);
  if (!map.empty()) outputs.add("sitemap.xml", map, "sitemap");
  outputs.add("robots.txt", robots_txt(site), "robots.txt");
  for (const auto& [path, bytes] : input.theme.static_files) {
    outputs.add(path, bytes, "theme static file");
  }
  for (const OutputFile& asset : content.assets) {
    outputs.add(asset.path, asset.bytes, "content file");
  }
  return outputs.take();
}

}  // namespace confab
