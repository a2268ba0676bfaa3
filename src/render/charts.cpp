#include "render/charts.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "base/markup_escape.h"

namespace confab {
namespace {

constexpr std::int64_t kDay = 86400;

/// The day `time` falls on, counted from 1970-01-01 (negative before it).
std::int64_t day_of(UnixTime time) {
  namespace chrono = std::chrono;
  return chrono::floor<chrono::days>(chrono::sys_seconds{chrono::seconds{time}})
      .time_since_epoch()
      .count();
}
constexpr std::int64_t kMaxBars = 60;
constexpr double kPi = 3.14159265358979323846;

/// A coordinate with at most one decimal: short, and the same bytes on every machine.
std::string coord(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::round(value * 10) / 10);
  std::string out = text;
  if (out.ends_with(".0")) out.resize(out.size() - 2);
  if (out == "-0") out = "0";
  return out;
}

std::string escaped(const std::string& text) {
  std::string out;
  append_escaped_text(out, text);
  return out;
}

struct Bucket {
  int posts = 0;
  int comments = 0;
};

constexpr std::int64_t kHour = 3600;
/// Classes chart-series-0 … chart-series-7: the stylesheet colours that many series apart.
constexpr std::size_t kSeriesColours = 8;
constexpr double kLegendRow = 15;

/// The day number of a "2026-11-30" date, nullopt when `text` is not exactly such a date.
std::optional<std::int64_t> parse_day(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const auto time = make_utc_time(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                                  std::stoi(text.substr(8, 2)), 0, 0, 0);
  if (!time) return std::nullopt;
  return day_of(*time);
}

/// The language's way of writing a "2026-11-30" date; the text itself when it is not one.
std::string day_text(const std::string& day, const Strings& strings) {
  const auto parsed = parse_day(day);
  return parsed ? strings.date(*parsed * kDay) : day;
}

/// "from – to", or only `from` when both are the same.
std::string span_text(const std::string& from, const std::string& to) {
  return from == to ? from : from + " – " + to;
}

/// A rough width of `text` in the charts' 10px labels: no font metrics at build time, so every
/// character counts the same (UTF-8 continuation bytes not counted).
double label_width(const std::string& text) {
  const auto characters = std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  return 5.6 * static_cast<double>(characters);
}

/// An opening <svg> tag with its <title> and <desc>, ids "report-NAME-chart-title" and
/// "report-NAME-chart-desc" (distinct from the hub's activity-chart-* and graph-chart-*).
std::string report_svg_start(const std::string& name, double width, double height,
                             const std::string& title, const std::string& description) {
  const std::string id = "report-" + name + "-chart";
  return "<svg class=\"chart chart-report-" + name + "\" viewBox=\"0 0 " + coord(width) + " " +
         coord(height) + "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id +
         "-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"" + id + "-title\">" +
         escaped(title) + "</title><desc id=\"" + id + "-desc\">" + escaped(description) +
         "</desc>";
}

struct LegendEntry {
  std::string swatch_class;  ///< the class that colours the series
  bool line = false;         ///< a line swatch (for lines and marks) rather than a square
  std::string label;
};

/// Where each legend entry goes: its x and its row, wrapping before `right_edge`.
std::vector<std::pair<double, int>> legend_layout(const std::vector<LegendEntry>& entries,
                                                  double left, double right_edge) {
  std::vector<std::pair<double, int>> places;
  double x = left;
  int row = 0;
  for (const LegendEntry& entry : entries) {
    const double advance = 13 + label_width(entry.label) + 12;
    if (x > left && x + advance - 12 > right_edge) {
      x = left;
      ++row;
    }
    places.emplace_back(x, row);
    x += advance;
  }
  return places;
}

/// How many rows legend_layout uses.
int legend_rows(const std::vector<std::pair<double, int>>& places) {
  return places.empty() ? 0 : places.back().second + 1;
}

/// The legend's swatches and labels, the first row's baseline at `top`.
std::string legend_svg(const std::vector<LegendEntry>& entries,
                       const std::vector<std::pair<double, int>>& places, double top) {
  std::string svg = "<g class=\"chart-legend\">";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const double x = places[i].first;
    const double y = top + kLegendRow * places[i].second;
    if (entries[i].line) {
      svg += "<line class=\"chart-key-line " + entries[i].swatch_class + "\" x1=\"" + coord(x) +
             "\" x2=\"" + coord(x + 10) + "\" y1=\"" + coord(y - 3.5) + "\" y2=\"" +
             coord(y - 3.5) + "\"/>";
    } else {
      svg += "<rect class=\"chart-key " + entries[i].swatch_class + "\" x=\"" + coord(x) +
             "\" y=\"" + coord(y - 8) + "\" width=\"9\" height=\"9\"/>";
    }
    svg += "<text class=\"chart-label\" x=\"" + coord(x + 13) + "\" y=\"" + coord(y) + "\">" +
           escaped(entries[i].label) + "</text>";
  }
  return svg + "</g>";
}

