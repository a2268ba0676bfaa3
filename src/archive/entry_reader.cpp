// Reading an archived entry's JSON straight into an Entry, without building a JSON tree first:
// Archive::history reads every entry of the archive, and the tree was most of its time.
#include <string_view>

#include "archive/entry_json.h"

namespace confab {
namespace {

using nlohmann::json;

/// The fields entry_to_json writes, by the key that names them.
enum class Field {
  unknown,
  id,
  title,
  link,
  published,
  updated,
  authors,
  summary,
  content,
  categories,
  comments_url,
  comments_feed,
  comment_count,
  in_reply_to,
  enclosures,
  related,
  likes,
  reposts,
  reaction,
  reply_cap,
};

Field field_named(std::string_view key) {
  static constexpr std::pair<std::string_view, Field> kFields[] = {
      {"id", Field::id},
      {"title", Field::title},
      {"link", Field::link},
      {"published", Field::published},
      {"updated", Field::updated},
      {"authors", Field::authors},
      {"summary", Field::summary},
      {"content", Field::content},
      {"categories", Field::categories},
      {"comments_url", Field::comments_url},
      {"comments_feed", Field::comments_feed},
      {"comment_count", Field::comment_count},
      {"in_reply_to", Field::in_reply_to},
      {"enclosures", Field::enclosures},
      {"related", Field::related},
      {"likes", Field::likes},
      {"reposts", Field::reposts},
      {"reaction", Field::reaction},
      {"reply_cap", Field::reply_cap},
  };
  for (const auto& [name, field] : kFields) {
    if (name == key) return field;
  }
  return Field::unknown;
}

/// nlohmann's SAX events, filled into an Entry. Depth 1 is the entry object, 2 a list field
/// (authors, categories, in_reply_to, enclosures), 3 one item of it ([name, email, uri, avatar,
/// verified]...), 4 an author's verified pages. Keys entry_to_json never writes are skipped
/// whatever they hold; anything of the wrong shape stops the parse with a message. The parser
/// itself keeps its own stack, so depth costs no recursion here.
class EntryReader : public nlohmann::json_sax<json> {
 public:
  explicit EntryReader(Entry& entry) : entry_(entry) {}
  const std::string& problem() const { return problem_; }

  bool null() override {
    if (skipping()) return true;
    if (depth_ == 3 && field_ == Field::enclosures && item_ == 2) return next_item();
    if (depth_ == 1) return true;  // an optional left empty
    return fail("null");
  }
  bool boolean(bool) override { return ignored() || fail("true or false"); }
  bool number_integer(number_integer_t value) override { return integer(value); }
  bool number_unsigned(number_unsigned_t value) override {
    return integer(static_cast<std::int64_t>(value));
  }
  bool number_float(number_float_t, const string_t&) override {
    return ignored() || fail("a fractional number");
  }
  bool binary(binary_t&) override { return ignored() || fail("binary data"); }

  bool string(string_t& value) override {
    if (skipping()) return true;
    if (depth_ == 1) {
      if (std::string* text = text_field()) {
        *text = std::move(value);
        return true;
      }
      return fail("a string");
    }
    if (depth_ == 2 && field_ == Field::categories) {
      entry_.categories.push_back(std::move(value));
      return true;
    }
    if (depth_ == 3) {
      if (field_ == Field::authors && item_ < 4) {
        Author& author = entry_.authors.back();
        std::string* parts[] = {&author.name, &author.email, &author.uri, &author.avatar};
        *parts[item_] = std::move(value);
        return next_item();
      }
      if (field_ == Field::in_reply_to && item_ < 2) {
        (item_ == 0 ? entry_.in_reply_to.back().ref : entry_.in_reply_to.back().href) =
            std::move(value);
        return next_item();
      }
      if (field_ == Field::enclosures && item_ < 2) {
        (item_ == 0 ? entry_.enclosures.back().url : entry_.enclosures.back().type) =
            std::move(value);
        return next_item();
      }
    }
    if (depth_ == 4) {
      entry_.authors.back().verified.push_back(std::move(value));
      return true;
    }
    return fail("a string");
  }

