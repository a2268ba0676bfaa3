#include "cli/pipeline.h"

#include <chrono>
#include <cstdlib>

#include "cli/archived_harvest.h"
#include "cli/console.h"
#include "cli/site_files.h"
#include "render/render.h"

namespace confab {

namespace {

/// --offline: every request is answered "not fetched", so nothing leaves the machine.
class OfflineFetcher : public Fetcher {
 public:
  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    std::vector<FetchResult> results;
    for (const auto& url : urls) {
      FetchResult result;
      result.url = result.final_url = url;
      result.error = FetchErrorKind::not_recorded;
      result.error_message = url + ": not fetched (--offline)";
      results.push_back(std::move(result));
    }
    return results;
  }
};

}  // namespace

UnixTime build_time_now() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0') return value;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::unique_ptr<Fetcher> make_fetcher(const SiteConfig& config, const BuildOptions& options) {
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
  if (!options.record.empty()) {
    return make_recording_fetcher(make_http_fetcher(fetch_options), options.record);
  }
  if (!config.fetch.replay.empty()) return make_replay_fetcher(config.replay_dir());
  if (options.offline) return std::make_unique<OfflineFetcher>();
  return make_http_fetcher(fetch_options);
}

BuildReport run_build(const SiteConfig& config, const BuildOptions& options, Console& console) {
  BuildReport report;
  report.output = options.output.empty() ? config.output_dir() : options.output;
  // Read the theme and content first: a missing theme should fail before any request is made.
  RenderInput input;
  input.site_title = config.site.title;
  input.base_url = options.base_url.empty() ? config.site.base_url : options.base_url;
  input.include_drafts = options.drafts;
  input.language = config.site.language;
  input.theme = load_theme(config);
  input.content = load_content(config);

  if (options.reuse_harvests) {
    report.harvests = *options.reuse_harvests;
  } else {
    // Fetch, merge into the archive, and thread from everything it ever saw.
    report.harvests = harvest_with_archive(config, options, console, report);
  }
  report.conversation = build_conversation(config, report.harvests, options.now);
  input.conversation = &report.conversation;
  // Pages are written as they are rendered, into a staging folder swapped in at the end.
  StagedOutput staged(report.output);
  render_site(input, [&staged](OutputFile file) { staged.write(file); });
  staged.commit();
  report.files_written = staged.files_written();
  return report;
}

}  // namespace confab
