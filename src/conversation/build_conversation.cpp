// The conversation stage's driver: harvests in, one conversation out. Each step is a function
// below, in the order they run. Everything is indexed once (posts by URL, nodes by id, comment
// text), so threading stays linear in the size of the archive.
#include <algorithm>
#include <cstdint>
#include <future>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/ascii.h"
#include "base/identifiers.h"
#include "base/parallel_for.h"
#include "base/url.h"
#include "conversation/awaiting_reply.h"
#include "conversation/build_conversation.h"
#include "conversation/canonical_url.h"
#include "conversation/comment_tree.h"
#include "conversation/html_scan.h"
#include "conversation/people.h"
#include "conversation/post_links.h"
#include "conversation/spam_filter.h"
#include "conversation/text_match.h"

namespace confab {

namespace {

struct Builder {
  const SiteConfig& config;
  const std::vector<SourceHarvest>& harvests;
  /// The same harvests when the conversation owns them: comment HTML is taken from there and
  /// comment feeds are let go once threaded. Null when they are only lent.
  std::vector<SourceHarvest>* owned;
  const PostIndex index;
  std::vector<Node> nodes;
  std::unordered_map<std::string, std::size_t> index_of;  // Node id -> position in `nodes`
  std::unordered_set<std::string> used_ids;
  std::map<PostRef, std::string> node_of;  // conversation post -> its node (duplicates share)
  std::vector<std::string> post_nodes;     // each post node once, in harvest order

  Builder(const SiteConfig& c, const std::vector<SourceHarvest>& h,
          std::vector<SourceHarvest>* o = nullptr)
      : config(c), harvests(h), owned(o), index(h) {
    std::size_t posts = 0;
    for (const auto& harvest : h) posts += harvest.posts.size();
    index_of.reserve(posts);
    used_ids.reserve(posts);
  }

  std::string make_id(const std::string& source, const std::string& entry_id) {
    std::string id = source + "/" + short_hash(entry_id);
    for (int n = 2; !used_ids.insert(id).second; ++n) {
      id = source + "/" + short_hash(entry_id) + "-" + std::to_string(n);
    }
    return id;
  }

  Node& add(Node node) {
    index_of[node.id] = nodes.size();
    nodes.push_back(std::move(node));
    return nodes.back();
  }

  /// The node made in `slot` (add_comments makes them in their places), now known as `id`.
  Node& place(std::size_t slot, const std::string& id) {
    Node& node = nodes[slot];
    node.id = id;
    index_of[id] = slot;
    return node;
  }

  /// Closes the gaps the slots not `taken` leave (a comment listed twice, a mention shown as its
  /// post's edge), keeping the nodes' order.
  void drop_untaken(const std::vector<bool>& taken) {
    std::size_t kept = 0;
    for (std::size_t slot = 0; slot < nodes.size(); ++slot) {
      if (!taken[slot]) continue;
      if (kept != slot) {
        nodes[kept] = std::move(nodes[slot]);
        index_of[nodes[kept].id] = kept;
      }
      ++kept;
    }
    nodes.resize(kept);
  }

  Node* find(const std::string& id) {
    auto found = index_of.find(id);
    return found == index_of.end() ? nullptr : &nodes[found->second];
  }

