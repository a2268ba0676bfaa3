// Reading an archived entry's JSON straight into an Entry with simdjson's On-Demand API (a heavy
// header: include it nowhere else): Archive::history reads every entry of the archive on each
// build, and reading it was most of the history's time.
#include <simdjson.h>

#include <cstdint>
#include <string_view>

#include "archive/entry_json.h"

namespace confab {
namespace {

namespace ondemand = simdjson::ondemand;

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

[[noreturn]] void fail(std::string_view what) {
  throw EntryJsonError("unexpected " + std::string(what) + " in an entry");
}

/// simdjson's verdict on the JSON itself (not its shape), as an EntryJsonError.
void check(simdjson::error_code error) {
  if (error == simdjson::SUCCESS) return;
  if (error == simdjson::INCORRECT_TYPE) fail("a value of another type");
  throw EntryJsonError(std::string("unreadable JSON: ") + simdjson::error_message(error));
}

bool is_null(ondemand::value& value) {
  bool null = false;
  check(value.is_null().get(null));
  return null;
}

std::string text(ondemand::value& value, std::string_view field) {
  std::string_view read;
  if (value.get_string().get(read) != simdjson::SUCCESS) fail(std::string(field) + " not text");
  return std::string(read);
}

std::int64_t integer(ondemand::value& value, std::string_view field) {
  std::int64_t read = 0;
  const simdjson::error_code error = value.get_int64().get(read);
  if (error == simdjson::NUMBER_OUT_OF_RANGE) {  // above 2^63: as nlohmann's reader took it
    std::uint64_t large = 0;
    if (value.get_uint64().get(large) == simdjson::SUCCESS) return static_cast<std::int64_t>(large);
  }
  if (error != simdjson::SUCCESS) fail(std::string(field) + " not a whole number");
  return read;
}

ondemand::array list(ondemand::value& value, std::string_view field) {
  ondemand::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) fail(std::string(field) + " not a list");
  return items;
}

/// Each item of `items`, with its place in the list.
template <typename Each>
void for_each_item(ondemand::array& items, Each&& each) {
  std::size_t place = 0;
  for (auto item : items) {
    ondemand::value value;
    check(std::move(item).get(value));
    each(value, place++);
  }
}

/// An author as entry_to_json writes one: [name, email, uri] or [name, email, uri, avatar] or
/// [name, email, uri, avatar, [verified pages]].
Author read_author(ondemand::value& value) {
  Author author;
  ondemand::array parts = list(value, "an author");
  for_each_item(parts, [&](ondemand::value& part, std::size_t place) {
    std::string* texts[] = {&author.name, &author.email, &author.uri, &author.avatar};
    if (place < 4) {
      *texts[place] = text(part, "an author's part");
    } else if (place == 4) {
      ondemand::array pages = list(part, "an author's verified pages");
      for_each_item(pages, [&](ondemand::value& page, std::size_t) {
        author.verified.push_back(text(page, "a verified page"));
      });
    } else {
      fail("a sixth part of an author");
    }
  });
  return author;
}

void read_field(Field field, ondemand::value& value, Entry& entry) {
  std::string* texts = nullptr;
  switch (field) {
    case Field::unknown:
      return;  // skipped, whatever it holds
    case Field::id:
      texts = &entry.id;
      break;
    case Field::title:
      texts = &entry.title;
      break;
    case Field::link:
      texts = &entry.link;
      break;
    case Field::summary:
      texts = &entry.summary;
      break;
    case Field::content:
      texts = &entry.content;
      break;
    case Field::comments_url:
      texts = &entry.comments_url;
      break;
    case Field::comments_feed:
      texts = &entry.comments_feed;
      break;
    case Field::related:
      texts = &entry.related;
      break;
    case Field::reaction:
      texts = &entry.reaction;
      break;
    case Field::published:
      entry.published = integer(value, "a time");
      return;
    case Field::updated:
      entry.updated = integer(value, "a time");
      return;
    case Field::comment_count:
      entry.comment_count = static_cast<int>(integer(value, "a count"));
      return;
    case Field::likes:
      entry.likes = static_cast<int>(integer(value, "a count"));
      return;
    case Field::reposts:
      entry.reposts = static_cast<int>(integer(value, "a count"));
      return;
    case Field::reply_cap:
      entry.reply_cap = static_cast<int>(integer(value, "a count"));
      return;
    case Field::authors: {
      ondemand::array items = list(value, "authors");
      for_each_item(items, [&](ondemand::value& item, std::size_t) {
        entry.authors.push_back(read_author(item));
      });
      return;
    }
    case Field::categories: {
      ondemand::array items = list(value, "categories");
      for_each_item(items, [&](ondemand::value& item, std::size_t) {
        entry.categories.push_back(text(item, "a category"));
      });
      return;
    }
    case Field::in_reply_to: {
      ondemand::array items = list(value, "in_reply_to");
      for_each_item(items, [&](ondemand::value& item, std::size_t) {
        InReplyTo& reply = entry.in_reply_to.emplace_back();
        ondemand::array parts = list(item, "a reply's target");
        for_each_item(parts, [&](ondemand::value& part, std::size_t place) {
          if (place > 1) fail("a third part of a reply's target");
          (place == 0 ? reply.ref : reply.href) = text(part, "a reply's target");
        });
      });
      return;
    }
    case Field::enclosures: {
      ondemand::array items = list(value, "enclosures");
      for_each_item(items, [&](ondemand::value& item, std::size_t) {
        Enclosure& enclosure = entry.enclosures.emplace_back();
        ondemand::array parts = list(item, "an enclosure");
        for_each_item(parts, [&](ondemand::value& part, std::size_t place) {
          if (place == 0) enclosure.url = text(part, "an enclosure's address");
          if (place == 1) enclosure.type = text(part, "an enclosure's type");
          if (place == 2 && !is_null(part)) enclosure.length = integer(part, "a length");
          if (place > 2) fail("a fourth part of an enclosure");
        });
      });
      return;
    }
  }
  *texts = text(value, "a field's value");
}

}  // namespace

