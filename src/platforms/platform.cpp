#include "platforms/platform.h"

#include "parse/xml_text.h"

namespace confab {

std::string answer_source(const Document& document) {
  return document.url.empty() ? "document" : document.url;
}

std::string endpoint_base(std::string_view configured) {
  configured = trim_ascii(configured);
  while (configured.ends_with('/')) configured.remove_suffix(1);
  return std::string(configured);
}

}  // namespace confab
