#include "render/site_view.h"

#include <algorithm>
#include <cstdio>

#include "base/url.h"
#include "render/charts.h"
#include "render/html_excerpt.h"
#include "render/safe_url.h"

namespace confab {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kSpamExcerptChars = 160;
constexpr std::size_t kAwaitingExcerptChars = 140;
constexpr std::size_t kTopPeople = 8;
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

std::string canonical_url(const std::string& base_url, const std::string& directory) {
  if (base_url.empty()) return "";
  std::string base = safe_href(base_url);
  if (base.empty()) return "";
  if (!base.ends_with('/')) base += '/';
  return base + directory;
}

std::string hub_directory(std::size_t page_number) {
  return page_number <= 1 ? "" : "page/" + std::to_string(page_number) + "/";
}

/// Every reply below `shown`, at any depth.
std::size_t count_replies(const DisplayNode& shown) {
  std::size_t count = 0;
  for (const DisplayNode& child : shown.children) count += 1 + count_replies(child);
  return count;
}

}  // namespace

SiteViews::SiteViews(const RenderInput& input, const SiteContent& content, const SiteModel& model,
                     const Strings& strings, const TemplateEngine& engine)
    : input_(input), content_(content), model_(model), strings_(strings), engine_(engine) {
  prepare_common();
  replies_.resize(model_.display().threads.size());
  for (const DisplayThread& thread : model_.display().threads) {
    cards_.push_back(thread_card(thread));
    std::size_t bytes = 0;
    std::vector<const DisplayNode*> pending = {&thread.root};
    while (!pending.empty()) {
      const DisplayNode* shown = pending.back();
      pending.pop_back();
      bytes += model_.html(*shown->node).size() + kNodeMarkupBytes;
      for (const DisplayNode& child : shown->children) pending.push_back(&child);
    }
    card_bytes_.push_back(bytes);
  }
}

/// Keys every view has: the site, where the root is, the menu, the build time, the strings.
Json SiteViews::common(const std::string& directory) const {
  const std::string root = root_prefix(directory);
  Json view = root_links(root);
  view["site"] = site_;
  view["directory"] = directory;
  view["canonical_url"] = canonical_url(input_.base_url, directory);
  view["noindex"] = false;
  view["is_home"] = false;
  view["is_people"] = directory.starts_with("people/");
  view["is_sources"] = directory == "sources/";
  view["page"] = false;
  Json menu = Json::array();
  for (const ContentPage& page : content_.pages) {
    menu.push_back({{"title", page.title},
                    {"url", root + page.directory},
                    {"current", page.directory == directory}});
  }
  view["has_menu"] = true;  // the hub's own pages are always in it
  view["menu"] = std::move(menu);
  view["campaign"] = campaign_;
  view["generated_iso"] = generated_iso_;
  view["generated_human"] = generated_human_;
  return view;
}

