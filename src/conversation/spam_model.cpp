#include "conversation/spam_model.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_set>

#include "conversation/text_match.h"

namespace confab {

namespace {

struct TokenCount {
  std::string_view token;
  int spam;
  int ham;
};

#include "conversation/spam_model_data.inc"

// Function words of the six languages of the labelled set: they say how a text is written, not
// what it sells, and a small training set learns accidents from them.
constexpr std::string_view kFunctionWords[] = {
    "the", "this",  "that", "and",  "for", "you",   "your", "with", "have", "was",  "are",  "will",
    "but", "not",   "from", "what", "all", "about", "his",  "her",  "they", "our",  "its",  "les",
    "des", "une",   "est",  "pour", "que", "qui",   "sur",  "dans", "avec", "vous", "nous", "mais",
    "ces", "son",   "para", "com",  "uma", "por",   "nao",  "mais", "dos",  "das",  "het",  "een",
    "van", "dat",   "die",  "voor", "met", "niet",  "zijn", "der",  "das",  "und",  "ich",  "sie",
    "ist", "nicht", "mit",  "fur",  "ein", "eine",  "los",  "las",  "una",  "con",  "del"};

bool is_function_word(std::string_view word) {
  static const std::unordered_set<std::string_view> words(std::begin(kFunctionWords),
                                                          std::end(kFunctionWords));
  return words.count(word) != 0;
}

/// log P(token | spam) - log P(token | ham), Laplace-smoothed.
double token_weight(const SpamModel& model, int spam, int ham) {
  return std::log((spam + 1.0) / (model.spam_documents + 2.0)) -
         std::log((ham + 1.0) / (model.ham_documents + 2.0));
}

/// Each token the model knows, with its weight; the views are the model's own keys.
std::vector<std::pair<double, std::string_view>> weighted_tokens(const SpamModel& model,
                                                                 const SpamSample& sample) {
  std::vector<std::pair<double, std::string_view>> weighted;
  std::vector<const std::pair<const std::string, std::pair<int, int>>*> seen;
  auto weigh = [&](std::string_view token) {
    const auto found = model.counts.find(token);
    // A token seen once is an anecdote, not evidence: small training sets overfit on them.
    if (found == model.counts.end() || found->second.first + found->second.second < 2) return;
    // Each token counts once per comment, as in training; entries compare by address.
    if (std::find(seen.begin(), seen.end(), &*found) != seen.end()) return;
    seen.push_back(&*found);
    weighted.emplace_back(token_weight(model, found->second.first, found->second.second),
                          found->first);
  };
  const std::string folded = sample.folded_text ? std::string() : fold_text(sample.text);
  for (const auto word : word_views(sample.folded_text ? *sample.folded_text : folded)) {
    if (word.size() >= 3 && !is_function_word(word)) weigh(word);
  }
  const auto name_words = words_of(fold_text(sample.author_name));
  for (const auto& word : name_words) weigh("author:" + word);
  if (name_words.empty()) weigh("shape:noname");
  if (sample.link_count > 0) weigh("shape:links");
  if (!sample.author_url.empty()) weigh("shape:url");
  return weighted;
}

}  // namespace

std::vector<std::string> spam_tokens(const SpamSample& sample) {
  std::vector<std::string> tokens;
  for (auto& word : words_of(fold_text(sample.text))) {
    if (word.size() >= 3 && !is_function_word(word)) tokens.push_back(std::move(word));
  }
  const auto name_words = words_of(fold_text(sample.author_name));
  for (const auto& word : name_words) tokens.push_back("author:" + word);
  if (name_words.empty()) tokens.push_back("shape:noname");
  if (sample.link_count > 0) tokens.push_back("shape:links");
  if (!sample.author_url.empty()) tokens.push_back("shape:url");
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

const SpamModel& builtin_spam_model() {
  // Built once from constant data; immutable afterwards.
  static const SpamModel model = [] {
    SpamModel built;
    built.spam_documents = kSpamDocuments;
    built.ham_documents = kHamDocuments;
    for (const auto& count : kTokenCounts) {
      built.counts.emplace(std::string(count.token), std::pair(count.spam, count.ham));
    }
    return built;
  }();
  return model;
}

SpamModelJudgement judge_with_model(const SpamModel& model, const SpamSample& sample,
                                    std::size_t count) {
  SpamModelJudgement judgement;
  if (model.spam_documents == 0 || model.ham_documents == 0) return judgement;
  auto weighted = weighted_tokens(model, sample);
  if (weighted.empty()) return judgement;
  double log_odds = std::log(static_cast<double>(model.spam_documents) / model.ham_documents);
  for (const auto& [weight, token] : weighted) log_odds += weight;
  judgement.probability = 1.0 / (1.0 + std::exp(-log_odds));
  if (count == 0) return judgement;
  std::stable_sort(weighted.begin(), weighted.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [weight, token] : weighted) {
    if (weight <= 0 || judgement.spammiest.size() == count) break;
    judgement.spammiest.emplace_back(token);
  }
  return judgement;
}

}  // namespace confab
