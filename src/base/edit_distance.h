// Edit distance between short words, used to suggest the key a typo was meant to be.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace confab {

/// Levenshtein distance: the fewest single-character insertions, deletions and substitutions that
/// turn `a` into `b`. Counts bytes, not code points: the words compared are ASCII config keys.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word` when it is close enough to be a plausible typo of it
/// (distance <= max(2, word.size() / 3)); ties go to the earlier candidate. nullopt otherwise.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

}  // namespace confab
