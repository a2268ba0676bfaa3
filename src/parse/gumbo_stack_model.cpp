#include "parse/gumbo_stack_model.h"

#include <algorithm>
#include <optional>

#include "base/ascii.h"
#include "parse/tag_attributes.h"

// Each handler below follows the function of the same name in gumbo 0.10.1's src/parser.c
// (handle_in_body, handle_in_table, ...), keeping only what moves the stack of open elements,
// the list of active formatting elements, the insertion mode and the form and head pointers.
// Comments mark the few places where the model deliberately keeps more than gumbo would.

namespace confab {

enum class GumboStackModel::Mode : std::uint8_t {
  initial,
  before_html,
  before_head,
  in_head,
  in_head_noscript,
  after_head,
  in_body,
  text,
  in_table,
  in_caption,
  in_column_group,
  in_table_body,
  in_row,
  in_cell,
  in_select,
  in_select_in_table,
  in_template,
  after_body,
  in_frameset,
  after_frameset,
  after_after_body,
  after_after_frameset,
};

namespace {

// A set of tags as a bitset, built at compile time: membership is one lookup, where tag lists
// walked on every step of a stack walk made the pass slower than gumbo.
struct TagSet {
  std::uint64_t bits[(GUMBO_TAG_LAST + 64) / 64] = {};

