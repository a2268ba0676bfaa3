// Each struct's fields are listed once (the *_fields templates below) and visited by both the
// writer and the reader, so the two cannot disagree on order. Numbers and sizes are LEB128
// varints (signed ones zigzagged): most are small, and a conversation holds millions of them.
#include "conversation/conversation_bytes.h"

#include <bit>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

namespace confab {
namespace {

// A field added to one of these structs must be added to its *_fields list below too: the
// sizes are checked where they are known (GCC's standard library on 64-bit Linux), so a new
// field fails the build here instead of being silently left out of what is kept.
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(Node) == 656, "Node changed: update node_fields");
static_assert(sizeof(Person) == 168, "Person changed: update person_fields");
static_assert(sizeof(ThreadSummary) == 80, "ThreadSummary changed: update summary_fields");
static_assert(sizeof(SpamVerdict) == 32, "SpamVerdict changed: update verdict_fields");
static_assert(sizeof(Conversation) == 200, "Conversation changed: update conversation_fields");
#endif

template <typename Visit, typename V>
void verdict_fields(Visit& visit, V& verdict) {
  visit(verdict.score);
  visit(verdict.reasons);
}

template <typename Visit, typename N>
void node_fields(Visit& visit, N& node) {
  visit(node.id);
  visit(node.kind);
  visit(node.source);
  visit(node.platform);
  visit(node.url);
  visit(node.title);
  visit(node.author);
  visit(node.author_name);
  visit(node.author_url);
  visit(node.author_avatar);
  visit(node.author_verified);
  visit(node.published);
  visit(node.parent);
  visit(node.thread);
  visit(node.links_to);
  visit(node.spam);
  visit(node.content_html);
  visit(node.by_team);
  visit(node.parent_unknown);
  visit(node.also_links_to);
  visit(node.mentions);
  visit(node.linking_url);
  visit(node.likes);
  visit(node.reposts);
  visit(node.bookmarks);
  visit(node.reply_cap);
  visit(node.first_seen);
  visit(node.text);
}

template <typename Visit, typename P>
void person_fields(Visit& visit, P& person) {
  visit(person.id);
  visit(person.name);
  visit(person.urls);
  visit(person.merged_by);
  visit(person.team);
  visit(person.posts);
  visit(person.comments);
  visit(person.blogs);
  visit(person.replies_received);
  visit(person.repliers);
  visit(person.cross_blog_replies);
  visit(person.influence);
}

template <typename Visit, typename T>
void summary_fields(Visit& visit, T& thread) {
  visit(thread.root);
  visit(thread.size);
  visit(thread.blogs);
  visit(thread.last_activity);
}

/// What threading made; `generated`, `previous_build` and `sources` are the build's.
template <typename Visit, typename C>
void conversation_fields(Visit& visit, C& conversation) {
  visit(conversation.campaign_title);
  visit(conversation.campaign_links);
  visit(conversation.nodes);
  visit(conversation.people);
  visit(conversation.awaiting_reply);
  visit(conversation.threads);
}

class Writer {
 public:
  using Sink = std::function<void(std::string_view piece)>;
  static constexpr std::size_t kPiece = 1 << 20;

  explicit Writer(const Sink* sink = nullptr) : sink_(sink) {}

  void operator()(const std::string& text) {
    unsigned_number(text.size());
    out_.append(text);
  }
  void operator()(std::int64_t number) {
    // Zigzag: small negative numbers stay short too.
    unsigned_number((static_cast<std::uint64_t>(number) << 1) ^
                    static_cast<std::uint64_t>(number >> 63));
  }
  void operator()(int number) { (*this)(static_cast<std::int64_t>(number)); }
  void operator()(bool flag) { out_ += flag ? '\1' : '\0'; }
  void operator()(double number) { unsigned_number(std::bit_cast<std::uint64_t>(number)); }
  void operator()(NodeKind kind) { unsigned_number(static_cast<std::uint64_t>(kind)); }
  template <typename T>
  void operator()(const std::optional<T>& value) {
    (*this)(value.has_value());
    if (value) (*this)(*value);
  }
  template <typename T>
  void operator()(const std::vector<T>& items) {
    unsigned_number(items.size());
    for (const T& item : items) {
      (*this)(item);
      if (sink_ && out_.size() >= kPiece) hand_over();
    }
  }
  void operator()(const SpamVerdict& verdict) { verdict_fields(*this, verdict); }
  void operator()(const Node& node) { node_fields(*this, node); }
  void operator()(const Person& person) { person_fields(*this, person); }
  void operator()(const ThreadSummary& thread) { summary_fields(*this, thread); }

