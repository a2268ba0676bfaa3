#include "conversation/campaign_report.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace confab {
namespace {

constexpr UnixTime kSecondsPerDay = 86400;
constexpr UnixTime kSecondsPerHour = 3600;

/// Floor division, so times before 1970 fall in the day or hour that contains them.
std::int64_t floor_div(std::int64_t value, std::int64_t by) {
  const std::int64_t quotient = value / by;
  return (value % by != 0 && (value < 0) != (by < 0)) ? quotient - 1 : quotient;
}

std::int64_t day_of(UnixTime t) {
  return floor_div(t, kSecondsPerDay);
}

/// "2026-11-30" for a day number (days since 1970-01-01).
std::string day_text(std::int64_t day) {
  const CivilTime civil = civil_time(day * kSecondsPerDay);
  std::string text = format_year(civil.year);
  const auto two = [](int value) {
    return std::string(1, static_cast<char>('0' + value / 10)) +
           static_cast<char>('0' + value % 10);
  };
  return text + "-" + two(civil.month) + "-" + two(civil.day);
}

/// The day number of the Monday starting the week of `t` (1970-01-01 was a Thursday).
std::int64_t monday_of(UnixTime t) {
  const std::int64_t day = day_of(t);
  return day - (((day + 3) % 7) + 7) % 7;
}

bool counted(const Node& node) {
  return !node.spam;
}

/// The figures of one row from its questions' times; `key` and `label` are the caller's.
struct TimesBuilder {
  int questions = 0;
  int answered = 0;
  std::vector<std::int64_t> seconds;

  void add(const QuestionAnswer& item) {
    ++questions;
    if (item.answer.empty()) return;
    ++answered;
    if (item.seconds) seconds.push_back(*item.seconds);
  }

