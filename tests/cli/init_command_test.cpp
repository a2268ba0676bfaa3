// `confab init`: the site it writes builds, and its commented site.toml, README's reference and
// the parser know the same keys.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "binary_runner.h"
#include "cli/site_template.h"
#include "config/config.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::fresh_dir;
using testing::read_text;
using testing::run_confab;

const fs::path kSource = CONFAB_SOURCE_DIR;

/// The template's lines grouped by the table they are under, commented or not:
/// "site" -> its lines, "source" -> the [[source]] example's lines.
std::map<std::string, std::string> lines_by_table(const std::string& toml) {
  static const std::regex header(R"(^#? ?\[\[?([a-z_.]+)\]\]?\s*$)");
  std::map<std::string, std::string> tables;
  std::string current;
  std::istringstream lines(toml);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, header)) {
      current = match[1];
      continue;
    }
    tables[current] += line + "\n";
  }
  return tables;
}

/// The template with every commented-out setting ("# key = …", "# [table]") made live.
std::string uncommented(const std::string& toml) {
  static const std::regex setting(R"(^# (\[.*\]|[a-z_]+ = .*)$)");
  std::string result;
  std::istringstream lines(toml);
  for (std::string line; std::getline(lines, line);) {
    result += (std::regex_match(line, setting) ? line.substr(2) : line) + "\n";
  }
  return result;
}

TEST(InitTemplate, ParsesWithTheTitleAndOnlyDefaults) {
  const SiteConfig config =
      parse_config(init_site_toml("Say \"hi\" \\ to\tall"), "/site/site.toml");
  EXPECT_EQ(config.site.title, "Say \"hi\" \\ to\tall");
  const SiteConfig defaults = parse_config("[site]\ntitle = \"x\"\n", "/site/site.toml");
  EXPECT_EQ(config.site.output, defaults.site.output);
  EXPECT_TRUE(config.sources.empty());
  EXPECT_EQ(config.fetch.concurrency, defaults.fetch.concurrency);
}

TEST(InitTemplate, EveryKeyTheParserKnowsIsShownUnderItsTable) {
  const auto tables = lines_by_table(init_site_toml("t"));
  for (const auto& [table, keys] : known_config_keys()) {
    // Team members are written inline in [campaign]: team = [{ name = …, url = … }].
    const std::string where = table == "campaign.team" ? "campaign" : std::string(table);
    ASSERT_TRUE(tables.count(where)) << "no [" << where << "] in confab init's site.toml "
                                     << "(src/cli/site_template.cpp)";
    for (std::string_view key : keys) {
      const std::string pattern =
          table == "campaign.team" ? std::string(key) + " = \"" : "# " + std::string(key) + " = ";
      const std::string& text = tables.at(where);
      const bool shown = text.find(pattern) != std::string::npos ||
                         text.find("\n" + std::string(key) + " = ") != std::string::npos ||
                         text.rfind(std::string(key) + " = ", 0) == 0;
      EXPECT_TRUE(shown) << "key '" << key << "' of [" << table
                         << "] is missing from confab init's site.toml "
                            "(src/cli/site_template.cpp)";
    }
  }
}

TEST(InitTemplate, EveryCommentedSettingIsValid) {
  const std::string live = uncommented(init_site_toml("t"));
  SiteConfig config;
  ASSERT_NO_THROW(config = parse_config(live, "/site/site.toml")) << live;
  EXPECT_EQ(config.sources.size(), 1u);
  EXPECT_EQ(config.campaign.links.size(), 1u);
  EXPECT_EQ(config.site.base_url, "https://example.github.io/hub/");
}

TEST(InitTemplate, ReadmeDocumentsEveryKey) {
  const std::string readme = read_text(kSource / "README.md");
  for (const auto& [table, keys] : known_config_keys()) {
    if (table == "campaign.team") continue;  // documented in the `team` row
    const std::string header = (table == "source" || table == "person")
                                   ? "### `[[" + std::string(table) + "]]`"
                                   : "### `[" + std::string(table) + "]`";
    const auto start = readme.find(header);
    if (start == std::string::npos) {
      ADD_FAILURE() << "README's site.toml reference has no " << header;
      continue;
    }
    const auto end = readme.find("\n#", start + header.size());
    const std::string section = readme.substr(start, end - start);
    for (std::string_view key : keys) {
      EXPECT_NE(section.find("| `" + std::string(key) + "` |"), std::string::npos)
          << "README's " << header << " table has no row for `" << key << "`";
    }
  }
}

TEST(InitTemplate, TheRepositoryWorkflowIsTheOneInitWrites) {
  const std::string workflow = init_workflow();
  EXPECT_EQ(read_text(kSource / ".github/workflows/confab.yml"), workflow)
      << "regenerate it: confab init /tmp/x && cp /tmp/x/.github/workflows/confab.yml .github/"
         "workflows/";
  // README's "Publish" section shows the whole file.
  EXPECT_NE(read_text(kSource / "README.md").find("```yaml\n" + workflow + "```"),
            std::string::npos);
}

