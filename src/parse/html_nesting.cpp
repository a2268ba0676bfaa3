#include "parse/html_nesting.h"

#include <algorithm>
#include <limits>

#include "base/ascii.h"

namespace confab {
namespace {

using TextState = GumboStackModel::TextState;

constexpr std::size_t kNone = std::string_view::npos;

struct Tag {
  std::string_view name;
  std::string_view attributes;
  bool self_closing = false;
  std::size_t end = 0;  // just past the '>'
};

// Reads the tag that starts with "<" or "</" at `at` (the name's first character is a letter),
// following the tokenizer's tag, attribute and self-closing states. Nothing when the input ends
// inside it: the tokenizer then drops the tag.
std::optional<Tag> read_tag(std::string_view html, std::size_t at) {
  const std::size_t n = html.size();
  std::size_t i = at + (html[at + 1] == '/' ? 2 : 1);
  const std::size_t name_start = i;
  while (i < n && !is_html_space(html[i]) && html[i] != '/' && html[i] != '>') ++i;
  Tag tag;
  tag.name = html.substr(name_start, i - name_start);
  const std::size_t attributes_start = i;
  enum State { before_name, name, after_name, before_value, quoted, unquoted, after_quoted, slash };
  State state = before_name;
  char quote = 0;
  for (; i < n; ++i) {
    const char c = html[i];
    switch (state) {
      case before_name:
        if (c == '/') {
          state = slash;
        } else if (c == '>') {
          tag.end = i + 1;
        } else if (!is_html_space(c)) {
          state = name;  // even '=' starts a name here
        }
        break;
      case name:
        if (is_html_space(c)) {
          state = after_name;
        } else if (c == '/') {
          state = slash;
        } else if (c == '=') {
          state = before_value;
        } else if (c == '>') {
          tag.end = i + 1;
        }
        break;
      case after_name:
        if (c == '/') {
          state = slash;
        } else if (c == '=') {
          state = before_value;
        } else if (c == '>') {
          tag.end = i + 1;
        } else if (!is_html_space(c)) {
          state = name;
        }
        break;
      case before_value:
        if (c == '"' || c == '\'') {
          quote = c;
          state = quoted;
        } else if (c == '>') {
          tag.end = i + 1;
        } else if (!is_html_space(c)) {
          state = unquoted;
        }
        break;
      case quoted:
        if (c == quote) state = after_quoted;
        break;
      case unquoted:
        if (is_html_space(c)) {
          state = before_name;
        } else if (c == '>') {
          tag.end = i + 1;
        }
        break;
      case after_quoted:
        if (is_html_space(c)) {
          state = before_name;
        } else if (c == '/') {
          state = slash;
        } else if (c == '>') {
          tag.end = i + 1;
        } else {
          state = before_name;
          --i;  // reconsumed
        }
        break;
      case slash:
        if (c == '>') {
          tag.self_closing = true;
          tag.end = i + 1;
        } else {
          state = before_name;
          --i;  // reconsumed
        }
        break;
    }
    if (tag.end != 0) {
      tag.attributes = html.substr(attributes_start, i - attributes_start);
      return tag;
    }
  }
  return std::nullopt;
}

// The name gumbo_tag_from_original_text takes from a tag's original text (from `origin`, where
// the tokenizer last emitted a token, to the tag's '>'): for an end tag everything between "</"
// and ">", attributes and all; for a start tag the text after "<" up to the first space or '/'.
// A "</>" emits nothing, so a tag right after one has an original text starting "</>" and is read
// as an end tag.
std::string_view foreign_name(std::string_view html, std::size_t origin, std::size_t end) {
  const std::string_view text = html.substr(origin, end - origin);
  if (text[1] == '/') return text.substr(2, text.size() - 3);
  std::string_view name = text.substr(1, text.size() - 2);
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == '/') {
      return name.substr(0, i);
    }
  }
  return name;
}

// Where a comment that opened with "<!--" just before `from` ends, by the tokenizer's comment
// states (so "<!-->", "<!--->" and "--!>" end it too); the end of input ends it as well.
std::size_t comment_end(std::string_view html, std::size_t from) {
  enum State { start, start_dash, text, end_dash, end, bang };
  State state = start;
  for (std::size_t i = from; i < html.size(); ++i) {
    const char c = html[i];
    switch (state) {
      case start:
        state = c == '-' ? start_dash : text;
        if (c == '>') return i + 1;
        break;
      case start_dash:
        state = c == '-' ? end : text;
        if (c == '>') return i + 1;
        break;
      case text:
        if (c == '-') state = end_dash;
        break;
      case end_dash:
        state = c == '-' ? end : text;
        break;
      case end:
        if (c == '>') return i + 1;
        if (c == '!') {
          state = bang;
        } else if (c != '-') {
          state = text;
        }
        break;
      case bang:
        if (c == '>') return i + 1;
        state = c == '-' ? end_dash : text;
        break;
    }
  }
  return html.size();
}

