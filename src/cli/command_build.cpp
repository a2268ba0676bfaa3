#include <filesystem>

#include "build/build.h"
#include "cli/args.h"
#include "cli/build_summary.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "config/config.h"

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
  --timings        say how long each stage took, and the peak memory after each
  -h, --help       show this help

A failed source is reported and the site is still written. The output is a link to
one of two trees beside it (.<name>.confab/): the other is brought up to date, writing
only what changed, and the link turns to it when it is complete. SOURCE_DATE_EPOCH
sets the build time.)";

}  // namespace

int run_build_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed =
      parse_args(args, {"--config", "--output", "--record", "--base-url", "--archive"},
                 {"--offline", "--drafts", "--timings"}, 0);
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
  options.progress = progress_on(console);
  if (parsed.has("--base-url") && !options.base_url.starts_with("http://") &&
      !options.base_url.starts_with("https://")) {
    throw UsageError("--base-url needs an http(s) URL, not '" + options.base_url + "'");
  }
  if (config.sources.empty()) {
    console.info("site.toml lists no [[source]] yet: the hub is empty (add one per blog)");
  }
  try {
    const BuildReport report = run_build(config, options);
    print_build_summary(report, console);
    if (parsed.has("--timings")) print_build_timings(report, console);
    console.info(
        "site written to " + report.output.string() + " (" + std::to_string(report.files_written) +
        (report.files_written == 1 ? " file" : " files") +
        (report.files_unchanged > 0 ? ", " + std::to_string(report.files_unchanged) + " unchanged"
                                    : std::string()) +
        (report.pages_kept > 0
             ? ", " + std::to_string(report.pages_kept) +
                   (report.pages_kept == 1 ? " page" : " pages") + " not rendered again" +
                   (report.pages_kept_as_made > 0
                        ? ", " + std::to_string(report.pages_kept_as_made) +
                              " of them without making their data"
                        : std::string())
             : std::string()) +
        ")");
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
