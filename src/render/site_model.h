// The conversation prepared once for every page that shows it: arranged into threads, each
// node's HTML sanitized, and every thread, person and node given its stable name (URL slug or
// HTML anchor). The views read it; nothing here knows about templates.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "conversation/conversation.h"
#include "render/display_tree.h"

namespace confab {

class SiteModel {
 public:
  /// Turns one node's third-party HTML into what a page shows (sanitize_html's shape): the
  /// model's only dependency, so a test can hand it one that fails.
  using Sanitizer =
      std::function<std::string(const std::string& html, const std::string& base, bool* capped)>;

  /// Sanitizes every node's content (the costly part of a build, done once here) on `workers`
  /// threads (0 = one per core). A node whose content fails to sanitize (an exception) gets
  /// none, and a problem naming it; so does one whose content nested past the cap (flattened).
  explicit SiteModel(const Conversation& conversation, std::size_t workers = 0,
                     Sanitizer sanitizer = {});
  SiteModel(const SiteModel&) = delete;
  SiteModel& operator=(const SiteModel&) = delete;

  const Conversation& conversation() const { return conversation_; }
  const DisplayConversation& display() const { return display_; }

  const Node* node(const std::string& id) const;
  const SourceReport* source(const std::string& id) const;
  const Person* person(const std::string& id) const;
  /// The shown thread a node is in (its displayed root), nullptr for spam and unshown nodes.
  const DisplayThread* thread_of(const std::string& node_id) const;
  const DisplayThread* thread_of(const Node& node) const;

  /// The sanitized content of a node.
  const std::string& html(const Node& node) const;
  /// What sanitizing recovered from, one line per node, in the conversation's node order.
  const std::vector<std::string>& problems() const { return problems_; }
  /// The node's HTML id, unique across the site so links can point at it from any page.
  const std::string& anchor(const Node& node) const;
  /// "threads/<slug>/" for the thread whose root is `root`.
  const std::string& thread_path(const Node& root) const;
  /// "people/<slug>/", "" for nobody.
  const std::string& person_path(const std::string& person_id) const;

  /// The person's link: the first of their URLs fit for href, "" for none or nobody.
  const std::string& person_url(const std::string& person_id) const;
  /// person(), person_path() and person_url() of node.author, found by the node's slot: asked
  /// for every node on every page that shows it.
  const Person* author_person(const Node& node) const;
  const std::string& author_path(const Node& node) const;
  const std::string& author_url(const Node& node) const;

  /// The name to show for a node's author: as the feed gave it, else the person's, else "".
  std::string author_name(const Node& node) const;
  /// The blog's display name: its name, else its host, else its id.
  std::string source_name(const std::string& source_id) const;
  /// The blog's home page fit for href, "" for none or an unknown blog.
  const std::string& source_url(const std::string& source_id) const;
  /// The platform's name for people ("Hacker News") when the source is a platform, else "".
  const std::string& source_platform_label(const std::string& source_id) const;
  bool awaiting_reply(const Node& node) const;

  /// People by influence, then how much they said (posts + comments), most first; then name, id.
  const std::vector<const Person*>& people_by_activity() const { return people_by_activity_; }
  /// Every non-spam node a person wrote, newest first (undated last), then id.
  const std::vector<const Node*>& said_by(const std::string& person_id) const;

 private:
  /// Sanitizes every node's content into html_.
  void sanitize_all(std::size_t workers, const Sanitizer& sanitizer);
  /// Gives every shown node its unique anchor.
  void name_nodes();
  /// Calls visit(node) for every node shown in `thread`.
  template <typename Visit>
  static void for_each_shown(const DisplayThread& thread, const Visit& visit);
  void name_threads();
  void name_people();

  const Conversation& conversation_;
  DisplayConversation display_;
  /// What every node of a blog or a person shows of them, worked out once.
  struct SourceEntry {
    const SourceReport* report;
    std::string name;  ///< source_name()
    std::string url;   ///< source_url()
  };
  struct PersonEntry {
    const Person* person;
    std::string path;  ///< person_path()
    std::string url;   ///< person_url()
  };
  // Keyed by views of the conversation's own ids: looked up, never walked.
  std::unordered_map<std::string_view, const Node*> nodes_;
  std::unordered_map<std::string_view, SourceEntry> sources_;
  std::unordered_map<std::string_view, PersonEntry> people_;
  /// The position of `node` in conversation().nodes; size() for a node from elsewhere.
  std::size_t slot(const Node& node) const;

  // By slot: looked up for every node on every page that shows it, so no hashing of ids.
  std::vector<const DisplayThread*> thread_of_;
  /// The sanitized content; empty where it is the node's own content_html byte for byte
  /// (as_written_): most comments are, and need no second copy.
  std::vector<std::string> html_;
  std::vector<char> as_written_;
  std::vector<std::string> problems_;
  std::vector<std::string> anchors_;
  // Made once: every node on every page links to its thread and its author.
  std::unordered_map<std::string_view, std::string>
      thread_paths_;  ///< root id -> "threads/<slug>/"
  std::unordered_map<std::string_view, std::string>
      person_paths_;  ///< person id -> "people/<slug>/"
  std::unordered_set<std::string_view> awaiting_;
  std::vector<char> awaiting_by_slot_;  ///< the same by slot: asked for every node shown
  /// By slot: the entry of the node's author in people_ (whose entries never move), or null.
  std::vector<const PersonEntry*> author_by_slot_;
  std::vector<const Person*> people_by_activity_;
  std::unordered_map<std::string_view, std::vector<const Node*>> said_by_;
};

}  // namespace confab
