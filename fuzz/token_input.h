// How the token-driven fuzz targets read their input: raw bytes rarely form the tag sequences
// that matter, so an input whose first byte is odd is read as a list of tokens, one byte each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

/// `data` as text (first byte even), or the tokens its bytes after the first pick. size >= 1.
template <std::size_t N>
std::string text_from_input(const std::uint8_t* data, std::size_t size,
                            const std::string_view (&tokens)[N]) {
  static_assert(N <= 256, "a byte must be able to pick any token");
  if (data[0] % 2 == 0) return std::string(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string text;
  for (std::size_t k = 1; k < size; ++k) text += tokens[data[k] % N];
  return text;
}
