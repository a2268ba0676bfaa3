#include "parse/xml_text.h"

#include <cstring>

#include "base/ascii.h"
#include "base/markup_escape.h"
#include "parse/html_entities.h"

namespace confab {
namespace {

// Markup nested deeper than this is hostile or broken; its inner text is dropped rather than
// risk the stack.
constexpr int kMaxDepth = 256;

void append_text(pugi::xml_node node, std::string& out, int depth = 0) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    const pugi::xml_node_type type = child.type();
    if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      out.append(child.value());
    } else if (type == pugi::node_element) {
      append_text(child, out, depth + 1);
    }
  }
}

bool is_void_element(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area",  "base",   "br",    "col",  "embed",
                                               "hr",    "img",    "input", "link", "meta",
                                               "param", "source", "track", "wbr"};
  for (std::string_view v : kVoid) {
    if (name == v) return true;
  }
  return false;
}

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  if (attribute) {
    append_escaped_attribute(out, text);
  } else {
    append_escaped_text(out, text);
  }
}

std::string_view local_name(const char* name) {
  const char* colon = std::strchr(name, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(name);
}

void append_html(pugi::xml_node node, std::string& out, int depth = 0) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        append_escaped(out, child.value(), false);
        break;
      case pugi::node_element: {
        const std::string_view name = local_name(child.name());
        out.push_back('<');
        out.append(name);
        for (pugi::xml_attribute attribute = child.first_attribute(); attribute;
             attribute = attribute.next_attribute()) {
          const std::string_view attribute_name = attribute.name();
          if (attribute_name.starts_with("xmlns")) continue;
          out.push_back(' ');
          out.append(attribute_name);
          out.append("=\"");
          append_escaped(out, attribute.value(), true);
          out.push_back('"');
        }
        out.push_back('>');
        append_html(child, out, depth + 1);
        if (!is_void_element(name)) {
          out.append("</");
          out.append(name);
          out.push_back('>');
        }
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

std::string_view trim_ascii(std::string_view text) {
  while (!text.empty() && is_html_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_html_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view element_text_view(pugi::xml_node element, std::string& storage) {
  // The common case, one text child, needs no concatenation buffer.
  const pugi::xml_node first = element.first_child();
  if (!first) return {};
  if (!first.next_sibling()) {
    const pugi::xml_node_type type = first.type();
    if (type == pugi::node_pcdata || type == pugi::node_cdata) return trim_ascii(first.value());
  }
  storage.clear();
  append_text(element, storage);
  return trim_ascii(storage);
}

std::string element_text(pugi::xml_node element) {
  std::string storage;
  const std::string_view text = element_text_view(element, storage);
  if (text.size() == storage.size()) return storage;  // untrimmed gathered text: no copy
  return std::string(text);
}

std::string plain_text(pugi::xml_node element) {
  bool has_cdata_reference = false;
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_cdata && std::strchr(child.value(), '&')) {
      has_cdata_reference = true;
    }
  }
  if (!has_cdata_reference) return element_text(element);
  std::string out;
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_cdata) {
      out += decode_html_entities(child.value());
    } else if (child.type() == pugi::node_pcdata) {
      out += child.value();
    }
  }
  return std::string(trim_ascii(out));
}

std::string inner_html(pugi::xml_node element) {
  std::string out;
  append_html(element, out);
  return std::string(trim_ascii(out));
}

std::string embedded_html(pugi::xml_node element) {
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) return inner_html(element);
  }
  return element_text(element);
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text, true);
  return out;
}

}  // namespace confab
