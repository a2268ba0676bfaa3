// Matching words in text the way people read them: case, accents and punctuation ignored.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace confab {

/// Lower-cases and strips Latin accents ("Éco-Fêlé" -> "eco-fele"); other UTF-8 is kept.
std::string fold_text(std::string_view utf8);

/// True when folded `phrase` occurs in folded `text` on word boundaries.
bool contains_phrase(std::string_view folded_text, std::string_view folded_phrase);

/// Folded phrases looked for together: which of them a folded text contains on word boundaries
/// (as contains_phrase says), found in one pass over the text's words instead of one pass per
/// phrase. The phrases are views: they must outlive the set (string literals, say).
class PhraseSet {
 public:
  explicit PhraseSet(std::vector<std::string_view> folded_phrases);

  /// For each phrase, in the order given, whether `folded_text` contains it.
  std::vector<bool> found_in(std::string_view folded_text) const;
  /// The same, given the text's word_views (a caller that has them already).
  std::vector<bool> found_in(std::string_view folded_text,
                             const std::vector<std::string_view>& words) const;

  /// The first phrase, in the order given, that `folded_text` contains; "" when none.
  std::string_view first_in(std::string_view folded_text) const;

  const std::vector<std::string_view>& phrases() const { return phrases_; }

 private:
  std::vector<std::string_view> phrases_;
  /// A phrase can only start where a word of the text starts, and that word is the phrase's
  /// first word ("i" of "i'm re-thinking"): phrase indexes by their first word.
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_first_word_;
  /// Phrases that do not start with a letter or digit, each looked for on its own.
  std::vector<std::size_t> unindexed_;
};

/// The folded words of a text (runs of letters and digits), for overlap measures.
std::vector<std::string> words_of(std::string_view folded_text);

/// words_of without copies: views into `folded_text`, which must outlive them.
std::vector<std::string_view> word_views(std::string_view folded_text);

}  // namespace confab
