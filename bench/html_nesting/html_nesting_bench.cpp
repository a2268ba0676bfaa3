// Nesting cap benchmark (issue 13): 5 MB of each hostile pattern, capped at kHtmlNestingCap and
// parsed with gumbo, beside gumbo on 5 MB of flat markup; and the cap's cost on a 100 KB post.
// Prints figures, asserts nothing.
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "../../tests/parse/gumbo_depth.h"
#include "parse/html_nesting.h"

namespace {

using confab::GumboParseKind;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// `prefix`, then `unit` repeated (each '#' replaced by the repetition's number) up to `bytes`.
std::string hostile(std::string_view prefix, std::string_view unit, std::size_t bytes) {
  std::string text(prefix);
  for (std::size_t i = 0; text.size() < bytes; ++i) {
    std::string piece(unit);
    for (std::size_t at = piece.find('#'); at != std::string::npos; at = piece.find('#')) {
      piece.replace(at, 1, std::to_string(i));
    }
    text += piece;
  }
  return text;
}

void time_pattern(std::string_view name, const std::string& html, GumboParseKind kind) {
  const Clock::time_point start = Clock::now();
  const std::optional<std::string> capped =
      confab::cap_html_nesting(html, confab::kHtmlNestingCap, kind);
  const double cap_seconds = seconds_since(start);
  const Clock::time_point parse = Clock::now();
  const std::size_t depth = confab::gumbo_tree_depth(capped ? *capped : html, kind);
  std::printf("  %-9s %-40.40s cap %5.2f s   gumbo %5.2f s   depth %zu\n",
              kind == GumboParseKind::document ? "document" : "fragment", name.data(), cap_seconds,
              seconds_since(parse), depth);
}

}  // namespace

int main() {
  constexpr std::size_t kBytes = 5'000'000;
  std::string spans;
  for (std::size_t i = 0; i < confab::kHtmlNestingCap; ++i) spans += "<span>";

  std::printf("5 MB each, cap %zu:\n", confab::kHtmlNestingCap);
  struct Pattern {
    const char* name;
    std::string_view prefix;
    const char* unit;
  };
  const Pattern patterns[] = {
      {"flat <span>x</span> (gumbo's pace)", "", "<span>x</span>"},
      {"flat <p>x</p>", "", "<p>x</p>"},
      {"nested <div>", "", "<div>"},
      {"nested <b id=N>", "", "<b id=#>"},
      {"<p><b id=N>x</p>y (reopened)", "", "<p><b id=#>x</p>y"},
      {"<table><td>", "", "<table><td>"},
      {"<svg><div>", "", "<svg><div>"},
      {"<svg></p><x/><x/>", "", "<svg></p><x/><x/>"},
      {"<select><style></select><x>", "", "<select><style></select><x>"},
      {"<form><div></form>", "", "<form><div></form>"},
      {"<b><div>x</b> (adoption)", "", "<b><div>x</b>"},
      {"<object><b id=N>x</object>y", "", "<object><b id=#>x</object>y"},
      {"cap x <span>, then </p>", spans, "</p>"},
      {"cap x <span>, then </x>", spans, "</x>"},
      {"cap x <span>, then <hr>", spans, "<hr>"},
  };
  for (const GumboParseKind kind : {GumboParseKind::fragment_in_div, GumboParseKind::document}) {
    for (const Pattern& pattern : patterns) {
      time_pattern(pattern.name, hostile(pattern.prefix, pattern.unit, kBytes), kind);
    }
  }

  const std::string post =
      hostile("",
              "<p>Intro with <a href=\"/x?a=1&amp;b=2\">a link</a>, <b>bold <i>both</i></b> and "
              "<em>em</em>.<p>Second paragraph<br>with a break<img src=a.png alt=\"\"><ul><li>one"
              "<li>two <code>x &lt; y</code><li>three<ol><li>nested</ol></ul><blockquote><p>Quoted"
              "<p>twice</blockquote><pre>  pre\n  text</pre><table><tr><th>h<td>cell<tr><td>1<td>"
              "<b>2</b></table><h2>Heading</h2><script>if (a < b) x();</script><!-- c --><p>Some "
              "more ordinary prose, to make the text look like a post, with a few words in it.\n",
              100'000);
  constexpr int kRounds = 200;
  std::size_t sink = 0;
  Clock::time_point start = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    sink += confab::measure_html_nesting(post, confab::kHtmlNestingCap).depth;
  }
  const double pass = seconds_since(start) / kRounds;
  start = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    sink += confab::gumbo_tree_depth(post, GumboParseKind::fragment_in_div);
  }
  const double gumbo = seconds_since(start) / kRounds;
  std::printf("a %zu KB post: the cap's pass %.2f ms, gumbo %.2f ms (%.1f%%)\n", post.size() / 1000,
              pass * 1e3, gumbo * 1e3, 100 * pass / gumbo);
  const std::string comment =
      "<p>Nice post! I <b>really</b> liked the <a href=\"https://x.example/\">link</a>.</p>";
  start = Clock::now();
  for (int i = 0; i < 100'000; ++i) {
    sink += confab::cap_html_nesting(comment, confab::kHtmlNestingCap).has_value();
  }
  std::printf("a %zu-byte comment: cap_html_nesting %.2f us (not tokenized)\n", comment.size(),
              seconds_since(start) / 100'000 * 1e6);
  return sink == 0 ? 1 : 0;
}
