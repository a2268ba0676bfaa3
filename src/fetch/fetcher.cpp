// What every fetcher shares: the body hash, and conditional fetching for fetchers that cannot
// send a conditional request (replay, recorder, offline): they compare what came back.
#include <cstdint>
#include <cstdio>

#include "base/identifiers.h"
#include "fetch/fetch.h"
#include "fetch/validators.h"

namespace confab {

std::string fetch_body_hash(std::string_view body) {
  return hex16(fnv1a64(body));
}

void apply_validators(FetchResult& result, const FetchRequest& request, bool trust_etag) {
  if (result.attempts == 0 && result.status != 0) result.attempts = 1;
  if (!result.ok()) return;
  result.etag = result.header("ETag");
  result.last_modified = result.header("Last-Modified");
  if (result.status == 304) {
    if (result.etag.empty()) result.etag = request.etag;
    if (result.last_modified.empty()) result.last_modified = request.last_modified;
    result.body_hash = request.body_hash;
    result.not_modified = true;
    return;
  }
  result.body_hash = fetch_body_hash(result.body);
  const bool same_etag = trust_etag && !request.etag.empty() && result.etag == request.etag;
  const bool same_body = !request.body_hash.empty() && result.body_hash == request.body_hash;
  result.not_modified = same_etag || same_body;
}

std::vector<FetchResult> Fetcher::fetch_requests(const std::vector<FetchRequest>& requests,
                                                 const FetchProgressCallback& progress) {
  std::vector<std::string> urls;
  urls.reserve(requests.size());
  for (const auto& request : requests) urls.push_back(request.url);
  auto results = fetch_all(urls);
  FetchProgress report;
  report.total = requests.size();
  for (std::size_t i = 0; i < results.size() && i < requests.size(); ++i) {
    FetchResult& result = results[i];
    const FetchRequest& request = requests[i];
    ++report.done;
    if (!result.ok()) ++report.failed;
    apply_validators(result, request, /*trust_etag=*/true);
  }
  if (progress) progress(report);
  return results;
}

}  // namespace confab
