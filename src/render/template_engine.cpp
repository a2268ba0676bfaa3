#include "render/template_engine.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <forward_list>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

#include "base/strings.h"
#include "render/render.h"

namespace confab {
namespace {

namespace mustache = kainjow::mustache;

/// The library's data for a string, taking `text` over: the library's constructor only copies,
/// so an empty string is made and the text swapped in (the string it points to is not const).
mustache::data string_data(std::string&& text) {
  mustache::data data{std::string()};
  const_cast<std::string&>(data.string_value()).swap(text);
  return data;
}

/// The partial a tag's contents name ("> partials/node.html" -> "partials/node.html"), "" when
/// the tag is not a partial.
std::string_view partial_name(std::string_view contents) {
  contents = trim_space(contents);
  if (contents.empty() || contents.front() != '>') return {};
  return trim_space(contents.substr(1));
}

/// The most bytes a template grows to by putting a recursive partial in place: a partial
/// including itself twice doubles at every level, and the library parses it all.
constexpr std::size_t kInlinedRecursionBytes = 256 * 1024;

/// Whether the partial tag naming `included` is put in place: a template that exists, and if it
/// is already being expanded (recursion), only kInlinedRecursion levels deep and while the
/// expansion is small enough.
bool inline_partial(const Templates& templates, const std::string& included,
                    const std::vector<std::string>& expanding, std::size_t expanded_bytes) {
  if (included.empty() || !templates.count(included)) return false;
  const auto depth = std::count(expanding.begin(), expanding.end(), included);
  if (depth == 0) return true;
  return depth <= TemplateEngine::kInlinedRecursion && expanded_bytes < kInlinedRecursionBytes;
}

/// templates[name] with every partial tag replaced by the partial's own expansion, except tags
/// naming a missing template or recursing past what inline_partial allows. `expanded_bytes`
/// counts what this expansion has written so far, nested ones included. A template that
/// changes delimiters is left as written: its tags cannot be found by looking for "{{".
std::string expand_partials(const Templates& templates, const std::string& name,
                            std::vector<std::string>& expanding, std::size_t& expanded_bytes) {
  const std::string& text = templates.at(name);
  if (text.find("{{=") != std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    const bool triple = text.compare(open, 3, "{{{") == 0;
    const std::size_t close = text.find(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
    if (close == std::string::npos) break;
    const std::size_t end = close + (triple ? 3 : 2);
    const std::string included(
        triple ? std::string_view()
               : partial_name(std::string_view(text).substr(open + 2, close - open - 2)));
    if (inline_partial(templates, included, expanding, expanded_bytes)) {
      out.append(text, pos, open - pos);
      expanded_bytes += open - pos;
      expanding.push_back(included);
      out += expand_partials(templates, included, expanding, expanded_bytes);
      expanding.pop_back();
    } else {
      out.append(text, pos, end - pos);
      expanded_bytes += end - pos;
    }
    pos = end;
  }
  expanded_bytes += text.size() - pos;
  out.append(text, pos, std::string::npos);
  return out;
}

/// The bytes escape_html replaces.
constexpr std::array<bool, 256> kHtmlSpecial = [] {
  std::array<bool, 256> special{};
  for (const unsigned char c : {'&', '<', '>', '"', '\''}) special[c] = true;
  return special;
}();

/// HTML escaping with the library's mapping (& < > " ' as &amp; &lt; &gt; &quot; &apos;), but
/// copying runs of plain text at once rather than a character at a time. Not base's
/// append_escaped_attribute, which writes ' as &#39;: themes keep the bytes the library wrote.
std::string escape_html(const std::string& text) {
  std::size_t i = 0;
  const auto next_special = [&] {
    while (i < text.size() && !kHtmlSpecial[static_cast<unsigned char>(text[i])]) ++i;
  };
  next_special();
  if (i == text.size()) return text;  // most values: dates, names, paths
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t start = 0;
  while (i < text.size()) {
    out.append(text, start, i - start);
    switch (text[i]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += "&apos;";
        break;
    }
    start = ++i;
    next_special();
  }
  out.append(text, start, std::string::npos);
  return out;
}

/// A cheap fingerprint of a name, for telling names apart before comparing them: its length
/// and its first and last eight bytes. Equal names have equal keys; the rest is compared.
std::uint64_t name_key(std::string_view name) {
  std::uint64_t head = 0, tail = 0;
  const std::size_t size = name.size();
  std::memcpy(&head, name.data(), std::min<std::size_t>(size, 8));
  if (size > 8) std::memcpy(&tail, name.data() + size - 8, 8);
  return (head * 0x9E3779B97F4A7C15ULL) ^ (tail * 0xC2B2AE3D27D4EB4FULL) ^ size;
}

/// The top level of a frame: its names and values in the order set, found by scanning the
/// names' keys. A frame holds a few dozen names at most, and every name in every template is
/// looked up in frame after frame until one has it; a scan of packed keys is cheaper than the
/// library's hashed object (a hash and a division per frame, and a node per name to allocate).
class FrameTable {
 public:
  void reserve(std::size_t count) {
    keys_.reserve(count);
    entries_.reserve(count);
  }

  /// Sets `name`, replacing its value if it has one.
  void set(const std::string& name, mustache::data value) {
    const std::uint64_t key = name_key(name);
    if (mustache::data* found = find_own(name, key)) {
      *found = std::move(value);
      return;
    }
    keys_.push_back(key);
    entries_.emplace_back(name, std::move(value));
    present_ |= bit_of(key);
  }

  /// Names this table lacks are looked up in `base`.
  void set_base(const FrameTable* base) { base_ = base; }

  /// A table standing in, in fingerprints only, for one whose digest this is (stand_in()).
  void set_stand_in(const ContentHash& digest) { stand_in_ = digest; }
  const std::optional<ContentHash>& stand_in() const { return stand_in_; }
  const FrameTable* base() const { return base_; }

  /// Calls visit(name, key, value) for each of the table's own names, in the order set.
  template <typename Visit>
  bool for_each(const Visit& visit) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (!visit(entries_[i].name, keys_[i], entries_[i].value)) return false;
    }
    return true;
  }

