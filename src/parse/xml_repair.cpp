#include "parse/xml_repair.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <set>
#include <unordered_map>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/ascii.h"
#include "base/markup_escape.h"
#include "base/strings.h"
#include "parse/html_entities.h"

namespace confab {
namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_name_char(char c) {
  return is_name_start(c) || is_digit(c) || c == '-' || c == '.';
}
constexpr bool is_control(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Bytes that make the cleaning scan stop and look: markup, references and control characters.
constexpr std::array<bool, 256> kInteresting = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = is_control(static_cast<unsigned char>(c));
  table['&'] = true;
  table['<'] = true;
  return table;
}();

// Numeric references to 128..159 mean windows-1252 in practice (as in HTML).
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

/// Nonzero when some byte of `word` is below 0x20 (newlines included: callers recheck bytes).
constexpr std::uint64_t has_byte_below_space(std::uint64_t word) {
  return (word - kOnes * 0x20) & ~word & kHighs;
}
constexpr std::uint64_t has_byte(std::uint64_t word, char c) {
  const std::uint64_t v = word ^ (kOnes * static_cast<unsigned char>(c));
  return (v - kOnes) & ~v & kHighs;
}

/// Exact per-byte flags (no borrow between bytes): the high bit of each byte of the result is
/// set when that byte of `word` is below 0x20, resp. equal to `c`.
constexpr std::uint64_t bytes_below_space(std::uint64_t word) {
  constexpr std::uint64_t kLow7 = ~kHighs;
  return ~(((word & kLow7) + kOnes * 0x60) | word) & kHighs;
}
constexpr std::uint64_t bytes_equal(std::uint64_t word, char c) {
  constexpr std::uint64_t kLow7 = ~kHighs;
  const std::uint64_t v = word ^ (kOnes * static_cast<unsigned char>(c));
  return ~(((v & kLow7) + kLow7) | v) & kHighs;
}
/// Some byte is a control character, '&' or '<' — line breaks and tabs, which are in every
/// line of a feed, do not count, so a plain line is skipped eight bytes at a time.
constexpr std::uint64_t may_be_interesting(std::uint64_t word) {
  const std::uint64_t whitespace =
      bytes_equal(word, '\n') | bytes_equal(word, '\t') | bytes_equal(word, '\r');
  return (bytes_below_space(word) & ~whitespace) | bytes_equal(word, '&') | bytes_equal(word, '<');
}

/// The next position at or after `pos` whose byte satisfies `wanted` (or text.size()). Feeds
/// are mostly plain text, so words of eight bytes that `maybe` rules out are skipped at once.
template <typename Maybe, typename Wanted>
std::size_t scan(std::string_view text, std::size_t pos, Maybe maybe, Wanted wanted) {
  const std::size_t size = text.size();
  while (pos + 8 <= size) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + pos, 8);
    if (maybe(word)) {
      for (std::size_t i = 0; i < 8; ++i) {
        if (wanted(static_cast<unsigned char>(text[pos + i]))) return pos + i;
      }
    }
    pos += 8;
  }
  while (pos < size && !wanted(static_cast<unsigned char>(text[pos]))) ++pos;
  return pos;
}

/// The next '&', '<' or control character.
std::size_t skip_uninteresting(std::string_view text, std::size_t pos) {
#ifdef __SSE2__
  // Sixteen bytes at a time: this loop is most of the cleaning pass's cost.
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i lt = _mm_set1_epi8('<');
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i minus_one = _mm_set1_epi8(-1);
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  const std::size_t size = text.size();
  while (pos + 16 <= size) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    // Signed compare: bytes 0x00..0x1F are below 0x20 and above -1; UTF-8 bytes are negative.
    const __m128i control =
        _mm_and_si128(_mm_cmplt_epi8(bytes, space), _mm_cmpgt_epi8(bytes, minus_one));
    const __m128i whitespace =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, tab), _mm_cmpeq_epi8(bytes, newline)),
                     _mm_cmpeq_epi8(bytes, carriage_return));
    const __m128i markup = _mm_or_si128(_mm_cmpeq_epi8(bytes, amp), _mm_cmpeq_epi8(bytes, lt));
    unsigned mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(whitespace, control), markup)));
    while (mask != 0) {
      const std::size_t at = pos + static_cast<std::size_t>(__builtin_ctz(mask));
      mask &= mask - 1;
      // The start of a tag ("<name", "</") needs nothing: skip it here rather than return to
      // the caller for each of the thousands of tags in a feed.
      if (text[at] == '<' && at + 1 < size &&
          (text[at + 1] == '/' || is_name_start(text[at + 1]))) {
        continue;
      }
      return at;
    }
    pos += 16;
  }
