#include "render/template_engine.h"

#include <algorithm>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <kainjow/mustache.hpp>

#include "base/strings.h"
#include "render/render.h"

namespace confab {
namespace {

namespace mustache = kainjow::mustache;

/// The library's data for a string, taking `text` over: the library's constructor only copies,
/// so an empty string is made and the text swapped in (the string it points to is not const).
mustache::data string_data(std::string&& text) {
  mustache::data data{std::string()};
  const_cast<std::string&>(data.string_value()).swap(text);
  return data;
}

/// `json` in the library's form; from an rvalue the strings are moved rather than copied (a
/// page's replies and a person's items are most of its bytes).
template <typename Json>
mustache::data to_mustache(Json&& json) {
  constexpr bool kMove =
      !std::is_const_v<std::remove_reference_t<Json>> && std::is_rvalue_reference_v<Json&&>;
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object(mustache::data::type::object);
      for (auto& [key, value] : json.items()) {
        if constexpr (kMove) {
          object[key] = to_mustache(std::move(value));  // moved
        } else {
          object[key] = to_mustache(value);
        }
      }
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list(mustache::data::type::list);
      // The library only appends copies (deep ones: a thread card and its replies), and its
      // vector copies every item again when it grows. Its vector is not const, only the
      // accessor is: reserve it and move the items in.
      auto& items = const_cast<mustache::list&>(list.list_value());
      items.reserve(json.size());
      for (auto& item : json) {
        if constexpr (kMove) {
          items.push_back(to_mustache(std::move(item)));
        } else {
          items.push_back(to_mustache(item));
        }
      }
      return list;
    }
    case nlohmann::json::value_t::string: {
      auto& text =
          json.template get_ref<std::conditional_t<kMove, std::string&, const std::string&>>();
      if (text.empty()) return mustache::data(false);
      if constexpr (kMove) {
        return string_data(std::move(text));
      } else {
        return mustache::data(text);
      }
    }
    case nlohmann::json::value_t::boolean:
      return mustache::data(json.template get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return mustache::data(json.dump());
    default:
      return mustache::data(false);
  }
}

/// The partial a tag's contents name ("> partials/node.html" -> "partials/node.html"), "" when
/// the tag is not a partial.
std::string_view partial_name(std::string_view contents) {
  contents = trim_space(contents);
  if (contents.empty() || contents.front() != '>') return {};
  return trim_space(contents.substr(1));
}

/// templates[name] with every partial tag replaced by the partial's own expansion, except tags
/// naming a missing template or one already being expanded (recursion). A template that changes
/// delimiters is left as written: its tags cannot be found by looking for "{{".
std::string expand_partials(const Templates& templates, const std::string& name,
                            std::vector<std::string>& expanding) {
  const std::string& text = templates.at(name);
  if (text.find("{{=") != std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    const bool triple = text.compare(open, 3, "{{{") == 0;
    const std::size_t close = text.find(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
    if (close == std::string::npos) break;
    const std::size_t end = close + (triple ? 3 : 2);
    const std::string included(
        triple ? std::string_view()
               : partial_name(std::string_view(text).substr(open + 2, close - open - 2)));
    const bool inline_it =
        !included.empty() && templates.count(included) &&
        std::find(expanding.begin(), expanding.end(), included) == expanding.end();
    if (inline_it) {
      out.append(text, pos, open - pos);
      expanding.push_back(included);
      out += expand_partials(templates, included, expanding);
      expanding.pop_back();
    } else {
      out.append(text, pos, end - pos);
    }
    pos = end;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

/// HTML escaping with the library's mapping (& < > " ' as &amp; &lt; &gt; &quot; &apos;), but
/// copying runs of plain text at once rather than a character at a time. Not base's
/// append_escaped_attribute, which writes ' as &#39;: themes keep the bytes the library wrote.
std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* entity = nullptr;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&apos;";
        break;
      default:
        continue;
    }
    out.append(text, start, i - start);
    out += entity;
    start = i + 1;
  }
  out.append(text, start, std::string::npos);
  return out;
}

/// Where the library writes a rendered page: straight into one string.
struct StringSink {
  std::string& out;
  StringSink& operator<<(const std::string& text) {
    out += text;
    return *this;
  }
};

/// The data stack, plus partial lookup by template name in the theme rather than in the data,
/// remembering names that are not there so the caller can report them. Only recursive partials
/// get here: the others were expanded in place. Names resolve as in the library's own context
/// (innermost frame first; "a.b" is looked up whole in each frame in turn), without its
/// string-stream split of dotted names.
class ThemeContext : public mustache::basic_context<std::string> {
 public:
  /// `split_names` keeps "a.b" split as {"a", "b"} from one render to the next.
  ThemeContext(const std::map<std::string, mustache::data>& partials,
               std::unordered_map<std::string, std::vector<std::string>>& split_names)
      : partials_(partials), split_names_(split_names) {
    frames_.reserve(8);
  }

  void push(const mustache::data* data) override { frames_.push_back(data); }
  void pop() override { frames_.pop_back(); }