void SiteViews::prepare_common() {
  const Conversation& conversation = model_.conversation();
  site_ = {{"title", input_.site_title.empty() ? conversation.campaign_title : input_.site_title},
           {"base_url", safe_href(input_.base_url)},
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
  generated_iso_ = format_rfc3339(conversation.generated);
  generated_human_ = strings_.date(conversation.generated);
}

Json SiteViews::root_links(const std::string& root) const {
  return {{"root", root},
          {"json_url", root + "conversation.json"},
          {"atom_url", root + "feed.xml"},
          {"json_feed_url", root + "feed.json"},
          {"opml_url", root + "sources.opml"},
          {"stylesheet_url", root + "style.css"},
          {"people_url", root + "people/"},
          {"sources_url", root + "sources/"},
          {"spam_url", root + "spam/"}};
}

Json SiteViews::flat_node(const Node& node) const {
  const Person* person = model_.person(node.author);
  const SourceReport* source = model_.source(node.source);
  const DisplayThread* thread = model_.thread_of(node.id);
  Json view;
  view["id"] = node.id;
  view["anchor"] = model_.anchor(node);
  view["kind"] = node_kind_name(node.kind);
  view["is_post"] = node.kind == NodeKind::post;
  view["is_comment"] = node.kind == NodeKind::comment;
  view["is_mention"] = node.kind == NodeKind::mention;
  view["title"] = node.title;
  view["url"] = safe_href(node.url);
  view["author_name"] = model_.author_name(node);
  std::string author_url = safe_href(node.author_url);
  if (author_url.empty() && person && !person->urls.empty()) {
    author_url = safe_href(person->urls.front());
  }
  view["author_url"] = author_url;
  view["author_path"] = model_.person_path(node.author);
  view["source_name"] = model_.source_name(node.source);
  view["source_url"] = source ? safe_href(source->url) : "";
  view["date_iso"] = iso_or_empty(node.published);
  view["date_human"] = strings_.date(node.published);
  view["html"] = model_.html(node);
  view["team"] = node.by_team || (person && person->team);
  view["awaiting_reply"] = model_.awaiting_reply(node);
  view["thread_path"] = thread ? model_.thread_path(*thread->root.node) : "";
  view["thread_title"] = thread ? thread->root.node->title : "";
  view["parent_unknown"] = false;
  view["in_reply_to"] = "";
  view["thread_info"] = false;
  view["has_children"] = false;
  view["replies_html"] = "";
  view["reply_count"] = 0;
  view["reply_label"] = "";
  return view;
}

Json SiteViews::node_view(const DisplayNode& shown) const {
  Json view = flat_node(*shown.node);
  view["parent_unknown"] = shown.parent_unknown;
  view["in_reply_to"] = shown.reply_to ? model_.author_name(*shown.reply_to) : "";
  const auto below = static_cast<std::int64_t>(count_replies(shown));
  view["has_children"] = !shown.children.empty();
  view["reply_count"] = strings_.number(below);
  view["reply_label"] = strings_.count("reply", below);
  return view;
}

std::string SiteViews::node_html(const DisplayNode& shown, const TemplateEngine::Frame& links,
                                 std::size_t& replies) const {
  std::string children;
  std::size_t below = 0;
  for (const DisplayNode& child : shown.children) children += node_html(child, links, below);
  Json view = node_view(shown);
  view["replies_html"] = std::move(children);
  replies += 1 + below;
  return engine_.render("partials/node.html", links, view);
}

const std::string& SiteViews::thread_replies(std::size_t index, const std::string& root) {
  auto& by_root = replies_.at(index);
  const auto cached = by_root.find(root);
  if (cached != by_root.end()) return cached->second;
  const TemplateEngine::Frame links = engine_.frame(root_links(root));
  std::string html;
  std::size_t ignored = 0;
  for (const DisplayNode& child : model_.display().threads[index].root.children) {
    html += node_html(child, links, ignored);
  }
  return by_root.emplace(root, std::move(html)).first->second;
}

Json SiteViews::card(std::size_t index, const std::string& root) {
  Json view = cards_.at(index);
  view["replies_html"] = thread_replies(index, root);
  return view;
}

Json SiteViews::thread_card(const DisplayThread& thread) {
  Json view = node_view(thread.root);
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
  Json blogs = Json::array();
  for (const std::string& id : blog_ids) {
    const SourceReport* source = model_.source(id);
    blogs.push_back({{"id", id},
                     {"name", model_.source_name(id)},
                     {"url", source ? safe_href(source->url) : ""}});
  }
  view["thread_info"] = {
      {"size", strings_.number(static_cast<std::int64_t>(size))},
      {"blog_count", strings_.number(static_cast<std::int64_t>(blogs.size()))},
      {"blogs_label", strings_.count("blog", static_cast<std::int64_t>(blogs.size()))},
      {"blogs", std::move(blogs)},
      {"last_activity_iso", iso_or_empty(last_activity)},
      {"last_activity_human", strings_.date(last_activity)}};
  return view;
}

Json SiteViews::person_summary(const Person& person) const {
  Json blogs = Json::array();
  for (const std::string& id : person.blogs) {
    const SourceReport* source = model_.source(id);
    blogs.push_back({{"id", id},
                     {"name", model_.source_name(id)},
                     {"url", source ? safe_href(source->url) : ""}});
  }
  std::string url;
  for (const std::string& candidate : person.urls) {
    url = safe_href(candidate);
    if (!url.empty()) break;
  }
  return {{"id", person.id},
          {"name", person.name},
          {"path", model_.person_path(person.id)},
          {"url", url},
          {"team", person.team},
          {"posts", strings_.number(person.posts)},
          {"comments", strings_.number(person.comments)},
          {"has_posts", person.posts > 0},
          {"has_comments", person.comments > 0},
          {"posts_label", strings_.count("post", person.posts)},
          {"comments_label", strings_.count("comment", person.comments)},
          {"blogs_label", strings_.count("blog", static_cast<std::int64_t>(blogs.size()))},
          {"blogs", std::move(blogs)}};
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
  for (const Node& node : conversation.nodes) {
    if (node.spam) continue;
    posts += node.kind == NodeKind::post;
    comments += node.kind == NodeKind::comment;
    mentions += node.kind == NodeKind::mention;
  }
  std::optional<UnixTime> last_update;
  for (const DisplayThread& thread : model_.display().threads) {
    std::optional<UnixTime> latest = thread.summary ? thread.summary->last_activity : std::nullopt;
    if (!thread.summary) latest = thread.root.node->published;
    if (latest && (!last_update || *latest > *last_update)) last_update = latest;
  }
  const UnixTime updated = last_update.value_or(conversation.generated);
  auto number = [&](std::size_t n) { return strings_.number(static_cast<std::int64_t>(n)); };
  return {{"blogs", number(conversation.sources.size())},
          {"posts", strings_.number(posts)},
          {"comments", strings_.number(comments)},
          {"mentions", strings_.number(mentions)},
          {"people", number(conversation.people.size())},
          {"threads", number(model_.display().threads.size())},
          {"last_update", strings_.date(updated)},
          {"last_update_iso", format_rfc3339(updated)}};
}

std::vector<HubPage> SiteViews::hub_pages() {
  const Conversation& conversation = model_.conversation();
  // Split the cards into pages by count and estimated size; every page takes at least one.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  std::size_t start = 0;
  while (start < cards_.size() || ranges.empty()) {
    std::size_t end = start, bytes = 0;
    while (end < cards_.size() && end - start < kMaxThreadsPerPage &&
           (end == start || bytes + card_bytes_[end] <= kPageByteBudget)) {
      bytes += card_bytes_[end++];
    }
    ranges.emplace_back(start, end);
    if (end == start) break;
    start = end;
  }

  Json people = Json::array();
  for (const Person* person : model_.people_by_activity()) {
    if (people.size() == kTopPeople) break;
    people.push_back(person_summary(*person));
  }
  Json awaiting = Json::array();
  for (const std::string& id : conversation.awaiting_reply) {
    const Node* node = model_.node(id);
    if (!node || node->spam || !model_.thread_of(id)) continue;
    Json item = flat_node(*node);
    item["excerpt"] = html_excerpt(model_.html(*node), kAwaitingExcerptChars);
    item["html"] = "";
    awaiting.push_back(std::move(item));
  }
  Json sources = Json::array();
  std::size_t problems = 0;
  for (const SourceReport& report : conversation.sources) {
    sources.push_back(source(report));
    problems += report.status == SourceStatus::error || report.status == SourceStatus::gone;
  }
  const std::string activity_svg = activity_chart_svg(conversation, strings_);
  const std::string graph_svg = reply_graph_svg(conversation, strings_);

  const Json figures = this->figures();  // the same on every page: counted once
  std::vector<HubPage> pages;
  const std::size_t total = ranges.size();
  for (std::size_t i = 0; i < total; ++i) {
    const std::size_t number = i + 1;
    HubPage page{hub_directory(number), common(hub_directory(number))};
    Json& view = page.view;
    const std::string root = view["root"];
    view["is_home"] = number == 1;
    view["is_first_page"] = number == 1;
    view["intro_html"] = number == 1 ? content_.intro_html : "";
    view["figures"] = figures;
    Json threads = Json::array();
    for (std::size_t index = ranges[i].first; index < ranges[i].second; ++index) {
      threads.push_back(card(index, root));
    }
    view["has_threads"] = !threads.empty();
    view["threads"] = std::move(threads);
    view["pagination"] = {
        {"has_pages", total > 1},
        {"label", Strings::fill(strings_.text("page_of"),
                                {{"n", strings_.number(static_cast<std::int64_t>(number))},
                                 {"total", strings_.number(static_cast<std::int64_t>(total))}})},
        {"newer_url", number == 1 ? "" : root + hub_directory(number - 1)},
        {"older_url", number == total ? "" : root + hub_directory(number + 1)}};
    if (number == 2) view["pagination"]["newer_url"] = root;
    const bool first = number == 1;
    view["activity_svg"] = first ? activity_svg : "";
    view["graph_svg"] = first ? graph_svg : "";
    view["has_charts"] = first && (!activity_svg.empty() || !graph_svg.empty());
    view["top_people"] = first ? people : Json::array();
    view["has_top_people"] = first && !people.empty();
    view["awaiting"] = first ? awaiting : Json::array();
    view["has_awaiting"] = first && !awaiting.empty();
    view["sources"] = first ? sources : Json::array();
    view["has_sources"] = first && !sources.empty();
    view["source_problem_count"] = strings_.number(static_cast<std::int64_t>(problems));
    view["has_source_problems"] = problems > 0;
    const std::size_t spam = model_.display().spam.size();
    view["has_spam"] = spam > 0;
    view["spam_label"] = strings_.count("item", static_cast<std::int64_t>(spam));
    pages.push_back(std::move(page));
  }
  return pages;
}

Json SiteViews::thread_page(std::size_t index) {
  const DisplayThread& thread = model_.display().threads.at(index);
  const std::string directory = model_.thread_path(*thread.root.node);
  Json view = common(directory);
  view["thread"] = card(index, view["root"].get<std::string>());
  replies_.at(index).clear();  // the thread's own page is the last to show its replies
  view["page"] = {{"title", thread.root.node->title.empty() ? strings_.text("untitled")
                                                            : thread.root.node->title}};
  return view;
}

Json SiteViews::person_page(const Person& person) const {
  Json view = common(model_.person_path(person.id));
  view["person"] = person_summary(person);
  Json said = Json::array();
  for (const Node* node : model_.said_by(person.id)) said.push_back(flat_node(*node));
  view["has_said"] = !said.empty();
  view["said"] = std::move(said);
  view["page"] = {{"title", person.name.empty() ? person.id : person.name}};
  return view;
}

Json SiteViews::people_page() const {
  Json view = common("people/");
  Json people = Json::array();
  for (const Person* person : model_.people_by_activity()) {
    people.push_back(person_summary(*person));
  }
  view["has_people"] = !people.empty();
  view["people"] = std::move(people);
  view["page"] = {{"title", strings_.text("people_page_title")}};
  return view;
}

Json SiteViews::sources_page() {
  Json view = common("sources/");
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

Json SiteViews::spam_page() {
  Json view = common("spam/");
  Json spam = Json::array();
  for (const Node* node : model_.display().spam) spam.push_back(spam_item(*node));
  view["noindex"] = true;
  view["has_spam"] = !spam.empty();
  view["spam_label"] = strings_.count("item", static_cast<std::int64_t>(spam.size()));
  view["spam"] = std::move(spam);
  view["page"] = {{"title", strings_.text("spam_heading")}};
  return view;
}

Json SiteViews::content_page(const ContentPage& page) {
  Json view = common(page.directory);
  view["page"] = {{"title", page.title},
                  {"url", view["root"].get<std::string>() + page.directory},
                  {"date_iso", iso_or_empty(page.date)},
                  {"date_human", strings_.date(page.date)},
                  {"html", page.html}};
  return view;
}

}  // namespace confab