#endif
  return scan(text, pos, may_be_interesting, [](unsigned char c) { return kInteresting[c]; });
}

/// How many declared entities may be open inside one another while expanding a reference.
constexpr std::size_t kMaxEntityDepth = 8;

/// Counts of each repair, turned into one warning per kind at the end.
struct Cleaning {
  int html_entities = 0;
  std::set<std::string> html_entity_names;
  int undefined_entities = 0;
  std::set<std::string> undefined_entity_names;
  int declared_entities = 0;  // references replaced by what the DTD declares
  std::set<std::string> declared_entity_names;
  int capped_entities = 0;  // kept as text: expanding them would pass the cap
  std::set<std::string> capped_entity_names;
  int cyclic_entities = 0;  // kept as text: they refer to themselves or nest too deep
  std::set<std::string> cyclic_entity_names;
  std::size_t expansion_cap = 0;
  int bare_ampersands = 0;
  int bad_char_refs = 0;
  int windows_char_refs = 0;
  int bare_less_than = 0;
  int control_characters = 0;

  static std::string examples(const std::set<std::string>& names) {
    std::string out;
    int shown = 0;
    for (const auto& name : names) {
      if (shown++ == 3) {
        out += ", …";
        break;
      }
      out += (out.empty() ? "&" : ", &") + name + ";";
    }
    return out;
  }

  void report(std::vector<std::string>& warnings) const {
    const auto count = [](int n, const char* one, const char* many) {
      return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    if (html_entities > 0) {
      warnings.push_back("replaced " + count(html_entities, "HTML entity", "HTML entities") +
                         " that XML does not define (" + examples(html_entity_names) + ")");
    }
    if (declared_entities > 0) {
      warnings.push_back("expanded " + count(declared_entities, "reference", "references") +
                         " to entities the document's DTD declares (" +
                         examples(declared_entity_names) + ")");
    }
    if (capped_entities > 0) {
      warnings.push_back("kept " + count(capped_entities, "reference", "references") +
                         " to entities the document's DTD declares as text: expanding them "
                         "would pass the limit of " +
                         std::to_string(expansion_cap / 1024) + " KiB of expanded text (" +
                         examples(capped_entity_names) + ")");
    }
    if (cyclic_entities > 0) {
      warnings.push_back("kept " + count(cyclic_entities, "reference", "references") +
                         " to entities the document's DTD declares as text: they refer to "
                         "themselves or nest more than " +
                         std::to_string(kMaxEntityDepth) + " levels deep (" +
                         examples(cyclic_entity_names) + ")");
    }
    if (undefined_entities > 0) {
      warnings.push_back("kept " + count(undefined_entities, "reference", "references") +
                         " to undefined entities as text (" + examples(undefined_entity_names) +
                         ")");
    }
    if (bare_ampersands > 0) {
      warnings.push_back("escaped " + count(bare_ampersands, "bare '&'", "bare '&'s"));
    }
    if (bare_less_than > 0) {
      warnings.push_back("escaped " + count(bare_less_than, "bare '<'", "bare '<'s"));
    }
    if (windows_char_refs > 0) {
      warnings.push_back("read " +
                         count(windows_char_refs, "character reference", "character references") +
                         " in the range &#128;-&#159; as windows-1252");
    }
    if (bad_char_refs > 0) {
      warnings.push_back("removed " +
                         count(bad_char_refs, "character reference", "character references") +
                         " to characters XML forbids");
    }
    if (control_characters > 0) {
      warnings.push_back("removed " +
                         count(control_characters, "control character", "control characters"));
    }
  }
};

/// Builds the cleaned copy lazily: nothing is copied until the first change.
class LazyCopy {
 public:
  explicit LazyCopy(std::string_view source) : source_(source) {}
  /// Replaces source_[from, to) with `replacement`.
  void replace(std::size_t from, std::size_t to, std::string_view replacement) {
    if (!changed_) {
      out_.reserve(source_.size() + 64);
      changed_ = true;
    }
    out_.append(source_.substr(copied_, from - copied_));
    out_.append(replacement);
    copied_ = to;
  }
  std::optional<std::string> finish() {
    if (!changed_) return std::nullopt;
    out_.append(source_.substr(copied_));
    return std::move(out_);
  }

