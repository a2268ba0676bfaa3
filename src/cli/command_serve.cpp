#include <csignal>
#include <filesystem>
#include <optional>
#include <thread>

#include "build/build.h"
#include "cli/args.h"
#include "cli/build_summary.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "config/config.h"
#include "serve/serve.h"

namespace confab {

namespace fs = std::filesystem;

namespace {

constexpr const char* kServeHelp = R"(Usage: confab serve [OPTIONS]

Build the site, serve it on a local web server and rebuild it whenever site.toml,
content/, templates/, themes/, static/ or i18n/ change; open pages reload by themselves.
A change to site.toml fetches again; any other change re-renders the last fetch.
A failed rebuild shows its error in the browser until the next good one.

Options:
  --config FILE          site.toml to serve (default: ./site.toml)
  --output DIR           build into DIR instead of [site] output
  --port N               port to listen on (default: 1111; 0 picks a free one)
  --bind ADDR            address to listen on (default: 127.0.0.1)
  --offline              make no network request (sources are reported as not fetched)
  --drafts               also render content pages marked draft = true
  --fetch-every TIME     fetch again periodically while serving, e.g. 10m, 1h
  -h, --help             show this help

The pages' links point at the local server. Stop with Ctrl+C.)";

/// The rebuild callback: reloads site.toml each time and keeps the last fetch, so content and
/// theme edits render in milliseconds without touching the network.
class ServeBuilder {
 public:
  ServeBuilder(fs::path config_file, BuildOptions options, Console& console)
      : config_file_(std::move(config_file)), options_(std::move(options)), console_(console) {}

  void operator()(const RebuildRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    BuildOptions options = options_;
    options.now = build_time_now();
    options.base_url = request.base_url;
    options.keep_harvests = true;  // the next rebuild of site files only re-renders them
    const bool refetch = request.reason != RebuildReason::site_files || !last_harvests_;
    if (!refetch) {
      options.reuse_harvests = &*last_harvests_;
      options.reuse_evidence = &last_evidence_;
      options.reuse_previous_build = last_previous_build_;
    }
    if (!request.changed.empty()) {
      const fs::path root = config_file_.parent_path();
      std::string names;
      for (const auto& path : request.changed) {
        names += (names.empty() ? "" : ", ") + path.lexically_relative(root).string();
      }
      console_.info("changed: " + names);
    }
    try {
      const SiteConfig config = load_config(config_file_);
      if (config.sources.empty() && request.reason == RebuildReason::initial) {
        console_.info("site.toml lists no [[source]] yet: the hub is empty");
      }
      BuildReport report = run_build(config, options);
      print_build_summary(report, console_);
      last_harvests_ = std::move(report.harvests);
      last_evidence_ = std::move(report.evidence);
      last_previous_build_ = report.conversation.previous_build;
    } catch (const std::exception& error) {
      console_.error(std::string("rebuild failed: ") + error.what());
      throw;
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    console_.info(std::string(refetch ? "fetched and built" : "re-rendered") + " in " +
                  std::to_string(elapsed.count()) + " ms");
  }

 private:
  fs::path config_file_;
  BuildOptions options_;
  Console& console_;
  std::optional<std::vector<SourceHarvest>> last_harvests_;
  IdentityEvidence last_evidence_;
  std::optional<UnixTime> last_previous_build_;
};

int parse_port(const std::string& text) {
  std::size_t used = 0;
  int port = -1;
  try {
    port = std::stoi(text, &used);
  } catch (const std::exception&) {
  }
  if (used != text.size() || port < 0 || port > 65535) {
    throw UsageError("--port needs a number from 0 to 65535, not '" + text + "'");
  }
  return port;
}

}  // namespace

int run_serve_command(const std::vector<std::string>& args, Console& console) {
  const ParsedArgs parsed =
      parse_args(args, {"--config", "--output", "--port", "--bind", "--fetch-every"},
                 {"--offline", "--drafts"}, 0);
  if (parsed.has("--help")) {
    console.result(kServeHelp);
    return kExitOk;
  }
  ServeOptions serve_options;
  serve_options.port = parse_port(parsed.value("--port", "1111"));
  serve_options.bind = parsed.value("--bind", "127.0.0.1");
  if (parsed.has("--fetch-every")) {
    try {
      serve_options.fetch_every = parse_duration(parsed.value("--fetch-every"));
    } catch (const std::invalid_argument& error) {
      throw UsageError(std::string("--fetch-every: ") + error.what());
    }
    if (*serve_options.fetch_every < std::chrono::seconds(10)) {
      throw UsageError("--fetch-every must be at least 10s");
    }
  }
  const fs::path config_file =
      fs::absolute(parsed.value("--config", "site.toml")).lexically_normal();
  SiteConfig config;
  try {
    config = load_config(config_file);
  } catch (const ConfigError& error) {
    console.error(error.what());
    return kExitConfig;
  }
  BuildOptions build_options;
  build_options.output = parsed.value("--output");
  build_options.offline = parsed.has("--offline");
  build_options.drafts = parsed.has("--drafts");
  build_options.progress = progress_on(console);
  serve_options.output = build_options.output.empty() ? config.output_dir() : build_options.output;
  serve_options.output = fs::absolute(serve_options.output).lexically_normal();
  serve_options.config_file = config_file;
  // Every folder a build reads; layouts/ too, so that renaming it (as its error asks) rebuilds.
  for (const char* folder : {"content", "templates", "themes", "static", "i18n", "layouts"}) {
    serve_options.watched.push_back(config.root / folder);
  }

  // Ctrl+C and SIGTERM end serving cleanly: a thread waits for them (no signal handler, so no
  // shared state), and the server threads inherit the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a browser closing a page must not end the server

  DevServer server(serve_options, ServeBuilder(config_file, build_options, console));
  try {
    server.start();
  } catch (const ServeError& error) {
    console.error(error.what());
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
    return kExitProblems;
  }
  console.info("serving " + serve_options.output.string() + " at " + server.url() +
               " (Ctrl+C to stop)");
  std::thread signal_waiter([&] {
    int received = 0;
    sigwait(&stop_signals, &received);
    server.request_stop();
  });
  server.wait();
  signal_waiter.join();
  server.stop();
  console.info("stopped");
  return kExitOk;
}

}  // namespace confab
