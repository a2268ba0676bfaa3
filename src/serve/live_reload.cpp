#include "serve/live_reload.h"

#include "base/ascii.h"
#include "base/markup_escape.h"

namespace confab {

namespace {

std::string escape_html(const std::string& text) {
  std::string escaped;
  append_escaped_attribute(escaped, text);
  return escaped;
}

std::string plain_page(const std::string& title, const std::string& body,
                       std::uint64_t generation) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" +
         escape_html(title) +
         "</title>\n<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:"
         "60rem;padding:0 1rem}pre{white-space:pre-wrap;background:#fff0f0;border-left:4px "
         "solid #c00;padding:1rem}</style></head>\n<body>\n" +
         body + "\n" + reload_script(generation) + "\n</body>\n</html>\n";
}

}  // namespace

std::string reload_script(std::uint64_t generation) {
  // The page knows which build it came from: a build announced on connecting or later that is
  // not that one reloads it, so a rebuild finishing before the stream opens is not missed.
  return "<script>/* confab serve: live reload */(function(){var built=" +
         std::to_string(generation) + ";var events=new EventSource(\"" + kReloadEventsPath +
         "\");function check(event){if(Number(event.data)!==built){events.close();"
         "location.reload();}}events.addEventListener(\"hello\",check);"
         "events.addEventListener(\"reload\",check);})();</script>";
}

std::string inject_reload_script(std::string html, std::uint64_t generation) {
  const std::size_t body_end = lower(html).rfind("</body");
  const std::string script = reload_script(generation);
  if (body_end == std::string::npos) return html + script;
  html.insert(body_end, script);
  return html;
}

std::string build_error_page(const std::string& message, std::uint64_t generation) {
  return plain_page("Build failed — confab serve",
                    "<h1>The site did not build</h1>\n<pre id=\"confab-build-error\">" +
                        escape_html(message) +
                        "</pre>\n<p>Fix the file and save: this page reloads after the next "
                        "build.</p>",
                    generation);
}

std::string not_found_page(const std::string& path, std::uint64_t generation) {
  return plain_page("Not found — confab serve",
                    "<h1>Not found</h1>\n<p>The site has no page at <code>" + escape_html(path) +
                        "</code>.</p>\n<p><a href=\"/\">Go to the hub</a></p>",
                    generation);
}

std::string server_sent_event(const std::string& name, const std::string& data) {
  return "event: " + name + "\ndata: " + data + "\n\n";
}

}  // namespace confab
