#include "serve/content_type.h"

#include <array>
#include <string_view>
#include <utility>

#include "base/ascii.h"

namespace confab {

namespace {

// What a static site holds; the text types are UTF-8 because confab writes UTF-8.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json"},
    {".xml", "application/xml"},
    {".rss", "application/rss+xml"},
    {".atom", "application/atom+xml"},
    {".txt", "text/plain; charset=utf-8"},
    {".md", "text/markdown; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".avif", "image/avif"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".pdf", "application/pdf"},
    {".mp4", "video/mp4"},
    {".webm", "video/webm"},
}};

}  // namespace

std::string content_type_for(const std::filesystem::path& file) {
  const std::string extension = lower(file.extension().string());
  for (const auto& [known, type] : kTypes) {
    if (extension == known) return std::string(type);
  }
  return "application/octet-stream";
}

bool is_html_type(const std::string& content_type) {
  return content_type.starts_with("text/html");
}

}  // namespace confab
