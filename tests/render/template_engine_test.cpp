// TemplateEngine: partials put in place at parse time must render exactly as the library's own
// inclusion does; recursion, globals and errors keep working.
#include "render/template_engine.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "render/render.h"

namespace confab {
namespace {

using Json = nlohmann::json;

std::string render_error(const Templates& templates, const std::string& name, const Json& data) {
  try {
    const TemplateEngine engine(templates, Json::object());
    engine.render(name, data);
  } catch (const RenderError& error) {
    return error.what();
  }
  return "";
}

TEST(TemplateEngineTest, PartialsRenderInPlaceWithTheirLines) {
  const Templates templates = {
      {"page.html", "<ul>\n  {{#items}}\n  {{> item.html}}\n  {{/items}}\n</ul>\n"},
      {"item.html", "{{! one item }}\n<li>{{name}}</li>"}};
  const TemplateEngine engine(templates, Json::object());
  EXPECT_EQ(engine.render("page.html", {{"items", {{{"name", "a"}}, {{"name", "<b>"}}}}}),
            "<ul>\n  \n<li>a</li>\n  \n<li>&lt;b&gt;</li>\n</ul>\n");
}

TEST(TemplateEngineTest, MayReadTheNamesOfATemplateAndItsPartials) {
  const Templates templates = {
      {"page.html", "{{title}} {{#items}}{{> item.html}}{{/items}} {{t.on}}"},
      {"item.html", "<li>{{name}}{{^url}}-{{/url}}</li>"},
      {"odd.html", "{{=<% %>=}}<% anything %>"}};
  const TemplateEngine engine(templates, Json::object());
  for (const char* name : {"title", "items", "name", "url", "t", "on"}) {
    EXPECT_TRUE(engine.may_read("page.html", name)) << name;
  }
  EXPECT_FALSE(engine.may_read("page.html", "reply_here_url"));
  EXPECT_FALSE(engine.may_read("item.html", "title"));
  // Where the names cannot be told, or there is no such template: every name may be read.
  EXPECT_TRUE(engine.may_read("odd.html", "reply_here_url"));
  EXPECT_TRUE(engine.may_read("missing.html", "reply_here_url"));
}

TEST(TemplateEngineTest, RecursivePartialsStillRecurse) {
  const Templates templates = {{"tree.html", "{{> node.html}}"},
                               {"node.html", "[{{name}}{{#kids}}{{> node.html}}{{/kids}}]"}};
  const TemplateEngine engine(templates, Json::object());
  const Json tree = {{"name", "a"},
                     {"kids",
                      {{{"name", "b"}, {"kids", {{{"name", "c"}, {"kids", Json::array()}}}}},
                       {{"name", "d"}, {"kids", Json::array()}}}}};
  EXPECT_EQ(engine.render("tree.html", tree), "[a[b[c]][d]]");
}

TEST(TemplateEngineTest, GlobalsAndOuterFramesAreVisibleAndShadowed) {
  const Templates templates = {{"p.html", "{{t.hello}} {{root}} {{name}}"}};
  const TemplateEngine engine(templates, {{"t", {{"hello", "Hi"}}}, {"name", "global"}});
  EXPECT_EQ(engine.render("p.html", {{"name", "page"}}), "Hi  page");
  const TemplateEngine::Frame parent = TemplateEngine::frame({{"root", "../"}});
  EXPECT_EQ(engine.render("p.html", {&parent}, Json::object()), "Hi ../ global");
  const TemplateEngine::Frame outer = TemplateEngine::frame({{"root", "./"}, {"name", "outer"}});
  EXPECT_EQ(engine.render("p.html", {&outer}, {{"name", "data"}}), "Hi ./ data");
}

TEST(TemplateEngineTest, ValuesMapAsDocumented) {
  const Templates templates = {
      {"p.html", "{{#empty}}E{{/empty}}{{^empty}}no{{/empty}} {{n}} {{#yes}}Y{{/yes}} {{{html}}}"}};
  const TemplateEngine engine(templates, Json::object());
  EXPECT_EQ(engine.render("p.html", {{"empty", ""}, {"n", 0}, {"yes", true}, {"html", "<i>"}}),
            "no 0 Y <i>");
}

TEST(TemplateEngineTest, MissingAndBrokenTemplatesAreNamed) {
  EXPECT_EQ(render_error({{"a.html", "x"}}, "b.html", Json::object()),
            "template b.html is missing from the theme");
  const std::string missing =
      render_error({{"a.html", "{{#on}}{{> gone.html}}{{/on}}"}}, "a.html", {{"on", true}});
  EXPECT_NE(missing.find("gone.html"), std::string::npos) << missing;
  EXPECT_NE(missing.find("a.html"), std::string::npos) << missing;
  const std::string broken = render_error(
      {{"a.html", "{{> part.html}}"}, {"part.html", "{{#open}}"}}, "a.html", Json::object());
  EXPECT_NE(broken.find("part.html"), std::string::npos) << broken;
}

TEST(TemplateEngineTest, TemplatesChangingDelimitersAreLeftAlone) {
  const Templates templates = {{"p.html", "{{=<% %>=}}<% name %>{{> q.html}}"}, {"q.html", "Q"}};
  const TemplateEngine engine(templates, Json::object());
  EXPECT_EQ(engine.render("p.html", {{"name", "n"}}), "n{{> q.html}}");
}

TEST(TemplateEngineTest, FramesStackOuterFirstAndBuildersKeepFalseValues) {
  const Templates templates = {
      {"node.html",
       "{{title}}|{{#team}}team{{/team}}{{^team}}solo{{/team}}|{{#note}}{{note}}{{/note}}|"
       "{{t.on}} {{root}}|{{html}}|{{{html}}}|{{a.b}}"}};
  const TemplateEngine engine(templates, {{"t", {{"on", "on"}}}});
  const TemplateEngine::Frame page =
      TemplateEngine::frame({{"root", "../../"}, {"a", {{"b", "ab"}}}});
  TemplateEngine::FrameBuilder builder;
  builder.set("title", "Hello & \"you\" 'all'");
  builder.set("team", false);
  builder.set("note", "");
  builder.set("html", "<em>x</em>");
  const TemplateEngine::Frame node = builder.build();
  EXPECT_EQ(engine.render("node.html", {&page, &node}),
            "Hello &amp; &quot;you&quot; &apos;all&apos;|solo||on ../../|&lt;em&gt;x&lt;/em&gt;|"
            "<em>x</em>|ab");
  // The innermost frame wins; a name it lacks comes from the frames below.
  EXPECT_EQ(engine.render("node.html", {&page, &node}, {{"title", "Top"}, {"team", true}}),
            "Top|team||on ../../|&lt;em&gt;x&lt;/em&gt;|<em>x</em>|ab");
  // False and "" are answered by the frame that has them, not looked up below it.
  const TemplateEngine::Frame outer = TemplateEngine::frame({{"team", true}, {"note", "outer"}});
  EXPECT_EQ(engine.render("node.html", {&outer, &node}),
            "Hello &amp; &quot;you&quot; &apos;all&apos;|solo||on |&lt;em&gt;x&lt;/em&gt;|"
            "<em>x</em>|");
  // A builder starts again empty after build().
  builder.set("team", true);
  const TemplateEngine::Frame second = builder.build();
  EXPECT_EQ(engine.render("node.html", {&second}), "|team||on |||");
}

TEST(TemplateEngineTest, FramesHoldFramesThatNestThroughARecursivePartial) {
  const Templates templates = {
      {"page.html", "{{#thread}}{{> node.html}}{{/thread}}|{{thread.name}}"},
      {"node.html",
       "[{{name}}{{#team}}*{{/team}}{{root}}{{#replies}}{{> node.html}}{{/replies}}]"}};
  const TemplateEngine engine(templates, Json::object());
  // Each node's own data, and its place in the tree over it.
  using Frames = std::vector<const TemplateEngine::Frame*>;
  const auto node = [](const std::string& name, bool team) {
    TemplateEngine::FrameBuilder keys;
    keys.set("name", name);
    keys.set("team", team);
    keys.set("replies", Frames{});
    return keys.build();
  };
  const TemplateEngine::Frame a = node("a", true), b = node("b", false), c = node("c", false);
  TemplateEngine::FrameBuilder shown_b(b), over_c(c);
  over_c.set("name", "c shown");  // over c, not in it: c itself is listed too
  const TemplateEngine::Frame& shown_c = shown_b.keep(over_c.build());
  shown_b.set("replies", Frames{&shown_c});
  TemplateEngine::FrameBuilder shown_a(a);
  const TemplateEngine::Frame& kept_b = shown_a.keep(shown_b.build());
  shown_a.set("replies", Frames{&kept_b, &c});
  const TemplateEngine::Frame tree = shown_a.build();

  TemplateEngine::FrameBuilder page;
  page.set("root", "./");
  page.set("thread", tree);
  const TemplateEngine::Frame view = page.build();
  // b and c are not "team" although a, around them, is; root comes from the page.
  EXPECT_EQ(engine.render("page.html", {&view}), "[a*./[b./[c shown./]][c./]]|a");
}

TEST(TemplateEngineTest, RecursionDeeperThanWhatIsPutInPlaceStillRenders) {
  const Templates templates = {{"node.html", "({{#kids}}{{> node.html}}{{/kids}})"}};
  const TemplateEngine engine(templates, Json::object());
  Json tree = {{"kids", Json::array()}};  // every level answers "kids", or it would recurse
  std::string expected = "()";
  for (int depth = 0; depth < 3 * TemplateEngine::kInlinedRecursion; ++depth) {
    tree = {{"kids", Json::array({tree})}};
    expected = "(" + expected + ")";
  }
  EXPECT_EQ(engine.render("node.html", tree), expected);
}

TEST(TemplateEngineTest, APartialIncludingItselfTwiceStaysSmall) {
  // Put in place level after level, it would double 9 times (a 300 KB partial, 150 MB).
  const std::string padding(300 * 1024, ' ');
  const Templates templates = {
      {"node.html",
       "<{{#l}}{{> node.html}}{{/l}}{{#r}}{{> node.html}}{{/r}}>{{! " + padding + " }}"}};
  const TemplateEngine engine(templates, Json::object());
  const Json leaf = {{"l", false}, {"r", false}};
  const Json tree = {{"l", {{"l", leaf}, {"r", leaf}}}, {"r", leaf}};
  EXPECT_EQ(engine.render("node.html", tree), "<<<><>><>>");
}

TEST(TemplateEngineTest, NamesAlikeAtBothEndsStayApartAndTheLastSetWins) {
  // The two long names share their length and their first and last eight bytes.
  const Templates templates = {{"p.html", "{{author_1_of_the_node}}/{{author_2_of_the_node}}"}};
  const TemplateEngine engine(templates, Json::object());
  TemplateEngine::FrameBuilder builder;
  builder.set("author_1_of_the_node", "one");
  builder.set("author_2_of_the_node", "first");
  builder.set("author_2_of_the_node", "two");
  const TemplateEngine::Frame frame = builder.build();
  EXPECT_EQ(engine.render("p.html", {&frame}), "one/two");
  EXPECT_EQ(engine.render("p.html", {{"author_2_of_the_node", "b"}, {"author_1_of_the_node", "a"}}),
            "a/b");
}

TEST(TemplateEngineTest, DottedNamesResolveWholeInEachFrameInTurn) {
  const Templates templates = {{"p.html", "{{a.b}}|{{a.c}}|{{#a}}{{b}}{{c}}{{/a}}"}};
  const TemplateEngine engine(templates, Json::object());
  const TemplateEngine::Frame outer = TemplateEngine::frame({{"a", {{"b", "outer-b"}}}});
  // The inner frame's "a" has no "b": a.b comes from the outer frame. Inside {{#a}} a plain
  // name is looked up in the section's value, then in the frames' top levels (none has "b").
  EXPECT_EQ(engine.render("p.html", {&outer}, {{"a", {{"c", "inner-c"}}}}),
            "outer-b|inner-c|inner-c");
}

// Fingerprints (issue 19): equal fingerprints must mean equal pages; a value the template never
// asks for must not count, so a page that does not show the build's time keeps its fingerprint.

std::optional<ContentHash> print_of(const TemplateEngine& engine, const std::string& name,
                                    const Json& page, const Json* data = nullptr,
                                    const std::string& program = "confab 1",
                                    std::uint64_t key = 7) {
  const TemplateEngine::Frame frame = TemplateEngine::frame(page);
  return engine.fingerprint(name, {&frame}, data, program, key);
}

TEST(TemplateEngineFingerprintTest, OnlyTheValuesATemplateAsksForCount) {
  const Templates templates = {{"p.html", "{{title}} {{#site}}{{name}}{{/site}} {{> foot.html}}"},
                               {"foot.html", "{{t.updated}} {{updated}}"}};
  const TemplateEngine engine(templates, {{"t", {{"updated", "Updated"}}}});
  const Json page = {{"title", "Kites"},
                     {"site", {{"name", "Hub"}, {"unused", "a"}}},
                     {"updated", "2011-04-05"},
                     {"generated", "2011-04-05T10:40:00Z"}};
  const auto print = print_of(engine, "p.html", page);
  ASSERT_TRUE(print);
  EXPECT_EQ(print_of(engine, "p.html", page), print);
  // What the page (or a partial it includes) shows changes it.
  for (const Json::json_pointer& shown :
       {"/title"_json_pointer, "/site/name"_json_pointer, "/updated"_json_pointer}) {
    Json changed = page;
    changed[shown] = "other";
    EXPECT_NE(print_of(engine, "p.html", changed), print) << shown.to_string();
  }
  // What it never asks for does not, at any depth.
  Json unseen = page;
  unseen["generated"] = "2011-04-05T11:40:00Z";
  unseen["site"]["unused"] = "b";
  unseen["more"] = true;
  EXPECT_EQ(print_of(engine, "p.html", unseen), print);
  // A value present or not, false or "", differs: an outer frame could answer for a missing one.
  Json missing = page;
  missing.erase("title");
  EXPECT_NE(print_of(engine, "p.html", missing), print);
  Json empty = page;
  empty["title"] = "";
  EXPECT_NE(print_of(engine, "p.html", empty), print);
  EXPECT_NE(print_of(engine, "p.html", missing), print_of(engine, "p.html", empty));
}

TEST(TemplateEngineFingerprintTest, TemplatesStringsProgramAndKeyCount) {
  const Json page = {{"title", "Kites"}};
  const Templates templates = {{"p.html", "<h1>{{title}}</h1>"}, {"q.html", "{{title}}"}};
  const TemplateEngine engine(templates, {{"t", {{"on", "on"}}}});
  const auto print = print_of(engine, "p.html", page);
  // Another template of the page, another template of the theme (a partial no page includes
  // yet is still part of the theme), other strings.
  const TemplateEngine edited({{"p.html", "<h2>{{title}}</h2>"}, {"q.html", "{{title}}"}},
                              {{"t", {{"on", "on"}}}});
  const TemplateEngine added({{"p.html", "<h1>{{title}}</h1>"}, {"q.html", "{{title}}!"}},
                             {{"t", {{"on", "on"}}}});
  const TemplateEngine translated(templates, {{"t", {{"on", "an"}}}});
  for (const TemplateEngine* other : {&edited, &added, &translated}) {
    EXPECT_NE(print_of(*other, "p.html", page), print);
  }
  // The same page through another template, another program, another key.
  EXPECT_NE(print_of(engine, "q.html", page), print);
  EXPECT_NE(print_of(engine, "p.html", page, nullptr, "confab 2"), print);
  EXPECT_NE(print_of(engine, "p.html", page, nullptr, "confab 1", 8), print);
  // A template the theme lacks has none: rendering it is what says so.
  EXPECT_FALSE(print_of(engine, "gone.html", page));
}

TEST(TemplateEngineFingerprintTest, NestedFramesAndDataCount) {
  const Templates templates = {
      {"page.html", "{{#thread}}{{> node.html}}{{/thread}} {{#items}}{{n}}{{.}}{{/items}}"},
      {"node.html", "[{{name}}{{#replies}}{{> node.html}}{{/replies}}]"}};
  const TemplateEngine engine(templates, Json::object());
  using Frames = std::vector<const TemplateEngine::Frame*>;
  const auto print = [&](const std::string& deepest, const Json& data) {
    TemplateEngine::FrameBuilder reply;
    reply.set("name", deepest);
    reply.set("replies", Frames{});
    reply.set("unused", "x");
    TemplateEngine::FrameBuilder root;
    root.set("name", "root");
    const TemplateEngine::Frame& kept = root.keep(reply.build());
    root.set("replies", Frames{&kept});
    TemplateEngine::FrameBuilder page;
    page.set("thread", page.keep(root.build()));
    const TemplateEngine::Frame view = page.build();
    return engine.fingerprint("page.html", {&view}, &data, "confab", 1);
  };
  const Json data = {{"items", Json::array({{{"n", 1}}, "two", 3})}};
  const auto base = print("reply", data);
  ASSERT_TRUE(base);
  EXPECT_EQ(print("reply", data), base);
  EXPECT_NE(print("an edited reply", data), base);
  EXPECT_NE(print("reply", {{"items", Json::array({{{"n", 2}}, "two", 3})}}), base);
  EXPECT_NE(print("reply", {{"items", Json::array({{{"n", 1}}, "two"})}}), base);
  EXPECT_NE(print("reply", {{"items", Json::array({{{"n", 1}}, "two", "3"})}}), base);
}

// A person's page lists frames made for thread pages: it is fingerprinted with stand-ins that
// carry each frame's digest, so the frames need not be made again to tell the page unchanged.
TEST(TemplateEngineFingerprintTest, AStandInCountsAsTheDigestOfItsFrame) {
  const Templates templates = {{"person.html", "{{#said}}{{> node.html}}{{/said}}"},
                               {"node.html", "[{{name}}{{#replies}}+{{/replies}}]"}};
  const TemplateEngine engine(templates, Json::object());
  using Frames = std::vector<const TemplateEngine::Frame*>;
  const auto node = [](const std::string& name, const std::string& unused) {
    TemplateEngine::FrameBuilder keys;
    keys.set("name", name);
    keys.set("replies", Frames{});
    keys.set("unused", unused);
    return keys.build();
  };
  const auto digest = engine.digest("person.html", node("Ann", "x"));
  ASSERT_TRUE(digest);
  EXPECT_EQ(engine.digest("person.html", node("Ann", "y")), digest);  // never shown
  EXPECT_NE(engine.digest("person.html", node("Bo", "x")), digest);
  EXPECT_FALSE(engine.digest("gone.html", node("Ann", "x")));

  const auto page = [](const std::optional<ContentHash>& said) {
    TemplateEngine::FrameBuilder keys;
    keys.set("said", Frames{&keys.keep(TemplateEngine::stand_in(*said))});
    return keys.build();
  };
  const auto print = [&](const TemplateEngine::Frame& view) {
    return engine.fingerprint("person.html", {&view}, nullptr, "confab", 1);
  };
  const TemplateEngine::Frame view = page(digest);
  ASSERT_TRUE(print(view));
  EXPECT_EQ(print(page(engine.digest("person.html", node("Ann", "y")))), print(view));
  EXPECT_NE(print(page(engine.digest("person.html", node("Bo", "x")))), print(view));
  // A stand-in holds nothing to show: rendering it is refused, not an empty item.
  EXPECT_THROW(engine.render("person.html", {&view}), RenderError);
}

TEST(TemplateEngineFingerprintTest, ATemplateWhoseNamesCannotBeReadCountsEveryValue) {
  const TemplateEngine engine({{"p.html", "{{=<% %>=}}<% title %>"}}, Json::object());
  const Json page = {{"title", "Kites"}, {"other", "a"}};
  Json changed = page;
  changed["other"] = "b";
  EXPECT_NE(print_of(engine, "p.html", changed), print_of(engine, "p.html", page));
}

}  // namespace
}  // namespace confab