  const mustache::data* find(std::string_view name, std::uint64_t key) const {
    if (const mustache::data* found = find_own(name, key)) return found;
    return base_ ? base_->find(name, key) : nullptr;
  }

 private:
  /// `name` among this table's own names, not its base's.
  const mustache::data* find_own(std::string_view name, std::uint64_t key) const {
    // Most lookups miss most frames (a node's name asked of the page's frame, a theme string of
    // the node's): one bit per name answers most of those without a scan.
    if ((present_ & bit_of(key)) == 0) return nullptr;
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == key && entries_[i].name == name) return &entries_[i].value;
    }
    return nullptr;
  }

  mustache::data* find_own(std::string_view name, std::uint64_t key) {
    return const_cast<mustache::data*>(std::as_const(*this).find_own(name, key));
  }

  static std::uint64_t bit_of(std::uint64_t key) { return std::uint64_t{1} << (key >> 58); }

  /// A name and its value. Moved, never copied, when the table grows: the template library's
  /// move is not declared noexcept, so std::vector would copy its values (deep, lists and all).
  struct Entry {
    std::string name;
    mustache::data value;
    Entry(std::string entry_name, mustache::data entry_value)
        : name(std::move(entry_name)), value(std::move(entry_value)) {}
    Entry(Entry&&) noexcept = default;
    Entry& operator=(Entry&&) noexcept = default;
  };
  static_assert(std::is_nothrow_move_constructible_v<Entry>);

  std::vector<std::uint64_t> keys_;
  std::vector<Entry> entries_;
  std::uint64_t present_ = 0;  ///< bit_of() of every key set
  const FrameTable* base_ = nullptr;
  std::optional<ContentHash> stand_in_;
};