 private:
  std::string_view source_;
  std::string out_;
  std::size_t copied_ = 0;
  bool changed_ = false;
};

/// A reference as written at text[amp] == '&'.
struct Reference {
  enum class Kind { bare, numeric, named } kind = Kind::bare;
  char32_t code_point = 0;  // numeric
  std::string_view name;    // named
  std::size_t end = 0;      // past the ';'; amp + 1 for a bare '&'
};

// Inlined by force: entity expansion shares it, and a call per reference would cost every
// document (GCC stops inlining helpers that have two callers).
[[gnu::always_inline]] inline Reference read_reference(std::string_view text, std::size_t amp) {
  std::size_t pos = amp + 1;
  const std::size_t limit = std::min(text.size(), amp + 40);
  if (pos < limit && text[pos] == '#') {
    ++pos;
    const bool hex = pos < limit && (text[pos] == 'x' || text[pos] == 'X');
    if (hex) ++pos;
    const std::size_t digits_start = pos;
    char32_t value = 0;
    while (pos < limit && pos - digits_start < 9) {
      const int digit = digit_value(text[pos], hex);
      if (digit < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<char32_t>(digit);
      ++pos;
    }
    if (pos > digits_start && pos < limit && text[pos] == ';') {
      return {Reference::Kind::numeric, value, {}, pos + 1};
    }
  } else if (pos < limit && is_name_start(text[pos])) {
    const std::size_t name_start = pos;
    while (pos < limit && is_name_char(text[pos])) ++pos;
    if (pos < limit && text[pos] == ';') {
      return {Reference::Kind::named, 0, text.substr(name_start, pos - name_start), pos + 1};
    }
  }
  return {Reference::Kind::bare, 0, {}, amp + 1};
}

[[gnu::always_inline]] inline bool is_predefined_entity(std::string_view name) {
  return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

/// Appends `text` escaped so that it reads as text in content and in attribute values alike
/// (both quotes, and '>' so that no "]]>" appears); control characters XML forbids are dropped.
void append_as_text(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  append_escaped_attribute(out, text);
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(start), out.end(),
                           [](char c) { return is_control(static_cast<unsigned char>(c)); }),
            out.end());
}

void append_char_as_text(std::string& out, char32_t code_point) {
  std::string utf8;
  append_utf8(utf8, code_point);
  append_as_text(out, utf8);
}

/// What expanding a reference to a declared entity came to. `cyclic` also stands for nesting
/// deeper than kMaxEntityDepth: both are the DTD's shape, not the budget's.
enum class Expansion { expanded, cyclic, over_cap };

/// The general entities the document's internal DTD subset declares, and what expanding them
/// has cost so far: a hostile DTD ("billion laughs") must not cost more than `cap` bytes of
/// text produced, nor of values read (entities that expand to nothing cost time, not memory).
struct DeclaredEntities {
  /// Name -> the value's literal as written; both view the document.
  std::unordered_map<std::string_view, std::string_view> values;
  struct Expanded {
    Expansion outcome = Expansion::expanded;
    std::string text;  // escaped for XML
  };
  /// Each entity is expanded once: a feed uses the same few many times.
  std::unordered_map<std::string_view, Expanded> expansions;
  std::size_t cap = 0;
  std::size_t produced = 0;  // bytes put into the document
  std::size_t read = 0;      // bytes of values read while expanding
};

/// How much text expanding declared entities may produce (and read) in a document of `size`
/// bytes: ten times the document, within [64 KiB, 1 MiB], which no honest feed comes near.
std::size_t expansion_cap(std::size_t size) {
  constexpr std::size_t kMin = 64 * 1024, kMax = 1024 * 1024;
  return std::clamp(size > kMax / 10 ? kMax : size * 10, kMin, kMax);
}

/// Expands the declared entity `name` into `out`, its value read as text: character
/// references, the predefined and HTML entities and references to other declared entities are
/// resolved, and the result escaped for XML (markup in a value stays text, as a liberal parser
/// shows it). Iterative with a fixed stack, as the nesting is the document's to choose; a cycle
/// or nesting deeper than kMaxEntityDepth leaves the whole reference unexpanded (XML calls both
/// fatal). Repairs inside a value are not reported apart: they are part of the expansion.
Expansion expand_entity(std::string_view name, DeclaredEntities& entities, std::string& out) {
  struct Frame {
    std::string_view name, value;
    std::size_t pos = 0;
  };
  std::array<Frame, kMaxEntityDepth> stack;
  std::size_t depth = 0;
  const std::size_t room = entities.cap - std::min(entities.cap, entities.produced);
  const auto open = [&](std::string_view entity) {
    const std::string_view value = entities.values.find(entity)->second;
    entities.read += value.size() + 1;
    stack[depth++] = {entity, value, 0};
    return entities.read <= entities.cap;
  };
  if (!open(name)) return Expansion::over_cap;
  while (depth > 0) {
    Frame& frame = stack[depth - 1];
    const std::size_t amp = std::min(frame.value.find('&', frame.pos), frame.value.size());
    append_as_text(out, frame.value.substr(frame.pos, amp - frame.pos));
    frame.pos = amp;
    if (amp == frame.value.size()) {
      --depth;
      continue;
    }
    const Reference reference = read_reference(frame.value, amp);
    frame.pos = reference.end;
    switch (reference.kind) {
      case Reference::Kind::bare:
        out += "&amp;";
        break;
      case Reference::Kind::numeric:
        if (reference.code_point >= 0x80 && reference.code_point <= 0x9F) {
          append_char_as_text(out, kWindows1252High[reference.code_point - 0x80]);
        } else if (is_xml_char(reference.code_point)) {
          append_char_as_text(out, reference.code_point);
        }
        break;
      case Reference::Kind::named:
        if (is_predefined_entity(reference.name)) {
          out.append(frame.value.substr(amp, reference.end - amp));  // already escaped
        } else if (entities.values.contains(reference.name)) {
          for (std::size_t i = 0; i < depth; ++i) {
            if (stack[i].name == reference.name) return Expansion::cyclic;
          }
          if (depth == kMaxEntityDepth) return Expansion::cyclic;
          if (!open(reference.name)) return Expansion::over_cap;
        } else if (const auto code_point = html_entity_code_point(reference.name)) {
          append_char_as_text(out, *code_point);
        } else {
          out.append("&amp;").append(reference.name).append(";");  // undefined: kept as text
        }
        break;
    }
    if (out.size() > room) return Expansion::over_cap;
  }
  return Expansion::expanded;
}

/// Replaces the reference text[amp, end) to the declared entity `name` with its expansion, or
/// keeps it as text when it cannot be expanded.
void expand_reference(std::string_view name, std::size_t amp, std::size_t end,
                      DeclaredEntities& entities, LazyCopy& copy, Cleaning& cleaning) {
  auto [it, inserted] = entities.expansions.try_emplace(name);
  DeclaredEntities::Expanded& expanded = it->second;
  // A failure is final: the budget only shrinks, so a second attempt would fail as well.
  if (inserted) {
    expanded.outcome = expand_entity(name, entities, expanded.text);
    if (expanded.outcome != Expansion::expanded) std::string().swap(expanded.text);  // unused
  }
  const bool fits =
      expanded.text.size() <= entities.cap - std::min(entities.cap, entities.produced);
  if (expanded.outcome == Expansion::expanded && fits) {
    entities.produced += expanded.text.size();
    copy.replace(amp, end, expanded.text);
    ++cleaning.declared_entities;
    if (cleaning.declared_entity_names.size() < 8) cleaning.declared_entity_names.emplace(name);
    return;
  }
  copy.replace(amp, amp + 1, "&amp;");
  if (expanded.outcome == Expansion::cyclic) {
    ++cleaning.cyclic_entities;
    if (cleaning.cyclic_entity_names.size() < 8) cleaning.cyclic_entity_names.emplace(name);
  } else {
    ++cleaning.capped_entities;
    if (cleaning.capped_entity_names.size() < 8) cleaning.capped_entity_names.emplace(name);
  }
}

/// Handles the reference starting at text[amp] == '&'; returns the position after it.
std::size_t clean_reference(std::string_view text, std::size_t amp, LazyCopy& copy,
                            Cleaning& cleaning, DeclaredEntities& entities) {
  const Reference reference = read_reference(text, amp);
  switch (reference.kind) {
    case Reference::Kind::numeric: {
      const char32_t value = reference.code_point;
      if (value >= 0x80 && value <= 0x9F) {
        std::string replacement;
        append_utf8(replacement, kWindows1252High[value - 0x80]);
        copy.replace(amp, reference.end, replacement);
        ++cleaning.windows_char_refs;
      } else if (!is_xml_char(value)) {
        copy.replace(amp, reference.end, "");
        ++cleaning.bad_char_refs;
      }
      return reference.end;
    }
    case Reference::Kind::named: {
      const std::string_view name = reference.name;
      if (is_predefined_entity(name)) return reference.end;
      // The document's own declaration comes before HTML's meaning of the name.
      if (!entities.values.empty() && entities.values.contains(name)) {
        expand_reference(name, amp, reference.end, entities, copy, cleaning);
        return reference.end;
      }
      if (const auto code_point = html_entity_code_point(name)) {
        std::string replacement;
        append_utf8(replacement, *code_point);
        copy.replace(amp, reference.end, replacement);
        ++cleaning.html_entities;
        if (cleaning.html_entity_names.size() < 8) cleaning.html_entity_names.emplace(name);
        return reference.end;
      }
      copy.replace(amp, amp + 1, "&amp;");
      ++cleaning.undefined_entities;
      if (cleaning.undefined_entity_names.size() < 8) {
        cleaning.undefined_entity_names.emplace(name);
      }
      return reference.end;
    }
    case Reference::Kind::bare:
      break;
  }
  copy.replace(amp, amp + 1, "&amp;");
  ++cleaning.bare_ampersands;
  return amp + 1;
}

/// Removes control characters in text[from, to) (a CDATA section's content).
/// A CDATA section's content from `from`: strips its control characters and returns the
/// position past its "]]>" (text.size() when unterminated), in one pass over the content.
std::size_t clean_cdata(std::string_view text, std::size_t from, LazyCopy& copy,
                        Cleaning& cleaning) {
  const std::size_t size = text.size();
  auto at_byte = [&](std::size_t at) -> std::optional<std::size_t> {
    if (text[at] == ']') {
      if (text.substr(at, 3) == "]]>") return at + 3;
    } else if (is_control(static_cast<unsigned char>(text[at]))) {
      copy.replace(at, at + 1, "");
      ++cleaning.control_characters;
    }
    return std::nullopt;
  };
  std::size_t pos = from;
#ifdef __SSE2__
  const __m128i bracket = _mm_set1_epi8(']');
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i minus_one = _mm_set1_epi8(-1);
  while (pos + 16 <= size) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    // Any byte below 0x20 (tabs and line breaks are sorted out per byte) or ']'.
    const __m128i low =
        _mm_and_si128(_mm_cmplt_epi8(bytes, space), _mm_cmpgt_epi8(bytes, minus_one));
    unsigned mask =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(bytes, bracket))));
    while (mask != 0) {
      const std::size_t at = pos + static_cast<std::size_t>(__builtin_ctz(mask));
      mask &= mask - 1;
      if (const auto end = at_byte(at)) return *end;
    }
    pos += 16;
  }
