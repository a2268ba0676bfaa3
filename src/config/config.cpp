// Reads site.toml v1 into SiteConfig: the TOML tree base/toml_reader gives, checked against the
// schema below.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/ascii.h"
#include "base/edit_distance.h"
#include "base/strings.h"
#include "base/toml_reader.h"
#include "config/config.h"

namespace confab {
namespace {

using KeyList = std::span<const std::string_view>;

constexpr std::array<std::string_view, 9> kTopLevelKeys = {
    "site", "campaign", "source", "fetch", "crawl", "spam", "person", "archive", "platforms"};
constexpr std::array<std::string_view, 6> kSiteKeys = {"title", "base_url", "language",
                                                       "theme", "output",   "webmention"};
constexpr std::array<std::string_view, 3> kCampaignKeys = {"links", "keywords", "team"};
constexpr std::array<std::string_view, 2> kTeamMemberKeys = {"name", "url"};
constexpr std::array<std::string_view, 4> kSourceKeys = {"name", "url", "feed", "role"};
constexpr std::array<std::string_view, 11> kFetchKeys = {
    "concurrency",     "timeout",         "user_agent",       "replay",
    "per_host",        "connect_timeout", "max_body",         "max_redirects",
    "low_speed_limit", "low_speed_time",  "max_comment_pages"};
constexpr std::array<std::string_view, 5> kCrawlKeys = {"depth", "max_pages", "allow", "deny",
                                                        "allow_private"};
constexpr std::array<std::string_view, 2> kSpamKeys = {"allow", "deny"};
constexpr std::array<std::string_view, 1> kArchiveKeys = {"path"};
constexpr std::array<std::string_view, 13> kPlatformsKeys = {
    "lookup",        "max_lookups", "max_requests",   "max_listed", "interval",
    "lemmy",         "discourse",   "hackernews_api", "reddit_api", "lemmy_api",
    "discourse_api", "bluesky_api", "webmention_api"};
// The platforms that look URLs up (the platforms stage's names; config only checks the words).
constexpr std::array<std::string_view, 5> kLookupNames = {"hackernews", "reddit", "lemmy",
                                                          "discourse", "webmention"};
// The platforms whose API site.toml may move (Mastodon is asked on each status's instance).
constexpr std::array<std::string_view, 6> kApiNames = {"hackernews", "reddit",  "lemmy",
                                                       "discourse",  "bluesky", "webmention"};
constexpr std::array<std::string_view, 4> kPersonKeys = {"name", "aliases", "urls", "team"};

// The keys each top-level table accepts, to tell a user where a stray top-level key belongs.
constexpr std::array<std::pair<std::string_view, KeyList>, 7> kSectionKeys = {{
    {"site", kSiteKeys},
    {"campaign", kCampaignKeys},
    {"fetch", kFetchKeys},
    {"crawl", kCrawlKeys},
    {"spam", kSpamKeys},
    {"archive", kArchiveKeys},
    {"platforms", kPlatformsKeys},
}};

// How a top-level table is written as a header: [[source]] is the only array of tables.
std::string header_of(std::string_view table) {
  if (table == "source" || table == "person") return "[[" + std::string(table) + "]]";
  return "[" + std::string(table) + "]";
}

std::string join(KeyList words, std::string_view separator,
                 std::string (*format)(std::string_view)) {
  std::string text;
  for (std::string_view word : words) {
    if (!text.empty()) text += separator;
    text += format(word);
  }
  return text;
}

std::string quoted(std::string_view word) {
  return "'" + std::string(word) + "'";
}

// URLs in site.toml are written by hand: spaces must be percent-encoded, so any whitespace or
// control character means a typo (or two URLs run together).
bool has_space_or_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7f;
  });
}