  void unsigned_number(std::uint64_t number) {
    while (number >= 0x80) {
      out_ += static_cast<char>(0x80 | (number & 0x7F));
      number >>= 7;
    }
    out_ += static_cast<char>(number);
  }

  std::string& out() { return out_; }

  void hand_over() {
    (*sink_)(out_);
    out_.clear();
  }

 private:
  const Sink* sink_;
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  void operator()(std::string& text) {
    const std::uint64_t size = unsigned_number();
    if (size > bytes_.size() - at_) fail("a text runs past the end");
    text.assign(bytes_.substr(at_, size));
    at_ += size;
  }
  void operator()(std::int64_t& number) {
    const std::uint64_t zigzag = unsigned_number();
    number = static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1);
  }
  void operator()(int& number) {
    std::int64_t wide = 0;
    (*this)(wide);
    if (wide < INT32_MIN || wide > INT32_MAX) fail("a count out of range");
    number = static_cast<int>(wide);
  }
  void operator()(bool& flag) {
    const std::uint64_t value = unsigned_number();
    if (value > 1) fail("a flag that is neither 0 nor 1");
    flag = value == 1;
  }
  void operator()(double& number) { number = std::bit_cast<double>(unsigned_number()); }
  void operator()(NodeKind& kind) {
    const std::uint64_t value = unsigned_number();
    if (value > static_cast<std::uint64_t>(NodeKind::mention)) fail("an unknown node kind");
    kind = static_cast<NodeKind>(value);
  }
  template <typename T>
  void operator()(std::optional<T>& value) {
    bool present = false;
    (*this)(present);
    value.reset();
    if (present) (*this)(value.emplace());
  }
  template <typename T>
  void operator()(std::vector<T>& items) {
    const std::uint64_t count = unsigned_number();
    // Every item takes a byte at least: a count beyond what is left is damage, not a reason to
    // reserve gigabytes.
    if (count > bytes_.size() - at_) fail("a list longer than the bytes left");
    items.clear();
    items.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) (*this)(items.emplace_back());
  }
  void operator()(SpamVerdict& verdict) { verdict_fields(*this, verdict); }
  void operator()(Node& node) { node_fields(*this, node); }
  void operator()(Person& person) { person_fields(*this, person); }
  void operator()(ThreadSummary& thread) { summary_fields(*this, thread); }

  std::uint64_t unsigned_number() {
    std::uint64_t number = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ == bytes_.size()) fail("the bytes end inside a number");
      const auto byte = static_cast<unsigned char>(bytes_[at_++]);
      number |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return number;
    }
    fail("a number longer than 64 bits");
  }

  bool at_end() const { return at_ == bytes_.size(); }

  [[noreturn]] void fail(const std::string& what) const {
    throw ConversationBytesError("kept conversation unreadable at byte " + std::to_string(at_) +
                                 ": " + what);
  }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace

void write_conversation_bytes(const Conversation& conversation,
                              const std::function<void(std::string_view piece)>& sink) {
  Writer writer(&sink);
  conversation_fields(writer, conversation);
  if (!writer.out().empty()) writer.hand_over();
}

std::string conversation_to_bytes(const Conversation& conversation) {
  Writer writer;
  conversation_fields(writer, conversation);
  return std::move(writer.out());
}

Conversation conversation_from_bytes(std::string_view bytes) {
  Reader reader(bytes);
  Conversation conversation;
  conversation_fields(reader, conversation);
  if (!reader.at_end()) reader.fail("bytes after the end");
  return conversation;
}

}  // namespace confab