/// A rule across the plot at height `y` with `label` at its left end.
std::string scale_rule_svg(double y, const std::string& label, double left, double right_edge) {
  return "<line class=\"chart-rule\" x1=\"" + coord(left) + "\" x2=\"" + coord(right_edge) +
         "\" y1=\"" + coord(y) + "\" y2=\"" + coord(y) + "\"/><text class=\"chart-label\" x=\"" +
         coord(left - 4) + "\" y=\"" + coord(y + 3.5) + "\" text-anchor=\"end\">" + escaped(label) +
         "</text>";
}

/// The first and last dates under the plot (only the first when they are the same).
std::string date_labels_svg(const std::string& from, const std::string& to, double left,
                            double right_edge, double y) {
  std::string svg = "<text class=\"chart-label\" x=\"" + coord(left) + "\" y=\"" + coord(y) +
                    "\">" + escaped(from) + "</text>";
  if (to != from) {
    svg += "<text class=\"chart-label\" x=\"" + coord(right_edge) + "\" y=\"" + coord(y) +
           "\" text-anchor=\"end\">" + escaped(to) + "</text>";
  }
  return svg;
}

/// A step for a time scale that needs at most four steps to reach `longest` seconds: a round
/// duration (a minute, 5 min, an hour, 6 h, a day, a week…), whole days beyond a month.
std::int64_t duration_step(std::int64_t longest) {
  static constexpr std::int64_t kSteps[] = {
      60,        120,       300,        600,  900,      1800,     kHour,     2 * kHour,
      3 * kHour, 6 * kHour, 12 * kHour, kDay, 2 * kDay, 7 * kDay, 14 * kDay, 30 * kDay};
  for (const std::int64_t step : kSteps) {
    if (longest <= 4 * step) return step;
  }
  return (longest / 4 + kDay - 1) / kDay * kDay;
}

}  // namespace

