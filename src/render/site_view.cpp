#include "render/site_view.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "base/url.h"
#include "conversation/reply_link.h"
#include "render/charts.h"
#include "render/html_excerpt.h"
#include "render/safe_url.h"

namespace confab {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kSpamExcerptChars = 160;
constexpr std::size_t kAwaitingExcerptChars = 140;
constexpr std::size_t kTopPeople = 8;
// The front page shows the oldest of the queue; the feeds and the CSV hold it all. A campaign
// that leaves thousands unanswered would otherwise put them all on its front page.
constexpr std::size_t kAwaitingOnHub = 25;
constexpr std::size_t kMaxThreadsPerPage = 20;
/// Hub pages stop taking threads past this estimated size (the limit is 300 KB; markup around
/// the cards and the estimate's error need the rest).
constexpr std::size_t kPageByteBudget = 200 * 1024;
/// The markup a node adds around its content on the page, roughly.
constexpr std::size_t kNodeMarkupBytes = 900;
constexpr const char* kDefaultLanguage = "en";

/// A URL from a feed or the config, fit for href: http(s) or mailto, else "".
std::string safe_href(const std::string& url) {
  return safe_link_url(url, "").value_or("");
}

std::string iso_or_empty(const std::optional<UnixTime>& time) {
  return time ? format_rfc3339(*time) : "";
}

/// "../../" for a page two folders down; "./" for the site root.
std::string root_prefix(const std::string& directory) {
  const auto depth = std::count(directory.begin(), directory.end(), '/');
  if (depth == 0) return "./";
  std::string prefix;
  for (std::ptrdiff_t i = 0; i < depth; ++i) prefix += "../";
  return prefix;
}

/// The site's address ending in '/', "" when it has none fit for a link: what every page's
/// canonical URL starts with.
std::string canonical_base(const std::string& base_url) {
  if (base_url.empty()) return "";
  std::string base = safe_href(base_url);
  if (!base.empty() && !base.ends_with('/')) base += '/';
  return base;
}

/// A rate for people: 2, 2.5 (2,5 in French), rounded to tenths; "under 0.1" above zero.
std::string one_decimal(double value, const Strings& strings) {
  const std::int64_t tenths = std::llround(value * 10);
  if (tenths == 0 && value > 0) return strings.text("rate_under_a_tenth");
  std::string text = strings.number(tenths / 10);
  if (tenths % 10) text += strings.format("decimal_separator") + std::to_string(tenths % 10);
  return text;
}

/// The nodes new since the previous build shown in `shown`'s subtree, itself included.
std::int64_t count_new(const DisplayNode& shown, const Conversation& conversation) {
  std::int64_t count = 0;
  std::vector<const DisplayNode*> pending = {&shown};
  while (!pending.empty()) {
    const DisplayNode* at = pending.back();
    pending.pop_back();
    count += is_new(*at->node, conversation);
    for (const DisplayNode& child : at->children) pending.push_back(&child);
  }
  return count;
}

/// Every reply below `shown`, at any depth.
std::size_t count_replies(const DisplayNode& shown) {
  std::size_t count = 0;
  for (const DisplayNode& child : shown.children) count += 1 + count_replies(child);
  return count;
}

}  // namespace

SiteViews::SiteViews(const RenderInput& input, const SiteContent& content, const SiteModel& model,
                     const Strings& strings)
    : input_(input), content_(content), model_(model), strings_(strings) {
  const Conversation& conversation = model_.conversation();
  site_ = {{"title", input_.site_title.empty() ? conversation.campaign_title : input_.site_title},
           {"base_url", safe_href(input_.base_url)},
           {"webmention", safe_href(input_.webmention)},
           {"language", input_.language.empty() ? kDefaultLanguage : input_.language}};
  Json links = Json::array();
  for (const std::string& link : conversation.campaign_links) {
    const std::string href = safe_href(link);
    if (href.empty()) continue;
    const std::string host = url_host(href);
    links.push_back({{"url", href}, {"label", host.empty() ? href : host}});
  }
  campaign_ = {{"title", conversation.campaign_title},
               {"has_links", !links.empty()},
               {"links", std::move(links)}};
  canonical_base_ = canonical_base(input_.base_url);
  generated_iso_ = format_rfc3339(conversation.generated);
  generated_human_ = strings_.date(conversation.generated);
  // Pages say when the hub last found something, not when it was built: an hourly build that
  // finds nothing then leaves every page byte for byte as it was (and its file untouched). The
  // day only: a build that finds one comment changes the pages that show it, not every page
  // (but for the first find of a day).
  std::optional<UnixTime> latest_find;
  for (const Node& node : conversation.nodes) {
    if (node.first_seen && (!latest_find || *node.first_seen > *latest_find)) {
      latest_find = node.first_seen;
    }
  }
  updated_iso_ = format_rfc3339(latest_find.value_or(conversation.generated)).substr(0, 10);
  updated_human_ = strings_.date(latest_find.value_or(conversation.generated));

  // Every depth a page can have: the hub and its threads, people and their pages, content.
  std::vector<std::string> roots = {"./", "../", "../../"};
  for (const ContentPage& page : content_.pages) roots.push_back(root_prefix(page.directory));
  for (const std::string& root : roots) {
    if (page_frames_.count(root)) continue;
    Json shared = root_links(root);
    shared["site"] = site_;
    Json menu = Json::array();
    for (const ContentPage& page : content_.pages) {
      menu.push_back({{"title", page.title}, {"url", root + page.directory}, {"current", false}});
    }
    shared["has_menu"] = true;  // the hub's own pages are always in it
    shared["menu"] = std::move(menu);
    shared["campaign"] = campaign_;
    shared["generated_iso"] = generated_iso_;
    shared["generated_human"] = generated_human_;
    shared["updated_iso"] = updated_iso_;
    shared["updated_human"] = updated_human_;
    page_frames_.emplace(root, TemplateEngine::frame(shared));
  }

  cards_.resize(model_.display().threads.size());
  node_frames_.resize(conversation.nodes.size());
  if (!input.memo.program.empty()) {
    node_digests_.resize(conversation.nodes.size());
    card_digests_.resize(model_.display().threads.size());
  }
  plan_hub_pages();
  figures_ = figures();
  // Every thread and person lists their blogs: each blog's entry is made once.
  for (const SourceReport& source : conversation.sources) {
    blog_items_.emplace(source.id, blog_item(source.id));
  }
}

