// Answers requests from a snapshot directory; a URL it does not hold is that request's error.
#include <fstream>
#include <sstream>

#include "fetch/fetch.h"
#include "fetch/snapshot.h"

namespace confab {

namespace {

class ReplayFetcher : public Fetcher {
 public:
  explicit ReplayFetcher(std::filesystem::path directory)
      : directory_(std::move(directory)), index_(read_snapshot_index(directory_)) {}

  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    std::vector<FetchResult> results;
    results.reserve(urls.size());
    for (const auto& url : urls) results.push_back(answer(url));
    return results;
  }

 private:
  FetchResult answer(const std::string& url) const {
    FetchResult result;
    const auto found = index_.find(url);
    if (found == index_.end()) {
      result.url = result.final_url = url;
      result.error = FetchErrorKind::not_recorded;
      result.error_message = url + ": not in the replay snapshot " + directory_.string();
      return result;
    }
    std::ifstream in(found->second, std::ios::binary);
    if (!in) {
      result.url = result.final_url = url;
      result.error = FetchErrorKind::other;
      result.error_message = url + ": replay file " + found->second.string() + " cannot be read";
      return result;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    try {
      result = parse_recorded_response(bytes.str(), found->second.string());
    } catch (const std::exception& error) {
      result = FetchResult{};
      result.error = FetchErrorKind::other;
      result.error_message = url + ": " + error.what();
    }
    result.url = url;
    result.final_url = url;
    if (result.ok() && result.status >= 400) {
      result.error = FetchErrorKind::http_status;
      result.error_message = url + ": HTTP " + std::to_string(result.status);
    }
    return result;
  }

  std::filesystem::path directory_;
  std::map<std::string, std::filesystem::path> index_;
};

}  // namespace

std::unique_ptr<Fetcher> make_replay_fetcher(const std::filesystem::path& directory) {
  return std::make_unique<ReplayFetcher>(directory);
}

}  // namespace confab
