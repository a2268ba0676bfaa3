// A keyed 128-bit hash of a file's bytes, to tell whether a file changed without keeping or
// re-reading its old bytes. Not a cryptographic hash: the key (random, kept private beside the
// output) is what keeps outsiders from making two contents collide on purpose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace confab {

struct ContentHash {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  bool operator==(const ContentHash&) const = default;
};

/// Reads 8 bytes at a time on two independent lanes (about 5 GB/s on one core); the size is
/// mixed in, so contents that differ only by trailing zero bytes differ.
ContentHash hash_content(std::string_view bytes, std::uint64_t key);

/// hash_content over bytes that come in pieces (a file written as it is made): the same hash
/// however the bytes are cut.
class ContentHasher {
 public:
  explicit ContentHasher(std::uint64_t key);
  void add(std::string_view piece);
  /// For hashing records field by field: a number as 8 bytes (little-endian), and a text after
  /// its size, so that "ab" + "c" and "a" + "bc" hash apart.
  void add_number(std::uint64_t number);
  void add_text(std::string_view text);
  /// Another hash, as its two numbers: a record holding what was hashed apart.
  void add_hash(const ContentHash& hash);
  /// The hash of everything added; the hasher is spent.
  ContentHash finish();

 private:
  void mix(std::uint64_t word);

  std::uint64_t first_, second_;
  std::uint64_t size_ = 0;
  char pending_[8] = {};  ///< the bytes of a word not yet whole
  std::size_t pending_size_ = 0;
};

/// A key for hash_content, from the system's random source (never 0): kept beside what it
/// hashes and never published, it keeps outsiders from aiming at a collision.
std::uint64_t random_hash_key();

/// 32 lowercase hexadecimal digits, and back (nullopt unless exactly that).
std::string to_hex(const ContentHash& hash);
std::optional<ContentHash> content_hash_from_hex(std::string_view text);

}  // namespace confab