#endif
  for (; pos < size; ++pos) {
    if (const auto end = at_byte(pos)) return *end;
  }
  return size;
}

/// End of the markup declaration at text[pos] == '<' ('<!DOCTYPE ... [ ... ]>'), past its '>'.
std::size_t end_of_declaration(std::string_view text, std::size_t pos) {
  int brackets = 0;
  for (std::size_t i = pos + 2; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[') ++brackets;
    if (c == ']' && brackets > 0) --brackets;
    if (c == '>' && brackets == 0) return i + 1;
  }
  return text.size();
}

std::size_t find_end(std::string_view text, std::size_t from, std::string_view terminator) {
  const std::size_t end = text.find(terminator, from);
  return end == std::string_view::npos ? text.size() : end + terminator.size();
}

/// Records the general entity declared at text[pos] ("<!ENTITY"), if it is one with a value:
/// parameter entities serve only the DTD and external ones (SYSTEM, PUBLIC) are never read.
void read_entity_declaration(std::string_view text, std::size_t pos, DeclaredEntities& entities) {
  const std::size_t size = text.size();
  const auto skip_space = [&] {
    const std::size_t from = pos;
    while (pos < size && is_xml_space(text[pos])) ++pos;
    return pos > from;
  };
  pos += 8;
  if (!skip_space() || pos >= size || !is_name_start(text[pos])) return;
  const std::size_t name_start = pos;
  while (pos < size && is_name_char(text[pos])) ++pos;
  const std::string_view name = text.substr(name_start, pos - name_start);
  if (!skip_space() || pos >= size || (text[pos] != '"' && text[pos] != '\'')) return;
  const std::size_t close = text.find(text[pos], pos + 1);
  if (close == std::string_view::npos) return;
  // The predefined five keep their meaning; the first declaration of a name wins (XML's rule).
  if (is_predefined_entity(name)) return;
  entities.values.try_emplace(name, text.substr(pos + 1, close - pos - 1));
}

/// End of the DOCTYPE declaration at text[pos] ("<!DOCTYPE"), past its '>' (text.size() when
/// unterminated), recording the entities its internal subset declares. Read the way pugixml
/// skips it, so both agree on where it ends: "<!" opens a group that '>' closes; quoted
/// literals, comments, processing instructions and "<![ ... ]]>" sections are skipped whole
/// (a '>' or "<!ENTITY" inside them means nothing).
std::size_t read_doctype(std::string_view text, std::size_t pos, DeclaredEntities& entities) {
  const std::size_t size = text.size();
  std::size_t depth = 0;
  std::size_t i = pos + 2;
  while (i < size) {
    const std::string_view rest = text.substr(i);
    const char c = text[i];
    if (rest.starts_with("<![")) {
      std::size_t sections = 0;  // nested sections
      for (i += 3; i < size;) {
        if (text.substr(i, 3) == "<![") {
          ++sections;
          i += 3;
        } else if (text.substr(i, 3) == "]]>") {
          i += 3;
          if (sections == 0) break;
          --sections;
        } else {
          ++i;
        }
      }
    } else if (rest.starts_with("<!--")) {
      i = find_end(text, i + 4, "-->");
    } else if (rest.starts_with("<?")) {
      i = find_end(text, i + 2, "?>");
    } else if (rest.starts_with("<!")) {
      if (depth == 0 && rest.starts_with("<!ENTITY")) read_entity_declaration(text, i, entities);
      ++depth;
      i += 2;
    } else if (c == '"' || c == '\'') {
      const std::size_t close = text.find(c, i + 1);
      i = close == std::string_view::npos ? size : close + 1;
    } else if (c == '>') {
      if (depth == 0) return i + 1;
      --depth;
      ++i;
    } else {
      ++i;
    }
  }
  return size;
}

std::string excerpt(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 60)) out.push_back(is_xml_space(c) || is_control(c) ? ' ' : c);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (text.size() > 60) out += "…";
  return out;
}

}  // namespace

