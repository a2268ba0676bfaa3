#include "conversation/spam_filter.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

const char* kPost =
    "Microsoft Belgium made a video about bringing the love back to advertising. The campaign "
    "asks agencies and advertisers to talk to each other again.";

SpamEvidence evidence(std::string author, std::string url, std::string html,
                      int copies_elsewhere = 0) {
  return {std::move(author), std::move(url), std::move(html), kPost, "geertd", copies_elsewhere};
}

bool is_spam(const SpamEvidence& comment) {
  return judge_comment(comment).score >= kSpamThreshold;
}

bool has_reason(const SpamVerdict& verdict, const std::string& words) {
  for (const auto& reason : verdict.reasons) {
    if (reason.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(SpamFilter, GenericPraiseWithNoOverlapIsSpam) {
  const auto verdict = judge_comment(
      evidence("", "",
               "<p>Hi! This article could not be written any better! It reminds me of my "
               "previous room mate, who always talked about this.</p>"));
  EXPECT_GE(verdict.score, kSpamThreshold);
  ASSERT_FALSE(verdict.reasons.empty());
  EXPECT_NE(verdict.reasons[0].find("generic praise"), std::string::npos);
}

TEST(SpamFilter, ASignatureLinkToAShopIsSpam) {
  EXPECT_TRUE(is_spam(evidence("Jenny", "",
                               "<p>Such a clear picture of a fascinating subject. <a "
                               "href=\"http://shop.example/\">Carport For Sale</a></p>")));
}

TEST(SpamFilter, ACommercialAuthorNameWithALinkIsSpam) {
  EXPECT_TRUE(is_spam(evidence("Cheap Replica Watches", "http://shop.example/",
                               "<p>Great post, thanks for sharing.</p>")));
}

TEST(SpamFilter, AReaderDiscussingThePostIsNotSpam) {
  const auto verdict = judge_comment(
      evidence("Toby", "http://toby.example/",
               "<p>Great post. I run workshops for advertisers and would love to show the video "
               "about the campaign. Could you send a version I can download?</p>"));
  EXPECT_LT(verdict.score, kSpamThreshold);
}

TEST(SpamFilter, AShortThankYouFromANamedReaderIsNotSpam) {
  EXPECT_FALSE(is_spam(evidence("Rolling Talks", "", "<p>Glad to read that!</p>")));
}

TEST(SpamFilter, PraiseThatCallsTheAuthorByNameIsNotATemplate) {
  EXPECT_FALSE(is_spam(evidence("Ann", "https://ann.example/",
                                "<p>Bookmarked, shared, and watched three times. Geert, this is a "
                                "brave piece of work.</p>")));
}

TEST(SpamFilter, ACommenterUrlThatSellsOrIsUnrelatedCounts) {
  const auto shop = judge_comment(evidence("Mike", "http://cheap-ugg-boots.example/",
                                           "<p>Nice to read about the campaign.</p>"));
  EXPECT_TRUE(has_reason(shop, "commenter's site sells something")) << shop.reasons.size();
  const auto unrelated = judge_comment(evidence("Mike", "http://garden-tools-direct.example/",
                                                "<p>Nice to read about the campaign.</p>"));
  EXPECT_TRUE(has_reason(unrelated, "commenter URL unrelated"));
  const auto own = judge_comment(evidence("Toby Marsh", "http://toby-workshops.example/",
                                          "<p>I use the video in my workshops.</p>"));
  EXPECT_FALSE(has_reason(own, "commenter"));
}

TEST(SpamFilter, TheSameTextOnOtherBlogsCounts) {
  const auto verdict = judge_comment(
      evidence("Reader", "", "<p>What a lovely write up, I enjoyed every line of it.</p>", 3));
  EXPECT_TRUE(has_reason(verdict, "posted on 3 other blogs"));
}

TEST(SpamFilter, TheTokenModelReadsOtherLanguages) {
  // No English rule fires here beyond the missing name; the model knows the pitch.
  const auto verdict = judge_comment(
      evidence("", "",
               "<p>Bonjour, j'ai découvert votre site par hasard, il est très intéressant. "
               "Continuez comme ça, bonne continuation !</p>"));
  EXPECT_TRUE(has_reason(verdict, "token model")) << verdict.score;
  EXPECT_GE(verdict.score, kSpamThreshold);
}

TEST(SpamFilter, AllowAndDenyListsOverrideTheFilter) {
  SpamSection lists;
  lists.allow = {"Aunt Mia", "friends.example"};
  lists.deny = {"Mallory", "spammy.example"};
  EXPECT_EQ(spam_override(lists, "aunt MIA", ""), std::optional<bool>(false));
  EXPECT_EQ(spam_override(lists, "Bob", "https://blog.friends.example/"),
            std::optional<bool>(false));
  EXPECT_EQ(spam_override(lists, "Mallory", "https://friends.example/"),
            std::optional<bool>(true));  // deny wins
  EXPECT_EQ(spam_override(lists, "Eve", "http://www.spammy.example/x"), std::optional<bool>(true));
  EXPECT_EQ(spam_override(lists, "Eve", "http://notspammy.example/"), std::nullopt);
  EXPECT_EQ(spam_override({}, "Eve", ""), std::nullopt);
}

}  // namespace
}  // namespace confab
