#include "render/charts.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
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

}  // namespace confab
