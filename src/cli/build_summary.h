// How `build` and `serve` tell the user what a build did.
#pragma once

#include "build/build.h"
#include "cli/console.h"

namespace confab {

/// The build's warnings, what it changed in the archive, and what the conversation holds.
void print_build_summary(const BuildReport& report, Console& console);

/// Each stage's time and the process's peak memory when it ended, one line ("timings: gather
/// 0.93 s (peak 214 MiB), thread 2.24 s (peak 546 MiB), render 5.93 s (peak 998 MiB), publish
/// 0.63 s (peak 998 MiB)").
void print_build_timings(const BuildReport& report, Console& console);

/// Shows the build's fetch progress on `console` (one updating line on a terminal).
StepProgress progress_on(Console& console);

}  // namespace confab