std::string activity_chart_svg(const Conversation& conversation, const Strings& strings) {
  std::int64_t first = 0, last = 0;
  bool any = false;
  for (const Node& node : conversation.nodes) {
    if (node.spam || !node.published) continue;
    const std::int64_t day = day_of(*node.published);
    first = any ? std::min(first, day) : day;
    last = any ? std::max(last, day) : day;
    any = true;
  }
  if (!any) return "";
  const std::int64_t days = last - first + 1;
  const std::int64_t days_per_bar = (days + kMaxBars - 1) / kMaxBars;
  const std::int64_t bar_count = (days + days_per_bar - 1) / days_per_bar;
  std::vector<Bucket> bars(static_cast<std::size_t>(bar_count));
  int total_posts = 0, total_comments = 0;
  for (const Node& node : conversation.nodes) {
    if (node.spam || !node.published) continue;
    const std::int64_t day = day_of(*node.published);
    Bucket& bar = bars[static_cast<std::size_t>((day - first) / days_per_bar)];
    if (node.kind == NodeKind::comment) {
      ++bar.comments;
      ++total_comments;
    } else {
      ++bar.posts;
      ++total_posts;
    }
  }
  int peak = 1;
  std::size_t peak_index = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if (bars[i].posts + bars[i].comments > peak) {
      peak = bars[i].posts + bars[i].comments;
      peak_index = i;
    }
  }
  // Geometry: a plot area with room on the left for the scale and below for the dates.
  const double width = 400, height = 170, left = 30, right = 8, top = 10, bottom = 26;
  const double plot_width = width - left - right, plot_height = height - top - bottom;
  const double slot = plot_width / static_cast<double>(bar_count);
  const double bar_width = std::max(1.0, slot * 0.72);
  auto y_of = [&](double value) { return top + plot_height * (1 - value / peak); };
  const std::string from = strings.date(first * kDay);
  const std::string to = strings.date(last * kDay);
  const std::string peak_day =
      strings.date((first + static_cast<std::int64_t>(peak_index) * days_per_bar) * kDay);

  std::string svg = "<svg class=\"chart chart-activity\" viewBox=\"0 0 " + coord(width) + " " +
                    coord(height) +
                    "\" role=\"img\" aria-labelledby=\"activity-chart-title activity-chart-desc\" "
                    "xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<title id=\"activity-chart-title\">" + escaped(strings.text("activity_heading")) +
         "</title>";
  svg += "<desc id=\"activity-chart-desc\">" +
         escaped(from + " – " + to + ": " + strings.count("post", total_posts) + ", " +
                 strings.count("comment", total_comments) + ". " + peak_day + ": " +
                 strings.number(peak) + ".") +
         "</desc>";
  // Scale: 0, half and the peak, as light rules with their values.
  for (const int value : {0, peak / 2, peak}) {
    if (value == peak / 2 && (value == 0 || value == peak)) continue;
    const std::string y = coord(y_of(value));
    svg += "<line class=\"chart-rule\" x1=\"" + coord(left) + "\" x2=\"" + coord(width - right) +
           "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
    svg += "<text class=\"chart-label\" x=\"" + coord(left - 4) + "\" y=\"" +
           coord(y_of(value) + 3.5) + "\" text-anchor=\"end\">" + strings.number(value) + "</text>";
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bucket& bar = bars[i];
    const double x = left + slot * static_cast<double>(i) + (slot - bar_width) / 2;
    if (bar.comments > 0) {
      svg += "<rect class=\"chart-comments\" x=\"" + coord(x) + "\" y=\"" +
             coord(y_of(bar.comments)) + "\" width=\"" + coord(bar_width) + "\" height=\"" +
             coord(plot_height * bar.comments / peak) + "\"/>";
    }
    if (bar.posts > 0) {
      svg += "<rect class=\"chart-posts\" x=\"" + coord(x) + "\" y=\"" +
             coord(y_of(bar.comments + bar.posts)) + "\" width=\"" + coord(bar_width) +
             "\" height=\"" + coord(plot_height * bar.posts / peak) + "\"/>";
    }
  }
  const std::string label_y = coord(height - bottom + 15);
  svg += "<text class=\"chart-label\" x=\"" + coord(left) + "\" y=\"" + label_y + "\">" +
         escaped(from) + "</text>";
  if (last != first) {
    svg += "<text class=\"chart-label\" x=\"" + coord(width - right) + "\" y=\"" + label_y +
           "\" text-anchor=\"end\">" + escaped(to) + "</text>";
  }
  svg += "</svg>";
  return svg;
}

