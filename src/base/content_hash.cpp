#include "base/content_hash.h"

#include <cstring>

namespace confab {

namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B97F4A7C15ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;

constexpr std::uint64_t rotate_left(std::uint64_t value, int bits) {
  return (value << bits) | (value >> (64 - bits));
}

/// splitmix64's finaliser: every input bit reaches every output bit.
constexpr std::uint64_t avalanche(std::uint64_t value) {
  value ^= value >> 30;
  value *= 0xBF58476D1CE4E5B9ULL;
  value ^= value >> 27;
  value *= 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

std::uint64_t load_word(const char* at) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  return word;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

ContentHash hash_content(std::string_view bytes, std::uint64_t key) {
  std::uint64_t first = avalanche(key ^ kPrime1);
  std::uint64_t second = avalanche(key + kPrime2);
  std::size_t at = 0;
  for (; at + 8 <= bytes.size(); at += 8) {
    const std::uint64_t word = load_word(bytes.data() + at);
    first = rotate_left((first ^ word) * kPrime1, 29);
    second = rotate_left(second + word * kPrime2, 31) * kPrime1;
  }
  std::uint64_t tail = 0;
  if (at < bytes.size()) std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
  first = rotate_left((first ^ tail) * kPrime1, 29);
  second = rotate_left(second + tail * kPrime2, 31) * kPrime1;
  const std::uint64_t size = bytes.size();
  return {avalanche(first ^ avalanche(second + size)),
          avalanche(second ^ rotate_left(first, 17) ^ size)};
}

std::string to_hex(const ContentHash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(32, '0');
  for (int i = 0; i < 16; ++i) {
    text[15 - i] = kDigits[(hash.high >> (4 * i)) & 0xf];
    text[31 - i] = kDigits[(hash.low >> (4 * i)) & 0xf];
  }
  return text;
}

std::optional<ContentHash> content_hash_from_hex(std::string_view text) {
  if (text.size() != 32) return std::nullopt;
  ContentHash hash;
  for (std::size_t i = 0; i < 32; ++i) {
    const int digit = hex_value(text[i]);
    if (digit < 0) return std::nullopt;
    std::uint64_t& half = i < 16 ? hash.high : hash.low;
    half = (half << 4) | static_cast<std::uint64_t>(digit);
  }
  return hash;
}

}  // namespace confab
