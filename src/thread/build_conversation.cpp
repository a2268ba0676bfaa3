// The thread stage's driver: harvests in, one conversation out. Each step is a function below,
// in the order they run.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "base/identifiers.h"
#include "parse/html_text.h"
#include "thread/canonical_url.h"
#include "thread/comment_tree.h"
#include "thread/harvest.h"
#include "thread/people.h"
#include "thread/post_links.h"
#include "thread/spam_filter.h"
#include "thread/text_match.h"

namespace confab {

namespace {

struct Builder {
  const SiteConfig& config;
  const std::vector<SourceHarvest>& harvests;
  std::vector<Node> nodes;
  std::map<std::string, std::size_t> index_of;  // Node id -> position in `nodes`
  std::set<std::string> used_ids;

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

  Node* find(const std::string& id) {
    auto found = index_of.find(id);
    return found == index_of.end() ? nullptr : &nodes[found->second];
  }
};

Node node_from_entry(const Entry& entry, NodeKind kind, const std::string& source) {
  Node node;
  node.kind = kind;
  node.source = source;
  node.url = entry.link;
  node.title = entry.title;
  if (!entry.authors.empty()) {
    node.author_name = entry.authors.front().name;
    node.author_url = entry.authors.front().uri;
  }
  node.published = entry.published ? entry.published : entry.updated;
  node.content_html = entry.content.empty() ? entry.summary : entry.content;
  node.base_url = entry.link;
  return node;
}

/// Posts of the conversation become nodes; the map answers "which node is this post?".
std::map<PostRef, std::string> add_posts(Builder& builder, const std::vector<PostRef>& posts) {
  std::map<PostRef, std::string> node_of;
  for (const auto& ref : posts) {
    const SourceHarvest& harvest = builder.harvests[ref.source];
    const Entry& entry = harvest.posts[ref.post];
    Node node = node_from_entry(entry, NodeKind::post, harvest.report.id);
    node.id = builder.make_id(harvest.report.id, entry.id);
    node_of[ref] = node.id;
    builder.add(std::move(node));
  }
  return node_of;
}

/// A post replies to the most recent older conversation post it links to; every link to a
/// conversation post is kept in links_to.
void link_posts(Builder& builder, const std::map<PostRef, std::string>& node_of) {
  const PostIndex index(builder.harvests);
  for (const auto& [ref, id] : node_of) {
    const Entry& entry = builder.harvests[ref.source].posts[ref.post];
    Node& node = *builder.find(id);
    const Node* best = nullptr;
    for (const auto& url : entry_links(entry)) {
      const PostRef* target = index.find(url);
      if (!target || *target == ref) continue;
      auto target_id = node_of.find(*target);
      if (target_id == node_of.end()) continue;
      if (std::find(node.links_to.begin(), node.links_to.end(), target_id->second) ==
          node.links_to.end()) {
        node.links_to.push_back(target_id->second);
      }
      const Node* candidate = builder.find(target_id->second);
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
  }
}

/// The post a pingback or trackback comes from: by its URL, else (a trackback in a feed that
/// gives no URL) by the sending blog's name and the post title it quotes in <strong>.
const PostRef* find_linking_post(const std::vector<SourceHarvest>& harvests, const PostIndex& index,
                                 const Entry& mention) {
  if (mention.authors.empty()) return nullptr;
  if (!mention.authors[0].uri.empty()) return index.find(mention.authors[0].uri);
  const std::string& html = mention.content.empty() ? mention.summary : mention.content;
  const auto open = html.find("<strong>");
  const auto close = html.find("</strong>", open);
  if (open == std::string::npos || close == std::string::npos) return nullptr;
  const std::string title = fold_text(html_to_text(html.substr(open + 8, close - open - 8)));
  const std::string blog = fold_text(mention.authors[0].name);
  for (std::size_t s = 0; s < harvests.size(); ++s) {
    if (fold_text(harvests[s].report.name) != blog) continue;
    for (std::size_t p = 0; p < harvests[s].posts.size(); ++p) {
      if (fold_text(html_to_text(harvests[s].posts[p].title)) == title) {
        return index.find(harvests[s].posts[p].link);
      }
    }
  }
  return nullptr;
}

/// Comments, mentions and spam of each conversation post.
void add_comments(Builder& builder, const std::map<PostRef, std::string>& node_of) {
  const PostIndex index(builder.harvests);
  std::set<std::string> blog_names;
  for (const auto& harvest : builder.harvests) blog_names.insert(fold_text(harvest.report.name));
  for (const auto& [ref, post_id] : node_of) {
    const SourceHarvest& harvest = builder.harvests[ref.source];
    const Entry& post = harvest.posts[ref.post];
    const auto found = harvest.comments.find(post.id);
    if (found == harvest.comments.end()) continue;
    const std::vector<Entry>& comments = found->second;
    std::vector<bool> unknown;
    const std::vector<int> parents = resolve_comment_parents(post, comments, unknown);
    const std::string post_text = entry_text(post);
    std::vector<std::string> ids(comments.size());
    for (std::size_t i = 0; i < comments.size(); ++i) {
      ids[i] = builder.make_id(harvest.report.id, comments[i].id);
    }
    for (std::size_t i = 0; i < comments.size(); ++i) {
      const Entry& comment = comments[i];
      if (is_mention(comment, post.link, blog_names)) {
        const PostRef* linking = find_linking_post(builder.harvests, index, comment);
        auto linking_node = linking ? node_of.find(*linking) : node_of.end();
        if (linking_node != node_of.end()) {
          // The linking post is in the conversation: its edge already says it; show it once.
          Node& source_post = *builder.find(linking_node->second);
          if (std::find(source_post.links_to.begin(), source_post.links_to.end(), post_id) ==
              source_post.links_to.end()) {
            source_post.links_to.push_back(post_id);
          }
          continue;
        }
        Node node = node_from_entry(comment, NodeKind::mention, harvest.report.id);
        node.id = ids[i];
        node.parent = post_id;
        if (node.title.empty()) node.title = node.author_name;
        builder.add(std::move(node));
        continue;
      }
      Node node = node_from_entry(comment, NodeKind::comment, harvest.report.id);
      node.id = ids[i];
      node.parent = parents[i] >= 0 ? ids[static_cast<std::size_t>(parents[i])] : post_id;
      node.parent_unknown = unknown[i];
      SpamVerdict verdict =
          judge_comment({node.author_name, node.author_url, node.content_html, post_text});
      if (verdict.score >= kSpamThreshold) node.spam = std::move(verdict);
      builder.add(std::move(node));
    }
    // A reply to a pingback shown only as its post's edge keeps its place under the post.
    for (const auto& id : ids) {
      Node* node = builder.find(id);
      if (node && !builder.find(node->parent)) node->parent = post_id;
    }
  }
}

/// Thread summaries, newest activity first, and the nodes reordered: each thread depth-first,
/// children by date then id.
void order_threads(Builder& builder, Conversation& conversation) {
  std::map<std::string, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < builder.nodes.size(); ++i) {
    Node& node = builder.nodes[i];
    if (node.parent.empty()) {
      roots.push_back(i);
    } else {
      children[node.parent].push_back(i);
    }
  }
  auto earlier = [&](std::size_t a, std::size_t b) {
    const Node& x = builder.nodes[a];
    const Node& y = builder.nodes[b];
    const UnixTime tx = x.published.value_or(0), ty = y.published.value_or(0);
    return tx != ty ? tx < ty : x.id < y.id;
  };
  for (auto& [parent, list] : children) std::sort(list.begin(), list.end(), earlier);

  std::map<std::string, ThreadSummary> summaries;
  for (std::size_t root : roots) {
    ThreadSummary summary;
    summary.root = builder.nodes[root].id;
    std::set<std::string> blogs;
    std::function<void(std::size_t)> visit = [&](std::size_t at) {
      Node& node = builder.nodes[at];
      node.thread = summary.root;
      if (!node.spam) {
        ++summary.size;
        blogs.insert(node.source);
        if (node.published &&
            (!summary.last_activity || *node.published > *summary.last_activity)) {
          summary.last_activity = node.published;
        }
      }
      for (std::size_t child : children[node.id]) visit(child);
    };
    visit(root);
    summary.blogs.assign(blogs.begin(), blogs.end());
    summaries[summary.root] = std::move(summary);
  }
  std::sort(roots.begin(), roots.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = summaries[builder.nodes[a].id];
    const auto& y = summaries[builder.nodes[b].id];
    const UnixTime tx = x.last_activity.value_or(0), ty = y.last_activity.value_or(0);
    return tx != ty ? tx > ty : x.root < y.root;
  });
  std::vector<Node> ordered;
  ordered.reserve(builder.nodes.size());
  std::function<void(std::size_t)> emit = [&](std::size_t at) {
    ordered.push_back(builder.nodes[at]);
    for (std::size_t child : children[builder.nodes[at].id]) emit(child);
  };
  for (std::size_t root : roots) {
    emit(root);
    conversation.threads.push_back(summaries[builder.nodes[root].id]);
  }
  conversation.nodes = std::move(ordered);
}

bool asks_something(const Node& node) {
  return html_to_text(node.content_html).find('?') != std::string::npos;
}

/// Questions on conversation posts that neither the post's author nor the team has answered:
/// no later reply below the question, nor a later top-level comment that names the asker.
std::vector<std::string> find_awaiting_reply(const Conversation& conversation) {
  std::map<std::string, const Node*> by_id;
  for (const auto& node : conversation.nodes) by_id[node.id] = &node;
  auto post_of = [&](const Node& node) -> const Node* {
    const Node* at = &node;
    while (at && at->kind != NodeKind::post && !at->parent.empty()) {
      auto found = by_id.find(at->parent);
      at = found == by_id.end() ? nullptr : found->second;
    }
    return at && at->kind == NodeKind::post ? at : nullptr;
  };
  auto descends_from = [&](const Node& node, const std::string& ancestor) {
    for (const Node* at = &node; at && !at->parent.empty();) {
      if (at->parent == ancestor) return true;
      auto found = by_id.find(at->parent);
      at = found == by_id.end() ? nullptr : found->second;
    }
    return false;
  };
  std::vector<const Node*> waiting;
  for (const auto& question : conversation.nodes) {
    if (question.kind != NodeKind::comment || question.spam || question.by_team) continue;
    const Node* post = post_of(question);
    if (!post || (!post->author.empty() && question.author == post->author)) continue;
    if (!asks_something(question)) continue;
    const std::string asker = fold_text(question.author_name);
    bool answered = false;
    for (const auto& reply : conversation.nodes) {
      if (reply.kind != NodeKind::comment || reply.spam || &reply == &question) continue;
      const bool by_answerer =
          reply.by_team || (!post->author.empty() && reply.author == post->author);
      if (!by_answerer || post_of(reply) != post) continue;
      if (question.published && reply.published && *reply.published <= *question.published) {
        continue;
      }
      const bool below = descends_from(reply, question.id);
      const bool names_asker = reply.parent == post->id && !asker.empty() &&
                               contains_phrase(fold_text(html_to_text(reply.content_html)), asker);
      if (below || names_asker) {
        answered = true;
        break;
      }
    }
    if (!answered) waiting.push_back(&question);
  }
  std::stable_sort(waiting.begin(), waiting.end(), [](const Node* a, const Node* b) {
    const UnixTime ta = a->published.value_or(0), tb = b->published.value_or(0);
    return ta != tb ? ta < tb : a->id < b->id;
  });
  std::vector<std::string> ids;
  for (const Node* node : waiting) ids.push_back(node->id);
  return ids;
}

}  // namespace

Conversation build_conversation(const SiteConfig& config,
                                const std::vector<SourceHarvest>& harvests, UnixTime now) {
  Conversation conversation;
  conversation.generated = now;
  conversation.campaign_title = config.site.title;
  conversation.campaign_links = config.campaign.links;
  for (const auto& harvest : harvests) conversation.sources.push_back(harvest.report);

  Builder builder{config, harvests, {}, {}, {}};
  const auto node_of = add_posts(builder, select_conversation_posts(config.campaign, harvests));
  link_posts(builder, node_of);
  add_comments(builder, node_of);
  conversation.people = recognise_people(builder.nodes, config.campaign);
  order_threads(builder, conversation);
  conversation.awaiting_reply = find_awaiting_reply(conversation);
  return conversation;
}

}  // namespace confab
