#include "render/site_model.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <future>
#include <tuple>
#include <unordered_set>

#include "base/identifiers.h"
#include "base/parallel_for.h"
#include "base/url.h"
#include "parse/html_nesting.h"
#include "render/render.h"
#include "render/safe_url.h"

namespace confab {
namespace {

constexpr std::size_t kSlugLength = 60;
constexpr int kClashHashDigits = 6;

/// Gives each key a slug made from its text: the first key (in the caller's order) to want a
/// slug gets it plain, later ones get a short hash of their id appended. So a thread keeps its
/// URL when newer threads arrive, and the same archive always names things the same way.
class SlugClaims {
 public:
  std::string claim(const std::string& text, const std::string& id) {
    const std::string base = slugify(text, kSlugLength);
    std::string slug = base;
    if (taken_.count(slug)) slug = base + "-" + short_hash(id, kClashHashDigits);
    for (int n = 2; taken_.count(slug); ++n) {
      slug = base + "-" + short_hash(id, kClashHashDigits) + "-" + std::to_string(n);
    }
    taken_.insert(slug);
    return slug;
  }

 private:
  std::unordered_set<std::string> taken_;
};

bool older_first(const Node* a, const Node* b) {
  const bool a_undated = !a->published, b_undated = !b->published;
  return std::tie(a_undated, a->published, a->id) < std::tie(b_undated, b->published, b->id);
}

bool newer_first(const Node* a, const Node* b) {
  const bool a_undated = !a->published, b_undated = !b->published;
  if (a_undated != b_undated) return b_undated;
  if (a->published != b->published) return a->published > b->published;
  return a->id < b->id;
}

const std::vector<const Node*> kNobody;
const std::string kNothing;

}  // namespace

SiteModel::SiteModel(const Conversation& conversation, std::size_t workers, Sanitizer sanitizer)
    : conversation_(conversation) {
  if (!sanitizer) {
    sanitizer = [](const std::string& html, const std::string& base, bool* capped) {
      return sanitize_html(html, base, capped);
    };
  }
  const std::size_t count = conversation.nodes.size();
  thread_of_.assign(count, nullptr);
  html_.resize(count);
  as_written_.assign(count, 0);
  anchors_.resize(count);
  // Sanitizing needs nothing but each node's own content, so it starts at once, on every core,
  // while this thread arranges the threads and names things.
  auto sanitized = std::async(std::launch::async, [this, workers, &sanitizer] {
    sanitize_all(workers ? workers : default_worker_count(), sanitizer);
  });
  try {
    display_ = arrange_conversation(conversation);
    nodes_.reserve(count);
    for (const Node& node : conversation.nodes) nodes_.emplace(node.id, &node);
    for (const SourceReport& source : conversation.sources) {
      std::string name = source.name;
      if (name.empty()) name = url_host(source.url);
      if (name.empty()) name = source.id;
      sources_.emplace(source.id, SourceEntry{&source, std::move(name),
                                              safe_link_url(source.url, "").value_or("")});
    }
    people_.reserve(conversation.people.size());
    for (const Person& person : conversation.people) {
      std::string url;
      for (const std::string& candidate : person.urls) {
        url = safe_link_url(candidate, "").value_or("");
        if (!url.empty()) break;
      }
      people_.emplace(person.id, PersonEntry{&person, "", std::move(url)});
    }
    awaiting_.insert(conversation.awaiting_reply.begin(), conversation.awaiting_reply.end());
    author_by_slot_.assign(count, nullptr);
    for (std::size_t i = 0; i < count; ++i) {
      const auto found = people_.find(conversation.nodes[i].author);
      if (found != people_.end()) author_by_slot_[i] = &found->second;
    }
    awaiting_by_slot_.assign(count, 0);
    for (const std::string& id : conversation.awaiting_reply) {
      if (const Node* waiting = node(id)) awaiting_by_slot_[slot(*waiting)] = 1;
    }

    for (const DisplayThread& thread : display_.threads) {
      for_each_shown(thread, [&](const Node& node) {
        thread_of_[slot(node)] = &thread;
        if (!node.author.empty()) said_by_[node.author].push_back(&node);
      });
    }
    for (auto& [person, nodes] : said_by_) std::sort(nodes.begin(), nodes.end(), newer_first);
    name_threads();
    name_people();
    name_nodes();
  } catch (...) {
    sanitized.wait();  // it writes into this object: let it finish before the error unwinds it
    throw;
  }
  sanitized.get();
}

template <typename Visit>
void SiteModel::for_each_shown(const DisplayThread& thread, const Visit& visit) {
  std::vector<const DisplayNode*> pending = {&thread.root};
  while (!pending.empty()) {
    const DisplayNode* shown = pending.back();
    pending.pop_back();
    visit(*shown->node);
    for (const DisplayNode& child : shown->children) pending.push_back(&child);
  }
}

void SiteModel::name_nodes() {
  // Claimed like slugs (SlugClaims): in display order, the first node to want an anchor gets it
  // plain, later ones get a hash of their id appended. The set holds views of anchors_, whose
  // strings stay where they are once claimed.
  std::unordered_set<std::string_view> taken;
  taken.reserve(anchors_.size());
  for (const DisplayThread& thread : display_.threads) {
    for_each_shown(thread, [&](const Node& node) {
      std::string& anchor = anchors_[slot(node)];
      anchor = "n-" + slugify(node.id, kSlugLength);
      if (taken.count(anchor)) {
        const std::string base = anchor;
        anchor = base + "-" + short_hash(node.id, kClashHashDigits);
        for (int n = 2; taken.count(anchor); ++n) {
          anchor = base + "-" + short_hash(node.id, kClashHashDigits) + "-" + std::to_string(n);
        }
      }
      taken.insert(anchor);
    });
  }
}

void SiteModel::sanitize_all(std::size_t workers, const Sanitizer& sanitizer) {
  // Each node's HTML is parsed on its own, so the work spreads over the cores. Spam is sanitized
  // without a base: its relative links go. (A node the display leaves out, caught in a parent
  // cycle, is sanitized too and never shown.) A node that fails is one node's loss: it is
  // archived, so letting it fail the build would fail every build after it too.
  const std::vector<Node>& nodes = conversation_.nodes;
  std::vector<std::string> problem_of(nodes.size());  // by slot, so the order is the nodes'
  constexpr std::size_t kBatch = 256;  // nodes per hand-out: small enough to balance the cores
  parallel_for((nodes.size() + kBatch - 1) / kBatch, workers, [&](std::size_t, std::size_t batch) {
    const std::size_t end = std::min(nodes.size(), (batch + 1) * kBatch);
    for (std::size_t i = batch * kBatch; i < end; ++i) {
      const Node& node = nodes[i];
      // Relative links in a node's HTML are relative to its own page.
      const std::string& base = node.spam ? kNothing : node.url;
      const std::string& name = node.url.empty() ? node.id : node.url;
      bool capped = false;
      try {
        html_[i] = sanitizer(node.content_html, base, &capped);
        if (html_[i] == node.content_html) {
          std::string().swap(html_[i]);
          as_written_[i] = 1;
        }
      } catch (const std::exception& error) {
        html_[i].clear();
        problem_of[i] =
            name + ": content left out, it could not be sanitized (" + error.what() + ")";
        continue;
      }
      if (capped) problem_of[i] = nesting_capped_warning(name);
    }
  });
  for (std::string& problem : problem_of) {
    if (!problem.empty()) problems_.push_back(std::move(problem));
  }
}

void SiteModel::name_threads() {
  std::vector<const Node*> roots;
  for (const DisplayThread& thread : display_.threads) roots.push_back(thread.root.node);
  std::sort(roots.begin(), roots.end(), older_first);
  SlugClaims claims;
  for (const Node* root : roots) {
    std::string text = root->title;
    if (slugify(text, kSlugLength) == "item")
      text = source_name(root->source) + " " + author_name(*root);
    thread_paths_[root->id] = "threads/" + claims.claim(text, root->id) + "/";
  }
}

void SiteModel::name_people() {
  for (const Person& person : conversation_.people) people_by_activity_.push_back(&person);
  std::sort(people_by_activity_.begin(), people_by_activity_.end(),
            [](const Person* a, const Person* b) {
              // Reach before volume (the conversation stage's influence), then how much they said.
              const int a_said = a->posts + a->comments, b_said = b->posts + b->comments;
              return std::tie(b->influence, b_said, a->name, a->id) <
                     std::tie(a->influence, a_said, b->name, b->id);
            });
  std::vector<const Person*> by_id;
  for (const Person& person : conversation_.people) by_id.push_back(&person);
  std::sort(by_id.begin(), by_id.end(), [](auto* a, auto* b) { return a->id < b->id; });
  SlugClaims claims;
  for (const Person* person : by_id) {
    people_.at(person->id).path =
        "people/" + claims.claim(person->name.empty() ? person->id : person->name, person->id) +
        "/";
  }
}

const Node* SiteModel::node(const std::string& id) const {
  const auto found = nodes_.find(id);
  return found == nodes_.end() ? nullptr : found->second;
}

const SourceReport* SiteModel::source(const std::string& id) const {
  const auto found = sources_.find(id);
  return found == sources_.end() ? nullptr : found->second.report;
}

const Person* SiteModel::person(const std::string& id) const {
  const auto found = people_.find(id);
  return found == people_.end() ? nullptr : found->second.person;
}

std::size_t SiteModel::slot(const Node& node) const {
  const std::vector<Node>& nodes = conversation_.nodes;
  // Pointers are compared as integers: a node from elsewhere is not in the vector's range.
  const auto address = reinterpret_cast<std::uintptr_t>(&node);
  const auto begin = reinterpret_cast<std::uintptr_t>(nodes.data());
  if (address < begin || address >= begin + nodes.size() * sizeof(Node)) return nodes.size();
  return (address - begin) / sizeof(Node);
}

const DisplayThread* SiteModel::thread_of(const std::string& node_id) const {
  const Node* found = node(node_id);
  return found ? thread_of(*found) : nullptr;
}

const DisplayThread* SiteModel::thread_of(const Node& node) const {
  const std::size_t index = slot(node);
  return index < thread_of_.size() ? thread_of_[index] : nullptr;
}

const std::string& SiteModel::html(const Node& node) const {
  const std::size_t index = slot(node);
  if (index >= html_.size()) return kNothing;
  return as_written_[index] ? node.content_html : html_[index];
}

const std::string& SiteModel::anchor(const Node& node) const {
  const std::size_t index = slot(node);
  return index < anchors_.size() ? anchors_[index] : kNothing;
}

const std::string& SiteModel::thread_path(const Node& root) const {
  const auto found = thread_paths_.find(root.id);
  return found == thread_paths_.end() ? kNothing : found->second;
}

const Person* SiteModel::author_person(const Node& node) const {
  const std::size_t index = slot(node);
  if (index >= author_by_slot_.size()) return person(node.author);
  return author_by_slot_[index] ? author_by_slot_[index]->person : nullptr;
}

const std::string& SiteModel::author_path(const Node& node) const {
  const std::size_t index = slot(node);
  if (index >= author_by_slot_.size()) return person_path(node.author);
  return author_by_slot_[index] ? author_by_slot_[index]->path : kNothing;
}

const std::string& SiteModel::author_url(const Node& node) const {
  const std::size_t index = slot(node);
  if (index >= author_by_slot_.size()) return person_url(node.author);
  return author_by_slot_[index] ? author_by_slot_[index]->url : kNothing;
}

bool SiteModel::awaiting_reply(const Node& node) const {
  const std::size_t index = slot(node);
  return index < awaiting_by_slot_.size() ? awaiting_by_slot_[index] != 0
                                          : awaiting_.count(node.id) > 0;
}

const std::string& SiteModel::person_path(const std::string& person_id) const {
  const auto found = people_.find(person_id);
  return found == people_.end() ? kNothing : found->second.path;
}

const std::string& SiteModel::person_url(const std::string& person_id) const {
  const auto found = people_.find(person_id);
  return found == people_.end() ? kNothing : found->second.url;
}

std::string SiteModel::author_name(const Node& node) const {
  if (!node.author_name.empty()) return node.author_name;
  const Person* who = author_person(node);
  return who ? who->name : "";
}

std::string SiteModel::source_name(const std::string& source_id) const {
  const auto found = sources_.find(source_id);
  return found == sources_.end() ? source_id : found->second.name;
}

const std::string& SiteModel::source_url(const std::string& source_id) const {
  const auto found = sources_.find(source_id);
  return found == sources_.end() ? kNothing : found->second.url;
}

const std::string& SiteModel::source_platform_label(const std::string& source_id) const {
  const auto found = sources_.find(source_id);
  return found == sources_.end() ? kNothing : found->second.report->platform_label;
}

const std::vector<const Node*>& SiteModel::said_by(const std::string& person_id) const {
  const auto found = said_by_.find(person_id);
  return found == said_by_.end() ? kNobody : found->second;
}

}  // namespace confab
