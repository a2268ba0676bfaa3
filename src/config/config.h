// The config stage's face: site.toml v1 as a plain struct. See README "site.toml reference".
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace confab {

enum class SourceRole { campaign, blog };

/// One blog to watch. `url` is its homepage or its feed; `feed` overrides autodiscovery.
struct SourceConfig {
  std::string name;
  std::string url;
  std::string feed;
  SourceRole role = SourceRole::blog;
};

/// Someone who speaks for the campaign: recognised by name and/or homepage URL.
struct TeamMember {
  std::string name;
  std::string url;
};

struct SiteSection {
  std::string title;
  std::string base_url;
  std::string language = "en";
  std::string theme = "default";
  std::string output = "public";
};

struct CampaignSection {
  std::vector<std::string> links;  ///< URLs that *are* the campaign (video page, campaign blog)
  std::vector<std::string> keywords;
  std::vector<TeamMember> team;
};

struct FetchSection {
  int concurrency = 16;
  double timeout = 30;  ///< seconds per request
  std::string user_agent = "confab/0.1 (+https://github.com/confab)";
  std::string replay;   ///< a snapshot directory answering every request, "" to use the network
};

struct CrawlSection {
  int depth = 1;
  int max_pages = 200;
};

struct SiteConfig {
  std::filesystem::path file;  ///< the site.toml this came from
  std::filesystem::path root;  ///< its directory: relative paths in the file resolve here
  SiteSection site;
  CampaignSection campaign;
  std::vector<SourceConfig> sources;
  FetchSection fetch;
  CrawlSection crawl;

  /// `replay` and `output` resolved against `root` ("" stays "").
  std::filesystem::path replay_dir() const;
  std::filesystem::path output_dir() const;
};

/// A problem in site.toml, located: what() is "FILE:LINE:COL: message".
struct ConfigError : std::runtime_error {
  ConfigError(std::string file, int line, int column, const std::string& message);
  std::string file;
  int line;
  int column;
  std::string message;
};

/// Parses site.toml text; `file` names it in errors. Throws ConfigError on the first problem.
SiteConfig parse_config(std::string_view text, const std::filesystem::path& file);

/// Reads and parses a site.toml file. Throws ConfigError (a missing file is line 0, column 0).
SiteConfig load_config(const std::filesystem::path& file);

}  // namespace confab