/// A frame held in another frame's value, in a form the library carries without looking in: a
/// partial (a function giving a template's text), which the library only ever calls when it
/// comes from the context's partial lookup, never from data. ThemeContext recognises it by its
/// type when the library pushes it for a section, and looks names up in its table.
struct FrameRef {
  const FrameTable* table;
  std::string operator()() const { return {}; }
};

mustache::data frame_data(const FrameTable& table) {
  return mustache::data(mustache::partial(FrameRef{&table}));
}

/// The table a value holds when it is a frame (frame_data), else nullptr.
const FrameTable* frame_of(const mustache::data& data) {
  if (!data.is_partial()) return nullptr;
  const FrameRef* ref = data.partial_value().target<FrameRef>();
  return ref ? ref->table : nullptr;
}

/// Room for a node's names in a frame made key by key, so that it is not grown on the way; a
/// frame over a base adds a few names to it (a node's place in its thread).
constexpr std::size_t kFrameBuilderNames = 32;
constexpr std::size_t kFrameOverBaseNames = 8;

/// Tables made from JSON objects, kept alive with the frame (or render) whose values hold them.
using OwnedTables = std::forward_list<FrameTable>;

/// `json` in the library's form; from an rvalue the strings are moved rather than copied (a
/// page's replies and a person's items are most of its bytes). An object becomes a frame table
/// of its own, kept in `tables`: to a template the same as the library's object (a section over
/// it, `a.b`, true even when empty, nothing as a value), but its names are found by the
/// engine's packed search, and a fingerprint can list them.
template <typename Json>
mustache::data to_mustache(Json&& json, OwnedTables& tables) {
  constexpr bool kMove =
      !std::is_const_v<std::remove_reference_t<Json>> && std::is_rvalue_reference_v<Json&&>;
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      FrameTable& table = tables.emplace_front();
      table.reserve(json.size());
      for (auto& [key, value] : json.items()) {
        if constexpr (kMove) {
          table.set(key, to_mustache(std::move(value), tables));  // moved
        } else {
          table.set(key, to_mustache(value, tables));
        }
      }
      return frame_data(table);
    }
    case nlohmann::json::value_t::array: {
      mustache::data list(mustache::data::type::list);
      // The library only appends copies (deep ones: a thread card and its replies), and its
      // vector copies every item again when it grows. Its vector is not const, only the
      // accessor is: reserve it and move the items in.
      auto& items = const_cast<mustache::list&>(list.list_value());
      items.reserve(json.size());
      for (auto& item : json) {
        if constexpr (kMove) {
          items.push_back(to_mustache(std::move(item), tables));
        } else {
          items.push_back(to_mustache(item, tables));
        }
      }
      return list;
    }
    case nlohmann::json::value_t::string: {
      auto& text =
          json.template get_ref<std::conditional_t<kMove, std::string&, const std::string&>>();
      if (text.empty()) return mustache::data(false);
      if constexpr (kMove) {
        return string_data(std::move(text));
      } else {
        return mustache::data(text);
      }
    }
    case nlohmann::json::value_t::boolean:
      return mustache::data(json.template get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return mustache::data(json.dump());
    default:
      return mustache::data(false);
  }
}

/// A JSON object's members as a frame table (moved out of it).
FrameTable to_table(nlohmann::json&& object, OwnedTables& tables) {
  FrameTable table;
  if (!object.is_object()) return table;
  table.reserve(object.size());
  for (auto& [key, value] : object.items()) table.set(key, to_mustache(std::move(value), tables));
  return table;
}

/// The names a template can ask its data for: each part of every name in its tags ("t.on" is
/// "t" and "on"), kept as name_key()s. Two names sharing a key only make the set larger, never
/// a name left out.
class NameSet {
 public:
  /// A set holding every name: for a template whose names cannot be read (one that changes its
  /// delimiters).
  static NameSet every() {
    NameSet set;
    set.every_ = true;
    return set;
  }

