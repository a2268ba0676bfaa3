// entry_from_json_text reads back exactly what entry_to_json wrote, skips keys it does not
// know, and names what it cannot read.
#include <gtest/gtest.h>

#include "archive/entry_json.h"

namespace confab {
namespace {

/// An entry with every field the archive stores set, several of each list.
Entry full_entry() {
  Entry entry;
  entry.id = "https://blog.example.com/?p=7#comment-12";
  entry.title = "Re: \"quotes\", accents (é) and a tab\t";
  entry.link = "https://blog.example.com/p7/#comment-12";
  entry.published = 1790000000;
  entry.updated = -5;  // before 1970: negative times survive
  entry.authors.push_back({"Quill", "quill@example.org", "https://quill.example.org/"});
  entry.authors.push_back({"Ink",
                           "",
                           "",
                           "https://ink.example/a.png",
                           {"https://ink.example/", "https://ink.example.net/"}});
  entry.authors.push_back({"Nib", "", "", "https://nib.example/a.png", {}});
  entry.summary = "<p>Short</p>";
  entry.content = "<p>Long \\ with a backslash and a line\nbreak</p>";
  entry.categories = {"kites", "", "été"};
  entry.comments_url = "https://blog.example.com/p7/#comments";
  entry.comments_feed = "https://blog.example.com/p7/feed/";
  entry.comment_count = 3;
  entry.in_reply_to = {{"https://blog.example.com/?p=7", "https://blog.example.com/p7/"},
                       {"urn:x", ""}};
  entry.enclosures = {{"https://cdn.example/a.mp3", "audio/mpeg", 123456789012LL},
                      {"https://cdn.example/b.jpg", "", std::nullopt}};
  entry.related = "https://blog.example.com/p7/#comment-11";
  entry.likes = 4;
  entry.reposts = 0;
  entry.reaction = "like";
  entry.reply_cap = 60;
  return entry;
}

std::string text_of(const Entry& entry) {
  return dump_json(entry_to_json(entry));
}

TEST(EntryReader, ReadsBackEveryFieldItWasWritten) {
  Entry bare;
  bare.id = "only-an-id";
  for (const Entry& entry : {full_entry(), bare}) {
    const std::string text = text_of(entry);
    const Entry direct = entry_from_json_text(text);
    EXPECT_EQ(text_of(direct), text);
    EXPECT_EQ(entry_fingerprint(direct), entry_fingerprint(entry));
  }
  const Entry back = entry_from_json_text(text_of(full_entry()));
  ASSERT_EQ(back.authors.size(), 3u);
  EXPECT_EQ(back.authors[1].verified.size(), 2u);
  EXPECT_EQ(back.authors[2].avatar, "https://nib.example/a.png");
  ASSERT_EQ(back.enclosures.size(), 2u);
  EXPECT_EQ(back.enclosures[0].length, std::optional<long long>(123456789012LL));
  EXPECT_FALSE(back.enclosures[1].length);
  EXPECT_EQ(back.updated, std::optional<UnixTime>(-5));
  EXPECT_FALSE(back.first_seen);
}

TEST(EntryReader, SkipsKeysItDoesNotKnowWhateverTheyHold) {
  const Entry back = entry_from_json_text(
      R"({"later":{"a":[1,{"b":[null,true,2.5]}]},"id":"x","title":"T","note":"n",)"
      R"("extra":[[["deep"]]],"likes":2,"flag":false})");
  EXPECT_EQ(back.id, "x");
  EXPECT_EQ(back.title, "T");
  EXPECT_EQ(back.likes, std::optional<int>(2));
}

TEST(EntryReader, NamesWhatItCannotRead) {
  for (const char* bad :
       {"", "{", "[]", "\"text\"", R"({"id":"x",})", R"({"title":3})", R"({"published":"soon"})",
        R"({"authors":"Quill"})", R"({"authors":[{"name":"Quill"}]})", R"({"categories":[1]})",
        R"({"id":"x"} trailing)", R"({"likes":1.5})"}) {
    try {
      entry_from_json_text(bad);
      ADD_FAILURE() << "read: " << bad;
    } catch (const EntryJsonError& error) {
      EXPECT_FALSE(std::string(error.what()).empty()) << bad;
    }
  }
}

TEST(EntryReader, NullLeavesAFieldEmpty) {
  const Entry back = entry_from_json_text(
      R"({"id":"x","title":null,"published":null,"authors":null,"enclosures":[["u","t",null]]})");
  EXPECT_EQ(back.id, "x");
  EXPECT_TRUE(back.title.empty());
  EXPECT_FALSE(back.published);
  EXPECT_TRUE(back.authors.empty());
  ASSERT_EQ(back.enclosures.size(), 1u);
  EXPECT_FALSE(back.enclosures[0].length);
}

TEST(EntryReader, RefusesListsWithMorePartsThanItWrites) {
  for (const char* bad :
       {R"({"authors":[["a","b","c","d",[],"f"]]})", R"({"in_reply_to":[["a","b","c"]]})",
        R"({"enclosures":[["a","b",1,2]]})", R"({"authors":[["a",null]]})",
        R"({"id":"x","likes":nul})", R"({"id":"\ud800"})"}) {
    EXPECT_THROW(entry_from_json_text(bad), EntryJsonError) << bad;
  }
}

// One reader for many entries, as each of the history's workers reads them: what one entry
// held never shows in the next, long or short.
TEST(EntryReader, OneReaderReadsEntryAfterEntry) {
  EntryJsonReader reader;
  Entry bare;
  bare.id = "only-an-id";
  Entry long_one = full_entry();
  long_one.content = std::string(100000, 'x');
  for (int round = 0; round < 3; ++round) {
    for (const Entry& entry : {long_one, bare, full_entry()}) {
      EXPECT_EQ(text_of(reader.read(text_of(entry))), text_of(entry));
    }
  }
  EXPECT_THROW(reader.read("{"), EntryJsonError);
  EXPECT_EQ(reader.read(text_of(bare)).id, "only-an-id");  // still reads after a failure
}

}  // namespace
}  // namespace confab
