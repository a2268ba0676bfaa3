// Rules, each with a weight that says how sure it is on its own. A signature link to a shop or a
// shop for a name is nearly proof; generic praise alone is not, but praise that shares no words
// with the post it praises is the classic template spam of the seeds. The token model catches
// what the English rules cannot read: the same pitches in other languages.
#include "conversation/spam_filter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

#include "base/url.h"
#include "conversation/crawl_rules.h"
#include "conversation/html_scan.h"
#include "conversation/spam_model.h"
#include "conversation/text_match.h"

namespace confab {

namespace {

// Folded (accent-free) phrases that sell something, in the languages the seeds' blogs use.
constexpr std::string_view kCommercialWords[] = {
    "for sale", "cheap",      "buy",       "discount",  "loan",    "loans",    "casino",
    "viagra",   "cialis",     "replica",   "carport",   "payday",  "outlet",   "insurance",
    "seo",      "escort",     "forex",     "crypto",    "bitcoin", "pharmacy", "weight loss",
    "coupon",   "deals",      "wholesale", "mortgage",  "credit",  "pas cher", "pret",
    "voyance",  "emprestimo", "cassino",   "apostas",   "lening",  "kredit",   "prestamos",
    "barato",   "goedkope",   "followers", "seguidores"};

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

// Parts of a homepage address that say nothing about who owns it.
constexpr std::string_view kHostNoise[] = {"www",  "com",   "net",      "org",       "example",
                                           "blog", "blogs", "blogspot", "wordpress", "typepad",
                                           "http", "https", "html",     "php",       "index"};

const PhraseSet& commercial_words() {
  static const PhraseSet words({std::begin(kCommercialWords), std::end(kCommercialWords)});
  return words;
}

const PhraseSet& praise_templates() {
  static const PhraseSet phrases({std::begin(kPraiseTemplates), std::end(kPraiseTemplates)});
  return phrases;
}

/// The first of kCommercialWords that `folded` holds, "" when none.
std::string commercial_word_in(const std::string& folded) {
  return std::string(commercial_words().first_in(folded));
}

bool is_stop_word(std::string_view word) {
  return std::find(std::begin(kStopWords), std::end(kStopWords), word) != std::end(kStopWords);
}

double content_overlap(const std::vector<std::string_view>& comment_words,
                       const SpamPostWords& post) {
  int considered = 0, shared = 0;
  for (const auto word : comment_words) {
    if (word.size() <= 3 || is_stop_word(word)) continue;
    ++considered;
    shared += post.words.count(std::string(word)) ? 1 : 0;
  }
  return considered == 0 ? 0.0 : static_cast<double>(shared) / considered;
}

/// The words of a homepage address ("cheap-ugg-boots.example/shop" -> cheap ugg boots shop).
std::vector<std::string> url_words(const std::string& url) {
  const auto parts = parse_url(url);
  if (!parts) return {};
  std::vector<std::string> words;
  for (auto& word : words_of(fold_text(parts->host + " " + parts->path))) {
    if (std::find(std::begin(kHostNoise), std::end(kHostNoise), word) == std::end(kHostNoise) &&
        word.size() > 2) {
      words.push_back(std::move(word));
    }
  }
  return words;
}

/// True when the comment calls the post's author by (the start of) their name: "Geert, ..." to
/// geertd. Template spam is written before it knows whom it will be posted to.
bool names_author(const std::vector<std::string_view>& comment_words, const std::string& author) {
  const auto author_words = words_of(fold_text(author));
  if (author_words.empty()) return false;
  const std::string& first = author_words.front();
  return std::any_of(comment_words.begin(), comment_words.end(), [&](std::string_view word) {
    return word.size() >= 4 && first.compare(0, word.size(), word) == 0;
  });
}

std::string format_score(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

}  // namespace

SpamPostWords spam_post_words(const std::string& post_text) {
  SpamPostWords post;
  for (auto& word : words_of(fold_text(post_text))) {
    if (word.size() > 3 && !is_stop_word(word)) post.words.insert(std::move(word));
  }
  return post;
}

SpamVerdict judge_comment(const SpamEvidence& evidence) {
  return judge_comment(evidence, scan_html(evidence.comment_html, ""),
                       spam_post_words(evidence.post_text));
}

SpamVerdict judge_comment(const SpamEvidence& evidence, const ScannedHtml& scanned,
                          const SpamPostWords& post_words) {
  SpamVerdict verdict;
  const std::string& text = scanned.text;
  const std::string folded_text = fold_text(text);
  const std::string folded_name = fold_text(evidence.author_name);

  if (auto word = commercial_word_in(folded_name); !word.empty()) {
    verdict.score += 0.8;
    verdict.reasons.push_back("author name is an advert ('" + evidence.author_name + "')");
  }
  const auto& links = scanned.links;
  for (const auto& link : links) {
    if (auto word = commercial_word_in(fold_text(link.text)); !word.empty()) {
      verdict.score += 0.8;
      verdict.reasons.push_back("link with commercial anchor text ('" + link.text + "')");
      break;
    }
  }
  if (!evidence.author_url.empty()) {
    const auto words = url_words(evidence.author_url);
    std::string joined;
    for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
    if (auto word = commercial_word_in(joined); !word.empty()) {
      verdict.score += 0.5;
      verdict.reasons.push_back("commenter's site sells something (" +
                                url_host(evidence.author_url) + ")");
    } else if (words.size() >= 2 && std::none_of(words.begin(), words.end(), [&](const auto& w) {
                 return contains_phrase(folded_name, w) || contains_phrase(folded_text, w);
               })) {
      verdict.score += 0.3;
      verdict.reasons.push_back("commenter URL unrelated to the comment (" +
                                url_host(evidence.author_url) + ")");
    }
  }
  const auto words = word_views(folded_text);
  const auto word_count = words.size();
  if (links.size() >= 3 || (links.size() >= 1 && word_count < 8 * links.size())) {
    verdict.score += 0.4;
    verdict.reasons.push_back("link density: " + std::to_string(links.size()) + " links in " +
                              std::to_string(word_count) + " words");
  }
  std::vector<std::string_view> praise;
  const std::vector<bool> praised = praise_templates().found_in(folded_text, words);
  for (std::size_t i = 0; i < praised.size(); ++i) {
    if (praised[i]) praise.push_back(kPraiseTemplates[i]);
  }
  if (!praise.empty()) {
    const bool off_topic =
        content_overlap(words, post_words) < 0.15 && !names_author(words, evidence.post_author);
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
  if (evidence.copies_elsewhere > 0) {
    verdict.score += 0.7;
    verdict.reasons.push_back("the same text was posted on " +
                              std::to_string(evidence.copies_elsewhere) + " other blog" +
                              (evidence.copies_elsewhere > 1 ? "s" : ""));
  }
  // The model adds at most 0.8, so alone it never condemns a comment; it is consulted only
  // when it can change the verdict (reading every comment's tokens costs more than the rules).
  constexpr double kModelWeight = 0.8;
  const bool undecided =
      verdict.score < kSpamThreshold && verdict.score + kModelWeight >= kSpamThreshold;
  const SpamModel& model = builtin_spam_model();
  const SpamSample sample{evidence.author_name, evidence.author_url, text,
                          static_cast<int>(links.size()), &folded_text};
  const SpamModelJudgement judgement =
      undecided ? judge_with_model(model, sample, 3) : SpamModelJudgement{};
  const double probability = judgement.probability;
  if (probability > 0.7) {
    verdict.score += kModelWeight * (probability - 0.7) / 0.3;
    std::string words;
    for (const auto& token : judgement.spammiest) {
      words += (words.empty() ? "'" : ", '") + token + "'";
    }
    verdict.reasons.push_back("token model: " + format_score(probability) + " spam (" + words +
                              ")");
  }
  // Two decimals: what the review page shows is what the threshold compares.
  verdict.score = std::round(verdict.score * 100) / 100;
  return verdict;
}

std::optional<bool> spam_override(const SpamSection& lists, const std::string& author_name,
                                  const std::string& author_url) {
  if (lists.allow.empty() && lists.deny.empty()) return std::nullopt;
  const std::string name = fold_text(author_name);
  const std::string host = url_host(author_url);
  auto matches = [&](const std::string& entry) {
    if (!name.empty() && fold_text(entry) == name) return true;
    if (host.empty()) return false;
    const std::string domain = is_http_url(entry) ? url_host(entry) : fold_text(entry);
    return host_is_under(host, domain) ||
           (domain.rfind("www.", 0) == 0 && host_is_under(host, domain.substr(4)));
  };
  if (std::any_of(lists.deny.begin(), lists.deny.end(), matches)) return true;
  if (std::any_of(lists.allow.begin(), lists.allow.end(), matches)) return false;
  return std::nullopt;
}

}  // namespace confab
