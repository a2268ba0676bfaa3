#include "base/content_hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace confab {
namespace {

TEST(ContentHash, TheSameBytesAndKeyGiveTheSameHash) {
  EXPECT_EQ(hash_content("<p>Bring the love back</p>", 7),
            hash_content("<p>Bring the love back</p>", 7));
}

TEST(ContentHash, AnyChangedByteOrKeyGivesAnotherHash) {
  const std::string page(1000, 'x');
  std::set<std::string> seen;
  seen.insert(to_hex(hash_content(page, 1)));
  for (std::size_t at = 0; at < page.size(); at += 37) {
    std::string changed = page;
    changed[at] = 'y';
    seen.insert(to_hex(hash_content(changed, 1)));
  }
  seen.insert(to_hex(hash_content(page, 2)));
  EXPECT_EQ(seen.size(), 1u + (page.size() + 36) / 37 + 1u);
}

TEST(ContentHash, TrailingZeroBytesAndEmptyContentCount) {
  const std::string zeros("\0\0\0", 3);
  EXPECT_NE(hash_content("", 1), hash_content(std::string_view(zeros.data(), 1), 1));
  EXPECT_NE(hash_content(std::string_view(zeros.data(), 1), 1), hash_content(zeros, 1));
  EXPECT_NE(hash_content("abcdefgh", 1), hash_content(std::string("abcdefgh\0", 9), 1));
}

TEST(ContentHash, StaysTheHashTheListingsOfEarlierBuildsHold) {
  // A published tree's listing keeps these hashes: a new way of computing them would make
  // every file look changed once.
  EXPECT_EQ(to_hex(hash_content("Bring the love back, one comment at a time.", 42)),
            "08261e1c21c33c5be39a7c8a25fca96c");
}

TEST(ContentHasher, GivesTheWholeContentsHashHoweverTheBytesAreCut) {
  const std::string text = "Bring the love back, one comment at a time: 44 bytes";
  const ContentHash whole = hash_content(text, 9);
  for (std::size_t first = 0; first <= text.size(); ++first) {
    for (std::size_t second = first; second <= text.size(); second += 3) {
      ContentHasher hasher(9);
      hasher.add(std::string_view(text).substr(0, first));
      hasher.add(std::string_view(text).substr(first, second - first));
      hasher.add("");
      hasher.add(std::string_view());
      hasher.add(std::string_view(text).substr(second));
      EXPECT_EQ(hasher.finish(), whole) << "cut at " << first << " and " << second;
    }
  }
  ContentHasher empty(9);
  EXPECT_EQ(empty.finish(), hash_content("", 9));
}

TEST(ContentHasher, HashesRecordsFieldByField) {
  const auto texts = [](std::string_view a, std::string_view b) {
    ContentHasher hasher(7);
    hasher.add_text(a);
    hasher.add_text(b);
    return hasher.finish();
  };
  EXPECT_NE(texts("ab", "c"), texts("a", "bc"));  // the sizes tell them apart
  EXPECT_EQ(texts("ab", "c"), texts("ab", "c"));
  ContentHasher number(7);
  number.add_number(0x0102030405060708ULL);
  EXPECT_EQ(number.finish(),
            hash_content(std::string_view("\x08\x07\x06\x05\x04\x03\x02\x01", 8), 7));
  // A hash is its two numbers.
  ContentHasher as_hash(7), as_numbers(7);
  as_hash.add_hash({1, 2});
  as_numbers.add_number(1);
  as_numbers.add_number(2);
  EXPECT_EQ(as_hash.finish(), as_numbers.finish());
  // After bytes that leave a word part-filled, a number is the same eight bytes.
  ContentHasher after_text(7);
  after_text.add("abc");
  after_text.add_number(0x0102030405060708ULL);
  after_text.add_number(9);
  EXPECT_EQ(after_text.finish(), hash_content(std::string_view("abc\x08\x07\x06\x05\x04\x03\x02\x01"
                                                               "\x09\0\0\0\0\0\0\0",
                                                               19),
                                              7));
}

TEST(ContentHash, HexRoundTripsAndRefusesAnythingElse) {
  const ContentHash hash = hash_content("people/ana/index.html", 42);
  const std::string hex = to_hex(hash);
  EXPECT_EQ(hex.size(), 32u);
  EXPECT_EQ(content_hash_from_hex(hex), hash);
  EXPECT_FALSE(content_hash_from_hex(hex.substr(1)));
  EXPECT_FALSE(content_hash_from_hex(hex.substr(0, 31) + "G"));
  EXPECT_FALSE(content_hash_from_hex(""));
}

}  // namespace
}  // namespace confab
