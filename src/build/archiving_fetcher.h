// A Fetcher in front of the real one that remembers each URL in the archive: it turns requests
// into conditional GETs with the validators of the last build, follows remembered permanent
// redirects, answers a 304 with the stored copy, and notes which URLs came back unchanged.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "base/time.h"
#include "fetch/fetch.h"

namespace confab {

class ArchivingFetcher : public Fetcher {
 public:
  /// `conditional`: send validators (off when recording a snapshot, which must hold bodies).
  ArchivingFetcher(Fetcher& inner, Archive& archive, UnixTime now, bool conditional);

  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override;
  std::vector<FetchResult> fetch_requests(const std::vector<FetchRequest>& requests,
                                          const FetchProgressCallback& progress = {}) override;

  /// True when `url` was fetched this build and answered "unchanged" (304 or the same bytes).
  bool unchanged(const std::string& url) const { return unchanged_.count(url) != 0; }
  /// True when `url` was asked for this build.
  bool fetched(const std::string& url) const { return next_.count(url) != 0; }
  /// The new state of every URL fetched this build that differs from what the archive holds,
  /// each returned once (what was taken counts as stored).
  std::vector<FetchState> take_changed_states();

 private:
  FetchState next_state(const FetchResult& result, const FetchState* known) const;

  Fetcher& inner_;
  Archive& archive_;
  UnixTime now_;
  bool conditional_;
  std::set<std::string> unchanged_;
  std::map<std::string, FetchState> known_;  ///< as the archive held them before this build
  std::map<std::string, FetchState> next_;   ///< after this build's answers
};

}  // namespace confab
