// render_site: the render stage's driver. It knows which files a site has; the views, the
// templates and the sanitizer know how each is made.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <type_traits>

#include "base/parallel_for.h"
#include "conversation/campaign_report.h"
#include "render/content_pages.h"
#include "render/csv_exports.h"
#include "render/desk_feeds.h"
#include "render/feeds.h"
#include "render/i18n.h"
#include "render/render.h"
#include "render/report_json.h"
#include "render/search_index.h"
#include "render/site_inputs.h"
#include "render/site_model.h"
#include "render/site_view.h"
#include "render/template_engine.h"

namespace confab {
namespace {

/// Hands output files to the sink, refusing two files at one path (a static "index.html",
/// say), and keeps the pages the memo holds. Safe to call from several threads.
class OutputSet {
 public:
  OutputSet(const OutputSink& sink, const PageMemo& memo, const OutputStreamOpener& open_stream)
      : sink_(sink), memo_(memo), open_stream_(open_stream) {}

  void add(std::string path, std::string bytes, const std::string& origin) {
    claim(path, origin);
    sink_({std::move(path), std::move(bytes)});
  }

  /// A large file, made by `make`: in pieces to a stream when the caller takes files so (`make`
  /// then returns ""), else whole to the sink.
  void add_large(std::string path, const std::string& origin,
                 const std::function<std::string(OutputStream*)>& make) {
    claim(path, origin);
    make_large(std::move(path), make, std::nullopt);
  }

  /// A data file made from nothing but the site inputs `made_from` (never the build time): kept
  /// as the output holds it when it was made from the same, else made as add_large() makes it
  /// and handed on with them.
  void add_timeless(std::string path, const std::string& origin,
                    const std::optional<ContentHash>& made_from,
                    const std::function<std::string(OutputStream*)>& make) {
    claim(path, origin);
    if (made_from && memo_.keep && memo_.keep(path, *made_from)) return;
    make_large(std::move(path), make, made_from);
  }

  /// Claims `path` for a page made from `inputs`: true when the memo kept it (then it needs no
  /// rendering, and is not handed to the sink).
  bool keep(const std::string& path, const std::optional<ContentHash>& inputs,
            const std::string& origin) {
    claim(path, origin);
    if (!inputs || !memo_.keep || !memo_.keep(path, *inputs)) return false;
    ++kept_;
    return true;
  }

  /// This render is made from `inputs` (site_inputs): when the output's pages were too,
  /// keep_as_made() takes pages as the output holds them.
  void made_from(const std::optional<ContentHash>& inputs) {
    as_made_ = inputs && memo_.site_inputs == inputs && memo_.keep_as_made;
  }

  /// Takes the page at `path` as the output holds it when this render is made from what the
  /// output's pages were (made_from): true then, and the page needs no data, no fingerprint and
  /// no rendering. For pages that never show the build time (kTimelessPageTemplates).
  bool keep_as_made(const std::string& path, const std::string& origin) {
    if (!as_made_ || !memo_.keep_as_made(path)) return false;
    claim(path, origin);
    ++kept_;
    ++kept_as_made_;
    return true;
  }

  /// A page claimed by keep() and rendered after all.
  void add_claimed(std::string path, std::string bytes, std::optional<ContentHash> inputs) {
    sink_({std::move(path), std::move(bytes), inputs});
  }

  std::size_t kept() const { return kept_; }
  std::size_t kept_as_made() const { return kept_as_made_; }
  const PageMemo& memo() const { return memo_; }

 private:
  void make_large(std::string path, const std::function<std::string(OutputStream*)>& make,
                  const std::optional<ContentHash>& inputs) {
    if (!open_stream_) {
      sink_({std::move(path), make(nullptr), inputs});
      return;
    }
    const std::unique_ptr<OutputStream> stream = open_stream_(path, inputs);
    make(stream.get());
    stream->close();
  }

  void claim(const std::string& path, const std::string& origin) {
    check_relative_path(path, origin);
    const std::lock_guard<std::mutex> hold(lock_);
    if (!paths_.insert(path).second) {
      throw RenderError(origin + " '" + path + "' would overwrite another output file");
    }
  }

