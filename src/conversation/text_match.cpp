#include "conversation/text_match.h"

#include <utility>

#include "base/ascii.h"
#include "base/strings.h"

namespace confab {

namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

std::string fold_text(std::string_view utf8) {
  // Folding never makes a text longer: written straight into a buffer of its size, a byte a
  // step, without a capacity check each.
  std::string out(utf8.size(), '\0');
  char* to = out.data();
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      *to++ = lower(static_cast<char>(c));
      continue;
    }
    // Two-byte sequences C3 80..C3 BF are U+00C0..U+00FF, the accented Latin letters.
    if (c == 0xC3 && i + 1 < utf8.size()) {
      const unsigned char next = static_cast<unsigned char>(utf8[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        const char base = latin1_base_letter(next);
        if (base != '\0') {
          *to++ = base;
          ++i;
          continue;
        }
      }
    }
    // Typographic quotes and apostrophes (U+2018, U+2019, U+201C, U+201D) read as plain ones.
    if (c == 0xE2 && i + 2 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) == 0x80) {
      const unsigned char last = static_cast<unsigned char>(utf8[i + 2]);
      if (last == 0x98 || last == 0x99 || last == 0x9C || last == 0x9D) {
        *to++ = (last <= 0x99) ? '\'' : '"';
        i += 2;
        continue;
      }
    }
    // Œ/œ (C5 92/93) fold to "oe", as French writers type them either way.
    if (c == 0xC5 && i + 1 < utf8.size() &&
        (static_cast<unsigned char>(utf8[i + 1]) == 0x92 ||
         static_cast<unsigned char>(utf8[i + 1]) == 0x93)) {
      *to++ = 'o';
      *to++ = 'e';
      ++i;
      continue;
    }
    *to++ = static_cast<char>(c);
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
  return out;
}

bool contains_phrase(std::string_view folded_text, std::string_view folded_phrase) {
  if (folded_phrase.empty()) return false;
  std::size_t pos = 0;
  while ((pos = folded_text.find(folded_phrase, pos)) != std::string_view::npos) {
    const bool starts_word =
        pos == 0 || !is_word_byte(static_cast<unsigned char>(folded_text[pos - 1]));
    const std::size_t end = pos + folded_phrase.size();
    const bool ends_word =
        end >= folded_text.size() || !is_word_byte(static_cast<unsigned char>(folded_text[end]));
    if (starts_word && ends_word) return true;
    ++pos;
  }
  return false;
}

PhraseSet::PhraseSet(std::vector<std::string_view> folded_phrases)
    : phrases_(std::move(folded_phrases)) {
  for (std::size_t i = 0; i < phrases_.size(); ++i) {
    const std::string_view phrase = phrases_[i];
    if (phrase.empty()) continue;  // contains_phrase finds an empty phrase nowhere
    if (!is_word_byte(static_cast<unsigned char>(phrase[0]))) {
      unindexed_.push_back(i);
      continue;
    }
    std::size_t end = 1;
    while (end < phrase.size() && is_word_byte(static_cast<unsigned char>(phrase[end]))) ++end;
    by_first_word_[phrase.substr(0, end)].push_back(i);
  }
}

std::vector<bool> PhraseSet::found_in(std::string_view folded_text) const {
  return found_in(folded_text, word_views(folded_text));
}

std::vector<bool> PhraseSet::found_in(std::string_view folded_text,
                                      const std::vector<std::string_view>& words) const {
  std::vector<bool> found(phrases_.size(), false);
  for (const std::size_t i : unindexed_) found[i] = contains_phrase(folded_text, phrases_[i]);
  for (const std::string_view word : words) {
    const auto candidates = by_first_word_.find(word);
    if (candidates == by_first_word_.end()) continue;
    const auto at = static_cast<std::size_t>(word.data() - folded_text.data());
    for (const std::size_t i : candidates->second) {
      const std::string_view phrase = phrases_[i];
      const std::size_t after = at + phrase.size();
      if (found[i] || after > folded_text.size() ||
          folded_text.compare(at, phrase.size(), phrase) != 0) {
        continue;
      }
      found[i] = after == folded_text.size() ||
                 !is_word_byte(static_cast<unsigned char>(folded_text[after]));
    }
  }
  return found;
}

std::string_view PhraseSet::first_in(std::string_view folded_text) const {
  const std::vector<bool> found = found_in(folded_text);
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i]) return phrases_[i];
  }
  return {};
}

std::vector<std::string> words_of(std::string_view folded_text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : folded_text) {
    if (is_word_byte(static_cast<unsigned char>(c))) {
      current += c;
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::vector<std::string_view> word_views(std::string_view folded_text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  bool in_word = false;
  for (std::size_t i = 0; i <= folded_text.size(); ++i) {
    const bool word_byte =
        i < folded_text.size() && is_word_byte(static_cast<unsigned char>(folded_text[i]));
    if (word_byte && !in_word) start = i;
    if (!word_byte && in_word) words.push_back(folded_text.substr(start, i - start));
    in_word = word_byte;
  }
  return words;
}

}  // namespace confab
