#include "serve/request_path.h"

#include <string>
#include <system_error>

namespace confab {

namespace fs = std::filesystem;

namespace {

bool is_inside(const fs::path& root, const fs::path& path) {
  auto r = root.begin();
  auto p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator on root
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

std::optional<fs::path> file_for_request(const fs::path& root, std::string_view decoded_path) {
  if (decoded_path.empty() || decoded_path.front() != '/') return std::nullopt;
  fs::path file = root;
  std::size_t start = 1;
  while (start <= decoded_path.size()) {
    std::size_t end = decoded_path.find('/', start);
    if (end == std::string_view::npos) end = decoded_path.size();
    const std::string_view segment = decoded_path.substr(start, end - start);
    start = end + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") return std::nullopt;
    for (const char c : segment) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte == 0x7f || c == '\\') return std::nullopt;
    }
    file /= std::string(segment);
  }
  // A symlink inside the output could still point elsewhere: compare real locations.
  std::error_code error;
  const fs::path real_root = fs::weakly_canonical(root, error);
  if (error) return std::nullopt;
  const fs::path real_file = fs::weakly_canonical(file, error);
  if (error || !is_inside(real_root, real_file)) return std::nullopt;
  return file;
}

std::string encode_path_segment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : segment) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0f];
    }
  }
  return encoded;
}

}  // namespace confab
