// The build driver: the only code that knows the order of the stages
// (config -> fetch -> parse -> thread -> render). Commands call it; it prints nothing itself.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/time.h"
#include "config/config.h"
#include "conversation/build_conversation.h"
#include "conversation/conversation.h"
#include "fetch/fetch.h"

namespace confab {

class Console;

struct BuildOptions {
  std::filesystem::path output;   ///< overrides [site] output when not empty
  bool offline = false;           ///< make no request at all
  std::filesystem::path record;   ///< fetch live and write a replay snapshot here
  UnixTime now = 0;               ///< the build time: an input, so builds are reproducible
  std::filesystem::path archive;  ///< overrides [archive] path when not empty (--archive)
  std::string base_url;           ///< overrides [site] base_url when not empty (--base-url)
  bool drafts = false;            ///< also render content pages marked draft = true
  /// When set, the build threads and renders these instead of fetching: `confab serve`
  /// re-renders the last fetch when only content, layouts or the theme changed.
  const std::vector<SourceHarvest>* reuse_harvests = nullptr;
};

/// What a build did, for the console and for tests.
struct BuildReport {
  Conversation conversation;
  std::filesystem::path output;
  std::size_t files_written = 0;
  std::size_t requests = 0;
  std::vector<std::string> warnings;    ///< per source, each names it
  std::vector<SourceHarvest> harvests;  ///< what the conversation was built from (reusable)
};

/// The fetcher the options and site.toml ask for: replay, recording, offline or the network.
std::unique_ptr<Fetcher> make_fetcher(const SiteConfig& config, const BuildOptions& options);

/// How far a harvest goes: `check` only needs each source's own feed.
enum class HarvestScope { sources_only, everything };

/// Fetches and parses every source, its conversation posts' comment feeds and the blogs they
/// link to, up to [crawl] depth. Failures stay per source; nothing here throws for bad input.
std::vector<SourceHarvest> harvest_sources(const SiteConfig& config, Fetcher& fetcher, UnixTime now,
                                           Console& console, BuildReport& report,
                                           HarvestScope scope = HarvestScope::everything);

/// The whole build. Throws (ConfigError, RenderError, SiteFileError) only when no site can be
/// written; the previous output is then untouched.
BuildReport run_build(const SiteConfig& config, const BuildOptions& options, Console& console);

/// The build time: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
UnixTime build_time_now();

}  // namespace confab