  void add(std::string_view name) {
    const std::uint64_t key = name_key(name);
    present_ |= bit_of(key);
    keys_.push_back(key);
  }
  void add(const NameSet& other) {
    every_ = every_ || other.every_;
    present_ |= other.present_;
    keys_.insert(keys_.end(), other.keys_.begin(), other.keys_.end());
  }
  /// Sorts the keys for has(); after the last add().
  void seal() {
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  }
  /// How many names: grows with every name add() brings.
  std::size_t count() const { return keys_.size() + (every_ ? 1 : 0); }

  bool has(std::uint64_t key) const {
    if (every_) return true;
    if ((present_ & bit_of(key)) == 0) return false;
    return std::binary_search(keys_.begin(), keys_.end(), key);
  }

 private:
  static std::uint64_t bit_of(std::uint64_t key) { return std::uint64_t{1} << (key >> 58); }
  bool every_ = false;
  std::uint64_t present_ = 0;
  std::vector<std::uint64_t> keys_;
};

/// The names in `text`'s tags, and the partials its tags still include (those expand_partials
/// left as tags). Sections, inverted sections and unescaped values name data as values do;
/// comments name nothing.
NameSet names_in(const std::string& text, std::vector<std::string>& partials) {
  if (text.find("{{=") != std::string::npos) return NameSet::every();
  NameSet names;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    const bool triple = text.compare(open, 3, "{{{") == 0;
    const std::size_t start = open + (triple ? 3 : 2);
    const std::size_t close = text.find(triple ? "}}}" : "}}", start);
    if (close == std::string::npos) break;
    pos = close + (triple ? 3 : 2);
    std::string_view tag = trim_space(std::string_view(text).substr(start, close - start));
    if (tag.empty() || tag.front() == '!') continue;
    if (tag.front() == '>') {
      partials.emplace_back(trim_space(tag.substr(1)));
      continue;
    }
    if (tag.front() == '#' || tag.front() == '^' || tag.front() == '/' || tag.front() == '&') {
      tag = trim_space(tag.substr(1));
    }
    while (!tag.empty()) {
      const std::size_t dot = tag.find('.');
      if (dot != 0) names.add(tag.substr(0, dot));
      if (dot == std::string_view::npos) break;
      tag.remove_prefix(dot + 1);
    }
  }
  return names;
}

/// Writes, unambiguously, what a template using `names` can read of a frame or a value: the
/// bytes a fingerprint hashes. Each value is tagged with its type and strings with their length,
/// so no two different data write the same bytes.
class InputsWriter {
 public:
  InputsWriter(const NameSet& names, std::string& out) : names_(names), out_(out) {}

  /// False when the data holds what a render's bytes cannot be told from (a lambda), or nests
  /// past kMaxDepth.
  bool table(const FrameTable& table, int depth = 0) {
    if (depth > kMaxDepth) return false;
    if (const auto& digest = table.stand_in()) {
      out_ += 'D';
      number(digest->high);
      number(digest->low);
      return true;
    }
    out_ += 'T';
    const bool whole = table.for_each(
        [&](const std::string& name, std::uint64_t key, const mustache::data& value) {
          if (!names_.has(key)) return true;
          out_ += 'n';
          text(name);
          return this->value(value, depth + 1);
        });
    if (!whole) return false;
    if (table.base() == nullptr) {
      out_ += 'e';
      return true;
    }
    out_ += 'b';
    return this->table(*table.base(), depth + 1);
  }