  constexpr TagSet(std::initializer_list<GumboTag> tags) {
    for (const GumboTag tag : tags) bits[tag / 64] |= std::uint64_t{1} << (tag % 64);
  }
  constexpr bool has(GumboTag tag) const { return (bits[tag / 64] >> (tag % 64)) & 1; }
};

template <TagSet kTags>
bool one_of(GumboTag tag) {
  return kTags.has(tag);
}

bool one_of(GumboTag tag, std::initializer_list<GumboTag> tags) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

GumboTag tag_of(std::string_view name, GumboTag known = GUMBO_TAG_LAST) {
  if (known != GUMBO_TAG_LAST) return known;
  return gumbo_tagn_enum(name.data(), static_cast<unsigned int>(name.size()));
}

bool is_formatting_tag(GumboTag tag) {
  return one_of<TagSet{GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM,
                       GUMBO_TAG_FONT, GUMBO_TAG_I, GUMBO_TAG_NOBR, GUMBO_TAG_S, GUMBO_TAG_SMALL,
                       GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT, GUMBO_TAG_U}>(tag);
}

bool is_heading(GumboTag tag) {
  return one_of<TagSet{GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
                       GUMBO_TAG_H6}>(tag);
}

constexpr TagSet kHeadTags = {
    GUMBO_TAG_BASE,     GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_LINK,     GUMBO_TAG_META,
    GUMBO_TAG_NOFRAMES, GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,   GUMBO_TAG_TEMPLATE, GUMBO_TAG_TITLE};

}  // namespace

GumboStackModel::GumboStackModel(GumboParseKind kind) : kind_(kind), mode_(Mode::initial) {
  if (kind_ == GumboParseKind::fragment_in_div) {
    insert_implied(GUMBO_TAG_HTML);
    reset_insertion_mode();
  }
  deepest_ = 0;
}

std::size_t GumboStackModel::depth() const {
  return (open_.empty() ? 0 : current().tree_depth) + waiting_;
}

// --- The interface the tokenizing pass uses ---

std::size_t GumboStackModel::growth_bound(const StartTag& start) const {
  if (kind_ == GumboParseKind::document &&
      (mode_ == Mode::initial || mode_ == Mode::before_html || mode_ == Mode::before_head ||
       mode_ == Mode::in_head || mode_ == Mode::in_head_noscript || mode_ == Mode::after_head)) {
    return 3;  // the implied <head> and <body> besides the element itself
  }
  const Token token{Token::start, tag_of(start.name, start.tag), start.foreign_name,
                    start.attributes, start.self_closing};
  if (!takes_html_rules(token)) return start.self_closing ? 0 : 1;
  switch (token.tag) {
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_ISINDEX:
      return 3;
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_MENUITEM:
    case GUMBO_TAG_FRAME:
      return 0;
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return start.self_closing ? 0 : 1;
    default:
      return 1;
  }
}

bool GumboStackModel::must_leave_out(const StartTag& start) const {
  const GumboTag tag = tag_of(start.name, start.tag);
  const Token token{Token::start, tag, start.foreign_name, start.attributes, start.self_closing};
  const auto has_reference = [&](std::string_view attribute) {
    const std::optional<std::string_view> value = attribute_value(start.attributes, attribute);
    return value && value->find('&') != std::string_view::npos;
  };
  if (!takes_html_rules(token) && !breaks_out_of_foreign_content(token)) {
    if (one_of<TagSet{GUMBO_TAG_HTML, GUMBO_TAG_HEAD, GUMBO_TAG_BODY, GUMBO_TAG_FRAMESET,
                      GUMBO_TAG_TABLE, GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_TBODY,
                      GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH,
                      GUMBO_TAG_SELECT, GUMBO_TAG_TEMPLATE}>(tag)) {
      return true;
    }
    if (tag == GUMBO_TAG_ANNOTATION_XML && adjusted_current().ns == Ns::math) {
      return has_reference("encoding");
    }
  } else if (is_formatting_tag(tag) && noahs_ark_is_uncertain(start.attributes, tag)) {
    return true;
  }
  return tag == GUMBO_TAG_INPUT && kind_ == GumboParseKind::document && has_reference("type");
}

GumboStackModel::TextState GumboStackModel::start_tag(const StartTag& start) {
  text_state_ = TextState::data;
  closed_p_for_table_ = false;
  process(Token{Token::start, tag_of(start.name, start.tag), start.foreign_name, start.attributes,
                start.self_closing});
  return text_state_;
}

void GumboStackModel::end_tag(std::string_view name, std::string_view foreign_name, GumboTag tag) {
  process(Token{Token::end, tag_of(name, tag), foreign_name, {}, false});
}

void GumboStackModel::characters(std::string_view text) {
  // Gumbo sees one token per character: whitespace, NUL or another character. A run of one
  // kind moves the stack only with its first token (the next finds the mode that takes it),
  // and once another character has come nothing after it in the text moves the stack: every
  // mode it leaves gumbo in takes whitespace and NUL as they come.
  Token::Type last = Token::start;
  for (const char c : text) {
    const Token::Type type = is_html_space(c) ? Token::whitespace
                             : c == '\0'      ? Token::null
                                              : Token::characters;
    if (type == last) continue;
    last = type;
    process(Token{type, GUMBO_TAG_UNKNOWN, {}, {}, false});
    if (type == Token::characters) return;
  }
}

void GumboStackModel::raw_text_closed() {
  // handle_text: the end tag (or the end of input) pops the raw-text element.
  if (mode_ != Mode::text) return;
  pop();
  mode_ = original_mode_;
}

bool GumboStackModel::p_end_tag_reaches_body() const {
  return mode_ == Mode::in_body || mode_ == Mode::in_cell || mode_ == Mode::in_caption ||
         mode_ == Mode::after_body || mode_ == Mode::after_after_body;
}

bool GumboStackModel::may_adopt(GumboTag tag) const {
  // The adoption agency moves elements only when it finds a furthest block: a special element
  // above the formatting element on the stack.
  const std::ptrdiff_t found = last_formatting_before_marker(tag);
  if (found < 0 || !formatting_[static_cast<std::size_t>(found)].open) return false;
  const std::ptrdiff_t index = open_index(formatting_[static_cast<std::size_t>(found)].element.id);
  if (index < 0) return false;
  for (std::size_t i = static_cast<std::size_t>(index) + 1; i < open_.size(); ++i) {
    if (is_special(open_[i])) return true;
  }
  return false;
}

bool GumboStackModel::in_foreign_content() const {
  return !open_.empty() && current().ns != Ns::html;
}

// --- Dispatch (handle_token) ---

void GumboStackModel::process(Token token) {
  do {
    reprocess_ = false;
    if (takes_html_rules(token)) {
      html_content(token);
    } else {
      foreign_content(token);
    }
  } while (reprocess_);
}

bool GumboStackModel::takes_html_rules(const Token& token) const {
  if (open_.empty()) return true;
  const Element& node = adjusted_current();
  if (node.ns == Ns::html) return true;
  const bool is_text = token.type == Token::whitespace || token.type == Token::characters ||
                       token.type == Token::null;
  if (is_mathml_text_integration_point(node) &&
      (is_text || (token.type == Token::start && token.tag != GUMBO_TAG_MGLYPH &&
                   token.tag != GUMBO_TAG_MALIGNMARK))) {
    return true;
  }
  if (node.ns == Ns::math && node.tag == GUMBO_TAG_ANNOTATION_XML && token.type == Token::start &&
      token.tag == GUMBO_TAG_SVG) {
    return true;
  }
  return is_html_integration_point(node) && (is_text || token.type == Token::start);
}

void GumboStackModel::html_content(Token& token) {
  switch (mode_) {
    case Mode::initial:
      return initial(token);
    case Mode::before_html:
      return before_html(token);
    case Mode::before_head:
      return before_head(token);
    case Mode::in_head:
      return in_head(token);
    case Mode::in_head_noscript:
      return in_head_noscript(token);
    case Mode::after_head:
      return after_head(token);
    case Mode::in_body:
      return in_body(token);
    case Mode::text:
      return;  // the pass skips raw text itself
    case Mode::in_table:
      return in_table(token);
    case Mode::in_caption:
      return in_caption(token);
    case Mode::in_column_group:
      return in_column_group(token);
    case Mode::in_table_body:
      return in_table_body(token);
    case Mode::in_row:
      return in_row(token);
    case Mode::in_cell:
      return in_cell(token);
    case Mode::in_select:
      return in_select(token);
    case Mode::in_select_in_table:
      return in_select_in_table(token);
    case Mode::in_template:
      return in_template(token);
    case Mode::after_body:
      return after_body(token);
    case Mode::in_frameset:
      return in_frameset(token);
    case Mode::after_frameset:
      return after_frameset(token);
    case Mode::after_after_body:
      return after_after_body(token);
    case Mode::after_after_frameset:
      return after_after_frameset(token);
  }
}

void GumboStackModel::foreign_content(Token& token) {
  if (token.type == Token::characters) frameset_ok_ = false;
  if (token.type != Token::start && token.type != Token::end) return;  // text

  if (token.type == Token::start) {
    if (breaks_out_of_foreign_content(token)) {
      do {
        pop();
      } while (!(is_mathml_text_integration_point(current()) ||
                 is_html_integration_point(current()) || current().ns == Ns::html));
      reprocess_ = true;
      return;
    }
    insert_foreign(token, adjusted_current().ns);
    if (token.self_closing) pop();
    return;
  }
  // An end tag closes the nearest foreign element of its name, looking no further down than
  // the first HTML element; otherwise the HTML rules get it. Names are compared as gumbo does,
  // from the tags' original text: "</g >" does not close a <g>.
  std::size_t i = open_.size() - 1;
  while (i > 0) {
    if (iequals(open_[i].name, token.name)) {
      while (open_.size() > i) pop();
      return;
    }
    --i;
    if (open_[i].ns == Ns::html) break;
  }
  html_content(token);
}

bool GumboStackModel::breaks_out_of_foreign_content(const Token& token) const {
  // Gumbo's fragment parser keeps these as foreign elements (the 2015 spec's fragment case);
  // only a document parse pops back out to HTML content.
  if (kind_ != GumboParseKind::document || token.type != Token::start) return false;
  return one_of<TagSet{GUMBO_TAG_B,       GUMBO_TAG_BIG,    GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,
                       GUMBO_TAG_BR,      GUMBO_TAG_CENTER, GUMBO_TAG_CODE,       GUMBO_TAG_DD,
                       GUMBO_TAG_DIV,     GUMBO_TAG_DL,     GUMBO_TAG_DT,         GUMBO_TAG_EM,
                       GUMBO_TAG_EMBED,   GUMBO_TAG_H1,     GUMBO_TAG_H2,         GUMBO_TAG_H3,
                       GUMBO_TAG_H4,      GUMBO_TAG_H5,     GUMBO_TAG_H6,         GUMBO_TAG_HEAD,
                       GUMBO_TAG_HR,      GUMBO_TAG_I,      GUMBO_TAG_IMG,        GUMBO_TAG_LI,
                       GUMBO_TAG_LISTING, GUMBO_TAG_MENU,   GUMBO_TAG_META,       GUMBO_TAG_NOBR,
                       GUMBO_TAG_OL,      GUMBO_TAG_P,      GUMBO_TAG_PRE,        GUMBO_TAG_RUBY,
                       GUMBO_TAG_S,       GUMBO_TAG_SMALL,  GUMBO_TAG_SPAN,       GUMBO_TAG_STRONG,
                       GUMBO_TAG_STRIKE,  GUMBO_TAG_SUB,    GUMBO_TAG_SUP,        GUMBO_TAG_TABLE,
                       GUMBO_TAG_TT,      GUMBO_TAG_U,      GUMBO_TAG_UL,         GUMBO_TAG_VAR}>(
             token.tag) ||
         (token.tag == GUMBO_TAG_FONT &&
          (attribute_value(token.attributes, "color") ||
           attribute_value(token.attributes, "face") || attribute_value(token.attributes, "size")));
}

// --- Insertion modes ---

void GumboStackModel::initial(Token& token) {
  // A DOCTYPE would move on to "before html" as well; whether it means quirks does not matter
  // to the model (see the <table> rule in in_body).
  if (token.type == Token::whitespace) return;
  mode_ = Mode::before_html;
  reprocess_ = true;
}

void GumboStackModel::before_html(Token& token) {
  if (token.type == Token::whitespace) return;
  if (token.type == Token::start && token.tag == GUMBO_TAG_HTML) {
    insert_html(token);
    mode_ = Mode::before_head;
    return;
  }
  if (token.type == Token::end &&
      !one_of<TagSet{GUMBO_TAG_HEAD, GUMBO_TAG_BODY, GUMBO_TAG_HTML, GUMBO_TAG_BR}>(token.tag)) {
    return;
  }
  insert_implied(GUMBO_TAG_HTML);
  mode_ = Mode::before_head;
  reprocess_ = true;
}

void GumboStackModel::before_head(Token& token) {
  if (token.type == Token::whitespace) return;
  if (token.type == Token::start && token.tag == GUMBO_TAG_HTML) return in_body(token);
  if (token.type == Token::start && token.tag == GUMBO_TAG_HEAD) {
    insert_html(token);
    mode_ = Mode::in_head;
    head_ = current();
    has_head_ = true;
    return;
  }
  if (token.type == Token::end &&
      !one_of<TagSet{GUMBO_TAG_HEAD, GUMBO_TAG_BODY, GUMBO_TAG_HTML, GUMBO_TAG_BR}>(token.tag)) {
    return;
  }
  insert_implied(GUMBO_TAG_HEAD);
  mode_ = Mode::in_head;
  head_ = current();
  has_head_ = true;
  reprocess_ = true;
}

void GumboStackModel::in_head(Token& token) {
  if (token.type == Token::whitespace) return;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  if (start && token.tag == GUMBO_TAG_HTML) return in_body(token);
  if (start && one_of<TagSet{GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
                             GUMBO_TAG_MENUITEM, GUMBO_TAG_LINK, GUMBO_TAG_META}>(token.tag)) {
    insert_html(token);
    pop();
    return;
  }
  if (start && token.tag == GUMBO_TAG_TITLE) return run_raw_text(token, TextState::rcdata);
  if (start && one_of<TagSet{GUMBO_TAG_NOFRAMES, GUMBO_TAG_STYLE}>(token.tag)) {
    return run_raw_text(token, TextState::rawtext);
  }
  if (start && token.tag == GUMBO_TAG_NOSCRIPT) {
    insert_html(token);
    mode_ = Mode::in_head_noscript;
    return;
  }
  if (start && token.tag == GUMBO_TAG_SCRIPT) return run_raw_text(token, TextState::script_data);
  if (end && token.tag == GUMBO_TAG_HEAD) {
    pop();
    mode_ = Mode::after_head;
    return;
  }
  if (end && one_of<TagSet{GUMBO_TAG_BODY, GUMBO_TAG_HTML, GUMBO_TAG_BR}>(token.tag)) {
    pop();
    mode_ = Mode::after_head;
    reprocess_ = true;
    return;
  }
  if (start && token.tag == GUMBO_TAG_TEMPLATE) {
    insert_html(token);
    add_marker();
    frameset_ok_ = false;
    mode_ = Mode::in_template;
    template_modes_.push_back(Mode::in_template);
    return;
  }
  if (end && token.tag == GUMBO_TAG_TEMPLATE) {
    if (!has_template()) return;
    generate_all_implied_end_tags_thoroughly();
    pop_until(GUMBO_TAG_TEMPLATE);
    clear_formatting_to_marker();
    if (!template_modes_.empty()) template_modes_.pop_back();
    reset_insertion_mode();
    return;
  }
  if ((start && token.tag == GUMBO_TAG_HEAD) || end) return;
  pop();
  mode_ = Mode::after_head;
  reprocess_ = true;
}

void GumboStackModel::in_head_noscript(Token& token) {
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  if (start && token.tag == GUMBO_TAG_HTML) return in_body(token);
  if (end && token.tag == GUMBO_TAG_NOSCRIPT) {
    pop();
    mode_ = Mode::in_head;
    return;
  }
  if (token.type == Token::whitespace ||
      (start && one_of<TagSet{GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_LINK, GUMBO_TAG_META,
                              GUMBO_TAG_NOFRAMES, GUMBO_TAG_STYLE}>(token.tag))) {
    return in_head(token);
  }
  if ((start && one_of<TagSet{GUMBO_TAG_HEAD, GUMBO_TAG_NOSCRIPT}>(token.tag)) ||
      (end && token.tag != GUMBO_TAG_BR)) {
    return;
  }
  pop();
  mode_ = Mode::in_head;
  reprocess_ = true;
}

void GumboStackModel::after_head(Token& token) {
  if (token.type == Token::whitespace) return;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  if (start && token.tag == GUMBO_TAG_HTML) return in_body(token);
  if (start && token.tag == GUMBO_TAG_BODY) {
    insert_html(token);
    frameset_ok_ = false;
    mode_ = Mode::in_body;
    return;
  }
  if (start && token.tag == GUMBO_TAG_FRAMESET) {
    insert_html(token);
    mode_ = Mode::in_frameset;
    return;
  }
  if (start && kHeadTags.has(token.tag)) {
    // The head element goes back on the stack for the token, then comes off again wherever it
    // is (a <style> stays open above where it was).
    insert(head_);
    in_head(token);
    const std::ptrdiff_t index = open_index(head_.id);
    if (index >= 0) remove_open(static_cast<std::size_t>(index));
    return;
  }
  if (end && token.tag == GUMBO_TAG_TEMPLATE) return in_head(token);
  if ((start && token.tag == GUMBO_TAG_HEAD) ||
      (end && !one_of<TagSet{GUMBO_TAG_BODY, GUMBO_TAG_HTML, GUMBO_TAG_BR}>(token.tag))) {
    return;
  }
  insert_implied(GUMBO_TAG_BODY);
  mode_ = Mode::in_body;
  reprocess_ = true;
}

void GumboStackModel::in_body(Token& token) {
  const GumboTag tag = token.tag;
  if (token.type == Token::null) return;  // ignored, before any reconstructing
  if (token.type == Token::whitespace) return reconstruct_formatting();
  if (token.type == Token::characters) {
    reconstruct_formatting();
    frameset_ok_ = false;
    return;
  }
  if (token.type == Token::start) {
    if (tag == GUMBO_TAG_HTML) return;  // attributes merged into <html>, or ignored
    if (kHeadTags.has(tag) || tag == GUMBO_TAG_MENUITEM) return in_head(token);
    if (tag == GUMBO_TAG_BODY) {
      if (open_.size() >= 2 && is(open_[1], GUMBO_TAG_BODY) && !has_template()) {
        frameset_ok_ = false;
      }
      return;
    }
    if (tag == GUMBO_TAG_FRAMESET) {
      if (open_.size() < 2 || !is(open_[1], GUMBO_TAG_BODY) || !frameset_ok_) return;
      while (open_.size() > 1) pop();
      clear_formatting_to_marker();
      insert_html(token);
      mode_ = Mode::in_frameset;
      return;
    }
    if (one_of<TagSet{
            GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,      GUMBO_TAG_BLOCKQUOTE,
            GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,        GUMBO_TAG_DIV,
            GUMBO_TAG_DL,      GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
            GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,     GUMBO_TAG_MENU,
            GUMBO_TAG_MAIN,    GUMBO_TAG_NAV,      GUMBO_TAG_OL,         GUMBO_TAG_P,
            GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY,  GUMBO_TAG_UL}>(tag)) {
      close_p_in_button_scope();
      return insert_html(token);
    }
    if (is_heading(tag)) {
      close_p_in_button_scope();
      if (current().ns == Ns::html && is_heading(current().tag)) pop();
      return insert_html(token);
    }
    if (one_of<TagSet{GUMBO_TAG_PRE, GUMBO_TAG_LISTING}>(tag)) {
      close_p_in_button_scope();
      insert_html(token);
      frameset_ok_ = false;
      return;
    }
    if (tag == GUMBO_TAG_FORM) {
      if (form_id_ != 0 && !has_template()) return;
      close_p_in_button_scope();
      insert_html(token);
      if (!has_template()) form_id_ = current().id;
      return;
    }
    if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
      close_list_item(tag == GUMBO_TAG_LI);
      close_p_in_button_scope();
      return insert_html(token);
    }
    if (tag == GUMBO_TAG_PLAINTEXT) {
      close_p_in_button_scope();
      insert_html(token);
      text_state_ = TextState::plaintext;
      return;
    }
    if (tag == GUMBO_TAG_BUTTON) {
      if (in_scope(GUMBO_TAG_BUTTON, Scope::normal)) {
        implicitly_close(GUMBO_TAG_BUTTON);
        reprocess_ = true;
        return;
      }
      reconstruct_formatting();
      insert_html(token);
      frameset_ok_ = false;
      return;
    }
    if (tag == GUMBO_TAG_A) {
      if (const std::ptrdiff_t a = last_formatting_before_marker(GUMBO_TAG_A); a >= 0) {
        adoption_agency(token, GUMBO_TAG_A);
        if (const std::ptrdiff_t left = last_formatting_before_marker(GUMBO_TAG_A); left >= 0) {
          const std::uint32_t id = formatting_[static_cast<std::size_t>(left)].element.id;
          remove_formatting(static_cast<std::size_t>(left));
          if (const std::ptrdiff_t index = open_index(id); index >= 0) {
            remove_open(static_cast<std::size_t>(index));
          }
        }
      }
      reconstruct_formatting();
      insert_html(token);
      return add_formatting(current());
    }
    if (is_formatting_tag(tag) && tag != GUMBO_TAG_NOBR) {
      reconstruct_formatting();
      insert_html(token);
      return add_formatting(current());
    }
    if (tag == GUMBO_TAG_NOBR) {
      reconstruct_formatting();
      if (in_scope(GUMBO_TAG_NOBR, Scope::normal)) {
        adoption_agency(token, GUMBO_TAG_NOBR);
        reconstruct_formatting();
      }
      insert_html(token);
      return add_formatting(current());
    }
    if (one_of<TagSet{GUMBO_TAG_APPLET, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT}>(tag)) {
      reconstruct_formatting();
      insert_html(token);
      add_marker();
      frameset_ok_ = false;
      return;
    }
    if (tag == GUMBO_TAG_TABLE) {
      // Gumbo closes an open <p> here unless the document is in quirks mode, which for a
      // fragment it reads from uninitialized memory, and for a document from the DOCTYPE's
      // public identifier. Either way a <p> it keeps and the model does not stops a later end
      // tag short (a <p> is special): the model closes it, and the pass writes the "</p>" into
      // the text so that gumbo does the same whatever its mode.
      if (in_scope(GUMBO_TAG_P, Scope::button)) {
        implicitly_close(GUMBO_TAG_P);
        closed_p_for_table_ = true;
      }
      insert_html(token);
      frameset_ok_ = false;
      mode_ = Mode::in_table;
      return;
    }
    if (one_of<TagSet{GUMBO_TAG_AREA, GUMBO_TAG_BR, GUMBO_TAG_EMBED, GUMBO_TAG_IMG, GUMBO_TAG_IMAGE,
                      GUMBO_TAG_KEYGEN, GUMBO_TAG_WBR}>(tag)) {
      reconstruct_formatting();
      insert_html(token);
      pop();
      frameset_ok_ = false;
      return;
    }
    if (tag == GUMBO_TAG_INPUT) {
      const std::optional<std::string_view> type = attribute_value(token.attributes, "type");
      if (!type || !iequals(*type, "hidden")) frameset_ok_ = false;
      reconstruct_formatting();
      insert_html(token);
      pop();
      return;
    }
    if (one_of<TagSet{GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK}>(tag)) {
      insert_html(token);
      pop();
      return;
    }
    if (tag == GUMBO_TAG_HR) {
      close_p_in_button_scope();
      insert_html(token);
      pop();
      frameset_ok_ = false;
      return;
    }
    if (tag == GUMBO_TAG_ISINDEX) {
      if (form_id_ != 0 && !has_template()) return;
      close_p_in_button_scope();
      frameset_ok_ = false;
      insert_implied(GUMBO_TAG_FORM);
      if (!has_template()) form_id_ = current().id;
      insert_implied(GUMBO_TAG_HR);
      pop();
      insert_implied(GUMBO_TAG_LABEL);
      insert_implied(GUMBO_TAG_INPUT);
      pop();
      pop();
      insert_implied(GUMBO_TAG_HR);
      pop();
      pop();
      if (!has_template()) form_id_ = 0;
      return;
    }
    if (tag == GUMBO_TAG_TEXTAREA) {
      frameset_ok_ = false;
      return run_raw_text(token, TextState::rcdata);
    }
    if (tag == GUMBO_TAG_XMP) {
      close_p_in_button_scope();
      reconstruct_formatting();
      frameset_ok_ = false;
      return run_raw_text(token, TextState::rawtext);
    }
    if (tag == GUMBO_TAG_IFRAME) {
      frameset_ok_ = false;
      return run_raw_text(token, TextState::rawtext);
    }
    if (tag == GUMBO_TAG_NOEMBED) return run_raw_text(token, TextState::rawtext);
    if (tag == GUMBO_TAG_SELECT) {
      reconstruct_formatting();
      insert_html(token);
      frameset_ok_ = false;
      const bool in_table_modes = mode_ == Mode::in_table || mode_ == Mode::in_caption ||
                                  mode_ == Mode::in_table_body || mode_ == Mode::in_row ||
                                  mode_ == Mode::in_cell;
      mode_ = in_table_modes ? Mode::in_select_in_table : Mode::in_select;
      return;
    }
    if (tag == GUMBO_TAG_OPTION || tag == GUMBO_TAG_OPTGROUP) {
      if (is(current(), GUMBO_TAG_OPTION)) pop();
      reconstruct_formatting();
      return insert_html(token);
    }
    if (one_of<TagSet{GUMBO_TAG_RB, GUMBO_TAG_RP, GUMBO_TAG_RT, GUMBO_TAG_RTC}>(tag)) {
      const GumboTag except =
          (tag == GUMBO_TAG_RT || tag == GUMBO_TAG_RP) ? GUMBO_TAG_RTC : GUMBO_TAG_LAST;
      if (in_scope(GUMBO_TAG_RUBY, Scope::normal)) generate_implied_end_tags(except);
      return insert_html(token);
    }
    if (tag == GUMBO_TAG_MATH || tag == GUMBO_TAG_SVG) {
      reconstruct_formatting();
      insert_foreign(token, tag == GUMBO_TAG_MATH ? Ns::math : Ns::svg);
      if (token.self_closing) pop();
      return;
    }
    if (one_of<TagSet{GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP, GUMBO_TAG_FRAME,
                      GUMBO_TAG_HEAD, GUMBO_TAG_TBODY, GUMBO_TAG_TD, GUMBO_TAG_TFOOT, GUMBO_TAG_TH,
                      GUMBO_TAG_THEAD, GUMBO_TAG_TR}>(tag)) {
      return;
    }
    reconstruct_formatting();
    return insert_html(token);
  }

