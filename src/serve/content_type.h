// The Content-Type a served file gets, from its extension.
#pragma once

#include <filesystem>
#include <string>

namespace confab {

/// "text/html; charset=utf-8" for .html, "text/css; charset=utf-8" for .css, ...;
/// "application/octet-stream" for anything unknown.
std::string content_type_for(const std::filesystem::path& file);

/// Whether responses of this type get the live-reload script.
bool is_html_type(const std::string& content_type);

}  // namespace confab
