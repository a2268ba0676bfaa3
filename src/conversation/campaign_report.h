// The campaign report's figures, for a manager who reads numbers: activity, who joined, how fast
// the team answers, what is heating up. Computed from the conversation alone (what
// conversation.json holds), so report.json and the report page always agree with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "conversation/awaiting_reply.h"
#include "conversation/conversation.h"

namespace confab {

// QuestionAnswer and find_question_answers live in conversation/awaiting_reply.h, beside the
// rule they share with find_awaiting_reply.

/// Response times over a set of questions. Median: the middle value, the mean of the two middle
/// ones for an even count (rounded down to the second). p90: nearest rank, the ceil(0.9·n)-th
/// smallest. Both over the answered questions whose times are known; none when there are none.
struct ResponseTimes {
  /// What the row is about: a week's Monday "2026-11-30", a source id, a person id; "" overall.
  std::string key;
  /// For people: the source's name (its id when it has none), the person's name (their id when
  /// they have none); the week's Monday again; "" overall.
  std::string label;
  int questions = 0;  ///< by_member: the questions this member answered first
  int answered = 0;   ///< questions with an answer
  std::optional<std::int64_t> median_seconds;
  std::optional<std::int64_t> p90_seconds;
};

/// One day of activity: non-spam nodes published that day, by series (see ActivitySeries).
struct DayActivity {
  std::string day;          ///< "2026-11-30" (UTC)
  std::vector<int> counts;  ///< one per CampaignReport::series, same order
};

/// A series of the activity chart: "blogs" (posts, comments and mentions on blogs, the
/// campaign's own included: nodes whose platform is "") first, then one per platform
/// ("hackernews", "mastodon"…) by total, most first, then by key; only those that said something.
struct ActivitySeries {
  std::string key;    ///< "blogs" or the platform's name
  std::string label;  ///< "" for blogs (the theme names it), the platform's label otherwise
  int total = 0;      ///< its dated non-spam nodes, days older than the chart's included
};

/// Cumulative counts on a day something joined: blogs (sources that are not platforms, the first
/// day one of their dated non-spam nodes was published) and people (distinct Node::author, the
/// first day they wrote something dated and not spam).
struct JoinPoint {
  std::string day;
  int blogs = 0;   ///< total so far
  int people = 0;  ///< total so far
};

/// A thread whose replies come faster now than they used to. Rule: at least
/// kHeatingMinimumRecent replies in the last 24 hours before `now`, and that count at least
/// kHeatingFactor times its own daily average before then (replies per day from its root's
/// publication to 24 hours before now, counting that span as one day at least). Replies: the
/// thread's non-spam nodes but its root; "the last 24 hours": published in (now − 24 h, now].
/// A root without a date is taken as published with its first dated reply.
struct HeatingThread {
  std::string root;  ///< Node id
  int recent = 0;    ///< replies in the last 24 hours
  double past_per_day = 0;
};
inline constexpr int kHeatingMinimumRecent = 3;
inline constexpr double kHeatingFactor = 2.0;

/// A day or an hour far above the campaign's usual rate. Rule: at least kSpikeMinimum nodes
/// (dated, not spam),
/// and at least kSpikeFactor times the campaign's mean over its span (first to last dated
/// node, empty days and hours included).
struct Spike {
  std::string period;  ///< "day" or "hour"
  UnixTime start = 0;  ///< the day's or hour's first second (UTC)
  int count = 0;
  double usual = 0;  ///< the mean per day or per hour it is compared with
};
inline constexpr int kSpikeMinimum = 5;
inline constexpr double kSpikeFactor = 3.0;

inline constexpr int kActivityMaxDays = 1000;

struct CampaignReport {
  UnixTime generated = 0;  ///< the conversation's `generated`: "now" for heating
  std::vector<ActivitySeries> series;
  /// Every day from the first to the last dated non-spam node, empty days included; at most
  /// the last kActivityMaxDays of them.
  std::vector<DayActivity> activity;
  std::vector<JoinPoint> joining;        ///< days on which a blog or a person joined, in order
  int blogs = 0, people = 0;             ///< totals: the last JoinPoint's (0 and 0 without one)
  ResponseTimes response;                ///< over every question
  std::vector<ResponseTimes> by_week;    ///< by the question's week (Monday, UTC), oldest first
  std::vector<ResponseTimes> by_source;  ///< by the question's source, most questions, then key
  std::vector<ResponseTimes> by_member;  ///< by answering team member, most answers, then key
  /// Hottest first (recent / past rate, a rate of 0 hottest), then most recent, then by root.
  std::vector<HeatingThread> heating;
  std::vector<Spike> spikes;  ///< days then hours, each by time
};

/// The report of `conversation` (spam never counted).
CampaignReport campaign_report(const Conversation& conversation);

}  // namespace confab
