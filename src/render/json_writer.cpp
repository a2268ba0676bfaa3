#include "render/json_writer.h"

#include <charconv>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace confab {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

/// Bytes that may be copied without a look: printable ASCII other than '"' and '\\'.
constexpr bool is_plain(unsigned char byte) {
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

/// Quote, backslash or control character: the short escape where JSON has one, else \u00xx.
void append_ascii_escape(std::string& out, unsigned char byte) {
  switch (byte) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      const char escape[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xF]};
      out.append(escape, sizeof escape);
    }
  }
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i;
    while (run < text.size() && is_plain(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      append_ascii_escape(out, byte);
      ++i;
      continue;
    }
    bool complete = false;
    const std::size_t length = utf8_sequence(text.substr(i), complete);
    if (complete) {
      out.append(text.data() + i, length);
      i += length;
    } else {
      // One replacement per maximal invalid prefix; the byte that broke it starts over, as
      // nlohmann's replace handler does. A lead that cannot start anything is one byte.
      out += kReplacementCharacter;
      i += length == 0 ? 1 : length;
    }
  }
}

void JsonWriter::begin_object() {
  begin_container('{');
}
void JsonWriter::end_object() {
  end_container('}');
}
void JsonWriter::begin_array() {
  begin_container('[');
}
void JsonWriter::end_array() {
  end_container(']');
}

void JsonWriter::key(std::string_view name) {
  begin_value();  // the member's separator and indent, as for an array item
  out_ += '"';
  out_ += name;
  out_ += "\": ";
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  begin_value();
  out_ += '"';
  append_json_escaped(out_, text);
  out_ += '"';
}

void JsonWriter::null() {
  begin_value();
  out_ += "null";
}

void JsonWriter::boolean(bool value) {
  begin_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::integer(std::int64_t value) {
  begin_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
}

void JsonWriter::number(double value) {
  begin_value();
  // nlohmann's own float formatting (Grisu2, its exponent style), so the text cannot drift.
  out_ += nlohmann::json(value).dump();
}

std::string JsonWriter::take() {
  container_has_items_.clear();
  after_key_ = false;
  return std::exchange(out_, {});
}

void JsonWriter::begin_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (container_has_items_.empty()) return;  // the top-level value
  out_ += container_has_items_.back() ? ",\n" : "\n";
  container_has_items_.back() = true;
  indent(container_has_items_.size());
}

void JsonWriter::begin_container(char open) {
  begin_value();
  out_ += open;
  container_has_items_.push_back(false);
}

void JsonWriter::end_container(char close) {
  // Empty containers stay on one line ("[]", "{}"), as nlohmann writes them.
  if (container_has_items_.back()) {
    out_ += '\n';
    indent(container_has_items_.size() - 1);
  }
  out_ += close;
  container_has_items_.pop_back();
}

void JsonWriter::indent(std::size_t depth) {
  out_.append(2 * depth, ' ');
}

}  // namespace confab
