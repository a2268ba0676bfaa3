// The confab program's small-block cache (src/cli/allocation_cache.cpp, linked into this test
// binary too): blocks are reused, never mixed up, and survive being freed on another thread.
#include <gtest/gtest.h>
#include <malloc.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

TEST(AllocationCache, AFreedSmallBlockIsReusedForTheSameSize) {
  auto* first = new std::array<char, 40>;
  const auto first_address = reinterpret_cast<std::uintptr_t>(first);
  delete first;  // sized delete: cached
  auto* second = new std::array<char, 40>;
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(second), first_address);
  delete second;
}

TEST(AllocationCache, BlocksOfEverySizeKeepTheirBytes) {
  std::vector<std::unique_ptr<std::string>> kept;
  for (int round = 0; round < 3; ++round) {
    for (std::size_t size = 0; size < 600; ++size) {
      kept.push_back(std::make_unique<std::string>(size, static_cast<char>('a' + size % 26)));
    }
    // Drop every other one, so later allocations reuse blocks among live ones.
    for (std::size_t i = 0; i < kept.size(); i += 2) kept[i].reset();
  }
  for (const auto& text : kept) {
    if (!text) continue;
    for (char c : *text) ASSERT_EQ(c, static_cast<char>('a' + text->size() % 26));
  }
}

TEST(AllocationCache, BlocksFreedOnOtherThreadsAndThreadsThatEnd) {
  constexpr int kThreads = 4, kItems = 20000;
  std::vector<std::vector<std::string*>> made(kThreads);
  std::vector<std::thread> makers;
  for (int t = 0; t < kThreads; ++t) {
    makers.emplace_back([&made, t] {
      for (int i = 0; i < kItems; ++i) {
        made[t].push_back(new std::string(std::to_string(t) + ":" + std::to_string(i) +
                                          std::string(static_cast<std::size_t>(i % 200), 'x')));
      }
    });
  }
  for (auto& maker : makers) maker.join();  // these threads have ended: their caches are gone
  std::vector<std::thread> checkers;
  for (int t = 0; t < kThreads; ++t) {
    // Each thread frees another's strings, then allocates more from what it freed.
    checkers.emplace_back([&made, t] {
      const int from = (t + 1) % kThreads;
      for (int i = 0; i < kItems; ++i) {
        const std::string expected = std::to_string(from) + ":" + std::to_string(i);
        EXPECT_EQ(made[from][i]->compare(0, expected.size(), expected), 0);
        delete made[from][i];
      }
      std::vector<std::unique_ptr<std::string>> again;
      for (int i = 0; i < kItems; ++i) again.push_back(std::make_unique<std::string>(i % 100, 'y'));
      for (int i = 0; i < kItems; ++i)
        EXPECT_EQ(again[i]->size(), static_cast<std::size_t>(i % 100));
    });
  }
  for (auto& checker : checkers) checker.join();
}

TEST(AllocationCache, ThreadsHandTheirCachedBlocksBackWhenTheyEnd) {
  const auto in_use = [] { return mallinfo2().uordblks; };
  const std::size_t before = in_use();
  for (int round = 0; round < 50; ++round) {
    std::thread([] {
      std::vector<std::unique_ptr<std::array<char, 500>>> blocks;
      for (int i = 0; i < 200; ++i) blocks.push_back(std::make_unique<std::array<char, 500>>());
      std::vector<std::unique_ptr<std::array<char, 3000>>> larger;
      for (int i = 0; i < 40; ++i) larger.push_back(std::make_unique<std::array<char, 3000>>());
    }).join();  // ~220 KB cached by each thread, unless given back at its end
  }
  EXPECT_LT(in_use(), before + 4 * 1024 * 1024);
}

TEST(AllocationCache, ArraysAndNothrowForms) {
  int* numbers = new int[37];
  for (int i = 0; i < 37; ++i) numbers[i] = i;
  EXPECT_EQ(numbers[36], 36);
  delete[] numbers;
  char* bytes = new (std::nothrow) char[300];
  ASSERT_NE(bytes, nullptr);
  std::memset(bytes, 1, 300);
  delete[] bytes;
  auto* empty = new std::array<char, 0>;
  EXPECT_NE(empty, nullptr);
  delete empty;
}

}  // namespace