const TemplateEngine::Frame& SiteViews::page_frame(const std::string& directory) const {
  const auto found = page_frames_.find(root_prefix(directory));
  if (found == page_frames_.end()) {
    throw RenderError("no page data prepared for '" + directory + "'");
  }
  return found->second;
}

/// The keys of a page that depend on its own directory (the rest are in page_frame()).
Json SiteViews::page_keys(const std::string& directory) const {
  Json view;
  view["directory"] = directory;
  view["canonical_url"] = canonical_base_.empty() ? "" : canonical_base_ + directory;
  view["noindex"] = false;
  view["is_home"] = false;
  view["is_people"] = directory.starts_with("people/");
  view["is_sources"] = directory == "sources/";
  view["is_report"] = directory == "report/";
  view["is_search"] = directory == "search/";
  view["page"] = false;
  return view;
}

Json SiteViews::root_links(const std::string& root) const {
  return {{"root", root},
          {"json_url", root + "conversation.json"},
          {"atom_url", root + "feed.xml"},
          {"json_feed_url", root + "feed.json"},
          {"opml_url", root + "sources.opml"},
          {"stylesheet_url", root + "style.css"},
          {"script_url", root + "reply.js"},
          {"report_url", root + "report/"},
          {"search_url", root + "search/"},
          {"awaiting_feed_url", root + "awaiting.xml"},
          {"awaiting_json_url", root + "awaiting.json"},
          {"awaiting_csv_url", root + "exports/awaiting.csv"},
          {"new_feed_url", root + "new.xml"},
          {"people_url", root + "people/"},
          {"sources_url", root + "sources/"},
          {"spam_url", root + "spam/"}};
}

namespace {

/// The `replies` of a node seen outside a thread (a person's item, an awaiting question).
const std::vector<const TemplateEngine::Frame*> kNoReplies;

const std::string kPersonTemplate = "person.html";
const std::string kPeopleTemplate = "people.html";

/// Lets node_keys() and person_keys() fill a JSON view with the same calls as a
/// TemplateEngine::FrameBuilder.
struct JsonKeys {
  Json& view;
  void set(const std::string& key, std::string value) { view[key] = std::move(value); }
  void set(const std::string& key, const char* value) { view[key] = value; }
  void set(const std::string& key, bool value) { view[key] = value; }
  void set(const std::string& key, Json value) { view[key] = std::move(value); }
  void set(const std::string& key, const std::vector<const TemplateEngine::Frame*>& none) {
    view[key] = Json::array();  // only ever kNoReplies: frames have no JSON form
    (void)none;
  }
};

/// Lets node_keys() and person_keys() fill a frame with only the names one template can ask
/// for: a person's page makes its nodes' frames again, and most of a node's names are for its
/// thread's page; the people page shows a line of each person's summary.
struct ReadKeys {
  TemplateEngine::FrameBuilder& frame;
  const TemplateEngine& engine;
  const std::string& template_name;
  bool wants(std::string_view key) const { return engine.may_read(template_name, key); }
  template <typename Value>
  void set(const std::string& key, Value&& value) {
    if (wants(key)) frame.set(key, std::forward<Value>(value));
  }
};

/// Lets node_keys() and display_keys() hash what they would set, name by name, for a stand-in's
/// digest: equal digests, equal frames. Costs the values, not the frames.
struct DigestKeys {
  ContentHasher& hasher;
  void set(const std::string& key, std::string_view value) {
    hasher.add_text(key);
    hasher.add_number('s');
    hasher.add_text(value);
  }
  void set(const std::string& key, const char* value) { set(key, std::string_view(value)); }
  void set(const std::string& key, bool value) {
    hasher.add_text(key);
    hasher.add_number(value ? 't' : 'f');
  }
  void set(const std::string& key, const std::vector<const TemplateEngine::Frame*>& frames) {
    hasher.add_text(key);
    hasher.add_number('l');
    hasher.add_number(frames.size());  // only ever kNoReplies: replies are hashed by their digests
  }
};

/// Whether `keys` takes `key`: a value that costs something is made only then.
template <typename Keys>
bool wanted(const Keys&, std::string_view) {
  return true;
}
bool wanted(const ReadKeys& keys, std::string_view key) {
  return keys.wants(key);
}

}  // namespace

