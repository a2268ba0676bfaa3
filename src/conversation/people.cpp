#include "conversation/people.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/ascii.h"
#include "base/identifiers.h"
#include "conversation/canonical_url.h"
#include "conversation/text_match.h"

namespace confab {

namespace {

constexpr std::size_t kNoIdentity = static_cast<std::size_t>(-1);

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

  /// The configured person signing with this homepage (canonical) or this name (folded):
  /// "person:N" or "team:N", the URL first; "" when nobody configured signs so.
  std::string key_of(const std::string& url, const std::string& name) const {
    if (!url.empty()) {
      if (auto found = by_url_.find(url); found != by_url_.end()) return found->second;
    }
    if (!name.empty()) {
      if (auto found = by_name_.find(name); found != by_name_.end()) return found->second;
    }
    return "";
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

  /// Why several identities of a configured key are one person, in the site.toml's words.
  static std::string listed_in(const std::string& key) {
    return key.rfind("person:", 0) == 0 ? "listed in site.toml [[person]]"
                                        : "listed in site.toml [campaign] team";
  }

 private:
  const CampaignSection& campaign_;
  const std::vector<PersonConfig>& configured_;
  std::unordered_map<std::string, std::string> by_url_;
  std::unordered_map<std::string, std::string> by_name_;
};

/// canonical_url, remembered: the same commenters sign hundreds of comments.
class CanonicalUrls {
 public:
  const std::string& operator()(const std::string& url) {
    auto [it, inserted] = canonical_.emplace(url, "");
    if (inserted && !url.empty()) it->second = canonical_url(url);
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> canonical_;
};

/// Identities joined into people: a union-find over identity keys. A group's root is always its
/// identity seen first, whatever order the joins came in.
class Identities {
 public:
  /// The identity of `key`, added on first sight; `configured` is its Directory key, or "".
  std::size_t add(const std::string& key, const std::string& configured) {
    auto [it, inserted] = by_key_.emplace(key, parent_.size());
    if (inserted) {
      parent_.push_back(parent_.size());
      configured_.push_back(configured);
    }
    return it->second;
  }

  std::size_t find(std::size_t identity) {
    while (parent_[identity] != identity) {
      parent_[identity] = parent_[parent_[identity]];  // path halving: no recursion, short paths
      identity = parent_[identity];
    }
    return identity;
  }

  /// Makes two identities one person. False when they already were one, or when they are two
  /// different configured people: site.toml told them apart, and evidence does not overrule it.
  bool join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    if (!configured_[a].empty() && !configured_[b].empty() && configured_[a] != configured_[b]) {
      return false;
    }
    if (b < a) std::swap(a, b);
    parent_[b] = a;
    if (configured_[a].empty()) configured_[a] = configured_[b];
    return true;
  }

  /// Joins every identity of `group` to its first; true when that joined anyone.
  bool join_all(const std::set<std::size_t>& group) {
    bool joined = false;
    for (std::size_t identity : group) joined = join(*group.begin(), identity) || joined;
    return joined;
  }

  /// The Directory key of a root's person, "" when nobody configured.
  const std::string& configured(std::size_t root) const { return configured_[root]; }

