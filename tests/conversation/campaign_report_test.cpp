// The campaign report's figures on small hand-made conversations: response times, activity,
// joining, heating threads and spikes, each rule checked on both sides of its threshold.
#include "conversation/campaign_report.h"

#include <gtest/gtest.h>

#include "conversation/awaiting_reply.h"

namespace confab {
namespace {

constexpr UnixTime kHour = 3600;
constexpr UnixTime kDay = 86400;
constexpr UnixTime kMonday = 1795996800;  // 2026-11-30T00:00:00Z, a Monday

SourceReport source(std::string id, std::string name, std::string platform = "",
                    std::string platform_label = "") {
  SourceReport made;
  made.id = std::move(id);
  made.name = std::move(name);
  made.platform = std::move(platform);
  made.platform_label = std::move(platform_label);
  return made;
}

Person person(std::string id, std::string name) {
  Person made;
  made.id = std::move(id);
  made.name = std::move(name);
  return made;
}

Node post(std::string id, std::string author, std::optional<UnixTime> published,
          std::string source = "blog") {
  Node made;
  made.id = id;
  made.kind = NodeKind::post;
  made.source = std::move(source);
  made.thread = std::move(id);
  made.author = author;
  made.author_name = std::move(author);
  made.published = published;
  return made;
}

/// A comment below `parent` in the thread of `root`, by the person `author` (also their name).
Node comment(std::string id, const Node& parent, std::string author,
             std::optional<UnixTime> published, std::string text, bool by_team = false) {
  Node made;
  made.id = std::move(id);
  made.kind = NodeKind::comment;
  made.source = parent.source;
  made.platform = parent.platform;
  made.parent = parent.id;
  made.thread = parent.thread;
  made.author = author;
  made.author_name = std::move(author);
  made.published = published;
  made.text = std::move(text);
  made.by_team = by_team;
  return made;
}

/// A question by `asker` on `on` at `asked`, answered by the post's author `after` seconds later.
void add_answered_question(std::vector<Node>& nodes, const Node& on, const std::string& asker,
                           UnixTime asked, UnixTime after) {
  nodes.push_back(comment("q-" + asker, on, asker, asked, "Does it work on Sundays?"));
  const Node question = nodes.back();
  nodes.push_back(comment("a-" + asker, question, on.author, asked + after, "It does."));
}

TEST(CampaignReportResponse, MedianAndP90OfFiveAnswerTimes) {
  Conversation conversation;
  conversation.nodes.push_back(post("p", "ana", kMonday));
  const Node on = conversation.nodes[0];
  const UnixTime afters[] = {10 * kHour, 1 * kHour, 30 * kHour, 3 * kHour, 2 * kHour};
  int asker = 0;
  for (UnixTime after : afters) {
    add_answered_question(conversation.nodes, on, "asker" + std::to_string(asker++),
                          kMonday + kHour, after);
  }
  const CampaignReport report = campaign_report(conversation);
  EXPECT_EQ(report.response.questions, 5);
  EXPECT_EQ(report.response.answered, 5);
  EXPECT_EQ(report.response.median_seconds, 3 * kHour);
  EXPECT_EQ(report.response.p90_seconds, 30 * kHour);  // ceil(4.5) = the 5th smallest
}

TEST(CampaignReportResponse, EvenCountMedianIsTheMeanOfTheTwoMiddleTimes) {
  Conversation conversation;
  conversation.nodes.push_back(post("p", "ana", kMonday));
  const Node on = conversation.nodes[0];
  const UnixTime afters[] = {1 * kHour, 2 * kHour, 4 * kHour, 10 * kHour};
  int asker = 0;
  for (UnixTime after : afters) {
    add_answered_question(conversation.nodes, on, "asker" + std::to_string(asker++),
                          kMonday + kHour, after);
  }
  const CampaignReport report = campaign_report(conversation);
  EXPECT_EQ(report.response.median_seconds, 3 * kHour);
  EXPECT_EQ(report.response.p90_seconds, 10 * kHour);  // ceil(3.6) = the 4th smallest
}

TEST(CampaignReportResponse, AnUnansweredQuestionCountsAsAQuestionOnly) {
  Conversation conversation;
  conversation.nodes.push_back(post("p", "ana", kMonday));
  const Node on = conversation.nodes[0];
  add_answered_question(conversation.nodes, on, "bob", kMonday + kHour, 2 * kHour);
  conversation.nodes.push_back(comment("q-eve", on, "eve", kMonday + kHour, "And on Mondays?"));
  const CampaignReport report = campaign_report(conversation);
  EXPECT_EQ(report.response.questions, 2);
  EXPECT_EQ(report.response.answered, 1);
  EXPECT_EQ(report.response.median_seconds, 2 * kHour);
  EXPECT_EQ(report.response.p90_seconds, 2 * kHour);

  const auto pairs = find_question_answers(conversation.nodes);
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].question, "q-bob");
  EXPECT_EQ(pairs[0].answer, "a-bob");
  EXPECT_EQ(pairs[0].seconds, 2 * kHour);
  EXPECT_EQ(pairs[1].question, "q-eve");
  EXPECT_EQ(pairs[1].answer, "");
  EXPECT_EQ(pairs[1].seconds, std::nullopt);
}

