// report.json read back with nlohmann: every figure where the schema says, nulls when unknown.
#include "render/report_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace confab {
namespace {

constexpr UnixTime kMonday = 1795996800;  // 2026-11-30T00:00:00Z

CampaignReport sample_report() {
  CampaignReport report;
  report.generated = kMonday + 9 * 3600;
  report.series = {{"blogs", "", 3}, {"hackernews", "Hacker News", 2}};
  report.activity = {{"2026-11-30", {3, 0}}, {"2026-12-01", {0, 2}}};
  report.joining = {{"2026-11-30", 1, 2}, {"2026-12-01", 1, 4}};
  report.blogs = 1;
  report.people = 4;
  report.response = {"", "", 3, 2, 5400, 7200};
  report.by_week = {{"2026-11-30", "2026-11-30", 3, 2, 5400, 7200}};
  report.by_source = {{"blog", "The Blog", 3, 2, 5400, 7200}};
  report.by_member = {{"tess", "Tess", 2, 2, 5400, 7200}};
  report.heating = {{"blog/post", 4, 2.0 / 9.0}};
  report.spikes = {{"day", kMonday, 12, 0.6}, {"hour", kMonday + 3600, 12, 18.0 / 697.0}};
  return report;
}

TEST(ReportJson, EveryFigureWhereTheSchemaSays) {
  const std::string text = report_to_json(sample_report());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["version"], 1);
  EXPECT_EQ(json["generated"], "2026-11-30T09:00:00Z");

  ASSERT_EQ(json["series"].size(), 2u);
  EXPECT_EQ(json["series"][0], (nlohmann::json{{"key", "blogs"}, {"label", ""}, {"total", 3}}));
  EXPECT_EQ(json["series"][1]["label"], "Hacker News");

  ASSERT_EQ(json["activity"].size(), 2u);
  EXPECT_EQ(json["activity"][1]["day"], "2026-12-01");
  EXPECT_EQ(json["activity"][1]["counts"], (nlohmann::json{{"blogs", 0}, {"hackernews", 2}}));

  ASSERT_EQ(json["joining"].size(), 2u);
  EXPECT_EQ(json["joining"][1],
            (nlohmann::json{{"day", "2026-12-01"}, {"blogs", 1}, {"people", 4}}));
  EXPECT_EQ(json["blogs"], 1);
  EXPECT_EQ(json["people"], 4);

  const nlohmann::json& response = json["response"];
  EXPECT_EQ(response["questions"], 3);
  EXPECT_EQ(response["answered"], 2);
  EXPECT_DOUBLE_EQ(response["share_answered"].get<double>(), 0.667);
  EXPECT_EQ(response["median_seconds"], 5400);
  EXPECT_EQ(response["p90_seconds"], 7200);
  EXPECT_FALSE(response.contains("key"));

  EXPECT_EQ(json["by_week"][0]["week"], "2026-11-30");
  EXPECT_FALSE(json["by_week"][0].contains("name"));
  EXPECT_EQ(json["by_week"][0]["questions"], 3);
  EXPECT_EQ(json["by_source"][0]["source"], "blog");
  EXPECT_EQ(json["by_source"][0]["name"], "The Blog");
  EXPECT_EQ(json["by_source"][0]["median_seconds"], 5400);
  EXPECT_EQ(json["by_member"][0]["person"], "tess");
  EXPECT_EQ(json["by_member"][0]["name"], "Tess");
  EXPECT_DOUBLE_EQ(json["by_member"][0]["share_answered"].get<double>(), 1.0);

  ASSERT_EQ(json["heating"].size(), 1u);
  EXPECT_EQ(json["heating"][0]["root"], "blog/post");
  EXPECT_EQ(json["heating"][0]["recent"], 4);
  EXPECT_DOUBLE_EQ(json["heating"][0]["past_per_day"].get<double>(), 0.222);

  ASSERT_EQ(json["spikes"].size(), 2u);
  EXPECT_EQ(json["spikes"][0]["period"], "day");
  EXPECT_EQ(json["spikes"][0]["start"], "2026-11-30T00:00:00Z");
  EXPECT_EQ(json["spikes"][0]["count"], 12);
  EXPECT_DOUBLE_EQ(json["spikes"][0]["usual"].get<double>(), 0.6);
  EXPECT_EQ(json["spikes"][1]["start"], "2026-11-30T01:00:00Z");
  EXPECT_DOUBLE_EQ(json["spikes"][1]["usual"].get<double>(), 0.026);
}

TEST(ReportJson, KeysInSchemaOrderAndPrettyPrinted) {
  const std::string text = report_to_json(sample_report());
  const char* keys[] = {"\"version\"", "\"generated\"", "\"series\"",    "\"activity\"",
                        "\"joining\"", "\"blogs\"",     "\"people\"",    "\"response\"",
                        "\"by_week\"", "\"by_source\"", "\"by_member\"", "\"heating\"",
                        "\"spikes\""};
  std::size_t last = 0;
  for (const char* key : keys) {
    const std::size_t at = text.find(std::string("\n  ") + key);
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GT(at, last) << key;
    last = at;
  }
  EXPECT_EQ(text.rfind("{\n  \"version\": 1,\n", 0), 0u);
}

TEST(ReportJson, AnEmptyReportHasEmptyListsAndNulls) {
  const nlohmann::json json = nlohmann::json::parse(report_to_json(CampaignReport{}));
  EXPECT_EQ(json["generated"], "1970-01-01T00:00:00Z");
  for (const char* list : {"series", "activity", "joining", "by_week", "by_source", "by_member",
                           "heating", "spikes"}) {
    EXPECT_TRUE(json[list].is_array()) << list;
    EXPECT_TRUE(json[list].empty()) << list;
  }
  EXPECT_EQ(json["blogs"], 0);
  EXPECT_EQ(json["people"], 0);
  const nlohmann::json& response = json["response"];
  EXPECT_EQ(response["questions"], 0);
  EXPECT_EQ(response["answered"], 0);
  EXPECT_TRUE(response["share_answered"].is_null());
  EXPECT_TRUE(response["median_seconds"].is_null());
  EXPECT_TRUE(response["p90_seconds"].is_null());
}

TEST(ReportJson, UnknownTimesAreNullButAShareIsStillGiven) {
  CampaignReport report;
  report.response = {"", "", 2, 1, std::nullopt, std::nullopt};  // the answer is undated
  const nlohmann::json json = nlohmann::json::parse(report_to_json(report));
  EXPECT_DOUBLE_EQ(json["response"]["share_answered"].get<double>(), 0.5);
  EXPECT_TRUE(json["response"]["median_seconds"].is_null());
  EXPECT_TRUE(json["response"]["p90_seconds"].is_null());
}

TEST(ReportJson, SameReportSameBytes) {
  EXPECT_EQ(report_to_json(sample_report()), report_to_json(sample_report()));
}

}  // namespace
}  // namespace confab
