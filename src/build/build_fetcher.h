// Which fetcher a build uses: a replay snapshot, the network while recording one, or the network.
#pragma once

#include <filesystem>
#include <memory>

#include "config/config.h"
#include "fetch/fetch.h"
#include "parse/feed.h"

namespace confab {

/// [fetch]'s limits and the address policy site.toml implies: private addresses only where a
/// source names them by address, or everywhere with [crawl] allow_private.
FetchOptions fetch_options_for(const SiteConfig& config);

/// `record_dir` not empty (--record): the network, every response saved there as a snapshot.
/// Else [fetch] replay when set (no request leaves the machine), else the network, with
/// [fetch]'s limits. --offline needs no fetcher at all (see recall_archive).
std::unique_ptr<Fetcher> make_build_fetcher(const SiteConfig& config,
                                            const std::filesystem::path& record_dir = {});

/// What the parse stage is handed of an answer: its final URL (the base for relative links),
/// its Content-Type and its bytes.
Document document_of(const FetchResult& result);

}  // namespace confab
