#include "cli/args.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(Args, ValuesSwitchesAndPositionals) {
  const auto parsed = parse_args({"--config", "a.toml", "--offline", "--output=out", "x"},
                                 {"--config", "--output"}, {"--offline"}, 1);
  EXPECT_EQ(parsed.value("--config"), "a.toml");
  EXPECT_EQ(parsed.value("--output"), "out");
  EXPECT_EQ(parsed.value("--record", "none"), "none");
  EXPECT_TRUE(parsed.has("--offline"));
  EXPECT_EQ(parsed.positionals, (std::vector<std::string>{"x"}));
}

TEST(Args, HelpIsAlwaysAccepted) {
  EXPECT_TRUE(parse_args({"-h"}, {}, {}, 0).has("--help"));
  EXPECT_TRUE(parse_args({"--help"}, {}, {}, 0).has("--help"));
}

TEST(Args, UnknownOptionSuggestsTheNearestOne) {
  try {
    parse_args({"--ofline"}, {"--config"}, {"--offline"}, 0);
    FAIL();
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "unknown option '--ofline'; did you mean '--offline'?");
  }
}

TEST(Args, MissingValueAndExtraArgumentsAreErrors) {
  EXPECT_THROW(parse_args({"--config"}, {"--config"}, {}, 0), UsageError);
  EXPECT_THROW(parse_args({"a", "b"}, {}, {}, 1), UsageError);
  EXPECT_THROW(parse_args({"--offline=yes"}, {}, {"--offline"}, 0), UsageError);
}

}  // namespace
}  // namespace confab
