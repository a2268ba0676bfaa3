// Mustache templates from the theme, rendered with JSON-shaped data. The one place that knows
// the template library (kainjow mustache, a heavy header: include it nowhere else).
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace confab {

using Templates = std::map<std::string, std::string>;

/// Throws RenderError naming the first template in `templates` that does not parse.
void check_templates(const Templates& templates);

/// Renders templates[name] with `data`. `{{> partials/node.html}}` includes the template of that
/// name (recursion allowed: the data's depth bounds it). {{x}} is HTML-escaped, {{{x}}} is not.
/// Data mapping: objects, arrays and booleans as they are; numbers as their decimal text; null
/// and "" are false, so `{{#author_url}}...{{/author_url}}` shows only when there is one (and
/// `{{author_url}}` renders nothing). Throws RenderError naming a missing or broken template.
std::string render_template(const Templates& templates, const std::string& name,
                            const nlohmann::json& data);

}  // namespace confab
