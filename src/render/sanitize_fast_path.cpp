// sanitize_simple_html: the fast path of sanitize_html for the tiny comments most threads are made
// of ("<p>Great film, thanks!</p>"). It parses nothing: it recognises a subset of HTML whose
// browser tree is the markup as written, and writes what the gumbo path (sanitize.cpp) writes for
// that tree. Anything outside the subset is refused and goes the long way, so every rule below may
// be strict. Why each rule is enough (HTML parsing spec, "in body" insertion mode, which is where a
// fragment parsed inside a <div> starts and stays for this subset):
// - Text bytes are copied only where the parser's text is the same bytes: strict UTF-8 (invalid
//   sequences become U+FFFD), no NUL (dropped), no CR (becomes LF), no other control character,
//   no noncharacter and no U+FEFF.
// - '&' followed by white space, '<', '&' or the end is a literal '&'. Otherwise only complete
//   references with their ';' are taken: a few names, and numbers naming an ordinary character.
//   Either way the text is escaped by the same function as the gumbo path's text nodes.
// - <p> only at the top: a <p> inside a <p> closes it, and one inside <b> would let </b>
// restructure
//   the tree (the adoption agency).
// - em, strong, b, i: each open at most once at a time and closed in reverse order. The list of
//   active formatting elements then always equals the open ones: nothing is reconstructed or
//   re-parented, and each end tag closes exactly the current node.
// - <br>, <br/>, <br />: a void element wherever it stands, written "<br>" as the gumbo path does.
// - <a href="VALUE">, exactly so (lowercase, one double-quoted attribute, no space, no '/'): in the
//   "attribute value (double-quoted)" state only '"' (ends it), '&' (a character reference), NUL
//   (becomes U+FFFD) and the end of input are special; everything else, '<' and '>' included, is
//   appended as it is. Input preprocessing turns CR and CR LF into LF before the tokenizer sees
//   them. So a value without '&', NUL or CR, cut at the first '"' and followed by '>', is the
//   attribute's value byte for byte; the plain-character rules of text are applied to it too
//   (strict UTF-8, no controls but tab and LF), which also rules out NUL and CR. Tab and LF stay in
//   the value and are dropped by safe_link_url, the same call as the gumbo path's, with the same
//   base URL; when it finds no safe URL the gumbo path unwraps the link, and the fast path refuses.
// - <a> is a formatting element like em: open at most once at a time (an <a> start tag while an
//   <a> is in the list of active formatting elements would run the adoption agency), closed in
//   reverse order (then the adoption agency's formatting element is the current node and has no
//   furthest block: </a> just pops it), and <p> stays refused inside it as inside any element.
//   The "Noah's Ark" clause never applies: no element is in the list twice.
// - Everything is closed by the end (what the parser would close, and how, is left to gumbo).
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/ascii.h"
#include "base/markup_escape.h"
#include "base/strings.h"
#include "render/safe_url.h"
#include "render/sanitize_paths.h"

