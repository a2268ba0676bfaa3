// --fetch-every's value: "90s", "10m", "1h", "1h30m".
#include <stdexcept>
#include <string>

#include "base/ascii.h"
#include "serve/serve.h"

namespace confab {

std::chrono::seconds parse_duration(const std::string& text) {
  const auto invalid = [&] {
    return std::invalid_argument("'" + text +
                                 "' is not a duration (write e.g. 90s, 10m, 1h or 1h30m)");
  };
  if (text.empty()) throw invalid();
  long long total = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    if (!is_digit(text[at])) throw invalid();
    long long number = 0;
    while (at < text.size() && is_digit(text[at])) {
      number = number * 10 + (text[at++] - '0');
      if (number > 1'000'000'000) throw invalid();
    }
    if (at == text.size()) throw invalid();  // a unit is required: "10" is ambiguous
    switch (text[at++]) {
      case 'h':
        total += number * 3600;
        break;
      case 'm':
        total += number * 60;
        break;
      case 's':
        total += number;
        break;
      default:
        throw invalid();
    }
  }
  return std::chrono::seconds(total);
}

}  // namespace confab
