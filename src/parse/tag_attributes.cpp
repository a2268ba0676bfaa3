#include "parse/tag_attributes.h"

#include <algorithm>
#include <array>
#include <cstddef>

#include "base/ascii.h"

namespace confab {
namespace {

// More attributes than this and two tags are only "maybe" identical: comparing them exactly
// would cost too much for what is, in real markup, never needed.
constexpr std::size_t kMaxCompared = 64;

struct Attribute {
  std::string_view name;
  std::string_view value;
};

// Calls visit(name, value) for each attribute, in order, duplicates included; stops when visit
// returns false.
template <typename Visit>
void for_each_attribute(std::string_view text, Visit visit) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && (is_html_space(text[i]) || text[i] == '/')) ++i;
    if (i == n) return;
    const std::size_t name_start = i++;  // the first character, even '=', belongs to the name
    while (i < n && !is_html_space(text[i]) && text[i] != '/' && text[i] != '=') ++i;
    const std::string_view name = text.substr(name_start, i - name_start);
    while (i < n && is_html_space(text[i])) ++i;
    std::string_view value;
    if (i < n && text[i] == '=') {
      ++i;
      while (i < n && is_html_space(text[i])) ++i;
      if (i < n && (text[i] == '"' || text[i] == '\'')) {
        const char quote = text[i++];
        const std::size_t end = std::min(text.find(quote, i), n);
        value = text.substr(i, end - i);
        i = end + 1;
      } else {
        const std::size_t start = i;
        while (i < n && !is_html_space(text[i])) ++i;
        value = text.substr(start, i - start);
      }
    }
    if (!visit(name, value)) return;
  }
}

// The attributes gumbo keeps (the first of each name), at most kMaxCompared; nothing when
// there are more.
struct AttributeSet {
  std::array<Attribute, kMaxCompared> items;
  std::size_t size = 0;
  bool complete = true;
};

AttributeSet kept_attributes(std::string_view text) {
  AttributeSet set;
  for_each_attribute(text, [&](std::string_view name, std::string_view value) {
    for (std::size_t k = 0; k < set.size; ++k) {
      if (iequals(set.items[k].name, name)) return true;
    }
    if (set.size == kMaxCompared) {
      set.complete = false;
      return false;
    }
    set.items[set.size++] = Attribute{name, value};
    return true;
  });
  return set;
}

bool rewritten_by_gumbo(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return c == '&' || c == '\r' || c == '\0' || static_cast<unsigned char>(c) >= 0x80;
  });
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash_of(const Attribute& attribute) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed
  for (const char c : attribute.name)
    h = (h ^ static_cast<unsigned char>(lower(c))) * 0x100000001b3ULL;
  h = (h ^ 0x100) * 0x100000001b3ULL;  // separates name from value
  for (const char c : attribute.value) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return mix(h);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_html_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_html_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string_view> attribute_value(std::string_view attributes,
                                                std::string_view name) {
  std::optional<std::string_view> found;
  for_each_attribute(attributes, [&](std::string_view attribute, std::string_view value) {
    if (!iequals(attribute, name)) return true;
    found = value;
    return false;
  });
  return found;
}

AttributeIdentity AttributeIdentity::of(std::string_view attributes) {
  AttributeIdentity identity;
  const AttributeSet set = kept_attributes(attributes);
  identity.certain = set.complete;
  for (std::size_t k = 0; k < set.size; ++k) {
    if (rewritten_by_gumbo(set.items[k].name) || rewritten_by_gumbo(set.items[k].value)) {
      identity.certain = false;
    }
    identity.hash += hash_of(set.items[k]);  // a sum: the order of attributes does not matter
  }
  return identity;
}

Sameness compare_attributes(std::string_view a, const AttributeIdentity& a_identity,
                            std::string_view b, const AttributeIdentity& b_identity) {
  if (a_identity.certain && b_identity.certain) {
    if (a_identity.hash != b_identity.hash) return Sameness::different;
  } else {
    // The same text reads the same to gumbo, whatever it holds; other text may or may not.
    return trimmed(a) == trimmed(b) ? Sameness::same : Sameness::maybe;
  }
  if (trimmed(a) == trimmed(b)) return Sameness::same;
  const AttributeSet left = kept_attributes(a);
  const AttributeSet right = kept_attributes(b);
  if (left.size != right.size) return Sameness::different;
  for (std::size_t i = 0; i < left.size; ++i) {
    const auto match = std::find_if(
        right.items.begin(), right.items.begin() + static_cast<std::ptrdiff_t>(right.size),
        [&](const Attribute& other) {
          return iequals(other.name, left.items[i].name) && other.value == left.items[i].value;
        });
    if (match == right.items.begin() + static_cast<std::ptrdiff_t>(right.size)) {
      return Sameness::different;
    }
  }
  return Sameness::same;
}

}  // namespace confab
