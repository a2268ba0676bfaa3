#include "conversation/text_match.h"

#include <gtest/gtest.h>

#include <random>
#include <string_view>
#include <vector>

namespace confab {
namespace {

TEST(FoldText, LowerCasesAndDropsAccents) {
  EXPECT_EQ(fold_text("Éco-Fêlé À Noël"), "eco-fele a noel");
  EXPECT_EQ(fold_text("Œuvre"), "oeuvre");
  EXPECT_EQ(fold_text("BRING the Love"), "bring the love");
  EXPECT_EQ(fold_text("qu\u2019on l\u2018aime \u201Cfort\u201D"), "qu'on l'aime \"fort\"");
}

TEST(FoldText, KeepsCutSequencesAndOtherBytesAsTheyAre) {
  EXPECT_EQ(fold_text(""), "");
  EXPECT_EQ(fold_text("A\xC3"), "a\xC3");
  EXPECT_EQ(fold_text("B\xE2\x80"), "b\xE2\x80");
  EXPECT_EQ(fold_text("\xC5"), "\xC5");
  EXPECT_EQ(fold_text("\xC3\x97\xE2\x80\xA6\xF0\x9F\x98\x80Z"),
            "\xC3\x97\xE2\x80\xA6\xF0\x9F\x98\x80z");
  EXPECT_EQ(fold_text("\xC5\x93\xC5\x92"), "oeoe");
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

TEST(PhraseSet, FindsWhatContainsPhraseFinds) {
  const PhraseSet set({"i'm re-thinking", "buy", "buy now", "great post", "", "-deal", "post"});
  const std::vector<bool> found =
      set.found_in(fold_text("Great post! I'm re-thinking it; buying -deal now"));
  EXPECT_EQ(found, (std::vector<bool>{true, false, false, true, false, true, true}));
  EXPECT_EQ(set.first_in("post great post"), "great post");  // the order given, not the text's
  EXPECT_EQ(set.first_in("nothing here"), "");
  EXPECT_EQ(set.first_in(""), "");
  EXPECT_EQ(set.first_in("buy"), "buy");
  EXPECT_EQ(set.first_in("buy now!"), "buy");
  EXPECT_EQ(set.found_in("rebuy now"), std::vector<bool>(7, false));
}

TEST(PhraseSet, AgreesWithContainsPhraseOnRandomText) {
  // Texts and phrases over a small alphabet of word and non-word bytes, so that partial
  // matches, repeats and boundaries meet often.
  const std::string_view alphabet = "ab -'\xC3\xA9";
  std::mt19937 random(19);
  const auto text_of = [&](std::size_t most) {
    std::string text(random() % (most + 1), ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    return text;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> owned;
    for (int i = 0; i < 6; ++i) owned.push_back(text_of(5));
    const std::vector<std::string_view> phrases(owned.begin(), owned.end());
    const PhraseSet set(phrases);
    for (int t = 0; t < 20; ++t) {
      const std::string text = text_of(24);
      const std::vector<bool> found = set.found_in(text);
      for (std::size_t i = 0; i < phrases.size(); ++i) {
        EXPECT_EQ(found[i], contains_phrase(text, phrases[i]))
            << "text '" << text << "', phrase '" << phrases[i] << "'";
      }
    }
  }
}

}  // namespace
}  // namespace confab
