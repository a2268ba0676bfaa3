// A small naive-Bayes token model of comment spam, trained on the labelled comments under
// tests/fixtures/spam/ (the train split) and compiled in (spam_model_data.inc), so judging needs
// no file and no network. The training is the SpamModel tests' (spam_corpus_test.cpp);
// regenerate the data after editing the fixtures:
//   CONFAB_WRITE_SPAM_MODEL=src/conversation/spam_model_data.inc build/conversation_tests
//   --gtest_filter='SpamModel.*'
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace confab {

/// What the model reads of a comment.
struct SpamSample {
  std::string author_name;
  std::string author_url;
  std::string text;  ///< visible text
  int link_count = 0;
  /// Optional: fold_text(text), when the caller has it already (saves folding twice).
  const std::string* folded_text = nullptr;
};

/// The distinct tokens of a sample: folded words of the text (three letters or more, function words
/// left out), the author name's words as "author:WORD", and shape tokens ("shape:links",
/// "shape:noname", "shape:url").
std::vector<std::string> spam_tokens(const SpamSample& sample);

/// Hashes tokens as strings or views alike, so lookups need no copy.
struct TokenHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view token) const {
    return std::hash<std::string_view>{}(token);
  }
};

/// Per token: in how many spam and ham training comments it occurs.
struct SpamModel {
  int spam_documents = 0;
  int ham_documents = 0;
  /// token -> (spam, ham)
  std::unordered_map<std::string, std::pair<int, int>, TokenHash, std::equal_to<>> counts;
};

/// The model compiled into confab (trained on the fixtures' train split).
const SpamModel& builtin_spam_model();

/// How a sample reads under a model. `probability` is P(spam): naive Bayes over the sample's
/// tokens seen at least twice in training, Laplace smoothing, the training prior; 0.5 when the
/// model knows none of its tokens. `spammiest` are the `count` tokens that pushed most towards
/// spam, strongest first (for the reasons).
struct SpamModelJudgement {
  double probability = 0.5;
  std::vector<std::string> spammiest;
};
SpamModelJudgement judge_with_model(const SpamModel& model, const SpamSample& sample,
                                    std::size_t count);

}  // namespace confab