std::size_t past_next_gt(std::string_view html, std::size_t from) {
  const std::size_t gt = html.find('>', from);
  return gt == kNone ? html.size() : gt + 1;
}

// Whether "</name" followed by whitespace, '/' or '>' starts at `at`: the only end tag that
// ends raw text ("an appropriate end tag").
bool is_end_tag_for(std::string_view html, std::size_t at, std::string_view name) {
  const std::size_t after = at + 2 + name.size();
  return after < html.size() && html[at] == '<' && html[at + 1] == '/' &&
         iequals(html.substr(at + 2, name.size()), name) &&
         (is_html_space(html[after]) || html[after] == '/' || html[after] == '>');
}

// Where the raw text of a <title>, <textarea>, <style>, <xmp>, <iframe>, <noembed> or
// <noframes> ends: at its own end tag, or the end of input.
std::size_t raw_text_end(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != kNone; at = html.find("</", at + 2)) {
    if (is_end_tag_for(html, at, name)) return at;
  }
  return kNone;
}

// The letters starting at `from`.
std::string_view letters_at(std::string_view html, std::size_t from) {
  std::size_t end = from;
  while (end < html.size() && is_alpha(html[end])) ++end;
  return html.substr(from, end - from);
}

// Where a <script>'s text ends, following the tokenizer's script data states: inside "<!--",
// a "<script>" starts a double-escaped stretch in which "</script>" does not end the script.
std::size_t script_end(std::string_view html, std::size_t from) {
  enum State {
    data,
    escaped,
    escaped_dash,
    escaped_dash_dash,
    doubled,
    doubled_dash,
    doubled_dash_dash
  };
  constexpr std::string_view kScript = "script";
  State state = data;
  std::size_t i = from;
  const std::size_t n = html.size();
  while (i < n) {
    const char c = html[i];
    switch (state) {
      case data:
        if (c == '<' && is_end_tag_for(html, i, kScript)) return i;
        if (html.compare(i, 4, "<!--") == 0) {
          state = escaped_dash_dash;
          i += 4;
          continue;
        }
        break;
      case escaped:
      case escaped_dash:
      case escaped_dash_dash:
        if (c == '<') {
          if (is_end_tag_for(html, i, kScript)) return i;
          const std::string_view word = letters_at(html, i + 1);
          const std::size_t after = i + 1 + word.size();
          state = escaped;
          if (!word.empty() && after < n &&
              (is_html_space(html[after]) || html[after] == '/' || html[after] == '>')) {
            if (iequals(word, kScript)) state = doubled;
            i = after + 1;
            continue;
          }
          i = after;
          continue;
        }
        if (c == '-') {
          state = state == escaped ? escaped_dash : escaped_dash_dash;
        } else if (c == '>' && state == escaped_dash_dash) {
          state = data;
        } else {
          state = escaped;
        }
        break;
      case doubled:
      case doubled_dash:
      case doubled_dash_dash:
        if (c == '<') {
          state = doubled;
          if (i + 1 < n && html[i + 1] == '/') {
            const std::string_view word = letters_at(html, i + 2);
            const std::size_t after = i + 2 + word.size();
            if (!word.empty() && after < n &&
                (is_html_space(html[after]) || html[after] == '/' || html[after] == '>')) {
              if (iequals(word, kScript)) state = escaped;
              i = after + 1;
              continue;
            }
            i = after;
            continue;
          }
          ++i;
          continue;
        }
        if (c == '-') {
          state = state == doubled ? doubled_dash : doubled_dash_dash;
        } else if (c == '>' && state == doubled_dash_dash) {
          state = data;
        } else {
          state = doubled;
        }
        break;
    }
    ++i;
  }
  return kNone;
}

// The pass: tokenizes `html` as gumbo's tokenizer would (with the model deciding, as gumbo's
// tree builder does, when raw text starts and whether CDATA is allowed), feeds the model, and
// leaves out the start tags it must. `out` receives the capped text once anything is left out.
class NestingPass {
 public:
  NestingPass(std::string_view html, std::size_t max_depth, GumboParseKind kind)
      : html_(html), max_depth_(max_depth), model_(kind) {}