  /// A JSON view as it is before the engine converts it: objects by name in order (a JSON
  /// object's order), each value as its JSON type.
  bool json(const nlohmann::json& data, int depth = 0) {
    if (depth > kMaxDepth) return false;
    switch (data.type()) {
      case nlohmann::json::value_t::object:
        out_ += 'o';
        for (const auto& [name, member] : data.items()) {
          if (!names_.has(name_key(name))) continue;
          out_ += 'n';
          text(name);
          if (!json(member, depth + 1)) return false;
        }
        out_ += 'e';
        return true;
      case nlohmann::json::value_t::array:
        out_ += 'l';
        number(data.size());
        for (const nlohmann::json& item : data) {
          if (!json(item, depth + 1)) return false;
        }
        return true;
      case nlohmann::json::value_t::string:
        out_ += 's';
        text(data.get_ref<const std::string&>());
        return true;
      case nlohmann::json::value_t::boolean:
        out_ += data.get<bool>() ? 't' : 'f';
        return true;
      case nlohmann::json::value_t::null:
        out_ += 'z';
        return true;
      default:  // numbers render as their decimal text
        out_ += 'd';
        text(data.dump());
        return true;
    }
  }

  bool value(const mustache::data& data, int depth) {
    if (depth > kMaxDepth) return false;
    if (data.is_string()) {
      out_ += 's';
      text(data.string_value());
    } else if (data.is_true()) {
      out_ += 't';
    } else if (data.is_false()) {
      out_ += 'f';
    } else if (data.is_list()) {
      out_ += 'l';
      number(data.list_value().size());
      for (const mustache::data& item : data.list_value()) {
        if (!value(item, depth + 1)) return false;
      }
    } else if (const FrameTable* frame = frame_of(data)) {
      out_ += 'r';
      return table(*frame, depth + 1);
    } else {
      // A lambda, or an object or partial of the library's own: the engine makes none of them
      // (to_mustache makes a JSON object a frame table).
      return false;
    }
    return true;
  }

 private:
  // Far past what any view nests (replies stop 8 levels deep, a few steps each).
  static constexpr int kMaxDepth = 256;

  void number(std::uint64_t n) { out_.append(reinterpret_cast<const char*>(&n), sizeof n); }
  void text(const std::string& bytes) {
    number(bytes.size());
    out_ += bytes;
  }

  const NameSet& names_;
  std::string& out_;
};

/// Where the library writes a rendered page: straight into one string.
struct StringSink {
  std::string& out;
  StringSink& operator<<(const std::string& text) {
    out += text;
    return *this;
  }
};

/// The data stack, plus partial lookup by template name in the theme rather than in the data,
/// remembering names that are not there so the caller can report them. Only recursive partials
/// get here: the others were expanded in place. Names resolve as in the library's own context
/// (innermost frame first; "a.b" is looked up whole in each frame in turn), without its
/// string-stream split of dotted names.
class ThemeContext : public mustache::basic_context<std::string> {
 public:
  /// `split_names` keeps "a.b" split as {"a", "b"} from one render to the next.
  ThemeContext(const std::map<std::string, mustache::data>& partials,
               std::unordered_map<std::string, std::vector<std::string>>& split_names)
      : partials_(partials), split_names_(split_names) {
    levels_.reserve(8);
  }

  /// A frame of the engine's own (the globals, a page's keys, a node's).
  void push_table(const FrameTable* table) {
    stand_in_met_ = stand_in_met_ || table->stand_in();
    levels_.push_back({table, nullptr});
  }
  /// A value the library pushes while it renders a section (a list item, an object, a frame).
  void push(const mustache::data* data) override {
    const FrameTable* table = frame_of(*data);
    stand_in_met_ = stand_in_met_ || (table && table->stand_in());
    levels_.push_back({table, data});
  }
  void pop() override { levels_.pop_back(); }

