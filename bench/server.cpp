// `confab_bench serve`: the corpus over HTTP on 127.0.0.1, every response held back by the
// injected latency, as a distant blog host would be.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <thread>

#include "bench.h"
#include "corpus.h"

namespace confab::bench {

namespace {

/// "blog12.localhost:PORT" -> 12; -1 for any other host.
int blog_of(const std::string& host) {
  if (host.rfind("blog", 0) != 0) return -1;
  return std::atoi(host.c_str() + 4);
}

/// The packaged httplib listens with a backlog of 5: when many connections open at once the
/// kernel drops SYNs, and each drop is a 1 s retransmit that would be charged to the fetcher.
/// Calling listen() again on the listening socket raises the backlog.
void widen_backlog(int port) {
  for (int fd = 3; fd < 1024; ++fd) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    int listening = 0;
    socklen_t flag_length = sizeof listening;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    if (address.sin_family != AF_INET || ntohs(address.sin_port) != port) continue;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &flag_length) == 0 && listening) {
      ::listen(fd, 1024);
    }
  }
}

}  // namespace

int serve(const ServeOptions& options) {
  httplib::Server server;
  // One thread per connection curl may hold open (its total limit) and then some.
  server.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(threads); };
  // Without it, Nagle's algorithm and delayed ACKs add ~40 ms to responses written in two parts.
  server.set_tcp_nodelay(true);
  const CorpusShape shape = options.shape;
  const auto latency = std::chrono::milliseconds(options.latency_ms);
  auto origin_of = [](const httplib::Request& req) {
    return "http://" + req.get_header_value("Host");
  };
  server.Get("/feed", [&](const httplib::Request& req, httplib::Response& res) {
    std::this_thread::sleep_for(latency);
    const int blog = blog_of(req.get_header_value("Host"));
    if (blog < 0 || blog >= shape.blogs) {
      res.status = 404;
      return;
    }
    res.set_content(blog_feed(blog, shape, origin_of(req)),
                    blog % 4 == 3 ? "application/atom+xml" : "application/rss+xml");
  });
  server.Get(R"(/2026/03/post-(\d+)/feed/)",
             [&](const httplib::Request& req, httplib::Response& res) {
               std::this_thread::sleep_for(latency);
               const int blog = blog_of(req.get_header_value("Host"));
               const int post = std::stoi(req.matches[1]);
               if (blog < 0 || blog >= shape.blogs || post >= shape.posts_per_blog) {
                 res.status = 404;
                 return;
               }
               res.set_content(comment_feed(blog, post, origin_of(req)), "application/rss+xml");
             });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) {
    std::fprintf(stderr, "serve: cannot bind 127.0.0.1\n");
    return 1;
  }
  widen_backlog(port);
  { std::ofstream(options.port_file) << port << "\n"; }
  std::fprintf(stderr, "serve: 127.0.0.1:%d, %d ms per response, %d threads\n", port,
               options.latency_ms, options.threads);
  return server.listen_after_bind() ? 0 : 1;
}

}  // namespace confab::bench