  bool start_object(std::size_t) override {
    if (skipping() || (depth_ == 1 && field_ == Field::unknown)) return enter_skipped();
    if (depth_ != 0) return fail("an object");
    depth_ = 1;
    return true;
  }
  bool key(string_t& name) override {
    if (skipping()) return true;
    field_ = field_named(name);
    return true;
  }
  bool end_object() override {
    if (skipping()) return leave_skipped();
    depth_ = 0;
    return true;
  }

  bool start_array(std::size_t) override {
    if (skipping() || (depth_ == 1 && field_ == Field::unknown)) return enter_skipped();
    if (depth_ == 1 && (field_ == Field::authors || field_ == Field::categories ||
                        field_ == Field::in_reply_to || field_ == Field::enclosures)) {
      depth_ = 2;
      return true;
    }
    if (depth_ == 2 && field_ != Field::categories) {
      depth_ = 3;
      item_ = 0;
      if (field_ == Field::authors) entry_.authors.emplace_back();
      if (field_ == Field::in_reply_to) entry_.in_reply_to.emplace_back();
      if (field_ == Field::enclosures) entry_.enclosures.emplace_back();
      return true;
    }
    if (depth_ == 3 && field_ == Field::authors && item_ == 4) {
      depth_ = 4;
      return true;
    }
    return fail("a list");
  }
  bool end_array() override {
    if (skipping()) return leave_skipped();
    if (depth_ == 4) ++item_;  // the verified pages were the author's fifth part
    --depth_;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    problem_ = "at byte " + std::to_string(position) + ": " + error.what();
    return false;
  }

 private:
  bool skipping() const { return skipped_ > 0; }
  /// A value no field takes: inside a skipped one, or the value of an unknown key.
  bool ignored() const { return skipping() || (depth_ == 1 && field_ == Field::unknown); }
  bool enter_skipped() {
    ++skipped_;
    return true;
  }
  bool leave_skipped() {
    --skipped_;
    return true;
  }
  bool next_item() {
    ++item_;
    return true;
  }
  bool fail(const char* what) {
    problem_ = std::string("unexpected ") + what + " in an entry";
    return false;
  }

  bool integer(std::int64_t value) {
    if (skipping()) return true;
    if (depth_ == 3 && field_ == Field::enclosures && item_ == 2) {
      entry_.enclosures.back().length = value;
      return next_item();
    }
    if (depth_ != 1) return fail("a number");
    switch (field_) {
      case Field::published:
        entry_.published = value;
        return true;
      case Field::updated:
        entry_.updated = value;
        return true;
      case Field::comment_count:
        entry_.comment_count = static_cast<int>(value);
        return true;
      case Field::likes:
        entry_.likes = static_cast<int>(value);
        return true;
      case Field::reposts:
        entry_.reposts = static_cast<int>(value);
        return true;
      case Field::reply_cap:
        entry_.reply_cap = static_cast<int>(value);
        return true;
      case Field::unknown:
        return true;
      default:
        return fail("a number");
    }
  }

  std::string* text_field() {
    switch (field_) {
      case Field::id:
        return &entry_.id;
      case Field::title:
        return &entry_.title;
      case Field::link:
        return &entry_.link;
      case Field::summary:
        return &entry_.summary;
      case Field::content:
        return &entry_.content;
      case Field::comments_url:
        return &entry_.comments_url;
      case Field::comments_feed:
        return &entry_.comments_feed;
      case Field::related:
        return &entry_.related;
      case Field::reaction:
        return &entry_.reaction;
      case Field::unknown:
        return &ignored_;
      default:
        return nullptr;
    }
  }

  Entry& entry_;
  int depth_ = 0;
  int skipped_ = 0;  ///< how deep inside a value of an unknown key
  Field field_ = Field::unknown;
  std::size_t item_ = 0;  ///< which part of a depth-3 item comes next
  std::string ignored_;
  std::string problem_;
};

}  // namespace

Entry entry_from_json_text(std::string_view text) {
  Entry entry;
  EntryReader reader(entry);
  const bool read = json::sax_parse(text, &reader);
  if (!read || !reader.problem().empty()) {
    throw EntryJsonError(reader.problem().empty() ? "unreadable JSON" : reader.problem());
  }
  return entry;
}

}  // namespace confab
