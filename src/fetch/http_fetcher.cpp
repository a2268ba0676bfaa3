// Fetches over the network with one curl multi loop: every request of a call runs concurrently,
// bounded in total and per host, with connection reuse between them (and between calls: the
// multi handle lives as long as the fetcher). Redirects are followed here rather than by curl,
// so each hop's status is seen (permanent redirects are reported) and only http(s) is followed.
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <list>
#include <map>
#include <optional>
#include <set>

#include "base/strings.h"
#include "base/url.h"
#include "fetch/address_policy.h"
#include "fetch/curl_handles.h"
#include "fetch/fetch.h"
#include "fetch/validators.h"

namespace confab {

namespace {

using Clock = std::chrono::steady_clock;

Clock::duration seconds(double value) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(value));
}

/// One request of the batch, across its redirect hops and its retry.
struct Job {
  std::size_t index = 0;
  FetchRequest request;
  std::string current_url;  ///< the hop being fetched
  std::string host;         ///< current_url's host, for the per-host limit
  int redirects = 0;
  bool permanent_run = true;  ///< every hop so far was a permanent redirect
  bool retried = false;
  Clock::time_point ready_at{};  ///< not started before (backoff, Retry-After)
  FetchResult result;
};

/// One hop in flight: its curl handle and what has arrived so far.
struct Transfer {
  Job job;
  CurlEasy easy;
  CurlSlist request_headers;
  Clock::time_point started{};
  std::string host;
  long max_body = 0;
  bool too_large = false;
  const AddressPolicy* policy = nullptr;
  std::string refused;  ///< why the address policy refused a connection, "" if it did not
  char error_text[CURL_ERROR_SIZE] = {};
};

/// curl asks here for each socket it would connect, with the address DNS gave: the address
/// policy is enforced on what is really reached, on every hop, before a packet leaves.
curl_socket_t open_socket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN) {
    std::optional<IpAddress> ip;
    int port = 0;
    if (address->family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(&address->addr);
      const auto* b = reinterpret_cast<const std::uint8_t*>(&in->sin_addr.s_addr);
      ip = ipv4_address(b[0], b[1], b[2], b[3]);
      port = ntohs(in->sin_port);
    } else if (address->family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address->addr);
      ip.emplace();
      std::memcpy(ip->bytes.data(), &in6->sin6_addr, 16);
      port = ntohs(in6->sin6_port);
    }
    const std::string refusal =
        ip ? address_refusal(*transfer->policy, *ip, port) : "not an internet address";
    if (!refusal.empty()) {
      transfer->refused = refusal;
      return CURL_SOCKET_BAD;
    }
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->job.result.body.size() + bytes > static_cast<std::size_t>(transfer->max_body)) {
    transfer->too_large = true;
    return 0;  // aborts the transfer: the limit holds while streaming, not after
  }
  transfer->job.result.body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  std::string line(data, bytes);
  if (line.rfind("HTTP/", 0) == 0) {
    transfer->job.result.headers.clear();  // a new response (1xx, auth) replaces the last
  } else if (const auto colon = line.find(':'); colon != std::string::npos) {
    transfer->job.result.headers.emplace_back(trim_space(line.substr(0, colon)),
                                              trim_space(line.substr(colon + 1)));
  }
  return bytes;
}

FetchErrorKind classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return FetchErrorKind::dns;
    case CURLE_COULDNT_CONNECT:
      return FetchErrorKind::connect;
    case CURLE_OPERATION_TIMEDOUT:
      return FetchErrorKind::timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return FetchErrorKind::tls;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return FetchErrorKind::bad_url;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchErrorKind::too_large;
    default:
      return FetchErrorKind::other;
  }
}

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/// Failures worth one more try: the network or the server may do better a moment later. A
/// 4xx, a TLS problem, a bad URL or an oversized body will not.
bool worth_retrying(const FetchResult& result) {
  switch (result.error) {
    case FetchErrorKind::dns:
    case FetchErrorKind::connect:
    case FetchErrorKind::timeout:
    case FetchErrorKind::other:
      return true;
    case FetchErrorKind::http_status:
      return result.status >= 500 || result.status == 408 || result.status == 429;
    default:
      return false;
  }
}

/// Seconds a Retry-After header asks for (delta-seconds or an HTTP date); nullopt if absent.
std::optional<double> retry_after_seconds(const std::string& value) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::stod(value);
  }
  const time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::max<double>(0, static_cast<double>(when - time(nullptr)));
}

