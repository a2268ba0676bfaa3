// The campaign report's charts and duration_text, with the real default theme's strings (read
// from the source tree: render itself never does I/O).
#include "render/charts.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace confab {
namespace {

namespace fs = std::filesystem;

Theme default_theme_strings_only() {
  const fs::path folder = fs::path(CONFAB_SOURCE_DIR) / "themes" / "default" / "i18n";
  Theme theme;
  for (const char* language : {"en", "fr"}) {
    std::ifstream in(folder / (std::string(language) + ".toml"), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    theme.i18n[language] = text.str();
  }
  return theme;
}

const Strings& english() {
  static const Strings strings = Strings::load(default_theme_strings_only(), "en");
  return strings;
}

const Strings& french() {
  static const Strings strings = Strings::load(default_theme_strings_only(), "fr");
  return strings;
}

/// The SVG parsed, failing the test when it is not well-formed XML.
pugi::xml_document parsed(const std::string& svg) {
  pugi::xml_document document;
  const pugi::xml_parse_result result = document.load_string(svg.c_str());
  EXPECT_TRUE(result) << result.description() << " in " << svg;
  return document;
}

/// Elements named `name` whose class list holds `class_name`, in document order.
std::vector<pugi::xml_node> with_class(const pugi::xml_document& document, const char* name,
                                       const std::string& class_name) {
  std::vector<pugi::xml_node> found;
  for (const pugi::xpath_node& hit : document.select_nodes((std::string("//") + name).c_str())) {
    std::istringstream classes(hit.node().attribute("class").value());
    std::string each;
    while (classes >> each) {
      if (each == class_name) {
        found.push_back(hit.node());
        break;
      }
    }
  }
  return found;
}

std::string description_of(const pugi::xml_document& document) {
  return document.child("svg").child("desc").text().get();
}

std::vector<std::string> texts_in(const pugi::xml_node& parent) {
  std::vector<std::string> texts;
  for (const pugi::xpath_node& hit : parent.select_nodes(".//text")) {
    texts.push_back(hit.node().text().get());
  }
  return texts;
}

CampaignReport three_series_report() {
  CampaignReport report;
  report.series = {{"blogs", "", 3}, {"hackernews", "Hacker News", 3}, {"mastodon", "Mastodon", 1}};
  report.activity = {
      {"2026-11-30", {2, 0, 1}}, {"2026-12-01", {0, 0, 0}}, {"2026-12-02", {1, 3, 0}}};
  return report;
}

CampaignReport response_report() {
  CampaignReport report;
  report.response = {"", "", 5, 4, 3600, 12000};
  report.by_week = {{"2026-11-30", "2026-11-30", 2, 2, 7200, 12000},
                    {"2026-12-07", "2026-12-07", 1, 0, std::nullopt, std::nullopt},
                    {"2026-12-14", "2026-12-14", 2, 2, 1800, 3600}};
  return report;
}

TEST(ReportChartsTest, EmptyInputsDrawNothing) {
  CampaignReport report;
  report.series = {{"blogs", "", 0}};
  report.by_week = {{"2026-11-30", "2026-11-30", 3, 0, std::nullopt, std::nullopt}};
  EXPECT_EQ(report_activity_svg(report, english()), "");
  EXPECT_EQ(report_joining_svg(report, english()), "");
  EXPECT_EQ(report_response_svg(report, english()), "");
}

TEST(ReportChartsTest, ActivityHasOneRectPerNonZeroSeriesDayAndALegendNamingEachSeries) {
  const pugi::xml_document svg = parsed(report_activity_svg(three_series_report(), english()));
  std::vector<std::string> bar_classes;
  for (const pugi::xml_node& bar : with_class(svg, "rect", "chart-bar")) {
    bar_classes.push_back(bar.attribute("class").value());
  }
  EXPECT_EQ(bar_classes,
            (std::vector<std::string>{"chart-bar chart-series-0", "chart-bar chart-series-2",
                                      "chart-bar chart-series-0", "chart-bar chart-series-1"}));
  const auto legend = with_class(svg, "g", "chart-legend");
  ASSERT_EQ(legend.size(), 1u);
  EXPECT_EQ(texts_in(legend[0]), (std::vector<std::string>{"Blogs", "Hacker News", "Mastodon"}));
  EXPECT_EQ(with_class(svg, "rect", "chart-key").size(), 3u);
  EXPECT_EQ(description_of(svg),
            "30 Nov 2026 – 2 Dec 2026: Blogs (3), Hacker News (3), Mastodon (1). "
            "Busiest day: 2 Dec 2026 (4).");
  EXPECT_EQ(svg.child("svg").child("title").text().get(), std::string("Activity by channel"));
}

TEST(ReportChartsTest, ActivityStacksSeriesFromTheBaselineUp) {
  const pugi::xml_document svg = parsed(report_activity_svg(three_series_report(), english()));
  const auto bars = with_class(svg, "rect", "chart-bar");
  ASSERT_EQ(bars.size(), 4u);
  // Peak 4 over a 134-high plot from y=10: a count is 33.5 high; the last day's blogs (1)
  // sit on the baseline (144) and its Hacker News (3) on top of them.
  EXPECT_EQ(std::string(bars[2].attribute("y").value()), "110.5");
  EXPECT_EQ(std::string(bars[2].attribute("height").value()), "33.5");
  EXPECT_EQ(std::string(bars[3].attribute("y").value()), "10");
  EXPECT_EQ(std::string(bars[3].attribute("height").value()), "100.5");
}

TEST(ReportChartsTest, ActivityGroupsDaysIntoBarsPastSixtyDays) {
  CampaignReport report;
  report.series = {{"blogs", "", 120}};
  for (int day = 0; day < 120; ++day) {
    const UnixTime time = *make_utc_time(2026, 1, 1, 0, 0, 0) + day * 86400;
    const CivilTime civil = civil_time(time);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", static_cast<int>(civil.year), civil.month,
                  civil.day);
    report.activity.push_back({text, {1}});
  }
  const pugi::xml_document svg = parsed(report_activity_svg(report, english()));
  EXPECT_EQ(with_class(svg, "rect", "chart-bar").size(), 60u);
  EXPECT_EQ(description_of(svg),
            "1 Jan 2026 – 30 Apr 2026: Blogs (120). Busiest days: 1 Jan 2026 – 2 Jan 2026 (2).");
}

TEST(ReportChartsTest, SeriesColoursRepeatAfterEight) {
  CampaignReport report;
  DayActivity day{"2026-11-30", {}};
  for (int i = 0; i < 9; ++i) {
    report.series.push_back({"platform" + std::to_string(i), "P" + std::to_string(i), 1});
    day.counts.push_back(1);
  }
  report.activity = {day};
  const pugi::xml_document svg = parsed(report_activity_svg(report, english()));
  const auto bars = with_class(svg, "rect", "chart-bar");
  ASSERT_EQ(bars.size(), 9u);
  EXPECT_EQ(std::string(bars[7].attribute("class").value()), "chart-bar chart-series-7");
  EXPECT_EQ(std::string(bars[8].attribute("class").value()), "chart-bar chart-series-0");
}

TEST(ReportChartsTest, JoiningDrawsTwoCumulativeStepLines) {
  CampaignReport report;
  report.joining = {{"2026-11-30", 1, 2}, {"2026-12-02", 2, 5}};
  const pugi::xml_document svg = parsed(report_joining_svg(report, english()));
  const auto blogs = with_class(svg, "path", "chart-line-blogs");
  const auto people = with_class(svg, "path", "chart-line-people");
  ASSERT_EQ(blogs.size(), 1u);
  ASSERT_EQ(people.size(), 1u);
  // From zero at the left edge, up at each day, flat to the right edge (x 30 to 392, peak 5).
  EXPECT_EQ(std::string(blogs[0].attribute("d").value()), "M30 144H30V117.2H392V90.4H392");
  EXPECT_EQ(std::string(people[0].attribute("d").value()), "M30 144H30V90.4H392V10H392");
  EXPECT_EQ(description_of(svg), "30 Nov 2026 – 2 Dec 2026: 2 blogs and 5 people joined.");
  EXPECT_EQ(texts_in(with_class(svg, "g", "chart-legend").at(0)),
            (std::vector<std::string>{"Blogs", "People"}));
}

TEST(ReportChartsTest, ResponseDescriptionStatesTheMediansAndP90s) {
  const pugi::xml_document svg = parsed(report_response_svg(response_report(), english()));
  EXPECT_EQ(description_of(svg),
            "All questions: median 1 h, 90th percentile 3 h 20 min, 4 of 5 answered. "
            "Week of 30 Nov 2026: median 2 h, 90th percentile 3 h 20 min. "
            "Week of 14 Dec 2026: median 30 min, 90th percentile 1 h.");
  const pugi::xml_document french_svg = parsed(report_response_svg(response_report(), french()));
  EXPECT_EQ(description_of(french_svg),
            "Toutes les questions : médiane 1 h, 90ᵉ centile 3 h 20, 4 sur 5 avec réponse. "
            "Semaine du 30 nov. 2026 : médiane 2 h, 90ᵉ centile 3 h 20. "
            "Semaine du 14 déc. 2026 : médiane 30 min, 90ᵉ centile 1 h.");
}

TEST(ReportChartsTest, ResponseDrawsABarAndAP90MarkPerWeekWithTimesOnAnHourScale) {
  const pugi::xml_document svg = parsed(report_response_svg(response_report(), english()));
  const auto medians = with_class(svg, "rect", "chart-median");
  ASSERT_EQ(medians.size(), 3u);  // two weeks and the legend's key
  EXPECT_EQ(std::string(medians[0].attribute("class").value()), "chart-bar chart-median");
  EXPECT_EQ(std::string(medians[2].attribute("class").value()), "chart-key chart-median");
  // The scale tops out at 4 h; the quiet middle week leaves its slot (a third) empty.
  EXPECT_EQ(std::string(medians[0].attribute("y").value()), "77");
  EXPECT_EQ(std::string(medians[1].attribute("y").value()), "127.3");
  EXPECT_EQ(std::string(medians[1].attribute("x").value()), "301.3");
  EXPECT_EQ(with_class(svg, "line", "chart-p90").size(), 3u);  // two marks and the legend's
  std::vector<std::string> labels = texts_in(svg.child("svg"));
  labels.resize(5);
  EXPECT_EQ(labels, (std::vector<std::string>{"0", "1 h", "2 h", "3 h", "4 h"}));
}

TEST(ReportChartsTest, EveryChartIsWellFormedWithItsOwnLabelledIds) {
  CampaignReport report = response_report();
  report.series = three_series_report().series;
  report.activity = three_series_report().activity;
  report.joining = {{"2026-11-30", 1, 1}};
  std::set<std::string> ids;
  for (const std::string& text :
       {report_activity_svg(report, english()), report_joining_svg(report, english()),
        report_response_svg(report, english())}) {
    const pugi::xml_document svg = parsed(text);
    const pugi::xml_node root = svg.child("svg");
    ASSERT_TRUE(root);
    EXPECT_EQ(std::string(root.attribute("role").value()), "img");
    EXPECT_EQ(std::string(root.attribute("xmlns").value()), "http://www.w3.org/2000/svg");
    const std::string title = root.child("title").attribute("id").value();
    const std::string desc = root.child("desc").attribute("id").value();
    EXPECT_EQ(std::string(root.attribute("aria-labelledby").value()), title + " " + desc);
    EXPECT_TRUE(ids.insert(title).second) << title;
    EXPECT_TRUE(ids.insert(desc).second) << desc;
  }
  // Not the hub's own chart ids either.
  EXPECT_FALSE(ids.count("activity-chart-title"));
  EXPECT_EQ(ids.size(), 6u);
}

TEST(ReportChartsTest, ChartsAreTheSameBytesEveryTime) {
  const CampaignReport report = three_series_report();
  EXPECT_EQ(report_activity_svg(report, english()), report_activity_svg(report, english()));
}

TEST(DurationTextTest, EnglishUsesTheLargestReadableUnits) {
  EXPECT_EQ(duration_text(0, english()), "0 s");
  EXPECT_EQ(duration_text(-30, english()), "0 s");
  EXPECT_EQ(duration_text(45, english()), "45 s");
  EXPECT_EQ(duration_text(2700, english()), "45 min");
  EXPECT_EQ(duration_text(3599, english()), "59 min");
  EXPECT_EQ(duration_text(3600, english()), "1 h");
  EXPECT_EQ(duration_text(3900, english()), "1 h 5 min");
  EXPECT_EQ(duration_text(12000, english()), "3 h 20 min");
  EXPECT_EQ(duration_text(2 * 86400, english()), "2 d");
  EXPECT_EQ(duration_text(2 * 86400 + 4 * 3600 + 59 * 60, english()), "2 d 4 h");
  EXPECT_EQ(duration_text(1000 * 86400, english()), "1,000 d");
}

TEST(DurationTextTest, FrenchWritesHoursAndMinutesTheFrenchWay) {
  EXPECT_EQ(duration_text(45, french()), "45 s");
  EXPECT_EQ(duration_text(2700, french()), "45 min");
  EXPECT_EQ(duration_text(7200, french()), "2 h");
  EXPECT_EQ(duration_text(12000, french()), "3 h 20");
  EXPECT_EQ(duration_text(3900, french()), "1 h 05");
  EXPECT_EQ(duration_text(2 * 86400 + 4 * 3600, french()), "2 j 4 h");
  EXPECT_EQ(duration_text(1000 * 86400, french()), "1\u202F000 j");
}

}  // namespace
}  // namespace confab
