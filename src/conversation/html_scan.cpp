#include "conversation/html_scan.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "base/ascii.h"
#include "base/strings.h"
#include "base/url.h"

namespace confab {

namespace {

struct NamedReference {
  std::string_view name;
  std::uint32_t code_point;
};

// The references blog software writes in practice; any other is kept as written.
constexpr NamedReference kNamedReferences[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"hellip", 0x2026}, {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D},
    {"ldquo", 0x201C}, {"ndash", 0x2013},  {"mdash", 0x2014}, {"laquo", 0xAB},   {"raquo", 0xBB},
    {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122}, {"euro", 0x20AC},  {"agrave", 0xE0},
    {"aacute", 0xE1},  {"acirc", 0xE2},    {"atilde", 0xE3},  {"auml", 0xE4},    {"ccedil", 0xE7},
    {"egrave", 0xE8},  {"eacute", 0xE9},   {"ecirc", 0xEA},   {"euml", 0xEB},    {"igrave", 0xEC},
    {"iacute", 0xED},  {"icirc", 0xEE},    {"iuml", 0xEF},    {"ntilde", 0xF1},  {"ograve", 0xF2},
    {"oacute", 0xF3},  {"ocirc", 0xF4},    {"otilde", 0xF5},  {"ouml", 0xF6},    {"ugrave", 0xF9},
    {"uacute", 0xFA},  {"ucirc", 0xFB},    {"uuml", 0xFC},    {"szlig", 0xDF},   {"Agrave", 0xC0},
    {"Aacute", 0xC1},  {"Ccedil", 0xC7},   {"Eacute", 0xC9},  {"Egrave", 0xC8},  {"Ecirc", 0xCA},
    {"Ouml", 0xD6},    {"Uuml", 0xDC},     {"Auml", 0xC4},    {"oelig", 0x153},  {"OElig", 0x152},
    {"bull", 0x2022},
};

/// Decodes the reference starting at text[at] == '&' into `out`; returns the index after it.
std::size_t decode_reference(std::string_view text, std::size_t at, std::string& out) {
  const std::size_t semicolon = text.find(';', at + 1);
  if (semicolon == std::string_view::npos || semicolon - at > 12) {
    out += '&';
    return at + 1;
  }
  const std::string_view body = text.substr(at + 1, semicolon - at - 1);
  if (!body.empty() && body[0] == '#') {
    std::uint32_t cp = 0;
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    bool valid = body.size() > (hex ? 2u : 1u);
    for (std::size_t i = hex ? 2 : 1; i < body.size() && valid; ++i) {
      const char c = body[i];
      const int digit = digit_value(c, hex);
      if (digit < 0) valid = false;
      cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit),
                                   0x110000);
    }
    if (valid) {
      append_utf8(out, cp);
      return semicolon + 1;
    }
  }
  for (const auto& reference : kNamedReferences) {
    if (reference.name == body) {
      append_utf8(out, reference.code_point);
      return semicolon + 1;
    }
  }
  out += '&';
  return at + 1;
}

std::string decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      i = decode_reference(text, i, out);
    } else {
      out += text[i++];
    }
  }
  return out;
}

/// Appends text, collapsing runs of whitespace (and no-break spaces) to one space.
void append_collapsed(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp = static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() &&
                      static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (is_html_space(c) || nbsp) {
      if (nbsp) ++i;
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

/// The value of attribute `name` in a tag's attribute text, decoded; "" when absent.
std::string attribute(std::string_view tag, std::string_view name) {
  std::size_t i = 0;
  while (i < tag.size()) {
    while (i < tag.size() && (is_html_space(tag[i]) || tag[i] == '/')) ++i;
    const std::size_t name_start = i;
    while (i < tag.size() && !is_html_space(tag[i]) && tag[i] != '=' && tag[i] != '/') ++i;
    const std::string_view attr = tag.substr(name_start, i - name_start);
    while (i < tag.size() && is_html_space(tag[i])) ++i;
    std::string_view value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && is_html_space(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        const char quote = tag[i++];
        const std::size_t end = std::min(tag.find(quote, i), tag.size());
        value = tag.substr(i, end - i);
        i = end + 1;
      } else {
        const std::size_t start = i;
        while (i < tag.size() && !is_html_space(tag[i])) ++i;
        value = tag.substr(start, i - start);
      }
    }
    if (iequals(attr, name)) return decode(value);
    if (attr.empty()) ++i;
  }
  return "";
}

bool is_word_breaking(std::string_view tag) {
  static constexpr std::string_view kInline[] = {"a",     "b",   "i",    "em",   "strong", "span",
                                                 "u",     "s",   "abbr", "cite", "code",   "font",
                                                 "small", "sub", "sup",  "mark", "q",      "tt"};
  return std::find(std::begin(kInline), std::end(kInline), tag) == std::end(kInline);
}

}  // namespace

