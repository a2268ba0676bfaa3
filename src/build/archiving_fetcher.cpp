#include "build/archiving_fetcher.h"

#include "base/url.h"

namespace confab {

namespace {

bool same_state(const FetchState& a, const FetchState& b) {
  return a.url == b.url && a.etag == b.etag && a.last_modified == b.last_modified &&
         a.body_hash == b.body_hash && a.last_status == b.last_status &&
         a.last_error == b.last_error && a.last_success == b.last_success &&
         a.consecutive_failures == b.consecutive_failures && a.redirect_to == b.redirect_to &&
         a.body == b.body && a.body_type == b.body_type;
}

}  // namespace

ArchivingFetcher::ArchivingFetcher(Fetcher& inner, Archive& archive, UnixTime now, bool conditional)
    : inner_(inner), archive_(archive), now_(now), conditional_(conditional) {}

std::vector<FetchResult> ArchivingFetcher::fetch_all(const std::vector<std::string>& urls) {
  std::vector<FetchRequest> requests(urls.begin(), urls.end());
  for (auto& request : requests) request.allow_file = true;  // as Fetcher::fetch_all does
  return fetch_requests(requests);
}

std::vector<FetchResult> ArchivingFetcher::fetch_requests(const std::vector<FetchRequest>& requests,
                                                          const FetchProgressCallback& progress) {
  std::vector<std::string> urls;
  for (const auto& request : requests) urls.push_back(request.url);
  const auto known = archive_.fetch_states(urls);
  std::vector<FetchRequest> asked = requests;
  for (auto& request : asked) {
    const auto found = known.find(request.url);
    if (found == known.end()) continue;
    const FetchState& state = found->second;
    known_[request.url] = state;
    // A permanent redirect seen before: ask where the resource lives now.
    if (is_http_url(state.redirect_to)) request.url = state.redirect_to;
    if (!conditional_) continue;
    // Validators only with a stored copy to fall back on: a 304 carries no body.
    if (!state.body.empty() && request.etag.empty() && request.last_modified.empty()) {
      request.etag = state.etag;
      request.last_modified = state.last_modified;
    }
    if (request.body_hash.empty()) request.body_hash = state.body_hash;
  }
  auto results = inner_.fetch_requests(asked, progress);
  for (std::size_t i = 0; i < results.size() && i < requests.size(); ++i) {
    FetchResult& result = results[i];
    const std::string& url = requests[i].url;
    result.url = url;
    const auto found = known.find(url);
    const FetchState* state = found == known.end() ? nullptr : &found->second;
    if (result.ok() && result.not_modified && result.body.empty() && state) {
      result.body = state->body;
      if (!state->body_type.empty()) result.headers.emplace_back("Content-Type", state->body_type);
    }
    if (result.ok() && result.not_modified) unchanged_.insert(url);
    next_[url] = next_state(result, state);
  }
  return results;
}

FetchState ArchivingFetcher::next_state(const FetchResult& result, const FetchState* known) const {
  FetchState state = known ? *known : FetchState{};
  state.url = result.url;
  state.last_status = result.status;
  if (!result.ok()) {
    state.last_error = result.error_message;
    ++state.consecutive_failures;
    return state;
  }
  state.last_error.clear();
  state.consecutive_failures = 0;
  state.last_success = now_;
  if (!result.moved_to.empty()) state.redirect_to = result.moved_to;
  if (result.not_modified && known) {
    // Same content: keep the stored copy; take validators the server may have renewed.
    if (!result.etag.empty()) state.etag = result.etag;
    if (!result.last_modified.empty()) state.last_modified = result.last_modified;
    return state;
  }
  state.etag = result.etag.empty() ? result.header("ETag") : result.etag;
  state.last_modified =
      result.last_modified.empty() ? result.header("Last-Modified") : result.last_modified;
  state.body_hash = result.body_hash.empty() ? fetch_body_hash(result.body) : result.body_hash;
  const bool validated = !state.etag.empty() || !state.last_modified.empty();
  state.body = validated ? result.body : std::string();
  state.body_type = validated ? result.header("Content-Type") : std::string();
  return state;
}

std::vector<FetchState> ArchivingFetcher::take_changed_states() {
  std::vector<FetchState> changed;
  for (const auto& [url, state] : next_) {
    const auto known = known_.find(url);
    if (known == known_.end() || !same_state(known->second, state)) changed.push_back(state);
  }
  for (const auto& state : changed) known_[state.url] = state;
  return changed;
}

}  // namespace confab