TEST(InitTemplate, TheWorkflowHasWhatPublishingNeeds) {
  // actionlint checks the syntax (ctest workflow_actionlint); this checks the intent.
  const std::string workflow = init_workflow();
  for (const char* part :
       {"\n  schedule:\n", "cron: \"17 * * * *\"", "\n  workflow_dispatch:\n", "\n  push:\n",
        "\nconcurrency:\n", "cancel-in-progress: false", "pages: write", "id-token: write",
        "scripts/install-deps", "uses: actions/cache@v4", "uses: actions/cache/restore@v4",
        "uses: actions/cache/save@v4", "uses: actions/configure-pages@v5",
        "confab build --output public --base-url", "uses: actions/upload-pages-artifact@v3",
        "uses: actions/deploy-pages@v4", "name: github-pages"}) {
    EXPECT_NE(workflow.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(workflow.find('\t'), std::string::npos);
  EXPECT_EQ(workflow.find("cron: \"0 "), std::string::npos);  // never on the hour
}

TEST(InitTemplate, TheWorkflowInstallsPackagesInstallDepsKnows) {
  const std::string workflow = init_workflow();
  const std::string install_deps = read_text(kSource / "scripts/install-deps");
  const auto start = workflow.find("--no-install-recommends");
  ASSERT_NE(start, std::string::npos);
  std::istringstream words(workflow.substr(start, workflow.find("\n\n", start) - start));
  int packages = 0;
  for (std::string word; words >> word;) {
    if (word.starts_with("--") || word == "\\" || word == "ca-certificates") continue;
    ++packages;
    EXPECT_NE(install_deps.find(" " + word), std::string::npos)
        << "the workflow installs '" << word << "', which scripts/install-deps does not";
  }
  EXPECT_GT(packages, 10);
}

TEST(InitCommand, WritesASiteThatBuildsEmptyWithTheBuiltInTheme) {
  const auto dir = fresh_dir("init") / "new-site";
  const auto init = run_confab("init " + dir.string() + " --title 'Spring launch'");
  ASSERT_EQ(init.exit_code, 0) << init.err;
  for (const char* file :
       {"site.toml", "content/_index.md", ".gitignore", ".github/workflows/confab.yml"}) {
    EXPECT_TRUE(fs::is_regular_file(dir / file)) << file;
  }
  // No copy of the theme: the one built into confab renders the site until it ejects its own.
  EXPECT_FALSE(fs::exists(dir / "themes"));
  EXPECT_NE(init.err.find("confab theme eject"), std::string::npos) << init.err;
  const std::string gitignore = read_text(dir / ".gitignore");
  EXPECT_NE(gitignore.find("/public\n"), std::string::npos);  // a link: no trailing slash
  EXPECT_NE(gitignore.find("/.public.confab/"), std::string::npos);
  EXPECT_NE(gitignore.find("/.confab/"), std::string::npos);

  const auto build =
      run_confab("build --config " + (dir / "site.toml").string(), "SOURCE_DATE_EPOCH=1700000000");
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_NE(build.err.find("no [[source]]"), std::string::npos) << build.err;
  const std::string index = read_text(dir / "public/index.html");
  EXPECT_NE(index.find("Spring launch"), std::string::npos);
  EXPECT_EQ(read_text(dir / "public/style.css"),
            read_text(kSource / "themes/default/static/style.css"));
}

TEST(InitCommand, NeverOverwrites) {
  const auto dir = fresh_dir("init-twice");
  ASSERT_EQ(run_confab("init " + dir.string()).exit_code, 0);
  std::ofstream(dir / "site.toml", std::ios::trunc) << "[site]\ntitle = \"mine\"\n";
  const auto again = run_confab("init " + dir.string());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_EQ(read_text(dir / "site.toml"), "[site]\ntitle = \"mine\"\n");
  EXPECT_EQ(run_confab("init").exit_code, 2);
}

TEST(BuildOptions, BaseUrlAndDrafts) {
  const auto dir = fresh_dir("build-flags");
  ASSERT_EQ(run_confab("init " + dir.string() + " --title Flags").exit_code, 0);
  std::ofstream(dir / "content/plans.md") << "+++\ntitle = \"Secret plans\"\ndraft = true\n+++\n"
                                             "Not yet.\n";
  const std::string config = (dir / "site.toml").string();
  ASSERT_EQ(run_confab("build --config " + config).exit_code, 0);
  EXPECT_FALSE(fs::exists(dir / "public/plans/index.html"));
  const auto drafts =
      run_confab("build --drafts --base-url https://user.github.io/hub/ --config " + config);
  ASSERT_EQ(drafts.exit_code, 0) << drafts.err;
  EXPECT_NE(read_text(dir / "public/plans/index.html").find("Secret plans"), std::string::npos);
  EXPECT_NE(read_text(dir / "public/plans/index.html").find("https://user.github.io/hub/"),
            std::string::npos);
  EXPECT_EQ(run_confab("build --base-url ftp://x/ --config " + config).exit_code, 2);
}

}  // namespace
}  // namespace confab
