// A model of what gumbo 0.10.1's tree builder keeps while it parses: the stack of open elements,
// the list of active formatting elements and the insertion mode, fed one token at a time, so
// that the nesting cap (html_nesting.h) knows how deep gumbo's tree will get before gumbo runs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include <gumbo.h>

#include "parse/tag_attributes.h"

namespace confab {

/// Which of gumbo's two parses is modelled. They differ where depth is at stake: in a fragment a
/// <div> inside <svg> stays an SVG element, in a document it closes the <svg>; a document also
/// has its implied <head> and <body>, and <frameset>.
enum class GumboParseKind { fragment_in_div, document };

/// Follows gumbo 0.10.1's tree construction (Debian's libgumbo1; the HTML5 spec of 2015) for
/// everything that pushes or pops an element, and nothing else: no tree, no text, no attributes
/// beyond the few that decide a push. The rules are gumbo's own, function for function, because
/// an approximation is only safe in one direction and easy to get wrong in the other: a model
/// that pops an element gumbo keeps lets an attacker hide nesting from the cap.
///
/// Where it departs from gumbo it keeps more on its stack, never less:
/// - it reconstructs formatting elements on some tokens gumbo does not;
/// - an element's depth in gumbo's tree is what it was when inserted, or more.
/// Keeping more is not always safe, though: an element the model keeps and gumbo does not is
/// a target for a later end tag, which then pops what gumbo keeps. So where gumbo's choice
/// rests on something the model cannot see (decoded attribute values), the tag is left out
/// (must_leave_out), and where it rests on quirks mode (whether <table> closes an open <p>)
/// the text is made to say it (closed_p_for_table).
/// depth() is how many levels below <html> the current node sits in gumbo's tree, plus the
/// formatting elements waiting to be reconstructed, which are as good as open: the next text
/// reopens them all inside the current node.
class GumboStackModel {
 public:
  /// The tokenizer state gumbo switches to after a start tag (the raw-text elements).
  enum class TextState { data, rcdata, rawtext, script_data, plaintext };

  struct StartTag {
    std::string_view name;        // as the tokenizer reads it
    std::string_view attributes;  // the text between the name and '>', for attribute lookups
    bool self_closing = false;
    /// The name gumbo_tag_from_original_text finds in the tag's original text, which is what
    /// gumbo compares when an end tag closes a foreign element (see foreign_name()).
    std::string_view foreign_name;
    /// gumbo_tagn_enum(name), when the caller has it already; looked up otherwise.
    GumboTag tag = GUMBO_TAG_LAST;
  };

  explicit GumboStackModel(GumboParseKind kind);

  std::size_t depth() const;
  /// The deepest depth() so far, counting elements pushed and popped within one token.
  std::size_t deepest() const { return deepest_; }

  /// The most this start tag can add to depth(): 3 for the table parts gumbo wraps in implied
  /// <tbody> and <tr>, 0 for void elements, 1 for the rest.
  std::size_t growth_bound(const StartTag& tag) const;
  /// Start tags that must be left out of the text rather than modelled:
  /// - an SVG or MathML element named like an HTML element that sets gumbo's insertion mode
  ///   (table parts, select, template, html, head, body, frameset): gumbo's "reset the insertion
  ///   mode" looks at names only, so such an element puts it in a mode whose elements are not
  ///   there, and it pops past <html> and aborts on an assertion (Debian builds gumbo with them
  ///   on): "<table><math><select><mtext><select><caption>" is enough. No such SVG or MathML
  ///   element exists;
  /// - tags whose effect depends on an attribute value the model does not decode: a MathML
  ///   <annotation-xml> whose encoding holds a character reference (text&#47;html), and in a
  ///   document an <input> whose type does (type=hidden keeps a later <frameset> possible).
  bool must_leave_out(const StartTag& tag) const;

  TextState start_tag(const StartTag& tag);
  /// Whether the last start tag was a <table> that closed an open <p>, which gumbo does only
  /// outside quirks mode: the text needs a "</p>" before it for gumbo to do so in any mode.
  bool closed_p_for_table() const { return closed_p_for_table_; }
  /// Whether a "</p>" written just before a <table> here closes the <p> the table would: only
  /// where end tags go to the body rules directly (in a select the "</p>" would be ignored,
  /// and the <table> closes the select first). Elsewhere a <table> that closes a <p> is left
  /// out instead.
  bool p_end_tag_reaches_body() const;
  bool p_is_open() const { return html_open_[GUMBO_TAG_P] != 0; }
  /// `foreign_name` and `tag` as for StartTag.
  void end_tag(std::string_view name, std::string_view foreign_name, GumboTag tag = GUMBO_TAG_LAST);
  /// Text between markup (and CDATA sections).
  void characters(std::string_view text);
  /// The end tag (or the end of input) that closes a raw-text element.
  void raw_text_closed();
  /// Whether a formatting end tag, <a> or <nobr> of this tag may have gumbo's adoption agency
  /// move elements, which can take closed elements deeper than anything was: the pass tries
  /// such a tag on a copy of the model.
  bool may_adopt(GumboTag tag) const;
  /// Whether "<![CDATA[" opens a CDATA section: gumbo asks if the current node is foreign.
  bool in_foreign_content() const;

  enum class Mode : std::uint8_t;