  const mustache::data* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') return frames_.back();
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) {
      for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
        if (const mustache::data* found = (*frame)->get(name)) return found;
      }
      return nullptr;
    }
    auto [cached, is_new] = split_names_.try_emplace(name);
    std::vector<std::string>& parts = cached->second;
    if (is_new) {
      for (std::size_t start = 0;;) {
        const std::size_t end = name.find('.', start);
        parts.emplace_back(name, start, end == std::string::npos ? std::string::npos : end - start);
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
      const mustache::data* found = *frame;
      for (const std::string& part : parts) {
        found = found->get(part);
        if (!found) break;
      }
      if (found) return found;
    }
    return nullptr;
  }

  const mustache::data* get_partial(const std::string& name) const override {
    const auto found = partials_.find(name);
    if (found != partials_.end()) return &found->second;
    missing_.push_back(name);
    return nullptr;
  }

  const std::vector<std::string>& missing() const { return missing_; }

 private:
  const std::map<std::string, mustache::data>& partials_;
  std::unordered_map<std::string, std::vector<std::string>>& split_names_;
  std::vector<const mustache::data*> frames_;  ///< outermost first
  mutable std::vector<std::string> missing_;
};

}  // namespace

struct TemplateEngine::Parsed {
  mustache::data globals;
  /// Each template's expanded text, as a partial for the library's run-time inclusion.
  std::map<std::string, mustache::data> partials;
  std::map<std::string, std::unique_ptr<mustache::mustache>> pages;
  /// Dotted names ("t.on") split once per engine rather than at every lookup.
  std::unordered_map<std::string, std::vector<std::string>> split_names;
};

TemplateEngine::TemplateEngine(const Templates& templates, const nlohmann::json& globals)
    : templates_(templates), parsed_(std::make_unique<Parsed>()) {
  for (const auto& [name, text] : templates) {
    const mustache::mustache parsed(text);
    if (!parsed.is_valid()) {
      throw RenderError("template " + name + ": " + parsed.error_message());
    }
  }
  parsed_->globals = to_mustache(globals);
  for (const auto& [name, text] : templates) {
    std::vector<std::string> expanding = {name};
    std::string expanded = expand_partials(templates, name, expanding);
    auto parsed = std::make_unique<mustache::mustache>(expanded);
    parsed->set_custom_escape(escape_html);
    if (!parsed->is_valid()) {
      throw RenderError("template " + name + ": " + parsed->error_message());
    }
    parsed_->pages.emplace(name, std::move(parsed));
    parsed_->partials.emplace(name, mustache::data(std::move(expanded)));
  }
}

TemplateEngine::~TemplateEngine() = default;

struct TemplateEngine::Frame::Data {
  mustache::data value;
};

TemplateEngine::Frame::Frame(std::unique_ptr<Data> data) : data_(std::move(data)) {}
TemplateEngine::Frame::~Frame() = default;
TemplateEngine::Frame::Frame(Frame&&) noexcept = default;
TemplateEngine::Frame& TemplateEngine::Frame::operator=(Frame&&) noexcept = default;

TemplateEngine::Frame TemplateEngine::frame(const nlohmann::json& data) {
  return Frame(std::make_unique<Frame::Data>(Frame::Data{to_mustache(data)}));
}

TemplateEngine::FrameBuilder::FrameBuilder()
    : data_(std::make_unique<Frame::Data>(
          Frame::Data{mustache::data(mustache::data::type::object)})) {}
TemplateEngine::FrameBuilder::~FrameBuilder() = default;

void TemplateEngine::FrameBuilder::set(const std::string& key, std::string value) {
  if (value.empty()) return;
  // operator[] then a move: the library's set() would copy the value.
  data_->value[key] = string_data(std::move(value));
}

void TemplateEngine::FrameBuilder::set(const std::string& key, bool value) {
  if (value) data_->value[key] = mustache::data(true);
}

void TemplateEngine::FrameBuilder::set(const std::string& key, const nlohmann::json& value) {
  data_->value[key] = to_mustache(value);
}

TemplateEngine::Frame TemplateEngine::FrameBuilder::build() {
  Frame built(std::move(data_));
  data_ = std::make_unique<Frame::Data>(Frame::Data{mustache::data(mustache::data::type::object)});
  return built;
}

std::string TemplateEngine::render(const std::string& name, nlohmann::json data) const {
  return render_frames(name, {}, &data);
}

std::string TemplateEngine::render(const std::string& name,
                                   std::initializer_list<const Frame*> frames,
                                   nlohmann::json data) const {
  return render_frames(name, frames, &data);
}

std::string TemplateEngine::render(const std::string& name,
                                   std::initializer_list<const Frame*> frames) const {
  return render_frames(name, frames, nullptr);
}

std::string TemplateEngine::render_frames(const std::string& name,
                                          std::initializer_list<const Frame*> frames,
                                          nlohmann::json* data) const {
  const auto found = parsed_->pages.find(name);
  if (found == parsed_->pages.end()) {
    throw RenderError("template " + name + " is missing from the theme");
  }
  mustache::mustache& parsed = *found->second;
  const mustache::data root = data ? to_mustache(std::move(*data)) : mustache::data();
  ThemeContext context(parsed_->partials, parsed_->split_names);
  context.push(&parsed_->globals);
  for (const Frame* frame : frames) context.push(&frame->data_->value);
  if (data) context.push(&root);
  std::string output;
  StringSink sink{output};
  parsed.render(context, sink);
  if (!context.missing().empty()) {
    throw RenderError("template " + context.missing().front() + " (included from " + name +
                      ") is missing from the theme");
  }
  if (!parsed.is_valid()) throw RenderError("template " + name + ": " + parsed.error_message());
  return output;
}

}  // namespace confab