  // End tags.
  if (tag == GUMBO_TAG_TEMPLATE) return in_head(token);
  if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML) {
    if (!in_scope(GUMBO_TAG_BODY, Scope::normal)) return;
    mode_ = Mode::after_body;
    if (tag == GUMBO_TAG_HTML) reprocess_ = true;
    return;
  }
  if (one_of<TagSet{GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,    GUMBO_TAG_BLOCKQUOTE,
                    GUMBO_TAG_BUTTON,  GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,
                    GUMBO_TAG_DIV,     GUMBO_TAG_DL,      GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION,
                    GUMBO_TAG_FIGURE,  GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,
                    GUMBO_TAG_LISTING, GUMBO_TAG_MAIN,    GUMBO_TAG_MENU,     GUMBO_TAG_NAV,
                    GUMBO_TAG_OL,      GUMBO_TAG_PRE,     GUMBO_TAG_SECTION,  GUMBO_TAG_SUMMARY,
                    GUMBO_TAG_UL}>(tag)) {
    if (in_scope(tag, Scope::normal)) implicitly_close(tag);
    return;
  }
  if (tag == GUMBO_TAG_FORM) {
    if (has_template()) {
      if (!in_scope(GUMBO_TAG_FORM, Scope::normal)) return;
      generate_implied_end_tags(GUMBO_TAG_LAST);
      if (!is(current(), GUMBO_TAG_FORM)) return;  // gumbo gives up here, popping nothing
      pop_until(GUMBO_TAG_FORM);
      return;
    }
    const std::uint32_t form = form_id_;
    form_id_ = 0;
    if (form == 0 || !has_node_in_scope(form)) return;
    generate_implied_end_tags(GUMBO_TAG_LAST);
    // Only the form element leaves the stack; what was opened inside it stays open.
    if (const std::ptrdiff_t index = open_index(form); index >= 0) {
      remove_open(static_cast<std::size_t>(index));
    }
    return;
  }
  if (tag == GUMBO_TAG_P) {
    if (!in_scope(GUMBO_TAG_P, Scope::button)) {
      insert_implied(GUMBO_TAG_P);  // an empty <p>, closed at once by the reprocessed </p>
      reprocess_ = true;
      return;
    }
    return implicitly_close(GUMBO_TAG_P);
  }
  if (tag == GUMBO_TAG_LI) {
    if (in_scope(GUMBO_TAG_LI, Scope::list_item)) implicitly_close(GUMBO_TAG_LI);
    return;
  }
  if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
    if (in_scope(tag, Scope::normal)) implicitly_close(tag);
    return;
  }
  if (is_heading(tag)) {
    if (!any_heading_in_scope()) return;
    generate_implied_end_tags(GUMBO_TAG_LAST);
    while (open_.size() > 1) {
      const bool heading = current().ns == Ns::html && is_heading(current().tag);
      pop();
      if (heading) break;
    }
    return;
  }
  if (is_formatting_tag(tag)) {
    adoption_agency(token, tag);
    return;
  }
  if (one_of<TagSet{GUMBO_TAG_APPLET, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT}>(tag)) {
    if (!in_scope(tag, Scope::table)) return;
    implicitly_close(tag);
    clear_formatting_to_marker();
    return;
  }
  if (tag == GUMBO_TAG_BR) {
    reconstruct_formatting();
    insert_implied(GUMBO_TAG_BR);
    pop();
    return;
  }
  any_other_end_tag(token);
}

