#include "base/time.h"

#include <cstdio>

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(Time, FormatsRfc3339InUtc) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1225301400), "2008-10-29T17:30:00Z");
  EXPECT_EQ(format_rfc3339(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59Z");
}

TEST(Time, FormatsYearsOutsideFourDigits) {
  // Year 999, year 10000, and 1 BC (year 0) and 2 BC (year -1), proleptic Gregorian.
  EXPECT_EQ(format_rfc3339(-30610310400), "0999-12-31T00:00:00Z");
  EXPECT_EQ(format_rfc3339(253402300800), "10000-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(-62167219200), "0000-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(-62198755200), "-001-01-01T00:00:00Z");
  EXPECT_EQ(format_year(7), "0007");
  EXPECT_EQ(format_year(-7), "-007");
}

TEST(Time, CivilTimeMatchesTheFormattedFields) {
  // Every field of civil_time against the text, over a spread of times across four centuries.
  for (UnixTime t = -2208988800; t < 4102444800; t += 86400 * 37 + 3671) {
    const CivilTime civil = civil_time(t);
    char expected[64];
    std::snprintf(expected, sizeof expected, "%04lld-%02d-%02dT%02d:%02d:%02dZ",
                  static_cast<long long>(civil.year), civil.month, civil.day, civil.hour,
                  civil.minute, civil.second);
    ASSERT_EQ(format_rfc3339(t), expected) << t;
    ASSERT_EQ(make_utc_time(static_cast<int>(civil.year), civil.month, civil.day, civil.hour,
                            civil.minute, civil.second),
              t);
  }
}

TEST(Time, MakeUtcTimeRejectsImpossibleDates) {
  EXPECT_EQ(make_utc_time(2008, 10, 29, 17, 30, 0), 1225301400);
  EXPECT_FALSE(make_utc_time(2009, 2, 29, 0, 0, 0));
  EXPECT_TRUE(make_utc_time(2008, 2, 29, 0, 0, 0));
  EXPECT_FALSE(make_utc_time(2008, 13, 1, 0, 0, 0));
  EXPECT_FALSE(make_utc_time(2008, 4, 31, 0, 0, 0));
  EXPECT_FALSE(make_utc_time(2008, 4, 1, 24, 0, 0));
}

TEST(Time, ParsesRfc3339WithOffsetsAndFractions) {
  EXPECT_EQ(parse_rfc3339("2008-10-29T17:30:00Z"), 1225301400);
  EXPECT_EQ(parse_rfc3339("2008-10-29T19:30:00+02:00"), 1225301400);
  EXPECT_EQ(parse_rfc3339("2008-10-29T12:30:00.250-05:00"), 1225301400);
  EXPECT_FALSE(parse_rfc3339("29 Oct 2008"));
  EXPECT_FALSE(parse_rfc3339("2008-10-29T17:30:00 CET"));
}

TEST(Time, RoundTrips) {
  for (UnixTime t : {0LL, 1225301400LL, 4102444799LL}) {
    EXPECT_EQ(parse_rfc3339(format_rfc3339(t)), t);
  }
}

}  // namespace
}  // namespace confab