std::string reply_graph_svg(const Conversation& conversation, const Strings& strings) {
  std::unordered_map<std::string, const Node*> by_id;
  by_id.reserve(conversation.nodes.size());
  for (const Node& node : conversation.nodes) by_id.emplace(node.id, &node);
  // Edges between blogs, counted once per replying post and target blog.
  std::map<std::pair<std::string, std::string>, int> edges;
  for (const Node& node : conversation.nodes) {
    if (node.spam || node.kind != NodeKind::post) continue;
    std::set<std::string> targets;
    std::vector<std::string> linked = node.links_to;
    if (!node.parent.empty()) linked.push_back(node.parent);
    for (const std::string& id : linked) {
      const auto target = by_id.find(id);
      if (target == by_id.end() || target->second->spam) continue;
      if (target->second->source != node.source) targets.insert(target->second->source);
    }
    for (const std::string& target : targets) ++edges[{node.source, target}];
  }
  if (edges.empty()) return "";
  // Blogs in the conversation's source order, only those on an edge.
  std::set<std::string> involved;
  for (const auto& [edge, count] : edges) {
    involved.insert(edge.first);
    involved.insert(edge.second);
  }
  std::vector<const SourceReport*> blogs;
  for (const SourceReport& source : conversation.sources) {
    if (involved.count(source.id)) blogs.push_back(&source);
  }
  std::map<std::string, std::pair<double, double>> position;
  std::map<std::string, std::string> names;
  const double width = 480, height = 240, cx = 240, cy = 120, radius = 84, dot = 6;
  const std::size_t count = blogs.size();
  for (std::size_t i = 0; i < count; ++i) {
    const double angle = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(count);
    position[blogs[i]->id] = {cx + radius * std::cos(angle), cy + radius * std::sin(angle)};
    names[blogs[i]->id] = blogs[i]->name.empty() ? blogs[i]->id : blogs[i]->name;
  }
  int heaviest = 1;
  for (const auto& [edge, weight] : edges) heaviest = std::max(heaviest, weight);

  std::string description;
  for (const auto& [edge, weight] : edges) {
    if (!position.count(edge.first) || !position.count(edge.second)) continue;
    if (!description.empty()) description += "; ";
    description +=
        names[edge.first] + " → " + names[edge.second] + " (" + strings.count("post", weight) + ")";
  }
  std::string svg = "<svg class=\"chart chart-graph\" viewBox=\"0 0 " + coord(width) + " " +
                    coord(height) +
                    "\" role=\"img\" aria-labelledby=\"graph-chart-title graph-chart-desc\" "
                    "xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<title id=\"graph-chart-title\">" + escaped(strings.text("graph_heading")) + "</title>";
  svg += "<desc id=\"graph-chart-desc\">" + escaped(description) + "</desc>";
  svg +=
      "<defs><marker id=\"graph-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
      "markerWidth=\"5\" markerHeight=\"5\" orient=\"auto-start-reverse\">"
      "<path class=\"graph-arrowhead\" d=\"M0 0L10 5L0 10z\"/></marker></defs>";
  for (const auto& [edge, weight] : edges) {
    const auto from = position.find(edge.first);
    const auto to = position.find(edge.second);
    if (from == position.end() || to == position.end()) continue;
    const double dx = to->second.first - from->second.first;
    const double dy = to->second.second - from->second.second;
    const double length = std::max(1.0, std::hypot(dx, dy));
    const double ux = dx / length, uy = dy / length;
    // Stop short of both dots so the arrowhead stays visible.
    const double gap = dot + 3;
    svg += "<line class=\"graph-edge\" x1=\"" + coord(from->second.first + ux * gap) + "\" y1=\"" +
           coord(from->second.second + uy * gap) + "\" x2=\"" + coord(to->second.first - ux * gap) +
           "\" y2=\"" + coord(to->second.second - uy * gap) + "\" stroke-width=\"" +
           coord(1.2 + 2.8 * weight / heaviest) + "\" marker-end=\"url(#graph-arrow)\"/>";
  }
  for (const SourceReport* blog : blogs) {
    const auto [x, y] = position[blog->id];
    const bool campaign = blog->role == SourceKind::campaign;
    svg += "<circle class=\"graph-node" + std::string(campaign ? " graph-campaign" : "") +
           "\" cx=\"" + coord(x) + "\" cy=\"" + coord(y) + "\" r=\"" + coord(dot) + "\"/>";
    // Labels sit outside the circle, on the side they belong to.
    const double dx = x - cx, dy = y - cy;
    const char* anchor = std::abs(dx) < 8 ? "middle" : (dx > 0 ? "start" : "end");
    const double lx = x + (std::abs(dx) < 8 ? 0 : (dx > 0 ? 10 : -10));
    const double ly = y + (std::abs(dx) < 8 ? (dy < 0 ? -11 : 19) : 4);
    svg += "<text class=\"graph-label\" x=\"" + coord(lx) + "\" y=\"" + coord(ly) +
           "\" text-anchor=\"" + anchor + "\">" + escaped(names[blog->id]) + "</text>";
  }
  svg += "</svg>";
  return svg;
}

std::string duration_text(std::int64_t seconds, const Strings& strings) {
  const std::int64_t total = std::max<std::int64_t>(0, seconds);
  if (total < 60) {
    return Strings::fill(strings.text("duration_seconds"), {{"n", strings.number(total)}});
  }
  if (total < kHour) {
    return Strings::fill(strings.text("duration_minutes"), {{"n", strings.number(total / 60)}});
  }
  if (total < kDay) {
    const std::int64_t hours = total / kHour, minutes = total % kHour / 60;
    if (minutes == 0) {
      return Strings::fill(strings.text("duration_hours"), {{"h", strings.number(hours)}});
    }
    // {mm}: two digits, for languages that write "3 h 05".
    const std::string padded = (minutes < 10 ? "0" : "") + std::to_string(minutes);
    return Strings::fill(
        strings.text("duration_hours_minutes"),
        {{"h", strings.number(hours)}, {"m", strings.number(minutes)}, {"mm", padded}});
  }
  const std::int64_t days = total / kDay, hours = total % kDay / kHour;
  if (hours == 0) {
    return Strings::fill(strings.text("duration_days"), {{"d", strings.number(days)}});
  }
  return Strings::fill(strings.text("duration_days_hours"),
                       {{"d", strings.number(days)}, {"h", strings.number(hours)}});
}

