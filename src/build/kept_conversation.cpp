// The file: a magic line, the key, the inputs' hash, the conversation's bytes, then the hash of
// those bytes (so a torn or damaged file is told from a good one, and threaded anew).
#include "build/kept_conversation.h"

#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "base/program_id.h"
#include "build/replace_file.h"
#include "conversation/conversation_bytes.h"

namespace confab {
namespace {

constexpr std::string_view kMagic = "confab kept conversation 1\n";
constexpr std::size_t kHeaderSize = kMagic.size() + 8 + 16;
constexpr std::size_t kTrailerSize = 16;

// Threading reads these config structs whole: a new field must join threading_inputs too (the
// sizes are checked where they are known, GCC's standard library on 64-bit Linux).
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(CampaignSection) == 72, "CampaignSection changed: update threading_inputs");
static_assert(sizeof(TeamMember) == 64, "TeamMember changed: update threading_inputs");
static_assert(sizeof(SpamSection) == 48, "SpamSection changed: update threading_inputs");
static_assert(sizeof(PersonConfig) == 88, "PersonConfig changed: update threading_inputs");
#endif

void put_number(std::string& out, std::uint64_t number) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>(number >> (8 * i));
}

std::uint64_t number_at(std::string_view bytes) {
  std::uint64_t number = 0;
  for (int i = 0; i < 8; ++i) {
    number |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
  }
  return number;
}

void put_hash(std::string& out, const ContentHash& hash) {
  put_number(out, hash.high);
  put_number(out, hash.low);
}

ContentHash hash_at(std::string_view bytes) {
  return {number_at(bytes), number_at(bytes.substr(8))};
}

/// The inputs, field by field.
class InputsHasher {
 public:
  explicit InputsHasher(std::uint64_t key) : hasher_(key) {}
  void number(std::uint64_t value) { hasher_.add_number(value); }
  void text(std::string_view value) { hasher_.add_text(value); }
  void texts(const std::vector<std::string>& values) {
    number(values.size());
    for (const std::string& value : values) text(value);
  }
  void hash(const ContentHash& value) { hasher_.add_hash(value); }
  ContentHash finish() { return hasher_.finish(); }

 private:
  ContentHasher hasher_;
};

std::string read_exactly(std::ifstream& in, std::size_t size) {
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) bytes.clear();
  return bytes;
}

}  // namespace

std::filesystem::path kept_conversation_file(const std::filesystem::path& archive_file) {
  std::filesystem::path file = archive_file;
  file += ".conversation";
  return file;
}

std::uint64_t kept_conversation_key(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string header = read_exactly(in, kHeaderSize);
  if (header.size() == kHeaderSize && std::string_view(header).starts_with(kMagic)) {
    return number_at(std::string_view(header).substr(kMagic.size()));
  }
  return random_hash_key();
}

std::optional<ContentHash> threading_inputs(const SiteConfig& config,
                                            const std::vector<SourceHarvest>& harvests,
                                            const IdentityEvidence& evidence, std::uint64_t key) {
  const std::string program = program_build_id();
  if (program.empty()) return std::nullopt;
  InputsHasher inputs(key);
  inputs.text(kMagic);
  inputs.text(program);
  // What threading reads of site.toml (thread_harvests and recognise_people).
  inputs.text(config.site.title);
  inputs.texts(config.campaign.links);
  inputs.texts(config.campaign.keywords);
  inputs.number(config.campaign.team.size());
  for (const TeamMember& member : config.campaign.team) {
    inputs.text(member.name);
    inputs.text(member.url);
  }
  inputs.texts(config.spam.allow);
  inputs.texts(config.spam.deny);
  inputs.number(config.people.size());
  for (const PersonConfig& person : config.people) {
    inputs.text(person.name);
    inputs.texts(person.aliases);
    inputs.texts(person.urls);
    inputs.number(person.team ? 1 : 0);
  }
  // The sources as threading reads them: not their fetch status, which is this build's and is
  // put on the kept conversation (kept_conversation_from).
  inputs.number(harvests.size());
  for (const SourceHarvest& harvest : harvests) {
    if (!harvest.archived_rows) return std::nullopt;
    const SourceReport& report = harvest.report;
    for (const std::string* text : {&report.id, &report.name, &report.url, &report.feed,
                                    &report.platform, &report.platform_label}) {
      inputs.text(*text);
    }
    inputs.number(static_cast<std::uint64_t>(report.role));
    inputs.hash(*harvest.archived_rows);
  }
  inputs.number(evidence.rel_me.size());
  for (const auto& [page, links] : evidence.rel_me) {
    inputs.text(page);
    inputs.texts(links);
  }
  return inputs.finish();
}

std::optional<std::string> read_kept_conversation(const std::filesystem::path& file,
                                                  std::uint64_t key, const ContentHash& inputs) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const auto size = static_cast<std::size_t>(in.tellg());
  if (size < kHeaderSize + kTrailerSize) return std::nullopt;
  in.seekg(0);
  const std::string header = read_exactly(in, kHeaderSize);
  if (header.size() != kHeaderSize || !std::string_view(header).starts_with(kMagic)) {
    return std::nullopt;
  }
  const std::string_view fields = std::string_view(header).substr(kMagic.size());
  if (number_at(fields) != key || hash_at(fields.substr(8)) != inputs) return std::nullopt;
  std::string bytes = read_exactly(in, size - kHeaderSize);
  if (bytes.size() != size - kHeaderSize) return std::nullopt;
  const std::size_t payload = bytes.size() - kTrailerSize;
  if (hash_content(std::string_view(bytes).substr(0, payload), key) !=
      hash_at(std::string_view(bytes).substr(payload))) {
    return std::nullopt;
  }
  bytes.resize(payload);
  return bytes;
}

Conversation kept_conversation_from(const std::filesystem::path& file, std::string bytes,
                                    std::vector<SourceReport> sources, UnixTime generated) {
  try {
    Conversation conversation = conversation_from_bytes(bytes);
    conversation.sources = std::move(sources);
    conversation.generated = generated;
    return conversation;
  } catch (const ConversationBytesError& error) {
    throw std::runtime_error(file.string() + ": " + error.what() +
                             " (delete the file: the next build threads anew)");
  }
}

void keep_conversation(const std::filesystem::path& file, std::uint64_t key,
                       const ContentHash& inputs, const Conversation& conversation) {
  try {
    replace_file(file, [&](std::ostream& out) {
      std::string header(kMagic);
      put_number(header, key);
      put_hash(header, inputs);
      out.write(header.data(), static_cast<std::streamsize>(header.size()));
      ContentHasher payload(key);
      write_conversation_bytes(conversation, [&](std::string_view piece) {
        payload.add(piece);
        out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
      });
      std::string trailer;
      put_hash(trailer, payload.finish());
      out.write(trailer.data(), static_cast<std::streamsize>(trailer.size()));
    });
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot keep the threaded conversation: " + std::string(error.what()));
  }
}

}  // namespace confab