void GumboStackModel::any_other_end_tag(const Token& token) {
  // No such element open: the walk would end at a special element (<html> at the latest).
  if (html_open_[token.tag] == 0) return;
  for (std::size_t i = open_.size(); i-- > 0;) {
    const Element& node = open_[i];
    if (matches(node, token)) {
      generate_implied_end_tags(token.tag);
      while (open_.size() > i) pop();
      return;
    }
    if (is_special(node)) return;
  }
}

void GumboStackModel::in_table(Token& token) {
  const GumboTag tag = token.tag;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  if (token.type == Token::whitespace || token.type == Token::characters) {
    return in_table_text(token);
  }
  if (start && tag == GUMBO_TAG_CAPTION) {
    clear_stack_back_to({GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TEMPLATE});
    add_marker();
    insert_html(token);
    mode_ = Mode::in_caption;
    return;
  }
  if (start && tag == GUMBO_TAG_COLGROUP) {
    clear_stack_back_to({GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TEMPLATE});
    insert_html(token);
    mode_ = Mode::in_column_group;
    return;
  }
  if (start && tag == GUMBO_TAG_COL) {
    clear_stack_back_to({GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TEMPLATE});
    insert_implied(GUMBO_TAG_COLGROUP);
    mode_ = Mode::in_column_group;
    reprocess_ = true;
    return;
  }
  if (start && one_of<TagSet{GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT, GUMBO_TAG_THEAD, GUMBO_TAG_TD,
                             GUMBO_TAG_TH, GUMBO_TAG_TR}>(tag)) {
    clear_stack_back_to({GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TEMPLATE});
    mode_ = Mode::in_table_body;
    if (one_of<TagSet{GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_TR}>(tag)) {
      insert_implied(GUMBO_TAG_TBODY);
      reprocess_ = true;
    } else {
      insert_html(token);
    }
    return;
  }
  if (start && tag == GUMBO_TAG_TABLE) {
    if (close_table()) reprocess_ = true;
    return;
  }
  if (end && tag == GUMBO_TAG_TABLE) {
    close_table();
    return;
  }
  if (end && one_of<TagSet{GUMBO_TAG_BODY, GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP,
                           GUMBO_TAG_HTML, GUMBO_TAG_TBODY, GUMBO_TAG_TD, GUMBO_TAG_TFOOT,
                           GUMBO_TAG_TH, GUMBO_TAG_THEAD, GUMBO_TAG_TR}>(tag)) {
    return;
  }
  if ((start && one_of<TagSet{GUMBO_TAG_STYLE, GUMBO_TAG_SCRIPT, GUMBO_TAG_TEMPLATE}>(tag)) ||
      (end && tag == GUMBO_TAG_TEMPLATE)) {
    return in_head(token);
  }
  if (start && tag == GUMBO_TAG_FORM) {
    if (form_id_ != 0 || has_template()) return;
    insert_html(token);
    form_id_ = current().id;
    pop();
    return;
  }
  // Everything else (including <input type=hidden>, which gumbo inserts without reconstructing
  // formatting elements first) goes through the body rules, foster-parented; the stack does not
  // see foster parenting.
  in_body(token);
}

void GumboStackModel::in_table_text(Token& token) {
  // handle_in_table_text: the run is inserted when the next token comes; if it holds anything
  // but whitespace, formatting elements are reconstructed first.
  if (token.type == Token::characters) reconstruct_formatting();
}

void GumboStackModel::in_caption(Token& token) {
  const GumboTag tag = token.tag;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  if (end && tag == GUMBO_TAG_CAPTION) {
    if (!in_scope(GUMBO_TAG_CAPTION, Scope::table)) return;
    generate_implied_end_tags(GUMBO_TAG_LAST);
    pop_until(GUMBO_TAG_CAPTION);
    clear_formatting_to_marker();
    mode_ = Mode::in_table;
    return;
  }
  if ((start &&
       one_of<TagSet{GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP, GUMBO_TAG_TBODY,
                     GUMBO_TAG_TD, GUMBO_TAG_TFOOT, GUMBO_TAG_TH, GUMBO_TAG_THEAD, GUMBO_TAG_TR}>(
           tag)) ||
      (end && tag == GUMBO_TAG_TABLE)) {
    if (!in_scope(GUMBO_TAG_CAPTION, Scope::table)) return;
    pop_until(GUMBO_TAG_CAPTION);
    clear_formatting_to_marker();
    mode_ = Mode::in_table;
    reprocess_ = true;
    return;
  }
  if (end && one_of<TagSet{GUMBO_TAG_BODY, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP, GUMBO_TAG_HTML,
                           GUMBO_TAG_TBODY, GUMBO_TAG_TD, GUMBO_TAG_TFOOT, GUMBO_TAG_TH,
                           GUMBO_TAG_THEAD, GUMBO_TAG_TR}>(tag)) {
    return;
  }
  in_body(token);
}

