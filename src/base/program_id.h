// What tells this build of the confab program from any other: its GNU build ID, a hash the
// linker makes of the program's code. Memos of what the program made (the pages an output keeps)
// name it, so a new program, or the same version compiled anew, makes everything again.
#pragma once

#include <string>

namespace confab {

/// The running program's build ID as lowercase hexadecimal, read from its own ELF notes in
/// memory (no file is read); "" when it was linked without one (--build-id=none).
std::string program_build_id();

}  // namespace confab
