#include "base/time.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(Time, FormatsRfc3339InUtc) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1225301400), "2008-10-29T17:30:00Z");
  EXPECT_EQ(format_rfc3339(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59Z");
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
