#include "parse/date.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

// 2009-05-06T19:30:00Z, the instant most cases below name in different words.
UnixTime may6() {
  return *make_utc_time(2009, 5, 6, 19, 30, 0);
}

struct Case {
  const char* text;
  UnixTime expected;
};

TEST(ParseDate, Rfc822AndItsVariants) {
  const Case cases[] = {
      {"Wed, 06 May 2009 19:30:00 GMT", may6()},
      {"Wed, 06 May 2009 19:30:00 +0000", may6()},
      {"06 May 2009 19:30:00 GMT", may6()},     // no day name
      {"Wed, 6 May 2009 19:30 GMT", may6()},    // no seconds, one-digit day
      {"Wed, 06 May 09 19:30:00 GMT", may6()},  // two-digit year
      {"Wed, 06 May 2009 19:30:00 UT", may6()},
      {"Wed, 06 May 2009 19:30:00 Z", may6()},
      {"Wed, 06 May 2009 15:30:00 EDT", may6()},
      {"Wed, 06 May 2009 14:30:00 EST", may6()},
      {"Wed, 06 May 2009 13:30:00 CST", may6()},
      {"Wed, 06 May 2009 14:30:00 CDT", may6()},
      {"Wed, 06 May 2009 12:30:00 MST", may6()},
      {"Wed, 06 May 2009 13:30:00 MDT", may6()},
      {"Wed, 06 May 2009 11:30:00 PST", may6()},
      {"Wed, 06 May 2009 12:30:00 PDT", may6()},
      {"Wed, 06 May 2009 20:30:00 CET", may6()},
      {"Wed, 06 May 2009 21:30:00 CEST", may6()},
      {"Wed, 06 May 2009 20:30:00 BST", may6()},
      {"Wed, 06 May 2009 21:30:00 GMT+2", may6()},
      {"Wed, 06 May 2009 21:30:00 GMT+0200", may6()},
      {"Wed, 06 May 2009 14:30:00 -0500", may6()},
      {"Wed, 06 May 2009 21:30:00 +02:00", may6()},
      {"Wednesday, 06-May-09 19:30:00 GMT", may6()},  // RFC 850
      {"Wed May  6 19:30:00 2009", may6()},           // asctime
      {"wed, 06 may 2009 19:30:00 gmt", may6()},      // lower case
      {"Wed, 06 May 2009 11:30:00 -0800 (PST)", may6()},
      {"  Wed, 06 May 2009 19:30:00 GMT \n", may6()},
      {"Wed, 06 May 2009 19:30:00", may6()},  // no zone: UTC
      {"06 May 2009", *make_utc_time(2009, 5, 6, 0, 0, 0)},
      {"Wed, 06 May 2009 07:30:00 PM GMT", may6()},
      {"mer, 06 May 2009 21:30:00 +0200", may6()},  // a day name in another language
      {"Wed, 06 Sept 2009 19:30:00 GMT", *make_utc_time(2009, 9, 6, 19, 30, 0)},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_date(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(format_rfc3339(*parsed), format_rfc3339(c.expected)) << c.text;
  }
}

TEST(ParseDate, TwoDigitYearsFollowRfc2822) {
  EXPECT_EQ(parse_date("01 Jan 49 00:00 GMT"), make_utc_time(2049, 1, 1, 0, 0, 0));
  EXPECT_EQ(parse_date("01 Jan 50 00:00 GMT"), make_utc_time(1950, 1, 1, 0, 0, 0));
}

TEST(ParseDate, Rfc3339AndW3cdtf) {
  const Case cases[] = {
      {"2009-05-06T19:30:00Z", may6()},
      {"2009-05-06T19:30:00.123456Z", may6()},
      {"2009-05-06T21:30:00+02:00", may6()},
      {"2009-05-06T14:30:00-05:00", may6()},
      {"2009-05-06t19:30:00z", may6()},
      {"2009-05-06T19:30Z", may6()},
      {"2009-05-06", *make_utc_time(2009, 5, 6, 0, 0, 0)},
      {"2009-05", *make_utc_time(2009, 5, 1, 0, 0, 0)},
      {"2009", *make_utc_time(2009, 1, 1, 0, 0, 0)},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_date(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(format_rfc3339(*parsed), format_rfc3339(c.expected)) << c.text;
  }
}

TEST(ParseDate, Iso8601Variants) {
  const Case cases[] = {
      {"2009-05-06 19:30:00", may6()},        // space instead of T, no zone
      {"2009-05-06 21:30:00 +0200", may6()},  // space before an offset without colon
      {"2009-05-06T21:30:00+0200", may6()},   // offset without colon
      {"2009-05-06T21:30:00+02", may6()},     // hours-only offset
      {"20090506T193000Z", may6()},           // basic format
      {"2009-05-06T19:30:00 UTC", may6()},   {"2009-05-06T19:30:00,5Z", may6()},
      {"2009/5/6 19:30:00", may6()},  // slashes, year first
      {"2009/05/06 21:30 +0200", may6()},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_date(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(format_rfc3339(*parsed), format_rfc3339(c.expected)) << c.text;
  }
}

TEST(ParseDate, RejectsWhatIsNotADate) {
  for (const char* text : {"", "   ", "yesterday", "not a date at all", "2009-13-01", "2009-02-30",
                           "Wed, 32 May 2009 19:30:00 GMT", "Wed, 06 Foo 2009", "19:30:00",
                           "2009-05-06T25:00:00Z", "06 May"}) {
    EXPECT_FALSE(parse_date(text)) << '"' << text << '"';
  }
}

}  // namespace
}  // namespace confab

namespace confab {
namespace {

// The one-pass reader of the common RFC 822 form must agree with the general one: a leading
// space (which it does not take) sends the same text down the general path.
TEST(ParseDate, TheCommonRfc822FormReadsAsTheGeneralForm) {
  for (const char* text : {"Tue, 03 Mar 2026 10:15:00 +0000", "Tue, 03 Mar 2026 10:15:00 GMT",
                           "3 Mar 2026 23:59:59 -0930", "Sun, 29 Feb 2026 10:00:00 +0000",
                           "Tue, 03 Mar 2026 10:15:00 +1500", "Tue, 03 Foo 2026 10:15:00 GMT",
                           "Wed, 31 Dec 1969 23:59:59 UT", "Tue, 03 mar 2026 10:15:00 Z"}) {
    EXPECT_EQ(parse_date(text), parse_date(std::string("(x) ") + text)) << text;
  }
  EXPECT_EQ(parse_date("Tue, 03 Mar 2026 10:15:00 +0100"), make_utc_time(2026, 3, 3, 9, 15, 0));
  EXPECT_FALSE(parse_date("Sun, 29 Feb 2026 10:00:00 +0000")) << "2026 is no leap year";
}

}  // namespace
}  // namespace confab
