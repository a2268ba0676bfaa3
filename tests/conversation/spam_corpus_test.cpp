// The spam filter against a labelled set written for it (tests/fixtures/spam/): comments in six
// languages, about half spam. Lines whose index % 3 == 2 are the held-out TEST split; the rest
// train the token model compiled into confab.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "conversation/html_scan.h"
#include "conversation/spam_filter.h"
#include "conversation/spam_model.h"

namespace confab {
namespace {

const std::string kDir = std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/spam/";

struct Labelled {
  SpamEvidence evidence;
  bool spam = false;
  std::string language;
  bool test = false;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<Labelled> labelled_set() {
  const auto posts = nlohmann::json::parse(read_file(kDir + "posts.json"));
  std::istringstream lines(read_file(kDir + "comments.jsonl"));
  std::vector<Labelled> set;
  std::string line;
  for (int index = 0; std::getline(lines, line); ++index) {
    if (line.empty()) continue;
    const auto row = nlohmann::json::parse(line);
    Labelled item;
    item.evidence = {
        row["author"], row["url"], row["html"], posts.at(row["post"].get<std::string>()), "", 0};
    item.spam = row["label"] == "spam";
    item.language = row["lang"];
    item.test = index % 3 == 2;
    set.push_back(std::move(item));
  }
  return set;
}

/// Counts tokens over labelled samples (true = spam): how the compiled-in model is made.
SpamModel train_spam_model(const std::vector<std::pair<SpamSample, bool>>& samples) {
  SpamModel model;
  for (const auto& [sample, spam] : samples) {
    (spam ? model.spam_documents : model.ham_documents) += 1;
    for (const auto& token : spam_tokens(sample)) {
      auto& counts = model.counts[token];
      (spam ? counts.first : counts.second) += 1;
    }
  }
  return model;
}

/// C++ source holding `model`: the content of src/conversation/spam_model_data.inc.
std::string spam_model_source(const SpamModel& model) {
  std::string out =
      "// Generated from tests/fixtures/spam/comments.jsonl (train split) by the SpamModel tests;\n"
      "// see spam_model.h to regenerate. Do not edit by hand.\n";
  out += "constexpr int kSpamDocuments = " + std::to_string(model.spam_documents) + ";\n";
  out += "constexpr int kHamDocuments = " + std::to_string(model.ham_documents) + ";\n";
  out += "constexpr TokenCount kTokenCounts[] = {\n";
  const std::map<std::string, std::pair<int, int>> sorted(model.counts.begin(), model.counts.end());
  for (const auto& [token, counts] : sorted) {
    std::string literal;
    for (unsigned char c : token) {
      if (c == '"' || c == '\\') {
        literal += '\\';
        literal += static_cast<char>(c);
      } else if (c < 0x20 || c >= 0x7F) {
        static const char* kHex = "0123456789abcdef";
        literal += "\\x";
        literal += kHex[c >> 4];
        literal += kHex[c & 15];
        literal += "\"\"";  // ends the hex escape so a following hex digit stays a character
      } else {
        literal += static_cast<char>(c);
      }
    }
    out += "    {\"" + literal + "\", " + std::to_string(counts.first) + ", " +
           std::to_string(counts.second) + "},\n";
  }
  out += "};\n";
  return out;
}

SpamModel train_split_model(const std::vector<Labelled>& set) {
  std::vector<std::pair<SpamSample, bool>> samples;
  for (const auto& item : set) {
    if (item.test) continue;
    const ScannedHtml scanned = scan_html(item.evidence.comment_html, "");
    samples.push_back({{item.evidence.author_name, item.evidence.author_url, scanned.text,
                        static_cast<int>(scanned.links.size())},
                       item.spam});
  }
  return train_spam_model(samples);
}

TEST(SpamModel, TheSetIsLargeBalancedAndMultilingual) {
  const auto set = labelled_set();
  EXPECT_GE(set.size(), 150u);
  int spam = 0;
  std::set<std::string> languages;
  for (const auto& item : set) {
    spam += item.spam;
    languages.insert(item.language);
  }
  EXPECT_NEAR(static_cast<double>(spam) / set.size(), 0.5, 0.05);
  EXPECT_GE(languages.size(), 6u);
}

TEST(SpamModel, CompiledModelIsTheTrainSplit) {
  const SpamModel model = train_split_model(labelled_set());
  if (const char* out = std::getenv("CONFAB_WRITE_SPAM_MODEL")) {
    std::ofstream(out, std::ios::binary) << spam_model_source(model);
    GTEST_SKIP() << "wrote " << out << "; rebuild and run again";
  }
  const SpamModel& builtin = builtin_spam_model();
  EXPECT_EQ(builtin.spam_documents, model.spam_documents);
  EXPECT_EQ(builtin.ham_documents, model.ham_documents);
  EXPECT_TRUE(builtin.counts == model.counts)
      << "tests/fixtures/spam changed: regenerate src/conversation/spam_model_data.inc "
         "(spam_model.h)";
}

TEST(SpamModel, PrecisionAndRecallOnTheHeldOutSplit) {
  int true_positive = 0, false_positive = 0, false_negative = 0, true_negative = 0;
  for (const auto& item : labelled_set()) {
    if (!item.test) continue;
    const SpamVerdict verdict = judge_comment(item.evidence);
    const bool flagged = verdict.score >= kSpamThreshold;
    if (flagged && item.spam) ++true_positive;
    if (flagged && !item.spam) {
      ++false_positive;
      std::printf("false positive (%.2f): %s\n", verdict.score, item.evidence.comment_html.c_str());
    }
    if (!flagged && item.spam) {
      ++false_negative;
      std::printf("missed spam (%.2f): %s\n", verdict.score, item.evidence.comment_html.c_str());
    }
    if (!flagged && !item.spam) ++true_negative;
  }
  const double precision =
      static_cast<double>(true_positive) / std::max(1, true_positive + false_positive);
  const double recall =
      static_cast<double>(true_positive) / std::max(1, true_positive + false_negative);
  std::printf(
      "spam test split: %d comments, precision %.3f, recall %.3f (tp %d fp %d fn %d tn %d)\n",
      true_positive + false_positive + false_negative + true_negative, precision, recall,
      true_positive, false_positive, false_negative, true_negative);
  EXPECT_GE(precision, 0.9);
  EXPECT_GE(recall, 0.8);
}

}  // namespace
}  // namespace confab
