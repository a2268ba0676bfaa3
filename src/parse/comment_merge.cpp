#include "parse/comment_merge.h"

#include <algorithm>
#include <unordered_map>

#include "base/ascii.h"
#include "base/url.h"

namespace confab {

namespace {

/// "comment-12" → "12", "c345" → "345" (Blogger), "" for any other fragment.
std::string number_in_fragment(std::string_view fragment) {
  std::string_view rest;
  if (fragment.rfind("comment-", 0) == 0) {
    rest = fragment.substr(8);
  } else if (fragment.size() > 1 && fragment[0] == 'c' && is_digit(fragment[1])) {
    rest = fragment.substr(1);
  } else {
    return "";
  }
  if (rest.empty() || !std::all_of(rest.begin(), rest.end(), [](char c) { return is_alnum(c); })) {
    return "";
  }
  return std::string(rest);
}

/// A read states parents when a comment without one is known to be top-level.
bool states_parents(const CommentRead& read) {
  if (read.format == CommentFormat::wp_rest || read.format == CommentFormat::page) return true;
  return std::any_of(read.comments.begin(), read.comments.end(), [](const Entry& comment) {
    return !comment.in_reply_to.empty() || !comment.related.empty();
  });
}

/// Where a field comes from, best first, as positions in `reads`.
std::vector<std::size_t> ranked(const std::vector<CommentRead>& reads,
                                std::initializer_list<CommentFormat> order) {
  std::vector<std::size_t> positions;
  for (const CommentFormat format : order) {
    for (std::size_t i = 0; i < reads.size(); ++i) {
      if (reads[i].format == format) positions.push_back(i);
    }
  }
  return positions;
}

}  // namespace

const char* comment_format_name(CommentFormat format) {
  switch (format) {
    case CommentFormat::wp_rest:
      return "wp-rest";
    case CommentFormat::atom:
      return "atom";
    case CommentFormat::rss:
      return "rss";
    case CommentFormat::page:
      return "page";
  }
  return "";
}

std::string comment_key(const Entry& comment) {
  if (auto number = number_in_fragment(url_fragment(comment.link)); !number.empty()) {
    return "n:" + number;
  }
  if (auto number = number_in_fragment(url_fragment(comment.id)); !number.empty()) {
    return "n:" + number;
  }
  if (comment.id.rfind("tag:blogger.com,", 0) == 0) {
    if (const auto post = comment.id.rfind(".post-"); post != std::string::npos) {
      return "n:" + comment.id.substr(post + 6);
    }
  }
  return "id:" + comment.id;
}

std::vector<Entry> merge_comment_reads(const std::vector<CommentRead>& reads) {
  if (reads.size() == 1) return reads.front().comments;
  using F = CommentFormat;
  // Every comment's entries, per read: found[key][read] = the entry, or null.
  std::vector<std::string> keys;  // first appearance, feeds first
  std::unordered_map<std::string, std::vector<const Entry*>> found;
  for (const std::size_t r : ranked(reads, {F::atom, F::rss, F::wp_rest, F::page})) {
    for (const Entry& comment : reads[r].comments) {
      auto [it, inserted] = found.try_emplace(comment_key(comment), reads.size(), nullptr);
      if (inserted) keys.push_back(it->first);
      if (!it->second[r]) it->second[r] = &comment;
    }
  }
  const auto for_parents = ranked(reads, {F::wp_rest, F::atom, F::page, F::rss});
  const auto for_author = ranked(reads, {F::wp_rest, F::atom, F::page, F::rss});
  const auto for_text = ranked(reads, {F::wp_rest, F::atom, F::rss, F::page});
  const auto for_id = ranked(reads, {F::atom, F::rss, F::wp_rest, F::page});
  std::vector<bool> parents_stated(reads.size());
  for (std::size_t r = 0; r < reads.size(); ++r) parents_stated[r] = states_parents(reads[r]);

  std::vector<Entry> merged;
  merged.reserve(keys.size());
  for (const std::string& key : keys) {
    const std::vector<const Entry*>& in = found.at(key);
    const Entry* base = nullptr;
    for (const std::size_t r : for_id) {
      if (in[r]) {
        base = in[r];
        break;
      }
    }
    Entry entry = *base;
    entry.in_reply_to.clear();
    entry.related.clear();
    for (const std::size_t r : for_parents) {
      if (in[r] && parents_stated[r]) {
        entry.in_reply_to = in[r]->in_reply_to;
        entry.related = in[r]->related;
        break;
      }
    }
    Author author = base->authors.empty() ? Author{} : base->authors.front();
    auto first_of = [&](const std::vector<std::size_t>& order, auto field) {
      for (const std::size_t r : order) {
        if (!in[r] || in[r]->authors.empty()) continue;
        const std::string& value = in[r]->authors.front().*field;
        if (!value.empty()) return value;
      }
      return std::string();
    };
    author.name = first_of(for_author, &Author::name);
    author.uri = first_of(for_author, &Author::uri);
    author.avatar = first_of(for_author, &Author::avatar);
    if (author.email.empty()) author.email = first_of(for_author, &Author::email);
    if (!author.name.empty() || !author.uri.empty()) {
      if (entry.authors.empty()) entry.authors.emplace_back();
      entry.authors.front() = std::move(author);
    }
    for (const std::size_t r : for_text) {
      if (in[r] && !(in[r]->content.empty() && in[r]->summary.empty())) {
        entry.content = in[r]->content;
        entry.summary = in[r]->summary;
        break;
      }
    }
    for (const std::size_t r : for_author) {
      if (in[r] && in[r]->published) {
        entry.published = in[r]->published;
        break;
      }
    }
    for (const std::size_t r : for_id) {
      if (in[r] && !in[r]->link.empty()) {
        entry.link = in[r]->link;
        break;
      }
    }
    merged.push_back(std::move(entry));
  }
  return merged;
}

}  // namespace confab