  const std::string* node_for_url(const std::string& url) const {
    const PostRef* ref = index.find(url);
    if (!ref) return nullptr;
    const auto found = node_of.find(*ref);
    return found == node_of.end() ? nullptr : &found->second;
  }
};

/// The HTML a node shows of its entry (its content, else its summary).
const std::string& entry_html(const Entry& entry) {
  return entry.content.empty() ? entry.summary : entry.content;
}
std::string& entry_html(Entry& entry) {
  return entry.content.empty() ? entry.summary : entry.content;
}

/// All a node takes from its entry but its HTML and text.
Node node_from_entry(const Entry& entry, NodeKind kind, const SourceReport& source) {
  Node node;
  node.kind = kind;
  node.source = source.id;
  node.platform = source.platform;
  node.url = entry.link;
  node.title = entry.title;
  if (!entry.authors.empty()) {
    node.author_name = entry.authors.front().name;
    node.author_url = entry.authors.front().uri;
    node.author_avatar = entry.authors.front().avatar;
    node.author_verified = entry.authors.front().verified;
  }
  node.likes = entry.likes.value_or(0);
  node.reposts = entry.reposts.value_or(0);
  node.reply_cap = entry.reply_cap;
  node.published = entry.published ? entry.published : entry.updated;
  node.first_seen = entry.first_seen;
  return node;
}

/// Posts of the conversation become nodes. The same post reached through two feeds
/// (FeedBurner and origin, a planet and its member) is one node, taken from the blog whose
/// address it lives on when there is one.
void add_posts(Builder& builder, const std::vector<PostRef>& posts) {
  std::unordered_map<std::string, std::vector<PostRef>> by_page;
  std::vector<std::string> pages;
  for (const auto& ref : posts) {
    const Entry& entry = builder.harvests[ref.source].posts[ref.post];
    if (!entry.reaction.empty()) continue;  // counted on its target by count_reactions
    const std::string page = entry.link.empty() ? "id:" + entry.id : canonical_url(entry.link);
    auto [it, inserted] = by_page.emplace(page, std::vector<PostRef>{});
    if (inserted) pages.push_back(page);
    it->second.push_back(ref);
  }
  for (const auto& page : pages) {
    const auto& refs = by_page[page];
    PostRef chosen = refs.front();
    for (const auto& ref : refs) {
      const auto& report = builder.harvests[ref.source].report;
      const std::string host = bare_host(builder.harvests[ref.source].posts[ref.post].link);
      if (!host.empty() && (bare_host(report.url) == host || bare_host(report.feed) == host)) {
        chosen = ref;
        break;
      }
    }
    const SourceHarvest& harvest = builder.harvests[chosen.source];
    const Entry& entry = harvest.posts[chosen.post];
    Node node = node_from_entry(entry, NodeKind::post, harvest.report);
    node.content_html = entry_html(entry);
    node.text = scan_html(node.content_html, entry.link).text;
    node.id = builder.make_id(harvest.report.id, entry.id);
    for (const auto& ref : refs) builder.node_of[ref] = node.id;
    builder.post_nodes.push_back(node.id);
    builder.add(std::move(node));
  }
}

/// A post replies to the most recent older conversation post it links to; every link to a
/// conversation post is kept in links_to, the ones besides the parent in also_links_to.
void link_posts(Builder& builder) {
  for (const auto& [ref, id] : builder.node_of) {
    const Entry& entry = builder.harvests[ref.source].posts[ref.post];
    Node& node = *builder.find(id);
    if (node.url != entry.link || node.source != builder.harvests[ref.source].report.id) continue;
    const Node* best = nullptr;
    for (const auto& url : entry_links(entry)) {
      const std::string* target_id = builder.node_for_url(url);
      if (!target_id || *target_id == id) continue;
      if (std::find(node.links_to.begin(), node.links_to.end(), *target_id) ==
          node.links_to.end()) {
        node.links_to.push_back(*target_id);
      }
      const Node* candidate = builder.find(*target_id);
      // Strictly older, so parents can never form a cycle.
      if (!candidate->published || !node.published || *candidate->published >= *node.published) {
        continue;
      }
      if (!best || *candidate->published > *best->published ||
          (*candidate->published == *best->published && candidate->id < best->id)) {
        best = candidate;
      }
    }
    if (best) node.parent = best->id;
    for (const auto& target : node.links_to) {
      if (target != node.parent) node.also_links_to.push_back(target);
    }
  }
}

/// Webmention likes, reposts and bookmarks, each counted once on the conversation page it
/// names; reactions to pages outside the conversation are not shown.
void count_reactions(Builder& builder) {
  std::set<std::string> counted;
  for (const auto& harvest : builder.harvests) {
    for (const Entry& entry : harvest.posts) {
      if (entry.reaction.empty() || entry.in_reply_to.empty()) continue;
      if (!counted.insert(entry.id).second) continue;
      const std::string* target = builder.node_for_url(entry.in_reply_to.front().href);
      if (!target) continue;
      Node& node = *builder.find(*target);
      if (entry.reaction == "like") {
        ++node.likes;
      } else if (entry.reaction == "repost") {
        ++node.reposts;
      } else if (entry.reaction == "bookmark") {
        ++node.bookmarks;
      }
    }
  }
}

/// The post a pingback or trackback comes from: by its URL, else (a trackback in a feed that
/// gives no URL) by the sending blog's name and the post title it quotes in <strong>.
const std::string* find_linking_post(const Builder& builder, const Entry& mention) {
  if (mention.authors.empty()) return nullptr;
  if (!mention.authors[0].uri.empty()) return builder.node_for_url(mention.authors[0].uri);
  const std::string& html = mention.content.empty() ? mention.summary : mention.content;
  const auto open = html.find("<strong>");
  const auto close = html.find("</strong>", open);
  if (open == std::string::npos || close == std::string::npos) return nullptr;
  const std::string title = fold_text(scan_html(html.substr(open + 8, close - open - 8), "").text);
  const std::string blog = fold_text(mention.authors[0].name);
  for (const auto& harvest : builder.harvests) {
    if (fold_text(harvest.report.name) != blog) continue;
    for (const auto& post : harvest.posts) {
      if (fold_text(scan_html(post.title, "").text) == title) {
        return builder.node_for_url(post.link);
      }
    }
  }
  return nullptr;
}

/// The words of a comment as a hash: the same text sprayed over several blogs shares it. Short
/// comments ("Thanks!") are said independently too often to count.
std::optional<std::uint64_t> text_key(const std::string& text) {
  const std::string folded = fold_text(text);
  Fnv1a hash;  // over the words, one space apart
  int words = 0;
  bool in_word = false;
  for (const char c : folded) {
    const unsigned char byte = static_cast<unsigned char>(c);
    const bool word_byte = is_alnum(c) || byte >= 0x80;
    if (word_byte && !in_word) {
      ++words;
      hash.add(static_cast<unsigned char>(' '));
    }
    in_word = word_byte;
    if (word_byte) hash.add(byte);
  }
  if (words < 6) return std::nullopt;
  return hash.value();
}

/// Each conversation post's comment feed, read once (scan_html is the costly part).
struct ReadComments {
  PostRef ref;
  std::string post_id;
  std::vector<ScannedHtml> scanned;                ///< per comment
  std::vector<std::optional<std::uint64_t>> keys;  ///< per comment: text_key
};

std::vector<ReadComments> read_comments(const Builder& builder) {
  std::vector<ReadComments> all;
  std::set<std::pair<std::size_t, std::string>> read;
  for (const auto& [ref, post_id] : builder.node_of) {
    const SourceHarvest& harvest = builder.harvests[ref.source];
    const Entry& post = harvest.posts[ref.post];
    const auto found = harvest.comments.find(post.id);
    if (found == harvest.comments.end() || !read.emplace(ref.source, post.id).second) continue;
    all.push_back({ref, post_id, {}, {}});
  }
  parallel_for(all.size(), worker_count_for(all.size(), 2048), [&](std::size_t, std::size_t at) {
    ReadComments& item = all[at];
    const SourceHarvest& harvest = builder.harvests[item.ref.source];
    const auto& comments = harvest.comments.at(harvest.posts[item.ref.post].id);
    item.scanned.reserve(comments.size());
    item.keys.reserve(comments.size());
    for (const auto& comment : comments) {
      item.scanned.push_back(
          scan_html(comment.content.empty() ? comment.summary : comment.content, comment.link));
      item.keys.push_back(text_key(item.scanned.back().text));
    }
  });
  return all;
}

/// For each comment text seen on conversation posts, the harvests (blogs) it appears on.
std::unordered_map<std::uint64_t, std::vector<std::size_t>> texts_by_blog(
    const std::vector<ReadComments>& all) {
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> blogs;
  for (const auto& item : all) {
    for (const auto& key : item.keys) {
      if (key) {
        auto& list = blogs[*key];
        if (std::find(list.begin(), list.end(), item.ref.source) == list.end()) {
          list.push_back(item.ref.source);
        }
      }
    }
  }
  return blogs;
}

/// Comments, mentions and spam of each conversation post.
void add_comments(Builder& builder) {
  std::set<std::string> blog_names;
  for (const auto& harvest : builder.harvests) blog_names.insert(fold_text(harvest.report.name));
  std::vector<ReadComments> all = read_comments(builder);
  // Each comment is made in its place among the nodes, on every core: item `at`'s comments go
  // from first_slot[at]. Made apart then moved in, the 100,000 nodes of a large archive were
  // twice in fresh memory, and the kernel zeroes every page of it first.
  std::vector<std::size_t> first_slot(all.size());
  std::size_t total = builder.nodes.size();
  for (std::size_t at = 0; at < all.size(); ++at) {
    first_slot[at] = total;
    total += all[at].scanned.size();
  }
  const std::size_t posts_made = builder.nodes.size();
  builder.nodes.resize(total);
  std::vector<bool> taken(total, false);  // slots that hold a node once the comments are in
  std::fill(taken.begin(), taken.begin() + static_cast<std::ptrdiff_t>(posts_made), true);
  // Sized once: growing these tables step by step is a large share of threading's time.
  builder.index_of.reserve(total);
  builder.used_ids.reserve(total);
  const auto copies = texts_by_blog(all);
  // Each post's words once, on every core: the table is made first, then only filled.
  std::unordered_map<std::string, SpamPostWords> words_of_post;
  std::vector<std::pair<const Node*, SpamPostWords*>> to_read;
  for (const auto& item : all) {
    auto [slot, inserted] = words_of_post.try_emplace(item.post_id);
    if (inserted) to_read.emplace_back(builder.find(item.post_id), &slot->second);
  }
  parallel_for(to_read.size(), worker_count_for(to_read.size(), 512),
               [&](std::size_t, std::size_t at) {
                 const Node& post_node = *to_read[at].first;
                 *to_read[at].second = spam_post_words(post_node.title + " " + post_node.text);
               });
  // Mentions and spam verdicts first, on every core: each comment is judged on its own.
  std::vector<std::vector<bool>> mention(all.size());
  std::vector<std::vector<SpamVerdict>> verdicts(all.size());
  std::vector<std::vector<int>> parents_of(all.size());  // resolve_comment_parents, per post
  std::vector<std::vector<bool>> unknown_of(all.size());
  parallel_for(all.size(), worker_count_for(all.size(), 2048), [&](std::size_t, std::size_t at) {
    const ReadComments& item = all[at];
    const SourceHarvest& harvest = builder.harvests[item.ref.source];
    const Entry& post = harvest.posts[item.ref.post];
    const std::vector<Entry>& comments = harvest.comments.at(post.id);
    // Each item has a comment feed of its own: taking from it races with no other item.
    std::vector<Entry>* owned_comments =
        builder.owned ? &(*builder.owned)[item.ref.source].comments.at(post.id) : nullptr;
    const Node& post_node = *builder.find(item.post_id);  // only read while threads run
    parents_of[at] = resolve_comment_parents(post, comments, unknown_of[at]);
    mention[at].resize(comments.size());
    verdicts[at].resize(comments.size());
    for (std::size_t i = 0; i < comments.size(); ++i) {
      mention[at][i] = is_mention(comments[i], post.link, blog_names);
      ScannedHtml& scanned = all[at].scanned[i];
      if (!mention[at][i]) {
        int copies_elsewhere = 0;
        if (const auto& key = item.keys[i]) {
          copies_elsewhere = static_cast<int>(copies.at(*key).size()) - 1;
        }
        const Author none;
        const Author& author = comments[i].authors.empty() ? none : comments[i].authors.front();
        verdicts[at][i] = judge_comment(
            {author.name, author.uri, "", "", post_node.author_name, copies_elsewhere}, scanned,
            words_of_post.at(item.post_id));
      }
      Node& node = builder.nodes[first_slot[at] + i];
      node = node_from_entry(comments[i], mention[at][i] ? NodeKind::mention : NodeKind::comment,
                             harvest.report);
      node.text = std::move(scanned.text);
      // A mention's HTML is read again below, to find the post that links.
      if (owned_comments && !mention[at][i]) {
        node.content_html = std::move(entry_html((*owned_comments)[i]));
      } else {
        node.content_html = entry_html(comments[i]);
      }
    }
  });
  // Comment identity per post node, so a post reached through two feeds lists each comment once
  // (only posts with two feeds need remembering).
  std::unordered_map<std::string, int> feeds_of_post;
  for (const auto& item : all) ++feeds_of_post[item.post_id];
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> comment_ids;
  for (std::size_t at = 0; at < all.size(); ++at) {
    ReadComments& item = all[at];
    const PostRef ref = item.ref;
    const std::string& post_id = item.post_id;
    const SourceHarvest& harvest = builder.harvests[ref.source];
    const Entry& post = harvest.posts[ref.post];
    const std::vector<Entry>& comments = harvest.comments.at(post.id);
    const std::vector<bool>& unknown = unknown_of[at];
    const std::vector<int>& parents = parents_of[at];
    std::vector<std::string> ids(comments.size());
    std::vector<bool> duplicate(comments.size(), false);
    const bool one_feed = feeds_of_post.at(post_id) == 1;
    for (std::size_t i = 0; i < comments.size() && one_feed; ++i) {
      ids[i] = builder.make_id(harvest.report.id, comments[i].id);
    }
    for (std::size_t i = 0; i < comments.size() && !one_feed; ++i) {
      auto [it, inserted] = comment_ids[post_id].emplace(comments[i].id, "");
      if (inserted) {
        it->second = builder.make_id(harvest.report.id, comments[i].id);
      } else {
        duplicate[i] = true;
      }
      ids[i] = it->second;
    }
    for (std::size_t i = 0; i < comments.size(); ++i) {
      if (duplicate[i]) continue;
      const Entry& comment = comments[i];
      if (mention[at][i]) {
        if (const std::string* linking = find_linking_post(builder, comment);
            linking && *linking != post_id) {
          // The linking post is in the conversation: its edge already says it; show it once.
          Node& source_post = *builder.find(*linking);
          auto lists = {&source_post.links_to, &source_post.mentions, &source_post.also_links_to};
          for (auto* list : lists) {
            if (list == &source_post.also_links_to && source_post.parent == post_id) continue;
            if (std::find(list->begin(), list->end(), post_id) == list->end()) {
              list->push_back(post_id);
            }
          }
          continue;
        }
        Node& node = builder.place(first_slot[at] + i, ids[i]);
        taken[first_slot[at] + i] = true;
        node.parent = post_id;
        node.mentions = {post_id};
        node.linking_url = node.author_url;
        if (node.title.empty()) node.title = node.author_name;
        continue;
      }
      Node& node = builder.place(first_slot[at] + i, ids[i]);
      taken[first_slot[at] + i] = true;
      node.parent = parents[i] >= 0 ? ids[static_cast<std::size_t>(parents[i])] : post_id;
      node.parent_unknown = unknown[i];
      SpamVerdict verdict = std::move(verdicts[at][i]);
      const auto listed = spam_override(builder.config.spam, node.author_name, node.author_url);
      if (listed == std::optional<bool>(true)) {
        verdict.score = std::max(verdict.score, kSpamThreshold);
        verdict.reasons.insert(verdict.reasons.begin(), "listed in [spam] deny");
      }
      if (listed != std::optional<bool>(false) && verdict.score >= kSpamThreshold) {
        node.spam = std::move(verdict);
      }
    }
    // A reply to a pingback shown only as its post's edge keeps its place under the post.
    for (std::size_t i = 0; i < comments.size(); ++i) {
      Node* node = duplicate[i] ? nullptr : builder.find(ids[i]);
      if (node && !builder.find(node->parent)) node->parent = post_id;
    }
    // This comment feed is threaded: what was read of it goes, so every feed and its scan are
    // not held whole at once. The slots it left empty are closed below.
    std::vector<ScannedHtml>().swap(item.scanned);
    std::vector<SpamVerdict>().swap(verdicts[at]);
    if (builder.owned) std::vector<Entry>().swap((*builder.owned)[ref.source].comments.at(post.id));
  }
  builder.drop_untaken(taken);
}

/// Where each node goes, and the thread summaries in that order (plan_threads).
struct ThreadOrder {
  std::vector<std::size_t> order;  ///< order[k]: where the k-th node in thread order is now
  std::vector<ThreadSummary> threads;
};

/// Thread summaries, newest activity first, and where each node goes: each thread depth-first,
/// children by date then id. Of the nodes it reads only ids, parents, dates, sources and spam,
/// and writes only `thread`: recognise_people, which writes `author` and `by_team` and never
/// reads `thread`, can run at the same time.
ThreadOrder plan_threads(Builder& builder) {
  std::vector<Node>& nodes = builder.nodes;
  std::vector<std::vector<std::size_t>> children(nodes.size());
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto parent =
        nodes[i].parent.empty() ? builder.index_of.end() : builder.index_of.find(nodes[i].parent);
    if (parent == builder.index_of.end()) {
      roots.push_back(i);
    } else {
      children[parent->second].push_back(i);
    }
  }
  auto earlier = [&](std::size_t a, std::size_t b) {
    const UnixTime ta = nodes[a].published.value_or(0), tb = nodes[b].published.value_or(0);
    return ta != tb ? ta < tb : nodes[a].id < nodes[b].id;
  };
  for (auto& list : children) std::sort(list.begin(), list.end(), earlier);