  ResponseTimes finish(std::string key, std::string label) {
    ResponseTimes times{std::move(key), std::move(label), questions, answered, {}, {}};
    if (seconds.empty()) return times;
    std::sort(seconds.begin(), seconds.end());
    const std::size_t n = seconds.size();
    times.median_seconds =
        n % 2 == 1 ? seconds[n / 2] : floor_div(seconds[n / 2 - 1] + seconds[n / 2], 2);
    const std::size_t rank = (9 * n + 9) / 10;  // ceil(0.9·n), at least 1
    times.p90_seconds = seconds[rank - 1];
    return times;
  }
};

void response_times(const Conversation& conversation,
                    const std::unordered_map<std::string_view, const Node*>& node_by_id,
                    CampaignReport& report) {
  std::unordered_map<std::string_view, const SourceReport*> source_by_id;
  for (const SourceReport& source : conversation.sources) source_by_id.emplace(source.id, &source);
  std::unordered_map<std::string_view, const Person*> person_by_id;
  for (const Person& person : conversation.people) person_by_id.emplace(person.id, &person);

  TimesBuilder overall;
  std::map<std::int64_t, TimesBuilder> weeks;
  std::map<std::string, TimesBuilder> sources;
  std::map<std::string, TimesBuilder> members;
  for (const QuestionAnswer& item : find_question_answers(conversation.nodes)) {
    const Node& question = *node_by_id.at(item.question);
    overall.add(item);
    if (question.published) weeks[monday_of(*question.published)].add(item);
    sources[question.source].add(item);
    if (item.answer.empty()) continue;
    const Node& answer = *node_by_id.at(item.answer);
    if (answer.by_team && !answer.author.empty()) members[answer.author].add(item);
  }

  report.response = overall.finish("", "");
  for (auto& [monday, times] : weeks) {
    const std::string key = day_text(monday);
    report.by_week.push_back(times.finish(key, key));
  }
  for (auto& [id, times] : sources) {
    const auto found = source_by_id.find(id);
    const std::string name =
        found != source_by_id.end() && !found->second->name.empty() ? found->second->name : id;
    report.by_source.push_back(times.finish(id, name));
  }
  for (auto& [id, times] : members) {
    const auto found = person_by_id.find(id);
    const std::string name =
        found != person_by_id.end() && !found->second->name.empty() ? found->second->name : id;
    report.by_member.push_back(times.finish(id, name));
  }
  // Maps iterate by key, so a stable sort leaves ties by key.
  const auto most_questions = [](const ResponseTimes& a, const ResponseTimes& b) {
    return a.questions > b.questions;
  };
  std::stable_sort(report.by_source.begin(), report.by_source.end(), most_questions);
  std::stable_sort(report.by_member.begin(), report.by_member.end(), most_questions);
}

void activity(const Conversation& conversation, CampaignReport& report) {
  // Series "" is blogs; each dated non-spam node counts on its day.
  std::map<std::string, std::map<std::int64_t, int>> per_series;
  std::map<std::string, int> totals;
  for (const Node& node : conversation.nodes) {
    if (!counted(node) || !node.published) continue;
    ++per_series[node.platform][day_of(*node.published)];
    ++totals[node.platform];
  }
  if (totals.empty()) return;

  std::vector<std::pair<std::string, int>> platforms;
  for (const auto& [platform, total] : totals) {
    if (!platform.empty()) platforms.emplace_back(platform, total);
  }
  std::stable_sort(platforms.begin(), platforms.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> keys;  // per_series keys, in series order
  if (const auto blogs = totals.find(""); blogs != totals.end()) {
    report.series.push_back({"blogs", "", blogs->second});
    keys.emplace_back();
  }
  for (const auto& [platform, total] : platforms) {
    std::string label = platform;
    for (const SourceReport& source : conversation.sources) {
      if (source.platform == platform && !source.platform_label.empty()) {
        label = source.platform_label;
        break;
      }
    }
    report.series.push_back({platform, std::move(label), total});
    keys.push_back(platform);
  }

  std::int64_t first = 0, last = 0;
  bool any = false;
  for (const auto& [platform, days] : per_series) {
    if (days.empty()) continue;
    first = any ? std::min(first, days.begin()->first) : days.begin()->first;
    last = any ? std::max(last, days.rbegin()->first) : days.rbegin()->first;
    any = true;
  }
  first = std::max(first, last - (kActivityMaxDays - 1));
  report.activity.reserve(static_cast<std::size_t>(last - first + 1));
  for (std::int64_t day = first; day <= last; ++day) {
    report.activity.push_back({day_text(day), std::vector<int>(keys.size(), 0)});
  }
  for (std::size_t s = 0; s < keys.size(); ++s) {
    const std::map<std::int64_t, int>& days = per_series[keys[s]];
    for (auto at = days.lower_bound(first); at != days.end(); ++at) {
      report.activity[static_cast<std::size_t>(at->first - first)].counts[s] = at->second;
    }
  }
}

void joining(const Conversation& conversation, CampaignReport& report) {
  std::unordered_map<std::string_view, std::int64_t> blog_joined, person_joined;
  const auto note = [](auto& joined, std::string_view who, std::int64_t day) {
    auto [at, inserted] = joined.emplace(who, day);
    if (!inserted) at->second = std::min(at->second, day);
  };
  for (const Node& node : conversation.nodes) {
    if (!counted(node) || !node.published) continue;
    const std::int64_t day = day_of(*node.published);
    if (node.platform.empty() && !node.source.empty()) note(blog_joined, node.source, day);
    if (!node.author.empty()) note(person_joined, node.author, day);
  }
  std::map<std::int64_t, std::pair<int, int>> joined_on;  // day -> blogs, people
  for (const auto& [blog, day] : blog_joined) ++joined_on[day].first;
  for (const auto& [person, day] : person_joined) ++joined_on[day].second;
  for (const auto& [day, counts] : joined_on) {
    report.blogs += counts.first;
    report.people += counts.second;
    report.joining.push_back({day_text(day), report.blogs, report.people});
  }
}

void heating(const Conversation& conversation,
             const std::unordered_map<std::string_view, const Node*>& node_by_id,
             CampaignReport& report) {
  const UnixTime now = conversation.generated;
  const UnixTime recent_from = now - kSecondsPerDay;  // exclusive
  std::unordered_map<std::string_view, std::vector<const Node*>> replies_of;
  for (const Node& node : conversation.nodes) {
    if (counted(node) && !node.thread.empty() && node.id != node.thread) {
      replies_of[node.thread].push_back(&node);
    }
  }
  for (const ThreadSummary& thread : conversation.threads) {
    const auto root = node_by_id.find(thread.root);
    if (root == node_by_id.end() || !counted(*root->second)) continue;
    const auto replies = replies_of.find(thread.root);
    if (replies == replies_of.end()) continue;
    int recent = 0, past = 0;
    std::optional<UnixTime> start = root->second->published;
    for (const Node* reply : replies->second) {
      if (!reply->published) continue;
      const UnixTime when = *reply->published;
      if (!root->second->published) start = std::min(start.value_or(when), when);
      if (when > recent_from && when <= now) {
        ++recent;
      } else if (when <= recent_from) {
        ++past;
      }
    }
    if (recent < kHeatingMinimumRecent) continue;
    const double span_days =
        std::max(1.0, static_cast<double>(recent_from - start.value_or(recent_from)) /
                          static_cast<double>(kSecondsPerDay));
    const double past_per_day = past / span_days;
    if (recent < kHeatingFactor * past_per_day) continue;
    report.heating.push_back({thread.root, recent, past_per_day});
  }
  // Hotter: a higher recent / past rate; a thread without past replies is hottest of all.
  const auto heat = [](const HeatingThread& thread) {
    return thread.past_per_day > 0 ? thread.recent / thread.past_per_day
                                   : std::numeric_limits<double>::infinity();
  };
  std::sort(report.heating.begin(), report.heating.end(),
            [&](const HeatingThread& a, const HeatingThread& b) {
              const double heat_a = heat(a), heat_b = heat(b);
              if (heat_a != heat_b) return heat_a > heat_b;
              if (a.recent != b.recent) return a.recent > b.recent;
              return a.root < b.root;
            });
}

void spikes(const Conversation& conversation, CampaignReport& report) {
  std::map<std::int64_t, int> per_day, per_hour;
  int total = 0;
  for (const Node& node : conversation.nodes) {
    if (!counted(node) || !node.published) continue;
    ++per_day[day_of(*node.published)];
    ++per_hour[floor_div(*node.published, kSecondsPerHour)];
    ++total;
  }
  if (total == 0) return;
  const auto find = [&](const std::map<std::int64_t, int>& counts, const char* period,
                        std::int64_t seconds) {
    const std::int64_t span = counts.rbegin()->first - counts.begin()->first + 1;
    const double usual = static_cast<double>(total) / static_cast<double>(span);
    for (const auto& [index, count] : counts) {
      if (count >= kSpikeMinimum && count >= kSpikeFactor * usual) {
        report.spikes.push_back({period, index * seconds, count, usual});
      }
    }
  };
  find(per_day, "day", kSecondsPerDay);
  find(per_hour, "hour", kSecondsPerHour);
}

}  // namespace

CampaignReport campaign_report(const Conversation& conversation) {
  std::unordered_map<std::string_view, const Node*> node_by_id;  // views into the conversation
  node_by_id.reserve(conversation.nodes.size());
  for (const Node& node : conversation.nodes) node_by_id.emplace(node.id, &node);

  CampaignReport report;
  report.generated = conversation.generated;
  activity(conversation, report);
  joining(conversation, report);
  response_times(conversation, node_by_id, report);
  heating(conversation, node_by_id, report);
  spikes(conversation, report);
  return report;
}

}  // namespace confab
