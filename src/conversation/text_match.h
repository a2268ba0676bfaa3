// Matching words in text the way people read them: case, accents and punctuation ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace confab {

/// Lower-cases and strips Latin accents ("Éco-Fêlé" -> "eco-fele"); other UTF-8 is kept.
std::string fold_text(std::string_view utf8);

/// True when folded `phrase` occurs in folded `text` on word boundaries.
bool contains_phrase(std::string_view folded_text, std::string_view folded_phrase);

/// The folded words of a text (runs of letters and digits), for overlap measures.
std::vector<std::string> words_of(std::string_view folded_text);

/// words_of without copies: views into `folded_text`, which must outlive them.
std::vector<std::string_view> word_views(std::string_view folded_text);

}  // namespace confab