  void run();
  bool changed() const { return changed_; }
  std::string take_output() {
    out_.append(html_.substr(copied_));
    return std::move(out_);
  }
  std::size_t deepest() const { return model_.deepest(); }

 private:
  void text_until(std::size_t end);
  // Each returns where scanning resumes.
  std::size_t start_tag(std::size_t at);
  std::size_t end_tag(std::size_t at);
  std::size_t markup_declaration(std::size_t at);
  std::size_t raw_text(std::size_t from, std::string_view name, TextState state);
  void leave_out(std::size_t at, std::size_t end);
  void write_before(std::size_t at, std::string_view text);
  bool deeper_than_allowed(const GumboStackModel& before) const {
    return model_.deepest() > std::max(before.deepest(), max_depth_);
  }
  std::size_t origin_of(std::size_t at) const { return at == junk_end_ ? junk_start_ : at; }

  std::string_view html_;
  std::size_t max_depth_;
  GumboStackModel model_;
  std::size_t text_start_ = 0;  // where the text not yet given to the model begins
  std::size_t copied_ = 0;      // how much of html_ is in out_
  std::string out_;
  bool changed_ = false;
  // A run of "</>" (which the tokenizer consumes without emitting anything) that the next tag
  // would start right after: gumbo's original text for that tag begins at junk_start_.
  std::size_t junk_start_ = kNone;
  std::size_t junk_end_ = kNone;
};

void NestingPass::run() {
  const std::size_t n = html_.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t at = html_.find('<', i);
    if (at == kNone || at + 1 >= n) break;
    const char next = html_[at + 1];
    if (is_alpha(next)) {
      i = start_tag(at);
    } else if (next == '/') {
      i = end_tag(at);
    } else if (next == '!') {
      i = markup_declaration(at);
    } else if (next == '?') {
      text_until(at);
      i = past_next_gt(html_, at + 1);  // a bogus comment
      text_start_ = i;
    } else {
      i = at + 1;  // a '<' that is text
    }
  }
  text_until(n);
}

void NestingPass::text_until(std::size_t end) {
  if (end > text_start_) model_.characters(html_.substr(text_start_, end - text_start_));
  text_start_ = std::max(text_start_, end);
}

std::size_t NestingPass::start_tag(std::size_t at) {
  text_until(at);
  const std::optional<Tag> tag = read_tag(html_, at);
  if (!tag) {
    text_start_ = html_.size();  // the input ends inside the tag, which gumbo drops
    return html_.size();
  }
  text_start_ = tag->end;
  const GumboStackModel::StartTag start{
      tag->name, tag->attributes, tag->self_closing, foreign_name(html_, origin_of(at), tag->end),
      gumbo_tagn_enum(tag->name.data(), static_cast<unsigned int>(tag->name.size()))};
  // The depth first: it is cheap, and at the cap it decides most tags.
  if (model_.depth() + model_.growth_bound(start) > max_depth_ || model_.must_leave_out(start)) {
    leave_out(at, tag->end);
    return tag->end;
  }
  // <a> and <nobr> may run the adoption agency, which can take elements deeper without a push.
  // So may a <table> close an open <p> where a "</p>" before it would not do the same.
  std::optional<GumboStackModel> before;
  const bool table_on_trial =
      start.tag == GUMBO_TAG_TABLE && model_.p_is_open() && !model_.p_end_tag_reaches_body();
  if (table_on_trial ||
      ((start.tag == GUMBO_TAG_A || start.tag == GUMBO_TAG_NOBR) && model_.may_adopt(start.tag))) {
    before = model_;
  }
  const TextState state = model_.start_tag(start);
  if (before && (deeper_than_allowed(*before) || (table_on_trial && model_.closed_p_for_table()))) {
    model_ = std::move(*before);
    leave_out(at, tag->end);
    return tag->end;
  }
  if (model_.closed_p_for_table()) write_before(at, "</p>");
  if (state == TextState::data) return tag->end;
  if (state == TextState::plaintext) {
    // The rest of the input is text, still handled by the current insertion mode.
    return html_.size();
  }
  return raw_text(tag->end, tag->name, state);
}

std::size_t NestingPass::raw_text(std::size_t from, std::string_view name, TextState state) {
  const std::size_t end =
      state == TextState::script_data ? script_end(html_, from) : raw_text_end(html_, from, name);
  model_.raw_text_closed();
  if (end == kNone) {
    text_start_ = html_.size();
    return html_.size();
  }
  const std::optional<Tag> end_tag = read_tag(html_, end);
  const std::size_t resume = end_tag ? end_tag->end : html_.size();
  text_start_ = resume;
  return resume;
}

