// Fetches over the network with one curl multi loop: every request of a call runs concurrently,
// bounded in total and per host, with connection reuse between them.
#include <algorithm>
#include <cctype>
#include <deque>

#include "fetch/curl_handles.h"
#include "fetch/fetch.h"

namespace confab {

namespace {

std::string trim(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

/// One request in flight: its curl handle and what has arrived so far.
struct Transfer {
  std::size_t index = 0;
  CurlEasy easy;
  FetchResult result;
  long max_body = 0;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->result.body.size() + bytes > static_cast<std::size_t>(transfer->max_body)) {
    transfer->too_large = true;
    return 0;  // aborts the transfer: the limit holds while streaming, not after
  }
  transfer->result.body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  std::string line(data, bytes);
  if (line.rfind("HTTP/", 0) == 0) {
    transfer->result.headers.clear();  // a new response (after a redirect) replaces the last
  } else if (const auto colon = line.find(':'); colon != std::string::npos) {
    transfer->result.headers.emplace_back(trim(line.substr(0, colon)),
                                          trim(line.substr(colon + 1)));
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

class HttpFetcher : public Fetcher {
 public:
  explicit HttpFetcher(FetchOptions options) : options_(std::move(options)) {}

  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    std::vector<FetchResult> results(urls.size());
    CurlMulti multi(curl_multi_init());
    curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, long{options_.concurrency});
    curl_multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS, long{options_.per_host});
    curl_multi_setopt(multi.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);

    std::deque<std::size_t> waiting;
    for (std::size_t i = 0; i < urls.size(); ++i) waiting.push_back(i);
    std::vector<std::unique_ptr<Transfer>> active;
    auto start_more = [&] {
      while (!waiting.empty() && active.size() < static_cast<std::size_t>(options_.concurrency)) {
        const std::size_t index = waiting.front();
        waiting.pop_front();
        auto transfer = start(index, urls[index]);
        if (!transfer) {
          results[index].url = results[index].final_url = urls[index];
          results[index].error = FetchErrorKind::other;
          results[index].error_message = urls[index] + ": could not start a request";
          continue;
        }
        curl_multi_add_handle(multi.get(), transfer->easy.get());
        active.push_back(std::move(transfer));
      }
    };
    start_more();
    int running = 0;
    while (!active.empty()) {
      curl_multi_perform(multi.get(), &running);
      int queued = 0;
      while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
        if (message->msg != CURLMSG_DONE) continue;
        auto it = std::find_if(active.begin(), active.end(), [&](const auto& transfer) {
          return transfer->easy.get() == message->easy_handle;
        });
        if (it == active.end()) continue;
        curl_multi_remove_handle(multi.get(), message->easy_handle);
        results[(*it)->index] = finish(**it, message->data.result);
        active.erase(it);
      }
      start_more();
      if (!active.empty()) curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
    }
    return results;
  }

 private:
  std::unique_ptr<Transfer> start(std::size_t index, const std::string& url) const {
    auto transfer = std::make_unique<Transfer>();
    transfer->index = index;
    transfer->result.url = url;
    transfer->max_body = options_.max_body_bytes;
    transfer->easy.reset(curl_easy_init());
    CURL* easy = transfer->easy.get();
    if (!easy) return nullptr;
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR,
                     options_.allow_file ? "http,https,file" : "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, long{options_.max_redirects});
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout_seconds * 1000));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_seconds * 1000));
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can decode
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(options_.max_body_bytes));
    return transfer;
  }

  static FetchResult finish(Transfer& transfer, CURLcode code) {
    FetchResult result = std::move(transfer.result);
    long status = 0;
    curl_easy_getinfo(transfer.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    result.status = static_cast<int>(status);
    char* final_url = nullptr;
    curl_easy_getinfo(transfer.easy.get(), CURLINFO_EFFECTIVE_URL, &final_url);
    result.final_url = final_url ? final_url : result.url;
    if (transfer.too_large) {
      result.error = FetchErrorKind::too_large;
      result.error_message = result.url + ": response larger than the limit";
      result.body.clear();
    } else if (code != CURLE_OK) {
      result.error = classify(code);
      result.error_message = result.url + ": " + curl_easy_strerror(code);
    } else if (status >= 400) {
      result.error = FetchErrorKind::http_status;
      result.error_message = result.url + ": HTTP " + std::to_string(status);
    }
    return result;
  }

  FetchOptions options_;
};

}  // namespace

std::unique_ptr<Fetcher> make_http_fetcher(const FetchOptions& options) {
  return std::make_unique<HttpFetcher>(options);
}

}  // namespace confab
