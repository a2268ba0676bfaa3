// The config stage's face: site.toml v1 as a plain struct. See README "site.toml reference".
#pragma once

#include <filesystem>
#include <map>
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
  /// A Webmention endpoint (https://webmention.io/USER/webmention): every page names it with
  /// <link rel="webmention">, and the mentions it received for the hub's pages are read.
  std::string webmention;
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
  std::string replay;  ///< a snapshot directory answering every request, "" to use the network
  int per_host = 2;    ///< connections to one host at once
  double connect_timeout = 10;        ///< seconds
  long max_body = 10L * 1024 * 1024;  ///< bytes; a larger response is a `too_large` failure
  int max_redirects = 5;
  long low_speed_limit = 100;  ///< bytes per second; slower for low_speed_time aborts
  double low_speed_time = 30;  ///< seconds (0: never abort for slowness)
  /// Pages of one post's comments read from a paged representation (WordPress REST API at 100
  /// a page, Blogger/Atom rel="next" pages): the bound on a post's history per build.
  int max_comment_pages = 10;
};

struct CrawlSection {
  int depth = 1;
  int max_pages = 200;
  std::vector<std::string>
      allow;  ///< domains: when not empty, only these (and subdomains) are crawled
  std::vector<std::string> deny;  ///< domains (and subdomains) never crawled
  bool allow_private = false;     ///< crawl links to loopback/private/link-local addresses
};

/// Platform sources (README "Platforms"): Hacker News, Reddit, Lemmy and Discourse threads that
/// discuss the campaign, looked up through their public APIs.
struct PlatformsSection {
  /// Platforms asked, for every campaign link and conversation post, which threads submit it.
  std::vector<std::string> lookup = {"hackernews", "reddit", "webmention"};
  int max_lookups = 50;            ///< URLs looked up per platform per build
  int max_requests = 100;          ///< requests per platform per build (lookups, threads, pages)
  int max_listed = 100;            ///< threads one listing (a hashtag, a profile) names per build
  double interval = 1;             ///< seconds between two requests to one platform
  std::vector<std::string> lemmy;  ///< Lemmy instances to look URLs up on
  std::vector<std::string> discourse;  ///< Discourse forums to look URLs up on
  /// API origins by platform name ("hackernews" → "http://127.0.0.1:8080"), for tests and
  /// replay snapshots; a platform not listed uses its public API.
  std::map<std::string, std::string> api;
};

/// Where the archive (the hub's memory between builds, see README "The archive") lives.
struct ArchiveSection {
  std::string path = ".confab/archive.db";
};

/// [spam]: comment authors the filter must trust or reject whatever it thinks. An entry is an
/// author's name (case- and accent-insensitive) or a domain (matching the author's URL host and
/// its subdomains).
struct SpamSection {
  std::vector<std::string> allow;
  std::vector<std::string> deny;
};

/// [[person]]: one person however blogs spell them, overriding automatic recognition.
struct PersonConfig {
  std::string name;                  ///< display name; also matched like an alias
  std::vector<std::string> aliases;  ///< other names they comment under
  std::vector<std::string> urls;     ///< homepages they sign with
  bool team = false;                 ///< speaks for the campaign
};

struct SiteConfig {
  std::filesystem::path file;  ///< the site.toml this came from
  std::filesystem::path root;  ///< its directory: relative paths in the file resolve here
  SiteSection site;
  CampaignSection campaign;
  std::vector<SourceConfig> sources;
  FetchSection fetch;
  CrawlSection crawl;
  SpamSection spam;
  std::vector<PersonConfig> people;  ///< [[person]] tables, in file order
  PlatformsSection platforms;
  ArchiveSection archive;

  /// `replay` and `output` resolved against `root` ("" stays "").
  std::filesystem::path replay_dir() const;
  std::filesystem::path output_dir() const;
  /// [archive] path resolved against `root`.
  std::filesystem::path archive_file() const;
};

/// A problem in site.toml or a theme.toml, located: what() is "FILE:LINE:COL: message".
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

/// A table of site.toml and the keys it accepts; "campaign.team" holds a team member's keys.
struct ConfigTableKeys {
  std::string_view table;
  std::vector<std::string_view> keys;
};

/// Every table and key site.toml accepts, in file order: for `confab init`'s commented
/// template and the tests that keep it and README's reference in sync with the parser.
std::vector<ConfigTableKeys> known_config_keys();

}  // namespace confab
