// Making a large file in pieces: a generator appends to its text as usual and, between items,
// hands what it holds to the stream (when there is one) once that is a piece's worth.
#pragma once

#include <string>

#include "render/render.h"

namespace confab {

/// Hands `text` over as a piece once it holds `stream`'s piece size, and empties it (keeping its
/// room for the next piece). Without a stream the file is made whole: nothing is done.
inline void hand_over_piece(std::string& text, OutputStream* stream) {
  if (stream && text.size() >= stream->piece_size()) {
    stream->append(text);
    text.clear();
  }
}

/// The end of the file: with a stream the rest is handed over and "" returned, else the whole
/// text is returned.
inline std::string hand_over_rest(std::string& text, OutputStream* stream) {
  if (!stream) return std::move(text);
  stream->append(text);
  text.clear();
  return {};
}

/// What to reserve for a file of about `whole` bytes: all of it when it is made whole (growing
/// by doubling would copy it and hold both copies), a piece and some when it goes in pieces.
inline std::size_t room_to_reserve(std::size_t whole, const OutputStream* stream) {
  return stream ? stream->piece_size() + 64 * 1024 : whole;
}

}  // namespace confab
