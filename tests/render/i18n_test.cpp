// A theme's strings: TOML files of [section] tables, read through base/toml_reader.
#include "render/i18n.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

constexpr const char* kMonths = "months = \"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec\"\n";

Theme theme_with(const std::string& en, const std::string& fr = "") {
  Theme theme;
  theme.i18n["en"] = en;
  if (!fr.empty()) theme.i18n["fr"] = fr;
  return theme;
}

std::string load_error(const Theme& theme, const std::string& language = "en") {
  try {
    Strings::load(theme, language);
  } catch (const RenderError& error) {
    return error.what();
  }
  return "";
}

TEST(StringsTest, SectionsEscapesAndFallback) {
  const Theme theme =
      theme_with(std::string("[format]\n") + kMonths +
                     "[text]\nhello = \"Hello \\\"you\\\"\\u00e9\"  # a comment\nbye = 'Bye'\n",
                 std::string("[format]\n") + kMonths + "[text]\nhello = \"Bonjour\"\n");
  const Strings english = Strings::load(theme, "en");
  EXPECT_EQ(english.text("hello"), "Hello \"you\"\xC3\xA9");
  EXPECT_EQ(english.text("bye"), "Bye");
  const Strings french = Strings::load(theme, "fr-BE");
  EXPECT_EQ(french.text("hello"), "Bonjour");
  EXPECT_EQ(french.text("bye"), "Bye") << "a key the language lacks comes from en";
  const Theme nul = theme_with(std::string("[format]\n") + kMonths + "[text]\nx = \"a\\u0000b\"\n");
  EXPECT_EQ(Strings::load(nul, "en").text("x"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(StringsTest, DatesAreUtcDaysInTheLanguagesPattern) {
  const Theme theme =
      theme_with(std::string("[format]\n") + kMonths,
                 std::string("[format]\n") + kMonths + "date = \"{day} {month}, {year}\"\n");
  const Strings english = Strings::load(theme, "en");
  EXPECT_EQ(english.date(*make_utc_time(2008, 11, 12, 23, 59, 0)), "12 Nov 2008");
  EXPECT_EQ(english.date(*make_utc_time(2009, 1, 1, 0, 0, 0)), "1 Jan 2009");
  EXPECT_EQ(english.date(0), "1 Jan 1970");
  EXPECT_EQ(english.date(-1), "31 Dec 1969");
  EXPECT_EQ(english.date(std::nullopt), "");
  EXPECT_EQ(Strings::load(theme, "fr").date(0), "1 Jan, 1970");
}

TEST(StringsTest, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(load_error(theme_with("[text]\nhello = \"open\n")),
            "i18n/en.toml:2:14: syntax error: unterminated string (missing closing quote)");
  EXPECT_EQ(load_error(theme_with("[text]\nhello = 3\n")),
            "i18n/en.toml:2:9: 'text.hello' must be a \"quoted string\", got integer");
  EXPECT_NE(
      load_error(theme_with("[text]\nhello = \"a\"\nhello = \"b\"\n")).find("i18n/en.toml:3:"),
      std::string::npos);
}

}  // namespace
}  // namespace confab
