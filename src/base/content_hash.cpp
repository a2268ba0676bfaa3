#include "base/content_hash.h"

#include <algorithm>
#include <cstring>
#include <random>

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

ContentHasher::ContentHasher(std::uint64_t key)
    : first_(avalanche(key ^ kPrime1)), second_(avalanche(key + kPrime2)) {}

void ContentHasher::mix(std::uint64_t word) {
  first_ = rotate_left((first_ ^ word) * kPrime1, 29);
  second_ = rotate_left(second_ + word * kPrime2, 31) * kPrime1;
}

void ContentHasher::add(std::string_view piece) {
  if (piece.empty()) return;  // its data() may be null, which memcpy must not be given
  size_ += piece.size();
  std::size_t at = 0;
  if (pending_size_ > 0) {
    const std::size_t taken = std::min(piece.size(), sizeof pending_ - pending_size_);
    std::memcpy(pending_ + pending_size_, piece.data(), taken);
    pending_size_ += taken;
    at = taken;
    if (pending_size_ < sizeof pending_) return;
    mix(load_word(pending_));
    pending_size_ = 0;
  }
  for (; at + 8 <= piece.size(); at += 8) mix(load_word(piece.data() + at));
  pending_size_ = piece.size() - at;
  if (pending_size_ > 0) std::memcpy(pending_, piece.data() + at, pending_size_);
}

void ContentHasher::add_number(std::uint64_t number) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(number >> (8 * i));
  if (pending_size_ == 0) {  // what add() does with a whole word, without its steps
    size_ += sizeof bytes;
    mix(load_word(bytes));
    return;
  }
  add(std::string_view(bytes, sizeof bytes));
}

void ContentHasher::add_hash(const ContentHash& hash) {
  add_number(hash.high);
  add_number(hash.low);
}

void ContentHasher::add_text(std::string_view text) {
  add_number(text.size());
  add(text);
}

ContentHash ContentHasher::finish() {
  // The last word, padded with zero bytes (a whole one when none is pending): the size mixed
  // in below tells those zeros from real ones.
  std::uint64_t tail = 0;
  std::memcpy(&tail, pending_, pending_size_);
  mix(tail);
  return {avalanche(first_ ^ avalanche(second_ + size_)),
          avalanche(second_ ^ rotate_left(first_, 17) ^ size_)};
}

std::uint64_t random_hash_key() {
  std::random_device random;
  std::uint64_t key = 0;
  while (key == 0) key = (std::uint64_t{random()} << 32) ^ random();
  return key;
}

ContentHash hash_content(std::string_view bytes, std::uint64_t key) {
  ContentHasher hasher(key);
  hasher.add(bytes);
  return hasher.finish();
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
