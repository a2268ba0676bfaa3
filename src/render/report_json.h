// report.json: the campaign report's figures (conversation/campaign_report.h) for tools and
// spreadsheets, beside the report page that draws them.
#pragma once

#include <string>

#include "conversation/campaign_report.h"

namespace confab {

/// report.json of `report`: nlohmann's dump(2) and a final newline. Times are RFC 3339 UTC
/// strings ("2026-11-30T09:00:00Z"), days "2026-11-30", durations whole seconds or null when
/// unknown, rates rounded to 3 decimals. Schema (keys in this order):
///
///     {"version": 1, "generated": time,
///      "series": [{"key", "label", "total"}],            // ActivitySeries, "blogs" first
///      "activity": [{"day", "counts": {series key: n}}],  // every series in every day
///      "joining": [{"day", "blogs", "people"}],           // cumulative
///      "blogs": n, "people": n,
///      "response": times,
///      "by_week": [{"week": Monday, ...times}],
///      "by_source": [{"source": id, "name", ...times}],
///      "by_member": [{"person": id, "name", ...times}],
///      "heating": [{"root": node id, "recent": n, "past_per_day": rate}],
///      "spikes": [{"period": "day"|"hour", "start": time, "count": n, "usual": rate}]}
///
/// where times = "questions", "answered", "share_answered" (answered / questions, 0..1, null
/// without questions), "median_seconds", "p90_seconds" (null when no answer time is known).
std::string report_to_json(const CampaignReport& report);

}  // namespace confab