  const mustache::data* get(const std::string& name) const override {
    // "." is the section's current value; a frame of the engine's own is not a value.
    if (name.size() == 1 && name[0] == '.') return levels_.back().data;
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) {
      const std::uint64_t key = name_key(name);
      for (auto level = levels_.rbegin(); level != levels_.rend(); ++level) {
        if (const mustache::data* found = level->find(name, key)) return found;
      }
      return nullptr;
    }
    auto [cached, is_new] = split_names_.try_emplace(name);
    std::vector<std::string>& parts = cached->second;
    if (is_new) {
      for (std::size_t start = 0;;) {
        const std::size_t end = name.find('.', start);
        parts.emplace_back(name, start, end == std::string::npos ? std::string::npos : end - start);
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    const std::uint64_t key = name_key(parts.front());
    for (auto level = levels_.rbegin(); level != levels_.rend(); ++level) {
      const mustache::data* found = level->find(parts.front(), key);
      for (std::size_t part = 1; found && part < parts.size(); ++part) {
        const FrameTable* table = frame_of(*found);
        found = table ? table->find(parts[part], name_key(parts[part])) : found->get(parts[part]);
      }
      if (found) return found;
    }
    return nullptr;
  }

  const mustache::data* get_partial(const std::string& name) const override {
    const auto found = partials_.find(name);
    if (found != partials_.end()) return &found->second;
    missing_.push_back(name);
    return nullptr;
  }

  const std::vector<std::string>& missing() const { return missing_; }
  /// True when a section showed a stand-in frame, which holds nothing to render.
  bool stand_in_met() const { return stand_in_met_; }

 private:
  /// One level of the stack: a frame table (the engine's own, or one held in a value), or a
  /// value from the library.
  struct Level {
    const FrameTable* table;
    const mustache::data* data;
    const mustache::data* find(const std::string& name, std::uint64_t key) const {
      return table ? table->find(name, key) : data->get(name);
    }
  };

  const std::map<std::string, mustache::data>& partials_;
  std::unordered_map<std::string, std::vector<std::string>>& split_names_;
  std::vector<Level> levels_;  ///< outermost first
  mutable std::vector<std::string> missing_;
  bool stand_in_met_ = false;
};

}  // namespace

struct TemplateEngine::Parsed {
  FrameTable globals;
  OwnedTables global_tables;  ///< the globals' objects
  /// Each template's expanded text, as a partial for the library's run-time inclusion.
  std::map<std::string, mustache::data> partials;
  std::map<std::string, std::unique_ptr<mustache::mustache>> pages;
  /// Dotted names ("t.on") split once per engine rather than at every lookup.
  std::unordered_map<std::string, std::vector<std::string>> split_names;
  /// By template: the names it and the partials it includes can ask for (fingerprint()).
  std::map<std::string, NameSet> names;
  /// Every template's name and text and the globals, hashed: what all fingerprints share.
  ContentHash stamp;
  /// Where fingerprint() writes what it hashes, kept from one page to the next (an engine
  /// renders on one thread at a time).
  std::string inputs;
};

TemplateEngine::TemplateEngine(const Templates& templates, const nlohmann::json& globals)
    : templates_(templates), parsed_(std::make_unique<Parsed>()) {
  for (const auto& [name, text] : templates) {
    const mustache::mustache parsed(text);
    if (!parsed.is_valid()) {
      throw RenderError("template " + name + ": " + parsed.error_message());
    }
  }
  parsed_->globals = to_table(nlohmann::json(globals), parsed_->global_tables);
  for (const auto& [name, text] : templates) {
    std::vector<std::string> expanding = {name};
    std::size_t expanded_bytes = 0;
    std::string expanded = expand_partials(templates, name, expanding, expanded_bytes);
    auto parsed = std::make_unique<mustache::mustache>(expanded);
    parsed->set_custom_escape(escape_html);
    if (!parsed->is_valid()) {
      throw RenderError("template " + name + ": " + parsed->error_message());
    }
    parsed_->pages.emplace(name, std::move(parsed));
    parsed_->partials.emplace(name, mustache::data(std::move(expanded)));
  }
  // A template's names are those in its expanded text, and those of each partial it still
  // includes by tag (a recursion deeper than expand_partials went), until nothing grows.
  std::map<std::string, std::vector<std::string>> includes;
  std::string stamped;
  for (const auto& [name, partial] : parsed_->partials) {
    NameSet names = names_in(partial.string_value(), includes[name]);
    names.seal();
    parsed_->names.emplace(name, std::move(names));
    for (const std::string* part : {&name, &templates_.at(name)}) {
      stamped += std::to_string(part->size()) + ':' + *part;
    }
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [name, partials] : includes) {
      NameSet& names = parsed_->names.at(name);
      for (const std::string& partial : partials) {
        const auto found = parsed_->names.find(partial);
        if (found == parsed_->names.end()) continue;  // rendering it says what is missing
        const std::size_t before = names.count();
        names.add(found->second);
        names.seal();
        grew = grew || names.count() != before;
      }
    }
  }
  stamped += globals.dump();
  parsed_->stamp = hash_content(stamped, 0);
}

