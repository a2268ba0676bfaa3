#include "parse/sniff.h"

#include "base/ascii.h"

namespace confab {
namespace {

bool is_name_start(char c) {
  return is_alpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_name_char(char c) {
  return is_name_start(c) || is_digit(c) || c == '-' || c == '.' || c == ':';
}

std::string binary_signature(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.starts_with("\x89PNG"sv)) return "PNG image";
  if (bytes.starts_with("GIF8"sv)) return "GIF image";
  if (bytes.starts_with("\xFF\xD8\xFF"sv)) return "JPEG image";
  if (bytes.starts_with("RIFF"sv) && bytes.substr(8, 4) == "WEBP") return "WebP image";
  if (bytes.starts_with("%PDF"sv)) return "PDF document";
  if (bytes.starts_with("\x1F\x8B"sv)) return "gzip data";
  if (bytes.starts_with("PK\x03\x04"sv)) return "zip archive";
  if (bytes.starts_with("ID3"sv)) return "MP3 audio";
  return {};
}

/// The head of the document with UTF-16's zero bytes squeezed out (markup is ASCII): a view of
/// `bytes` itself, or of `storage` when squeezing was needed.
std::string_view ascii_head(std::string_view bytes, std::string& storage) {
  using namespace std::string_view_literals;
  std::string_view head = bytes.substr(0, 4096);
  const bool utf16 = head.starts_with("\xFF\xFE"sv) || head.starts_with("\xFE\xFF"sv) ||
                     head.starts_with("<\0"sv) || head.starts_with("\0<"sv);
  if (head.starts_with("\xEF\xBB\xBF"sv)) head.remove_prefix(3);
  if (!utf16) return head;
  for (char c : head.substr(2)) {
    if (c != '\0') storage.push_back(c);
  }
  return storage;
}

}  // namespace

Sniffed sniff_document(std::string_view bytes) {
  Sniffed result;
  std::size_t first = 0;
  while (first < bytes.size() && is_html_space(bytes[first])) ++first;
  if (first == bytes.size()) {
    result.kind = DocumentKind::empty;
    return result;
  }
  if (std::string signature = binary_signature(bytes); !signature.empty()) {
    result.kind = DocumentKind::binary;
    result.detail = std::move(signature);
    return result;
  }
  std::string storage;
  const std::string_view head = ascii_head(bytes, storage);
  if (head.find('\0') != std::string_view::npos) {
    result.kind = DocumentKind::binary;
    result.detail = "binary data";
    return result;
  }
  std::size_t pos = 0;
  while (pos < head.size() && is_html_space(head[pos])) ++pos;
  if (pos < head.size() && (head[pos] == '{' || head[pos] == '[')) {
    result.kind = DocumentKind::json;
    return result;
  }
  // Skip the prolog (declaration, comments, doctype) and any stray text to the first element.
  bool html_doctype = false;
  while ((pos = head.find('<', pos)) != std::string_view::npos) {
    const std::string_view rest = head.substr(pos);
    if (rest.starts_with("<?")) {
      const std::size_t end = head.find("?>", pos);
      if (end == std::string_view::npos) break;
      pos = end + 2;
    } else if (rest.starts_with("<!--")) {
      const std::size_t end = head.find("-->", pos);
      if (end == std::string_view::npos) break;
      pos = end + 3;
    } else if (rest.starts_with("<!")) {
      // An HTML doctype decides only if the root does not: some feeds carry a stray one.
      html_doctype = html_doctype || lower(rest.substr(0, 14)).starts_with("<!doctype html");
      const std::size_t end = head.find('>', pos);
      if (end == std::string_view::npos) break;
      pos = end + 1;
    } else if (rest.size() > 1 && is_name_start(rest[1])) {
      std::size_t end = 1;
      while (end < rest.size() && is_name_char(rest[end])) ++end;
      result.root = std::string(rest.substr(1, end - 1));
      const std::string_view local =
          std::string_view(result.root).substr(result.root.find(':') + 1);
      const bool feed_root =
          local == "rss" || local == "feed" || local == "RDF" || local == "entry";
      result.kind = lower(result.root) == "html" || (html_doctype && !feed_root)
                        ? DocumentKind::html
                        : DocumentKind::xml;
      return result;
    } else {
      ++pos;
    }
  }
  if (html_doctype) {
    result.kind = DocumentKind::html;
    result.root = "html";
    return result;
  }
  result.kind = DocumentKind::text;
  return result;
}

}  // namespace confab