template <typename Keys>
void SiteViews::node_keys(const Node& node, Keys& keys) const {
  const Person* person = model_.author_person(node);
  const DisplayThread* thread = model_.thread_of(node);
  keys.set("id", node.id);
  keys.set("anchor", model_.anchor(node));
  keys.set("kind", node_kind_name(node.kind));
  keys.set("is_post", node.kind == NodeKind::post);
  keys.set("is_comment", node.kind == NodeKind::comment);
  keys.set("is_mention", node.kind == NodeKind::mention);
  keys.set("title", node.title);
  if (wanted(keys, "url")) keys.set("url", safe_href(node.url));
  keys.set("author_name", model_.author_name(node));
  if (wanted(keys, "author_url")) {
    std::string author_url = safe_href(node.author_url);
    if (author_url.empty()) author_url = model_.author_url(node);
    keys.set("author_url", std::move(author_url));
  }
  keys.set("author_path", model_.author_path(node));
  keys.set("source_name", model_.source_name(node.source));
  keys.set("source_url", model_.source_url(node.source));
  // A platform's node: its badge, and "Reply on Hacker News" to the node's own page there.
  keys.set("platform", node.platform);
  keys.set("platform_label", model_.source_platform_label(node.source));
  // "Reply on …" where the platform has the node's page; a Webmention's page is its author's
  // own site. A Mastodon reply goes through the reader's own server (reply.js asks which).
  keys.set("reply_on_platform", !node.platform.empty() && node.platform != "webmention");
  keys.set("reply_through_server", node.platform == "mastodon");
  if (wanted(keys, "reactions")) {
    std::string reactions;
    for (const auto& [noun, n] : {std::pair<const char*, int>{"like", node.likes},
                                  {"repost", node.reposts},
                                  {"bookmark", node.bookmarks}}) {
      if (n <= 0) continue;
      if (!reactions.empty()) reactions += " · ";
      reactions += strings_.count(noun, n);
    }
    keys.set("reactions", std::move(reactions));
  }
  if (wanted(keys, "reply_cap_note")) {
    keys.set("reply_cap_note", node.reply_cap ? strings_.count("reply_cap", *node.reply_cap) : "");
  }
  if (wanted(keys, "date_iso")) keys.set("date_iso", iso_or_empty(node.published));
  if (wanted(keys, "date_human")) keys.set("date_human", strings_.date(node.published));
  keys.set("html", model_.html(node));
  keys.set("team", node.by_team || (person && person->team));
  keys.set("awaiting_reply", model_.awaiting_reply(node));
  keys.set("is_new", is_new(node, model_.conversation()));
  // Where the team answers it: the blog's reply form for this comment, the platform's page.
  const Node* post =
      thread && thread->root.node->kind == NodeKind::post ? thread->root.node : nullptr;
  if (wanted(keys, "reply_here_url")) {
    keys.set("reply_here_url", safe_href(reply_here_url(node, post)));
  }
  keys.set("thread_path", thread ? model_.thread_path(*thread->root.node) : "");
  keys.set("thread_title", thread ? thread->root.node->title : "");
  // Set even where they are empty: a reply is looked up inside its parent, and a person's item
  // inside the person's page, so every name must be answered by the node itself.
  keys.set("parent_unknown", false);
  keys.set("in_reply_to", "");
  keys.set("thread_info", false);
  keys.set("has_children", false);
  keys.set("replies", kNoReplies);
  keys.set("reply_count", "0");
  keys.set("reply_label", "");
}

Json SiteViews::flat_node(const Node& node) const {
  Json view;
  JsonKeys keys{view};
  node_keys(node, keys);
  return view;
}

TemplateEngine::Frame SiteViews::node_frame(const Node& node) const {
  TemplateEngine::FrameBuilder keys;
  node_keys(node, keys);
  return keys.build();
}

template <typename Keys>
void SiteViews::display_keys(const DisplayNode& shown, Keys& keys) const {
  const auto below = static_cast<std::int64_t>(count_replies(shown));
  keys.set("parent_unknown", shown.parent_unknown);
  keys.set("in_reply_to", shown.reply_to ? model_.author_name(*shown.reply_to) : "");
  keys.set("has_children", !shown.children.empty());
  keys.set("reply_count", strings_.number(below));
  keys.set("reply_label", strings_.count("reply", below));
}

// node.html includes itself once per level of replies: the engine puts it in place that deep.
static_assert(TemplateEngine::kInlinedRecursion >= kMaxDisplayDepth);

TemplateEngine::Frame SiteViews::display_frame(const DisplayNode& shown,
                                               const Json* thread_info) const {
  // Straight into the library's form: no JSON for data made once per reply.
  TemplateEngine::FrameBuilder keys(*node_frames_.at(node_slot(*shown.node)));
  display_keys(shown, keys);
  if (thread_info) keys.set("thread_info", *thread_info);
  std::vector<const TemplateEngine::Frame*> replies;
  replies.reserve(shown.children.size());
  // Recursion as deep as the display tree, which stops at kMaxDisplayDepth whatever the feeds
  // say.
  for (const DisplayNode& child : shown.children) {
    replies.push_back(&keys.keep(display_frame(child)));
  }
  keys.set("replies", replies);
  return keys.build();
}

