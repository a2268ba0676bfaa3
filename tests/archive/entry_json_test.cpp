// The archive's entry JSON keeps what platforms add (counts, reactions, verified pages) and
// leaves the fingerprint of an entry without them as it was.
#include "archive/entry_json.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

Entry feed_entry() {
  Entry entry;
  entry.id = "https://blog.example.com/p1/";
  entry.link = entry.id;
  entry.title = "A post";
  entry.published = 1790000000;
  entry.authors.push_back({"Quill", "", "https://quill.example.org/"});
  entry.content = "<p>Hello</p>";
  return entry;
}

TEST(EntryJson, PlatformFieldsRoundTrip) {
  Entry entry = feed_entry();
  entry.likes = 12;
  entry.reposts = 0;
  entry.reaction = "like";
  entry.reply_cap = 60;
  entry.authors[0].verified = {"https://quill.example.org/", "https://quill.example.net/"};
  const Entry back = entry_from_json_text(dump_json(entry_to_json(entry)));
  EXPECT_EQ(back.likes, std::optional<int>(12));
  EXPECT_EQ(back.reposts, std::optional<int>(0));
  EXPECT_EQ(back.reaction, "like");
  EXPECT_EQ(back.reply_cap, std::optional<int>(60));
  ASSERT_EQ(back.authors.size(), 1u);
  EXPECT_EQ(back.authors[0].avatar, "");
  EXPECT_EQ(back.authors[0].verified, entry.authors[0].verified);
  EXPECT_EQ(entry_fingerprint(back), entry_fingerprint(entry));
}

TEST(EntryJson, AnEntryWithoutPlatformFieldsIsStoredAsBefore) {
  const Entry entry = feed_entry();
  const nlohmann::json json = entry_to_json(entry);
  for (const char* key : {"likes", "reposts", "reaction", "reply_cap"}) {
    EXPECT_FALSE(json.contains(key)) << key;
  }
  EXPECT_EQ(json.at("authors").at(0).size(), 3u);
  const Entry back = entry_from_json_text(dump_json(json));
  EXPECT_FALSE(back.likes);
  EXPECT_TRUE(back.authors[0].verified.empty());
}

TEST(EntryJson, EachPlatformFieldChangesTheFingerprint) {
  const std::string plain = entry_fingerprint(feed_entry());
  Entry liked = feed_entry();
  liked.likes = 3;
  Entry capped = feed_entry();
  capped.reply_cap = 60;
  Entry reaction = feed_entry();
  reaction.reaction = "repost";
  Entry verified = feed_entry();
  verified.authors[0].verified = {"https://quill.example.org/"};
  for (const Entry* changed : {&liked, &capped, &reaction, &verified}) {
    EXPECT_NE(entry_fingerprint(*changed), plain);
  }
}

}  // namespace
}  // namespace confab
