// The serve stage's face: a local preview server for the built site, with live reload. Serve does
// not know the pipeline: the caller hands it a rebuild callback.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace confab {

/// Why a rebuild is asked for; the callback decides what that means for the pipeline.
enum class RebuildReason {
  initial,      ///< the first build, before serving
  config,       ///< site.toml changed: fetch and render
  site_files,   ///< content/, templates/, themes/, static/ or i18n/ changed: render again, no fetch
  fetch_timer,  ///< --fetch-every elapsed: fetch and render
};

struct RebuildRequest {
  RebuildReason reason = RebuildReason::initial;
  std::vector<std::filesystem::path> changed;  ///< the files that changed, when watched
  std::string base_url;                        ///< the server's own URL, "http://HOST:PORT/"
};

/// Rebuilds the site into the served folder. Throws (any std::exception) when the build fails:
/// its what() is shown in the browser until a later rebuild succeeds.
using RebuildCallback = std::function<void(const RebuildRequest&)>;

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 1111;                    ///< 0: any free port (see DevServer::port)
  std::filesystem::path output;       ///< the folder served (the build's output)
  std::filesystem::path config_file;  ///< site.toml: a change here is RebuildReason::config
  std::vector<std::filesystem::path> watched;  ///< folders (or files) whose changes rebuild
  std::chrono::milliseconds poll_interval{300};
  std::chrono::milliseconds debounce{200};  ///< quiet time after a change before rebuilding
  std::optional<std::chrono::seconds> fetch_every;
};

/// The server could not start (port in use, bad address); what() says which.
struct ServeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Serves `output` over HTTP, rebuilding on changes and telling open pages to reload through a
/// Server-Sent Events stream. Only pages served here get the reload script; the files on disk
/// never do.
class DevServer {
 public:
  DevServer(ServeOptions options, RebuildCallback rebuild);
  ~DevServer();
  DevServer(const DevServer&) = delete;
  DevServer& operator=(const DevServer&) = delete;

  /// Binds the port (throws ServeError), runs the initial build, then serves and watches on
  /// background threads. Returns once the server answers.
  void start();
  /// Asks the server to stop: wait() returns. Safe from any thread (e.g. a signal watcher).
  void request_stop();
  /// Stops serving and watching and joins the threads; open event streams end. Called by the
  /// owner (the destructor does it too); safe to call twice.
  void stop();
  /// Blocks until request_stop() or stop() is called.
  void wait();

  int port() const;
  /// "http://127.0.0.1:1111/"
  std::string url() const;
  /// How many rebuilds ran (the initial one included), for tests and logs.
  std::size_t builds() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Parses a duration such as "90s", "10m", "1h" or "1h30m". Throws std::invalid_argument.
std::chrono::seconds parse_duration(const std::string& text);

}  // namespace confab
