// The nesting cap applied to HTML from outside (feed item content, comments, crawled pages)
// before gumbo parses it (issue 13): gumbo's tree builder is quadratic in nesting depth, and
// code that walks its tree recursively overflows the stack on a deep enough tree.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "parse/gumbo_stack_model.h"

namespace confab {

/// 256 levels below <html>. Gumbo checks scopes by walking its stack of open elements, so a
/// parse costs O(tokens x depth): at 256 a few megabytes of hostile markup still parse in a
/// fraction of a second, and a walker that recurses a few frames per level stays within a few
/// hundred kilobytes of stack. Browsers stop their parsers' trees at the same order (Firefox at
/// 200, Chrome at 512), and real posts and pages stay far below it.
inline constexpr std::size_t kHtmlNestingCap = 256;

/// What the pass over a text finds: the text capped, and how deep gumbo gets parsing that.
struct HtmlNesting {
  /// nullopt when nothing had to change.
  std::optional<std::string> capped;
  /// How deep gumbo's tree gets for the capped text, as GumboStackModel sees it (never less
  /// than gumbo, by design): levels below <html>, at most `max_depth` + 1 (a leaf).
  std::size_t depth = 0;
};

/// The pass: leaves out of `html` each start tag (its own text, `<name ...>`, nothing else)
/// that would take gumbo's stack of open elements deeper than `max_depth`, and copies
/// everything else byte for byte. "Deeper" counts what gumbo adds by itself (implied <tbody>
/// and <tr>, reopened formatting elements, elements that left the stack but not the tree). It
/// also leaves out the start tags GumboStackModel::must_leave_out names (those that make gumbo
/// abort, and those whose effect the model cannot know), and the formatting end tags (and <a>,
/// <nobr>) whose adoption agency would move elements deeper than the cap: it can take a subtree
/// down by a few levels without any start tag.
/// One linear pass; the only memory is the model's, a few words per open element. Where
/// leaving a tag out would join a preceding '<' to the text after it into a new tag, the tag is
/// replaced by an empty comment ("<!>"). And before a <table> that finds a <p> open, the pass
/// writes "</p>": gumbo closes the <p> there only outside quirks mode, which for a fragment it
/// reads from uninitialized memory, and a <p> left open would stop later end tags short of
/// what the model has them close.
HtmlNesting measure_html_nesting(std::string_view html, std::size_t max_depth,
                                 GumboParseKind kind = GumboParseKind::fragment_in_div);

/// measure_html_nesting's capped text, except that text too short to get deep comes back as
/// nullopt without being tokenized (most comments): fewer '<' than a third of `max_depth`
/// (a <td> brings an implied <tbody> and <tr>) and no <svg> or <math>, the only way into the
/// foreign content that can make gumbo abort.
std::optional<std::string> cap_html_nesting(std::string_view html, std::size_t max_depth,
                                            GumboParseKind kind = GumboParseKind::fragment_in_div);

/// What a reader tells the user when a document at `url` went through the cap changed.
std::string nesting_capped_warning(const std::string& url);

/// How deep gumbo's stack gets for `html` as the model sees it, with no cap: the depth
/// measure_html_nesting reports for max_depth = infinity.
std::size_t html_nesting_depth(std::string_view html,
                               GumboParseKind kind = GumboParseKind::fragment_in_div);

}  // namespace confab
