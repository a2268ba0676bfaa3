#include "build/build.h"
#include "build/build_fetcher.h"
#include "build/site_sources.h"
#include "build/spider.h"
#include "cli/args.h"
#include "cli/build_summary.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "config/config.h"

namespace confab {

namespace {

constexpr const char* kCheckHelp = R"(Usage: confab check [OPTIONS]

Validate site.toml, the theme, and that every source answers with a feed.
Exits 0 when all is well, 1 when a source fails, 3 when site.toml is invalid.

Options:
  --config FILE    site.toml to check (default: ./site.toml)
  -h, --help       show this help)";

}  // namespace

int run_check_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed = parse_args(args, {"--config"}, {}, 0);
  if (parsed.has("--help")) {
    console.result(kCheckHelp);
    return kExitOk;
  }
  const std::optional<SiteConfig> loaded = load_command_config(parsed, console);
  if (!loaded) return kExitConfig;
  const SiteConfig& config = *loaded;
  int problems = 0;
  try {
    load_theme(config);
  } catch (const std::exception& error) {
    console.error(error.what());
    ++problems;
  }
  const auto fetcher = make_build_fetcher(config);
  const auto harvests = run_spider(config, *fetcher, build_time_now(), progress_on(console),
                                   SpiderScope::sources_only)
                            .harvests;
  std::string table;
  for (const auto& harvest : harvests) {
    const auto& source = harvest.report;
    if (source.status == SourceStatus::ok) {
      table += "ok     " + source.name + ": " + source.feed + " (" +
               std::to_string(harvest.posts.size()) + " entries)\n";
    } else {
      ++problems;
      table += std::string(source.status == SourceStatus::gone ? "gone   " : "error  ") +
               source.name + ": " + source.error + "\n";
    }
  }
  table += problems == 0
               ? "site.toml and all " + std::to_string(harvests.size()) + " sources are fine\n"
               : std::to_string(problems) + " problem(s) found\n";
  console.result(table);
  return problems == 0 ? kExitOk : kExitProblems;
}

}  // namespace confab
