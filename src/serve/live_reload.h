// What serve adds to pages: the live-reload script and its own pages (build error, not found).
// Nothing here is ever written to the output folder.
#pragma once

#include <cstdint>
#include <string>

namespace confab {

/// The Server-Sent Events stream the reload script listens to.
inline constexpr const char* kReloadEventsPath = "/__confab/events";

/// The script that reloads the page when a build newer than `generation` is announced.
std::string reload_script(std::uint64_t generation);

/// `html` with reload_script inserted before its last </body>, or appended when it has none.
std::string inject_reload_script(std::string html, std::uint64_t generation);

/// A page showing why the last rebuild failed; it reloads itself after the next build.
std::string build_error_page(const std::string& message, std::uint64_t generation);

/// The page for a path the site does not have, when the site has no 404.html of its own.
std::string not_found_page(const std::string& path, std::uint64_t generation);

/// One Server-Sent Event: "event: NAME\ndata: DATA\n\n".
std::string server_sent_event(const std::string& name, const std::string& data);

}  // namespace confab