  const OutputSink& sink_;
  const PageMemo& memo_;
  const OutputStreamOpener& open_stream_;
  std::mutex lock_;
  std::set<std::string> paths_;
  std::atomic<std::size_t> kept_{0};
  std::atomic<std::size_t> kept_as_made_{0};
  bool as_made_ = false;
};

/// What `template_name` renders `view` (the page's JSON or its frame) from, over the keys its
/// depth shares; nullopt when the memo is off.
template <typename View>
std::optional<ContentHash> page_inputs(const OutputSet& outputs, const TemplateEngine& engine,
                                       const std::string& template_name,
                                       const TemplateEngine::Frame& shared, const View& view) {
  const PageMemo& memo = outputs.memo();
  if (memo.program.empty()) return std::nullopt;
  if constexpr (std::is_same_v<View, TemplateEngine::Frame>) {
    return engine.fingerprint(template_name, {&shared, &view}, nullptr, memo.program, memo.key);
  } else {
    return engine.fingerprint(template_name, {&shared}, &view, memo.program, memo.key);
  }
}

/// Renders `view` over the keys its depth shares and hands it on as directory/index.html (a
/// path claimed already), naming the page on failure.
template <typename View>
void render_claimed(OutputSet& outputs, const TemplateEngine& engine,
                    const std::string& template_name, const TemplateEngine::Frame& shared,
                    const std::string& directory, View view,
                    const std::optional<ContentHash>& inputs) {
  std::string html;
  try {
    if constexpr (std::is_same_v<View, TemplateEngine::Frame>) {
      html = engine.render(template_name, {&shared, &view});
    } else {
      html = engine.render(template_name, {&shared}, std::move(view));
    }
  } catch (const RenderError& error) {
    throw RenderError((directory.empty() ? std::string("index.html") : directory) + ": " +
                      error.what());
  }
  outputs.add_claimed(directory + "index.html", std::move(html), inputs);
}

/// Renders one page over the keys its depth shares and hands it on as directory/index.html,
/// naming it on failure; unless the memo keeps the page as it was made from the same inputs.
/// `view` is the page's JSON or its frame.
template <typename View>
void render_page(OutputSet& outputs, const TemplateEngine& engine, const SiteViews& views,
                 const std::string& template_name, const std::string& directory, View view) {
  const TemplateEngine::Frame& shared = views.page_frame(directory);
  const std::optional<ContentHash> inputs =
      page_inputs(outputs, engine, template_name, shared, view);
  if (outputs.keep(directory + "index.html", inputs, "page")) return;
  render_claimed(outputs, engine, template_name, shared, directory, std::move(view), inputs);
}

/// A person's page: fingerprinted with stand-ins for the frames of what they said, which are
/// made again only when the page is rendered.
void render_person_page(OutputSet& outputs, const TemplateEngine& engine, const SiteViews& views,
                        const SiteModel& model, const Person& person) {
  const std::string directory = model.person_path(person.id);
  if (outputs.keep_as_made(directory + "index.html", "page")) return;
  const TemplateEngine::Frame& shared = views.page_frame(directory);
  std::optional<ContentHash> inputs;
  if (!outputs.memo().program.empty()) {
    inputs = page_inputs(outputs, engine, "person.html", shared,
                         views.person_page_inputs(person, engine));
  }
  if (outputs.keep(directory + "index.html", inputs, "page")) return;
  render_claimed(outputs, engine, "person.html", shared, directory,
                 views.person_page(person, engine), inputs);
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

RenderReport render_site(const RenderInput& input, const OutputSink& sink) {
  if (input.conversation == nullptr) throw RenderError("render: no conversation to render");
  const Strings strings = Strings::load(input.theme, input.language);
  const nlohmann::json globals = {{"t", strings.text_table()}};
  const SiteContent content = read_site_content(input.content, input.include_drafts);
  const std::size_t workers = input.workers ? input.workers : default_worker_count();
  const SiteModel model(*input.conversation, workers);
  SiteViews views(input, content, model, strings);
  OutputSet outputs(sink, input.memo, input.open_stream);

  // Every page is rendered on its own, so the work spreads over the cores: each worker renders
  // with an engine of its own (the template library keeps state while it renders). Nothing
  // depends on which worker finishes first: the files are the same whatever the order.
  std::vector<std::unique_ptr<TemplateEngine>> engines;
  for (std::size_t i = 0; i < workers; ++i) {
    engines.push_back(std::make_unique<TemplateEngine>(input.theme.templates, globals));
  }
  // The build time is one of the keys every page shares: it is among what the timeless pages are
  // made from only when their templates can read it (then they are rendered every build).
  std::vector<std::string_view> shown_times = views.shared_times();
  bool shows_build_time = false;
  for (const std::string_view name : kTimelessPageTemplates) {
    for (const char* key : {"generated_iso", "generated_human"}) {
      shows_build_time = shows_build_time || engines.front()->may_read(std::string(name), key);
    }
  }
  if (!shows_build_time) shown_times.resize(2);  // the latest find's only
  const std::optional<ContentHash> made_from = site_inputs(input, shown_times);
  outputs.made_from(made_from);
  const auto& threads = model.display().threads;
  const std::vector<const Person*>& people = model.people_by_activity();
  const FeedSite site = feed_site(input);
  // The pages and files that need nothing from the other pages, longest first: conversation.json
  // (everything in it) takes one worker for a while, so it starts at once and the hub pages fill
  // in around it.
  std::vector<std::function<void(const TemplateEngine&)>> singles = {
      [&](const TemplateEngine& engine) {
        render_page(outputs, engine, views, "sources.html", "sources/", views.sources_page());
        render_page(outputs, engine, views, "spam.html", "spam/", views.spam_page());
      },
      [&](const TemplateEngine&) {
        const ThreadPageOf page_of = [&](const std::string& root) {
          const Node* node = model.node(root);
          return node ? model.thread_path(*node) : std::string();
        };
        outputs.add_large("conversation.json", "data file", [&](OutputStream* stream) {
          return conversation_to_json(*input.conversation, page_of, stream);
        });
      },
      [&](const TemplateEngine&) {
        outputs.add("feed.xml", atom_feed(model, site, strings), "feed");
        outputs.add("feed.json", json_feed(model, site, strings), "feed");
        outputs.add("sources.opml", sources_opml(model, site), "feed");
      },
      // The team's desk: the reply queue, what is new, the report, exports and search.
      [&](const TemplateEngine&) {
        const std::vector<AwaitingItem> queue = awaiting_items(model, site, strings);
        outputs.add_large("awaiting.xml", "feed", [&](OutputStream* stream) {
          return awaiting_atom(model, site, strings, queue, stream);
        });
        outputs.add_large("awaiting.json", "feed", [&](OutputStream* stream) {
          return awaiting_json(site, strings, queue, stream);
        });
        outputs.add("new.xml", new_digest_atom(model, site, strings), "feed");
        outputs.add_large("exports/awaiting.csv", "export",
                          [&](OutputStream* stream) { return awaiting_csv(model, queue, stream); });
      },
      [&](const TemplateEngine& engine) {
        const CampaignReport report = campaign_report(*input.conversation);
        render_page(outputs, engine, views, "report.html", "report/", views.report_page(report));
        outputs.add("report.json", report_to_json(report), "data file");
      },
      [&](const TemplateEngine& engine) {
        render_page(outputs, engine, views, "search.html", "search/", views.search_page());
        outputs.add_timeless("search.json", "data file", made_from, [&](OutputStream* stream) {
          return search_index_json(model, stream);
        });
      },
      [&](const TemplateEngine&) {
        outputs.add_timeless("exports/nodes.csv", "export", made_from,
                             [&](OutputStream* stream) { return nodes_csv(model, site, stream); });
        outputs.add_timeless("exports/people.csv", "export", made_from, [&](OutputStream* stream) {
          std::string bytes = people_csv(model, site);  // small: made whole
          if (!stream) return bytes;
          stream->append(bytes);
          return std::string();
        });
      }};
  for (const ContentPage& page : content.pages) {
    singles.push_back([&](const TemplateEngine& engine) {
      try {
        render_page(outputs, engine, views, "page.html", page.directory, views.content_page(page));
      } catch (const RenderError& error) {
        throw RenderError(page.source_path + ": " + error.what());
      }
    });
  }
  // Round one: those, then a hub page at a time: its threads' digests, which tell the pages the
  // memo keeps without their data; then the data and pages of the others, then the hub page
  // itself, which takes their cards (so they are not all kept until the end).
  const std::size_t hub_count = views.hub_page_count();
  parallel_for(singles.size() + hub_count, workers, [&](std::size_t worker, std::size_t index) {
    const TemplateEngine& engine = *engines[worker];
    if (index < singles.size()) return singles[index](engine);
    const std::size_t number = index - singles.size() + 1;
    const auto [begin, end] = views.hub_threads(number);
    // The first hub page shows how long questions have waited: it is never kept as made.
    const std::string hub = views.hub_directory(number);
    bool hub_kept = number > 1 && outputs.keep_as_made(hub + "index.html", "page");
    const bool memo_on = !outputs.memo().program.empty();
    struct ThreadPage {
      std::string directory;
      bool kept = false;
      std::optional<ContentHash> inputs;
    };
    std::vector<ThreadPage> pages(end - begin);
    for (std::size_t thread = begin; thread < end; ++thread) {
      ThreadPage& page = pages[thread - begin];
      page.directory = model.thread_path(*threads[thread].root.node);
      page.kept = outputs.keep_as_made(page.directory + "index.html", "page");
      if (page.kept && hub_kept) continue;
      if (memo_on) views.digest_thread(thread);
      if (page.kept) continue;
      if (memo_on) {
        page.inputs = page_inputs(outputs, engine, "thread.html", views.page_frame(page.directory),
                                  views.thread_page_inputs(thread));
      }
      page.kept = outputs.keep(page.directory + "index.html", page.inputs, "page");
    }
    std::optional<ContentHash> hub_inputs;
    nlohmann::json hub_view;  // made once: the first page's charts read every node
    if (!hub_kept) {
      hub_view = views.hub_view(number);
      if (memo_on) {
        hub_inputs = page_inputs(outputs, engine, "index.html", views.page_frame(hub),
                                 views.hub_page_inputs(number, hub_view));
      }
      hub_kept = outputs.keep(hub + "index.html", hub_inputs, "page");
    }
    for (std::size_t thread = begin; thread < end; ++thread) {
      const ThreadPage& page = pages[thread - begin];
      if (page.kept && hub_kept) continue;
      views.prepare_thread(thread);  // for its page, or its card on the hub page
      if (!page.kept) {
        render_claimed(outputs, engine, "thread.html", views.page_frame(page.directory),
                       page.directory, views.thread_page(thread), page.inputs);
      }
    }
    if (!hub_kept) {
      render_claimed(outputs, engine, "index.html", views.page_frame(hub), hub,
                     views.hub_page(number, std::move(hub_view)), hub_inputs);
    }
    // The hub page and its cards are gone with render_claimed: the threads' node frames can go.
    for (std::size_t thread = begin; thread < end; ++thread) views.release_thread(thread);
  });

  // Round two: the people page (everyone on it) first, then each person's page, whose items
  // come from every thread. The people page's frames are tens of megabytes: made once round
  // one's data is gone, they take memory it freed instead of adding to its peak.
  parallel_for(people.size() + 1, workers, [&](std::size_t worker, std::size_t index) {
    const TemplateEngine& engine = *engines[worker];
    if (index == 0) {
      if (!outputs.keep_as_made("people/index.html", "page")) {
        render_page(outputs, engine, views, "people.html", "people/", views.people_page(engine));
      }
      return;
    }
    render_person_page(outputs, engine, views, model, *people[index - 1]);
  });

  // The sitemap lists every page but the spam, in the order a reader meets them.
  std::vector<std::string> listed;
  for (std::size_t number = 1; number <= hub_count; ++number) {
    listed.push_back(views.hub_directory(number));
  }
  for (const DisplayThread& thread : threads)
    listed.push_back(model.thread_path(*thread.root.node));
  listed.push_back("people/");
  for (const Person* person : people) listed.push_back(model.person_path(person->id));
  listed.push_back("sources/");
  listed.push_back("report/");
  for (const ContentPage& page : content.pages) listed.push_back(page.directory);
  const std::string map = sitemap_xml(site, listed);
  if (!map.empty()) outputs.add("sitemap.xml", map, "sitemap");
  outputs.add("robots.txt", robots_txt(site), "robots.txt");
  for (const auto& [path, bytes] : input.theme.static_files) {
    outputs.add(path, bytes, "theme static file");
  }
  for (const OutputFile& asset : content.assets) {
    outputs.add(asset.path, asset.bytes, "content file");
  }
  return RenderReport{model.problems(), outputs.kept(), outputs.kept_as_made(), made_from};
}

}  // namespace confab
