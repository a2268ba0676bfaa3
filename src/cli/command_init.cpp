#include <filesystem>
#include <fstream>

#include "build/default_theme.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "cli/site_template.h"

namespace confab {

namespace fs = std::filesystem;

namespace {

constexpr const char* kInitHelp = R"(Usage: confab init DIR [OPTIONS]

Create a new campaign site in DIR (created if needed): site.toml with every key
commented, content/_index.md, the default theme in themes/default/, a .gitignore
and .github/workflows/confab.yml, which publishes the hub on GitHub Pages every hour.

Options:
  --title TITLE    the hub's title (default: the folder's name)
  -h, --help       show this help

Nothing is overwritten: init stops if any of these files already exists.)";

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error(path.string() + ": cannot write");
}

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
  const auto site_files = init_site_files(title);
  for (const auto& file : site_files) files.emplace_back(dir / file.path, file.text);
  const auto theme_files = default_theme_files();
  for (const auto& file : theme_files) {
    files.emplace_back(dir / "themes/default" / file.path, file.bytes);
  }
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
               std::to_string(files.size()) + " files, the theme in themes/default/)");
  console.info("next: add the blogs to watch to " + (dir / "site.toml").string() +
               " as [[source]] tables, then run `confab serve` there to preview");
  return kExitOk;
}

}  // namespace confab