void GumboStackModel::in_column_group(Token& token) {
  const GumboTag tag = token.tag;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  if (token.type == Token::whitespace) return;
  if (start && tag == GUMBO_TAG_HTML) return in_body(token);
  if (start && tag == GUMBO_TAG_COL) {
    insert_html(token);
    pop();
    return;
  }
  if (end && tag == GUMBO_TAG_COLGROUP) {
    if (!is(current(), GUMBO_TAG_COLGROUP)) return;
    pop();
    mode_ = Mode::in_table;
    return;
  }
  if (end && tag == GUMBO_TAG_COL) return;
  if (tag == GUMBO_TAG_TEMPLATE && (start || end)) return in_head(token);
  if (!is(current(), GUMBO_TAG_COLGROUP)) return;
  pop();
  mode_ = Mode::in_table;
  reprocess_ = true;
}

void GumboStackModel::in_table_body(Token& token) {
  const GumboTag tag = token.tag;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  const std::initializer_list<GumboTag> body_context = {
      GUMBO_TAG_HTML, GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT, GUMBO_TAG_THEAD, GUMBO_TAG_TEMPLATE};
  if (start && tag == GUMBO_TAG_TR) {
    clear_stack_back_to(body_context);
    insert_html(token);
    mode_ = Mode::in_row;
    return;
  }
  if (start && (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)) {
    clear_stack_back_to(body_context);
    insert_implied(GUMBO_TAG_TR);
    mode_ = Mode::in_row;
    reprocess_ = true;
    return;
  }
  if (end && one_of<TagSet{GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT, GUMBO_TAG_THEAD}>(tag)) {
    if (!in_scope(tag, Scope::table)) return;
    clear_stack_back_to(body_context);
    pop();
    mode_ = Mode::in_table;
    return;
  }
  if ((start && one_of<TagSet{GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP, GUMBO_TAG_TBODY,
                              GUMBO_TAG_TFOOT, GUMBO_TAG_THEAD}>(tag)) ||
      (end && tag == GUMBO_TAG_TABLE)) {
    if (!(in_scope(GUMBO_TAG_TBODY, Scope::table) || in_scope(GUMBO_TAG_THEAD, Scope::table) ||
          in_scope(GUMBO_TAG_TFOOT, Scope::table))) {
      return;
    }
    clear_stack_back_to(body_context);
    pop();
    mode_ = Mode::in_table;
    reprocess_ = true;
    return;
  }
  if (end && one_of<TagSet{GUMBO_TAG_BODY, GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_TR,
                           GUMBO_TAG_COLGROUP, GUMBO_TAG_HTML, GUMBO_TAG_TD, GUMBO_TAG_TH}>(tag)) {
    return;
  }
  in_table(token);
}

void GumboStackModel::in_row(Token& token) {
  const GumboTag tag = token.tag;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  const std::initializer_list<GumboTag> row_context = {GUMBO_TAG_HTML, GUMBO_TAG_TR,
                                                       GUMBO_TAG_TEMPLATE};
  if (start && (tag == GUMBO_TAG_TH || tag == GUMBO_TAG_TD)) {
    clear_stack_back_to(row_context);
    insert_html(token);
    mode_ = Mode::in_cell;
    add_marker();
    return;
  }
  if (end && tag == GUMBO_TAG_TR) {
    if (!in_scope(GUMBO_TAG_TR, Scope::table)) return;
    clear_stack_back_to(row_context);
    pop();
    mode_ = Mode::in_table_body;
    return;
  }
  if ((start && one_of<TagSet{GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP, GUMBO_TAG_TBODY,
                              GUMBO_TAG_TFOOT, GUMBO_TAG_THEAD, GUMBO_TAG_TR}>(tag)) ||
      (end && tag == GUMBO_TAG_TABLE)) {
    if (!in_scope(GUMBO_TAG_TR, Scope::table)) return;
    clear_stack_back_to(row_context);
    pop();
    mode_ = Mode::in_table_body;
    reprocess_ = true;
    return;
  }
  if (end && one_of<TagSet{GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT, GUMBO_TAG_THEAD}>(tag)) {
    if (!in_scope(tag, Scope::table) || !in_scope(GUMBO_TAG_TR, Scope::table)) return;
    clear_stack_back_to(row_context);
    pop();
    mode_ = Mode::in_table_body;
    reprocess_ = true;
    return;
  }
  if (end && one_of<TagSet{GUMBO_TAG_BODY, GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP,
                           GUMBO_TAG_HTML, GUMBO_TAG_TD, GUMBO_TAG_TH}>(tag)) {
    return;
  }
  in_table(token);
}

void GumboStackModel::in_cell(Token& token) {
  const GumboTag tag = token.tag;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  if (end && (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)) {
    if (in_scope(tag, Scope::table)) close_cell(tag);
    return;
  }
  if (start &&
      one_of<TagSet{GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP, GUMBO_TAG_TBODY,
                    GUMBO_TAG_TD, GUMBO_TAG_TFOOT, GUMBO_TAG_TH, GUMBO_TAG_THEAD, GUMBO_TAG_TR}>(
          tag)) {
    if (!in_scope(GUMBO_TAG_TH, Scope::table) && !in_scope(GUMBO_TAG_TD, Scope::table)) return;
    reprocess_ = true;
    return close_current_cell();
  }
  if (end && one_of<TagSet{GUMBO_TAG_BODY, GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP,
                           GUMBO_TAG_HTML}>(tag)) {
    return;
  }
  if (end && one_of<TagSet{GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT, GUMBO_TAG_THEAD,
                           GUMBO_TAG_TR}>(tag)) {
    if (!in_scope(tag, Scope::table)) return;
    reprocess_ = true;
    return close_current_cell();
  }
  in_body(token);
}

void GumboStackModel::in_select(Token& token) {
  const GumboTag tag = token.tag;
  const bool start = token.type == Token::start;
  const bool end = token.type == Token::end;
  if (!start && !end) return;
  if (start && tag == GUMBO_TAG_HTML) return in_body(token);
  if (start && tag == GUMBO_TAG_OPTION) {
    if (is(current(), GUMBO_TAG_OPTION)) pop();
    return insert_html(token);
  }
  if (start && tag == GUMBO_TAG_OPTGROUP) {
    if (is(current(), GUMBO_TAG_OPTION)) pop();
    if (is(current(), GUMBO_TAG_OPTGROUP)) pop();
    return insert_html(token);
  }
  if (end && tag == GUMBO_TAG_OPTGROUP) {
    if (is(current(), GUMBO_TAG_OPTION) && open_.size() >= 2 &&
        is(open_[open_.size() - 2], GUMBO_TAG_OPTGROUP)) {
      pop();
    }
    if (is(current(), GUMBO_TAG_OPTGROUP)) pop();
    return;
  }
  if (end && tag == GUMBO_TAG_OPTION) {
    if (is(current(), GUMBO_TAG_OPTION)) pop();
    return;
  }
  if (end && tag == GUMBO_TAG_SELECT) {
    if (in_scope(GUMBO_TAG_SELECT, Scope::select)) close_current_select();
    return;
  }
  if (start && tag == GUMBO_TAG_SELECT) {
    if (in_scope(GUMBO_TAG_SELECT, Scope::select)) close_current_select();
    return;
  }
  if (start && one_of<TagSet{GUMBO_TAG_INPUT, GUMBO_TAG_KEYGEN, GUMBO_TAG_TEXTAREA}>(tag)) {
    if (!in_scope(GUMBO_TAG_SELECT, Scope::select)) return;
    close_current_select();
    reprocess_ = true;
    return;
  }
  if ((start && (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_TEMPLATE)) ||
      (end && tag == GUMBO_TAG_TEMPLATE)) {
    return in_head(token);
  }
  // Every other tag is ignored: a <style> or <iframe> here is not raw text, which is why the
  // model needs the select modes at all.
}

void GumboStackModel::in_select_in_table(Token& token) {
  constexpr TagSet table_parts = {GUMBO_TAG_CAPTION, GUMBO_TAG_TABLE, GUMBO_TAG_TBODY,
                                  GUMBO_TAG_TFOOT,   GUMBO_TAG_THEAD, GUMBO_TAG_TR,
                                  GUMBO_TAG_TD,      GUMBO_TAG_TH};
  if (token.type == Token::start && table_parts.has(token.tag)) {
    close_current_select();
    reprocess_ = true;
    return;
  }
  if (token.type == Token::end && table_parts.has(token.tag)) {
    if (!in_scope(token.tag, Scope::table)) return;
    close_current_select();
    reprocess_ = true;
    return;
  }
  in_select(token);
}

void GumboStackModel::in_template(Token& token) {
  const GumboTag tag = token.tag;
  if (token.type != Token::start && token.type != Token::end) {
    return in_body(token);
  }
  if ((token.type == Token::start && kHeadTags.has(tag)) ||
      (token.type == Token::end && tag == GUMBO_TAG_TEMPLATE)) {
    return in_head(token);
  }
  if (token.type == Token::end) return;
  Mode mode = Mode::in_body;
  if (one_of<TagSet{GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT,
                    GUMBO_TAG_THEAD}>(tag)) {
    mode = Mode::in_table;
  } else if (tag == GUMBO_TAG_COL) {
    mode = Mode::in_column_group;
  } else if (tag == GUMBO_TAG_TR) {
    mode = Mode::in_table_body;
  } else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
    mode = Mode::in_row;
  }
  if (!template_modes_.empty()) template_modes_.pop_back();
  template_modes_.push_back(mode);
  mode_ = mode;
  reprocess_ = true;
}