std::size_t SiteViews::node_slot(const Node& node) const {
  return static_cast<std::size_t>(&node - model_.conversation().nodes.data());
}

void SiteViews::prepare_thread(std::size_t index) {
  const DisplayThread& thread = model_.display().threads.at(index);
  // Each shown node's data is made once, for its thread's pages and its author's page.
  std::vector<const DisplayNode*> pending = {&thread.root};
  while (!pending.empty()) {
    const DisplayNode* shown = pending.back();
    pending.pop_back();
    node_frames_[node_slot(*shown->node)] = node_frame(*shown->node);
    for (const DisplayNode& child : shown->children) pending.push_back(&child);
  }
  cards_[index] = thread_card(thread);
}

void SiteViews::digest_thread(std::size_t index) {
  if (node_digests_.empty()) return;  // the memo is off
  const DisplayThread& thread = model_.display().threads.at(index);
  std::vector<const DisplayNode*> pending = {&thread.root};
  while (!pending.empty()) {
    const DisplayNode* shown = pending.back();
    pending.pop_back();
    ContentHasher hasher(input_.memo.key);
    DigestKeys keys{hasher};
    node_keys(*shown->node, keys);
    node_digests_[node_slot(*shown->node)] = hasher.finish();
    for (const DisplayNode& child : shown->children) pending.push_back(&child);
  }
  const Json info = thread_info(thread);
  card_digests_[index] = display_digest(thread.root, &info);
}

ContentHash SiteViews::display_digest(const DisplayNode& shown, const Json* thread_info) const {
  // What display_frame() makes, in the same order: the node's frame under it, its keys here,
  // then its replies. Recursion as deep as the display tree, which stops at kMaxDisplayDepth.
  ContentHasher hasher(input_.memo.key);
  hasher.add_hash(node_digests_.at(node_slot(*shown.node)).value());
  DigestKeys keys{hasher};
  display_keys(shown, keys);
  if (thread_info) {
    hasher.add_text("thread_info");
    hasher.add_text(thread_info->dump());
  }
  hasher.add_number(shown.children.size());
  for (const DisplayNode& child : shown.children) hasher.add_hash(display_digest(child));
  return hasher.finish();
}

void SiteViews::release_thread(std::size_t index) {
  const DisplayThread& thread = model_.display().threads.at(index);
  std::vector<const DisplayNode*> pending = {&thread.root};
  while (!pending.empty()) {
    const DisplayNode* shown = pending.back();
    pending.pop_back();
    node_frames_[node_slot(*shown->node)].reset();
    for (const DisplayNode& child : shown->children) pending.push_back(&child);
  }
  cards_.at(index).reset();  // made for a hub page the memo kept
}

Json SiteViews::blog_list(const std::vector<std::string>& ids) const {
  Json blogs = Json::array();
  for (const std::string& id : ids) {
    const auto known = blog_items_.find(id);
    Json item = known != blog_items_.end() ? known->second : blog_item(id);
    item["first"] = blogs.empty();
    blogs.push_back(std::move(item));
  }
  return blogs;
}

Json SiteViews::blog_item(const std::string& id) const {
  return {{"id", id}, {"name", model_.source_name(id)}, {"url", model_.source_url(id)}};
}

TemplateEngine::Frame SiteViews::thread_card(const DisplayThread& thread) const {
  const Json info = thread_info(thread);
  return display_frame(thread.root, &info);
}

Json SiteViews::thread_info(const DisplayThread& thread) const {
  std::vector<std::string> blog_ids;
  std::optional<UnixTime> last_activity;
  std::size_t size = 0;
  if (thread.summary) {
    blog_ids = thread.summary->blogs;
    last_activity = thread.summary->last_activity;
    size = static_cast<std::size_t>(std::max(thread.summary->size, 0));
  } else {
    std::vector<const DisplayNode*> pending = {&thread.root};
    while (!pending.empty()) {
      const DisplayNode* shown = pending.back();
      pending.pop_back();
      ++size;
      const Node& node = *shown->node;
      if (std::find(blog_ids.begin(), blog_ids.end(), node.source) == blog_ids.end()) {
        blog_ids.push_back(node.source);
      }
      if (node.published && (!last_activity || *node.published > *last_activity)) {
        last_activity = node.published;
      }
      for (const DisplayNode& child : shown->children) pending.push_back(&child);
    }
  }
  Json blogs = blog_list(blog_ids);
  const std::int64_t fresh = count_new(thread.root, model_.conversation());
  return {{"has_new", fresh > 0},
          {"new_label", strings_.count("new_item", fresh)},
          {"size", strings_.number(static_cast<std::int64_t>(size))},
          {"blog_count", strings_.number(static_cast<std::int64_t>(blogs.size()))},
          {"blogs_label", strings_.count("blog", static_cast<std::int64_t>(blogs.size()))},
          {"blogs", std::move(blogs)},
          {"last_activity_iso", iso_or_empty(last_activity)},
          {"last_activity_human", strings_.date(last_activity)}};
}

