#include "parse/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <uchardet/uchardet.h>

#include <array>
#include <cstring>
#include <memory>
#include <optional>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/ascii.h"
#include "base/strings.h"
#include "parse/html_entities.h"

namespace confab {
namespace {

/// An iconv conversion descriptor to UTF-8, closed on destruction.
class IconvToUtf8 {
 public:
  explicit IconvToUtf8(const std::string& from) : handle_(iconv_open("UTF-8", from.c_str())) {}
  ~IconvToUtf8() {
    if (valid()) iconv_close(handle_);
  }
  IconvToUtf8(const IconvToUtf8&) = delete;
  IconvToUtf8& operator=(const IconvToUtf8&) = delete;

  bool valid() const { return handle_ != reinterpret_cast<iconv_t>(-1); }

  /// Converts all of `input`; on an invalid or truncated sequence returns its offset, unless
  /// `lone_bytes_as_latin1` (windows-1252 leaves five bytes undefined; browsers map them to
  /// U+0080..U+009F, and so do we).
  std::optional<std::size_t> convert(std::string_view input, std::string& out,
                                     bool lone_bytes_as_latin1) {
    out.clear();
    out.resize(input.size() + input.size() / 2 + 16);
    char* in = const_cast<char*>(input.data());
    std::size_t in_left = input.size();
    std::size_t written = 0;
    while (in_left > 0) {
      char* out_ptr = out.data() + written;
      std::size_t out_left = out.size() - written;
      const std::size_t result = iconv(handle_, &in, &in_left, &out_ptr, &out_left);
      written = out.size() - out_left;
      if (result != static_cast<std::size_t>(-1)) break;
      if (errno == E2BIG) {
        out.resize(out.size() * 2);
        continue;
      }
      const std::size_t offset = input.size() - in_left;
      if (errno == EILSEQ && lone_bytes_as_latin1) {
        std::string replacement;
        append_utf8(replacement, static_cast<unsigned char>(*in));
        out.resize(std::max(out.size(), written + replacement.size() + in_left * 3 + 16));
        std::memcpy(out.data() + written, replacement.data(), replacement.size());
        written += replacement.size();
        ++in;
        --in_left;
        continue;
      }
      out.clear();
      return offset;
    }
    out.resize(written);
    return std::nullopt;
  }