std::string report_activity_svg(const CampaignReport& report, const Strings& strings) {
  if (report.activity.empty()) return "";
  const std::size_t series_count = report.series.size();
  const auto days = static_cast<std::int64_t>(report.activity.size());
  const std::int64_t days_per_bar = (days + kMaxBars - 1) / kMaxBars;
  const std::int64_t bar_count = (days + days_per_bar - 1) / days_per_bar;
  std::vector<std::vector<std::int64_t>> bars(static_cast<std::size_t>(bar_count),
                                              std::vector<std::int64_t>(series_count, 0));
  std::vector<std::int64_t> totals(series_count, 0);
  for (std::size_t day = 0; day < report.activity.size(); ++day) {
    const std::vector<int>& counts = report.activity[day].counts;
    std::vector<std::int64_t>& bar = bars[day / static_cast<std::size_t>(days_per_bar)];
    for (std::size_t series = 0; series < std::min(series_count, counts.size()); ++series) {
      const std::int64_t count = std::max(0, counts[series]);
      bar[series] += count;
      totals[series] += count;
    }
  }
  std::int64_t peak = 0;
  std::size_t peak_index = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    std::int64_t sum = 0;
    for (const std::int64_t count : bars[i]) sum += count;
    if (sum > peak) {
      peak = sum;
      peak_index = i;
    }
  }
  // The days a bar covers, as the report names them (it lists every day, in order).
  auto bar_first_day = [&](std::size_t bar) {
    return report.activity[bar * static_cast<std::size_t>(days_per_bar)].day;
  };
  auto bar_last_day = [&](std::size_t bar) {
    return report
        .activity[std::min(report.activity.size(),
                           (bar + 1) * static_cast<std::size_t>(days_per_bar)) -
                  1]
        .day;
  };
  std::vector<std::string> labels;
  for (const ActivitySeries& series : report.series) {
    labels.push_back(series.key == "blogs"  ? strings.text("series_blogs")
                     : series.label.empty() ? series.key
                                            : series.label);
  }
  const std::string from = day_text(report.activity.front().day, strings);
  const std::string to = day_text(report.activity.back().day, strings);
  std::string description = span_text(from, to);
  for (std::size_t series = 0; series < series_count; ++series) {
    description +=
        (series == 0 ? ": " : ", ") + labels[series] + " (" + strings.number(totals[series]) + ")";
  }
  description += ".";
  if (peak > 0) {
    const std::string peak_from = day_text(bar_first_day(peak_index), strings);
    const std::string peak_to = day_text(bar_last_day(peak_index), strings);
    description +=
        " " + (days_per_bar == 1 ? Strings::fill(strings.text("chart_busiest_day"),
                                                 {{"day", peak_from}, {"n", strings.number(peak)}})
                                 : Strings::fill(strings.text("chart_busiest_days"),
                                                 {{"days", span_text(peak_from, peak_to)},
                                                  {"n", strings.number(peak)}}));
  }

  std::vector<LegendEntry> legend;
  for (std::size_t series = 0; series < series_count; ++series) {
    legend.push_back(
        {"chart-series-" + std::to_string(series % kSeriesColours), false, labels[series]});
  }
  // Geometry: the plot, the dates under it, then the legend's rows.
  const double width = 400, left = 30, right = 8, top = 10, plot_height = 134;
  const double plot_width = width - left - right, baseline = top + plot_height;
  const auto places = legend_layout(legend, left, width - right);
  const double legend_top = baseline + 33;
  const double height = legend_top + kLegendRow * std::max(0, legend_rows(places) - 1) + 6;
  const double scale_top = static_cast<double>(std::max<std::int64_t>(peak, 1));
  auto y_of = [&](double value) { return top + plot_height * (1 - value / scale_top); };
  const double slot = plot_width / static_cast<double>(bar_count);
  const double bar_width = std::max(1.0, slot * 0.72);

  std::string svg = report_svg_start("activity", width, height,
                                     strings.text("chart_activity_title"), description);
  for (const std::int64_t value : {std::int64_t{0}, peak / 2, peak}) {
    if (value == peak / 2 && (value == 0 || value == peak)) continue;
    if (value == peak && peak == 0) continue;
    svg += scale_rule_svg(y_of(static_cast<double>(value)), strings.number(value), left,
                          width - right);
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double x = left + slot * static_cast<double>(i) + (slot - bar_width) / 2;
    std::int64_t below = 0;  // series stack from the first, at the bottom, upwards
    for (std::size_t series = 0; series < series_count; ++series) {
      const std::int64_t count = bars[i][series];
      if (count == 0) continue;
      const double bottom_y = y_of(static_cast<double>(below));
      below += count;
      const double top_y = y_of(static_cast<double>(below));
      svg += "<rect class=\"chart-bar chart-series-" + std::to_string(series % kSeriesColours) +
             "\" x=\"" + coord(x) + "\" y=\"" + coord(top_y) + "\" width=\"" + coord(bar_width) +
             "\" height=\"" + coord(bottom_y - top_y) + "\"/>";
    }
  }
  svg += date_labels_svg(from, to, left, width - right, baseline + 15);
  svg += legend_svg(legend, places, legend_top);
  return svg + "</svg>";
}

