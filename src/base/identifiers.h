// Stable identifiers made from text: slugs for ids and paths, hashes for opaque keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace confab {

/// 64-bit FNV-1a, fed piece by piece: a fast hash, stable across runs and machines, for ids and
/// change detection — not for security.
class Fnv1a {
 public:
  void add(unsigned char byte) { hash_ = (hash_ ^ byte) * 1099511628211ULL; }
  void add(std::string_view bytes) {
    for (const unsigned char byte : bytes) add(byte);
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;  // the offset basis
};

/// FNV-1a of `bytes` in one call.
std::uint64_t fnv1a64(std::string_view bytes);

/// A hash as 16 lower-case hex digits.
std::string hex16(std::uint64_t hash);

/// `digits` lower-case hex digits of fnv1a64(bytes), from its high end.
std::string short_hash(std::string_view bytes, int digits = 10);

/// "Bring the Love Back: What's Next?" -> "bring-the-love-back-what-s-next". ASCII letters and
/// digits only (accented Latin letters lose their accent), at most `max_length` characters,
/// never empty ("item" when nothing is left), never "." or "..".
std::string slugify(std::string_view text, std::size_t max_length = 60);

}  // namespace confab
