// Stable identifiers made from text: slugs for ids and paths, hashes for opaque keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace confab {

/// 64-bit FNV-1a: a fast, stable (across runs and machines) hash for ids, not for security.
std::uint64_t fnv1a64(std::string_view bytes);

/// `digits` lower-case hex digits of fnv1a64(bytes), from its high end.
std::string short_hash(std::string_view bytes, int digits = 10);

/// "Bring the Love Back: What's Next?" -> "bring-the-love-back-what-s-next". ASCII letters and
/// digits only (accented Latin letters lose their accent), at most `max_length` characters,
/// never empty ("item" when nothing is left), never "." or "..".
std::string slugify(std::string_view text, std::size_t max_length = 60);

}  // namespace confab
