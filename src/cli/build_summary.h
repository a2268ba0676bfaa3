// How `build` and `serve` tell the user what a build did.
#pragma once

#include "build/build.h"
#include "cli/console.h"

namespace confab {

/// The build's warnings, what it changed in the archive, and what the conversation holds.
void print_build_summary(const BuildReport& report, Console& console);

/// Each stage's time and the process's peak memory so far, one line ("timings: gather 0.93 s,
/// thread 2.24 s, render 5.93 s, publish 0.63 s; peak memory 998 MiB").
void print_build_timings(const BuildReport& report, Console& console);

/// Shows the build's fetch progress on `console` (one updating line on a terminal).
StepProgress progress_on(Console& console);

}  // namespace confab