TemplateEngine::~TemplateEngine() = default;

struct TemplateEngine::Frame::Data {
  FrameTable table;
  /// Frames handed over with keep(): a list never moves them, and costs nothing while empty
  /// (most frames keep none).
  std::forward_list<Frame> kept;
  /// The table's JSON objects, as tables (to_mustache).
  OwnedTables tables;
};

TemplateEngine::Frame::Frame(std::unique_ptr<Data> data) : data_(std::move(data)) {}
TemplateEngine::Frame::~Frame() = default;
TemplateEngine::Frame::Frame(Frame&&) noexcept = default;
TemplateEngine::Frame& TemplateEngine::Frame::operator=(Frame&&) noexcept = default;

TemplateEngine::Frame TemplateEngine::frame(const nlohmann::json& data) {
  auto made = std::make_unique<Frame::Data>();
  made->table = to_table(nlohmann::json(data), made->tables);
  return Frame(std::move(made));
}

TemplateEngine::Frame TemplateEngine::stand_in(const ContentHash& digest) {
  auto made = std::make_unique<Frame::Data>();
  made->table.set_stand_in(digest);
  return Frame(std::move(made));
}

TemplateEngine::FrameBuilder::FrameBuilder() = default;

TemplateEngine::FrameBuilder::FrameBuilder(const Frame& base)
    : data_(std::make_unique<Frame::Data>()) {
  data_->table.reserve(kFrameOverBaseNames);
  data_->table.set_base(&base.data_->table);
}

TemplateEngine::FrameBuilder::~FrameBuilder() = default;

void TemplateEngine::FrameBuilder::set(const std::string& key, std::string value) {
  // "" is false, as in to_mustache.
  data()->table.set(key, value.empty() ? mustache::data(false) : string_data(std::move(value)));
}

void TemplateEngine::FrameBuilder::set(const std::string& key, bool value) {
  data()->table.set(key, mustache::data(value));
}

void TemplateEngine::FrameBuilder::set(const std::string& key, const nlohmann::json& value) {
  data()->table.set(key, to_mustache(value, data()->tables));
}

void TemplateEngine::FrameBuilder::set_all(nlohmann::json&& values) {
  for (auto& [key, value] : values.items()) {
    data()->table.set(key, to_mustache(std::move(value), data()->tables));
  }
}

void TemplateEngine::FrameBuilder::set(const std::string& key, const Frame& frame) {
  data()->table.set(key, frame_data(frame.data_->table));
}

void TemplateEngine::FrameBuilder::set(const std::string& key,
                                       const std::vector<const Frame*>& frames) {
  if (frames.empty()) {  // the same to Mustache as an empty list, without allocating one
    data()->table.set(key, mustache::data(false));
    return;
  }
  mustache::data list(mustache::data::type::list);
  // Reserved and moved in, as in to_mustache: the library's own push_back copies.
  auto& items = const_cast<mustache::list&>(list.list_value());
  items.reserve(frames.size());
  for (const Frame* frame : frames) items.push_back(frame_data(frame->data_->table));
  data()->table.set(key, std::move(list));
}

