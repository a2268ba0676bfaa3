#include "fetch/snapshot.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "base/identifiers.h"
#include "base/strings.h"
#include "base/url.h"

namespace confab {

namespace {

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 404:
      return "Not Found";
    case 410:
      return "Gone";
    case 500:
      return "Internal Server Error";
    default:
      return "Status";
  }
}

}  // namespace

FetchResult parse_recorded_response(const std::string& bytes, const std::string& origin) {
  FetchResult result;
  std::size_t pos = 0;
  auto next_line = [&](std::string& line) {
    if (pos >= bytes.size()) return false;
    auto end = bytes.find('\n', pos);
    if (end == std::string::npos) end = bytes.size();
    line = bytes.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    pos = end + 1;
    return true;
  };
  std::string line;
  if (!next_line(line) || line.rfind("HTTP/", 0) != 0) {
    throw std::runtime_error(origin + ":1: not a recorded response (expected 'HTTP/1.1 STATUS')");
  }
  const auto space = line.find(' ');
  if (space == std::string::npos ||
      std::sscanf(line.c_str() + space + 1, "%d", &result.status) != 1) {
    throw std::runtime_error(origin + ":1: malformed status line '" + line + "'");
  }
  int line_number = 1;
  while (next_line(line)) {
    ++line_number;
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
      throw std::runtime_error(origin + ":" + std::to_string(line_number) +
                               ": malformed header line '" + line + "'");
    }
    result.headers.emplace_back(trim_space(line.substr(0, colon)),
                                trim_space(line.substr(colon + 1)));
  }
  result.body = pos < bytes.size() ? bytes.substr(pos) : "";
  return result;
}

std::string format_recorded_response(const FetchResult& result) {
  std::string out =
      "HTTP/1.1 " + std::to_string(result.status) + " " + reason_phrase(result.status) + "\n";
  for (const auto& [name, value] : result.headers) out += name + ": " + value + "\n";
  out += "\n";
  out += result.body;
  return out;
}

std::map<std::string, std::filesystem::path> read_snapshot_index(const std::filesystem::path& dir) {
  std::map<std::string, std::filesystem::path> index;
  const auto index_path = dir / "index.tsv";
  std::ifstream in(index_path);
  if (!in) return index;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim_space(line).empty() || trim_space(line)[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) {
      throw std::runtime_error(index_path.string() + ":" + std::to_string(line_number) +
                               ": expected 'URL<TAB>FILE'");
    }
    index[std::string(trim_space(line.substr(0, tab)))] = dir / trim_space(line.substr(tab + 1));
  }
  return index;
}

std::string snapshot_file_name(const std::string& url) {
  // The hash keeps names unique when two URLs flatten to the same readable text.
  std::string host = url_host(url);
  if (host.empty()) host = "local";
  std::string readable;
  const auto parts = parse_url(url);
  const std::string rest = parts ? parts->path + (parts->has_query ? "?" + parts->query : "") : url;
  for (char c : rest) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    if (safe) {
      readable += c;
    } else if (!readable.empty() && readable.back() != '-') {
      readable += '-';
    }
    if (readable.size() >= 60) break;
  }
  while (!readable.empty() && (readable.back() == '-' || readable.back() == '.'))
    readable.pop_back();
  while (!readable.empty() && (readable.front() == '-' || readable.front() == '.')) {
    readable.erase(readable.begin());
  }
  if (readable.empty()) readable = "index";
  return host + "/" + readable + "-" + short_hash(url, 8) + ".http";
}

}  // namespace confab
