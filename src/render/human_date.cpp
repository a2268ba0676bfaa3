#include "render/human_date.h"

#include <cstdlib>

namespace confab {

std::string human_date(UnixTime time) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // Reuse the one calendar conversion the project has: "YYYY-MM-DDT..." from format_rfc3339.
  const std::string stamp = format_rfc3339(time);
  const std::size_t first_dash = stamp.find('-', 1);  // a year may carry a sign
  const std::string year = stamp.substr(0, first_dash);
  const int month = std::atoi(stamp.substr(first_dash + 1, 2).c_str());
  const int day = std::atoi(stamp.substr(first_dash + 4, 2).c_str());
  return std::to_string(day) + " " + kMonths[(month - 1 + 12) % 12] + " " + year;
}

}  // namespace confab
