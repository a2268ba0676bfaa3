#include "build/build_fetcher.h"

namespace confab {

FetchOptions fetch_options_for(const SiteConfig& config) {
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
  // Private addresses: only those site.toml names by address, unless all are allowed.
  fetch_options.addresses.allow_private = config.crawl.allow_private;
  const auto trust = [&](const std::string& url) {
    if (const std::string endpoint = literal_endpoint(url); !endpoint.empty()) {
      fetch_options.addresses.trusted_endpoints.push_back(endpoint);
    }
  };
  for (const auto& source : config.sources) {
    trust(source.url);
    trust(source.feed);
  }
  // Platform APIs and instances site.toml names (tests point them at 127.0.0.1).
  for (const auto& [platform, api] : config.platforms.api) trust(api);
  for (const std::string& instance : config.platforms.lemmy) trust(instance);
  for (const std::string& instance : config.platforms.discourse) trust(instance);
  return fetch_options;
}

std::unique_ptr<Fetcher> make_build_fetcher(const SiteConfig& config,
                                            const std::filesystem::path& record_dir) {
  const FetchOptions fetch_options = fetch_options_for(config);
  if (!record_dir.empty()) {
    return make_recording_fetcher(make_http_fetcher(fetch_options), record_dir);
  }
  if (!config.fetch.replay.empty()) return make_replay_fetcher(config.replay_dir());
  return make_http_fetcher(fetch_options);
}

Document document_of(const FetchResult& result) {
  return Document{result.final_url.empty() ? result.url : result.final_url,
                  result.header("Content-Type"), result.body};
}

}  // namespace confab
