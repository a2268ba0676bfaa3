// Rules, each with a weight that says how sure it is on its own. A signature link to a shop or a
// shop for a name is nearly proof; generic praise alone is not, but praise that shares no words
// with the post it praises is the classic template spam of the seeds.
#include "thread/spam_filter.h"

#include <set>
#include <vector>

#include "parse/html_page.h"
#include "parse/html_text.h"
#include "thread/text_match.h"

namespace confab {

namespace {

constexpr std::string_view kCommercialWords[] = {
    "for sale", "cheap",     "buy",         "discount", "loan",    "loans",
    "casino",   "viagra",    "cialis",      "replica",  "carport", "payday",
    "outlet",   "insurance", "seo",         "escort",   "forex",   "crypto",
    "bitcoin",  "pharmacy",  "weight loss", "coupon",   "deals",   "wholesale"};

constexpr std::string_view kPraiseTemplates[] = {
    "could not be written any better",
    "couldn't be written any better",
    "thanks for sharing",
    "great post",
    "nice post",
    "well written piece",
    "keep up the good work",
    "i will forward this",
    "i'll forward this",
    "reminds me of my previous room mate",
    // The "room mate" template of comment spam, in the spun variants it circulates in.
    "my previous room mate",
    "my previous roommate",
    "my old room mate",
    "my old roommate",
    "my old flatmate",
    "put it better",
    "thanks so much for posting",
    "thanks for posting",
    "he will have a good read",
    "he will enjoy it",
    "bookmarked",
    "i'm re-thinking",
    "very informative",
    "this is my first time",
    "fascinating subject",
    "you have a great blog",
};

constexpr std::string_view kStopWords[] = {
    "the",  "a",    "an",   "and", "or",   "of",  "to",   "in",   "is",   "it",     "this",  "that",
    "i",    "you",  "for",  "on",  "with", "was", "be",   "are",  "my",   "me",     "he",    "she",
    "we",   "they", "have", "has", "will", "not", "but",  "what", "all",  "so",     "about", "just",
    "your", "his",  "her",  "at",  "as",   "by",  "from", "read", "post", "thanks", "good"};

std::string commercial_word_in(const std::string& folded) {
  for (auto word : kCommercialWords) {
    if (contains_phrase(folded, word)) return std::string(word);
  }
  return "";
}

double content_overlap(const std::string& comment_text, const std::string& post_text) {
  const std::set<std::string_view> stop(std::begin(kStopWords), std::end(kStopWords));
  std::set<std::string> post_words;
  for (auto& word : words_of(fold_text(post_text))) {
    if (word.size() > 3 && !stop.count(word)) post_words.insert(word);
  }
  int considered = 0, shared = 0;
  for (auto& word : words_of(fold_text(comment_text))) {
    if (word.size() <= 3 || stop.count(word)) continue;
    ++considered;
    shared += post_words.count(word) ? 1 : 0;
  }
  return considered == 0 ? 0.0 : static_cast<double>(shared) / considered;
}

}  // namespace

SpamVerdict judge_comment(const SpamEvidence& evidence) {
  SpamVerdict verdict;
  const std::string text = html_to_text(evidence.comment_html);
  const std::string folded_text = fold_text(text);

  if (auto word = commercial_word_in(fold_text(evidence.author_name)); !word.empty()) {
    verdict.score += 0.8;
    verdict.reasons.push_back("author name is an advert ('" + evidence.author_name + "')");
  }
  const auto links = extract_links(evidence.comment_html, "");
  for (const auto& link : links) {
    if (auto word = commercial_word_in(fold_text(link.text)); !word.empty()) {
      verdict.score += 0.8;
      verdict.reasons.push_back("link with commercial anchor text ('" + link.text + "')");
      break;
    }
  }
  const auto word_count = words_of(folded_text).size();
  if (links.size() >= 3 || (links.size() >= 1 && word_count < 8 * links.size())) {
    verdict.score += 0.4;
    verdict.reasons.push_back("link density: " + std::to_string(links.size()) + " links in " +
                              std::to_string(word_count) + " words");
  }
  std::vector<std::string_view> praise;
  for (auto phrase : kPraiseTemplates) {
    if (contains_phrase(folded_text, phrase)) praise.push_back(phrase);
  }
  if (!praise.empty()) {
    const bool off_topic = content_overlap(text, evidence.post_text) < 0.15;
    // Each further stock phrase makes a template likelier than a reader's own words.
    verdict.score += (off_topic ? 0.7 : 0.2) + 0.3 * static_cast<double>(praise.size() - 1);
    verdict.reasons.push_back(
        "generic praise ('" + std::string(praise.front()) + "'" +
        (praise.size() > 1 ? " and " + std::to_string(praise.size() - 1) + " more stock phrases"
                           : std::string()) +
        ")" + (off_topic ? " sharing almost no words with the post" : ""));
  }
  if (evidence.author_name.find_first_not_of(" \t") == std::string::npos) {
    verdict.score += 0.3;
    verdict.reasons.push_back("no author name");
  }
  return verdict;
}

}  // namespace confab