const TemplateEngine::Frame& TemplateEngine::FrameBuilder::keep(Frame frame) {
  return data()->kept.emplace_front(std::move(frame));
}

TemplateEngine::Frame TemplateEngine::FrameBuilder::build() {
  Frame built(std::move(data()));
  data_ = nullptr;  // made again only if the builder is used again
  return built;
}

std::unique_ptr<TemplateEngine::Frame::Data>& TemplateEngine::FrameBuilder::data() {
  if (!data_) {
    data_ = std::make_unique<Frame::Data>();
    data_->table.reserve(kFrameBuilderNames);
  }
  return data_;
}

std::string TemplateEngine::render(const std::string& name, nlohmann::json data) const {
  return render_frames(name, {}, &data);
}

std::string TemplateEngine::render(const std::string& name,
                                   std::initializer_list<const Frame*> frames,
                                   nlohmann::json data) const {
  return render_frames(name, frames, &data);
}

std::string TemplateEngine::render(const std::string& name,
                                   std::initializer_list<const Frame*> frames) const {
  return render_frames(name, frames, nullptr);
}

std::string TemplateEngine::render_frames(const std::string& name,
                                          std::initializer_list<const Frame*> frames,
                                          nlohmann::json* data) const {
  const auto found = parsed_->pages.find(name);
  if (found == parsed_->pages.end()) {
    throw RenderError("template " + name + " is missing from the theme");
  }
  mustache::mustache& parsed = *found->second;
  OwnedTables tables;
  const FrameTable root = data ? to_table(std::move(*data), tables) : FrameTable();
  ThemeContext context(parsed_->partials, parsed_->split_names);
  context.push_table(&parsed_->globals);
  for (const Frame* frame : frames) context.push_table(&frame->data_->table);
  if (data) context.push_table(&root);
  std::string output;
  StringSink sink{output};
  parsed.render(context, sink);
  if (!context.missing().empty()) {
    throw RenderError("template " + context.missing().front() + " (included from " + name +
                      ") is missing from the theme");
  }
  if (!parsed.is_valid()) throw RenderError("template " + name + ": " + parsed.error_message());
  if (context.stand_in_met()) {
    throw RenderError("template " + name +
                      ": rendered with a stand-in frame, which is for fingerprints only");
  }
  return output;
}

std::optional<ContentHash> TemplateEngine::fingerprint(const std::string& name,
                                                       std::initializer_list<const Frame*> frames,
                                                       const nlohmann::json* data,
                                                       std::string_view program,
                                                       std::uint64_t key) const {
  const auto names = parsed_->names.find(name);
  if (names == parsed_->names.end()) return std::nullopt;
  std::string& out = parsed_->inputs;
  out.clear();
  InputsWriter writer(names->second, out);
  const auto append = [&out](std::string_view part) {
    const std::uint64_t size = part.size();
    out.append(reinterpret_cast<const char*>(&size), sizeof size);
    out += part;
  };
  append(program);
  append(std::string_view(reinterpret_cast<const char*>(&parsed_->stamp), sizeof parsed_->stamp));
  append(name);
  for (const Frame* frame : frames) {
    if (!writer.table(frame->data_->table)) return std::nullopt;
  }
  if (data && !writer.json(*data)) return std::nullopt;
  return hash_content(out, key);
}

bool TemplateEngine::may_read(const std::string& name, std::string_view key) const {
  const auto names = parsed_->names.find(name);
  return names == parsed_->names.end() || names->second.has(name_key(key));
}

std::optional<ContentHash> TemplateEngine::digest(const std::string& name,
                                                  const Frame& frame) const {
  const auto names = parsed_->names.find(name);
  if (names == parsed_->names.end()) return std::nullopt;
  std::string& out = parsed_->inputs;
  out.clear();
  InputsWriter writer(names->second, out);
  if (!writer.table(frame.data_->table)) return std::nullopt;
  return hash_content(out, 0);
}

}  // namespace confab
