// Media RSS files become enclosures, in RSS and Atom alike.
#include <gtest/gtest.h>

#include "parse/feed.h"
#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::parse_fixture;

TEST(MediaRss, ContentWithoutAnEnclosureIsAnEnclosure) {
  const Feed feed = parse_fixture("media_rss.xml", "https://reels.example.org/feed");
  ASSERT_EQ(feed.entries.size(), 3u);
  const auto& files = feed.entries[0].enclosures;
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].url, "https://reels.example.org/files/night-market-2.mp4");
  EXPECT_EQ(files[0].type, "video/mp4");
  EXPECT_EQ(files[0].length, 73400320);
}

TEST(MediaRss, AGroupAddsEachFileOnceAndSkipsThumbnails) {
  const Feed feed = parse_fixture("media_rss.xml", "https://reels.example.org/feed");
  const auto& files = feed.entries.at(1).enclosures;
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].url, "https://reels.example.org/files/sunset-720.webm");
  EXPECT_EQ(files[0].length, 1000) << "the <enclosure> came first and stays";
  EXPECT_EQ(files[1].url, "https://reels.example.org/files/sunset-1080.webm");
  EXPECT_FALSE(files[1].length.has_value()) << "a fileSize that is no number is dropped";
}

TEST(MediaRss, ContentWithoutAUrlIsIgnored) {
  const Feed feed = parse_fixture("media_rss.xml", "https://reels.example.org/feed");
  EXPECT_TRUE(feed.entries.at(2).enclosures.empty());
}

TEST(MediaRss, AtomEntriesReadItUnderAnyPrefixAgainstXmlBase) {
  const Feed feed = parse_fixture("media_atom.xml", "https://photos.example.net/feed.atom");
  ASSERT_EQ(feed.entries.size(), 1u);
  const auto& files = feed.entries[0].enclosures;
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].url, "https://photos.example.net/img/harbour.jpg");
  EXPECT_EQ(files[0].type, "image/jpeg");
  EXPECT_EQ(files[0].length, 524288);
}

}  // namespace
}  // namespace confab
