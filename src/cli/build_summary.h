// How `build` and `serve` tell the user what a build did.
#pragma once

#include "build/build.h"
#include "cli/console.h"

namespace confab {

/// The build's warnings, what it changed in the archive, and what the conversation holds.
void print_build_summary(const BuildReport& report, Console& console);

/// Shows the build's fetch progress on `console` (one updating line on a terminal).
StepProgress progress_on(Console& console);

}  // namespace confab