template <typename Keys>
void SiteViews::person_keys(const Person& person, Keys& keys) const {
  // Key by key: nlohmann's initializer lists copy each value and check the whole list's shape
  // first, which cost more than the rest of a summary (one per person, twice).
  const auto blog_count = static_cast<std::int64_t>(person.blogs.size());  // an item per blog
  keys.set("id", person.id);
  keys.set("name", person.name);
  keys.set("path", model_.person_path(person.id));
  keys.set("url", model_.person_url(person.id));
  keys.set("team", person.team);
  keys.set("posts", strings_.number(person.posts));
  keys.set("comments", strings_.number(person.comments));
  keys.set("has_posts", person.posts > 0);
  keys.set("has_comments", person.comments > 0);
  keys.set("posts_label", strings_.count("post", person.posts));
  keys.set("comments_label", strings_.count("comment", person.comments));
  keys.set("blogs_label", strings_.count("blog", blog_count));
  keys.set("has_blogs", blog_count > 0);
  if (wanted(keys, "blogs")) keys.set("blogs", blog_list(person.blogs));
}

Json SiteViews::person_summary(const Person& person) const {
  Json view = Json::object();
  JsonKeys keys{view};
  person_keys(person, keys);
  return view;
}

Json SiteViews::source(const SourceReport& source) const {
  return {
      {"id", source.id},
      {"name", model_.source_name(source.id)},
      {"url", safe_href(source.url)},
      {"feed", safe_href(source.feed)},
      {"role", source_kind_name(source.role)},
      {"is_campaign", source.role == SourceKind::campaign},
      {"is_discovered", source.role == SourceKind::discovered},
      {"is_configured", source.role != SourceKind::discovered},
      {"status", source_status_name(source.status)},
      {"is_ok", source.status == SourceStatus::ok},
      {"is_unchanged", source.status == SourceStatus::unchanged},
      {"is_error", source.status == SourceStatus::error},
      {"is_gone", source.status == SourceStatus::gone},
      {"has_problem", source.status == SourceStatus::error || source.status == SourceStatus::gone},
      {"error", source.error},
      {"last_success_iso", iso_or_empty(source.last_success)},
      {"last_success_human", strings_.date(source.last_success)}};
}

Json SiteViews::spam_item(const Node& node) const {
  Json reasons = Json::array();
  std::string reasons_text;
  for (const std::string& reason : node.spam->reasons) {
    reasons.push_back(reason);
    reasons_text += (reasons_text.empty() ? "" : "; ") + reason;
  }
  char score[32];
  std::snprintf(score, sizeof score, "%.2f", node.spam->score);
  std::string score_text = score;
  const std::string decimal = strings_.format("decimal_separator");
  if (!decimal.empty()) std::replace(score_text.begin(), score_text.end(), '.', decimal[0]);
  return {{"id", node.id},
          {"kind", node_kind_name(node.kind)},
          {"author_name", model_.author_name(node)},
          {"source_name", model_.source_name(node.source)},
          {"date_iso", iso_or_empty(node.published)},
          {"date_human", strings_.date(node.published)},
          {"score", score_text},
          {"reasons", std::move(reasons)},
          {"reasons_text", reasons_text},
          {"excerpt", html_excerpt(model_.html(node), kSpamExcerptChars)}};
}

Json SiteViews::figures() const {
  const Conversation& conversation = model_.conversation();
  std::int64_t posts = 0, comments = 0, mentions = 0;
  // Posts and comments per platform (Hacker News, Reddit...), in the order sources list them.
  std::vector<std::pair<std::string, std::int64_t>> on_platforms;
  std::map<std::string, std::size_t> platform_slot;
  for (const SourceReport& source : conversation.sources) {
    if (!source.platform.empty() && !platform_slot.count(source.platform)) {
      platform_slot[source.platform] = on_platforms.size();
      on_platforms.emplace_back(source.platform_label, 0);
    }
  }
  for (const Node& node : conversation.nodes) {
    if (node.spam) continue;
    posts += node.kind == NodeKind::post;
    comments += node.kind == NodeKind::comment;
    mentions += node.kind == NodeKind::mention;
    if (const auto slot = platform_slot.find(node.platform); slot != platform_slot.end()) {
      ++on_platforms[slot->second].second;
    }
  }
  Json platforms = Json::array();
  for (const auto& [label, count] : on_platforms) {
    if (count > 0) platforms.push_back({{"label", label}, {"count", strings_.number(count)}});
  }
  const auto blogs =
      std::count_if(conversation.sources.begin(), conversation.sources.end(),
                    [](const SourceReport& source) { return source.platform.empty(); });
  std::optional<UnixTime> last_update;
  for (const DisplayThread& thread : model_.display().threads) {
    std::optional<UnixTime> latest = thread.summary ? thread.summary->last_activity : std::nullopt;
    if (!thread.summary) latest = thread.root.node->published;
    if (latest && (!last_update || *latest > *last_update)) last_update = latest;
  }
  const UnixTime updated = last_update.value_or(conversation.generated);
  auto number = [&](std::size_t n) { return strings_.number(static_cast<std::int64_t>(n)); };
  return {{"blogs", strings_.number(static_cast<std::int64_t>(blogs))},
          {"platforms", std::move(platforms)},
          {"posts", strings_.number(posts)},
          {"comments", strings_.number(comments)},
          {"mentions", strings_.number(mentions)},
          {"people", number(conversation.people.size())},
          {"threads", number(model_.display().threads.size())},
          {"last_update", strings_.date(updated)},
          {"last_update_iso", format_rfc3339(updated)}};
}