// An absolute http: or https: URL with a host. Kept here rather than in base/url because the
// question is narrower: "would a person accept this as a web address in a config file".
bool is_web_url(std::string_view url) {
  std::string_view rest;
  if (istarts_with(url, "http://")) {
    rest = url.substr(7);
  } else if (istarts_with(url, "https://")) {
    rest = url.substr(8);
  } else {
    return false;
  }
  if (has_space_or_control(url)) return false;
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  if (authority.starts_with('[')) {  // an IPv6 literal
    const auto close = authority.find(']');
    return close != std::string_view::npos && close > 1;
  }
  const std::string_view host = authority.substr(0, authority.find(':'));
  return !host.empty();
}

// file: URLs let a source point at a saved copy of a blog (used by tests and demos).
bool is_file_url(std::string_view url) {
  return istarts_with(url, "file:") && url.size() > 5 && !has_space_or_control(url);
}

// Walks the parsed document against the v1 schema; throws ConfigError at the first problem.
class ConfigReader {
 public:
  explicit ConfigReader(std::string file) : file_(std::move(file)) {}

  void read(const TomlValue& root, SiteConfig& config) const {
    reject_unknown_top_level_keys(root);
    read_site(root, config.site);
    if (const TomlValue* campaign = section(root, "campaign")) {
      read_campaign(*campaign, config.campaign);
    }
    read_sources(root, config.sources);
    if (const TomlValue* fetch = section(root, "fetch")) read_fetch(*fetch, config.fetch);
    if (const TomlValue* crawl = section(root, "crawl")) read_crawl(*crawl, config.crawl);
    if (const TomlValue* archive = section(root, "archive")) {
      read_archive(*archive, config.archive);
    }
    if (const TomlValue* spam = section(root, "spam")) read_spam(*spam, config.spam);
    read_people(root, config.people);
    if (const TomlValue* platforms = section(root, "platforms")) {
      read_platforms(*platforms, config.platforms);
    }
  }

 private:
  [[noreturn]] void fail(TomlPosition where, const std::string& message) const {
    int line = where.line;
    int column = where.column;
    if (line == 0) {  // a table the document implies without a place in the text
      line = 1;
      column = 1;
    }
    throw ConfigError(file_, line, column, message);
  }

  void reject_unknown_top_level_keys(const TomlValue& root) const {
    for (const TomlEntry& entry : root.table) {
      const std::string_view name = entry.key;
      const TomlValue* node = &entry.value;
      if (std::find(kTopLevelKeys.begin(), kTopLevelKeys.end(), name) != kTopLevelKeys.end()) {
        continue;
      }
      const bool written_as_table = node->is_table() || node->is_array_of_tables();
      std::string message = written_as_table ? "unknown table " + header_of(name)
                                             : "unknown top-level key " + quoted(name);
      if (!written_as_table) {
        if (const auto section = section_accepting(name)) {
          fail(entry.key_position, message + "; it belongs in " + header_of(*section));
        }
      }
      if (const auto near = closest_match(name, kTopLevelKeys)) {
        message += "; did you mean " + header_of(*near) + "?";
      } else {
        message += "; valid tables: " + join(kTopLevelKeys, ", ", header_of);
      }
      fail(entry.key_position, message);
    }
  }

