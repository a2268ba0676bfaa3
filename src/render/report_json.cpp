#include "render/report_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "base/time.h"

namespace confab {
namespace {

using Json = nlohmann::ordered_json;

/// Rounded to 3 decimals, so the file shows rates, not floating-point noise.
double rounded(double value) {
  return std::round(value * 1000.0) / 1000.0;
}

Json seconds_or_null(const std::optional<std::int64_t>& seconds) {
  return seconds ? Json(*seconds) : Json(nullptr);
}

/// The five figures of a ResponseTimes row, added to `row` after its own keys.
void add_times(Json& row, const ResponseTimes& times) {
  row["questions"] = times.questions;
  row["answered"] = times.answered;
  row["share_answered"] = times.questions > 0 ? Json(rounded(static_cast<double>(times.answered) /
                                                             static_cast<double>(times.questions)))
                                              : Json(nullptr);
  row["median_seconds"] = seconds_or_null(times.median_seconds);
  row["p90_seconds"] = seconds_or_null(times.p90_seconds);
}

Json times_rows(const std::vector<ResponseTimes>& rows, const char* key_name,
                const char* label_name) {
  Json list = Json::array();
  for (const ResponseTimes& times : rows) {
    Json row;
    row[key_name] = times.key;
    if (label_name) row[label_name] = times.label;
    add_times(row, times);
    list.push_back(std::move(row));
  }
  return list;
}

}  // namespace

std::string report_to_json(const CampaignReport& report) {
  Json json;
  json["version"] = 1;
  json["generated"] = format_rfc3339(report.generated);
  json["series"] = Json::array();
  for (const ActivitySeries& series : report.series) {
    json["series"].push_back(
        {{"key", series.key}, {"label", series.label}, {"total", series.total}});
  }
  json["activity"] = Json::array();
  for (const DayActivity& day : report.activity) {
    Json counts = Json::object();
    for (std::size_t s = 0; s < report.series.size() && s < day.counts.size(); ++s) {
      counts[report.series[s].key] = day.counts[s];
    }
    json["activity"].push_back({{"day", day.day}, {"counts", std::move(counts)}});
  }
  json["joining"] = Json::array();
  for (const JoinPoint& point : report.joining) {
    json["joining"].push_back(
        {{"day", point.day}, {"blogs", point.blogs}, {"people", point.people}});
  }
  json["blogs"] = report.blogs;
  json["people"] = report.people;
  json["response"] = Json::object();
  add_times(json["response"], report.response);
  json["by_week"] = times_rows(report.by_week, "week", nullptr);
  json["by_source"] = times_rows(report.by_source, "source", "name");
  json["by_member"] = times_rows(report.by_member, "person", "name");
  json["heating"] = Json::array();
  for (const HeatingThread& thread : report.heating) {
    json["heating"].push_back({{"root", thread.root},
                               {"recent", thread.recent},
                               {"past_per_day", rounded(thread.past_per_day)}});
  }
  json["spikes"] = Json::array();
  for (const Spike& spike : report.spikes) {
    json["spikes"].push_back({{"period", spike.period},
                              {"start", format_rfc3339(spike.start)},
                              {"count", spike.count},
                              {"usual", rounded(spike.usual)}});
  }
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace confab
