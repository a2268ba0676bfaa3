#include "build/hub_pages.h"

#include <map>

#include "parse/json_document.h"

namespace confab {
namespace {

const std::string& text_of(const nlohmann::json& object, const char* key) {
  static const std::string kNone;
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get_ref<const std::string&>() : kNone;
}

}  // namespace

std::vector<HubPage> read_hub_pages(const std::string& conversation_json,
                                    const std::string& base_url,
                                    const std::vector<std::string>& campaign_links) {
  if (base_url.empty()) return {};
  std::vector<HubPage> pages;
  std::string home = base_url;
  if (!home.ends_with('/')) home += '/';
  if (!campaign_links.empty()) pages.push_back({home, campaign_links.front()});
  if (conversation_json.empty()) return pages;
  const JsonDocument document = read_json_document(conversation_json);
  const nlohmann::json& root = document.root;
  if (!root.is_object()) return pages;
  std::map<std::string, std::string> url_of;
  if (const auto nodes = root.find("nodes"); nodes != root.end() && nodes->is_array()) {
    for (const auto& node : *nodes) {
      if (node.is_object()) url_of[text_of(node, "id")] = text_of(node, "url");
    }
  }
  if (const auto threads = root.find("threads"); threads != root.end() && threads->is_array()) {
    for (const auto& thread : *threads) {
      if (!thread.is_object()) continue;
      const std::string& page = text_of(thread, "page");
      const auto post = url_of.find(text_of(thread, "root"));
      if (page.empty() || post == url_of.end() || post->second.empty()) continue;
      pages.push_back({home + page, post->second});
    }
  }
  return pages;
}

}  // namespace confab
