#include "build/build_fetcher.h"

namespace confab {

std::unique_ptr<Fetcher> make_build_fetcher(const SiteConfig& config,
                                            const std::filesystem::path& record_dir) {
  FetchOptions fetch_options;
  fetch_options.concurrency = config.fetch.concurrency;
  fetch_options.timeout_seconds = config.fetch.timeout;
  fetch_options.user_agent = config.fetch.user_agent;
  fetch_options.per_host = config.fetch.per_host;
  fetch_options.connect_timeout_seconds = config.fetch.connect_timeout;
  fetch_options.max_body_bytes = config.fetch.max_body;
  fetch_options.max_redirects = config.fetch.max_redirects;
  fetch_options.low_speed_bytes = config.fetch.low_speed_limit;
  fetch_options.low_speed_seconds = config.fetch.low_speed_time;
  // Sources named in site.toml may be file: URLs; each request says whether it is one.
  fetch_options.allow_file = true;
  if (!record_dir.empty()) {
    return make_recording_fetcher(make_http_fetcher(fetch_options), record_dir);
  }
  if (!config.fetch.replay.empty()) return make_replay_fetcher(config.replay_dir());
  return make_http_fetcher(fetch_options);
}

}  // namespace confab
