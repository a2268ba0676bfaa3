// The fetch stage's face: URLs in, responses (or typed failures) out. No parsing here.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
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
  /// The address policy refused where the URL leads (a private address: see AddressPolicy).
  refused,
  other,
  /// The body arrived but is neither a feed nor a page advertising one (set by callers).
  not_a_feed
};

const char* fetch_error_name(FetchErrorKind kind);

/// Which addresses a request may connect to: one policy for every request of a build (feeds,
/// comment feeds, pages, platform APIs), checked on the address actually connected to — after
/// DNS, on every redirect hop — so a public name that resolves to a private address is caught.
/// Only public (global) addresses are reachable, unless allowed here.
struct AddressPolicy {
  bool allow_private = false;  ///< [crawl] allow_private: every address may be reached
  /// Endpoints site.toml names by address ("127.0.0.1:8080", "[fd00::5]:443"): the user chose
  /// them, so they are reachable though private. A name is never trusted this way: what it
  /// resolves to can change.
  std::vector<std::string> trusted_endpoints;
};

/// The endpoint ("host:port", IPv6 in brackets) of an http(s) URL whose host is written as an
/// address or is "localhost"; "" otherwise. For AddressPolicy::trusted_endpoints.
std::string literal_endpoint(std::string_view url);

struct FetchOptions {
  int concurrency = 16;  ///< requests in flight at once
  int per_host = 2;      ///< connections to one host at once
  double timeout_seconds = 30;
  double connect_timeout_seconds = 10;
  std::string user_agent = "confab";
  long max_body_bytes = 10L * 1024 * 1024;  ///< enforced while streaming
  int max_redirects = 5;
  bool allow_file = false;  ///< file: URLs, for sources named in site.toml only
  /// Abort a transfer slower than low_speed_bytes per second for low_speed_seconds (0 = never).
  long low_speed_bytes = 100;
  double low_speed_seconds = 30;
  /// Pause before the single retry of a failed request (connect, timeout, 5xx...).
  double retry_backoff_seconds = 2;
  /// A 429/503 Retry-After longer than this is not waited for: the failure stands.
  double max_retry_after_seconds = 60;
  /// A host whose request has been running this long is listed as slow in progress reports.
  double slow_after_seconds = 5;
  AddressPolicy addresses;
  /// Names answered without DNS, as curl's --resolve: "host:port:address" (tests point public
  /// names at 127.0.0.1 with it; the address policy still judges the address).
  std::vector<std::string> resolve;
};

/// One request, with the validators remembered from the URL's last successful fetch so the
/// request is a conditional GET. For the archive: store `result.etag`, `result.last_modified`
/// and `result.body_hash` (and `result.moved_to` as the new URL when set) after each fetch;
/// pass them back here next build. Empty fields mean "nothing remembered": a plain GET.
struct FetchRequest {
  FetchRequest() = default;
  /// Implicit from a URL alone: a plain GET.
  FetchRequest(std::string url_, std::string etag_ = "", std::string last_modified_ = "",
               std::string body_hash_ = "")
      : url(std::move(url_)),
        etag(std::move(etag_)),
        last_modified(std::move(last_modified_)),
        body_hash(std::move(body_hash_)) {}

  std::string url;
  std::string etag;           ///< sent as If-None-Match
  std::string last_modified;  ///< sent as If-Modified-Since
  std::string body_hash;  ///< fetch_body_hash() of the last body: an identical body is unchanged
  /// A file: URL may be read: set it only for URLs named in site.toml, never for URLs found in
  /// content. Needs FetchOptions::allow_file as well. (fetch_all(urls) sets it for every URL.)
  bool allow_file = false;
};

/// Stable hash of a response body (hex), as FetchResult::body_hash holds it.
std::string fetch_body_hash(std::string_view body);

struct FetchResult {
  std::string url;        ///< as requested
  std::string final_url;  ///< after redirects
  int status = 0;         ///< HTTP status of the final response, 0 when none came
  std::vector<std::pair<std::string, std::string>> headers;  ///< final response, in order
  std::string body;
  FetchErrorKind error = FetchErrorKind::none;
  std::string error_message;  ///< for people: names the URL and what went wrong

  /// "Unchanged", not "empty": a 304, or a body whose hash equals the request's body_hash. The
  /// body may then be empty; use the stored copy. ok() is true.
  bool not_modified = false;
  /// Set when the URL answered with a permanent redirect (301/308): the URL to use from now on
  /// (the end of the leading run of permanent redirects).
  std::string moved_to;
  /// Validators to remember for the next conditional GET (from this response, or carried over
  /// from the request on a 304 that does not repeat them).
  std::string etag;
  std::string last_modified;
  std::string body_hash;  ///< fetch_body_hash(body) of a 200 (the request's on a 304)
  int attempts = 0;       ///< requests made, counting the retry (0: none was made)

  bool ok() const { return error == FetchErrorKind::none; }
  /// 410 Gone: the source is gone for good.
  bool gone() const { return status == 410; }
  /// First header of that name (case-insensitive), "" if absent.
  std::string header(const std::string& name) const;
};

/// Where a fetch_requests call stands, for a progress line. The fetch stage never prints.
struct FetchProgress {
  std::size_t done = 0;
  std::size_t total = 0;
  std::size_t failed = 0;
  std::vector<std::string> slow_hosts;  ///< hosts with a request running for a while
};
using FetchProgressCallback = std::function<void(const FetchProgress&)>;

/// Answers requests. Implementations: the network (curl), a replay snapshot, a recorder.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  /// Fetches every URL; results are in the order of `urls`. Never throws for a bad URL or host:
  /// each failure is a FetchResult with its error set.
  virtual std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) = 0;
  FetchResult fetch(const std::string& url) { return fetch_all({url}).front(); }

  /// Conditional fetch: like fetch_all, with validators per URL, and `progress` called as
  /// requests finish (and now and then while slow ones run). Results are in request order.
  /// The default answers through fetch_all and marks a body equal to the remembered one (same
  /// hash, or same ETag) as not_modified; the network fetcher sends real conditional GETs.
  virtual std::vector<FetchResult> fetch_requests(const std::vector<FetchRequest>& requests,
                                                  const FetchProgressCallback& progress = {});
};

/// libcurl over the network.
std::unique_ptr<Fetcher> make_http_fetcher(const FetchOptions& options);

/// Answers from a snapshot directory written by a recorder; never touches the network.
std::unique_ptr<Fetcher> make_replay_fetcher(const std::filesystem::path& directory);

/// Passes requests to `inner` and writes every response into `directory` as a snapshot.
std::unique_ptr<Fetcher> make_recording_fetcher(std::unique_ptr<Fetcher> inner,
                                                const std::filesystem::path& directory);

}  // namespace confab
