// The attributes of a start tag, read from its text the way gumbo's tokenizer reads them, and
// compared the way gumbo's Noah's-ark clause compares formatting elements.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace confab {

/// The raw value (quotes removed, character references left as written) of the first attribute
/// called `name` (ASCII case-insensitive) in `attributes`, the text between a tag's name and
/// its '>'. The tokenizer's attribute states decide what is an attribute, so a quoted
/// "type=hidden" inside another attribute's value is not one.
std::optional<std::string_view> attribute_value(std::string_view attributes, std::string_view name);

/// Whether gumbo would find two start tags' attributes identical: the same set of names
/// (lower-cased, the first of duplicates kept) with the same values once decoded.
enum class Sameness { different, same, maybe };

/// What the comparison needs of one tag's attributes, computed once per tag: a hash of the set
/// and whether the raw text says everything. It does not when a name or value holds bytes
/// gumbo rewrites before comparing ('&' starts a character reference; CR, NUL and non-ASCII
/// bytes may be normalized or replaced), or when there are too many attributes to compare
/// cheaply; two such tags can be identical to gumbo without being equal here.
struct AttributeIdentity {
  std::uint64_t hash = 0;
  bool certain = true;

  static AttributeIdentity of(std::string_view attributes);
};

Sameness compare_attributes(std::string_view a, const AttributeIdentity& a_identity,
                            std::string_view b, const AttributeIdentity& b_identity);

}  // namespace confab