  // Depth-first with an explicit stack: comment chains can be deeper than the call stack.
  auto walk = [&](std::size_t root, auto&& visit) {
    std::vector<std::size_t> stack{root};
    while (!stack.empty()) {
      const std::size_t at = stack.back();
      stack.pop_back();
      visit(at);
      for (auto child = children[at].rbegin(); child != children[at].rend(); ++child) {
        stack.push_back(*child);
      }
    }
  };
  std::vector<ThreadSummary> summaries(nodes.size());
  for (std::size_t root : roots) {
    ThreadSummary& summary = summaries[root];
    summary.root = nodes[root].id;
    std::unordered_set<std::string_view> blogs;
    walk(root, [&](std::size_t at) {
      Node& node = nodes[at];
      node.thread = summary.root;
      if (node.spam) return;
      ++summary.size;
      blogs.insert(node.source);
      if (node.published && (!summary.last_activity || *node.published > *summary.last_activity)) {
        summary.last_activity = node.published;
      }
    });
    summary.blogs.assign(blogs.begin(), blogs.end());
    std::sort(summary.blogs.begin(), summary.blogs.end());
  }
  std::sort(roots.begin(), roots.end(), [&](std::size_t a, std::size_t b) {
    const UnixTime ta = summaries[a].last_activity.value_or(0),
                   tb = summaries[b].last_activity.value_or(0);
    return ta != tb ? ta > tb : summaries[a].root < summaries[b].root;
  });
  ThreadOrder planned;
  planned.order.reserve(nodes.size());
  for (std::size_t root : roots) {
    walk(root, [&](std::size_t at) { planned.order.push_back(at); });
    planned.threads.push_back(std::move(summaries[root]));
  }
  return planned;
}

/// The nodes moved into plan_threads' order, and its summaries, into `conversation`.
void order_threads(Builder& builder, ThreadOrder planned, Conversation& conversation) {
  std::vector<Node>& nodes = builder.nodes;
  const std::vector<std::size_t>& order = planned.order;
  conversation.threads = std::move(planned.threads);
  if (order.size() == nodes.size()) {
    // Every node has its place: moved into it where they are, cycle by cycle, rather than into
    // a second array of 100,000 nodes (fresh memory the kernel must zero first).
    std::vector<bool> placed(nodes.size(), false);
    for (std::size_t start = 0; start < nodes.size(); ++start) {
      if (placed[start] || order[start] == start) continue;
      Node held = std::move(nodes[start]);
      std::size_t at = start;
      while (order[at] != start) {
        nodes[at] = std::move(nodes[order[at]]);
        placed[at] = true;
        at = order[at];
      }
      nodes[at] = std::move(held);
      placed[at] = true;
    }
    conversation.nodes = std::move(nodes);
    return;
  }
  // Nodes whose parents form a loop belong to no thread and are left out.
  std::vector<Node> ordered;
  ordered.reserve(order.size());
  for (std::size_t at : order) ordered.push_back(std::move(nodes[at]));
  conversation.nodes = std::move(ordered);
}

Conversation thread_harvests(const SiteConfig& config, const std::vector<SourceHarvest>& harvests,
                             std::vector<SourceHarvest>* owned, UnixTime now,
                             const IdentityEvidence& evidence) {
  Conversation conversation;
  conversation.generated = now;
  conversation.campaign_title = config.site.title;
  conversation.campaign_links = config.campaign.links;
  for (const auto& harvest : harvests) conversation.sources.push_back(harvest.report);

  Builder builder(config, harvests, owned);
  add_posts(builder, select_conversation_posts(config.campaign, harvests));
  link_posts(builder);
  count_reactions(builder);
  add_comments(builder);
  // The steps below read only the nodes: owned entries go before people are recognised.
  if (owned) std::vector<SourceHarvest>().swap(*owned);
  // Threads are planned on another core while people are recognised (plan_threads says why
  // they may); the future's destructor waits for it however recognise_people ends.
  std::future<ThreadOrder> planned =
      std::async(std::launch::async, [&builder] { return plan_threads(builder); });
  conversation.people = recognise_people(builder.nodes, config.campaign, config.people, evidence,
                                         conversation.sources);
  order_threads(builder, planned.get(), conversation);
  conversation.awaiting_reply = find_awaiting_reply(conversation.nodes);
  return conversation;
}

}  // namespace

Conversation build_conversation(const SiteConfig& config,
                                const std::vector<SourceHarvest>& harvests, UnixTime now,
                                const IdentityEvidence& evidence) {
  return thread_harvests(config, harvests, nullptr, now, evidence);
}

Conversation build_conversation(const SiteConfig& config, std::vector<SourceHarvest>&& harvests,
                                UnixTime now, const IdentityEvidence& evidence) {
  std::vector<SourceHarvest> owned = std::move(harvests);
  return thread_harvests(config, owned, &owned, now, evidence);
}

}  // namespace confab