std::size_t NestingPass::end_tag(std::size_t at) {
  if (at + 2 >= html_.size()) return html_.size();  // "</" at the end is text
  const char first = html_[at + 2];
  text_until(at);
  if (is_alpha(first)) {
    const std::optional<Tag> tag = read_tag(html_, at);
    if (!tag) {
      text_start_ = html_.size();
      return html_.size();
    }
    const GumboTag name =
        gumbo_tagn_enum(tag->name.data(), static_cast<unsigned int>(tag->name.size()));
    // A formatting end tag may run the adoption agency, which can take closed elements deeper
    // than anything was: tried on a copy, and left out if it does so beyond the cap.
    std::optional<GumboStackModel> before;
    if (model_.may_adopt(name)) before = model_;
    model_.end_tag(tag->name, foreign_name(html_, origin_of(at), tag->end), name);
    text_start_ = tag->end;
    if (before && deeper_than_allowed(*before)) {
      model_ = std::move(*before);
      leave_out(at, tag->end);
    }
    return tag->end;
  }
  if (first == '>') {  // "</>" is nothing at all
    if (at != junk_end_) junk_start_ = at;
    junk_end_ = at + 3;
    text_start_ = at + 3;
    return at + 3;
  }
  // "</" and anything else opens a bogus comment.
  const std::size_t resume = past_next_gt(html_, at + 2);
  text_start_ = resume;
  return resume;
}

std::size_t NestingPass::markup_declaration(std::size_t at) {
  text_until(at);
  std::size_t resume;
  if (html_.compare(at + 2, 2, "--") == 0) {
    resume = comment_end(html_, at + 4);
  } else if (html_.compare(at + 2, 7, "[CDATA[") == 0 && model_.in_foreign_content()) {
    const std::size_t close = html_.find("]]>", at + 9);
    const std::size_t text_end = close == kNone ? html_.size() : close;
    model_.characters(html_.substr(at + 9, text_end - (at + 9)));
    resume = close == kNone ? html_.size() : close + 3;
  } else {
    resume = past_next_gt(html_, at + 2);  // a DOCTYPE or a bogus comment: both end at '>'
  }
  text_start_ = resume;
  return resume;
}

void NestingPass::write_before(std::size_t at, std::string_view text) {
  out_.append(html_.substr(copied_, at - copied_));
  out_.append(text);
  copied_ = at;
  changed_ = true;
}

void NestingPass::leave_out(std::size_t at, std::size_t end) {
  out_.append(html_.substr(copied_, at - copied_));
  // "<" + "<b>" + "div>" must not become "<div>".
  if (!out_.empty() && out_.back() == '<') out_.append("<!>");
  // Nor may "</>" + "<b>" + "</g>" hide from the model that "</g>" now follows a "</>".
  if (junk_end_ == at) junk_end_ = end;
  copied_ = end;
  changed_ = true;
}

}  // namespace

HtmlNesting measure_html_nesting(std::string_view html, std::size_t max_depth,
                                 GumboParseKind kind) {
  NestingPass pass(html, max_depth, kind);
  pass.run();
  HtmlNesting result;
  result.depth = pass.deepest();
  if (pass.changed()) result.capped = pass.take_output();
  return result;
}

std::optional<std::string> cap_html_nesting(std::string_view html, std::size_t max_depth,
                                            GumboParseKind kind) {
  // Each '<' adds at most three levels (a <td> brings an implied <tbody> and <tr>), a document
  // two more (<body>, and <head> for a moment): short text cannot get deep. Without <svg> or
  // <math> there is no foreign content, and nothing that makes gumbo abort.
  std::size_t tags = 0;
  bool foreign = false;
  for (std::size_t at = html.find('<'); at != kNone; at = html.find('<', at + 1)) {
    ++tags;
    const std::string_view next = html.substr(at + 1, 4);
    foreign = foreign || iequals(next.substr(0, 3), "svg") || iequals(next, "math");
  }
  if (!foreign && tags <= (max_depth - std::min<std::size_t>(max_depth, 2)) / 3) {
    return std::nullopt;
  }
  return measure_html_nesting(html, max_depth, kind).capped;
}

std::size_t html_nesting_depth(std::string_view html, GumboParseKind kind) {
  return measure_html_nesting(html, std::numeric_limits<std::size_t>::max(), kind).depth;
}

std::string nesting_capped_warning(const std::string& url) {
  return (url.empty() ? std::string("HTML") : url) + ": nested deeper than " +
         std::to_string(kHtmlNestingCap) +
         " levels; the start tags below that depth were left out (their text is kept)";
}

}  // namespace confab