void SiteViews::plan_hub_pages() {
  // A size estimate per card: its nodes' content plus the markup around each.
  std::vector<std::size_t> card_bytes;
  for (const DisplayThread& thread : model_.display().threads) {
    std::size_t bytes = 0;
    std::vector<const DisplayNode*> pending = {&thread.root};
    while (!pending.empty()) {
      const DisplayNode* shown = pending.back();
      pending.pop_back();
      bytes += model_.html(*shown->node).size() + kNodeMarkupBytes;
      for (const DisplayNode& child : shown->children) pending.push_back(&child);
    }
    card_bytes.push_back(bytes);
  }
  // Split the cards into pages by count and estimated size; every page takes at least one.
  std::size_t start = 0;
  while (start < card_bytes.size() || hub_ranges_.empty()) {
    std::size_t end = start, bytes = 0;
    while (end < card_bytes.size() && end - start < kMaxThreadsPerPage &&
           (end == start || bytes + card_bytes[end] <= kPageByteBudget)) {
      bytes += card_bytes[end++];
    }
    hub_ranges_.emplace_back(start, end);
    if (end == start) break;
    start = end;
  }
}

std::string SiteViews::hub_directory(std::size_t number) const {
  return number <= 1 ? "" : "page/" + std::to_string(number) + "/";
}

Json SiteViews::hub_view(std::size_t number) const {
  const Conversation& conversation = model_.conversation();
  const std::size_t total = hub_ranges_.size();
  const bool first = number == 1;
  const std::string directory = hub_directory(number);
  const std::string root = root_prefix(directory);
  Json view = page_keys(directory);
  view["is_home"] = first;
  view["is_first_page"] = first;
  view["intro_html"] = first ? content_.intro_html : "";
  // The campaign's figures move with every find: on page 1 only, with the intro and the
  // sidebar, so that a new comment does not render every older page again.
  view["figures"] = first ? figures_ : Json(false);
  const auto [begin, end] = hub_ranges_.at(number - 1);
  view["has_threads"] = end > begin;
  view["pagination"] = {
      {"has_pages", total > 1},
      {"label", Strings::fill(strings_.text("page_of"),
                              {{"n", strings_.number(static_cast<std::int64_t>(number))},
                               {"total", strings_.number(static_cast<std::int64_t>(total))}})},
      {"newer_url", number == 1 ? "" : root + hub_directory(number - 1)},
      {"older_url", number == total ? "" : root + hub_directory(number + 1)}};
  if (number == 2) view["pagination"]["newer_url"] = root;

  // The sidebar and the charts are on the first page only.
  Json people = Json::array(), awaiting = Json::array(), sources = Json::array();
  std::size_t awaiting_total = 0;  // in the queue, beyond those shown too
  std::string activity_svg, graph_svg;
  if (first) {
    for (const Person* person : model_.people_by_activity()) {
      if (people.size() == kTopPeople) break;
      people.push_back(person_summary(*person));
    }
    for (const std::string& id : conversation.awaiting_reply) {
      const Node* node = model_.node(id);
      if (!node || node->spam || !model_.thread_of(id)) continue;
      if (++awaiting_total > kAwaitingOnHub) continue;
      Json item = flat_node(*node);
      item["excerpt"] = html_excerpt(model_.html(*node), kAwaitingExcerptChars);
      item["waiting_label"] =
          node->published && *node->published <= conversation.generated
              ? Strings::fill(strings_.text("waiting_for"),
                              {{"duration", duration_text(conversation.generated - *node->published,
                                                          strings_)}})
              : "";
      item["html"] = "";
      awaiting.push_back(std::move(item));
    }
    for (const SourceReport& report : conversation.sources) sources.push_back(source(report));
    activity_svg = activity_chart_svg(conversation, strings_);
    graph_svg = reply_graph_svg(conversation, strings_);
  }
  std::size_t problems = 0;
  for (const SourceReport& report : conversation.sources) {
    problems += report.status == SourceStatus::error || report.status == SourceStatus::gone;
  }
  view["has_charts"] = !activity_svg.empty() || !graph_svg.empty();
  view["activity_svg"] = std::move(activity_svg);
  view["graph_svg"] = std::move(graph_svg);
  view["has_top_people"] = !people.empty();
  view["top_people"] = std::move(people);
  view["has_awaiting"] = !awaiting.empty();
  view["has_more_awaiting"] = awaiting_total > awaiting.size();
  view["awaiting_more"] =
      Strings::fill(strings_.text("awaiting_more"),
                    {{"shown", strings_.number(static_cast<std::int64_t>(awaiting.size()))},
                     {"total", strings_.number(static_cast<std::int64_t>(awaiting_total))}});
  view["awaiting"] = std::move(awaiting);
  view["has_sources"] = !sources.empty();
  view["sources"] = std::move(sources);
  view["source_problem_count"] = strings_.number(static_cast<std::int64_t>(problems));
  view["has_source_problems"] = problems > 0;
  const std::size_t spam = model_.display().spam.size();
  view["has_spam"] = spam > 0;
  view["spam_label"] = strings_.count("item", static_cast<std::int64_t>(spam));
  return view;
}

