// Conditional GET bookkeeping shared by the fetchers (internal to the fetch stage).
#pragma once

#include "fetch/fetch.h"

namespace confab {

/// Fills result's validators and body hash from the response (carrying the request's over when
/// a 304 omits them) and sets not_modified for a 304 or a body identical to the remembered one.
/// `trust_etag`: an equal ETag on a 200 also means unchanged (for fetchers that cannot send a
/// conditional request).
void apply_validators(FetchResult& result, const FetchRequest& request, bool trust_etag);

}  // namespace confab
