#include "build/build.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "base/program_id.h"
#include "build/archive_step.h"
#include "build/build_fetcher.h"
#include "build/kept_conversation.h"
#include "build/site_sources.h"
#include "build/staged_output.h"
#include "render/render.h"

namespace confab {

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

namespace {

/// The archive the build reads and writes: --archive, else site.toml's.
std::filesystem::path archive_file(const SiteConfig& config, const BuildOptions& options) {
  return options.archive.empty() ? config.archive_file() : options.archive;
}

/// Publishing replaces the output folder whole: it must hold nothing the build reads, or a typo
/// (`--output .`) would replace the site itself, archive and all.
void refuse_output_over_the_site(const SiteConfig& config, const BuildOptions& options,
                                 const std::filesystem::path& output) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path folder = fs::weakly_canonical(fs::absolute(output), error);
  if (error) return;  // not a path this machine can resolve: StagedOutput will say why
  const auto inside = [&](const fs::path& path) {
    std::error_code ignored;
    const fs::path relative =
        fs::weakly_canonical(fs::absolute(path), ignored).lexically_relative(folder);
    return !relative.empty() && *relative.begin() != "..";
  };
  const fs::path archive = archive_file(config, options);
  for (const fs::path& read :
       {config.file, archive, config.root / "content", config.root / "static",
        config.root / "templates", config.root / "themes", config.root / "i18n"}) {
    if (!read.empty() && inside(read)) {
      throw SiteFileError(fs::absolute(output).lexically_normal().string() +
                          ": refusing to publish there: it holds " +
                          fs::absolute(read).lexically_normal().string() +
                          ", which the build reads and publishing would replace; choose a folder "
                          "of its own (the default is public)");
    }
  }
}

/// Fetch (or, offline, make no request), merge into the archive, and recall everything it
/// ever saw: the conversation is threaded from the whole history, not from this fetch alone.
/// Returns when the build before started, what new nodes are measured against.
std::optional<UnixTime> gather(const SiteConfig& config, const BuildOptions& options,
                               std::uint64_t rows_key, BuildReport& report) {
  Archive archive(archive_file(config, options));
  ArchiveStepReport step;
  if (options.offline) {
    step = recall_archive(config, archive, options.now, rows_key);
  } else {
    const auto fetcher = make_build_fetcher(config, options.record);
    ArchiveStepOptions step_options;
    step_options.now = options.now;
    step_options.conditional = options.record.empty();
    step_options.progress = options.progress;
    step_options.rows_key = rows_key;
    if (!config.site.webmention.empty()) {
      // What the hub published last time: the pages whose Webmentions are read.
      std::ifstream last(report.output / "conversation.json", std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(last)),
                             std::istreambuf_iterator<char>());
      const std::string base_url =
          options.base_url.empty() ? config.site.base_url : options.base_url;
      step_options.hub_pages = read_hub_pages(text, base_url, config.campaign.links);
    }
    // A replay snapshot answers at once: pacing requests to a platform is for the network.
    if (config.fetch.replay.empty() || !options.record.empty()) {
      step_options.wait = [](double seconds) {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
      };
    }
    step = fetch_into_archive(config, archive, *fetcher, step_options);
    report.archive = archive.file();
    report.archived = step.merged;
  }
  report.harvests = std::move(step.harvests);
  report.evidence = std::move(step.evidence);
  report.requests = step.requests;
  report.warnings = std::move(step.warnings);
  return step.previous_build;
}

}  // namespace

