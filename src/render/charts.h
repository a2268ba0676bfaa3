// The hub's charts, drawn at build time as inline SVG: readable with no JavaScript, styled by
// the theme's stylesheet through their classes, described in text for screen readers.
#pragma once

#include <cstdint>
#include <string>

#include "conversation/campaign_report.h"
#include "conversation/conversation.h"
#include "render/i18n.h"

namespace confab {

/// Posts and comments per day (per several days when the conversation spans months), stacked
/// bars with a labelled scale. "" when nothing is dated. Spam is not counted.
std::string activity_chart_svg(const Conversation& conversation, const Strings& strings);

/// Which blogs answer which: blogs on a circle, an arrow from each blog to every blog one of
/// its posts replies to or links to, thicker for more posts. "" when no blog answered another.
std::string reply_graph_svg(const Conversation& conversation, const Strings& strings);

/// A duration in the largest units that keep it readable, truncated (never rounded up):
/// under a minute "{n} s", under an hour "{n} min", under a day "{h} h" or "{h} h {m} min",
/// else "{d} d" or "{d} d {h} h" (a zero second part is left out). The patterns are the theme's
/// [text] duration_* strings ("3 h 20" and "2 j 4 h" in fr). Negative durations read as 0 s.
std::string duration_text(std::int64_t seconds, const Strings& strings);

/// The report's activity per day (per several days when it spans more than 60), one stacked
/// bar segment per series (class chart-series-N, N = the series' index mod 8), with a scale,
/// the first and last dates and a legend. "" when report.activity is empty.
std::string report_activity_svg(const CampaignReport& report, const Strings& strings);

/// Blogs and people joining over time: two cumulative step lines (chart-line-blogs,
/// chart-line-people) from report.joining, with a scale and a legend. "" when it is empty.
std::string report_joining_svg(const CampaignReport& report, const Strings& strings);

/// The team's response time per week of report.by_week: a bar to the median and a mark at the
/// p90 of each week that has them, a scale in readable durations, a legend. "" when no week has
/// a median.
std::string report_response_svg(const CampaignReport& report, const Strings& strings);

}  // namespace confab
