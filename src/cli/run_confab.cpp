#include <string_view>

#include "base/edit_distance.h"
#include "base/version.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/console.h"

namespace confab {

namespace {

constexpr const char* kHelp = R"(confab — one hub page for a campaign's whole blog conversation

Usage: confab COMMAND [OPTIONS]

Commands:
  build     fetch the sources, thread the conversation, write the site
  check     validate site.toml and that every source answers with a feed
  inspect   parse one feed or page and print it as JSON
  archive   the archive of everything seen: stats, export, import
  serve     build, serve the site locally and rebuild it on every change
  init      create a new campaign site
  theme     eject: write the built-in theme into the site, to change it

Options:
  --version   print the version
  -h, --help  show this help; `confab COMMAND --help` shows a command's options

Exit codes: 0 ok, 1 problems found (check, inspect), 2 usage error,
3 invalid site.toml, 4 the site could not be written (the previous one is kept).)";

}  // namespace

std::optional<SiteConfig> load_command_config(const ParsedArgs& parsed, Console& console) {
  try {
    return load_config(parsed.value("--config", "site.toml"));
  } catch (const ConfigError& error) {
    console.error(error.what());
    return std::nullopt;
  }
}

int run_confab(const std::vector<std::string>& args, Console& console) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    console.result(kHelp);
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version" || args[0] == "version") {
    console.result("confab " + std::string(confab_version()));
    return kExitOk;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (args[0] == "build") return run_build_command(rest, console);
    if (args[0] == "check") return run_check_command(rest, console);
    if (args[0] == "inspect") return run_inspect_command(rest, console);
    if (args[0] == "archive") return run_archive_command(rest, console);
    if (args[0] == "serve") return run_serve_command(rest, console);
    if (args[0] == "init") return run_init_command(rest, console);
    if (args[0] == "theme") return run_theme_command(rest, console);
  } catch (const UsageError& error) {
    console.error(error.what() + std::string(" (see confab ") + args[0] + " --help)");
    return kExitUsage;
  }
  static constexpr std::string_view kCommands[] = {"build", "check", "inspect", "serve",
                                                   "init",  "theme", "archive"};
  std::string message = "unknown command '" + args[0] + "'";
  if (auto near = closest_match(args[0], kCommands)) {
    message += "; did you mean '" + std::string(*near) + "'?";
  }
  console.error(message + " (see confab --help)");
  return kExitUsage;
}

}  // namespace confab
