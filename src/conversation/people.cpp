#include "conversation/people.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "base/identifiers.h"
#include "conversation/canonical_url.h"
#include "conversation/text_match.h"

namespace confab {

namespace {

/// Who is who before any node is read: the configured people and the team, by URL and by name.
class Directory {
 public:
  Directory(const CampaignSection& campaign, const std::vector<PersonConfig>& configured)
      : campaign_(campaign), configured_(configured) {
    for (std::size_t i = 0; i < configured.size(); ++i) {
      const std::string key = "person:" + std::to_string(i);
      for (const auto& url : configured[i].urls) by_url_.emplace(canonical_url(url), key);
      by_name_.emplace(fold_text(configured[i].name), key);
      for (const auto& alias : configured[i].aliases) by_name_.emplace(fold_text(alias), key);
    }
    for (std::size_t i = 0; i < campaign.team.size(); ++i) {
      const std::string key = "team:" + std::to_string(i);
      if (!campaign.team[i].url.empty()) by_url_.emplace(canonical_url(campaign.team[i].url), key);
      if (!campaign.team[i].name.empty()) by_name_.emplace(fold_text(campaign.team[i].name), key);
    }
  }

  /// The person key of a node's author: "person:N", "team:N", "url:…" or "name:blog:…".
  std::string key_of(const Node& node) {
    const std::string& url = canonical(node.author_url);
    const std::string name = fold_text(node.author_name);
    if (!url.empty()) {
      if (auto found = by_url_.find(url); found != by_url_.end()) return found->second;
    }
    if (!name.empty()) {
      if (auto found = by_name_.find(name); found != by_name_.end()) return found->second;
    }
    if (!url.empty()) return "url:" + url;
    return "name:" + node.source + ":" + name;
  }

  /// Display name and team flag a key stands for, when configured.
  void describe(const std::string& key, Person& person) const {
    if (key.rfind("person:", 0) == 0) {
      const auto& entry = configured_[std::stoul(key.substr(7))];
      person.name = entry.name;
      person.team = entry.team;
    } else if (key.rfind("team:", 0) == 0) {
      const auto& member = campaign_.team[std::stoul(key.substr(5))];
      if (!member.name.empty()) person.name = member.name;
      person.team = true;
    }
  }

 private:
  /// canonical_url, remembered: the same commenters sign hundreds of comments.
  const std::string& canonical(const std::string& url) {
    auto [it, inserted] = canonical_.emplace(url, "");
    if (inserted && !url.empty()) it->second = canonical_url(url);
    return it->second;
  }

  const CampaignSection& campaign_;
  std::unordered_map<std::string, std::string> canonical_;
  const std::vector<PersonConfig>& configured_;
  std::unordered_map<std::string, std::string> by_url_;
  std::unordered_map<std::string, std::string> by_name_;
};

}  // namespace

std::vector<Person> recognise_people(std::vector<Node>& nodes, const CampaignSection& campaign,
                                     const std::vector<PersonConfig>& configured) {
  Directory directory(campaign, configured);
  std::unordered_map<std::string, std::size_t> by_key;
  std::vector<Person> people;
  std::vector<std::set<std::string>> blogs;
  std::set<std::string> used_ids;
  for (auto& node : nodes) {
    node.by_team = false;
    if (node.kind == NodeKind::mention || node.spam) continue;
    const bool nameless = node.author_name.empty() || fold_text(node.author_name) == "anonymous";
    if (nameless && node.author_url.empty()) continue;
    const std::string key = directory.key_of(node);
    auto [it, inserted] = by_key.emplace(key, people.size());
    if (inserted) {
      Person person;
      person.name = node.author_name;
      directory.describe(key, person);
      const std::string base = slugify(person.name.empty() ? node.author_url : person.name);
      person.id = base;
      for (int n = 2; !used_ids.insert(person.id).second; ++n) {
        person.id = base + "-" + std::to_string(n);
      }
      people.push_back(std::move(person));
      blogs.emplace_back();
    }
    Person& person = people[it->second];
    node.author = person.id;
    node.by_team = person.team;
    if (!node.author_url.empty() &&
        std::find(person.urls.begin(), person.urls.end(), node.author_url) == person.urls.end()) {
      person.urls.push_back(node.author_url);
    }
    (node.kind == NodeKind::post ? person.posts : person.comments) += 1;
    blogs[it->second].insert(node.source);
  }
  std::unordered_map<std::string_view, std::size_t> person_index;
  for (std::size_t i = 0; i < people.size(); ++i) {
    people[i].blogs.assign(blogs[i].begin(), blogs[i].end());
    person_index.emplace(people[i].id, i);
  }

  // Replies drawn: every non-spam node whose parent another person wrote.
  std::unordered_map<std::string_view, const Node*> by_id;  // views into `nodes`, unchanged here
  by_id.reserve(nodes.size());
  for (const auto& node : nodes) by_id.emplace(node.id, &node);
  std::vector<std::vector<std::string_view>> repliers(people.size());
  for (const auto& node : nodes) {
    if (node.spam || node.parent.empty() || node.author.empty()) continue;
    const auto parent = by_id.find(node.parent);
    if (parent == by_id.end() || parent->second->author.empty() ||
        parent->second->author == node.author) {
      continue;
    }
    const std::size_t at = person_index.at(parent->second->author);
    people[at].replies_received += 1;
    repliers[at].push_back(node.author);
    if (parent->second->source != node.source) people[at].cross_blog_replies += 1;
  }
  for (std::size_t i = 0; i < people.size(); ++i) {
    Person& person = people[i];
    std::sort(repliers[i].begin(), repliers[i].end());
    person.repliers =
        static_cast<int>(std::unique(repliers[i].begin(), repliers[i].end()) - repliers[i].begin());
    person.influence =
        2 * static_cast<int>(person.blogs.size()) + person.repliers + 3 * person.cross_blog_replies;
  }
  std::sort(people.begin(), people.end(), [](const Person& a, const Person& b) {
    if (a.influence != b.influence) return a.influence > b.influence;
    if (a.blogs.size() != b.blogs.size()) return a.blogs.size() > b.blogs.size();
    return a.id < b.id;
  });
  return people;
}

}  // namespace confab