  static std::optional<std::string_view> section_accepting(std::string_view key) {
    for (const auto& [section, keys] : kSectionKeys) {
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) return section;
    }
    if (std::find(kSourceKeys.begin(), kSourceKeys.end(), key) != kSourceKeys.end()) {
      return "source";
    }
    return std::nullopt;
  }

  void reject_unknown_keys(const TomlValue& table, KeyList valid, std::string_view where) const {
    for (const TomlEntry& entry : table.table) {
      const std::string_view name = entry.key;
      if (std::find(valid.begin(), valid.end(), name) != valid.end()) continue;
      std::string message = "unknown key " + quoted(name) + " in " + std::string(where);
      if (const auto near = closest_match(name, valid)) {
        message += "; did you mean " + quoted(*near) + "?";
      } else {
        message += "; valid keys: " + join(valid, ", ", quoted);
      }
      fail(entry.key_position, message);
    }
  }

  // A top-level table that must be written as [name]: nullptr when absent.
  const TomlValue* section(const TomlValue& root, std::string_view name) const {
    const TomlValue* node = root.find(name);
    if (node == nullptr) return nullptr;
    if (node->is_table()) return node;
    fail(node->position, std::string(name) + " must be a table (" + header_of(name) + "), got " +
                             std::string(node->kind_name()));
  }

  [[noreturn]] void wrong_type(const TomlValue& node, std::string_view where, std::string_view key,
                               std::string_view expected) const {
    fail(node.position, std::string(where) + " " + std::string(key) + " must be " +
                            std::string(expected) + ", got " + std::string(node.kind_name()));
  }

  std::optional<std::string> string_value(const TomlValue& table, std::string_view key,
                                          std::string_view where) const {
    const TomlValue* node = table.find(key);
    if (node == nullptr) return std::nullopt;
    if (node->kind == TomlValue::Kind::string) return node->string;
    wrong_type(*node, where, key, "a string");
  }

  std::optional<std::string> nonempty_string_value(const TomlValue& table, std::string_view key,
                                                   std::string_view where) const {
    auto value = string_value(table, key, where);
    if (value && value->empty()) {
      fail(table.find(key)->position,
           std::string(where) + " " + std::string(key) + " must not be empty");
    }
    return value;
  }

  std::optional<std::int64_t> integer_value(const TomlValue& table, std::string_view key,
                                            std::string_view where, std::int64_t min,
                                            std::int64_t max) const {
    const TomlValue* node = table.find(key);
    if (node == nullptr) return std::nullopt;
    if (node->kind != TomlValue::Kind::integer) wrong_type(*node, where, key, "an integer");
    const std::int64_t number = node->integer;
    if (number < min || number > max) {
      const std::string range =
          max == std::numeric_limits<int>::max()
              ? "at least " + std::to_string(min)
              : "between " + std::to_string(min) + " and " + std::to_string(max);
      fail(node->position, std::string(where) + " " + std::string(key) + " must be " + range +
                               ", got " + std::to_string(number));
    }
    return number;
  }

  // Every element of an array of strings, each with its node for locating problems.
  std::vector<std::pair<std::string, const TomlValue*>> string_array_value(
      const TomlValue& table, std::string_view key, std::string_view where) const {
    std::vector<std::pair<std::string, const TomlValue*>> strings;
    const TomlValue* node = table.find(key);
    if (node == nullptr) return strings;
    if (!node->is_array()) wrong_type(*node, where, key, "an array of strings");
    for (const TomlValue& element : node->array) {
      if (element.kind != TomlValue::Kind::string) {
        wrong_type(element, where, std::string(key) + " entry", "a string");
      }
      strings.emplace_back(element.string, &element);
    }
    return strings;
  }

  void require_web_url(const std::string& url, const TomlValue& node, std::string_view where,
                       std::string_view key) const {
    if (!is_web_url(url)) {
      fail(node.position, std::string(where) + " " + std::string(key) +
                              " must be an http(s) URL, got \"" + url + "\"");
    }
  }

  void read_site(const TomlValue& root, SiteSection& site) const {
    const TomlValue* table = section(root, "site");
    if (table == nullptr) {
      fail({}, "missing required table [site] (the whole section is absent; it needs a title)");
    }
    reject_unknown_keys(*table, kSiteKeys, "[site]");
    const auto title = nonempty_string_value(*table, "title", "[site]");
    if (!title) fail(table->position, "[site] is missing required key 'title'");
    site.title = *title;
    if (auto base_url = string_value(*table, "base_url", "[site]")) {
      if (!base_url->empty())
        require_web_url(*base_url, *table->find("base_url"), "[site]", "base_url");
      site.base_url = std::move(*base_url);
    }
    if (auto language = nonempty_string_value(*table, "language", "[site]")) {
      site.language = std::move(*language);
    }
    if (auto theme = nonempty_string_value(*table, "theme", "[site]"))
      site.theme = std::move(*theme);
    if (auto output = nonempty_string_value(*table, "output", "[site]")) {
      site.output = std::move(*output);
    }
    if (auto webmention = string_value(*table, "webmention", "[site]")) {
      if (!webmention->empty()) {
        require_web_url(*webmention, *table->find("webmention"), "[site]", "webmention");
      }
      site.webmention = std::move(*webmention);
    }
  }

  void read_campaign(const TomlValue& table, CampaignSection& campaign) const {
    reject_unknown_keys(table, kCampaignKeys, "[campaign]");
    for (auto& [link, node] : string_array_value(table, "links", "[campaign]")) {
      require_web_url(link, *node, "[campaign]", "links entry");
      campaign.links.push_back(std::move(link));
    }
    for (auto& [keyword, node] : string_array_value(table, "keywords", "[campaign]")) {
      if (keyword.empty()) fail(node->position, "[campaign] keywords entry must not be empty");
      campaign.keywords.push_back(std::move(keyword));
    }
    if (const TomlValue* team = table.find("team")) {
      if (!team->is_array()) {
        wrong_type(*team, "[campaign]", "team", "an array of names, homepages or tables");
      }
      for (const TomlValue& member : team->array) {
        campaign.team.push_back(read_team_member(member));
      }
    }
  }

  TeamMember read_team_member(const TomlValue& node) const {
    constexpr std::string_view kWhere = "[campaign] team member";
    // The short form: "https://…" is a homepage, anything else a name.
    if (node.kind == TomlValue::Kind::string) {
      TeamMember member;
      const std::string& text = node.string;
      if (trim_space(text).empty()) fail(node.position, std::string(kWhere) + " must not be empty");
      if (istarts_with(text, "http://") || istarts_with(text, "https://") ||
          text.find("://") != std::string::npos) {
        require_web_url(text, node, kWhere, "homepage");
        member.url = text;
      } else {
        member.name = text;
      }
      return member;
    }
    const TomlValue* table = &node;
    if (!node.is_table()) {
      fail(node.position,
           "[campaign] team entry must be a name, a homepage URL or a table like { name = "
           "\"...\", url = \"...\" }, got " +
               std::string(node.kind_name()));
    }
    reject_unknown_keys(*table, kTeamMemberKeys, kWhere);
    TeamMember member;
    member.name = string_value(*table, "name", kWhere).value_or("");
    member.url = string_value(*table, "url", kWhere).value_or("");
    if (member.name.empty() && member.url.empty()) {
      fail(table->position, std::string(kWhere) + " needs a name or a url (or both)");
    }
    if (!member.url.empty()) require_web_url(member.url, *table->find("url"), kWhere, "url");
    return member;
  }

  // The tables of a top-level array of tables ([[source]], [[person]]); none when absent.
  std::vector<const TomlValue*> array_of_tables(const TomlValue& root,
                                                const std::string& name) const {
    std::vector<const TomlValue*> tables;
    const TomlValue* node = root.find(name);
    if (node == nullptr) return tables;
    if (!node->is_array()) {
      fail(node->position, name + " must be an array of tables: write [[" + name + "]], not " +
                               (node->is_table() ? "[" + name + "]" : name + " = ..."));
    }
    for (const TomlValue& element : node->array) {
      if (!element.is_table()) {
        fail(element.position, "each " + name + " must be a table ([[" + name + "]]), got " +
                                   std::string(element.kind_name()));
      }
      tables.push_back(&element);
    }
    return tables;
  }

  void read_sources(const TomlValue& root, std::vector<SourceConfig>& sources) const {
    // Where each name was first seen, to point at the original when a name repeats.
    std::map<std::string, TomlPosition> first_seen;
    for (const TomlValue* table : array_of_tables(root, "source")) {
      SourceConfig source = read_source(*table);
      const TomlValue& name_node = *table->find("name");
      const auto [seen, inserted] = first_seen.emplace(source.name, name_node.position);
      if (!inserted) {
        fail(name_node.position, "duplicate source name \"" + source.name +
                                     "\" (first defined at line " +
                                     std::to_string(seen->second.line) + ")");
      }
      sources.push_back(std::move(source));
    }
  }

  SourceConfig read_source(const TomlValue& table) const {
    constexpr std::string_view kWhere = "[[source]]";
    reject_unknown_keys(table, kSourceKeys, kWhere);
    SourceConfig source;
    const auto name = nonempty_string_value(table, "name", kWhere);
    if (!name) fail(table.position, "[[source]] is missing required key 'name'");
    source.name = *name;
    const auto url = nonempty_string_value(table, "url", kWhere);
    if (!url) {
      fail(table.position, "[[source]] \"" + source.name + "\" is missing required key 'url'");
    }
    if (!is_web_url(*url) && !is_file_url(*url)) {
      fail(table.find("url")->position,
           "[[source]] url must be an http(s) or file: URL, got \"" + *url + "\"");
    }
    source.url = *url;
    if (auto feed = string_value(table, "feed", kWhere)) {
      if (!feed->empty() && !is_web_url(*feed) && !is_file_url(*feed)) {
        fail(table.find("feed")->position,
             "[[source]] feed must be an http(s) or file: URL, got \"" + *feed + "\"");
      }
      source.feed = std::move(*feed);
    }
    if (const auto role = string_value(table, "role", kWhere)) {
      if (*role == "campaign") {
        source.role = SourceRole::campaign;
      } else if (*role == "blog") {
        source.role = SourceRole::blog;
      } else {
        fail(table.find("role")->position,
             "[[source]] role must be \"campaign\" or \"blog\", got \"" + *role + "\"");
      }
    }
    return source;
  }

  /// A number of seconds (integer or float): > 0, or >= 0 when `zero_allowed`.
  std::optional<double> seconds_value(const TomlValue& table, std::string_view key,
                                      std::string_view where, bool zero_allowed) const {
    const TomlValue* node = table.find(key);
    if (!node) return std::nullopt;
    std::optional<double> seconds;
    if (node->kind == TomlValue::Kind::floating_point) {
      seconds = node->floating_point;
    } else if (node->kind == TomlValue::Kind::integer) {
      seconds = static_cast<double>(node->integer);
    } else {
      wrong_type(*node, where, key, "a number");
    }
    if (!(std::isfinite(*seconds) && (*seconds > 0 || (zero_allowed && *seconds == 0)))) {
      fail(node->position, std::string(where) + " " + std::string(key) +
                               " must be a number of seconds greater than " +
                               (zero_allowed ? "or equal to 0" : "0"));
    }
    return seconds;
  }

  void read_fetch(const TomlValue& table, FetchSection& fetch) const {
    constexpr std::string_view kWhere = "[fetch]";
    reject_unknown_keys(table, kFetchKeys, kWhere);
    if (const auto concurrency = integer_value(table, "concurrency", kWhere, 1, 256)) {
      fetch.concurrency = static_cast<int>(*concurrency);
    }
    if (const auto seconds = seconds_value(table, "timeout", kWhere, false)) {
      fetch.timeout = *seconds;
    }
    if (const auto seconds = seconds_value(table, "connect_timeout", kWhere, false)) {
      fetch.connect_timeout = *seconds;
    }
    if (const auto seconds = seconds_value(table, "low_speed_time", kWhere, true)) {
      fetch.low_speed_time = *seconds;
    }
    if (const auto per_host = integer_value(table, "per_host", kWhere, 1, 64)) {
      fetch.per_host = static_cast<int>(*per_host);
    }
    if (const auto bytes = integer_value(table, "max_body", kWhere, 1024,
                                         std::numeric_limits<std::int32_t>::max())) {
      fetch.max_body = static_cast<long>(*bytes);
    }
    if (const auto redirects = integer_value(table, "max_redirects", kWhere, 0, 20)) {
      fetch.max_redirects = static_cast<int>(*redirects);
    }
    if (const auto pages = integer_value(table, "max_comment_pages", kWhere, 1, 1000)) {
      fetch.max_comment_pages = static_cast<int>(*pages);
    }
    if (const auto rate = integer_value(table, "low_speed_limit", kWhere, 0,
                                        std::numeric_limits<std::int32_t>::max())) {
      fetch.low_speed_limit = static_cast<long>(*rate);
    }
    if (auto user_agent = nonempty_string_value(table, "user_agent", kWhere)) {
      fetch.user_agent = std::move(*user_agent);
    }
    if (auto replay = string_value(table, "replay", kWhere)) fetch.replay = std::move(*replay);
  }

  void read_platforms(const TomlValue& table, PlatformsSection& platforms) const {
    constexpr std::string_view kWhere = "[platforms]";
    reject_unknown_keys(table, kPlatformsKeys, kWhere);
    if (table.find("lookup") != nullptr) {
      platforms.lookup.clear();
      for (auto& [name, node] : string_array_value(table, "lookup", kWhere)) {
        if (std::find(kLookupNames.begin(), kLookupNames.end(), name) == kLookupNames.end()) {
          fail(node->position,
               std::string(kWhere) + " lookup: unknown platform \"" + name +
                   "\"; platforms that look URLs up: " + join(kLookupNames, ", ", quoted_string));
        }
        if (std::find(platforms.lookup.begin(), platforms.lookup.end(), name) ==
            platforms.lookup.end()) {
          platforms.lookup.push_back(name);
        }
      }
    }
    if (const auto lookups = integer_value(table, "max_lookups", kWhere, 0, 10000)) {
      platforms.max_lookups = static_cast<int>(*lookups);
    }
    if (const auto requests = integer_value(table, "max_requests", kWhere, 0, 100000)) {
      platforms.max_requests = static_cast<int>(*requests);
    }
    if (const auto listed = integer_value(table, "max_listed", kWhere, 0, 100000)) {
      platforms.max_listed = static_cast<int>(*listed);
    }
    if (const auto seconds = seconds_value(table, "interval", kWhere, true)) {
      platforms.interval = *seconds;
    }
    for (const char* key : {"lemmy", "discourse"}) {
      std::vector<std::string>& origins =
          key == std::string_view("lemmy") ? platforms.lemmy : platforms.discourse;
      for (auto& [url, node] : string_array_value(table, key, kWhere)) {
        require_web_url(url, *node, kWhere, key);
        origins.push_back(url_origin(url));
      }
    }
    for (const std::string_view name : kApiNames) {
      const std::string key = std::string(name) + "_api";
      // "" keeps the public API (or, for Lemmy and Discourse, each thread's instance).
      if (auto api = string_value(table, key, kWhere); api && !api->empty()) {
        require_web_url(*api, *table.find(key), kWhere, key);
        platforms.api[std::string(name)] = without_trailing_slash(*api);
      }
    }
  }

  // An origin as platforms use it: scheme://host[:port], no path, no trailing '/'.
  static std::string url_origin(std::string_view url) {
    const std::size_t scheme_end = url.find("://");
    const std::size_t path = url.find_first_of("/?#", scheme_end + 3);
    return std::string(url.substr(0, path));
  }

  // An API base: its origin, and a path when the API answers under one (a test server).
  static std::string without_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }

  static std::string quoted_string(std::string_view word) {
    return "\"" + std::string(word) + "\"";
  }

  void read_archive(const TomlValue& table, ArchiveSection& archive) const {
    constexpr std::string_view kWhere = "[archive]";
    reject_unknown_keys(table, kArchiveKeys, kWhere);
    if (auto path = nonempty_string_value(table, "path", kWhere)) archive.path = std::move(*path);
  }

  void read_crawl(const TomlValue& table, CrawlSection& crawl) const {
    constexpr std::string_view kWhere = "[crawl]";
    reject_unknown_keys(table, kCrawlKeys, kWhere);
    if (const auto depth = integer_value(table, "depth", kWhere, 0, 5)) {
      crawl.depth = static_cast<int>(*depth);
    }
    if (const auto max_pages =
            integer_value(table, "max_pages", kWhere, 0, std::numeric_limits<int>::max())) {
      crawl.max_pages = static_cast<int>(*max_pages);
    }
    crawl.allow = domain_list(table, "allow", kWhere);
    crawl.deny = domain_list(table, "deny", kWhere);
    if (const TomlValue* node = table.find("allow_private")) {
      if (node->kind != TomlValue::Kind::boolean) {
        wrong_type(*node, kWhere, "allow_private", "true or false");
      }
      crawl.allow_private = node->boolean;
    }
  }

  // Domains as a user writes them ("example.com", ".example.com"), lower-cased without a dot.
  std::vector<std::string> domain_list(const TomlValue& table, std::string_view key,
                                       std::string_view where) const {
    std::vector<std::string> domains;
    for (auto& [domain, node] : string_array_value(table, key, where)) {
      std::string name = lower(domain);
      while (!name.empty() && name.front() == '.') name.erase(0, 1);
      if (name.empty() || name.find_first_of("/: ") != std::string::npos) {
        fail(node->position, std::string(where) + " " + std::string(key) +
                                 " entry must be a domain like \"example.com\", got \"" + domain +
                                 "\"");
      }
      domains.push_back(std::move(name));
    }
    return domains;
  }

  void read_spam(const TomlValue& table, SpamSection& spam) const {
    constexpr std::string_view kWhere = "[spam]";
    reject_unknown_keys(table, kSpamKeys, kWhere);
    for (const auto* key : {"allow", "deny"}) {
      auto& list = std::string_view(key) == "allow" ? spam.allow : spam.deny;
      for (auto& [entry, node] : string_array_value(table, key, kWhere)) {
        if (entry.empty())
          fail(node->position, "[spam] " + std::string(key) + " entry must not be empty");
        list.push_back(std::move(entry));
      }
    }
  }

  void read_people(const TomlValue& root, std::vector<PersonConfig>& people) const {
    constexpr std::string_view kWhere = "[[person]]";
    for (const TomlValue* table : array_of_tables(root, "person")) {
      reject_unknown_keys(*table, kPersonKeys, kWhere);
      PersonConfig person;
      const auto name = nonempty_string_value(*table, "name", kWhere);
      if (!name) fail(table->position, "[[person]] is missing required key 'name'");
      person.name = *name;
      for (auto& [alias, alias_node] : string_array_value(*table, "aliases", kWhere)) {
        if (alias.empty()) fail(alias_node->position, "[[person]] aliases entry must not be empty");
        person.aliases.push_back(std::move(alias));
      }
      for (auto& [url, url_node] : string_array_value(*table, "urls", kWhere)) {
        require_web_url(url, *url_node, kWhere, "urls entry");
        person.urls.push_back(std::move(url));
      }
      if (const TomlValue* team = table->find("team")) {
        if (team->kind != TomlValue::Kind::boolean) {
          wrong_type(*team, kWhere, "team", "true or false");
        }
        person.team = team->boolean;
      }
      people.push_back(std::move(person));
    }
  }

  std::string file_;
};

}  // namespace

std::vector<ConfigTableKeys> known_config_keys() {
  std::vector<ConfigTableKeys> tables;
  for (std::string_view table : kTopLevelKeys) {
    KeyList keys;
    if (table == "source") keys = kSourceKeys;
    if (table == "person") keys = kPersonKeys;
    for (const auto& [section, section_keys] : kSectionKeys) {
      if (section == table) keys = section_keys;
    }
    tables.push_back({table, {keys.begin(), keys.end()}});
    if (table == "campaign") {
      tables.push_back({"campaign.team", {kTeamMemberKeys.begin(), kTeamMemberKeys.end()}});
    }
  }
  return tables;
}

SiteConfig parse_config(std::string_view text, const std::filesystem::path& file) {
  SiteConfig config;
  config.file = file;
  config.root = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  const std::string file_name = file.string();
  TomlValue document;
  try {
    document = read_toml(text, file_name);
  } catch (const TomlError& error) {
    throw ConfigError(file_name, error.line, error.column, error.message);
  }
  ConfigReader(file_name).read(document, config);
  return config;
}

}  // namespace confab
