// The spreadsheet exports: RFC 4180 text that Excel and LibreOffice open with accents intact,
// one row per node or person, and nothing a spreadsheet would run as a formula.
#include "render/csv_exports.h"

#include <gtest/gtest.h>

#include <random>

#include <string>
#include <vector>

#include "render/csv.h"

namespace confab {
namespace {

/// The records of RFC 4180 text, read back by hand: quoted fields may hold commas, doubled
/// quotes and line breaks; records end in CRLF.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      ++i;
    } else {
      field += c;
    }
  }
  EXPECT_TRUE(field.empty() && record.empty()) << "the last record must end in CRLF";
  return records;
}

Conversation pond() {
  Conversation conversation;
  conversation.generated = 1262563200;       // 2010-01-04
  conversation.previous_build = 1262476800;  // 2010-01-03
  SourceReport blog;
  blog.id = "pond";
  blog.name = "Pond, the blog";
  blog.url = "https://pond.example/";
  conversation.sources.push_back(blog);

  Node post;
  post.id = "pond/launch";
  post.kind = NodeKind::post;
  post.source = "pond";
  post.thread = "pond/launch";
  post.url = "https://pond.example/launch";
  post.title = "We \"launch\", at last\nfor real";
  post.author = "team";
  post.author_name = "Élodie Müller";
  post.by_team = true;
  post.published = 1262390400;  // 2010-01-02T00:00:00Z
  post.first_seen = 1262390500;
  post.likes = 3;
  post.reposts = 1;
  post.text = "  We launch\n\ttoday.  ";
  conversation.nodes.push_back(post);

  Node reply;
  reply.id = "pond/launch/c1";
  reply.kind = NodeKind::comment;
  reply.source = "pond";
  reply.thread = "pond/launch";
  reply.parent = "pond/launch";
  reply.url = "https://pond.example/launch#c1";
  reply.author = "zoe";
  reply.author_name = "Zoé";
  reply.published = 1262480000;
  reply.first_seen = 1262563200;  // after the previous build: new
  reply.text = "Très émouvant, ça m'a réchauffé le cœur";
  conversation.nodes.push_back(reply);
  conversation.awaiting_reply = {"pond/launch/c1"};

  Node spam;
  spam.id = "pond/launch/c2";
  spam.kind = NodeKind::comment;
  spam.source = "pond";
  spam.thread = "pond/launch";
  spam.parent = "pond/launch";
  spam.url = "https://pond.example/launch#c2";
  spam.title = "=HYPERLINK(\"https://evil.example\")";
  spam.author_name = "Cheap pills";
  spam.spam = SpamVerdict{0.9, {"links"}};
  spam.text = "Buy now";
  conversation.nodes.push_back(spam);

  Person team;
  team.id = "team";
  team.name = "Élodie Müller";
  team.team = true;
  team.posts = 1;
  team.blogs = {"pond"};
  team.urls = {"https://pond.example/", "https://social.example/@elodie"};
  team.replies_received = 1;
  team.repliers = 1;
  team.influence = 3;
  conversation.people.push_back(team);
  Person zoe;
  zoe.id = "zoe";
  zoe.name = "Zoé";
  zoe.comments = 1;
  zoe.blogs = {"pond"};
  zoe.influence = 2;
  conversation.people.push_back(zoe);
  return conversation;
}

const FeedSite kSite{"Pond", "https://hub.example/", "en"};

TEST(CsvExports, NodesStartWithTheByteOrderMarkAndTheExactHeader) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const std::string csv = nodes_csv(model, kSite);
  ASSERT_EQ(csv.rfind(kCsvBom, 0), 0u);
  const std::string header =
      "id,kind,thread,parent,source,source_name,platform,author,author_name,published,"
      "first_seen,new,awaiting_reply,by_team,spam,likes,reposts,url,hub_url,title,text\r\n";
  EXPECT_EQ(csv.substr(kCsvBom.size(), header.size()), header);
}

TEST(CsvExports, NodesHoldEveryNodeInConversationOrderQuotedPerRfc4180) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const std::string csv = nodes_csv(model, kSite);
  const auto records = parse_csv(std::string_view(csv).substr(kCsvBom.size()));
  ASSERT_EQ(records.size(), 4u);
  for (const auto& record : records) ASSERT_EQ(record.size(), 21u);

  const std::string post_hub_url = "https://hub.example/" +
                                   model.thread_path(conversation.nodes[0]) + "#" +
                                   model.anchor(conversation.nodes[0]);
  EXPECT_EQ(records[1], (std::vector<std::string>{"pond/launch",
                                                  "post",
                                                  "pond/launch",
                                                  "",
                                                  "pond",
                                                  "Pond, the blog",
                                                  "",
                                                  "team",
                                                  "\xC3\x89lodie M\xC3\xBCller",
                                                  "2010-01-02T00:00:00Z",
                                                  "2010-01-02T00:01:40Z",
                                                  "",
                                                  "",
                                                  "yes",
                                                  "",
                                                  "3",
                                                  "1",
                                                  "https://pond.example/launch",
                                                  post_hub_url,
                                                  "We \"launch\", at last\nfor real",
                                                  "We launch today."}));
  EXPECT_EQ(records[2][0], "pond/launch/c1");
  EXPECT_EQ(records[2][11], "yes");  // new: first seen after the previous build
  EXPECT_EQ(records[2][12], "yes");  // awaiting a reply
  EXPECT_EQ(records[2][14], "");
  EXPECT_EQ(records[2][19], "");
  EXPECT_EQ(records[3][0], "pond/launch/c2");
  EXPECT_EQ(records[3][14], "yes");
  EXPECT_EQ(records[3][18], "");  // spam is not shown on the hub: no link there
}

