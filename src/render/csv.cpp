#include "render/csv.h"

namespace confab {

namespace {

bool needs_quotes(std::string_view text) {
  if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) return true;
  // One pass (find_first_of with a set of four calls memchr on the set for every byte).
  for (const char c : text) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

void append_csv_field(std::string& out, std::string_view text) {
  if (!needs_quotes(text)) {
    out += text;
    return;
  }
  out += '"';
  // What lies between quotes goes in whole; each quote is doubled.
  std::size_t from = 0;
  for (std::size_t quote = text.find('"'); quote != std::string_view::npos;
       quote = text.find('"', quote + 1)) {
    out.append(text.substr(from, quote + 1 - from));
    out += '"';
    from = quote + 1;
  }
  out.append(text.substr(from));
  out += '"';
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

std::string csv_defused(std::string text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    text.insert(text.begin(), '\'');
  }
  return text;
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  append_csv_row(out, fields);
  return out;
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += "\r\n";
}

}  // namespace confab