namespace confab {
namespace {

enum class Element : unsigned char { p, em, strong, b, i, a, br };
enum class TagKind : unsigned char { start, end, line_break };

struct SimpleTag {
  std::string_view text;  ///< exactly as it must appear in the input
  Element element;
  TagKind kind;
};

// No entry is a prefix of another, so the first match is the only one.
constexpr SimpleTag kSimpleTags[] = {
    {"<p>", Element::p, TagKind::start},          {"</p>", Element::p, TagKind::end},
    {"<br>", Element::br, TagKind::line_break},   {"<br/>", Element::br, TagKind::line_break},
    {"<br />", Element::br, TagKind::line_break}, {"<em>", Element::em, TagKind::start},
    {"</em>", Element::em, TagKind::end},         {"<strong>", Element::strong, TagKind::start},
    {"</strong>", Element::strong, TagKind::end}, {"<b>", Element::b, TagKind::start},
    {"</b>", Element::b, TagKind::end},           {"<i>", Element::i, TagKind::start},
    {"</i>", Element::i, TagKind::end},           {"</a>", Element::a, TagKind::end},
};

/// The one form of link start tag taken; the value and `">` follow it.
constexpr std::string_view kLinkStart = "<a href=\"";
constexpr SimpleTag kLinkTag = {kLinkStart, Element::a, TagKind::start};

/// Named references taken with their ';' (a name with ';' is matched whole: no longer name
/// starts with it), and the UTF-8 the parser decodes each to.
struct NamedReference {
  std::string_view text;
  std::string_view decoded;
};

constexpr NamedReference kNamedReferences[] = {
    {"&amp;", "&"},
    {"&lt;", "<"},
    {"&gt;", ">"},
    {"&quot;", "\""},
    {"&apos;", "'"},
    {"&nbsp;", "\xC2\xA0"},
    {"&copy;", "\xC2\xA9"},
    {"&ndash;", "\xE2\x80\x93"},
    {"&mdash;", "\xE2\x80\x94"},
    {"&lsquo;", "\xE2\x80\x98"},
    {"&rsquo;", "\xE2\x80\x99"},
    {"&ldquo;", "\xE2\x80\x9C"},
    {"&rdquo;", "\xE2\x80\x9D"},
    {"&hellip;", "\xE2\x80\xA6"},
};

/// A character the parser passes through unchanged and without complaint, both as raw UTF-8
/// and as a numeric reference: tab, newline, printable ASCII, and the rest of Unicode minus C1
/// controls, surrogates, noncharacters and the byte order mark.
bool is_plain_character(char32_t c) {
  if (c == '\t' || c == '\n') return true;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if (c >= 0xFDD0 && c <= 0xFDEF) return false;
  if ((c & 0xFFFE) == 0xFFFE || c == 0xFEFF) return false;
  return c <= 0x10FFFF;
}

/// The length of the well-formed UTF-8 sequence for a plain character starting `text`, or 0.
std::size_t plain_utf8_length(std::string_view text) {
  bool complete = false;
  const std::size_t length = utf8_sequence(text, complete);  // ASCII is not handled here
  if (!complete) return 0;
  // The lead byte keeps 7 - length bits of the code point, each other byte six.
  char32_t c = static_cast<unsigned char>(text[0]) & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k)
    c = (c << 6) | (static_cast<unsigned char>(text[k]) & 0x3F);
  return is_plain_character(c) ? length : 0;
}

/// "&#39;", "&#x2019;": at most seven digits (no overflow on the parser's side either), the ';',
/// and a plain character. Returns the reference's length and sets `c`, or returns 0.
std::size_t numeric_reference_length(std::string_view text, char32_t& c) {
  std::size_t at = 2;  // past "&#"
  const bool hex = at < text.size() && (text[at] == 'x' || text[at] == 'X');
  if (hex) ++at;
  const std::size_t first_digit = at;
  c = 0;
  while (at < text.size() && at - first_digit < 8) {
    const int digit = digit_value(text[at], hex);
    if (digit < 0) break;
    c = c * (hex ? 16 : 10) + static_cast<char32_t>(digit);
    ++at;
  }
  const std::size_t digits = at - first_digit;
  if (digits == 0 || digits > 7 || at >= text.size() || text[at] != ';') return 0;
  return is_plain_character(c) ? at + 1 : 0;
}

/// True when the '&' starting `text` is not a character reference at all.
bool is_literal_ampersand(std::string_view text) {
  if (text.size() == 1) return true;
  const char next = text[1];
  return next == ' ' || next == '\t' || next == '\n' || next == '<' || next == '&';
}

/// The elements open at a point of the input, innermost last. Each element is open at most once,
/// so six places are enough.
class OpenElements {
 public:
  /// Applies a tag if the subset allows it there; false when the input must take the gumbo path.
  bool apply(const SimpleTag& tag) {
    switch (tag.kind) {
      case TagKind::line_break:
        return true;
      case TagKind::start:
        if (tag.element == Element::p ? depth_ > 0 : is_open(tag.element)) return false;
        open_[depth_++] = tag.element;
        return true;
      case TagKind::end:
        if (depth_ == 0 || open_[depth_ - 1] != tag.element) return false;
        --depth_;
        return true;
    }
    return false;
  }