TEST(CampaignReportResponse, NoQuestionsMeansNoTimes) {
  Conversation conversation;
  conversation.nodes.push_back(post("p", "ana", kMonday));
  const CampaignReport report = campaign_report(conversation);
  EXPECT_EQ(report.response.questions, 0);
  EXPECT_EQ(report.response.median_seconds, std::nullopt);
  EXPECT_EQ(report.response.p90_seconds, std::nullopt);
  EXPECT_TRUE(report.by_week.empty());
  EXPECT_TRUE(report.by_source.empty());
}

TEST(QuestionAnswers, TheFirstAnswerIsTheEarliestDatedOneUndatedLast) {
  std::vector<Node> nodes{post("p", "ana", kMonday)};
  nodes.push_back(comment("q", nodes[0], "bob", kMonday + kHour, "Why?"));
  const Node question = nodes.back();
  nodes.push_back(comment("undated", question, "ana", std::nullopt, "Because."));
  nodes.push_back(comment("late", question, "ana", kMonday + 5 * kHour, "Because, again."));
  nodes.push_back(comment("early", question, "ana", kMonday + 2 * kHour, "Because!"));
  const auto pairs = find_question_answers(nodes);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].answer, "early");
  EXPECT_EQ(pairs[0].seconds, kHour);

  // Only undated answers: the first of them in node order, with no time.
  nodes.pop_back();
  nodes.pop_back();
  const auto undated = find_question_answers(nodes);
  ASSERT_EQ(undated.size(), 1u);
  EXPECT_EQ(undated[0].answer, "undated");
  EXPECT_EQ(undated[0].seconds, std::nullopt);
}

TEST(QuestionAnswers, ATopLevelCommentNamingTheAskerAnswersThem) {
  std::vector<Node> nodes{post("p", "ana", kMonday)};
  nodes.push_back(comment("q", nodes[0], "Bob", kMonday + kHour, "Why?"));
  nodes.push_back(comment("named", nodes[0], "ana", kMonday + 3 * kHour, "Bob: because."));
  const auto pairs = find_question_answers(nodes);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].answer, "named");
  EXPECT_EQ(pairs[0].seconds, 2 * kHour);
}

TEST(CampaignReportResponse, ByWeekIsKeyedByTheQuestionsMonday) {
  Conversation conversation;
  conversation.nodes.push_back(post("p", "ana", kMonday));
  const Node on = conversation.nodes[0];
  add_answered_question(conversation.nodes, on, "wed", kMonday + 2 * kDay, kHour);  // Wed
  add_answered_question(conversation.nodes, on, "sun", kMonday + 6 * kDay + 23 * kHour,
                        3 * kHour);                                                     // Sun
  add_answered_question(conversation.nodes, on, "mon", kMonday + 7 * kDay, 5 * kHour);  // Mon
  conversation.nodes.push_back(comment("q-undated", on, "zed", std::nullopt, "When?"));
  const CampaignReport report = campaign_report(conversation);
  EXPECT_EQ(report.response.questions, 4);
  ASSERT_EQ(report.by_week.size(), 2u);
  EXPECT_EQ(report.by_week[0].key, "2026-11-30");
  EXPECT_EQ(report.by_week[0].label, "2026-11-30");
  EXPECT_EQ(report.by_week[0].questions, 2);
  EXPECT_EQ(report.by_week[0].median_seconds, 2 * kHour);
  EXPECT_EQ(report.by_week[1].key, "2026-12-07");
  EXPECT_EQ(report.by_week[1].questions, 1);
  EXPECT_EQ(report.by_week[1].median_seconds, 5 * kHour);
}

