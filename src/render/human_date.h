// Dates as a reader sees them on the hub page.
#pragma once

#include <string>

#include "base/time.h"

namespace confab {

/// "12 Nov 2008" (UTC): short, unambiguous in every English locale, no time of day.
std::string human_date(UnixTime time);

}  // namespace confab
