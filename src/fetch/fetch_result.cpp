#include <strings.h>

#include "fetch/fetch.h"

namespace confab {

const char* fetch_error_name(FetchErrorKind kind) {
  switch (kind) {
    case FetchErrorKind::none:
      return "none";
    case FetchErrorKind::dns:
      return "dns";
    case FetchErrorKind::connect:
      return "connect";
    case FetchErrorKind::tls:
      return "tls";
    case FetchErrorKind::timeout:
      return "timeout";
    case FetchErrorKind::http_status:
      return "http_status";
    case FetchErrorKind::too_large:
      return "too_large";
    case FetchErrorKind::not_recorded:
      return "not_recorded";
    case FetchErrorKind::bad_url:
      return "bad_url";
    case FetchErrorKind::refused:
      return "refused";
    case FetchErrorKind::other:
      return "other";
    case FetchErrorKind::not_a_feed:
      return "not_a_feed";
  }
  return "other";
}

std::string FetchResult::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

}  // namespace confab
