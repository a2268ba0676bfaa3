#include "thread/people.h"

#include <algorithm>
#include <set>

#include "base/identifiers.h"
#include "thread/canonical_url.h"
#include "thread/text_match.h"

namespace confab {

namespace {

/// The index in [campaign] team of the member who wrote `node`, -1 for none.
int team_member(const Node& node, const CampaignSection& campaign) {
  for (std::size_t i = 0; i < campaign.team.size(); ++i) {
    const auto& member = campaign.team[i];
    if (!member.url.empty() && !node.author_url.empty() &&
        canonical_url(member.url) == canonical_url(node.author_url)) {
      return static_cast<int>(i);
    }
    if (!member.name.empty() && fold_text(member.name) == fold_text(node.author_name)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

/// Team members are one person each, however each blog spells them; others by URL, else by
/// name within one blog.
std::string person_key(const Node& node, int member) {
  if (member >= 0) return "team:" + std::to_string(member);
  if (!node.author_url.empty()) return "url:" + canonical_url(node.author_url);
  return "name:" + node.source + ":" + fold_text(node.author_name);
}

}  // namespace

std::vector<Person> recognise_people(std::vector<Node>& nodes, const CampaignSection& campaign) {
  std::map<std::string, std::size_t> by_key;
  std::vector<Person> people;
  std::set<std::string> used_ids;
  for (auto& node : nodes) {
    const int member = node.kind == NodeKind::mention ? -1 : team_member(node, campaign);
    node.by_team = member >= 0;
    if (node.kind == NodeKind::mention || node.spam) continue;
    const bool nameless = node.author_name.empty() || fold_text(node.author_name) == "anonymous";
    if (nameless && node.author_url.empty()) continue;
    const std::string key = person_key(node, member);
    auto [it, inserted] = by_key.emplace(key, people.size());
    if (inserted) {
      Person person;
      person.name = member >= 0 && !campaign.team[static_cast<std::size_t>(member)].name.empty()
                        ? campaign.team[static_cast<std::size_t>(member)].name
                        : node.author_name;
      const std::string base = slugify(person.name.empty() ? node.author_url : person.name);
      person.id = base;
      for (int n = 2; !used_ids.insert(person.id).second; ++n) {
        person.id = base + "-" + std::to_string(n);
      }
      people.push_back(std::move(person));
    }
    Person& person = people[it->second];
    node.author = person.id;
    if (!node.author_url.empty() &&
        std::find(person.urls.begin(), person.urls.end(), node.author_url) == person.urls.end()) {
      person.urls.push_back(node.author_url);
    }
    person.team = person.team || node.by_team;
    (node.kind == NodeKind::post ? person.posts : person.comments) += 1;
    if (std::find(person.blogs.begin(), person.blogs.end(), node.source) == person.blogs.end()) {
      person.blogs.push_back(node.source);
    }
  }
  for (auto& person : people) std::sort(person.blogs.begin(), person.blogs.end());
  // Team members who speak anywhere are team everywhere.
  std::set<std::string> team_ids;
  for (const auto& person : people) {
    if (person.team) team_ids.insert(person.id);
  }
  for (auto& node : nodes) {
    if (!node.author.empty() && team_ids.count(node.author)) node.by_team = true;
  }
  std::sort(people.begin(), people.end(), [](const Person& a, const Person& b) {
    const int reach_a = static_cast<int>(a.blogs.size()),
              reach_b = static_cast<int>(b.blogs.size());
    if (reach_a != reach_b) return reach_a > reach_b;
    if (a.posts + a.comments != b.posts + b.comments) {
      return a.posts + a.comments > b.posts + b.comments;
    }
    return a.id < b.id;
  });
  return people;
}

}  // namespace confab
