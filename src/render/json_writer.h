// Streams JSON text straight into a string, laid out byte for byte as
// nlohmann::json::dump(2, ' ', false, error_handler_t::replace) lays out the same tree, without
// building the tree first (for conversation.json, where the tree cost most of the time).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace confab {

class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// Starts an object member. The name is written as is: it must be plain ASCII that needs no
  /// escaping (the schema's own key names).
  void key(std::string_view name);

  /// UTF-8 text, escaped as nlohmann escapes it: \" \\ \b \f \n \r \t, other control characters
  /// as \u00xx, everything else (including '/' and non-ASCII) as is; each invalid UTF-8 sequence
  /// becomes U+FFFD.
  void string(std::string_view text);
  /// key(name), then string(text): most of a document's members.
  void member(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }
  void null();
  void boolean(bool value);
  void integer(std::int64_t value);
  /// Shortest round-trip form as nlohmann writes it (0.1, 1e-07, 2.0); NaN and infinity as null.
  void number(double value);

  /// Room for `bytes` of text, made at once: a file of tens of megabytes grown by doubling
  /// copies itself each time, and holds both copies while it does. Room never written to costs
  /// no memory, only address space.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }

  /// The text written so far; the writer is empty afterwards.
  std::string take();
  /// The text written so far, to hand over in pieces as it grows (emptying it is fine: the
  /// writer only ever appends).
  std::string& text() { return out_; }

 private:
  void begin_value();
  void begin_container(char open);
  void end_container(char close);
  void indent(std::size_t depth);

  std::string out_;
  std::vector<bool> container_has_items_;  ///< one entry per open object or array
  bool after_key_ = false;
};

/// Appends `text` to `out` escaped as JsonWriter::string does, without the quotes.
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace confab