BuildReport run_build(const SiteConfig& config, const BuildOptions& options) {
  BuildReport report;
  auto stage_start = std::chrono::steady_clock::now();
  auto stage_done = [&](const char* stage) {
    const auto now = std::chrono::steady_clock::now();
    rusage usage{};
    const long peak_kib = ::getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_maxrss : 0;  // KiB
    report.stages.push_back(
        {stage, std::chrono::duration<double>(now - stage_start).count(), peak_kib});
    stage_start = now;
  };
  report.output = output_path(options.output.empty() ? config.output_dir() : options.output);
  refuse_output_over_the_site(config, options, report.output);
  // Read the theme and content first: a missing theme should fail before any request is made.
  RenderInput input;
  input.site_title = config.site.title;
  input.base_url = options.base_url.empty() ? config.site.base_url : options.base_url;
  input.include_drafts = options.drafts;
  input.language = config.site.language;
  input.webmention = config.site.webmention;
  input.theme = load_theme(config);
  input.content = load_content(config);

  // The conversation the build before threaded, if nothing it was made from has changed.
  const std::filesystem::path kept_file = kept_conversation_file(archive_file(config, options));
  const std::uint64_t kept_key = kept_conversation_key(kept_file);
  std::optional<UnixTime> previous_build;
  if (options.reuse_harvests) {
    report.harvests = *options.reuse_harvests;
    if (options.reuse_evidence) report.evidence = *options.reuse_evidence;
    previous_build = options.reuse_previous_build;
  } else {
    previous_build = gather(config, options, kept_key, report);
  }
  stage_done("gather");
  const std::optional<ContentHash> threading =
      threading_inputs(config, report.harvests, report.evidence, kept_key);
  std::optional<std::string> kept =
      threading ? read_kept_conversation(kept_file, kept_key, *threading) : std::nullopt;
  if (kept) {
    std::vector<SourceReport> sources;
    for (const SourceHarvest& harvest : report.harvests) sources.push_back(harvest.report);
    // The entries go before the kept conversation is made whole: both at once is the thread
    // stage's peak over again.
    if (!options.keep_harvests) std::vector<SourceHarvest>().swap(report.harvests);
    report.conversation =
        kept_conversation_from(kept_file, std::move(*kept), std::move(sources), options.now);
    kept.reset();
    report.conversation_kept = true;
  } else if (options.keep_harvests) {
    report.conversation = build_conversation(config, report.harvests, options.now, report.evidence);
  } else {
    report.conversation =
        build_conversation(config, std::move(report.harvests), options.now, report.evidence);
    report.harvests.clear();
  }
  stage_done("thread");
  report.conversation.previous_build = previous_build;
  input.conversation = &report.conversation;
  // Pages are written as they are rendered, into the output tree not published; the link turns
  // to it at the end.
  StagedOutput staged(report.output);
  // A page made from what the published one was made from is taken from there, not rendered.
  input.memo.program = program_build_id();
  input.memo.key = staged.key();
  input.memo.keep = [&staged](const std::string& path, const ContentHash& inputs) {
    return staged.keep(path, inputs);
  };
  // Made from what the published pages were made from, the pages that do not show the build
  // time are taken as they are, without making their data.
  input.conversation_inputs = threading;
  input.memo.site_inputs = staged.published_site_inputs();
  input.memo.keep_as_made = [&staged](const std::string& path) {
    return staged.keep_as_listed(path);
  };
  // The largest files go out in pieces, never whole in memory.
  input.open_stream = [&staged](const std::string& path, const std::optional<ContentHash>& inputs) {
    return staged.open_stream(path, inputs);
  };
  // A conversation threaded anew is kept for the next build while this one renders (both only
  // read it). Keeping is a saving, not a result: a failure is a warning.
  std::string keep_failure;
  std::jthread keeper;  // joined however render ends
  if (threading && !report.conversation_kept) {
    keeper = std::jthread([&] {
      try {
        keep_conversation(kept_file, kept_key, *threading, report.conversation);
      } catch (const std::exception& error) {
        keep_failure = error.what();
      }
    });
  }
  const RenderReport rendered =
      render_site(input, [&staged](OutputFile file) { staged.write(file); });
  report.pages_kept = rendered.pages_kept;
  report.pages_kept_as_made = rendered.pages_kept_as_made;
  staged.set_site_inputs(rendered.site_inputs);
  for (const std::string& problem : rendered.problems) report.warnings.push_back(problem);
  if (keeper.joinable()) keeper.join();
  if (!keep_failure.empty()) report.warnings.push_back(keep_failure);
  stage_done("render");
  staged.commit();
  stage_done("publish");
  report.files_written = staged.files_written();
  report.files_unchanged = staged.files_unchanged();
  return report;
}

}  // namespace confab