std::size_t find_xml_start(std::string_view text, std::vector<std::string>& warnings) {
  std::size_t pos = 0;
  while (pos < text.size() && is_xml_space(text[pos])) ++pos;
  if (text.substr(pos, 5) == "<?xml") return pos;
  // An XML declaration further on means what precedes it is stray output (PHP notices are
  // often HTML themselves, so "starts with a tag" is not enough). Only the head is searched:
  // a declaration deep inside would be content.
  std::size_t start = text.substr(0, 2048).find("<?xml");
  if (start == std::string_view::npos) {
    if (pos + 1 < text.size() && text[pos] == '<' &&
        (text[pos + 1] == '?' || text[pos + 1] == '!' || is_name_start(text[pos + 1]))) {
      return pos;
    }
    start = pos;
    while ((start = text.find('<', start)) != std::string_view::npos) {
      if (start + 1 < text.size() && (is_name_start(text[start + 1]) || text[start + 1] == '!')) {
        break;
      }
      ++start;
    }
  }
  if (start == std::string_view::npos) return pos;
  warnings.push_back("skipped " + std::to_string(start) + " bytes of text before the XML (\"" +
                     excerpt(text.substr(pos, start - pos)) + "\")");
  return start;
}

std::optional<std::string> clean_xml_text(std::string_view text,
                                          std::vector<std::string>& warnings) {
  LazyCopy copy(text);
  Cleaning cleaning;
  DeclaredEntities entities;
  bool doctype_read = false;
  const std::size_t size = text.size();
  std::size_t pos = 0;
  while (pos < size) {
    pos = skip_uninteresting(text, pos);
    if (pos >= size) break;
    const char c = text[pos];
    if (c == '&') {
      pos = clean_reference(text, pos, copy, cleaning, entities);
    } else if (c != '<') {
      copy.replace(pos, pos + 1, "");
      ++cleaning.control_characters;
      ++pos;
    } else if (pos + 1 >= size) {
      ++pos;
    } else if (const char next = text[pos + 1]; next == '/' || is_name_start(next)) {
      ++pos;  // a tag: its attribute values get the same treatment as text
    } else if (text.substr(pos, 9) == "<![CDATA[") {
      pos = clean_cdata(text, pos + 9, copy, cleaning);
    } else if (text.substr(pos, 4) == "<!--") {
      pos = find_end(text, pos + 4, "-->");
    } else if (next == '?') {
      pos = find_end(text, pos + 2, "?>");
    } else if (next == '!' && !doctype_read && text.substr(pos, 9) == "<!DOCTYPE") {
      // A document has one DOCTYPE: only the first is read, any other skipped as before.
      doctype_read = true;
      pos = read_doctype(text, pos, entities);
      cleaning.expansion_cap = entities.cap = expansion_cap(size);
    } else if (next == '!') {
      pos = end_of_declaration(text, pos);
    } else {
      copy.replace(pos, pos + 1, "&lt;");
      ++cleaning.bare_less_than;
      ++pos;
    }
  }
  cleaning.report(warnings);
  return copy.finish();
}

