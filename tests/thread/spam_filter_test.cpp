#include "thread/spam_filter.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

const char* kPost =
    "Microsoft Belgium made a video about bringing the love back to advertising. The campaign "
    "asks agencies and advertisers to talk to each other again.";

bool is_spam(const SpamEvidence& evidence) {
  return judge_comment(evidence).score >= kSpamThreshold;
}

TEST(SpamFilter, GenericPraiseWithNoOverlapIsSpam) {
  const auto verdict = judge_comment(
      {"", "",
       "<p>Hi! This article could not be written any better! It reminds me of my previous "
       "room mate, who always talked about this.</p>",
       kPost});
  EXPECT_GE(verdict.score, kSpamThreshold);
  ASSERT_FALSE(verdict.reasons.empty());
  EXPECT_NE(verdict.reasons[0].find("generic praise"), std::string::npos);
}

TEST(SpamFilter, ASignatureLinkToAShopIsSpam) {
  EXPECT_TRUE(is_spam({"Jenny", "",
                       "<p>Such a clear picture of a fascinating subject. <a "
                       "href=\"http://shop.example/\">Carport For Sale</a></p>",
                       kPost}));
}

TEST(SpamFilter, ACommercialAuthorNameWithALinkIsSpam) {
  EXPECT_TRUE(is_spam({"Cheap Replica Watches", "http://shop.example/",
                       "<p>Great post, thanks for sharing.</p>", kPost}));
}

TEST(SpamFilter, AReaderDiscussingThePostIsNotSpam) {
  const auto verdict = judge_comment(
      {"Toby", "http://toby.example/",
       "<p>Great post. I run workshops for advertisers and would love to show the video about "
       "the campaign. Could you send a version I can download?</p>",
       kPost});
  EXPECT_LT(verdict.score, kSpamThreshold);
}

TEST(SpamFilter, AShortThankYouFromANamedReaderIsNotSpam) {
  EXPECT_FALSE(is_spam({"Rolling Talks", "", "<p>Glad to read that!</p>", kPost}));
}

}  // namespace
}  // namespace confab
