// The archive step of a build: what this build fetched is merged into the archive, and the
// conversation is threaded from everything the archive ever saw (see README "The archive").
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "base/time.h"
#include "build/hub_pages.h"
#include "build/spider.h"
#include "config/config.h"
#include "conversation/build_conversation.h"
#include "fetch/fetch.h"

namespace confab {

/// The whole archived history as harvests: this build's sources first in site.toml's order
/// (status "unchanged" when their feed was), then blogs discovered in earlier builds that this
/// one did not reach.
struct ArchiveStepReport {
  std::vector<SourceHarvest> harvests;
  std::size_t requests = 0;
  std::vector<std::string> warnings;       ///< each names its source
  MergeCounts merged;                      ///< what this build changed in the archive
  IdentityEvidence evidence;               ///< rel="me" links of the pages this build read
  std::optional<UnixTime> previous_build;  ///< Archive::previous_build of this run
};

struct ArchiveStepOptions {
  UnixTime now = 0;
  /// Send the validators of the last build (off when recording a snapshot, which needs bodies).
  bool conditional = true;
  StepProgress progress;
  /// Waits between rounds of platform requests ([platforms] interval); none when unset.
  std::function<void(double seconds)> wait;
  /// The hub's pages as last published ([site] webmention): their mentions are read too.
  std::vector<HubPage> hub_pages;
  /// The key the archive's rows are hashed under (SourceHarvest::archived_rows).
  std::uint64_t rows_key = 0;
};

/// Runs the spider through `fetcher` (remembering every URL in the archive), merges what it
/// found one source per transaction, reads the comment feeds of archived conversation posts
/// that scrolled out of their blog's feed, and recalls the whole history. Throws ArchiveError
/// when the archive cannot be used; a failed source keeps what the archive held for it.
ArchiveStepReport fetch_into_archive(const SiteConfig& config, Archive& archive, Fetcher& fetcher,
                                     const ArchiveStepOptions& options);

/// --offline: no request at all; the configured sources as the archive last saw them, with
/// their whole history.
ArchiveStepReport recall_archive(const SiteConfig& config, Archive& archive, UnixTime now,
                                 std::uint64_t rows_key = 0);

}  // namespace confab
