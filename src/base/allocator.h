// How a program's allocator is set up, once, first thing in main. Programs that link mimalloc
// (see CMakeLists.txt, confab_use_mimalloc) are compiled with CONFAB_MIMALLOC.
#pragma once

#ifdef CONFAB_MIMALLOC
#include <mimalloc.h>
#endif

namespace confab {

/// Asks mimalloc for 2 MiB pages (transparent huge pages, through madvise). A build touches
/// hundreds of MiB of fresh memory, and on 4 KiB pages a third of its time went to the kernel's
/// page faults: threading 100,000 comments takes 1.85 s without, 0.98 s with (BENCHMARKS.md).
/// Must run before the first large allocation; without mimalloc it does nothing.
inline void use_large_pages() {
#ifdef CONFAB_MIMALLOC
  mi_option_enable(mi_option_large_os_pages);
#endif
}

}  // namespace confab
