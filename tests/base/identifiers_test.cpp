#include "base/identifiers.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(Slugify, KeepsLettersAndDigitsAndFoldsAccents) {
  EXPECT_EQ(slugify("Bring the Love Back: What's Next?"), "bring-the-love-back-what-s-next");
  EXPECT_EQ(slugify("Où sont les fêlés ?"), "ou-sont-les-feles");
  EXPECT_EQ(slugify("  --Hello--  "), "hello");
}

TEST(Slugify, IsNeverEmptyNorAPathTrick) {
  EXPECT_EQ(slugify(""), "item");
  EXPECT_EQ(slugify(".."), "item");
  EXPECT_EQ(slugify("../../etc/passwd"), "etc-passwd");
  EXPECT_EQ(slugify("日本語"), "item");
}

TEST(Slugify, RespectsTheMaximumLength) {
  EXPECT_EQ(slugify(std::string(100, 'a'), 10), std::string(10, 'a'));
  EXPECT_EQ(slugify("abc def ghi", 4), "abc");
}

TEST(ShortHash, IsStableAndDistinguishes) {
  EXPECT_EQ(short_hash("tag:blogger.com,1999:blog-1.post-2"),
            short_hash("tag:blogger.com,1999:blog-1.post-2"));
  EXPECT_NE(short_hash("a"), short_hash("b"));
  EXPECT_EQ(short_hash("x", 6).size(), 6u);
  // Fixed value: ids in conversation.json must not change between versions by accident.
  EXPECT_EQ(fnv1a64(""), 14695981039346656037ULL);  // FNV-1a's offset basis
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);   // the published FNV-1a test vector
  Fnv1a pieces;
  pieces.add("ab");
  pieces.add('c');
  EXPECT_EQ(pieces.value(), fnv1a64("abc"));
  EXPECT_EQ(hex16(0xabcULL), "0000000000000abc");
}

}  // namespace
}  // namespace confab