TemplateEngine::Frame SiteViews::hub_page(std::size_t number, Json view) {
  const auto [begin, end] = hub_ranges_.at(number - 1);
  TemplateEngine::FrameBuilder page;
  page.set_all(std::move(view));
  // The cards are handed over: this page is their last user, and frees them with itself.
  std::vector<const TemplateEngine::Frame*> threads;
  for (std::size_t index = begin; index < end; ++index) {
    threads.push_back(&page.keep(std::move(*cards_.at(index))));
    cards_[index].reset();
  }
  page.set("threads", threads);
  return page.build();
}

TemplateEngine::Frame SiteViews::hub_page_inputs(std::size_t number, const Json& view) const {
  const auto [begin, end] = hub_ranges_.at(number - 1);
  TemplateEngine::FrameBuilder page;
  page.set_all(Json(view));  // a copy: the page is made from the view itself if it is rendered
  std::vector<const TemplateEngine::Frame*> threads;
  for (std::size_t index = begin; index < end; ++index) {
    threads.push_back(&page.keep(TemplateEngine::stand_in(card_digests_.at(index).value())));
  }
  page.set("threads", threads);
  return page.build();
}

Json SiteViews::thread_view(std::size_t index) const {
  const DisplayThread& thread = model_.display().threads.at(index);
  Json view = page_keys(model_.thread_path(*thread.root.node));
  view["page"] = {{"title", thread.root.node->title.empty() ? strings_.text("untitled")
                                                            : thread.root.node->title}};
  return view;
}

TemplateEngine::Frame SiteViews::thread_page(std::size_t index) const {
  TemplateEngine::FrameBuilder page;
  page.set_all(thread_view(index));
  page.set("thread", *cards_.at(index));  // shared with the hub page, which takes it later
  return page.build();
}

TemplateEngine::Frame SiteViews::thread_page_inputs(std::size_t index) const {
  TemplateEngine::FrameBuilder page;
  page.set_all(thread_view(index));
  page.set("thread", page.keep(TemplateEngine::stand_in(card_digests_.at(index).value())));
  return page.build();
}

TemplateEngine::Frame SiteViews::person_page(const Person& person,
                                             const TemplateEngine& engine) const {
  return person_frame(person, engine, false);
}

TemplateEngine::Frame SiteViews::person_page_inputs(const Person& person,
                                                    const TemplateEngine& engine) const {
  return person_frame(person, engine, true);
}

TemplateEngine::Frame SiteViews::person_frame(const Person& person, const TemplateEngine& engine,
                                              bool stand_ins) const {
  Json view = page_keys(model_.person_path(person.id));
  view["person"] = person_summary(person);
  // Only this page says why several identities are one person: the lists have no room for it.
  view["person"]["has_merged_by"] = !person.merged_by.empty();
  view["person"]["merged_by"] = person.merged_by;
  view["page"] = {{"title", person.name.empty() ? person.id : person.name}};
  TemplateEngine::FrameBuilder page;
  std::vector<const TemplateEngine::Frame*> said;
  for (const Node* node : model_.said_by(person.id)) {
    // A frame of its own: the thread that showed the node has freed its frame by now.
    const std::size_t slot = node_slot(*node);
    if (stand_ins && !node_digests_.empty() && node_digests_[slot]) {
      said.push_back(&page.keep(TemplateEngine::stand_in(*node_digests_[slot])));
      continue;
    }
    const std::optional<TemplateEngine::Frame>& made = node_frames_.at(slot);
    if (made) {
      said.push_back(&*made);
      continue;
    }
    // Only what person.html can read: its digest is the whole frame's, for a stand-in's sake.
    TemplateEngine::FrameBuilder frame;
    ReadKeys keys{frame, engine, kPersonTemplate};
    node_keys(*node, keys);
    said.push_back(&page.keep(frame.build()));
  }
  view["has_said"] = !said.empty();
  page.set_all(std::move(view));
  page.set("said", said);
  return page.build();
}

TemplateEngine::Frame SiteViews::people_page(const TemplateEngine& engine) const {
  Json view = page_keys("people/");
  // A frame per person, filled key by key: everyone as one JSON tree (tens of megabytes at
  // 100,000 comments) beside its frame was the people page's cost.
  // Each frame holds only the names the template can ask for: the blog list alone, which the
  // default theme does not show there, was most of the page's memory.
  TemplateEngine::FrameBuilder page;
  std::vector<const TemplateEngine::Frame*> people;
  people.reserve(model_.people_by_activity().size());
  for (const Person* person : model_.people_by_activity()) {
    TemplateEngine::FrameBuilder frame;
    ReadKeys keys{frame, engine, kPeopleTemplate};
    person_keys(*person, keys);
    people.push_back(&page.keep(frame.build()));
  }
  view["has_people"] = !people.empty();
  view["page"] = {{"title", strings_.text("people_page_title")}};
  page.set_all(std::move(view));
  page.set("people", people);
  return page.build();
}

Json SiteViews::sources_page() const {
  Json view = page_keys("sources/");
  Json sources = Json::array();
  std::size_t problems = 0;
  for (const SourceReport& report : model_.conversation().sources) {
    sources.push_back(source(report));
    problems += report.status == SourceStatus::error || report.status == SourceStatus::gone;
  }
  view["has_sources"] = !sources.empty();
  view["sources"] = std::move(sources);
  view["has_source_problems"] = problems > 0;
  view["page"] = {{"title", strings_.text("sources_page_title")}};
  return view;
}

