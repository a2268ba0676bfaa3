#include "parse/json_document.h"

namespace confab {

JsonDocument read_json_document(std::string_view text, std::size_t max_depth) {
  using Event = nlohmann::json::parse_event_t;
  JsonDocument document;
  // The callback is told how many containers are open around each event; declining a container's
  // start leaves it and its inside out without building them.
  const auto keep = [&](int depth, Event event, nlohmann::json&) {
    if ((event == Event::object_start || event == Event::array_start) &&
        static_cast<std::size_t>(depth) >= max_depth) {
      document.capped = true;
      return false;
    }
    return true;
  };
  document.root = nlohmann::json::parse(text.begin(), text.end(), keep, /*allow_exceptions=*/false);
  return document;
}

}  // namespace confab
