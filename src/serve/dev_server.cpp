// DevServer: httplib serving the output folder, a watch thread rebuilding on changes, and the
// event streams that tell pages to reload. The only file that includes httplib.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "serve/content_type.h"
#include "serve/file_watcher.h"
#include "serve/live_reload.h"
#include "serve/reload_hub.h"
#include "serve/request_path.h"
#include "serve/serve.h"

namespace confab {

namespace fs = std::filesystem;

namespace {

// Each open page holds one event stream, and each stream holds a server thread.
constexpr std::size_t kServerThreads = 64;
constexpr auto kKeepAliveEvery = std::chrono::seconds(15);
constexpr auto kLongestDebounce = std::chrono::seconds(3);

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool is_config_change(const std::vector<fs::path>& changed, const fs::path& config_file) {
  for (const auto& path : changed) {
    if (path == config_file) return true;
  }
  return false;
}

}  // namespace

struct DevServer::Impl {
  ServeOptions options;
  RebuildCallback rebuild;
  httplib::Server server;
  ReloadHub hub;
  int port = 0;
  std::atomic<std::size_t> builds{0};
  std::optional<FileWatcher> watcher;  ///< made by start(), then used by the watch thread only
  std::thread listen_thread;
  std::thread watch_thread;
  std::mutex stop_mutex;
  std::condition_variable stop_signal;
  bool stopping = false;  ///< guarded by stop_mutex
  bool stopped = false;   ///< only the owner's thread touches it

  std::string host_for_urls() const {
    if (options.bind == "0.0.0.0" || options.bind == "::" || options.bind.empty()) {
      return "localhost";
    }
    if (options.bind.find(':') != std::string::npos) return "[" + options.bind + "]";
    return options.bind;
  }

  std::string url() const { return "http://" + host_for_urls() + ":" + std::to_string(port) + "/"; }

  void run_rebuild(RebuildReason reason, std::vector<fs::path> changed) {
    RebuildRequest request;
    request.reason = reason;
    request.changed = std::move(changed);
    request.base_url = url();
    try {
      rebuild(request);
      ++builds;
      hub.publish_success();
    } catch (const std::exception& error) {
      ++builds;
      hub.publish_failure(error.what());
    }
  }

  /// Sleeps `duration`; false when stop() was called meanwhile.
  bool sleep_unless_stopped(std::chrono::milliseconds duration) {
    std::unique_lock lock(stop_mutex);
    return !stop_signal.wait_for(lock, duration, [&] { return stopping; });
  }

  void watch_loop() {
    FileWatcher& watcher = *this->watcher;
    auto next_fetch = std::chrono::steady_clock::now();
    if (options.fetch_every) next_fetch += *options.fetch_every;
    while (sleep_unless_stopped(options.poll_interval)) {
      auto changed = watcher.poll();
      if (changed.empty()) {
        if (options.fetch_every && std::chrono::steady_clock::now() >= next_fetch) {
          run_rebuild(RebuildReason::fetch_timer, {});
          next_fetch = std::chrono::steady_clock::now() + *options.fetch_every;
        }
        continue;
      }
      // Debounce: an editor's save or a `git checkout` touches several files in a burst. A
      // stream of changes that never pauses still rebuilds every few seconds.
      const auto give_up = std::chrono::steady_clock::now() + kLongestDebounce;
      while (std::chrono::steady_clock::now() < give_up && sleep_unless_stopped(options.debounce)) {
        auto more = watcher.poll();
        if (more.empty()) break;
        changed.insert(changed.end(), more.begin(), more.end());
      }
      if (!sleep_unless_stopped(std::chrono::milliseconds(0))) return;
      std::sort(changed.begin(), changed.end());
      changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
      const bool config = is_config_change(changed, options.config_file);
      run_rebuild(config ? RebuildReason::config : RebuildReason::site_files, std::move(changed));
      if (config && options.fetch_every) {
        next_fetch = std::chrono::steady_clock::now() + *options.fetch_every;
      }
    }
  }

  void serve_events(httplib::Response& response) {
    const std::uint64_t generation = hub.state().generation;
    response.set_header("Cache-Control", "no-store");
    response.set_chunked_content_provider(
        "text/event-stream",
        [this, seen = generation, greeted = false](std::size_t, httplib::DataSink& sink) mutable {
          std::string text;
          if (!greeted) {
            greeted = true;
            text = "retry: 1000\n\n" + server_sent_event("hello", std::to_string(seen));
          } else {
            const auto state = hub.wait_for_newer(seen, kKeepAliveEvery);
            if (!state) {
              sink.done();
              return true;
            }
            if (state->generation == seen) {
              text = ": keep-alive\n\n";  // finds closed connections
            } else {
              seen = state->generation;
              text = server_sent_event("reload", std::to_string(seen));
            }
          }
          return sink.write(text.data(), text.size());
        });
  }

