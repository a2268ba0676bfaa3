#include "parse/entry_id.h"

#include <cstdint>
#include <string_view>

namespace confab {
namespace {

// FNV-1a, 64-bit: tiny, fast, and stable by definition (no seed, no platform dependence).
std::uint64_t fnv1a64(std::uint64_t hash, std::string_view text) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::string content_hash_id(const Entry& entry) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  hash = fnv1a64(hash, entry.title);
  hash = fnv1a64(hash, "\x1f");  // a separator, so ("ab","c") and ("a","bc") differ
  hash = fnv1a64(hash, entry.content.empty() ? entry.summary : entry.content);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "urn:confab:fnv1a64:";
  for (int shift = 60; shift >= 0; shift -= 4) id.push_back(kHex[(hash >> shift) & 0xF]);
  return id;
}

void assign_entry_id(Entry& entry) {
  if (!entry.id.empty()) return;
  entry.id = entry.link.empty() ? content_hash_id(entry) : entry.link;
}

}  // namespace confab