  bool empty() const { return depth_ == 0; }

 private:
  bool is_open(Element element) const {
    for (std::size_t k = 0; k < depth_; ++k) {
      if (open_[k] == element) return true;
    }
    return false;
  }

  std::array<Element, 6> open_{};
  std::size_t depth_ = 0;
};

/// The length of the value of a link start tag (`text` begins just after kLinkStart) when the
/// parser reads it as these same bytes and the tag ends with `">` right after it; npos otherwise.
std::size_t link_value_length(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte == '"') {
      return at + 1 < text.size() && text[at + 1] == '>' ? at : std::string_view::npos;
    }
    if (byte == '&') return std::string_view::npos;
    if (byte >= 0x80) {
      const std::size_t length = plain_utf8_length(text.substr(at));
      if (length == 0) return std::string_view::npos;
      at += length;
    } else {
      if (!is_plain_character(byte)) return std::string_view::npos;
      ++at;
    }
  }
  return std::string_view::npos;  // no closing quote
}

const SimpleTag* match_tag(std::string_view text) {
  for (const SimpleTag& tag : kSimpleTags) {
    if (text.starts_with(tag.text)) return &tag;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> sanitize_simple_html(std::string_view html, std::string_view base_url) {
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  OpenElements open;
  std::size_t text_start = 0;  // the pending run of text, copied escaped when it ends
  std::size_t at = 0;
  const auto end_text = [&] { append_escaped_text(out, html.substr(text_start, at - text_start)); };
  while (at < html.size()) {
    const auto byte = static_cast<unsigned char>(html[at]);
    if (byte == '<' && html.substr(at).starts_with(kLinkStart)) {
      const std::size_t value_start = at + kLinkStart.size();
      const std::size_t value_length = link_value_length(html.substr(value_start));
      if (value_length == std::string_view::npos || !open.apply(kLinkTag)) return std::nullopt;
      // The gumbo path unwraps a link to nowhere safe; leave that to it.
      const auto url = safe_link_url(html.substr(value_start, value_length), base_url);
      if (!url) return std::nullopt;
      end_text();
      out += "<a href=\"";
      append_escaped_attribute(out, *url);
      out += '"';
      if (is_web_url(*url)) out += " rel=\"nofollow ugc noopener noreferrer\"";
      out += '>';
      at = value_start + value_length + 2;  // past `">`
      text_start = at;
    } else if (byte == '<') {
      const SimpleTag* tag = match_tag(html.substr(at));
      if (tag == nullptr || !open.apply(*tag)) return std::nullopt;
      end_text();
      out += tag->kind == TagKind::line_break ? std::string_view("<br>") : tag->text;
      at += tag->text.size();
      text_start = at;
    } else if (byte == '&') {
      const std::string_view rest = html.substr(at);
      if (is_literal_ampersand(rest)) {
        ++at;  // stays in the text run, escaped with it
        continue;
      }
      end_text();
      std::size_t length = 0;
      if (rest[1] == '#') {
        char32_t c = 0;
        length = numeric_reference_length(rest, c);
        if (length == 0) return std::nullopt;
        std::string decoded;
        append_utf8(decoded, c);
        append_escaped_text(out, decoded);
      } else {
        for (const NamedReference& reference : kNamedReferences) {
          if (rest.starts_with(reference.text)) {
            append_escaped_text(out, reference.decoded);
            length = reference.text.size();
            break;
          }
        }
        if (length == 0) return std::nullopt;
      }
      at += length;
      text_start = at;
    } else if (byte >= 0x80) {
      const std::size_t length = plain_utf8_length(html.substr(at));
      if (length == 0) return std::nullopt;
      at += length;
    } else {
      if (!is_plain_character(byte)) return std::nullopt;
      ++at;
    }
  }
  end_text();
  if (!open.empty()) return std::nullopt;
  return out;
}

}  // namespace confab
