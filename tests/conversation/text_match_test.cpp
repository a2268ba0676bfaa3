#include "conversation/text_match.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(FoldText, LowerCasesAndDropsAccents) {
  EXPECT_EQ(fold_text("Éco-Fêlé À Noël"), "eco-fele a noel");
  EXPECT_EQ(fold_text("Œuvre"), "oeuvre");
  EXPECT_EQ(fold_text("BRING the Love"), "bring the love");
  EXPECT_EQ(fold_text("qu\u2019on l\u2018aime \u201Cfort\u201D"), "qu'on l'aime \"fort\"");
}

TEST(ContainsPhrase, MatchesOnWordBoundariesOnly) {
  const std::string text = fold_text("We watched Bring the Love Back, twice!");
  EXPECT_TRUE(contains_phrase(text, "bring the love back"));
  EXPECT_TRUE(contains_phrase(text, "love"));
  EXPECT_FALSE(contains_phrase(text, "lov"));
  EXPECT_FALSE(contains_phrase(fold_text("lovely"), "love"));
  EXPECT_TRUE(contains_phrase(fold_text("« Ramenez l'amour »"), "ramenez"));
  EXPECT_FALSE(contains_phrase(text, ""));
}

TEST(ContainsPhrase, AccentInsensitive) {
  EXPECT_TRUE(contains_phrase(fold_text("Une campagne réussie"), fold_text("reussie")));
  EXPECT_TRUE(contains_phrase(fold_text("une campagne reussie"), fold_text("Réussie")));
}

TEST(WordsOf, SplitsOnPunctuation) {
  const auto words = words_of("hello, world-wide web 2.0");
  ASSERT_EQ(words.size(), 6u);
  EXPECT_EQ(words[0], "hello");
  EXPECT_EQ(words[2], "wide");
  EXPECT_EQ(words[5], "0");
}

}  // namespace
}  // namespace confab