TEST(CampaignReportResponse, BySourceIsNamedAndMostQuestionsFirst) {
  Conversation conversation;
  conversation.sources.push_back(source("blog", "The Blog"));
  conversation.sources.push_back(source("other", ""));
  conversation.nodes.push_back(post("p", "ana", kMonday, "other"));
  conversation.nodes.push_back(post("p2", "ana", kMonday, "blog"));
  const Node on_other = conversation.nodes[0], on_blog = conversation.nodes[1];
  add_answered_question(conversation.nodes, on_other, "bob", kMonday + kHour, kHour);
  add_answered_question(conversation.nodes, on_blog, "eve", kMonday + kHour, kHour);
  conversation.nodes.push_back(comment("q-zed", on_blog, "zed", kMonday + kHour, "Really?"));
  const CampaignReport report = campaign_report(conversation);
  ASSERT_EQ(report.by_source.size(), 2u);
  EXPECT_EQ(report.by_source[0].key, "blog");
  EXPECT_EQ(report.by_source[0].label, "The Blog");
  EXPECT_EQ(report.by_source[0].questions, 2);
  EXPECT_EQ(report.by_source[0].answered, 1);
  EXPECT_EQ(report.by_source[1].key, "other");
  EXPECT_EQ(report.by_source[1].label, "other");  // no name: its id
  EXPECT_EQ(report.by_source[1].questions, 1);
}

TEST(CampaignReportResponse, ByMemberCountsOnlyAnswersByTheTeam) {
  Conversation conversation;
  conversation.people.push_back(person("tess", "Tess Team"));
  conversation.people.push_back(person("max", "Max"));
  conversation.nodes.push_back(post("p", "ana", kMonday));
  const Node on = conversation.nodes[0];
  std::vector<Node>& nodes = conversation.nodes;
  for (const char* asker : {"bob", "eve", "zed"}) {
    nodes.push_back(comment(std::string("q-") + asker, on, asker, kMonday + kHour, "How?"));
  }
  const Node q_bob = nodes[1], q_eve = nodes[2], q_zed = nodes[3];
  nodes.push_back(comment("a-bob", q_bob, "tess", kMonday + 2 * kHour, "Thus.", true));
  nodes.push_back(comment("a-eve", q_eve, "tess", kMonday + 5 * kHour, "Thus.", true));
  nodes.push_back(comment("a-zed", q_zed, "ana", kMonday + 2 * kHour, "Thus."));  // not the team
  nodes.push_back(comment("a-max", q_eve, "max", kMonday + 6 * kHour, "Thus.", true));  // 2nd
  const CampaignReport report = campaign_report(conversation);
  EXPECT_EQ(report.response.answered, 3);
  ASSERT_EQ(report.by_member.size(), 1u);
  EXPECT_EQ(report.by_member[0].key, "tess");
  EXPECT_EQ(report.by_member[0].label, "Tess Team");
  EXPECT_EQ(report.by_member[0].questions, 2);
  EXPECT_EQ(report.by_member[0].answered, 2);
  EXPECT_EQ(report.by_member[0].median_seconds, 2 * kHour + kHour / 2);
  EXPECT_EQ(report.by_member[0].p90_seconds, 4 * kHour);
}

TEST(CampaignReportResponse, SpamAsksNothingAndAnswersNothing) {
  Conversation conversation;
  conversation.nodes.push_back(post("p", "ana", kMonday));
  const Node on = conversation.nodes[0];
  conversation.nodes.push_back(comment("q-spam", on, "bot", kMonday + kHour, "Cheap pills?"));
  conversation.nodes.back().spam = SpamVerdict{0.9, {"links"}};
  conversation.nodes.push_back(comment("q", on, "bob", kMonday + kHour, "Why?"));
  const Node question = conversation.nodes.back();
  conversation.nodes.push_back(comment("a-spam", question, "ana", kMonday + 2 * kHour, "Buy."));
  conversation.nodes.back().spam = SpamVerdict{0.9, {"links"}};
  const CampaignReport report = campaign_report(conversation);
  EXPECT_EQ(report.response.questions, 1);
  EXPECT_EQ(report.response.answered, 0);
  EXPECT_EQ(find_awaiting_reply(conversation.nodes), (std::vector<std::string>{"q"}));
}

