#include <filesystem>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "cli/pipeline.h"
#include "cli/site_files.h"
#include "config/config.h"
#include "render/render.h"

namespace confab {

namespace {

constexpr const char* kBuildHelp = R"(Usage: confab build [OPTIONS]

Fetch every source, thread the conversation and write the hub site.

Options:
  --config FILE    site.toml to build (default: ./site.toml)
  --output DIR     write the site here instead of [site] output
  --offline        make no request: render the conversation the archive holds
  --archive FILE   the archive to use instead of [archive] path
  --record DIR     fetch live and save every response as a replay snapshot in DIR
  --base-url URL   publish at URL: overrides [site] base_url (CI passes the Pages address)
  --drafts         also render content pages marked draft = true
  -h, --help       show this help

A failed source is reported and the site is still written; the previous output is
replaced only when the new one is complete. SOURCE_DATE_EPOCH sets the build time.)";

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

int run_build_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed =
      parse_args(args, {"--config", "--output", "--record", "--base-url", "--archive"},
                 {"--offline", "--drafts"}, 0);
  if (parsed.has("--help")) {
    console.result(kBuildHelp);
    return kExitOk;
  }
  const std::optional<SiteConfig> loaded = load_command_config(parsed, console);
  if (!loaded) return kExitConfig;
  const SiteConfig& config = *loaded;
  BuildOptions options;
  options.output = parsed.value("--output");
  options.offline = parsed.has("--offline");
  options.record = parsed.value("--record");
  options.archive = parsed.value("--archive");
  options.now = build_time_now();
  options.base_url = parsed.value("--base-url");
  options.drafts = parsed.has("--drafts");
  if (parsed.has("--base-url") && !options.base_url.starts_with("http://") &&
      !options.base_url.starts_with("https://")) {
    throw UsageError("--base-url needs an http(s) URL, not '" + options.base_url + "'");
  }
  if (config.sources.empty()) {
    console.info("site.toml lists no [[source]] yet: the hub is empty (add one per blog)");
  }
  try {
    const BuildReport report = run_build(config, options, console);
    for (const auto& warning : report.warnings) console.warning(warning);
    std::size_t posts = 0, comments = 0, spam = 0, failed = 0;
    for (const auto& node : report.conversation.nodes) {
      if (node.spam) {
        ++spam;
      } else if (node.kind == NodeKind::post) {
        ++posts;
      } else if (node.kind == NodeKind::comment) {
        ++comments;
      }
    }
    for (const auto& source : report.conversation.sources) {
      failed += source.status == SourceStatus::error || source.status == SourceStatus::gone;
    }
    console.info(count(report.conversation.sources.size(), "source", "sources") + " (" +
                 std::to_string(failed) + " failed), " + count(posts, "post", "posts") + ", " +
                 count(comments, "comment", "comments") + ", " +
                 count(report.conversation.threads.size(), "thread", "threads") + ", " +
                 std::to_string(spam) + " set aside as spam");
    console.info("site written to " +
                 std::filesystem::absolute(report.output).lexically_normal().string() + " (" +
                 count(report.files_written, "file", "files") + ")");
    return kExitOk;
  } catch (const ConfigError& error) {
    console.error(error.what());
    return kExitConfig;
  } catch (const std::exception& error) {
    console.error(std::string(error.what()) + " (the previous output is untouched)");
    return kExitBuild;
  }
}

}  // namespace confab