std::string report_joining_svg(const CampaignReport& report, const Strings& strings) {
  if (report.joining.empty()) return "";
  // Days as numbers when every point's day reads as a date, else evenly spaced points.
  std::vector<std::int64_t> positions;
  for (const JoinPoint& point : report.joining) {
    const auto day = parse_day(point.day);
    if (!day) break;
    positions.push_back(*day);
  }
  if (positions.size() != report.joining.size()) {
    positions.clear();
    for (std::size_t i = 0; i < report.joining.size(); ++i) {
      positions.push_back(static_cast<std::int64_t>(i));
    }
  }
  const std::int64_t first = positions.front(),
                     span = std::max<std::int64_t>(1, positions.back() - positions.front());
  int peak = 0;
  for (const JoinPoint& point : report.joining) peak = std::max({peak, point.blogs, point.people});
  const JoinPoint& last = report.joining.back();
  const std::string from = day_text(report.joining.front().day, strings);
  const std::string to = day_text(last.day, strings);
  const std::string description = Strings::fill(
      strings.text("chart_joined"), {{"days", span_text(from, to)},
                                     {"blogs", strings.count("blog", last.blogs)},
                                     {"people", strings.count("chart_person", last.people)}});

  const std::vector<LegendEntry> legend = {
      {"chart-line-blogs", true, strings.text("figure_blogs")},
      {"chart-line-people", true, strings.text("figure_people")}};
  const double width = 400, left = 30, right = 8, top = 10, plot_height = 134;
  const double plot_width = width - left - right, baseline = top + plot_height;
  const auto places = legend_layout(legend, left, width - right);
  const double legend_top = baseline + 33;
  const double height = legend_top + kLegendRow * std::max(0, legend_rows(places) - 1) + 6;
  const double scale_top = std::max(peak, 1);
  auto y_of = [&](double value) { return top + plot_height * (1 - value / scale_top); };
  auto x_of = [&](std::int64_t position) {
    return left + plot_width * static_cast<double>(position - first) / static_cast<double>(span);
  };
  // A step line from zero: flat until a day something joined, then up to the new total.
  auto step_path = [&](int JoinPoint::*total) {
    std::string path = "M" + coord(left) + " " + coord(y_of(0));
    for (std::size_t i = 0; i < report.joining.size(); ++i) {
      path += "H" + coord(x_of(positions[i])) + "V" + coord(y_of(report.joining[i].*total));
    }
    return path + "H" + coord(width - right);
  };

  std::string svg =
      report_svg_start("joining", width, height, strings.text("chart_joining_title"), description);
  for (const int value : {0, peak / 2, peak}) {
    if (value == peak / 2 && (value == 0 || value == peak)) continue;
    if (value == peak && peak == 0) continue;
    svg += scale_rule_svg(y_of(value), strings.number(value), left, width - right);
  }
  svg += "<path class=\"chart-line chart-line-blogs\" d=\"" + step_path(&JoinPoint::blogs) + "\"/>";
  svg +=
      "<path class=\"chart-line chart-line-people\" d=\"" + step_path(&JoinPoint::people) + "\"/>";
  svg += date_labels_svg(from, to, left, width - right, baseline + 15);
  svg += legend_svg(legend, places, legend_top);
  return svg + "</svg>";
}

