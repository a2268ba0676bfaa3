// The fetch stage's face: URLs in, responses (or typed failures) out. No parsing here.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace confab {

/// Why a fetch produced no usable body. `http_status` covers 4xx/5xx; `not_recorded` is a URL
/// a replay snapshot does not hold.
enum class FetchErrorKind {
  none,
  dns,
  connect,
  tls,
  timeout,
  http_status,
  too_large,
  not_recorded,
  bad_url,
  other
};

const char* fetch_error_name(FetchErrorKind kind);

struct FetchOptions {
  int concurrency = 16;  ///< requests in flight at once
  int per_host = 2;      ///< connections to one host at once
  double timeout_seconds = 30;
  double connect_timeout_seconds = 10;
  std::string user_agent = "confab";
  long max_body_bytes = 10L * 1024 * 1024;
  int max_redirects = 5;
  bool allow_file = false;  ///< file: URLs, for sources named in site.toml only
};

struct FetchResult {
  std::string url;        ///< as requested
  std::string final_url;  ///< after redirects
  int status = 0;         ///< HTTP status of the final response, 0 when none came
  std::vector<std::pair<std::string, std::string>> headers;  ///< final response, in order
  std::string body;
  FetchErrorKind error = FetchErrorKind::none;
  std::string error_message;  ///< for people: names the URL and what went wrong

  bool ok() const { return error == FetchErrorKind::none; }
  /// First header of that name (case-insensitive), "" if absent.
  std::string header(const std::string& name) const;
};

/// Answers requests. Implementations: the network (curl), a replay snapshot, a recorder.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  /// Fetches every URL; results are in the order of `urls`. Never throws for a bad URL or host:
  /// each failure is a FetchResult with its error set.
  virtual std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) = 0;
  FetchResult fetch(const std::string& url) { return fetch_all({url}).front(); }
};

/// libcurl over the network.
std::unique_ptr<Fetcher> make_http_fetcher(const FetchOptions& options);

/// Answers from a snapshot directory written by a recorder; never touches the network.
std::unique_ptr<Fetcher> make_replay_fetcher(const std::filesystem::path& directory);

/// Passes requests to `inner` and writes every response into `directory` as a snapshot.
std::unique_ptr<Fetcher> make_recording_fetcher(std::unique_ptr<Fetcher> inner,
                                                const std::filesystem::path& directory);

}  // namespace confab