  void serve_page(const std::string& html, int status, std::uint64_t generation,
                  httplib::Response& response) {
    response.status = status;
    response.set_header("Cache-Control", "no-store");
    response.set_content(inject_reload_script(html, generation), "text/html; charset=utf-8");
  }

  void serve_not_found(const std::string& path, const ReloadHub::State& state,
                       httplib::Response& response) {
    if (state.error) {
      serve_page(build_error_page(*state.error, state.generation), 500, state.generation, response);
      return;
    }
    const auto custom = read_file(options.output / "404.html");
    serve_page(custom ? *custom : not_found_page(path, state.generation), 404, state.generation,
               response);
  }

  void serve_get(const httplib::Request& request, httplib::Response& response) {
    if (request.path == kReloadEventsPath) {
      serve_events(response);
      return;
    }
    const ReloadHub::State state = hub.state();
    const auto resolved = file_for_request(options.output, request.path);
    if (!resolved) {
      response.status = 403;
      response.set_content("403 forbidden: the path leaves the site\n", "text/plain");
      return;
    }
    fs::path file = *resolved;
    std::error_code error;
    if (fs::is_directory(file, error)) {
      if (!request.path.ends_with('/')) {
        // "/about" -> "/about/": the page's relative links resolve against the folder.
        response.status = 301;
        response.set_header("Location",
                            encode_path_segment(fs::path(request.path).filename().string()) + "/");
        return;
      }
      file /= "index.html";
    }
    std::string type = content_type_for(file);
    if (is_html_type(type) && state.error) {
      serve_page(build_error_page(*state.error, state.generation), 500, state.generation, response);
      return;
    }
    const auto bytes = fs::is_regular_file(file, error) ? read_file(file) : std::nullopt;
    if (!bytes) {
      serve_not_found(request.path, state, response);
      return;
    }
    response.set_header("Cache-Control", "no-store");
    if (is_html_type(type)) {
      response.set_content(inject_reload_script(*bytes, state.generation), type.c_str());
    } else {
      response.set_content(*bytes, type.c_str());
    }
  }
};

DevServer::DevServer(ServeOptions options, RebuildCallback rebuild)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->rebuild = std::move(rebuild);
}

DevServer::~DevServer() {
  stop();
}

void DevServer::start() {
  Impl& impl = *impl_;
  impl.server.new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
  // httplib's default options include SO_REUSEPORT, which would let a second `confab serve`
  // share the port silently; SO_REUSEADDR alone still allows a quick restart.
  impl.server.set_socket_options([](int socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  impl.server.Get(".*", [&impl](const httplib::Request& request, httplib::Response& response) {
    impl.serve_get(request, response);
  });
  if (impl.options.port == 0) {
    impl.port = impl.server.bind_to_any_port(impl.options.bind);
  } else if (impl.server.bind_to_port(impl.options.bind, impl.options.port)) {
    impl.port = impl.options.port;
  } else {
    impl.port = -1;
  }
  if (impl.port <= 0) {
    throw ServeError("cannot listen on " + impl.options.bind + ":" +
                     std::to_string(impl.options.port) +
                     " (is the port in use? try --port with another number)");
  }
  // Look at the files before the first build: a change made while it runs is a change.
  std::vector<fs::path> watched = impl.options.watched;
  if (!impl.options.config_file.empty()) watched.push_back(impl.options.config_file);
  impl.watcher.emplace(std::move(watched));
  impl.run_rebuild(RebuildReason::initial, {});
  impl.listen_thread = std::thread([&impl] { impl.server.listen_after_bind(); });
  for (int waited = 0; !impl.server.is_running() && waited < 5000; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl.watch_thread = std::thread([&impl] { impl.watch_loop(); });
}

void DevServer::request_stop() {
  {
    std::lock_guard lock(impl_->stop_mutex);
    impl_->stopping = true;
  }
  impl_->stop_signal.notify_all();
}

void DevServer::stop() {
  Impl& impl = *impl_;
  request_stop();
  if (impl.stopped) return;
  impl.stopped = true;
  impl.hub.shutdown();  // ends the event streams, which hold server threads
  impl.server.stop();
  if (impl.listen_thread.joinable()) impl.listen_thread.join();
  if (impl.watch_thread.joinable()) impl.watch_thread.join();
}

void DevServer::wait() {
  std::unique_lock lock(impl_->stop_mutex);
  impl_->stop_signal.wait(lock, [&] { return impl_->stopping; });
}

int DevServer::port() const {
  return impl_->port;
}

std::string DevServer::url() const {
  return impl_->url();
}

std::size_t DevServer::builds() const {
  return impl_->builds;
}

}  // namespace confab