std::string balance_xml_tags(std::string_view text, TagRepairs& repairs) {
  std::string out;
  out.reserve(text.size() + 256);
  std::vector<std::string_view> open;
  std::size_t pos = 0;
  const std::size_t size = text.size();
  auto cut_off = [&] {
    repairs.truncated = true;
    pos = size;
  };
  while (pos < size) {
    const std::size_t lt = text.find('<', pos);
    if (lt == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, lt - pos));
    pos = lt;
    const std::string_view rest = text.substr(pos);
    if (rest.starts_with("<![CDATA[")) {
      const std::size_t end = text.find("]]>", pos + 9);
      if (end == std::string_view::npos) {
        out.append(rest);
        out.append("]]>");
        repairs.truncated = true;
        break;
      }
      out.append(text.substr(pos, end + 3 - pos));
      pos = end + 3;
    } else if (rest.starts_with("<!--") || rest.starts_with("<?") || rest.starts_with("<!")) {
      const std::size_t end = rest.starts_with("<!--") ? find_end(text, pos + 4, "-->")
                              : rest.starts_with("<?") ? find_end(text, pos + 2, "?>")
                                                       : end_of_declaration(text, pos);
      if (end >= size && !text.substr(pos).ends_with(">")) {
        cut_off();
        break;
      }
      out.append(text.substr(pos, end - pos));
      pos = end;
    } else if (rest.starts_with("</")) {
      std::size_t name_end = pos + 2;
      while (name_end < size && is_name_char(text[name_end])) ++name_end;
      const std::size_t close = text.find('>', name_end);
      if (close == std::string_view::npos) {
        cut_off();
        break;
      }
      const std::string_view name = text.substr(pos + 2, name_end - pos - 2);
      std::size_t depth = open.size();
      while (depth > 0 && open[depth - 1] != name) --depth;
      if (depth == 0) {
        ++repairs.dropped_end_tags;
      } else {
        while (open.size() >= depth) {
          out.append("</").append(open.back()).append(">");
          if (open.size() > depth) ++repairs.closed_elements;
          open.pop_back();
        }
      }
      pos = close + 1;
    } else if (pos + 1 < size && is_name_start(text[pos + 1])) {
      std::size_t cursor = pos + 1;
      while (cursor < size && is_name_char(text[cursor])) ++cursor;
      const std::string_view name = text.substr(pos + 1, cursor - pos - 1);
      std::string tag = "<" + std::string(name);
      bool complete = false, self_closing = false;
      while (cursor < size) {
        while (cursor < size && is_xml_space(text[cursor])) ++cursor;
        if (cursor >= size) break;
        if (text[cursor] == '>') {
          complete = true;
          ++cursor;
          break;
        }
        if (text.substr(cursor, 2) == "/>") {
          complete = self_closing = true;
          cursor += 2;
          break;
        }
        if (!is_name_start(text[cursor])) {
          ++cursor;  // junk inside a tag: skip it
          continue;
        }
        const std::size_t attribute_start = cursor;
        while (cursor < size && is_name_char(text[cursor])) ++cursor;
        const std::string_view attribute = text.substr(attribute_start, cursor - attribute_start);
        std::size_t after = cursor;
        while (after < size && is_xml_space(text[after])) ++after;
        std::string value;
        if (after < size && text[after] == '=') {
          ++after;
          while (after < size && is_xml_space(text[after])) ++after;
          if (after < size && (text[after] == '"' || text[after] == '\'')) {
            const char quote = text[after];
            const std::size_t end = text.find(quote, after + 1);
            if (end == std::string_view::npos) {
              cursor = size;
              break;
            }
            tag.append(" ").append(text.substr(attribute_start, end + 1 - attribute_start));
            cursor = end + 1;
            continue;
          }
          std::size_t end = after;
          while (end < size && !is_xml_space(text[end]) && text[end] != '>') ++end;
          value = std::string(text.substr(after, end - after));
          cursor = end;
        } else {
          value = std::string(attribute);
        }
        ++repairs.fixed_attributes;
        std::string escaped;
        for (char c : value) {
          if (c == '"') {
            escaped += "&quot;";
          } else if (c == '<') {
            escaped += "&lt;";
          } else {
            escaped.push_back(c);
          }
        }
        tag.append(" ").append(attribute).append("=\"").append(escaped).append("\"");
      }
      if (!complete) {
        cut_off();
        break;
      }
      out.append(tag).append(self_closing ? "/>" : ">");
      if (!self_closing) open.push_back(name);
      pos = cursor;
    } else {
      out.append("&lt;");
      ++pos;
    }
  }
  if (!open.empty()) repairs.truncated = true;
  repairs.open_at_end.assign(open.begin(), open.end());
  while (!open.empty()) {
    out.append("</").append(open.back()).append(">");
    ++repairs.closed_elements;
    open.pop_back();
  }
  return out;
}

}  // namespace confab