TEST(CsvExports, QuotedFieldsAreWrittenByteForByte) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const std::string csv = nodes_csv(model, kSite);
  // Commas and line breaks quote the field; inner quotes double; lines end in CRLF.
  EXPECT_NE(csv.find(",\"Pond, the blog\","), std::string::npos);
  EXPECT_NE(csv.find(",\"We \"\"launch\"\", at last\nfor real\",We launch today.\r\n"),
            std::string::npos);
  // Accents are UTF-8 bytes, not escapes or Latin-1.
  EXPECT_NE(csv.find("Tr\xC3\xA8s \xC3\xA9mouvant"), std::string::npos);
  EXPECT_NE(csv.find("c\xC5\x93ur"), std::string::npos);
}

TEST(CsvExports, TextAFormulaWouldStartWithIsDefusedWithAnApostrophe) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const auto records = parse_csv(std::string_view(nodes_csv(model, kSite)).substr(kCsvBom.size()));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[3][19], "'=HYPERLINK(\"https://evil.example\")");
}

TEST(CsvExports, NodesOfAHubWithoutBaseUrlLinkRelativeToTheSiteRoot) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const auto records = parse_csv(
      std::string_view(nodes_csv(model, FeedSite{"Pond", "", "en"})).substr(kCsvBom.size()));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[2][18],
            model.thread_path(conversation.nodes[0]) + "#" + model.anchor(conversation.nodes[1]));
  EXPECT_EQ(records[2][18].rfind("threads/", 0), 0u);
}

TEST(CsvExports, PeopleAreListedByActivityWithTheExactHeader) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const std::string csv = people_csv(model, kSite);
  ASSERT_EQ(csv.rfind(kCsvBom, 0), 0u);
  const auto records = parse_csv(std::string_view(csv).substr(kCsvBom.size()));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0], (std::vector<std::string>{
                            "id", "name", "team", "posts", "comments", "blogs", "replies_received",
                            "repliers", "cross_blog_replies", "influence", "urls", "hub_url"}));
  EXPECT_EQ(records[1],
            (std::vector<std::string>{"team", "\xC3\x89lodie M\xC3\xBCller", "yes", "1", "0",
                                      "Pond, the blog", "1", "1", "0", "3",
                                      "https://pond.example/; https://social.example/@elodie",
                                      "https://hub.example/" + model.person_path("team")}));
  EXPECT_EQ(records[2][0], "zoe");
  EXPECT_EQ(records[2][2], "");
  EXPECT_EQ(records[2][11], "https://hub.example/people/zoe/");
}

TEST(CsvExports, OneLineCollapsesEveryRunOfWhiteSpace) {
  EXPECT_EQ(one_line("  a \t\r\n b\xC2\xA0\xE2\x80\xAF"
                     "c  "),
            "a b c");
  EXPECT_EQ(one_line(""), "");
  EXPECT_EQ(one_line(" \n "), "");
}

/// one_line as first written, a byte at a time: what the faster one must agree with.
std::string one_line_reference(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t space_bytes = 0;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      space_bytes = 1;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space_bytes = 2;
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) == 0xAF) {
      space_bytes = 3;
    }
    if (space_bytes > 0) {
      pending_space = !out.empty();
      i += space_bytes - 1;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

TEST(CsvExports, OneLineAgreesWithTheByteAtATimeReadingOnRandomText) {
  // Bytes that are, begin or end white space (and a few that are not), packed close together.
  const std::string alphabet = std::string("a ,\t\n\r\v\f\"") + "\xC2\xA0\xE2\x80\xAF\xC3";
  std::mt19937 random(23);
  for (int round = 0; round < 5000; ++round) {
    std::string text(random() % 16, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    EXPECT_EQ(one_line(text), one_line_reference(text)) << "'" << text << "'";
  }
}

TEST(CsvExports, FieldsAreQuotedAndTheirQuotesDoubled) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
  EXPECT_EQ(csv_field("\"\""), "\"\"\"\"\"\"");
  EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field(" padded"), "\" padded\"");
  EXPECT_EQ(csv_field("padded "), "\"padded \"");
}

TEST(CsvExports, TheSameConversationGivesTheSameBytes) {
  const Conversation conversation = pond();
  const SiteModel first(conversation, 1), second(conversation, 2);
  EXPECT_EQ(nodes_csv(first, kSite), nodes_csv(second, kSite));
  EXPECT_EQ(people_csv(first, kSite), people_csv(second, kSite));
}

}  // namespace
}  // namespace confab
