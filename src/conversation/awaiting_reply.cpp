#include "conversation/awaiting_reply.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "base/parallel_for.h"
#include "conversation/text_match.h"

namespace confab {

bool asks_something(const std::string& comment_text, const std::string& post_author_name) {
  if (comment_text.find('?') != std::string::npos ||
      comment_text.find("\xC2\xBF") != std::string::npos) {
    return true;
  }
  const auto name_words = words_of(fold_text(post_author_name));
  if (name_words.empty() || name_words.front().size() < 3) return false;
  const std::string folded = fold_text(comment_text);
  if (folded.find("@" + name_words.front()) != std::string::npos) return true;
  const auto words = words_of(folded);
  const std::size_t first = std::min<std::size_t>(3, words.size());
  return std::find(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(first),
                   name_words.front()) != words.begin() + static_cast<std::ptrdiff_t>(first);
}

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

/// Positions in `nodes`: a question and its first answer (kNone when unanswered).
struct QuestionAt {
  std::size_t question = kNone;
  std::size_t answer = kNone;
};

/// find_question_answers by position, so callers need no id lookups.
std::vector<QuestionAt> question_positions(const std::vector<Node>& nodes) {
  std::unordered_map<std::string_view, std::size_t> position;  // views into `nodes`
  position.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) position.emplace(nodes[i].id, i);
  // Parents come first, so one pass finds every node's post and parent.
  std::vector<std::size_t> parent(nodes.size(), kNone), post(nodes.size(), kNone);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (auto found = position.find(nodes[i].parent); found != position.end()) {
      parent[i] = found->second;
    }
    if (nodes[i].kind == NodeKind::post) {
      post[i] = i;
    } else if (parent[i] != kNone) {
      post[i] = post[parent[i]];
    }
  }
  auto answers_for = [&](std::size_t reply) {
    const Node& node = nodes[reply];
    if (node.kind != NodeKind::comment || node.spam || post[reply] == kNone) return false;
    const Node& on = nodes[post[reply]];
    return node.by_team || (!on.author.empty() && node.author == on.author);
  };
  auto later = [](const Node& reply, const Node& question) {
    return !reply.published || !question.published || *reply.published > *question.published;
  };

  // Which comments ask something, on every core: each is read on its own (its text folded).
  std::vector<char> asks(nodes.size(), 0);
  parallel_for(nodes.size(), worker_count_for(nodes.size(), 4096), [&](std::size_t, std::size_t i) {
    const Node& node = nodes[i];
    if (node.kind != NodeKind::comment || node.spam || node.by_team || post[i] == kNone) {
      return;
    }
    const Node& on = nodes[post[i]];
    if (!on.author.empty() && node.author == on.author) return;
    asks[i] = asks_something(node.text, on.author_name);
  });
  std::vector<bool> question(nodes.size(), false);
  std::unordered_map<std::size_t, std::vector<std::size_t>> questions_on;  // post -> questions
  std::unordered_map<std::size_t, std::string> asker_of;  // question -> folded author name
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!asks[i]) continue;
    const Node& node = nodes[i];
    question[i] = true;
    questions_on[post[i]].push_back(i);
    asker_of.emplace(i, fold_text(node.author_name));
  }
  // The first answer so far of each question. Answers come in node order, so among answers
  // published at the same time (or all undated) the first in node order stays.
  std::vector<std::size_t> first(nodes.size(), kNone);
  auto offer = [&](std::size_t q, std::size_t r) {
    if (!later(nodes[r], nodes[q])) return;
    const std::size_t current = first[q];
    if (current == kNone) {
      first[q] = r;
      return;
    }
    const auto& now = nodes[current].published;
    const auto& candidate = nodes[r].published;
    if (candidate && (!now || *candidate < *now)) first[q] = r;  // undated answers count last
  };
  for (std::size_t r = 0; r < nodes.size(); ++r) {
    if (!answers_for(r)) continue;
    // An answer below a question answers it, and every question above it on the way up.
    for (std::size_t at = parent[r]; at != kNone && nodes[at].kind != NodeKind::post;
         at = parent[at]) {
      if (question[at]) offer(at, r);
    }
    // A top-level answer that names the asker answers them too.
    if (parent[r] != post[r]) continue;
    const auto list = questions_on.find(post[r]);
    if (list == questions_on.end()) continue;
    const std::string folded = fold_text(nodes[r].text);
    for (std::size_t q : list->second) {
      const std::string& asker = asker_of.at(q);
      if (!asker.empty() && contains_phrase(folded, asker)) offer(q, r);
    }
  }
  std::vector<QuestionAt> found;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (question[i]) found.push_back({i, first[i]});
  }
  return found;
}

}  // namespace

std::vector<QuestionAnswer> find_question_answers(const std::vector<Node>& nodes) {
  std::vector<QuestionAnswer> found;
  for (const QuestionAt& at : question_positions(nodes)) {
    const Node& question = nodes[at.question];
    QuestionAnswer item{question.id, "", std::nullopt};
    if (at.answer != kNone) {
      const Node& answer = nodes[at.answer];
      item.answer = answer.id;
      if (answer.published && question.published) {
        item.seconds = *answer.published - *question.published;
      }
    }
    found.push_back(std::move(item));
  }
  return found;
}

std::vector<std::string> find_awaiting_reply(const std::vector<Node>& nodes) {
  std::vector<std::size_t> waiting;
  for (const QuestionAt& at : question_positions(nodes)) {
    if (at.answer == kNone) waiting.push_back(at.question);
  }
  std::stable_sort(waiting.begin(), waiting.end(), [&](std::size_t a, std::size_t b) {
    const UnixTime ta = nodes[a].published.value_or(0), tb = nodes[b].published.value_or(0);
    return ta != tb ? ta < tb : nodes[a].id < nodes[b].id;
  });
  std::vector<std::string> ids;
  for (std::size_t i : waiting) ids.push_back(nodes[i].id);
  return ids;
}

}  // namespace confab
