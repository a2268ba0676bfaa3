#include "render/template_engine.h"

#include <vector>

#include <kainjow/mustache.hpp>

#include "render/render.h"

namespace confab {
namespace {

namespace mustache = kainjow::mustache;

mustache::data to_mustache(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object(mustache::data::type::object);
      for (const auto& [key, value] : json.items()) object[key] = to_mustache(value);  // moved
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list(mustache::data::type::list);
      for (const auto& item : json) list.push_back(to_mustache(item));
      return list;
    }
    case nlohmann::json::value_t::string: {
      const auto& text = json.get_ref<const std::string&>();
      return text.empty() ? mustache::data(false) : mustache::data(text);
    }
    case nlohmann::json::value_t::boolean:
      return mustache::data(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return mustache::data(json.dump());
    default:
      return mustache::data(false);
  }
}

/// The data stack, plus partial lookup by template name in the theme rather than in the data,
/// remembering names that are not there so the caller can report them.
class ThemeContext : public mustache::context<std::string> {
 public:
  ThemeContext(const mustache::data* root, const Templates& templates)
      : mustache::context<std::string>(root), templates_(templates) {}

  const mustache::data* get_partial(const std::string& name) const override {
    const auto cached = partials_.find(name);
    if (cached != partials_.end()) return &cached->second;
    const auto found = templates_.find(name);
    if (found == templates_.end()) {
      missing_.push_back(name);
      return nullptr;
    }
    return &partials_.emplace(name, mustache::data(found->second)).first->second;
  }

  const std::vector<std::string>& missing() const { return missing_; }

 private:
  const Templates& templates_;
  mutable std::map<std::string, mustache::data> partials_;
  mutable std::vector<std::string> missing_;
};

}  // namespace

void check_templates(const Templates& templates) {
  for (const auto& [name, text] : templates) {
    const mustache::mustache parsed(text);
    if (!parsed.is_valid()) {
      throw RenderError("template " + name + ": " + parsed.error_message());
    }
  }
}

std::string render_template(const Templates& templates, const std::string& name,
                            const nlohmann::json& data) {
  const auto found = templates.find(name);
  if (found == templates.end())
    throw RenderError("template " + name + " is missing from the theme");
  mustache::mustache parsed(found->second);
  if (!parsed.is_valid()) throw RenderError("template " + name + ": " + parsed.error_message());
  const mustache::data root = to_mustache(data);
  ThemeContext context(&root, templates);
  std::string output = parsed.render(context);
  if (!context.missing().empty()) {
    throw RenderError("template " + context.missing().front() + " (included from " + name +
                      ") is missing from the theme");
  }
  if (!parsed.is_valid()) throw RenderError("template " + name + ": " + parsed.error_message());
  return output;
}

}  // namespace confab
