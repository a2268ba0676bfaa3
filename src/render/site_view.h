// The data the theme's templates see: the conversation and content turned into plain values.
// The shape is documented, key by key, in themes/default/README.md; keep the two in step.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "conversation/campaign_report.h"
#include "render/content_pages.h"
#include "render/i18n.h"
#include "render/render.h"
#include "render/site_model.h"
#include "render/template_engine.h"

namespace confab {

/// Builds every page's view. Third-party HTML comes sanitized from the model, third-party URLs
/// meant for href/src are checked here (unsafe ones become ""), and text stays raw for the
/// template engine to escape.
///
/// A node's data is made once per build, as a frame shared by every page showing it: its thread's
/// page and hub page, where each reply's frame holds its own replies (the theme's recursive
/// partials nest them), and its author's page.
///
/// Work comes in two rounds so that both can run on several threads. Round one, one hub page at
/// a time (any order): digest_thread() for each of its threads, so that its pages can be
/// fingerprinted without their frames (thread_page_inputs(), hub_page_inputs()); then, for the
/// pages rendered after all, prepare_thread() and thread_page() for each of its threads, then
/// hub_page(). Round two: the person pages (their items come from every thread) and the rest.
/// Calls for different pages touch different slots. Page views are rendered over
/// page_frame(directory): the keys every page at that depth shares.
class SiteViews {
 public:
  SiteViews(const RenderInput& input, const SiteContent& content, const SiteModel& model,
            const Strings& strings);

  /// With the page memo on, for the thread at `index` in display().threads: the digest of each
  /// of its nodes' frames and of its card, hashed from the values the frames would hold, without
  /// making them. The stand-ins for them fingerprint its page, its hub page and its authors'
  /// pages. Touches only this thread's slots.
  void digest_thread(std::size_t index);
  /// For the thread at `index`: makes its nodes' frames and its card (the root with its
  /// replies, nested), for the pages that are rendered. Touches only this thread's slots.
  void prepare_thread(std::size_t index);

  /// After the hub page showing the thread at `index` is rendered (or kept): frees its nodes'
  /// frames, and its card if the hub page did not take it. A person page makes again the frames
  /// it lists; keeping every node's frame until the person pages was the largest part of a
  /// build's memory. Touches only this thread's slots.
  void release_thread(std::size_t index);

  /// The keys every page in `directory` shares with the pages as deep as it (where the site
  /// root is, the site, the campaign, the menu, the build time), made once per depth.
  const TemplateEngine::Frame& page_frame(const std::string& directory) const;
  /// The times among those keys: the latest find's, then the build's, each as ISO and as shown.
  std::vector<std::string_view> shared_times() const {
    return {updated_iso_, updated_human_, generated_iso_, generated_human_};
  }

  /// The hub, split so that no page grows much past a few hundred kilobytes: index.html, then
  /// page/2/ for older threads, and so on. `number` counts from 1.
  std::size_t hub_page_count() const { return hub_ranges_.size(); }
  /// The threads on hub page `number`: [first, last) in display().threads.
  std::pair<std::size_t, std::size_t> hub_threads(std::size_t number) const {
    return hub_ranges_.at(number - 1);
  }
  std::string hub_directory(std::size_t number) const;
  /// Hub page `number`'s keys but its cards (the first page's sidebar and charts among them):
  /// made once, for hub_page_inputs() and then hub_page().
  nlohmann::json hub_view(std::size_t number) const;
  /// Hub page `number` from its `view`, with its threads' cards, which it takes: render it
  /// after their thread pages.
  TemplateEngine::Frame hub_page(std::size_t number, nlohmann::json view);
  /// What hub_page() is fingerprinted from: the same, with a stand-in for each card (after
  /// digest_thread() for its threads).
  TemplateEngine::Frame hub_page_inputs(std::size_t number, const nlohmann::json& view) const;
  /// threads/<slug>/index.html for the thread at `index` (after its prepare_thread); it holds
  /// the card, so render it before the hub page takes the card.
  TemplateEngine::Frame thread_page(std::size_t index) const;
  /// What thread_page() is fingerprinted from: the same, with a stand-in for the card (after
  /// digest_thread()).
  TemplateEngine::Frame thread_page_inputs(std::size_t index) const;
  /// people/<slug>/index.html, after round one (it makes the frames of the nodes it lists,
  /// with only the names `engine`'s person.html can ask for).
  TemplateEngine::Frame person_page(const Person& person, const TemplateEngine& engine) const;
  /// What person_page() is fingerprinted from: the same, but with a stand-in for each node
  /// whose digest round one made, so that an unchanged page costs no node frames.
  TemplateEngine::Frame person_page_inputs(const Person& person,
                                           const TemplateEngine& engine) const;
  /// Everyone, a frame per person with only the names `engine`'s people.html can ask for.
  TemplateEngine::Frame people_page(const TemplateEngine& engine) const;
  nlohmann::json sources_page() const;
  nlohmann::json spam_page() const;
  nlohmann::json content_page(const ContentPage& page) const;
  /// report/index.html: the campaign report's figures, charts and explanations.
  nlohmann::json report_page(const CampaignReport& report) const;
  /// search/index.html: the search form; search.js fills in the results.
  nlohmann::json search_page() const;

