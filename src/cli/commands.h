// confab's commands. Each takes its arguments (after the command name) and returns the exit code
// (see README "Exit codes").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/args.h"
#include "config/config.h"

namespace confab {

class Console;

/// Exit codes, stable for scripts and CI.
enum ExitCode : int {
  kExitOk = 0,
  kExitProblems = 1,  ///< check found unreachable sources; inspect got no feed or page
  kExitUsage = 2,     ///< the command line is wrong
  kExitConfig = 3,    ///< site.toml is missing or invalid
  kExitBuild = 4,     ///< the site could not be rendered or written (previous output kept)
};

/// Loads the site.toml that `--config` names (default ./site.toml); on a ConfigError reports
/// it located and returns nullopt, and the command exits with kExitConfig.
std::optional<SiteConfig> load_command_config(const ParsedArgs& parsed, Console& console);

int run_build_command(const std::vector<std::string>& args, Console& console);
int run_check_command(const std::vector<std::string>& args, Console& console);
int run_inspect_command(const std::vector<std::string>& args, Console& console);
int run_archive_command(const std::vector<std::string>& args, Console& console);
int run_serve_command(const std::vector<std::string>& args, Console& console);
int run_init_command(const std::vector<std::string>& args, Console& console);
int run_theme_command(const std::vector<std::string>& args, Console& console);

/// Dispatches `confab COMMAND ...`; `args` excludes the program name.
int run_confab(const std::vector<std::string>& args, Console& console);

}  // namespace confab
