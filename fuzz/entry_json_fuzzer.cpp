// libFuzzer target: any bytes as an archived entry's JSON, read the way Archive::history reads
// it (entry_from_json_text: simdjson On-Demand, straight into the fields). It either names what
// it cannot read (EntryJsonError) or gives an entry that survives a round trip unchanged:
// written with entry_to_json and read back, the same JSON again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "archive/entry_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  confab::Entry entry;
  try {
    entry = confab::entry_from_json_text(text);
  } catch (const confab::EntryJsonError&) {
    return 0;
  }
  const std::string written = confab::dump_json(confab::entry_to_json(entry));
  if (confab::dump_json(confab::entry_to_json(confab::entry_from_json_text(written))) != written) {
    std::abort();  // a value the reader took in but cannot read back as it was written
  }
  return 0;
}