void GumboStackModel::after_body(Token& token) {
  if (token.type == Token::whitespace ||
      (token.type == Token::start && token.tag == GUMBO_TAG_HTML)) {
    return in_body(token);
  }
  if (token.type == Token::end && token.tag == GUMBO_TAG_HTML) {
    if (kind_ == GumboParseKind::document) mode_ = Mode::after_after_body;
    return;
  }
  mode_ = Mode::in_body;
  reprocess_ = true;
}

void GumboStackModel::in_frameset(Token& token) {
  const bool start = token.type == Token::start;
  if (start && token.tag == GUMBO_TAG_HTML) return in_body(token);
  if (start && token.tag == GUMBO_TAG_FRAMESET) return insert_html(token);
  if (token.type == Token::end && token.tag == GUMBO_TAG_FRAMESET) {
    if (open_.size() <= 1) return;
    pop();
    if (kind_ == GumboParseKind::document && !is(current(), GUMBO_TAG_FRAMESET)) {
      mode_ = Mode::after_frameset;
    }
    return;
  }
  if (start && token.tag == GUMBO_TAG_FRAME) {
    insert_html(token);
    pop();
    return;
  }
  if (start && token.tag == GUMBO_TAG_NOFRAMES) return in_head(token);
}

void GumboStackModel::after_frameset(Token& token) {
  const bool start = token.type == Token::start;
  if (start && token.tag == GUMBO_TAG_HTML) return in_body(token);
  if (token.type == Token::end && token.tag == GUMBO_TAG_HTML) {
    mode_ = Mode::after_after_frameset;
    return;
  }
  if (start && token.tag == GUMBO_TAG_NOFRAMES) return in_head(token);
}

void GumboStackModel::after_after_body(Token& token) {
  if (token.type == Token::whitespace ||
      (token.type == Token::start && token.tag == GUMBO_TAG_HTML)) {
    return in_body(token);
  }
  mode_ = Mode::in_body;
  reprocess_ = true;
}

void GumboStackModel::after_after_frameset(Token& token) {
  if (token.type == Token::whitespace ||
      (token.type == Token::start && token.tag == GUMBO_TAG_HTML)) {
    return in_body(token);
  }
  if (token.type == Token::start && token.tag == GUMBO_TAG_NOFRAMES) return in_head(token);
}

// --- The stack of open elements ---

const GumboStackModel::Element& GumboStackModel::adjusted_current() const {
  // The fragment's context element stands in for <html> (html5 "adjusted current node").
  static const Element kContext{{}, {}, GUMBO_TAG_DIV, Ns::html, false, 0};
  if (kind_ == GumboParseKind::fragment_in_div && open_.size() == 1) return kContext;
  return current();
}

GumboStackModel::Element GumboStackModel::element_for(const Token& token, Ns ns) {
  Element element{token.name, token.attributes, token.tag, ns, false, next_id_++};
  if (ns == Ns::math && token.tag == GUMBO_TAG_ANNOTATION_XML) {
    const std::optional<std::string_view> encoding = attribute_value(token.attributes, "encoding");
    element.html_integration_point = encoding && (iequals(*encoding, "text/html") ||
                                                  iequals(*encoding, "application/xhtml+xml"));
  }
  return element;
}

void GumboStackModel::insert(Element element) {
  // A child of the current node (foster parenting puts it higher up, which the model ignores).
  element.tree_depth = open_.empty() ? 0 : current().tree_depth + 1;
  open_.push_back(element);
  count_open(element, 1);
  deepest_ = std::max(deepest_, depth());
}

void GumboStackModel::insert_html(const Token& token) {
  insert(element_for(token, Ns::html));
}

void GumboStackModel::insert_implied(GumboTag tag) {
  insert(Element{{}, {}, tag, Ns::html, false, next_id_++});
}

void GumboStackModel::insert_foreign(const Token& token, Ns ns) {
  insert(element_for(token, ns));
}

void GumboStackModel::run_raw_text(const Token& token, TextState state) {
  // run_generic_parsing_algorithm: the element stays open over its text, which the pass skips,
  // and raw_text_closed() pops it.
  insert_html(token);
  text_state_ = state;
  original_mode_ = mode_;
  mode_ = Mode::text;
}

void GumboStackModel::pop() {
  if (open_.size() <= 1) return;  // <html> stays (gumbo pops it only at the end of input)
  const Element element = open_.back();
  open_.pop_back();
  count_open(element, -1);
  if (is_formatting_tag(element.tag) && element.ns == Ns::html) {
    if (const std::ptrdiff_t index = formatting_index(element.id); index >= 0) {
      formatting_[static_cast<std::size_t>(index)].open = false;
      ++waiting_;
    }
  }
}

void GumboStackModel::pop_until(GumboTag tag) {
  while (open_.size() > 1) {
    const bool found = is(current(), tag);
    pop();
    if (found) return;
  }
}

void GumboStackModel::remove_open(std::size_t index) {
  const Element element = open_[index];
  open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(index));
  count_open(element, -1);
  if (const std::ptrdiff_t list = formatting_index(element.id); list >= 0) {
    formatting_[static_cast<std::size_t>(list)].open = false;
    ++waiting_;
  }
}

std::ptrdiff_t GumboStackModel::open_index(std::uint32_t id) const {
  for (std::size_t i = open_.size(); i-- > 0;) {
    if (open_[i].id == id) return static_cast<std::ptrdiff_t>(i);
  }
  return -1;
}

bool GumboStackModel::in_scope(GumboTag tag, Scope scope) const {
  if (html_open_[tag] == 0) return false;
  for (std::size_t i = open_.size(); i-- > 0;) {
    if (is(open_[i], tag)) return true;
    if (is_scope_boundary(open_[i], scope)) return false;
  }
  return false;
}

bool GumboStackModel::any_heading_in_scope() const {
  if (html_open_[GUMBO_TAG_H1] + html_open_[GUMBO_TAG_H2] + html_open_[GUMBO_TAG_H3] +
          html_open_[GUMBO_TAG_H4] + html_open_[GUMBO_TAG_H5] + html_open_[GUMBO_TAG_H6] ==
      0) {
    return false;
  }
  for (std::size_t i = open_.size(); i-- > 0;) {
    if (open_[i].ns == Ns::html && is_heading(open_[i].tag)) return true;
    if (is_scope_boundary(open_[i], Scope::normal)) return false;
  }
  return false;
}

bool GumboStackModel::has_node_in_scope(std::uint32_t id) const {
  for (std::size_t i = open_.size(); i-- > 0;) {
    if (open_[i].id == id) return true;
    if (is_scope_boundary(open_[i], Scope::normal)) return false;
  }
  return false;
}

bool GumboStackModel::has_template() const {
  return html_open_[GUMBO_TAG_TEMPLATE] != 0;
}

void GumboStackModel::count_open(const Element& element, int change) {
  if (element.ns == Ns::html) html_open_[element.tag] += static_cast<std::uint32_t>(change);
}

void GumboStackModel::generate_implied_end_tags(GumboTag except) {
  while (
      open_.size() > 1 && current().ns == Ns::html && current().tag != except &&
      one_of<TagSet{GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_LI, GUMBO_TAG_OPTION, GUMBO_TAG_OPTGROUP,
                    GUMBO_TAG_P, GUMBO_TAG_RP, GUMBO_TAG_RB, GUMBO_TAG_RT, GUMBO_TAG_RTC}>(
          current().tag)) {
    pop();
  }
}

void GumboStackModel::generate_all_implied_end_tags_thoroughly() {
  while (
      open_.size() > 1 && current().ns == Ns::html &&
      one_of<TagSet{GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_LI,
                    GUMBO_TAG_OPTION, GUMBO_TAG_OPTGROUP, GUMBO_TAG_P, GUMBO_TAG_RP, GUMBO_TAG_RT,
                    GUMBO_TAG_RTC, GUMBO_TAG_TBODY, GUMBO_TAG_TD, GUMBO_TAG_TFOOT, GUMBO_TAG_TH,
                    GUMBO_TAG_HEAD, GUMBO_TAG_TR}>(current().tag)) {
    pop();
  }
}

void GumboStackModel::implicitly_close(GumboTag tag) {
  generate_implied_end_tags(tag);
  pop_until(tag);
}

void GumboStackModel::close_p_in_button_scope() {
  if (in_scope(GUMBO_TAG_P, Scope::button)) implicitly_close(GUMBO_TAG_P);
}

void GumboStackModel::close_list_item(bool is_li) {
  frameset_ok_ = false;
  for (std::size_t i = open_.size(); i-- > 0;) {
    const Element& node = open_[i];
    const bool is_item =
        is_li ? is(node, GUMBO_TAG_LI) : (is(node, GUMBO_TAG_DD) || is(node, GUMBO_TAG_DT));
    if (is_item) return implicitly_close(node.tag);
    if (is_special(node) &&
        !(is(node, GUMBO_TAG_ADDRESS) || is(node, GUMBO_TAG_DIV) || is(node, GUMBO_TAG_P))) {
      return;
    }
  }
}