bool starts_with_scheme(const std::string& url, const char* scheme) {
  return strncasecmp(url.c_str(), scheme, std::strlen(scheme)) == 0;
}

class HttpFetcher : public Fetcher {
 public:
  explicit HttpFetcher(FetchOptions options)
      : options_(std::move(options)), multi_(curl_multi_init()) {
    for (const auto& entry : options_.resolve) {
      resolve_.reset(curl_slist_append(resolve_.release(), entry.c_str()));
    }
    // The loop itself keeps `concurrency` transfers in flight. curl's total-connection limit
    // would count idle cached connections too and stall transfers to new hosts until one
    // closes; a bounded cache (oldest idle closed first) keeps open sockets in check instead.
    curl_multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS, long{options_.concurrency * 2});
    curl_multi_setopt(multi_.get(), CURLMOPT_MAX_HOST_CONNECTIONS, long{options_.per_host});
    curl_multi_setopt(multi_.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  }

  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    std::vector<FetchRequest> requests;
    requests.reserve(urls.size());
    for (const auto& url : urls) {
      requests.emplace_back(url);
      requests.back().allow_file = true;  // the plain overload trusts FetchOptions alone
    }
    return fetch_requests(requests, {});
  }

  std::vector<FetchResult> fetch_requests(const std::vector<FetchRequest>& requests,
                                          const FetchProgressCallback& progress) override {
    Batch batch{requests.size()};
    for (std::size_t i = 0; i < requests.size(); ++i) {
      Job job;
      job.index = i;
      job.request = requests[i];
      job.current_url = requests[i].url;
      job.host = url_host(job.current_url);
      job.result.url = requests[i].url;
      batch.queue_last(std::move(job));
    }
    auto last_report = Clock::now();
    while (!batch.waiting.empty() || !batch.active.empty()) {
      start_ready(batch);
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      bool finished_any = false;
      int queued = 0;
      while (CURLMsg* message = curl_multi_info_read(multi_.get(), &queued)) {
        if (message->msg != CURLMSG_DONE) continue;
        auto it = std::find_if(batch.active.begin(), batch.active.end(), [&](const auto& t) {
          return t->easy.get() == message->easy_handle;
        });
        if (it == batch.active.end()) continue;
        curl_multi_remove_handle(multi_.get(), message->easy_handle);
        std::unique_ptr<Transfer> transfer = std::move(*it);
        batch.active.erase(it);
        --batch.active_per_host[transfer->host];
        after_hop(batch, *transfer, message->data.result);
        finished_any = true;
      }
      const auto now = Clock::now();
      if (progress && (finished_any || now - last_report > std::chrono::seconds(1))) {
        progress(report(batch, now));
        last_report = now;
      }
      if (batch.waiting.empty() && batch.active.empty()) break;
      if (finished_any) continue;  // freed slots: start the next requests before waiting
      curl_multi_poll(multi_.get(), nullptr, 0, poll_timeout_ms(batch, now), nullptr);
    }
    return std::move(batch.results);
  }

 private:
  struct Batch {
    explicit Batch(std::size_t size) : results(size) {}
    std::vector<FetchResult> results;
    std::list<Job> waiting;  // erased from the middle as hosts free up
    std::map<std::string, int> waiting_per_host;
    std::vector<std::unique_ptr<Transfer>> active;
    std::map<std::string, int> active_per_host;
    std::size_t done = 0;
    std::size_t failed = 0;

    void queue_last(Job job) {
      ++waiting_per_host[job.host];
      waiting.push_back(std::move(job));
    }
    void queue_first(Job job) {
      ++waiting_per_host[job.host];
      waiting.push_front(std::move(job));
    }
    /// Takes the job at `it` out of the queue; true when it was its host's last one.
    std::pair<Job, bool> take(std::list<Job>::iterator& it) {
      Job job = std::move(*it);
      it = waiting.erase(it);
      const auto count = waiting_per_host.find(job.host);
      const bool last = --count->second == 0;
      if (last) waiting_per_host.erase(count);
      return {std::move(job), last};
    }
  };

  /// Starts waiting jobs whose time has come, up to the concurrency limit, skipping hosts that
  /// already have their share: a job curl would only queue must not take a slot another host
  /// could use (curl's own per-host limit stays as the backstop).
  void start_ready(Batch& batch) {
    const auto now = Clock::now();
    for (auto it = batch.waiting.begin(); it != batch.waiting.end();) {
      if (batch.active.size() >= static_cast<std::size_t>(options_.concurrency)) break;
      if (it->ready_at > now || batch.active_per_host[it->host] >= options_.per_host) {
        ++it;
        continue;
      }
      auto [job, last_for_host] = batch.take(it);
      auto transfer = start(std::move(job), last_for_host);
      if (transfer->easy) {
        curl_multi_add_handle(multi_.get(), transfer->easy.get());
        ++batch.active_per_host[transfer->host];
        batch.active.push_back(std::move(transfer));
      } else {
        transfer->job.result.error = FetchErrorKind::other;
        transfer->job.result.error_message = transfer->job.request.url + ": could not start";
        complete(batch, std::move(transfer->job));
      }
    }
  }

  int poll_timeout_ms(const Batch& batch, Clock::time_point now) const {
    // Jobs waiting for a free slot are woken by a transfer ending (socket activity); only a
    // job waiting out a delay needs the clock. Never 0 here: that would spin.
    long wait_ms = 100;
    for (const auto& job : batch.waiting) {
      if (job.ready_at <= now) continue;
      const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(job.ready_at - now);
      wait_ms = std::min<long>(wait_ms, std::max<long>(1, until.count()));
    }
    return static_cast<int>(wait_ms);
  }

  FetchProgress report(const Batch& batch, Clock::time_point now) const {
    FetchProgress progress;
    progress.done = batch.done;
    progress.total = batch.results.size();
    progress.failed = batch.failed;
    std::set<std::string> slow;
    for (const auto& transfer : batch.active) {
      if (now - transfer->started > seconds(options_.slow_after_seconds)) {
        slow.insert(transfer->host);
      }
    }
    progress.slow_hosts.assign(slow.begin(), slow.end());
    return progress;
  }

  std::unique_ptr<Transfer> start(Job job, bool last_for_host) const {
    auto transfer = std::make_unique<Transfer>();
    transfer->job = std::move(job);
    transfer->started = Clock::now();
    transfer->host = transfer->job.host;
    transfer->max_body = options_.max_body_bytes;
    transfer->policy = &options_.addresses;
    transfer->job.result.headers.clear();
    transfer->job.result.body.clear();
    transfer->job.result.attempts = transfer->job.retried ? 2 : 1;
    transfer->easy.reset(curl_easy_init());
    CURL* easy = transfer->easy.get();
    if (!easy) return transfer;
    const std::string& url = transfer->job.current_url;
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    // file: only for the URL a caller asked for (a source in site.toml), never a redirect's.
    const bool first_hop = transfer->job.redirects == 0;
    const bool file_allowed = options_.allow_file && transfer->job.request.allow_file && first_hop;
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, file_allowed ? "http,https,file" : "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, transfer.get());
    // Through a proxy the address reached would be the proxy's, and the policy blind.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    if (resolve_) curl_easy_setopt(easy, CURLOPT_RESOLVE, resolve_.get());
    // curl prunes its DNS cache, walking every name it holds, before each new connection: at
    // thousands of hosts that walk cost more than the requests. A fetcher lives for one build
    // or one command (minutes), and the address policy judges each address when it is
    // connected to, cached or not.
    curl_easy_setopt(easy, CURLOPT_DNS_CACHE_TIMEOUT, -1L);
    // A connection to a host with nothing more queued would sit idle in curl's cache, and each
    // connection over the cache's size makes curl walk every host it holds for the oldest to
    // close: closed at once, the cost stays flat at thousands of hosts (and the host is spared
    // an idle socket).
    if (last_for_host) curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long{CURL_HTTP_VERSION_2TLS});
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout_seconds * 1000));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_seconds * 1000));
    if (options_.low_speed_seconds > 0 && options_.low_speed_bytes > 0) {
      curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
      curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
                       std::max(1L, static_cast<long>(options_.low_speed_seconds)));
    }
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // gzip, deflate, br: what curl decodes
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error_text);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(options_.max_body_bytes));
    // Validators belong to the URL asked for; a redirected hop is another resource.
    curl_slist* headers = nullptr;
    if (first_hop && !transfer->job.request.etag.empty()) {
      headers =
          curl_slist_append(headers, ("If-None-Match: " + transfer->job.request.etag).c_str());
    }
    if (first_hop && !transfer->job.request.last_modified.empty()) {
      headers = curl_slist_append(
          headers, ("If-Modified-Since: " + transfer->job.request.last_modified).c_str());
    }
    transfer->request_headers.reset(headers);
    if (headers) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    return transfer;
  }

  /// One hop ended: follow a redirect, schedule the retry, or complete the job.
  void after_hop(Batch& batch, Transfer& transfer, CURLcode code) {
    Job& job = transfer.job;
    FetchResult& result = job.result;
    long status = 0;
    curl_easy_getinfo(transfer.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    result.status = static_cast<int>(status);
    result.final_url = job.current_url;
    result.error = FetchErrorKind::none;
    result.error_message.clear();

    if (transfer.too_large) {
      result.error = FetchErrorKind::too_large;
      result.error_message = job.request.url + ": response larger than the limit (" +
                             std::to_string(options_.max_body_bytes) + " bytes)";
      result.body.clear();
    } else if (code != CURLE_OK && !transfer.refused.empty()) {
      result.error = FetchErrorKind::refused;
      result.error_message =
          job.current_url == job.request.url
              ? job.request.url + ": " + transfer.refused
              : job.request.url + ": redirected to " + job.current_url + ": " + transfer.refused;
    } else if (code != CURLE_OK) {
      result.error = classify(code);
      // curl's error buffer says more ("Operation too slow...") than the code's name.
      result.error_message =
          job.request.url + ": " +
          (transfer.error_text[0] ? transfer.error_text : curl_easy_strerror(code));
    } else if (is_redirect(status)) {
      char* location = nullptr;
      curl_easy_getinfo(transfer.easy.get(), CURLINFO_REDIRECT_URL, &location);
      if (follow_redirect(batch, job, status, location ? location : "")) return;
    } else if (status >= 400) {
      result.error = FetchErrorKind::http_status;
      result.error_message = job.request.url + ": HTTP " + std::to_string(status);
    }

    if (!result.ok() && !job.retried && worth_retrying(result)) {
      std::optional<double> delay = options_.retry_backoff_seconds;
      if (status == 429 || status == 503) {
        // Retry-After is honoured once; a wait longer than the limit is not worth the build.
        if (const auto asked = retry_after_seconds(result.header("Retry-After"))) {
          delay = *asked <= options_.max_retry_after_seconds ? asked : std::nullopt;
        }
      }
      if (delay) {
        job.retried = true;
        job.redirects = 0;
        job.permanent_run = true;
        job.current_url = job.request.url;
        job.host = url_host(job.current_url);
        job.result.moved_to.clear();
        job.ready_at = Clock::now() + seconds(*delay);
        batch.queue_last(std::move(job));
        return;
      }
    }
    complete(batch, std::move(job));
  }

  /// Queues the next hop; false (with the job's error set) when it must not be followed.
  bool follow_redirect(Batch& batch, Job& job, long status, const std::string& location) {
    FetchResult& result = job.result;
    if (location.empty()) {
      result.error = FetchErrorKind::http_status;
      result.error_message =
          job.request.url + ": HTTP " + std::to_string(status) + " without a Location";
      return false;
    }
    if (job.redirects >= options_.max_redirects) {
      result.error = FetchErrorKind::other;
      result.error_message =
          job.request.url + ": more than " + std::to_string(options_.max_redirects) + " redirects";
      return false;
    }
    if (!starts_with_scheme(location, "http://") && !starts_with_scheme(location, "https://")) {
      result.error = FetchErrorKind::bad_url;
      result.error_message = job.request.url + ": redirect to a non-http(s) URL " + location;
      return false;
    }
    const bool permanent = status == 301 || status == 308;
    job.permanent_run = job.permanent_run && permanent;
    if (job.permanent_run) result.moved_to = location;
    ++job.redirects;
    job.current_url = location;
    job.host = url_host(location);
    job.ready_at = Clock::time_point{};
    batch.queue_first(std::move(job));  // before jobs not yet begun
    return true;
  }

  void complete(Batch& batch, Job job) {
    FetchResult& result = job.result;
    if (result.final_url.empty()) result.final_url = job.current_url;
    if (!result.ok()) ++batch.failed;
    apply_validators(result, job.request, /*trust_etag=*/false);
    ++batch.done;
    batch.results[job.index] = std::move(result);
  }

  FetchOptions options_;
  CurlMulti multi_;
  CurlSlist resolve_;  ///< FetchOptions::resolve, for every handle
};

}  // namespace

std::unique_ptr<Fetcher> make_http_fetcher(const FetchOptions& options) {
  return std::make_unique<HttpFetcher>(options);
}

}  // namespace confab
