#include "render/site_view.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "base/url.h"
#include "render/display_tree.h"
#include "render/html_excerpt.h"
#include "render/human_date.h"
#include "render/safe_url.h"
#include "render/slug.h"

namespace confab {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kSpamExcerptChars = 160;
constexpr const char* kDefaultLanguage = "en";

/// A URL from a feed or the config, fit for href: http(s) or mailto, else "".
std::string safe_href(const std::string& url) {
  return safe_link_url(url, "").value_or("");
}

std::string iso_or_empty(const std::optional<UnixTime>& time) {
  return time ? format_rfc3339(*time) : "";
}

std::string human_or_empty(const std::optional<UnixTime>& time) {
  return time ? human_date(*time) : "";
}

std::string plural(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
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

std::string site_title(const RenderInput& input) {
  if (!input.site_title.empty()) return input.site_title;
  return input.conversation ? input.conversation->campaign_title : "";
}

Json campaign_view(const Conversation& conversation) {
  Json links = Json::array();
  for (const std::string& link : conversation.campaign_links) {
    const std::string href = safe_href(link);
    if (href.empty()) continue;
    const std::string host = url_host(href);
    links.push_back({{"url", href}, {"label", host.empty() ? href : host}});
  }
  Json view;
  view["title"] = conversation.campaign_title;
  view["has_links"] = !links.empty();
  view["links"] = std::move(links);
  return view;
}

/// Keys every view has: the site, where the root is, the menu, the build time.
Json common_view(const RenderInput& input, const SiteContent& content,
                 const std::string& directory) {
  const std::string root = root_prefix(directory);
  Json view;
  view["site"] = {{"title", site_title(input)},
                  {"base_url", safe_href(input.base_url)},
                  {"language", input.language.empty() ? kDefaultLanguage : input.language}};
  view["root"] = root;
  view["canonical_url"] = canonical_url(input.base_url, directory);
  view["json_url"] = root + "conversation.json";
  view["stylesheet_url"] = root + "style.css";
  Json menu = Json::array();
  for (const ContentPage& page : content.pages) {
    menu.push_back({{"title", page.title},
                    {"url", root + page.directory},
                    {"current", page.directory == directory}});
  }
  view["has_menu"] = !menu.empty();
  view["menu"] = std::move(menu);
  view["campaign"] = input.conversation ? campaign_view(*input.conversation) : Json(false);
  const UnixTime generated = input.conversation ? input.conversation->generated : 0;
  view["generated_iso"] = format_rfc3339(generated);
  view["generated_human"] = human_date(generated);
  return view;
}

/// Builds the node objects of the recursive partial.
class NodeViews {
 public:
  explicit NodeViews(const Conversation& conversation) {
    for (const SourceReport& source : conversation.sources) sources_.emplace(source.id, &source);
    for (const Person& person : conversation.people) people_.emplace(person.id, &person);
    awaiting_.insert(conversation.awaiting_reply.begin(), conversation.awaiting_reply.end());
  }

  Json node(const DisplayNode& display) {
    const Node& node = *display.node;
    const Person* person = find(people_, node.author);
    const SourceReport* source = find(sources_, node.source);
    Json view;
    view["id"] = node.id;
    view["anchor"] = anchor(node.id);
    view["kind"] = node_kind_name(node.kind);
    view["is_post"] = node.kind == NodeKind::post;
    view["is_comment"] = node.kind == NodeKind::comment;
    view["is_mention"] = node.kind == NodeKind::mention;
    view["title"] = node.title;
    view["url"] = safe_href(node.url);
    view["author_name"] = author_name(node);
    std::string author_url = safe_href(node.author_url);
    if (author_url.empty() && person && !person->urls.empty()) {
      author_url = safe_href(person->urls.front());
    }
    view["author_url"] = author_url;
    view["source_name"] =
        source ? (source->name.empty() ? url_host(source->url) : source->name) : node.source;
    view["source_url"] = source ? safe_href(source->url) : "";
    view["date_iso"] = iso_or_empty(node.published);
    view["date_human"] = human_or_empty(node.published);
    view["html"] =
        sanitize_html(node.content_html, node.base_url.empty() ? node.url : node.base_url);
    view["team"] = node.by_team || (person && person->team);
    view["parent_unknown"] = display.parent_unknown;
    view["in_reply_to"] = display.reply_to ? author_name(*display.reply_to) : "";
    view["awaiting_reply"] = awaiting_.count(node.id) > 0;
    view["thread_info"] = false;  // only roots carry one; see thread()
    Json children = Json::array();
    std::size_t replies = 0;
    for (const DisplayNode& child : display.children) {
      children.push_back(node_view_counting(child, replies));
    }
    view["has_children"] = !children.empty();
    view["children"] = std::move(children);
    view["reply_count"] = replies;
    view["reply_label"] = plural(replies, "reply", "replies");
    return view;
  }

  Json thread(const DisplayThread& thread) {
    Json view = node(thread.root);
    std::vector<std::string> blog_ids;
    std::optional<UnixTime> last_activity;
    std::size_t size = 0;
    if (thread.summary) {
      blog_ids = thread.summary->blogs;
      last_activity = thread.summary->last_activity;
      size = static_cast<std::size_t>(std::max(thread.summary->size, 0));
    } else {
      collect(thread.root, blog_ids, last_activity, size);
    }
    Json blogs = Json::array();
    for (const std::string& id : blog_ids) {
      const SourceReport* source = find(sources_, id);
      blogs.push_back({{"id", id},
                       {"name", source ? source->name : id},
                       {"url", source ? safe_href(source->url) : ""}});
    }
    view["thread_info"] = {{"size", size},
                           {"blog_count", blogs.size()},
                           {"blogs_label", plural(blogs.size(), "blog", "blogs")},
                           {"blogs", std::move(blogs)},
                           {"last_activity_iso", iso_or_empty(last_activity)},
                           {"last_activity_human", human_or_empty(last_activity)}};
    return view;
  }

  Json spam(const Node& node) {
    const SourceReport* source = find(sources_, node.source);
    Json reasons = Json::array();
    for (const std::string& reason : node.spam->reasons) reasons.push_back(reason);
    char score[32];
    std::snprintf(score, sizeof score, "%.2f", node.spam->score);
    std::string reasons_text;
    for (const std::string& reason : node.spam->reasons) {
      reasons_text += (reasons_text.empty() ? "" : "; ") + reason;
    }
    return {{"id", node.id},
            {"kind", node_kind_name(node.kind)},
            {"author_name", author_name(node)},
            {"source_name", source ? source->name : node.source},
            {"date_iso", iso_or_empty(node.published)},
            {"date_human", human_or_empty(node.published)},
            {"score", score},
            {"reasons", std::move(reasons)},
            {"reasons_text", reasons_text},
            {"excerpt", html_excerpt(sanitize_html(node.content_html, ""), kSpamExcerptChars)}};
  }

 private:
  template <typename Value>
  static const Value* find(const std::map<std::string, const Value*>& map, const std::string& id) {
    const auto it = map.find(id);
    return it == map.end() ? nullptr : it->second;
  }

  /// The name to show for a node's author: as the feed gave it, else the person's, else "".
  std::string author_name(const Node& node) const {
    if (!node.author_name.empty()) return node.author_name;
    const Person* person = find(people_, node.author);
    return person ? person->name : "";
  }

  Json node_view_counting(const DisplayNode& child, std::size_t& replies) {
    Json view = node(child);
    replies += 1 + view["reply_count"].get<std::size_t>();
    return view;
  }

  /// For a thread the thread stage did not summarise: its blogs, latest date and size.
  void collect(const DisplayNode& display, std::vector<std::string>& blogs,
               std::optional<UnixTime>& latest, std::size_t& size) {
    ++size;
    const Node& node = *display.node;
    if (std::find(blogs.begin(), blogs.end(), node.source) == blogs.end()) {
      blogs.push_back(node.source);
    }
    if (node.published && (!latest || *node.published > *latest)) latest = node.published;
    for (const DisplayNode& child : display.children) collect(child, blogs, latest, size);
  }

  /// An HTML id for a node, unique on the page: "n-" + the id as a slug, numbered on a clash.
  std::string anchor(const std::string& id) {
    const std::string base = "n-" + slugify(id);
    std::string candidate = base;
    for (int suffix = 2; !anchors_.insert(candidate).second; ++suffix) {
      candidate = base + "-" + std::to_string(suffix);
    }
    return candidate;
  }

  std::map<std::string, const SourceReport*> sources_;
  std::map<std::string, const Person*> people_;
  std::set<std::string> awaiting_;
  std::set<std::string> anchors_;
};

Json source_view(const SourceReport& source) {
  return {
      {"id", source.id},
      {"name", source.name.empty() ? url_host(source.url) : source.name},
      {"url", safe_href(source.url)},
      {"feed", safe_href(source.feed)},
      {"role", source_kind_name(source.role)},
      {"is_campaign", source.role == SourceKind::campaign},
      {"is_discovered", source.role == SourceKind::discovered},
      {"status", source_status_name(source.status)},
      {"is_ok", source.status == SourceStatus::ok},
      {"is_unchanged", source.status == SourceStatus::unchanged},
      {"is_error", source.status == SourceStatus::error},
      {"is_gone", source.status == SourceStatus::gone},
      {"has_problem", source.status == SourceStatus::error || source.status == SourceStatus::gone},
      {"error", source.error},
      {"last_success_iso", iso_or_empty(source.last_success)},
      {"last_success_human", human_or_empty(source.last_success)}};
}

}  // namespace

Json index_view(const RenderInput& input, const SiteContent& content) {
  if (input.conversation == nullptr) throw RenderError("render: no conversation to render");
  const Conversation& conversation = *input.conversation;
  Json view = common_view(input, content, "");
  view["is_home"] = true;
  view["page"] = false;
  view["intro_html"] = content.intro_html;

  const DisplayConversation display = arrange_conversation(conversation);
  NodeViews nodes(conversation);
  Json threads = Json::array();
  std::optional<UnixTime> last_update;
  for (const DisplayThread& thread : display.threads) {
    Json thread_view = nodes.thread(thread);
    const std::string latest = thread_view["thread_info"]["last_activity_iso"];
    if (!latest.empty()) {
      const auto time = parse_rfc3339(latest);
      if (time && (!last_update || *time > *last_update)) last_update = time;
    }
    threads.push_back(std::move(thread_view));
  }
  Json spam = Json::array();
  for (const Node* node : display.spam) spam.push_back(nodes.spam(*node));

  std::size_t posts = 0, comments = 0, mentions = 0;
  for (const Node& node : conversation.nodes) {
    if (node.spam) continue;
    posts += node.kind == NodeKind::post;
    comments += node.kind == NodeKind::comment;
    mentions += node.kind == NodeKind::mention;
  }
  const UnixTime updated = last_update.value_or(conversation.generated);
  view["figures"] = {{"blogs", conversation.sources.size()},
                     {"posts", posts},
                     {"comments", comments},
                     {"mentions", mentions},
                     {"people", conversation.people.size()},
                     {"threads", threads.size()},
                     {"last_update", human_date(updated)},
                     {"last_update_iso", format_rfc3339(updated)}};
  view["has_threads"] = !threads.empty();
  view["threads"] = std::move(threads);
  view["has_spam"] = !spam.empty();
  view["spam_count"] = spam.size();
  view["spam_label"] = plural(spam.size(), "item", "items");
  view["spam"] = std::move(spam);
  Json sources = Json::array();
  std::size_t problems = 0;
  for (const SourceReport& source : conversation.sources) {
    sources.push_back(source_view(source));
    problems += source.status == SourceStatus::error || source.status == SourceStatus::gone;
  }
  view["has_sources"] = !sources.empty();
  view["sources"] = std::move(sources);
  view["source_problem_count"] = problems;
  view["has_source_problems"] = problems > 0;
  return view;
}

Json page_view(const RenderInput& input, const SiteContent& content, const ContentPage& page) {
  Json view = common_view(input, content, page.directory);
  view["is_home"] = false;
  view["page"] = {{"title", page.title},
                  {"url", view["root"].get<std::string>() + page.directory},
                  {"date_iso", iso_or_empty(page.date)},
                  {"date_human", human_or_empty(page.date)},
                  {"html", page.html}};
  return view;
}

}  // namespace confab
