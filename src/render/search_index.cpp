#include "render/search_index.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/time.h"
#include "conversation/text_match.h"
#include "render/csv_exports.h"
#include "render/json_writer.h"
#include "render/output_pieces.h"

namespace confab {

namespace {

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// The first kSearchSnippetChars characters of `text`, "…" appended when some were left out.
std::string snippet(std::string_view text) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation_byte(text[i])) continue;
    if (chars == kSearchSnippetChars) {
      std::string cut(text.substr(0, i));
      while (!cut.empty() && cut.back() == ' ') cut.pop_back();
      return cut + "\u2026";
    }
    ++chars;
  }
  return std::string(text);
}

/// `text` cut to `max_bytes` at most without splitting a UTF-8 sequence.
std::string cut_bytes(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && is_continuation_byte(text[end])) --end;
  text.resize(end);
  return text;
}

std::string folded(const std::string& title, const std::string& author, const std::string& blog,
                   const std::string& text) {
  return cut_bytes(one_line(fold_text(title + " " + author + " " + blog + " " + text)),
                   kSearchFoldedBytes);
}

/// One document appended to the index as compact JSON, written straight into the text: a tree
/// of 100,000 documents cost most of the index's time.
/// `first`: no document before it (the text may have been handed over in pieces since: it
/// cannot tell).
void append_document(std::string& out, bool first, std::string_view kind, const std::string& title,
                     const std::string& author, const std::string& blog, const std::string& link,
                     const std::string& date, const std::string& text) {
  if (!first) out += ',';
  const std::string glimpse = snippet(text);
  const std::string words = folded(title, author, blog, text);
  const std::pair<std::string_view, std::string_view> fields[] = {
      {"k", kind}, {"t", title}, {"a", author},  {"b", blog},
      {"u", link}, {"d", date},  {"s", glimpse}, {"f", words}};
  out += '{';
  for (const auto& [name, value] : fields) {
    if (name != "k") out += ',';
    out += '"';
    out += name;
    out += "\":\"";
    append_json_escaped(out, value);
    out += '"';
  }
  out += '}';
}

/// The thread's nodes as its page lists them: root first, then each reply before its own.
std::vector<const Node*> shown_in_order(const DisplayThread& thread) {
  std::vector<const Node*> nodes;
  std::vector<const DisplayNode*> pending = {&thread.root};  // a stack: thread depth is outsiders'
  while (!pending.empty()) {
    const DisplayNode* shown = pending.back();
    pending.pop_back();
    if (shown->node != nullptr) nodes.push_back(shown->node);
    for (auto child = shown->children.rbegin(); child != shown->children.rend(); ++child) {
      pending.push_back(&*child);
    }
  }
  return nodes;
}

}  // namespace

std::string search_index_json(const SiteModel& model, OutputStream* stream) {
  std::string out = "{\"version\":1,\"documents\":[";
  // Each document's text on one line and a few hundred bytes more (JsonWriter::reserve says why).
  std::size_t room = 1024 + 256 * model.people_by_activity().size();
  for (const Node& node : model.conversation().nodes) room += node.text.size() + 512;
  out.reserve(room_to_reserve(room, stream));
  std::size_t documents = 0;
  for (const DisplayThread& thread : model.display().threads) {
    if (thread.root.node == nullptr) continue;
    const Node& root = *thread.root.node;
    const std::string& path = model.thread_path(root);
    for (const Node* node : shown_in_order(thread)) {
      if (node->spam) continue;  // the display leaves spam out already; never index it anyway
      append_document(
          out, documents++ == 0, node_kind_name(node->kind),
          node->kind == NodeKind::post ? node->title : root.title, model.author_name(*node),
          model.source_name(node->source), path + "#" + model.anchor(*node),
          node->published ? format_rfc3339(*node->published) : std::string(), one_line(node->text));
    }
    hand_over_piece(out, stream);
  }
  for (const Person* person : model.people_by_activity()) {
    std::string blogs;
    for (const std::string& blog : person->blogs) {
      if (!blogs.empty()) blogs += ", ";
      blogs += model.source_name(blog);
    }
    append_document(out, documents++ == 0, "person", person->name, "", blogs,
                    model.person_path(person->id), "", "");
    hand_over_piece(out, stream);
  }
  out += "]}";
  return hand_over_rest(out, stream);
}

}  // namespace confab