bool GumboStackModel::close_table() {
  if (!in_scope(GUMBO_TAG_TABLE, Scope::table)) return false;
  pop_until(GUMBO_TAG_TABLE);
  reset_insertion_mode();
  return true;
}

void GumboStackModel::close_cell(GumboTag cell) {
  generate_implied_end_tags(GUMBO_TAG_LAST);
  pop_until(cell);
  clear_formatting_to_marker();
  mode_ = Mode::in_row;
}

void GumboStackModel::close_current_cell() {
  close_cell(in_scope(GUMBO_TAG_TD, Scope::table) ? GUMBO_TAG_TD : GUMBO_TAG_TH);
}

void GumboStackModel::close_current_select() {
  pop_until(GUMBO_TAG_SELECT);
  reset_insertion_mode();
}

void GumboStackModel::clear_stack_back_to(std::initializer_list<GumboTag> stops) {
  while (open_.size() > 1 && !(current().ns == Ns::html && one_of(current().tag, stops))) pop();
}

void GumboStackModel::reset_insertion_mode() {
  // get_appropriate_insertion_mode looks at tag names only, whatever their namespace: a MathML
  // <td> sends gumbo into "in cell" as readily as an HTML one.
  for (std::size_t i = open_.size(); i-- > 0;) {
    const bool last = i == 0;
    GumboTag tag = open_[i].tag;
    if (last && kind_ == GumboParseKind::fragment_in_div) tag = GUMBO_TAG_DIV;
    switch (tag) {
      case GUMBO_TAG_SELECT:
        mode_ = Mode::in_select;
        if (!last) {
          for (std::size_t j = i; j > 0; --j) {
            if (is(open_[j], GUMBO_TAG_TEMPLATE)) break;
            if (is(open_[j], GUMBO_TAG_TABLE)) {
              mode_ = Mode::in_select_in_table;
              break;
            }
          }
        }
        return;
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
        if (!last) {
          mode_ = Mode::in_cell;
          return;
        }
        break;
      case GUMBO_TAG_TR:
        mode_ = Mode::in_row;
        return;
      case GUMBO_TAG_TBODY:
      case GUMBO_TAG_THEAD:
      case GUMBO_TAG_TFOOT:
        mode_ = Mode::in_table_body;
        return;
      case GUMBO_TAG_CAPTION:
        mode_ = Mode::in_caption;
        return;
      case GUMBO_TAG_COLGROUP:
        mode_ = Mode::in_column_group;
        return;
      case GUMBO_TAG_TABLE:
        mode_ = Mode::in_table;
        return;
      case GUMBO_TAG_TEMPLATE:
        if (!template_modes_.empty()) {
          mode_ = template_modes_.back();
          return;
        }
        break;
      case GUMBO_TAG_HEAD:
        if (!last) {
          mode_ = Mode::in_head;
          return;
        }
        break;
      case GUMBO_TAG_BODY:
        mode_ = Mode::in_body;
        return;
      case GUMBO_TAG_FRAMESET:
        mode_ = Mode::in_frameset;
        return;
      case GUMBO_TAG_HTML:
        mode_ = has_head_ ? Mode::after_head : Mode::before_head;
        return;
      default:
        break;
    }
    if (last) {
      mode_ = Mode::in_body;
      return;
    }
  }
  mode_ = Mode::in_body;
}

// --- The list of active formatting elements ---

void GumboStackModel::add_formatting(const Element& element) {
  // Noah's ark: a fourth identical element (after the last marker) pushes out the earliest.
  // must_leave_out() has already kept out the tags for which "identical" is uncertain.
  Formatting added{element, true};
  std::size_t same_tag = 0;
  for (std::size_t i = formatting_.size(); i-- > 0 && formatting_[i].element.id != 0;) {
    if (formatting_[i].element.tag == element.tag) ++same_tag;
  }
  if (same_tag >= 3) {
    std::size_t identical = 0;
    std::size_t earliest = 0;
    for (std::size_t i = formatting_.size(); i-- > 0;) {
      const Formatting& entry = formatting_[i];
      if (entry.element.id == 0) break;
      if (entry.element.tag == element.tag &&
          compare_attributes(entry.element.attributes, identity_of(entry), element.attributes,
                             identity_of(added)) == Sameness::same) {
        ++identical;
        earliest = i;
      }
    }
    if (identical >= 3) remove_formatting(earliest);
  }
  formatting_.push_back(added);
}

bool GumboStackModel::noahs_ark_is_uncertain(std::string_view attributes, GumboTag tag) const {
  // Gumbo counts the identical elements after the last marker and forgets the earliest of the
  // fourth; where some are only maybe identical, neither the count nor which one goes is known.
  std::size_t same_tag = 0;
  for (std::size_t i = formatting_.size(); i-- > 0 && formatting_[i].element.id != 0;) {
    if (formatting_[i].element.tag == tag) ++same_tag;
  }
  if (same_tag < 3) return false;
  const AttributeIdentity identity = AttributeIdentity::of(attributes);
  std::size_t same = 0;
  std::size_t maybe = 0;
  for (std::size_t i = formatting_.size(); i-- > 0;) {
    const Formatting& entry = formatting_[i];
    if (entry.element.id == 0) break;
    if (entry.element.tag != tag) continue;
    switch (
        compare_attributes(entry.element.attributes, identity_of(entry), attributes, identity)) {
      case Sameness::same:
        ++same;
        break;
      case Sameness::maybe:
        ++maybe;
        break;
      case Sameness::different:
        break;
    }
  }
  return maybe > 0 && same + maybe >= 3;
}

const AttributeIdentity& GumboStackModel::identity_of(const Formatting& entry) {
  if (!entry.has_identity) {
    entry.identity = AttributeIdentity::of(entry.element.attributes);
    entry.has_identity = true;
  }
  return entry.identity;
}

void GumboStackModel::add_marker() {
  formatting_.push_back(Formatting{Element{{}, {}, GUMBO_TAG_UNKNOWN, Ns::html, false, 0}, true});
}

std::ptrdiff_t GumboStackModel::formatting_index(std::uint32_t id) const {
  for (std::size_t i = formatting_.size(); i-- > 0;) {
    if (formatting_[i].element.id == id) return static_cast<std::ptrdiff_t>(i);
  }
  return -1;
}

std::ptrdiff_t GumboStackModel::last_formatting_before_marker(GumboTag tag) const {
  for (std::size_t i = formatting_.size(); i-- > 0;) {
    if (formatting_[i].element.id == 0) return -1;
    if (formatting_[i].element.tag == tag) return static_cast<std::ptrdiff_t>(i);
  }
  return -1;
}

void GumboStackModel::remove_formatting(std::size_t index) {
  if (!formatting_[index].open) --waiting_;
  formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(index));
}

void GumboStackModel::reconstruct_formatting() {
  if (formatting_.empty()) return;
  std::size_t i = formatting_.size() - 1;
  if (formatting_[i].element.id == 0 || formatting_[i].open) return;
  while (i > 0 && formatting_[i - 1].element.id != 0 && !formatting_[i - 1].open) --i;
  for (; i < formatting_.size(); ++i) {
    Formatting& entry = formatting_[i];
    entry.element.id = next_id_++;  // a clone takes the entry's place
    entry.open = true;
    --waiting_;
    insert(entry.element);
  }
}

void GumboStackModel::clear_formatting_to_marker() {
  while (!formatting_.empty()) {
    const bool marker = formatting_.back().element.id == 0;
    remove_formatting(formatting_.size() - 1);
    if (marker) return;
  }
}

