// The conversation a build threaded, kept beside the archive for the next build: one whose
// threading inputs hash the same (the archive's entry rows, the sources as threading reads them,
// the rel="me" evidence, what site.toml tells threading, and the program) takes it back instead
// of threading again. A scheduled rebuild that found nothing new costs its render, not its
// threading. Nothing is lost when the file is missing, stale or damaged: the build threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/content_hash.h"
#include "config/config.h"
#include "conversation/build_conversation.h"
#include "conversation/conversation.h"
#include "conversation/people.h"

namespace confab {

/// Where the conversation threaded from `archive_file` is kept: beside it, "<name>.conversation".
std::filesystem::path kept_conversation_file(const std::filesystem::path& archive_file);

/// The key the inputs are hashed under: the one `file` was written with, else a new random one
/// (then nothing kept can match). Outsiders write the entries, and must not be able to make two
/// archives hash alike on purpose.
std::uint64_t kept_conversation_key(const std::filesystem::path& file);

/// Everything threading reads, hashed under `key`; nullopt when it cannot be told (a harvest
/// not read back from the archive, a program without a build ID): then nothing is kept.
std::optional<ContentHash> threading_inputs(const SiteConfig& config,
                                            const std::vector<SourceHarvest>& harvests,
                                            const IdentityEvidence& evidence, std::uint64_t key);

/// The bytes of the conversation kept in `file` when it was threaded from `inputs`, checked
/// whole against their hash; nullopt when there is none, it was threaded from other inputs, or
/// the file is damaged.
std::optional<std::string> read_kept_conversation(const std::filesystem::path& file,
                                                  std::uint64_t key, const ContentHash& inputs);

/// The conversation in `bytes` (read_kept_conversation's), with this build's `sources` and
/// `generated`. Throws std::runtime_error naming `file` if the bytes cannot be read, which checked
/// bytes this program wrote never are.
Conversation kept_conversation_from(const std::filesystem::path& file, std::string bytes,
                                    std::vector<SourceReport> sources, UnixTime generated);

/// Keeps `conversation`, threaded from `inputs`, in `file` (replace_file: a reader sees the old
/// file or the new one). Throws std::runtime_error naming the file. Two builds keeping at once
/// may mix their bytes: the hash at the end then refuses the file, and the next build threads.
void keep_conversation(const std::filesystem::path& file, std::uint64_t key,
                       const ContentHash& inputs, const Conversation& conversation);

}  // namespace confab
