// Markdown to HTML with cmark-gfm: the site owner's content/ pages and the hub's intro.
#include <cstdlib>
#include <memory>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "render/render.h"

namespace confab {
namespace {

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct BufferDeleter {
  void operator()(char* text) const { std::free(text); }  // cmark's default allocator
};

using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using BufferPtr = std::unique_ptr<char, BufferDeleter>;

// UNSAFE keeps raw HTML and javascript: links: content/ is the site owner's own text, as trusted
// as the theme, and owners embed HTML (a signup form, a video) in their pages. Third-party text
// never comes through here; it goes through sanitize_html. SMART gives typographic quotes and
// dashes; VALIDATE_UTF8 replaces broken bytes instead of passing them on.
constexpr int kOptions =
    CMARK_OPT_UNSAFE | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;

constexpr const char* kExtensions[] = {"table", "autolink", "strikethrough", "tasklist"};

/// A task list's boxes are unlabelled inputs to a screen reader: hide them from it and say
/// their state in text instead ("[x]"/"[ ]", as the Markdown wrote it).
std::string label_task_boxes(std::string html) {
  static const std::pair<std::string, std::string> kBoxes[] = {
      {"<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
       "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-hidden=\"true\" />"
       "<span class=\"visually-hidden\">[x]</span>"},
      {"<input type=\"checkbox\" disabled=\"\" />",
       "<input type=\"checkbox\" disabled=\"\" aria-hidden=\"true\" />"
       "<span class=\"visually-hidden\">[ ]</span>"}};
  for (const auto& [box, labelled] : kBoxes) {
    for (std::size_t pos = html.find(box); pos != std::string::npos;
         pos = html.find(box, pos + labelled.size())) {
      html.replace(pos, box.size(), labelled);
    }
  }
  return html;
}

}  // namespace

std::string markdown_to_html(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  ParserPtr parser(cmark_parser_new(kOptions));
  if (!parser) throw RenderError("markdown: cannot create a cmark-gfm parser");
  for (const char* name : kExtensions) {
    cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
    if (extension == nullptr || !cmark_parser_attach_syntax_extension(parser.get(), extension)) {
      throw RenderError(std::string("markdown: cmark-gfm extension '") + name + "' is missing");
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  NodePtr document(cmark_parser_finish(parser.get()));
  if (!document) throw RenderError("markdown: cmark-gfm could not parse the text");
  BufferPtr html(cmark_render_html(document.get(), kOptions,
                                   cmark_parser_get_syntax_extensions(parser.get())));
  if (!html) throw RenderError("markdown: cmark-gfm could not render HTML");
  return label_task_boxes(html.get());
}

}  // namespace confab
