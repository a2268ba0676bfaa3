#include "render/site_inputs.h"

#include <cstdint>
#include <map>
#include <string>

#include "conversation/conversation.h"

namespace confab {
namespace {

// A field added to these structs must be hashed below, or be one the pages kept as made never
// show (RenderInput's workers, memo and open_stream change no page): the sizes make the build
// fail until it is looked at. They hold for GCC's library on x86-64 only; the SiteInputsTest
// tests are the portable check.
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(SourceReport) == 312, "a SourceReport field: hash it in site_inputs");
static_assert(sizeof(Theme) == 144, "a Theme field: hash it in site_inputs");
static_assert(sizeof(ContentFile) == 64, "a ContentFile field: hash it in site_inputs");
static_assert(sizeof(RenderInput) == 504, "a RenderInput field: hash it in site_inputs");
#endif

void add_files(ContentHasher& hash, const std::map<std::string, std::string>& files) {
  hash.add_number(files.size());
  for (const auto& [name, text] : files) {
    hash.add_text(name);
    hash.add_text(text);
  }
}

}  // namespace

std::optional<ContentHash> site_inputs(const RenderInput& input,
                                       const std::vector<std::string_view>& shown) {
  if (!input.conversation_inputs || input.memo.program.empty() || !input.conversation) {
    return std::nullopt;
  }
  const Conversation& conversation = *input.conversation;
  ContentHasher hash(input.memo.key);
  hash.add_text("confab site inputs 1");
  hash.add_text(input.memo.program);
  hash.add_number(input.conversation_inputs->high);
  hash.add_number(input.conversation_inputs->low);
  // The sources as this build reports them, as far as those pages show them: what each is, and
  // whether it has a problem (the hub pages count those). How each fetch went in detail (its
  // status, error and last success: a successful fetch's time moves every build) is on the
  // sources page and the hub's first page only, which are rendered every build.
  hash.add_number(conversation.sources.size());
  for (const SourceReport& source : conversation.sources) {
    for (const std::string* text :
         {&source.id, &source.name, &source.url, &source.feed, &source.discovered_from,
          &source.platform, &source.platform_label}) {
      hash.add_text(*text);
    }
    hash.add_number(static_cast<std::uint64_t>(source.role));
    hash.add_number(source.status == SourceStatus::error || source.status == SourceStatus::gone);
  }
  // The previous build's time moves every build; what pages show of it is which nodes are new.
  std::uint64_t new_nodes = 0;
  for (std::size_t index = 0; index < conversation.nodes.size(); ++index) {
    if (!is_new(conversation.nodes[index], conversation)) continue;
    hash.add_number(index);
    ++new_nodes;
  }
  hash.add_number(new_nodes);
  for (const std::string* text :
       {&input.site_title, &input.base_url, &input.language, &input.webmention}) {
    hash.add_text(*text);
  }
  hash.add_number(input.include_drafts);
  add_files(hash, input.theme.templates);
  add_files(hash, input.theme.static_files);
  add_files(hash, input.theme.i18n);
  hash.add_number(input.content.size());
  for (const ContentFile& file : input.content) {
    hash.add_text(file.path);
    hash.add_text(file.text);
  }
  hash.add_number(shown.size());
  for (const std::string_view value : shown) hash.add_text(value);
  return hash.finish();
}

}  // namespace confab
