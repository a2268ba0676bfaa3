// `confab archive stats|export|import`: look into the archive, back it up, restore it.
#include <fstream>
#include <iostream>
#include <sstream>

#include "archive/archive.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "config/config.h"

namespace confab {

namespace {

constexpr const char* kArchiveHelp = R"(Usage: confab archive stats|export|import [OPTIONS] [FILE]

The archive remembers every post and comment any build has seen ([archive] path,
default .confab/archive.db beside site.toml).

  stats            entries per source and kind, last success of each source
  export           the whole archive as JSON Lines (stable order, for backups and diffs)
  import FILE      restore an export (FILE, or - for stdin) into an empty archive

Options:
  --config FILE    site.toml whose archive to use (default: ./site.toml)
  --archive FILE   use this archive file instead of [archive] path
  --output FILE    export: write here instead of stdout
  -h, --help       show this help)";

/// Pads to `width` columns, counting UTF-8 characters rather than bytes.
std::string pad(std::string text, std::size_t width) {
  std::size_t columns = 0;
  for (const unsigned char byte : text) columns += (byte & 0xC0) != 0x80;
  if (columns < width) text.append(width - columns, ' ');
  return text;
}

std::string stats_table(const ArchiveStats& stats) {
  std::string table = pad("source", 32) + pad("kind", 9) + pad("entries", 9) + pad("removed", 9) +
                      "status  last success\n";
  for (const auto& row : stats.rows) {
    table += pad(row.source, 31) + " " + pad(row.kind, 9) + pad(std::to_string(row.entries), 9) +
             pad(std::to_string(row.removed_upstream), 9) + pad(row.status, 8) +
             (row.last_success ? format_rfc3339(*row.last_success) : "never") + "\n";
  }
  table += std::to_string(stats.runs) + " builds recorded, " + std::to_string(stats.fetch_states) +
           " URLs remembered, schema version " + std::to_string(stats.schema_version) + "\n";
  return table;
}

}  // namespace

int run_archive_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed = parse_args(args, {"--config", "--archive", "--output"}, {}, 2);
  if (parsed.has("--help")) {
    console.result(kArchiveHelp);
    return kExitOk;
  }
  if (parsed.positionals.empty()) throw UsageError("say what to do: stats, export or import");
  const std::string& action = parsed.positionals[0];
  if (action != "stats" && action != "export" && action != "import") {
    throw UsageError("unknown archive action '" + action + "' (stats, export or import)");
  }
  if ((action == "import") != (parsed.positionals.size() == 2)) {
    throw UsageError(action == "import" ? "import needs the FILE to read (or - for stdin)"
                                        : "'" + action + "' takes no FILE");
  }
  std::filesystem::path file = parsed.value("--archive");
  if (file.empty()) {
    try {
      file = load_config(parsed.value("--config", "site.toml")).archive_file();
    } catch (const ConfigError& error) {
      console.error(error.what());
      return kExitConfig;
    }
  }
  try {
    if (action != "import" && !std::filesystem::exists(file)) {
      console.error(file.string() + ": no archive yet (run confab build first)");
      return kExitProblems;
    }
    Archive archive(file);
    if (action == "stats") {
      console.result(stats_table(archive.stats()));
    } else if (action == "export") {
      const std::string output = parsed.value("--output");
      if (output.empty()) {
        std::ostringstream text;
        archive.export_jsonl(text);
        console.result(text.str());
      } else {
        std::ofstream out(output, std::ios::binary);
        archive.export_jsonl(out);
        out.close();
        if (!out) throw ArchiveError(output + ": cannot write the export");
        console.info("archive exported to " + output);
      }
    } else {
      const std::string input = parsed.positionals[1];
      if (input == "-") {
        archive.import_jsonl(std::cin);
      } else {
        std::ifstream in(input, std::ios::binary);
        if (!in) throw ArchiveError(input + ": cannot read");
        try {
          archive.import_jsonl(in);
        } catch (const ArchiveError& error) {
          throw ArchiveError(input + ": " + error.what());
        }
      }
      console.info("imported into " + file.string());
    }
    return kExitOk;
  } catch (const ArchiveError& error) {
    console.error(error.what());
    return kExitProblems;
  }
}

}  // namespace confab