 private:
  std::unordered_map<std::string, std::size_t> by_key_;
  std::vector<std::size_t> parent_;
  std::vector<std::string> configured_;  ///< of each root: its person's Directory key, or ""
};

/// The hash in a Gravatar avatar URL (https://secure.gravatar.com/avatar/<md5 or sha256>?s=96,
/// www., 0.…, or none), lower-cased; "" for any other avatar and for the hashes that stand for
/// nobody in particular: the empty e-mail address's, and the default images themes ask for.
std::string gravatar_hash(std::string_view avatar) {
  static constexpr std::string_view kStandForNobody[] = {
      "d41d8cd98f00b204e9800998ecf8427e",                                  // md5("")
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  // sha256("")
      "ad516503a11cd5ca435acc9bb6523536",  // md5("unknown@gravatar.com"), the "mystery" default
      "00000000000000000000000000000000",  // Gravatar's advice for "always show the default"
      "0000000000000000000000000000000000000000000000000000000000000000",
  };
  for (std::string_view scheme : {"https://", "http://", "//"}) {
    if (istarts_with(avatar, scheme)) {
      avatar.remove_prefix(scheme.size());
      break;
    }
  }
  const std::size_t slash = avatar.find('/');
  if (slash == std::string_view::npos) return "";
  const std::string host = lower(avatar.substr(0, slash));
  if (host != "gravatar.com" && !host.ends_with(".gravatar.com")) return "";
  avatar.remove_prefix(slash);
  if (!istarts_with(avatar, "/avatar/")) return "";
  avatar.remove_prefix(8);
  std::size_t length = 0;
  while (length < avatar.size() && digit_value(avatar[length], true) >= 0) ++length;
  if (length != 32 && length != 64) return "";
  if (length < avatar.size() && std::string_view("?#.").find(avatar[length]) == avatar.npos) {
    return "";  // more letters after the hex: not a hash
  }
  std::string hash = lower(avatar.substr(0, length));
  if (std::find(std::begin(kStandForNobody), std::end(kStandForNobody), hash) !=
      std::end(kStandForNobody))
    return "";
  return hash;
}

/// "A", "A and B", "A, B and C".
std::string in_words(const std::vector<std::string>& items) {
  std::string words;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) words += i + 1 == items.size() ? " and " : ", ";
    words += items[i];
  }
  return words;
}

/// A hash map that remembers the order its keys were first seen in: the joins run in that
/// order, so the same feeds give the same people and the same reasons on every build.
template <typename Value>
class FirstSeen {
 public:
  Value& operator[](const std::string& key) {
    auto [it, inserted] = values_.try_emplace(key);
    if (inserted) order_.push_back(&*it);
    return it->second;
  }
  const Value* find(const std::string& key) const {
    const auto found = values_.find(key);
    return found == values_.end() ? nullptr : &found->second;
  }
  auto begin() const { return order_.begin(); }
  auto end() const { return order_.end(); }

 private:
  std::unordered_map<std::string, Value> values_;  // nodes stay put: order_ points into it
  std::vector<const std::pair<const std::string, Value>*> order_;
};

/// What the nodes show about who signed them, gathered in one pass for the joins.
struct Signatures {
  struct Homepage {
    std::string spelling;  ///< as the first node signed with it
    std::set<std::size_t> identities;
  };
  struct NameOnBlog {
    std::size_t bare = kNoIdentity;  ///< the identity of the name signed without a homepage
    std::map<std::size_t, std::string> homepages;  ///< identities signed with one -> its spelling
  };
  struct Gravatar {
    std::set<std::size_t> identities;
    std::set<std::string> blogs;
  };
  struct Configured {
    std::string first;     ///< the first identity it stood for: "url:…" or "name:blog:…"
    bool several = false;  ///< and another one too
  };

  FirstSeen<Homepage> homepages;                           ///< by canonical URL
  FirstSeen<NameOnBlog> names_on_blogs;                    ///< by source id + '\0' + folded name
  FirstSeen<Gravatar> gravatars;                           ///< by hash
  std::unordered_map<std::size_t, Configured> configured;  ///< by configured identity
  std::vector<std::size_t> configured_several;  ///< configured identities standing for several
};

}  // namespace

