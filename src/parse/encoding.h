// Character encodings: find what a document is written in and turn it into UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace confab {

/// UTF-8 text that either borrows the input (it was UTF-8 already: no copy) or owns a
/// transcoded copy. Move-only use is fine; `view()` is valid while the object and the
/// borrowed input live.
class Utf8Text {
 public:
  static Utf8Text borrow(std::string_view text) {
    Utf8Text result;
    result.borrowed_ = text;
    return result;
  }
  static Utf8Text own(std::string text) {
    Utf8Text result;
    result.owned_ = std::move(text);
    result.is_owned_ = true;
    return result;
  }
  std::string_view view() const { return is_owned_ ? std::string_view(owned_) : borrowed_; }

  std::string encoding;  ///< the encoding the bytes were read as, e.g. "utf-8", "windows-1252"

 private:
  std::string_view borrowed_;
  std::string owned_;
  bool is_owned_ = false;
};

/// The charset parameter of a Content-Type header, lower-cased; "" if none.
std::string charset_from_content_type(std::string_view content_type);

/// The encoding named in an XML declaration at the start of `bytes`; "" if none.
std::string xml_declared_encoding(std::string_view bytes);

/// The charset of an HTML page's <meta charset> or <meta http-equiv> in its first 1024 bytes.
std::string html_meta_charset(std::string_view bytes);

/// A label as iconv should see it, folding the labels WHATWG treats as the same encoding
/// (ISO-8859-1 and US-ASCII are read as windows-1252, GB2312 as GBK).
std::string canonical_encoding_name(std::string_view label);

/// Decodes an XML document: the BOM wins, then the Content-Type charset, then the XML
/// declaration, then UTF-8. If the chosen encoding does not decode, the other declared ones
/// and uchardet's guess are tried, and a warning says what was done. Always returns valid UTF-8
/// (bytes nothing decodes are read as windows-1252) without a BOM.
Utf8Text decode_xml(std::string_view bytes, std::string_view content_type,
                    std::vector<std::string>& warnings);

/// The same for an HTML page, whose in-document declaration is <meta charset>.
Utf8Text decode_html(std::string_view bytes, std::string_view content_type,
                     std::vector<std::string>& warnings);

/// Offset of the first byte that is not part of valid UTF-8, or npos.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace confab
