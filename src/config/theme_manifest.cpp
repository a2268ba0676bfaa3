#include "config/theme_manifest.h"

#include "base/toml_reader.h"
#include "base/version.h"
#include "config/config.h"

namespace confab {

ThemeManifest read_theme_manifest(std::string_view text, const std::string& file) {
  TomlValue document;
  try {
    document = read_toml(text, file);
  } catch (const TomlError& error) {
    throw ConfigError(file, error.line, error.column, error.message);
  }
  const auto string_of = [&](std::string_view key) -> std::string {
    const TomlValue* value = document.find(key);
    if (value == nullptr) return "";
    if (value->kind == TomlValue::Kind::string) return value->string;
    throw ConfigError(
        file, value->position.line, value->position.column,
        std::string(key) + " must be a string, got " + std::string(value->kind_name()));
  };
  ThemeManifest manifest;
  manifest.name = string_of("name");
  manifest.description = string_of("description");
  manifest.min_confab_version = string_of("min_confab_version");
  if (!manifest.min_confab_version.empty() && !is_version(manifest.min_confab_version)) {
    const TomlPosition at = document.find("min_confab_version")->position;
    throw ConfigError(file, at.line, at.column,
                      "min_confab_version must be a version such as \"0.1.0\", got \"" +
                          manifest.min_confab_version + "\"");
  }
  return manifest;
}

}  // namespace confab