std::string report_response_svg(const CampaignReport& report, const Strings& strings) {
  const std::vector<ResponseTimes>& weeks = report.by_week;
  std::int64_t longest = 0;
  bool any = false;
  for (const ResponseTimes& week : weeks) {
    if (!week.median_seconds) continue;
    any = true;
    longest = std::max({longest, *week.median_seconds, week.p90_seconds.value_or(0)});
  }
  if (!any) return "";
  // A slot per calendar week from the first to the last, so that quiet weeks show as gaps;
  // a slot per row when a week's key does not read as a date.
  std::vector<std::int64_t> slots;
  for (const ResponseTimes& week : weeks) {
    const auto day = parse_day(week.key);
    if (!day) break;
    slots.push_back(*day);
  }
  if (slots.size() == weeks.size()) {
    const std::int64_t first = slots.front();
    for (std::int64_t& slot : slots) slot = (slot - first) / 7;
  } else {
    slots.clear();
    for (std::size_t i = 0; i < weeks.size(); ++i) slots.push_back(static_cast<std::int64_t>(i));
  }
  const std::int64_t slot_count =
      std::max<std::int64_t>(1, *std::max_element(slots.begin(), slots.end()) + 1);
  const std::int64_t step = duration_step(longest);
  const std::int64_t scale_top = std::max<std::int64_t>(1, (longest + step - 1) / step) * step;

  std::string description;
  if (report.response.median_seconds) {
    description = Strings::fill(
        strings.text("chart_response_overall"),
        {{"median", duration_text(*report.response.median_seconds, strings)},
         {"p90",
          duration_text(report.response.p90_seconds.value_or(*report.response.median_seconds),
                        strings)},
         {"answered", strings.number(report.response.answered)},
         {"questions", strings.number(report.response.questions)}});
  }
  for (const ResponseTimes& week : weeks) {
    if (!week.median_seconds) continue;
    if (!description.empty()) description += " ";
    description += Strings::fill(
        strings.text("chart_response_week"),
        {{"week", day_text(week.key, strings)},
         {"median", duration_text(*week.median_seconds, strings)},
         {"p90", duration_text(week.p90_seconds.value_or(*week.median_seconds), strings)}});
  }

  const std::vector<LegendEntry> legend = {{"chart-median", false, strings.text("chart_median")},
                                           {"chart-p90", true, strings.text("chart_p90")}};
  // Wider on the left than the other charts: durations are longer labels than counts.
  const double width = 400, left = 52, right = 8, top = 10, plot_height = 134;
  const double plot_width = width - left - right, baseline = top + plot_height;
  const auto places = legend_layout(legend, left, width - right);
  const double legend_top = baseline + 33;
  const double height = legend_top + kLegendRow * std::max(0, legend_rows(places) - 1) + 6;
  auto y_of = [&](std::int64_t seconds) {
    return top + plot_height * (1 - static_cast<double>(seconds) / static_cast<double>(scale_top));
  };
  const double slot = plot_width / static_cast<double>(slot_count);
  const double bar_width = std::max(1.0, slot * 0.6);

  std::string svg = report_svg_start("response", width, height,
                                     strings.text("chart_response_title"), description);
  for (std::int64_t value = 0; value <= scale_top; value += step) {
    svg +=
        scale_rule_svg(y_of(value), value == 0 ? strings.number(0) : duration_text(value, strings),
                       left, width - right);
  }
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    if (!weeks[i].median_seconds) continue;
    const double x = left + slot * static_cast<double>(slots[i]) + (slot - bar_width) / 2;
    const double median_y = y_of(*weeks[i].median_seconds);
    svg += "<rect class=\"chart-bar chart-median\" x=\"" + coord(x) + "\" y=\"" + coord(median_y) +
           "\" width=\"" + coord(bar_width) + "\" height=\"" + coord(baseline - median_y) + "\"/>";
    if (weeks[i].p90_seconds) {
      // The mark overhangs the bar a little so it stays visible on top of it.
      const double overhang = std::max(1.5, bar_width * 0.15);
      const std::string y = coord(y_of(*weeks[i].p90_seconds));
      svg += "<line class=\"chart-p90\" x1=\"" + coord(x - overhang) + "\" x2=\"" +
             coord(x + bar_width + overhang) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
    }
  }
  svg += date_labels_svg(day_text(weeks.front().key, strings), day_text(weeks.back().key, strings),
                         left, width - right, baseline + 15);
  svg += legend_svg(legend, places, legend_top);
  return svg + "</svg>";
}

}  // namespace confab
