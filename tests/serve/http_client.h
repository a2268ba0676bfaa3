// A raw HTTP/1.1 client for the serve tests: it sends request targets exactly as written (no
// normalisation, so traversal attempts reach the server) and reads event streams incrementally.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace confab::testing {

class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send_get(const std::string& target) {
    const std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
      throw std::runtime_error("cannot send");
    }
  }

  /// Reads until `needle` has arrived (true) or `timeout` passes or the peer closes (false).
  bool read_until(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (received_.find(needle) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return received_.find(needle) != std::string::npos;
      received_.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
  }

  /// Reads everything until the server closes the connection.
  const std::string& read_all(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    read_until(std::string(1, '\0') + "never", timeout);
    return received_;
  }

  const std::string& received() const { return received_; }

 private:
  int fd_ = -1;
  std::string received_;
};

/// One whole response to GET `target`.
inline std::string http_get(int port, const std::string& target) {
  RawConnection connection(port);
  connection.send_get(target);
  return connection.read_all();
}

/// The status code of a raw response ("HTTP/1.1 404 Not Found" -> 404), -1 if none.
inline int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return -1;
  return std::stoi(response.substr(9, 3));
}

}  // namespace confab::testing
