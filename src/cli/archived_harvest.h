// The archive stage in the build: what this build fetched is merged into the archive, and the
// conversation is threaded from everything the archive ever saw (see README "The archive").
#pragma once

#include <filesystem>
#include <vector>

#include "cli/pipeline.h"
#include "conversation/build_conversation.h"

namespace confab {

/// --archive when given, else [archive] path.
std::filesystem::path archive_file_of(const SiteConfig& config, const BuildOptions& options);

/// Harvests the sources (or, with --offline, makes no request at all), merges the result into
/// the archive one source per transaction, and returns the whole archived history as harvests:
/// this build's sources first in their order (status "unchanged" when their feed was), then
/// blogs discovered in earlier builds. Throws ArchiveError when the archive cannot be used.
std::vector<SourceHarvest> harvest_with_archive(const SiteConfig& config,
                                                const BuildOptions& options, Console& console,
                                                BuildReport& report);

}  // namespace confab