 private:
  enum class Ns : std::uint8_t { html, svg, math };
  struct Element {
    std::string_view name;  // the foreign name, for foreign end tags
    std::string_view attributes;
    GumboTag tag;
    Ns ns = Ns::html;
    bool html_integration_point = false;  // MathML annotation-xml with an HTML encoding
    std::uint32_t id = 0;
    // Levels below <html> in gumbo's tree, which can exceed the position on the stack: </form>
    // and the adoption agency take elements off the stack that stay ancestors in the tree. It
    // never decreases from the bottom of the stack to the top.
    std::uint32_t tree_depth = 0;
  };
  struct Formatting {
    Formatting(const Element& element, bool open) : element(element), open(open) {}

    Element element;  // id 0: a scope marker
    bool open = true;
    // For the Noah's-ark clause, computed when first needed (most lists never hold three
    // elements of one tag).
    mutable AttributeIdentity identity;
    mutable bool has_identity = false;
  };
  struct Token {
    enum Type : std::uint8_t { start, end, whitespace, characters, null } type;
    GumboTag tag;
    std::string_view name;  // the foreign name
    std::string_view attributes;
    bool self_closing = false;
  };
  enum class Scope : std::uint8_t { normal, list_item, button, table, select, anywhere };

  // Dispatch.
  void process(Token token);
  bool takes_html_rules(const Token& token) const;
  bool breaks_out_of_foreign_content(const Token& token) const;
  void html_content(Token& token);
  void foreign_content(Token& token);
  // One handler per insertion mode, as in gumbo's parser.c.
  void initial(Token& token);
  void before_html(Token& token);
  void before_head(Token& token);
  void in_head(Token& token);
  void in_head_noscript(Token& token);
  void after_head(Token& token);
  void in_body(Token& token);
  void any_other_end_tag(const Token& token);
  void in_table(Token& token);
  void in_table_text(Token& token);
  void in_caption(Token& token);
  void in_column_group(Token& token);
  void in_table_body(Token& token);
  void in_row(Token& token);
  void in_cell(Token& token);
  void in_select(Token& token);
  void in_select_in_table(Token& token);
  void in_template(Token& token);
  void after_body(Token& token);
  void in_frameset(Token& token);
  void after_frameset(Token& token);
  void after_after_body(Token& token);
  void after_after_frameset(Token& token);

  // The stack of open elements.
  const Element& current() const { return open_.back(); }
  const Element& adjusted_current() const;
  void insert(Element element);
  void insert_html(const Token& token);
  void insert_implied(GumboTag tag);
  void insert_foreign(const Token& token, Ns ns);
  void run_raw_text(const Token& token, TextState state);
  void pop();
  void pop_until(GumboTag tag);
  void remove_open(std::size_t index);
  void count_open(const Element& element, int change);
  std::ptrdiff_t open_index(std::uint32_t id) const;
  bool in_scope(GumboTag tag, Scope scope) const;
  bool any_heading_in_scope() const;
  bool has_node_in_scope(std::uint32_t id) const;
  bool has_template() const;
  void generate_implied_end_tags(GumboTag except);
  void generate_all_implied_end_tags_thoroughly();
  void implicitly_close(GumboTag tag);
  void close_p_in_button_scope();
  void close_list_item(bool is_li);
  bool close_table();
  void close_cell(GumboTag cell);
  void close_current_cell();
  void close_current_select();
  void clear_stack_back_to(std::initializer_list<GumboTag> stops);
  void reset_insertion_mode();

  // The list of active formatting elements.
  void add_formatting(const Element& element);
  void add_marker();
  bool noahs_ark_is_uncertain(std::string_view attributes, GumboTag tag) const;
  static const AttributeIdentity& identity_of(const Formatting& entry);
  std::ptrdiff_t formatting_index(std::uint32_t id) const;
  std::ptrdiff_t last_formatting_before_marker(GumboTag tag) const;
  void remove_formatting(std::size_t index);
  void reconstruct_formatting();
  void clear_formatting_to_marker();
  bool adoption_agency(const Token& token, GumboTag subject);

  // Facts about elements and tokens.
  static bool is(const Element& element, GumboTag tag) {
    return element.ns == Ns::html && element.tag == tag;
  }
  static bool matches(const Element& element, const Token& token);
  static bool is_special(const Element& element);
  static bool is_scope_boundary(const Element& element, Scope scope);
  static bool is_mathml_text_integration_point(const Element& element);
  static bool is_html_integration_point(const Element& element);
  Element element_for(const Token& token, Ns ns);

  GumboParseKind kind_;
  std::vector<Element> open_;  // open_[0] is <html>
  // How many HTML elements of each tag are open: most scope checks and end tags look for a tag
  // nothing open has, and this answers them without walking the stack.
  std::array<std::uint32_t, GUMBO_TAG_LAST + 1> html_open_{};
  std::vector<Formatting> formatting_;
  std::vector<Mode> template_modes_;
  std::size_t waiting_ = 0;  // formatting elements in the list but not open
  std::size_t deepest_ = 0;
  Mode mode_;
  Mode original_mode_;  // the mode to return to after a raw-text element
  TextState text_state_ = TextState::data;
  bool reprocess_ = false;
  std::uint32_t next_id_ = 1;
  std::uint32_t form_id_ = 0;  // gumbo's form element pointer
  bool has_head_ = false;      // gumbo's head element pointer (document parse)
  Element head_{};
  bool frameset_ok_ = true;
  bool closed_p_for_table_ = false;
};

}  // namespace confab
