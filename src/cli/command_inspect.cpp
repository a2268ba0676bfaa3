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
#include "platforms/platforms.h"

namespace confab {

namespace {

constexpr const char* kInspectHelp = R"(Usage: confab inspect [OPTIONS] URL|FILE

Parse one feed (RSS, Atom, JSON Feed) or HTML page and print what confab sees, as JSON.
A feed prints the inspect schema (see README); a page prints its title, the feeds it
advertises and its links. Exits 1 when the document cannot be fetched or read.

A thread page of Hacker News, Reddit, Lemmy or Discourse is read through the platform's API
and printed in the same schema: its story first, then its comments ("format" names the
platform).

Options:
  --api URL        ask a platform thread's API at URL instead of its public one (tests)
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

/// Follow-up requests one thread may make from the command line.
constexpr int kMaxThreadRequests = 50;

/// A platform thread, read through its API as a build reads it, printed as a feed whose first
/// entry is the story. Returns the exit code.
int inspect_thread(const Platform& platform, const PlatformThreadRef& thread, Fetcher& fetcher,
                   Console& console) {
  Feed feed;
  feed.format = FeedFormat::jsonfeed;  // replaced by the platform's name below
  feed.title = std::string(platform.label()) + " thread";
  feed.link = thread.url;
  PlatformThreadRef reading = thread;
  std::vector<std::string> pending{platform.thread_api_url(reading)};
  bool first = true;
  for (int requests = 0; !pending.empty(); ++requests) {
    if (requests == kMaxThreadRequests) {
      feed.warnings.push_back("stopped after " + std::to_string(requests) + " requests; " +
                              std::to_string(pending.size()) + " follow-ups not read");
      break;
    }
    const std::string url = pending.front();
    pending.erase(pending.begin());
    const FetchResult result = fetcher.fetch(url);
    if (!result.ok()) {
      if (first) {
        console.error(result.error_message);
        return kExitProblems;
      }
      feed.warnings.push_back(result.error_message);
      continue;
    }
    const Document document{result.final_url, result.header("Content-Type"), result.body};
    PlatformThread read =
        first ? platform.read_thread(document, reading) : platform.read_more(document, reading);
    if (first && read.instead) {
      // A reply, or a handle resolved: the thread is read from where it starts.
      reading = *read.instead;
      pending = {platform.thread_api_url(reading)};
      continue;
    }
    first = false;
    if (read.story) {
      reading.url = read.story->id;  // follow-ups name the story by its id
      feed.link = read.story->link;
      feed.entries.insert(feed.entries.begin(), std::move(*read.story));
    }
    if (read.reply_cap) {
      feed.warnings.push_back("the platform shows at most " + std::to_string(*read.reply_cap) +
                              " replies without an account: more may exist");
    }
    for (Entry& comment : read.comments) feed.entries.push_back(std::move(comment));
    for (std::string& more : read.more) pending.push_back(std::move(more));
    for (std::string& warning : read.warnings) feed.warnings.push_back(std::move(warning));
    if (read.deleted > 0) {
      feed.warnings.push_back(std::to_string(read.deleted) +
                              " deleted or removed comments left out");
    }
  }
  auto json = nlohmann::ordered_json::parse(feed_to_inspect_json(feed));
  json["format"] = std::string(platform.name());
  console.result(json.dump(2) + "\n");
  return kExitOk;
}

}  // namespace

int run_inspect_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed = parse_args(args, {"--api", "--base", "--content-type"}, {}, 1);
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
    for (const std::string& typed : {target, parsed.value("--api")}) {
      if (const std::string endpoint = literal_endpoint(typed); !endpoint.empty()) {
        options.addresses.trusted_endpoints.push_back(endpoint);
      }
    }
    const auto fetcher = make_http_fetcher(options);
    PlatformEndpointMap endpoints;
    for (const auto& platform : make_platforms({})) {
      const std::string name(platform->name());
      endpoints[name] = default_endpoints(name);
      if (parsed.has("--api")) endpoints[name].api = parsed.value("--api");
    }
    for (const auto& platform : make_platforms(endpoints)) {
      if (const auto thread = platform->thread_of(target)) {
        try {
          return inspect_thread(*platform, *thread, *fetcher, console);
        } catch (const std::exception& error) {
          console.error(error.what());
          return kExitProblems;
        }
      }
    }
    const FetchResult result = fetcher->fetch(target);
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
