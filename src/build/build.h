// The build driver, as Zola's `site` component: the only code that knows the order of the stages
// (config -> fetch -> parse -> archive -> conversation -> render). Commands call it; it prints
// nothing itself: it returns what happened, and passes fetch progress to its caller.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archive/archive.h"
#include "base/time.h"
#include "build/spider.h"
#include "config/config.h"
#include "conversation/build_conversation.h"
#include "conversation/conversation.h"

namespace confab {

struct BuildOptions {
  std::filesystem::path output;   ///< overrides [site] output when not empty
  bool offline = false;           ///< make no request at all
  std::filesystem::path record;   ///< fetch live and write a replay snapshot here
  UnixTime now = 0;               ///< the build time: an input, so builds are reproducible
  std::filesystem::path archive;  ///< overrides [archive] path when not empty (--archive)
  std::string base_url;           ///< overrides [site] base_url when not empty (--base-url)
  bool drafts = false;            ///< also render content pages marked draft = true
  /// When set, the build threads and renders these instead of fetching: `confab serve`
  /// re-renders the last fetch when only content, templates or the theme changed.
  const std::vector<SourceHarvest>* reuse_harvests = nullptr;
  const IdentityEvidence* reuse_evidence = nullptr;  ///< with reuse_harvests: what it learned
  std::optional<UnixTime> reuse_previous_build;      ///< with reuse_harvests: new since when
  /// Return the harvests in BuildReport::harvests (`confab serve` re-renders from them). Off,
  /// they are freed once threaded: the entries' text is then no longer held while pages render.
  bool keep_harvests = false;
  StepProgress progress;  ///< hears how each batch of requests goes (the console shows it)
};

/// One stage of a build: its wall time, and the process's peak memory when it ended (the
/// stage that raised the peak is the one whose figure grows).
struct StageCost {
  std::string name;
  double seconds = 0;
  long peak_kib = 0;
};

/// What a build did, for the console and for tests.
struct BuildReport {
  Conversation conversation;
  std::filesystem::path output;  ///< where the site went: absolute, without a trailing slash
  std::size_t files_written = 0;
  std::size_t files_unchanged = 0;  ///< of those, held byte for byte by the previous output
  /// Of those, the pages taken from the previous output without rendering: made from the same
  /// data, templates, strings and program (render's PageMemo).
  std::size_t pages_kept = 0;
  /// Of those, the pages taken without making their data: the site was made from what the
  /// previous output was made from, but for the build's time (render/site_inputs.h).
  std::size_t pages_kept_as_made = 0;
  /// The conversation was the one the build before threaded, kept beside the archive: nothing
  /// threading reads had changed (build/kept_conversation.h).
  bool conversation_kept = false;
  std::size_t requests = 0;
  std::vector<std::string> warnings;    ///< per source, each names it
  std::vector<SourceHarvest> harvests;  ///< what the conversation was built from, when kept
  IdentityEvidence evidence;            ///< rel="me" links the pages fetched showed (reusable)
  std::filesystem::path archive;        ///< the archive used, when the build fetched
  std::optional<MergeCounts> archived;  ///< what fetching changed in it (not when offline)
  /// What each stage cost, in order: "gather" (fetch and archive, or recall the archive
  /// offline), "thread", "render" (pages rendered and written into the tree being updated),
  /// and "publish" (stale files removed, the tree listed, the link turned). `confab build
  /// --timings` prints them.
  std::vector<StageCost> stages;
};

/// The whole build. Throws (ConfigError, RenderError, SiteFileError, ArchiveError) only when no
/// site can be written; the previous output is then untouched.
BuildReport run_build(const SiteConfig& config, const BuildOptions& options);

/// The build time: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
UnixTime build_time_now();

}  // namespace confab