 private:
  /// The keys of a page that depend on its own directory (see page_frame for the rest).
  nlohmann::json page_keys(const std::string& directory) const;
  nlohmann::json root_links(const std::string& root) const;
  /// The node's view without its replies (see node.html's keys in the theme's README).
  nlohmann::json flat_node(const Node& node) const;
  TemplateEngine::Frame node_frame(const Node& node) const;
  /// The keys of flat_node(), set on a JSON view or a TemplateEngine::FrameBuilder.
  template <typename Keys>
  void node_keys(const Node& node, Keys& keys) const;
  /// A person's summary (person_summary) into `keys`: the people page's line of each person.
  template <typename Keys>
  void person_keys(const Person& person, Keys& keys) const;
  /// The keys of a node that depend on where the display tree shows it.
  template <typename Keys>
  void display_keys(const DisplayNode& shown, Keys& keys) const;
  /// `shown` where its thread shows it, over its node's frame, holding its replies' frames in
  /// `replies` (see node.html's keys in the theme's README); the root's also has `thread_info`.
  TemplateEngine::Frame display_frame(const DisplayNode& shown,
                                      const nlohmann::json* thread_info = nullptr) const;
  /// The root of `thread` with its replies and figures: a thread page's `thread`, a hub page's
  /// item in `threads`.
  TemplateEngine::Frame thread_card(const DisplayThread& thread) const;
  /// The root's `thread_info` in a card: the thread's figures.
  nlohmann::json thread_info(const DisplayThread& thread) const;
  /// What display_frame(shown, thread_info) would hold, hashed, from its node's digest (made
  /// by digest_thread) and its replies'.
  ContentHash display_digest(const DisplayNode& shown,
                             const nlohmann::json* thread_info = nullptr) const;
  /// A thread page's keys but its card.
  nlohmann::json thread_view(std::size_t index) const;
  /// The `blogs` list of a thread or a person: {id, name, url, first} for each of `ids`.
  nlohmann::json blog_list(const std::vector<std::string>& ids) const;
  nlohmann::json blog_item(const std::string& id) const;
  nlohmann::json person_summary(const Person& person) const;
  nlohmann::json source(const SourceReport& source) const;
  nlohmann::json spam_item(const Node& node) const;
  nlohmann::json figures() const;
  void plan_hub_pages();
  std::size_t node_slot(const Node& node) const;
  /// The nodes' frames hold what `engine`'s person.html can read; with `stand_ins`, a stand-in
  /// for each node whose digest round one made.
  TemplateEngine::Frame person_frame(const Person& person, const TemplateEngine& engine,
                                     bool stand_ins) const;

  const RenderInput& input_;
  const SiteContent& content_;
  const SiteModel& model_;
  const Strings& strings_;
  nlohmann::json site_, campaign_;
  std::string generated_iso_, generated_human_;  ///< the build's time
  std::string updated_iso_, updated_human_;      ///< the latest find's (build time if none)
  std::string canonical_base_;                   ///< the site's address ending in '/', or ""
  std::map<std::string, TemplateEngine::Frame> page_frames_;     ///< by root ("./", "../../")
  std::vector<std::pair<std::size_t, std::size_t>> hub_ranges_;  ///< thread index ranges
  nlohmann::json figures_;
  std::unordered_map<std::string_view, nlohmann::json> blog_items_;  ///< by blog id, for blog_list
  // Filled by prepare_thread, one slot per thread or node (threads write disjoint slots).
  std::vector<std::optional<TemplateEngine::Frame>> cards_;  ///< until the hub page takes them
  std::vector<std::optional<TemplateEngine::Frame>> node_frames_;  ///< by conversation node index
  /// With the memo on, by conversation node index: the digest of the node's frame (DigestKeys).
  std::vector<std::optional<ContentHash>> node_digests_;
  /// With the memo on, by thread index: the digest of its card (display_digest).
  std::vector<std::optional<ContentHash>> card_digests_;
};

}  // namespace confab