Json SiteViews::spam_page() const {
  Json view = page_keys("spam/");
  Json spam = Json::array();
  for (const Node* node : model_.display().spam) spam.push_back(spam_item(*node));
  view["noindex"] = true;
  view["has_spam"] = !spam.empty();
  view["spam_label"] = strings_.count("item", static_cast<std::int64_t>(spam.size()));
  view["spam"] = std::move(spam);
  view["page"] = {{"title", strings_.text("spam_heading")}};
  return view;
}

Json SiteViews::content_page(const ContentPage& page) const {
  Json view = page_keys(page.directory);
  const std::string root = root_prefix(page.directory);
  Json menu = Json::array();  // this page is the current one
  for (const ContentPage& entry : content_.pages) {
    menu.push_back({{"title", entry.title},
                    {"url", root + entry.directory},
                    {"current", entry.directory == page.directory}});
  }
  view["menu"] = std::move(menu);
  view["page"] = {{"title", page.title},
                  {"url", root + page.directory},
                  {"date_iso", iso_or_empty(page.date)},
                  {"date_human", strings_.date(page.date)},
                  {"html", page.html}};
  return view;
}

Json SiteViews::report_page(const CampaignReport& report) const {
  const std::string directory = "report/";
  Json view = page_keys(directory);
  view["page"] = {{"title", strings_.text("report_page_title")}};
  auto duration = [&](const std::optional<std::int64_t>& seconds) {
    return seconds ? duration_text(*seconds, strings_) : "";
  };
  auto row = [&](const ResponseTimes& times) {
    return Json{{"key", times.key},
                {"label", times.label.empty() ? times.key : times.label},
                {"questions", strings_.number(times.questions)},
                {"answered", strings_.number(times.answered)},
                {"median", duration(times.median_seconds)},
                {"p90", duration(times.p90_seconds)}};
  };
  Json figures = row(report.response);
  figures["share"] =
      report.response.questions > 0
          ? Strings::fill(
                strings_.text("report_share"),
                {{"n", strings_.number(static_cast<std::int64_t>(std::lround(
                           100.0 * report.response.answered / report.response.questions)))}})
          : "";
  Json by_source = Json::array(), by_member = Json::array();
  for (const ResponseTimes& times : report.by_source) by_source.push_back(row(times));
  for (const ResponseTimes& times : report.by_member) {
    Json item = row(times);
    item["path"] = model_.person_path(times.key);
    by_member.push_back(std::move(item));
  }
  figures["has_by_source"] = !by_source.empty();
  figures["by_source"] = std::move(by_source);
  figures["has_by_member"] = !by_member.empty();
  figures["by_member"] = std::move(by_member);
  figures["activity_svg"] = report_activity_svg(report, strings_);
  figures["joining_svg"] = report_joining_svg(report, strings_);
  figures["response_svg"] = report_response_svg(report, strings_);
  figures["joining_sentence"] =
      Strings::fill(strings_.text("report_joining_sentence"),
                    {{"blogs", strings_.count("blog", report.blogs)},
                     {"people", strings_.count("person", report.people)}});

  figures["heating_rule"] =
      Strings::fill(strings_.text("report_heating_rule"),
                    {{"n", strings_.number(kHeatingMinimumRecent)},
                     {"factor", strings_.number(static_cast<std::int64_t>(kHeatingFactor))}});
  Json heating = Json::array();
  for (const HeatingThread& hot : report.heating) {
    const Node* root = model_.node(hot.root);
    if (!root || !model_.thread_of(*root)) continue;
    heating.push_back(
        {{"title", root->title.empty() ? strings_.text("untitled") : root->title},
         {"path", model_.thread_path(*root)},
         {"recent_label", strings_.count("recent_reply", hot.recent)},
         {"past_label", Strings::fill(strings_.text("report_past_rate"),
                                      {{"n", one_decimal(hot.past_per_day, strings_)}})}});
  }
  figures["has_heating"] = !heating.empty();
  figures["heating"] = std::move(heating);

  figures["spike_rule"] =
      Strings::fill(strings_.text("report_spike_rule"),
                    {{"n", strings_.number(kSpikeMinimum)},
                     {"factor", strings_.number(static_cast<std::int64_t>(kSpikeFactor))}});
  Json spikes = Json::array();
  for (const Spike& spike : report.spikes) {
    const bool day = spike.period == "day";
    char hour[8];
    std::snprintf(hour, sizeof hour, "%02d", static_cast<int>((spike.start % 86400) / 3600));
    spikes.push_back(
        {{"when", Strings::fill(strings_.text(day ? "report_spike_day" : "report_spike_hour"),
                                {{"date", strings_.date(spike.start)}, {"hour", hour}})},
         {"count_label", strings_.count("item", spike.count)},
         {"usual_label",
          Strings::fill(strings_.text(day ? "report_usual_day" : "report_usual_hour"),
                        {{"n", one_decimal(spike.usual, strings_)}})}});
  }
  figures["has_spikes"] = !spikes.empty();
  figures["spikes"] = std::move(spikes);
  view["report"] = std::move(figures);
  return view;
}

Json SiteViews::search_page() const {
  Json view = page_keys("search/");
  view["page"] = {{"title", strings_.text("search_page_title")}};
  return view;
}

}  // namespace confab
