// `confab theme eject [DIR]`: the built-in theme written out, to change it.
#include <filesystem>

#include "build/default_theme.h"
#include "build/site_sources.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "cli/write_file.h"

namespace confab {

namespace fs = std::filesystem;

namespace {

constexpr const char* kThemeHelp = R"(Usage: confab theme eject [DIR] [OPTIONS]

A site builds with the default theme compiled into confab unless it has a
themes/default/ folder of its own. `eject` writes that theme out, to change it:
into DIR, by default themes/default/ beside site.toml, where the next build
takes it instead of the built-in one.

To change a few templates only, copy them into the site's templates/ instead
(templates/partials/node.html, say): a file there overrides the theme's file
of the same name, whichever theme the site uses.

Options:
  --config FILE    site.toml of the site to write into (default: ./site.toml)
  --force          write into DIR even if it exists, replacing the theme's files
                   there (other files in it are left alone)
  -h, --help       show this help)";

/// What to do with the theme written into `dir`, for a site whose site.toml is in `site`.
std::string how_to_use(const fs::path& dir, const fs::path& site) {
  const fs::path themes = fs::weakly_canonical(site / "themes");
  const fs::path written = fs::weakly_canonical(dir);
  const std::string name = written.filename().string();
  if (written.parent_path() != themes) {
    return "to use it, move it to themes/NAME/ beside site.toml and set [site] theme = \"NAME\"";
  }
  if (name == kBuiltInTheme) {
    return "the site now builds with this copy (when [site] theme is \"default\"): change it as "
           "you like; its README.md documents each template's data";
  }
  return "set [site] theme = \"" + name + "\" in site.toml to build with it";
}

int eject(const ParsedArgs& parsed, Console& console) {
  const fs::path site = fs::path(parsed.value("--config", "site.toml")).parent_path();
  const fs::path dir = parsed.positionals.size() > 1 ? fs::path(parsed.positionals[1])
                                                     : site / "themes" / kBuiltInTheme;
  if (fs::exists(dir) && !parsed.has("--force")) {
    console.error(dir.string() +
                  " already exists: eject writes only into a new folder (nothing was written; "
                  "--force replaces the theme's files in it)");
    return kExitProblems;
  }
  const auto files = default_theme_files();
  try {
    for (const EmbeddedFile& file : files) write_file(dir / file.path, file.bytes);
  } catch (const std::exception& error) {
    console.error(error.what());
    return kExitBuild;
  }
  console.info("wrote the built-in theme to " + dir.string() + " (" + std::to_string(files.size()) +
               " files)");
  console.info(how_to_use(dir, site.empty() ? fs::path(".") : site));
  return kExitOk;
}

}  // namespace

int run_theme_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed = parse_args(args, {"--config"}, {"--force"}, 2);
  if (parsed.has("--help")) {
    console.result(kThemeHelp);
    return kExitOk;
  }
  if (parsed.positionals.empty()) throw UsageError("say what to do: eject");
  if (parsed.positionals[0] != "eject") {
    throw UsageError("unknown theme action '" + parsed.positionals[0] + "' (eject)");
  }
  return eject(parsed, console);
}

}  // namespace confab