 private:
  iconv_t handle_;
};

struct UchardetDeleter {
  void operator()(uchardet_t detector) const { uchardet_delete(detector); }
};

/// uchardet's guess for `bytes`, lower-cased; "" when it has none.
std::string detect_encoding(std::string_view bytes) {
  std::unique_ptr<uchardet, UchardetDeleter> detector(uchardet_new());
  if (!detector) return {};
  if (uchardet_handle_data(detector.get(), bytes.data(), bytes.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* charset = uchardet_get_charset(detector.get());
  return charset ? lower(charset) : std::string();
}

// windows-1252's 0x80..0x9F; the rest of its upper half is Latin-1.
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/// Length of the valid UTF-8 sequence at `pos`, 0 if invalid (RFC 3629: no overlongs,
/// no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  if (static_cast<unsigned char>(text[pos]) < 0x80) return 1;
  bool complete = false;
  const std::size_t length = utf8_sequence(text.substr(pos), complete);
  return complete ? length : 0;
}

/// UTF-8 where valid, each other byte read as windows-1252: right for Latin-1 documents and
/// for the common mix of UTF-8 with a few pasted windows-1252 bytes.
std::string decode_utf8_with_windows1252_fallback(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t length = utf8_sequence_length(bytes, pos);
    if (length > 0) {
      out.append(bytes.substr(pos, length));
      pos += length;
      continue;
    }
    const unsigned char byte = static_cast<unsigned char>(bytes[pos++]);
    append_utf8(out, byte < 0xA0 ? kWindows1252High[byte - 0x80] : byte);
  }
  return out;
}

struct Utf8Census {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
};

Utf8Census count_utf8(std::string_view bytes) {
  Utf8Census census;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t length = utf8_sequence_length(bytes, pos);
    if (length == 0) {
      ++census.invalid;
      ++pos;
    } else {
      if (length > 1) ++census.multibyte;
      pos += length;
    }
  }
  return census;
}

struct Candidate {
  std::string encoding;  // canonical
  std::string source;    // "Content-Type", "XML declaration", ...
};

struct Bom {
  std::string encoding;
  std::size_t length = 0;
};

Bom detect_bom(std::string_view bytes) {
  const auto starts = [&](std::string_view prefix) { return bytes.starts_with(prefix); };
  using namespace std::string_view_literals;
  if (starts("\xEF\xBB\xBF"sv)) return {"utf-8", 3};
  if (starts("\xFF\xFE\x00\x00"sv)) return {"utf-32le", 4};
  if (starts("\x00\x00\xFE\xFF"sv)) return {"utf-32be", 4};
  if (starts("\xFF\xFE"sv)) return {"utf-16le", 2};
  if (starts("\xFE\xFF"sv)) return {"utf-16be", 2};
  return {};
}

/// Decodes strictly with one encoding; nullopt (and the failing offset) when it cannot.
std::optional<Utf8Text> try_decode(std::string_view bytes, const std::string& encoding,
                                   std::string& failure) {
  if (encoding == "utf-8") {
    const std::size_t invalid = find_invalid_utf8(bytes);
    if (invalid == std::string_view::npos) {
      Utf8Text text = Utf8Text::borrow(bytes);
      text.encoding = encoding;
      return text;
    }
    failure = "invalid byte at offset " + std::to_string(invalid);
    return std::nullopt;
  }
  IconvToUtf8 converter(encoding);
  if (!converter.valid()) {
    failure = "unknown encoding";
    return std::nullopt;
  }
  std::string out;
  if (const auto offset = converter.convert(bytes, out, encoding == "windows-1252")) {
    failure = "invalid byte at offset " + std::to_string(*offset);
    return std::nullopt;
  }
  Utf8Text text = Utf8Text::own(std::move(out));
  text.encoding = encoding;
  return text;
}

/// Decodes `bytes` (BOM already removed) with the first candidate that works; see decode_xml.
Utf8Text decode_with(std::string_view bytes, const std::vector<Candidate>& candidates,
                     std::vector<std::string>& warnings) {
  std::string first_failure;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    std::string failure;
    auto decoded = try_decode(bytes, candidates[i].encoding, failure);
    if (decoded && candidates[i].encoding == "windows-1252" && i == 0) {
      // A feed that says Latin-1 but whose bytes are valid UTF-8 with non-ASCII text is a
      // UTF-8 feed with a stale declaration: Latin-1 text almost never forms valid UTF-8.
      const Utf8Census census = count_utf8(bytes);
      if (census.invalid == 0 && census.multibyte > 0) {
        warnings.push_back("encoding " + candidates[0].encoding + " (" + candidates[0].source +
                           ") is declared but the bytes are UTF-8; read them as UTF-8");
        Utf8Text text = Utf8Text::borrow(bytes);
        text.encoding = "utf-8";
        return text;
      }
    }
    if (decoded) {
      if (i > 0) {
        warnings.push_back(first_failure + "; read it as " + candidates[i].encoding + " (" +
                           candidates[i].source + ") instead");
      }
      return std::move(*decoded);
    }
    if (i == 0) {
      first_failure = "encoding " + candidates[0].encoding + " (" + candidates[0].source +
                      ") does not decode the document (" + failure + ")";
    }
  }
  // Nothing declared works. Mostly-UTF-8 text with stray bytes is best read byte by byte;
  // otherwise ask uchardet.
  const Utf8Census census = count_utf8(bytes);
  const bool mostly_utf8 = census.multibyte > 0 && census.multibyte * 2 >= census.invalid;
  if (!mostly_utf8) {
    const std::string detected = canonical_encoding_name(detect_encoding(bytes));
    std::string failure;
    if (!detected.empty() && detected != "utf-8" && detected != "ascii") {
      if (auto decoded = try_decode(bytes, detected, failure)) {
        warnings.push_back(first_failure + "; detected " + detected + " and read it as that");
        return std::move(*decoded);
      }
    }
  }
  warnings.push_back(first_failure +
                     "; read it as UTF-8 with the invalid bytes taken as windows-1252");
  Utf8Text text = Utf8Text::own(decode_utf8_with_windows1252_fallback(bytes));
  text.encoding = "utf-8";
  return text;
}

void add_candidate(std::vector<Candidate>& candidates, const std::string& label,
                   const char* source) {
  if (label.empty()) return;
  const std::string encoding = canonical_encoding_name(label);
  for (const auto& existing : candidates) {
    if (existing.encoding == encoding) return;
  }
  candidates.push_back({encoding, source});
}

/// UTF-16 without a BOM still starts with '<' as a 16-bit unit (XML 1.0 appendix F).
std::string sniff_utf16(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.starts_with("<\0?\0"sv)) return "utf-16le";
  if (bytes.starts_with("\0<\0?"sv)) return "utf-16be";
  return {};
}

Utf8Text decode_document(std::string_view bytes, std::string_view content_type,
                         const std::string& in_document, const char* in_document_source,
                         std::vector<std::string>& warnings) {
  const Bom bom = detect_bom(bytes);
  std::vector<Candidate> candidates;
  if (!bom.encoding.empty()) {
    bytes.remove_prefix(bom.length);
    candidates.push_back({bom.encoding, "byte order mark"});
  } else {
    add_candidate(candidates, charset_from_content_type(content_type), "Content-Type");
    add_candidate(candidates, sniff_utf16(bytes), "UTF-16 byte pattern");
    add_candidate(candidates, in_document, in_document_source);
  }
  // Whatever is declared, UTF-8 is what nearly every feed really is.
  add_candidate(candidates, "utf-8", candidates.empty() ? "default" : "fallback");
  return decode_with(bytes, candidates, warnings);
}

