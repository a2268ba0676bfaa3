#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/url.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "fetch/fetch.h"
#include "parse/feed.h"
#include "parse/html_page.h"
#include "parse/inspect_json.h"

namespace confab {

namespace {

constexpr const char* kInspectHelp = R"(Usage: confab inspect [OPTIONS] URL|FILE

Parse one feed (RSS, Atom, JSON Feed) or HTML page and print what confab sees, as JSON.
A feed prints the inspect schema (see README); a page prints its title, the feeds it
advertises and its links. Exits 1 when the document cannot be fetched or read.

Options:
  --base URL       resolve relative links in FILE against URL (default: the file's file: URL)
  --content-type T treat FILE as served with this Content-Type (e.g. "text/xml; charset=latin1")
  -h, --help       show this help)";

std::string page_to_json(const HtmlPage& page, const std::string& url) {
  nlohmann::ordered_json json;
  json["format"] = "html";
  json["title"] = page.title;
  json["link"] = url;
  json["feeds"] = nlohmann::ordered_json::array();
  for (const auto& feed : page.feeds) {
    json["feeds"].push_back({{"url", feed.url}, {"type", feed.type}, {"title", feed.title}});
  }
  json["main_feed"] = main_feed_url(page);
  json["links"] = nlohmann::ordered_json::array();
  for (const auto& link : page.links) {
    json["links"].push_back({{"url", link.url}, {"text", link.text}, {"rel", link.rel}});
  }
  return json.dump(2);
}

}  // namespace

int run_inspect_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed = parse_args(args, {"--base", "--content-type"}, {}, 1);
  if (parsed.has("--help")) {
    console.result(kInspectHelp);
    return kExitOk;
  }
  if (parsed.positionals.empty()) throw UsageError("inspect needs a URL or a FILE");
  const std::string target = parsed.positionals.front();

  Document document;
  if (std::filesystem::exists(target)) {
    std::ifstream in(target, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      console.error(target + ": cannot read");
      return kExitProblems;
    }
    document.body = bytes.str();
    document.url = parsed.value(
        "--base", "file://" + std::filesystem::absolute(target).lexically_normal().string());
    document.content_type = parsed.value("--content-type");
  } else if (is_http_url(target)) {
    FetchOptions options;
    // The address typed on the command line is the user's choice, as one named in site.toml.
    if (const std::string endpoint = literal_endpoint(target); !endpoint.empty()) {
      options.addresses.trusted_endpoints.push_back(endpoint);
    }
    const FetchResult result = make_http_fetcher(options)->fetch(target);
    if (!result.ok()) {
      console.error(result.error_message);
      return kExitProblems;
    }
    document = Document{result.final_url, result.header("Content-Type"), result.body};
  } else {
    console.error(target + ": no such file, and not an http(s) URL");
    return kExitProblems;
  }

  if (document.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    console.error(document.url + ": empty document");
    return kExitProblems;
  }
  try {
    if (looks_like_feed(document)) {
      console.result(feed_to_inspect_json(parse_feed(document)));
    } else {
      console.result(page_to_json(parse_html_page(document), document.url));
    }
  } catch (const std::exception& error) {
    console.error(error.what());
    return kExitProblems;
  }
  return kExitOk;
}

}  // namespace confab
