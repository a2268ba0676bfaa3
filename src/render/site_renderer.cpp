// render_site: the render stage's driver. It knows which files a site has; the views, the
// templates and the sanitizer know how each is made.
#include <functional>
#include <memory>
#include <set>

#include "base/parallel_for.h"
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

/// Renders one page over the keys its depth shares, naming it on failure.
Page render_page(const TemplateEngine& engine, const SiteViews& views,
                 const std::string& template_name, const std::string& directory,
                 const nlohmann::json& view) {
  try {
    return {directory, engine.render(template_name, {&views.page_frame(directory)}, view)};
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
  const SiteContent content = read_site_content(input.content, input.include_drafts);
  const std::size_t workers = input.workers ? input.workers : default_worker_count();
  const SiteModel model(*input.conversation, workers);
  SiteViews views(input, content, model, strings);

  // Every page is rendered on its own, so the work spreads over the cores: each worker renders
  // with an engine of its own (the template library keeps state while it renders), and every
  // result goes to a slot fixed in advance, so the output does not depend on who finished first.
  std::vector<std::unique_ptr<TemplateEngine>> engines;
  for (std::size_t i = 0; i < workers; ++i) {
    engines.push_back(std::make_unique<TemplateEngine>(input.theme.templates, globals));
  }
  const auto& threads = model.display().threads;
  std::vector<Page> thread_pages(threads.size());
  parallel_for(threads.size(), workers, [&](std::size_t worker, std::size_t index) {
    views.prepare_thread(index, *engines[worker]);
    thread_pages[index] =
        render_page(*engines[worker], views, "thread.html",
                    model.thread_path(*threads[index].root.node), views.thread_page(index));
  });

  // Round two: the hub, the people, the other pages and the data files, in output order.
  const std::vector<const Person*>& people = model.people_by_activity();
  const std::size_t hub_count = views.hub_page_count();
  std::vector<Page> hub_pages(hub_count), person_pages(people.size());
  Page people_page, sources_page, spam_page;
  std::vector<Page> content_pages(content.pages.size());
  std::string data_file, atom, json, opml;
  const FeedSite site = feed_site(input);
  std::vector<std::function<void(const TemplateEngine&)>> singles = {
      [&](const TemplateEngine&) { data_file = conversation_to_json(*input.conversation); },
      [&](const TemplateEngine&) { atom = atom_feed(model, site, strings); },
      [&](const TemplateEngine&) { json = json_feed(model, site, strings); },
      [&](const TemplateEngine&) { opml = sources_opml(model, site); },
      [&](const TemplateEngine& engine) {
        people_page = render_page(engine, views, "people.html", "people/", views.people_page());
      },
      [&](const TemplateEngine& engine) {
        sources_page = render_page(engine, views, "sources.html", "sources/", views.sources_page());
      },
      [&](const TemplateEngine& engine) {
        spam_page = render_page(engine, views, "spam.html", "spam/", views.spam_page());
      }};
  for (std::size_t i = 0; i < content.pages.size(); ++i) {
    singles.push_back([&, i](const TemplateEngine& engine) {
      const ContentPage& page = content.pages[i];
      try {
        content_pages[i] =
            render_page(engine, views, "page.html", page.directory, views.content_page(page));
      } catch (const RenderError& error) {
        throw RenderError(page.source_path + ": " + error.what());
      }
    });
  }
  // The big single jobs go first so that the many small pages fill in around them.
  const std::size_t total = singles.size() + hub_count + people.size();
  parallel_for(total, workers, [&](std::size_t worker, std::size_t index) {
    const TemplateEngine& engine = *engines[worker];
    if (index < singles.size()) return singles[index](engine);
    index -= singles.size();
    if (index < hub_count) {
      const std::size_t number = index + 1;
      hub_pages[index] = render_page(engine, views, "index.html", views.hub_directory(number),
                                     views.hub_page(number));
      return;
    }
    index -= hub_count;
    const Person& person = *people[index];
    person_pages[index] = render_page(engine, views, "person.html", model.person_path(person.id),
                                      views.person_page(person, engine));
  });

  OutputSet outputs;
  std::vector<std::string> sitemap;
  for (Page& page : hub_pages) add_page(outputs, std::move(page), sitemap);
  for (Page& page : thread_pages) add_page(outputs, std::move(page), sitemap);
  add_page(outputs, std::move(people_page), sitemap);
  for (Page& page : person_pages) add_page(outputs, std::move(page), sitemap);
  add_page(outputs, std::move(sources_page), sitemap);
  add_page(outputs, std::move(spam_page), sitemap, false);
  for (Page& page : content_pages) add_page(outputs, std::move(page), sitemap);

  outputs.add("conversation.json", std::move(data_file), "data file");
  outputs.add("feed.xml", std::move(atom), "feed");
  outputs.add("feed.json", std::move(json), "feed");
  outputs.add("sources.opml", std::move(opml), "feed");
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
