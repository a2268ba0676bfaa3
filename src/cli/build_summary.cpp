#include "cli/build_summary.h"

#include <cstdio>

namespace confab {

namespace {

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void print_build_timings(const BuildReport& report, Console& console) {
  std::string line = "timings:";
  char figure[96];
  for (const StageCost& stage : report.stages) {
    std::snprintf(figure, sizeof figure, " %s %.2f s (peak %ld MiB),", stage.name.c_str(),
                  stage.seconds, stage.peak_kib / 1024);
    line += figure;
  }
  if (line.ends_with(',')) line.pop_back();
  console.info(line);
}

void print_build_summary(const BuildReport& report, Console& console) {
  for (const auto& warning : report.warnings) console.warning(warning);
  if (report.archived) {
    const MergeCounts& merged = *report.archived;
    console.info("archive " + report.archive.string() + ": " + std::to_string(merged.inserted) +
                 " new, " + std::to_string(merged.updated) + " updated, " +
                 std::to_string(merged.removed_upstream) + " removed upstream");
  }
  std::size_t posts = 0, comments = 0, spam = 0, failed = 0;
  for (const auto& node : report.conversation.nodes) {
    if (node.spam) {
      ++spam;
    } else if (node.kind == NodeKind::post) {
      ++posts;
    } else if (node.kind == NodeKind::comment) {
      ++comments;
    }
  }
  for (const auto& source : report.conversation.sources) {
    failed += source.status == SourceStatus::error || source.status == SourceStatus::gone;
  }
  console.info(count(report.conversation.sources.size(), "source", "sources") + " (" +
               std::to_string(failed) + " failed), " + count(posts, "post", "posts") + ", " +
               count(comments, "comment", "comments") + ", " +
               count(report.conversation.threads.size(), "thread", "threads") + ", " +
               std::to_string(spam) + " set aside as spam" +
               (report.conversation_kept
                    ? "; threads kept from the last build (nothing they are made of changed)"
                    : ""));
}

StepProgress progress_on(Console& console) {
  return [&console](const std::string& step, const FetchProgress& progress) {
    console.progress(step, progress);
  };
}

}  // namespace confab