struct EntryJsonReader::Parser {
  ondemand::parser parser;
  std::string padded;  ///< the text, with the room after it that simdjson reads ahead into
};

EntryJsonReader::EntryJsonReader() : parser_(std::make_unique<Parser>()) {}
EntryJsonReader::~EntryJsonReader() = default;
EntryJsonReader::EntryJsonReader(EntryJsonReader&&) noexcept = default;
EntryJsonReader& EntryJsonReader::operator=(EntryJsonReader&&) noexcept = default;

Entry EntryJsonReader::read(std::string_view json_text) {
  std::string& padded = parser_->padded;
  padded.reserve(json_text.size() + simdjson::SIMDJSON_PADDING);
  padded.assign(json_text);
  ondemand::document document;
  check(
      parser_->parser
          .iterate(simdjson::padded_string_view(padded.data(), json_text.size(), padded.capacity()))
          .get(document));
  ondemand::object object;
  if (document.get_object().get(object) != simdjson::SUCCESS) fail("a value that is no object");
  Entry entry;
  for (auto member : object) {
    ondemand::field field;
    check(std::move(member).get(field));
    std::string_view key;
    check(field.unescaped_key().get(key));
    ondemand::value value = field.value();
    const Field which = field_named(key);
    if (which == Field::unknown || is_null(value)) continue;  // skipped, or left empty
    read_field(which, value, entry);
  }
  // Read whole: anything after the object is a token simdjson has not reached.
  const char* after = nullptr;
  if (document.current_location().get(after) != simdjson::OUT_OF_BOUNDS) {
    fail("text after the entry");
  }
  return entry;
}

Entry entry_from_json_text(std::string_view text) {
  return EntryJsonReader().read(text);
}

}  // namespace confab
