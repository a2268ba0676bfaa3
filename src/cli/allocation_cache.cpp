// A per-thread cache of small freed blocks in front of malloc, for the confab executable (and
// the benchmarks that measure it). Linked into programs, not into the stage libraries, so the
// fuzzers' AddressSanitizer still sees every allocation.
//
// Why: rendering makes and drops millions of small objects (template data, JSON views, short
// strings), a page at a time. glibc keeps 7 freed blocks per size per thread; past that they go
// to shared bins that a large allocation (any page over 1 KB) then consolidates. Keeping up to
// kBlocksPerClass blocks (and 128 KB) per size here made the render benchmark ~20% faster
// (BENCHMARKS.md), the same as raising glibc.malloc.tcache_count, without asking users to set a
// variable. Sizes up to 4 KB are cached (a rendered reply, an item of a person's page, a line of
// a page are 1-4 KB): 1.3% fewer instructions than stopping at 1 KB.
//
// Larger blocks (pages) stay with malloc, with its "fast bins" turned off: they hold small blocks
// freed by the C libraries (gumbo, cmark), and every allocation over 1 KB first merges them all
// back ("consolidation", ~6% of the render time with them on).
//
// Blocks come from malloc and go back to it: a block is cached only when the compiler says how
// big it is (sized delete), every small block is allocated at its class's full size, and a
// thread's cache is handed back to free() when the thread ends.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <new>

#include <malloc.h>

namespace {

constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = 256;  // blocks of 16, 32, ... 4096 bytes
constexpr std::size_t kLargestCached = kGranule * kClasses;
constexpr unsigned kBlocksPerClass = 1024;
/// And at most this many bytes per class: a thread keeps at most 256 x 128 KB (32 MB; a render
/// keeps a few).
constexpr std::size_t kBytesPerClass = 128 * 1024;

struct FreeBlock {
  FreeBlock* next;
};

/// Trivially destructible, so it is usable at any point of a thread's life; ThreadCacheOwner
/// empties it when the thread ends and marks it closed.
struct ThreadCache {
  FreeBlock* heads[kClasses];
  unsigned counts[kClasses];
  bool owned;  ///< the thread's ThreadCacheOwner exists
  bool closed;
};

thread_local ThreadCache cache{};

struct ThreadCacheOwner {
  ThreadCacheOwner() = default;
  ThreadCacheOwner(const ThreadCacheOwner&) = delete;
  ThreadCacheOwner& operator=(const ThreadCacheOwner&) = delete;
  ~ThreadCacheOwner() {
    cache.closed = true;  // deletes from later destructors of this thread go straight to free()
    for (std::size_t index = 0; index < kClasses; ++index) {
      while (FreeBlock* block = cache.heads[index]) {
        cache.heads[index] = block->next;
        std::free(block);
      }
      cache.counts[index] = 0;
    }
  }
};

thread_local ThreadCacheOwner owner;

/// Set before main() runs, for the whole program.
const bool fast_bins_off = [] { return mallopt(M_MXFAST, 0) == 1; }();

std::size_t class_of(std::size_t size) {
  return (size == 0 ? 0 : size - 1) / kGranule;
}

/// How many blocks each class keeps, worked out once (a division per free is measurable).
struct ClassLimits {
  unsigned blocks[kClasses];
  constexpr ClassLimits() : blocks() {
    for (std::size_t index = 0; index < kClasses; ++index) {
      blocks[index] = static_cast<unsigned>(
          std::min<std::size_t>(kBlocksPerClass, kBytesPerClass / ((index + 1) * kGranule)));
    }
  }
};
constexpr ClassLimits kLimits;

void* allocate(std::size_t size) {
  if (size <= kLargestCached) {
    const std::size_t index = class_of(size);
    if (FreeBlock* block = cache.heads[index]) {
      cache.heads[index] = block->next;
      --cache.counts[index];
      return block;
    }
    size = (index + 1) * kGranule;  // so that any block of this class can serve any request
  }
  for (;;) {
    if (void* block = std::malloc(size)) return block;
    const std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void release(void* block, std::size_t size) {
  if (!block) return;
  if (size <= kLargestCached && !cache.closed) {
    const std::size_t index = class_of(size);
    if (cache.counts[index] < kLimits.blocks[index]) {
      if (!cache.owned) {
        // The first cached block makes this thread's owner, which empties the cache. (Touching
        // `owner` at every call would cost a check of its guard each time.)
        (void)&owner;
        cache.owned = true;
      }
      auto* free_block = static_cast<FreeBlock*>(block);
      free_block->next = cache.heads[index];
      cache.heads[index] = free_block;
      ++cache.counts[index];
      return;
    }
  }
  std::free(block);
}

}  // namespace

void* operator new(std::size_t size) {
  return allocate(size);
}

void* operator new[](std::size_t size) {
  return allocate(size);
}

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}

void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}

// Without a size the block's class is unknown: it goes back to malloc.
void operator delete(void* block) noexcept {
  std::free(block);
}

void operator delete[](void* block) noexcept {
  std::free(block);
}

void operator delete(void* block, const std::nothrow_t&) noexcept {
  std::free(block);
}

void operator delete[](void* block, const std::nothrow_t&) noexcept {
  std::free(block);
}

void operator delete(void* block, std::size_t size) noexcept {
  release(block, size);
}

void operator delete[](void* block, std::size_t size) noexcept {
  release(block, size);
}