TEST(AwaitingReply, StillTheUnansweredQuestionsOldestFirst) {
  std::vector<Node> nodes{post("p", "ana", kMonday)};
  nodes.push_back(comment("q-late", nodes[0], "bob", kMonday + 3 * kHour, "Why?"));
  nodes.push_back(comment("q-answered", nodes[0], "eve", kMonday + kHour, "How?"));
  nodes.push_back(comment("q-early", nodes[0], "zed", kMonday + 2 * kHour, "When?"));
  nodes.push_back(comment("q-undated", nodes[0], "kim", std::nullopt, "Where?"));
  nodes.push_back(comment("not-a-question", nodes[0], "lou", kMonday, "Nice."));
  const Node answered = nodes[2];
  nodes.push_back(comment("a", answered, "ana", kMonday + 4 * kHour, "Like so."));
  EXPECT_EQ(find_awaiting_reply(nodes),
            (std::vector<std::string>{"q-undated", "q-early", "q-late"}));
}

TEST(CampaignReportActivity, SeriesByPlatformAndEveryDayOfTheSpan) {
  Conversation conversation;
  conversation.sources.push_back(source("blog", "Blog"));
  conversation.sources.push_back(source("hn", "HN", "hackernews", "Hacker News"));
  conversation.sources.push_back(source("social", "m", "mastodon", "Mastodon"));
  std::vector<Node>& nodes = conversation.nodes;
  nodes.push_back(post("p", "ana", kMonday));
  nodes.push_back(comment("c1", nodes[0], "bob", kMonday + kHour, "Nice."));
  nodes.push_back(post("m1", "eve", kMonday + kDay, "social"));
  nodes.back().platform = "mastodon";
  nodes.push_back(post("h1", "zed", kMonday + 3 * kDay, "hn"));
  nodes.back().platform = "hackernews";
  for (int i = 0; i < 2; ++i) {
    nodes.push_back(
        comment("h-c" + std::to_string(i), nodes[3], "kim", kMonday + 3 * kDay + kHour, "Indeed."));
  }
  nodes.push_back(comment("undated", nodes[0], "lou", std::nullopt, "Hm."));
  nodes.push_back(comment("spam", nodes[0], "bot", kMonday + 9 * kDay, "Pills."));
  nodes.back().spam = SpamVerdict{1, {}};

  const CampaignReport report = campaign_report(conversation);
  ASSERT_EQ(report.series.size(), 3u);
  EXPECT_EQ(report.series[0].key, "blogs");
  EXPECT_EQ(report.series[0].label, "");
  EXPECT_EQ(report.series[0].total, 2);
  EXPECT_EQ(report.series[1].key, "hackernews");
  EXPECT_EQ(report.series[1].label, "Hacker News");
  EXPECT_EQ(report.series[1].total, 3);
  EXPECT_EQ(report.series[2].key, "mastodon");
  EXPECT_EQ(report.series[2].label, "Mastodon");
  EXPECT_EQ(report.series[2].total, 1);

  ASSERT_EQ(report.activity.size(), 4u);  // the spam's day does not stretch the span
  EXPECT_EQ(report.activity[0].day, "2026-11-30");
  EXPECT_EQ(report.activity[0].counts, (std::vector<int>{2, 0, 0}));
  EXPECT_EQ(report.activity[1].day, "2026-12-01");
  EXPECT_EQ(report.activity[1].counts, (std::vector<int>{0, 0, 1}));
  EXPECT_EQ(report.activity[2].day, "2026-12-02");
  EXPECT_EQ(report.activity[2].counts, (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(report.activity[3].day, "2026-12-03");
  EXPECT_EQ(report.activity[3].counts, (std::vector<int>{0, 3, 0}));

  // Joining: the blog on day 0 (hackernews and mastodon are platforms, not blogs); people ana
  // and bob on day 0, eve on day 1, zed and kim on day 3; lou wrote nothing dated, bot is spam.
  ASSERT_EQ(report.joining.size(), 3u);
  EXPECT_EQ(report.joining[0].day, "2026-11-30");
  EXPECT_EQ(report.joining[0].blogs, 1);
  EXPECT_EQ(report.joining[0].people, 2);
  EXPECT_EQ(report.joining[1].day, "2026-12-01");
  EXPECT_EQ(report.joining[1].people, 3);
  EXPECT_EQ(report.joining[2].day, "2026-12-03");
  EXPECT_EQ(report.joining[2].blogs, 1);
  EXPECT_EQ(report.joining[2].people, 5);
  EXPECT_EQ(report.blogs, 1);
  EXPECT_EQ(report.people, 5);
}

TEST(CampaignReportActivity, ABlogJoinsOnItsEarliestNodeWhateverTheNodeOrder) {
  Conversation conversation;
  conversation.nodes.push_back(post("late", "ana", kMonday + 2 * kDay, "a"));
  conversation.nodes.push_back(post("early", "ana", kMonday, "b"));
  conversation.nodes.push_back(post("earliest", "bob", kMonday - kDay, "a"));
  const CampaignReport report = campaign_report(conversation);
  ASSERT_EQ(report.joining.size(), 2u);
  EXPECT_EQ(report.joining[0].day, "2026-11-29");
  EXPECT_EQ(report.joining[0].blogs, 1);
  EXPECT_EQ(report.joining[0].people, 1);
  EXPECT_EQ(report.joining[1].day, "2026-11-30");
  EXPECT_EQ(report.joining[1].blogs, 2);
  EXPECT_EQ(report.joining[1].people, 2);
}

TEST(CampaignReportActivity, KeepsTheLastThousandDaysButCountsEveryNode) {
  Conversation conversation;
  conversation.nodes.push_back(post("old", "ana", kMonday));
  conversation.nodes.push_back(post("new", "ana", kMonday + 1500 * kDay));
  const CampaignReport report = campaign_report(conversation);
  ASSERT_EQ(report.activity.size(), static_cast<std::size_t>(kActivityMaxDays));
  EXPECT_EQ(report.activity.front().counts, (std::vector<int>{0}));
  EXPECT_EQ(report.activity.back().counts, (std::vector<int>{1}));
  ASSERT_EQ(report.series.size(), 1u);
  EXPECT_EQ(report.series[0].total, 2);
}

TEST(CampaignReportActivity, NothingDatedMeansNoChart) {
  Conversation conversation;
  conversation.nodes.push_back(post("p", "ana", std::nullopt));
  const CampaignReport report = campaign_report(conversation);
  EXPECT_TRUE(report.series.empty());
  EXPECT_TRUE(report.activity.empty());
  EXPECT_TRUE(report.joining.empty());
  EXPECT_TRUE(report.spikes.empty());
  EXPECT_EQ(report.people, 0);
}

/// A thread rooted at `root` published at `published`, with replies at the given times.
void add_thread(Conversation& conversation, const std::string& root, UnixTime published,
                const std::vector<UnixTime>& replies) {
  conversation.nodes.push_back(post(root, "ana", published));
  const Node on = conversation.nodes.back();
  for (std::size_t i = 0; i < replies.size(); ++i) {
    conversation.nodes.push_back(
        comment(root + "-r" + std::to_string(i), on, "bob", replies[i], "Yes."));
  }
  ThreadSummary thread;
  thread.root = root;
  conversation.threads.push_back(thread);
}

TEST(CampaignReportHeating, ThreadsFasterNowThanTheirOwnPast) {
  Conversation conversation;
  const UnixTime now = kMonday + 30 * kDay;
  conversation.generated = now;
  // 2 replies over the 9 days before the last 24 hours (2/9 a day), 3 in the last 24 hours.
  add_thread(conversation, "warm", now - 10 * kDay,
             {now - 8 * kDay, now - 5 * kDay, now - kHour, now - 2 * kHour, now - 23 * kHour});
  // 10 replies in its first day (10 a day): 4 recent ones are fewer than twice that.
  std::vector<UnixTime> busy(10, now - 2 * kDay + kHour);
  busy.insert(busy.end(), 4, now - kHour);
  add_thread(conversation, "busy", now - 2 * kDay, busy);
  // Only 2 recent replies (a third is spam, one is exactly 24 hours old, one in the future).
  add_thread(conversation, "quiet", now - 10 * kDay,
             {now - kHour, now - kHour, now - kHour, now - kDay, now + kHour});
  conversation.nodes[conversation.nodes.size() - 3].spam = SpamVerdict{1, {}};
  // Never replied to before: hottest.
  add_thread(conversation, "new", now - 3 * kHour, {now - 2 * kHour, now - kHour, now});

  const CampaignReport report = campaign_report(conversation);
  ASSERT_EQ(report.heating.size(), 2u);
  EXPECT_EQ(report.heating[0].root, "new");
  EXPECT_EQ(report.heating[0].recent, 3);
  EXPECT_EQ(report.heating[0].past_per_day, 0);
  EXPECT_EQ(report.heating[1].root, "warm");
  EXPECT_EQ(report.heating[1].recent, 3);
  EXPECT_DOUBLE_EQ(report.heating[1].past_per_day, 2.0 / 9.0);
}

TEST(CampaignReportHeating, TheFactorIsAThresholdNotAStrictBound) {
  Conversation conversation;
  const UnixTime now = kMonday + 30 * kDay;
  conversation.generated = now;
  // Span of one day with 2 past replies: 2 a day; 4 recent is exactly twice that.
  add_thread(conversation, "even", now - 2 * kDay,
             {now - 2 * kDay, now - 2 * kDay, now - kHour, now - kHour, now - kHour, now - kHour});
  // The same with a third past reply: 3 a day, 4 recent is not enough.
  add_thread(conversation, "short", now - 2 * kDay,
             {now - 2 * kDay, now - 2 * kDay, now - 2 * kDay, now - kHour, now - kHour, now - kHour,
              now - kHour});
  const CampaignReport report = campaign_report(conversation);
  ASSERT_EQ(report.heating.size(), 1u);
  EXPECT_EQ(report.heating[0].root, "even");
  EXPECT_DOUBLE_EQ(report.heating[0].past_per_day, 2.0);
}

TEST(CampaignReportSpikes, ABusyDayAmongQuietOnesIsASpikeAndFourNodesNever) {
  Conversation conversation;
  std::vector<Node>& nodes = conversation.nodes;
  nodes.push_back(post("first", "ana", kMonday));
  for (int i = 0; i < 12; ++i) {  // day 10, all within its 09:00 hour
    nodes.push_back(post("busy" + std::to_string(i), "ana", kMonday + 10 * kDay + 9 * kHour + i));
  }
  for (int i = 0; i < 4; ++i) {  // day 20: 4 nodes, many times the usual but below the minimum
    nodes.push_back(post("four" + std::to_string(i), "ana", kMonday + 20 * kDay + i));
  }
  for (int i = 0; i < 20; ++i) {  // spam never counts
    nodes.push_back(post("spam" + std::to_string(i), "bot", kMonday + 25 * kDay));
    nodes.back().spam = SpamVerdict{1, {}};
  }
  nodes.push_back(post("last", "ana", kMonday + 29 * kDay));

  const CampaignReport report = campaign_report(conversation);
  ASSERT_EQ(report.spikes.size(), 2u);
  EXPECT_EQ(report.spikes[0].period, "day");
  EXPECT_EQ(report.spikes[0].start, kMonday + 10 * kDay);
  EXPECT_EQ(report.spikes[0].count, 12);
  EXPECT_DOUBLE_EQ(report.spikes[0].usual, 18.0 / 30.0);
  EXPECT_EQ(report.spikes[1].period, "hour");
  EXPECT_EQ(report.spikes[1].start, kMonday + 10 * kDay + 9 * kHour);
  EXPECT_EQ(report.spikes[1].count, 12);
  EXPECT_DOUBLE_EQ(report.spikes[1].usual, 18.0 / (29 * 24 + 1));
}

TEST(CampaignReportSpikes, AnEvenlyBusyCampaignHasNoSpike) {
  Conversation conversation;
  for (int day = 0; day < 5; ++day) {
    for (int i = 0; i < 6; ++i) {
      conversation.nodes.push_back(post("p" + std::to_string(day) + "-" + std::to_string(i), "ana",
                                        kMonday + day * kDay + i * kHour));
    }
  }
  const CampaignReport report = campaign_report(conversation);
  EXPECT_TRUE(report.spikes.empty());  // 6 a day against 6 a day usual; 1 an hour at most
}

}  // namespace
}  // namespace confab