/// The value of `name="value"` (or 'value') after `pos`, within `text`.
std::string attribute_value(std::string_view text, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = text.find(name, pos)) != std::string_view::npos) {
    pos += name.size();
    while (pos < text.size() && is_html_space(text[pos])) ++pos;
    if (pos >= text.size() || text[pos] != '=') continue;
    ++pos;
    while (pos < text.size() && is_html_space(text[pos])) ++pos;
    if (pos >= text.size()) break;
    const char quote = text[pos];
    if (quote == '"' || quote == '\'') {
      const std::size_t end = text.find(quote, pos + 1);
      if (end == std::string_view::npos) break;
      return std::string(text.substr(pos + 1, end - pos - 1));
    }
    std::size_t end = pos;
    while (end < text.size() && !is_html_space(text[end]) && text[end] != '>' && text[end] != ';' &&
           text[end] != '/' && text[end] != '"' && text[end] != '\'') {
      ++end;
    }
    return std::string(text.substr(pos, end - pos));
  }
  return {};
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t pos = 0;
  const std::size_t size = text.size();
  while (pos < size) {
    // ASCII runs are the common case: test sixteen (or eight) bytes at once.
#ifdef __SSE2__
    if (pos + 16 <= size && _mm_movemask_epi8(_mm_loadu_si128(
                                reinterpret_cast<const __m128i*>(text.data() + pos))) == 0) {
      pos += 16;
      continue;
    }
#endif
    if (pos + 8 <= size) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + pos, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        pos += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, pos);
    if (length == 0) return pos;
    pos += length;
  }
  return std::string_view::npos;
}

std::string charset_from_content_type(std::string_view content_type) {
  const std::string lowered = lower(content_type);
  const std::size_t at = lowered.find("charset");
  if (at == std::string::npos) return {};
  std::string value = attribute_value(std::string_view(lowered).substr(at), "charset");
  return value;
}

std::string xml_declared_encoding(std::string_view bytes) {
  // Usually at offset 0; a little stray output before it is tolerated (see xml_repair).
  const std::size_t start = bytes.substr(0, 1024).find("<?xml");
  if (start == std::string_view::npos) return {};
  const std::size_t end = bytes.find("?>", start);
  if (end == std::string_view::npos) return {};
  return lower(attribute_value(bytes.substr(start, end - start), "encoding"));
}

std::string html_meta_charset(std::string_view bytes) {
  const std::string head = lower(bytes.substr(0, 1024));
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const std::size_t end = head.find('>', pos);
    const std::string_view tag = std::string_view(head).substr(
        pos, end == std::string::npos ? std::string::npos : end - pos);
    pos += 5;
    std::string charset = attribute_value(tag, "charset");
    if (!charset.empty()) return charset;
  }
  return {};
}

std::string canonical_encoding_name(std::string_view label) {
  std::string name = lower(label);
  while (!name.empty() &&
         (is_html_space(name.back()) || name.back() == '"' || name.back() == '\'')) {
    name.pop_back();
  }
  while (!name.empty() &&
         (is_html_space(name.front()) || name.front() == '"' || name.front() == '\'')) {
    name.erase(0, 1);
  }
  if (name == "utf8" || name == "utf-8" || name == "unicode-1-1-utf-8" ||
      name == "x-unicode20utf8") {
    return "utf-8";
  }
  static constexpr std::string_view kWindows1252Labels[] = {
      "windows-1252",    "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1",  "iso_8859-1",
      "iso-8859-1:1987", "latin1", "latin-1",  "l1",         "us-ascii",   "ascii",
      "ansi_x3.4-1968",  "cp819",  "ibm819",   "iso-ir-100", "csisolatin1"};
  for (std::string_view alias : kWindows1252Labels) {
    if (name == alias) return "windows-1252";
  }
  if (name == "gb2312" || name == "gb_2312-80" || name == "x-gbk" || name == "chinese") {
    return "gbk";
  }
  return name;
}

Utf8Text decode_xml(std::string_view bytes, std::string_view content_type,
                    std::vector<std::string>& warnings) {
  return decode_document(bytes, content_type, xml_declared_encoding(bytes), "XML declaration",
                         warnings);
}

Utf8Text decode_html(std::string_view bytes, std::string_view content_type,
                     std::vector<std::string>& warnings) {
  return decode_document(bytes, content_type, html_meta_charset(bytes), "<meta charset>", warnings);
}

}  // namespace confab
