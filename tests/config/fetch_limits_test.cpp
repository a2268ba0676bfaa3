// [fetch] limits: per-host connections, timeouts, body size, redirects, slow transfers.
#include <gtest/gtest.h>

#include <string>

#include "config/config.h"

namespace confab {
namespace {

SiteConfig parse_fetch(const std::string& fetch_lines) {
  return parse_config("[site]\ntitle = \"L\"\n[fetch]\n" + fetch_lines, "site.toml");
}

std::string error_of(const std::string& fetch_lines) {
  try {
    parse_fetch(fetch_lines);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(FetchLimits, DefaultsMatchTheIssue) {
  const SiteConfig config = parse_fetch("");
  EXPECT_EQ(config.fetch.per_host, 2);
  EXPECT_DOUBLE_EQ(config.fetch.connect_timeout, 10);
  EXPECT_EQ(config.fetch.max_body, 10L * 1024 * 1024);
  EXPECT_EQ(config.fetch.max_redirects, 5);
  EXPECT_EQ(config.fetch.low_speed_limit, 100);
  EXPECT_DOUBLE_EQ(config.fetch.low_speed_time, 30);
}

TEST(FetchLimits, EveryLimitIsConfigurable) {
  const SiteConfig config = parse_fetch(
      "per_host = 4\nconnect_timeout = 2.5\nmax_body = 2048\nmax_redirects = 0\n"
      "low_speed_limit = 0\nlow_speed_time = 0\n");
  EXPECT_EQ(config.fetch.per_host, 4);
  EXPECT_DOUBLE_EQ(config.fetch.connect_timeout, 2.5);
  EXPECT_EQ(config.fetch.max_body, 2048);
  EXPECT_EQ(config.fetch.max_redirects, 0);
  EXPECT_EQ(config.fetch.low_speed_limit, 0);
  EXPECT_DOUBLE_EQ(config.fetch.low_speed_time, 0);
}

TEST(FetchLimits, OutOfRangeValuesAreLocatedErrors) {
  EXPECT_EQ(error_of("per_host = 0\n"),
            "site.toml:4:12: [fetch] per_host must be between 1 and 64, got 0");
  EXPECT_NE(error_of("max_body = 10\n").find("site.toml:4:"), std::string::npos);
  EXPECT_NE(error_of("max_redirects = 50\n").find("between 0 and 20"), std::string::npos);
  EXPECT_NE(error_of("connect_timeout = 0\n").find("greater than 0"), std::string::npos);
  EXPECT_NE(error_of("low_speed_time = -1\n").find("greater than or equal to 0"),
            std::string::npos);
  EXPECT_NE(error_of("connect_timeout = \"soon\"\n").find("a number"), std::string::npos);
}

TEST(FetchLimits, AMisspelledKeyGetsASuggestion) {
  EXPECT_NE(error_of("per_hosts = 3\n").find("per_host"), std::string::npos)
      << error_of("per_hosts = 3\n");
}

}  // namespace
}  // namespace confab