bool GumboStackModel::adoption_agency(const Token&, GumboTag subject) {
  if (is(current(), subject) && formatting_index(current().id) < 0) {
    pop();
    return false;
  }
  for (int outer = 0; outer < 8; ++outer) {
    const std::ptrdiff_t found = last_formatting_before_marker(subject);
    if (found < 0) return false;
    const Element formatting = formatting_[static_cast<std::size_t>(found)].element;
    const std::ptrdiff_t formatting_open = open_index(formatting.id);
    if (formatting_open < 0) {
      remove_formatting(static_cast<std::size_t>(found));
      return false;
    }
    if (!in_scope(formatting.tag, Scope::normal)) return false;

    std::ptrdiff_t furthest = -1;
    for (std::size_t j = static_cast<std::size_t>(formatting_open); j < open_.size(); ++j) {
      if (is_special(open_[j])) {
        furthest = static_cast<std::ptrdiff_t>(j);
        break;
      }
    }
    if (furthest < 0) {
      while (open_.size() > static_cast<std::size_t>(formatting_open)) pop();
      if (const std::ptrdiff_t index = formatting_index(formatting.id); index >= 0) {
        remove_formatting(static_cast<std::size_t>(index));
      }
      return false;
    }
    const std::uint32_t furthest_id = open_[static_cast<std::size_t>(furthest)].id;
    const std::uint32_t ancestor_depth =
        open_[static_cast<std::size_t>(formatting_open) - 1].tree_depth;
    std::uint32_t chain = 0;  // clones that end up between the common ancestor and the block

    std::ptrdiff_t bookmark = formatting_index(formatting.id) + 1;
    std::uint32_t node = furthest_id;
    std::uint32_t last_node = furthest_id;
    std::ptrdiff_t saved_index = furthest;
    for (int inner = 1;; ++inner) {
      std::ptrdiff_t node_index = open_index(node);
      if (node_index < 0) node_index = saved_index;
      saved_index = --node_index;
      if (node_index <= 0) break;  // gumbo asserts this cannot happen
      node = open_[static_cast<std::size_t>(node_index)].id;
      if (node == formatting.id) break;
      const std::ptrdiff_t in_list = formatting_index(node);
      if (inner > 3 && in_list >= 0) {
        remove_formatting(static_cast<std::size_t>(in_list));
        if (in_list < bookmark) --bookmark;
        continue;
      }
      if (in_list < 0) {
        count_open(open_[static_cast<std::size_t>(node_index)], -1);
        open_.erase(open_.begin() + node_index);
        continue;
      }
      // The node is replaced, in the list and on the stack, by a clone.
      const std::uint32_t clone = next_id_++;
      formatting_[static_cast<std::size_t>(in_list)].element.id = clone;
      open_[static_cast<std::size_t>(node_index)].id = clone;
      node = clone;
      ++chain;
      if (last_node == furthest_id) bookmark = in_list + 1;
      last_node = node;
    }

    // A clone of the formatting element takes its place in the list (at the bookmark) and goes
    // on the stack just above the furthest block.
    Element replacement = formatting;
    replacement.id = next_id_++;
    const std::ptrdiff_t old_index = formatting_index(formatting.id);
    if (old_index >= 0) {
      if (old_index < bookmark) --bookmark;
      formatting_.erase(formatting_.begin() + old_index);
    }
    bookmark =
        std::clamp<std::ptrdiff_t>(bookmark, 0, static_cast<std::ptrdiff_t>(formatting_.size()));
    formatting_.insert(formatting_.begin() + bookmark, Formatting{replacement, true});
    open_.erase(open_.begin() + open_index(formatting.id));
    // The furthest block moves under the common ancestor, below the clones; what it contained
    // moves into the new formatting element, one level further down. So the block's
    // descendants shift by its move plus one; the model lets them move down, never up, since
    // what sits above the block on the stack need not be inside it (foster-parented elements).
    // Depths are then made non-decreasing up the stack again, so that the current node's is
    // the greatest.
    const std::size_t block = static_cast<std::size_t>(open_index(furthest_id));
    const std::uint32_t old_depth = open_[block].tree_depth;
    const std::uint32_t new_depth = ancestor_depth + chain + 1;
    open_[block].tree_depth = std::max(new_depth, open_[block - 1].tree_depth);
    if (new_depth + 1 > old_depth) {
      const std::uint32_t shift = new_depth + 1 - old_depth;
      for (std::size_t k = block + 1; k < open_.size(); ++k) open_[k].tree_depth += shift;
      // Closed elements inside the block move down with it. The model does not know how deep
      // they are, only that none is deeper than the deepest it has seen.
      deepest_ += shift;
    }
    replacement.tree_depth = open_[block].tree_depth + 1;
    open_.insert(open_.begin() + static_cast<std::ptrdiff_t>(block) + 1, replacement);
    for (std::size_t k = block + 2; k < open_.size(); ++k) {
      open_[k].tree_depth = std::max(open_[k].tree_depth, open_[k - 1].tree_depth);
    }
    deepest_ = std::max(deepest_, depth());
  }
  return true;
}

// --- Facts about elements ---

bool GumboStackModel::matches(const Element& element, const Token& token) {
  // Gumbo compares tag enums, so every unknown tag matches every unknown element.
  return element.ns == Ns::html && element.tag == token.tag;
}

bool GumboStackModel::is_special(const Element& element) {
  switch (element.ns) {
    case Ns::math:
      return one_of<TagSet{GUMBO_TAG_MI, GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS, GUMBO_TAG_MTEXT,
                           GUMBO_TAG_ANNOTATION_XML}>(element.tag);
    case Ns::svg:
      return element.tag == GUMBO_TAG_FOREIGNOBJECT || element.tag == GUMBO_TAG_DESC;
    case Ns::html:
      break;
  }
  return one_of<TagSet{
      GUMBO_TAG_ADDRESS,    GUMBO_TAG_APPLET,     GUMBO_TAG_AREA,     GUMBO_TAG_ARTICLE,
      GUMBO_TAG_ASIDE,      GUMBO_TAG_BASE,       GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
      GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,       GUMBO_TAG_BR,       GUMBO_TAG_BUTTON,
      GUMBO_TAG_CAPTION,    GUMBO_TAG_CENTER,     GUMBO_TAG_COL,      GUMBO_TAG_COLGROUP,
      GUMBO_TAG_MENUITEM,   GUMBO_TAG_DD,         GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,
      GUMBO_TAG_DIV,        GUMBO_TAG_DL,         GUMBO_TAG_DT,       GUMBO_TAG_EMBED,
      GUMBO_TAG_FIELDSET,   GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,   GUMBO_TAG_FOOTER,
      GUMBO_TAG_FORM,       GUMBO_TAG_FRAME,      GUMBO_TAG_FRAMESET, GUMBO_TAG_H1,
      GUMBO_TAG_H2,         GUMBO_TAG_H3,         GUMBO_TAG_H4,       GUMBO_TAG_H5,
      GUMBO_TAG_H6,         GUMBO_TAG_HEAD,       GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,
      GUMBO_TAG_HR,         GUMBO_TAG_HTML,       GUMBO_TAG_IFRAME,   GUMBO_TAG_IMG,
      GUMBO_TAG_INPUT,      GUMBO_TAG_ISINDEX,    GUMBO_TAG_LI,       GUMBO_TAG_LINK,
      GUMBO_TAG_LISTING,    GUMBO_TAG_MARQUEE,    GUMBO_TAG_MENU,     GUMBO_TAG_META,
      GUMBO_TAG_NAV,        GUMBO_TAG_NOEMBED,    GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOSCRIPT,
      GUMBO_TAG_OBJECT,     GUMBO_TAG_OL,         GUMBO_TAG_P,        GUMBO_TAG_PARAM,
      GUMBO_TAG_PLAINTEXT,  GUMBO_TAG_PRE,        GUMBO_TAG_SCRIPT,   GUMBO_TAG_SECTION,
      GUMBO_TAG_SELECT,     GUMBO_TAG_STYLE,      GUMBO_TAG_SUMMARY,  GUMBO_TAG_TABLE,
      GUMBO_TAG_TBODY,      GUMBO_TAG_TD,         GUMBO_TAG_TEMPLATE, GUMBO_TAG_TEXTAREA,
      GUMBO_TAG_TFOOT,      GUMBO_TAG_TH,         GUMBO_TAG_THEAD,    GUMBO_TAG_TITLE,
      GUMBO_TAG_TR,         GUMBO_TAG_UL,         GUMBO_TAG_WBR,      GUMBO_TAG_XMP}>(element.tag);
}

bool GumboStackModel::is_scope_boundary(const Element& element, Scope scope) {
  const bool html = element.ns == Ns::html;
  switch (scope) {
    case Scope::table:
      return html &&
             one_of<TagSet{GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TEMPLATE}>(element.tag);
    case Scope::select:
      return !(html && (element.tag == GUMBO_TAG_OPTGROUP || element.tag == GUMBO_TAG_OPTION));
    case Scope::anywhere:
      return html && element.tag == GUMBO_TAG_HTML;
    case Scope::list_item:
      if (html && (element.tag == GUMBO_TAG_OL || element.tag == GUMBO_TAG_UL)) return true;
      break;
    case Scope::button:
      if (html && element.tag == GUMBO_TAG_BUTTON) return true;
      break;
    case Scope::normal:
      break;
  }
  switch (element.ns) {
    case Ns::html:
      return one_of<TagSet{GUMBO_TAG_APPLET, GUMBO_TAG_CAPTION, GUMBO_TAG_HTML, GUMBO_TAG_TABLE,
                           GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT,
                           GUMBO_TAG_TEMPLATE}>(element.tag);
    case Ns::math:
      return one_of<TagSet{GUMBO_TAG_MI, GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS, GUMBO_TAG_MTEXT,
                           GUMBO_TAG_ANNOTATION_XML}>(element.tag);
    case Ns::svg:
      return one_of<TagSet{GUMBO_TAG_FOREIGNOBJECT, GUMBO_TAG_DESC, GUMBO_TAG_TITLE}>(element.tag);
  }
  return false;
}

bool GumboStackModel::is_mathml_text_integration_point(const Element& element) {
  return element.ns == Ns::math &&
         one_of<TagSet{GUMBO_TAG_MI, GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS, GUMBO_TAG_MTEXT}>(
             element.tag);
}

bool GumboStackModel::is_html_integration_point(const Element& element) {
  if (element.ns == Ns::svg) {
    return one_of<TagSet{GUMBO_TAG_FOREIGNOBJECT, GUMBO_TAG_DESC, GUMBO_TAG_TITLE}>(element.tag);
  }
  return element.html_integration_point;
}

}  // namespace confab
