// The data the theme's templates see: the conversation and content turned into plain values.
// The shape is documented, key by key, in themes/default/README.md; keep the two in step.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/content_pages.h"
#include "render/i18n.h"
#include "render/render.h"
#include "render/site_model.h"
#include "render/template_engine.h"

namespace confab {

/// One page of the hub: index.html, then page/2/index.html for older threads, and so on.
struct HubPage {
  std::string directory;  ///< "" or "page/2/"
  nlohmann::json view;
};

/// Builds every page's view. Third-party HTML comes sanitized from the model, third-party URLs
/// meant for href/src are checked here (unsafe ones become ""), and text stays raw for the
/// template engine to escape.
class SiteViews {
 public:
  /// `engine` renders each reply once per run (partials/node.html), for every page showing it.
  SiteViews(const RenderInput& input, const SiteContent& content, const SiteModel& model,
            const Strings& strings, const TemplateEngine& engine);

  /// The hub, split so that no page grows much past a few hundred kilobytes.
  std::vector<HubPage> hub_pages();
  /// threads/<slug>/index.html for the thread at `index` in display().threads.
  nlohmann::json thread_page(std::size_t index);
  /// The people pages touch no state, so another thread may build them while this one renders
  /// the hub and the threads.
  nlohmann::json person_page(const Person& person) const;
  nlohmann::json people_page() const;
  nlohmann::json sources_page();
  nlohmann::json spam_page();
  nlohmann::json content_page(const ContentPage& page);

 private:
  nlohmann::json common(const std::string& directory) const;
  /// The keys of common() that are the same on every page, made once per build.
  void prepare_common();
  /// The keys that depend only on how deep a page is (root and the links made from it).
  nlohmann::json root_links(const std::string& root) const;
  /// The node's view without its replies (see node.html's keys in the theme's README).
  nlohmann::json node_view(const DisplayNode& shown) const;
  /// partials/node.html for `shown` and, inside it, its replies; adds to `replies` the node
  /// and every reply below it.
  std::string node_html(const DisplayNode& shown, const TemplateEngine::Frame& links,
                        std::size_t& replies) const;
  /// The rendered replies of a thread for pages whose root is `root`, cached: the hub's older
  /// pages and the thread's own page sit at the same depth and share them.
  const std::string& thread_replies(std::size_t index, const std::string& root);
  /// The card for the thread at `index`, its replies rendered for `root`.
  nlohmann::json card(std::size_t index, const std::string& root);
  nlohmann::json flat_node(const Node& node) const;
  nlohmann::json thread_card(const DisplayThread& thread);
  nlohmann::json person_summary(const Person& person) const;
  nlohmann::json source(const SourceReport& source) const;
  nlohmann::json spam_item(const Node& node) const;
  nlohmann::json figures() const;

  const RenderInput& input_;
  const SiteContent& content_;
  const SiteModel& model_;
  const Strings& strings_;
  const TemplateEngine& engine_;
  nlohmann::json site_, campaign_;  ///< see prepare_common()
  std::string generated_iso_, generated_human_;
  std::vector<nlohmann::json> cards_;                        ///< thread cards without replies_html
  std::vector<std::map<std::string, std::string>> replies_;  ///< per thread, by root
  std::vector<std::size_t> card_bytes_;  ///< a size estimate per card, for pagination
};

}  // namespace confab
