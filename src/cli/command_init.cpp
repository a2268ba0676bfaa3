#include <filesystem>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "cli/site_template.h"
#include "cli/write_file.h"

namespace confab {

namespace fs = std::filesystem;

namespace {

constexpr const char* kInitHelp = R"(Usage: confab init DIR [OPTIONS]

Create a new campaign site in DIR (created if needed): site.toml with every key
commented, content/_index.md, a .gitignore and .github/workflows/confab.yml, which
publishes the hub on GitHub Pages every hour. The site builds with the theme built
into confab; `confab theme eject` writes it into the site, to change it.

Options:
  --title TITLE    the hub's title (default: the folder's name)
  -h, --help       show this help

Nothing is overwritten: init stops if any of these files already exists.)";

}  // namespace

int run_init_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed = parse_args(args, {"--title"}, {}, 1);
  if (parsed.has("--help")) {
    console.result(kInitHelp);
    return kExitOk;
  }
  if (parsed.positionals.empty()) throw UsageError("init needs the new site's folder");
  const fs::path dir = parsed.positionals[0];
  std::string title = parsed.value("--title");
  if (title.empty()) title = fs::absolute(dir).lexically_normal().filename().string();
  if (title.empty()) title = "Campaign hub";

  std::vector<std::pair<fs::path, std::string_view>> files;
  // No copy of the theme: the built-in one renders the site until it ejects its own.
  const auto site_files = init_site_files(title);
  for (const auto& file : site_files) files.emplace_back(dir / file.path, file.text);
  for (const auto& [path, bytes] : files) {
    if (fs::exists(path)) {
      console.error(path.string() +
                    " already exists: init writes only into a new site (nothing "
                    "was written)");
      return kExitProblems;
    }
  }
  try {
    for (const auto& [path, bytes] : files) write_file(path, bytes);
  } catch (const std::exception& error) {
    console.error(error.what());
    return kExitBuild;
  }
  console.info("created the site '" + title + "' in " + dir.string() + " (" +
               std::to_string(files.size()) +
               " files; it uses the built-in theme, which "
               "`confab theme eject` writes into the site to change)");
  console.info("next: add the blogs to watch to " + (dir / "site.toml").string() +
               " as [[source]] tables, then run `confab serve` there to preview");
  return kExitOk;
}

}  // namespace confab
