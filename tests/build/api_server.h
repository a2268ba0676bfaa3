// A stand-in for platform APIs in build tests: a server on 127.0.0.1 (an ephemeral port) that
// answers each path from a table the test fills between builds, and remembers what was asked.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace confab::testing {

/// One answer the server gives: a body, or a status with headers.
struct Answer {
  int status = 200;
  std::string body;
  std::string type = "application/json";
  std::string retry_after;
};

class ApiServer {
 public:
  ApiServer() {
    server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex_);
      asked.push_back(request.path);
      if (const auto handler = handlers.find(request.path); handler != handlers.end()) {
        const Answer answer = handler->second(request);
        response.status = answer.status;
        response.set_content(answer.body, answer.type);
        return;
      }
      const auto route = routes.find(request.path);
      if (route == routes.end()) {
        response.status = 404;
        response.set_content(R"({"error":"not found"})", "application/json");
        return;
      }
      response.status = route->second.status;
      if (!route->second.retry_after.empty()) {
        response.set_header("Retry-After", route->second.retry_after);
      }
      response.set_content(route->second.body, route->second.type);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    base = "http://127.0.0.1:" + std::to_string(port_);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ApiServer() {
    server_.stop();
    thread_.join();
  }

  bool was_asked(const std::string& path) {
    std::lock_guard lock(mutex_);
    return std::find(asked.begin(), asked.end(), path) != asked.end();
  }

  std::map<std::string, Answer> routes;  ///< set between builds, never during one
  /// Paths answered by code (paging by query parameters), before `routes`.
  std::map<std::string, std::function<Answer(const httplib::Request&)>> handlers;
  std::vector<std::string> asked;
  std::string base;

 private:
  std::mutex mutex_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace confab::testing