ScannedHtml scan_html(const std::string& html, const std::string& base_url) {
  ScannedHtml scanned;
  std::string& text = scanned.text;
  text.reserve(html.size());
  int open_link = -1;  // index in links of the <a> whose text is being read
  std::size_t link_text_start = 0;
  std::size_t i = 0;
  auto close_link = [&] {
    if (open_link < 0) return;
    std::string anchor = text.substr(link_text_start);
    while (!anchor.empty() && anchor.front() == ' ') anchor.erase(0, 1);
    while (!anchor.empty() && anchor.back() == ' ') anchor.pop_back();
    scanned.links[static_cast<std::size_t>(open_link)].text = std::move(anchor);
    open_link = -1;
  };
  while (i < html.size()) {
    const std::size_t lt = html.find('<', i);
    const std::size_t text_end = lt == std::string::npos ? html.size() : lt;
    if (text_end > i)
      append_collapsed(text, decode(std::string_view(html).substr(i, text_end - i)));
    if (lt == std::string::npos) break;
    if (html.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", lt + 4);
      i = end == std::string::npos ? html.size() : end + 3;
      continue;
    }
    const std::size_t gt = html.find('>', lt + 1);
    if (gt == std::string::npos) {
      append_collapsed(text, std::string_view(html).substr(lt));
      break;
    }
    std::string_view tag(html.data() + lt + 1, gt - lt - 1);
    const bool closing = !tag.empty() && tag[0] == '/';
    if (closing) tag.remove_prefix(1);
    std::size_t name_end = 0;
    while (name_end < tag.size() && !is_html_space(tag[name_end]) && tag[name_end] != '/')
      ++name_end;
    const std::string name = lower(tag.substr(0, name_end));
    i = gt + 1;
    if (name.empty() || !is_alpha(name[0])) {
      if (!closing && (name.empty() || name[0] != '!')) {
        append_collapsed(text, "<");  // a stray '<' in text, as a browser shows it
        i = lt + 1;
      }
      continue;
    }
    if (!closing && (name == "script" || name == "style" || name == "template")) {
      const std::string end_tag = "</" + name;
      std::size_t end = i;
      while ((end = html.find("</", end)) != std::string::npos) {
        if (iequals(std::string_view(html).substr(end, end_tag.size()), end_tag)) break;
        end += 2;
      }
      const std::size_t close = end == std::string::npos ? end : html.find('>', end);
      i = close == std::string::npos ? html.size() : close + 1;
      continue;
    }
    if (name == "a") {
      close_link();
      if (!closing) {
        const std::string href = attribute(tag.substr(name_end), "href");
        if (!href.empty()) {
          // Absolute links (nearly all, in feeds) need no resolving; threading compares them
          // canonically anyway.
          const bool absolute = href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0;
          scanned.links.push_back({absolute ? href : resolve_url(base_url, href), ""});
          open_link = static_cast<int>(scanned.links.size() - 1);
          link_text_start = text.size();
        }
      }
      continue;
    }
    if (is_word_breaking(name) && !text.empty() && text.back() != ' ') text += ' ';
  }
  close_link();
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (!text.empty() && text.front() == ' ') text.erase(0, 1);
  return scanned;
}

}  // namespace confab
