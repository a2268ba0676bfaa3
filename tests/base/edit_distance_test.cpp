#include "base/edit_distance.h"

#include <array>
#include <string_view>

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(EditDistance, IdenticalWordsAreZeroApart) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("title", "title"), 0u);
}

TEST(EditDistance, EmptyWordIsItsOtherSideLengthAway) {
  EXPECT_EQ(edit_distance("", "feed"), 4u);
  EXPECT_EQ(edit_distance("feed", ""), 4u);
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);  // two substitutions, one insertion
  EXPECT_EQ(edit_distance("sources", "source"), 1u);  // one deletion
  EXPECT_EQ(edit_distance("url", "urls"), 1u);        // one insertion
  EXPECT_EQ(edit_distance("role", "rule"), 1u);       // one substitution
  EXPECT_EQ(edit_distance("titel", "title"), 2u);     // a swap costs two in plain Levenshtein
  EXPECT_EQ(edit_distance("abc", "xyz"), 3u);
}

TEST(EditDistance, IsSymmetric) {
  EXPECT_EQ(edit_distance("concurency", "concurrency"), edit_distance("concurrency", "concurency"));
  EXPECT_EQ(edit_distance("depth", "max_pages"), edit_distance("max_pages", "depth"));
}

TEST(EditDistance, IsCaseSensitive) {
  EXPECT_EQ(edit_distance("Title", "title"), 1u);
}

constexpr std::array<std::string_view, 4> kSourceKeys = {"name", "url", "feed", "role"};

TEST(ClosestMatch, SuggestsTheNearestCandidate) {
  EXPECT_EQ(closest_match("fed", kSourceKeys), "feed");
  EXPECT_EQ(closest_match("rol", kSourceKeys), "role");
  EXPECT_EQ(closest_match("nmae", kSourceKeys), "name");
}

TEST(ClosestMatch, GivesNothingWhenNoCandidateIsClose) {
  EXPECT_EQ(closest_match("homepage", kSourceKeys), std::nullopt);
  EXPECT_EQ(closest_match("xyz", kSourceKeys), std::nullopt);
  EXPECT_EQ(closest_match("anything", std::span<const std::string_view>{}), std::nullopt);
}

TEST(ClosestMatch, AllowsMoreEditsForLongerWords) {
  constexpr std::array<std::string_view, 1> kLong = {"concurrency"};
  // 11 letters: up to max(2, 11 / 3) = 3 edits away.
  EXPECT_EQ(closest_match("konkurrenzy", kLong), "concurrency");  // 3 edits
  EXPECT_EQ(closest_match("kankurrenzy", kLong), std::nullopt);   // 4 edits
  constexpr std::array<std::string_view, 1> kShort = {"url"};
  EXPECT_EQ(closest_match("uri", kShort), "url");
  EXPECT_EQ(closest_match("xri", kShort), "url");  // 2 edits: the floor of the limit
  EXPECT_EQ(closest_match("xyz", kShort), std::nullopt);
}

TEST(ClosestMatch, TiesGoToTheEarlierCandidate) {
  constexpr std::array<std::string_view, 2> kTwins = {"cat", "car"};
  EXPECT_EQ(closest_match("cab", kTwins), "cat");
}

}  // namespace
}  // namespace confab