std::vector<Person> recognise_people(std::vector<Node>& nodes, const CampaignSection& campaign,
                                     const std::vector<PersonConfig>& configured,
                                     const IdentityEvidence& evidence,
                                     const std::vector<SourceReport>& sources) {
  const Directory directory(campaign, configured);
  CanonicalUrls canonical;
  Identities identities;
  Signatures signatures;
  std::vector<std::size_t> identity_of(nodes.size(), kNoIdentity);
  // The same commenter signs the same way under every post of a blog: each signature is read
  // once, and its identity (or kNoIdentity for nobody in particular) remembered.
  std::unordered_map<std::string, std::size_t> identity_of_signature;
  std::string signature;
  // Platform profiles with pages the platform verified as theirs (Node::author_verified).
  std::vector<std::pair<std::size_t, const Node*>> verified;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    Node& node = nodes[i];
    node.by_team = false;
    if (node.kind == NodeKind::mention || node.spam) continue;
    signature.assign(node.source).append(1, '\0').append(node.author_name).append(1, '\0');
    signature.append(node.author_url).append(1, '\0').append(node.author_avatar);
    auto [seen, first_time] = identity_of_signature.try_emplace(signature, kNoIdentity);
    if (!first_time) {
      identity_of[i] = seen->second;
      continue;
    }
    const std::string name = fold_text(node.author_name);
    const bool nameless = node.author_name.empty() || name == "anonymous";
    if (nameless && node.author_url.empty()) continue;
    const std::string& url = canonical(node.author_url);
    std::string own = url.empty() ? "name:" + node.source + ":" + name : "url:" + url;
    const std::string configured_key = directory.key_of(url, name);
    const std::size_t identity =
        identities.add(configured_key.empty() ? own : configured_key, configured_key);
    seen->second = identity_of[i] = identity;
    if (!configured_key.empty()) {
      auto [it, added] = signatures.configured.try_emplace(identity);
      if (added) {
        it->second.first = std::move(own);
      } else if (!it->second.several && it->second.first != own) {
        it->second.several = true;
        signatures.configured_several.push_back(identity);
      }
    }
    if (url.empty()) {
      if (configured_key.empty()) {
        signatures.names_on_blogs[node.source + '\0' + name].bare = identity;
      }
    } else {
      auto& homepage = signatures.homepages[url];
      if (homepage.identities.empty()) homepage.spelling = node.author_url;
      homepage.identities.insert(identity);
      if (!name.empty()) {
        signatures.names_on_blogs[node.source + '\0' + name].homepages.emplace(identity,
                                                                               node.author_url);
      }
    }
    if (!node.author_verified.empty() && !url.empty()) verified.emplace_back(identity, &node);
    if (std::string hash = gravatar_hash(node.author_avatar); !hash.empty()) {
      auto& gravatar = signatures.gravatars[hash];
      gravatar.identities.insert(identity);
      gravatar.blogs.insert(node.source);
    }
  }

  // The joins, each with its reason in words, in a fixed order: site.toml, the same homepage,
  // a name on one blog, Gravatar, rel="me".
  std::unordered_map<std::string_view, std::string_view> blog_names;
  for (const auto& source : sources) blog_names.emplace(source.id, source.name);
  auto blog_name = [&](std::string_view id) {
    const auto found = blog_names.find(id);
    return std::string(found == blog_names.end() || found->second.empty() ? id : found->second);
  };
  std::vector<std::pair<std::size_t, std::string>> reasons;  // identity, why
  for (std::size_t identity : signatures.configured_several) {
    // Before any join every identity is its own root, so this is the identity's own key.
    reasons.emplace_back(identity, Directory::listed_in(identities.configured(identity)));
  }
  // The same homepage: one identity unless a node matched a configured name (first match wins).
  for (const auto* homepage : signatures.homepages) {
    if (identities.join_all(homepage->second.identities)) {
      reasons.emplace_back(*homepage->second.identities.begin(),
                           "same homepage " + homepage->second.spelling);
    }
  }
  // A name without a homepage is the one person who signed that name with a homepage on the
  // same blog (a blog's author often posts without one). Two such homepages: nobody can tell.
  for (const auto* name_on_blog : signatures.names_on_blogs) {
    const auto& [bare, homepages] = name_on_blog->second;
    if (bare == kNoIdentity || homepages.size() != 1) continue;
    const auto& [homepage_identity, spelling] = *homepages.begin();
    if (identities.join(bare, homepage_identity)) {
      const std::string_view key = name_on_blog->first;
      reasons.emplace_back(bare, "same name and homepage " + spelling + " on " +
                                     blog_name(key.substr(0, key.find('\0'))));
    }
  }
  // The same Gravatar is the same e-mail address, whatever the blog.
  for (const auto* gravatar : signatures.gravatars) {
    if (!identities.join_all(gravatar->second.identities)) continue;
    std::vector<std::string> on;
    for (const auto& blog : gravatar->second.blogs) on.push_back(blog_name(blog));
    reasons.emplace_back(*gravatar->second.identities.begin(), "same Gravatar on " + in_words(on));
  }
  // rel="me" both ways: each homepage claims the other. One way proves nothing (anyone may
  // link to anyone with rel="me").
  std::map<std::string, std::set<std::string>> claims;  // canonical homepage -> canonical links
  for (const auto& [page, links] : evidence.rel_me) {
    auto& claimed = claims[canonical(page)];
    for (const auto& link : links) claimed.insert(canonical(link));
  }
  for (const auto& [page, claimed] : claims) {
    const auto* from = signatures.homepages.find(page);
    if (!from) continue;
    for (const auto& link : claimed) {
      if (link <= page) continue;  // each pair once, from its smaller URL
      const auto* to = signatures.homepages.find(link);
      const auto back = claims.find(link);
      if (!to || back == claims.end() || !back->second.count(page)) continue;
      std::set<std::size_t> both = from->identities;
      both.insert(to->identities.begin(), to->identities.end());
      if (identities.join_all(both)) {
        reasons.emplace_back(*both.begin(),
                             "rel=\"me\" between " + from->spelling + " and " + to->spelling);
      }
    }
  }

  std::unordered_map<std::string_view, std::string_view> platform_labels;
  for (const auto& source : sources) platform_labels.emplace(source.id, source.platform_label);
  auto platform_label = [&](const Node& node) {
    const auto found = platform_labels.find(node.source);
    if (found != platform_labels.end() && !found->second.empty()) {
      return std::string(found->second);
    }
    return node.platform.empty() ? blog_name(node.source) : node.platform;
  };
  // A page the platform itself verified as the profile's own: a Mastodon profile link checked
  // with rel="me", a Bluesky handle that is the person's domain. A link merely listed is not.
  for (const auto& [identity, node] : verified) {
    for (const std::string& page : node->author_verified) {
      const auto* homepage = signatures.homepages.find(canonical(page));
      if (!homepage) continue;
      std::set<std::size_t> both = homepage->identities;
      both.insert(identity);
      if (identities.join_all(both)) {
        reasons.emplace_back(identity, node->author_url + " verified as " + homepage->spelling +
                                           " on " + platform_label(*node));
      }
    }
  }

  // One person per group of joined identities, named by the first node that signed for it.
  std::unordered_map<std::size_t, std::size_t> person_of_root;
  std::vector<Person> people;
  std::vector<std::vector<std::string_view>> blogs;  // views into the nodes' sources
  std::unordered_set<std::string> used_ids;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (identity_of[i] == kNoIdentity) continue;
    Node& node = nodes[i];
    const std::size_t root = identities.find(identity_of[i]);
    auto [it, inserted] = person_of_root.emplace(root, people.size());
    if (inserted) {
      Person person;
      person.name = node.author_name;
      directory.describe(identities.configured(root), person);
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
    blogs[it->second].push_back(node.source);
  }
  for (auto& [identity, why] : reasons) {
    auto& merged_by = people[person_of_root.at(identities.find(identity))].merged_by;
    if (std::find(merged_by.begin(), merged_by.end(), why) == merged_by.end()) {
      merged_by.push_back(std::move(why));
    }
  }

  std::unordered_map<std::string_view, std::size_t> person_index;
  for (std::size_t i = 0; i < people.size(); ++i) {
    std::sort(blogs[i].begin(), blogs[i].end());
    blogs[i].erase(std::unique(blogs[i].begin(), blogs[i].end()), blogs[i].end());
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
